"""The site's search index: Pagefind, fed the pages MkDocs writes.

Pagefind reads the HTML of the pages and puts `pagefind/` into the site: an index split
into small fragments, of which the reader's browser fetches only those a query needs
(docs/javascripts/search.js), where Material's search made every reader download one file
holding every page. What is indexed is marked in the theme (overrides/main.html): the article
only (`data-pagefind-body`), never the nav, header or footer, with each page's kind as a filter
and the names of what it is about (an actor's aliases, an event's title) as searched metadata.

`mkdocs build` hands each page to Pagefind's service as MkDocs writes it, and has the index
written in on_post_build into `config.site_dir`: the staging directory of macros/atomic_site.py,
never the published site/ (see `_IndexAsPagesAreWritten`). Any failure raises, which fails the
build and leaves the published site as it was.

`mkdocs serve` indexes in a background thread after each rebuild, and until it is done the
preview answers searches with the previous index (see `_PreviewIndex`). Why: indexing reads every
page again (about 1 s for the real site, 20–30 s at 10,000 entities on two busy cores), while the
preview is meant to show an edit a few seconds after a save. The pages are shown as soon as MkDocs
has written them, and search catches up a moment later.

The binary is the one in the `pagefind[bin]` wheel (requirements.txt): nothing is downloaded.
"""
from __future__ import annotations

import base64
import json
import logging
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path, PurePosixPath
from stat import S_ISREG

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.search_index")

BUNDLE = "pagefind"
"""The folder of the site that holds the index and Pagefind's own scripts."""

_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
"""Pagefind's ready-made search interfaces, which it writes into every bundle: the site has its
own (docs/javascripts/search.js), so they are not published."""

_TIMEOUT = 600  # seconds: 10,000 pages take well under a minute


def start(config) -> None:
    """on_config of `mkdocs build`: start indexing, so that each page is indexed as it is written."""
    _build_index.start(Path(config.site_dir) / BUNDLE, _language(config))


def add_page(url: str, html: str) -> None:
    """on_post_page of `mkdocs build`: index the page MkDocs is about to write at `url`."""
    _build_index.add(url, html)


def abandon() -> None:
    """on_build_error of `mkdocs build`: no index is written."""
    _build_index.abandon()


def write(config, in_background: bool = False) -> None:
    """on_post_build: give the site in `config.site_dir` its search index.

    In the background (the preview) a failure is logged; otherwise it raises PluginError."""
    site = Path(config.site_dir)
    if in_background:
        _preview_index.update(site, _language(config))
        return
    started = time.perf_counter()
    _build_index.finish()
    log.info(f"Search index written to {site / BUNDLE}, {time.perf_counter() - started:.1f} s after the last page")


def _language(config) -> str:
    return str(config.theme["language"] or "en").split("-")[0].lower()


def _environment() -> dict[str, str]:
    """Pagefind's environment: this one without PAGEFIND_* variables, from which Pagefind reads
    options (as it does from a pagefind.yml in its working directory: it runs in an empty one)."""
    return {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}


