"""`mkdocs serve --dirty` (the README's preview) rebuilds only what an edit changed, and the site
it then serves is the one a clean build makes: after every kind of edit, its site directory is
compared file by file with that of a preview started afresh on the same files."""
from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from hostile_data import fixture_project
from site_build import served_path
from test_serve import PANEL, edit, fetch, free_port, wait_for

CLAIM = "data/claims/talks-may-resume.yaml"
RELATION = ('relations:\n  - type: "contradicts"\n    claim: "talks-unlikely-to-succeed"\n'
            '    reason: "Opposite forecasts of the talks: a disagreement of forecasts, not of facts."\n'
            'status: "disputed"\n')


def remove_claim(project: Path) -> None:
    edit(project / CLAIM, RELATION, 'status: "unverified"\n')
    (project / "data/claims/talks-unlikely-to-succeed.yaml").unlink()


def add_claim(project: Path) -> None:
    (project / "data/claims/talks-will-stall.yaml").write_text(
        'statement: "Queen Flavia argued that the border talks will stall."\nclaimant: "queen-flavia"\n'
        'kind: "opinion"\nappearances:\n  - source: "flavia-interview"\n'
        '    quote: "The border talks are unlikely to succeed, whatever my ministers say."\n'
        'subjects: ["border-talks"]\nstatus: "unverified"\n', encoding="utf-8")


EDITS = [  # (what an editor does, how) in order, each on the result of the one before
    ("a claim's statement", lambda p: edit(p / CLAIM, "may resume in the spring.", "may resume by the summer.")),
    ("an actor's name, shown on many pages", lambda p: edit(p / "data/actors/queen-flavia.yaml",
                                                            'name: "Queen Flavia"', 'name: "Queen Flavia II"')),
    ("a claim deleted", remove_claim),
    ("a claim added", add_claim),
    ("a hand-written page", lambda p: edit(p / "docs/timeline.md", "# Timeline\n", "# Timeline\n\nEdited.\n")),
]


class Preview:
    """One `mkdocs serve --dirty` of a project, with its site directory (MkDocs makes it in TMPDIR)."""

    def __init__(self, project: Path, workspace: Path):
        self.port, self.log = free_port(), workspace / "serve.log"
        self.temporary = workspace / "tmp"
        self.temporary.mkdir(parents=True)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{self.port}"],
            cwd=project, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(self.temporary)})
        self.base = f"http://127.0.0.1:{self.port}{served_path(project)}"
        assert wait_for(lambda: fetch(self.base)[0] == 200), self.log.read_text()

    @property
    def site(self) -> Path:
        [site] = self.temporary.glob("mkdocs_*")
        return site

    def builds(self) -> int:
        return self.log.read_text().count("updated in ")

    def wait_for_rebuild(self, before: int) -> None:
        assert wait_for(lambda: self.builds() > before), self.log.read_text()
        settled = time.monotonic() + 1.5  # a save can come as several file events: wait for the last build
        while time.monotonic() < settled:
            count = self.builds()
            time.sleep(0.3)
            if self.builds() != count:
                settled = time.monotonic() + 1.5

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@contextmanager
def preview(project: Path, workspace: Path):
    server = Preview(project, workspace)
    try:
        yield server
    finally:
        server.stop()


def contents(site: Path, port: int) -> dict[str, bytes]:
    """Every file of a served site, its address written without the port (each preview has its own).

    Not the search index (pagefind/): the preview makes it in the background after each rebuild
    (macros/search_index.py), so it catches up a moment after the pages."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file() and not path.relative_to(site).as_posix().startswith(("pagefind/", ".pagefind")):
            data = path.read_bytes()
            if path.suffix == ".gz":  # the sitemap: gzip's header holds the time it was written
                data = gzip.decompress(data)
            files[path.relative_to(site).as_posix()] = data.replace(f"127.0.0.1:{port}".encode(), b"HOST")
    return files


def test_after_each_edit_the_preview_serves_exactly_what_a_clean_build_makes(tmp_path):
    project = fixture_project(tmp_path / "project")
    with preview(project, tmp_path / "incremental") as incremental:
        for number, (edit, apply) in enumerate(EDITS):
            before = incremental.builds()
            apply(project)
            incremental.wait_for_rebuild(before)
            assert PANEL not in fetch(incremental.base)[1], f"{edit}: the edit left the data valid"
            fresh_project = tmp_path / f"fresh-{number}"
            shutil.copytree(project, fresh_project)
            with preview(fresh_project, tmp_path / f"clean-{number}") as clean:
                expected = contents(clean.site, clean.port)
                served = contents(incremental.site, incremental.port)
            assert sorted(served) == sorted(expected), (f"{edit}: the same files (none stale, none missing): "
                                                        f"{sorted(set(served) ^ set(expected))}")
            different = [path for path in expected if served[path] != expected[path]]
            assert not different, f"{edit}: these files differ from a clean build: {different}"


def test_an_unchanged_page_is_not_written_again(tmp_path):
    project = fixture_project(tmp_path / "project")
    with preview(project, tmp_path / "incremental") as incremental:
        page = incremental.site / "events" / "coronation" / "index.html"
        edited = incremental.site / "claims" / "talks-may-resume" / "index.html"
        written = page.stat().st_mtime_ns, edited.stat().st_mtime_ns
        before = incremental.builds()
        EDITS[0][1](project)
        incremental.wait_for_rebuild(before)
        assert page.stat().st_mtime_ns == written[0], "a page the edit does not touch is left as it was"
        assert edited.stat().st_mtime_ns > written[1]
        assert "by the summer" in fetch(incremental.base + "claims/talks-may-resume/")[1]


@pytest.mark.parametrize("pages", [("", "events/coronation/", "claims/talks-may-resume/")])
def test_a_mistake_is_listed_on_pages_that_were_not_rebuilt(tmp_path, pages):
    project = fixture_project(tmp_path / "project")
    with preview(project, tmp_path / "incremental") as incremental:
        before = incremental.builds()
        edit(project / CLAIM, 'claimant: "office-of-intelligence"', 'claimant: "office-of-inteligence"')
        incremental.wait_for_rebuild(before)
        for page in pages:
            assert PANEL in fetch(incremental.base + page)[1], page
        before = incremental.builds()
        edit(project / CLAIM, 'claimant: "office-of-inteligence"', 'claimant: "office-of-intelligence"')
        incremental.wait_for_rebuild(before)
        for page in pages:
            assert PANEL not in fetch(incremental.base + page)[1], page
