"""The one benchmark: what a reader and an editor wait for, at 100 to 10,000 entities.

    .venv/bin/python benchmarks/run.py [--sizes 100 1000 10000] [--runs 3] [--skip-search]
                                       [--skip-edit-loop] [--out bench/RESULTS.md]

For each size N it makes a copy of the project with N synthetic entities (`python -m macros
synth`; size 0 means the real data and pages) and measures, against a plain MkDocs + Material
build of the same generated Markdown (`python -m macros pages`, Material's own search, no hook,
no macros plugin):

  build      wall time (median of paired, interleaved runs), ms per page, peak RSS of the build
             process (os.wait4; MkDocs builds in one process), and `macros check` alone
  weight     the median size of a claim page and of an actor page (index.html, raw and gzipped)
  search     in Debian's Chromium at 4x CPU slowdown on a phone viewport, for three queries (an
             actor's name, a Hangul alias, a common word): time from the last keystroke to the
             first result, and the bytes a reader transfers for search (gzipped for text)
  edit loop  at N >= 1000: `mkdocs serve` (SERVE_ARGS) running, the time from saving a claim,
             then an actor's name, to the change showing on the served pages

Rows are printed as they are measured; bench/RESULTS.md gets the machine, the command, a table
per measurement, and a last line `overhead_max=… linear=… search_kb_10k=…` (defined in the
file). The machine may be shared and noisy: these are numbers, never assertions.
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime
import functools
import gzip
import http.server
import importlib.metadata
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import unquote, urlsplit

import yaml

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
       "PATH": f"{Path(PYTHON).parent}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}"}
PROJECT_PARTS = ("mkdocs.yml", "docs", "macros", "overrides")

# The preview command of the README, with the port filled in at run time.
SERVE_ARGS = ["serve", "--dirty", "-a", "127.0.0.1:PORT"]

# What a reader's browser is: Debian's Chromium (never `playwright install`), a phone, a slow CPU.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
PHONE = {"width": 390, "height": 844}
CPU_SLOWDOWN = 4
TYPING_DELAY_MS = 100  # between keystrokes: a reader typing, not a paste
SEARCH_TIMEOUT_MS = 120_000  # lunr builds its index in the browser: slow at 10,000 entities
SETTLE_MS = 1_500  # after the first result: how long later renders still count as "settled"

# Material's DOM hooks, which the site keeps whichever search engine runs behind them.
SEARCH_INPUT = "input[data-md-component=search-query], .md-search__input"
SEARCH_OPEN = "label[for=__search]"
SEARCH_TOGGLE = "#__search"  # the checkbox those labels toggle: checked while the search is open
SEARCH_RESULT = ".md-search-result__item"
SEARCH_PATHS = ("search/", "pagefind/", "assets/javascripts/workers/")  # what a reader loads for search
TEXT_SUFFIXES = {".json", ".js", ".mjs", ".html", ".css", ".txt", ".xml", ".svg"}  # any static host gzips these

EDIT_POLL_S = 0.1
EDIT_TIMEOUT_S = 900
SERVE_START_TIMEOUT_S = 1800


# --- projects ------------------------------------------------------------------------------


def make_project(target: Path, count: int, seed: int = 0) -> Path:
    """A copy of the project with `count` synthetic entities in data/ (0: the real data); the
    hand-written pages that name ids of the real data become minimal pages, the others stay."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = PROJECT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    if count == 0:
        shutil.copytree(PROJECT / "data", target / "data")
        return target
    from macros.synth import write_synthetic_data
    write_synthetic_data(target / "data", count, seed)
    for _ in range(3):  # check, replace the pages it names, check again
        check = subprocess.run([PYTHON, "-m", "macros", "check"], cwd=target, capture_output=True, text=True, env=ENV)
        if check.returncode == 0:
            return target
        broken = sorted(set(re.findall(r"^(docs/\S+?\.md):\d+:", check.stderr, re.M)))
        if not broken:
            break
        for page in broken:
            replace_with_minimal_page(target / page)
    raise RuntimeError(f"the synthetic project does not pass `macros check`:\n{check.stderr[-3000:]}")


def replace_with_minimal_page(page: Path) -> None:
    """Keep the page (the nav names it) and its title, drop its content."""
    heading = re.search(r"^# (.+)$", page.read_text(encoding="utf-8"), re.M)
    page.write_text(f"# {heading.group(1) if heading else page.stem}\n\nReplaced in the benchmark: "
                    "this page names entities of the real data.\n", encoding="utf-8")


