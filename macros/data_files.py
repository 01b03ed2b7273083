"""Find and read the files under data/, treating the folder as untrusted.

Anyone may send a pull request that changes data/, so nothing here follows a
symbolic link, opens anything but a regular file, or reads more than a stated
number of bytes: a link to /etc/passwd, /dev/zero or a FIFO is reported as an
error, never read. Every file the site is made from is listed by `scan`, and
every other entry under data/ is reported rather than silently skipped.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, did_you_mean

ARCHIVE_FOLDER = "archive"
ENTITY_SUFFIXES = (".yaml", ".yml")
ARCHIVE_SUFFIX = ".txt"
MAX_ENTITY_BYTES = 1_000_000  # 1 MB: the largest entity file today is under 2 KB
MAX_ARCHIVE_BYTES = 5_000_000  # 5 MB: a long article is about 50 KB
_WHERE_DATA_GOES = (f"entity files go in data/<kind>/<id>.yaml, where <kind> is actors, claims, events or "
                    f"sources; archived texts in data/{ARCHIVE_FOLDER}/<name>{ARCHIVE_SUFFIX}")
# Unicode category Cc except tab, line feed and carriage return: invisible, and some drive terminals.
_CONTROL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
# Line breaks to YAML that most editors and diffs show as nothing: they could hide a field from review.
_INVISIBLE_LINE_BREAKS = "\u2028\u2029"
_NONCHARACTERS = "\ufffe\uffff"  # not characters at all; YAML refuses them
CONTROL_CHARACTER = re.compile(f"[{_CONTROL_CHARACTERS}]")
_INVISIBLE_LINE_BREAK = re.compile(f"[{_INVISIBLE_LINE_BREAKS}]")
_NONCHARACTER = re.compile(f"[{_NONCHARACTERS}]")
_ANY_INVISIBLE = re.compile(f"[{_CONTROL_CHARACTERS}{_INVISIBLE_LINE_BREAKS}{_NONCHARACTERS}]")  # one pass for all three


@dataclass(frozen=True)
class DataFile:
    """A regular file under data/ that is part of the data."""

    path: Path  # the file on disk
    shown: str  # as the editor knows it: data/claims/x.yaml
    folder: str  # the first folder under data/: 'claims', 'archive', ...
    size: int
    modified_ns: int
    changed_ns: int  # st_ctime_ns: set by every write and rename, and by nothing an editor can set
    inode: int

    @property
    def identity(self) -> tuple[int, int, int, int]:
        """What differs whenever the file's content may have: a file read before and still showing the
        same identity has the same bytes (a long-lived process may keep what it made of them)."""
        return self.size, self.modified_ns, self.changed_ns, self.inode

    @property
    def is_archive(self) -> bool:
        return self.folder == ARCHIVE_FOLDER


def scan(data_dir: Path, entity_folders: set[str]) -> tuple[list[DataFile], list[DataError]]:
    """Every data file under `data_dir` in a stable order, and an error for every other entry."""
    data_dir = Path(data_dir)
    shown_root = data_dir.name
    if data_dir.is_symlink():
        return [], [DataError(shown_root, 1, "", "the data folder is a symbolic link",
                              "data/ must be a real folder inside the project")]
    if not data_dir.is_dir():
        return [], [DataError(shown_root, 1, "", "the data folder does not exist")]
    found: list[DataFile] = []
    errors: list[DataError] = []
    pending = [(data_dir, ())]
    while pending:
        folder, parts = pending.pop()
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                entry_parts = parts + (entry.name,)
                shown = "/".join((shown_root, *entry_parts))
                problem = _refusal(entry, entry_parts, entity_folders)
                if problem:
                    errors.append(DataError(shown, 1, "", *problem))
                elif entry.is_dir(follow_symlinks=False):
                    pending.append((Path(entry.path), entry_parts))
                else:
                    info = entry.stat(follow_symlinks=False)
                    found.append(DataFile(Path(entry.path), shown, entry_parts[0], info.st_size, info.st_mtime_ns,
                                            info.st_ctime_ns, info.st_ino))
    found.sort(key=lambda data_file: data_file.shown)
    return found, errors


def _refusal(entry: os.DirEntry, parts: tuple[str, ...], entity_folders: set[str]) -> tuple[str, str] | None:
    """(message, hint) when this entry cannot be part of the data, else None."""
    name = entry.name
    if entry.is_symlink():
        return ("this is a symbolic link; links are never followed, so the data cannot read files "
                "outside data/", "replace the link with the file itself")
    if name.startswith("."):
        return ("hidden files and folders are not part of the data, so this would be ignored",
                "rename it without the leading dot, or remove it")
    is_dir = entry.is_dir(follow_symlinks=False)
    if not is_dir and not entry.is_file(follow_symlinks=False):
        return "this is not a regular file (a device, pipe or socket), so it cannot be data", "remove it"
    if is_dir:
        if len(parts) == 1 and (name in entity_folders or name == ARCHIVE_FOLDER):
            return None
        close = did_you_mean(name, entity_folders | {ARCHIVE_FOLDER}) if len(parts) == 1 else ""
        return ("this folder is not part of the data, so everything in it would be ignored",
                close or _WHERE_DATA_GOES)
    if len(parts) == 2 and parts[0] in entity_folders and name.endswith(ENTITY_SUFFIXES):
        return None
    if len(parts) == 2 and parts[0] == ARCHIVE_FOLDER and name.endswith(ARCHIVE_SUFFIX):
        return None
    return "this file is not part of the data, so it would be ignored", _WHERE_DATA_GOES


def read_text(data_file: DataFile) -> tuple[str | None, list[DataError]]:
    """The file's text: at most its size cap, never through a link, UTF-8, and free of control characters."""
    limit = MAX_ARCHIVE_BYTES if data_file.is_archive else MAX_ENTITY_BYTES
    kind = "an archived text" if data_file.is_archive else "an entity file"

    def error(line: int, message: str, hint: str) -> tuple[None, list[DataError]]:
        return None, [DataError(data_file.shown, line, "", message, hint)]

    try:
        descriptor = os.open(data_file.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as problem:  # replaced by a link or removed since the scan
        return error(1, f"cannot be read ({problem.strerror})", "make it a regular file inside data/")
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            return error(1, "this is not a regular file, so it cannot be data", "remove it")
        raw = _read_at_most(descriptor, limit + 1, info.st_size)
    finally:
        os.close(descriptor)
    if len(raw) > limit:
        return error(1, f"the file is larger than {limit // 1_000_000} MB, the limit for {kind}",
                     "split it, or check that it is the file you meant")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return error(1, "the file is saved as UTF-16", "save it as UTF-8")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = raw[: problem.start].count(b"\n") + 1
        return error(line, f"byte 0x{raw[problem.start]:02x} is not UTF-8", "save the file as UTF-8")
    if not _ANY_INVISIBLE.search(text):
        return text, []
    for pattern, what in ((CONTROL_CHARACTER, "control character"), (_INVISIBLE_LINE_BREAK, "line separator"),
                          (_NONCHARACTER, "non-character")):
        found = pattern.search(text)
        if found:
            return error(text.count("\n", 0, found.start()) + 1,
                         f"the file contains the invisible {what} U+{ord(found.group()):04X}",
                         "delete it; editors often show it as nothing at all")
    return text, []


def _read_at_most(descriptor: int, most: int, size_on_disk: int) -> bytes:
    """The file's first `most` bytes, or all of it if shorter.

    A read allocates all it asks for, and `most` is a megabyte or more, so this asks for the
    size on disk and one byte more (to find a file that has grown since), then in small steps.
    """
    chunks, read = [], 0
    wanted = min(size_on_disk + 1, most)
    while read < most:
        chunk = os.read(descriptor, wanted)
        if not chunk:
            break
        chunks.append(chunk)
        read += len(chunk)
        wanted = min(most - read, 65536)
    return b"".join(chunks)
