"""The site's own address: no placeholder is ever published.

mkdocs.yml takes site_url from the SITE_URL environment variable (the publish workflow sets it).
Without one, no page, structured data, feed, sitemap or download names an address it cannot know:
a citation says "this page's address" and the browser fills it in (tests/browser/
test_browser_reader.py), and the JSON-LD links pages by addresses relative to the page. With one,
every citation, canonical link, JSON-LD reference, feed and sitemap entry uses it.
"""
from __future__ import annotations

import json
import posixpath
import re

import pytest

from macros.render import built_url
from macros.structured_data import page_address, structured_data
from site_build import PROJECT, mkdocs_build, site_url
from site_html import article, read, text

PLACEHOLDER = "example.org"
PUBLISHED = "https://news.example.net/explainer/"
PUBLISHED_FILES = (".html", ".json", ".xml", ".csv", ".txt")  # pages, JSON-LD, feeds, sitemap, downloads


def json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def published_text(site):
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in PUBLISHED_FILES:
            yield path.relative_to(site).as_posix(), path.read_text(encoding="utf-8", errors="replace")


def test_no_published_file_names_the_placeholder_address(built_site):
    found = [name for name, content in published_text(built_site) if PLACEHOLDER in content]
    assert not found, f"{PLACEHOLDER} in: {found[:20]}"


def test_without_an_address_a_citation_asks_the_browser_for_it(built_site):
    if site_url(PROJECT):
        pytest.skip("SITE_URL is set in this environment: the site was built at that address")
    html = read(built_site, "actors/park-sun-won/")
    cite = article(html)[article(html).index("Cite this page"):]
    assert cite.count("<span data-page-address>this page’s address</span>") == 2  # the table and the citation
    assert 'rel="canonical"' not in html


def test_without_an_address_json_ld_links_pages_relative_to_the_page(dataset):
    claim_id = "nis-distancing-possibly-to-revive-us-engagement"
    node = structured_data(dataset, claim_id, "")
    here = built_url(dataset.page_path(claim_id))
    assert node["url"] == "./"
    author = posixpath.normpath(posixpath.join(here, node["author"]["url"])) + "/"
    assert author == built_url(dataset.page_path(dataset.claims[claim_id].claimant))
    assert page_address("", dataset.page_path(claim_id)) == ""


def test_with_an_address_json_ld_links_pages_by_it(dataset):
    claim_id = "nis-distancing-possibly-to-revive-us-engagement"
    node = structured_data(dataset, claim_id, PUBLISHED)
    assert node["url"] == PUBLISHED + built_url(dataset.page_path(claim_id))
    assert node["author"]["url"] == PUBLISHED + built_url(dataset.page_path(dataset.claims[claim_id].claimant))


def test_a_site_built_at_an_address_uses_it_everywhere(project, monkeypatch):
    monkeypatch.setenv("SITE_URL", PUBLISHED.rstrip("/"))  # as actions/configure-pages gives it
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    html = read(build.site, "actors/park-sun-won/")
    address = PUBLISHED + "actors/park-sun-won/"
    cite = text(article(html)[article(html).index("Cite this page"):])
    assert cite.count(address) == 2 and "data-page-address" not in html
    assert f'<link rel="canonical" href="{address}">' in html
    assert json_ld(html)["url"] == address
    feed = (build.site / "feed.xml").read_text(encoding="utf-8")
    assert f'href="{PUBLISHED}feed.xml"' in feed
    assert f"<loc>{PUBLISHED}claims/</loc>" in (build.site / "sitemap.xml").read_text(encoding="utf-8")
    found = [name for name, content in published_text(build.site) if PLACEHOLDER in content]
    assert not found, found[:20]
