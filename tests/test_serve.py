"""The editor's preview: `mkdocs serve` keeps answering every page through any mistake,
lists the mistakes on every page with file and line, and recovers by itself when they are fixed."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from site_build import served_path

PAGES = ("", "actors/park-sun-won/", "timeline/", "glossary/", "claims/")  # hand-written and generated
PANEL = 'class="preview-errors"'


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """Status and body; a preview that hangs fails here, after 5 s."""
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode("utf-8")


def wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


@contextmanager
def preview(project: Path, log_path: Path, *options: str):
    """The README's preview, `mkdocs serve --dirty`, unless other options are given."""
    port = free_port()
    with open(log_path, "w+") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *(options or ["--dirty"]),
                                   "-a", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=log, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            base = f"http://127.0.0.1:{port}{served_path(project)}"
            assert wait_for(lambda: fetch(base)[0] == 200), log_path.read_text()
            yield base, server
        finally:
            server.terminate()
            server.wait(timeout=10)


def every_page_answers_listing(base: str, message: str) -> None:
    for page in PAGES:
        status, html = fetch(base + page)
        assert status == 200, page
        assert PANEL in html and message in html, page


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


KINDS_OF_MISTAKE = {
    "YAML syntax": ("data/actors/park-sun-won.yaml", "kind: ", "  kind: ",
                    "data/actors/park-sun-won.yaml:"),
    "unknown reference": ("data/claims/park-sun-won-shared-nis-briefing.yaml", '"park-sun-won"', '"park-sun-wan"',
                          "unknown id &#39;park-sun-wan&#39;"),
    "unknown id in a page": ("docs/glossary.md", 'link("nis")', 'link("nis2")',
                             "docs/glossary.md:"),
    "code in a page": ("docs/timeline.md", "\n# ", "\n{{ cycler.__init__ }}\n\n# ",
                       "not attribute access"),
    "broken link in a page": ("docs/index.md", "\n# ", "\n[a link](missing.md)\n\n# ",
                              "contains a link &#39;missing.md&#39;"),
}


@pytest.mark.parametrize("kind", KINDS_OF_MISTAKE)
def test_every_page_keeps_answering_with_the_mistake_listed_until_it_is_fixed(project, tmp_path, kind):
    file, old, new, message = KINDS_OF_MISTAKE[kind]
    with preview(project, tmp_path / "serve.log") as (base, server):
        good = {page: fetch(base + page)[1] for page in PAGES}
        assert not any(PANEL in html for html in good.values())

        edit(project / file, old, new)
        assert wait_for(lambda: PANEL in fetch(base)[1]), (tmp_path / "serve.log").read_text()
        every_page_answers_listing(base, message)
        assert "Park Sun-won" in fetch(base + "actors/park-sun-won/")[1], "the last good page is still served"
        assert server.poll() is None

        edit(project / file, new, old)
        assert wait_for(lambda: PANEL not in fetch(base)[1]), (tmp_path / "serve.log").read_text()
        assert server.poll() is None
    log = (tmp_path / "serve.log").read_text()
    assert "Traceback" not in log


def test_a_page_with_a_mistake_shows_its_last_good_version(project, tmp_path):
    with preview(project, tmp_path / "serve.log") as (base, _):
        before = fetch(base + "glossary/")[1]
        assert 'href="../actors/nis/"' in before
        edit(project / "docs" / "glossary.md", 'link("nis")', 'link("nis2")')
        assert wait_for(lambda: PANEL in fetch(base + "glossary/")[1])
        assert 'href="../actors/nis/"' in fetch(base + "glossary/")[1]


@pytest.mark.parametrize("options", [("--dirty",), ("--livereload",), ("--clean",)])
def test_an_edit_shows_up_and_the_log_is_quiet(project, tmp_path, options):
    actor = project / "data" / "actors" / "park-sun-won.yaml"
    with preview(project, tmp_path / "serve.log", *options) as (base, _):
        edit(actor, "\"Park Sun-won\"", "\"Edited Park Sun-won\"")
        assert wait_for(lambda: "Edited Park Sun-won" in fetch(base + "actors/park-sun-won/")[1])
    lines = (tmp_path / "serve.log").read_text().splitlines()
    assert any(f"preview at {base}" in line for line in lines)
    assert all(line.startswith("INFO    -  ") for line in lines), lines  # no banner, no rebuild chatter


def test_a_preview_started_on_broken_data_answers_and_recovers(project, tmp_path):
    claim = project / "data" / "claims" / "park-sun-won-shared-nis-briefing.yaml"
    edit(claim, '"park-sun-won"', '"park-sun-wan"')
    with preview(project, tmp_path / "serve.log") as (base, server):
        status, html = fetch(base)
        assert status == 200 and PANEL in html and "park-sun-wan" in html
        edit(claim, '"park-sun-wan"', '"park-sun-won"')
        assert wait_for(lambda: "Park Sun-won" in fetch(base + "actors/park-sun-won/")[1])
        assert PANEL not in fetch(base)[1]
        assert server.poll() is None
