"""Atom feeds (RFC 4287) of new and corrected entries, as a pure function:
Dataset + the date each file was first committed -> {path in the site: XML}.

One feed for the whole site (`feed.xml`) and one per actor, beside its page
(`actors/<id>/feed.xml`), holding the actor and everything that names it (its
backlinks: claims it makes, passes on or is the subject of, events it took part
in or that happened there, actors affiliated with it). An entity is "new" on the day its data file was first committed
(history.py) and "corrected" on the date of each of its `corrections`.

The XML is built as an ElementTree and written by its serializer, so every text
from data is escaped there (`<`, `&`, `]]>` stay text); no markup is ever
assembled from strings. Summaries are `type="text"`: a reader shows them as
they are, never as HTML.
"""
from __future__ import annotations

import posixpath
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Mapping, Sequence

from .dataset import Dataset
from .model import Actor, Claim, Correction, Entity
from .page_corrections import PageCorrections
from .render import built_url

ATOM = "http://www.w3.org/2005/Atom"
SITE_FEED = "feed.xml"
MOST_ENTRIES = 100  # a feed is for what changed lately; the site itself holds everything
NEVER = "1970-01-01"  # the <updated> of a feed with no entries (nothing in it has changed)


def actor_feed_path(actor_id: str) -> str:
    """Beside the actor's page (actors/<id>/index.html), which MkDocs never writes a file of this name into."""
    return f"actors/{actor_id}/feed.xml"


@dataclass(frozen=True)
class Entry:
    page: str  # Markdown path of the page the entry is about
    kind: str  # an entity's kind, or "page" for a hand-written page
    date: str  # YYYY-MM-DD
    title: str
    summary: str
    fragment: str  # "" for the entity itself, "correction-N" for its Nth correction (oldest is 1)


def feed_files(dataset: Dataset, first_committed: Mapping[str, str], site_name: str = "",
               site_url: str = "", corrected_pages: Sequence[PageCorrections] = ()) -> dict[str, str]:
    """{path: Atom XML} for the site feed and every actor's feed. `first_committed` maps ids to
    the day their file was first committed (FileHistory.first_committed); an id without one has
    no "new" entry (in a copy without git history, only the corrections are listed). The
    corrections of hand-written pages (`corrected_pages`) are in the site feed only."""
    entries: dict[str, list[Entry]] = {entity_id: _entries(dataset, entity_id, first_committed.get(entity_id))
                                       for entity_id in dataset.ids()}
    of_site = f" ({site_name})" if site_name else ""
    feeds = {SITE_FEED: _feed(SITE_FEED, f"New and corrected entries{of_site}", "index.md",
                              [*(entry for by_entity in entries.values() for entry in by_entity),
                               *(entry for corrected in corrected_pages for entry in _page_entries(corrected))],
                              site_name, site_url)}
    for actor_id, actor in dataset.actors.items():
        involved = dict.fromkeys([actor_id, *(backlink.entity_id for backlink in dataset.backlinks(actor_id))])
        feeds[actor_feed_path(actor_id)] = _feed(
            actor_feed_path(actor_id), f"{actor.name}: new and corrected entries{of_site}",
            dataset.page_path(actor_id), [entry for entity_id in involved for entry in entries[entity_id]],
            site_name, site_url)
    return feeds


def _entries(dataset: Dataset, entity_id: str, first_committed: str | None) -> list[Entry]:
    entity, page = dataset.get(entity_id), dataset.page_path(entity_id)
    new = [Entry(page, entity.kind_name, first_committed, f"New {entity.kind_name}: {dataset.name(entity_id)}",
                 _what_it_says(entity), "")] if first_committed else []
    return new + _correction_entries(page, entity.kind_name, dataset.name(entity_id), entity.corrections)


def _page_entries(corrected: PageCorrections) -> list[Entry]:
    return _correction_entries(corrected.page, "page", corrected.title, corrected.corrections)


def _correction_entries(page: str, kind: str, name: str, corrections: Sequence[Correction]) -> list[Entry]:
    return [Entry(page, kind, correction.date, f"Correction to {kind}: {name}",
                  f"What changed: {correction.change.rstrip('.')}. Why: {correction.reason}", f"correction-{number}")
            for number, correction in enumerate(corrections, start=1)]


def _what_it_says(entity: Entity) -> str:
    if isinstance(entity, Claim):
        return entity.statement
    if isinstance(entity, Actor):
        return entity.description
    return entity.summary  # events and sources


def _feed(feed_path: str, title: str, alternate_page: str, entries: list[Entry],
          site_name: str, site_url: str) -> str:
    def address(site_path: str, fragment: str = "") -> str:
        """A path in the built site ('actors/x/', 'feed.xml'): absolute with a site_url, otherwise
        relative to the feed's own location, as a reader resolves it."""
        if site_url:
            href = site_url.rstrip("/") + "/" + site_path
        else:
            href = posixpath.relpath(site_path or ".", posixpath.dirname(feed_path) or ".")
            href += "/" if site_path.endswith("/") or not site_path else ""
        return f"{href}#{fragment}" if fragment else href

    newest = sorted(sorted(entries, key=lambda entry: (entry.page, entry.fragment)),
                    key=lambda entry: entry.date, reverse=True)[:MOST_ENTRIES]
    # The namespace as a plain attribute of the root, unprefixed names below it: ElementTree's
    # default_namespace option refuses Atom's unqualified attributes (type, rel, href).
    feed = ET.Element("feed", xmlns=ATOM)
    _text(feed, "title", title)
    _text(feed, "id", entry_id(site_url, feed_path))
    _link(feed, "self", address(feed_path), "application/atom+xml")
    _link(feed, "alternate", address(built_url(alternate_page)), "text/html")
    _text(feed, "updated", _timestamp(newest[0].date if newest else NEVER))
    _text(ET.SubElement(feed, "author"), "name", site_name or "the editors")
    for entry in newest:
        element = ET.SubElement(feed, "entry")
        page = built_url(entry.page)
        _text(element, "title", entry.title)
        _text(element, "id", entry_id(site_url, page, entry.fragment))
        _link(element, "alternate", address(page, "corrections" if entry.fragment else ""), "text/html")
        _text(element, "updated", _timestamp(entry.date))
        ET.SubElement(element, "category", term=entry.kind)
        _text(element, "summary", entry.summary)
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def entry_id(site_url: str, site_path: str, fragment: str = "") -> str:
    """The id of a feed or an entry ('actors/x/', 'feed.xml'; 'correction-2'). An id must be an
    absolute IRI that never changes: the page's stable address (as in every citation), or, with no
    site_url to make it absolute, a name-based UUID of the path."""
    if site_url:
        return site_url.rstrip("/") + "/" + site_path + (f"#{fragment}" if fragment else "")
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{site_path}#{fragment}").urn


def _text(parent: ET.Element, name: str, text: str) -> None:
    element = ET.SubElement(parent, name)
    if name in ("title", "summary"):
        element.set("type", "text")
    element.text = text


def _link(parent: ET.Element, rel: str, href: str, media_type: str) -> None:
    ET.SubElement(parent, "link", rel=rel, type=media_type, href=href)


def _timestamp(day: str) -> str:
    """RFC 3339, which Atom requires: the start of the day (git and the data give only the day)."""
    return f"{day}T00:00:00Z"
