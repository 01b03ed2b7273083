"""The built site: every entity has a page, and the pages link to each other both ways, saying why."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_html import article, entity_url, ids, links, links_to, nav, read, resolve, text


def test_every_entity_has_a_page_titled_with_its_name(built_site, dataset):
    for entity_id in dataset.ids():
        html = read(built_site, entity_url(dataset, entity_id))
        assert "<h1" in article(html), entity_id


@pytest.mark.parametrize("folder", ["sources", "actors", "events", "claims"])
def test_each_index_page_links_to_every_entity_of_its_kind(built_site, dataset, folder):
    html = article(read(built_site, f"{folder}/"))
    entities = getattr(dataset, folder)
    assert entities, f"there are no {folder}"
    for entity_id in entities:
        assert links_to(html, f"{folder}/", f"{folder}/{entity_id}/"), entity_id


def test_the_nav_lists_sections_but_not_entity_pages(built_site, dataset):
    menu = nav(read(built_site, ""))
    for folder in ("sources", "actors", "events", "claims"):
        assert links_to(menu, "", f"{folder}/")
    for entity_id in dataset.ids():
        assert not links_to(menu, "", entity_url(dataset, entity_id)), entity_id


def test_an_actor_page_links_to_its_events_claims_and_affiliations(built_site, dataset):
    for actor_id in dataset.actors:
        url = entity_url(dataset, actor_id)
        html = article(read(built_site, url))
        for claim_id in dataset.claims_by(actor_id):
            assert links_to(html, url, f"claims/{claim_id}/"), (actor_id, claim_id)
        for claim_id in dataset.claims_about(actor_id):
            assert links_to(html, url, f"claims/{claim_id}/"), (actor_id, claim_id)
        for event_id, role in dataset.events_of(actor_id):
            assert links_to(html, url, f"events/{event_id}/"), (actor_id, event_id)
        for affiliation in dataset.actors[actor_id].affiliations:
            assert links_to(html, url, f"actors/{affiliation.actor}/")
        for other, _ in dataset.affiliates_of(actor_id):
            assert links_to(html, url, f"actors/{other}/")


def test_backlinks_say_why_they_are_there(built_site, dataset):
    park = article(read(built_site, "actors/park-sun-won/"))
    assert "Claims passed on by Park Sun-won" in park
    nis = article(read(built_site, "actors/nis/"))
    assert "Claims made by" in nis
    for actor_id in dataset.actors:
        html = article(read(built_site, entity_url(dataset, actor_id)))
        for event_id, role in dataset.events_of(actor_id):
            timeline = html[html.index('id="timeline"'):]
            assert text(role) in text(timeline), (actor_id, role)


def test_a_claim_page_links_its_claimant_chain_quotes_and_subjects(built_site, dataset):
    for claim_id, claim in dataset.claims.items():
        url = f"claims/{claim_id}/"
        html = article(read(built_site, url))
        assert links_to(html, url, entity_url(dataset, claim.claimant))
        for step in claim.attribution:
            assert links_to(html, url, entity_url(dataset, step.actor))
        for appearance in claim.appearances:
            assert links_to(html, url, entity_url(dataset, appearance.source))
        for subject in claim.subjects:
            assert links_to(html, url, entity_url(dataset, subject))


def test_claim_relations_show_on_both_claims(built_site, dataset):
    declared = [(claim_id, relation) for claim_id, claim in dataset.claims.items() for relation in claim.relations]
    assert declared, "the data has no relations between claims"
    for claim_id, relation in declared:
        there = article(read(built_site, f"claims/{relation.claim}/"))
        here = article(read(built_site, f"claims/{claim_id}/"))
        assert links_to(here, f"claims/{claim_id}/", f"claims/{relation.claim}/")
        assert links_to(there, f"claims/{relation.claim}/", f"claims/{claim_id}/")
        inverse = {"supports": "Supported by", "contradicts": "Contradicted by",
                   "qualifies": "Qualified by", "context-for": "Given context by"}[relation.type.value]
        assert inverse in there


def test_a_source_page_shows_every_quote_taken_from_it(built_site, dataset):
    for source_id in dataset.sources:
        url = f"sources/{source_id}/"
        html = article(read(built_site, url))
        for claim_id, quote in dataset.appearances_in(source_id):
            assert links_to(html, url, f"claims/{claim_id}/")
            assert text(quote) in text(html), (source_id, quote[:40])


def test_an_event_page_links_participants_claims_and_sources(built_site, dataset):
    for event_id, event in dataset.events.items():
        url = f"events/{event_id}/"
        html = article(read(built_site, url))
        for participant in event.participants:
            assert links_to(html, url, entity_url(dataset, participant.actor))
        for claim_id in dataset.claims_about(event_id):
            assert links_to(html, url, f"claims/{claim_id}/")
        for source_id in event.sources:
            assert links_to(html, url, f"sources/{source_id}/")
        for other, _, _ in dataset.related_events(event_id):
            assert links_to(html, url, f"events/{other}/")


def test_every_link_and_anchor_in_the_site_resolves(built_site):
    pages = {path.relative_to(built_site).parent.as_posix(): path.read_text(encoding="utf-8")
             for path in built_site.rglob("index.html")}
    anchors = {url: ids(html) for url, html in pages.items()}
    broken = []
    for page_dir, html in pages.items():
        page_url = "" if page_dir == "." else page_dir + "/"
        for href in links(html):
            target = resolve(page_url, href)
            if target is None:
                continue
            key = target.rstrip("/") or "."
            if not (built_site / target).exists() and key not in anchors:
                broken.append(f"{page_url}: {href}")
                continue
            fragment = urlsplit(href).fragment
            if fragment and key in anchors and fragment not in anchors[key]:
                broken.append(f"{page_url}: {href} (no such anchor)")
    assert not broken, "\n".join(broken[:20])
