"""Reading a built site the way a reader's browser would: pages, links, anchors."""
from __future__ import annotations

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
    start = html.index('<nav class="md-nav md-nav--primary"')
    return html[start:html.index("</nav>", start)]


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
