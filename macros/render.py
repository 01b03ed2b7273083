"""Render templates into Markdown with data passed in as values, never as code.

Every value printed by a template goes through `markdown_text`, which makes it
inert twice over: HTML is escaped (a `<script>` shows as text) and the
characters that start Markdown constructs become character references (a
`[link](javascript:…)` or `{: onclick=…}` in a quote stays literal, and no value
opens a block such as a list or an admonition). Front matter is written by a
YAML emitter (`front_matter`). Template source is ours; text from YAML never
becomes part of it.
"""
from __future__ import annotations

import html
import os
import posixpath
import re
from pathlib import Path
from typing import Iterable
from urllib.parse import quote

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup
import yaml

from . import graph, timeline

TEMPLATES = Path(__file__).parent / "templates"

# HTML's special characters (quotes too, so a value is inert inside an attribute), and those that can
# start inline Markdown (or attr_list/table) syntax, as character references. One table, applied in
# one pass, so no reference is escaped twice.
_INERT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
          **{char: f"&#{ord(char)};" for char in "\\`*_{}[]#|~"}}
_ACTIVE_CHARACTER = re.compile("[" + re.escape("".join(_INERT)) + "]")
_WHITESPACE_RUN = re.compile(r"\s+")
# What opens a block at the start of a line (Python-Markdown, the extensions in mkdocs.yml, and the
# pymdownx ones Material sites often add): `-` or `+` a list or a rule, `-` or `=` a setext underline
# (`===` tabs too), `!!!` an admonition, `:` a definition, `???` details, `///` a block, `1.` or `1)`
# a numbered list; `#`, `>`, `|`, `*`, `~`, backticks and `<` are references wherever they are.
# Whitespace is folded, so only a value's start can start a line (templates put values at line
# starts, after `- ` or `> `, in an admonition's body): that first character becomes a reference.
# Digits count when the value ends after them, since a template may go on with `. ` (the citation does).
_BLOCK_OPENING = re.compile(r"\A(\s*)([-+=!:?/]|\d(?=\d*(?:[.)](?!\S)|\Z)))")


def markdown_text(value: object) -> Markup:
    """Any value as inline Markdown that renders exactly as written, wherever a template puts it:
    one line (line breaks fold into spaces), no HTML, no inline markup, and never a block.
    Numbers are computed (counts, coordinates), never data, and print as they are."""
    if isinstance(value, (Markup, int, float)):
        return Markup(value)
    text = _ACTIVE_CHARACTER.sub(lambda match: _INERT[match.group()], _WHITESPACE_RUN.sub(" ", str(value)))
    return Markup(_BLOCK_OPENING.sub(lambda match: f"{match[1]}&#{ord(match[2])};", text))


_YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter, when PyYAML has it: the same text, faster


def front_matter(boost: int, entity_id: str | None = None, aliases: Iterable[str] = (),
                 searchable: bool = True) -> Markup:
    """A generated page's YAML front matter, between `---` lines.

    Written by a YAML emitter, so every character of the data reads back exactly (a JSON string
    with an emoji is not valid YAML, and MkDocs silently drops front matter it cannot read). The
    keys are fixed here and data only ever fills values, so no text can add a key; and
    `render_macros: false` keeps the page from mkdocs-macros' Jinja even if `render_by_default`
    were turned back on.
    """
    meta: dict = {"render_macros": False, "search": {"boost": boost} if searchable else {"exclude": True}}
    if entity_id:
        meta["entity"] = entity_id
    if aliases:
        meta["tags"] = search_tags(aliases)
    return Markup(f"---\n{yaml.dump(meta, Dumper=_YAML_DUMPER, allow_unicode=True, sort_keys=False)}---")


