"""The graphs as a reader uses them, and the hover previews of links to entity pages.

A reader points at or selects a box and sees its links lit and the rest dimmed; on a phone the
drawing shows one box with only its links, in text as large as the page's; the keyboard does
everything the pointer does; the list under the drawing says the same without it. Hovering a
link to an actor (whose page holds a drawing) previews that page, wherever the site is served.
Any console or JavaScript error fails a test (conftest.py).
"""
from __future__ import annotations

import re

import pytest

from site_html import entity_url
from test_site_paths import serving
from test_visuals import in_whole_words

from .browser_harness import heading, serve, site_path

GRAPH_PAGES = ["graph/", "actors/kim-jong-un/"]
DRAWING = "article figure.graph svg.graph-svg"
SHOWN_NODES = "article figure.graph .graph-node:visible"
PREVIEW = ".md-tooltip2--active .md-typeset h3"
SMALLEST_TEXT = 12  # px, as rendered on the screen
PHONE_WIDTH = 390


def node_id(locator) -> str:
    return locator.get_attribute("data-id")


def linked_ids(page, entity_id: str) -> set[str]:
    """The boxes one edge away from `entity_id` in the page's drawing."""
    return set(page.locator(DRAWING).first.evaluate(
        """(svg, id) => Array.from(svg.querySelectorAll('.graph-edge'))
             .filter(e => e.dataset.from === id || e.dataset.to === id)
             .map(e => e.dataset.from === id ? e.dataset.to : e.dataset.from)""", entity_id)) - {entity_id}


def lighting(page) -> dict:
    """What the drawing shows lit: the focused box, the lit boxes and edges, and how visible each is."""
    return page.locator(DRAWING).first.evaluate("""svg => {
        const opacity = el => Number(getComputedStyle(el).opacity);
        const nodes = Array.from(svg.querySelectorAll('.graph-node'));
        const edges = Array.from(svg.querySelectorAll('.graph-edge'));
        return {
            lit: svg.classList.contains('graph--lit'),
            focus: nodes.filter(n => n.classList.contains('is-focus')).map(n => n.dataset.id),
            current: nodes.filter(n => n.getAttribute('aria-current') === 'true').map(n => n.dataset.id),
            nodes: Object.fromEntries(nodes.map(n => [n.dataset.id, opacity(n)])),
            edges: edges.map(e => ({from: e.dataset.from, to: e.dataset.to, opacity: opacity(e)})),
        };
    }""")


def assert_lit(page, entity_id: str) -> None:
    """`entity_id`'s box and links stand out; every other box and link is dimmed."""
    shown = lighting(page)
    assert shown["lit"] and shown["focus"] == [entity_id], shown["focus"]
    neighbours = linked_ids(page, entity_id)
    assert neighbours, f"{entity_id} has no links to light"
    for other, opacity in shown["nodes"].items():
        if other == entity_id or other in neighbours:
            assert opacity == 1, (entity_id, other, opacity)
        else:
            assert opacity <= 0.5, f"{other} is not linked to {entity_id} but is not dimmed ({opacity})"
    for edge in shown["edges"]:
        if entity_id in (edge["from"], edge["to"]):
            assert edge["opacity"] == 1, (entity_id, edge)
        else:
            assert edge["opacity"] <= 0.2, (entity_id, edge)


def busiest_node(page) -> str:
    """A box of the drawing with the most links, so that lighting it shows something."""
    return page.locator(DRAWING).first.evaluate("""svg => {
        const count = new Map();
        for (const e of svg.querySelectorAll('.graph-edge'))
            for (const id of [e.dataset.from, e.dataset.to]) count.set(id, (count.get(id) || 0) + 1);
        return [...count.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    }""")


def node(page, entity_id: str):
    return page.locator(f'{DRAWING} .graph-node[data-id="{entity_id}"]')


# --- hover previews -----------------------------------------------------------------------


def claim_with_actor(dataset) -> tuple[str, str]:
    """A claim and its claimant: a claim page links its claimant, whose page holds a drawing."""
    claim_id = sorted(dataset.claims)[0]
    return claim_id, dataset.claims[claim_id].claimant


