"""Relationship graphs as geometry: who is linked to which events and claims, and how.

The layout is layered and deterministic (no randomness, no physics): nodes sit
in columns, each column ordered so that linked nodes face each other, and every
edge keeps its type (took part, claimant, subject, affiliation) for its style
and for the text alternative. Only numbers and entity ids come out of here;
the markup, with every name escaped, is in templates/graph*.j2.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from statistics import mean
from typing import Iterable, Sequence

from .dataset import Dataset

NODE_KINDS = ("actor", "event", "claim")
EDGE_KINDS = ("participant", "place", "claimant", "relay", "subject", "affiliation", "claims")
DIRECTED = {"claimant", "relay", "subject", "claims"}

# An actor's neighbourhood is drawn with at most this many nodes besides the actor itself.
DIRECT_LIMIT = 7   # events, claims and affiliated actors linked to the actor
SECOND_LIMIT = 5   # other actors linked to those

ROW = 30           # vertical room per node in the longest column
BOX_HEIGHT = 22
PAD = 10           # margin around the drawing and inside a box
CHAR_WIDTH = 6.3   # average width of a 12px label character, to cut labels that would overflow


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str      # one of EDGE_KINDS
    label: str     # how the source relates to the target: "took part: attended", "claimant of"
    weight: int = 1


@dataclass(frozen=True)
class Node:
    entity_id: str
    kind: str      # actor / event / claim
    label: str     # the name, cut to fit the box
    column: int
    x: float
    y: float
    width: float
    centre: bool = False

    @property
    def height(self) -> int:
        return BOX_HEIGHT

    @property
    def text_x(self) -> float:
        return self.x + PAD

    @property
    def text_y(self) -> float:
        return self.y + 15


@dataclass(frozen=True)
class DrawnEdge:
    edge: Edge
    path: str      # SVG path data: numbers only

    @property
    def directed(self) -> bool:
        return self.edge.kind in DIRECTED

    @property
    def thickness(self) -> int:
        """1 to 4: aggregated edges grow with the number of claims they stand for."""
        return min(4, 1 + self.edge.weight // 2)


@dataclass(frozen=True)
class Graph:
    key: str                       # unique on its page; prefixes the SVG's element ids
    width: int
    height: int
    nodes: tuple[Node, ...]
    edges: tuple[DrawnEdge, ...]
    hidden_direct: tuple[tuple[str, int], ...] = ()   # (kind, count) linked to the centre but not drawn
    hidden_second: int = 0                            # actors linked through the drawn nodes, not drawn

    def edges_from(self, entity_id: str) -> list[DrawnEdge]:
        return [drawn for drawn in self.edges if drawn.edge.source == entity_id]

    def node_kinds(self) -> list[str]:
        present = {node.kind for node in self.nodes}
        return [kind for kind in NODE_KINDS if kind in present]

    def edge_kinds(self) -> list[str]:
        present = {drawn.edge.kind for drawn in self.edges}
        return [kind for kind in EDGE_KINDS if kind in present]


def connections(dataset: Dataset) -> list[Edge]:
    """Every link between actors, events and claims, typed, read from the Dataset's indexes."""
    edges = []
    for actor_id, actor in dataset.actors.items():
        for event_id, role in dataset.events_of(actor_id):
            if role == "place" and dataset.events[event_id].place == actor_id:
                edges.append(Edge(actor_id, event_id, "place", "place of"))
            else:
                edges.append(Edge(actor_id, event_id, "participant", f"took part: {role}"))
        edges += [Edge(actor_id, claim_id, "claimant", "claimant of") for claim_id in dataset.claims_by(actor_id)]
        edges += [Edge(actor_id, claim_id, "relay", f"{act} the claim")
                  for claim_id, act in dataset.claims_relayed_by(actor_id)]
        edges += [Edge(actor_id, a.actor, "affiliation", a.relation) for a in actor.affiliations]
    for subject_id in (*dataset.actors, *dataset.events):
        edges += [Edge(claim_id, subject_id, "subject", "is about") for claim_id in dataset.claims_about(subject_id)]
    return edges


@lru_cache(maxsize=1)
def _links(dataset: Dataset) -> tuple[tuple[Edge, ...], dict[str, frozenset[str]]]:
    """Every connection and who is linked to whom: computed once per Dataset (which never
    changes once built), not once per actor page."""
    edges = tuple(connections(dataset))
    return edges, {entity_id: frozenset(others) for entity_id, others in _adjacency(edges).items()}


def neighbourhood(dataset: Dataset, actor_id: str) -> Graph:
    """The actor, the most connected events, claims and actors linked to it, and the actors linked to those.

    Bounded to DIRECT_LIMIT + SECOND_LIMIT nodes around the actor, so that a
    hub like North Korea (49 claims) stays readable; the rest is counted in
    `hidden_direct` and `hidden_second`, and listed on the actor's page anyway.
    """
    edges, linked = _links(dataset)
    own_links = linked.get(actor_id, frozenset())
    ranked = sorted(own_links - {actor_id},
                    key=lambda other: (-len(linked[other]), NODE_KINDS.index(dataset.kind_of(other)), other))
    direct = _in_reading_order(dataset, ranked[:DIRECT_LIMIT])
    through = {other for node in direct for other in linked[node]
               if dataset.kind_of(other) == "actor" and other != actor_id and other not in own_links}
    second = sorted(through, key=lambda other: (-len(linked[other] & set(direct)), -len(linked[other]), other))
    second = _by_barycentre(second[:SECOND_LIMIT], direct, linked)

    hidden = Counter(dataset.kind_of(other) for other in ranked[DIRECT_LIMIT:])
    graph = _draw(dataset, actor_id, [[actor_id], direct, second], edges,
                  widths=(150, 240, 160), gaps=(50, 70), centre=actor_id)
    return replace(graph, hidden_direct=tuple((kind, hidden[kind]) for kind in NODE_KINDS if hidden[kind]),
                   hidden_second=len(through) - len(second))


