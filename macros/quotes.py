"""Is a quote verbatim in its source's archived text, and if not, why not?

Most quotes that fail are right but for one character: a straight apostrophe
typed for the source's curly one, a hyphen for a dash, a plain space for a
no-break space. So besides the verdict this names the closest passage and
every such typographic difference, for the checker's message and for
`python -m macros quote`.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

# Characters an editor's keyboard (or a web page) swaps for one another. One name per group.
_TYPOGRAPHIC_GROUPS = {
    "apostrophe or single quote": "'’‘‛′`´",
    "double quote": "\"“”„‟″",
    "dash or hyphen": "-‐‑‒–—―−",
    "space": " \u00a0\u2007\u2009\u200a\u202f",
    "ellipsis": "…",
}
_SEARCH_BUDGET = 50_000_000  # characters compared at most (about a second): difflib is quadratic
_GROUP_OF = {char: group for group, chars in _TYPOGRAPHIC_GROUPS.items() for char in chars}
_FOLD = str.maketrans({char: _TYPOGRAPHIC_GROUPS[group][0] for char, group in _GROUP_OF.items()})
_CHARACTER_NAMES = {"'": "straight apostrophe '", "’": "curly apostrophe ’", "‘": "opening curly quote ‘",
                    '"': 'straight double quote "', "“": "opening curly quote “", "”": "closing curly quote ”",
                    "-": "hyphen -", "–": "en dash –", "—": "em dash —", "\u00a0": "no-break space",
                    " ": "space", "…": "ellipsis …"}


@dataclass(frozen=True)
class QuoteCheck:
    verbatim: bool
    passage: str  # the closest passage of the source ('' when nothing is close)
    differences: tuple[str, ...]  # typographic differences, e.g. "straight apostrophe ' where the source has curly apostrophe ’"
    matched_prefix: str  # the longest start of the quote found verbatim


def check_quote(quote: str, text: str) -> QuoteCheck:
    """Compare `quote` with the archived `text`."""
    if quote in text:
        return QuoteCheck(True, quote, (), quote)
    prefix = _longest_prefix_in(quote, text)
    passage = _closest_passage(quote, text, prefix)
    return QuoteCheck(False, passage, _typographic_differences(quote, passage), prefix)


def explain(check: QuoteCheck) -> str:
    """A hint for an editor: what differs, and where."""
    if check.differences:
        return "; ".join(check.differences) + "; copy the source's characters"
    if len(check.matched_prefix) < 8:
        return "no passage of the source is close to it; check that it is from this source"
    shown = check.matched_prefix[-30:]
    differs = check.passage[len(check.matched_prefix):][:10] if check.passage else ""
    return f"it matches up to '…{shown}' and then differs" + (f": the source goes on {differs!r}" if differs else "")


def _longest_prefix_in(quote: str, text: str) -> str:
    low, high = 0, len(quote)
    while low < high:  # binary search: a prefix that occurs means every shorter one does too
        middle = (low + high + 1) // 2
        if quote[:middle] in text:
            low = middle
        else:
            high = middle - 1
    return quote[:low]


def _closest_passage(quote: str, text: str, prefix: str) -> str:
    """The stretch of `text` of the quote's length that matches it best, near where the prefix was found."""
    folded_quote, folded_text = _fold(quote), _fold(text)
    start = folded_text.find(folded_quote)
    if start >= 0:  # equal once typography is folded: the passage is exact
        return text[start:start + len(quote)]
    anchor = text.find(prefix) if len(prefix) >= 8 else -1
    if anchor < 0 and len(text) * len(quote) > _SEARCH_BUDGET:
        return ""  # too long to compare character by character: the prefix message says enough
    if anchor < 0:
        matcher = difflib.SequenceMatcher(None, folded_text, folded_quote, autojunk=False)
        block = max(matcher.get_matching_blocks(), key=lambda b: b.size)
        if block.size < 8:
            return ""
        anchor = max(0, block.a - block.b)
    return text[anchor:anchor + len(quote)]


def _typographic_differences(quote: str, passage: str) -> tuple[str, ...]:
    if not passage or _fold(quote) != _fold(passage):
        return ()
    found = []
    for mine, theirs in zip(quote, passage):
        if mine != theirs:
            difference = f"the quote has {_name(mine)} where the source has {_name(theirs)}"
            if difference not in found:
                found.append(difference)
    return tuple(found)


def _fold(text: str) -> str:
    """Every typographic variant replaced by the first character of its group (same length as `text`)."""
    return text.translate(_FOLD)


def _name(char: str) -> str:
    return _CHARACTER_NAMES.get(char, f"{_GROUP_OF.get(char, 'character')} {char!r} (U+{ord(char):04X})")
