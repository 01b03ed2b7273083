"""Synthetic data (`python -m macros synth`): valid, deterministic, shaped like the real data.

The benchmarks build sites from it at 100 to 10,000 entities, so it must pass every check the
real data passes, and it must be the same data on every run, or two measurements would not
measure the same thing.
"""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from macros.editorial_rules import uses_word
from macros.model import HEDGE_WORDS, DatePrecision
from macros.synth import entity_counts, synthetic_files, write_synthetic_data
from macros.validate import load_dataset

PROJECT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
HANGUL = re.compile("[\uac00-\ud7a3]")
SCRIPTS = {"Hangul": HANGUL, "Cyrillic": re.compile("[\u0400-\u04ff]"),
           "Arabic or Persian": re.compile("[\u0600-\u06ff]"), "CJK": re.compile("[\u4e00-\u9fff\u30a0-\u30ff]")}


def synth(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "synth", *arguments], cwd=PROJECT,
                          capture_output=True, text=True, env=ENV)


def digest(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """200 synthetic entities, written by the command an editor or a benchmark runs."""
    out = tmp_path_factory.mktemp("synth") / "data"
    result = synth("--count", "200", "--out", str(out), "--seed", "7")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def dataset(data):
    return load_dataset(data)


def test_the_same_arguments_write_the_same_bytes(tmp_path, data):
    again = tmp_path / "again"
    assert synth("--count", "200", "--out", str(again), "--seed", "7").returncode == 0
    assert digest(again) == digest(data)
    assert synthetic_files(200, seed=8) != synthetic_files(200, seed=7)


def test_the_checker_finds_nothing_wrong(data):
    check = subprocess.run([sys.executable, "-m", "macros", "check", "--data", str(data)], cwd=PROJECT,
                           capture_output=True, text=True, env=ENV)
    assert check.returncode == 0, check.stderr
    assert "ok: 10 sources, 30 actors, 40 events, 120 claims" in check.stdout


@pytest.mark.parametrize("count", [4, 9, 57])
def test_small_datasets_are_valid_too(tmp_path, count):
    write_synthetic_data(tmp_path / "data", count, seed=count)
    dataset = load_dataset(tmp_path / "data")
    assert len(list(dataset.ids())) == count


def test_the_kinds_come_in_realistic_proportions():
    files = synthetic_files(1000, seed=1)
    folders = Counter(path.split("/")[0] for path in files)
    entities = sum(folders[kind] for kind in ("sources", "actors", "events", "claims"))
    assert entities == 1000
    for folder, share in {"sources": 0.05, "actors": 0.15, "events": 0.20, "claims": 0.60}.items():
        assert abs(folders[folder] / entities - share) <= 0.01, folder
    assert folders["archive"] == folders["sources"]
    assert entity_counts(10_000) == {"source": 500, "actor": 1500, "event": 2000, "claim": 6000}


def test_claims_are_linked_as_densely_as_real_ones(dataset):
    claims = dataset.claims.values()
    assert {len(claim.appearances) for claim in claims} == {1, 2, 3}
    assert {len(claim.subjects) for claim in claims} <= {1, 2, 3, 4}
    assert {len(claim.relations) for claim in claims} == {0, 1, 2, 3}
    for claim in claims:
        for appearance in claim.appearances:
            assert appearance.quote in dataset.archive_text(appearance.source)


def test_every_source_has_an_archived_text_that_its_quotes_come_from(dataset):
    for source_id, source in dataset.sources.items():
        assert source.archive and dataset.archive_text(source_id)
        assert dataset.appearances_in(source_id)


def test_dates_take_every_precision_and_form_the_model_allows(dataset):
    dates = [event.date for event in dataset.events.values()] + \
            [source.published for source in dataset.sources.values()]
    assert {date.precision for date in dates} == set(DatePrecision)
    assert any(date.start and date.start.startswith("--") for date in dates), "a date without a year"
    assert any(date.end for date in dates), "a range"
    assert any(date.probable for date in dates), "a probable date"
    assert any(event.sequence for event in dataset.events.values()), "several events on one day"


def test_optional_fields_are_filled_in_a_realistic_share(dataset):
    claims = list(dataset.claims.values())
    share = lambda found: sum(map(bool, found)) / len(claims)  # noqa: E731
    assert 0.2 < share(claim.hedges for claim in claims) < 0.6
    assert 0.05 < share(claim.attribution for claim in claims) < 0.3
    assert 0.05 < share(claim.status_history for claim in claims) < 0.4
    assert 0 < share(claim.corrections for claim in claims) < 0.15
    hedges = {word for claim in claims for word in claim.hedges}
    assert len(hedges) > len(HEDGE_WORDS) / 2


def test_every_hedge_word_of_the_model_can_be_generated():
    from macros.synth import _HEDGED

    assert set(_HEDGED) == set(HEDGE_WORDS)
    for word, sentence in _HEDGED.items():
        assert uses_word(sentence, word)


def test_actors_have_aliases_in_several_scripts(dataset):
    aliases = [alias for actor in dataset.actors.values() for alias in actor.aliases]
    for script, letters in SCRIPTS.items():
        assert any(letters.search(alias) for alias in aliases), f"no alias in {script}"
    hangul = [actor for actor in dataset.actors.values() if any(HANGUL.search(alias) for alias in actor.aliases)]
    assert len(hangul) >= len(dataset.actors) / 4


def test_it_never_writes_into_a_folder_that_holds_anything(tmp_path):
    editors_data = tmp_path / "data"
    (editors_data / "claims").mkdir(parents=True)
    claim = editors_data / "claims" / "an-editors-claim.yaml"
    claim.write_text("statement: kept\n", encoding="utf-8")
    result = synth("--count", "100", "--out", str(editors_data))
    assert result.returncode == 1
    assert "not an empty folder" in result.stderr
    assert [path.name for path in editors_data.rglob("*")] == ["claims", "an-editors-claim.yaml"]
    assert claim.read_text(encoding="utf-8") == "statement: kept\n"


def test_it_writes_into_an_empty_folder(tmp_path):
    assert synth("--count", "20", "--out", str(tmp_path)).returncode == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["actors", "archive", "claims", "events", "sources"]
