"""The timeline and the relationship graphs: honest dates, bounded drawings, every mark a working link.

On the small fixture dataset, whose pages draw the whole timeline and graph as the real site's do.
"""
from __future__ import annotations

import re

import yaml

from hostile_data import fixture_project
from site_build import mkdocs_build
from macros.graph import neighbourhood, site_graph
from site_html import article, elements, entity_url, links, read, resolve, text

YEAR_GROUP = re.compile(r"<h3 id=\"[^\"]*\">(.*?)</h3>\s*<ol class=\"timeline\">(.*?)</ol>", re.S)
EVENT_ITEM = re.compile(r"<li class=\"timeline-event timeline-event--([a-z]+)\">(.*?)</li>", re.S)
PERMALINK = re.compile(r"<a class=\"headerlink\".*?</a>", re.S)
MOST_NODES = 13  # an actor and at most 12 events, claims and actors around it


def expected_group(event) -> str:
    start = event.date.start_date
    if start is None:
        return "Undated"
    return "Year not stated" if start.year is None else str(start.year)


def timeline_groups(html: str, page_url: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(heading, [(event page, marker precision, item HTML)]) for each year group, in page order."""
    groups = []
    for heading, items in YEAR_GROUP.findall(html):
        events = []
        for precision, item in EVENT_ITEM.findall(items):
            event_pages = [resolve(page_url, href) for href in links(item) if "/events/" in href]
            events.append((event_pages[0], precision, item))
        groups.append((text(PERMALINK.sub("", heading)).strip(), events))
    return groups


def section(html: str, heading_id: str) -> str:
    """From the <h2> with this id to the next <h2>."""
    start = re.search(rf'<h2[^>]* id="{heading_id}"', html).start()
    end = html.find("<h2", start + 1)
    return html[start:end if end >= 0 else len(html)]


def drawing(html: str) -> str:
    start = html.index('<svg class="graph-svg"')
    return html[start:html.index("</svg>", start)]


def node_pages(svg: str, page_url: str) -> list[str]:
    return [resolve(page_url, attributes["href"]) for tag, attributes in elements(svg) if tag == "a"]


def text_alternative(html: str) -> str:
    start = html.index('<details class="graph-list">')
    return html[start:html.index("</details>", start)]


def test_the_timeline_page_groups_every_event_by_year_in_date_order(mini_site, mini_dataset):
    html = article(read(mini_site, "timeline/"))
    groups = timeline_groups(html, "timeline/")
    shown = [event_page for _, events in groups for event_page, _, _ in events]
    assert shown == [entity_url(mini_dataset, e) for e in mini_dataset.events_in_order()]
    headings = [heading for heading, _ in groups]
    expected = {expected_group(event) for event in mini_dataset.events.values()}
    apart = [group for group in ("Year not stated", "Undated") if group in expected]
    assert apart == ["Year not stated", "Undated"], "the fixture should have events of both kinds"
    assert headings == sorted(expected - set(apart)) + apart
    for heading, events in groups:
        for event_page, _, _ in events:
            assert expected_group(mini_dataset.events[event_page.split("/")[1]]) == heading, event_page


def test_an_event_without_a_stated_year_is_listed_apart_and_not_dated_as_a_day(mini_site, mini_dataset):
    html = article(read(mini_site, "timeline/"))
    items = {event_page: (heading, precision, item) for heading, events in timeline_groups(html, "timeline/")
             for event_page, precision, item in events}
    without_year = [event_id for event_id, event in mini_dataset.events.items()
                    if event.date.start_date and event.date.start_date.year is None]
    assert without_year, "the fixture should have an event whose year is not stated"
    for event_id in without_year:
        heading, marker, item = items[entity_url(mini_dataset, event_id)]
        date = mini_dataset.events[event_id].date
        assert heading == "Year not stated", event_id
        assert date.shown() in text(item) and f"precision: {date.precision.value}" in text(item), event_id
    for event_id, event in mini_dataset.events.items():
        heading, marker, item = items[entity_url(mini_dataset, event_id)]
        datetimes = [attributes.get("datetime") for tag, attributes in elements(item) if tag == "time"]
        start = event.date.start_date
        if start is None or start.year is None or event.date.precision.value in ("approximate", "unknown"):
            assert not datetimes, (event_id, datetimes)
        else:
            assert datetimes and datetimes[0] == start.iso(), (event_id, datetimes)
        assert marker == event.date.precision.value, event_id
        assert f"basis: {event.date.basis.value.replace('-', ' ')}" in text(item), event_id


def test_every_timeline_entry_links_its_event_and_participants(mini_site, mini_dataset):
    html = article(read(mini_site, "timeline/"))
    for heading, events in timeline_groups(html, "timeline/"):
        for event_page, _, item in events:
            event = mini_dataset.events[event_page.split("/")[1]]
            linked = {resolve("timeline/", href) for href in links(item)}
            for participant in event.participants:
                assert entity_url(mini_dataset, participant.actor) in linked, (event_page, participant.actor)


def test_the_timeline_links_to_each_actors_own_timeline(mini_site, mini_dataset):
    html = article(read(mini_site, "timeline/"))
    filter_list = html[html.index('<details class="timeline-filter">'):]
    filter_list = filter_list[:filter_list.index("</details>")]
    targets = set(links(filter_list))
    for actor_id in mini_dataset.actors:
        if mini_dataset.events_of(actor_id):
            assert f"../actors/{actor_id}/#timeline" in targets, actor_id


def test_an_actor_page_has_a_timeline_of_exactly_its_events(mini_site, mini_dataset):
    for actor_id in mini_dataset.actors:
        url = entity_url(mini_dataset, actor_id)
        html = article(read(mini_site, url))
        events = [entity_url(mini_dataset, e) for e, _ in mini_dataset.events_of(actor_id)]
        if not events:
            assert 'id="timeline"' not in html, actor_id
            continue
        groups = timeline_groups(section(html, "timeline"), url)
        assert [event_page for _, items in groups for event_page, _, _ in items] == list(dict.fromkeys(events)), actor_id


def test_an_actor_page_draws_a_bounded_neighbourhood_whose_nodes_all_lead_to_pages(mini_site, mini_dataset):
    for actor_id in mini_dataset.actors:
        url = entity_url(mini_dataset, actor_id)
        html = article(read(mini_site, url))
        if not (mini_dataset.backlinks(actor_id) or mini_dataset.actors[actor_id].affiliations):
            assert 'id="neighbourhood"' not in html, actor_id  # nothing to draw
            continue
        svg = drawing(section(html, "neighbourhood"))
        pages = node_pages(svg, url)
        assert 1 < len(pages) <= MOST_NODES, (actor_id, len(pages))
        assert pages[0] == url, actor_id  # the actor itself, at the centre
        for page in pages:
            assert (mini_site / page / "index.html").is_file(), (actor_id, page)
        assert 'role="group"' in svg and "<title" in svg and "<desc" in svg
        listed = {resolve(url, href) for href in links(text_alternative(section(html, "neighbourhood")))}
        assert set(pages) <= listed, actor_id


def test_a_crowded_neighbourhood_says_what_it_leaves_out(mini_site, mini_dataset):
    crowded = 0
    for actor_id in mini_dataset.actors:
        url = entity_url(mini_dataset, actor_id)
        html = article(read(mini_site, url))
        if 'id="neighbourhood"' not in html:
            continue
        drawn_claims = sum(page.startswith("claims/") for page in node_pages(drawing(html), url))
        linked_claims = {*mini_dataset.claims_about(actor_id), *mini_dataset.claims_by(actor_id),
                         *(claim_id for claim_id, _ in mini_dataset.claims_relayed_by(actor_id))}
        hidden = len(linked_claims) - drawn_claims
        if hidden:
            crowded += 1
            caption = text(section(html, "neighbourhood"))
            assert f"{hidden} claim{'s' if hidden > 1 else ''} linked to {mini_dataset.name(actor_id)}" in caption
    assert crowded, "the fixture should have an actor with more claims than its drawing shows"


def test_the_graph_page_draws_every_actor_and_event_and_lists_the_same_nodes_and_links(mini_site, mini_dataset):
    html = article(read(mini_site, "graph/"))
    svg = drawing(html)
    drawn = node_pages(svg, "graph/")
    expected = {entity_url(mini_dataset, e) for e in (*mini_dataset.actors, *mini_dataset.events)}
    assert len(drawn) == len(set(drawn)) and set(drawn) == expected
    alternative = text_alternative(html)
    entries = re.findall(r"<li><a href=\"([^\"]+)\">", alternative)  # the top-level entries, one per node
    assert [resolve("graph/", href) for href in entries] == drawn
    assert alternative.count(" — <a href=") == svg.count('<path class="graph-edge')


def test_the_same_data_always_gives_the_same_drawing_with_no_boxes_overlapping(mini_dataset):
    for graph in [site_graph(mini_dataset), *(neighbourhood(mini_dataset, actor_id) for actor_id in mini_dataset.actors)]:
        assert graph == (site_graph(mini_dataset) if graph.key == "site" else neighbourhood(mini_dataset, graph.key))
        for a in graph.nodes:
            for b in graph.nodes:
                if a is not b and a.column == b.column:
                    assert abs(a.y - b.y) >= a.height, (graph.key, a.entity_id, b.entity_id)
            assert 0 <= a.x and a.x + a.width <= graph.width and 0 <= a.y and a.y + a.height <= graph.height


def test_hostile_text_in_a_name_stays_text_in_the_drawings_and_the_timeline(tmp_path):
    hostile = "</text><script>alert(1)</script><a href=\"javascript:alert(2)\">x</a> {{ 7*7 }}"
    project = fixture_project(tmp_path / "project")
    actor = project / "data" / "actors" / "queen-flavia.yaml"
    fields = yaml.safe_load(actor.read_text(encoding="utf-8"))
    fields["name"] = hostile
    actor.write_text(yaml.safe_dump(fields, allow_unicode=True), encoding="utf-8")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    for url in ("actors/queen-flavia/", "graph/", "timeline/"):
        html = article(read(build.site, url))
        tags = elements(html)
        assert not [tag for tag, _ in tags if tag == "script"], url
        assert not [a for _, a in tags if (a.get("href") or "").startswith("javascript:")], url
        assert hostile in text(html), url
    svg = drawing(article(read(build.site, "graph/")))
    assert "<title>Actor: &lt;/text&gt;&lt;script&gt;" in svg
