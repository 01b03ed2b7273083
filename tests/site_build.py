"""Building the real project with the real MkDocs (nothing mocked), in a copy a test may change."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


PROJECT = Path(__file__).resolve().parent.parent
"""The repository: the code under test."""
CONTENT_PROJECT = Path(os.environ.get("EXPLAINER_PROJECT", PROJECT)).resolve()
"""The project whose content (data/, docs/) the real-content tests check: the repository, unless
EXPLAINER_PROJECT names another copy (tests/test_growth.py points it at one with a new source)."""
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "macros", "overrides")


@dataclass
class Build:
    returncode: int
    output: str
    site: Path


def copy_project(target: Path) -> Path:
    """A private copy of the project that a test may change."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = PROJECT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def mkdocs_build(project: Path, site: Path | None = None) -> Build:
    site = site or project / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def site_url(project: Path = PROJECT) -> str:
    """site_url as MkDocs reads it from the project's mkdocs.yml (its !ENV tag resolved from this
    process's environment): "" when the site is built without one."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader
    with open(project / "mkdocs.yml", encoding="utf-8") as config:
        return yaml.load(config, Loader=get_yaml_loader()).get("site_url") or ""


def served_path(project: Path = PROJECT) -> str:
    """Where `mkdocs serve` shows the site: the path of site_url, or / without one."""
    from urllib.parse import urlsplit
    return urlsplit(site_url(project)).path or "/"
