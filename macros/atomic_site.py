"""`mkdocs build` replaces site/ whole, or leaves it exactly as it was.

MkDocs empties site_dir just after `on_pre_build` and then writes into it page by page, so
any later failure (a page that cannot be rendered, a strict-mode warning, a plugin that
raises or calls exit()) left site/ empty or half rewritten. Here the build goes into a fresh
directory beside site/ (same file system, so publishing it is a rename), which takes
site/'s place only once MkDocs has decided that the build succeeded.

MkDocs 1.6 has no event after that decision: `on_post_build` runs before strict mode
counts the warnings and aborts (mkdocs/commands/build.py). Nothing runs in between, so the
last `on_post_build` can make the same decision from the same count. `on_shutdown` then
publishes or discards: `mkdocs build` and `mkdocs gh-deploy` call it in a `finally` after
the build (mkdocs/__main__.py), whether the build returned, raised or exited.
"""
from __future__ import annotations

import ctypes
import logging
import os
import secrets
import shutil
import sys
from pathlib import Path

log = logging.getLogger("mkdocs.atomic_site")

_BUILDING = "building"  # the next site, while it is built
_REPLACED = "replaced"  # the previous site, until it is deleted


class _WarningCount(logging.Handler):
    """What strict mode counts: records at WARNING or above reaching the 'mkdocs' logger."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class _Build:
    """One `mkdocs build` or `mkdocs gh-deploy`, from on_startup to on_shutdown."""

    def __init__(self) -> None:
        self.warnings = _WarningCount()
        self.config = None
        self.site_dir = ""  # as configured
        self.site: Path | None = None  # where the site is published: site_dir, symbolic links resolved
        self.building: Path | None = None  # where this build writes it
        self.succeeded = False


_build: _Build | None = None


def start() -> None:
    """on_startup of a build (never of `mkdocs serve`, which serves a temporary directory of its own)."""
    global _build
    _build = _Build()
    logging.getLogger("mkdocs").addHandler(_build.warnings)


def build_beside(config) -> None:
    """on_config: send the build to a new directory beside site_dir, before anyone writes there."""
    if _build is None:
        return
    site = Path(config.site_dir).resolve()
    _remove_leftovers(site)
    _build.config, _build.site_dir, _build.site = config, config.site_dir, site
    _build.building = _beside(site, _BUILDING)
    _build.building.mkdir()  # with the umask's permissions, as MkDocs makes site/ (mkdtemp would give 0700)
    config.site_dir = str(_build.building)


def decide(config) -> None:
    """The last on_post_build: MkDocs next fails a strict build that logged a warning, else it is done."""
    if _build is not None:
        _build.succeeded = not (config.strict and _build.warnings.count)


def finish() -> None:
    """on_shutdown: publish the new site if the build succeeded; otherwise delete it."""
    global _build
    build, _build = _build, None
    if build is None:
        return
    logging.getLogger("mkdocs").removeHandler(build.warnings)
    if build.building is None:  # stopped before on_config was done
        return
    build.config.site_dir = build.site_dir  # gh-deploy publishes config.site_dir next
    if build.succeeded:
        replace(build.site, build.building)
        log.info(f"Published the new site in {build.site}")
    else:
        shutil.rmtree(build.building, ignore_errors=True)
        log.info(f"The build failed: nothing was published to {build.site}")


def _beside(site: Path, label: str) -> Path:
    """A new hidden name in site/'s folder, so that moving it to site/ is a rename."""
    site.parent.mkdir(parents=True, exist_ok=True)
    return site.with_name(f".{site.name}.{label}-{secrets.token_hex(6)}")


def _remove_leftovers(site: Path) -> None:
    """Directories of builds that were killed (SIGKILL, power loss) before they could clean up."""
    if not site.parent.is_dir():
        return
    prefixes = tuple(f".{site.name}.{label}-" for label in (_BUILDING, _REPLACED))
    for leftover in site.parent.iterdir():
        if leftover.name.startswith(prefixes):
            shutil.rmtree(leftover, ignore_errors=True)


def replace(site: Path, new: Path) -> None:
    """Put `new` in `site`'s place: in one step where the OS can swap two directories
    (there is no moment without a site/), else in two renames."""
    if not os.path.lexists(site):
        new.rename(site)
        return
    if _exchange(new, site):
        previous = new
    else:
        previous = _beside(site, _REPLACED)
        site.rename(previous)
        new.rename(site)
    shutil.rmtree(previous, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2(RENAME_EXCHANGE); False where the
    OS, the C library or the file system cannot."""
    if sys.platform != "linux":
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:  # glibc before 2.28, some other C libraries
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0
