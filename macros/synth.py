"""Synthetic data of any size, in the layout of data/, for benchmarks and scale tests.

    python -m macros synth --count 10000 --out /tmp/synth/data [--seed 0]

The shape follows the real data: about 5 % sources, 15 % actors, 20 % events and 60 % claims;
each claim quotes 1–3 archived texts verbatim, names 1–4 subjects and relates to 0–3 earlier
claims; actors carry aliases in Latin, Hangul, Cyrillic, Persian and CJK script, made of
generated syllables so that names are many and none is real; dates use every precision and
form the model allows (no year, ranges, probable dates, several events on one day); optional
fields (corrections, status history, attribution chains, hedges, notes) are filled in about as
often as editors fill them. The output passes `python -m macros check`, editorial rules
included, so a benchmark measures the site and not the reporting of errors.

Everything is drawn from one `random.Random(seed)` in list order (no hash or set order, no
clock): the same arguments give the same bytes, on every run.
"""
from __future__ import annotations

import calendar
import datetime
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .model import CLAIMANT_VERB, ClaimKind, PartialDate

SHARES = {"source": 0.05, "actor": 0.15, "event": 0.20}  # claims take the rest, about 60 %
FOLDERS = {"source": "sources", "actor": "actors", "event": "events", "claim": "claims"}
ARCHIVE = "archive"
MONTHS = list(calendar.month_name)[1:]


def entity_counts(count: int) -> dict[str, int]:
    """How many of each kind make `count` entities: at least one of each, claims take the rest."""
    if count < 4:
        raise ValueError(f"at least 4 entities are needed (one of each kind), not {count}")
    counts = {kind: max(1, round(count * share)) for kind, share in SHARES.items()}
    counts["claim"] = count - sum(counts.values())
    return counts


