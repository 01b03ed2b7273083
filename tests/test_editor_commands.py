"""The editor's commands: `new` starts a file with every field explained, `quote` checks a quote."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from macros.model import KINDS
from macros.scaffold import scaffold

SOURCE = "nk-distancing-from-iran-nis-report"


def macros(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", *arguments, "--data", str(project / "data")],
                          capture_output=True, text=True, cwd=project)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_new_file_names_every_field_of_its_kind_with_what_it_means(kind):
    text = scaffold(KINDS[kind])
    for name, info in KINDS[kind].model_fields.items():
        field_line = next(line for line in text.splitlines() if line.startswith(f"{name}:"))  # the kind's own fields
        comment = text.splitlines()[text.splitlines().index(field_line) - 1]
        assert comment.lstrip().startswith(("# required", "# optional")), name
        assert " ".join((info.description or "").split())[:40] in comment, name


def test_new_writes_a_file_that_check_then_explains_line_by_line(project):
    result = macros(project, "new", "claim", "a-new-claim")
    assert result.returncode == 0, result.stderr
    written = project / "data" / "claims" / "a-new-claim.yaml"
    assert written.is_file()

    check = subprocess.run([sys.executable, "-m", "macros", "check", "--data", str(project / "data")],
                           capture_output=True, text=True)
    assert check.returncode == 1
    messages = [line for line in check.stderr.splitlines() if line.startswith("data/claims/a-new-claim.yaml:")]
    statement_line = written.read_text(encoding="utf-8").splitlines().index('statement: ""') + 1
    assert any(f":{statement_line}: statement: this text is empty" in line for line in messages), messages
    assert not any("not valid YAML" in line for line in messages)


def test_new_never_overwrites_and_refuses_ids_in_use_or_malformed(project):
    existing = project / "data" / "actors" / "kim-jong-un.yaml"
    before = existing.read_bytes()
    taken = macros(project, "new", "claim", "kim-jong-un")
    assert taken.returncode == 1 and "already used" in taken.stderr
    assert existing.read_bytes() == before
    malformed = macros(project, "new", "actor", "Kim_Jong_Un")
    assert malformed.returncode == 1 and "not a valid id" in malformed.stderr
    assert not (project / "data" / "actors" / "Kim_Jong_Un.yaml").exists()


def test_quote_confirms_a_verbatim_quote_with_its_line(project):
    result = macros(project, "quote", SOURCE, "there is currently no evidence that North Korea has provided weapons")
    assert result.returncode == 0
    assert result.stdout.startswith("verbatim: the text is in data/archive/000_7e27ff9612f09672.txt (line ")


def test_quote_names_the_typographic_difference_and_shows_the_passage(project):
    archive = (project / "data" / "archive" / "000_7e27ff9612f09672.txt").read_text(encoding="utf-8")
    curly = archive.index("’")
    passage = archive[curly - 40:curly + 20]
    typed = passage.replace("’", "'")

    result = macros(project, "quote", SOURCE, typed)

    assert result.returncode == 1
    assert "the quote has straight apostrophe ' where the source has curly apostrophe ’" in result.stdout
    assert f"closest passage (line {archive.count(chr(10), 0, curly - 40) + 1}): {passage}" in result.stdout


def test_quote_of_an_unknown_source_says_so(project):
    result = macros(project, "quote", "no-such-source", "text")
    assert result.returncode == 2 and "there is no source 'no-such-source'" in result.stderr