def search_tags(aliases: Iterable[str]) -> list[str]:
    """An actor's aliases as page `tags`, which search weighs most: escaped HTML text.

    Material's search puts tags into search_index.json as they are, and its result template
    inserts them with innerHTML (as it does titles and text, which its indexer escapes itself).
    Only `&`, `<` and `>` are escaped, as the indexer does: `&#x27;` would split a word in search.
    """
    return [html.escape(alias, quote=False) for alias in aliases]


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
        return _relative(page_path, self.folder)

    def url(self, entity_id: str) -> str:
        return _relative(built_url(self.dataset.page_path(entity_id)), self.from_url) + "/"

    def __call__(self, entity_id: str, text: object = None, start: bool = False) -> Markup:
        """A link labelled with the entity's short name (running text never shows a long title), or
        `text`; `start=True` capitalises it to open a sentence ('The NIS assessed')."""
        return Markup(f"[{self._label(entity_id, text, start)}]({self.href(self.dataset.page_path(entity_id))})")

    def html(self, entity_id: str, text: object = None, start: bool = False) -> Markup:
        """The same link in raw HTML, as MkDocs makes it of the Markdown one (marked for Material's
        hover preview, as material.extensions.preview marks links to entity pages)."""
        return Markup(f'<a data-preview="" href="{self.url(entity_id)}">{self._label(entity_id, text, start)}</a>')

    def _label(self, entity_id: str, text: object, start: bool) -> Markup:
        label = self.dataset.short_name(entity_id) if text is None else text
        return markdown_text(sentence_start(label) if start else label)


_SENTENCE_END = re.compile(r"[.!?…][\s”’\"')\]]*\Z")


def with_full_stop(text: object) -> str:
    """`text` ending a sentence: a full stop is added unless it already ends with one (or with ! ? …,
    perhaps inside closing quotes), so a claim's statement is never cited as 'February..'."""
    text = str(text).rstrip()
    return text if _SENTENCE_END.search(text) else f"{text}."


def is_fragment(quote: str) -> bool:
    """Whether a quote is part of a sentence (it starts in lowercase, or ends without a full stop, a
    question or an exclamation mark), so it needs the editors' statement beside it to be understood."""
    quote = quote.strip()
    return not quote[:1].isupper() or not _SENTENCE_END.search(quote)


def sentence_start(text: object) -> str:
    """`text` with its first letter capitalised and the rest as written ('the NIS' -> 'The NIS');
    Jinja's `capitalize` would lowercase the rest ('The nis')."""
    text = str(text)
    return text[:1].upper() + text[1:]


def _relative(path: str, start: str) -> str:
    """posixpath.relpath for the site's own paths (relative, normalised, '/'-separated), without
    its calls to the file system: pages link to each other tens of thousands of times a build."""
    path, start = path.rstrip("/"), start.rstrip("/")
    parts, base = path.split("/") if path else [], start.split("/") if start else []
    common = 0
    while common < min(len(parts), len(base)) and parts[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


def _compiled_templates() -> FileSystemBytecodeCache | None:
    """Where compiled templates are kept between runs, as Python keeps compiled modules: in the
    templates' __pycache__ (compiling them is 0.2 s of every build and every start of the preview).
    Jinja uses a kept template only while its source is unchanged. No folder to write: none kept."""
    folder = TEMPLATES / "__pycache__"
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None


def make_environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=_compiled_templates(),
        autoescape=True,
        finalize=markdown_text,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates are part of the code, which `mkdocs serve` does not reload either
    )
    environment.filters["paragraphs"] = paragraphs
    environment.filters["external_link"] = external_link
    environment.filters["sentence_start"] = sentence_start
    environment.filters["with_full_stop"] = with_full_stop
    environment.globals["is_fragment"] = is_fragment
    environment.globals["front_matter"] = front_matter
    # Layout for the visual templates (timeline.md.j2, graph*.j2): computed in Python, drawn by templates.
    environment.globals.update(year_groups=timeline.year_groups, machine_dates=timeline.machine_dates,
                               actors_in=timeline.actors_in, neighbourhood_graph=graph.neighbourhood,
                               site_graph=graph.site_graph)
    return environment


ENVIRONMENT = make_environment()


def render(template_name: str, **values) -> str:
    return ENVIRONMENT.get_template(template_name).render(**values)
