"""Command line: `python -m macros check | pages | schema`, without building the site.

    python -m macros check  [--data DIR] [--docs DIR]  check the data and the hand-written pages;
                                                       exit 0 (clean) or 1 (errors listed)
    python -m macros pages  [--data DIR] --out DIR     write the generated Markdown pages
    python -m macros schema [--out DIR]                write one JSON Schema per kind
    python -m macros new KIND ID [--data DIR]          start data/<kind>s/<ID>.yaml with every field explained
    python -m macros quote SOURCE "TEXT" [--data DIR]  is TEXT verbatim in SOURCE's archive? if not, what differs
    python -m macros synth --count N --out DIR [--seed S]  write N synthetic entities (benchmarks, scale tests)
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .data_files import read_text, scan
from .errors import DataErrors, did_you_mean, printable, report
from .model import KINDS
from .validate import load_dataset

PROJECT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check the data and the hand-written pages, and list every error")
    check.add_argument("--data", type=Path, default=PROJECT / "data")
    check.add_argument("--docs", type=Path, default=None,
                       help="the hand-written pages (default: docs/ beside the data folder, when a mkdocs.yml is "
                            "there too); their macro settings come from the mkdocs.yml beside this folder")
    pages = commands.add_parser("pages", help="write the generated pages as Markdown files")
    pages.add_argument("--data", type=Path, default=PROJECT / "data")
    pages.add_argument("--out", type=Path, required=True)
    pages.add_argument("--site-url", default="", help="the site's address, for the stable address of each page")
    schema = commands.add_parser("schema", help="write the JSON Schema of each kind")
    schema.add_argument("--out", type=Path, default=PROJECT / "schema")
    new = commands.add_parser("new", help="write a new entity file with every field and what it means")
    new.add_argument("kind", choices=sorted(KINDS))
    new.add_argument("id")
    new.add_argument("--data", type=Path, default=PROJECT / "data")
    quote = commands.add_parser("quote", help="say whether a text is verbatim in a source's archived copy")
    quote.add_argument("source", help="the source's id, e.g. nk-distancing-from-iran-nis-report")
    quote.add_argument("text")
    quote.add_argument("--data", type=Path, default=PROJECT / "data")
    synth = commands.add_parser("synth", help="write N valid synthetic entities into a new or empty folder")
    synth.add_argument("--count", type=int, required=True, help="how many entities (sources, actors, events, claims)")
    synth.add_argument("--out", type=Path, required=True, help="a new or empty folder; it is never overwritten")
    synth.add_argument("--seed", type=int, default=0, help="the same seed gives the same files, byte for byte")
    arguments = parser.parse_args(argv)

    if arguments.command == "synth":
        return write_synthetic(arguments.out, arguments.count, arguments.seed)

    if arguments.command == "new":
        return new_entity(arguments.data, arguments.kind, arguments.id)
    if arguments.command == "quote":
        return find_quote(arguments.data, arguments.source, arguments.text)

    if arguments.command == "schema":
        from .schema import write_schemas
        for path in write_schemas(arguments.out):
            print(path)
        return 0

    if arguments.command == "check":
        beside_data = arguments.data.parent
        docs = arguments.docs or (beside_data / "docs" if (beside_data / "mkdocs.yml").is_file() else None)
        return check_data_and_pages(arguments.data, docs)
    try:
        dataset = load_dataset(arguments.data)
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    from .history import file_history
    from .pages import build_pages
    written = build_pages(dataset, site_url=arguments.site_url,
                          last_updated=file_history(arguments.data, dataset.files).last_changed)
    for path, markdown in written.items():
        target = arguments.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    print(f"wrote {len(written)} pages to {arguments.out}")
    return 0


def check_data_and_pages(data: Path, docs: Path | None) -> int:
    """Every error in the data and in the pages (when there are pages), listed together in the build's words."""
    started = time.perf_counter()
    try:
        dataset, data_errors = load_dataset(data), []
    except DataErrors as errors:
        dataset, data_errors = None, errors.errors
    errors_in_pages: list = []
    if docs is not None:
        from mkdocs.config import load_config  # the pages are MkDocs pages: only they need MkDocs
        from mkdocs.exceptions import MkDocsException

        from .hand_written_pages import page_errors
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
    pages = f", and the pages in {docs.name}/" if docs is not None else " (no pages checked: no mkdocs.yml beside the data)"
    print(f"ok: {counts}{pages} ({time.perf_counter() - started:.2f} s)")
    return 0


