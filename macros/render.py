"""Render templates into Markdown with data passed in as values, never as code.

Every value printed by a template goes through `markdown_text`, which makes it
inert twice over: HTML is escaped (a `<script>` shows as text) and the few
characters that start Markdown constructs become character references (a
`[link](javascript:…)` or `{: onclick=…}` in a quote stays literal). Template
source is ours; text from YAML never becomes part of it.
"""
from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import graph, timeline

TEMPLATES = Path(__file__).parent / "templates"

# HTML's special characters, and those that can start inline Markdown (or attr_list/table) syntax,
# as character references. One table, applied in one pass, so no reference is escaped twice.
_INERT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", **{char: f"&#{ord(char)};" for char in "\\`*_{}[]#|~"}}
_ACTIVE_CHARACTER = re.compile("[" + re.escape("".join(_INERT)) + "]")
_WHITESPACE_RUN = re.compile(r"\s+")


def markdown_text(value: object) -> Markup:
    """Any value as inline Markdown that renders exactly as written; line breaks fold into spaces."""
    if isinstance(value, Markup):
        return value
    text = _WHITESPACE_RUN.sub(" ", str(value))
    return Markup(_ACTIVE_CHARACTER.sub(lambda match: _INERT[match.group()], text))


def yaml_string(value: object) -> Markup:
    """A value for YAML front matter: a JSON string, which YAML reads back exactly."""
    return Markup(json.dumps(str(value)))


def paragraphs(text: str) -> list[str]:
    """A multi-paragraph field split where the editor left a blank line."""
    return [part for part in re.split(r"\n\s*\n", text) if part.strip()]


def external_link(text: object, url: object) -> Markup:
    """A Markdown link to a web address that validation has already checked is http(s)."""
    safe_url = quote(str(url), safe=":/?#@!$&'*+,;=%~-._")
    return Markup(f"[{markdown_text(text)}]({safe_url})")


def built_url(page_path: str) -> str:
    """Where MkDocs (use_directory_urls) puts a page: actors/x.md -> actors/x/, actors/index.md -> actors/."""
    stem = page_path.removesuffix(".md")
    stem = stem.removesuffix("index").rstrip("/") if posixpath.basename(stem) == "index" else stem
    return f"{stem}/" if stem else ""


class Linker:
    """Relative links from one page to entity pages.

    In Markdown, links are `.md` paths so MkDocs checks and rewrites them; in
    raw HTML (SVG, timeline markup) MkDocs rewrites nothing, so `url()` gives
    the built URL relative to the page's own URL.
    """

    def __init__(self, dataset, from_page: str):
        self.dataset = dataset
        self.folder = posixpath.dirname(from_page)
        self.from_url = built_url(from_page)

    def href(self, page_path: str) -> str:
        return posixpath.relpath(page_path, self.folder or ".")

    def url(self, entity_id: str) -> str:
        target = built_url(self.dataset.page_path(entity_id))
        return posixpath.relpath(target, self.from_url or ".") + "/"

    def __call__(self, entity_id: str, text: object = None) -> Markup:
        label = markdown_text(self.dataset.name(entity_id) if text is None else text)
        return Markup(f"[{label}]({self.href(self.dataset.page_path(entity_id))})")


def make_environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=markdown_text,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["paragraphs"] = paragraphs
    environment.filters["yaml_string"] = yaml_string
    environment.filters["external_link"] = external_link
    # Layout for the visual templates (timeline.md.j2, graph*.j2): computed in Python, drawn by templates.
    environment.globals.update(year_groups=timeline.year_groups, machine_dates=timeline.machine_dates,
                               actors_in=timeline.actors_in, neighbourhood_graph=graph.neighbourhood,
                               site_graph=graph.site_graph)
    return environment


ENVIRONMENT = make_environment()


def render(template_name: str, **values) -> str:
    return ENVIRONMENT.get_template(template_name).render(**values)
