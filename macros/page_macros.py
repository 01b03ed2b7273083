"""Macros for hand-written pages: {{ link("id") }}, {{ claim("id") }},
{{ claims(about=..., kind=..., relation=...) }}, {{ timeline(actor=..., since=..., until=...) }},
{{ graph() }}, and those that draw what depends on the whole set of sources or actors, so a page
stays true as the data grows: {{ sources_side_by_side() }}, {{ relations_across_sources() }},
{{ actors_by_kind() }}.

Each macro is one function that checks its arguments and returns its drawing. The page
checker (hand_written_pages.py) calls the same functions before the build, so a mistake is
reported with its page and line before anything renders; the build calls them again to draw.
Drawings are finished Markdown built from templates, which mkdocs-macros does not render
again, so data never reaches its Jinja.
"""
from __future__ import annotations

import inspect
from collections import defaultdict
from enum import Enum
from typing import Callable, Optional

from .dataset import ClaimRelation, Dataset
from .editorial_rules import dropped_hedge
from .errors import did_you_mean
from .model import ActorKind, ClaimKind, HedgeLevel, PartialDate, RelationType
from .render import Linker, render
from .site_data import current_dataset
from .timeline import filter_choices

Drawing = Callable[[Linker], str]
"""What a macro call puts on a page, given the page's linker (links are relative to the page)."""


class PageMacroError(Exception):
    """A mistake in a macro call, worded for an editor: what is wrong, and a hint how to fix it."""

    def __init__(self, message: str, hint: str = ""):
        self.message, self.hint = message, hint
        self.macro = ""  # the macro's name, filled in by call()
        super().__init__(message)

    def __str__(self) -> str:
        return f"{self.macro}: {self.message}" + (f" ({self.hint})" if self.hint else "")


def link(data: Dataset, entity_id: str, text: Optional[str] = None) -> Drawing:
    """A link to any entity's page, labelled with its name (or `text`, which keeps a hedged claim's hedge)."""
    _known(data, entity_id)
    if text is not None and data.kind_of(entity_id) == "claim":
        dropped = dropped_hedge(str(text), data.claims[entity_id].hedges)
        if dropped:
            raise PageMacroError(f"the text drops the claim's hedge: {dropped}",
                                 "keep one of them, as the claim's statement does, or leave the text out "
                                 "to show the statement")
    return lambda linker: linker(entity_id, text)


def claim(data: Dataset, claim_id: str, quote: bool = True) -> Drawing:
    """A card: the statement linking to the claim's page, the quotes, who says so and where, kind, hedge
    and status. With quote=false, one line instead (for a list, or a claim already quoted on the page):
    the statement linking to the claim's page, who says so, kind and hedge."""
    _known(data, claim_id, "claim")
    if not isinstance(quote, bool):
        raise PageMacroError(f"quote={quote!r} is not true or false",
                             "leave it out for a card with the quote, or write quote=false for one line")
    if quote:
        return lambda linker: render("claim_card.md.j2", dataset=data, link=linker, entity_id=claim_id,
                                     entity=data.claims[claim_id])
    return lambda linker: render("claim_line.md.j2", dataset=data, link=linker, entity_id=claim_id).strip()


def claims(data: Dataset, about: Optional[str] = None, kind: Optional[str] = None, relation: Optional[str] = None,
           claimant: Optional[str] = None, hedge: Optional[str] = None, source: Optional[str] = None) -> Drawing:
    """A list of claims, filtered by subject, kind, relation type, claimant, hedge level or source."""
    wanted_subject = _known(data, about, "actor", "event") if about is not None else None
    wanted_kind = _member(ClaimKind, kind, "kind") if kind is not None else None
    wanted_relation = _member(RelationType, relation, "relation") if relation is not None else None
    wanted_claimant = _known(data, claimant, "actor") if claimant is not None else None
    wanted_hedge = _member(HedgeLevel, hedge, "hedge") if hedge is not None else None
    wanted_source = _known(data, source, "source") if source is not None else None

    def matches(claim) -> bool:
        return ((wanted_subject is None or wanted_subject in claim.subjects)
                and (wanted_kind is None or claim.kind is wanted_kind)
                and (wanted_relation is None or any(r.type is wanted_relation for r in claim.relations))
                and (wanted_claimant is None or claim.claimant == wanted_claimant)
                and (wanted_hedge is None or claim.hedge_level is wanted_hedge)
                and (wanted_source is None or any(a.source == wanted_source for a in claim.appearances)))

    def draw(linker: Linker) -> str:
        selected = [claim_id for claim_id, claim in data.claims.items() if matches(claim)]
        return render("claim_list.md.j2", dataset=data, link=linker, ids=data.claims_in_order(selected))

    return draw


