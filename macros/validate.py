"""Turn the files under data/ into a Dataset, or report every error at once.

Per file: the id (file name), YAML (via load.py) and the fields (via the
pydantic models). Across files: duplicate ids, references to ids that do not
exist, quotes that are not verbatim in their source's archived text.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import re
import typing
from pathlib import Path
from typing import Any, Callable, Iterator

from pydantic import BaseModel, ValidationError

from .dataset import Dataset
from .editorial_rules import (names_fit_running_text, no_internal_labels, nothing_stands_alone,
                              statements_keep_their_hedge, uses_word)
from .errors import DataError, DataErrors, did_you_mean
from .data_files import ARCHIVE_FOLDER, DataFile, read_text, scan
from .load import Location, YamlFile, field_name, load_yaml
from .quotes import check_quote, explain
from .model import ID_PATTERN, KINDS, inner_model, ActorKind, Claim, Entity, Event, Ref, Source

_ID = re.compile(ID_PATTERN)
RESERVED_IDS = {"index"}  # the index page of each kind's folder
_FOLDERS = {model.folder: model for model in KINDS.values()}


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading the data makes millions of small objects, and keeps most of them until it is checked.

    Python's cycle collector walks the objects kept so far again and again as more are made:
    at 10,000 files that was over half the time of a check. Nothing made here forms a cycle,
    so there is nothing for it to collect until the data has been read and checked.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class ReadFiles:
    """What reading each file under data/ gave (its text, or its YAML and entity, and their errors),
    kept by a process that loads the same folder again and again (the preview): a file whose
    identity (size, dates, inode) is unchanged is not read, parsed or validated again. Every check
    across files still runs on every load."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[tuple, Any]] = {}
        self._this_load: dict[str, tuple[tuple, Any]] = {}

    def start(self) -> None:
        """A new load: what the last one read may be reused; files it does not see again are forgotten."""
        self._kept, self._this_load = self._this_load, {}

    def get(self, data_file: DataFile, read: Callable[[DataFile], Any]) -> Any:
        kept = self._kept.get(data_file.shown)
        result = kept[1] if kept is not None and kept[0] == data_file.identity else read(data_file)
        self._this_load[data_file.shown] = (data_file.identity, result)
        return result


@_collector_paused()
def load_dataset(data_dir: Path, read_files: ReadFiles | None = None) -> Dataset:
    """Read and check everything under `data_dir`; raise DataErrors listing all problems.
    `read_files`: what earlier loads of the same folder read, to reuse where files are unchanged."""
    read_files = read_files or ReadFiles()
    read_files.start()
    data_files, errors = scan(Path(data_dir), set(_FOLDERS))
    entities: dict[str, dict[str, Entity]] = {kind: {} for kind in KINDS}
    known_ids: dict[str, str] = {}  # every well-named file's id -> kind, valid or not
    parsed: dict[str, YamlFile] = {}  # every file that could be read as YAML, valid or not
    archives: dict[str, str] = {}
    for data_file in data_files:
        if data_file.is_archive:
            text, problems = read_files.get(data_file, read_text)
            errors += problems
            if text is not None:
                archives[f"{ARCHIVE_FOLDER}/{data_file.path.name}"] = text
        else:
            errors += _load_entity(data_file, _FOLDERS[data_file.folder], entities, known_ids, parsed, read_files)
    every_file_valid = not errors
    errors += _check_references(parsed, known_ids)
    errors += _check_archives(entities["source"], archives, parsed, report_unused=every_file_valid)
    errors += _check_claims(entities["claim"], entities["source"], archives, parsed)
    errors += _check_declared_once(entities, parsed)
    errors += _check_places(entities, parsed)
    errors += _check_order_within_a_day(entities["event"], parsed)
    everything_else_valid = not errors
    errors += statements_keep_their_hedge(entities["claim"], parsed)
    errors += names_fit_running_text(entities, parsed) + no_internal_labels(parsed, entities["source"])
    files = {entity_id: yaml_file.path for entity_id, yaml_file in parsed.items()}
    dataset = Dataset(entities, files, archives) if everything_else_valid else None
    if dataset is not None:
        errors += nothing_stands_alone(dataset, parsed)  # read from the same backlinks the pages show
    if errors:
        raise DataErrors(errors)
    return dataset


