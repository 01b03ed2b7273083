"""When each entity was last changed, from the git history of its data file (not the build time)."""
from __future__ import annotations

import subprocess
from pathlib import Path


def last_changed(data_dir: Path, files: dict[str, str]) -> dict[str, str]:
    """{entity id: YYYY-MM-DD of the last commit touching its file}; ids whose file has
    uncommitted changes, or no history (no git, a fresh file), are left out."""
    project = data_dir.resolve().parent
    log = _git(project, "log", "--format=%x00%cs", "--name-only", "--relative", "--", data_dir.name)
    if log is None:
        return {}
    changed = _git(project, "diff", "--name-only", "--relative", "HEAD", "--", data_dir.name) or ""
    untracked = _git(project, "ls-files", "--others", "--", data_dir.name) or ""
    dirty_paths = set(changed.splitlines()) | set(untracked.splitlines())
    latest: dict[str, str] = {}
    date = ""
    for line in log.splitlines():
        if line.startswith("\0"):
            date = line[1:]
        elif line and line not in latest:
            latest[line] = date
    return {entity_id: latest[path] for entity_id, path in files.items()
            if path in latest and path not in dirty_paths}


def _git(project: Path, *arguments: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(project), *arguments], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None
