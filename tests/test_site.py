"""The built site: every entity has a page, and the pages link to each other both ways, saying why.

On the small fixture dataset: what the engine does, whatever the real content is.
"""
from __future__ import annotations

import pytest

from site_html import article, broken_links, entity_url, links_to, nav, read, text


def test_every_entity_has_a_page_titled_with_its_name(mini_site, mini_dataset):
    for entity_id in mini_dataset.ids():
        html = read(mini_site, entity_url(mini_dataset, entity_id))
        assert "<h1" in article(html), entity_id


@pytest.mark.parametrize("folder", ["sources", "actors", "events", "claims"])
def test_each_index_page_links_to_every_entity_of_its_kind(mini_site, mini_dataset, folder):
    html = article(read(mini_site, f"{folder}/"))
    entities = getattr(mini_dataset, folder)
    assert entities, f"there are no {folder}"
    for entity_id in entities:
        assert links_to(html, f"{folder}/", f"{folder}/{entity_id}/"), entity_id


def test_the_nav_lists_sections_but_not_entity_pages(mini_site, mini_dataset):
    menu = nav(read(mini_site, ""))
    for folder in ("sources", "actors", "events", "claims"):
        assert links_to(menu, "", f"{folder}/")
    for entity_id in mini_dataset.ids():
        assert not links_to(menu, "", entity_url(mini_dataset, entity_id)), entity_id


def test_an_actor_page_links_to_its_events_claims_and_affiliations(mini_site, mini_dataset):
    for actor_id in mini_dataset.actors:
        url = entity_url(mini_dataset, actor_id)
        html = article(read(mini_site, url))
        for claim_id in mini_dataset.claims_by(actor_id):
            assert links_to(html, url, f"claims/{claim_id}/"), (actor_id, claim_id)
        for claim_id in mini_dataset.claims_about(actor_id):
            assert links_to(html, url, f"claims/{claim_id}/"), (actor_id, claim_id)
        for event_id, role in mini_dataset.events_of(actor_id):
            assert links_to(html, url, f"events/{event_id}/"), (actor_id, event_id)
        for affiliation in mini_dataset.actors[actor_id].affiliations:
            assert links_to(html, url, f"actors/{affiliation.actor}/")
        for other, _ in mini_dataset.affiliates_of(actor_id):
            assert links_to(html, url, f"actors/{other}/")


def test_backlinks_say_why_they_are_there(mini_site, mini_dataset):
    queen = article(read(mini_site, "actors/queen-flavia/"))
    assert "Claims passed on by Queen Flavia" in queen
    office = article(read(mini_site, "actors/office-of-intelligence/"))
    assert "Claims made by" in office
    for actor_id in mini_dataset.actors:
        html = article(read(mini_site, entity_url(mini_dataset, actor_id)))
        for event_id, role in mini_dataset.events_of(actor_id):
            timeline = html[html.index('id="timeline"'):]
            assert text(role) in text(timeline), (actor_id, role)


def test_a_claim_page_links_its_claimant_chain_quotes_and_subjects(mini_site, mini_dataset):
    for claim_id, claim in mini_dataset.claims.items():
        url = f"claims/{claim_id}/"
        html = article(read(mini_site, url))
        assert links_to(html, url, entity_url(mini_dataset, claim.claimant))
        for step in claim.attribution:
            assert links_to(html, url, entity_url(mini_dataset, step.actor))
        for appearance in claim.appearances:
            assert links_to(html, url, entity_url(mini_dataset, appearance.source))
        for subject in claim.subjects:
            assert links_to(html, url, entity_url(mini_dataset, subject))


def test_claim_relations_show_on_both_claims(mini_site, mini_dataset):
    declared = [(claim_id, relation) for claim_id, claim in mini_dataset.claims.items() for relation in claim.relations]
    assert declared, "the data has no relations between claims"
    for claim_id, relation in declared:
        there = article(read(mini_site, f"claims/{relation.claim}/"))
        here = article(read(mini_site, f"claims/{claim_id}/"))
        assert links_to(here, f"claims/{claim_id}/", f"claims/{relation.claim}/")
        assert links_to(there, f"claims/{relation.claim}/", f"claims/{claim_id}/")
        # Read from each end, as a sentence: "This qualifies what the Office assessed: …" on the claim
        # that declares it, "What Queen Flavia stated qualifies this: …" on the other.
        verb = {"supports": "supports", "contradicts": "contradicts", "qualifies": "qualifies",
                "context-for": "gives context for"}[relation.type.value]
        other, claim = mini_dataset.claims[relation.claim], mini_dataset.claims[claim_id]
        assert (f"This {verb} what {mini_dataset.short_name(other.claimant)} {other.claimant_verb}:"
                in text(here)), (claim_id, relation.claim)
        assert (f"What {mini_dataset.short_name(claim.claimant)} {claim.claimant_verb} {verb} this:"
                in text(there)), (claim_id, relation.claim)


def test_a_source_page_shows_every_quote_taken_from_it(mini_site, mini_dataset):
    for source_id in mini_dataset.sources:
        url = f"sources/{source_id}/"
        html = article(read(mini_site, url))
        for claim_id, quote in mini_dataset.appearances_in(source_id):
            assert links_to(html, url, f"claims/{claim_id}/")
            assert text(quote) in text(html), (source_id, quote[:40])


def test_an_event_page_links_participants_claims_and_sources(mini_site, mini_dataset):
    for event_id, event in mini_dataset.events.items():
        url = f"events/{event_id}/"
        html = article(read(mini_site, url))
        for participant in event.participants:
            assert links_to(html, url, entity_url(mini_dataset, participant.actor))
        for claim_id in mini_dataset.claims_about(event_id):
            assert links_to(html, url, f"claims/{claim_id}/")
        for source_id in event.sources:
            assert links_to(html, url, f"sources/{source_id}/")
        for other, _, _ in mini_dataset.related_events(event_id):
            assert links_to(html, url, f"events/{other}/")


def test_every_link_and_anchor_in_the_site_resolves(mini_site):
    broken = broken_links(mini_site)
    assert not broken, "\n".join(broken[:20])
