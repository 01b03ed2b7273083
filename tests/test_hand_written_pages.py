"""Hand-written pages may hold text and calls of the site's macros with plain values, nothing else.

Every hostile or mistaken page is refused with its file and line, in the same words by
`python -m macros check` and by `mkdocs build`, before anything is rendered, so no payload runs.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_build import copy_project, mkdocs_build

USE = ('use link("id"), claim("id"), claims(...), timeline(...), graph(), sources_side_by_side(), '
       'relations_across_sources() or actors_by_kind()')
NOT_ALLOWED = "only calls of the site's macros are allowed here, not"
BAD_INPUT = Path(__file__).parent / "bad_input"
PAYLOAD = "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}"

# page name -> (what the page holds on its line 6, the error it must produce there)
HOSTILE_PAGES = {
    "attribute-access": (PAYLOAD, f"{NOT_ALLOWED} attribute access ('.__init__') ({USE})"),
    "cycler": ("{{ cycler }}", f"{NOT_ALLOWED} the name 'cycler' ({USE})"),
    "self": ("{{ self.__init__.__globals__.__builtins__ }}", f"{NOT_ALLOWED} attribute access ('.__init__') ({USE})"),
    "config": ("{{ config }}", f"{NOT_ALLOWED} the name 'config' ({USE})"),
    "range": ("{{ range(10) }}", f"unknown macro 'range' ({USE})"),
    "attr-filter": ('{{ cycler|attr("__init__") }}', f"{NOT_ALLOWED} the filter '|attr' ({USE})"),
    "filter-on-a-macro": ('{{ link("kim-jong-un")|upper }}', f"{NOT_ALLOWED} the filter '|upper' ({USE})"),
    "set": ("{% set x = 1 %}", f"{NOT_ALLOWED} the statement '{{% set %}}' ({USE})"),
    "include": ('{% include "/etc/passwd" %}', f"{NOT_ALLOWED} the statement '{{% include %}}' ({USE})"),
    "import": ('{% import "page.md" as page %}', f"{NOT_ALLOWED} the statement '{{% import %}}' ({USE})"),
    "for": ("{% for i in range(3) %}{{ i }}{% endfor %}", f"{NOT_ALLOWED} the statement '{{% for %}}' ({USE})"),
    "subscript": ('{{ link["x"] }}', f"{NOT_ALLOWED} a subscript ('[...]') ({USE})"),
    "arithmetic": ("{{ 7*7 }}", f"{NOT_ALLOWED} the operator '*' ({USE})"),
    "name-as-argument": ("{{ link(x) }}", 'link: arguments must be plain values (text in quotes, a number, true, '
                                          "false or none), not the name 'x' (put text in quotes: \"x\")"),
    "spread-arguments": ("{{ link(**k) }}",
                         "link: arguments must be written out one by one, not passed with '**' (write link(\"id\"))"),
    "unknown-macro": ('{{ linkk("kim-jong-un") }}', "unknown macro 'linkk' (did you mean 'link'?)"),
    "unknown-id": ('{{ link("kim-jong-un2") }}',
                   "link: unknown entity id 'kim-jong-un2' (did you mean 'kim-jong-un'?)"),
    "wrong-kind-of-id": ('{{ claim("kim-jong-un") }}', "claim: unknown claim id 'kim-jong-un'"),
    "unknown-argument": ('{{ link("kim-jong-un", txt="Kim") }}', "link: has no argument 'txt' (did you mean 'text'?)"),
    "too-many-arguments": ('{{ graph("all") }}', 'graph: takes no arguments, not 1 (write graph())'),
    "missing-id": ("{{ claim() }}", "claim: 'claim_id' is missing (write claim(\"id\"))"),
    "wrong-enum-value": ('{{ claims(kind="opinoin") }}',
                         "claims: kind='opinoin' is not a kind (did you mean 'opinion'?)"),
    "impossible-date": ('{{ timeline(since="2019-13") }}', "timeline: since '2019-13': there is no month 13"),
    "number-as-id": ("{{ link(5) }}", 'link: 5 is not an id (ids are written in quotes, like "kim-jong-un")'),
    "syntax-error": ('{{ link("kim-jong-un" }}', "this line cannot be read as a macro call: unexpected '}', "
                                                 "expected ')' (a macro call looks like {{ link(\"id\") }})"),
}

ALLOWED_PAGE = """---
render_macros: true
---
# Allowed

