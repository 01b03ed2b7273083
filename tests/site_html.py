"""Reading a built site the way a reader's browser would: pages, links, anchors."""
from __future__ import annotations

import gzip
import json
import posixpath
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def read(site: Path, url_path: str) -> str:
    """The HTML of a page by its URL path, e.g. 'actors/kim-jong-un/'."""
    return (site / url_path / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    """The page's own content, without the theme's header, nav and footer."""
    start = html.index('<article class="md-content__inner')
    return html[start:html.index("</article>", start)]


def nav(html: str) -> str:
    """The site navigation, its nested <nav> elements (sections, the page's own contents) included."""
    start = html.index('<nav class="md-nav md-nav--primary"')
    depth = 0
    for tag in re.finditer(r"<(/?)nav\b", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return html[start:start + tag.end()]
    return html[start:]


def elements(html: str) -> list[tuple[str, dict]]:
    """Every start tag as (tag, attributes): what the browser would build, not what the text says."""
    collector = _Collector()
    collector.feed(html)
    return collector.elements


def links(html: str) -> list[str]:
    return [attributes["href"] for tag, attributes in elements(html) if tag == "a" and attributes.get("href")]


def ids(html: str) -> set[str]:
    return {attributes["id"] for _, attributes in elements(html) if attributes.get("id")}


def links_to(html: str, page_url: str, target: str) -> bool:
    """Whether a page (at page_url, e.g. 'actors/x/') has a link resolving to target (e.g. 'claims/y/')."""
    return any(resolve(page_url, href) == target for href in links(html))


def resolve(page_url: str, href: str) -> str | None:
    """A relative href as a site path ('claims/y/'), or None for external links and same-page anchors."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    joined = posixpath.normpath(posixpath.join(page_url, parts.path))
    if joined == ".":
        return ""
    return joined + "/" if parts.path.endswith("/") else joined


def text(html: str) -> str:
    """What a reader sees: tags dropped, character references decoded, spaces folded."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html)))


def entity_url(dataset, entity_id: str) -> str:
    return f"{dataset.get(entity_id).folder}/{entity_id}/"


def broken_links(site: Path) -> list[str]:
    """'page: href' for every link in the built site whose page, file or anchor does not exist."""
    pages = {path.relative_to(site).parent.as_posix(): path.read_text(encoding="utf-8")
             for path in site.rglob("index.html")}
    anchors = {url: ids(html) for url, html in pages.items()}
    broken = []
    for page_dir, html in pages.items():
        page_url = "" if page_dir == "." else page_dir + "/"
        for href in links(html):
            target = resolve(page_url, href)
            if target is None:
                continue
            key = target.rstrip("/") or "."
            if not (site / target).exists() and key not in anchors:
                broken.append(f"{page_url}: {href}")
                continue
            fragment = urlsplit(href).fragment
            if fragment and key in anchors and fragment not in anchors[key]:
                broken.append(f"{page_url}: {href} (no such anchor)")
    return broken


def search_index(site: Path) -> dict[str, dict]:
    """What the site's search index (Pagefind, under pagefind/) holds for each page, by URL path
    ('actors/kim-jong-un/'): its text ('content'), 'meta' and 'filters', as the browser reads them.
    Each page is a fragment file: gzip of a marker and JSON."""
    pages = {}
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        page = json.loads(data[len(b"pagefind_dcd"):])
        pages[page["url"].lstrip("/")] = page
    return pages
