"""Corrections of the hand-written pages in docs/, written in each page's front matter:

    ---
    render_macros: true
    corrections:
      - date: 2026-11-23
        change: ...
        reason: ...
    ---

Pages are prose, not data, but a change of meaning in them is a correction like any other: it is
listed at the foot of the page, in the corrections log and in the site's feed. The front matter
is read again here with the data's own YAML reader (macros/load.py), so dates stay text, every
mistake has its line, and a front matter MkDocs could not read is an error, never a dropped log.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from mkdocs.utils.meta import YAML_RE
from pydantic import ValidationError

from .errors import DataError
from .load import load_yaml
from .model import Correction, Strict
from .render import Linker, render
from .validate import explain_invalid

_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


class _FrontMatterCorrections(Strict):
    """The one key of a page's front matter read here."""

    kind_name: ClassVar[str] = "page"
    corrections: list[Correction] = []


@dataclass(frozen=True)
class PageCorrections:
    page: str  # the Markdown path in docs/, e.g. "how-to-read.md"
    title: str
    corrections: list[Correction]


def read_page_corrections(source: str, page: str, shown: str) -> tuple[PageCorrections | None, list[DataError]]:
    """The corrections in a page's text (None when it lists none), or every mistake in them."""
    front = YAML_RE.match(source)
    if not front or not re.search(r"^corrections[ \t]*:", front.group(1), re.MULTILINE):
        return None, []
    yaml_file, errors = load_yaml("\n" + front.group(1), shown)  # "\n": the opening '---' is line 1
    if yaml_file is None or not isinstance(yaml_file.value, dict):
        return None, errors or [DataError(shown, 1, "", "the front matter must be a set of 'field: value' lines", "")]
    try:
        read = _FrontMatterCorrections.model_validate({"corrections": yaml_file.value.get("corrections")})
    except ValidationError as invalid:
        return None, errors + [explain_invalid(problem, _FrontMatterCorrections, yaml_file) for problem in invalid.errors()]
    if errors or not read.corrections:
        return None, errors
    heading = _HEADING.search(source, front.end())
    return PageCorrections(page, heading.group(1) if heading else page, read.corrections), []


def corrections_of_pages(files) -> list[PageCorrections]:
    """The corrections of every hand-written page among a build's files (a page with mistakes in
    them has none here: the build refuses it, and the preview lists the mistakes)."""
    found = []
    for file in files.documentation_pages():
        if file.generated_by is None:
            corrections, _ = read_page_corrections(file.content_string, file.src_uri, file.src_uri)
            if corrections:
                found.append(corrections)
    return found


def corrections_section(file, dataset) -> str:
    """The Markdown that ends a hand-written page with its corrections ("" when it has none)."""
    corrections, _ = read_page_corrections(file.content_string, file.src_uri, file.src_uri)
    if corrections is None:
        return ""
    return "\n\n" + render("page_corrections.md.j2", page=corrections, link=Linker(dataset, file.src_uri))