def hover_actor_link(page, base: str, dataset) -> None:
    claim_id, actor_id = claim_with_actor(dataset)
    response = page.goto(base + entity_url(dataset, claim_id))
    assert response is not None and response.ok
    links = page.locator("article a[href]")
    hrefs = links.evaluate_all("els => els.map(a => a.href.split('#')[0])")
    target = base + entity_url(dataset, actor_id)
    assert target in hrefs, f"the page of {claim_id} does not link its claimant {actor_id}"
    link = links.nth(hrefs.index(target))
    link.scroll_into_view_if_needed()
    link.hover()
    preview = page.locator(PREVIEW)
    preview.wait_for(state="visible")
    assert dataset.name(actor_id) in preview.inner_text()


def test_hovering_an_actor_link_on_a_claim_page_shows_its_preview(page, site_url, dataset):
    hover_actor_link(page, site_url, dataset)


@pytest.mark.parametrize("mount", ["/explainer/", "/another/copy/"])
def test_the_preview_works_wherever_the_site_is_served(page, built_site, dataset, mount):
    with serving(built_site, mount) as base:
        hover_actor_link(page, base, dataset)


# --- lighting a box's links -----------------------------------------------------------------


@pytest.mark.parametrize("path", GRAPH_PAGES)
def test_clicking_a_box_lights_its_links_and_clicking_it_again_opens_its_page(page, site_url, dataset, path):
    page.goto(site_url + path)
    assert not lighting(page)["lit"], "the drawing starts with a box lit on a wide screen"
    chosen = busiest_node(page)
    node(page, chosen).click()
    assert site_path(site_url, page.url) == path, "the first click opened the page instead of selecting the box"
    page.mouse.move(1, 1)  # pointing elsewhere leaves the selected box lit
    assert_lit(page, chosen)
    assert lighting(page)["current"] == [chosen]
    named = page.locator("article .graph-status a").first.evaluate("a => a.href")
    assert site_path(site_url, named) == entity_url(dataset, chosen), "the status does not link the selected box"
    with page.expect_navigation():
        node(page, chosen).click()
    assert site_path(site_url, page.url) == entity_url(dataset, chosen)
    assert heading(page) == dataset.name(chosen)


@pytest.mark.parametrize("path", GRAPH_PAGES)
def test_once_the_script_runs_every_box_also_links_with_a_plain_href(page, site_url, path):
    """The page as served links each box with xlink:href only, so that Material can preview it
    (tests/test_visuals.py); the script gives the same address as href, which link checkers and
    crawlers read (Lighthouse found the boxes "not crawlable" without it)."""
    page.goto(site_url + path)
    links = page.locator(f"{DRAWING} a.graph-node").evaluate_all(
        "els => els.map(a => [a.getAttribute('href'), a.getAttributeNS('http://www.w3.org/1999/xlink', 'href')])")
    assert links, "the drawing has no boxes"
    assert all(plain and plain == old for plain, old in links), [pair for pair in links if pair[0] != pair[1]][:3]


def test_pointing_at_a_box_lights_it_until_the_pointer_leaves(page, site_url):
    page.goto(site_url + "graph/")
    chosen = busiest_node(page)
    node(page, chosen).hover()
    assert_lit(page, chosen)
    page.mouse.move(1, 1)
    assert not lighting(page)["lit"]


@pytest.mark.parametrize("path", GRAPH_PAGES)
def test_the_keyboard_selects_with_enter_or_space_and_escape_clears(page, site_url, dataset, path):
    page.goto(site_url + path)
    chosen = busiest_node(page)
    box = node(page, chosen)
    box.focus()
    assert box.evaluate("el => el === document.activeElement"), "a box cannot take the keyboard focus"
    assert_lit(page, chosen)  # focus lights, as pointing does
    page.keyboard.press("Enter")
    assert site_path(site_url, page.url) == path, "Enter on an unselected box opened its page"
    assert lighting(page)["current"] == [chosen]
    assert_lit(page, chosen)
    page.keyboard.press("Escape")
    assert lighting(page)["current"] == [] and not lighting(page)["focus"]
    page.keyboard.press("Space")
    assert lighting(page)["current"] == [chosen]
    page.keyboard.press("Escape")
    # Tab moves on to the next box, which lights in turn.
    page.keyboard.press("Tab")
    following = page.evaluate("document.activeElement.dataset.id")
    assert following and following != chosen
    assert lighting(page)["focus"] == [following]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # select
    with page.expect_navigation():
        page.keyboard.press("Enter")  # and open
    assert site_path(site_url, page.url) == entity_url(dataset, chosen)


