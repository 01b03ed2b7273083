"""The timeline as a reader uses it: the events come first, on a phone as on a desktop, and a
filter by actor, source and date precision shows some of them in place and says how many.

On the real site and on the small fixture dataset, so the filter follows whatever the data holds.
The expected events are worked out from the data, never read back from the page.
"""
from __future__ import annotations

import re

import pytest

from hostile_data import hostile_project
from site_build import mkdocs_build

from .browser_harness import DESKTOP, PHONE, PageLog, serve

FIELDS = ("actor", "source", "precision")
EVENTS = "article li.timeline-event"
STATUS = ".timeline-filter-status"
SHOW_ALL = ".timeline-show-all"
# [event id, shown?] for every event of the timeline, in page order.
EVENTS_SHOWN = ("els => els.map(el => [el.querySelector('.timeline-title a').getAttribute('href')"
                ".split('/').filter(Boolean).pop(), el.checkVisibility()])")


@pytest.fixture(scope="module")
def mini_site_url(mini_site):
    with serve(mini_site) as base:
        yield base


@pytest.fixture(params=["real", "mini"])
def site(request):
    """(base URL, its dataset): the real site and the fixture dataset's."""
    if request.param == "real":
        return request.getfixturevalue("site_url"), request.getfixturevalue("dataset")
    return request.getfixturevalue("mini_site_url"), request.getfixturevalue("mini_dataset")


def event_has(dataset, event_id: str, field: str, value: str) -> bool:
    event = dataset.events[event_id]
    if field == "actor":
        return value in {participant.actor for participant in event.participants} | {event.place}
    if field == "source":
        return value in event.sources
    return event.date.precision.value == value


def shown(page) -> list[str]:
    return [event_id for event_id, visible in page.locator(EVENTS).evaluate_all(EVENTS_SHOWN) if visible]


def choices(page, field: str) -> list[str]:
    return page.locator(f"select[name={field}] option").evaluate_all("os => os.map(o => o.value).filter(Boolean)")


def open_timeline(page, base: str, query: str = ""):
    response = page.goto(base + "timeline/" + query)
    assert response is not None and response.ok, f"/timeline/{query}: HTTP {response and response.status}"
    page.locator(".timeline-filters").wait_for(state="visible")


def every_shown_year_has_events_and_no_empty_year_shows(page) -> None:
    for heading, events in page.locator("article ol.timeline").evaluate_all(
            "ls => ls.map(l => [l.previousElementSibling.checkVisibility(),"
            " l.querySelectorAll(':scope > li:not([hidden])').length])"):
        assert heading == (events > 0), "a year's heading shows without its events, or hides with them"


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_the_first_event_is_on_the_first_screen(request, site_url, screen):
    page = request.getfixturevalue("phone_page" if screen == "phone" else "page")
    height = (PHONE if screen == "phone" else DESKTOP)["height"]
    open_timeline(page, site_url)
    title = page.locator(f"{EVENTS} .timeline-title").first.bounding_box()
    assert title["y"] + title["height"] <= height, (
        f"the first event's title ends {title['y'] + title['height']:.0f}px down a {height}px {screen} screen")


@pytest.mark.parametrize("field", FIELDS)
def test_a_choice_shows_only_its_events_says_how_many_and_show_all_brings_them_back(page, site, field):
    base, dataset = site
    open_timeline(page, base)
    everything = dataset.events_in_order()
    assert shown(page) == everything
    assert page.locator(STATUS).inner_text() == f"All {len(everything)} events are shown."
    values = choices(page, field)
    assert values, f"the {field} filter offers nothing"
    for value in values:
        page.select_option(f"select[name={field}]", value)
        expected = [e for e in everything if event_has(dataset, e, field, value)]
        assert expected, f"{field} {value} is offered but has no event"
        assert shown(page) == expected, f"{field} {value}"
        assert page.locator(STATUS).inner_text() == f"{len(expected)} of {len(everything)} events shown."
        every_shown_year_has_events_and_no_empty_year_shows(page)
    page.locator(SHOW_ALL).click()
    assert shown(page) == everything
    assert page.locator(STATUS).inner_text() == f"All {len(everything)} events are shown."
    assert page.locator(f"select[name={field}]").input_value() == ""


