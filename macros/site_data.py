"""The Dataset of the MkDocs build in progress.

The hook loads it once at the start of each build (`load_data`); the
page macros and later hook events then use that same object
(`current_dataset`). It is loaded again only when a file under data/
has changed, which is also what makes `mkdocs serve` pick up YAML edits;
the preview then reads, parses and validates again only the changed files
(validate.ReadFiles), and checks across files as always.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from .dataset import Dataset
from .errors import DataError, DataErrors
from .validate import ReadFiles, fingerprint, load_dataset

_loaded: dict[Path, tuple[tuple, Dataset]] = {}
_read_files: dict[Path, ReadFiles] = {}  # per folder, for the next load
_current: Dataset | None = None


def data_dir(config) -> Path:
    """data/ beside mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent / "data"


def load_data(config, keep_last_good: bool = False) -> list[DataError]:
    """Validate data/ (or reuse the last result if no file changed) and return its errors.

    With errors the build has no dataset, unless `keep_last_good` (the preview),
    which keeps the last dataset that was valid, if there was one, and what it read of each file.
    """
    global _current
    folder = data_dir(config)
    now = fingerprint(folder)
    loaded = _loaded.get(folder)
    if loaded and loaded[0] == now:
        _current = loaded[1]
        return []
    try:
        dataset = load_dataset(folder, _read_files.setdefault(folder, ReadFiles()) if keep_last_good else None)
    except DataErrors as errors:
        _current = loaded[1] if keep_last_good and loaded else None
        return errors.errors
    _loaded[folder] = (now, dataset)
    _current = dataset
    return []


def has_dataset() -> bool:
    return _current is not None


def current_dataset() -> Dataset:
    if _current is None:
        raise PluginError("the data has not been loaded: is macros/mkdocs_hook.py listed under hooks: in mkdocs.yml?")
    return _current