def site_graph(dataset: Dataset) -> Graph:
    """All actors and events; claims drawn as one edge per claimant and subject, 'makes N claims about'."""
    every_edge = _links(dataset)[0]
    edges = [edge for edge in every_edge if edge.kind in ("participant", "place", "affiliation")]
    claimant_of = {edge.target: edge.source for edge in every_edge if edge.kind == "claimant"}
    made_about = Counter((claimant_of[edge.source], edge.target) for edge in every_edge
                         if edge.kind == "subject" and claimant_of[edge.source] != edge.target)
    edges += [Edge(claimant, subject, "claims", f"makes {n} claim{'s' if n > 1 else ''} about", n)
              for (claimant, subject), n in sorted(made_about.items())]
    events = dataset.events_in_order()
    actors = _by_barycentre(sorted(dataset.actors, key=lambda a: dataset.name(a).casefold()), events, _adjacency(edges))
    return _draw(dataset, "site", [actors, events], edges, widths=(190, 300), gaps=(190,), left_margin=170)


# --- layout -------------------------------------------------------------------

def _adjacency(edges: Iterable[Edge]) -> dict[str, set[str]]:
    linked: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        linked[edge.source].add(edge.target)
        linked[edge.target].add(edge.source)
    return linked


def _in_reading_order(dataset: Dataset, ids: list[str]) -> list[str]:
    """Events by date, then claims by date, then actors by name."""
    events = dataset.events_in_order([i for i in ids if dataset.kind_of(i) == "event"])
    claims = sorted((i for i in ids if dataset.kind_of(i) == "claim"), key=lambda c: (dataset.claim_date(c).sort_key(), c))
    actors = sorted((i for i in ids if dataset.kind_of(i) == "actor"), key=lambda a: dataset.name(a).casefold())
    return [*events, *claims, *actors]


def _by_barycentre(ids: list[str], fixed: list[str], linked: dict[str, set[str]]) -> list[str]:
    """`ids` ordered by the mean position of their links in the fixed column, so edges cross less.

    Those with no link there keep their given order, after the others.
    """
    position = {entity_id: index for index, entity_id in enumerate(fixed)}

    def key(entity_id: str) -> tuple[float, int]:
        places = [position[other] for other in linked[entity_id] if other in position]
        return (mean(places), 0) if places else (len(fixed), ids.index(entity_id))

    return sorted(ids, key=key)


def _draw(dataset: Dataset, key: str, columns: list[list[str]], edges: Sequence[Edge], widths: tuple[int, ...],
          gaps: tuple[int, ...], left_margin: int = PAD, centre: str | None = None) -> Graph:
    """Boxes in columns, each column spread over the height of the longest; edges between shown nodes."""
    height = max(len(column) for column in columns) * ROW + 2 * PAD
    nodes: dict[str, Node] = {}
    x = left_margin
    for index, column in enumerate(columns):
        slot = (height - 2 * PAD) / max(len(column), 1)
        for row, entity_id in enumerate(column):
            y = PAD + slot * row + (slot - BOX_HEIGHT) / 2
            nodes[entity_id] = Node(entity_id, dataset.kind_of(entity_id), _fit(dataset.name(entity_id), widths[index]),
                                    index, _round(x), _round(y), widths[index], entity_id == centre)
        x += widths[index] + (gaps[index] if index < len(gaps) else 0)
    width = int(x) + 40  # room for arcs between nodes of the last column
    drawn = tuple(DrawnEdge(edge, _path(nodes[edge.source], nodes[edge.target]))
                  for edge in edges if edge.source in nodes and edge.target in nodes and edge.source != edge.target)
    return Graph(key, width, height, tuple(nodes.values()), drawn)


def _path(source: Node, target: Node) -> str:
    """A curve from the side of one box that faces the other; within a column, an arc beside it."""
    y1, y2 = source.y + BOX_HEIGHT / 2, target.y + BOX_HEIGHT / 2
    if source.column == target.column:
        side = -1 if source.column == 0 else 1
        x = source.x if side < 0 else source.x + source.width
        bulge = side * min(170, 16 + abs(y2 - y1) * 0.3)
        return _numbers("M", x, y1, "C", x + bulge, y1, x + bulge, y2, x, y2)
    forward = source.column < target.column
    x1 = source.x + source.width if forward else source.x
    x2 = target.x if forward else target.x + target.width
    middle = (x1 + x2) / 2
    return _numbers("M", x1, y1, "C", middle, y1, middle, y2, x2, y2)


def _numbers(*parts: object) -> str:
    return " ".join(str(part if isinstance(part, str) else _round(part)) for part in parts)


def _round(value: float) -> float | int:
    """To a tenth, without a trailing '.0': fewer bytes in the SVG."""
    rounded = round(float(value), 1)
    return int(rounded) if rounded.is_integer() else rounded


def _fit(name: str, width: float) -> str:
    """The name, cut with an ellipsis where it would overflow a box this wide."""
    room = int((width - 2 * PAD) / CHAR_WIDTH)
    return name if len(name) <= room else name[:room - 1].rstrip() + "…"
