"""Command line: `python -m macros check | pages | schema`, without building the site.

    python -m macros check  [--data DIR] [--docs DIR]  check the data and the hand-written pages;
                                                       exit 0 (clean) or 1 (errors listed)
    python -m macros pages  [--data DIR] --out DIR     write the generated Markdown pages
    python -m macros schema [--out DIR]                write one JSON Schema per kind
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
    check = commands.add_parser("check", help="check the data and the hand-written pages, and list every error")
    check.add_argument("--data", type=Path, default=PROJECT / "data")
    check.add_argument("--docs", type=Path, default=PROJECT / "docs",
                       help="the hand-written pages; their macro settings come from the mkdocs.yml beside this folder")
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

    if arguments.command == "check":
        return check_data_and_pages(arguments.data, arguments.docs)
    try:
        dataset = load_dataset(arguments.data)
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
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


def check_data_and_pages(data: Path, docs: Path) -> int:
    """Every error in the data and in the pages, listed together in the build's words."""
    from mkdocs.config import load_config  # the pages are MkDocs pages: only this command needs MkDocs
    from mkdocs.exceptions import MkDocsException

    from .hand_written_pages import page_errors, report

    started = time.perf_counter()
    try:
        dataset, data_errors = load_dataset(data), []
    except DataErrors as errors:
        dataset, data_errors = None, errors.errors
    try:
        site = load_config(str(docs.parent / "mkdocs.yml"), docs_dir=str(docs))
    except MkDocsException as problem:
        print(f"{docs.parent / 'mkdocs.yml'}: {problem}", file=sys.stderr)
        return 1
    errors_in_pages = page_errors(site, dataset)
    if data_errors or errors_in_pages:
        print(report(data_errors, errors_in_pages), file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(group)} {name}" for name, group in
                       (("sources", dataset.sources), ("actors", dataset.actors),
                        ("events", dataset.events), ("claims", dataset.claims)))
    print(f"ok: {counts}, and the pages in {docs.name}/ ({time.perf_counter() - started:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
