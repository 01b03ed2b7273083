"""Bad input: every kind of mistake an editor can make is reported with file, line and field.

Each case in tests/bad_input/ holds the files to add to a copy of the real
data and the exact messages they must produce; one test runs them all.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_build import mkdocs_build
from macros.errors import DataErrors
from macros.validate import load_dataset

CASES = sorted((Path(__file__).parent / "bad_input").glob("*.yaml"))


def load_case(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def add_files(project: Path, case: dict) -> None:
    for name, content in case["files"].items():
        target = project / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode(case.get("encoding", "utf-8")))


def run_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "check", "--data", str(project / "data")],
                          capture_output=True, text=True)


def test_the_real_data_is_valid(project):
    result = run_check(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


@pytest.mark.parametrize("case_path", CASES, ids=[path.stem for path in CASES])
def test_bad_input_is_reported_with_file_line_and_field(project, case_path):
    case = load_case(case_path)
    add_files(project, case)
    with pytest.raises(DataErrors) as raised:
        load_dataset(project / "data")
    reported = [str(error) for error in raised.value.errors]
    assert reported == case["expect"], case["description"]


def test_every_error_of_a_run_is_reported_together(project):
    cases = [load_case(path) for path in CASES]
    names = [name for case in cases for name in case["files"]]
    assert len(names) == len(set(names)), "cases must not share file names for this test"
    for case in cases:
        add_files(project, case)
    result = run_check(project)
    assert result.returncode == 1
    reported = result.stderr.strip().splitlines()
    expected = sorted(line for case in cases for line in case["expect"])
    assert reported[:-1] == expected
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
