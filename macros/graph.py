"""Relationship graphs as geometry: who is linked to which events and claims, and how.

The drawings are SVG laid out here, at build time: the same data always gives the same drawing,
it reads without JavaScript, and a reader downloads no graph library (docs/javascripts/graph.js
only adds the reader's view: one node's links lit, or on a narrow screen that node with only
its links, laid out again). The layout is layered and deterministic (no randomness, no
physics): nodes sit in columns, each free column ordered so that linked nodes face each other
(barycentres, then swapping neighbours while that removes crossings), and every edge keeps its
type (took part, claimant, subject, affiliation) for its style, for the reader's view and for
the text alternative. Labels are wrapped between words to fit their box, measured with a wide
font's widths so that they fit in any usual one. Only numbers, ids and label text come out of
here; the markup, with every name escaped, is in templates/graph*.j2.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from statistics import mean
from typing import Iterable, Sequence

from .dataset import Dataset

NODE_KINDS = ("actor", "event", "claim")
EDGE_KINDS = ("participant", "place", "claimant", "relay", "subject", "affiliation", "claims")
DIRECTED = {"claimant", "relay", "subject", "claims"}

# An actor's neighbourhood is drawn with at most this many nodes besides the actor itself.
DIRECT_LIMIT = 7   # events, claims and affiliated actors linked to the actor
SECOND_LIMIT = 5   # other actors linked to those
# The site-wide drawing holds at most this many actors and events, those with the most links: more
# boxes make a drawing too tall to follow (and at 10,000 entities a page of 10 MB).
SITE_LIMIT = 120

# The drawing is made to be shown at one unit to the CSS pixel (never scaled down: a drawing
# wider than the page scrolls inside its frame, and the script lays a narrow screen out again),
# so FONT_SIZE is the size a reader sees (docs/stylesheets/graph.css sets the same).
FONT_SIZE = 13
LINE = 16          # from one line of a label to the next
MAX_LINES = 3      # a longer name ends with '…' (the whole name is in the box's title and in the list)
PAD = 10           # margin around the drawing
BOX_PAD_X = 8      # between a box's side and its label
BOX_PAD_Y = 5
GAP = 8            # the least room between two boxes of a column
ASCENT = 12        # from the top of a line to its baseline, at FONT_SIZE
SWEEPS = 8         # passes of neighbour swapping, at most (each one is linear in the edges)

# Advance widths of DejaVu Sans (the widest common sans-serif, and what Chromium falls back to on
# Linux), in hundredths of an em, for ' ' to '~'; a label measured with them fits in narrower fonts.
_ASCII_WIDTHS = (
    32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 34, 34, 84, 84, 84, 53, 100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79,
    60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50, 50, 61, 63, 55, 63, 62, 35, 63,
    63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
)
_TYPOGRAPHIC_WIDTHS = {"’": 32, "‘": 32, "“": 52, "”": 52, "–": 50, "—": 100, "…": 100, "·": 32}
_BOLD = 1.12       # bold DejaVu Sans is at most this much wider
_BREAK_AFTER = re.compile(r"(?<=[-–—/])(?=\w)")  # a name may also break after a dash or a slash
_ELLIPSIS = "…"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str      # one of EDGE_KINDS
    label: str     # how the source relates to the target: "took part: attended", "claimant of"
    inverse: str   # how the target relates to the source: "participant: attended", "made by"
    weight: int = 1


@dataclass(frozen=True)
class Node:
    entity_id: str
    kind: str      # actor / event / claim
    lines: tuple[str, ...]   # the label, wrapped to the box between words
    column: int
    x: float
    y: float
    width: float
    height: float
    centre: bool = False

    @property
    def text_x(self) -> float:
        return _round(self.x + BOX_PAD_X)

    def baselines(self) -> list[tuple[str, float]]:
        """(line, y of its baseline) for each line of the label."""
        return [(line, _round(self.y + BOX_PAD_Y + ASCENT + index * LINE)) for index, line in enumerate(self.lines)]


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
    start: str = ""                # the node a narrow screen shows with its links first
    hidden_direct: tuple[tuple[str, int], ...] = ()   # (kind, count) linked to the centre but not drawn
    hidden_second: int = 0                            # actors linked through the drawn nodes, not drawn
    left_out: int = 0              # the site's drawing: actors and events with fewer links, not drawn

    def edges_from(self, entity_id: str) -> list[DrawnEdge]:
        return self._edges_by_source.get(entity_id, [])

    @cached_property
    def _edges_by_source(self) -> dict[str, list[DrawnEdge]]:
        """The drawn edges of each node, in drawing order: the list of each node's links reads
        every edge once, not once per node (the site-wide graph at 10,000 entities has 13,000 nodes)."""
        by_source: dict[str, list[DrawnEdge]] = defaultdict(list)
        for drawn in self.edges:
            by_source[drawn.edge.source].append(drawn)
        return dict(by_source)

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
                edges.append(Edge(actor_id, event_id, "place", "place of", "took place in"))
            else:
                edges.append(Edge(actor_id, event_id, "participant", f"took part: {role}", f"participant: {role}"))
        edges += [Edge(actor_id, claim_id, "claimant", "claimant of", "made by") for claim_id in dataset.claims_by(actor_id)]
        edges += [Edge(actor_id, claim_id, "relay", f"{act} the claim", f"{act} by")
                  for claim_id, act in dataset.claims_relayed_by(actor_id)]
        edges += [Edge(actor_id, a.actor, "affiliation", a.relation, f"affiliate: {a.relation}") for a in actor.affiliations]
    for subject_id in (*dataset.actors, *dataset.events):
        edges += [Edge(claim_id, subject_id, "subject", "is about", "subject of")
                  for claim_id in dataset.claims_about(subject_id)]
    return edges


@lru_cache(maxsize=1)
def _links(dataset: Dataset) -> tuple[tuple[Edge, ...], dict[str, frozenset[str]], dict[str, tuple[int, ...]]]:
    """Every connection, who is linked to whom, and the positions in the first of each node's
    edges: computed once per Dataset (which never changes once built), not once per actor page."""
    edges = tuple(connections(dataset))
    positions: dict[str, list[int]] = defaultdict(list)
    for position, edge in enumerate(edges):
        positions[edge.source].append(position)
        positions[edge.target].append(position)
    return (edges, {entity_id: frozenset(others) for entity_id, others in _adjacency(edges).items()},
            {entity_id: tuple(found) for entity_id, found in positions.items()})


def neighbourhood(dataset: Dataset, actor_id: str) -> Graph:
    """The actor, the most connected events, claims and actors linked to it, and the actors linked to those.

    Bounded to DIRECT_LIMIT + SECOND_LIMIT nodes around the actor, so that a
    hub like North Korea (49 claims) stays readable; the rest is counted in
    `hidden_direct` and `hidden_second`, and listed on the actor's page anyway.
    """
    edges, linked, positions = _links(dataset)
    own_links = linked.get(actor_id, frozenset())
    dataset.note_reads({actor_id, *own_links})  # what the cache was read for: see Dataset.note_reads
    ranked = sorted(own_links - {actor_id},
                    key=lambda other: (-len(linked[other]), NODE_KINDS.index(dataset.kind_of(other)), other))
    direct = _in_reading_order(dataset, ranked[:DIRECT_LIMIT])
    through = {other for node in direct for other in linked[node]
               if dataset.kind_of(other) == "actor" and other != actor_id and other not in own_links}
    dataset.note_reads(through)
    second = sorted(through, key=lambda other: (-len(linked[other] & set(direct)), -len(linked[other]), other))
    second = _fewer_crossings(second[:SECOND_LIMIT], direct, linked)

    hidden = Counter(dataset.kind_of(other) for other in ranked[DIRECT_LIMIT:])
    # Only the edges of the nodes drawn, in their site-wide order: drawing must not scan every edge of the site.
    nearby = [edges[position] for position in sorted({position for node in (actor_id, *direct, *second)
                                                       for position in positions.get(node, ())})]
    graph = _draw(dataset, actor_id, [[actor_id], direct, second], nearby,
                  widths=(150, 210, 160), gaps=(36, 52), margins=(PAD, 40), centre=actor_id)
    return replace(graph, start=actor_id,
                   hidden_direct=tuple((kind, hidden[kind]) for kind in NODE_KINDS if hidden[kind]),
                   hidden_second=len(through) - len(second))


def site_graph(dataset: Dataset) -> Graph:
    """The actors and events (up to SITE_LIMIT: those with the most links); claims drawn as one
    edge per claimant and subject, 'makes N claims about'."""
    every_edge = _links(dataset)[0]
    dataset.note_reads([*dataset.actors, *dataset.events])  # what the cache was read for: see Dataset.note_reads
    edges = [edge for edge in every_edge if edge.kind in ("participant", "place", "affiliation")]
    claimant_of = {edge.target: edge.source for edge in every_edge if edge.kind == "claimant"}
    made_about = Counter((claimant_of[edge.source], edge.target) for edge in every_edge
                         if edge.kind == "subject" and claimant_of[edge.source] != edge.target)
    edges += [Edge(claimant, subject, "claims", f"makes {n} claim{'s' if n > 1 else ''} about",
                   f"subject of {n} claim{'s' if n > 1 else ''} by", n)
              for (claimant, subject), n in sorted(made_about.items())]
    actors, events = dataset.by_name(dataset.actors), dataset.events_in_order()
    everything = [*actors, *events]
    drawn = _most_linked(everything, edges, SITE_LIMIT)
    actors, events = [i for i in actors if i in drawn], [i for i in events if i in drawn]
    edges = [edge for edge in edges if edge.source in drawn and edge.target in drawn]
    actors = _fewer_crossings(actors, events, _adjacency(edges))
    graph = _draw(dataset, "site", [actors, events], edges, widths=(180, 236), gaps=(170,), margins=(130, PAD))
    return replace(graph, start=_most_discussed(actors, edges), left_out=len(everything) - len(drawn))


def _most_linked(ids: list[str], edges: Iterable[Edge], limit: int) -> set[str]:
    """The `limit` of `ids` with the most edges; on a tie, those earlier in `ids`."""
    if len(ids) <= limit:
        return set(ids)
    links = Counter(end for edge in edges for end in (edge.source, edge.target))
    return set(sorted(ids, key=lambda entity_id: -links[entity_id])[:limit])  # a stable sort keeps ties in order


def _most_discussed(actors: Sequence[str], edges: Iterable[Edge]) -> str:
    """Where a narrow screen starts: the actor with the most links, not counting the claims it
    makes (so the site's subject, not its most prolific source); the first in the drawing on a tie."""
    links = Counter(edge.target if edge.kind == "claims" else edge.source for edge in edges)
    links.update(edge.target for edge in edges if edge.kind == "affiliation")
    return max(actors, key=lambda actor_id: links[actor_id], default="")


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
    actors = dataset.by_name(i for i in ids if dataset.kind_of(i) == "actor")
    return [*events, *claims, *actors]


def _fewer_crossings(ids: list[str], fixed: list[str], linked: dict[str, set[str]]) -> list[str]:
    """`ids` ordered beside the `fixed` column so that their edges to it cross as little as this finds.

    First by the mean position of their links in the fixed column (those with none keep their
    order, after the others), then by swapping neighbours while a swap removes crossings: the
    usual two steps of layered drawing (Sugiyama), linear in the edges for each pass.
    """
    position = {entity_id: index for index, entity_id in enumerate(fixed)}
    ends = {entity_id: sorted(position[other] for other in linked.get(entity_id, ()) if other in position)
            for entity_id in ids}
    given = {entity_id: index for index, entity_id in enumerate(ids)}
    order = sorted(ids, key=lambda entity_id: (mean(ends[entity_id]), 0) if ends[entity_id] else (len(fixed), given[entity_id]))

    def crossings(upper: str, lower: str) -> int:
        """Pairs of edges that cross when `upper` is drawn above `lower`."""
        return sum(bisect_left(ends[lower], end) for end in ends[upper])

    for _ in range(SWEEPS):
        swapped = False
        for index in range(len(order) - 1):
            upper, lower = order[index], order[index + 1]
            if ends[upper] and ends[lower] and crossings(upper, lower) > crossings(lower, upper):
                order[index], order[index + 1] = lower, upper
                swapped = True
        if not swapped:
            break
    return order


def _draw(dataset: Dataset, key: str, columns: list[list[str]], edges: Sequence[Edge], widths: tuple[int, ...],
          gaps: tuple[int, ...], margins: tuple[int, int], centre: str | None = None) -> Graph:
    """Boxes in columns, each column spread over the height of the longest; edges between shown nodes."""
    lines = {entity_id: wrap(box_label(dataset, entity_id), widths[index] - 2 * BOX_PAD_X, bold=entity_id == centre)
             for index, column in enumerate(columns) for entity_id in column}
    heights = {entity_id: len(found) * LINE + 2 * BOX_PAD_Y for entity_id, found in lines.items()}
    tallest = max(sum(heights[entity_id] + GAP for entity_id in column) for column in columns)
    height = tallest + 2 * PAD
    nodes: dict[str, Node] = {}
    rooms = []  # how far an arc between two boxes of a column may bulge: to the left of the first, else to the right
    x = margins[0]
    for index, column in enumerate(columns):
        spacing = (tallest - sum(heights[entity_id] for entity_id in column)) / max(len(column), 1)
        y = PAD + spacing / 2
        for entity_id in column:
            nodes[entity_id] = Node(entity_id, dataset.kind_of(entity_id), lines[entity_id], index, _round(x),
                                    _round(y), widths[index], heights[entity_id], entity_id == centre)
            y += heights[entity_id] + spacing
        rooms.append(margins[0] - 4 if index == 0 else (gaps[index] if index < len(gaps) else margins[1]) - 4)
        x += widths[index] + (gaps[index] if index < len(gaps) else 0)
    drawn = tuple(DrawnEdge(edge, _path(nodes[edge.source], nodes[edge.target], rooms[nodes[edge.source].column]))
                  for edge in edges if edge.source in nodes and edge.target in nodes and edge.source != edge.target)
    return Graph(key, int(x + margins[1]), int(height), tuple(nodes.values()), drawn)


def _path(source: Node, target: Node, room: float) -> str:
    """A curve from the side of one box that faces the other; within a column, an arc beside it."""
    y1, y2 = source.y + source.height / 2, target.y + target.height / 2
    if source.column == target.column:
        side = -1 if source.column == 0 else 1
        x = source.x if side < 0 else source.x + source.width
        bulge = side * min(room, 16 + abs(y2 - y1) * 0.3)
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


# --- labels -------------------------------------------------------------------

def box_label(dataset: Dataset, entity_id: str) -> str:
    """What a box says: the short name running text uses ('The opinion writer', 'The NIS'), as a
    box starts a sentence; the full name is the box's title, and the list under the drawing's."""
    from .render import sentence_start  # render imports this module to lay drawings out
    return sentence_start(dataset.short_name(entity_id))


def text_width(text: str, bold: bool = False) -> float:
    """How wide `text` is at FONT_SIZE, in a wide font: no usual font sets it wider."""
    return sum(map(_char_width, text)) * FONT_SIZE / 100 * (_BOLD if bold else 1)


def _char_width(char: str) -> int:
    code = ord(char)
    if 32 <= code < 127:
        return _ASCII_WIDTHS[code - 32]
    if char in _TYPOGRAPHIC_WIDTHS:
        return _TYPOGRAPHIC_WIDTHS[char]
    base = unicodedata.normalize("NFD", char)[0]
    if base != char and 32 <= ord(base) < 127:  # an accented letter: as wide as the letter
        return _ASCII_WIDTHS[ord(base) - 32]
    return 100 if unicodedata.east_asian_width(char) in "WF" else 80


def wrap(name: str, width: float, bold: bool = False) -> tuple[str, ...]:
    """The name in at most MAX_LINES lines of at most `width`, broken between words or after a dash.

    A name longer than that ends after its last whole word that fits, with '…'. Only a single word
    wider than a whole line is cut inside: no line can hold it.
    """
    pieces = [(piece, index == len(parts) - 1)  # (piece, whether a space follows it)
              for word in name.split() for parts in [_BREAK_AFTER.split(word)] for index, piece in enumerate(parts)]
    lines: list[str] = []
    line, joiner = "", ""
    for piece, spaced in pieces:
        longer = f"{line}{joiner}{piece}"
        if line and text_width(longer, bold) > width:
            lines.append(line)
            longer = piece
        line, joiner = longer, " " if spaced else ""
    lines.append(line)
    lines = [_cut(found, width, bold) if text_width(found, bold) > width else found for found in lines]
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES - 1] + [_shortened(lines[MAX_LINES - 1], width, bold)]
    return tuple(lines)


def _shortened(line: str, width: float, bold: bool) -> str:
    """The line, with whole words dropped from its end until it fits with '…' after it."""
    while text_width(line + _ELLIPSIS, bold) > width:
        words = re.split(r"(?<=[-–—/])(?=\w)|\s+", line)
        if len(words) < 2:
            return _cut(line, width, bold)
        line = line[:len(line) - len(words[-1])].rstrip()
    return line.rstrip(" ,;:(“‘\"'-–—/") + _ELLIPSIS


def _cut(text: str, width: float, bold: bool) -> str:
    """A word too wide for a whole line, cut where it fills it, with '…'."""
    while text and text_width(text + _ELLIPSIS, bold) > width:
        text = text[:-1]
    return text + _ELLIPSIS
