"""The timeline and the relationship graph: a reader follows them to the pages they show."""
from __future__ import annotations

from site_html import entity_url

from .browser_harness import heading, site_path

GRAPH_NODES = "article svg a"
NODE_HREF = ("a => new URL(a.getAttribute('href') || a.getAttribute('xlink:href') || '',"
             " document.baseURI).href.split('#')[0]")


def click_node(page, site_url: str, dataset, nodes: str) -> str:
    """Click the first node of the graph that leads to another entity page, twice (the first click
    selects it and lights its links: test_browser_graph.py; the second opens it); where it went."""
    here = site_path(site_url, page.url)
    links = page.locator(nodes)
    assert links.count(), f"/{here}: no linked node ({nodes})"
    hrefs = links.evaluate_all(f"els => els.map({NODE_HREF})")
    entity_pages = {entity_url(dataset, entity_id): entity_id for entity_id in dataset.ids()}
    for i, href in enumerate(hrefs):
        target = site_path(site_url, href) if href.startswith(site_url) else None
        if target and target != here and target in entity_pages:
            links.nth(i).click()
            with page.expect_navigation() as navigation:
                links.nth(i).click()
            response = navigation.value
            assert response is not None and response.ok, f"{href}: HTTP {response and response.status}"
            assert site_path(site_url, page.url) == target
            assert heading(page) == dataset.name(entity_pages[target])
            return target
    raise AssertionError(f"/{here}: no node links to another entity page: {hrefs[:10]}")


def test_timeline_lists_every_event_in_a_list_and_its_links_work(page, site_url, dataset):
    response = page.goto(site_url + "timeline/")
    assert response is not None and response.ok, f"/timeline/: HTTP {response and response.status}"
    items = page.locator("article ol > li")
    hrefs = page.locator("article ol > li a[href]").evaluate_all(f"els => els.map({NODE_HREF})")
    linked = {site_path(site_url, h) for h in hrefs if h.startswith(site_url)}
    events = {entity_url(dataset, e) for e in dataset.ids() if dataset.kind_of(e) == "event"}
    assert items.count(), "/timeline/ has no <ol> of events"
    assert not events - linked, f"events missing from the timeline's list: {sorted(events - linked)}"
    first = page.locator("article ol > li a[href*='events/']").first
    with page.expect_navigation() as navigation:
        first.click()
    assert navigation.value is not None and navigation.value.ok, f"{page.url}: HTTP error"
    target = site_path(site_url, page.url)
    assert target in events, f"the timeline's first event link led to /{target}"
    assert heading(page) == dataset.name(target.split("/")[1])


def test_actor_page_graph_nodes_lead_to_entity_pages(page, site_url, dataset):
    response = page.goto(site_url + "actors/kim-jong-un/")
    assert response is not None and response.ok
    click_node(page, site_url, dataset, GRAPH_NODES)


def test_graph_page_nodes_lead_to_entity_pages(page, site_url, dataset):
    response = page.goto(site_url + "graph/")
    assert response is not None and response.ok, f"/graph/: HTTP {response and response.status}"
    click_node(page, site_url, dataset, GRAPH_NODES)

