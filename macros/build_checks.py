"""Everything checked before a build writes anything: the data, then the hand-written pages.

Both lists come out together, in the lines `python -m macros check` prints, so
an editor sees every mistake of a run at once whichever command they used.
"""
from __future__ import annotations

from mkdocs.exceptions import PluginError

from .errors import DataError, report
from .hand_written_pages import page_errors
from .site_data import current_dataset, has_dataset, load_data


def errors_before_build(config, keep_last_good: bool = False) -> tuple[list[DataError], list[DataError]]:
    """(errors in data/, errors in docs/). Pages are checked against the dataset the build will use."""
    in_data = load_data(config, keep_last_good)
    return in_data, page_errors(config, current_dataset() if has_dataset() else None)


def refuse_errors(config) -> None:
    """Stop the build, listing every error, before the site directory is touched."""
    in_data, in_pages = errors_before_build(config)
    if in_data or in_pages:
        raise PluginError(report(in_data, in_pages))
