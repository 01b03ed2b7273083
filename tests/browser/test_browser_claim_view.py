"""Claims on a phone (390×844) and a desktop, in Chromium: a claim's page shows its quote before
any scrolling, at full contrast and larger than the text around it; no claim page, nor the pages
that compare the sources, scrolls sideways on a phone; the disagreement view stacks its sides on a
phone, sets them side by side on a desktop, and tells "contradicts" from "qualifies" in words and
in the shape of the badge, not by colour alone."""
from __future__ import annotations

import pytest

PHONE_WIDTH, PHONE_HEIGHT = 390, 844
DISAGREEMENTS = "browse/disagreements/"
COMPARING = ["two-readings/", "questions/", DISAGREEMENTS]


def sideways(page) -> int:
    """How far the page scrolls sideways (0: it fits the screen)."""
    return page.evaluate("document.documentElement.scrollWidth") - page.evaluate("window.innerWidth")


def test_every_claim_page_shows_its_quote_above_the_fold_and_fits_a_phone(phone_page, site_url, dataset):
    page = phone_page
    problems = []
    for claim_id in dataset.claims_in_order():
        page.goto(f"{site_url}claims/{claim_id}/")
        quote = page.locator("p.claim-quote").first
        box = quote.bounding_box()
        if box is None or box["y"] >= PHONE_HEIGHT:
            problems.append(f"{claim_id}: the quote starts at {box and round(box['y'])}px, below the fold")
        if sideways(page) > 0:
            problems.append(f"{claim_id}: the page scrolls {sideways(page)}px sideways")
    assert not problems, "\n".join(problems)


def test_the_quote_is_at_full_contrast_and_larger_than_the_text(phone_page, site_url, dataset):
    page = phone_page
    claim_id = dataset.claims_in_order()[0]
    page.goto(f"{site_url}claims/{claim_id}/")
    style = page.evaluate("""() => {
        const quote = getComputedStyle(document.querySelector('p.claim-quote'));
        const text = getComputedStyle(document.querySelector('article.md-typeset'));
        const where = getComputedStyle(document.querySelector('p.claim-where'));
        return {quote: quote.color, text: text.color, quoteSize: parseFloat(quote.fontSize),
                textSize: parseFloat(text.fontSize), whereSize: parseFloat(where.fontSize)};
    }""")
    assert style["quote"] == style["text"], style
    assert style["quoteSize"] > style["textSize"] > style["whereSize"] * 0.99, style


@pytest.mark.parametrize("path", COMPARING)
def test_the_pages_that_compare_the_sources_fit_a_phone(phone_page, site_url, path):
    page = phone_page
    page.goto(site_url + path)
    assert sideways(page) <= 0, f"/{path} scrolls {sideways(page)}px sideways on a {PHONE_WIDTH}px phone"


def test_the_disagreement_view_stacks_on_a_phone_and_sits_side_by_side_on_a_desktop(
        phone_page, page, site_url):
    def sides(tab) -> list[dict]:
        tab.goto(site_url + DISAGREEMENTS)
        return tab.locator(".admonition.disagreement").first.locator(":scope > .admonition.says").evaluate_all(
            "els => els.map(e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width}; })")

    a, b = sides(phone_page)
    assert b["y"] > a["y"] and abs(a["x"] - b["x"]) < 1, "the sides are not stacked on a phone"
    a, b = sides(page)
    assert b["x"] > a["x"] + a["w"] - 1 and abs(a["y"] - b["y"]) < 1, "the sides are not side by side on a desktop"


def test_contradicts_and_qualifies_badges_differ_in_words_and_shape(phone_page, site_url):
    page = phone_page
    page.goto(site_url + DISAGREEMENTS)
    badges = {}
    for how in ("contradicts", "qualifies"):
        badge = page.locator(f".relation-badge--{how}").first
        assert badge.is_visible(), f"no visible '{how}' badge"
        badges[how] = badge.evaluate("e => ({text: e.textContent.trim(), border: getComputedStyle(e).borderTopStyle})")
    assert badges["contradicts"]["text"] == "contradicts" and badges["qualifies"]["text"] == "qualifies", badges
    assert badges["contradicts"]["border"] != badges["qualifies"]["border"], badges


def test_a_claim_page_reaches_its_disagreement_and_the_pair_is_in_view(page, site_url, dataset):
    says, against = next((claim_id, relation.claim) for claim_id in dataset.claims_in_order()
                         for relation in dataset.claims[claim_id].relations if relation.type.value == "contradicts")
    page.goto(f"{site_url}claims/{against}/")
    page.locator(f"article a[href*='disagreements/#{says}--{against}']").first.click()
    page.wait_for_url(f"**/{DISAGREEMENTS}#{says}--{against}")
    badge = page.locator(f"[id='{says}--{against}']")
    assert badge.is_visible()
    assert badge.evaluate("e => e.getBoundingClientRect().top") < page.viewport_size["height"]
