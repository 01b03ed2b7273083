"""The site's search index: Pagefind, run over the built site at the end of every build.

Pagefind reads the HTML that MkDocs wrote and puts `pagefind/` into the site: an index split
into small fragments, of which the reader's browser fetches only those a query needs
(docs/javascripts/search.js), where Material's search made every reader download one file
holding every page. What is indexed is marked in the theme (overrides/main.html): the article
only (`data-pagefind-body`), never the nav, header or footer, with each page's kind as a filter
and the names of what it is about (an actor's aliases, an event's title) as searched metadata.

`mkdocs build` indexes `config.site_dir` in on_post_build: the staging directory of
macros/atomic_site.py, never the published site/. Any failure raises, which fails the build and
leaves the published site as it was.

`mkdocs serve` indexes in a background thread after each rebuild, and until it is done the
preview answers searches with the previous index (see `_PreviewIndex`). Why: indexing reads every
page again (about 1 s for the real site, 20–30 s at 10,000 entities on two busy cores), while the
preview is meant to show an edit a few seconds after a save. The pages are shown as soon as MkDocs
has written them, and search catches up a moment later.

The binary is the one in the `pagefind[bin]` wheel (requirements.txt): nothing is downloaded.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.search_index")

BUNDLE = "pagefind"
"""The folder of the site that holds the index and Pagefind's own scripts."""

_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
"""Pagefind's ready-made search interfaces, which it writes into every bundle: the site has its
own (docs/javascripts/search.js), so they are not published."""

_TIMEOUT = 600  # seconds: 10,000 pages take well under a minute


def write(config, in_background: bool = False) -> None:
    """on_post_build: give the site in `config.site_dir` its search index.

    In the background (the preview) a failure is logged; otherwise it raises PluginError."""
    site = Path(config.site_dir)
    language = str(config.theme["language"] or "en")
    if in_background:
        _preview_index.update(site, language)
        return
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="search-index-") as work:
        try:
            install(make_bundle(site, language, Path(work)), site, move=True)
        except (OSError, subprocess.SubprocessError, ValueError) as error:
            raise PluginError(f"the search index could not be built: {error}") from error
    log.info(f"Search index written to {site / BUNDLE} in {time.perf_counter() - started:.1f} s")


def make_bundle(site: Path, language: str, work: Path) -> Path:
    """Index the pages of `site` into a new bundle under `work`; return the bundle's folder.

    Pagefind reads a copy of what is searched on each page (`searchable_part`): the element the
    theme marks with `data-pagefind-body`, without the sections the templates mark with
    `data-search-exclude`. The site's own files are only read; and the copies spare Pagefind the
    header, nav and footer of every page, most of its bytes, which it would skip anyway. Raises
    OSError, subprocess.SubprocessError or ValueError when it fails.
    """
    pages, bundle = work / "pages", work / BUNDLE
    if not _copy_searchable_parts(site, pages):
        raise ValueError(f"no page in {site} has a part marked for search (data-pagefind-body)")
    from pagefind_bin import get_executable  # the `pagefind[bin]` wheel

    command = [str(get_executable()), "--site", str(pages), "--output-path", str(bundle),
               "--force-language", language.split("-")[0].lower(),
               "--exclude-selectors", ".headerlink",  # the ¶ after every heading
               "--quiet"]
    # Run from an empty folder and without PAGEFIND_* variables: Pagefind also reads its options
    # from a pagefind.yml in its working directory and from the environment.
    environment = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
    result = subprocess.run(command, cwd=work, env=environment, capture_output=True, text=True,
                            timeout=_TIMEOUT)
    if result.returncode != 0 or not (bundle / "pagefind.js").is_file():
        output = (result.stderr + result.stdout).strip()
        raise subprocess.SubprocessError(f"Pagefind exited with code {result.returncode}: {output[-2000:]}")
    for name in _UNUSED:
        (bundle / name).unlink(missing_ok=True)
    return bundle


def install(bundle: Path, site: Path, move: bool = False) -> None:
    """Put `bundle` at site/pagefind/, in place of any index there."""
    target = site / BUNDLE
    incoming = site / f".{BUNDLE}-incoming"
    shutil.rmtree(incoming, ignore_errors=True)
    if move:
        shutil.move(bundle, incoming)
    else:
        shutil.copytree(bundle, incoming)
    shutil.rmtree(target, ignore_errors=True)
    incoming.rename(target)


def _copy_searchable_parts(site: Path, pages: Path) -> int:
    """Write the searchable part of every page of `site` to `pages`, at the same path; return how
    many pages have one. Only regular files inside `site` are read: a symbolic link (which MkDocs
    never writes) is not followed, and the index folder itself is skipped."""
    count = 0
    for folder, subfolders, files in os.walk(site):  # does not follow links to folders
        here = Path(folder)
        subfolders[:] = [name for name in subfolders
                         if not (here == site and name in (BUNDLE, f".{BUNDLE}-incoming"))]
        for name in files:
            source = here / name
            if not name.endswith(".html") or source.is_symlink() or not source.is_file():
                continue
            try:
                html = source.read_text(encoding="utf-8")
            except UnicodeDecodeError as error:
                raise ValueError(f"{source.relative_to(site)} is not UTF-8 text ({error.reason})") from error
            part = searchable_part(html)
            if part is None:
                continue
            target = pages / source.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(part, encoding="utf-8")
            count += 1
    return count


