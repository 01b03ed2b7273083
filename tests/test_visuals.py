"""The timeline and the relationship graphs: honest dates, bounded drawings, every mark a working link.

On the small fixture dataset, whose pages draw the whole timeline and graph as the real site's do.
"""
from __future__ import annotations

import re
from collections import Counter

import yaml

import macros.graph
from hostile_data import fixture_project
from site_build import mkdocs_build
from macros.graph import MAX_LINES, SITE_LIMIT, box_label, neighbourhood, site_graph, text_width, wrap
from macros.pages import build_pages
from macros.render import Linker, render
from macros.synth import write_synthetic_data
from macros.validate import load_dataset
from macros.model import DatePrecision
from site_html import article, elements, entity_url, links, read, resolve, text

YEAR_GROUP = re.compile(r"<h3 id=\"[^\"]*\">(.*?)</h3>\s*<ol class=\"timeline\">(.*?)</ol>", re.S)
EVENT_ITEM = re.compile(r"<li class=\"timeline-event timeline-event--([a-z]+)\"[^>]*>(.*?)</li>", re.S)
EVENT_OPENING = re.compile(r"(<li class=\"timeline-event [^>]*>)(.*?)</li>", re.S)
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
    """Where the drawing's boxes lead: SVG links use xlink:href (see test_no_drawing_has_an_svg_href)."""
    return [resolve(page_url, attributes["xlink:href"]) for tag, attributes in elements(svg) if tag == "a"]


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


def test_each_timeline_event_carries_what_the_filter_needs_and_the_filter_offers_only_that(mini_site, mini_dataset):
    html = article(read(mini_site, "timeline/"))
    carried = {}  # event id -> the attributes of its <li>, as the browser reads them
    for opening, item in EVENT_OPENING.findall(html):
        [event_page] = [resolve("timeline/", href) for href in links(item) if "/events/" in href]
        carried[event_page.split("/")[1]] = elements(opening)[0][1]
    assert set(carried) == set(mini_dataset.events)
    for event_id, event in mini_dataset.events.items():
        actors = {participant.actor for participant in event.participants} | ({event.place} if event.place else set())
        assert set(carried[event_id]["data-actors"].split()) == actors, event_id
        assert set(carried[event_id]["data-sources"].split()) == set(event.sources), event_id
        assert carried[event_id]["data-precision"] == event.date.precision.value, event_id

    form = html[html.index('<form class="timeline-filters"'):html.index("</form>")]
    assert "hidden" in elements(form)[0][1], "without JavaScript the filter must not show"
    offered = {}
    for name in ("actor", "source", "precision"):
        choices = form[form.index(f'<select name="{name}"'):]
        choices = choices[:choices.index("</select>")]
        offered[name] = [attributes["value"] for tag, attributes in elements(choices) if tag == "option"]
    events = mini_dataset.events.values()
    actors = {actor_id for attributes in carried.values() for actor_id in attributes["data-actors"].split()}
    assert offered["actor"] == ["", *mini_dataset.by_name(actors)]
    sources = {source_id for event in events for source_id in event.sources}
    assert offered["source"] == ["", *sorted(sources, key=lambda s: (mini_dataset.short_name(s).casefold(), s))]
    precisions = {event.date.precision for event in events}
    assert offered["precision"] == ["", *(p.value for p in DatePrecision if p in precisions)]


def test_the_timeline_links_to_each_actors_own_timeline(mini_site, mini_dataset):
    html = article(read(mini_site, "timeline/"))
    filter_list = html[html.index('<details class="timeline-actors">'):]
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
    assert "with the most links" not in html


def test_past_its_limit_the_site_graph_draws_the_most_linked_and_says_where_the_others_are(tmp_path, monkeypatch):
    data = tmp_path / "data"
    write_synthetic_data(data, 400, seed=5)
    dataset = load_dataset(data)
    everything = len(dataset.actors) + len(dataset.events)
    assert everything > SITE_LIMIT
    with monkeypatch.context() as unlimited:
        unlimited.setattr(macros.graph, "SITE_LIMIT", everything)
        whole = site_graph(dataset)
    graph = site_graph(dataset)
    drawn = {node.entity_id for node in graph.nodes}
    assert len(drawn) == SITE_LIMIT and graph.left_out == everything - SITE_LIMIT
    links = Counter(end for line in whole.edges for end in (line.edge.source, line.edge.target))
    assert min(links[i] for i in drawn) >= max(links[node.entity_id] for node in whole.nodes if node.entity_id not in drawn)
    assert {line.edge for line in graph.edges} == {line.edge for line in whole.edges
                                                   if line.edge.source in drawn and line.edge.target in drawn}
    assert graph.start in drawn

    page = render("graph_site.md.j2", dataset=dataset, link=Linker(dataset, "graph.md"))
    said = (f"The drawing holds the {SITE_LIMIT} actors and events with the most links. The other "
            f"{everything - SITE_LIMIT} are on the [actors](actors/index.md) and [events](events/index.md) pages")
    assert said in page
    assert {"actors/index.md", "events/index.md"} <= set(build_pages(dataset))
    listed = re.findall(r'^<li><a href="([^"]+)">', page, re.M)
    assert listed == [Linker(dataset, "graph.md").url(node.entity_id) for node in graph.nodes]


