"""The reader's view of claims: a claim's page leads with the quote, running text names actors and
sources by their short names, no internal number or id shows, and every claim that contradicts or
qualifies another is set beside it on the disagreement view, reachable from both claims.

The engine on the fixture dataset (`mini_site`), what any content must keep on the real site
(`built_site`); the browser checks (above the fold, no sideways scrolling) are in
tests/browser/test_browser_claim_view.py.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.disagreements import CHALLENGING, disagreement_anchor, disagreements
from macros.render import sentence_start
from site_html import article, links, links_to, read, resolve, text

DISAGREEMENTS = "browse/disagreements/"


def claim_url(claim_id: str) -> str:
    return f"claims/{claim_id}/"


def challenging_relations(dataset) -> list[tuple[str, str, str]]:
    """(claim that contradicts or qualifies, the claim it bears on, how), as the data declares them."""
    return [(claim_id, relation.claim, relation.type.value) for claim_id, claim in dataset.claims.items()
            for relation in claim.relations if relation.type.value in CHALLENGING]


def pairs_shown(html: str) -> list[str]:
    """Each pair's block on the disagreement view, as HTML."""
    return html.split('<div class="admonition disagreement">')[1:]


# --- a claim's page ---------------------------------------------------------------------------------


def test_a_claim_page_leads_with_the_quote_then_who_where_and_badges(mini_site, mini_dataset):
    for claim_id, claim in mini_dataset.claims.items():
        html = article(read(mini_site, claim_url(claim_id)))
        order = [html.index('class="claim-summary"'), html.index('class="claim-quote"'),
                 html.index('class="claim-who"'), html.index('class="claim-where"'), html.index('class="claim-badges"')]
        assert order == sorted(order), claim_id
        lead = html[order[1]:order[2]]
        assert text(claim.appearances[0].quote) in text(lead), claim_id
        who = html[order[2]:order[3]]
        assert text(sentence_start(mini_dataset.short_name(claim.claimant))) in text(who), claim_id
        badges = text(html[order[4]:html.index("</p>", order[4])])
        assert f"status: {claim.status.value}" in badges and claim.kind.value.replace("-", " ") in badges, claim_id
        assert ("hedged: " + claim.hedge_level.value if claim.hedges else "asserted") in badges, claim_id


def test_a_claim_page_keeps_every_quote_its_history_corrections_and_citation(mini_site, mini_dataset):
    for claim_id, claim in mini_dataset.claims.items():
        page = text(article(read(mini_site, claim_url(claim_id))))
        for appearance in claim.appearances:
            assert text(appearance.quote) in page, claim_id
        for change in claim.status_history:
            assert text(change.note) in page, claim_id
        for correction in claim.corrections:
            assert text(correction.reason) in page, claim_id
        if claim.editor_note:
            assert text(claim.editor_note) in page, claim_id
        assert "Cite this page" in page, claim_id
    assert any(claim.status_history for claim in mini_dataset.claims.values()), "the fixture has no status history"
    assert any(len(claim.appearances) > 1 for claim in mini_dataset.claims.values()), "no claim is quoted twice"


def test_the_citation_ends_a_statement_with_one_full_stop(built_site, dataset):
    ending = [claim_id for claim_id, claim in dataset.claims.items() if claim.statement.rstrip().endswith(".")]
    assert ending, "no statement ends with a full stop"
    for claim_id in ending:
        page = text(article(read(built_site, claim_url(claim_id))))
        citation = page[page.rindex("Cite this page"):]
        assert f"{text(dataset.claims[claim_id].statement)} North Korea" in citation, claim_id
        assert ".." not in citation.replace("...", "…"), claim_id


# --- relations as sentences, and the way to the disagreement view --------------------------------------


