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
    arrays = {folder: "[\n" + ",\n".join(_json(row) for row in rows) + "\n]" for folder, rows in records.items()}
    files = {f"{DOWNLOADS}/all.json": "{\n" + ",\n".join(f"{_json(folder)}: {array}" for folder, array in arrays.items()) + "\n}\n"}
    for folder, rows in records.items():
        files[f"{DOWNLOADS}/{folder}.json"] = arrays[folder] + "\n"
        files[f"{DOWNLOADS}/{folder}.csv"] = _csv(rows)
    return files


def _json(value) -> str:
    """One line of JSON. The files hold one entity a line: as easy to read and compare as
    indented JSON, and written by the json module's C encoder (indenting is done in Python,
    a second of every rebuild at 10,000 entities)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _csv(rows: list[dict]) -> str:
    """One row per entity; nested values (lists, dates) as compact JSON in their cell.

    Every cell is quoted, so a spreadsheet that splits on another separator (`;` in many
    locales) still sees one cell, as OWASP's "CSV Injection" page asks.
    """
    columns = list(dict.fromkeys(column for row in rows for column in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for row in rows:
        writer.writerow({column: _inert_in_a_spreadsheet(_cell(row.get(column))) for column in columns})
    return out.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


# A spreadsheet reads a cell that begins with one of these as a formula. OWASP, "CSV Injection"
# (https://owasp.org/www-community/attacks/CSV_Injection): no cell may begin with =, +, -, @, tab
# (0x09), carriage return (0x0D) or line feed (0x0A); such a cell is prefixed with a single quote,
# which spreadsheets read as "this is text" (a cell of text that begins with '-' gets it too).
# Only the first character is looked at, as in OWASP's list, which has no space in it. OWASP's
# other concern, a separator or quote that starts a new cell mid-text, is met by quoting every
# cell (above). The JSON downloads keep the exact text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _inert_in_a_spreadsheet(cell: str) -> str:
    return f"'{cell}" if cell.startswith(_FORMULA_START) else cell
