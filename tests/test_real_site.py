"""The real site, built strictly: what must hold for any content the editors add.

Checks only what no growth of the data may break: the checker passes, every entity has a page,
every link and anchor resolves, every hand-written page is built and in the nav (and a reader's
page that uses the data links to it), and the reader's guide explains every label the model can
put on a page. What the engine does is tested on the fixture dataset (test_site.py,
test_visuals.py, …); what the pages say is the editors' to keep, helped by `python -m macros check`.

The project is the repository, or the copy named by EXPLAINER_PROJECT (test_growth.py runs this
module on a copy with a source added).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from mkdocs.utils.meta import get_data

from macros.model import HEDGE_WORDS, ClaimKind, ClaimStatus, DateBasis, DatePrecision, HedgeLevel
from macros.render import built_url
from site_build import CONTENT_PROJECT
from site_html import article, broken_links, entity_url, links, nav, read, resolve, text

DOCS = CONTENT_PROJECT / "docs"
HAND_WRITTEN = sorted(path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md"))


def test_the_checker_passes():
    check = subprocess.run([sys.executable, "-m", "macros", "check"], cwd=CONTENT_PROJECT, capture_output=True,
                           text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("ok: ")


def test_every_entity_has_a_page_titled_with_its_name(built_site, dataset):
    for entity_id in dataset.ids():
        page = article(read(built_site, entity_url(dataset, entity_id)))
        assert re.search(r"<h1\b", page), entity_id


def test_every_link_and_anchor_in_the_site_resolves(built_site):
    broken = broken_links(built_site)
    assert not broken, "\n".join(broken[:20])


@pytest.mark.parametrize("page", HAND_WRITTEN)
def test_every_hand_written_page_is_built_and_in_the_nav(built_site, page):
    url = built_url(page)
    assert (built_site / url / "index.html").is_file(), f"docs/{page} was not built"
    in_nav = {resolve(url, href) for href in links(nav(read(built_site, url)))}
    assert url in in_nav, f"docs/{page} is not in the nav of mkdocs.yml"


READERS_PAGES_WITH_MACROS = [page for page in HAND_WRITTEN if "/" not in page  # docs/editing/ is for editors
                             and get_data((DOCS / page).read_text(encoding="utf-8"))[1].get("render_macros")]


@pytest.mark.parametrize("page", READERS_PAGES_WITH_MACROS)
def test_every_readers_page_that_uses_the_data_links_to_it(built_site, page):
    url = built_url(page)
    targets = {resolve(url, href) for href in links(article(read(built_site, url)))}
    entity_pages = [t for t in targets if t and re.fullmatch(r"(sources|actors|events|claims)/[^/]+/", t)]
    assert entity_pages, f"docs/{page} renders macros but links to no source, actor, event or claim"


def test_how_to_read_explains_every_kind_level_status_and_date_label(built_site):
    explained = text(article(read(built_site, "how-to-read/"))).casefold()
    for enum in (ClaimKind, HedgeLevel, ClaimStatus, DatePrecision, DateBasis):
        for member in enum:
            assert member.value.replace("-", " ") in explained, member


def test_how_to_read_lists_every_hedge_word_under_its_level(built_site):
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", article(read(built_site, "how-to-read/")), re.S):
        cells = [text(cell).strip() for cell in re.findall(r"<td\b[^>]*>(.*?)</td>", row, re.S)]
        if cells and cells[0] in {level.value for level in HedgeLevel}:
            rows[cells[0]] = {word.strip() for word in cells[-1].split(",")}
    assert set(rows) == {level.value for level in HedgeLevel}
    for word, level in HEDGE_WORDS.items():
        assert word in rows[level.value], (word, level.value)
    listed = set().union(*rows.values()) - {"none"}
    assert listed == set(HEDGE_WORDS), listed ^ set(HEDGE_WORDS)
