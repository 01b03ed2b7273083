"""Bad input: every kind of mistake an editor can make is reported with file, line and field.

Each case in tests/bad_input/ holds the files to add to a copy of the real
data and the exact messages they must produce; one test runs them all.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_build import PROJECT, mkdocs_build
from macros.errors import DataErrors
from macros.validate import load_dataset

CASES = sorted((Path(__file__).parent / "bad_input").glob("*.yaml"))


def load_case(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def case_param(path: Path):
    """A case as a test parameter. A case with a `known_bug` (a crash, a hang) is listed as an
    expected failure with its reason, but not run: its `expect` is the message proposed for the fix."""
    reason = load_case(path).get("known_bug")
    return pytest.param(path, id=path.stem, marks=[pytest.mark.xfail(run=False, reason=reason)] if reason else [])


def case_paths(case: dict) -> list[str]:
    """Every path a case adds under the project."""
    return [*case.get("files", {}), *case.get("generated", {}), *case.get("links", {}), *case.get("fifos", [])]


def add_files(project: Path, case: dict) -> None:
    """Add a case's files to the project.

    Besides plain `files`, a case may hold what a text file cannot: `generated` files too big to
    write out (`before`, then `repeat` `times` times, with {n} counting from 1), symbolic `links`
    ({path: target}, the target written as given) and `fifos` (named pipes).
    """
    def new(name: str) -> Path:
        target = project / name
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    for name, content in case.get("files", {}).items():
        new(name).write_bytes(content.encode(case.get("encoding", "utf-8")))
    for name, pattern in case.get("generated", {}).items():
        repeated = (pattern["repeat"].replace("{n}", str(n)) for n in range(1, pattern["times"] + 1))
        new(name).write_text(pattern.get("before", "") + "".join(repeated), encoding="utf-8")
    for name, target in case.get("links", {}).items():
        new(name).symlink_to(target)
    for name in case.get("fifos", []):
        os.mkfifo(new(name))


@pytest.fixture
def real_data(tmp_path: Path) -> Path:
    """A folder holding a copy of the real data/ alone: all a case needs, and quicker to make than a project."""
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    return tmp_path


def run_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "check", "--data", str(project / "data")],
                          capture_output=True, text=True)


def test_the_real_data_is_valid(project):
    result = run_check(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


@pytest.mark.parametrize("case_path", [case_param(path) for path in CASES])
def test_bad_input_is_reported_with_file_line_and_field(real_data, case_path):
    case = load_case(case_path)
    add_files(real_data, case)
    with pytest.raises(DataErrors) as raised:
        load_dataset(real_data / "data")
    reported = [str(error) for error in raised.value.errors]
    assert reported == case["expect"], case["description"]


def test_every_error_of_a_run_is_reported_together(project):
    """Every case at once. A case marked `reported_when_the_rest_is_valid` (an entity nothing on the
    site leads to: until the rest is valid, a broken file may be what names it) adds nothing here."""
    cases = [case for case in map(load_case, CASES) if not case.get("known_bug")]
    names = [name for case in cases for name in case_paths(case)]
    assert len(names) == len(set(names)), "cases must not share file names for this test"
    for case in cases:
        add_files(project, case)
    result = run_check(project)
    assert result.returncode == 1
    reported = result.stderr.strip().split("\n")
    # The order within a file is checked case by case; here, that nothing is lost or added. A file
    # name that is not UTF-8 reaches the terminal as Python writes it to stderr (\udce9).
    expected = [line.encode("utf-8", "backslashreplace").decode() for case in cases
                if not case.get("reported_when_the_rest_is_valid") for line in case["expect"]]
    assert sorted(reported[:-1]) == sorted(expected)
    assert reported[-1] == f"{len(expected)} errors in the data; nothing was built."
    assert "Traceback" not in result.stderr


def test_check_and_mkdocs_build_report_the_same_errors_and_leave_no_site(project):
    for name in ("unknown-reference", "impossible-date", "duplicate-key", "not-utf8"):
        add_files(project, load_case(Path(__file__).parent / "bad_input" / f"{name}.yaml"))
    check = run_check(project)
    build = mkdocs_build(project)

    check_errors = [line for line in check.stderr.splitlines() if line.startswith("data/")]
    build_errors = [line.split(" - ", 1)[-1].strip() for line in build.output.splitlines() if "data/" in line and ".yaml:" in line]
    assert len(check_errors) == 4
    assert build_errors == check_errors
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert not build.site.exists(), "a failed build must not leave a site behind"


def test_a_failed_build_keeps_the_last_good_site(project):
    good = mkdocs_build(project)
    assert good.returncode == 0, good.output
    add_files(project, load_case(Path(__file__).parent / "bad_input" / "unknown-reference.yaml"))
    bad = mkdocs_build(project)
    assert bad.returncode != 0
    assert (good.site / "actors" / "kim-jong-un" / "index.html").exists()


def test_the_editors_files_are_never_rewritten(project):
    before = {path: path.read_bytes() for path in (project / "data").rglob("*") if path.is_file()}
    assert run_check(project).returncode == 0
    assert mkdocs_build(project).returncode == 0
    after = {path: path.read_bytes() for path in (project / "data").rglob("*") if path.is_file()}
    assert after == before
