"""Text from YAML is data: never run as a template, never emitted as HTML or Markdown markup."""
from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data as front_matter_and_body

from site_build import PROJECT, copy_project, mkdocs_build
from site_html import article, elements, read, search_index, text
from test_open_data import json_ld

from macros.verbatim_html import VerbatimHtml

HOSTILE = ("Kim {{ 7*7 }} </title><script>alert('x')</script> [click](javascript:alert(1)) "
           "<img src=x onerror=alert(1)> {% raw %}{{ config }}{% endraw %} *star* {: onclick=\"alert(1)\" }")

JINJA = "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}"
ASTRAL = "🚀 𝕏 𠀀"  # an emoji, a mathematical letter and a CJK extension B character: none in the BMP
ALIASES = [ASTRAL, JINJA, "it's \"quoted\" “curly” ‘single’", "key: value", "---", "...", "&anchor", "*alias",
           "!tag", "%directive", "@at", "`tick`", "| pipe", "> quote", "? question", "- item", "no", "1.10",
           "<script>alert(1)</script> & <img src=x onerror=alert(1)>", '!!! danger "x"']
NAME = f"Kim {ASTRAL} {JINJA} <b>bold</b> # not a heading"
TITLE = f"=== {JINJA} “{ASTRAL}”: <script>alert(1)</script>"
DESCRIPTION = f'!!! danger "x"\n\n---\n\n- item\n\n1. one\n\n{JINJA} {ASTRAL}'
HOSTILE_ENTITIES = {  # (folder, id): the fields replaced
    ("actors", "kim-jong-un"): {"name": NAME, "short_name": NAME, "aliases": ALIASES, "description": DESCRIPTION},
    ("events", "hanoi-summit-2019"): {"title": TITLE, "summary": DESCRIPTION},
    ("claims", "absence-of-nk-support-notable"): {"statement": TITLE, "editor_note": DESCRIPTION},
    ("sources", "nk-distancing-from-iran-nis-report"): {"title": TITLE, "short_name": TITLE, "summary": DESCRIPTION},
}


