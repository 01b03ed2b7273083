"""JSON Schema for editors, one file per kind, derived from the model (never written by hand).

Point an editor at it with a first line such as
`# yaml-language-server: $schema=../../schema/claim.json`.
"""
from __future__ import annotations

import json
from pathlib import Path

from .model import KINDS


def schemas() -> dict[str, dict]:
    result = {}
    for kind, model in KINDS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"{kind} (data/{model.folder}/<id>.yaml; the id is the file name)"
        result[f"{kind}.json"] = schema
    return result


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
