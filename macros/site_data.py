"""The Dataset of the MkDocs build in progress, loaded once per build.

Both MkDocs entry points (the hook that adds pages, and the macros used by
hand-written pages) ask for it; it is re-read only when a file under data/
has changed, which is also what makes `mkdocs serve` pick up YAML edits.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from .dataset import Dataset
from .errors import DataErrors
from .validate import load_dataset

_cache: dict[Path, tuple[tuple, Dataset]] = {}


def data_dir(config) -> Path:
    """data/ beside mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent / "data"


def site_dataset(config) -> Dataset:
    """The validated data, or a PluginError listing every data error (MkDocs prints it without a traceback)."""
    folder = data_dir(config)
    fingerprint = tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size)
                        for path in sorted(folder.rglob("*")) if path.is_file())
    cached = _cache.get(folder)
    if cached and cached[0] == fingerprint:
        return cached[1]
    try:
        dataset = load_dataset(folder)
    except DataErrors as errors:
        raise PluginError(errors.report()) from None
    _cache[folder] = (fingerprint, dataset)
    return dataset
