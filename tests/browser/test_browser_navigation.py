"""Finding one's way by clicking: from the home page down to the text a claim is quoted from."""
from __future__ import annotations

from .browser_harness import heading, site_path

START = "kim-jong-un"


def click_link_to(page, site_url: str, target: str, within: str = "article") -> str:
    """Click the first visible text link in `within` that leads to `target` ('events/x/'); its text.

    Text links only: the neighbourhood drawing's SVG nodes are tested in test_browser_timeline_graph.
    """
    links = page.locator(f"{within} a[href]")
    hrefs = links.evaluate_all(
        "els => els.map(a => a instanceof HTMLAnchorElement ? a.href.split('#')[0] : null)")
    for i, href in enumerate(hrefs):
        if href == site_url + target and links.nth(i).is_visible():
            text = " ".join(links.nth(i).inner_text().split())
            links.nth(i).click()
            page.wait_for_url(site_url + target)
            return text
    raise AssertionError(f"no visible link to {target} in {within} on {page.url}")


def test_click_from_home_to_the_source_of_a_claim(page, site_url, dataset):
    # The path, chosen from the data: one of Kim's events that has a claim about it.
    event = next((event for event, _ in dataset.events_of(START) if dataset.claims_about(event)), None)
    assert event, f"{START} takes part in no event that a claim is about"
    claim = dataset.claims_about(event)[0]
    source = dataset.get(claim).appearances[0].source

    page.goto(site_url)
    assert heading(page) == "North Korea, Iran and the United States — who said what"

    steps = [
        ("nav.md-nav--primary", "actors/", "Actors"),
        ("article", f"actors/{START}/", dataset.name(START)),
        ("article", f"events/{event}/", dataset.name(event)),
        ("article", f"claims/{claim}/", dataset.name(claim)),
        ("article", f"sources/{source}/", dataset.name(source)),
    ]
    for within, target, title in steps:
        came_from = site_path(site_url, page.url)
        text = click_link_to(page, site_url, target, within)
        assert site_path(site_url, page.url) == target
        assert heading(page) == title, f"{target} (reached from {came_from or 'home'}): wrong h1"
        assert text, f"the link from {came_from or 'home'} to {target} has no text"
