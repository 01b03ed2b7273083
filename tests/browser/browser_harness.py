"""Serve a built site on 127.0.0.1 and drive Debian's Chromium through Playwright.

Shared by the browser tests (conftest.py) and the page-weight script (page_weight.py).
Nothing is downloaded: Playwright launches /usr/bin/chromium (never `playwright install`).
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import posixpath
import threading
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
LOCAL_HOST = "127.0.0.1"
PROJECT = Path(__file__).resolve().parents[2]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    mount = "/"  # the path the site is served under

    def send_head(self):
        if not urlsplit(self.path).path.startswith(self.mount):
            self.send_error(404, "outside the mount")
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + urlsplit(path).path[len(self.mount):])

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that drops a connection (navigation, aborted prefetch) is not an error
        # of the site; a real failure shows up in the browser's own request log.
        pass


@contextlib.contextmanager
def serve(site: Path, mount: str = "/"):
    """Serve `site` on 127.0.0.1 (a free port) from a thread of this process, at the root or under
    `mount` ('/explainer/', as on GitHub Pages); yield the site's base URL."""
    if not (Path(site) / "index.html").is_file():
        raise FileNotFoundError(f"no index.html in {site}: was the site built?")
    handler = functools.partial(type("Handler", (_QuietHandler,), {"mount": mount}), directory=str(site))
    server = _Server((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def launch(playwright):
    """One headless Debian Chromium; a clear failure (never a skip) when it is missing."""
    if not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError(
            f"Chromium not found at {CHROMIUM}: the browser tests need Debian's Chromium "
            "(`apt-get install -y chromium` as root; `bash .ci/run` does it). "
            "Never `playwright install`."
        )
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == LOCAL_HOST


class PageLog:
    """What went wrong while a page was open: everything a reader's browser would complain about.

    Requests to any host but 127.0.0.1 are aborted (the site must work offline) and recorded.
    A request that Chromium cancels because the page navigated away (net::ERR_ABORTED from an
    earlier document: a favicon or prefetch still loading when the reader clicked) is not a
    failure a reader could notice; every other failed request is.
    """

    def __init__(self, page):
        self._document = 0  # counts the main frame's document loads
        self._issued_in: dict = {}  # request → the document it was issued for
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.failed_requests: list[str] = []
        self.bad_responses: list[str] = []
        self.external_requests: list[str] = []
        self._aborted: list[tuple[int, str]] = []  # (document, request) cancelled by Chromium
        page.route("**/*", self._route)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("request", self._request)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _route(self, route):
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.external_requests.append(url)
            route.abort("blockedbyclient")

    def _console(self, message):
        if message.type == "error":
            where = (message.location or {}).get("url", "")
            self.console_errors.append(f"{message.text} @ {where}")

    def _request(self, request):
        if request.is_navigation_request() and request.frame.parent_frame is None:
            self._document += 1
        self._issued_in[request] = self._document

    def _failed(self, request):
        if not is_local(request.url):  # aborted on purpose above, and listed apart
            return
        failure = f"{request.url} ({request.failure})"
        if request.failure == "net::ERR_ABORTED":
            # Chromium may report the cancellation before the navigation that caused it, so
            # whether the document was superseded is decided when the problems are read.
            self._aborted.append((self._issued_in.get(request, self._document), failure))
        else:
            self.failed_requests.append(failure)

    def _response(self, response):
        if response.status >= 400:
            self.bad_responses.append(f"{response.status} {response.url}")

    def clear(self) -> None:
        for found in (self.console_errors, self.page_errors, self.failed_requests,
                      self.bad_responses, self.external_requests, self._aborted):
            found.clear()

    def problems(self) -> dict[str, list[str]]:
        found = {
            "console errors": self.console_errors,
            "page (JavaScript) errors": self.page_errors,
            "failed requests": self.failed_requests + [
                failure for document, failure in self._aborted if document == self._document],
            "HTTP error responses": self.bad_responses,
            "requests leaving 127.0.0.1 (aborted)": self.external_requests,
        }
        return {kind: list(dict.fromkeys(items)) for kind, items in found.items() if items}

    def describe(self) -> str:
        return "\n".join(
            f"{kind}:\n" + "\n".join(f"  - {item}" for item in items)
            for kind, items in self.problems().items()
        )


def nav_pages() -> list[str]:
    """URL paths ('', 'actors/', 'timeline/') of the pages in mkdocs.yml's nav, in nav order."""
    class Loader(yaml.SafeLoader):  # mkdocs.yml may carry !!python/name tags: not needed here
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)

    found: list[str] = []

    def walk(item):
        if isinstance(item, str) and item.endswith(".md") and "://" not in item:
            stem = item[: -len(".md")]
            found.append("" if stem == "index" else stem[: -len("index")] if stem.endswith("/index") else stem + "/")
        elif isinstance(item, list):
            for entry in item:
                walk(entry)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)

    walk(config.get("nav") or [])
    return list(dict.fromkeys(found))


def site_path(base: str, url: str) -> str:
    """'http://127.0.0.1:PORT/actors/x/?h=y#z' → 'actors/x/' (the form tests/site_html.py uses),
    the same under a sub-path: base 'http://…/explainer/', url 'http://…/explainer/actors/x/'."""
    assert url.startswith(base), f"{url} is not on the served site {base}"
    path = "/" + urlsplit(url).path.removeprefix(urlsplit(base).path)
    return posixpath.normpath(path).lstrip("/") + "/" if path.strip("/") else ""


def heading(page) -> str:
    """The page's h1 as a reader sees it (without the ¶ permalink that shows on hover)."""
    return page.locator("article h1").first.evaluate(
        "el => { const c = el.cloneNode(true);"
        " c.querySelectorAll('.headerlink').forEach(x => x.remove());"
        " return c.textContent.replace(/\\s+/g, ' ').trim() }"
    )


SEARCH_BOX = "input[data-md-component=search-query]"
SEARCH_RESULT = ".md-search-result__item"


def type_search(page, query: str) -> str | None:
    """Type `query` into the site's search box once the previous results are gone.

    None when results show; otherwise what the search says instead (e.g. 'No matching documents'),
    unless the page's scripts logged errors meanwhile: then it fails with them (search.js puts its
    own failures in the console).
    """
    errors: list[str] = []

    def console(message):
        if message.type == "error":
            errors.append(message.text)

    def uncaught(error):
        errors.append(str(error))

    page.on("console", console)
    page.on("pageerror", uncaught)
    try:
        box = page.locator(SEARCH_BOX)
        box.click()
        box.fill("")
        box.press("End")  # a key, as a reader's typing would end
        page.locator(SEARCH_RESULT).first.wait_for(state="detached")
        box.fill(query)
        box.press("End")
        try:
            page.locator(SEARCH_RESULT).first.wait_for(state="visible")
        except PlaywrightTimeout:
            said = page.locator(".md-search-result__meta").inner_text()
            if errors:
                raise AssertionError(f"searching {query!r}, the page says {said!r} after errors: {errors}") from None
            return said
        return None
    finally:
        page.remove_listener("console", console)
        page.remove_listener("pageerror", uncaught)