Text, {# a comment #} and {% raw %}{{ cycler }} shown as written{% endraw %}.

{{ link("kim-jong-un") }} {{ link("kim-jong-un", "Kim") }} {{ link(entity_id="kim-jong-un", text='Kim') }}
{{- claims(kind="opinion", hedge=none) }} {{ timeline(actor="kim-jong-un", since=2018, until="2019") }}
"""

TITLE_PAGE = """---
title: "{{ cycler.__init__.__globals__ }}"
render_macros: true
---
# A title from front matter
"""


def page(heading: str, body: str) -> str:
    return f"---\nrender_macros: true\n---\n# {heading}\n\n{body}\n"


def run_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "check", "--data", str(project / "data"),
                           "--docs", str(project / "docs")], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def error_lines(output: str) -> list[str]:
    """The `file:line: message` lines of a check or a build (MkDocs puts 'ERROR -' before the first)."""
    return [match.group(1) for match in re.finditer(r"^(?:ERROR\s+-\s+)?((?:data|docs)/\S+:\d+: .*)$", output, re.M)]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A copy of the project with every hostile page in docs/, checked and built once."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    for name, (body, _) in HOSTILE_PAGES.items():
        (project / "docs" / f"{name}.md").write_text(page(name, body), encoding="utf-8")
    (project / "docs" / "allowed.md").write_text(ALLOWED_PAGE, encoding="utf-8")
    (project / "docs" / "title.md").write_text(TITLE_PAGE, encoding="utf-8")
    check = run_check(project)
    build = mkdocs_build(project)
    return project, check, build


@pytest.mark.parametrize("name", HOSTILE_PAGES)
def test_a_hostile_page_is_refused_with_its_line_by_check_and_build(hostile, name):
    _, check, build = hostile
    expected = f"docs/{name}.md:6: {HOSTILE_PAGES[name][1]}"
    assert expected in error_lines(check.stderr), check.stderr
    assert expected in error_lines(build.output), build.output


def test_jinja_in_a_front_matter_title_is_refused_at_its_line(hostile):
    _, check, _ = hostile
    assert f"docs/title.md:2: {NOT_ALLOWED} attribute access ('.__init__') ({USE})" in error_lines(check.stderr)


def test_check_and_build_report_exactly_the_same_lines_and_nothing_runs(hostile):
    project, check, build = hostile
    assert check.returncode == 1 and build.returncode != 0
    assert error_lines(build.output) == error_lines(check.stderr)
    assert len(error_lines(check.stderr)) == len(HOSTILE_PAGES) + 1  # and the title
    final = f"{len(HOSTILE_PAGES) + 1} errors in the pages; nothing was built."
    assert check.stderr.strip().splitlines()[-1] == final
    assert final in build.output
    assert "Traceback" not in check.stderr + build.output
    assert not (project / "PWNED").exists()
    assert not build.site.exists()


def test_text_comments_raw_blocks_and_plain_calls_are_allowed(hostile):
    _, check, _ = hostile
    assert not [line for line in error_lines(check.stderr) if line.startswith("docs/allowed.md")]


def test_the_real_pages_pass(project):
    result = run_check(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_a_page_that_calls_macros_without_opting_in_is_refused(project):
    mkdocs_yml = project / "mkdocs.yml"
    settings = mkdocs_yml.read_text(encoding="utf-8")
    if "render_by_default: false" not in settings:
        mkdocs_yml.write_text(settings.replace("      module_name: macros\n",
                                               "      module_name: macros\n      render_by_default: false\n"),
                              encoding="utf-8")
    (project / "docs" / "forgot.md").write_text('# Forgot\n\nSee {{ link("kim-jong-un") }}.\n', encoding="utf-8")
    check = run_check(project)
    build = mkdocs_build(project)
    expected = ("docs/forgot.md:3: this page calls link(), but its macros are not run: readers would see "
                "the {{ }} as written (add 'render_macros: true' to the page's front matter, "
                "between '---' lines at the top)")
    assert expected in error_lines(check.stderr)
    assert error_lines(build.output) == error_lines(check.stderr)


def test_with_data_errors_check_and_build_still_report_what_is_wrong_in_the_pages(project):
    bad_data = yaml.safe_load((BAD_INPUT / "unknown-reference.yaml").read_text(encoding="utf-8"))
    for name, content in bad_data["files"].items():
        (project / name).write_text(content, encoding="utf-8")
    (project / "docs" / "sample.md").write_text(
        page("Sample", '{{ cycler }}\n{{ link("no-such-id") }}\n{{ link("kim-jong-un", txt="Kim") }}'),
        encoding="utf-8")
    check = run_check(project)
    build = mkdocs_build(project)

    # Ids in macro calls cannot be checked against data that does not load; everything else is.
    assert error_lines(check.stderr) == [
        *bad_data["expect"],
        f"docs/sample.md:6: {NOT_ALLOWED} the name 'cycler' ({USE})",
        "docs/sample.md:8: link: has no argument 'txt' (did you mean 'text'?)",
    ]
    final = f"{len(bad_data['expect']) + 2} errors in the data and the pages; nothing was built."
    assert check.stderr.strip().splitlines()[-1] == final
    assert error_lines(build.output) == error_lines(check.stderr)


def test_the_sandbox_stops_a_payload_even_if_the_page_check_were_skipped(project):
    page_check = project / "macros" / "hand_written_pages.py"  # the copy's: switched off below
    page_check.write_text(page_check.read_text(encoding="utf-8") + "\n\ndef page_errors(config, dataset):\n    return []\n",
                          encoding="utf-8")
    (project / "docs" / "sample.md").write_text(page("Sample", PAYLOAD), encoding="utf-8")
    build = mkdocs_build(project)
    assert build.returncode != 0
    assert "SecurityError: access to attribute '__init__' of 'type' object is unsafe" in build.output
    assert not (project / "PWNED").exists()


def test_a_mistake_in_a_page_correction_is_named_with_its_line_by_check_and_build(project):
    (project / "docs" / "sample.md").write_text(
        "---\nrender_macros: true\ncorrections:\n  - date: 23 November 2026\n    change: the example\n"
        "  - date: 2026-11-24\n    change: the date\n    reason: it was wrong\n    by: me\n---\n# Sample\n",
        encoding="utf-8")
    check = run_check(project)
    build = mkdocs_build(project)
    assert error_lines(check.stderr) == [
        "docs/sample.md:4: corrections[1].date: '23 November 2026' is not a date; write YYYY-MM-DD, YYYY-MM, "
        "YYYY, or --MM when the year is not stated",
        "docs/sample.md:4: corrections[1].reason: this required field is missing (add 'reason:' to the page)",
        "docs/sample.md:9: corrections[2].by: unknown field 'by' (known fields: change, date, reason)",
    ]
    assert error_lines(build.output) == error_lines(check.stderr)
    assert not (project / "site").exists()
