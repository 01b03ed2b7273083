"""The typed model of the data: what every field of a source, actor, event
and claim means, and what values it accepts.

Validation, the editors' JSON Schema (`schema/`) and the data-format
reference page are all derived from these classes; nothing here is written
twice. Cross-references between files are declared with `Ref(...)` and
checked by `dataset.py`, which sees all files at once.
"""
from __future__ import annotations

import calendar
import functools
import re
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, ClassVar, Optional

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StrictBool, StrictInt, StrictStr, ValidationInfo, field_validator, model_validator

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Ref:
    """Marks a field as the id of another entity, of one of `kinds`."""

    kinds: tuple[str, ...]


ActorRef = Annotated[StrictStr, Ref(("actor",)), Field(pattern=ID_PATTERN)]
EventRef = Annotated[StrictStr, Ref(("event",)), Field(pattern=ID_PATTERN)]
SourceRef = Annotated[StrictStr, Ref(("source",)), Field(pattern=ID_PATTERN)]
ClaimRef = Annotated[StrictStr, Ref(("claim",)), Field(pattern=ID_PATTERN)]
SubjectRef = Annotated[StrictStr, Ref(("actor", "event")), Field(pattern=ID_PATTERN)]

# Text must hold something visible: a blank name would make an invisible link.
Text = Annotated[StrictStr, Field(min_length=1, pattern=r"\S")]

SHORT_NAME_NEEDED_OVER = 80
"""A title or name longer than this (about a line of text) cannot stand in a sentence: it needs a `short_name` (editorial_rules)."""


class Strict(BaseModel):
    """Unknown fields are typos; text fields are StrictStr, so YAML's `no` or `1.10` is not taken as text."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- dates -----------------------------------------------------------------

EARLIEST_YEAR, LATEST_YEAR = 1000, 2100  # a year outside these is a typo ('0000', '20255'), not a date
_PARTIAL_DATE = re.compile(r"^(?:(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?"
                           r"|--(?P<month_only>\d{2})(?:-(?P<day_only>\d{2}))?)$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date of which only some parts may be known: 2025-06-22, 2025-06, 2025, or --02 (February, year not stated)."""

    year: Optional[int]
    month: Optional[int]
    day: Optional[int]

    @classmethod
    @functools.lru_cache(maxsize=4096)  # pages sort thousands of claims by their dates, the same few texts
    def parse(cls, text: str) -> "PartialDate":
        match = _PARTIAL_DATE.match(text)
        if not match:
            raise ValueError(f"'{text}' is not a date; write YYYY-MM-DD, YYYY-MM, YYYY, or --MM when the year is not stated")
        parts = match.groupdict()
        year = int(parts["year"]) if parts["year"] else None
        if year is not None and not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise ValueError(f"'{text}': the year {parts['year']} is not plausible "
                             f"(years from {EARLIEST_YEAR} to {LATEST_YEAR} are accepted)")
        month_text = parts["month"] or parts["month_only"]
        day_text = parts["day"] or parts["day_only"]
        month = int(month_text) if month_text else None
        day = int(day_text) if day_text else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{text}': there is no month {month}")
        if day is not None:
            last = calendar.monthrange(year or 2000, month)[1]  # 2000: a leap year, so --02-29 is allowed
            if not 1 <= day <= last:
                raise ValueError(f"'{text}': {calendar.month_name[month]} has no day {day}")
        return cls(year, month, day)

    def sort_key(self) -> tuple[int, int, int]:
        """Earliest first; a date whose year is not stated sorts after every dated one."""
        return (9999 if self.year is None else self.year, self.month or 0, self.day or 0)

    def finest(self) -> str:
        """The finest part given: 'day', 'month' or 'year' (a --MM date has no year but a month)."""
        return "day" if self.day else "month" if self.month else "year"

    def latest_day(self) -> tuple[int, int, int]:
        """The sort key of the last day this date can mean: 2025 -> 31 December 2025."""
        month = self.month or 12
        return (self.sort_key()[0], month, self.day or calendar.monthrange(self.year or 2000, month)[1])

    def display(self) -> str:
        day_month = " ".join(str(part) for part in (self.day, self.month and calendar.month_name[self.month]) if part)
        if self.year is None:
            return f"{day_month}, year not stated"
        return f"{day_month} {self.year}" if day_month else str(self.year)

    def iso(self) -> str:
        """ISO 8601 as far as the date is known ('' when the year is not)."""
        if self.year is None:
            return ""
        return "-".join(f"{part:02d}" if index else f"{part:04d}"
                        for index, part in enumerate((self.year, self.month, self.day)) if part)


