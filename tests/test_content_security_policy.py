"""Every page carries a Content-Security-Policy, first in <head>, that lets exactly the theme's
inline scripts run, and everything else come only from the site itself."""
from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

from macros.content_security import with_policy

CSP = "content-security-policy"
DATA_TYPES = {"application/json", "application/ld+json"}


class HeadReader(HTMLParser):
    """What a test needs of a page, read by the standard library's parser (not the module's own)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_head = False
        self.first_in_head: tuple[str, dict] | None = None
        self.policies: list[str] = []
        self.scripts_before_policy = 0
        self.inline_scripts: list[str] = []  # executable ones
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "head":
            self.in_head = True
        elif self.in_head and self.first_in_head is None:
            self.first_in_head = (tag, attributes)
        if tag == "meta" and attributes.get("http-equiv", "").lower() == CSP:
            self.policies.append(attributes["content"])
        if tag == "script":
            self.scripts_before_policy += not self.policies
            self._script = attributes | {"text": ""}

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag == "script" and self._script is not None:
            if "src" not in self._script and self._script.get("type", "") not in DATA_TYPES:
                self.inline_scripts.append(self._script["text"])
            self._script = None


def read(html: str) -> HeadReader:
    reader = HeadReader()
    reader.feed(html)
    reader.close()
    return reader


def directives(policy: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in policy.split(";"))}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_every_page_starts_its_head_with_one_policy_that_lets_only_its_own_scripts_run(built_site: Path):
    pages = sorted(built_site.rglob("*.html"))
    assert built_site / "404.html" in pages and len(pages) > 100
    for path in pages:
        html = path.read_text(encoding="utf-8")
        page = read(html)
        where = path.relative_to(built_site).as_posix()
        assert len(page.policies) == 1, where
        assert page.first_in_head == ("meta", {"http-equiv": "Content-Security-Policy", "content": page.policies[0]}), where
        assert page.scripts_before_policy == 0, where
        assert html.encode("utf-8").find(b'<meta charset="utf-8">') < 1024, f"{where}: the charset must stay in the first 1024 bytes"
        policy = directives(page.policies[0])
        scripts = policy["script-src"]
        assert page.inline_scripts, where
        # Search (Pagefind) compiles WebAssembly: 'wasm-unsafe-eval' allows that and no eval().
        assert scripts[:2] == ["'self'", "'wasm-unsafe-eval'"], where
        assert sorted(scripts[2:]) == sorted({sha256(text) for text in page.inline_scripts}), where
        assert policy["default-src"] == policy["connect-src"] == policy["worker-src"] == policy["style-src"] == ["'self'"], where
        assert policy["img-src"] == ["'self'", "data:"] and policy["object-src"] == ["'none'"], where
    assert "Content-Security-Policy" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")


THEME = ('<!doctype html><html><head><meta charset="utf-8"><script>var theme = 1</script></head>'
         '<body><article>{content}</article><script type="application/ld+json">{{"a": 1}}</script></body></html>')


def test_a_script_in_the_page_content_is_not_allowed_to_run():
    content = '<p>Hello</p><script>alert("from the Markdown")</script>'
    page = read(with_policy(THEME.format(content=content), content))
    assert directives(page.policies[0])["script-src"] == ["'self'", "'wasm-unsafe-eval'", sha256("var theme = 1")]


def test_an_unclosed_script_in_the_content_cannot_borrow_the_themes_hash():
    """The browser runs `<script>evil… up to the theme's next </script>` as one script: not the theme's."""
    content = "<p>Hello</p><script>alert(1)//"
    html = THEME.format(content=content).replace("<article>", '<script>var theme = 1</script><article>')
    html = html.replace("</article>", "</article><script>var after = 2</script>")
    page = read(with_policy(html, content))
    allowed = directives(page.policies[0])["script-src"]
    assert sha256("var after = 2") in allowed
    assert not any(sha256(text) in allowed for text in page.inline_scripts if "alert" in text)
