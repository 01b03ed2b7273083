"""A build either replaces site/ whole or leaves the previous site/ exactly as it was, whatever
stops it: a mistake in the data or in a page, a strict-mode warning, an exception while pages
are written, or a plugin that ends the process."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from macros import atomic_site
from site_build import copy_project, mkdocs_build

BAD_INPUT = Path(__file__).parent / "bad_input"


def unknown_reference(project: Path) -> None:
    for name, content in yaml.safe_load((BAD_INPUT / "unknown-reference.yaml").read_text(encoding="utf-8"))["files"].items():
        (project / name).write_text(content, encoding="utf-8")


def unknown_id_in_a_page(project: Path) -> None:
    (project / "docs" / "unknown-id.md").write_text(
        '---\nrender_macros: true\n---\n# Unknown id\n\nSee {{ link("no-such-id") }}.\n', encoding="utf-8")


def broken_link(project: Path) -> None:
    (project / "docs" / "broken-link.md").write_text("# Broken link\n\nSee [the missing page](missing.md).\n",
                                                     encoding="utf-8")


def missing_template(project: Path) -> None:
    """Jinja raises TemplateNotFound while MkDocs writes the pages, after it has written others."""
    (project / "docs" / "wide.md").write_text("---\ntemplate: wide.html\n---\n# Wide\n", encoding="utf-8")


def add_hook(project: Path, name: str, source: str) -> None:
    """Another MkDocs hook, listed before the project's own."""
    (project / name).write_text(source, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\nhooks:\n" in text
    config.write_text(text.replace("\nhooks:\n", f"\nhooks:\n  - {name}\n"), encoding="utf-8")


def plugin_that_exits(project: Path) -> None:
    """As mkdocs-macros does with `on_error_fail: true` (it calls exit()), halfway through the pages."""
    add_hook(project, "exits_mid_build.py",
             "def on_post_page(output, page, config):\n"
             "    if page.file.src_uri == 'glossary.md':\n"
             "        raise SystemExit(3)\n"
             "    return output\n")


def search_index_fails(project: Path) -> None:
    """Every page is written, then the search index cannot be made (macros/search_index.py):
    here because another hook took away the mark of what search indexes on every page."""
    add_hook(project, "unsearchable_pages.py",
             "def on_post_page(output, page, config):\n"
             "    return output.replace('data-pagefind-body', 'data-not-searched')\n")


FAILURES = {
    "a data error": unknown_reference,
    "a page macro error": unknown_id_in_a_page,
    "a strict-mode warning": broken_link,
    "an exception while pages are written": missing_template,
    "a plugin that exits": plugin_that_exits,
    "a search index that cannot be made": search_index_fails,
}


def snapshot(site: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None) under `site`, by relative path."""
    return {path.relative_to(site).as_posix(): None if path.is_dir() else path.read_bytes()
            for path in sorted(site.rglob("*"))}


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    """A copy of the project after one good build (copy it again before changing it)."""
    project = copy_project(tmp_path_factory.mktemp("atomic") / "project")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    return project


@pytest.fixture
def rebuilt_project(built_project, tmp_path) -> Path:
    return Path(shutil.copytree(built_project, tmp_path / "project", symlinks=True))


@pytest.mark.parametrize("failure", FAILURES, ids=list(FAILURES))
def test_a_failed_build_leaves_the_last_good_site_exactly_as_it_was(rebuilt_project, failure):
    project = rebuilt_project
    before, beside_before = snapshot(project / "site"), sorted(os.listdir(project))
    FAILURES[failure](project)
    beside_before = sorted(set(beside_before) | set(os.listdir(project)))  # and the files just added
    build = mkdocs_build(project)
    assert build.returncode != 0, build.output
    assert snapshot(project / "site") == before
    assert sorted(os.listdir(project)) == beside_before, "a temporary directory was left behind"


@pytest.mark.parametrize("failure", FAILURES, ids=list(FAILURES))
def test_a_first_build_that_fails_leaves_no_site(project, failure):
    FAILURES[failure](project)
    beside_before = sorted(os.listdir(project))
    build = mkdocs_build(project)
    assert build.returncode != 0, build.output
    assert sorted(os.listdir(project)) == beside_before, "a site or a temporary directory was left behind"


def test_a_good_build_replaces_the_whole_site_and_cleans_up_after_a_killed_one(rebuilt_project):
    project = rebuilt_project
    site = project / "site"
    (site / "stale.html").write_text("from an older build", encoding="utf-8")
    (project / ".site.building-killed").mkdir()  # what a build killed with SIGKILL leaves
    (project / ".site.building-killed" / "index.html").write_text("half", encoding="utf-8")
    beside_before = sorted(os.listdir(project))
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    assert not (site / "stale.html").exists()
    assert (site / "actors" / "kim-jong-un" / "index.html").is_file()
    assert sorted(os.listdir(project)) == [name for name in beside_before if name != ".site.building-killed"]
    umask = os.umask(0)
    os.umask(umask)
    assert site.stat().st_mode & 0o777 == 0o777 & ~umask, "site/ must be readable as a normal build makes it"


@pytest.mark.parametrize("exchange", [True, False], ids=["atomic exchange", "two renames"])
def test_replacing_a_site_leaves_the_new_one_in_place_and_nothing_beside_it(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(atomic_site, "_exchange", lambda first, second: False)
    site, new = tmp_path / "site", tmp_path / ".site.building-x"
    for folder, text in ((site, "old"), (new, "new")):
        (folder / "actors").mkdir(parents=True)
        (folder / "actors" / "index.html").write_text(text, encoding="utf-8")
    atomic_site.replace(site, new)
    assert (site / "actors" / "index.html").read_text(encoding="utf-8") == "new"
    assert os.listdir(tmp_path) == ["site"]
