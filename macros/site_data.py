"""The Dataset of the MkDocs build in progress.

The hook loads it once at the start of each build (`load_for_build`); the
page macros and later hook events then use that same object
(`current_dataset`). It is re-read from disk only when a file under data/
has changed, which is also what makes `mkdocs serve` pick up YAML edits.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from .dataset import Dataset
from .errors import DataErrors
from .validate import fingerprint, load_dataset

_loaded: dict[Path, tuple[tuple, Dataset]] = {}
_current: Dataset | None = None


def data_dir(config) -> Path:
    """data/ beside mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent / "data"


def load_for_build(config) -> Dataset:
    """Validate data/ (or reuse the last result if no file changed); a PluginError lists every data error."""
    global _current
    folder = data_dir(config)
    now = fingerprint(folder)
    loaded = _loaded.get(folder)
    if not (loaded and loaded[0] == now):
        try:
            loaded = (now, load_dataset(folder))
        except DataErrors as errors:
            _current = None
            raise PluginError(errors.report()) from None
        _loaded[folder] = loaded
    _current = loaded[1]
    return _current


def current_dataset() -> Dataset:
    if _current is None:
        raise PluginError("the data has not been loaded: is macros/mkdocs_hook.py listed under hooks: in mkdocs.yml?")
    return _current
