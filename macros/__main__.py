"""Command line: `python -m macros check | pages | schema`, no MkDocs needed.

    python -m macros check  [--data DIR]             validate; exit 0 (clean) or 1 (errors listed)
    python -m macros pages  [--data DIR] --out DIR   write the generated Markdown pages
    python -m macros schema [--out DIR]              write one JSON Schema per kind
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import DataErrors
from .validate import load_dataset

PROJECT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the data and list every error")
    check.add_argument("--data", type=Path, default=PROJECT / "data")
    pages = commands.add_parser("pages", help="write the generated pages as Markdown files")
    pages.add_argument("--data", type=Path, default=PROJECT / "data")
    pages.add_argument("--out", type=Path, required=True)
    pages.add_argument("--site-url", default="", help="the site's address, for the stable address of each page")
    schema = commands.add_parser("schema", help="write the JSON Schema of each kind")
    schema.add_argument("--out", type=Path, default=PROJECT / "schema")
    arguments = parser.parse_args(argv)

    if arguments.command == "schema":
        from .schema import write_schemas
        for path in write_schemas(arguments.out):
            print(path)
        return 0

    started = time.perf_counter()
    try:
        dataset = load_dataset(arguments.data)
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    if arguments.command == "check":
        counts = ", ".join(f"{len(group)} {name}" for name, group in
                           (("sources", dataset.sources), ("actors", dataset.actors),
                            ("events", dataset.events), ("claims", dataset.claims)))
        print(f"ok: {counts} ({time.perf_counter() - started:.2f} s)")
        return 0
    from .history import last_changed
    from .pages import build_pages
    written = build_pages(dataset, site_url=arguments.site_url,
                          last_updated=last_changed(arguments.data, dataset.files))
    for path, markdown in written.items():
        target = arguments.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    print(f"wrote {len(written)} pages to {arguments.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
