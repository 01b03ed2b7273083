"""How long the editor waits: validation alone, the full build, and a plain MkDocs baseline.

    python benchmarks/build_speed.py [--runs 3] [--scale 0 1000 5000]

For each dataset (the real one, then synthetic ones of about N entities), it
prints the median wall time of:
  check     `python -m macros check` (validation only)
  build     `mkdocs build` of this project (hook + macros + Material)
  baseline  `mkdocs build` of the same generated Markdown as plain files, with
            Material and search but no hook, no macros plugin
and the ratio build/baseline. Numbers, not assertions: the machine is shared.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}


def timed(command: list[str], cwd: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=ENV)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def make_project(target: Path, scale: int) -> Path:
    target.mkdir(parents=True)
    for part in ("mkdocs.yml", "docs", "macros", "overrides"):
        source = PROJECT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    if scale:
        write_synthetic_data(target / "data", scale)
        for page in (target / "docs").glob("*.md"):  # hand-written pages name real ids
            page.write_text("# Page\n", encoding="utf-8")
    else:
        shutil.copytree(PROJECT / "data", target / "data")
    return target


def write_synthetic_data(data: Path, scale: int) -> None:
    """About `scale` entities: 10% actors, 10% events, 80% claims, in one source."""
    actors, events, claims = max(scale // 10, 2), max(scale // 10, 1), max(scale * 8 // 10, 1)
    for folder in ("sources", "actors", "events", "claims", "archive"):
        (data / folder).mkdir(parents=True)
    quotes = [f"Quote number {n} says something about actor {n % actors}." for n in range(claims)]
    (data / "archive" / "text.txt").write_text("\n".join(quotes), encoding="utf-8")
    (data / "sources" / "source-0.yaml").write_text(
        "title: A source\nkind: news-report\npublisher: null\nauthor: null\nurl: null\n"
        "published: {start: '2025-06-24', precision: day, basis: stated-in-source}\n"
        "accessed: null\nlanguage: en\nsummary: A text.\narchive: archive/text.txt\n", encoding="utf-8")
    for n in range(actors):
        (data / "actors" / f"actor-{n}.yaml").write_text(
            f"name: Actor {n}\nkind: person\naliases: ['A{n}']\ndescription: Someone.\n"
            + (f"affiliations: [{{actor: actor-{n - 1}, relation: member of}}]\n" if n else ""), encoding="utf-8")
    for n in range(events):
        (data / "events" / f"event-{n}.yaml").write_text(
            f"title: Event {n}\ndate: {{start: '{2000 + n % 25}-0{1 + n % 9}-1{n % 9}', precision: day, "
            f"basis: stated-in-source}}\nparticipants: [{{actor: actor-{n % actors}, role: took part}}]\n"
            f"summary: Something happened.\nsources: [source-0]\n", encoding="utf-8")
    for n in range(claims):
        relation = (f"relations: [{{type: supports, claim: claim-{n - 1}, reason: Same point.}}]\n" if n else "")
        (data / "claims" / f"claim-{n}.yaml").write_text(
            f"statement: Claim {n}.\nclaimant: actor-{n % actors}\nkind: opinion\n"
            f"appearances: [{{source: source-0, quote: '{quotes[n]}'}}]\n"
            f"subjects: [actor-{(n + 1) % actors}, event-{n % events}]\n{relation}", encoding="utf-8")


def make_baseline(project: Path, target: Path) -> Path:
    """The same pages as plain Markdown files in a plain Material site."""
    docs = target / "docs"
    docs.mkdir(parents=True)
    subprocess.run([PYTHON, "-m", "macros", "pages", "--data", str(project / "data"), "--out", str(docs)],
                   cwd=project, check=True, capture_output=True, env=ENV)
    for page in (project / "docs").rglob("*"):
        if page.is_file() and page.suffix == ".md":
            (docs / page.relative_to(project / "docs")).write_text("# Page\n", encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        "site_name: Baseline\ntheme: {name: material, font: false}\nplugins: [search]\n"
        "markdown_extensions: [admonition, attr_list, tables, {toc: {permalink: true}}]\n"
        "nav:\n  - Home: index.md\n  - Sources: sources/index.md\n  - Actors: actors/index.md\n"
        "  - Events: events/index.md\n  - Claims: claims/index.md\n", encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=int, nargs="*", default=[0, 1000])
    arguments = parser.parse_args()
    print(f"{'dataset':>10} {'pages':>6} {'check s':>8} {'build s':>8} {'baseline s':>10} {'build/baseline':>15}")
    for scale in arguments.scale:
        with tempfile.TemporaryDirectory() as temporary:
            project = make_project(Path(temporary) / "project", scale)
            baseline = make_baseline(project, Path(temporary) / "baseline")
            pages = sum(1 for _ in (baseline / "docs").rglob("*.md"))
            check = timed([PYTHON, "-m", "macros", "check"], project, arguments.runs)
            build = timed([PYTHON, "-m", "mkdocs", "build", "-q"], project, arguments.runs)
            plain = timed([PYTHON, "-m", "mkdocs", "build", "-q"], baseline, arguments.runs)
            name = "real" if scale == 0 else f"~{scale}"
            print(f"{name:>10} {pages:>6} {check:>8.2f} {build:>8.2f} {plain:>10.2f} {build / plain:>15.2f}")


if __name__ == "__main__":
    main()
