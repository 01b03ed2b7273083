"""schema.org JSON-LD for entity pages: Person/Organization/Place for actors, Event,
Claim (with author and appearance), and NewsArticle-family types for sources."""
from __future__ import annotations

from .dataset import Dataset
from .model import ActorKind, DatePrecision, DateSpec, SourceKind
from .render import Linker, built_url

ACTOR_TYPES = {
    ActorKind.PERSON: "Person",
    ActorKind.STATE: "GovernmentOrganization",  # a state as it acts here (condemns, strikes), not as land
    ActorKind.GOVERNMENT_BODY: "GovernmentOrganization",
    ActorKind.ORGANISATION: "Organization",
    ActorKind.PLACE: "Place",
    ActorKind.FACILITY: "Place",
    ActorKind.UNNAMED_GROUP: "Organization",
}
SOURCE_TYPES = {
    SourceKind.NEWS_REPORT: "NewsArticle",
    SourceKind.OPINION: "OpinionNewsArticle",
    SourceKind.ANALYSIS: "AnalysisNewsArticle",
    SourceKind.OFFICIAL_STATEMENT: "Article",
    SourceKind.INTERVIEW: "Article",
}


def structured_data(dataset: Dataset, entity_id: str, site_url: str) -> dict:
    """The JSON-LD object of one entity's page (serialise it with an HTML-safe JSON dumper)."""
    kind = dataset.kind_of(entity_id)
    where = _Addresses(dataset, entity_id, site_url)
    node = where.reference(entity_id)
    node["@context"] = "https://schema.org"
    node["identifier"] = entity_id
    entity = dataset.get(entity_id)
    if kind == "actor":
        node["description"] = entity.description
        if entity.aliases:
            node["alternateName"] = list(entity.aliases)
    elif kind == "event":
        node["description"] = entity.summary
        node.update(_dates(entity.date, "startDate", "endDate"))
        if entity.place:
            node["location"] = where.reference(entity.place)
        agents = [p.actor for p in entity.participants if ACTOR_TYPES[dataset.actors[p.actor].kind] != "Place"]
        if agents:
            node["attendee"] = [where.reference(actor_id) for actor_id in agents]
    elif kind == "claim":
        node["author"] = where.reference(entity.claimant)
        node["appearance"] = [{**where.reference(a.source), "text": a.quote} for a in entity.appearances]
        node["about"] = [where.reference(subject) for subject in entity.subjects]
    else:
        node["headline"] = entity.title
        node["description"] = entity.summary
        node["inLanguage"] = entity.language
        node.update(_dates(entity.published, "datePublished", None))
        if entity.author:
            node["author"] = {"@type": "Person", "name": entity.author}
        if entity.publisher:
            node["publisher"] = {"@type": "Organization", "name": entity.publisher}
        if entity.url:
            node["sameAs"] = str(entity.url)
    return node


def page_address(site_url: str, page_path: str) -> str:
    """The stable, absolute address of a page; "" when the site has no site_url, since only the
    browser then knows where the page is (a citation takes it from there)."""
    return site_url.rstrip("/") + "/" + built_url(page_path) if site_url else ""


class _Addresses:
    """schema.org references from one entity's page: absolute addresses with a site_url; without
    one, addresses relative to the page, which JSON-LD resolves against the page's own address."""

    def __init__(self, dataset: Dataset, entity_id: str, site_url: str):
        self.dataset, self.site_url = dataset, site_url
        self.relative = Linker(dataset, dataset.page_path(entity_id))

    def url(self, entity_id: str) -> str:
        return page_address(self.site_url, self.dataset.page_path(entity_id)) or self.relative.url(entity_id)

    def reference(self, entity_id: str) -> dict:
        entity = self.dataset.get(entity_id)
        types = {"actor": lambda: ACTOR_TYPES[entity.kind], "event": lambda: "Event", "claim": lambda: "Claim",
                 "source": lambda: SOURCE_TYPES[entity.kind]}
        return {"@type": types[entity.kind_name](), "name": self.dataset.name(entity_id), "url": self.url(entity_id)}


def _dates(spec: DateSpec, start_key: str, end_key: str | None) -> dict:
    """ISO dates only as far as they are known: no date at all rather than an invented day."""
    if spec.precision is DatePrecision.UNKNOWN:
        return {}
    dates = {}
    start, end = spec.start_date, spec.end_date
    if start and start.iso():
        dates[start_key] = start.iso()
    if end_key and end and end.iso():
        dates[end_key] = end.iso()
    return dates
