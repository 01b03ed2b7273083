"""The Content-Security-Policy refuses nothing the site does: pages, search, hover previews and
the site's own script all work under it, while a script that is not the site's does not run."""
from __future__ import annotations

import html
import re

import pytest

from .browser_harness import is_local
from .test_browser_search import search

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} refused ${event.blockedURI || "inline"}`
                              + ` (${event.sourceFile}:${event.lineNumber})`);
}, true);
"""

PAGES = ["", "actors/kim-jong-un/", "timeline/", "graph/", "claims/"]


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def theme_scripts_ran(page) -> bool:
    """Material's inline bootstrap (allowed by its hash) and its bundle (from 'self') both ran."""
    return page.evaluate("typeof __md_scope !== 'undefined' && document.documentElement.classList.contains('js')")


@pytest.fixture
def csp_page(page):
    page.add_init_script(RECORD_VIOLATIONS)
    return page


@pytest.mark.parametrize("path", PAGES, ids=[path or "home" for path in PAGES])
def test_a_page_works_under_its_policy(csp_page, site_url, path):
    csp_page.goto(site_url + path, wait_until="load")
    csp_page.wait_for_load_state("networkidle")
    assert csp_page.locator('head > meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert theme_scripts_ran(csp_page)
    assert violations(csp_page) == []


def test_the_access_date_script_fills_in_today(csp_page, site_url):
    csp_page.goto(site_url + "actors/kim-jong-un/", wait_until="load")
    dates = csp_page.locator("[data-access-date]")
    assert dates.count() > 0
    for i in range(dates.count()):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", dates.nth(i).inner_text())
    assert violations(csp_page) == []


def test_search_finds_pages_under_the_policy(csp_page, site_url):
    results = search(csp_page, site_url, "Kim Jong Un")
    assert "actors/kim-jong-un/" in [path for path, *_ in results]
    assert violations(csp_page) == []


def test_hovering_an_entity_link_shows_its_preview_under_the_policy(csp_page, site_url, built_site):
    # Material previews only pages listed in sitemap.xml, by their published addresses (from
    # site_url; a build without one lists none): give the browser the sitemap the site would have
    # if it were published at this address.
    pages = sorted(page.parent.relative_to(built_site).as_posix() for page in built_site.rglob("index.html"))
    sitemap = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               + "".join(f"<url><loc>{site_url}{'' if page == '.' else page + '/'}</loc></url>" for page in pages)
               + "</urlset>")
    csp_page.route("**/sitemap.xml", lambda route: route.fulfill(status=200, content_type="application/xml", body=sitemap))
    csp_page.goto(site_url, wait_until="load")
    link = csp_page.locator('article a[data-preview][href^="events/"]').first
    target = csp_page.evaluate("href => fetch(href).then(r => r.text())", link.get_attribute("href"))
    title = html.unescape(re.search(r"<h1[^>]*>(.*?)<", target, re.S).group(1).strip())
    link.hover()
    preview = csp_page.locator(".md-tooltip2--active .md-typeset h3")
    preview.wait_for(state="visible")
    assert title in preview.inner_text()
    assert violations(csp_page) == []


def test_a_script_that_is_not_the_sites_does_not_run(browser, site_url):
    """In a context of its own: the refusals it provokes are what it checks, not a failure of the site."""
    context = browser.new_context()
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort())
    page.add_init_script(RECORD_VIOLATIONS)
    try:
        page.goto(site_url + "actors/kim-jong-un/", wait_until="load")
        page.evaluate("""() => {
            const inline = document.createElement("script");
            inline.textContent = "window.__ran = 'inline'";
            document.body.append(inline);
            const outside = document.createElement("script");
            outside.src = "https://example.org/script.js";
            document.body.append(outside);
            const handler = document.createElement("img");
            handler.setAttribute("onerror", "window.__ran = 'handler'");
            handler.src = "missing.png";
            document.body.append(handler);
        }""")
        page.wait_for_function("window.__cspViolations.length >= 3")
        assert page.evaluate("window.__ran") is None
        refused = violations(page)
        assert any(v.startswith("script-src-elem refused inline") for v in refused), refused
        assert any(v.startswith("script-src-elem refused https://example.org/script.js") for v in refused), refused
        assert any(v.startswith("script-src-attr refused inline") for v in refused), refused
    finally:
        context.close()
