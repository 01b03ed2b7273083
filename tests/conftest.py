"""Fixtures that build sites with the real MkDocs (nothing mocked).

Engine tests use the small fixture dataset (`mini_site`, `mini_dataset`), so growing the real
content cannot break them; the real-content tests and the browser tests use the real project
(`built_site`, `dataset`), or the copy EXPLAINER_PROJECT names.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from hostile_data import MINI_DATA, fixture_project
from site_build import CONTENT_PROJECT, copy_project, mkdocs_build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project, built once with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("real") / "site"
    build = mkdocs_build(CONTENT_PROJECT, site)
    assert build.returncode == 0, build.output
    return site


@pytest.fixture(scope="session")
def dataset():
    """The real data."""
    from macros.validate import load_dataset
    return load_dataset(CONTENT_PROJECT / "data")


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Path:
    """The fixture dataset (tests/fixtures/mini) with its own hand-written pages, built once."""
    project = fixture_project(tmp_path_factory.mktemp("mini") / "project")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    return build.site


@pytest.fixture(scope="session")
def mini_dataset():
    from macros.validate import load_dataset
    return load_dataset(MINI_DATA)