def write_synthetic_data(out: Path, count: int, seed: int = 0) -> dict[str, int]:
    """Write `count` entities and their archived texts into `out`, which must be new or empty
    (an editor's data is never overwritten). Returns the number of files in each folder."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise FileExistsError(f"{out} is not an empty folder: synthetic data is only written into a new or empty one")
    files = synthetic_files(count, seed)
    for folder in (*FOLDERS.values(), ARCHIVE):
        (out / folder).mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        (out / path).write_bytes(text.encode("utf-8"))
    return {folder: sum(path.startswith(folder + "/") for path in files) for folder in (*FOLDERS.values(), ARCHIVE)}


def synthetic_files(count: int, seed: int = 0) -> dict[str, str]:
    """{'claims/x.yaml': text, 'archive/y.txt': text, …}: the whole dataset, as the files hold it."""
    return _Generator(random.Random(seed), entity_counts(count)).files()


# --- names in several scripts ---------------------------------------------------------------

# Hangul syllables are composed from their jamo, and romanised with the Revised Romanization.
_INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
_MEDIALS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
            "yu", "eu", "ui", "i"]
_FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
           "ng", "t", "t", "k", "t", "p", "t"]
_NAME_INITIALS = [0, 2, 3, 5, 6, 7, 9, 11, 11, 12, 14, 16, 18]
_NAME_MEDIALS = [0, 1, 4, 5, 6, 8, 12, 13, 13, 16, 17, 18, 20]
_NAME_FINALS = [0, 0, 0, 0, 4, 8, 16, 21, 21]
_KOREAN_FAMILIES = [("김", "Kim"), ("이", "Lee"), ("박", "Park"), ("최", "Choi"), ("정", "Jung"), ("강", "Kang"),
                    ("조", "Cho"), ("윤", "Yoon"), ("장", "Jang"), ("임", "Lim"), ("한", "Han"), ("오", "Oh"),
                    ("서", "Seo"), ("신", "Shin"), ("권", "Kwon"), ("황", "Hwang"), ("안", "Ahn"), ("송", "Song"),
                    ("류", "Ryu"), ("홍", "Hong")]
_PERSIAN = [("ba", "با"), ("ri", "ری"), ("za", "زا"), ("deh", "ده"), ("man", "من"), ("sha", "شا"), ("far", "فر"),
            ("kho", "خو"), ("sa", "سا"), ("mi", "می"), ("nou", "نو"), ("ra", "را"), ("ha", "ها"), ("mad", "مد"),
            ("ja", "جا"), ("vad", "واد"), ("gol", "گل"), ("pa", "پا"), ("zi", "زی"), ("mah", "ماه"), ("dar", "دار"),
            ("ka", "کا"), ("vi", "وی"), ("ta", "تا"), ("sho", "شو"), ("reh", "ره"), ("lan", "لان"), ("ni", "نی")]
_CHINESE_FAMILIES = [("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"), ("Yang", "杨"),
                     ("Huang", "黄"), ("Zhao", "赵"), ("Zhou", "周"), ("Wu", "吴"), ("Xu", "徐"), ("Sun", "孙"),
                     ("Ma", "马"), ("Hu", "胡"), ("Guo", "郭")]
_CHINESE = [("wei", "伟"), ("ming", "明"), ("hua", "华"), ("jun", "军"), ("lin", "林"), ("hong", "红"),
            ("qiang", "强"), ("yu", "宇"), ("xin", "新"), ("tao", "涛"), ("jie", "杰"), ("ping", "平"), ("hai", "海"),
            ("bo", "波"), ("yan", "燕"), ("fang", "芳"), ("lei", "磊"), ("dong", "东"), ("feng", "峰"), ("xiang", "翔")]
# 𠮷 (U+20BB7) is outside the Basic Multilingual Plane, as some names are: JSON escapes it as a surrogate pair.
_JAPANESE_FAMILIES = [("Sato", "佐藤"), ("Suzuki", "鈴木"), ("Takahashi", "高橋"), ("Tanaka", "田中"),
                      ("Watanabe", "渡辺"), ("Ito", "伊藤"), ("Yamamoto", "山本"), ("Nakamura", "中村"),
                      ("Kobayashi", "小林"), ("Yoshida", "𠮷田")]
_KANA = [("ka", "カ"), ("ki", "キ"), ("ko", "コ"), ("ta", "タ"), ("to", "ト"), ("na", "ナ"), ("mi", "ミ"), ("ha", "ハ"),
         ("ru", "ル"), ("yu", "ユ"), ("ri", "リ"), ("sa", "サ"), ("shi", "シ"), ("ken", "ケン"), ("ji", "ジ")]
_RUSSIAN = [("vo", "во"), ("lo", "ло"), ("ko", "ко"), ("dmi", "дми"), ("ser", "сер"), ("gei", "гей"), ("na", "на"),
            ("ta", "та"), ("li", "ли"), ("pe", "пе"), ("tro", "тро"), ("mi", "ми"), ("kha", "ха"), ("bo", "бо"),
            ("ris", "рис"), ("va", "ва"), ("si", "си"), ("zo", "зо"), ("rov", "ров"), ("le", "ле")]
_LATIN = ["dal", "ton", "mer", "cer", "har", "ris", "wen", "dell", "bran", "ford", "ash", "ley", "cal", "vin", "ros",
          "lyn", "nor", "va", "te", "mo", "ker", "ta", "zan", "bel", "or", "gu", "mir", "sol", "ve", "den"]
_TRANSCRIPTION_CHARACTERS = "阿巴达尔加卡拉马纳帕萨塔瓦亚扎斯特尼克利诺罗蒙多"  # how Chinese writes foreign names
_CYRILLIC = sorted({
    "shch": "щ", "sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "ts": "ц", "ya": "я", "yu": "ю", "yo": "ё", "ye": "е",
    "eo": "о", "eu": "ы", "ae": "э", "ng": "н", "a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г",
    "h": "х", "i": "и", "j": "дж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "к", "r": "р",
    "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "кс", "y": "й", "z": "з"}.items(), key=lambda kv: -len(kv[0]))
_PERSIAN_LETTERS = sorted({
    "ch": "چ", "kh": "خ", "sh": "ش", "zh": "ژ", "a": "ا", "b": "ب", "c": "ک", "d": "د", "e": "", "f": "ف", "g": "گ",
    "h": "ه", "i": "ی", "j": "ج", "k": "ک", "l": "ل", "m": "م", "n": "ن", "o": "و", "p": "پ", "q": "ق", "r": "ر",
    "s": "س", "t": "ت", "u": "و", "v": "و", "w": "و", "x": "کس", "y": "ی", "z": "ز"}.items(), key=lambda kv: -len(kv[0]))


def _hangul(initial: int, medial: int, final: int) -> str:
    return chr(0xAC00 + (initial * 21 + medial) * 28 + final)


def _transliterate(latin: str, table: list[tuple[str, str]], capital: bool) -> str:
    """A letter-by-letter rendering: crude, as a generated name deserves, but in the right script."""
    words = []
    for word in re.split(r"([ \-])", latin):
        lower, done = word.lower(), ""
        while lower:
            for letters, written in table:
                if lower.startswith(letters):
                    done, lower = done + written, lower[len(letters):]
                    break
            else:
                done, lower = done + lower[0], lower[1:]
        words.append(done[:1].upper() + done[1:] if capital else done)
    return "".join(words)


def cyrillic(latin: str) -> str:
    return _transliterate(latin, _CYRILLIC, capital=True)


def persian(latin: str) -> str:
    return _transliterate(latin, _PERSIAN_LETTERS, capital=False)


@dataclass
class _Name:
    name: str  # Latin, as the site shows it
    native: Optional[str] = None  # in the script of its language, when that is not Latin
    variant: Optional[str] = None  # another Latin spelling a reader may search for
    syllables: int = 2


class _Names:
    """Generated names of people, countries and places, each with its native-script form."""

    CULTURES = ("korean", "persian", "chinese", "japanese", "russian", "anglo")

    def __init__(self, rng: random.Random):
        self.rng = rng

    def korean_word(self, syllables: int) -> tuple[str, str]:
        hangul, latin = "", []
        for _ in range(syllables):
            i, m, f = (self.rng.choice(options) for options in (_NAME_INITIALS, _NAME_MEDIALS, _NAME_FINALS))
            hangul += _hangul(i, m, f)
            latin.append(_INITIALS[i] + _MEDIALS[m] + _FINALS[f])
        return "-".join(latin), hangul

    def word(self, culture: str, syllables: int) -> tuple[str, Optional[str]]:
        """(Latin, native) for a generated word of about `syllables` syllables."""
        if culture == "korean":
            latin, hangul = self.korean_word(syllables)
            return latin.replace("-", "").capitalize(), hangul
        table = {"persian": _PERSIAN, "chinese": _CHINESE, "japanese": _KANA, "russian": _RUSSIAN}.get(culture)
        if table is None:
            return "".join(self.rng.choice(_LATIN) for _ in range(syllables)).capitalize(), None
        parts = [self.rng.choice(table) for _ in range(syllables)]
        return "".join(p[0] for p in parts).capitalize(), "".join(p[1] for p in parts)

    def person(self, culture: str) -> _Name:
        rng = self.rng
        if culture == "korean":
            family = rng.choice(_KOREAN_FAMILIES)
            given, hangul = self.korean_word(2)
            given = given.capitalize()
            return _Name(f"{family[1]} {given}", family[0] + hangul, f"{family[1]} {given.replace('-', ' ').title()}")
        if culture == "chinese":
            family, given = rng.choice(_CHINESE_FAMILIES), self.word("chinese", 2)
            return _Name(f"{family[0]} {given[0]}", family[1] + given[1], f"{given[0]} {family[0]}")
        if culture == "japanese":
            family, given = rng.choice(_JAPANESE_FAMILIES), self.word("japanese", rng.choice((2, 3)))
            return _Name(f"{family[0]} {given[0]}", family[1] + given[1], f"{given[0]} {family[0]}")
        if culture in ("persian", "russian"):
            given, family = self.word(culture, 2), self.word(culture, rng.choice((2, 3)))
            if culture == "russian":  # Volkov, not Volkoov
                family = (family[0].rstrip("aeiou") + "ov", family[1].rstrip("аеиоу") + "ов")
            else:
                family = (family[0] + "i", family[1] + "ی")
            return _Name(f"{given[0]} {family[0]}", f"{given[1]} {family[1]}", f"{given[0][0]}. {family[0]}")
        given, family = self.word("anglo", 2), self.word("anglo", 2)
        return _Name(f"{given[0]} {family[0]}", None, f"{given[0][0]}. {family[0]}")

    def country(self) -> _Name:
        culture = self.rng.choice(self.CULTURES)
        syllables = self.rng.choice((2, 2, 3))
        stem, native = self.word(culture, syllables)
        suffix = self.rng.choice(("ia", "stan", "land", "ova", "esh", "ar", "ine", ""))
        return _Name(stem + suffix, native, None, syllables)

    def place(self) -> _Name:
        culture = self.rng.choice(self.CULTURES)
        stem, native = self.word(culture, self.rng.choice((2, 3)))
        if native is None:
            return _Name(self.rng.choice(("Port ", "", "New ")) + stem)
        latin_suffix, native_suffix = {"korean": ("-ri", "리"), "persian": ("abad", "آباد"),
                                       "russian": ("grad", "град")}.get(culture, ("", ""))
        return _Name(stem + latin_suffix, native + native_suffix)

    def generated_hangul(self, syllables: int) -> str:
        """How Korean news might write a foreign name: Hangul syllables (generated, not transcribed)."""
        return self.korean_word(syllables)[1]

    def generated_chinese(self, syllables: int) -> str:
        return "".join(self.rng.choice(_TRANSCRIPTION_CHARACTERS) for _ in range(syllables))


# --- the text of claims and archives --------------------------------------------------------

_PREDICATES = [
    "resume talks with {other} before the end of the year", "expand its missile programme despite sanctions",
    "seek relief from sanctions in exchange for a freeze", "supply weapons to {other}",
    "reduce its ties with {other}", "test a new long-range missile", "return to the negotiating table",
    "reopen the liaison office in {place}", "strengthen its defence cooperation with {other}",
    "restart enrichment at {place}", "accept inspectors at {place}", "hold joint naval exercises with {other}",
    "withdraw its envoys from {place}", "expel the diplomats of {other}", "use the ceasefire to rebuild its forces",
    "treat nuclear weapons as its only guarantee", "open a new channel of dialogue with {other}",
    "retaliate against {other} for the strikes", "ease restrictions on trade with {other}",
    "send a delegation to {place}", "keep its distance from {other} during the conflict",
    "demand concessions from {other} before any summit",
]
_ASSERTED = ["{s} plans to {p}", "{s} has decided to {p}", "{s} is preparing to {p}", "{s} has agreed to {p}",
             "{s} intends to {p}", "{s} refuses to {p}", "{s} will {p}"]
_HEDGED = {  # a sentence for every hedge word of the model (tests/test_synth.py checks that none is missing)
    "likely": "{s} is likely to {p}", "probably": "{s} will probably {p}", "unlikely": "{s} is unlikely to {p}",
    "will have": "by next year {s} will have tried to {p}", "would likely": "{s} would likely {p} if pressed",
    "may": "{s} may {p}", "might": "{s} might {p}", "could": "{s} could {p}",
    "possibly": "{s} is possibly preparing to {p}", "potentially": "{s} is potentially preparing to {p}",
    "perhaps": "perhaps {s} intends to {p}", "suggest": "officials suggest that {s} plans to {p}",
    "apparent": "there is an apparent effort by {s} to {p}", "allegedly": "{s} allegedly plans to {p}",
    "believe": "officials believe that {s} plans to {p}", "indications": "there are indications that {s} plans to {p}",
    "can": "{s} can {p} within weeks", "would": "{s} would {p} if talks fail", "often": "{s} often threatens to {p}",
    "occasionally": "{s} has occasionally offered to {p}",
    "no evidence": "there is no evidence that {s} plans to {p}", "unclear": "it is unclear whether {s} will {p}",
    "difficult to determine": "it is difficult to determine whether {s} intends to {p}",
    "incomplete information": "assessments based on incomplete information say {s} intends to {p}",
    "with caution": "reports that {s} intends to {p} should be treated with caution",
}
_INTROS = ["According to {claimant}", "In a briefing on {weekday}, {claimant} said", "{claimant} told reporters that",
           "In a statement, {claimant} said", "Speaking in {place}, {claimant} argued that"]
_FILLERS = [
    "{a} did not respond to a request for comment.", "The talks in {place} ended without a joint statement.",
    "Tension in the region has risen since {month}.", "Officials in {place} declined to give details.",
    "The figures could not be independently verified.", "{a}’s foreign ministry has made no statement since.",
    "Satellite images of {place} were published on {weekday}.", "{a} and {b} last met in {place}.",
    "The report was published amid rising tension between {a} and {b}.",
    "A spokesperson for {a} called the account “baseless”.", "Trade between {a} and {b} fell sharply last year.",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_REASONS = {
    "supports": ["Both report the same step by {s}; no disagreement.", "Says the same of {s}, from another side."],
    "contradicts": ["Says the opposite of {s}'s plans: a disagreement of facts.",
                    "A contrary forecast about {s}: a disagreement of forecasts."],
    "qualifies": ["Narrows the claim about {s}: it holds only if talks fail.", "Adds a condition the other leaves out."],
    "context-for": ["Gives the background to {s}'s position; no disagreement.", "Says when and where {s} said it."],
}
_EVENT_TEMPLATES = [  # title, role of a, role of b
    ("{a} and {b} hold talks", "negotiated", "negotiated"), ("{a} tests a missile", "tested", "observed"),
    ("Strike by {a} on {b}", "struck", "was struck"), ("Summit of {a} and {b}", "attended", "attended"),
    ("{a} announces sanctions on {b}", "announced", "was sanctioned"),
    ("{a} and {b} sign a defence agreement", "signatory", "signatory"),
    ("{a} condemns {b}", "condemned", "was condemned"), ("Ceasefire between {a} and {b}", "agreed", "agreed"),
    ("{a} expels diplomats of {b}", "expelled", "was expelled"), ("Naval exercise of {a} and {b}", "led", "joined"),
]
_EVENT_RELATIONS = ["followed", "led to", "part of", "responded to", "accompanied by", "meant to end"]
_PUBLISHERS = ["Herald", "Times", "Review", "Observer", "News Agency", "Daily", "Monitor", "Post", "Journal"]


def _slug(text: str, words: int = 8) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split()[:words]) or "x"


def _yaml(fields: dict) -> str:
    """A block of `field: value` lines in the style of data/: text always quoted, so YAML never misreads it."""
    lines: list[str] = []
    _emit(fields, "", lines)
    return "\n".join(lines) + "\n"


def _scalar(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _emit(fields: dict, pad: str, lines: list[str]) -> None:
    for key, value in fields.items():
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            _emit(value, pad + "  ", lines)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{pad}{key}:")
            for item in value:
                start = len(lines)
                _emit(item, pad + "    ", lines)
                lines[start] = f"{pad}  - {lines[start].lstrip()}"
        elif isinstance(value, list):
            lines.append(f"{pad}{key}: [{', '.join(map(_scalar, value))}]")
        else:
            lines.append(f"{pad}{key}: {_scalar(value)}")


# --- the generator ---------------------------------------------------------------------------


@dataclass
class _Actor:
    id: str
    name: str
    kind: str
    country: Optional[str]  # the country it belongs to, for names and affiliations
    fields: dict = field(default_factory=dict)


@dataclass
class _Source:
    id: str
    fields: dict
    sentences: list[str] = field(default_factory=list)  # each holds one quote verbatim


class _Generator:
    """Makes the four kinds in order (sources, actors, events, claims), each drawing on those made
    before it; a claim's quote is written into its source's archive as the claim is made."""

    def __init__(self, rng: random.Random, counts: dict[str, int]):
        self.rng, self.counts = rng, counts
        self.names = _Names(rng)
        self.ids: set[str] = set()  # membership only, never iterated: the output's order is list order
        self.sources: list[_Source] = []
        self.actors: list[_Actor] = []
        self.events: list[tuple[str, dict]] = []
        self.claims: list[tuple[str, dict]] = []

    def files(self) -> dict[str, str]:
        self.make_sources()
        self.make_actors()
        self.make_events()
        self.make_claims()
        files = {}
        for source in self.sources:
            files[f"sources/{source.id}.yaml"] = _yaml(source.fields)
            files[f"{ARCHIVE}/{source.id}.txt"] = self.archive_text(source)
        for actor in self.actors:
            files[f"actors/{actor.id}.yaml"] = _yaml(actor.fields)
        for folder, entities in (("events", self.events), ("claims", self.claims)):
            for entity_id, fields in entities:
                files[f"{folder}/{entity_id}.yaml"] = _yaml(fields)
        return files

    # helpers

    def chance(self, share: float) -> bool:
        return self.rng.random() < share

    def new_id(self, text: str, words: int = 8) -> str:
        base = _slug(text, words)
        entity_id, number = base, 2
        while entity_id in self.ids or entity_id == "index":
            entity_id, number = f"{base}-{number}", number + 1
        self.ids.add(entity_id)
        return entity_id

    def day(self, years: tuple[int, int]) -> datetime.date:
        year = self.rng.randint(*years)
        month = self.rng.randint(1, 12)
        return datetime.date(year, month, self.rng.randint(1, calendar.monthrange(year, month)[1]))

    def notes(self, fields: dict, note_share: float, correction_share: float) -> dict:
        """The editor's note and corrections every kind may carry."""
        if self.chance(note_share):
            fields["editor_note"] = self.rng.choice([
                "The archived copy names no author; the byline is the publisher's.",
                "Two spellings of the name occur in the sources; the site uses the more common one.",
                "Modelled as one entry although the text is not clear whether it means one body or several.",
                "The date is the one the text gives; other reports differ by a day."])
        if self.chance(correction_share):
            dates = sorted(self.day((2024, 2026)).isoformat() for _ in range(self.rng.choice((1, 1, 2))))
            fields["corrections"] = [{
                "date": date,
                "change": self.rng.choice(["kind: prediction → analysis", "hedges: none → may",
                                           "the date is now given to the month only", "a misspelt name"]),
                "reason": "The text says otherwise on a second reading; the entry now follows it."} for date in dates]
        return fields

    # dates

    def date_spec(self, precision: str, years: tuple[int, int]) -> dict:
        """A DateSpec of `precision`, in one of the forms the model allows for it."""
        rng, spec = self.rng, {}
        day = self.day(years)
        form = rng.random()
        if precision == "day":
            if form < 0.05:
                spec["start"] = f"--{day.month:02d}-{day.day:02d}"  # the text gives no year
            else:
                spec["start"] = day.isoformat()
                if form > 0.85:
                    spec["end"] = (day + datetime.timedelta(days=rng.randint(1, 6))).isoformat()
        elif precision == "month":
            if form < 0.05:
                spec["start"] = f"--{day.month:02d}"
            else:
                spec["start"] = f"{day.year}-{day.month:02d}"
                if form > 0.9 and day.month < 12:
                    spec["end"] = f"{day.year}-{rng.randint(day.month + 1, 12):02d}"
        elif precision == "year":
            spec["start"] = str(day.year)
            if form > 0.85:
                spec["end"] = str(day.year + rng.randint(1, 3))
        elif precision == "approximate":
            part = rng.choice(("early", "mid-", "late"))
            part_shown = part if part.endswith("-") else part + " "
            if form < 0.25:
                spec["start"] = f"--{day.month:02d}"
                spec["display"] = f"{part_shown}{MONTHS[day.month - 1]}, year not stated"
            elif form < 0.6:
                spec["start"] = f"{day.year}-{day.month:02d}"
                spec["display"] = f"{part_shown}{MONTHS[day.month - 1]} {day.year}"
            elif form < 0.75 and day.month < 11:
                spec["start"], spec["end"] = f"{day.year}-{day.month:02d}", f"{day.year}-{day.month + 2:02d}"
                spec["display"] = f"between {MONTHS[day.month - 1]} and {MONTHS[day.month + 1]} {day.year}"
            elif form < 0.92:
                spec["start"] = str(day.year)
                spec["display"] = f"around {day.year}"
            else:
                spec["display"] = "shortly after the talks (the text gives no date)"
        spec["precision"] = precision
        if precision != "approximate" and self.chance(0.05) and "start" in spec:
            spec["display"] = f"{PartialDate.parse(spec['start']).display()} (as the text puts it)"
        basis = "stated-in-source" if precision != "unknown" else "inferred-from-source"
        roll = rng.random()
        if precision != "unknown" and roll > 0.6:
            basis = "inferred-from-source" if roll < 0.85 else "public-record"
        spec["basis"] = basis
        if basis != "stated-in-source" or self.chance(0.15):
            spec["note"] = {
                "stated-in-source": "The text gives the date in these words.",
                "inferred-from-source": rng.choice(["The text gives no date; it speaks of “last week”, counted "
                                                    "back from its own date.", "The text gives no date at all."]),
                "public-record": "Not in the text; the date is from the public record (wire reports of the day).",
            }[basis]
        start = spec.get("start")
        vague = precision in ("month", "year", "approximate", "unknown") or (start or "").startswith("--")
        if vague and self.chance(0.25):
            spec["probable"] = self.probable(start)
        return spec

    def probable(self, start: Optional[str]) -> dict:
        """The editors' inference of a vague date: it keeps every part the stated date gives."""
        rng = self.rng
        stated = PartialDate.parse(start) if start else PartialDate(None, None, None)
        guess = self.day((2016, 2025))
        year, month = stated.year or guess.year, stated.month or guess.month
        day = stated.day or min(guess.day, calendar.monthrange(year, month)[1])
        while day > calendar.monthrange(year, month)[1]:  # --02-29: the year must be a leap year
            year -= 1
        likely = datetime.date(year, month, day)
        to_the_day = stated.day is not None or self.chance(0.7)
        probable = {"start": likely.isoformat() if to_the_day else f"{year}-{month:02d}"}
        if self.chance(0.3):
            probable["end"] = (likely + datetime.timedelta(days=rng.randint(31, 90))).isoformat()
        probable["display"] = (f"{day} {MONTHS[month - 1]} {year}" if to_the_day
                               else f"in or after {MONTHS[month - 1]} {year}")
        probable["likelihood"] = rng.choice(("likely", "likely", "possible"))
        probable["reasoning"] = ("The public record has one event that fits the text's reference; the text itself "
                                 "does not say so, so this remains the editors' inference.")
        probable["references"] = [f"https://wire.example.org/{year}/{month:02d}/report-{rng.randint(100, 999)}"
                                  for _ in range(rng.choice((1, 1, 2)))]
        return probable

    # the four kinds

    def make_sources(self) -> None:
        rng = self.rng
        precisions = rng.choices(["day", "month", "year", "approximate", "unknown"], [60, 12, 8, 12, 8],
                                 k=self.counts["source"])
        precisions[:5] = ["day", "month", "year", "approximate", "unknown"][:len(precisions)]  # every one occurs
        for precision in precisions:
            publisher = f"The {self.names.word(rng.choice(_Names.CULTURES), 2)[0]} {rng.choice(_PUBLISHERS)}"
            headline = rng.choice(["Talks stall as {x} hardens its position", "What {x}'s next move means",
                                   "{x} weighs its options after the strikes", "Inside the briefing on {x}",
                                   "Why {x} keeps its distance"]).format(x=self.names.country().name)
            untitled = self.chance(0.1)
            title = f"Report on a briefing about {headline.split()[-1]}, without a headline" if untitled else headline
            source_id = self.new_id(f"{publisher.removeprefix('The ')} {headline}", 7)
            published = self.date_spec(precision, (2015, 2025))
            fields = {"title": title}
            if untitled:
                fields["untitled"] = True
            fields["kind"] = rng.choices(["news-report", "opinion", "analysis", "official-statement", "interview"],
                                         [50, 15, 20, 10, 5])[0]
            fields["publisher"] = publisher if self.chance(0.8) else None
            fields["author"] = self.names.person(rng.choice(_Names.CULTURES)).name if self.chance(0.6) else None
            fields["url"] = (f"https://{_slug(publisher, 3)}.example.org/{source_id}" if self.chance(0.7) else None)
            fields["published"] = published
            fields["accessed"] = self.accessed(published) if self.chance(0.5) else None
            fields["language"] = rng.choices(["en", "ko", "fa", "ru", "zh", "ja"], [70, 10, 6, 5, 5, 4])[0]
            fields["summary"] = (f"{headline}. The text reports what officials and analysts say about the talks, "
                                 "the sanctions and the strikes, and where they disagree.")
            fields["archive"] = f"{ARCHIVE}/{source_id}.txt"
            self.sources.append(_Source(source_id, self.notes(fields, 0.15, 0.06)))

    def accessed(self, published: dict) -> str:
        start = published.get("start")
        year = int(start[:4]) + 1 if start and not start.startswith("--") else self.rng.randint(2024, 2026)
        day = self.day((year, year))
        return day.isoformat() if self.chance(0.8) else f"{year}-{day.month:02d}"

    def make_actors(self) -> None:
        rng, names = self.rng, self.names
        kinds = rng.choices(["person", "state", "government-body", "organisation", "place", "facility",
                             "unnamed-group"], [45, 10, 12, 12, 10, 6, 5], k=self.counts["actor"])
        countries = [names.country() for _ in range(max(3, self.counts["actor"] // 12))]
        stateless = list(countries)  # each state takes a country of its own
        for kind in kinds:
            country = rng.choice(countries)
            name: _Name
            if kind == "person":
                name = names.person(rng.choice(_Names.CULTURES))
            elif kind == "state":
                country = stateless.pop(0) if stateless else names.country()
                if country not in countries:
                    countries.append(country)
                name = country
            elif kind == "government-body":
                body, acronym = rng.choice([("Ministry of Foreign Affairs", "MFA"), ("Ministry of Defence", "MOD"),
                                            ("National Intelligence Service", "NIS"), ("Central Bank", "CB"),
                                            ("Atomic Energy Organisation", "AEO"), ("Coast Guard", "CG"),
                                            ("Supreme National Security Council", "SNSC")])
                name = _Name(f"{country.name} {body}", None, f"{acronym} ({country.name})", country.syllables + 3)
            elif kind == "organisation":
                stem = names.word(rng.choice(_Names.CULTURES), 2)[0]
                name = _Name(rng.choice([f"{stem} Institute for Security Studies", f"{stem} Energy Corporation",
                                         f"{stem} News Agency", f"{stem} Shipping Company"]), None, None, 4)
            elif kind == "place":
                name = names.place()
            elif kind == "facility":
                place = names.place()
                name = _Name(f"{place.name} {rng.choice(['enrichment facility', 'air base', 'test site', 'port'])}",
                             None, place.name, 3)
            else:
                name = _Name(rng.choice([f"Unnamed officials of {country.name}", f"Unnamed analysts in {country.name}",
                                         f"Unnamed diplomats of {country.name}"]))
            actor = _Actor(self.new_id(name.name, 6), name.name, kind, country.name)
            fields = {"name": name.name, "kind": kind}
            aliases = self.aliases(name, kind)
            if aliases:
                fields["aliases"] = aliases
            fields["description"] = self.description(kind, country.name)
            actor.fields = fields
            self.actors.append(actor)
        by_country: dict[str, list[_Actor]] = {}
        for actor in self.actors:
            by_country.setdefault(actor.country, []).append(actor)
        for actor in self.actors:
            affiliations = self.affiliations(actor, by_country[actor.country])
            if affiliations:
                actor.fields["affiliations"] = affiliations
            self.notes(actor.fields, 0.08, 0.03)

    def aliases(self, name: _Name, kind: str) -> list[str]:
        """Other spellings: the native script, a Latin variant, and renderings in other scripts."""
        if kind == "unnamed-group":
            return []
        rng, found = self.rng, [name.native, name.variant]
        if self.chance(0.45):
            found.append(self.names.generated_hangul(max(2, name.syllables)))
        if self.chance(0.5):
            found.append(cyrillic(name.name))
        if self.chance(0.25):
            found.append(persian(name.name))
        if self.chance(0.25):
            found.append(self.names.generated_chinese(max(2, name.syllables)))
        aliases, seen = [], {name.name.casefold()}
        for alias in found:
            if alias and alias.strip() and alias.casefold() not in seen:
                seen.add(alias.casefold())
                aliases.append(alias)
        rng.shuffle(aliases)
        return aliases

    def description(self, kind: str, country: str) -> str:
        return {
            "person": f"An official of {country} whom the sources quote on the talks and the sanctions.",
            "state": f"{country}, a state the sources discuss.",
            "government-body": f"A body of the government of {country}.",
            "organisation": f"An organisation based in {country}.",
            "place": f"A city in {country}.",
            "facility": f"A site in {country} named in reports of the strikes.",
            "unnamed-group": "People the sources quote without naming them.",
        }[kind]

    def affiliations(self, actor: _Actor, compatriots: list[_Actor]) -> list[dict]:
        wanted = {"person": (("government-body", "member of"), ("organisation", "works for"), ("state", "official of")),
                  "government-body": (("state", "agency of"),), "organisation": (("state", "based in"),),
                  "facility": (("place", "located in"), ("state", "located in")), "place": (("state", "city in"),),
                  "unnamed-group": (("state", "officials of"),)}.get(actor.kind, ())
        affiliations = []
        for kind, relation in wanted:
            candidates = [other for other in compatriots if other.kind == kind and other is not actor]
            if candidates and self.chance(0.7):
                affiliations.append({"actor": self.rng.choice(candidates).id, "relation": relation})
                if actor.kind == "person":
                    break
        return affiliations

    def make_events(self) -> None:
        rng = self.rng
        precisions = rng.choices(["day", "month", "year", "approximate", "unknown"], [45, 18, 12, 15, 10],
                                 k=self.counts["event"])
        precisions[:5] = ["day", "month", "year", "approximate", "unknown"][:len(precisions)]
        places = [actor for actor in self.actors if actor.kind in ("place", "facility")]
        parties = [actor for actor in self.actors if actor.kind not in ("place", "facility")] or self.actors
        starts: dict[str, list[dict]] = {}  # a year and a day -> the events that start on it
        for precision in precisions:
            title, role_a, role_b = rng.choice(_EVENT_TEMPLATES)
            a, b = rng.sample(parties, 2) if len(parties) > 1 else (parties[0], parties[0])
            date = self.date_spec(precision, (1990, 2025))
            if precision == "day" and starts and self.chance(0.1):  # several events on one day
                date["start"] = rng.choice(list(starts))
                for vaguer in ("end", "display", "probable"):
                    date.pop(vaguer, None)
            title = title.format(a=a.name, b=b.name)
            place = rng.choice(places) if places and self.chance(0.4) else None
            fields = {"title": title + (f" in {place.name}" if place else ""), "date": date}
            participants = [{"actor": a.id, "role": role_a}]
            if b is not a:
                participants.append({"actor": b.id, "role": role_b})
            for extra in rng.sample(parties, min(len(parties), rng.choice((0, 0, 1, 2)))):
                if all(extra.id != p["actor"] for p in participants):
                    participants.append({"actor": extra.id, "role": rng.choice(["observed", "mediated", "hosted"])})
            fields["participants"] = participants
            if place:
                fields["place"] = place.id
            related = rng.sample(self.events, min(len(self.events), rng.choices((0, 1, 2), (60, 30, 10))[0]))
            if related:
                fields["related"] = [{"event": event_id, "relation": rng.choice(_EVENT_RELATIONS)}
                                     for event_id, _ in related]
            fields["summary"] = (f"{title}, as the sources tell it: {a.name} {role_a}"
                                 + (f" and {b.name} {role_b}." if b is not a else "."))
            fields["sources"] = [source.id for source in
                                 rng.sample(self.sources, min(len(self.sources), rng.choice((1, 1, 1, 2, 3))))]
            event_id = self.new_id(f"{title} {date.get('start', '')[:4]}", 9)
            self.events.append((event_id, self.notes(fields, 0.1, 0.04)))
            start = date.get("start", "")
            if len(start) == 10:  # YYYY-MM-DD: events that share it need their order that day
                starts.setdefault(start, []).append(fields)
        for same_day in starts.values():
            if len(same_day) > 1:
                for sequence, fields in enumerate(same_day, 1):
                    fields["sequence"] = sequence

    def make_claims(self) -> None:
        rng = self.rng
        kinds = [kind.value for kind in ClaimKind]
        speakers = [actor for actor in self.actors if actor.kind not in ("place", "facility")] or self.actors
        places = [actor for actor in self.actors if actor.kind in ("place", "facility")]
        hedge_words = list(_HEDGED)
        for index in range(self.counts["claim"]):
            claimant = rng.choice(speakers)
            kind = rng.choices(kinds, [30, 12, 20, 15, 13, 10])[0]
            # the first claims name every actor, event and source once, so that nothing stands alone
            subject = self.actors[index] if index < len(self.actors) else rng.choice(self.actors)
            event = self.events[index][0] if index < len(self.events) else None
            first_source = self.sources[index] if index < len(self.sources) else None
            other = rng.choice(self.actors)
            if other is subject and len(self.actors) > 1:  # not "X keeps its distance from X"
                other = self.actors[(self.actors.index(subject) + 1) % len(self.actors)]
            place = rng.choice(places) if places else None
            predicate = rng.choice(_PREDICATES).format(other=other.name, place=place.name if place else "the capital")
            hedged = self.chance(0.4)
            word = rng.choice(hedge_words) if hedged else None
            count = rng.choices((1, 2, 3), (60, 28, 12))[0]
            sources = ([first_source] if first_source else []) + rng.sample(self.sources, min(len(self.sources), 3))
            sources = list({source.id: source for source in sources}.values())[:count]  # dict: first seen, in order
            shown = self.subject_as_written(subject)
            frames, appearances = [], []
            for number, source in enumerate(sources):
                quote_word = word if number == 0 or self.chance(0.5) else (rng.choice(hedge_words) if self.chance(0.3) else None)
                frame = (_HEDGED[quote_word] if quote_word else rng.choice(_ASSERTED)).format(s=shown, p=predicate)
                frames.append((quote_word, frame))
                appearances.append({"source": source.id, "quote": self.quote_in(source, frame, claimant.name)})
            hedges = list(dict.fromkeys(w for w, _ in frames if w))
            statement_frame = next((frame for w, frame in frames if w), frames[0][1])
            verb = CLAIMANT_VERB[ClaimKind(kind)]
            fields = {"statement": f"{claimant.name} {verb} that {statement_frame}.", "claimant": claimant.id}
            if self.chance(0.15):
                relays = [actor for actor in rng.sample(speakers, min(len(speakers), 2)) if actor is not claimant]
                fields["attribution"] = [{"actor": actor.id, "act": rng.choice(["relayed", "briefed", "quoted",
                                                                                "reported", "confirmed"])}
                                         for actor in relays[:rng.choice((1, 1, 2))]]
                if not fields["attribution"]:
                    del fields["attribution"]
            fields["kind"] = kind
            if hedges:
                fields["hedges"] = hedges
            fields["appearances"] = appearances
            subjects = [subject.id] + ([event] if event else [])
            extra = rng.choice((0, 0, 1, 1, 2, 3))
            for candidate in ([other.id] + ([place.id] if place else []) +
                              ([rng.choice(self.events)[0]] if self.chance(0.4) else []))[:extra]:
                if candidate not in subjects and len(subjects) < 4:
                    subjects.append(candidate)
            fields["subjects"] = subjects
            earlier = rng.sample(self.claims, min(len(self.claims), rng.choices((0, 1, 2, 3), (45, 30, 17, 8))[0]))
            if earlier:
                relations = []
                for claim_id, _ in earlier:
                    relation_type = rng.choices(list(_REASONS), (35, 25, 20, 20))[0]
                    relation = {"type": relation_type, "claim": claim_id,
                                "reason": rng.choice(_REASONS[relation_type]).format(s=subject.name)}
                    if self.chance(0.1):
                        relation["inference"] = True
                    relations.append(relation)
                fields["relations"] = relations
            fields["status"] = rng.choices(["unverified", "disputed", "corroborated", "superseded"], (60, 15, 15, 10))[0]
            if self.chance(0.2):
                fields["status_history"] = self.status_history(fields["status"])
            claim_id = self.new_id(f"{claimant.name} {statement_frame}", 8)
            self.claims.append((claim_id, self.notes(fields, 0.1, 0.05)))

    def subject_as_written(self, actor: _Actor) -> str:
        """Sources write the same actor in more than one way: mostly its name, now and then an alias."""
        latin = [alias for alias in actor.fields.get("aliases", []) if alias.isascii()]
        return self.rng.choice(latin) if latin and self.chance(0.2) else actor.name

    def quote_in(self, source: _Source, frame: str, claimant: str) -> str:
        """Put a sentence holding `frame` into the source's archived text; return the quote, verbatim in it."""
        rng = self.rng
        form = rng.random()
        if form < 0.55:
            sentence = frame[0].upper() + frame[1:] + "."
            quote = sentence if form < 0.4 else sentence[:-1]
        else:
            intro = rng.choice(_INTROS).format(claimant=claimant, weekday=rng.choice(_WEEKDAYS),
                                               place=rng.choice(self.actors).name)
            sentence = f"{intro}{'' if intro.endswith(('said', 'that')) else ','} {frame}."
            quote = frame
        source.sentences.append(sentence)
        return quote

    def status_history(self, status: str) -> list[dict]:
        rng = self.rng
        year = rng.randint(2016, 2024)
        steps = [s for s in rng.sample(["unverified", "disputed", "corroborated"], rng.choice((1, 2))) if s != status]
        history = []
        for step in steps + [status]:
            form = rng.random()
            day = self.day((year, year))
            date = day.isoformat() if form < 0.7 else f"{year}-{day.month:02d}" if form < 0.9 else str(year)
            history.append({"date": date, "status": step, "note": f"Reports in {year} changed the picture."})
            year += rng.randint(1, 2)
        return history

    def archive_text(self, source: _Source) -> str:
        """The source's text: its quoted sentences among others, in paragraphs."""
        rng = self.rng
        sentences = list(source.sentences)
        for _ in range(max(8, len(sentences) // 2)):
            a, b = rng.choice(self.actors), rng.choice(self.actors)
            sentences.append(rng.choice(_FILLERS).format(a=a.name, b=b.name, place=rng.choice(self.actors).name,
                                                         month=rng.choice(MONTHS), weekday=rng.choice(_WEEKDAYS)))
        rng.shuffle(sentences)
        paragraphs, start = [], 0
        while start < len(sentences):
            size = rng.randint(3, 6)
            paragraphs.append(" ".join(sentences[start:start + size]))
            start += size
        title = source.fields["title"]
        return ("" if source.fields.get("untitled") else title + "\n\n") + "\n\n".join(paragraphs) + "\n"
