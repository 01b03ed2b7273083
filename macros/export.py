"""The dataset as open data: JSON per kind, one combined JSON, and CSV per kind.

Published inside the built site under downloads/ and linked from every index
page. Archived source texts are not published; only their file names are.
"""
from __future__ import annotations

import csv
import io
import json

from .dataset import Dataset
from .model import KINDS

DOWNLOADS = "downloads"


def download_files(dataset: Dataset) -> dict[str, str]:
    """{path in the site: file content}."""
    records = {model.folder: [{"id": entity_id, **entity.model_dump(mode="json")}
                              for entity_id, entity in sorted(getattr(dataset, model.folder).items())]
               for model in KINDS.values()}
    files = {f"{DOWNLOADS}/all.json": _json(records)}
    for folder, rows in records.items():
        files[f"{DOWNLOADS}/{folder}.json"] = _json(rows)
        files[f"{DOWNLOADS}/{folder}.csv"] = _csv(rows)
    return files


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def _csv(rows: list[dict]) -> str:
    """One row per entity; nested values (lists, dates) as compact JSON in their cell."""
    columns = list(dict.fromkeys(column for row in rows for column in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: _cell(row.get(column)) for column in columns})
    return out.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)