_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_BODY_MARK = re.compile(r"(?:^|\s)data-pagefind-body(?=[\s=/]|$)")


def searchable_part(html: str) -> str | None:
    """What search indexes of a page, as a page of its own: the element marked `data-pagefind-body`
    (the article; overrides/main.html), without its excluded sections. None for a page with no
    such element (a page kept out of search, the 404 page)."""
    at = html.find("data-pagefind-body")
    while at >= 0:
        tag = _START_TAG.match(html, html.rfind("<", 0, at))
        if tag and tag.end() > at and _BODY_MARK.search(tag.group(2)):
            end = html.rfind(f"</{tag.group(1)}>")
            if end > tag.end():
                part = html[tag.start():end + len(tag.group(1)) + 3]
                return f"<!doctype html><html><body>{without_excluded_sections(part)}</body></html>"
        at = html.find("data-pagefind-body", at + 1)
    return None


_HEADING = re.compile(r"<h([1-6])\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.IGNORECASE)
_EXCLUDED = re.compile(r"(?:^|\s)data-search-exclude(?=[\s=]|$)", re.IGNORECASE)
_ARTICLE_END = re.compile(r"</article\s*>", re.IGNORECASE)


def without_excluded_sections(html: str) -> str:
    """`html` without the sections whose heading carries `data-search-exclude`.

    A section runs from its heading to the next heading of the same or a higher level, or to
    the end of the article: an actor's "Timeline" goes with the years under it. (Material's
    search, which the templates' marks were written for, stopped at the next heading of any
    level, so the years' sections were indexed.) These sections list other pages' content, and
    search should find those pages themselves. Text from data never forms a tag here: it is
    escaped (`<` is `&lt;`) before it reaches the page.
    """
    if "data-search-exclude" not in html:
        return html
    headings = list(_HEADING.finditer(html))
    kept, position = [], 0
    for index, heading in enumerate(headings):
        if heading.start() < position or not _EXCLUDED.search(heading.group(2)):
            continue
        level = int(heading.group(1))
        ends = [other.start() for other in headings[index + 1:] if int(other.group(1)) <= level][:1]
        article_end = _ARTICLE_END.search(html, heading.end())
        if article_end:
            ends.append(article_end.start())
        kept.append(html[position:heading.start()])
        position = min(ends, default=len(html))
    kept.append(html[position:])
    return "".join(kept)


class _PreviewIndex:
    """The index of the preview (`mkdocs serve`), made in one background thread.

    MkDocs empties the site folder before each rebuild, so right after a rebuild the last index
    made is copied back at once (searches answer, from pages as they were a moment ago), and a
    new one is made in the background. An index is dropped when the pages changed while it was
    made (a rebuild started, or finished): the next rebuild's index is on its way. A failure is
    logged, never raised, so the preview keeps running (macros/preview.py); a failure caused by
    pages changing under the indexer is not one worth reporting.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = 0  # one per rebuild
        self._wanted: tuple[int, Path, str] | None = None
        self._thread: threading.Thread | None = None
        self._last: tempfile.TemporaryDirectory | None = None  # holds the newest bundle

    def update(self, site: Path, language: str) -> None:
        with self._lock:
            self._generation += 1
            self._wanted = (self._generation, site, language)
            if self._last is not None:
                try:
                    install(Path(self._last.name) / BUNDLE, site)
                except OSError as error:
                    log.debug(f"the previous search index could not be put back: {error}")
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="search-index", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                if self._wanted is None:
                    self._thread = None
                    return
                generation, site, language = self._wanted
                self._wanted = None
            started, before = time.perf_counter(), _state(site)
            work = tempfile.TemporaryDirectory(prefix="search-index-")
            try:
                bundle = make_bundle(site, language, Path(work.name))
                with self._lock:
                    if generation != self._generation or _state(site) != before:
                        work.cleanup()
                        continue
                    install(bundle, site)
                    previous, self._last = self._last, work
                if previous is not None:
                    previous.cleanup()
                log.info(f"search index updated in {time.perf_counter() - started:.1f} s")
            except Exception as error:  # noqa: BLE001 - a preview must outlive any failure
                work.cleanup()
                with self._lock:
                    changed = generation != self._generation or _state(site) != before
                if changed:
                    log.debug(f"the pages changed while they were indexed: {error}")
                else:
                    log.warning(f"the search index could not be updated: {error}")


def _state(site: Path) -> tuple[int, int] | None:
    """What changes when MkDocs rebuilds the site: the folder (emptied before a full rebuild)
    and its home page. Best effort: a change it misses only lets a stale index stand until the
    next rebuild's."""
    try:
        return site.stat().st_mtime_ns, (site / "index.html").stat().st_mtime_ns
    except OSError:
        return None


_preview_index = _PreviewIndex()
