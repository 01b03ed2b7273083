"""Page weights: what a first visit to a page downloads (bytes on the wire and request count).

Not a test: a report for people. Builds the site (or takes a built one), serves it on
127.0.0.1, opens each page in a fresh Chromium context (empty cache), waits until the network
is quiet (late loads count too; search loads its index only when a reader opens it), and prints per page the number
of requests and the bytes transferred (headers + body, Resource Timing's transferSize), by initiator type,
with what a gzip-compressing web server would send (http.server does not compress).
Requests to other hosts are aborted and listed: there should be none.

    /tmp/venv/bin/python tests/browser/page_weight.py [SITE_DIR] [PAGE ...]

PAGE is a path under the site ('' for home); the default is home, an actor page, the
timeline and the graph.
"""
from __future__ import annotations

import gzip
import sys
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser_harness import DESKTOP, PROJECT, is_local, launch, serve  # noqa: E402

PAGES = ["", "actors/kim-jong-un/", "timeline/", "graph/"]


def build(into: Path) -> Path:
    sys.path.insert(0, str(PROJECT / "tests"))
    from site_build import mkdocs_build  # tests/conftest.py: the real `mkdocs build --strict`

    result = mkdocs_build(PROJECT, into / "site")
    if result.returncode != 0:
        sys.exit(f"mkdocs build failed:\n{result.output}")
    return result.site


def weigh(browser, site: Path, base: str, path: str) -> dict:
    """A first visit to base+path: requests and bytes, from the page's Resource Timing entries
    (they include scripts that Playwright's request events miss)."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    external, failed = [], []

    def route(r):
        if is_local(r.request.url):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort("blockedbyclient")

    page.route("**/*", route)
    page.on("requestfailed", lambda r: is_local(r.url) and failed.append(f"{r.url} ({r.failure})"))
    page.goto(base + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    entries = page.evaluate(
        "[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]"
        ".map(e => ({url: e.name, type: e.initiatorType, bytes: e.transferSize, body: e.encodedBodySize}))")
    context.close()
    by_type: Counter = Counter()
    total = gzipped = 0
    for entry in entries:
        by_type[entry["type"]] += entry["bytes"]
        total += entry["bytes"]
        file = site / urlsplit(entry["url"]).path.lstrip("/")
        file = file / "index.html" if file.is_dir() else file
        body = file.read_bytes() if file.is_file() else b""
        gzipped += len(gzip.compress(body, 6)) + entry["bytes"] - entry["body"]  # headers as sent
    largest = sorted(((e["bytes"], urlsplit(e["url"]).path) for e in entries), reverse=True)[:3]
    html = next((e["body"] for e in entries if e["type"] == "navigation"), 0)
    return {"requests": len(entries), "bytes": total, "gzip": gzipped, "html": html,
            "by_type": by_type, "largest": largest, "external": external, "failed": failed}


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv and Path(argv[0]).is_dir() else None
    pages = [p for p in argv[1 if site else 0:]] or PAGES
    with tempfile.TemporaryDirectory() as tmp:
        site = site or build(Path(tmp))
        with serve(site) as base, sync_playwright() as playwright:
            browser = launch(playwright)
            print("transferred = bytes on the wire from http.server (no compression); "
                  "gzip = the same responses gzipped, as a compressing web server would send them")
            print(f"{'page':24} {'requests':>8} {'transferred':>12} {'gzip':>9} {'HTML':>9}  by type (KB)")
            problems = False
            for path in pages:
                w = weigh(browser, Path(site), base, path)
                types = ", ".join(f"{t} {b / 1024:.1f}" for t, b in w["by_type"].most_common())
                print(f"/{path:23} {w['requests']:>8} {w['bytes'] / 1024:>9.1f} KB {w['gzip'] / 1024:>6.1f} KB"
                      f" {w['html'] / 1024:>6.1f} KB  {types}")
                print("    largest: " + ", ".join(f"{u} {b / 1024:.0f} KB" for b, u in w["largest"]))
                for url in w["external"]:
                    print(f"    left 127.0.0.1 (aborted): {url}")
                for line in w["failed"]:
                    print(f"    failed: {line}")
                problems |= bool(w["external"] or w["failed"])
            browser.close()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
