"""The timeline and the relationship graphs: honest dates, bounded drawings, every mark a working link."""
from __future__ import annotations

import re

import yaml

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


def test_the_timeline_page_groups_every_event_by_year_in_date_order(built_site, dataset):
    html = article(read(built_site, "timeline/"))
    groups = timeline_groups(html, "timeline/")
    shown = [event_page for _, events in groups for event_page, _, _ in events]
    assert shown == [entity_url(dataset, e) for e in dataset.events_in_order()]
    headings = [heading for heading, _ in groups]
    years = sorted({expected_group(event) for event in dataset.events.values()} - {"Year not stated", "Undated"})
    assert headings == years + ["Year not stated", "Undated"]
    for heading, events in groups:
        for event_page, _, _ in events:
            assert expected_group(dataset.events[event_page.split("/")[1]]) == heading, event_page


def test_an_event_without_a_stated_year_is_listed_apart_and_not_dated_as_a_day(built_site, dataset):
    html = article(read(built_site, "timeline/"))
    items = {event_page: (heading, precision, item) for heading, events in timeline_groups(html, "timeline/")
             for event_page, precision, item in events}
    heading, marker, item = items["events/late-february-conflict-us-israel/"]
    assert heading == "Year not stated" and marker == "approximate"
    assert "late February, year not stated" in text(item) and "precision: approximate" in text(item)
    for event_id, event in dataset.events.items():
        heading, marker, item = items[entity_url(dataset, event_id)]
        datetimes = [attributes.get("datetime") for tag, attributes in elements(item) if tag == "time"]
        start = event.date.start_date
        if start is None or start.year is None or event.date.precision.value in ("approximate", "unknown"):
            assert not datetimes, (event_id, datetimes)
        else:
            assert datetimes and datetimes[0] == start.iso(), (event_id, datetimes)
        assert marker == event.date.precision.value, event_id
        assert f"basis: {event.date.basis.value.replace('-', ' ')}" in text(item), event_id


def test_every_timeline_entry_links_its_event_and_participants(built_site, dataset):
    html = article(read(built_site, "timeline/"))
    for heading, events in timeline_groups(html, "timeline/"):
        for event_page, _, item in events:
            event = dataset.events[event_page.split("/")[1]]
            linked = {resolve("timeline/", href) for href in links(item)}
            for participant in event.participants:
                assert entity_url(dataset, participant.actor) in linked, (event_page, participant.actor)


def test_the_timeline_links_to_each_actors_own_timeline(built_site, dataset):
    html = article(read(built_site, "timeline/"))
    filter_list = html[html.index('<details class="timeline-filter">'):]
    filter_list = filter_list[:filter_list.index("</details>")]
    targets = set(links(filter_list))
    for actor_id in dataset.actors:
        if dataset.events_of(actor_id):
            assert f"../actors/{actor_id}/#timeline" in targets, actor_id


def test_an_actor_page_has_a_timeline_of_exactly_its_events(built_site, dataset):
    for actor_id in dataset.actors:
        url = entity_url(dataset, actor_id)
        html = article(read(built_site, url))
        events = [entity_url(dataset, e) for e, _ in dataset.events_of(actor_id)]
        if not events:
            assert 'id="timeline"' not in html, actor_id
            continue
        groups = timeline_groups(section(html, "timeline"), url)
        assert [event_page for _, items in groups for event_page, _, _ in items] == list(dict.fromkeys(events)), actor_id


def test_an_actor_page_draws_a_bounded_neighbourhood_whose_nodes_all_lead_to_pages(built_site, dataset):
    for actor_id in dataset.actors:
        url = entity_url(dataset, actor_id)
        html = article(read(built_site, url))
        if not (dataset.backlinks(actor_id) or dataset.actors[actor_id].affiliations):
            assert 'id="neighbourhood"' not in html, actor_id  # nothing to draw
            continue
        svg = drawing(section(html, "neighbourhood"))
        pages = node_pages(svg, url)
        assert 1 < len(pages) <= MOST_NODES, (actor_id, len(pages))
        assert pages[0] == url, actor_id  # the actor itself, at the centre
        for page in pages:
            assert (built_site / page / "index.html").is_file(), (actor_id, page)
        assert 'role="group"' in svg and "<title" in svg and "<desc" in svg
        listed = {resolve(url, href) for href in links(text_alternative(section(html, "neighbourhood")))}
        assert set(pages) <= listed, actor_id


def test_a_crowded_neighbourhood_says_what_it_leaves_out(built_site, dataset):
    html = article(read(built_site, "actors/north-korea/"))
    caption = text(section(html, "neighbourhood"))
    drawn_claims = sum(page.startswith("claims/") for page in node_pages(drawing(html), "actors/north-korea/"))
    linked_claims = {*dataset.claims_about("north-korea"), *dataset.claims_by("north-korea"),
                     *(claim_id for claim_id, _ in dataset.claims_relayed_by("north-korea"))}
    hidden = len(linked_claims) - drawn_claims
    assert f"{hidden} claims linked to North Korea" in caption


def test_the_graph_page_draws_every_actor_and_event_and_lists_the_same_nodes_and_links(built_site, dataset):
    html = article(read(built_site, "graph/"))
    svg = drawing(html)
    drawn = node_pages(svg, "graph/")
    expected = {entity_url(dataset, e) for e in (*dataset.actors, *dataset.events)}
    assert len(drawn) == len(set(drawn)) and set(drawn) == expected
    alternative = text_alternative(html)
    entries = re.findall(r"<li><a href=\"([^\"]+)\">", alternative)  # the top-level entries, one per node
    assert [resolve("graph/", href) for href in entries] == drawn
    assert alternative.count(" — <a href=") == svg.count('<path class="graph-edge')


def test_the_same_data_always_gives_the_same_drawing_with_no_boxes_overlapping(dataset):
    for graph in [site_graph(dataset), *(neighbourhood(dataset, actor_id) for actor_id in dataset.actors)]:
        assert graph == (site_graph(dataset) if graph.key == "site" else neighbourhood(dataset, graph.key))
        for a in graph.nodes:
            for b in graph.nodes:
                if a is not b and a.column == b.column:
                    assert abs(a.y - b.y) >= a.height, (graph.key, a.entity_id, b.entity_id)
            assert 0 <= a.x and a.x + a.width <= graph.width and 0 <= a.y and a.y + a.height <= graph.height


def test_hostile_text_in_a_name_stays_text_in_the_drawings_and_the_timeline(project):
    hostile = "</text><script>alert(1)</script><a href=\"javascript:alert(2)\">x</a> {{ 7*7 }}"
    actor = project / "data" / "actors" / "kim-jong-un.yaml"
    fields = yaml.safe_load(actor.read_text(encoding="utf-8"))
    fields["name"] = hostile
    actor.write_text(yaml.safe_dump(fields, allow_unicode=True), encoding="utf-8")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    for url in ("actors/kim-jong-un/", "graph/", "timeline/"):
        html = article(read(build.site, url))
        tags = elements(html)
        assert not [tag for tag, _ in tags if tag == "script"], url
        assert not [a for _, a in tags if (a.get("href") or "").startswith("javascript:")], url
        assert hostile in text(html), url
    svg = drawing(article(read(build.site, "graph/")))
    assert "<title>Actor: &lt;/text&gt;&lt;script&gt;" in svg