class _IndexAsPagesAreWritten:
    """The index of `mkdocs build`, made by Pagefind's service while MkDocs writes the pages.

    MkDocs renders pages in one Python thread, so the machine's other core is idle; Pagefind's
    service parses each page there as soon as it is handed over, and at the end only writes the
    index out, where running Pagefind over the finished site would add its whole run to the
    build. It is given what search indexes of a page (`searchable_part`), as the preview's copy is.

    The service is `pagefind --service` (the binary of the `pagefind[bin]` wheel), spoken to as
    Pagefind's own Python API does: each request and each response is base64-encoded JSON
    followed by a comma. Not through that API: its reader sleeps 0.1 s before reading each
    response, which would make 10,000 pages take 17 minutes. Here one thread writes the requests
    and one reads the responses, both waiting on pipes without the GIL, and the responses are
    only counted until the end, when they are decoded and checked: the build's thread neither
    waits for Pagefind nor shares the interpreter with it until then.
    Any failure is raised by `finish` as a PluginError, which fails the build and leaves the
    published site as it was.
    """

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None

    def start(self, bundle: Path, language: str) -> None:
        from pagefind_bin import get_executable  # the `pagefind[bin]` wheel

        self._bundle, self._sent, self._answered, self._ended = bundle, 0, 0, False
        self._raw: list[bytes] = []  # responses as read, each ending in a comma: decoded only when needed
        self._replies: dict = {}  # message id -> decoded response payload
        self._replied = threading.Condition()
        self._outgoing: queue.SimpleQueue = queue.SimpleQueue()
        self._work = tempfile.TemporaryDirectory(prefix="search-index-")
        self._log = tempfile.TemporaryFile()
        self._process = subprocess.Popen([str(get_executable()), "--service"], cwd=self._work.name, env=_environment(),
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log)
        threading.Thread(target=self._write, name="search-index-requests", daemon=True).start()
        threading.Thread(target=self._read, name="search-index-responses", daemon=True).start()
        self._index_id = self._ask({"type": "NewIndex", "config": {
            "force_language": language, "exclude_selectors": [".headerlink"]}})["index_id"]  # the ¶ after every heading
        self._pages = set()  # message ids of the pages sent

    def add(self, url: str, html: str) -> None:
        part = searchable_part(html)
        if part is not None and self._process is not None:
            self._pages.add(self._send({"type": "AddFile", "index_id": self._index_id, "url": "/" + url.lstrip("/"),
                                        "file_path": None, "file_contents": part}))

    def finish(self) -> None:
        if self._process is None:
            raise PluginError("the search index was never started")
        try:
            if not self._pages:
                raise ValueError("no page has a part marked for search (data-pagefind-body)")
            self._wait_for_all()
            failed = [str(self._replies[page].get("message", self._replies[page]))[:500]
                      for page in self._pages if self._replies.get(page, {}).get("type") != "IndexedFile"]
            if failed:
                raise ValueError(f"Pagefind could not index {len(failed)} page(s): {failed[0]}")
            _write_bundle(self._ask({"type": "GetFiles", "index_id": self._index_id})["files"], self._bundle)
        except (OSError, ValueError) as error:
            raise PluginError(f"the search index could not be built: {error}") from error
        finally:
            self.abandon()

    def abandon(self) -> None:
        """Stop the service (at the end, or when the build failed: then nothing is written)."""
        if self._process is not None:
            self._outgoing.put(None)
            self._process.kill()
            self._process.wait()
            self._process = None
            self._log.close()
            self._work.cleanup()

    def _send(self, payload: dict) -> int:
        """Queue a request (encoded here, so the writing thread only waits on the pipe); its id."""
        self._sent += 1
        request = {"message_id": self._sent, "payload": payload}
        self._outgoing.put(base64.b64encode(json.dumps(request).encode("utf-8")) + b",")
        return self._sent

    def _ask(self, payload: dict) -> dict:
        """Send a request and wait for every answer up to its own (the service is asked only
        when nothing else is under way: at the start, and once every page is indexed)."""
        message_id = self._send(payload)
        self._wait_for_all()
        reply = self._replies[message_id]
        if reply.get("type") == "Error":
            raise ValueError(f"Pagefind: {reply.get('message')}")
        return reply

    def _wait_for_all(self) -> None:
        """Wait until every request sent has its answer, and decode the answers read so far."""
        with self._replied:
            if not self._replied.wait_for(lambda: self._answered >= self._sent or self._ended, timeout=_TIMEOUT):
                raise OSError(f"Pagefind's service did not answer within {_TIMEOUT} s")
            raw, self._raw = b"".join(self._raw), []
        for message in raw.split(b",")[:-1]:
            response = json.loads(base64.b64decode(message))
            self._replies[response.get("message_id")] = response.get("payload", {})
        if self._answered < self._sent:
            self._log.seek(0)
            output = self._log.read().decode("utf-8", "replace").strip()
            raise OSError(f"Pagefind's service ended (exit code {self._process.poll()}): {output[-2000:]}")

    def _write(self) -> None:
        stdin = self._process.stdin
        try:
            while (request := self._outgoing.get()) is not None:
                stdin.write(request)
                stdin.flush()
            stdin.close()
        except (OSError, ValueError):  # the service ended; `_wait_for_all` reports it
            pass

    def _read(self) -> None:
        stdout = self._process.stdout
        try:
            while chunk := stdout.read1(1 << 16):
                with self._replied:
                    self._raw.append(chunk)
                    self._answered += chunk.count(b",")
                    if self._answered >= self._sent:
                        self._replied.notify_all()
        except (OSError, ValueError):  # the pipe broke: the service is gone
            pass
        finally:
            with self._replied:
                self._ended = True
                self._replied.notify_all()


