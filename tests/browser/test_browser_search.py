"""Search as a reader uses it: type into the search box in the site's header (Pagefind's index,
in Material's dialog; docs/javascripts/search.js) and read the results, in Chromium."""
from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import urlsplit

import pytest

from .browser_harness import (DESKTOP, PHONE, LOCAL_HOST, PageLog, SEARCH_BOX, SEARCH_RESULT, serve, site_path,
                              type_search)
from .test_browser_accessibility import AXE_JS, SERIOUS, describe

KIM = "actors/kim-jong-un/"
NORTH_KOREA = "actors/north-korea/"
NIS = "actors/nis/"
PARK = "actors/park-sun-won/"
HANOI = "actors/hanoi/"
TRUMP = "actors/donald-trump/"
STANDOFF = "events/trump-kim-2017-verbal-standoff/"
HANOI_SUMMIT = "events/hanoi-summit-2019/"
CEASEFIRE = "events/trump-ceasefire-announcement/"
FIRE_AND_FURY_ONLY = {STANDOFF, "claims/kim-will-recall-fire-and-fury/", "claims/fire-and-fury-gave-way-to-diplomacy/"}
KINDS = {"Actor", "Event", "Claim", "Source", "Page"}


def search(page, site_url: str, query: str) -> list[tuple[str, str, str]]:
    """Type `query` into the search box; the results shown, as (site path, kind, text).

    The page is reused between queries: the box is emptied and the old results are gone before
    the new query is typed, so every result read belongs to `query`.
    """
    if not page.url.startswith(site_url):
        page.goto(site_url)
    said = type_search(page, query)
    if said is not None:
        raise AssertionError(f"no search result for {query!r} (the search says: {said!r})")
    return read_results(page, site_url)


def read_results(page, site_url: str) -> list[tuple[str, str, str]]:
    items = page.locator(SEARCH_RESULT)
    results = []
    for i in range(items.count()):
        item = items.nth(i)
        href = item.locator("a").first.evaluate("a => a.href")
        results.append((site_path(site_url, href.split("?")[0].split("#")[0]),
                        item.locator(".md-tag").first.inner_text(), " ".join(item.inner_text().split())))
    return results


def every_result(page, site_url: str, query: str) -> list[tuple[str, str, str]]:
    """All the results of `query`: a few are shown at first, more as the last one scrolls into view."""
    results = search(page, site_url, query)
    total = int(page.locator(".md-search-result__meta").inner_text().split()[0])
    while len(results) < total:
        page.locator(SEARCH_RESULT).last.scroll_into_view_if_needed()
        page.locator(SEARCH_RESULT).nth(len(results)).wait_for(state="attached")
        results = read_results(page, site_url)
    return results


def shown(results, n=5) -> str:
    return "\n".join(f"  {i + 1}. {path} [{kind}] {text[:90]}" for i, (path, kind, text) in enumerate(results[:n]))


@pytest.mark.parametrize("query, first", [
    ("Kim Jong Un", KIM), ("Kim Jong-un", KIM), ("kim jong un", KIM), ("김정은", KIM),
    ("북한", NORTH_KOREA), ("DPRK", NORTH_KOREA), ("Pyongyang", NORTH_KOREA),
    ("국정원", NIS), ("국가정보원", NIS), ("NIS", NIS),
    ("Park Sun-won", PARK), ("Park Sun Won", PARK), ("박선원", PARK),
    ("Hanoi", HANOI), ("Ha Noi", HANOI), ("Hà Nội", HANOI),
    ("Trump", TRUMP),  # a name that is also a word of a hundred other pages
    ("fire and fury", STANDOFF),
])
def test_the_page_named_comes_first_in_any_script_and_spelling(shared_page, site_url, query, first):
    results = search(shared_page, site_url, query)
    assert results[0][0] == first, f"results for {query!r}:\n{shown(results)}"
    expected_kind = "Event" if first.startswith("events/") else "Actor"
    assert results[0][1] == expected_kind, f"results for {query!r}:\n{shown(results)}"


def test_every_result_says_what_kind_of_page_it_is(shared_page, site_url):
    results = every_result(shared_page, site_url, "Hanoi")
    kinds = {path: kind for path, kind, _ in results}
    assert set(kinds.values()) <= KINDS, shown(results, 30)
    assert kinds[HANOI] == "Actor" and kinds[HANOI_SUMMIT] == "Event", shown(results, 30)
    assert kinds["claims/trump-walked-away-at-hanoi/"] == "Claim" and kinds["glossary/"] == "Page", shown(results, 30)
    assert [path for path, _, _ in results[:3]].count(HANOI_SUMMIT) == 1, "the summit is among the first three"
    source = search(shared_page, site_url, "How Trump's Iran strikes doomed his North Korea strategy")  # ’ on the page
    assert source[0][:2] == ("sources/trump-iran-strikes-doomed-nk-strategy/", "Source"), shown(source)


def test_cease_fire_finds_the_ceasefire_and_not_fire_and_fury(shared_page, site_url):
    results = every_result(shared_page, site_url, "cease-fire")
    paths = [path for path, _, _ in results]
    assert CEASEFIRE in paths[:3], shown(results)
    assert not FIRE_AND_FURY_ONLY & set(paths), shown(results, 30)
    assert all("ceasefire" in text.lower() for _, _, text in results), shown(results, 30)