BREAKS = ("-", "–", "—", "/")  # a label may break after these as well as between words


def in_whole_words(lines, full: str) -> bool:
    """Whether a label's lines read `full`, or its beginning up to the end of a word and then '…':
    never a word cut short."""
    shown = ""
    for line in lines:
        shown += line if not shown or shown.endswith(BREAKS) else " " + line
    if shown == full:
        return True
    kept = shown.removesuffix("…")
    return kept != shown and full.startswith(kept) and (kept.endswith(BREAKS) or not full[len(kept)].isalnum())


def every_drawing(dataset):
    return [site_graph(dataset), *(neighbourhood(dataset, actor_id) for actor_id in dataset.actors)]


def test_the_same_data_always_gives_the_same_drawing_with_no_boxes_overlapping(mini_dataset):
    for graph in every_drawing(mini_dataset):
        assert graph == (site_graph(mini_dataset) if graph.key == "site" else neighbourhood(mini_dataset, graph.key))
        for a in graph.nodes:
            for b in graph.nodes:
                if a is not b and a.column == b.column:
                    assert a.y + a.height <= b.y or b.y + b.height <= a.y, (graph.key, a.entity_id, b.entity_id)
            assert 0 <= a.x and a.x + a.width <= graph.width and 0 <= a.y and a.y + a.height <= graph.height
        assert graph.start in {node.entity_id for node in graph.nodes}, graph.key


def test_every_label_fits_its_box_in_whole_words(mini_dataset):
    for graph in every_drawing(mini_dataset):
        for node in graph.nodes:
            assert 1 <= len(node.lines) <= MAX_LINES, node
            for line in node.lines:
                assert text_width(line, bold=node.centre) <= node.width - 16, (graph.key, node.entity_id, line)
            assert in_whole_words(node.lines, box_label(mini_dataset, node.entity_id)), node


def test_a_long_name_is_broken_between_words_and_shortened_after_a_whole_word():
    name = "Unnamed author of “How Trump’s Iran strikes doomed his North Korea strategy” (source 001)"
    lines = wrap(name, 160)
    assert len(lines) == MAX_LINES and lines[-1].endswith("…")
    assert all(text_width(line) <= 160 for line in lines)
    assert in_whole_words(lines, name), lines
    assert wrap("Russia–North Korea Comprehensive Strategic Partnership treaty", 200) == (
        "Russia–North Korea", "Comprehensive Strategic", "Partnership treaty")
    assert wrap("Kim", 200) == ("Kim",)
    assert wrap("Supercalifragilisticexpialidocious", 60)[0].endswith("…")  # no line can hold it whole


def test_no_drawing_has_an_svg_href(mini_site, mini_dataset):
    """Material's hover preview rewrites every [href] of the page it previews with `el.href = …`,
    which an SVG <a> refuses ("Cannot set property href of #<SVGAElement>"): a page with one
    could not be previewed. The boxes link with xlink:href instead."""
    for url in ["graph/", *(entity_url(mini_dataset, actor_id) for actor_id in mini_dataset.actors)]:
        html = article(read(mini_site, url))
        for svg in re.findall(r"<svg\b.*?</svg>", html, re.S):
            assert not [attributes for tag, attributes in elements(svg) if "href" in attributes], url


def test_each_drawn_link_names_its_ends_and_how_each_end_relates_to_the_other(mini_site, mini_dataset):
    """What docs/javascripts/graph.js reads to light a box's links and to list them under it."""
    svg = drawing(article(read(mini_site, "graph/")))
    boxes = {attributes["data-id"] for tag, attributes in elements(svg) if tag == "a"}
    edges = [attributes for tag, attributes in elements(svg) if tag == "path" and "graph-edge" in attributes.get("class", "")]
    assert edges
    for edge in edges:
        assert {edge["data-from"], edge["data-to"]} <= boxes, edge
        assert edge["data-label"].strip() and edge["data-inverse"].strip(), edge
    start = re.search(r'data-start="([^"]*)"', svg).group(1)
    assert start in mini_dataset.actors


def test_hostile_text_in_a_name_stays_text_in_the_drawings_and_the_timeline(tmp_path):
    hostile = "</text><script>alert(1)</script><a href=\"javascript:alert(2)\">x</a> {{ 7*7 }}"
    project = fixture_project(tmp_path / "project")
    actor = project / "data" / "actors" / "queen-flavia.yaml"
    fields = yaml.safe_load(actor.read_text(encoding="utf-8"))
    fields["name"] = fields["short_name"] = hostile  # the box shows the short name, its title the name
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