def fingerprint(data_dir: Path) -> tuple:
    """What changes whenever anything under data/ changes: a cheap test before validating again."""
    data_files, errors = scan(Path(data_dir), set(_FOLDERS))
    return tuple((f.shown, f.identity) for f in data_files) + tuple(map(str, errors))


def _load_entity(data_file: DataFile, model: type[Entity], entities: dict[str, dict[str, Entity]],
                 known_ids: dict[str, str], parsed: dict[str, YamlFile], read_files: ReadFiles) -> list[DataError]:
    path, shown = data_file.path, data_file.shown
    entity_id = path.stem
    if not _ID.fullmatch(entity_id):
        suggestion = re.sub(r"[^a-z0-9]+", "-", entity_id.lower()).strip("-") or "name"
        return [DataError(shown, 1, "", f"{path.name!r} is not a valid file name: the name is the id, "
                          "and ids use lowercase letters, digits and single hyphens",
                          f"rename it to '{suggestion}{path.suffix}'")]
    if entity_id in RESERVED_IDS:
        return [DataError(shown, 1, "", f"'{entity_id}' cannot be an id: the page {model.folder}/{entity_id}.md "
                          "is the list of all of this kind", "choose another file name")]
    if entity_id in known_ids:
        return [DataError(shown, 1, "", f"the id '{entity_id}' is already used by another file "
                          f"({known_ids[entity_id]} '{entity_id}')", "ids are shared by all kinds; rename one of the files")]
    known_ids[entity_id] = model.kind_name
    yaml_file, entity, errors = read_files.get(data_file, functools.partial(_read_entity, model=model))
    if yaml_file is not None:
        parsed[entity_id] = yaml_file
    if entity is not None:
        entities[model.kind_name][entity_id] = entity
    return errors


def _read_entity(data_file: DataFile, model: type[Entity]) -> tuple[YamlFile | None, Entity | None, list[DataError]]:
    """One entity file on its own: (its YAML if it could be read, the entity if it is valid, the errors)."""
    shown = data_file.shown
    text, errors = read_text(data_file)
    if text is None:
        return None, None, errors
    yaml_file, errors = load_yaml(text, shown)
    if yaml_file is None:
        return None, None, errors
    if not isinstance(yaml_file.value, dict):
        return yaml_file, None, errors + [DataError(shown, 1, "", f"{_article(model.kind_name)} {model.kind_name} file must be a set of 'field: value' lines",
                                                    f"see schema/{model.kind_name}.json for the fields")]
    try:
        entity = model.model_validate(yaml_file.value)
    except ValidationError as invalid:
        lines_with_errors = {error.line for error in errors}  # one message per YAML surprise, not two
        explained = [explain_invalid(problem, model, yaml_file) for problem in invalid.errors()]
        return yaml_file, None, errors + [error for error in explained if error.line not in lines_with_errors]
    return yaml_file, None if errors else entity, errors


