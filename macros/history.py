"""When each entity's data file was first committed and last changed, from its git history
(not the build time): "last updated" in citations, and the "new" entries of the feeds."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class FileHistory:
    """{entity id: YYYY-MM-DD}, each left out where git cannot say (no git, a file never committed)."""

    last_changed: dict[str, str] = field(default_factory=dict)
    """The last commit touching the file; also left out while the file has uncommitted changes,
    since its next commit will be the last change."""
    first_committed: dict[str, str] = field(default_factory=dict)
    """The first commit that added the file: when the entity was published. A later rename counts
    as new, since the id, and so the page's address, is the file name."""


def file_history(data_dir: Path, files: dict[str, str]) -> FileHistory:
    """Both dates of every file in `files` ({entity id: data/<folder>/<id>.yaml}), from one `git log`."""
    project = data_dir.resolve().parent
    log = _git(project, "log", "--format=%x00%cs", "--name-only", "--relative", "--", data_dir.name)
    if log is None:
        return FileHistory()
    changed = _git(project, "diff", "--name-only", "--relative", "HEAD", "--", data_dir.name) or ""
    untracked = _git(project, "ls-files", "--others", "--", data_dir.name) or ""
    dirty_paths = set(changed.splitlines()) | set(untracked.splitlines())
    latest: dict[str, str] = {}
    earliest: dict[str, str] = {}
    date = ""
    for line in log.splitlines():  # newest commit first
        if line.startswith("\0"):
            date = line[1:]
        elif line:
            latest.setdefault(line, date)
            earliest[line] = date  # overwritten until the oldest commit naming the file
    return FileHistory(
        last_changed={entity_id: latest[path] for entity_id, path in files.items()
                      if path in latest and path not in dirty_paths},
        first_committed={entity_id: earliest[path] for entity_id, path in files.items() if path in earliest},
    )


def _git(project: Path, *arguments: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(project), *arguments], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None
