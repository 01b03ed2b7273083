"""The built site works wherever it is mounted: at the root of a domain (/) and under a sub-path
(/explainer/, as on GitHub Pages for a project site).

The site is built once and served over real HTTP from this test, at each mount in turn. Every
page is fetched, and every local address it names — stylesheets, scripts, images, links between
pages, and the search engine and its index — must answer 200 under the same mount. A link
that assumes one mount (`/explainer/claims/…`, or `../` one level too many) fails under the
other and is reported with its page.

The one exception is MkDocs' 404 page: it is served for missing addresses at any depth, so MkDocs
writes it with absolute addresses taken from site_url; it is checked under that mount only.
"""
from __future__ import annotations

import functools
import json
import re
import threading
from contextlib import contextmanager
from html import unescape
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest

from site_build import PROJECT, site_url

MOUNTS = ("/", "/explainer/")
_ADDRESS_ATTRIBUTES = {"href", "src", "xlink:href", "data-src"}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class _MountedSite(SimpleHTTPRequestHandler):
    """Serves the built site under `mount` only, as a static host would: no directory listings."""

    mount = "/"

    def send_head(self):
        if not urlsplit(self.path).path.startswith(self.mount):
            self.send_error(404, "outside the mount")
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + urlsplit(path).path[len(self.mount):])

    def list_directory(self, path):
        self.send_error(404, "no index.html here")
        return None

    def log_message(self, format, *args):  # quiet: failures are reported by the test
        pass


@contextmanager
def serving(site: Path, mount: str) -> Iterator[str]:
    """The site's address under `mount`, while a server on a free port of 127.0.0.1 serves it."""
    handler = type("Handler", (_MountedSite,), {"mount": mount})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module", params=MOUNTS)
def served(request, built_site):
    """(the mount, the site's address under it)."""
    with serving(built_site, request.param) as base:
        yield request.param, base


class _Addresses(HTMLParser):
    """Every address a browser would load or follow from a page, and Material's configuration."""

    def __init__(self):
        super().__init__()
        self.addresses: list[tuple[str, str]] = []  # (tag and attribute, address)
        self.config_text: list[str] = []
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attributes.items():
            if name in _ADDRESS_ATTRIBUTES and value:
                self.addresses.append((f"<{tag} {name}>", value))
        self._in_config = tag == "script" and attributes.get("id") == "__config"

    def handle_data(self, data):
        if self._in_config:
            self.config_text.append(data)

    def handle_endtag(self, tag):
        self._in_config = False


def fetch(url: str) -> tuple[int, bytes, str]:
    """(status, body, content type); redirects are followed, as a browser would."""
    try:
        with urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except HTTPError as error:
        return error.code, b"", ""


def page_urls(site: Path, base: str) -> list[str]:
    """The address of every HTML page of the built site under `base` (index.html as its folder)."""
    urls = []
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        if relative == "404.html":
            continue
        urls.append(base + (relative.removesuffix("index.html") if page.name == "index.html" else relative))
    return urls