def make_baseline(project: Path, target: Path) -> Path:
    """The same site without this project's machinery: the generated pages as plain Markdown files,
    the hand-written pages with their macro calls and front matter removed, the same theme settings,
    nav, Markdown extensions, stylesheets and scripts; but no hook, no mkdocs-macros, no theme
    overrides, and Material's own search plugin (so the two search engines meet on one site)."""
    docs = target / "docs"
    shutil.copytree(project / "docs", docs, ignore=shutil.ignore_patterns("*.md"))
    for page in (project / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
        text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", text, flags=re.S)
        written = docs / page.relative_to(project / "docs")
        written.parent.mkdir(parents=True, exist_ok=True)
        written.write_text(text, encoding="utf-8")
    subprocess.run([PYTHON, "-m", "macros", "pages", "--data", str(project / "data"), "--out", str(docs)],
                   cwd=project, check=True, capture_output=True, env=ENV)
    from mkdocs.utils.yaml import get_yaml_loader
    with open(project / "mkdocs.yml", encoding="utf-8") as settings_file:
        settings = yaml.load(settings_file, Loader=get_yaml_loader())
    settings.pop("hooks", None)
    settings.pop("watch", None)
    settings["theme"].pop("custom_dir", None)
    settings["plugins"] = ["search"]
    settings["strict"] = False  # the pages link to a few files (feeds, downloads) only the hook writes
    (target / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def site_url_path(project: Path) -> str:
    """The path part of mkdocs.yml's site_url ('/explainer/'), where `mkdocs serve` serves the site."""
    found = re.search(r"^site_url:\s*['\"]?(\S+?)['\"]?\s*$", (project / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    path = urlsplit(found.group(1)).path if found else "/"
    return path if path.endswith("/") else path + "/"


# --- builds ----------------------------------------------------------------------------------


@dataclasses.dataclass
class Run:
    seconds: float
    peak_rss_mb: float


def run_measured(command: list[str], cwd: Path) -> Run:
    """Run a command to its end; its wall time and peak RSS. MkDocs builds in one process; the
    kernel reports the largest peak of that process and of the programs it waited for (Pagefind)."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, env=ENV)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            output.seek(0)
            raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n"
                               f"{output.read().decode('utf-8', 'replace')[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)  # ru_maxrss is in KB on Linux


def build_command(site: Path) -> list[str]:
    return [PYTHON, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)]


def paired_builds(ours: Path, plain: Path, runs: int) -> tuple[list[Run], list[Run]]:
    """Our build and the plain one, run in pairs whose order alternates, so drift on a shared
    machine falls on both alike."""
    our_runs, plain_runs = [], []
    for number in range(runs):
        order = [(ours, our_runs), (plain, plain_runs)]
        for project, found in order if number % 2 == 0 else reversed(order):
            found.append(run_measured(build_command(project / "site"), project))
    return our_runs, plain_runs


def html_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def median_page_bytes(site: Path, folder: str) -> tuple[int, int]:
    """(raw, gzipped) bytes of the median entity page of `folder` (claims, actors)."""
    pages = [page.read_bytes() for page in (site / folder).glob("*/index.html")]
    if not pages:
        return 0, 0
    return int(statistics.median(map(len, pages))), int(statistics.median(len(gzip.compress(p)) for p in pages))


# --- search in a browser --------------------------------------------------------------------


class _LoggingHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def do_GET(self):
        self.server.requested.append(unquote(urlsplit(self.path).path))
        super().do_GET()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    requested: list[str]

    def handle_error(self, request, client_address):
        pass  # a browser that drops a connection is not an error of the site


@contextlib.contextmanager
def serve_site(site: Path):
    """Serve a built site on 127.0.0.1 from a thread; yield the server (`.requested` lists every path asked for)."""
    server = _Server(("127.0.0.1", 0), functools.partial(_LoggingHandler, directory=str(site)))
    server.requested = []
    thread = threading.Thread(target=server.serve_forever, name="bench-site", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@functools.lru_cache(maxsize=None)
def transfer_bytes(file: Path) -> int:
    """What a static host sends: gzip for text, the file as it is for binaries (already compressed)."""
    if not file.is_file():
        return 0
    body = file.read_bytes()
    return len(gzip.compress(body)) if file.suffix in TEXT_SUFFIXES else len(body)


def search_bytes(site: Path, requested: list[str]) -> int:
    total = 0
    for path in requested:
        relative = path.lstrip("/")
        if relative.startswith(SEARCH_PATHS):
            total += transfer_bytes(site / (relative + "index.html" if relative.endswith("/") else relative))
    return total


# Installed before any page script: the time of the last input and of the first result rendered after it.
_TIMING_SCRIPT = """
window.__bench = {lastInput: 0, firstResult: 0, lastRender: 0};
const seen = new WeakSet();  // result items shown before the last input: not its results
document.addEventListener("input", () => {
  document.querySelectorAll(RESULT).forEach(item => seen.add(item));
  window.__bench.lastInput = performance.now(); window.__bench.firstResult = 0;
}, true);
new MutationObserver(() => {
  const bench = window.__bench;
  if (!bench.lastInput) return;
  for (const item of document.querySelectorAll(RESULT)) {
    if (seen.has(item) || !item.getClientRects().length) continue;  // hidden: display none, or in a hidden list
    seen.add(item);
    const now = performance.now();
    if (!bench.firstResult) bench.firstResult = now;
    bench.lastRender = now;
  }
}).observe(document, {childList: true, subtree: true, attributes: true, attributeFilter: ["hidden", "class", "style"]});
"""


# Whether a reader can reach an element: it has a size and nothing covers its centre.
_REACHABLE = """element => {
  const box = element.getBoundingClientRect();
  if (!box.width || !box.height) return false;
  const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return hit === element || element.contains(hit);
}"""


@dataclasses.dataclass
class SearchResult:
    query: str
    first_result_ms: Optional[float]  # None: no result within SEARCH_TIMEOUT_MS
    settled_ms: Optional[float]  # the last render of results within SETTLE_MS of the first
    payload_bytes: int
    results: int  # result items in the page once settled (engines show them ten or so at a time)
    note: str = ""  # what went wrong on the way, if anything


def measure_search(browser, server, site: Path, query: str) -> SearchResult:
    """A reader opens the home page cold on a slow phone, opens search and types `query`."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.add_init_script(_TIMING_SCRIPT.replace("RESULT", repr(SEARCH_RESULT)))
        server.requested = []
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        page.goto(base, wait_until="load")
        box = page.locator(SEARCH_INPUT).first
        note = ""
        if not box.evaluate(_REACHABLE):  # a phone: the box is behind the header's search button
            page.locator(SEARCH_OPEN).first.click()
            page.wait_for_timeout(300)
            if not page.locator(SEARCH_TOGGLE).is_checked():
                note = "the search button left the search closed; opened by the benchmark"
                page.locator(SEARCH_TOGGLE).evaluate("toggle => toggle.click()")
        box.click()
        page.keyboard.type(query, delay=TYPING_DELAY_MS)
        page.keyboard.press("End")  # Material reads the query on keyup, which text typed through an IME lacks
        try:
            # a function, not an expression: the site's CSP forbids eval, which Playwright uses for expressions
            page.wait_for_function("() => window.__bench.firstResult > 0", timeout=SEARCH_TIMEOUT_MS, polling=20)
        except PlaywrightTimeout:  # no result is a result too
            return SearchResult(query, None, None, search_bytes(site, list(server.requested)), 0, note)
        requested = list(server.requested)
        page.wait_for_timeout(SETTLE_MS)
        timing = page.evaluate("() => window.__bench")
        first = timing["firstResult"] - timing["lastInput"]
        return SearchResult(query, first, timing["lastRender"] - timing["lastInput"], search_bytes(site, requested),
                            page.locator(SEARCH_RESULT).count(), note)
    finally:
        context.close()


def search_queries(data: Path) -> list[str]:
    """Three typical queries, chosen from the data alone: the name of the person most claims are
    about, the Hangul alias of the actor most claims are about that has one, and the most common
    long word of the claims' statements that is not part of a name."""
    from macros.validate import load_dataset

    dataset = load_dataset(data)
    about = Counter(subject for claim in dataset.claims.values() for subject in claim.subjects)
    by_claims = sorted(dataset.actors, key=lambda actor_id: (-about[actor_id], actor_id))
    person = next(a for a in by_claims if dataset.actors[a].kind.value == "person")
    hangul = next(alias for a in by_claims for alias in dataset.actors[a].aliases if re.search("[\uac00-\ud7a3]", alias))
    in_names = {word for actor in dataset.actors.values() for word in re.findall(r"[a-z]+", actor.name.lower())}
    words = Counter(word for claim in dataset.claims.values()
                    for word in re.findall(r"[a-z]{6,}", claim.statement.lower()) if word not in in_names)
    common = min(words, key=lambda word: (-words[word], word))
    return [dataset.actors[person].name, hangul, common]


def search_in_browser(sites: dict[str, Path], queries: list[str]) -> dict[str, list[SearchResult]]:
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError(f"no Chromium at {CHROMIUM}: `apt-get install -y chromium` (never `playwright install`)")
    found: dict[str, list[SearchResult]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for name, site in sites.items():
                with serve_site(site) as server:
                    found[name] = [measure_search(browser, server, site, query) for query in queries]
        finally:
            browser.close()
    return found


# --- the edit loop ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def page_text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_until(condition: Callable[[], bool], timeout: float, server: subprocess.Popen) -> Optional[float]:
    """Seconds until `condition` holds, polled every EDIT_POLL_S; None on timeout."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve ended (exit {server.returncode})")
        if condition():
            return time.perf_counter() - started
        time.sleep(EDIT_POLL_S)
    return None


def save_with_marker(project: Path, file: Path, field: str, marker: str) -> None:
    """Append `marker` to a text field and save as an editor's program does: a new file, renamed
    over the old one. The new file is made outside data/, which refuses stray files."""
    text = file.read_text(encoding="utf-8")
    changed, count = re.subn(rf'^({field}: ".*)"$', rf'\1 {marker}"', text, count=1, flags=re.M)
    if not count:
        raise ValueError(f"{file}: no one-line {field} to change")
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=project, prefix=".bench-save-", delete=False) as new:
        new.write(changed)
    os.replace(new.name, file)


@dataclasses.dataclass
class EditLoop:
    claim_s: Optional[float]  # saving a claim's statement → its page shows it
    actor_s: Optional[float]  # renaming an actor → its page and a claim page naming it show it
    start_s: float  # `mkdocs serve` started → a claim page answers


def measure_edit_loop(project: Path, claim_id: str, actor_id: str, claim_naming_actor: str) -> EditLoop:
    port = free_port()
    base = f"http://127.0.0.1:{port}{site_url_path(project)}"
    arguments = [argument.replace("PORT", str(port)) for argument in SERVE_ARGS]
    with open(project / "serve.log", "wb") as log:
        server = subprocess.Popen([PYTHON, "-m", "mkdocs", *arguments], cwd=project, stdout=log,
                                  stderr=subprocess.STDOUT, env=ENV, start_new_session=True)
    try:
        claim_url = f"{base}claims/{claim_id}/"
        started = wait_until(lambda: status_of(claim_url) == 200, SERVE_START_TIMEOUT_S, server)
        if started is None:
            raise RuntimeError(f"mkdocs serve did not answer {claim_url} within {SERVE_START_TIMEOUT_S} s")
        results = []
        for file, field, urls in (
                (project / "data" / "claims" / f"{claim_id}.yaml", "statement", [claim_url]),
                (project / "data" / "actors" / f"{actor_id}.yaml", "name",
                 [f"{base}actors/{actor_id}/", f"{base}claims/{claim_naming_actor}/"])):
            marker = f"benchmark{uuid.uuid4().hex[:12]}"
            save_with_marker(project, file, field, marker)
            results.append(wait_until(lambda: all(marker in page_text(url) for url in urls), EDIT_TIMEOUT_S, server))
        return EditLoop(results[0], results[1], started)
    finally:
        stop_process_group(server)


def stop_process_group(process: subprocess.Popen) -> None:
    """End the server and everything it started: its whole process group, never anything else."""
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def edit_targets(data: Path) -> tuple[str, str, str]:
    """(a claim in the middle of the list, the person most claims are about, the last claim naming them)."""
    from macros.validate import load_dataset

    dataset = load_dataset(data)
    claims = sorted(dataset.claims)
    about = Counter(subject for claim in dataset.claims.values() for subject in claim.subjects)
    actor = min((a for a in dataset.actors if dataset.actors[a].kind.value == "person"),
                key=lambda a: (-about[a], a))
    naming = [c for c in claims if actor in dataset.claims[c].subjects or dataset.claims[c].claimant == actor]
    return claims[len(claims) // 2], actor, naming[-1]


# --- the report ------------------------------------------------------------------------------


def machine() -> list[str]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    cpu = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    memory = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.M)

    def version(package: str) -> str:
        try:
            return importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"

    return [f"- CPUs: {len(os.sched_getaffinity(0))} (nproc), {cpu.group(1) if cpu else platform.processor()}",
            f"- RAM: {int(memory.group(1)) / 1024 ** 2:.1f} GiB" if memory else "- RAM: unknown",
            f"- Python {platform.python_version()}, MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}, "
            f"mkdocs-macros {version('mkdocs-macros-plugin')}, Pagefind {version('pagefind')}, "
            f"Playwright {version('playwright')}",
            f"- {platform.platform()}; load average at the start {os.getloadavg()[0]:.2f}"]


class Report:
    """The tables, printed row by row as they are measured and written to RESULTS.md after each size."""

    TABLES = {
        "build": ["N", "entities", "pages (ours)", "pages (plain)", "check s", "ours s", "plain s", "ours/plain",
                  "ours ms/page", "plain ms/page", "ours peak RSS MB", "plain peak RSS MB"],
        "weight": ["N", "claim page KB ours (gz)", "claim page KB plain (gz)", "actor page KB ours (gz)",
                   "actor page KB plain (gz)"],
        "search": ["N", "site", "query", "first result ms", "settled ms", "results", "search KB transferred", "note"],
        "edit": ["N", "serve start s", "claim saved → visible s", "actor renamed → visible s"],
    }
    TITLES = {"build": "Build (median of paired runs)", "weight": "Typical entity page (median index.html)",
              "search": "Search in Chromium, 4× CPU slowdown, 390×844 viewport, cold cache",
              "edit": "Edit loop (`mkdocs serve`, " + " ".join(SERVE_ARGS) + ")"}

    def __init__(self, out: Path, command: str, runs: int):
        self.out, self.command, self.runs = out, command, runs
        self.rows: dict[str, list[list[str]]] = {name: [] for name in self.TABLES}
        self.machine = machine()
        self.started = datetime.datetime.now(datetime.timezone.utc)
        self.summary: dict[int, dict] = {}  # N -> numbers for the last line
        self.printing = ""  # the table whose rows are being printed

    def add(self, table: str, row: list) -> None:
        cells = [str(cell) for cell in row]
        if table != self.printing:  # the tables take turns, size by size: name the one each row belongs to
            print(f"\n{self.TITLES[table]}\n| " + " | ".join(self.TABLES[table]) + " |", flush=True)
            self.printing = table
        self.rows[table].append(cells)
        print("| " + " | ".join(cells) + " |", flush=True)

    def last_line(self) -> str:
        sizes = sorted(self.summary)
        overhead = max((self.summary[n]["ours_s"] / self.summary[n]["plain_s"] for n in sizes), default=None)
        linear = None
        if len(sizes) >= 2:
            large, second = self.summary[sizes[-1]], self.summary[sizes[-2]]
            linear = (large["ours_s"] / second["ours_s"]) / (large["pages"] / second["pages"])
        search = self.summary[sizes[-1]].get("search_kb") if sizes else None
        return (f"overhead_max={'n/a' if overhead is None else f'{overhead:.2f}'} "
                f"linear={'n/a' if linear is None else f'{linear:.2f}'} "
                f"search_kb_10k={'n/a' if search is None else search}")

    def write(self) -> None:
        lines = ["# Benchmark results", "",
                 f"Measured {self.started:%Y-%m-%d %H:%M} UTC with `{self.command}` ({self.runs} paired build runs "
                 "per size; medians). Synthetic data: `python -m macros synth --count N` (size 0: the real data).",
                 "", "## Machine", "", *self.machine, ""]
        for name, header in self.TABLES.items():
            if self.rows[name]:
                lines += [f"## {self.TITLES[name]}", "", "| " + " | ".join(header) + " |",
                          "|" + "---|" * len(header), *("| " + " | ".join(row) + " |" for row in self.rows[name]), ""]
        lines += ["## Definitions", "",
                  "- *ours*: `mkdocs build` of the project (hook, macros, the site's search); *plain*: `mkdocs build` "
                  "of the same Markdown (`python -m macros pages`) with Material and its lunr search, no hook, no "
                  "macros. Pages are the HTML files of each built site. Peak RSS: `os.wait4` on the build "
                  "process, which reports the larger of its own peak and that of any program it ran and waited "
                  "for (such as the Pagefind binary), never their sum.",
                  "- Search: a fresh browser context per query (no cache); the time runs from the last input event "
                  f"of the query typed at {TYPING_DELAY_MS} ms a key to the first `{SEARCH_RESULT}` rendered after "
                  f"it; *settled* is the last such render within {SETTLE_MS} ms. KB transferred: every file under "
                  f"{', '.join(SEARCH_PATHS)} requested from page load to the first result, gzip-compressed for "
                  "text (json, js, html, css), raw for binaries. 1 KB = 1,024 bytes.",
                  "- Edit loop: save (write a new file, rename it over the old one) → the served page shows the "
                  f"change, polled every {int(EDIT_POLL_S * 1000)} ms; the actor's new name must show on its own "
                  "page and on a claim page that names it.",
                  "- `overhead_max`: the largest ours/plain build-time ratio over the sizes. `linear`: (our build "
                  "time at the largest size / at the second largest) / (our page count at the largest / at the "
                  "second largest); 1.00 is linear, above 1 grows faster than the pages. `search_kb_10k`: the "
                  "largest search transfer in KB among the three queries on our site at the largest size.",
                  "", self.last_line()]
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def seconds_or(seconds: Optional[float], otherwise: str) -> str:
    return otherwise if seconds is None else f"{seconds:.2f}"


def measure_size(count: int, arguments, report: Report, work: Path) -> None:
    project = make_project(work / "project", count, arguments.seed)
    plain = make_baseline(project, work / "plain")
    data = project / "data"
    check = statistics.median(run_measured([PYTHON, "-m", "macros", "check"], project).seconds
                              for _ in range(arguments.runs))
    ours_runs, plain_runs = paired_builds(project, plain, arguments.runs)
    ours_s = statistics.median(run.seconds for run in ours_runs)
    plain_s = statistics.median(run.seconds for run in plain_runs)
    ours_site, plain_site = project / "site", plain / "site"
    pages, plain_pages = html_pages(ours_site), html_pages(plain_site)
    entities = sum(1 for folder in ("sources", "actors", "events", "claims") for _ in (data / folder).glob("*.y*ml"))
    report.add("build", [count, entities, pages, plain_pages, f"{check:.2f}", f"{ours_s:.2f}", f"{plain_s:.2f}",
                         f"{ours_s / plain_s:.2f}", f"{ours_s / pages * 1000:.1f}", f"{plain_s / plain_pages * 1000:.1f}",
                         f"{max(r.peak_rss_mb for r in ours_runs):.0f}", f"{max(r.peak_rss_mb for r in plain_runs):.0f}"])
    report.summary[count] = {"ours_s": ours_s, "plain_s": plain_s, "pages": pages}
    weights = {name: {folder: median_page_bytes(site, folder) for folder in ("claims", "actors")}
               for name, site in (("ours", ours_site), ("plain", plain_site))}
    report.add("weight", [count, *(f"{kb(weights[site][folder][0])} ({kb(weights[site][folder][1])})"
                                   for folder in ("claims", "actors") for site in ("ours", "plain"))])
    report.write()
    if not arguments.skip_search:
        queries = search_queries(data)
        found = search_in_browser({"ours": ours_site, "plain": plain_site}, queries)
        for site, results in found.items():
            for result in results:
                report.add("search", [count, site, result.query,
                                      "no result" if result.first_result_ms is None else f"{result.first_result_ms:.0f}",
                                      "" if result.settled_ms is None else f"{result.settled_ms:.0f}",
                                      result.results, kb(result.payload_bytes), result.note])
        report.summary[count]["search_kb"] = round(max(r.payload_bytes for r in found["ours"]) / 1024)
        report.write()
    if not arguments.skip_edit_loop and count >= arguments.edit_loop_min:
        loop = measure_edit_loop(project, *edit_targets(data))
        report.add("edit", [count, f"{loop.start_s:.1f}", seconds_or(loop.claim_s, "not shown"),
                            seconds_or(loop.actor_s, "not shown")])
        report.write()


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000],
                        help="numbers of synthetic entities (0: the real data)")
    parser.add_argument("--runs", type=int, default=3, help="paired build runs per size (the median is reported)")
    parser.add_argument("--seed", type=int, default=0, help="the synthetic data's seed")
    parser.add_argument("--skip-search", action="store_true", help="no browser measurements")
    parser.add_argument("--skip-edit-loop", action="store_true", help="no `mkdocs serve` measurements")
    parser.add_argument("--edit-loop-min", type=int, default=1000, help="measure the edit loop from this size on")
    parser.add_argument("--out", type=Path, default=PROJECT / "bench" / "RESULTS.md")
    arguments = parser.parse_args(argv)
    command = " ".join([".venv/bin/python", "benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])])
    report = Report(arguments.out, command, arguments.runs)
    print("\n".join(report.machine), flush=True)
    for count in arguments.sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{count}-") as work:
            measure_size(count, arguments, report, Path(work))
    report.write()
    print(f"\n{report.last_line()}\nwritten: {arguments.out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
