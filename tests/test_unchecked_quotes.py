"""A source kept without an archived copy says so, and so does every quote taken from it."""
from __future__ import annotations

from hostile_data import MINI_DATA
from macros.pages import build_pages
from macros.validate import load_dataset


def test_quotes_from_a_source_without_an_archive_say_they_were_not_checked():
    dataset = load_dataset(MINI_DATA)
    pages = build_pages(dataset)
    unarchived = [source_id for source_id, source in dataset.sources.items() if source.archive is None]
    assert unarchived, "the fixture has a source without an archive"
    for source_id in unarchived:
        assert "| Quotes checked | no: there is no archived copy" in pages[dataset.page_path(source_id)]
        for claim_id, claim in dataset.claims.items():
            page = pages[dataset.page_path(claim_id)]
            quoted_from_it = any(a.source == source_id for a in claim.appearances)
            assert ("not checked against an archived copy" in page) == quoted_from_it, claim_id


def test_a_source_with_an_archive_says_its_quotes_were_checked():
    dataset = load_dataset(MINI_DATA)
    pages = build_pages(dataset)
    archived = [source_id for source_id, source in dataset.sources.items() if source.archive]
    assert archived
    for source_id in archived:
        assert "| Quotes checked | yes:" in pages[dataset.page_path(source_id)]