def explain_invalid(problem: dict, model: type[Entity], yaml_file: YamlFile) -> DataError:
    """A pydantic error, rewritten for an editor."""
    location = _clean_location(model, problem["loc"])
    kind, given = problem["type"], problem.get("input")
    if kind == "extra_forbidden":
        location += (problem["loc"][-1],)
    line = yaml_file.line_of(location)
    message, hint = problem["msg"].removeprefix("Value error, "), ""
    if kind == "missing":
        message = "this required field is missing"
        hint = f"add '{location[-1]}:' to the {model.kind_name}" if location else ""
    elif kind == "extra_forbidden":
        wrong = location[-1]
        message = f"unknown field '{wrong}'"
        known = _field_names(model, location[:-1])
        hint = ("the id is the file name; remove this field" if wrong == "id" else
                did_you_mean(str(wrong), known) or f"known fields: {', '.join(sorted(known))}")
    elif kind in ("string_type", "bool_type") and isinstance(given, (list, dict)):
        message = f"expected {'text' if kind == 'string_type' else 'true or false'}, not a {'list' if isinstance(given, list) else 'set of fields'}"
        hint = "write the value on the same line as the field name"
    elif kind in ("string_type", "bool_type", "list_type", "dict_type", "model_type", "enum") and given is None:
        message = "this field has no value (YAML reads nothing, ~ or null as no value)"
        hint = "write the value, or remove the field if it is optional"
    elif kind == "bool_type" and isinstance(given, str):
        message = f"expected true or false, not the text {given!r}"
        hint = "write true or false without quotes"
    elif kind == "list_type":
        message = f"expected a list, not {given!r}"
        hint = f"write [{given}] or one '- item' per line below the field name"
    elif kind in ("dict_type", "model_type"):
        fields = ", ".join(_field_names(model, location))
        message = f"expected the fields {fields} on the lines below, not {given!r}"
        hint = f"see schema/{model.kind_name}.json, or the data reference in the editing guide"
    elif kind in ("string_type", "bool_type") and given is not None:
        written = yaml_file.text_at(location)
        expected = "text" if kind == "string_type" else "true or false"
        message = f"expected {expected}, but YAML read {written!r} as {type(given).__name__} {given!r}"
        hint = f"put it in quotes: '{written}'" if kind == "string_type" else ""
    elif kind == "enum":
        allowed = problem["ctx"]["expected"]
        message = f"{given!r} is not one of {allowed}"
        hint = did_you_mean(str(given), re.findall(r"'([^']+)'", allowed))
    elif kind in ("string_too_short", "string_pattern_mismatch") and isinstance(given, str) and not given.strip():
        message = "this text is empty or only spaces"
        hint = "write the text, or remove the field if it is optional"
    elif kind == "string_pattern_mismatch" and "a-z0-9" in problem["ctx"]["pattern"]:
        message = f"{given!r} is not a valid id"
        hint = "ids use lowercase letters, digits and single hyphens, like the file names"
    elif kind == "string_pattern_mismatch" and location and location[-1] == "act":
        message = f"{given!r} is not a lowercase past-tense verb"
        hint = "write what they did with the claim, e.g. 'relayed' or 'quoted'"
    elif kind == "string_pattern_mismatch" and location and location[-1] == "language":
        message = f"{given!r} is not a language tag"
        hint = "write a BCP 47 tag such as 'en' or 'ko'"
    elif kind == "too_short" and isinstance(given, list):
        message = "needs at least one entry"
    elif kind.startswith("url_"):
        message = f"{given!r} is not a web address"
        hint = "write it in full, starting with https://"
    return DataError(yaml_file.path, line, field_name(location), message, hint)


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


def _clean_location(model: type[BaseModel], location: tuple) -> Location:
    """Pydantic's loc without its internal steps (validator names), so it can be found in the YAML."""
    kept: list = []
    current: Any = model
    for step in location:
        if isinstance(step, int):
            kept.append(step)
        elif isinstance(current, type) and issubclass(current, BaseModel) and step in current.model_fields:
            kept.append(step)
            current = _inner(current.model_fields[step].annotation)
    return tuple(kept)


def _field_names(model: type[BaseModel], location: Location) -> list[str]:
    """The field names of the part of `model` at `location`, in the model's order."""
    current: Any = model
    for step in location:
        if isinstance(step, str):
            current = _inner(current.model_fields[step].annotation)
    return list(current.model_fields) if current is not None else []


def _inner(annotation: Any) -> Any:
    """The model a field holds (through Optional[...] and list[...]), or None."""
    return inner_model(annotation)[0]