def timeline(data: Dataset, actor: Optional[str] = None, since: Optional[str] = None,
             until: Optional[str] = None) -> Drawing:
    """Events in date order, optionally only one actor's, between two dates (YYYY, YYYY-MM or YYYY-MM-DD),
    with a filter by actor, source and date precision for readers whose browser runs JavaScript."""
    wanted_actor = _known(data, actor, "actor") if actor is not None else None
    low, high = (_date(since, "since"), _date(until, "until"))

    def draw(linker: Linker) -> str:
        events = [e for e, _ in data.events_of(wanted_actor)] if wanted_actor else list(data.events)
        if low:
            events = [e for e in events if data.events[e].date.sort_key() >= low.sort_key()]
        if high:
            events = [e for e in events if data.events[e].date.sort_key() <= high.latest_day()]
        ordered = data.events_in_order(dict.fromkeys(events))
        return render("timeline.md.j2", dataset=data, link=linker, ids=ordered, filters=filter_choices(data, ordered))

    return draw


def graph(data: Dataset) -> Drawing:
    """The actors and events as one drawing (claims as 'makes claims about' links), then as a list:
    all of them, or the graph.SITE_LIMIT with the most links and a line on where the others are."""
    return lambda linker: render("graph_site.md.j2", dataset=data, link=linker)


def sources_side_by_side(data: Dataset) -> Drawing:
    """Every source, earliest first: title, kind, publisher, author, date and precision, how many
    claims are quoted from it, and its summary."""
    def draw(linker: Linker) -> str:
        ordered = data.sources_in_order()
        claims_quoted = {source_id: len({claim_id for claim_id, _ in data.appearances_in(source_id)})
                         for source_id in ordered}
        return render("sources_side_by_side.md.j2", dataset=data, link=linker, ids=ordered,
                      claims_quoted=claims_quoted)

    return draw


def relations_across_sources(data: Dataset) -> Drawing:
    """Every relation between claims quoted from different sources, grouped by pair of sources,
    each with both claims, how one bears on the other, and the editors' reason."""
    return lambda linker: render("relations_across_sources.md.j2", dataset=data, link=linker,
                                 pairs=_relations_between_sources(data))


ACTOR_GROUPS = {ActorKind.PERSON: "People", ActorKind.STATE: "States", ActorKind.GOVERNMENT_BODY: "Government bodies",
                ActorKind.ORGANISATION: "Organisations", ActorKind.UNNAMED_GROUP: "Unnamed voices",
                ActorKind.PLACE: "Places", ActorKind.FACILITY: "Facilities"}
"""The heading of each kind of actor on a page that groups them, in the order the groups come."""


def actors_by_kind(data: Dataset) -> Drawing:
    """Every actor, under a heading for its kind, with its description."""
    def draw(linker: Linker) -> str:
        by_name = data.by_name(data.actors)
        groups = [(title, [a for a in by_name if data.actors[a].kind is kind]) for kind, title in ACTOR_GROUPS.items()]
        return render("actors_by_kind.md.j2", dataset=data, link=linker, groups=[g for g in groups if g[1]])

    return draw


PAGE_MACROS: dict[str, Callable[..., Drawing]] = {
    macro.__name__: macro
    for macro in (link, claim, claims, timeline, graph, sources_side_by_side, relations_across_sources, actors_by_kind)}
"""The only macros a hand-written page may call: the page checker and the build both use this."""


def usage(name: str) -> str:
    """How a call of the macro looks, for hints: link("id"), claims(...), graph()."""
    parameters = _parameters(name)
    required = [p for p in parameters if p.default is p.empty]
    inside = ", ".join('"id"' for _ in required) if required else ("..." if parameters else "")
    return f"{name}({inside})"


def call(name: str, args: tuple, kwargs: dict, data: Optional[Dataset]) -> Optional[Drawing]:
    """Check a call of a page macro and return its drawing.

    Without data (the data has errors) only the argument names and their number are checked.
    """
    try:
        arguments = _bind(name, args, kwargs)
        return PAGE_MACROS[name](data, **arguments) if data is not None else None
    except PageMacroError as mistake:
        mistake.macro = name
        raise


