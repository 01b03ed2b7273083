"""A relation the editors infer, which neither text makes, says so wherever it is shown."""
from __future__ import annotations

from macros.dataset import INFERENCE_LABEL
from macros.pages import build_pages
from macros.validate import load_dataset


def test_an_inferred_relation_is_labelled_on_both_claims_and_on_the_disagreements_page(project):
    claim = project / "data" / "claims" / "trump-walked-away-at-hanoi.yaml"
    text = claim.read_text(encoding="utf-8")
    marked = text.count("inference: true")
    assert marked, "the fixture relation is marked as an inference in the data"
    pages = build_pages(load_dataset(project / "data"))

    for page in ("claims/trump-walked-away-at-hanoi.md", "claims/improvement-would-likely-depend-on-verifiable-actions.md",
                 "browse/disagreements.md"):
        assert INFERENCE_LABEL.replace("'", "&#39;") in pages[page] or INFERENCE_LABEL in pages[page], page


def test_a_relation_the_texts_make_carries_no_such_label(dataset):
    pages = build_pages(dataset)
    page = pages["claims/why-would-kim-risk-negotiations.md"]
    assert 'relation-badge--contradicts">contradicts</span> this:' in page  # "The NIS contradicts this: …"
    assert INFERENCE_LABEL not in page