def test_relations_read_as_sentences_from_both_claims(mini_site, mini_dataset):
    verbs = {"supports": "supports", "contradicts": "contradicts", "qualifies": "qualifies",
             "context-for": "gives context for"}
    for claim_id, claim in mini_dataset.claims.items():
        for relation in claim.relations:
            verb = verbs[relation.type.value]
            here = text(article(read(mini_site, claim_url(claim_id))))
            there = text(article(read(mini_site, claim_url(relation.claim))))
            other = mini_dataset.claims[relation.claim]
            assert f"This {verb} what {mini_dataset.short_name(other.claimant)} {other.claimant_verb}:" in here
            assert f"What {mini_dataset.short_name(claim.claimant)} {claim.claimant_verb} {verb} this:" in there
            assert "Context-for" not in here and "Context-for" not in there


@pytest.mark.parametrize("site_and_data", ["mini", "real"])
def test_every_claim_in_a_disagreement_links_to_its_pair(request, site_and_data):
    site, dataset = ((request.getfixturevalue("mini_site"), request.getfixturevalue("mini_dataset"))
                     if site_and_data == "mini" else
                     (request.getfixturevalue("built_site"), request.getfixturevalue("dataset")))
    relations = challenging_relations(dataset)
    assert relations, "the data has no claim that contradicts or qualifies another"
    anchors = set(re.findall(r'\bid="([^"]+)"', article(read(site, DISAGREEMENTS))))
    for says, against, _ in relations:
        anchor = disagreement_anchor(says, against)
        assert anchor in anchors, anchor
        for claim_id in (says, against):
            targets = {(resolve(claim_url(claim_id), href), urlsplit(href).fragment)
                       for href in links(article(read(site, claim_url(claim_id))))}
            assert (DISAGREEMENTS, anchor) in targets, (claim_id, anchor)


# --- the disagreement view --------------------------------------------------------------------------


@pytest.mark.parametrize("site_and_data", ["mini", "real"])
def test_the_disagreement_view_sets_every_pair_side_by_side(request, site_and_data):
    site, dataset = ((request.getfixturevalue("mini_site"), request.getfixturevalue("mini_dataset"))
                     if site_and_data == "mini" else
                     (request.getfixturevalue("built_site"), request.getfixturevalue("dataset")))
    html = article(read(site, DISAGREEMENTS))
    shown = pairs_shown(html)
    relations = challenging_relations(dataset)
    assert len(shown) == len(relations) == len(disagreements(dataset))
    for says, against, how in relations:
        block = [pair for pair in shown
                 if links_to(pair, DISAGREEMENTS, claim_url(says)) and links_to(pair, DISAGREEMENTS, claim_url(against))]
        assert len(block) == 1, (says, against)
        pair = block[0]
        assert f'class="relation-badge relation-badge--{how}">{how}<' in pair, (says, how, against)
        other_how = ({"contradicts", "qualifies"} - {how}).pop()
        assert f"relation-badge--{other_how}" not in pair
        for side, claim_id in (("A", says), ("B", against)):
            claim = dataset.claims[claim_id]
            assert f"{side} · {sentence_start(dataset.short_name(claim.claimant))}" in text(pair), (side, claim_id)
            assert text(claim.appearances[0].quote) in text(pair), claim_id
        reason = next(r.reason for r in dataset.relations_of(says) if r.other == against and r.declared_here)
        assert text(reason) in text(pair)
        assert text(pair).index(" A · ") < text(pair).index(" B · ")


def test_the_badges_tell_contradicts_from_qualifies_in_words(mini_site, mini_dataset):
    html = article(read(mini_site, DISAGREEMENTS))
    kinds = {how for _, _, how in challenging_relations(mini_dataset)}
    assert kinds == {"contradicts", "qualifies"}, "the fixture should have both kinds"
    for how in kinds:
        assert re.search(rf'<span class="relation-badge relation-badge--{how}">{how}</span>', html), how


# --- names readers can hold, and no internal labels ---------------------------------------------------


