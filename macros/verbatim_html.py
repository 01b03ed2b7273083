"""A Markdown extension that passes marked blocks of generated HTML through without parsing them.

The long lists (every claim, grouped four ways; every actor, event and source) and the graphs are
HTML that the templates write and escape themselves (`_lists.md.j2`, `graph_parts.md.j2`).
Python-Markdown would hand them through unchanged anyway, but only after its raw-HTML
preprocessor has parsed every tag: a second or two per list at 10,000 entities, on every rebuild
of the preview. A block from a line `<!-- verbatim -->` to a line `<!-- /verbatim -->`, both
lines included, goes into Markdown's own stash of raw HTML at once, which is where the parser
would have put it, so the page comes out the same (tests/test_verbatim_html.py). MkDocs still
reads the block's ids first, for its check of links to anchors.

Only the markers' lines matter, and data never makes one: every value a template prints has its
`<` escaped (render.markdown_text). Without this extension (another site generator, or the plain
MkDocs build of the benchmark) the markers are HTML comments and the blocks raw HTML.
"""
from __future__ import annotations

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

START, END = "<!-- verbatim -->", "<!-- /verbatim -->"
_BLOCK = re.compile(rf"^{re.escape(START)}\n.*?\n{re.escape(END)}$", re.M | re.S)


class _StashVerbatimBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if START not in text:
            return lines
        stashed = _BLOCK.sub(lambda block: f"\n{self.md.htmlStash.store(block[0])}\n", text)
        return stashed.split("\n")


class VerbatimHtml(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        # After whitespace is normalised (30) and MkDocs has collected the ids of the raw HTML for its
        # anchor checks (21), before Markdown parses raw HTML (html_block, 20).
        md.preprocessors.register(_StashVerbatimBlocks(md), "verbatim_html", 20.5)
