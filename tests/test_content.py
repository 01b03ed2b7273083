"""The content: the data the site stands on, and the hand-written pages built from it.

Data: every quote is verbatim, every claim and event is complete, nothing is orphaned.
Pages: each is built, in the nav, and answers from the data — with links to the claims and
events it rests on, hedges intact, and statements about the data that still hold.
"""
from __future__ import annotations

import re
from html import unescape

import pytest

from macros.model import HEDGE_WORDS, ClaimKind, ClaimStatus, DateBasis, DatePrecision, HedgeLevel
from site_html import article, entity_url, links, links_to, read, resolve, text

NIS_REPORT = "nk-distancing-from-iran-nis-report"
OPINION = "trump-iran-strikes-doomed-nk-strategy"

# url -> title in the nav
PAGES = {
    "": "Home",
    "two-readings/": "Two readings",
    "questions/": "Questions readers ask",
    "timeline/": "Timeline",
    "whos-who/": "Who’s who",
    "glossary/": "Glossary",
    "how-to-read/": "How to read this site",
}
INDEXES = ("sources/", "actors/", "events/", "claims/")


# --- reading pages -------------------------------------------------------------------------

_ANCHOR = re.compile(r"<a\b[^>]*\bhref=\"([^\"]*)\"[^>]*>(.*?)</a>", re.S)


def anchors(html: str) -> list[tuple[str, str]]:
    """(href, visible text) of every link."""
    return [(unescape(href), text(label).strip()) for href, label in _ANCHOR.findall(html)]


def heading_text(html: str) -> str:
    return text(html).replace("¶", "").strip()


def sections(html: str, level: str = "h2", until: str = "h2") -> list[tuple[str, str]]:
    """(heading, body) for each <level> heading; a body runs to the next heading matching `until`."""
    found = []
    for match in re.finditer(rf"<{level}\b[^>]*>(.*?)</{level}>", html, re.S):
        rest = html[match.end():]
        end = re.search(rf"<(?:{until})\b", rest)
        found.append((heading_text(match.group(1)), rest[:end.start()] if end else rest))
    return found