def register(env) -> None:
    """Give mkdocs-macros each page macro, drawn for the page being rendered."""
    for name in PAGE_MACROS:
        env.macro(_drawn_on_page(env, name), name)


def _drawn_on_page(env, name: str) -> Callable[..., str]:
    def page_macro(*args, **kwargs) -> str:
        data = current_dataset()
        return call(name, args, kwargs, data)(Linker(data, env.page.file.src_uri))

    page_macro.__doc__ = PAGE_MACROS[name].__doc__
    return page_macro


def _parameters(name: str) -> list[inspect.Parameter]:
    """The arguments a page may give the macro (the first parameter, the data, is the site's)."""
    return list(inspect.signature(PAGE_MACROS[name]).parameters.values())[1:]


def _bind(name: str, args: tuple, kwargs: dict) -> dict:
    parameters = _parameters(name)
    names = [parameter.name for parameter in parameters]
    if len(args) > len(names):
        most = f"at most {len(names)} argument{'s' if len(names) != 1 else ''}" if names else "no arguments"
        raise PageMacroError(f"takes {most}, not {len(args)}", f"write {usage(name)}")
    arguments = dict(zip(names, args))
    for keyword, value in kwargs.items():
        if keyword not in names:
            known = f"its arguments are {', '.join(names)}" if names else "it takes no arguments"
            raise PageMacroError(f"has no argument '{keyword}'", did_you_mean(keyword, names) or known)
        if keyword in arguments:
            raise PageMacroError(f"'{keyword}' is given twice", f"write {usage(name)}")
        arguments[keyword] = value
    missing = [parameter.name for parameter in parameters
               if parameter.default is parameter.empty and parameter.name not in arguments]
    if missing:
        raise PageMacroError(f"'{missing[0]}' is missing", f"write {usage(name)}")
    return arguments


def _relations_between_sources(data: Dataset) -> list[tuple[tuple[str, str], list[tuple[str, ClaimRelation]]]]:
    """((first source, second source), [(claim quoted from the first, its relation to a claim quoted
    from the second)]) for every pair of sources with such relations, in source order.

    A relation is read from the claim of the earlier source ('contradicted by' when it is the other
    claim that contradicts it), and shown once per pair even where a claim is quoted from both.
    """
    order = {source_id: position for position, source_id in enumerate(data.sources_in_order())}
    pairs: dict[tuple[str, str], dict[tuple, tuple[str, ClaimRelation]]] = defaultdict(dict)
    for claim_id in data.claims_in_order():
        for relation in data.relations_of(claim_id):
            for first in _sources_of(data, claim_id):
                for second in _sources_of(data, relation.other):
                    if order[first] < order[second]:
                        once = (frozenset((claim_id, relation.other)), relation.type)
                        pairs[(first, second)].setdefault(once, (claim_id, relation))
    return [(pair, list(pairs[pair].values())) for pair in sorted(pairs, key=lambda p: (order[p[0]], order[p[1]]))]


def _sources_of(data: Dataset, claim_id: str) -> list[str]:
    return list(dict.fromkeys(appearance.source for appearance in data.claims[claim_id].appearances))


def _known(data: Dataset, entity_id: object, *kinds: str) -> str:
    """The id, if it names an entity of one of `kinds` (any kind when none is given)."""
    if not isinstance(entity_id, str):
        raise PageMacroError(f"{entity_id!r} is not an id", 'ids are written in quotes, like "kim-jong-un"')
    wanted = " or ".join(kinds) if kinds else "entity"
    if entity_id in data and (not kinds or data.kind_of(entity_id) in kinds):
        return entity_id
    candidates = [other for other in data.ids() if not kinds or data.kind_of(other) in kinds]
    raise PageMacroError(f"unknown {wanted} id '{entity_id}'", did_you_mean(entity_id, candidates))


def _member(enum: type[Enum], value: object, argument: str) -> Enum:
    try:
        return enum(value)
    except ValueError:
        allowed = [member.value for member in enum]
        hint = (did_you_mean(value, allowed) if isinstance(value, str) else "") or f"one of {', '.join(allowed)}"
        raise PageMacroError(f"{argument}={value!r} is not a {argument}", hint) from None


def _date(text: object, argument: str) -> Optional[PartialDate]:
    if text is None:
        return None
    try:
        return PartialDate.parse(str(text))
    except ValueError as problem:
        raise PageMacroError(f"{argument} {problem}") from None
