"""The validated data, with every cross-reference indexed from both ends.

A Dataset is only ever built by `validate.load_dataset`, so every id in it
resolves. The indexes answer the questions pages ask ("which claims is this
actor the subject of?"), each computed once when the Dataset is made.
"""
from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping, Optional

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


_reads: Optional[set] = None
"""What the rendering under way has read (see `Dataset.recording_reads`); None when nobody asks."""


class _Recorded(Mapping):
    """A dict of the Dataset, seen through a view that notes what is read from it: put in the
    dict's place only while `recording_reads` is on, so that the build and `check` read plain dicts.

    A key read is noted as itself (an entity id), or for an index as `(index, id)`: a claim page
    that shows its source's date does not depend on which other claims quote that source. Walking
    the whole dict is noted as `("ids", kind)` for the keys only, `("all", kind)` for the values,
    so that a page listing every claim counts as reading every claim.
    """

    __slots__ = ("_values", "_kind", "_index")

    def __init__(self, values: dict, kind: str, index: str = ""):
        self._values, self._kind, self._index = values, kind, index

    def _note(self, key) -> None:
        _reads.add((self._index, key) if self._index else key)

    def __getitem__(self, key):
        self._note(key)
        return self._values[key]

    def get(self, key, default=None):
        self._note(key)
        return self._values.get(key, default)

    def __contains__(self, key) -> bool:
        self._note(key)
        return key in self._values

    def __iter__(self):
        _reads.add(("ids", self._kind))
        return iter(self._values)

    def keys(self):
        _reads.add(("ids", self._kind))
        return self._values.keys()

    def __len__(self) -> int:
        _reads.add(("ids", self._kind))
        return len(self._values)

    def values(self):
        _reads.add(("all", self._kind))
        return self._values.values()

    def items(self):
        _reads.add(("all", self._kind))
        return self._values.items()


_EVERY_KIND = "*"


class Dataset:
    def __init__(self, entities: dict[str, dict[str, Entity]], files: dict[str, str], archives: dict[str, str]):
        self.sources: dict[str, Source] = entities["source"]
        self.actors: dict[str, Actor] = entities["actor"]
        self.events: dict[str, Event] = entities["event"]
        self.claims: dict[str, Claim] = entities["claim"]
        self.files = files  # id -> data/<folder>/<id>.yaml
        self.archives = archives  # read through the sources that name them: see `changed_since`
        self._by_id: dict[str, Entity] = {eid: e for by_id in entities.values() for eid, e in by_id.items()}
        self._index()

    # --- what a page depends on ------------------------------------------------

    @contextmanager
    def recording_reads(self) -> Iterator[set]:
        """Note, in the set it yields, every entity and index entry read until the block ends.

        With `changed_since`, this lets the preview render again only the pages an edit touches:
        a page whose reads include nothing that changed would come out the same."""
        global _reads
        outer, _reads = _reads, set()
        plain = {name: getattr(self, name) for name, _, _ in self._RECORDED}
        if outer is None:  # the outermost block puts the noting views in place
            for name, kind, index in self._RECORDED:
                setattr(self, name, _Recorded(plain[name], kind, index))
        try:
            yield _reads
        finally:
            found, _reads = _reads, outer
            if outer is None:
                for name, value in plain.items():
                    setattr(self, name, value)
            else:
                outer.update(found)

    def note_reads(self, ids: Iterable[str]) -> None:
        """For code that keeps what it computed from the Dataset (graph.py's cache): the ids whose
        entities and index entries a result depends on, noted as if read again."""
        if _reads is not None:
            for entity_id in ids:
                _reads.add(entity_id)
                _reads.update((index, entity_id) for index in self._INDEXES)

    def changed_since(self, old: "Dataset") -> set:
        """What differs from `old`, in the terms `recording_reads` notes: the id of every entity
        added, removed or changed, or whose index entries (backlinks, claims about it, ...), file
        or archived text changed; and a token per kind whose ids, or whose entities, changed."""
        changed: set = set()
        for kind, new_entities, old_entities in (("source", self.sources, old.sources), ("actor", self.actors, old.actors),
                                                 ("event", self.events, old.events), ("claim", self.claims, old.claims)):
            differing = _differing(new_entities, old_entities)
            if dict.keys(new_entities) != dict.keys(old_entities):
                changed |= {("ids", kind), ("ids", _EVERY_KIND)}
            if differing:
                changed |= differing | {("all", kind), ("all", _EVERY_KIND)}
        changed |= _differing(self.files, old.files)
        archives = _differing(self.archives, old.archives)
        changed |= {source_id for dataset in (self, old) for source_id, source in dict.items(dataset.sources)
                    if source.archive in archives}
        for index in self._INDEXES:
            changed |= {(index, key) for key in _differing(getattr(self, index), getattr(old, index))}
        return changed

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

    _INDEXES = ("_backlinks", "_claims_about", "_events_of", "_affiliates", "_relations", "_claims_by",
                "_relayed", "_quotes_in", "_events_citing", "_related_events")
    _RECORDED = (("sources", "source", ""), ("actors", "actor", ""), ("events", "event", ""), ("claims", "claim", ""),
                 ("files", _EVERY_KIND, ""), ("_by_id", _EVERY_KIND, ""),
                 *((index, _EVERY_KIND, index) for index in _INDEXES))
    """(attribute, kind, index) of every dict `recording_reads` watches."""

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

        for index, values in zip(self._INDEXES, (backlinks, claims_about, events_of, affiliates, relations, claims_by,
                                                 relayed, quotes_in, events_citing, related_events)):
            setattr(self, index, dict(values))


def _differing(new: dict, old: dict) -> set:
    """The keys whose values differ between two dicts, or that only one has. The preview loads an
    unchanged file's entity as the same object (validate.ReadFiles): identity settles most keys."""
    return {key for key in dict.keys(new) | dict.keys(old)
            if (value := dict.get(new, key)) is not (old_value := dict.get(old, key)) and value != old_value}
