"""The Content-Security-Policy of every page: scripts, styles, images, fonts and requests from
the site itself, nothing from any other origin.

A static site has no say over the headers its server sends, so the policy is a <meta> tag,
the first thing in <head>: a browser applies it only to what comes after it. Material's
inline bootstrap scripts hold the page's relative base URL, so they differ from page to page;
each page's policy lists the sha256 of the theme's inline scripts on that page. A script in
the page's content (its Markdown, rendered) is never listed, so even if one got through it
would not run. So are inline event handlers (onclick=…) and javascript: links.
"""
from __future__ import annotations

import base64
import hashlib
import re

from mkdocs.exceptions import PluginError

_SCRIPT = re.compile(r"<script\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(.*?)</script[\s/>]", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_NEWLINES = re.compile(r"\r\n?")  # a browser reads both as \n before hashing a script

_EXECUTABLE_TYPES = {"", "module", "text/javascript", "application/javascript",
                     "text/ecmascript", "application/ecmascript"}
"""Script types a browser runs. Any other type (application/json, application/ld+json) is a
data block: never run, so never listed. A script of a rarer JavaScript type goes unlisted
and is blocked, which shows at once in the browser tests."""

_OTHER_DIRECTIVES = (
    # Material sets its positions through element.style (the CSSOM), which style-src does not
    # govern; no page has a style attribute or a <style> element, so no 'unsafe-inline'.
    "style-src 'self'",
    "img-src 'self' data:",  # Material's stylesheet draws its icons as data: SVG images
    "font-src 'self'",
    "connect-src 'self'",  # instant previews fetch pages; search fetches its index (pagefind/)
    "worker-src 'self'",  # Pagefind's worker is a file of the site (new Worker(url)), not a blob:
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def with_policy(html: str, content: str = "") -> str:
    """`html` (a whole page) with its policy at the top of <head>. `content` is the page's
    own HTML, in `html` as it is: the scripts in it are not the theme's, and are not listed."""
    head = _HEAD.search(html)
    if head is None:
        raise PluginError("a page has no <head> to put its Content-Security-Policy in")
    if content not in html:
        raise PluginError("the page's content is not in its HTML as it is: the theme's scripts "
                          "cannot be told from the page's own")
    theme_part = html.replace(content, "", 1) if content else html
    # The policy is this module's words and base64 digests: nothing in it needs escaping.
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(theme_part)}">'
    return html[:head.end()] + meta + html[head.end():]


_WEBASSEMBLY = "'wasm-unsafe-eval'"
"""Search (Pagefind) runs WebAssembly, which a page compiles only under this source. It allows
compiling WebAssembly and nothing else: not eval(), not new Function(), not inline scripts; and
the module is Pagefind's, fetched from the site ('self'). Pagefind searches in a worker, which
this <meta> policy does not reach; it is for when the worker cannot start and Pagefind searches
in the page itself (checked in Chromium: without it, that search fails with a CompileError)."""


def policy(html: str) -> str:
    """The policy that lets exactly the executable inline scripts of `html` run."""
    hashes = "".join(f" '{script_hash(text)}'" for text in dict.fromkeys(inline_scripts(html)))
    return "; ".join(("default-src 'self'", f"script-src 'self' {_WEBASSEMBLY}{hashes}", *_OTHER_DIRECTIVES))


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of `html` that a browser would run."""
    found = []
    for script in _SCRIPT.finditer(html):
        attributes = {name.lower(): next((v for v in values if v), "")
                      for name, *values in _ATTRIBUTE.findall(script.group(1))}
        if "src" not in attributes and attributes.get("type", "").strip().lower() in _EXECUTABLE_TYPES:
            found.append(script.group(2))
    return found


def script_hash(text: str) -> str:
    digest = hashlib.sha256(_NEWLINES.sub("\n", text).encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