def test_only_its_links_shows_the_selected_box_with_the_boxes_linked_to_it(page, site_url):
    page.goto(site_url + "graph/")
    chosen = busiest_node(page)
    node(page, chosen).click()
    page.locator("article .graph-view").first.click()
    shown = {node_id(page.locator(SHOWN_NODES).nth(i)) for i in range(page.locator(SHOWN_NODES).count())}
    assert shown == {chosen} | linked_ids(page, chosen)
    page.locator("article .graph-view").first.click()
    assert page.locator(SHOWN_NODES).count() == page.locator(f"{DRAWING} .graph-node").count()


# --- a phone ---------------------------------------------------------------------------


def rendered_labels(page) -> list[dict]:
    """Each shown box's label as drawn: its lines, its size on screen, and whether it fits its box."""
    return page.locator(DRAWING).first.evaluate("""svg => Array.from(svg.querySelectorAll('.graph-node'))
        .filter(n => n.getClientRects().length)
        .map(n => {
            const text = n.querySelector('text');
            const rect = n.querySelector('rect');
            const scale = text.getScreenCTM().a;
            const lines = Array.from(text.querySelectorAll('tspan'));
            return {
                id: n.dataset.id,
                lines: lines.map(t => t.textContent),
                px: parseFloat(getComputedStyle(text).fontSize) * scale,
                widest: Math.max(...lines.map(t => t.getComputedTextLength())),
                room: Number(rect.getAttribute('width')),
            };
        })""")


