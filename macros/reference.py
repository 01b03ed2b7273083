"""The editors' data reference, derived from the model: a pure function, model (and data) -> values.

Every kind and every part nested in it, each field with its type, whether it must be given,
the values it allows, its description (the pydantic `Field` description) and an example taken
from the real data. Nothing here restates the model: the types are read from the annotations
(`Ref` marks, `Text`, `DateText`, enums), the words from the descriptions, and the template
`data_reference.md.j2` only lays them out.
"""
from __future__ import annotations

import functools
import json
import re
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any, Iterator, Optional

from pydantic import BaseModel, HttpUrl
from pydantic.fields import FieldInfo

from .dataset import Dataset
from .model import (CLAIMANT_VERB, HEDGE_WORDS, ID_PATTERN, INVERSE_RELATION, KINDS, ClaimKind, DateText,
                    HedgeLevel, Ref, RelationType, Text, inner_model)

EXAMPLE_LENGTH = 100
"""Longer example texts are cut at a word and end in '…': the reference shows a field's form, not a whole summary."""

_VALUE_WORDING: dict[type[Enum], dict] = {ClaimKind: CLAIMANT_VERB, RelationType: INVERSE_RELATION}
"""Enum values whose pages word them differently: a claim kind as the claimant's verb, a relation
as the other claim's page shows it."""


@dataclass(frozen=True)
class AllowedValue:
    value: str
    wording: str = ""  # how pages word it, where that differs from the value


@dataclass(frozen=True)
class FieldReference:
    name: str
    type: str  # for an editor: "text", "actor id", "list of appearances", "date", "true or false"
    part: str  # the anchor of the part this field holds, or ''
    requirement: str  # "required", "required (may be null)", "optional (default: false)", …
    allowed: tuple[AllowedValue, ...]
    pattern: str  # a form the text must have, when the type does not say it ('' otherwise)
    description: str
    example: str  # as YAML writes it, e.g. "nis" or ["believe", "may"]; '' when the data has none
    example_from: str  # the id of the entity the example is taken from


@dataclass(frozen=True)
class ModelReference:
    title: str  # "Claim", "Date spec"
    anchor: str  # "claim", "date-spec"
    description: str  # the class docstring, or ''
    file: str  # data/claims/<id>.yaml for a kind, '' for a part
    used_in: tuple[tuple[str, str, str], ...]  # (title, anchor, field) of every field that holds this part
    fields: tuple[FieldReference, ...]


@dataclass(frozen=True)
class DataReference:
    kinds: tuple[ModelReference, ...]
    parts: tuple[ModelReference, ...]
    dates: str  # what a date may look like (DateText's description)
    id_pattern: str
    hedge_levels: tuple[tuple[str, tuple[str, ...]], ...]  # (level, its words), most certain first


def data_reference(dataset: Optional[Dataset] = None) -> DataReference:
    """The reference for the model; with a dataset, each field's example comes from it."""
    examples = _examples(dataset) if dataset is not None else {}
    parts = _parts_in_order()
    used_in = _holders(parts)
    kinds = tuple(_model_reference(model, examples, used_in, f"data/{model.folder}/<id>.yaml")
                  for model in KINDS.values())
    return DataReference(
        kinds=kinds,
        parts=tuple(_model_reference(part, examples, used_in) for part in parts),
        dates=" ".join(_field_info(DateText).description.split()),
        id_pattern=ID_PATTERN,
        hedge_levels=tuple((level.value, tuple(word for word, word_level in HEDGE_WORDS.items() if word_level is level))
                           for level in HedgeLevel),
    )


def title(model: type[BaseModel]) -> str:
    """A model's name in words: DateSpec -> 'Date spec', AttributionStep -> 'Attribution step'."""
    words = re.findall(r"[A-Z][a-z]*", model.__name__)
    return " ".join([words[0], *(word.lower() for word in words[1:])])


def anchor(model: type[BaseModel]) -> str:
    return title(model).lower().replace(" ", "-")


# --- models and their fields --------------------------------------------------------------------


def _parts_in_order() -> list[type[BaseModel]]:
    """Every model nested in the four kinds, however deep, in the order an editor meets them."""
    found: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        for info in model.model_fields.values():
            inner, _ = inner_model(info.annotation)
            if inner is not None and inner not in found:
                found.append(inner)
                visit(inner)

    for model in KINDS.values():
        visit(model)
    return found


def _holders(parts: list[type[BaseModel]]) -> dict[type[BaseModel], list[tuple[str, str, str]]]:
    holders: dict[type[BaseModel], list[tuple[str, str, str]]] = {part: [] for part in parts}
    for model in [*KINDS.values(), *parts]:
        for name, info in model.model_fields.items():
            inner, _ = inner_model(info.annotation)
            if inner is not None:
                holders[inner].append((title(model), anchor(model), name))
    return holders


def _model_reference(model: type[BaseModel], examples: dict, used_in: dict, file: str = "") -> ModelReference:
    hints = typing.get_type_hints(model, include_extras=True)  # as written, before pydantic flattens them
    fields = tuple(_field_reference(model, name, info, hints[name], examples)
                   for name, info in model.model_fields.items())
    return ModelReference(title=title(model), anchor=anchor(model), description=_docstring(model), file=file,
                          used_in=tuple(used_in.get(model, ())), fields=fields)


def _docstring(model: type[BaseModel]) -> str:
    own = model.__dict__.get("__doc__")  # a part without a docstring must not show its base class's
    return " ".join(own.split()) if own else ""


