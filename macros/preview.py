"""`mkdocs serve` as the editor's preview: a mistake never stops it, hangs it or blanks a page.

MkDocs 1.6 holds every request after a failed rebuild until a build succeeds
("the server will appear stuck"), and mkdocs-macros ends the server on a bad
macro call. So while serving, the build never fails: data with errors is
replaced by the last data that was valid, a page with errors by its last good
rendering (or a notice), strict-mode warnings are collected instead of
aborting, and every page lists the errors at the bottom of the screen until
they are fixed. `mkdocs build` is untouched: there every error stops the build.

With `mkdocs serve --dirty` (the README's command) a rebuild renders and writes only what
changed: a generated page or file whose content is the same as in the last build is skipped,
hand-written pages are always rebuilt (their macros read the data), and whatever the last
build wrote that this one no longer has is deleted. So the served site is the one a clean
build makes (tests/test_incremental_preview.py). The list of errors is therefore put into each
page as it is sent, not as it is built: unchanged pages are not built again.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from pathlib import Path
from typing import Callable

import click
from markupsafe import Markup
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import CountHandler
from watchdog.events import (FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
                             FileSystemEventHandler)

from .build_checks import errors_before_build
from .pages import GeneratedPages
from .site_data import current_dataset, has_dataset

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
        self.dirty = False  # `serve --dirty`: rebuild only what changed
        self.digests: dict[str, bytes] = {}  # generated src_uri -> digest of its content, this build
        self.built_digests: dict[str, bytes] = {}  # ... as of the last build that finished
        self.outputs: set[str] = set()  # every file this build writes (absolute paths)
        self.built_outputs: set[str] = set()  # ... that the last finished build wrote
        self.pages = None  # `serve --dirty`: the last GeneratedPages (macros/pages.py), to render again only what an edit touched
        self.changed: set | None = None  # what changed in the data since the last build (None: maybe anything)
        self.source_digests: dict[str, bytes] = {}  # hand-written src_uri -> digest of its file, this build
        self.page_reads: dict[str, tuple[bytes, frozenset]] = {}  # ... -> (digest, what its macros read) when last rendered
        self.recording: tuple | None = None  # (src_uri, recording_reads(), its set) while a hand-written page renders
        self.finished = True  # the last build reached its end


_preview = _Preview()


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        if record.name != log.name:
            _preview.warnings.append(record.getMessage())


_collector = _WarningCollector()


def _not_the_dirty_build_caution(record: logging.LogRecord) -> bool:
    """MkDocs warns that a dirty build may leave navigation and links stale; `track` and
    `finished` are what keep them right, so the caution would only mislead the editor."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


class _Unchanged(File):
    """A generated file whose content is what the last build wrote: `--dirty` skips it."""

    def is_modified(self) -> bool:
        return False


class _AlwaysRebuilt(File):
    """A hand-written page whose file, or data its macros read, changed: its file's date is no guide."""

    def is_modified(self) -> bool:
        return True


class _UnlessUntitled(File):
    """A hand-written page that would come out as last built: skipped, unless the nav gives it
    no title, which MkDocs then takes from the page's heading when it reads it (a page not read
    would be untitled in every other page's nav)."""

    def is_modified(self) -> bool:
        return self.page is None or self.page.title is None


def start(command: str, dirty: bool) -> None:
    """on_startup: the preview is on for `mkdocs serve`, and its log says only what matters."""
    invoked = click.get_current_context(silent=True)  # `mkdocs serve --clean` reports command='build'
    _preview.active = command == "serve" or (invoked is not None and invoked.command.name == "serve")
    _preview.dirty = _preview.active and dirty
    if _preview.dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_build_caution)
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
    if not _preview.finished:  # what the last build was to write may not all be written: start afresh
        _preview.pages, _preview.page_reads = None, {}
    _preview.finished, _preview.changed = False, None
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
    """on_page_read_source: a page that cannot be rendered now is read as its last good rendering.
    Under `--dirty`, what a hand-written page's macros read is noted from here to `remember`."""
    key = page.file.src_uri
    if _preview.dirty and page.file.generated_by is None and has_dataset():
        _stop_recording()  # one a page that failed left open
        recording = current_dataset().recording_reads()
        _preview.recording = (key, recording, recording.__enter__())
    if has_dataset() and key not in _preview.broken:
        return None  # read the file as usual
    return "---\nrender_macros: false\n---\n" + _preview.last_good.get(key, NOTICE)


def remember(markdown: str, page) -> None:
    """on_page_markdown, after the macros: keep a good rendering of a hand-written page for when it
    breaks, and under `--dirty` what it read, to know when an edit of the data leaves it as it is."""
    key = page.file.src_uri
    reads = _stop_recording() if _preview.recording and _preview.recording[0] == key else None
    _preview.page_reads.pop(key, None)
    if page.meta.get("render_macros") is not False:
        _preview.last_good[key] = markdown
        if reads is not None and key in _preview.source_digests:
            _preview.page_reads[key] = (_preview.source_digests[key], reads)


def _stop_recording() -> frozenset | None:
    if _preview.recording is None:
        return None
    _, recording, reads = _preview.recording
    _preview.recording = None
    recording.__exit__(None, None, None)
    return frozenset(reads)


def generated_pages(build_pages: Callable[..., GeneratedPages], *arguments, **options) -> GeneratedPages:
    """`build_pages(*arguments, **options)`; under `serve --dirty`, rendering again only the
    entity pages whose data changed since the last call (the Markdown is the same either way)."""
    if not _preview.dirty:
        return build_pages(*arguments, **options)
    _preview.pages = build_pages(*arguments, **options, previous=_preview.pages, record=True)
    _preview.changed = _preview.pages.changed
    return _preview.pages


