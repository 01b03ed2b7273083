"""Editorial rules: what the data as a whole must keep so the site says no more than its sources.

The model checks each file and validate.py checks what files say about each other (references,
quotes, relations). These rules come after, and judge content:

- a claim's statement keeps the source's hedge: if the quote says "may", so does the statement
  (the same rule holds for the words of a link to a claim on a hand-written page, see
  page_macros.link);
- every source is quoted by a claim, and every actor and event is named by a claim or an event,
  so no page stands alone with nothing on the site leading to it.

Whether a page stands alone is read from the same backlinks the pages show.
"""
from __future__ import annotations

import re
from typing import Iterable

from .dataset import Dataset
from .errors import DataError
from .load import YamlFile
from .model import Claim


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
        "source": [s for s in dataset.sources if not dataset.appearances_in(s)],
        "actor": [a for a in dataset.actors if not linked_from_claims_or_events(a)],
        "event": [e for e in dataset.events if not linked_from_claims_or_events(e) and not dataset.related_events(e)],
    }
    return [DataError(parsed[entity_id].path, 1, "", *_STANDING_ALONE[kind])
            for kind, entity_ids in standing_alone.items() for entity_id in entity_ids]
