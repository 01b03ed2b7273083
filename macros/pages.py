"""The generated part of the site, as a pure function: Dataset -> {path: Markdown}.

No MkDocs here: `mkdocs_hook.py` adds these pages to a build, and
`python -m macros pages --out DIR` writes them to disk for inspection or for
another site generator.
"""
from __future__ import annotations

from .dataset import Dataset
from .model import KINDS
from .render import Linker, render

INDEX_TITLES = {"source": "Sources", "actor": "Actors", "event": "Events", "claim": "Claims"}


def build_pages(dataset: Dataset) -> dict[str, str]:
    pages: dict[str, str] = {}
    for kind, model in KINDS.items():
        entities = getattr(dataset, model.folder)
        index_path = f"{model.folder}/index.md"
        pages[index_path] = render(f"{kind}_index.md.j2", title=INDEX_TITLES[kind], dataset=dataset,
                                   link=Linker(dataset, index_path), ids=_index_order(dataset, kind))
        for entity_id, entity in entities.items():
            path = dataset.page_path(entity_id)
            pages[path] = render(f"{kind}.md.j2", dataset=dataset, link=Linker(dataset, path),
                                 entity_id=entity_id, entity=entity)
    return pages


def _index_order(dataset: Dataset, kind: str) -> list[str]:
    if kind == "event":
        return dataset.events_in_order()
    if kind == "claim":
        return sorted(dataset.claims, key=lambda c: (dataset.claim_date(c).sort_key(), dataset.claims[c].claimant, c))
    entities = getattr(dataset, KINDS[kind].folder)
    return sorted(entities, key=lambda entity_id: dataset.name(entity_id).casefold())