def _field_reference(model: type[BaseModel], name: str, info: FieldInfo, hint: Any, examples: dict) -> FieldReference:
    value_type, part = _value_type(hint)
    example, example_from = examples.get((model, name), ("", ""))
    return FieldReference(
        name=name, type=value_type, part=anchor(part) if part else "", requirement=_requirement(info, hint),
        allowed=_allowed(hint), pattern=_pattern(hint), description=" ".join((info.description or "").split()),
        example=example, example_from=example_from,
    )


def _value_type(hint: Any) -> tuple[str, Optional[type[BaseModel]]]:
    """(the type in an editor's words, the part model it holds if any)."""
    hint = _without_none(hint)
    if typing.get_origin(hint) is list:
        item, part = _value_type(typing.get_args(hint)[0])
        return f"list of {item}s", part
    ref = next((mark for mark in _annotations(hint) if isinstance(mark, Ref)), None)
    if ref is not None:
        return f"{' or '.join(ref.kinds)} id", None
    if hint == DateText:
        return "date", None
    base = _base(hint)
    if isinstance(base, type) and issubclass(base, BaseModel):
        return title(base).lower(), base
    if isinstance(base, type) and issubclass(base, Enum):
        return "one of", None
    if base is bool:
        return "true or false", None
    if base is HttpUrl:
        return "web address (http or https)", None
    return "text", None


def _requirement(info: FieldInfo, hint: Any) -> str:
    if info.is_required():
        if _without_none(hint) is not hint:
            return "required (may be null)"
        if any(getattr(mark, "min_length", 0) for mark in info.metadata) and typing.get_origin(hint) is list:
            return "required (at least one)"
        return "required"
    default = info.get_default()
    if isinstance(default, Enum):
        return f"optional (default: {default.value})"
    if isinstance(default, bool):
        return f"optional (default: {str(default).lower()})"
    return "optional"


def _allowed(hint: Any) -> tuple[AllowedValue, ...]:
    base = _base(_without_none(hint))
    if not (isinstance(base, type) and issubclass(base, Enum)):
        return ()
    wording = _VALUE_WORDING.get(base, {})
    return tuple(AllowedValue(member.value, wording.get(member, "")) for member in base)


def _pattern(hint: Any) -> str:
    """The pattern a text must match, when its type ("text", "actor id", "date") does not already say it."""
    hint = _without_none(hint)
    if hint == Text or hint == DateText or typing.get_origin(hint) is list:
        return ""
    if any(isinstance(mark, Ref) for mark in _annotations(hint)):
        return ""
    for mark in _annotations(hint):
        for inner in [mark, *getattr(mark, "metadata", ())]:
            if getattr(inner, "pattern", None):
                return inner.pattern
    return ""


def _without_none(hint: Any) -> Any:
    """Optional[X] -> X; anything else as it is."""
    arguments = typing.get_args(hint)
    if typing.get_origin(hint) is typing.Union and type(None) in arguments:
        rest = [argument for argument in arguments if argument is not type(None)]
        return rest[0] if len(rest) == 1 else hint
    return hint


def _annotations(hint: Any) -> tuple:
    """The metadata of an Annotated[...] type (Ref marks, Field(...) settings)."""
    return getattr(hint, "__metadata__", ())


def _base(hint: Any) -> Any:
    """Annotated[X, ...] -> X."""
    return typing.get_args(hint)[0] if _annotations(hint) else hint


def _field_info(hint: Any) -> FieldInfo:
    return next(mark for mark in _annotations(hint) if isinstance(mark, FieldInfo))


# --- examples from the data -------------------------------------------------------------------------


def _examples(dataset: Dataset) -> dict[tuple[type[BaseModel], str], tuple[str, str]]:
    """(model, field) -> (an example as YAML writes it, the id it comes from): the first entity, in id
    order, whose file gives the field a value. Fields holding a part have none: their part has its own."""
    examples: dict[tuple[type[BaseModel], str], tuple[str, str]] = {}
    for model in KINDS.values():
        entities = getattr(dataset, model.folder)
        wanted = {(part, name) for part in _models_within(model) for name in _fields(part)[0]}
        for entity_id in sorted(entities):
            if wanted <= examples.keys():
                break  # every field of this kind has its example
            for instance in _instances(entities[entity_id]):
                for name in _fields(type(instance))[0]:
                    value = getattr(instance, name)
                    if ((type(instance), name) not in examples and name in instance.model_fields_set
                            and value is not None and value != []):
                        examples[type(instance), name] = (_as_yaml(value), entity_id)
    return examples


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the names of a model's fields that hold values, the names of those that hold parts)."""
    holds_part = {name: inner_model(info.annotation)[0] is not None for name, info in model.model_fields.items()}
    return (tuple(name for name, part in holds_part.items() if not part),
            tuple(name for name, part in holds_part.items() if part))


def _models_within(model: type[BaseModel]) -> set[type[BaseModel]]:
    """The model and every model its parts are, however deep."""
    found, waiting = set(), [model]
    while waiting:
        current = waiting.pop()
        if current not in found:
            found.add(current)
            waiting += [inner_model(current.model_fields[name].annotation)[0] for name in _fields(current)[1]]
    return found


def _instances(instance: BaseModel) -> Iterator[BaseModel]:
    """The instance and every part inside it."""
    yield instance
    for name in _fields(type(instance))[1]:
        value = getattr(instance, name)
        for item in value if isinstance(value, list) else [value] if value is not None else []:
            yield from _instances(item)


def _as_yaml(value: Any) -> str:
    """A value as an editor would write it in the YAML file (in flow style, on one line)."""
    return json.dumps(_plain(value), ensure_ascii=False)


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, (bool, int, float)):
        return value  # YAML writes numbers and true/false bare
    text = str(value)
    if isinstance(value, str) and len(text) > EXAMPLE_LENGTH:  # a web address is shown whole
        text = text[:EXAMPLE_LENGTH].rsplit(" ", 1)[0] + " …"
    return text
