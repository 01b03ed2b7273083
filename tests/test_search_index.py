"""The search index: Pagefind's, made from the built site by macros/search_index.py.

Each reader's browser fetches only the parts a query needs (tests/browser/test_browser_search.py
types into the search box); here the index itself is read: what it holds for each page, what it
leaves out, and that `mkdocs serve` keeps one up to date.
"""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data as front_matter_and_body

from macros.search_index import BUNDLE, SearchableCopy, make_bundle, searchable_part, without_excluded_sections
from site_html import read, search_index
from test_serve import edit, fetch, preview, wait_for

SEPARATOR = " \u241e "  # how overrides/main.html joins an actor's names


@pytest.fixture(scope="module")
def index(built_site: Path) -> dict[str, dict]:
    return search_index(built_site)


def test_the_index_is_pagefinds_bundle_and_nothing_else(built_site: Path):
    bundle = built_site / BUNDLE
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] > 100
    for needed in ("pagefind.js", "pagefind-worker.js", "wasm.en.pagefind"):
        assert (bundle / needed).is_file(), needed
    assert (bundle / f"pagefind.{entry['languages']['en']['hash']}.pf_meta").is_file()
    assert list((bundle / "index").glob("*.pf_index")) and list((bundle / "fragment").glob("*.pf_fragment"))
    for part in bundle.rglob("*.pf_*"):  # each whole: Pagefind's marker after gzip
        assert gzip.decompress(part.read_bytes()).startswith(b"pagefind_dcd"), part
    published_ui = sorted(path.name for path in bundle.glob("pagefind-*ui*")) + sorted(bundle.glob("*highlight*"))
    assert not published_ui, "Pagefind's own search interfaces are not used, so not published"
    assert not (built_site / "search" / "search_index.json").exists(), "Material's one-file index is gone"


def url_path(site: Path, page: Path) -> str:
    """'actors/x/' for actors/x/index.html, '' for the home page, '404.html' for 404.html."""
    relative = page.relative_to(site).as_posix()
    return relative.removesuffix("index.html") if page.name == "index.html" else relative


def test_every_page_is_indexed_but_those_kept_out_of_search(built_site: Path, index, dataset):
    """Kept out: the pages whose front matter says `search: {exclude: true}` (the facet pages,
    which repeat every claim's text), and the 404 page."""
    from macros.pages import build_pages
    from macros.render import built_url

    kept_out = {built_url(path) for path, markdown in build_pages(dataset).items()
                if front_matter_and_body(markdown)[1].get("search", {}).get("exclude")}
    assert kept_out, "the facet pages are expected to be kept out of search"
    pages = {url_path(built_site, page) for page in built_site.rglob("*.html")}
    assert set(index) == pages - kept_out - {"404.html"}


def test_a_page_is_indexed_with_its_kind_and_the_names_of_what_it_is_about(index):
    kim = index["actors/kim-jong-un/"]
    assert kim["filters"] == {"kind": ["Actor"]}
    assert kim["meta"]["title"] == "Kim Jong Un"  # the heading, without its ¶ permalink
    assert kim["meta"]["names"].split(SEPARATOR) == ["Kim Jong Un", "Kim Jong-un", "Kim", "김정은"]
    assert "북한" in index["actors/north-korea/"]["meta"]["names"].split(SEPARATOR)
    assert "국정원" in index["actors/nis/"]["meta"]["names"].split(SEPARATOR)
    for path, kind in (("events/hanoi-summit-2019/", "Event"), ("sources/trump-iran-strikes-doomed-nk-strategy/", "Source")):
        page = index[path]
        assert page["filters"] == {"kind": [kind]} and page["meta"]["names"] == page["meta"]["title"], path
    for path, kind in (("claims/trump-walked-away-at-hanoi/", "Claim"), ("glossary/", "Page"), ("actors/", "Page"),
                       ("", "Page")):
        assert index[path]["filters"] == {"kind": [kind]}, path
        assert "names" not in index[path]["meta"], path  # a claim's title is a statement, not a name


def test_only_the_article_is_indexed_without_the_sections_that_list_other_pages(built_site: Path, index):
    kim = index["actors/kim-jong-un/"]["content"]
    assert kim.startswith("Kim Jong Un. Person · also known as: Kim Jong-un, Kim, 김정은.")
    assert "Skip to content" not in kim and "Who’s who" not in kim, "the header and the nav are not indexed"
    html = read(built_site, "actors/kim-jong-un/")
    for heading in ("Neighbourhood", "Timeline", "Cite this page"):
        assert re.search(rf"<h2 data-search-exclude[^>]*>{heading}", html), heading
        assert heading not in kim, heading
    assert "Affiliations" in kim, "a section that is not marked stays in"
    assert "fire and fury" not in kim, "the stand-off is listed in Kim's timeline, not described on his page"


# --- the excluded sections ------------------------------------------------------------------------

PAGE = ('<html><body><nav><h2>Site</h2></nav><article class="md-content__inner">'
        "<h1>Title</h1><p>Kept.</p>"
        '<h2 data-search-exclude id="timeline">Timeline</h2><p>Listed.</p><h3 id="2017">2017</h3><p>Also listed.</p>'
        '<h2 id="sources">Sources</h2><p>Kept too.</p>'
        '<h2 data-search-exclude id="cite">Cite this page</h2><blockquote>Cited.</blockquote>'
        "</article><footer>Footer</footer></body></html>")


