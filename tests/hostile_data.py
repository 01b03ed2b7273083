"""A small valid dataset for tests, and the same dataset with an attack in every free-text field.

The base dataset is YAML under tests/fixtures/mini/data (3 sources, 2 with archived texts; 4
actors; 4 events; 6 claims); tests/fixtures/mini/docs holds the hand-written pages to build it
with (an index without macros, one page that calls every macro on fixture ids, and pages whose
macros draw the whole dataset, as the real site's do). See tests/fixtures/mini/README.md.
`fixture_project` turns either dataset into a buildable copy of the real project (its
mkdocs.yml, macros/, overrides/ and docs/ assets).

`write_hostile_data` puts every payload below into every free-text field of every entity. The
free-text fields are found from the pydantic models in macros/model.py, never listed by hand: a
new text field gets payloads without anyone editing this file. A field that holds text but
whose model refuses a payload there (dates, hedge words) must be named in `REFUSES_PAYLOADS`,
with the reason; `HostileData.refused` shows which ones were skipped.
"""
from __future__ import annotations

import copy
import re
import shutil
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml
from pydantic import BaseModel, ValidationError

from site_build import copy_project

from macros.verbatim_html import END as VERBATIM_END, START as VERBATIM_START

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "mini"
MINI_DATA = FIXTURE / "data"
MINI_DOCS = FIXTURE / "docs"

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
SVG = '"><svg onload=window.__pwned=1>'
JAVASCRIPT_LINK = "[x](javascript:window.__pwned=1)"
JINJA = "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}"
JINJA_RAW = "{% raw %}{{ config }}{% endraw %}"
ADMONITION = '!!! danger "x"'
RULE = "---"
ASTRAL = "🚀 𠀀"  # an emoji, and a CJK character outside the Basic Multilingual Plane
FORMULA = '=HYPERLINK("http://example.com","x")'
BIDI = "\u202e"  # right-to-left override
# VERBATIM_START and VERBATIM_END: the lines between which Markdown passes generated HTML through
# unparsed (macros/verbatim_html.py); in odd variants each is a paragraph, the other payloads between.
PAYLOADS = (FORMULA, SCRIPT, IMG, SVG, JAVASCRIPT_LINK, JINJA, JINJA_RAW, ADMONITION, RULE, ASTRAL, BIDI,
            VERBATIM_START, VERBATIM_END)
PWNED_FILE = "PWNED"  # what JINJA creates in the working directory if data is ever run as a template
# An address the model accepts (http/https) that tries to break out of the link and its attribute.
HOSTILE_URL = 'https://example.org/x?q="><svg onload=window.__pwned=1>&r=)[x](javascript:window.__pwned=1)'
MAX_TEXT = 500  # every hostile value stays shorter, in case a length limit on text fields appears

# Text fields whose model accepts only some values, so they cannot hold a payload. A new entry
# needs a reason; a text field missing from here that refuses payloads fails the coverage test.
REFUSES_PAYLOADS = {
    "source.published.start": "a date (YYYY-MM-DD, YYYY-MM, YYYY or --MM)",
    "source.published.end": "a date",
    "source.accessed": "a date",
    "event.date.start": "a date",
    "event.date.end": "a date",
    "claim.hedges[]": "only the known hedge words, which must appear in the quote",
    "claim.status_history[].date": "a date",
    **{f"{kind}.corrections[].date": "a day (YYYY-MM-DD)" for kind in ("source", "actor", "event", "claim")},
    **{f"{part}.probable.{end}": "a date with a year" for part in ("source.published", "event.date")
       for end in ("start", "end")},
}

ITEM = "[]"  # a step into every item of a list
FieldPath = tuple[str, ...]


# --- the free-text fields, from the model ---------------------------------------------------


def text_fields(model: type[BaseModel]) -> list[FieldPath]:
    """Paths of every field of `model` (nested models and lists included) that holds text which
    is neither an id (a `Ref`) nor held to a whole-value pattern (e.g. `act`, `language`)."""
    found: list[FieldPath] = []
    for name, info in model.model_fields.items():
        steps, leaf, marks = _shape(info.annotation, list(info.metadata), (name,))
        if isinstance(leaf, type) and issubclass(leaf, BaseModel):
            found += [steps + inner for inner in text_fields(leaf)]
        elif leaf is str and not any(_restricts(mark) for mark in marks):
            found.append(steps)
    return found