def primary_nav(html: str) -> str:
    """The site navigation, nested <nav> elements (sections, the page's own contents) included."""
    start = html.index('<nav class="md-nav md-nav--primary"')
    depth, position = 0, start
    for tag in re.finditer(r"<(/?)nav\b", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            position = start + tag.end()
            break
    return html[start:position]


def nav_entries(html: str, page_url: str = "") -> list[tuple[str, str]]:
    """(target, label) of the navigation's page links, in order; the logo and contents links left out."""
    return [(resolve(page_url, href), label) for href, label in anchors(primary_nav(html))
            if not href.startswith("#") and label]


def targets(page_url: str, html: str) -> set[str]:
    return {target for target in (resolve(page_url, href) for href in links(html)) if target}


def entity_targets(page_url: str, html: str, *folders: str) -> set[str]:
    folders = folders or ("sources", "actors", "events", "claims")
    return {t for t in targets(page_url, html) if t.split("/")[0] in folders and t.count("/") == 2}


def claim_links(dataset, page_url: str, html: str) -> list[tuple[str, str]]:
    """(claim id, link text) for every link to a claim page."""
    found = []
    for href, label in anchors(html):
        target = resolve(page_url, href) or ""
        parts = target.split("/")
        if len(parts) == 3 and parts[0] == "claims" and parts[1] in dataset.claims:
            found.append((parts[1], label))
    return found


@pytest.fixture(scope="module")
def page(built_site):
    def article_of(url: str) -> str:
        return article(read(built_site, url))
    return article_of


# --- the data --------------------------------------------------------------------------------

def test_every_quote_appears_verbatim_in_its_sources_archived_text(dataset):
    checked = 0
    for claim_id, claim in dataset.claims.items():
        for appearance in claim.appearances:
            archived = dataset.archive_text(appearance.source)
            assert archived, f"{appearance.source} has no archived text"
            assert appearance.quote in archived, (claim_id, appearance.quote[:60])
            checked += 1
    assert checked >= len(dataset.claims)


def test_every_claim_has_a_claimant_a_kind_and_a_quote(dataset):
    assert dataset.claims
    for claim_id, claim in dataset.claims.items():
        assert claim.claimant in dataset.actors, claim_id
        assert isinstance(claim.kind, ClaimKind), claim_id
        assert claim.appearances and all(a.quote.strip() for a in claim.appearances), claim_id
        for step in claim.attribution:
            assert step.actor in dataset.actors, (claim_id, step.actor)


def test_every_hedged_claim_keeps_a_hedge_word_in_its_statement(dataset):
    for claim_id, claim in dataset.claims.items():
        if claim.hedges:
            assert any(word.casefold() in claim.statement.casefold() for word in claim.hedges), claim_id


def test_every_event_has_a_date_precision_and_basis(dataset):
    assert dataset.events
    for event_id, event in dataset.events.items():
        assert isinstance(event.date.precision, DatePrecision), event_id
        assert isinstance(event.date.basis, DateBasis), event_id
        if event.date.basis is not DateBasis.STATED_IN_SOURCE:
            assert event.date.note, f"{event_id}: a date not stated in the source needs a note"
        if event.date.precision is not DatePrecision.UNKNOWN:
            assert event.date.start or event.date.display, event_id


def test_no_actor_event_or_source_is_an_orphan(dataset):
    def referred_to(entity_id: str) -> bool:
        return (any(dataset.kind_of(b.entity_id) in ("claim", "event") for b in dataset.backlinks(entity_id))
                or bool(dataset.claims_about(entity_id)) or bool(dataset.related_events(entity_id)))
    orphans = [entity_id for entity_id in dataset.ids()
               if dataset.kind_of(entity_id) != "claim" and not referred_to(entity_id)]
    assert not orphans, orphans
    for source_id in dataset.sources:
        assert dataset.appearances_in(source_id), f"no claim quotes {source_id}"


# --- every hand-written page -------------------------------------------------------------------

@pytest.mark.parametrize("url", PAGES)
def test_each_hand_written_page_is_built_in_the_nav_and_links_to_entities(built_site, page, url):
    assert (built_site / url / "index.html").is_file(), url
    assert (url, PAGES[url]) in nav_entries(read(built_site, url), url), f"{PAGES[url]} is not in the nav"
    html = page(url)
    assert "<h1" in html
    assert len(entity_targets(url, html)) >= 5, url


def test_the_nav_puts_home_first_then_the_pages_then_the_four_indexes(built_site):
    entries = nav_entries(read(built_site, ""))
    assert entries[0] == ("", "Home"), entries[:2]
    order = [target for target, _ in entries]
    for index in INDEXES:
        assert index in order, index
    pages = [order.index(url) for url in PAGES]
    assert pages == sorted(pages) and max(pages) < min(order.index(index) for index in INDEXES), order


@pytest.mark.parametrize("url", PAGES)
def test_links_to_hedged_claims_keep_the_hedge(dataset, page, url):
    """A claim linked under other words must still carry one of the source's hedge words."""
    for claim_id, label in claim_links(dataset, url, page(url)):
        hedges = dataset.claims[claim_id].hedges
        if hedges:
            assert any(word.casefold() in label.casefold() for word in hedges), (url, claim_id, label)


# --- Home ----------------------------------------------------------------------------------------

def test_home_tells_the_story_in_five_linked_sentences(page):
    html = page("")
    story = re.search(r"The story in five sentences.*?<ol>(.*?)</ol>", html, re.S)
    assert story, "no numbered story on the home page"
    items = re.findall(r"<li\b[^>]*>(.*?)</li>", story.group(1), re.S)
    assert len(items) == 5
    for item in items:
        assert entity_targets("", item, "claims", "events"), text(item)[:60]


def test_home_links_to_every_page_and_index(page):
    found = targets("", page(""))
    for url in [*PAGES, *INDEXES]:
        if url:
            assert url in found, url


# --- Two readings ----------------------------------------------------------------------------------

def test_two_readings_sets_claims_from_both_texts_side_by_side(dataset, page):
    html = page("two-readings/")
    linked = {c for c, _ in claim_links(dataset, "two-readings/", html)}
    sources_of = {c: {a.source for a in dataset.claims[c].appearances} for c in linked}
    assert any(NIS_REPORT in s for s in sources_of.values())
    assert any(OPINION in s for s in sources_of.values())
    for source_id in dataset.sources:
        assert links_to(html, "two-readings/", f"sources/{source_id}/")
    headings = [h for h, _ in sections(html)]
    for question in ("talk again", "teach Kim", "evidence"):
        assert any(question in heading for heading in headings), question


def test_two_readings_shows_every_relation_between_the_two_texts(dataset, page):
    html = page("two-readings/")
    linked = {c for c, _ in claim_links(dataset, "two-readings/", html)}
    across = [(claim_id, relation.claim) for claim_id, claim in dataset.claims.items() for relation in claim.relations
              if {a.source for a in claim.appearances} != {a.source for a in dataset.claims[relation.claim].appearances}]
    assert across, "no relations between the two texts in the data"
    for here, there in across:
        assert here in linked and there in linked, (here, there)


# --- Questions -------------------------------------------------------------------------------------

def test_questions_are_at_least_twelve_each_answered_with_claims_or_events(page):
    questions = sections(page("questions/"))
    assert len(questions) >= 12
    for heading, body in questions:
        assert heading.endswith("?"), heading
        assert entity_targets("questions/", body, "claims", "events"), heading


def test_questions_are_answered_only_from_the_data(page):
    """Outside quotes, any paragraph longer than a few connective words carries a link to the data."""
    for heading, body in sections(page("questions/")):
        body = re.sub(r"<blockquote\b.*?</blockquote>", "", body, flags=re.S)
        for paragraph in re.findall(r"<p\b[^>]*>(.*?)</p>", body, re.S):
            words = text(paragraph).split()
            assert entity_targets("questions/", paragraph) or len(words) <= 12, (heading, " ".join(words))


# --- Timeline ----------------------------------------------------------------------------------------

def test_the_timeline_lists_every_event_in_order_with_precision_and_basis(dataset, page):
    html = page("timeline/")
    start = html.index('id="events-in-date-order"')
    events = html[start:]
    positions = []
    for event_id in dataset.events_in_order():
        href = re.search(rf"href=\"[^\"]*events/{re.escape(event_id)}/\"", events)
        assert href, f"the timeline does not link {event_id}"
        positions.append((href.start(), event_id))
    assert [e for _, e in sorted(positions)] == dataset.events_in_order()
    ends = [p for p, _ in sorted(positions)][1:] + [len(events)]
    for (position, event_id), end in zip(sorted(positions), ends):
        shown = text(events[position:end])
        date = dataset.events[event_id].date
        assert date.precision.value.replace("-", " ") in shown, event_id
        assert date.basis.value.replace("-", " ") in shown, event_id


def test_the_timeline_explains_precision_and_basis(page):
    explained = text(page("timeline/")).casefold()
    for value in [*DatePrecision, *DateBasis]:
        assert value.value.replace("-", " ") in explained, value


# --- Who's who and the glossary -----------------------------------------------------------------------

def test_whos_who_links_every_actor_under_a_group(dataset, page):
    groups = sections(page("whos-who/"))
    assert {"People", "States", "Unnamed voices"} <= {heading for heading, _ in groups}
    grouped = set().union(*(entity_targets("whos-who/", body, "actors") for _, body in groups))
    for actor_id in dataset.actors:
        assert entity_url(dataset, actor_id) in grouped, actor_id


GLOSSARY_TERMS = ("NIS", "Denuclearisation", "Al Udeid", "Hanoi summit", "Singapore summit", "Fire and fury",
                  "60-day deadline", "Intelligence assessment", "Hedge", "Date precision", "Date basis")


def test_the_glossary_defines_each_term_and_grounds_it_in_the_data(page):
    html = page("glossary/")
    terms = sections(html, "h3", until="h2|h3")
    assert "denuclearization" in text(html)
    for term in GLOSSARY_TERMS:
        matching = [body for heading, body in terms if term.casefold() in heading.strip("“”").casefold()]
        assert matching, f"no glossary entry for {term}"
        assert entity_targets("glossary/", matching[0]), f"{term} links to nothing in the data"


# --- How to read -------------------------------------------------------------------------------------

def test_how_to_read_explains_every_kind_level_status_and_date_label(page):
    explained = text(page("how-to-read/")).casefold()
    for enum in (ClaimKind, HedgeLevel, ClaimStatus, DatePrecision, DateBasis):
        for member in enum:
            assert member.value.replace("-", " ") in explained, member


def test_how_to_read_lists_every_hedge_word_under_its_level(page):
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", page("how-to-read/"), re.S):
        cells = [text(cell).strip() for cell in re.findall(r"<td\b[^>]*>(.*?)</td>", row, re.S)]
        if cells and cells[0] in {level.value for level in HedgeLevel}:
            rows[cells[0]] = {word.strip() for word in cells[-1].split(",")}
    assert set(rows) == {level.value for level in HedgeLevel}
    for word, level in HEDGE_WORDS.items():
        assert word in rows[level.value], (word, level.value)
    listed = set().union(*rows.values()) - {"none"}
    assert listed == set(HEDGE_WORDS), listed ^ set(HEDGE_WORDS)


def test_how_to_read_shows_an_attribution_chain(dataset, page):
    html = page("how-to-read/")
    relayed = [c for c in dataset.claims.values() if c.attribution]
    assert relayed
    for actor in ("nis", "park-sun-won"):
        assert links_to(html, "how-to-read/", f"actors/{actor}/")
    assert "relayed" in text(html)


# --- what the pages say about the data still holds ------------------------------------------------------

def test_what_the_pages_say_about_the_data_still_holds(dataset):
    # "Which came first is not known": one text is undated, the other dated only by inference.
    assert dataset.sources[NIS_REPORT].published.precision is DatePrecision.UNKNOWN
    assert dataset.sources[OPINION].published.basis is not DateBasis.STATED_IN_SOURCE
    # "The report does not discuss the June 2025 strikes".
    strikes = "us-strikes-iranian-nuclear-facilities"
    assert NIS_REPORT not in dataset.events[strikes].sources
    assert not [c for c in dataset.claims_about(strikes)
                if NIS_REPORT in {a.source for a in dataset.claims[c].appearances}]
    # "No claim on this site is Kim Jong Un's own".
    assert not dataset.claims_by("kim-jong-un") and not dataset.claims_relayed_by("kim-jong-un")
    # "Every claim credited to the NIS — all relayed by Park Sun-won, all from one report".
    for claim_id in dataset.claims_by("nis"):
        claim = dataset.claims[claim_id]
        assert [step.actor for step in claim.attribution] == ["park-sun-won"], claim_id
        assert {a.source for a in claim.appearances} == {NIS_REPORT}, claim_id
    # "The editors record no disagreement of fact" between the texts.
    contradictions = [r for c in dataset.claims.values() for r in c.relations if r.type.value == "contradicts"]
    assert contradictions
    for relation in contradictions:
        assert "not of facts" in relation.reason, relation.reason