def test_a_result_shows_a_readable_excerpt_with_the_words_marked(shared_page, site_url):
    search(shared_page, site_url, "Pyongyang")
    first = shared_page.locator(SEARCH_RESULT).first
    excerpt = first.locator("p").first
    assert len(excerpt.inner_text().split()) >= 10
    assert [mark.lower().strip("“”.,") for mark in excerpt.locator("mark").all_inner_texts()][:1] == ["pyongyang"]


def test_search_result_opens_the_page(page, site_url):
    """Clicking the first result lands on the page, with the words searched for marked."""
    results = search(page, site_url, "DPRK")
    assert results[0][0] == NORTH_KOREA, shown(results)
    page.locator(SEARCH_RESULT).first.locator("a").first.click()
    page.wait_for_url(f"{site_url}{NORTH_KOREA}**")
    mark = page.locator("article mark").first
    mark.wait_for(state="attached", timeout=5_000)  # search.highlight marks the query on the page
    assert mark.inner_text().lower() == "dprk"


def test_the_keyboard_opens_moves_through_and_closes_the_search(page, site_url):
    page.goto(site_url + "timeline/")
    page.keyboard.press("/")
    box = page.locator(SEARCH_BOX)
    assert box.evaluate("box => box === document.activeElement"), "/ focuses the search box"
    page.keyboard.type("Pyongyang")
    page.locator(SEARCH_RESULT).first.wait_for(state="visible")
    links = page.locator(f"{SEARCH_RESULT} a")
    page.keyboard.press("ArrowDown")
    assert links.first.evaluate("a => a === document.activeElement"), "ArrowDown moves to the first result"
    page.keyboard.press("ArrowDown")
    assert links.nth(1).evaluate("a => a === document.activeElement"), "and on to the next"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert box.evaluate("box => box === document.activeElement"), "ArrowUp goes back to the box"
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked"), "Escape closes the search"
    page.keyboard.press("s")
    assert box.evaluate("box => box === document.activeElement"), "s focuses the search box"
    assert box.input_value() == "Pyongyang"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}{NORTH_KOREA}**")  # Enter opens the first result


def test_a_search_fetches_only_parts_of_the_index_from_the_site_itself(browser, built_site):
    """Every request of a search, its worker's included (counted by the server), goes to the site
    on 127.0.0.1, and fetches a few parts of the index rather than all of it: at this site's size,
    less than Material's single index file alone (514 KB)."""
    served: list[tuple[str, int]] = []

    class Counting(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002
            pass

        def send_header(self, keyword, value):
            if keyword == "Content-Length":
                served.append((urlsplit(self.path).path, int(value)))
            super().send_header(keyword, value)

    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(Counting, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        log = PageLog(page)
        page.goto(base + "actors/")
        page.wait_for_load_state("networkidle")
        served.clear()
        results = search(page, base, "Kim Jong Un")
        page.wait_for_load_state("networkidle")
        assert results[0][0] == KIM
        assert not log.problems(), log.describe()  # nothing failed, nothing left 127.0.0.1
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    paths = [path for path, _ in served]
    assert paths and all(path.startswith("/pagefind/") for path in paths), paths
    assert any(path.startswith("/pagefind/index/") for path in paths) and any("/fragment/" in path for path in paths)
    fragments = len(list((built_site / "pagefind" / "fragment").iterdir()))
    assert sum("/fragment/" in path for path in paths) < fragments / 5, "only the results shown are fetched"
    assert sum(size for _, size in served) < 300 * 1024, served


def test_search_works_on_a_phone(phone_page, site_url):
    page = phone_page
    page.goto(site_url + "timeline/")
    page.locator("label[for=__search]").first.click()
    box = page.locator(SEARCH_BOX)
    assert box.is_visible(), "the search icon did not open the search"
    box.fill("국정원")
    first = page.locator(SEARCH_RESULT).first
    first.wait_for(state="visible")
    results = read_results(page, site_url)
    assert results[0][:2] == (NIS, "Actor"), shown(results)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the search results are {width}px wide on a {PHONE['width']}px phone"
    box_right = first.bounding_box()
    assert box_right["x"] >= 0 and box_right["x"] + box_right["width"] <= PHONE["width"]


def test_search_works_under_a_sub_path(browser, built_site):
    """Served from /explainer/ (as on GitHub Pages): the engine, its index and the results' links
    all resolve under the sub-path."""
    with serve(built_site, mount="/explainer/") as base:
        context = browser.new_context(viewport=DESKTOP)
        try:
            page = context.new_page()
            log = PageLog(page)
            page.goto(base + "claims/")
            results = search(page, base, "DPRK")
            assert results[0][0] == NORTH_KOREA, shown(results)
            page.locator(SEARCH_RESULT).first.locator("a").first.click()
            page.wait_for_url(f"{base}{NORTH_KOREA}**")
            assert not log.problems(), log.describe()
        finally:
            context.close()


def test_the_open_search_with_results_has_no_serious_accessibility_violation(page, site_url):
    page.add_init_script(path=str(AXE_JS))
    search(page, site_url, "Hanoi")
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in result["violations"] if v.get("impact") in SERIOUS]
    assert not serious, describe(serious)
