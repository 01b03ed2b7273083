"""The generated part of the site, as a pure function: Dataset -> {path: Markdown}.

No MkDocs here: `mkdocs_hook.py` adds these pages to a build, and
`python -m macros pages --out DIR` writes them to disk for inspection or for
another site generator.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from .dataset import Dataset
from .disagreements import disagreement_anchor, disagreements_by_sources
from .export import DOWNLOADS
from .feeds import SITE_FEED
from .model import KINDS, ActorKind, ClaimKind, ClaimStatus, Correction, HedgeLevel, PartialDate
from .page_corrections import PageCorrections
from .parallel import map_on_two_cores
from .reference import data_reference
from .render import Linker, render
from .structured_data import page_address

INDEX_TITLES = {"source": "Sources", "actor": "Actors", "event": "Events", "claim": "Claims"}
BROWSE = "browse"


class GeneratedPages(dict):
    """What `build_pages` made: {path: Markdown}, and, when asked to record, what a later call
    needs to render again only the entity pages an edit touched (see Dataset.recording_reads)."""

    def __init__(self, pages: dict[str, str], dataset: Dataset, last_updated: dict[str, str],
                 settings: tuple, reads: dict[str, frozenset], changed: set | None):
        super().__init__(pages)
        self.dataset = dataset
        self.last_updated = last_updated
        self.settings = settings  # what every page may show besides the data
        self.reads = reads  # entity page path -> what its rendering read
        self.changed = changed  # what differs from `previous` (Dataset.changed_since); None: anything may


def build_pages(dataset: Dataset, site_name: str = "", site_url: str = "",
                last_updated: Mapping[str, str] | None = None,
                corrected_pages: Sequence[PageCorrections] = (),
                previous: GeneratedPages | None = None, record: bool = False) -> GeneratedPages:
    """Every generated page. `last_updated` maps ids to the date their file last changed (see history.py);
    `corrected_pages` are the hand-written pages with corrections, for the corrections log.

    With `record`, what each entity page reads is kept, and given the result as `previous` a
    later call renders again only the entity pages whose reads changed (plus every page that is
    not an entity's: indexes, facets, logs), taking the others from `previous` as they were."""
    last_updated = dict(last_updated or {})
    settings = (site_name, site_url)
    shared = {"dataset": dataset, "site_title": site_name, "last_updated": last_updated,
              "downloads": DOWNLOADS, "browse": BROWSE, "disagreement_anchor": disagreement_anchor}
    jobs: list[tuple[str, str, dict]] = []  # (path, template, its values)

    def add(path: str, template: str, **values) -> None:
        jobs.append((path, template, values))

    def rendered(job: tuple[str, str, dict]) -> tuple[str, frozenset]:
        path, template, values = job
        if not record:
            return render(template, link=Linker(dataset, path), page_path=path, **shared, **values), frozenset()
        with dataset.recording_reads() as reads:
            markdown = render(template, link=Linker(dataset, path), page_path=path, **shared, **values)
        return markdown, frozenset({*reads, values.get("entity_id", path)})

    for kind, model in KINDS.items():
        add(f"{model.folder}/index.md", f"{kind}_index.md.j2", title=INDEX_TITLES[kind], ids=_index_order(dataset, kind))
        for entity_id, entity in getattr(dataset, model.folder).items():
            add(dataset.page_path(entity_id), f"{kind}.md.j2", entity_id=entity_id, entity=entity,
                address=page_address(site_url, dataset.page_path(entity_id)))
    facets = _facets(dataset)
    for facet in facets:
        add(f"{BROWSE}/{facet['slug']}.md", "facet.md.j2", facet=facet)
    add(f"{BROWSE}/index.md", "browse_index.md.j2", facets=facets)
    add(f"{BROWSE}/disagreements.md", "disagreements.md.j2", groups=disagreements_by_sources(dataset))
    add("editing/data-reference.md", "data_reference.md.j2", reference=data_reference(dataset))
    add("corrections.md", "corrections.md.j2", corrections=_corrections_log(dataset, corrected_pages), feed=SITE_FEED)

    changed = _changes(previous, dataset, settings, last_updated) if record else None
    kept = set() if changed is None else {
        path for path, _, values in jobs
        if "entity_id" in values and path in previous.reads and previous.reads[path].isdisjoint(changed)}
    to_render = [job for job in jobs if job[0] not in kept]
    # The pages that are not an entity's are rendered on every call, and together list about a row
    # per entity; a row costs about a quarter of an entity page (measured at 10,000 entities).
    work = len(to_render) + len(dataset.ids()) // 4
    results = dict(zip((path for path, _, _ in to_render), map_on_two_cores(rendered, to_render, work)))
    pages = {path: previous[path] if path in kept else results[path][0] for path, _, _ in jobs}
    reads = {path: previous.reads[path] if path in kept else results[path][1]
             for path, _, values in jobs if "entity_id" in values} if record else {}
    return GeneratedPages(pages, dataset, last_updated, settings, reads, changed)


def _changes(previous: GeneratedPages | None, dataset: Dataset, settings: tuple,
             last_updated: dict[str, str]) -> set | None:
    """What a page may have read that differs from `previous`; None when anything may have."""
    if previous is None or previous.settings != settings or not previous.reads:
        return None
    old_dates = previous.last_updated
    return dataset.changed_since(previous.dataset) | {
        entity_id for entity_id in last_updated.keys() | old_dates.keys()
        if last_updated.get(entity_id) != old_dates.get(entity_id)}


def _index_order(dataset: Dataset, kind: str) -> list[str]:
    if kind == "event":
        return dataset.events_in_order()
    if kind == "claim":
        return dataset.claims_in_order()
    entities = getattr(dataset, KINDS[kind].folder)
    return dataset.by_name(entities)


def _facets(dataset: Dataset) -> list[dict]:
    """Ways to browse: claims by kind, hedge level, status and claimant; actors by kind."""
    claims = dataset.claims

    def grouped(ids, key: Callable[[str], str], order: list[str]) -> list[tuple[str, list[str]]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for entity_id in ids:
            groups[key(entity_id)].append(entity_id)
        return [(value, groups[value]) for value in order if groups.get(value)]

    claimants = dataset.by_name({c.claimant for c in claims.values()})
    in_order = dataset.claims_in_order()
    return [
        {"slug": "claims-by-kind", "title": "Claims by kind", "of": "claim",
         "groups": grouped(in_order, lambda c: claims[c].kind.value, [k.value for k in ClaimKind])},
        {"slug": "claims-by-hedge", "title": "Claims by hedge level", "of": "claim",
         "groups": grouped(in_order, lambda c: claims[c].hedge_level.value, [h.value for h in HedgeLevel])},
        {"slug": "claims-by-status", "title": "Claims by status", "of": "claim",
         "groups": grouped(in_order, lambda c: claims[c].status.value, [s.value for s in ClaimStatus])},
        {"slug": "claims-by-claimant", "title": "Claims by claimant", "of": "claim",
         "groups": grouped(in_order, lambda c: claims[c].claimant, claimants)},
        {"slug": "actors-by-kind", "title": "Actors by kind", "of": "actor",
         "groups": grouped(_index_order(dataset, "actor"), lambda a: dataset.actors[a].kind.value, [k.value for k in ActorKind])},
    ]


@dataclass(frozen=True)
class LoggedCorrection:
    page: str  # Markdown path of the corrected page
    name: str
    kind: str  # an entity's kind, or "page" for a hand-written page
    correction: Correction


def _corrections_log(dataset: Dataset, corrected_pages: Sequence[PageCorrections]) -> list[tuple[str, list[LoggedCorrection]]]:
    """(day as shown, its corrections) for every correction of every entity and hand-written page,
    newest day first; within a day, pages first, then by kind (as in the nav) and name."""
    by_day: dict[str, list[LoggedCorrection]] = defaultdict(list)
    for entity_id in dataset.ids():
        entity = dataset.get(entity_id)
        for correction in entity.corrections:
            by_day[correction.date].append(
                LoggedCorrection(dataset.page_path(entity_id), dataset.name(entity_id), entity.kind_name, correction))
    for corrected in corrected_pages:
        for correction in corrected.corrections:
            by_day[correction.date].append(LoggedCorrection(corrected.page, corrected.title, "page", correction))
    kind_order = ["page", *KINDS]
    return [(PartialDate.parse(day).display(),
             sorted(by_day[day], key=lambda logged: (kind_order.index(logged.kind), logged.name.casefold(), logged.page)))
            for day in sorted(by_day, reverse=True)]
