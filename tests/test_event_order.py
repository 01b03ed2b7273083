"""Events of the same day appear in the order the data gives them, on every list of events."""
from __future__ import annotations

from macros.pages import build_pages
from macros.validate import load_dataset

SAME_DAY = """title: {title}
date:
  start: "2024-03-05"
  precision: day
  basis: stated-in-source
participants:
  - actor: north-korea
    role: acted
summary: {title}.
sources: [nk-distancing-from-iran-nis-report]
sequence: {sequence}
"""
FOLLOWED_BY = """related:
  - event: aa-happened-second
    relation: was followed by
"""  # so that each event is linked from the other's page (editorial_rules: nothing stands alone)


def test_events_of_one_day_follow_their_sequence_not_their_ids(project):
    events = project / "data" / "events"
    (events / "aa-happened-second.yaml").write_text(SAME_DAY.format(title="Happened second", sequence=2), encoding="utf-8")
    (events / "zz-happened-first.yaml").write_text(SAME_DAY.format(title="Happened first", sequence=1) + FOLLOWED_BY,
                                                   encoding="utf-8")
    dataset = load_dataset(project / "data")

    in_order = dataset.events_in_order()
    assert in_order.index("zz-happened-first") < in_order.index("aa-happened-second")
    own = [event_id for event_id, _ in dataset.events_of("north-korea")]
    assert own.index("zz-happened-first") < own.index("aa-happened-second")

    pages = build_pages(dataset)
    for page in ("events/index.md", "actors/north-korea.md"):
        assert pages[page].index("Happened first") < pages[page].index("Happened second"), page
