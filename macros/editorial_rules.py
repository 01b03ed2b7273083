"""Editorial rules: what the data as a whole must keep so the site says no more than its sources.

The model checks each file and validate.py checks what files say about each other (references,
quotes, relations). These rules come after, and judge content:

- a claim's statement keeps the source's hedge: if the quote says "may", so does the statement
  (the same rule holds for the words of a link to a claim on a hand-written page, see
  page_macros.link);
- every source is quoted by a claim, and every actor and event is named by a claim or an event,
  so no page stands alone with nothing on the site leading to it.
- a source or actor whose full title or name is too long for a sentence has a short name, which
  running text uses (claim cards, lists, "the opinion writer contradicts this");
- text readers see never names a source by the editors' internal number ("source 001", "000"),
  nor an entity by its id, only as readers know them.

Whether a page stands alone is read from the same backlinks the pages show.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Iterator

from .dataset import Dataset
from .errors import DataError
from .load import Location, YamlFile, field_name
from .model import SHORT_NAME_NEEDED_OVER, Claim, Entity


def uses_word(text: str, word: str) -> bool:
    """Whether `text` has `word` (or phrase) as whole words, in any case: 'may' is not in 'mayor'."""
    return re.search(rf"\b{re.escape(word.casefold())}\b", text.casefold()) is not None


def dropped_hedge(text: str, hedges: Iterable[str]) -> str:
    """'' when `text` keeps one of the hedge words (or there are none); else what it leaves out."""
    hedges = list(hedges)
    if not hedges or any(uses_word(text, word) for word in hedges):
        return ""
    return f"it has none of the source's hedge words ({', '.join(repr(word) for word in hedges)})"


def statements_keep_their_hedge(claims: dict[str, Claim], parsed: dict[str, YamlFile]) -> list[DataError]:
    """Claims whose statement leaves out every hedge word its quotes use."""
    errors = []
    for claim_id, claim in claims.items():
        quotes = " ".join(appearance.quote for appearance in claim.appearances)
        in_quotes = [word for word in claim.hedges if uses_word(quotes, word)]  # the others are reported already
        dropped = dropped_hedge(claim.statement, in_quotes)
        if dropped:
            yaml_file = parsed[claim_id]
            errors.append(DataError(yaml_file.path, yaml_file.line_of(("statement",)), "statement",
                                    f"the statement drops the hedge: {dropped}",
                                    f"keep it as the source does: if the quote says '{in_quotes[0]}', "
                                    "so does the statement"))
    return errors


_STANDING_ALONE = {
    "source": ("no claim quotes this source",
               "add the claims taken from it, each with its verbatim quote, or remove the file"),
    "actor": ("no claim or event names this actor, so nothing on the site leads to its page",
              "name it in a claim (claimant, attribution or subjects) or an event (participants or place), "
              "or remove the file"),
    "event": ("no claim is about this event and no event is related to it, so nothing on the site leads to its page",
              "add it to a claim's subjects or to an event's related events, or remove the file"),
}


def nothing_stands_alone(dataset: Dataset, parsed: dict[str, YamlFile]) -> list[DataError]:
    """Sources no claim quotes; actors and events that no claim or event page links to. An
    actor's affiliates do not count: they are other actors, and may stand alone with it.

    Judged only on data that is otherwise valid: until then a broken file may be the one that
    names an entity, and an entity added with a mistake of its own is reported for that alone."""
    def linked_from_claims_or_events(entity_id: str) -> bool:
        return any(dataset.kind_of(backlink.entity_id) in ("claim", "event") for backlink in dataset.backlinks(entity_id))

    standing_alone = {
        "source": [s for s in dataset.sources if not dataset.is_quoted(s)],
        "actor": [a for a in dataset.actors if not linked_from_claims_or_events(a)],
        "event": [e for e in dataset.events if not linked_from_claims_or_events(e) and not dataset.related_events(e)],
    }
    return [DataError(parsed[entity_id].path, 1, "", *_STANDING_ALONE[kind])
            for kind, entity_ids in standing_alone.items() for entity_id in entity_ids]


_FULL_NAME = {"source": ("title", "'the opinion piece'"), "actor": ("name", "'the opinion writer', 'the NIS'")}


def names_fit_running_text(entities: dict[str, dict[str, Entity]], parsed: dict[str, YamlFile]) -> list[DataError]:
    """Sources and actors whose title or name is too long to stand in a sentence, with no short name."""
    errors = []
    for kind, (field, examples) in _FULL_NAME.items():
        for entity_id, entity in entities[kind].items():
            full = getattr(entity, field)
            if entity.short_name is None and len(full) > SHORT_NAME_NEEDED_OVER:
                yaml_file = parsed[entity_id]
                errors.append(DataError(
                    yaml_file.path, yaml_file.line_of((field,)), field,
                    f"the {field} is {len(full)} characters long, too long to name the {kind} in running text "
                    f"(claim cards, lists, 'the opinion writer contradicts this')",
                    f"add short_name: how a sentence names it, e.g. {examples}; the full {field} stays on its own page"))
    return errors


_SOURCE_NUMBER = re.compile(r"\bsources?\s+\d+(?:\s*(?:/|,|and)\s*\d+)*\b", re.IGNORECASE)
_ARCHIVE_NUMBER = re.compile(r"^archive/(0\d+)[_.-]")
_LABEL_LIKE = re.compile(r"(?<![\w.,/:-])(?:0\d+|[a-z0-9]+(?:-[a-z0-9]+)+)(?![\w/-])")
"""A zero-padded number or a hyphenated lowercase word: what an archive number or an id looks like."""
_VERBATIM = {"quote"}  # a source's own words, which cannot be reworded


def no_internal_labels(parsed: dict[str, YamlFile], sources: dict[str, Entity]) -> list[DataError]:
    """Text that names a source by the editors' internal number ('source 001', or the zero-padded
    number its archived copy's file name starts with: '(001 in late June 2025; 000 undated)'), or
    names an entity by its id ('the note on trump-iran-threat-was-not-a-bluff').

    Only text with a space in it is read: ids, dates, addresses and file names have none."""
    names = {}  # archive number -> how readers know the source
    for source in sources.values():
        numbered = _ARCHIVE_NUMBER.match(source.archive or "")
        if numbered:
            names[numbered.group(1)] = source.short_name or source.title
    errors = []
    for yaml_file in parsed.values():
        for location, text in _prose(yaml_file.value, ()):
            found = _SOURCE_NUMBER.search(text) or next(
                (word for word in _LABEL_LIKE.finditer(text) if word.group() in names or word.group() in parsed), None)
            if not found:
                continue
            if found.group() in parsed:
                message, known = "is an id, which readers never see", [_known_as(parsed[found.group()])]
            else:
                message = "is the editors' internal number for a text, which readers never see"
                known = [names[n] for n in re.findall(r"0\d+", found.group()) if n in names]
            errors.append(DataError(
                yaml_file.path, yaml_file.line_of(location), field_name(location), f"'{found.group()}' {message}",
                "name it as readers know it" + (f": {', '.join(repr(name) for name in known)}" if known else
                                               ", e.g. by a source's short_name ('the opinion piece')")))
    return errors


def _known_as(yaml_file: YamlFile) -> str:
    """How readers know an entity, from its file: its short name, name, title or statement."""
    fields = yaml_file.value if isinstance(yaml_file.value, dict) else {}
    for key in ("short_name", "name", "title", "statement"):
        if isinstance(fields.get(key), str):
            return fields[key]
    return "its name"


def _prose(value: Any, location: Location) -> Iterator[tuple[Location, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in _VERBATIM:
                yield from _prose(item, (*location, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _prose(item, (*location, index))
    elif isinstance(value, str) and " " in value:
        yield location, value
