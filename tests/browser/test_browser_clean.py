"""Pages load without a console error, a failed request, or any request leaving 127.0.0.1.

The check itself runs after every browser test (conftest.py); these tests make sure a sample of
pages is opened: home, every page in the nav (the index pages), one page per entity kind, and
the search interaction. Material with `theme.font: false` must not fetch Google Fonts.
"""
from __future__ import annotations

import pytest

from .browser_harness import heading, nav_pages

ONE_PER_KIND = ["actors/kim-jong-un/", "events/hanoi-summit-2019/",
                "claims/trump-walked-away-at-hanoi/", "sources/trump-iran-strikes-doomed-nk-strategy/"]


@pytest.mark.parametrize("path", nav_pages() + ONE_PER_KIND)
def test_page_loads_cleanly(page, site_url, path):
    response = page.goto(site_url + path, wait_until="load")
    assert response is not None and response.ok, f"/{path}: HTTP {response and response.status}"
    assert heading(page), f"/{path} has no h1"
    page.wait_for_load_state("networkidle")  # late loads (favicon, search index) are checked too
    fonts = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert not [f for f in fonts if "Roboto" in f], f"/{path} loaded web fonts: {fonts}"


def test_search_interaction_is_clean(page, site_url):
    """Open the search, type, read results, open one: nothing fails, nothing leaves the machine."""
    page.goto(site_url + "events/hanoi-summit-2019/")
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.press_sequentially("Kim", delay=20)  # as typed: one query per key
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(site_url)