def iter_references(model: type[BaseModel], value: Any, location: Location = ()) -> Iterator[tuple[Location, Ref, str]]:
    """Every (location, Ref, id) in a file's raw values, found from the `Ref` marks on the model's fields.

    Works on raw values rather than validated models, so a file whose other
    fields have errors still has its references checked in the same run.
    """
    if not isinstance(value, dict):
        return
    for name, ref, inner in _reference_fields(model):
        if name not in value:
            continue
        field_value = value[name]
        is_list = isinstance(field_value, list)
        for index, item in enumerate(field_value if is_list else [field_value]):
            item_location = location + ((name, index) if is_list else (name,))
            if ref is not None and isinstance(item, str):
                yield item_location, ref, item
            elif inner is not None:
                yield from iter_references(inner, item, item_location)


@functools.cache
def _reference_fields(model: type[BaseModel]) -> tuple[tuple[str, Ref | None, Any], ...]:
    """(field name, its Ref mark, the model inside it) for each field that is or may hold a reference."""
    fields = []
    for name, info in model.model_fields.items():
        ref = next((mark for mark in _marks(info) if isinstance(mark, Ref)), None)
        inner = _inner(info.annotation)
        if ref is not None or inner is not None:
            fields.append((name, ref, inner))
    return tuple(fields)


def _marks(info: Any) -> list:
    """Metadata on a field, including inside list[Annotated[...]] and Optional[...]."""
    marks = list(info.metadata)
    stack = [info.annotation]
    while stack:
        annotation = stack.pop()
        marks += getattr(annotation, "__metadata__", ())
        stack += typing.get_args(annotation)
    return marks


def _check_references(parsed: dict[str, YamlFile], kind_of: dict[str, str]) -> list[DataError]:
    """References to ids with no file. A file that exists but has its own errors counts as existing."""
    errors = []
    for entity_id, yaml_file in parsed.items():
        model = KINDS[kind_of[entity_id]]
        for location, ref, target in iter_references(model, yaml_file.value):
            if not _ID.fullmatch(target):
                continue  # not an id at all: the model reports it
            if kind_of.get(target) in ref.kinds:
                if target == entity_id:
                    errors.append(DataError(yaml_file.path, yaml_file.line_of(location), field_name(location),
                                            "refers to itself", "point it at another entity"))
                continue
            expected = " or ".join(f"{_article(kind)} {kind}" for kind in ref.kinds)
            candidates = [other for other, kind in kind_of.items() if kind in ref.kinds]
            message = (f"'{target}' is the id of a {kind_of[target]}, but {expected} is expected here"
                       if target in kind_of else f"unknown id '{target}' ({expected} is expected here)")
            errors.append(DataError(yaml_file.path, yaml_file.line_of(location), field_name(location),
                                    message, did_you_mean(target, candidates)))
    return errors


def _check_archives(sources: dict[str, Source], archives: dict[str, str], yaml_files: dict[str, YamlFile],
                    report_unused: bool) -> list[DataError]:
    errors = []
    used = set()
    for source_id, source in sources.items():
        if source.archive is None:
            continue
        used.add(source.archive)
        if source.archive not in archives:
            yaml_file = yaml_files[source_id]
            errors.append(DataError(yaml_file.path, yaml_file.line_of(("archive",)), "archive",
                                    f"there is no file data/{source.archive}",
                                    did_you_mean(source.archive, archives) or "add the archived text there"))
    for unused in sorted(set(archives) - used) if report_unused else ():
        errors.append(DataError(f"data/{unused}", 1, "", "this archived text is not the archive of any source",
                                "name it in a source's 'archive:' field, or remove it"))
    return errors