_build_index = _IndexAsPagesAreWritten()


def _write_bundle(files: list[dict], bundle: Path) -> None:
    """Write the bundle Pagefind's service returned (`GetFiles`: each file's path in the bundle
    and its base64 content) into `bundle`, without `_UNUSED`.

    Not the service's own `WriteFiles`: it answers once its writes are started, not done (they
    are Tokio file writes, finished by a background thread), and the service is stopped right
    after it, which can leave a file of the index cut short.
    """
    paths = {PurePosixPath(file["path"]) for file in files}
    if PurePosixPath("pagefind.js") not in paths:
        raise ValueError("Pagefind returned no pagefind.js")
    if any(path.is_absolute() or ".." in path.parts for path in paths):
        raise ValueError(f"Pagefind returned a file outside its bundle: {sorted(map(str, paths))[:3]}")
    for file in files:
        if file["path"] not in _UNUSED:
            target = bundle / file["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(file["content"]))


def make_bundle(site: Path, language: str, work: Path, copy: SearchableCopy | None = None,
                background: bool = False) -> Path:
    """Index the pages of `site` into a new bundle under `work`, in `language` (a code such as
    'en', as `_language` gives it); return the bundle's folder.

    Pagefind reads a copy of what is searched on each page (`SearchableCopy`), made in `work`
    unless a `copy` kept from an earlier call is given. `background`: Pagefind runs at the lowest
    CPU priority (`nice`), so that it takes only what the rebuilds leave. Raises OSError,
    subprocess.SubprocessError or ValueError when it fails.
    """
    copy = copy or SearchableCopy(work / "pages")
    bundle = work / BUNDLE
    work.mkdir(parents=True, exist_ok=True)  # Pagefind runs in it
    if not copy.update(site):
        raise ValueError(f"no page in {site} has a part marked for search (data-pagefind-body)")
    pages = copy.folder
    from pagefind_bin import get_executable  # the `pagefind[bin]` wheel

    command = [str(get_executable()), "--site", str(pages), "--output-path", str(bundle),
               "--force-language", language,
               "--exclude-selectors", ".headerlink",  # the ¶ after every heading
               "--quiet"]
    nice = shutil.which("nice") if background else None
    command = [nice, "-n", "19", *command] if nice else command
    result = subprocess.run(command, cwd=work, env=_environment(), capture_output=True, text=True,
                            timeout=_TIMEOUT)
    if result.returncode != 0 or not (bundle / "pagefind.js").is_file():
        output = (result.stderr + result.stdout).strip()
        raise subprocess.SubprocessError(f"Pagefind exited with code {result.returncode}: {output[-2000:]}")
    for name in _UNUSED:
        (bundle / name).unlink(missing_ok=True)
    return bundle


def install(bundle: Path, site: Path) -> None:
    """Put a copy of `bundle` at site/pagefind/, in place of any index there. Its files are never
    written again, so where the file system allows they are hard links (one a page at 10,000)."""
    target = site / BUNDLE
    incoming = site / f".{BUNDLE}-incoming"
    shutil.rmtree(incoming, ignore_errors=True)
    shutil.copytree(bundle, incoming, copy_function=_link_or_copy)
    shutil.rmtree(target, ignore_errors=True)
    incoming.rename(target)


class SearchableCopy:
    """A folder holding what search indexes of each page of a site (`searchable_part`), at the
    page's path: the element the theme marks with `data-pagefind-body`, without the sections the
    templates mark with `data-search-exclude`. Pagefind reads this folder, never the site: the
    site's own files are only read, and the copies spare Pagefind the header, nav and footer of
    every page, most of its bytes. Kept between the preview's rebuilds, `update` copies again
    only the pages written since (at 10,000 entities copying them all took 6 s of the GIL)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._copied: dict[str, tuple[int, int, bool]] = {}  # page -> (mtime_ns, size, has a part) when copied

    def update(self, site: Path) -> int:
        """Bring the folder up to date with `site`; return how many pages have a searchable part.
        Only regular files inside `site` are read: a symbolic link (which MkDocs never writes) is
        not followed, and the index folder itself is skipped."""
        seen: dict[str, tuple[int, int, bool]] = {}
        for folder, subfolders, files in os.walk(site):  # does not follow links to folders
            here = Path(folder)
            subfolders[:] = [name for name in subfolders
                             if not (here == site and name in (BUNDLE, f".{BUNDLE}-incoming"))]
            for name in files:
                source = here / name
                if not name.endswith(".html") or source.is_symlink():
                    continue
                stat = source.stat()
                if not S_ISREG(stat.st_mode):
                    continue
                page = source.relative_to(site).as_posix()
                known = self._copied.get(page)
                if known and known[:2] == (stat.st_mtime_ns, stat.st_size):
                    seen[page] = known
                    continue
                seen[page] = (stat.st_mtime_ns, stat.st_size, self._copy(source, page))
        for page in self._copied.keys() - seen.keys():
            (self.folder / page).unlink(missing_ok=True)
        self._copied = seen
        return sum(has_part for _, _, has_part in seen.values())

    def _copy(self, source: Path, page: str) -> bool:
        try:
            html = source.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise ValueError(f"{page} is not UTF-8 text ({error.reason})") from error
        part = searchable_part(html)
        target = self.folder / page
        if part is None:
            target.unlink(missing_ok=True)
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(part, encoding="utf-8")
        return True


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

    Unless serving `--dirty`, MkDocs empties the site folder before each rebuild, so right after
    a rebuild the last index made is copied back at once (searches answer, from pages as they
    were a moment ago); then a new one is made in the background, from a copy of the pages'
    searchable parts that is kept up to date between rebuilds. An index is dropped when the
    pages changed while it was made (a rebuild started, or finished): the next rebuild's index is
    on its way. A failure is logged, never raised, so the preview keeps running
    (macros/preview.py); a failure caused by pages changing under the indexer is not one worth
    reporting.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = 0  # one per rebuild
        self._wanted: tuple[int, Path, str] | None = None
        self._thread: threading.Thread | None = None
        self._last: tempfile.TemporaryDirectory | None = None  # holds the newest bundle
        self._pages: tempfile.TemporaryDirectory | None = None  # holds the searchable parts, made on first use
        self._copy: SearchableCopy | None = None  # ... and knows which page each part was copied from

    def update(self, site: Path, language: str) -> None:
        with self._lock:
            self._generation += 1
            self._wanted = (self._generation, site, language)
            if self._last is not None and not (site / BUNDLE).is_dir():
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
                if self._pages is None:
                    self._pages = tempfile.TemporaryDirectory(prefix="search-pages-")
                    self._copy = SearchableCopy(Path(self._pages.name))
                bundle = make_bundle(site, language, Path(work.name), self._copy, background=True)
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


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:  # another file system, or one without links
        shutil.copy2(source, destination)


def _state(site: Path) -> tuple[int, int] | None:
    """What changes when MkDocs rebuilds the site: the folder (emptied before a full rebuild)
    and its home page. Best effort: a change it misses only lets a stale index stand until the
    next rebuild's."""
    try:
        return site.stat().st_mtime_ns, (site / "index.html").stat().st_mtime_ns
    except OSError:
        return None


_preview_index = _PreviewIndex()
