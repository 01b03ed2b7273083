"""What a timeline needs beyond the events in order: year groups, machine-readable dates, and
the choices of its filter.

An event is filed under the year its date starts in. Events whose source gives
no year ("late February, year not stated") and events with no date at all are
not guessed into a year: each kind gets its own group, after the years.

The filter (docs/javascripts/timeline-filter.js) shows the events of one actor, one source or
one date precision in place. Its choices are those the listed events have, so it follows the
data as it grows; each event carries its own actors, sources and precision as data- attributes.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .dataset import Dataset
from .model import DatePrecision, DateSpec, Event

YEAR_NOT_STATED = "Year not stated"
UNDATED = "Undated"

# Precisions for which the ISO form of the date says no more than is known.
_EXACT = {DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR}


@dataclass(frozen=True)
class YearGroup:
    heading: str
    event_ids: tuple[str, ...]


def year_groups(dataset: Dataset, event_ids: Iterable[str]) -> list[YearGroup]:
    """The events in date order, one group per year, then 'Year not stated', then 'Undated'."""
    groups: dict[str, list[str]] = {}
    for event_id in dataset.events_in_order(event_ids):
        groups.setdefault(_group_heading(dataset.events[event_id].date), []).append(event_id)
    return [YearGroup(heading, tuple(ids)) for heading, ids in groups.items()]


def _group_heading(date: DateSpec) -> str:
    start = date.start_date
    if start is None:
        return UNDATED
    return YEAR_NOT_STATED if start.year is None else str(start.year)


def machine_dates(date: DateSpec) -> tuple[str, ...]:
    """ISO forms for `<time datetime>`: the start, and the end of a range.

    Empty for approximate and unknown dates and when the year is not stated,
    so no `<time>` claims a precision the sources do not give.
    """
    if date.precision not in _EXACT or not date.start_date.iso():
        return ()
    return tuple(part.iso() for part in (date.start_date, date.end_date) if part is not None)


def actors_in(dataset: Dataset, event_ids: Iterable[str]) -> list[str]:
    """Every actor that took part in, or was the place of, any of the events; by name."""
    return dataset.by_name({actor_id for event_id in event_ids for actor_id in _actors_of(dataset.events[event_id])})


@dataclass(frozen=True)
class FilterChoices:
    """What a timeline's filter offers: only what its events have, so no choice shows nothing."""
    actors: tuple[str, ...]  # by name
    sources: tuple[str, ...]  # by short name, which the filter shows: a title may be a sentence long
    precisions: tuple[DatePrecision, ...]  # from the most precise


def filter_choices(dataset: Dataset, event_ids: Iterable[str]) -> FilterChoices:
    event_ids = list(event_ids)
    events = [dataset.events[event_id] for event_id in event_ids]
    precisions = {event.date.precision for event in events}
    return FilterChoices(
        actors=tuple(actors_in(dataset, event_ids)),
        sources=tuple(sorted({source_id for event in events for source_id in event.sources},
                             key=lambda source_id: (dataset.short_name(source_id).casefold(), source_id))),
        precisions=tuple(precision for precision in DatePrecision if precision in precisions),
    )


def _actors_of(event: Event) -> set[str]:
    return {participant.actor for participant in event.participants} | ({event.place} if event.place else set())
