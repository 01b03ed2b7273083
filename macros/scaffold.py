"""`python -m macros new KIND ID`: a new entity file with every field, each explained.

The file is written from the model, so it always lists the fields the checker
expects. Every value starts empty (`""`, `[]`): nothing in a new file passes
`check` until the editor has written it, so no placeholder is ever published.
"""
from __future__ import annotations

import re
from pathlib import Path

from .model import ID_PATTERN, KINDS, Entity
from .reference import FieldReference, ModelReference, anchor, data_reference

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
    reference = data_reference()
    parts = {part.anchor: part for part in reference.parts}
    header = [f"# A new {model.kind_name}. The file name is its id. Fill in every field; remove optional ones",
              "# you do not need. `python -m macros check` lists what is still missing.",
              f"# yaml-language-server: $schema=../../schema/{model.kind_name}.json"]
    kind = next(entry for entry in reference.kinds if entry.anchor == anchor(model))
    return "\n".join(header + _fields(kind, parts, 0)) + "\n"


def _fields(model: ModelReference, parts: dict[str, ModelReference], depth: int) -> list[str]:
    lines = []
    indent = _INDENT * depth
    for field in model.fields:
        lines.append(f"{indent}# {_explanation(field)}")
        is_list = field.type.startswith("list of")
        if field.part and is_list:
            lines.append(f"{indent}{field.name}:")
            item = _fields(parts[field.part], parts, depth + 2)
            item[1] = f"{indent}{_INDENT}- {item[1].lstrip()}"  # the first field opens the list item
            lines += item
        elif field.part:
            lines.append(f"{indent}{field.name}:")
            lines += _fields(parts[field.part], parts, depth + 1)
        else:
            empty = "[]" if is_list else "false" if field.type == "true or false" else '""'
            lines.append(f"{indent}{field.name}: {empty}")
    return lines


def _explanation(field: FieldReference) -> str:
    text = field.description
    values = [allowed.value for allowed in field.allowed]
    if values and "/" not in text:  # the description does not list the values itself
        text += f" One of: {', '.join(values)}."
    return f"{field.requirement}: {text}"