def link_labels(html: str, page_url: str, target: str) -> list[str]:
    """The text of every link on the page that leads to `target`."""
    return [text(label).strip() for href, label in re.findall(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>', html, re.S)
            if resolve(page_url, href) == target]


def test_running_text_names_actors_and_sources_by_their_short_names(mini_site, mini_dataset):
    named = [entity_id for entity_id in (*mini_dataset.actors, *mini_dataset.sources)
             if mini_dataset.short_name(entity_id) != mini_dataset.name(entity_id)]
    assert {mini_dataset.kind_of(entity_id) for entity_id in named} == {"actor", "source"}, "the fixture needs both"
    # (the timeline and the graph, drawn by their own modules, are left to their tests)
    pages = [claim_url(claim_id) for claim_id in mini_dataset.claims] + [DISAGREEMENTS, "readings/", "whos-who/",
                                                                          "claims/"]
    for entity_id in named:
        short, full = mini_dataset.short_name(entity_id), mini_dataset.name(entity_id)
        target = f"{mini_dataset.kind_of(entity_id)}s/{entity_id}/"
        labels = [label for url in pages for label in link_labels(article(read(mini_site, url)), url, target)]
        assert labels, f"nothing links to {target}"
        assert {label.casefold() for label in labels} == {short.casefold()}, (entity_id, set(labels))
        own_page = article(read(mini_site, target))
        assert text(full) in text(re.search(r"<h1.*?</h1>", own_page, re.S).group()), entity_id  # its title


INTERNAL_NUMBER = re.compile(r"\bsources?\s+\d+\b|(?<![\w.,/:-])0\d\d(?![\w/-])", re.IGNORECASE)
FOR_EDITORS = ("editing/",)  # the editing guide names ids and files on purpose


def visible_text(html: str) -> str:
    """What a reader sees of a page's own content: without code (editors' examples), scripts and
    styles, and without the citation block, which gives the stable id and data file on purpose."""
    body = article(html).split('id="cite-this-page"')[0]
    body = re.sub(r"<(script|style|code|pre)\b.*?</\1>", " ", body, flags=re.S)
    return text(re.sub(r"</t[dh]>", " ¦ ", body))  # table cells apart: "basis: inferred from source ¦ 51"


def test_no_internal_number_or_id_shows_on_any_page(built_site, dataset):
    hyphenated_ids = [entity_id for entity_id in dataset.ids() if "-" in entity_id]
    ids = re.compile(r"(?<![\w/-])(" + "|".join(map(re.escape, hyphenated_ids)) + r")(?![\w/-])")
    found = []
    for page in sorted(built_site.rglob("index.html")):
        url = page.parent.relative_to(built_site).as_posix()
        if url.startswith(FOR_EDITORS):
            continue
        html = page.read_text(encoding="utf-8")
        if '<article class="md-content__inner' not in html:
            continue
        seen = visible_text(html)
        found += [f"/{url}: {match.group()!r}" for match in (*INTERNAL_NUMBER.finditer(seen), *ids.finditer(seen))]
    assert not found, "\n".join(found[:30])


def test_no_data_text_names_a_source_by_its_number(dataset):
    texts = [value for entity_id in dataset.ids() for value in _strings(dataset.get(entity_id).model_dump())]
    assert not [value for value in texts if re.search(r"\bsources?\s+\d+\b", value, re.IGNORECASE)]


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return [value] if isinstance(value, str) else []


# --- the hand-written pages that show claims ------------------------------------------------------------


def test_questions_answers_each_question_in_one_line_first(built_site):
    html = article(read(built_site, "questions/"))
    questions = re.findall(r'<h2 id="([^"]+)">(.*?)</h2>\s*(<\w+[^>]*>.*?</\w+>)', html, re.S)
    questions = [(anchor, text(title), first) for anchor, title, first in questions if anchor != "corrections"]
    assert len(questions) > 5
    for anchor, title, first in questions:
        assert first.startswith("<p>") and text(first).strip().startswith("In short:"), title


def test_claim_cards_name_the_source_once(built_site, dataset):
    html = article(read(built_site, "two-readings/"))
    cards = html.split('<div class="admonition claim">')[1:]
    assert cards
    for card in cards:
        card = card.split("</div>")[0]
        sources = [href for href in links(card) if resolve("two-readings/", href).startswith("sources/")]
        claim = next(resolve("two-readings/", href) for href in links(card)
                     if resolve("two-readings/", href).startswith("claims/"))
        appearances = dataset.claims[claim.split("/")[1]].appearances
        assert len(sources) == len(appearances), claim


def test_the_project_readme_lists_the_one_line_form_of_claim():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "quote=false" in readme