@pytest.mark.parametrize("path", GRAPH_PAGES)
def test_on_a_phone_the_drawing_shows_one_box_and_its_links_in_legible_whole_words(phone_page, site_url, dataset, path):
    page = phone_page
    page.goto(site_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH, f"/{path} scrolls sideways"
    svg = page.locator(DRAWING).first
    assert "graph--ego" in svg.get_attribute("class"), "a phone shows the whole drawing scaled down"
    start = svg.get_attribute("data-start")
    shown = {node_id(page.locator(SHOWN_NODES).nth(i)) for i in range(page.locator(SHOWN_NODES).count())}
    assert shown == {start} | linked_ids(page, start)
    labels = rendered_labels(page)
    assert {label["id"] for label in labels} == shown
    for label in labels:
        assert label["px"] >= SMALLEST_TEXT, f"{label['id']}: its label is {label['px']:.1f}px on a phone"
        assert label["widest"] <= label["room"] - 8, f"{label['id']}: {label['lines']} overflows its box"
        full = dataset.short_name(label["id"])
        full = full[:1].upper() + full[1:]
        assert in_whole_words(label["lines"], full), f"{label['id']}: {label['lines']} cuts {full!r} inside a word"
    captions = page.locator(f"{DRAWING} .graph-caption")
    assert captions.count() >= 1
    caption_px = captions.first.evaluate("t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a")
    assert caption_px >= SMALLEST_TEXT


@pytest.mark.parametrize("path", GRAPH_PAGES)
def test_tapping_a_linked_box_on_a_phone_moves_to_it(phone_page, site_url, path):
    page = phone_page
    page.goto(site_url + path)
    svg = page.locator(DRAWING).first
    start = svg.get_attribute("data-start")
    others = [i for i in range(page.locator(SHOWN_NODES).count())
              if node_id(page.locator(SHOWN_NODES).nth(i)) != start]
    assert others, f"/{path}: the start box has no links"
    target = page.locator(SHOWN_NODES).nth(others[-1])
    chosen = node_id(target)
    target.tap()
    assert site_path(site_url, page.url) == path, "a tap on a linked box opened its page"
    shown = {node_id(page.locator(SHOWN_NODES).nth(i)) for i in range(page.locator(SHOWN_NODES).count())}
    assert shown == {chosen} | linked_ids(page, chosen)
    assert lighting(page)["current"] == [chosen]
    top = page.locator("article .graph-controls").first.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 844, "after the tap the selected box is out of sight"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    # The whole drawing, at full size, scrolls inside its frame, not the page.
    page.locator("article .graph-view").first.tap()
    assert page.locator(SHOWN_NODES).count() == page.locator(f"{DRAWING} .graph-node").count()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH, "the whole drawing widens the page"
    assert min(label["px"] for label in rendered_labels(page)) >= SMALLEST_TEXT


# --- without the drawing, or without the script -----------------------------------------------


@pytest.mark.parametrize("path", GRAPH_PAGES)
def test_the_drawing_has_a_text_alternative_listing_every_box_and_link(page, site_url, path):
    page.goto(site_url + path)
    svg = page.locator(DRAWING).first
    names = svg.evaluate("svg => svg.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id)?.textContent)")
    assert svg.get_attribute("role") == "group" and all(names), names
    listed = page.locator("article details.graph-list").first
    summary = listed.locator("summary").inner_text()
    boxes = page.locator(f"{DRAWING} .graph-node").count()
    edges = page.locator(f"{DRAWING} .graph-edge").count()
    assert re.search(rf"\b{boxes} entries, {edges} links\b", summary), summary
    listed.locator("summary").click()
    entries = listed.locator(":scope > ul > li")
    assert entries.count() == boxes
    assert listed.locator("li li").count() == edges
    assert listed.locator("a[href]").first.is_visible()


@pytest.mark.parametrize("path", GRAPH_PAGES)
def test_without_javascript_a_phone_gets_the_drawing_at_full_size_in_its_own_frame(browser, site_url, path):
    context = browser.new_context(java_script_enabled=False, viewport={"width": PHONE_WIDTH, "height": 844},
                                  is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url) else route.abort())
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH, f"/{path} scrolls sideways"
        assert min(label["px"] for label in rendered_labels(page)) >= SMALLEST_TEXT
        frame = page.locator("article .graph-frame").first
        assert frame.evaluate("el => el.scrollWidth > el.clientWidth"), "the drawing was shrunk to the phone's width"
        assert page.locator("article details.graph-list a[href]").count() >= page.locator(f"{DRAWING} .graph-node").count()
    finally:
        context.close()


@pytest.fixture(scope="module")
def mini_url(mini_site):
    """The site of the fixture dataset (tests/fixtures/mini), served as the real one is."""
    with serve(mini_site) as base:
        yield base


def test_the_reader_view_works_on_any_dataset_as_on_the_real_one(page, phone_page, mini_url, mini_dataset):
    """The fixture dataset's graph and actor pages: lit links on a wide screen, one box and its
    links on a phone, labels legible, nothing wider than the phone."""
    actor_id = max(mini_dataset.actors, key=lambda a: len(mini_dataset.backlinks(a)))
    for path in ("graph/", entity_url(mini_dataset, actor_id)):
        page.goto(mini_url + path)
        chosen = busiest_node(page)
        node(page, chosen).click()
        assert_lit(page, chosen)
        phone_page.goto(mini_url + path)
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH, f"/{path} scrolls sideways"
        svg = phone_page.locator(DRAWING).first
        start = svg.get_attribute("data-start")
        assert start, f"/{path}: the drawing names no box to start from"
        if "graph--ego" in svg.get_attribute("class"):
            shown = {node_id(phone_page.locator(SHOWN_NODES).nth(i)) for i in range(phone_page.locator(SHOWN_NODES).count())}
            assert shown == {start} | linked_ids(phone_page, start)
        assert min(label["px"] for label in rendered_labels(phone_page)) >= SMALLEST_TEXT