def rewrite(project: Path, folder: str, entity_id: str, **fields) -> None:
    """Replace some fields of one entity file in a copy of the project."""
    path = project / "data" / folder / f"{entity_id}.yaml"
    entity = yaml.safe_load(path.read_text(encoding="utf-8"))
    entity.update(fields)
    path.write_text(yaml.safe_dump(entity, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory) -> Path:
    """A copy of the project whose names, aliases, titles and descriptions hold payloads."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    for (folder, entity_id), fields in HOSTILE_ENTITIES.items():
        rewrite(project, folder, entity_id, **fields)
    return project


@pytest.fixture(scope="module")
def hostile_site(hostile_project) -> Path:
    build = mkdocs_build(hostile_project)
    assert build.returncode == 0, build.output
    return build.site


def test_templates_html_and_markdown_in_yaml_text_come_out_literally(project):
    rewrite(project, "actors", "kim-jong-un", name=HOSTILE, short_name=HOSTILE, description=HOSTILE)
    (project / "docs" / "hostile.md").write_text('---\nrender_macros: true\n---\n# Hostile\n\n{{ link("kim-jong-un") }}\n',
                                                 encoding="utf-8")

    build = mkdocs_build(project)
    assert build.returncode == 0, build.output

    for url in ("actors/kim-jong-un/", "hostile/", "actors/"):
        html = article(read(build.site, url))
        assert "{{ 7*7 }}" in text(html), url
        assert "Kim 49" not in text(html), url
        tags = elements(html)
        assert not [tag for tag, _ in tags if tag in ("script", "img")], url
        assert "*star*" in text(html), url  # Markdown emphasis stays literal too
        assert not [a for _, a in tags for name in a if name.startswith("on")], url
        assert not [a for _, a in tags if (a.get("href") or "").startswith("javascript:")], url
        assert "</title><script>alert('x')</script>" in text(html), url
    head = read(build.site, "actors/kim-jong-un/").split("</head>")[0]
    assert [tag for tag, _ in elements(head)].count("title") == 1
    assert "&lt;/title&gt;&lt;script&gt;" in head and "{{ 7*7 }}" in head


# --- front matter -----------------------------------------------------------------------------


def test_every_generated_page_has_front_matter_that_reads_back_exactly(hostile_project):
    """As MkDocs reads it: front matter it cannot parse is dropped without a word, and the page
    (the raw front matter included) would then go to the macros plugin's Jinja."""
    from macros.pages import build_pages
    from macros.validate import load_dataset

    dataset = load_dataset(hostile_project / "data")
    pages = build_pages(dataset)
    for path, page in pages.items():
        _, meta = front_matter_and_body(page)
        assert meta.get("render_macros") is False, (path, page[:300])
        assert set(meta) <= {"render_macros", "search", "entity", "tags"}, path
        assert set(meta["search"]) in ({"boost"}, {"exclude"}), path
        entity_id = Path(path).stem
        if entity_id in dataset.files:
            assert meta["entity"] == entity_id, path
    _, kim = front_matter_and_body(pages["actors/kim-jong-un.md"])
    assert [unescape(tag) for tag in kim["tags"]] == ALIASES  # HTML text (see the search test), exactly the aliases


def test_a_site_from_hostile_text_shows_it_literally_and_runs_none_of_it(hostile_project, hostile_site):
    assert not (hostile_project / "PWNED").exists() and not Path("PWNED").exists()
    for (folder, entity_id), fields in HOSTILE_ENTITIES.items():
        page = read(hostile_site, f"{folder}/{entity_id}/")
        title = fields.get("name") or fields.get("title") or fields["statement"]
        assert heading(page) == title and json_ld(page)["name"] == title, entity_id
        html = article(page)
        assert f"{JINJA} {ASTRAL}" in text(html), entity_id
        made_by_the_payloads = [element for element in shape(html) if element[0] in ("script", "b", "hr")
                                or element in (("ol", ""), ("div", "admonition danger"))]
        assert not made_by_the_payloads, entity_id
    assert f"also known as: {', '.join(ALIASES)}" in text(article(read(hostile_site, "actors/kim-jong-un/")))


def shape(html: str) -> list[tuple[str, str]]:
    """The elements a browser would build, with their class."""
    return [(tag, attributes.get("class", "")) for tag, attributes in elements(html)]


def heading(page: str) -> str:
    """The text of a page's h1, without its permalink."""
    return text(re.search(r"<h1.*?</h1>", article(page), re.DOTALL).group()).removesuffix("¶")


# --- search -----------------------------------------------------------------------------------


def test_the_search_index_holds_every_text_as_written(hostile_site):
    """Search shows text from its index (Pagefind's, tests/test_search_index.py) and puts it on the
    page as text, never as HTML (below; tests/browser/test_browser_hostile.py runs it)."""
    index = search_index(hostile_site)
    kim = index["actors/kim-jong-un/"]
    assert kim["meta"]["title"] == NAME
    assert kim["meta"]["names"].split(" \u241e ") == [NAME, *ALIASES]  # how overrides/main.html joins them
    assert "<script>alert(1)</script> & <img src=x onerror=alert(1)>" in kim["content"]
    assert index["events/hanoi-summit-2019/"]["meta"]["title"] == TITLE


SEARCH_SCRIPT = PROJECT / "docs" / "javascripts" / "search.js"
HTML_SINKS = ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "createContextualFragment",
              "DOMParser", "srcdoc", "eval(", "Function(", "setAttribute(\"on", "javascript:")


def test_the_search_script_puts_text_on_the_page_only_as_text():
    """Titles, names and excerpts from the index become text nodes: no API that parses HTML or
    runs code takes them (Pagefind's excerpt is split at its <mark> tags instead)."""
    source = SEARCH_SCRIPT.read_text(encoding="utf-8")
    assert not [sink for sink in HTML_SINKS if sink in source]


# --- Markdown: inline only --------------------------------------------------------------------

BLOCK_SYNTAX = ['!!! danger "x"', "!!!note", "---", "***", "___", "- - -", "- item", "+ item", "* item", "-",
                "1. item", "1) item", "2024. a year", "=== x", "===", "# heading", "###### h6", "> quote",
                "| a | b |", "|---|", "~~~", "```python", "    indented code", "\tindented code", "  - indented item",
                ": definition", "??? note", "???+ note", "/// note", "[TOC]", "[x]: https://example.org",
                "*[HTML]: abbreviation", "[^1]: footnote", "<div>raw</div>", "<!-- comment -->",
                "{: .class onclick=x }", "- [ ] task", "12.5 per cent", "-1", "+1", "@ at", "% percent",
                "a line\n===", "a paragraph\n\n- then a list", "\u00a0- after a no-break space", "2024", "1"]


