"""Macros for hand-written pages: {{ claim("id") }}, {{ link("id") }},
{{ claims(about=..., kind=..., relation=...) }}, {{ timeline(actor=..., since=..., until=...) }},
{{ graph() }}.

They return finished Markdown built from templates, which mkdocs-macros does
not render again, so data never reaches its (unsandboxed) Jinja.
"""
from __future__ import annotations

from enum import Enum
from typing import Optional

from markupsafe import Markup
from mkdocs_macros.errors import format_error

from .dataset import Dataset
from .errors import did_you_mean
from .model import ClaimKind, HedgeLevel, PartialDate, RelationType
from .render import Linker, render
from .site_data import current_dataset


class PageMacroError(Exception):
    """A mistake in a hand-written page's macro call, reported with the page and a hint."""


@format_error.register
def _report(error: PageMacroError, markdown: str, page) -> str:
    return f"docs/{page.file.src_path}: {error}"


def register(env) -> None:
    def dataset() -> Dataset:
        return current_dataset()

    def linker() -> Linker:
        return Linker(dataset(), env.page.file.src_uri)

    def known(entity_id: str, *kinds: str) -> str:
        data = dataset()
        if entity_id in data and (not kinds or data.kind_of(entity_id) in kinds):
            return entity_id
        wanted = " or ".join(kinds) if kinds else "entity"
        candidates = [other for other in data.ids() if not kinds or data.kind_of(other) in kinds]
        hint = did_you_mean(entity_id, candidates)
        raise PageMacroError(f"unknown {wanted} id '{entity_id}'" + (f" ({hint})" if hint else ""))

    @env.macro
    def link(entity_id: str, text: Optional[str] = None) -> Markup:
        """A link to any entity's page, labelled with its name (or `text`)."""
        return linker()(known(entity_id), text)

    @env.macro
    def claim(claim_id: str) -> str:
        """A card: statement, claimant and chain, hedge, quotes and their sources."""
        data = dataset()
        return render("claim_card.md.j2", dataset=data, link=linker(), entity_id=known(claim_id, "claim"),
                      entity=data.claims[claim_id])

    @env.macro
    def claims(about: Optional[str] = None, kind: Optional[str] = None, relation: Optional[str] = None,
               claimant: Optional[str] = None, hedge: Optional[str] = None, source: Optional[str] = None) -> str:
        """A list of claims, filtered by subject, kind, relation type, claimant, hedge level or source."""
        data = dataset()
        # Every argument is checked before any filtering, so a mistake is reported even when
        # an earlier filter already leaves nothing to match.
        wanted_subject = known(about, "actor", "event") if about is not None else None
        wanted_kind = _member(ClaimKind, kind, "kind") if kind is not None else None
        wanted_relation = _member(RelationType, relation, "relation") if relation is not None else None
        wanted_claimant = known(claimant, "actor") if claimant is not None else None
        wanted_hedge = _member(HedgeLevel, hedge, "hedge") if hedge is not None else None
        wanted_source = known(source, "source") if source is not None else None

        def matches(claim) -> bool:
            return ((wanted_subject is None or wanted_subject in claim.subjects)
                    and (wanted_kind is None or claim.kind is wanted_kind)
                    and (wanted_relation is None or any(r.type is wanted_relation for r in claim.relations))
                    and (wanted_claimant is None or claim.claimant == wanted_claimant)
                    and (wanted_hedge is None or claim.hedge_level is wanted_hedge)
                    and (wanted_source is None or any(a.source == wanted_source for a in claim.appearances)))

        selected = [claim_id for claim_id, claim in data.claims.items() if matches(claim)]
        ordered = sorted(selected, key=lambda c: (data.claim_date(c).sort_key(), c))
        return render("claim_list.md.j2", dataset=data, link=linker(), ids=ordered)

    @env.macro
    def timeline(actor: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None) -> str:
        """Events in date order, optionally only one actor's, between two dates (YYYY, YYYY-MM or YYYY-MM-DD)."""
        data = dataset()
        events = [event_id for event_id, _ in data.events_of(known(actor, "actor"))] if actor else list(data.events)
        low, high = (_date(since, "since"), _date(until, "until"))
        if low:
            events = [e for e in events if data.events[e].date.sort_key() >= low.sort_key()]
        if high:
            events = [e for e in events if data.events[e].date.sort_key() <= _end_of(high)]
        return render("timeline.md.j2", dataset=data, link=linker(), ids=data.events_in_order(dict.fromkeys(events)))

    @env.macro
    def graph() -> str:
        """Every actor and event as one drawing (claims as 'makes claims about' links), then as a list."""
        return render("graph_site.md.j2", dataset=dataset(), link=linker())


def _member(enum: type[Enum], value: str, argument: str) -> Enum:
    try:
        return enum(value)
    except ValueError:
        allowed = [member.value for member in enum]
        hint = did_you_mean(value, allowed) or f"one of {', '.join(allowed)}"
        raise PageMacroError(f"{argument}='{value}' is not a {argument} ({hint})") from None


def _date(text: Optional[str], argument: str) -> Optional[PartialDate]:
    if text is None:
        return None
    try:
        return PartialDate.parse(str(text))
    except ValueError as problem:
        raise PageMacroError(f"{argument}: {problem}") from None


def _end_of(date: PartialDate) -> tuple[int, int, int]:
    """The sort key of the last day a partial date covers, so until='2019' includes all of 2019."""
    return (date.year or 9999, date.month or 12, date.day or 31)
