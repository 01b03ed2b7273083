"""`mkdocs serve` as the editor's preview: a mistake never stops it, hangs it or blanks a page.

MkDocs 1.6 holds every request after a failed rebuild until a build succeeds
("the server will appear stuck"), and mkdocs-macros ends the server on a bad
macro call. So while serving, the build never fails: data with errors is
replaced by the last data that was valid, a page with errors by its last good
rendering (or a notice), strict-mode warnings are collected instead of
aborting, and every page lists the errors at the bottom of the screen until
they are fixed. `mkdocs build` is untouched: there every error stops the build.
"""
from __future__ import annotations

import logging
import re
import time
from pathlib import Path

import click
from markupsafe import Markup
from mkdocs.utils import CountHandler

from .build_checks import errors_before_build
from .site_data import has_dataset

log = logging.getLogger("mkdocs.preview")
_BODY = re.compile(r"<body[^>]*>")
NOTICE = ("# This page has an error\n\nThe preview will show it again as soon as the errors listed "
          "below are fixed.\n")


class _Preview:
    """What the preview knows between two rebuilds of one `mkdocs serve`."""

    def __init__(self) -> None:
        self.active = False
        self.started = 0.0
        self.errors: list[str] = []  # `file:line: message` lines, data and pages
        self.warnings: list[str] = []  # what --strict would have stopped on
        self.broken: set[str] = set()  # src_uri of the pages that cannot be rendered now
        self.last_good: dict[str, str] = {}  # src_uri -> Markdown of its last good rendering


_preview = _Preview()


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        if record.name != log.name:
            _preview.warnings.append(record.getMessage())


_collector = _WarningCollector()


def start(command: str) -> None:
    """on_startup: the preview is on for `mkdocs serve`, and its log says only what matters."""
    invoked = click.get_current_context(silent=True)  # `mkdocs serve --clean` reports command='build'
    _preview.active = command == "serve" or (invoked is not None and invoked.command.name == "serve")
    if _preview.active:
        mkdocs_log = logging.getLogger("mkdocs")
        if mkdocs_log.level == logging.INFO:  # the default: keep -v / -q as the editor asked
            mkdocs_log.setLevel(logging.WARNING)
            log.setLevel(logging.INFO)


def is_active() -> bool:
    return _preview.active


def prepare(config) -> None:
    """on_config while serving: load what can be loaded, list what cannot, never raise."""
    _preview.started = time.perf_counter()
    in_data, in_pages = errors_before_build(config, keep_last_good=True)
    _preview.errors = [str(error) for error in sorted(set(in_data) | set(in_pages))]
    docs = Path(config.docs_dir).name
    _preview.broken = {error.file.removeprefix(f"{docs}/") for error in in_pages}
    _preview.warnings = []
    mkdocs_log = logging.getLogger("mkdocs")
    for handler in list(mkdocs_log.handlers):
        if isinstance(handler, CountHandler):  # --strict's counter: it would fail the build, and hang serve
            mkdocs_log.removeHandler(handler)
    if _collector not in mkdocs_log.handlers:
        mkdocs_log.addHandler(_collector)
    for line in _preview.errors:
        log.error(line)


def page_source(page) -> str | None:
    """on_page_read_source: a page that cannot be rendered now is read as its last good rendering."""
    key = page.file.src_uri
    if has_dataset() and key not in _preview.broken:
        return None  # read the file as usual
    return "---\nrender_macros: false\n---\n" + _preview.last_good.get(key, NOTICE)


def remember(markdown: str, page) -> None:
    """on_page_markdown, after the macros: keep a good rendering of a hand-written page for when it breaks."""
    if page.meta.get("render_macros") is not False:
        _preview.last_good[page.file.src_uri] = markdown


def with_error_list(html: str) -> str:
    """on_post_page: every page lists the current errors and warnings, until there are none."""
    problems = _preview.errors + _preview.warnings
    if not problems:
        return html
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    items = Markup("").join(Markup("<li><code>{}</code></li>").format(problem) for problem in problems)
    panel = Markup(
        '<aside class="preview-errors" role="alert" aria-label="Problems in the data or pages">'
        "<p><strong>{}</strong> — this preview shows the last version that worked until they are fixed. "
        "Nothing has been published.</p><ul>{}</ul></aside>").format(count, items)
    return _BODY.sub(lambda body: body.group() + str(panel), html, count=1)


def announce(server) -> None:
    """on_serve: the address, which the quieter log no longer prints."""
    log.info(f"preview at {server.url} (it updates when you save; mistakes are listed on every page)")


def finished() -> None:
    """on_post_build: one line in the terminal per rebuild (warnings were printed as they came)."""
    seconds = time.perf_counter() - _preview.started
    state = f"{len(_preview.errors)} error(s) listed on every page" if _preview.errors else "no errors"
    log.info(f"updated in {seconds:.1f} s: {state}")
