"""The editors' JSON Schema is derived from the model and kept in step with it."""
import json
from pathlib import Path

from macros.schema import schemas

SCHEMA = Path(__file__).resolve().parent.parent / "schema"


def test_committed_schemas_match_the_model():
    for name, schema in schemas().items():
        committed = json.loads((SCHEMA / name).read_text(encoding="utf-8"))
        assert committed == schema, f"schema/{name} is stale: run `python -m macros schema`"


def test_every_field_is_documented():
    for name, schema in schemas().items():
        for definition in [schema, *schema.get("$defs", {}).values()]:
            for field, spec in definition.get("properties", {}).items():
                if field != "status":  # an enum reference carries its description on the enum
                    assert spec.get("description"), f"{name}: {field} has no description"
