"""The reader's view: light and dark, the home page on one screen, lists that sort and filter in
place (and are whole without JavaScript), and citations that name the page's real address."""
from __future__ import annotations

import axe_playwright_python  # noqa: F401  (the test below needs axe.min.js from it)
import pytest

from .browser_harness import DESKTOP, PHONE, PageLog, nav_pages, site_path
from .test_browser_accessibility import AXE_JS, ENTITY_PAGES, SERIOUS, describe

LAPTOP = {"width": 1366, "height": 900}
SCHEME = "document.body.getAttribute('data-md-color-scheme')"
INDEXES = {"claims/": "claims", "actors/": "actors", "events/": "events", "sources/": "sources"}


def scheme_toggle(page):
    """Material's palette toggle: the one of its labels that is shown."""
    return page.locator("form[data-md-component=palette] label:visible").first


# --- light and dark ---------------------------------------------------------------------------

def test_the_dark_mode_toggle_switches_the_scheme_and_every_page_keeps_it(page, site_url):
    page.goto(site_url)
    assert page.evaluate(SCHEME) == "default", "a reader whose system is light starts light"
    toggle = scheme_toggle(page)
    assert toggle.get_attribute("title") == "Switch to dark mode"
    toggle.click()
    page.wait_for_function(f"{SCHEME} === 'slate'")
    for path in ("claims/", "actors/kim-jong-un/", "browse/claims-by-kind/"):
        page.goto(site_url + path)
        assert page.evaluate(SCHEME) == "slate", f"/{path} forgot the reader's choice of dark"
    page.reload()
    assert page.evaluate(SCHEME) == "slate"
    scheme_toggle(page).click()
    page.wait_for_function(f"{SCHEME} === 'default'")
    page.goto(site_url)
    assert page.evaluate(SCHEME) == "default"


def test_a_reader_whose_system_is_dark_gets_the_dark_scheme(page, site_url):
    page.emulate_media(color_scheme="dark")
    page.goto(site_url)
    assert page.evaluate(SCHEME) == "slate"
    assert scheme_toggle(page).get_attribute("title") == "Switch to light mode"


def axe_violations(page, url: str, scheme: str) -> list:
    page.emulate_media(color_scheme=scheme)
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    assert page.evaluate(SCHEME) == ("slate" if scheme == "dark" else "default")
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in SERIOUS]


@pytest.mark.parametrize("path", nav_pages() + ENTITY_PAGES + ["browse/claims-by-claimant/", "browse/disagreements/"])
def test_no_serious_accessibility_violation_in_the_dark_scheme(page, site_url, path):
    page.add_init_script(path=str(AXE_JS))
    serious = axe_violations(page, site_url + path, "dark")
    assert not serious, f"/{path} in the dark scheme:\n{describe(serious)}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "claims/", "actors/", "browse/claims-by-kind/"])
def test_no_serious_accessibility_violation_on_a_phone(phone_page, site_url, path, scheme):
    phone_page.add_init_script(path=str(AXE_JS))
    serious = axe_violations(phone_page, site_url + path, scheme)
    assert not serious, f"/{path} on a phone, {scheme}:\n{describe(serious)}"


# --- the home page ------------------------------------------------------------------------------

HOME_LINKS = ["browse/disagreements/", "timeline/", "whos-who/", "claims/"]


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_home_page_says_what_and_where_the_texts_disagree_on_one_screen(browser, request, site_url, viewport):
    context = browser.new_context(viewport=viewport, is_mobile=viewport is PHONE, has_touch=viewport is PHONE)
    try:
        page = context.new_page()
        request.node.__dict__.setdefault("_page_logs", []).append(PageLog(page))
        page.goto(site_url, wait_until="load")
        height = viewport["height"]

        def bottom(locator) -> float:
            box = locator.bounding_box()
            assert box is not None, f"{locator} is not shown"
            return box["y"] + box["height"]

        assert bottom(page.locator(".home-lead")) <= height
        positions = page.locator(".home-positions .grid li")
        assert positions.count() == 2, "the central disagreement shows two positions"
        for index in range(2):
            position = positions.nth(index)
            assert bottom(position) <= height, f"position {index + 1} is below the fold"
            claimant_and_claim = [site_path(site_url, href) for href in
                                  position.locator("a").evaluate_all("links => links.map(a => a.href)")]
            assert any(path.startswith("claims/") for path in claimant_and_claim)
            assert any(path.startswith("actors/") for path in claimant_and_claim)
        links = page.locator(".home-links a")
        hrefs = [site_path(site_url, href) for href in links.evaluate_all("links => links.map(a => a.href)")]
        assert hrefs == HOME_LINKS
        for index in range(links.count()):
            assert bottom(links.nth(index)) <= height, f"{hrefs[index]} is below the fold"
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    finally:
        context.close()


# --- lists: sort and filter in place, whole without JavaScript ----------------------------------

def rows_shown(page) -> list[str]:
    return page.locator(".entity-list tbody tr:not([hidden]) td:first-child a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")