def _check_claims(claims: dict[str, Claim], sources: dict[str, Source], archives: dict[str, str],
                  yaml_files: dict[str, YamlFile]) -> list[DataError]:
    """Checks that need other files: quotes against archives, hedges against quotes, relation duplicates."""
    errors = []
    for claim_id, claim in claims.items():
        yaml_file = yaml_files[claim_id]

        def error(location: Location, message: str, hint: str = "") -> None:
            errors.append(DataError(yaml_file.path, yaml_file.line_of(location), field_name(location), message, hint))

        for index, appearance in enumerate(claim.appearances):
            source = sources.get(appearance.source)
            text = archives.get(source.archive) if source and source.archive else None
            if text is not None and appearance.quote not in text:
                error(("appearances", index, "quote"), f"the quote is not verbatim in data/{source.archive}",
                      explain(check_quote(appearance.quote, text)))
        quotes = " ".join(appearance.quote for appearance in claim.appearances)
        for index, word in enumerate(claim.hedges):
            if not uses_word(quotes, word):
                error(("hedges", index), f"the hedge word '{word}' is not in any of the claim's quotes",
                      "list only words the source itself uses")
        seen = set()
        for index, relation in enumerate(claim.relations):
            key = (relation.type, relation.claim)
            if key in seen:
                error(("relations", index), f"the relation '{relation.type.value}' to '{relation.claim}' is listed twice")
            seen.add(key)
    return errors


def _check_declared_once(entities: dict[str, dict[str, Entity]], parsed: dict[str, YamlFile]) -> list[DataError]:
    """A relation declared on both entities would show twice: pages already show each from both ends."""
    declared: dict[tuple, tuple[str, Location]] = {}
    for kind, field, target, same in (("event", "related", "event", lambda r: ""),
                                      ("claim", "relations", "claim", lambda r: r.type.value)):
        for entity_id, entity in entities[kind].items():
            for index, relation in enumerate(getattr(entity, field)):
                declared[(entity_id, getattr(relation, target), same(relation))] = (entity_id, (field, index))
    errors = []
    for (source, target, same), (entity_id, location) in declared.items():
        other = declared.get((target, source, same))
        if other and source < target:
            yaml_file, other_file = parsed[entity_id], parsed[other[0]]
            errors.append(DataError(yaml_file.path, yaml_file.line_of(location), field_name(location),
                                    f"this relation is also declared from the other end "
                                    f"({other_file.path}:{other_file.line_of(other[1])})",
                                    "keep one: each page shows the relation from both ends"))
    return errors


def _check_order_within_a_day(events: dict[str, Event], parsed: dict[str, YamlFile]) -> list[DataError]:
    """Events that start on the same date need a `sequence`: otherwise nothing says which came first."""
    by_start: dict[str, list[str]] = {}
    for event_id, event in events.items():
        if event.date.start and event.date.start_date.year is not None and event.date.start_date.day:
            by_start.setdefault(event.date.start, []).append(event_id)
    errors = []
    for start, same_day in by_start.items():
        if len(same_day) < 2:
            continue
        numbers = [events[event_id].sequence for event_id in same_day]
        for event_id in sorted(same_day):
            sequence = events[event_id].sequence
            others = ", ".join(other for other in sorted(same_day) if other != event_id)
            if sequence is None or numbers.count(sequence) > 1:
                yaml_file = parsed[event_id]
                location = ("sequence",) if sequence is not None else ("date",)
                problem = "has no 'sequence'" if sequence is None else f"has the same sequence ({sequence}) as another"
                errors.append(DataError(yaml_file.path, yaml_file.line_of(location), field_name(location),
                                        f"{len(same_day)} events start on {start} ({event_id}, {others}) and this one {problem}",
                                        "give each a different 'sequence:' (1 for the first that day, 2, …)"))
    return errors


def _check_places(entities: dict[str, dict[str, Entity]], parsed: dict[str, YamlFile]) -> list[DataError]:
    """An event's place must be somewhere: an actor of kind place or facility."""
    errors = []
    for event_id, event in entities["event"].items():
        actor = entities["actor"].get(event.place) if event.place else None
        if actor is not None and actor.kind not in (ActorKind.PLACE, ActorKind.FACILITY):
            yaml_file = parsed[event_id]
            errors.append(DataError(yaml_file.path, yaml_file.line_of(("place",)), "place",
                                    f"'{event.place}' is a {actor.kind.value}, not a place or facility",
                                    "name the place itself, and list the actor under participants"))
    return errors
