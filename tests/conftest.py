"""Fixtures that build the real site with the real MkDocs (nothing mocked)."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_build import PROJECT, copy_project, mkdocs_build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project, built once with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("real") / "site"
    build = mkdocs_build(PROJECT, site)
    assert build.returncode == 0, build.output
    return site


@pytest.fixture(scope="session")
def dataset():
    from macros.validate import load_dataset
    return load_dataset(PROJECT / "data")