def generated_file(config, path: str, content: str | bytes, inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
    """A file made by the hook; under `serve --dirty`, marked unchanged when its content is as last built."""
    if not _preview.dirty:
        return File.generated(config, path, content=content, inclusion=inclusion)
    digest = _digest(content.encode("utf-8") if isinstance(content, str) else content)
    _preview.digests[path] = digest
    same = _preview.built_digests.get(path) == digest
    return (_Unchanged if same else File).generated(config, path, content=content, inclusion=inclusion)


def _digest(content: bytes) -> bytes:
    """What tells two versions of a file apart, kept between rebuilds instead of the file."""
    return hashlib.blake2b(content, digest_size=16).digest()


def track(files: Files) -> Files:
    """End of on_files under `serve --dirty`: hand-written pages are rebuilt unless neither their
    file nor anything their macros read changed, and every file's place in the site is noted, so
    that what a later build no longer has can be deleted."""
    if not _preview.dirty:
        return files
    _preview.source_digests = {}
    for file in list(files.documentation_pages()):
        if file.generated_by is None:
            with open(file.abs_src_path, "rb") as source:
                digest = _preview.source_digests[file.src_uri] = _digest(source.read())
            last = _preview.page_reads.get(file.src_uri)
            unaffected = (last is not None and last[0] == digest and _preview.changed is not None
                          and file.src_uri not in _preview.broken and last[1].isdisjoint(_preview.changed))
            files.remove(file)
            files.append((_UnlessUntitled if unaffected else _AlwaysRebuilt)(
                file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls, inclusion=file.inclusion))
    _preview.outputs = {file.abs_dest_path for file in files}
    return files


def error_panel() -> str:
    """The current errors and warnings as HTML ("" when there are none)."""
    problems = _preview.errors + _preview.warnings
    if not problems:
        return ""
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    items = Markup("").join(Markup("<li><code>{}</code></li>").format(problem) for problem in problems)
    return str(Markup(
        '<aside class="preview-errors" role="alert" aria-label="Problems in the data or pages">'
        "<p><strong>{}</strong> — this preview shows the last version that worked until they are fixed. "
        "Nothing has been published.</p><ul>{}</ul></aside>").format(count, items))


def _with_error_panel(app):
    """WSGI middleware: every HTML page the preview sends lists the errors of the latest build, after <body>."""
    def respond(environ, start_response):
        sent: list = []
        body = app(environ, lambda status, headers, exc_info=None: sent.extend((status, headers)))
        status, headers = sent
        panel = error_panel()
        if not panel or not any(name.lower() == "content-type" and value.startswith("text/html")
                                for name, value in headers):
            start_response(status, headers)
            return body
        try:
            html = b"".join(body).decode("utf-8")
        finally:
            if hasattr(body, "close"):
                body.close()
        content = _BODY.sub(lambda tag: tag.group() + panel, html, count=1).encode("utf-8")
        start_response(status, [(name, str(len(content)) if name.lower() == "content-length" else value)
                                for name, value in headers])
        return [content]
    return respond


def announce(server) -> None:
    """on_serve: the address, which the quieter log no longer prints; and the error list on every page."""
    server.set_app(_with_error_panel(server.get_app()))
    _watch_with_inotify(server)
    log.info(f"preview at {server.url} (it updates when you save; mistakes are listed on every page)")


def _watch_with_inotify(server) -> None:
    """Have the kernel report saved files instead of MkDocs' PollingObserver, where the system can.

    The polling observer walks and stats every watched file twice a second in a Python thread
    (data/, docs/ and the theme's folders): at 10,000 entities that thread held the GIL for a
    third of every rebuild. inotify (watchdog's observer on Linux) reports the same saves,
    renames included, without walking. The paths already watched move to it; those MkDocs adds
    after on_serve (`watch:` in mkdocs.yml) go to it directly. Elsewhere, or when the kernel
    refuses (no inotify, too many watches), the polling observer stays."""
    try:
        from watchdog.observers.inotify import InotifyObserver

        class SavesOnly(InotifyObserver):
            """inotify also reports a file opened or read (the build itself reads the pages), and
            MkDocs rebuilds on any event: only what a save does counts, or each build starts the next."""

            def schedule(self, event_handler, path, **options):
                return super().schedule(event_handler, path, **{**options, "event_filter": [
                    FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileDeletedEvent]})

        probe = SavesOnly()
        probe.schedule(FileSystemEventHandler(), server.root, recursive=False)
        probe.start()
        probe.stop()
        probe.join()
    except (ImportError, OSError) as error:
        log.debug(f"watching files by polling: {error}")
        return
    watched = dict(server._watched_paths)  # path -> how many asked for it
    for path in watched:
        server.observer.unschedule(server._watch_refs.pop(path))
    server._watched_paths.clear()
    server.observer = SavesOnly()
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)


def finished() -> None:
    """on_post_build: delete what an earlier build wrote and this one does not (`--dirty`), and
    print one line per rebuild (warnings were printed as they came)."""
    _preview.finished = True
    if _preview.dirty:
        for stale in _preview.built_outputs - _preview.outputs:
            _delete_output(stale)
        _preview.built_outputs, _preview.built_digests, _preview.digests = _preview.outputs, _preview.digests, {}
    seconds = time.perf_counter() - _preview.started
    state = f"{len(_preview.errors)} error(s) listed on every page" if _preview.errors else "no errors"
    log.info(f"updated in {seconds:.1f} s: {state}")


def _delete_output(path: str) -> None:
    """A file of the served site (in MkDocs' temporary site_dir), and its folder once empty."""
    try:
        os.remove(path)
        os.rmdir(os.path.dirname(path))
    except OSError:  # already gone, or the folder holds other files
        pass
