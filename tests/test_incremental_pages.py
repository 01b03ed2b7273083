"""Rendering again only what an edit touched (`build_pages(previous=…)`, used by `serve --dirty`)
gives exactly the pages a full rendering gives, after every kind of edit an editor makes, and
really does skip the pages the edit did not touch."""
from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from macros import pages as pages_module, parallel
from macros.pages import build_pages
from macros.synth import write_synthetic_data
from macros.validate import load_dataset


def read(file: Path) -> dict:
    return yaml.safe_load(file.read_text(encoding="utf-8"))


def write(file: Path, values: dict) -> None:
    file.write_text(yaml.safe_dump(values, allow_unicode=True, sort_keys=False), encoding="utf-8")


def pick(folder: Path, rng: random.Random) -> Path:
    return rng.choice(sorted(folder.glob("*.yaml")))


def referenced_claims(data: Path) -> set[str]:
    return {relation["claim"] for file in (data / "claims").glob("*.yaml") for relation in read(file).get("relations", [])}


def edit(data: Path, what: str, rng: random.Random) -> None:
    """One edit of the kind `what`, as an editor would make it, keeping the data valid."""
    actors = sorted(file.stem for file in (data / "actors").glob("*.yaml"))
    if what == "rename actor":
        file = pick(data / "actors", rng)
        write(file, {**read(file), "name": read(file)["name"] + " Renamed"})
    elif what == "add alias":
        file = pick(data / "actors", rng)
        values = read(file)
        write(file, {**values, "aliases": [*values.get("aliases", []), "Другое имя"]})
    elif what == "reword claim":
        file = pick(data / "claims", rng)
        write(file, {**read(file), "statement": read(file)["statement"] + " (reworded)"})
    elif what == "add subject":
        file = pick(data / "claims", rng)
        values = read(file)
        others = [actor for actor in actors if actor not in values["subjects"]]
        write(file, {**values, "subjects": [*values["subjects"], rng.choice(others)]})
    elif what == "add relation":
        file = pick(data / "claims", rng)
        values = read(file)
        taken = {relation["claim"] for relation in values.get("relations", [])} | {file.stem}
        other = rng.choice([claim.stem for claim in sorted((data / "claims").glob("*.yaml")) if claim.stem not in taken])
        write(file, {**values, "relations": [*values.get("relations", []),
                                             {"type": "qualifies", "claim": other, "reason": "A later edit links them."}]})
    elif what == "delete claim":
        taken = referenced_claims(data)
        candidates = [file for file in sorted((data / "claims").glob("*.yaml")) if file.stem not in taken]
        rng.choice(candidates).unlink()
    elif what == "add claim":
        file = pick(data / "claims", rng)
        values = {key: value for key, value in read(file).items() if key not in ("relations", "corrections")}
        write(file.with_name(f"{file.stem}-again.yaml"), {**values, "statement": values["statement"] + " Again."})
    elif what == "retitle event":
        file = pick(data / "events", rng)
        write(file, {**read(file), "title": read(file)["title"] + " (retitled)"})
    elif what == "change role":
        file = pick(data / "events", rng)
        values = read(file)
        values["participants"][0] = {**values["participants"][0], "role": "hosted"}
        write(file, values)
    elif what == "delete event":  # and every reference to it, as `check` would ask
        claims = {file: read(file) for file in sorted((data / "claims").glob("*.yaml"))}
        sole_subject = {values["subjects"][0] for values in claims.values() if len(values["subjects"]) == 1}
        event = rng.choice([file for file in sorted((data / "events").glob("*.yaml")) if file.stem not in sole_subject])
        for file, values in claims.items():
            if event.stem in values["subjects"]:
                write(file, {**values, "subjects": [s for s in values["subjects"] if s != event.stem]})
        for file in sorted((data / "events").glob("*.yaml")):
            values = read(file)
            if any(related["event"] == event.stem for related in values.get("related", [])):
                write(file, {**values, "related": [r for r in values["related"] if r["event"] != event.stem]})
        event.unlink()
    elif what == "rename source":
        file = pick(data / "sources", rng)
        values = read(file)
        write(file, {**values, "short_name": "the renamed source"})
    elif what == "add affiliation":
        file = pick(data / "actors", rng)
        values = read(file)
        linked = {affiliation["actor"] for affiliation in values.get("affiliations", [])} | {file.stem}
        other = rng.choice([actor for actor in actors if actor not in linked])
        write(file, {**values, "affiliations": [*values.get("affiliations", []), {"actor": other, "relation": "advises"}]})
    else:
        raise AssertionError(f"no edit called {what!r}")


EDITS = ["rename actor", "add alias", "reword claim", "add subject", "add relation", "delete claim",
         "add claim", "retitle event", "change role", "delete event", "rename source", "add affiliation"]


@pytest.fixture(scope="module")
def synthetic_data(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("synthetic") / "data"
    write_synthetic_data(data, 160, seed=3)
    return data


@pytest.fixture
def rendered_templates(monkeypatch) -> list[str]:
    """The page paths rendered, all in this process while they are counted (a forked worker's would not be seen)."""
    seen: list[str] = []
    monkeypatch.setattr(parallel, "FEWEST_ITEMS", sys.maxsize)
    original = pages_module.render

    def counting(template, **values):
        seen.append(values["page_path"])
        return original(template, **values)

    monkeypatch.setattr(pages_module, "render", counting)
    return seen


@pytest.mark.parametrize("what", EDITS)
def test_after_each_kind_of_edit_the_pages_are_those_of_a_full_rendering(what, synthetic_data, tmp_path, rendered_templates):
    data = tmp_path / "data"
    shutil.copytree(synthetic_data, data)
    previous = build_pages(load_dataset(data), record=True)
    rng = random.Random(what)
    for _ in range(3):  # the same kind of edit three times, each on the pages the last one left
        edit(data, what, rng)
        dataset = load_dataset(data)
        rendered_templates.clear()
        again = build_pages(dataset, previous=previous, record=True)
        entity_pages = {dataset.page_path(entity_id) for entity_id in dataset.ids()}
        assert len(set(rendered_templates) & entity_pages) < len(entity_pages) / 2, \
            f"after '{what}' most entity pages were rendered again, so nothing was reused"
        assert dict(again) == dict(build_pages(dataset)), f"after '{what}' the pages differ from a full rendering"
        previous = again


def test_a_changed_setting_or_history_date_renders_what_shows_it(synthetic_data, rendered_templates):
    dataset = load_dataset(synthetic_data)
    history = {entity_id: "2026-01-01" for entity_id in dataset.ids()}
    previous = build_pages(dataset, last_updated=history, record=True)
    some_claim = next(iter(dataset.claims))

    rendered_templates.clear()
    moved = build_pages(dataset, last_updated={**history, some_claim: "2026-02-02"}, previous=previous, record=True)
    assert dataset.page_path(some_claim) in rendered_templates
    assert len(rendered_templates) < len(previous) / 2
    assert dict(moved) == dict(build_pages(dataset, last_updated={**history, some_claim: "2026-02-02"}))

    rendered_templates.clear()
    elsewhere = build_pages(dataset, last_updated=history, site_url="https://example.net/", previous=moved, record=True)
    assert {dataset.page_path(entity_id) for entity_id in dataset.ids()} <= set(rendered_templates)
    assert dict(elsewhere) == dict(build_pages(dataset, last_updated=history, site_url="https://example.net/"))
