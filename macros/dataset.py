"""The validated data, with every cross-reference indexed from both ends.

A Dataset is only ever built by `validate.load_dataset`, so every id in it
resolves. The indexes answer the questions pages ask ("which claims is this
actor the subject of?"), each computed once when the Dataset is made.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Optional

from .model import INVERSE_RELATION, Actor, Claim, DateSpec, Entity, Event, Source


@dataclass(frozen=True)
class Backlink:
    """A link from one entity to another, with why it is there ('claimant of', 'took part in: struck')."""

    entity_id: str
    reason: str


INFERENCE_LABEL = "The editors' inference; neither text makes this connection:"
"""Put before the reason of a relation marked `inference`, so every page that shows the reason says so."""


@dataclass(frozen=True)
class ClaimRelation:
    """A relation seen from one claim: 'contradicts' from A, 'contradicted by' from B."""

    label: str
    type: str  # the declared relation type, e.g. 'contradicts', whichever end it is seen from
    other: str
    reason: str
    declared_here: bool


class Dataset:
    def __init__(self, entities: dict[str, dict[str, Entity]], files: dict[str, str], archives: dict[str, str]):
        self.sources: dict[str, Source] = entities["source"]
        self.actors: dict[str, Actor] = entities["actor"]
        self.events: dict[str, Event] = entities["event"]
        self.claims: dict[str, Claim] = entities["claim"]
        self.files = files  # id -> data/<folder>/<id>.yaml
        self.archives = archives
        self._by_id: dict[str, Entity] = {eid: e for by_id in entities.values() for eid, e in by_id.items()}
        self._index()

    # --- lookup -------------------------------------------------------------

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self._by_id

    def get(self, entity_id: str) -> Entity:
        return self._by_id[entity_id]

    def ids(self) -> Iterable[str]:
        return self._by_id.keys()

    def kind_of(self, entity_id: str) -> str:
        return self._by_id[entity_id].kind_name

    def page_path(self, entity_id: str) -> str:
        """Where the entity's page lives in the site: e.g. actors/kim-jong-un.md."""
        return f"{self._by_id[entity_id].folder}/{entity_id}.md"

    def name(self, entity_id: str) -> str:
        """The full name or title, as the entity's own page shows it."""
        return self._by_id[entity_id].name

    def short_name(self, entity_id: str) -> str:
        """How running text names the entity: an actor's or source's `short_name` where it has one,
        else its name (an event's title, a claim's statement)."""
        entity = self._by_id[entity_id]
        return getattr(entity, "short_name", None) or entity.name

    def by_name(self, ids: Iterable[str]) -> list[str]:
        """Ids in the order of their names, as a reader looks them up; the id settles equal names."""
        return sorted(ids, key=lambda entity_id: (self._by_id[entity_id].name.casefold(), entity_id))

    # --- dates ----------------------------------------------------------------

    def claim_date(self, claim_id: str) -> DateSpec:
        """When a claim was made: the publication date of the earliest source it appears in."""
        return min((self.sources[a.source].published for a in self.claims[claim_id].appearances),
                   key=DateSpec.sort_key)

    def sources_in_order(self) -> list[str]:
        """Sources by publication date, earliest first (undated last), then by title."""
        return sorted(self.sources, key=lambda source_id: (self.sources[source_id].published.sort_key(),
                                                           self.name(source_id).casefold(), source_id))

    def claims_in_order(self, claim_ids: Optional[Iterable[str]] = None) -> list[str]:
        """Claims as every page lists them: by the date they were made, then by claimant, then by id."""
        ids = self.claims if claim_ids is None else claim_ids
        return sorted(ids, key=lambda claim_id: (self.claim_date(claim_id).sort_key(),
                                                 self.name(self.claims[claim_id].claimant).casefold(), claim_id))

    def events_in_order(self, event_ids: Optional[Iterable[str]] = None) -> list[str]:
        ids = self.events if event_ids is None else event_ids
        return sorted(ids, key=self.event_order)

    def event_order(self, event_id: str) -> tuple:
        """Where an event falls in time: its date, then its order within that day."""
        event = self.events[event_id]
        return (event.date.sort_key(), event.sequence or 0, event_id)

    # --- backlinks --------------------------------------------------------------

    def backlinks(self, entity_id: str) -> list[Backlink]:
        """Everything that points at this entity, with the reason."""
        return self._backlinks.get(entity_id, [])

    def claims_by(self, actor_id: str) -> list[str]:
        return self._claims_by.get(actor_id, [])

    def claims_relayed_by(self, actor_id: str) -> list[tuple[str, str]]:
        """(claim id, act) for claims this actor passed on."""
        return self._relayed.get(actor_id, [])

    def claims_about(self, entity_id: str) -> list[str]:
        return self._claims_about.get(entity_id, [])

    def events_of(self, actor_id: str) -> list[tuple[str, str]]:
        """(event id, role) for every event the actor took part in or that happened there, in date order."""
        return sorted(self._events_of.get(actor_id, []), key=lambda pair: self.event_order(pair[0]))

    def affiliates_of(self, actor_id: str) -> list[tuple[str, str]]:
        """(actor id, relation) for the actors affiliated with this one (the reverse of `affiliations`)."""
        return self._affiliates.get(actor_id, [])

    def appearances_in(self, source_id: str) -> list[tuple[str, str]]:
        """(claim id, quote) for every quote taken from this source, in the order of the text."""
        text = self.archive_text(source_id) or ""
        return sorted(self._quotes_in.get(source_id, []), key=lambda pair: (text.find(pair[1]), pair[0]))

    def is_quoted(self, source_id: str) -> bool:
        """Whether any claim quotes this source: `appearances_in` without putting them in order."""
        return source_id in self._quotes_in

    def events_citing(self, source_id: str) -> list[str]:
        return self.events_in_order(self._events_citing.get(source_id, []))

    def related_events(self, event_id: str) -> list[tuple[str, str, bool]]:
        """(event id, relation, declared here) both ways: declared on this event, or on the other about it."""
        return self._related_events.get(event_id, [])

    def relations_of(self, claim_id: str) -> list[ClaimRelation]:
        return self._relations.get(claim_id, [])

    def archive_text(self, source_id: str) -> Optional[str]:
        archive = self.sources[source_id].archive
        return self.archives.get(archive) if archive else None

    # --- building the indexes -----------------------------------------------------

    def _index(self) -> None:
        backlinks: dict[str, list[Backlink]] = defaultdict(list)
        claims_about: dict[str, list[str]] = defaultdict(list)
        events_of: dict[str, list[tuple[str, str]]] = defaultdict(list)
        affiliates: dict[str, list[tuple[str, str]]] = defaultdict(list)
        relations: dict[str, list[ClaimRelation]] = defaultdict(list)
        claims_by: dict[str, list[str]] = defaultdict(list)
        relayed: dict[str, list[tuple[str, str]]] = defaultdict(list)
        quotes_in: dict[str, list[tuple[str, str]]] = defaultdict(list)
        events_citing: dict[str, list[str]] = defaultdict(list)
        related_events: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)

        for actor_id, actor in self.actors.items():
            for affiliation in actor.affiliations:
                affiliates[affiliation.actor].append((actor_id, affiliation.relation))
                backlinks[affiliation.actor].append(Backlink(actor_id, f"affiliated: {affiliation.relation}"))
        for event_id, event in self.events.items():
            for participant in event.participants:
                events_of[participant.actor].append((event_id, participant.role))
                backlinks[participant.actor].append(Backlink(event_id, f"took part: {participant.role}"))
            if event.place:
                events_of[event.place].append((event_id, "place"))
                backlinks[event.place].append(Backlink(event_id, "place of"))
            for source_id in event.sources:
                events_citing[source_id].append(event_id)
                backlinks[source_id].append(Backlink(event_id, "cited by event"))
            for related in event.related:
                related_events[event_id].append((related.event, related.relation, True))
                related_events[related.event].append((event_id, related.relation, False))
        for claim_id, claim in self.claims.items():
            claims_by[claim.claimant].append(claim_id)
            backlinks[claim.claimant].append(Backlink(claim_id, "claimant of"))
            for step in claim.attribution:
                relayed[step.actor].append((claim_id, step.act))
                backlinks[step.actor].append(Backlink(claim_id, f"{step.act} the claim"))
            for subject in claim.subjects:
                claims_about[subject].append(claim_id)
                backlinks[subject].append(Backlink(claim_id, "subject of"))
            for appearance in claim.appearances:
                quotes_in[appearance.source].append((claim_id, appearance.quote))
            for source_id in dict.fromkeys(a.source for a in claim.appearances):
                backlinks[source_id].append(Backlink(claim_id, "quoted in"))
            for relation in claim.relations:
                kind = relation.type.value
                reason = f"{INFERENCE_LABEL} {relation.reason}" if relation.inference else relation.reason
                relations[claim_id].append(ClaimRelation(kind, kind, relation.claim, reason, True))
                relations[relation.claim].append(
                    ClaimRelation(INVERSE_RELATION[relation.type], kind, claim_id, reason, False))

        self._backlinks = dict(backlinks)
        self._claims_about = dict(claims_about)
        self._events_of = dict(events_of)
        self._affiliates = dict(affiliates)
        self._relations = dict(relations)
        self._claims_by = dict(claims_by)
        self._relayed = dict(relayed)
        self._quotes_in = dict(quotes_in)
        self._events_citing = dict(events_citing)
        self._related_events = dict(related_events)
