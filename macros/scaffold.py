"""`python -m macros new KIND ID`: a new entity file with every field, each explained.

The file is written from the model, so it always lists the fields the checker
expects. Every value starts empty (`""`, `[]`): nothing in a new file passes
`check` until the editor has written it, so no placeholder is ever published.
"""
from __future__ import annotations

import enum
import re
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .model import ID_PATTERN, KINDS, Entity, inner_model

_INDENT = "  "


def new_entity_file(data_dir: Path, kind: str, entity_id: str, existing_ids: set[str]) -> Path:
    """Write data/<folder>/<id>.yaml; ValueError (with the reason, for the editor) when it cannot be made."""
    model = KINDS[kind]
    if not re.fullmatch(ID_PATTERN, entity_id):
        raise ValueError(f"'{entity_id}' is not a valid id: use lowercase letters, digits and single hyphens, "
                         "e.g. kim-jong-un")
    if entity_id in existing_ids:
        raise ValueError(f"the id '{entity_id}' is already used; ids are shared by all kinds")
    target = data_dir / model.folder / f"{entity_id}.yaml"
    if target.exists() or target.is_symlink():
        raise ValueError(f"{target} already exists; nothing was written")
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as created:  # "x": never overwrite, even in a race
        created.write(scaffold(model))
    return target


def scaffold(model: type[Entity]) -> str:
    """The text of a new file of this kind: a header, then every field with a comment above it."""
    header = [f"# A new {model.kind_name}. The file name is its id. Fill in every field; remove optional ones",
              "# you do not need. `python -m macros check` lists what is still missing.",
              f"# yaml-language-server: $schema=../../schema/{model.kind_name}.json"]
    return "\n".join(header + _fields(model, 0)) + "\n"


def _fields(model: type[BaseModel], depth: int) -> list[str]:
    lines = []
    indent = _INDENT * depth
    for name, info in model.model_fields.items():
        lines.append(f"{indent}# {_explanation(info)}")
        inner, is_list = inner_model(info.annotation)
        if inner is not None and is_list:
            lines.append(f"{indent}{name}:")
            item = _fields(inner, depth + 2)
            item[1] = f"{indent}{_INDENT}- {item[1].lstrip()}"  # the first field opens the list item
            lines += item
        elif inner is not None:
            lines.append(f"{indent}{name}:")
            lines += _fields(inner, depth + 1)
        else:
            lines.append(f"{indent}{name}: {'[]' if is_list else 'false' if _is_bool(info.annotation) else chr(34) * 2}")
    return lines


def _explanation(info: FieldInfo) -> str:
    required = "required" if info.is_required() else "optional"
    allowed = _allowed_values(info.annotation)
    text = " ".join((info.description or "").split())
    if allowed and "/" not in text:  # the description does not list the values itself
        text += f" One of: {', '.join(allowed)}."
    return f"({required}) {text}"


def _is_bool(annotation: Any) -> bool:
    return annotation is bool or any(_is_bool(argument) for argument in typing.get_args(annotation))


def _allowed_values(annotation: Any) -> list[str]:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [member.value for member in annotation]
    for argument in typing.get_args(annotation):
        found = _allowed_values(argument)
        if found:
            return found
    return []