def test_choices_combine_and_each_option_counts_what_it_would_show(page, site_url, dataset):
    open_timeline(page, site_url)
    everything = dataset.events_in_order()
    actor = max(choices(page, "actor"), key=lambda a: sum(event_has(dataset, e, "actor", a) for e in everything))
    page.select_option("select[name=actor]", actor)
    of_actor = [e for e in everything if event_has(dataset, e, "actor", actor)]
    for option in page.locator("select[name=precision] option").all()[1:]:
        precision = option.get_attribute("value")
        count = sum(event_has(dataset, e, "precision", precision) for e in of_actor)
        assert option.inner_text().endswith(f"({count})"), (precision, option.inner_text())
        assert option.is_disabled() == (count == 0), precision
    precision = next(p for p in choices(page, "precision") if any(event_has(dataset, e, "precision", p) for e in of_actor))
    page.select_option("select[name=precision]", precision)
    both = [e for e in of_actor if event_has(dataset, e, "precision", precision)]
    assert shown(page) == both
    assert page.locator(STATUS).inner_text() == f"{len(both)} of {len(everything)} events shown."


def test_a_filtered_timeline_can_be_linked_to(page, site_url, dataset):
    source = next(iter(dataset.sources))
    open_timeline(page, site_url, f"?source={source}")
    assert shown(page) == [e for e in dataset.events_in_order() if source in dataset.events[e].sources]
    page.locator(SHOW_ALL).click()
    assert "source=" not in page.url
    page.select_option("select[name=precision]", "day")
    assert page.url.endswith("?precision=day")


def test_a_choice_in_the_address_that_the_filter_does_not_offer_is_ignored(page, site_url, dataset):
    open_timeline(page, site_url, "?actor=no-such-actor&precision=day")
    assert page.locator("select[name=actor]").input_value() == ""
    assert shown(page) == [e for e in dataset.events_in_order() if event_has(dataset, e, "precision", "day")]


def test_without_javascript_every_event_is_listed_and_no_control_shows(browser, site):
    base, dataset = site
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        log = PageLog(page)
        page.goto(base + "timeline/?actor=no-such-actor&precision=day")
        assert shown(page) == dataset.events_in_order()
        assert page.locator(".timeline-filters").count() == 1
        assert not page.locator(".timeline-filters").is_visible()
        assert not log.problems(), log.describe()
    finally:
        context.close()


def test_nothing_scrolls_sideways_on_a_phone_filtered_or_not(phone_page, site_url, dataset):
    page = phone_page
    open_timeline(page, site_url)

    def width() -> int:
        return page.evaluate("document.documentElement.scrollWidth")

    assert width() <= PHONE["width"], f"the timeline is {width()}px wide on a {PHONE['width']}px phone"
    longest = max(choices(page, "source"), key=lambda s: len(dataset.name(s)))
    page.select_option("select[name=source]", longest)
    assert width() <= PHONE["width"], f"filtered, the timeline is {width()}px wide on a {PHONE['width']}px phone"
    for select in page.locator(".timeline-filters select").all():
        box = select.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], "a choice sticks out of the screen"


LAYOUT_SHIFT = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) total += e.value; }))
    .observe({type: 'layout-shift', buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => done(total)));
})"""
SLOW_NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 100_000}


def test_the_events_do_not_move_when_the_filter_appears(phone_page, site_url):
    """On a slow phone the page is drawn before its scripts run: the filter, shown by its script,
    must take a place already kept for it, not push the events down (Lighthouse measured a layout
    shift of 0.13 when it did)."""
    page = phone_page
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", SLOW_NETWORK)
    open_timeline(page, site_url)
    shift = page.evaluate(LAYOUT_SHIFT)
    assert shift < 0.01, f"the timeline moved while it loaded (cumulative layout shift {shift:.3f})"


def test_an_event_on_a_phone_reads_date_title_and_one_line(phone_page, site_url):
    page = phone_page
    open_timeline(page, site_url)
    for item in page.locator(EVENTS).all()[:6]:
        participants = item.locator(".timeline-participants")
        if participants.count():
            lines = participants.evaluate("p => Math.round(p.getBoundingClientRect().height"
                                          " / parseFloat(getComputedStyle(p).lineHeight))")
            assert lines == 1, f"the participants take {lines} lines: {participants.inner_text()}"


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    project, _ = hostile_project(tmp_path_factory.mktemp("hostile-timeline") / "project")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output[-3000:]
    with serve(build.site) as base:
        yield base


def test_every_choice_on_a_hostile_timeline_runs_nothing_from_the_data(page, hostile_url):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_timeline(page, hostile_url)
    total = page.locator(EVENTS).count()
    for field in FIELDS:
        for value in choices(page, field):
            page.select_option(f"select[name={field}]", value)
            assert re.fullmatch(rf"\d+ of {total} events? shown\.", page.locator(STATUS).inner_text())
        page.locator(SHOW_ALL).click()
    assert page.evaluate("typeof window.__pwned") == "undefined", "text from the data ran"
    assert not dialogs, dialogs
    assert page.locator(".timeline-filters script, .timeline-filters img").count() == 0
