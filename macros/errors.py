"""Data errors as an editor sees them: `file:line: field: message (hint)`.

Every stage of the pipeline collects these instead of stopping at the first
one, so a single run reports everything that is wrong.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterable


# Characters that can drive a terminal (ESC, BEL, backspace, line breaks inside one message) or
# reorder what it shows (bidirectional controls): printed as escapes, so a data file can neither
# clear the screen nor fake an "ok" line.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with every terminal control character shown as an escape (ESC -> \\x1b)."""
    return _UNPRINTABLE.sub(lambda match: match.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)


@dataclass(frozen=True, order=True)
class DataError:
    file: str
    line: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:"
        what = f" {self.field}:" if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return printable(f"{where}{what} {self.message}{hint}")


class DataErrors(Exception):
    """All the errors of one run, sorted by file and line."""

    def __init__(self, errors: Iterable[DataError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        return report(self.errors, [])


def report(in_data: Iterable[DataError], in_pages: Iterable[DataError]) -> str:
    """All errors of a run, one a line, sorted, then what they stopped: the lines check and the build print."""
    in_data, in_pages = set(in_data), set(in_pages)
    everything = sorted(in_data | in_pages)
    where = " and ".join(place for place, errors in (("the data", in_data), ("the pages", in_pages)) if errors)
    count = f"{len(everything)} error{'s' if len(everything) != 1 else ''}"
    return "\n".join([*map(str, everything), f"{count} in {where}; nothing was built."])


def did_you_mean(wrong: str, candidates: Iterable[str]) -> str:
    """A hint naming the closest known value, or '' when nothing is close."""
    close = difflib.get_close_matches(wrong, list(candidates), n=1, cutoff=0.75)
    return f"did you mean '{close[0]}'?" if close else ""
