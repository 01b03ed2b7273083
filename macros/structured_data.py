"""schema.org JSON-LD for entity pages: Person/Organization/Place for actors, Event,
Claim (with author and appearance), and NewsArticle-family types for sources."""
from __future__ import annotations

from .dataset import Dataset
from .model import ActorKind, DatePrecision, DateSpec, SourceKind
from .render import built_url

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
    node = _reference(dataset, entity_id, site_url)
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
            node["location"] = _reference(dataset, entity.place, site_url)
        agents = [p.actor for p in entity.participants if ACTOR_TYPES[dataset.actors[p.actor].kind] != "Place"]
        if agents:
            node["attendee"] = [_reference(dataset, actor_id, site_url) for actor_id in agents]
    elif kind == "claim":
        node["author"] = _reference(dataset, entity.claimant, site_url)
        node["appearance"] = [{**_reference(dataset, a.source, site_url), "text": a.quote} for a in entity.appearances]
        node["about"] = [_reference(dataset, subject, site_url) for subject in entity.subjects]
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
    """The stable, absolute address of a page (relative when the site has no site_url)."""
    return (site_url.rstrip("/") + "/" if site_url else "") + built_url(page_path)


def _reference(dataset: Dataset, entity_id: str, site_url: str) -> dict:
    entity = dataset.get(entity_id)
    kind = entity.kind_name
    types = {"actor": lambda: ACTOR_TYPES[entity.kind], "event": lambda: "Event", "claim": lambda: "Claim",
             "source": lambda: SOURCE_TYPES[entity.kind]}
    return {"@type": types[kind](), "name": dataset.name(entity_id),
            "url": page_address(site_url, dataset.page_path(entity_id))}


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