def test_the_claims_index_filters_and_sorts_in_place(page, site_url, dataset):
    page.goto(site_url + "claims/")
    total = len(dataset.claims)
    listed = rows_shown(page)
    assert len(listed) == total
    status = page.locator(".list-tools [role=status]")
    assert status.inner_text() == f"Showing all {total} claims."

    # A menu for a column of few values: only that kind is left.
    kind = page.get_by_label("Kind", exact=True)
    kind.select_option("prediction")
    predictions = sum(claim.kind.value == "prediction" for claim in dataset.claims.values())
    assert len(rows_shown(page)) == predictions
    assert status.inner_text() == f"Showing {predictions} of {total} claims."
    kind.select_option("")

    # Words typed: every one must appear in the row, whatever its case and accents.
    claim_id = "nis-distancing-possibly-to-revive-us-engagement"
    page.get_by_label("Filter", exact=True).fill("REVIVE diplomatic engagement possibly")
    shown = rows_shown(page)
    assert f"{claim_id}/" in shown and len(shown) < total
    page.get_by_label("Filter", exact=True).fill("no claim says this zzqx")
    assert rows_shown(page) == [] and status.inner_text().startswith("No claims match")
    page.get_by_label("Filter", exact=True).fill("")
    assert len(rows_shown(page)) == total

    # Sorting: latest first puts dated claims in order and undated ones last; "as listed" restores.
    page.get_by_label("Sort", exact=True).select_option(label="Made, latest first")
    keys = page.locator(".entity-list tbody tr td:last-child").evaluate_all(
        "cells => cells.map(c => c.getAttribute('data-sort'))")
    dated = [key for key in keys if key]
    assert dated == sorted(dated, reverse=True) and keys == dated + [None] * (len(keys) - len(dated))
    page.get_by_label("Sort", exact=True).select_option(label="Claimant, A to Z")
    names = page.locator(".entity-list tbody tr td:nth-child(2)").evaluate_all("cells => cells.map(c => c.textContent)")
    assert page.evaluate("names => names.every((n, i) => i === 0 || new Intl.Collator(undefined, "
                         "{numeric: true, sensitivity: 'base'}).compare(names[i - 1], n) <= 0)", names)
    page.get_by_label("Sort", exact=True).select_option(label="as listed")
    assert rows_shown(page) == listed


def test_a_browse_page_filters_its_groups_in_place(page, site_url, dataset):
    page.goto(site_url + "browse/claims-by-claimant/")
    items = page.locator(".entity-list > ul > li")
    assert items.count() == len(dataset.claims)
    page.get_by_label("Filter", exact=True).fill("NIS Believes")
    visible = page.locator(".entity-list > ul > li:not([hidden])")
    assert 0 < visible.count() < len(dataset.claims)
    assert all("nis" in item.lower() and "believes" in item.lower() for item in visible.all_inner_texts())
    # A group is shown exactly when something in it is.
    groups = page.locator(".entity-list > h2").evaluate_all("""headings => headings.map(h => {
        let shown = 0;
        for (let next = h.nextElementSibling; next && next.tagName !== 'H2'; next = next.nextElementSibling) {
            if (next.tagName === 'UL') shown += next.querySelectorAll(':scope > li:not([hidden])').length;
        }
        return [h.hidden, shown];
    })""")
    assert any(shown for _, shown in groups) and all(hidden == (shown == 0) for hidden, shown in groups)
    assert page.locator(".list-tools [role=status]").inner_text() == (
        f"Showing {visible.count()} of {len(dataset.claims)} claims.")
    page.get_by_label("Sort", exact=True).select_option(label="Z to A")
    page.get_by_label("Filter", exact=True).fill("")
    assert page.locator(".entity-list > ul > li:not([hidden])").count() == len(dataset.claims)


def test_without_javascript_every_list_is_whole_and_fits_a_phone(browser, request, site_url, dataset):
    context = browser.new_context(viewport=PHONE, is_mobile=True, java_script_enabled=False)
    try:
        page = context.new_page()
        request.node.__dict__.setdefault("_page_logs", []).append(PageLog(page))
        for path, folder in INDEXES.items():
            page.goto(site_url + path)
            assert page.locator(".list-tools").count() == 0, "no controls that cannot work"
            hrefs = rows_shown(page)
            assert {f"{path}{href}" for href in hrefs} == {f"{folder}/{entity_id}/" for entity_id in getattr(dataset, folder)}
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
            label = page.locator(".entity-list tbody tr td[data-label]").first.evaluate(
                "cell => getComputedStyle(cell, '::before').content")
            assert label.strip('"'), f"/{path}: a card's values are not labelled"
        for facet in ("claims-by-kind", "claims-by-hedge", "claims-by-status", "claims-by-claimant"):
            page.goto(site_url + f"browse/{facet}/")
            assert page.locator(".entity-list > ul > li").count() == len(dataset.claims), facet
    finally:
        context.close()


@pytest.mark.parametrize("path", list(INDEXES))
def test_an_index_is_a_stack_of_cards_on_a_phone_and_a_table_on_a_laptop(phone_page, site_url, path):
    phone_page.goto(site_url + path)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone_page.locator(".entity-list table").bounding_box()["width"] <= PHONE["width"]
    row = phone_page.locator(".entity-list tbody tr").first
    assert row.evaluate("row => getComputedStyle(row).display") == "flex"
    assert phone_page.locator(".entity-list thead").bounding_box()["height"] <= 1, "headings shown twice"
    phone_page.set_viewport_size(LAPTOP)
    headings = phone_page.locator(".entity-list thead th")
    cells = row.locator("td")
    assert headings.count() == cells.count()
    for index in range(cells.count()):  # each value under its column's heading
        heading, cell = headings.nth(index).bounding_box(), cells.nth(index).bounding_box()
        assert abs(heading["x"] - cell["x"]) < 1 and abs(heading["width"] - cell["width"]) < 1


# --- citations ---------------------------------------------------------------------------------

def test_a_citation_gives_the_address_the_page_is_read_at(page, site_url):
    page.goto(site_url + "actors/kim-jong-un/?h=kim#cite-this-page")
    addresses = page.locator("[data-page-address]").all_inner_texts()
    assert addresses == [site_url + "actors/kim-jong-un/"] * 2
    dates = page.locator("[data-access-date]").all_inner_texts()
    assert len(dates) == 2 and all(len(date) == 10 for date in dates)