def _shape(annotation: Any, marks: list, steps: FieldPath) -> tuple[FieldPath, Any, list]:
    """Unwrap Optional[...], list[...] and Annotated[...] down to the type of the value itself."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        for mark in extra:  # Field(...) inside Annotated keeps its constraints in .metadata
            marks = marks + [mark] + list(getattr(mark, "metadata", ()))
        return _shape(base, marks, steps)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(options) == 1:
            return _shape(options[0], marks, steps)
        return steps, annotation, marks
    if origin is list:
        (item,) = typing.get_args(annotation)
        return _shape(item, marks, steps + (ITEM,))
    return steps, annotation, marks


def _restricts(mark: Any) -> bool:
    """Whether a constraint limits what text a field can hold (an id, or a pattern for the whole value)."""
    if type(mark).__name__ == "Ref":
        return True
    pattern = getattr(mark, "pattern", None)
    return isinstance(pattern, str) and pattern.startswith("^") and pattern.endswith("$")


def free_text_fields() -> dict[str, list[FieldPath]]:
    """{kind: [field path]} for every kind of macros/model.py."""
    from macros.model import KINDS
    return {kind: text_fields(model) for kind, model in KINDS.items()}


def shown_path(kind: str, path: FieldPath) -> str:
    """('affiliations', '[]', 'relation') of an actor -> 'actor.affiliations[].relation'."""
    return kind + "".join(step if step == ITEM else f".{step}" for step in path)


# --- hostile text ---------------------------------------------------------------------------


def hostile_text(original: str, variant: int) -> str:
    """`original` with every payload. Even variants are one line that starts with a payload
    (as a CSV cell or a Markdown line would); odd ones put each payload in its own paragraph."""
    turn = variant // 2 % len(PAYLOADS)
    payloads = list(PAYLOADS[turn:] + PAYLOADS[:turn])
    if variant % 2 == 0:
        text = " ".join(payloads + [original] * bool(original))
    else:
        text = "\n\n".join([original] * bool(original) + payloads)
    assert len(text) < MAX_TEXT, f"{original!r} is too long to carry every payload"
    return text


def fold(text: str) -> str:
    """Whitespace runs as one space, ends trimmed: text as a reader sees it on a page."""
    return re.sub(r"\s+", " ", text).strip()


# --- reading and writing a data folder --------------------------------------------------------


def read_data(data_dir: Path = MINI_DATA) -> tuple[dict[str, dict[str, dict]], dict[str, str]]:
    """({kind: {id: raw fields}}, {archive file name: text}) of a data folder written in plain YAML."""
    from macros.model import KINDS
    entities: dict[str, dict[str, dict]] = {}
    for kind, model in KINDS.items():
        entities[kind] = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
                          for path in sorted((data_dir / model.folder).glob("*.yaml"))}
    archives = {path.name: path.read_text(encoding="utf-8")
                for path in sorted((data_dir / "archive").glob("*.txt"))}
    return entities, archives


def write_data(data_dir: Path, entities: dict[str, dict[str, dict]], archives: dict[str, str]) -> Path:
    """Write a data folder: data/<folder>/<id>.yaml for each entity, data/archive/<name> for each text."""
    from macros.model import KINDS
    data_dir.mkdir(parents=True, exist_ok=True)
    for kind, by_id in entities.items():
        folder = data_dir / KINDS[kind].folder
        folder.mkdir(exist_ok=True)
        for entity_id, fields in by_id.items():
            text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1_000_000)
            (folder / f"{entity_id}.yaml").write_text(text, encoding="utf-8")
    (data_dir / "archive").mkdir(exist_ok=True)
    for name, text in archives.items():
        (data_dir / "archive" / name).write_text(text, encoding="utf-8")
    return data_dir


# --- the hostile dataset --------------------------------------------------------------------


@dataclass
class HostileData:
    data_dir: Path
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> {'aliases[2]': text}
    covered: set[str] = field(default_factory=set)  # field paths that got a payload somewhere
    refused: set[str] = field(default_factory=set)  # text fields the model would not take one in
    kind_of: dict[str, str] = field(default_factory=dict)

    def of(self, entity_id: str) -> dict[str, str]:
        return self.values[entity_id]

    def uncovered(self) -> set[str]:
        """Free-text fields (per the model) that no entity of the base dataset gave a payload."""
        every = {shown_path(kind, path) for kind, paths in free_text_fields().items() for path in paths}
        return every - self.covered - self.refused


def write_hostile_data(target: Path, base: Path = MINI_DATA) -> HostileData:
    """The base dataset with a payload in every free-text field, written to `target` (a data folder).

    Quotes get payloads too, and each hostile quote is added to its source's archived text, so
    the dataset still validates. Optional text fields that are empty are filled.
    """
    from macros.model import KINDS
    entities, archives = read_data(base)
    record = HostileData(target)
    variant = 0
    for kind, by_id in entities.items():
        model = KINDS[kind]
        for entity_id, fields in by_id.items():
            record.kind_of[entity_id] = kind
            record.values[entity_id] = {}
            for path in text_fields(model):
                for location in list(locations_of(fields, path)):
                    before = copy.deepcopy(fields)
                    original = _get(fields, location)
                    hostile = hostile_text(original if isinstance(original, str) else "", variant)
                    _set(fields, location, hostile)
                    if _accepted(model, fields):
                        variant += 1
                        record.values[entity_id][_location_name(location)] = hostile
                        record.covered.add(shown_path(kind, path))
                    else:
                        fields.clear()
                        fields.update(before)
                        if original == "":  # the item added to an empty list: take it out again
                            _get(fields, location[:-1]).pop(location[-1])
                        record.refused.add(shown_path(kind, path))
    record.refused -= record.covered  # refused only where the base data cannot hold it (no_archive beside archive)
    for fields in entities["source"].values():
        if fields.get("url"):
            fields["url"] = HOSTILE_URL
    for fields in entities["claim"].values():
        for appearance in fields["appearances"]:
            archive = entities["source"][appearance["source"]].get("archive")
            if archive:
                archives[archive.removeprefix("archive/")] += "\n" + appearance["quote"] + "\n"
    write_data(target, entities, archives)
    return record


def locations_of(fields: dict, path: FieldPath, done: tuple = ()) -> Iterator[tuple]:
    """Every concrete place of `path` in `fields`. A missing last step is a place to fill (an
    empty optional field); an empty list of text gets one item; a missing nested model has none."""
    step, rest = path[0], path[1:]
    if step == ITEM:
        return
    value = fields.get(step) if isinstance(fields, dict) else None
    if not rest:
        yield done + (step,)
    elif rest[0] == ITEM:
        items = value if isinstance(value, list) else []
        if not rest[1:]:
            if not items:
                fields[step] = items = [""]
            for index in range(len(items)):
                yield done + (step, index)
        else:
            for index, item in enumerate(items):
                yield from locations_of(item, rest[1:], done + (step, index))
    elif isinstance(value, dict):
        yield from locations_of(value, rest, done + (step,))


def _get(fields: Any, location: tuple) -> Any:
    for step in location:
        fields = fields.get(step) if isinstance(step, str) else fields[step]
    return fields


def _set(fields: Any, location: tuple, value: Any) -> None:
    for step in location[:-1]:
        fields = fields[step]
    fields[location[-1]] = value




def _accepted(model: type[BaseModel], fields: dict) -> bool:
    try:
        model.model_validate(fields)
    except ValidationError:
        return False
    return True


def _location_name(location: tuple) -> str:
    return "".join(f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if index else step)
                   for index, step in enumerate(location))


# --- a buildable project --------------------------------------------------------------------


def fixture_project(target: Path, data: Path = MINI_DATA, docs: Path = MINI_DOCS) -> Path:
    """A copy of the real project (mkdocs.yml, macros/, overrides/, docs/ assets) whose data/ is
    `data` and whose hand-written pages are those of `docs`; mkdocs.yml's nav follows them.

    The real docs/ pages name real ids, so they are replaced; the theme's assets (stylesheets,
    javascripts) stay, since mkdocs.yml loads them on every page.
    """
    project = copy_project(target)
    shutil.rmtree(project / "data")
    shutil.copytree(data, project / "data")
    for page in list((project / "docs").rglob("*.md")):
        page.unlink()
    shutil.copytree(docs, project / "docs", dirs_exist_ok=True)
    _nav_to_pages(project)
    return project


def hostile_project(target: Path) -> tuple[Path, HostileData]:
    """`fixture_project` with the hostile dataset."""
    project = fixture_project(target)
    shutil.rmtree(project / "data")
    return project, write_hostile_data(project / "data")


def _nav_to_pages(project: Path) -> None:
    """Keep the nav entries of generated pages (in a folder: sources/index.md …) and of pages that
    exist in docs/; add the remaining docs pages."""
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")

    class Loader(yaml.SafeLoader):  # mkdocs.yml may carry !!python/name tags: not needed here
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    nav = yaml.load(text, Loader=Loader).get("nav") or []
    docs = project / "docs"

    def keep(entry) -> bool:
        target = next(iter(entry.values())) if isinstance(entry, dict) else entry
        return isinstance(target, str) and ("/" in target or (docs / target).is_file())

    kept = [entry for entry in nav if keep(entry)]
    named = {next(iter(entry.values())) if isinstance(entry, dict) else entry for entry in kept}
    pages = sorted(page.relative_to(docs).as_posix() for page in docs.glob("*.md"))
    added = [page for page in pages if page not in named]
    home = [page for page in added if page == "index.md"]
    new_nav = home + kept + [page for page in added if page != "index.md"]
    block = yaml.safe_dump({"nav": new_nav}, allow_unicode=True, sort_keys=False)
    new_text, count = re.subn(r"(?ms)^nav:\n.*?(?=^\S|\Z)", lambda _: block, text)
    assert count == 1, "mkdocs.yml has no top-level nav: to rewrite"
    config_file.write_text(new_text, encoding="utf-8")
