"""The long generated lists reach the page exactly as Markdown would have passed them through.

macros/verbatim_html.py hands the blocks between `<!-- verbatim -->` lines to Markdown's stash of
raw HTML without parsing them (a second or two per list at 10,000 entities). Data can never open
such a block: tests/hostile_data.py puts both marker lines into every text field, and the hostile
site tests find no element made by the text between them.
"""
from __future__ import annotations

import pytest
from mkdocs.utils.meta import get_data as front_matter_and_body

from hostile_data import MINI_DATA
from test_data_is_not_code import site_markdown

from macros.pages import build_pages
from macros.synth import write_synthetic_data
from macros.validate import load_dataset
from macros.verbatim_html import START

LISTS = ["claims/index.md", "actors/index.md", "events/index.md", "sources/index.md",
         "browse/claims-by-kind.md", "browse/claims-by-claimant.md", "browse/actors-by-kind.md"]


@pytest.fixture(scope="module")
def synthetic_pages(tmp_path_factory):
    data = tmp_path_factory.mktemp("synthetic") / "data"
    write_synthetic_data(data, 120, seed=3)
    return build_pages(load_dataset(data))


@pytest.mark.parametrize("dataset", ["mini", "synthetic"])
def test_every_generated_page_comes_out_as_markdown_alone_would_make_it(dataset, synthetic_pages):
    pages = build_pages(load_dataset(MINI_DATA)) if dataset == "mini" else synthetic_pages
    assert all(START in pages[path] for path in LISTS)  # the lists are where the extension works
    assert START in pages[next(path for path in pages if path.startswith("actors/") and '<figure class="graph' in pages[path])]
    for path, page in pages.items():
        body, _ = front_matter_and_body(page)
        assert lines(site_markdown(body)) == lines(site_markdown(body, with_hook_extension=False)), path


def lines(html: str) -> list[str]:
    """The HTML's lines but blank ones: Markdown may leave a blank line between two raw blocks."""
    return [line for line in html.splitlines() if line.strip()]


def test_only_whole_marked_blocks_are_passed_through():
    unclosed = "<!-- verbatim -->\n<p>*a*</p>\n\n*b*\n"
    assert lines(site_markdown(unclosed)) == lines(site_markdown(unclosed, with_hook_extension=False))
    inline = "a <!-- verbatim --> *b* <!-- /verbatim -->\n"
    assert "<em>b</em>" in site_markdown(inline)