def site_markdown(source: str, with_hook_extension: bool = True) -> str:
    """HTML from Python-Markdown with the extensions mkdocs.yml enables (but link previews,
    which need a MkDocs build), and the one the hook adds (macros/verbatim_html.py)."""
    class Loader(yaml.SafeLoader):  # mkdocs.yml carries tags (!ENV for site_url): not needed here
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    extensions, configs = [], {}
    for entry in yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name != "material.extensions.preview":
            extensions.append(name)
            configs[name] = options or {}
    if with_hook_extension:
        extensions.append(VerbatimHtml())
    return markdown.markdown(source, extensions=extensions, extension_configs=configs)


# Every way templates place a value: alone on a line, after a line of text (where `===` or `---`
# would make that line a heading), right after block syntax of their own, and followed by `. `
# (where `2024` would become a numbered list).
CONTEXTS = {
    "on a line of its own": ("{}", [("p", "")], "{}"),
    "after a line of text": ("Some text\n{}", [("p", "")], "Some text {}"),
    "as a title": ("# {}", [("h1", ""), ("a", "headerlink")], "{}¶"),  # the heading and its permalink (toc)
    "in a list item": ("- {}", [("ul", ""), ("li", "")], "{}"),
    "in a blockquote": ("> {}", [("blockquote", ""), ("p", "")], "{}"),
    "starting a citation": ("> {}. *Site*.", [("blockquote", ""), ("p", ""), ("em", "")], "{}. Site."),
    "in an admonition": ('!!! note "Editorial note"\n    {}',
                         [("div", "admonition note"), ("p", "admonition-title"), ("p", "")], "Editorial note {}"),
    "in a table cell": ("| Detail | Value |\n| --- | --- |\n| Kind | {} |",
                        [("table", ""), ("thead", ""), ("tr", ""), ("th", ""), ("th", ""), ("tbody", ""), ("tr", ""),
                         ("td", ""), ("td", "")], "Detail Value Kind {}"),
}


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("value", BLOCK_SYNTAX)
def test_text_from_data_shows_as_written_and_opens_no_block_wherever_a_template_puts_it(context, value):
    from macros.render import markdown_text
    template, expected_shape, expected_text = CONTEXTS[context]
    html = site_markdown(template.format(markdown_text(value)))
    assert shape(html) == expected_shape, html
    assert " ".join(text(html).split()) == " ".join(expected_text.format(value).split()), html


# --- CSV --------------------------------------------------------------------------------------

FORMULAS = {"name": '=HYPERLINK("http://x","y")', "description": "@SUM(1+1)"}


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_text(project):
    """OWASP "CSV Injection": a cell that begins with =, +, -, @, tab, CR or LF gets a leading ';
    the JSON keeps the exact text."""
    from macros.export import download_files
    from macros.validate import load_dataset
    rewrite(project, "actors", "kim-jong-un", **FORMULAS)
    rewrite(project, "events", "hanoi-summit-2019", title="+1", summary="-1")
    rewrite(project, "claims", "absence-of-nk-support-notable", statement="\tTab-led text", editor_note="\rCR-led")
    rewrite(project, "sources", "nk-distancing-from-iran-nis-report", summary="\nLF-led")

    files = download_files(load_dataset(project / "data"))

    def csv_row(folder: str, entity_id: str) -> dict:
        return next(row for row in csv.DictReader(io.StringIO(files[f"downloads/{folder}.csv"])) if row["id"] == entity_id)

    assert {field: csv_row("actors", "kim-jong-un")[field] for field in FORMULAS} == {
        "name": '\'=HYPERLINK("http://x","y")', "description": "'@SUM(1+1)"}
    assert [csv_row("events", "hanoi-summit-2019")[field] for field in ("title", "summary")] == ["'+1", "'-1"]
    claim = csv_row("claims", "absence-of-nk-support-notable")
    assert [claim["statement"], claim["editor_note"]] == ["'\tTab-led text", "'\rCR-led"]
    assert csv_row("sources", "nk-distancing-from-iran-nis-report")["summary"] == "'\nLF-led"
    assert csv_row("actors", "north-korea")["name"] == "North Korea"  # ordinary text is untouched

    everything = json.loads(files["downloads/all.json"])
    kim = next(actor for actor in everything["actors"] if actor["id"] == "kim-jong-un")
    assert {field: kim[field] for field in FORMULAS} == FORMULAS
    claim = next(claim for claim in everything["claims"] if claim["id"] == "absence-of-nk-support-notable")
    assert [claim["statement"], claim["editor_note"]] == ["\tTab-led text", "\rCR-led"]