def new_entity(data: Path, kind: str, entity_id: str) -> int:
    from .scaffold import new_entity_file

    data_files, _ = scan(data, {model.folder for model in KINDS.values()})
    existing = {data_file.path.stem for data_file in data_files if not data_file.is_archive}
    try:
        written = new_entity_file(data, kind, entity_id, existing)
    except ValueError as problem:
        print(printable(f"not written: {problem}"), file=sys.stderr)
        return 1
    print(f"wrote {written}: fill in its fields, then run python -m macros check")
    return 0


def write_synthetic(out: Path, count: int, seed: int) -> int:
    from .synth import write_synthetic_data

    started = time.perf_counter()
    try:
        written = write_synthetic_data(out, count, seed)
    except (FileExistsError, ValueError) as problem:
        print(printable(f"not written: {problem}"), file=sys.stderr)
        return 1
    kinds = ", ".join(f"{number} {folder}" for folder, number in written.items())
    print(f"wrote {kinds} to {out} ({time.perf_counter() - started:.2f} s); check it with "
          f"python -m macros check --data {out}")
    return 0


def find_quote(data: Path, source_id: str, quote: str) -> int:
    """Print whether `quote` is verbatim in the source's archived text, and if not the closest passage."""
    from .quotes import check_quote, explain

    archive = _archive_of(data, source_id)
    if isinstance(archive, str):
        print(printable(archive), file=sys.stderr)
        return 2
    shown, text = archive
    result = check_quote(quote, text)
    where = text.find(result.passage) if result.passage else -1
    line = f" (line {text.count(chr(10), 0, where) + 1})" if where >= 0 else ""
    if result.verbatim:
        print(printable(f"verbatim: the text is in {shown}{line}"))
        return 0
    print(printable(f"not verbatim in {shown}: {explain(result)}"))
    if result.passage:
        print(printable(f"closest passage{line}: {result.passage}"))
    return 1


def _archive_of(data: Path, source_id: str) -> tuple[str, str] | str:
    """(archive as shown, its text), or a message saying why there is none."""
    from .load import load_yaml

    data_files, _ = scan(data, {model.folder for model in KINDS.values()})
    by_shown = {data_file.shown: data_file for data_file in data_files}
    source_file = next((f for f in data_files if f.folder == "sources" and f.path.stem == source_id), None)
    if source_file is None:
        sources = [f.path.stem for f in data_files if f.folder == "sources"]
        return f"there is no source '{source_id}'" + (f" ({did_you_mean(source_id, sources)})" if did_you_mean(source_id, sources) else "")
    text, errors = read_text(source_file)
    yaml_file, errors = load_yaml(text, source_file.shown) if text is not None else (None, errors)
    archive = yaml_file.value.get("archive") if yaml_file and isinstance(yaml_file.value, dict) else None
    if not isinstance(archive, str):
        return f"{source_file.shown} names no archive, so its quotes cannot be checked"
    archive_file = by_shown.get(f"{data.name}/{archive}")
    archive_text, errors = read_text(archive_file) if archive_file else (None, [])
    if archive_text is None:
        return f"{source_file.shown}: the archive {archive} cannot be read" + (f" ({errors[0]})" if errors else "")
    return archive_file.shown, archive_text


if __name__ == "__main__":
    sys.exit(main())
