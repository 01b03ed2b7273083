"""A phone-sized screen (390×844): the home page fits, and search opens from its icon."""
from __future__ import annotations

from .browser_harness import heading, site_path


def test_phone_home_renders_and_search_finds_dprk(phone_page, site_url):
    page = phone_page
    page.goto(site_url)
    assert heading(page) == "North Korea, Iran and the United States — who said what"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the home page is {width}px wide on a 390px phone: it scrolls sideways"
    assert page.locator("article h1").first.is_visible()
    page.locator("label[for=__search]").first.click()
    box = page.locator("input[data-md-component=search-query]")
    assert box.is_visible(), "the search icon did not open the search overlay"
    box.fill("DPRK")
    box.press("End")
    first = page.locator(".md-search-result__item").first
    first.wait_for(state="visible")
    href = first.locator("a").first.evaluate("a => a.href.split('?')[0]")
    assert site_path(site_url, href) == "actors/north-korea/"