def test_an_excluded_section_runs_to_the_next_heading_of_its_level_or_the_end_of_the_article():
    assert without_excluded_sections(PAGE) == (
        '<html><body><nav><h2>Site</h2></nav><article class="md-content__inner">'
        "<h1>Title</h1><p>Kept.</p>"
        '<h2 id="sources">Sources</h2><p>Kept too.</p>'
        "</article><footer>Footer</footer></body></html>")


def test_a_page_without_excluded_sections_is_left_as_it_is():
    page = PAGE.replace(" data-search-exclude", "")
    assert without_excluded_sections(page) == page
    assert without_excluded_sections("<p>data-search-exclude, in the text</p>") == "<p>data-search-exclude, in the text</p>"


def test_pagefind_reads_only_the_pages_inside_the_site(tmp_path: Path):
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "page" / "index.html").write_text(
        '<html lang="en"><body><article data-pagefind-body><h1>Inside</h1><p>inside words</p></article></body></html>',
        encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text(
        '<html lang="en"><body><article data-pagefind-body><h1>Outside</h1></article></body></html>', encoding="utf-8")
    (site / "linked").symlink_to(outside, target_is_directory=True)
    (site / "linked.html").symlink_to(outside / "index.html")
    bundle = make_bundle(site, "en", tmp_path / "work")
    assert list(search_index(bundle.parent)) == ["page/"]


def test_pagefind_reads_only_the_part_marked_for_search():
    page = PAGE.replace('<article class="md-content__inner">', '<article class="md-content__inner" data-pagefind-body>')
    assert searchable_part(page) == (
        '<!doctype html><html><body><article class="md-content__inner" data-pagefind-body>'
        "<h1>Title</h1><p>Kept.</p>"
        '<h2 id="sources">Sources</h2><p>Kept too.</p>'
        "</article></body></html>")
    assert searchable_part(PAGE) is None, "a page with no marked part is not searched"
    assert searchable_part("<p>data-pagefind-body, in the text</p>") is None


def test_a_site_with_nothing_marked_for_search_is_an_error(tmp_path: Path):
    """The theme marks what is searched (overrides/main.html): without the mark, Pagefind would
    index the whole of every page, nav and footer included."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<html><body><h1>Home</h1></body></html>", encoding="utf-8")
    with pytest.raises(ValueError, match="no page .* has a part marked for search"):
        make_bundle(tmp_path / "site", "en", tmp_path / "work")


def test_the_copy_kept_between_rebuilds_follows_the_site(tmp_path: Path):
    """The preview's copy of what is searched is updated, not made again: a page rewritten,
    a page deleted, a page added and a page that lost its mark all show in the next index."""
    def page(text: str, marked: bool = True) -> str:
        mark = " data-pagefind-body" if marked else ""
        return f'<html lang="en"><body><nav>menu</nav><article{mark}><h1>{text}</h1></article></body></html>'

    site = tmp_path / "site"
    for name, text in (("kept", "Kept"), ("rewritten", "Before"), ("deleted", "Deleted"), ("unmarked", "Marked")):
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(page(text), encoding="utf-8")
    copy = SearchableCopy(tmp_path / "copy")
    assert copy.update(site) == 4
    (site / "rewritten" / "index.html").write_text(page("After, and longer"), encoding="utf-8")
    (site / "deleted" / "index.html").unlink()
    (site / "added").mkdir()
    (site / "added" / "index.html").write_text(page("Added"), encoding="utf-8")
    (site / "unmarked" / "index.html").write_text(page("Unmarked now", marked=False), encoding="utf-8")

    assert copy.update(site) == 3
    copied = {path.parent.name: path.read_text(encoding="utf-8") for path in (tmp_path / "copy").rglob("*.html")}
    assert set(copied) == {"kept", "rewritten", "added"}
    assert "After, and longer" in copied["rewritten"] and "menu" not in copied["rewritten"]
    bundle = make_bundle(site, "en", tmp_path / "work", copy)
    assert sorted(search_index(bundle.parent)) == ["added/", "kept/", "rewritten/"]


# --- the preview ----------------------------------------------------------------------------------

def index_hash(base: str) -> str | None:
    status, body = fetch(base + "pagefind/pagefind-entry.json")
    return json.loads(body)["languages"]["en"]["hash"] if status == 200 else None


def test_the_preview_has_a_search_index_that_follows_the_edits(project, tmp_path):
    """`mkdocs serve` indexes in the background after each rebuild: the pages come first, then
    the index catches up, without a word in the log. (Until the first index is made, asking for
    it is a 404, which the server logs: this test asks.)"""
    with preview(project, tmp_path / "serve.log") as (base, server):
        assert wait_for(lambda: index_hash(base) is not None), (tmp_path / "serve.log").read_text()
        before = index_hash(base)
        edit(project / "data" / "actors" / "park-sun-won.yaml", "\"Park Sun-won\"", "\"Edited Park Sun-won\"")
        assert wait_for(lambda: "Edited Park Sun-won" in fetch(base + "actors/park-sun-won/")[1])
        assert wait_for(lambda: index_hash(base) not in (None, before)), "the index was not made again"
        assert server.poll() is None
    log = (tmp_path / "serve.log").read_text()
    assert "search index" not in log and "Traceback" not in log, log
