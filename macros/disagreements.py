"""Where the sources disagree: every claim that contradicts or qualifies another, as a pair.

A pair is read the way the relation is declared: claim A (`says`) contradicts or qualifies claim B
(`against`). The browse page shows each pair side by side, grouped by the texts the two claims
come from, and each claim's page links to its pairs there (`anchor`). Any number of sources:
pairs within one text and between any two texts are grouped alike.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .dataset import Dataset
from .model import RelationType

CHALLENGING = (RelationType.CONTRADICTS.value, RelationType.QUALIFIES.value)
"""The relation types that set one claim against another (supports and context-for do not)."""


@dataclass(frozen=True)
class Disagreement:
    says: str  # claim A, which contradicts or qualifies
    against: str  # claim B
    type: str  # 'contradicts' or 'qualifies'
    reason: str  # the editors' reason, labelled as their inference where it is one

    @property
    def anchor(self) -> str:
        return disagreement_anchor(self.says, self.against)


def disagreement_anchor(says: str, against: str) -> str:
    """The pair's id on the disagreements page (ids are lowercase words and single hyphens, so
    '--' cannot occur inside one)."""
    return f"{says}--{against}"


def disagreements(dataset: Dataset) -> list[Disagreement]:
    """Every pair, in the order of the challenged claim, then of the challenger."""
    order = {claim_id: position for position, claim_id in enumerate(dataset.claims_in_order())}
    pairs = [Disagreement(claim_id, relation.other, relation.type, relation.reason)
             for claim_id in dataset.claims
             for relation in dataset.relations_of(claim_id)
             if relation.declared_here and relation.type in CHALLENGING]
    return sorted(pairs, key=lambda pair: (order[pair.against], order[pair.says]))


def disagreements_by_sources(dataset: Dataset) -> list[tuple[tuple[str, ...], list[Disagreement]]]:
    """((source,) or (earlier source, later source), its pairs) for every group with pairs.

    A claim is placed by the earliest text it is quoted in. Pairs between two texts come first,
    by the order of the texts; then pairs within one text."""
    source_order = {source_id: position for position, source_id in enumerate(dataset.sources_in_order())}

    def first_source(claim_id: str) -> str:
        return min((a.source for a in dataset.claims[claim_id].appearances), key=source_order.__getitem__)

    groups: dict[tuple[str, ...], list[Disagreement]] = defaultdict(list)
    for pair in disagreements(dataset):
        sources = tuple(sorted({first_source(pair.says), first_source(pair.against)}, key=source_order.__getitem__))
        groups[sources].append(pair)
    return sorted(groups.items(), key=lambda group: (len(group[0]) == 1, [source_order[s] for s in group[0]]))