def local_addresses(page_url: str, html: str, site_root: str) -> list[tuple[str, str]]:
    """(where on the page, absolute address) of every address on the page that is on this site."""
    parser = _Addresses()
    parser.feed(html)
    found = list(parser.addresses)
    if parser.config_text:  # search (docs/javascripts/search.js): Pagefind's bundle under the site's base
        config = json.loads("".join(parser.config_text))
        root = urljoin(page_url, config["base"].rstrip("/") + "/")
        found += [(f"search: {name}", urljoin(root, f"pagefind/{name}"))
                  for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json")]
    return [(where, target) for where, address in found
            if (target := _on_site(page_url, address, site_root))]


def _on_site(page_url: str, address: str, site_root: str) -> str | None:
    """The address made absolute, without its fragment; None when it leaves this server."""
    if address.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    target = urljoin(page_url, address)
    parts, root = urlsplit(target), urlsplit(site_root)
    if (parts.scheme, parts.netloc) != (root.scheme, root.netloc):
        return None  # another host: the canonical address, an external source
    return parts._replace(fragment="").geturl()


def broken_addresses(pages: list[str], site_root: str) -> tuple[list[str], int]:
    """('page: where address -> status' for each address that does not answer 200, how many were checked)."""
    statuses: dict[str, int] = {}
    broken = []

    def status(url: str) -> int:
        if url not in statuses:
            code, body, content_type = fetch(url)
            statuses[url] = code
            if code == 200 and content_type == "text/css":
                for address in _CSS_URL.findall(body.decode("utf-8", "replace")):
                    target = _on_site(url, address, site_root)
                    if target and status(target) != 200:
                        broken.append(f"{url}: url({address}) -> {statuses[target]}")
        return statuses[url]

    for page in pages:
        code, body, _ = fetch(page)
        statuses[page] = code
        if code != 200:
            broken.append(f"{page}: the page itself -> {code}")
            continue
        for where, target in local_addresses(page, body.decode("utf-8"), site_root):
            if status(target) != 200:
                broken.append(f"{page}: {where} {target} -> {statuses[target]}")
    return broken, len(statuses)


def test_every_page_and_everything_it_loads_or_links_answers_under_the_mount(served, built_site):
    mount, base = served
    pages = page_urls(built_site, base)
    assert len(pages) > 10, "the built site has hardly any pages"
    broken, checked = broken_addresses(pages, base)
    assert not broken, (f"served at {mount}: {len(broken)} of {checked} addresses do not answer:\n"
                        + "\n".join(broken[:40]))


def test_the_search_index_and_the_home_page_answer_under_the_mount(served):
    mount, base = served
    status, body, _ = fetch(base + "pagefind/pagefind-entry.json")
    assert status == 200, f"served at {mount}: no search index"
    language = json.loads(body)["languages"]["en"]
    assert language["page_count"] > 100, "the search index is (nearly) empty"
    for part in (f"pagefind/pagefind.{language['hash']}.pf_meta", f"pagefind/wasm.{language['wasm']}.pagefind"):
        assert fetch(base + part)[0] == 200, f"served at {mount}: no {part}"
    status, body, _ = fetch(base)
    assert status == 200 and b"<h1" in body, f"served at {mount}: no home page"


def test_the_404_page_works_under_the_mount_of_site_url(built_site):
    """MkDocs writes the 404 page with absolute addresses from site_url (it is served at any depth),
    so it can only work where site_url says the site lives: this is why site_url must be right."""
    mount = urlsplit(_site_url()).path or "/"
    with serving(built_site, mount) as base:
        broken, _ = broken_addresses([base + "404.html"], base)
    assert not broken, f"served at {mount} (the path of site_url):\n" + "\n".join(broken)


def test_the_archived_texts_are_not_published(built_site):
    """The articles under data/archive/ are third-party copyright: only quotes may reach the site."""
    archives = sorted((PROJECT / "data" / "archive").glob("*.txt"))
    assert archives, "no archived texts to look for"
    published = [path for path in built_site.rglob("*") if path.is_file()]
    names = {archive.name for archive in archives}
    assert not [path for path in published if path.name in names or "archive" in path.relative_to(built_site).parts]
    for archive in archives:
        # A quote is a sentence or so; a run of three lines of the article would be more than that.
        lines = [line.strip() for line in archive.read_text(encoding="utf-8").splitlines() if line.strip()]
        passages = [" ".join(lines[index:index + 3]) for index in range(0, max(len(lines) - 2, 1))]
        for path in published:
            if path.suffix in {".html", ".json", ".csv", ".txt", ".xml"}:
                text = path.read_text(encoding="utf-8", errors="replace")
                text = unescape(text) if path.suffix == ".html" else text
                for passage in passages:
                    assert passage not in text, f"{path.relative_to(built_site)} holds a passage of {archive.name}"


def _site_url() -> str:
    return site_url(PROJECT)