DateText = Annotated[StrictStr, Field(description="YYYY-MM-DD, YYYY-MM, YYYY, or --MM / --MM-DD when the year is not stated. A bare year must be in quotes ('2025'); the other forms may be quoted or not. Impossible dates are rejected.")]


class DatePrecision(str, Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    APPROXIMATE = "approximate"
    UNKNOWN = "unknown"


class DateBasis(str, Enum):
    STATED_IN_SOURCE = "stated-in-source"
    INFERRED_FROM_SOURCE = "inferred-from-source"
    PUBLIC_RECORD = "public-record"


def _check_probable(probable: ProbableDate, start: Optional[PartialDate], end: Optional[PartialDate],
                    precision: DatePrecision) -> None:
    """A probable date only fills in what the stated one leaves open, and never contradicts it."""
    if precision is DatePrecision.DAY and start and start.year is not None:
        raise ValueError("the date is already known to the day: a probable date adds nothing")
    likely = PartialDate.parse(probable.start)
    for part in ("year", "month", "day"):
        stated = getattr(start, part) if start else None
        if stated is not None and getattr(likely, part) not in (None, stated):
            raise ValueError(f"the probable date {probable.start} contradicts the stated {part} ({stated})")


def _precision_mismatch(precision: str, name: str, written: str, given: PartialDate) -> str:
    finer = ["year", "month", "day"].index(given.finest()) > ["year", "month", "day"].index(precision)
    if finer:  # shown as a day although only the year is claimed
        return (f"precision '{precision}' but {name} '{written}' gives a {given.finest()}: write the date "
                f"only to the {precision}, or set precision: {given.finest()}")
    return f"precision '{precision}' but {name} '{written}' gives no {precision}"


class Likelihood(str, Enum):
    LIKELY = "likely"
    POSSIBLE = "possible"


class ProbableDate(Strict):
    """What a date the text leaves vague most likely is: the editors' inference, never the text's statement."""

    start: DateText = Field(description="The most likely date, or the first day of the most likely span.")
    end: Optional[DateText] = Field(None, description="The last day of the span, if it is one.")
    display: Text = Field(description="How a reader sees it, e.g. '28 February 2026' or 'in or after March 2026'.")
    likelihood: Likelihood = Field(description="likely / possible: how strong the inference is.")
    reasoning: Text = Field(description="Why: which public-record event the text's reference most likely means, "
                                        "and what speaks against it.")
    references: list[HttpUrl] = Field(min_length=1, description="The public-record reports the inference rests on.")

    @field_validator("start", "end")
    @classmethod
    def _real_date(cls, text: Optional[str]) -> Optional[str]:
        if text is not None and PartialDate.parse(text).year is None:
            raise ValueError(f"'{text}' has no year: a probable date says which year the text most likely means")
        return text

    @model_validator(mode="after")
    def _in_order(self) -> "ProbableDate":
        if self.end and PartialDate.parse(self.end).sort_key() < PartialDate.parse(self.start).sort_key():
            raise ValueError(f"the probable span ends ({self.end}) before it starts ({self.start})")
        return self


class DateSpec(Strict):
    """When something happened, as exactly as the evidence allows and no more."""

    start: Optional[DateText] = Field(None, description="The date, or the first day of a range. Omit only when precision is unknown.")
    end: Optional[DateText] = Field(None, description="The last day of a range, if the event spans more than one day.")
    precision: DatePrecision = Field(description="day / month / year: the finest part that is known; approximate: a loose span such as 'late February'; unknown: no date at all.")
    display: Optional[Text] = Field(None, description="How a reader sees the date, e.g. 'late February, year not stated'. Derived from start/end when omitted.")
    basis: DateBasis = Field(description="Where the date comes from: stated-in-source (the text gives it), inferred-from-source (worked out from the text, e.g. 'Monday night'), public-record (not in the articles; note says from where).")
    note: Optional[Text] = Field(None, description="How the date was established. Required unless the basis is stated-in-source.")
    probable: Optional[ProbableDate] = Field(
        None, description="Where the text leaves the date vague (no year, no day): what it most likely is, by the "
                          "editors' inference from the public record. Shown as an inference beside the date.")

    @field_validator("start", "end")
    @classmethod
    def _real_date(cls, text: Optional[str]) -> Optional[str]:
        if text is not None:
            PartialDate.parse(text)
        return text

    @model_validator(mode="after")
    def _consistent(self) -> "DateSpec":
        start = PartialDate.parse(self.start) if self.start else None
        end = PartialDate.parse(self.end) if self.end else None
        if self.precision is DatePrecision.UNKNOWN:
            if start or end:
                raise ValueError("precision is 'unknown' but a start or end date is given")
        elif start is None and self.precision is not DatePrecision.APPROXIMATE:
            raise ValueError(f"precision '{self.precision.value}' needs a start date")
        elif self.precision is not DatePrecision.APPROXIMATE:
            for name, given in (("start", start), ("end", end)):
                if given and given.finest() != self.precision.value:
                    raise ValueError(_precision_mismatch(self.precision.value, name, getattr(self, name), given))
        if self.precision is DatePrecision.APPROXIMATE and not self.display:
            raise ValueError("an approximate date needs a display form saying how approximate, e.g. 'late February, year not stated'")
        if end and start and end.sort_key() < start.sort_key():
            raise ValueError(f"the range ends ({self.end}) before it starts ({self.start})")
        if end and not start:
            raise ValueError("an end date needs a start date")
        if end and start and start.year is not None and end.year is None:
            raise ValueError(f"the end '{self.end}' has no year but the start '{self.start}' has one: give the end its year")
        if self.probable is not None:
            _check_probable(self.probable, start, end, self.precision)
        if self.basis is not DateBasis.STATED_IN_SOURCE and not self.note:
            raise ValueError(f"basis '{self.basis.value}' needs a note saying how the date was established")
        return self

    @property
    def start_date(self) -> Optional[PartialDate]:
        return PartialDate.parse(self.start) if self.start else None

    @property
    def end_date(self) -> Optional[PartialDate]:
        return PartialDate.parse(self.end) if self.end else None

    def sort_key(self) -> tuple[int, int, int]:
        start = self.start_date
        return start.sort_key() if start else (10000, 0, 0)

    def shown(self) -> str:
        if self.display:
            return self.display
        if self.precision is DatePrecision.UNKNOWN:
            return "date unknown"
        start, end = self.start_date, self.end_date
        if end is None:
            return start.display()
        if (start.year, start.month) == (end.year, end.month) and start.day and end.day:
            return f"{start.day}–{end.display()}"  # 27–28 February 2019
        return f"{start.display()} – {end.display()}"


# --- the four kinds ---------------------------------------------------------


class Correction(Strict):
    """A published correction: when, what changed, and why."""

    date: DateText = Field(description="The day the correction was made, YYYY-MM-DD.")
    change: Text = Field(description="What changed, in a few words, e.g. 'kind: prediction → analysis'.")
    reason: Text = Field(description="Why it was wrong, and what the source actually says.")

    @field_validator("date")
    @classmethod
    def _a_day(cls, text: str) -> str:
        if PartialDate.parse(text).finest() != "day" or text.startswith("--"):
            raise ValueError(f"'{text}' is not a day: a correction is dated YYYY-MM-DD")
        return text


class Entity(Strict):
    """Fields every kind shares. The id is the file name, never a field."""

    kind_name: ClassVar[str]
    folder: ClassVar[str]

    editor_note: Optional[Text] = Field(None, description="A note for editors; shown on the page as an editorial note.")
    corrections: list[Correction] = Field(
        [], description="Corrections made after publication, oldest first: shown on the page, in the site's "
                        "corrections log and in its feed. Never delete one.")

    @field_validator("corrections")
    @classmethod
    def _oldest_first(cls, corrections: list[Correction]) -> list[Correction]:
        for earlier, later in zip(corrections, corrections[1:]):
            if later.date < earlier.date:
                raise ValueError(f"the correction of {later.date} is listed after the one of {earlier.date}; "
                                 "list corrections oldest first")
        return corrections


class SourceKind(str, Enum):
    NEWS_REPORT = "news-report"
    OPINION = "opinion"
    ANALYSIS = "analysis"
    OFFICIAL_STATEMENT = "official-statement"
    INTERVIEW = "interview"


class Source(Entity):
    """A text the site quotes from."""

    kind_name: ClassVar[str] = "source"
    folder: ClassVar[str] = "sources"

    title: Text = Field(description="The headline, or, where the text has none, a description of it (then set untitled: true).")
    untitled: StrictBool = Field(False, description="true when the text has no headline and `title` is the editors' description.")
    short_name: Optional[Text] = Field(
        None, description="How running text names the source (claim cards, lists, sentences such as 'the opinion "
                          "piece qualifies this'), e.g. 'the opinion piece', 'the report on the NIS briefing'. "
                          "Lowercase unless it starts with a name; the site capitalises it at the start of a "
                          "sentence. The full title appears only on the source's own page. Needed when the title is "
                          f"longer than {SHORT_NAME_NEEDED_OVER} characters; without one, the title is used.")
    kind: SourceKind = Field(description="news-report / opinion / analysis / official-statement / interview.")
    publisher: Optional[Text] = Field(description="Who published it; null when the archived copy does not say.")
    author: Optional[Text] = Field(description="Who wrote it; null when the archived copy does not say.")
    url: Optional[HttpUrl] = Field(description="Where it was published (http or https); null when not known.")
    published: DateSpec = Field(description="When it was published, with precision and basis.")
    accessed: Optional[DateText] = Field(description="When the editors read it; null when not recorded.")
    language: Annotated[StrictStr, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", description="BCP 47 language tag, e.g. en, ko.")]
    summary: Text = Field(description="What the text argues or reports, in two or three neutral sentences.")
    archive: Optional[Annotated[StrictStr, Field(pattern=r"^archive/[A-Za-z0-9._-]+\.txt$")]] = Field(
        None, description="A plain-text copy of the text under data/archive/, never published; every quote from this source must appear in it verbatim.")
    no_archive: Optional[Text] = Field(
        None, validate_default=True,
        description="Only when no archived copy can be kept: why. Quotes from such a source cannot be checked, and their pages say so.")

    @field_validator("no_archive")
    @classmethod
    def _archive_or_reason(cls, reason: Optional[str], info: ValidationInfo) -> Optional[str]:
        has_archive = info.data.get("archive") is not None
        if has_archive and reason is not None:
            raise ValueError("a source with an archive needs no 'no_archive' reason; remove one of them")
        if not has_archive and reason is None and "archive" not in info.data:
            return reason  # the archive field itself is invalid and already reported
        if not has_archive and reason is None:
            raise ValueError("every source needs 'archive:' (a plain-text copy under data/archive/, so its quotes "
                             "can be checked) or, if no copy can be kept, 'no_archive:' with the reason")
        return reason

    @field_validator("accessed")
    @classmethod
    def _read_after_publication(cls, text: Optional[str], info: ValidationInfo) -> Optional[str]:
        if text is None:
            return text
        accessed = PartialDate.parse(text)
        published = info.data.get("published")
        first = published.start_date if published else None
        if first and first.year is not None and accessed.latest_day() < first.sort_key():
            raise ValueError(f"accessed {text} is before the text was published ({published.start})")
        return text

    @property
    def name(self) -> str:
        return self.title


class ActorKind(str, Enum):
    PERSON = "person"
    STATE = "state"
    GOVERNMENT_BODY = "government-body"
    ORGANISATION = "organisation"
    PLACE = "place"
    FACILITY = "facility"
    UNNAMED_GROUP = "unnamed-group"


class Affiliation(Strict):
    actor: ActorRef = Field(description="The actor this one belongs to or acts for.")
    relation: Text = Field(description="How, in a few words: 'member of', 'agency of', 'leader of'.")


class Actor(Entity):
    """A person, state, body, organisation, place or facility that acts or is acted on."""

    kind_name: ClassVar[str] = "actor"
    folder: ClassVar[str] = "actors"

    name: Text = Field(description="The full name, shown on the actor's own page.")
    short_name: Optional[Text] = Field(
        None, description="How running text names the actor (claim cards, lists, attribution chains, sentences "
                          "such as 'the NIS assessed'), e.g. 'the NIS', 'the opinion writer', 'Kim Jong Un'. "
                          "Lowercase unless it starts with a name; the site capitalises it at the start of a "
                          f"sentence. Needed when the name is longer than {SHORT_NAME_NEEDED_OVER} characters; "
                          "without one, the name is used.")
    kind: ActorKind = Field(description="person / state / government-body / organisation / place / facility / unnamed-group.")
    aliases: list[Text] = Field([], description="Other spellings and names a reader may search for: 'Kim Jong-un', 'DPRK', Hangul.")
    description: Text = Field(description="Who or what this is, in one or two neutral sentences.")
    affiliations: list[Affiliation] = Field([], description="Links to the actors this one belongs to.")

    @field_validator("aliases")
    @classmethod
    def _distinct(cls, aliases: list[str]) -> list[str]:
        seen = set()
        for alias in aliases:
            if alias.casefold() in seen:
                raise ValueError(f"alias '{alias}' is listed twice")
            seen.add(alias.casefold())
        return aliases


class Participant(Strict):
    actor: ActorRef = Field(description="Who took part.")
    role: Text = Field(description="Their part in the event, in a few words: 'struck', 'was struck', 'announced'.")


class RelatedEvent(Strict):
    event: EventRef = Field(description="The other event.")
    relation: Text = Field(description="How they relate, read from this event: 'followed', 'led to', 'part of'.")


class Event(Entity):
    """Something that happened, dated only as precisely as the evidence allows."""

    kind_name: ClassVar[str] = "event"
    folder: ClassVar[str] = "events"

    title: Text = Field(description="A short neutral name, e.g. 'US strikes on three Iranian nuclear facilities'.")
    date: DateSpec = Field(description="When it happened, with precision and basis.")
    participants: list[Participant] = Field([], description="Who took part, each with their role.")
    place: Optional[ActorRef] = Field(None, description="Where it happened (an actor of kind place or facility).")
    related: list[RelatedEvent] = Field([], description="Other events it is linked to.")
    summary: Text = Field(description="What happened, in neutral words, as the sources tell it.")
    sources: list[SourceRef] = Field(min_length=1, description="The sources that report it.")
    sequence: Optional[Annotated[StrictInt, Field(ge=1)]] = Field(
        None, description="When several events start on the same date, their order that day: 1 for the first. "
                          "Required then, since a date alone does not say which came first.")

    @property
    def name(self) -> str:
        return self.title


class ClaimKind(str, Enum):
    FACTUAL_REPORT = "factual-report"
    INTELLIGENCE_ASSESSMENT = "intelligence-assessment"
    ANALYSIS = "analysis"
    OPINION = "opinion"
    PREDICTION = "prediction"
    QUOTED_STATEMENT = "quoted-statement"


CLAIMANT_VERB = {
    ClaimKind.FACTUAL_REPORT: "reported",
    ClaimKind.INTELLIGENCE_ASSESSMENT: "assessed",
    ClaimKind.ANALYSIS: "analysed",
    ClaimKind.OPINION: "argued",
    ClaimKind.PREDICTION: "predicted",
    ClaimKind.QUOTED_STATEMENT: "stated",
}


class HedgeLevel(str, Enum):
    """How firmly the source commits to a claim, from its own words."""

    ASSERTED = "asserted"
    PROBABLE = "probable"
    POSSIBLE = "possible"
    UNCERTAIN = "uncertain"


HEDGE_WORDS: dict[str, HedgeLevel] = {
    **dict.fromkeys(["likely", "probably", "unlikely", "will have", "would likely"], HedgeLevel.PROBABLE),
    **dict.fromkeys(["may", "might", "could", "possibly", "potentially", "perhaps", "suggest", "apparent",
                     "allegedly", "believe", "indications", "can", "would", "often", "occasionally"],
                    HedgeLevel.POSSIBLE),
    **dict.fromkeys(["no evidence", "unclear", "difficult to determine", "incomplete information",
                     "with caution"], HedgeLevel.UNCERTAIN),
}
_HEDGE_RANK = [HedgeLevel.ASSERTED, HedgeLevel.PROBABLE, HedgeLevel.POSSIBLE, HedgeLevel.UNCERTAIN]


class RelationType(str, Enum):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    QUALIFIES = "qualifies"
    CONTEXT_FOR = "context-for"


INVERSE_RELATION = {
    RelationType.SUPPORTS: "supported by",
    RelationType.CONTRADICTS: "contradicted by",
    RelationType.QUALIFIES: "qualified by",
    RelationType.CONTEXT_FOR: "given context by",
}


class ClaimStatus(str, Enum):
    UNVERIFIED = "unverified"
    DISPUTED = "disputed"
    CORROBORATED = "corroborated"
    SUPERSEDED = "superseded"


class AttributionStep(Strict):
    actor: ActorRef = Field(description="Who passed the claim on.")
    act: Annotated[StrictStr, Field(pattern=r"^[a-z]+( [a-z]+)*$")] = Field(description="What they did with it, as a past-tense verb: 'relayed', 'briefed', 'quoted'.")


class Appearance(Strict):
    source: SourceRef = Field(description="The source the quote is from.")
    quote: Text = Field(description="The source's words, verbatim, in its own punctuation (curly quotes included).")


class Relation(Strict):
    type: RelationType = Field(description="supports / contradicts / qualifies / context-for.")
    claim: ClaimRef = Field(description="The other claim.")
    reason: Text = Field(description="One line: why, and whether it is a disagreement of facts or of forecasts.")
    inference: StrictBool = Field(
        False, description="true when the relation is the editors' reading, which neither text makes (e.g. one "
                           "article's history illustrating the other's general point); pages then say so.")


class StatusChange(Strict):
    date: DateText = Field(description="When the status changed.")
    status: ClaimStatus = Field(description="The status from that date on.")
    note: Text = Field(description="Why.")

    @field_validator("date")
    @classmethod
    def _real_date(cls, text: str) -> str:
        PartialDate.parse(text)
        return text


class Claim(Entity):
    """One assertion, assessment, prediction or opinion, attributed exactly."""

    kind_name: ClassVar[str] = "claim"
    folder: ClassVar[str] = "claims"

    statement: Text = Field(description="The claim as one neutral sentence, keeping the source's hedge.")
    claimant: ActorRef = Field(description="Whose claim it is: the NIS for its assessment, even when a lawmaker relayed it.")
    attribution: list[AttributionStep] = Field([], description="Who passed it on after the claimant, in order (e.g. Park Sun-won, relayed). The reporting source is added from appearances.")
    kind: ClaimKind = Field(description="factual-report / intelligence-assessment / analysis / opinion / prediction / quoted-statement.")
    hedges: list[Text] = Field([], description=f"The source's own hedge words, as they appear in the quote. Known words: {', '.join(sorted(HEDGE_WORDS))}.")
    appearances: list[Appearance] = Field(min_length=1, description="Where the claim appears: source and verbatim quote.")
    subjects: list[SubjectRef] = Field(min_length=1, description="The actors and events it is about.")
    relations: list[Relation] = Field([], description="How it bears on other claims. Shown on both claims' pages.")
    status: ClaimStatus = Field(ClaimStatus.UNVERIFIED, description="unverified / disputed / corroborated / superseded.")
    status_history: list[StatusChange] = Field([], description="Dated changes of status, oldest first.")

    @field_validator("status_history")
    @classmethod
    def _history_leads_to_status(cls, history: list[StatusChange], info: ValidationInfo) -> list[StatusChange]:
        for earlier, later in zip(history, history[1:]):
            if PartialDate.parse(later.date).sort_key() < PartialDate.parse(earlier.date).sort_key():
                raise ValueError(f"the change of {later.date} is listed after the change of {earlier.date}; "
                                 "list the changes oldest first")
        status = info.data.get("status")
        if history and status is not None and history[-1].status is not status:
            raise ValueError(f"the last change is to '{history[-1].status.value}' but status is "
                             f"'{status.value}'; the history must end in the current status")
        return history

    @field_validator("hedges")
    @classmethod
    def _known_hedges(cls, hedges: list[str]) -> list[str]:
        for word in hedges:
            if word.casefold() not in HEDGE_WORDS:
                raise ValueError(f"'{word}' is not a known hedge word; known: {', '.join(sorted(HEDGE_WORDS))}")
        return hedges

    @property
    def hedge_level(self) -> HedgeLevel:
        levels = [HEDGE_WORDS[word.casefold()] for word in self.hedges]
        return max(levels, key=_HEDGE_RANK.index, default=HedgeLevel.ASSERTED)

    @property
    def claimant_verb(self) -> str:
        return CLAIMANT_VERB[self.kind]

    @property
    def name(self) -> str:
        return self.statement


def inner_model(annotation: Any) -> tuple[Optional[type[BaseModel]], bool]:
    """(the model a field holds, if any; whether the field is a list), through Optional[...] and list[...]."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    is_list = typing.get_origin(annotation) is list
    for argument in typing.get_args(annotation):
        inner, inner_is_list = inner_model(argument)
        if inner is not None:
            return inner, is_list or inner_is_list
    return None, is_list


KINDS: dict[str, type[Entity]] = {model.kind_name: model for model in (Source, Actor, Event, Claim)}
