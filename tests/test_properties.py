"""Properties that must hold for any input, checked with Hypothesis (deterministic: derandomized,
no example database, so CI runs the same examples every time).

- Whatever bytes are in a data file, loading reports data errors and nothing else: no traceback,
  no hang.
- Any small valid dataset (random sizes, texts, relations, dates of every precision) builds:
  every entity gets a page, and a real `mkdocs build --strict` succeeds.
- Any text in any free-text field comes out inert: shown as written, adding no element or
  attribute to the page, and leaving the front matter valid YAML.
"""
from __future__ import annotations

import contextlib
import copy
import datetime
import inspect
import shutil
import signal
import subprocess
import sys
import tempfile
from collections import Counter
from html import unescape
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, Phase, assume, example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data as get_front_matter

from hostile_data import (MINI_DATA, PAYLOADS, fixture_project, fold, locations_of, read_data, text_fields,
                          write_data)
from macros.errors import DataError, DataErrors
from macros.load import YamlFile, load_yaml
from macros.model import HEDGE_WORDS, KINDS, SHORT_NAME_NEEDED_OVER, ActorKind, ClaimKind, ClaimStatus, RelationType, SourceKind
from macros.pages import build_pages
from macros.validate import load_dataset
from macros.verbatim_html import VerbatimHtml
from site_build import mkdocs_build
from site_html import elements, text

_DETERMINISTIC = settings(derandomize=True, database=None, deadline=None, print_blob=False,
                           suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                                  HealthCheck.data_too_large])


def properties(**options) -> settings:
    """The same examples on every run and machine; no time limit per example (builds are slow)."""
    return settings(_DETERMINISTIC, **options)


MARKDOWN_EXTENSIONS = ["admonition", "attr_list", "tables", "toc", VerbatimHtml()]  # as in mkdocs.yml, and the hook's
TIME_LIMIT = 20  # seconds for loading one small data folder: far more than it ever needs


@contextlib.contextmanager
def within(seconds: int, what: str):
    """Fail instead of hanging."""
    def expired(signum, frame):
        raise TimeoutError(f"{what} took more than {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- a. the loader reports data errors, never anything else -----------------------------------

MINI_ENTITIES, MINI_ARCHIVES = read_data()
MINI_FILES = sorted(path.relative_to(MINI_DATA).as_posix() for path in MINI_DATA.rglob("*") if path.is_file())
TARGETS = MINI_FILES + ["claims/new-claim.yaml", "actors/new-actor.yml", "events/index.yaml", "archive/new.txt"]

YAML_PIECES = [": ", ":", "- ", "-", "&a ", "*a", "&", "*", "!", "!!str ", "!!python/object:os.system ",
               "!<tag:yaml.org,2002:map> ", "{", "}", "[", "]", "'", '"', "\t", "\x00", "\n", "\r", "  ",
               "<<: ", "? ", "|", ">", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "---\n", "...\n", "#", ",",
               "key", "name", "statement", "no", "off", "0x1F", "010", "1.10", "1:20", "2025-02-30", "~",
               "null", "é", "🚀", "\\", "\\x00", "\ufeff", "\u2028", "\x85", "\u202e", "@", "`", "%"]
yamlish = st.lists(st.sampled_from(YAML_PIECES), max_size=80).map("".join)
nested = st.tuples(st.integers(1, 3000), st.sampled_from(["[]", "{}", "- ", "a:"])).map(lambda spec: _nest(*spec))
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.dates().map(str),
    lambda children: (st.lists(children, max_size=4)
                      | st.dictionaries(st.text(max_size=8) | st.integers(), children, max_size=4)),
    max_leaves=20)


def _nest(depth: int, shape: str) -> str:
    """Lists or mappings nested `depth` deep: [[[x]]], {a: {a: x}}, - - - x, or block mappings."""
    if shape == "a:":  # each mapping indented under the last
        return "".join(" " * level + "a:\n" for level in range(depth)) + " " * depth + "b\n"
    if shape == "- ":
        return "- " * depth + "x"
    opening, closing = ("[", "]") if shape == "[]" else ("{a: ", "}")
    return opening * depth + "x" + closing * depth


@st.composite
def entity_shaped(draw) -> str:
    """A real entity file with one field (or the whole file) swapped for a random value."""
    entities = MINI_ENTITIES
    kind = draw(st.sampled_from(sorted(entities)))
    fields = copy.deepcopy(entities[kind][draw(st.sampled_from(sorted(entities[kind])))])
    name = draw(st.sampled_from(sorted(fields) + ["id", "unknown_field"]))
    fields[name] = draw(yaml_values)
    return yaml.safe_dump(fields, allow_unicode=draw(st.booleans()))


BILLION_LAUGHS = "\n".join(["a: &a [x, x, x, x, x, x, x, x, x]"] + [
    f"{chr(98 + level)}: &{chr(98 + level)} [{', '.join(['*' + chr(97 + level)] * 9)}]" for level in range(8)])
file_contents = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")),
    yamlish.map(lambda t: t.encode("utf-8", "surrogatepass")),
    nested.map(str.encode),
    st.builds(yaml.safe_dump, yaml_values).map(str.encode),
    entity_shaped().map(str.encode),
)


@properties(max_examples=200)
@given(target=st.sampled_from(TARGETS), content=file_contents)
@example(target="claims/talks-may-resume.yaml", content=BILLION_LAUGHS.encode())
@example(target="actors/ruritania.yaml", content=("[" * 100_000).encode())
@example(target="actors/ruritania.yaml", content=_nest(20_000, "[]").encode())
@example(target="events/coronation.yaml", content=_nest(20_000, "{}").encode())
@example(target="claims/new-claim.yaml", content=_nest(50_000, "- ").encode())
@example(target="sources/palace-statement.yaml", content=_nest(1_000, "a:").encode())
@example(target="sources/flavia-interview.yaml", content=b"\xff\xfe\x00")
@example(target="archive/strelsau-gazette.txt", content=b"\xc3\x28")
def test_any_bytes_in_a_data_file_give_data_errors_or_a_dataset(target, content):
    with tempfile.TemporaryDirectory() as temporary:
        data = Path(temporary) / "data"
        shutil.copytree(MINI_DATA, data)
        (data / target).parent.mkdir(exist_ok=True)
        (data / target).write_bytes(content)
        with within(TIME_LIMIT, f"loading data with {target} replaced"):
            try:
                load_dataset(data)
            except DataErrors as errors:
                assert errors.errors and all(isinstance(error, DataError) for error in errors.errors)
                assert all(isinstance(error.line, int) for error in errors.errors)


def _load_yaml(text: str, directory: Path) -> tuple:
    """load_yaml as it is called: with the file's text (or, in older versions, its path)."""
    first = next(iter(inspect.signature(load_yaml).parameters))
    if first == "path":
        path = directory / "file.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        return load_yaml(path, "data/actors/file.yaml")
    return load_yaml(text, "data/actors/file.yaml")


@properties(max_examples=200)
@given(text=st.one_of(st.text(max_size=500), yamlish, nested, st.builds(yaml.safe_dump, yaml_values),
                      entity_shaped()))
@example(text=BILLION_LAUGHS)
@example(text="[" * 100_000)
@example(text=_nest(20_000, "[]"))
@example(text=_nest(20_000, "{}"))
@example(text="a: !!python/object/apply:os.system ['touch PWNED']")
def test_load_yaml_returns_a_file_or_errors_and_never_raises(text):
    with tempfile.TemporaryDirectory() as temporary, within(TIME_LIMIT, "load_yaml"):
        result = _load_yaml(text, Path(temporary))
    assert isinstance(result, tuple) and len(result) == 2, result
    parsed, errors = result
    assert parsed is None or isinstance(parsed, YamlFile)
    assert isinstance(errors, list) and all(isinstance(error, DataError) for error in errors), errors
    if parsed is None:
        assert errors, "a file that could not be read must say why"


# --- b. random valid datasets build ------------------------------------------------------------

# Text an editor might type: letters, digits, punctuation and symbols of any script, spaces and
# line breaks, and pieces of markup. No control characters (the loader refuses them, rightly).
EDITOR_CHARACTERS = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"), include_characters="\n")
MARKUP = list(PAYLOADS) + ["- ", "1. ", "+ ", "* ", "> ", "# ", "    ", "\n\n", "|", "{: #x .y onclick=z }",
                           "<b>", "</p>", "&amp;", "&#95;", "\\", "`", "*", "_", "~~", "[a]: http://x",
                           "[a]", "![i](x.png)", "<http://example.com>", "===", "!!! note", "--8<--",
                           "{{ 7*7 }}", "{%", "%}", "{#", "#}", "'", '"', ": ", "no", "1.10"]
editor_text = st.lists(st.one_of(st.text(EDITOR_CHARACTERS, min_size=1, max_size=12), st.sampled_from(MARKUP)),
                       min_size=1, max_size=6).map("".join).filter(lambda t: t.strip())
ACTS = ["relayed", "quoted", "briefed", "shared", "passed on"]
dates = st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2020, 12, 31))


@st.composite
def date_specs(draw) -> dict:
    """A date of any precision and basis, consistent with the model's rules."""
    precision = draw(st.sampled_from(["day", "month", "year", "approximate", "unknown"]))
    basis = draw(st.sampled_from(["stated-in-source", "inferred-from-source", "public-record"]))
    start, later = sorted(draw(st.lists(dates, min_size=2, max_size=2)))
    spec: dict = {}
    if precision == "day":
        spec["start"] = start.isoformat()
        if draw(st.booleans()):
            spec["end"] = later.isoformat()
    elif precision == "month":
        if draw(st.booleans()):
            spec["start"] = f"--{start.month:02d}"
        else:
            spec["start"] = f"{start.year:04d}-{start.month:02d}"
            if draw(st.booleans()):
                spec["end"] = f"{later.year:04d}-{later.month:02d}"
    elif precision == "year":
        spec["start"] = f"{start.year:04d}"
        if draw(st.booleans()):
            spec["end"] = f"{later.year:04d}"
    elif precision == "approximate" and draw(st.booleans()):
        spec["start"] = draw(st.sampled_from([start.isoformat(), f"{start.year:04d}-{start.month:02d}",
                                              f"{start.year:04d}", f"--{start.month:02d}"]))
    spec["precision"] = precision
    if precision == "approximate" or draw(st.booleans()):
        spec["display"] = draw(editor_text)
    spec["basis"] = basis
    if basis != "stated-in-source" or draw(st.booleans()):
        spec["note"] = draw(editor_text)
    return spec


def _maybe(draw, strategy):
    return draw(strategy) if draw(st.booleans()) else None


@st.composite
def datasets(draw) -> tuple[dict, dict]:
    """({kind: {id: fields}}, {archive name: text}): a small dataset that the checker must accept."""
    sources, archives = {}, {}
    sentences: dict[str, list[tuple[str, str | None]]] = {}  # source -> [(sentence, hedge word in it)]
    for index in range(draw(st.integers(1, 2))):
        source_id = f"source-{index}"
        sentences[source_id] = []
        for _ in range(draw(st.integers(1, 4))):
            hedge = _maybe(draw, st.sampled_from(sorted(HEDGE_WORDS)))
            words = [draw(editor_text), hedge, draw(editor_text)] if hedge else [draw(editor_text)]
            sentences[source_id].append((" ".join(words), hedge))
        archives[f"{source_id}.txt"] = "\n\n".join(sentence for sentence, _ in sentences[source_id]) + "\n"
        published = draw(date_specs())
        sources[source_id] = {
            "title": draw(editor_text), "untitled": draw(st.booleans()),
            "kind": draw(st.sampled_from([kind.value for kind in SourceKind])),
            "publisher": _maybe(draw, editor_text), "author": _maybe(draw, editor_text),
            "url": draw(st.sampled_from([None, "https://example.org/a", "http://example.org/b?c=d&e=f"])),
            "published": published,
            "accessed": draw(st.sampled_from([None, "2021", "2022-03", "2023-04-05"])),
            "language": draw(st.sampled_from(["en", "ko", "fa", "en-GB"])),
            "summary": draw(editor_text), "archive": f"archive/{source_id}.txt",
        }
        if draw(st.booleans()):
            sources[source_id]["editor_note"] = draw(editor_text)
        _short_name(draw, sources[source_id], "title")

    actor_kinds = draw(st.lists(st.sampled_from([kind.value for kind in ActorKind]), min_size=1, max_size=4))
    actor_ids = [f"actor-{index}" for index in range(len(actor_kinds))]
    actors = {}
    for actor_id, kind in zip(actor_ids, actor_kinds):
        others = [other for other in actor_ids if other != actor_id]
        affiliated = draw(st.lists(st.sampled_from(others), unique=True, max_size=2)) if others else []
        actors[actor_id] = {
            "name": draw(editor_text), "kind": kind,
            "aliases": draw(st.lists(editor_text, max_size=3, unique_by=str.casefold)),
            "description": draw(editor_text),
            "affiliations": [{"actor": other, "relation": draw(editor_text)} for other in affiliated],
        }
        _short_name(draw, actors[actor_id], "name")
    places = [actor_id for actor_id, kind in zip(actor_ids, actor_kinds) if kind in ("place", "facility")]

    events = {}
    for index in range(draw(st.integers(0, 3))):
        event_id = f"event-{index}"
        earlier = [f"event-{other}" for other in range(index)]  # declared on the later event only
        events[event_id] = {
            "title": draw(editor_text), "date": draw(date_specs()),
            "participants": [{"actor": actor, "role": draw(editor_text)}
                             for actor in draw(st.lists(st.sampled_from(actor_ids), unique=True, max_size=3))],
            "related": [{"event": other, "relation": draw(editor_text)} for other in
                        (draw(st.lists(st.sampled_from(earlier), unique=True, max_size=2)) if earlier else [])],
            "summary": draw(editor_text),
            "sources": draw(st.lists(st.sampled_from(sorted(sources)), min_size=1, unique=True)),
            "sequence": index + 1,  # required of events that start on the same day; allowed on any
        }
        if places and draw(st.booleans()):
            events[event_id]["place"] = draw(st.sampled_from(places))

    claims = {}
    subjects = actor_ids + sorted(events)
    for index in range(draw(st.integers(1, 4))):
        claim_id = f"claim-{index}"
        quoted = draw(st.lists(st.sampled_from([(source, n) for source in sorted(sentences)
                                                 for n in range(len(sentences[source]))]),
                               min_size=1, max_size=2, unique=True))
        hedges = sorted({sentences[source][n][1] for source, n in quoted} - {None})
        status = draw(st.sampled_from([status.value for status in ClaimStatus]))
        history_dates = sorted(draw(st.lists(dates, max_size=2)))
        history_statuses = [draw(st.sampled_from([s.value for s in ClaimStatus])) for _ in history_dates[1:]]
        history_statuses.append(status)  # the history ends in the current status
        earlier = [f"claim-{other}" for other in range(index)]
        relations = []
        for other in (draw(st.lists(st.sampled_from(earlier), unique=True, max_size=2)) if earlier else []):
            relations.append({"type": draw(st.sampled_from([t.value for t in RelationType])), "claim": other,
                              "reason": draw(editor_text)})
        kept_hedges = draw(st.lists(st.sampled_from(hedges), unique=True)) if hedges else []
        statement = draw(editor_text)
        claims[claim_id] = {
            # The statement keeps the source's hedge (editorial_rules), here its first word.
            "statement": f"{statement} {kept_hedges[0]}" if kept_hedges else statement,
            "claimant": draw(st.sampled_from(actor_ids)),
            "attribution": [{"actor": actor, "act": draw(st.sampled_from(ACTS))}
                            for actor in draw(st.lists(st.sampled_from(actor_ids), max_size=2))],
            "kind": draw(st.sampled_from([kind.value for kind in ClaimKind])),
            "hedges": kept_hedges,
            "appearances": [{"source": source, "quote": sentences[source][n][0]} for source, n in quoted],
            "subjects": draw(st.lists(st.sampled_from(subjects), min_size=1, max_size=3, unique=True)),
            "relations": relations, "status": status,
            "status_history": [{"date": day.isoformat(), "status": change, "note": draw(editor_text)}
                               for day, change in zip(history_dates, history_statuses)],
        }
        if draw(st.booleans()):
            claims[claim_id]["editor_note"] = draw(editor_text)
    _leave_nothing_alone(sources, actors, events, claims, sentences)
    return {"source": sources, "actor": actors, "event": events, "claim": claims}, archives


def _short_name(draw, fields: dict, full: str) -> None:
    """Sometimes a short name; always one where the full name is too long for a sentence (editorial_rules)."""
    if len(fields[full]) > SHORT_NAME_NEEDED_OVER or draw(st.booleans()):
        fields["short_name"] = draw(editor_text)


def _leave_nothing_alone(sources: dict, actors: dict, events: dict, claims: dict, sentences: dict) -> None:
    """Make the first claim quote every source no claim quotes, and be about every actor and event
    no claim or event names (editorial_rules: nothing stands alone)."""
    first = claims["claim-0"]
    quoted = {appearance["source"] for claim in claims.values() for appearance in claim["appearances"]}
    first["appearances"] += [{"source": source_id, "quote": sentences[source_id][0][0]}
                             for source_id in sorted(sources) if source_id not in quoted]
    named = {claim["claimant"] for claim in claims.values()}
    named |= {step["actor"] for claim in claims.values() for step in claim["attribution"]}
    named |= {subject for claim in claims.values() for subject in claim["subjects"]}
    named |= {p["actor"] for event in events.values() for p in event["participants"]}
    named |= {event["place"] for event in events.values() if "place" in event}
    named |= {r["event"] for event in events.values() for r in event["related"]}
    named |= {event_id for event_id, event in events.items() if event["related"]}
    first["subjects"] += [entity_id for entity_id in [*actors, *events] if entity_id not in named]


def _check_report(data: Path) -> str:
    try:
        load_dataset(data)
    except DataErrors as errors:
        return errors.report()
    return ""


@properties(max_examples=40)
@given(dataset=datasets())
def test_any_small_valid_dataset_loads_and_every_entity_gets_a_page(dataset):
    entities, archives = dataset
    with tempfile.TemporaryDirectory() as temporary:
        data = write_data(Path(temporary) / "data", entities, archives)
        try:
            loaded = load_dataset(data)
        except DataErrors as errors:
            pytest.fail(f"a valid dataset was refused:\n{errors.report()}")
        pages = build_pages(loaded)
    for kind, by_id in entities.items():
        for entity_id in by_id:
            path = loaded.page_path(entity_id)
            assert path in pages and pages[path].strip(), f"no page for the {kind} {entity_id}"
    for model in KINDS.values():
        assert f"{model.folder}/index.md" in pages


@properties(max_examples=3, phases=[Phase.explicit, Phase.generate])  # no shrinking: a build takes seconds
@given(dataset=datasets())
def test_any_small_valid_dataset_builds_with_mkdocs_strict(dataset):
    entities, archives = dataset
    with tempfile.TemporaryDirectory() as temporary:
        data = write_data(Path(temporary) / "data", entities, archives)
        docs = _macro_pages(Path(temporary) / "docs", entities)
        project = fixture_project(Path(temporary) / "project", data=data, docs=docs)
        build = mkdocs_build(project)
        assert build.returncode == 0, build.output[-3000:]
        assert not list(project.rglob("PWNED"))
        for kind, by_id in entities.items():
            for entity_id in by_id:
                assert (build.site / KINDS[kind].folder / entity_id / "index.html").is_file()


def _macro_pages(docs: Path, entities: dict) -> Path:
    """Hand-written pages for a random dataset: an index, and a page calling every macro on its ids."""
    docs.mkdir()
    (docs / "index.md").write_text("# A random dataset\n\nPages generated from random data.\n", encoding="utf-8")
    actor, claim = sorted(entities["actor"])[0], sorted(entities["claim"])[0]
    label = " ".join(["a claim", *entities["claim"][claim]["hedges"][:1]])  # a link keeps the claim's hedge
    (docs / "macros.md").write_text(
        "---\nrender_macros: true\n---\n# Macros\n\n"
        f'{{{{ link("{actor}") }}}} and {{{{ link("{claim}", "{label}") }}}}\n\n'
        f'{{{{ claim("{claim}") }}}}\n\n{{{{ claims(about="{actor}") }}}}\n\n'
        f'{{{{ timeline(actor="{actor}") }}}}\n\n{{{{ timeline(since="1950", until="2020") }}}}\n\n'
        "{{ graph() }}\n\n{{ sources_side_by_side() }}\n\n{{ relations_across_sources() }}\n\n"
        "{{ actors_by_kind() }}\n", encoding="utf-8")
    return docs


def test_the_fixture_dataset_is_valid_and_builds(tmp_path):
    """The base of the hostile dataset, and of any engine test that wants a small dataset."""
    assert not _check_report(MINI_DATA)
    project = fixture_project(tmp_path / "project")
    check = subprocess.run([sys.executable, "-m", "macros", "check"], cwd=project, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr  # the editors' command, data and pages
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output[-3000:]


# --- c. any text in a text field comes out inert -------------------------------------------------

PLAIN = "plainvalue"


def _text_places() -> list[tuple[str, str, tuple]]:
    """(kind, id, location) of every place in the fixture dataset where its model takes free text,
    optional fields included (hedges and dates, which take only some values, are not among them)."""
    places = []
    for kind, by_id in MINI_ENTITIES.items():
        for entity_id, fields in by_id.items():
            for path in text_fields(KINDS[kind]):
                for location in locations_of(copy.deepcopy(fields), path):
                    changed = copy.deepcopy(fields)
                    _put(changed, location, PLAIN)
                    try:
                        KINDS[kind].model_validate(changed)
                    except ValueError:
                        continue
                    places.append((kind, entity_id, location))
    return places


def _put(fields: dict, location: tuple, value: str):
    """Set `value` at `location`, making the optional field or list item it needs; the holder."""
    holder = fields
    for step, following in zip(location, location[1:]):
        if isinstance(step, str):
            holder = holder.setdefault(step, [] if isinstance(following, int) else {})
        else:
            holder = holder[step]
    last = location[-1]
    if isinstance(last, int) and last >= len(holder):
        holder.append(value)
    else:
        holder[last] = value
    return holder


TEXT_PLACES = _text_places()


def _page_with(kind: str, entity_id: str, location: tuple, value: str) -> str | None:
    """The generated Markdown of the entity's page with `value` at `location`; None if the model refuses it."""
    entities, archives = copy.deepcopy(MINI_ENTITIES), dict(MINI_ARCHIVES)
    fields = entities[kind][entity_id]
    holder = _put(fields, location, value)
    if location[-1] == "quote":  # the archive must hold it; hedge words need not be in it then
        source = entities["source"][holder["source"]]
        if source.get("archive"):
            archives[source["archive"].removeprefix("archive/")] += "\n" + value + "\n"
        fields["hedges"] = []
    if location == ("statement",):  # any text, so it need not keep a hedge word
        fields["hedges"] = []
    with tempfile.TemporaryDirectory() as temporary:
        data = write_data(Path(temporary) / "data", entities, archives)
        try:
            dataset = load_dataset(data)
        except DataErrors:
            return None
    return build_pages(dataset)[dataset.page_path(entity_id)]


def _front_matter(page: str) -> tuple[dict, str]:
    """(front matter, Markdown body) as MkDocs reads them. MkDocs drops front matter it cannot
    parse without a word (its loader is libyaml's when available, stricter than PyYAML's own),
    and the page then loses `render_macros: false`."""
    body, meta = get_front_matter(page)
    assert page.startswith("---\n") and meta, (
        f"MkDocs cannot read this page's front matter, so it would drop it: {page[:page.find('#')]!r}")
    return meta, body


def _structure(html: str) -> Counter:
    """What the browser builds, minus what text may legitimately change: how many paragraphs, and
    how many lines a drawn label wraps to (a graph box's <tspan>s)."""
    return Counter((tag, tuple(sorted(attributes))) for tag, attributes in elements(html)
                   if tag not in ("p", "br", "tspan"))


PLAIN_PAGES: dict = {}


@properties(max_examples=120, suppress_health_check=list(HealthCheck))
@given(place=st.sampled_from(TEXT_PLACES), value=st.one_of(editor_text, st.text(min_size=1, max_size=40)))
@example(place=("actor", "queen-flavia", ("description",)), value="- a list")
@example(place=("actor", "queen-flavia", ("description",)), value='!!! danger "x"')
@example(place=("actor", "queen-flavia", ("aliases", 0)), value="🚀 <img src=x onerror=alert(1)>")
@example(place=("source", "flavia-interview", ("title",)), value="2019")  # "2019. *Site*" in the citation
def test_any_text_in_a_text_field_comes_out_inert(place, value):
    kind, entity_id, location = place
    if place not in PLAIN_PAGES:
        PLAIN_PAGES[place] = _page_with(kind, entity_id, location, PLAIN)
    plain = PLAIN_PAGES[place]
    assert plain is not None, f"the fixture does not accept plain text at {kind} {entity_id} {location}"
    page = _page_with(kind, entity_id, location, value)
    assume(page is not None)  # the model refused the text (e.g. an alias equal to another)

    meta, body = _front_matter(page)
    plain_meta, plain_body = _front_matter(plain)
    assert set(meta) == set(plain_meta), f"front matter keys changed: {meta}"
    assert meta.get("render_macros") is False and meta.get("entity") == entity_id, meta
    if "tags" in meta and location[0] == "aliases":
        assert fold(value) in [fold(unescape(str(tag))) for tag in meta["tags"]], meta["tags"]

    html = markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS)
    plain_html = markdown.markdown(plain_body, extensions=MARKDOWN_EXTENSIONS)
    added = _structure(html) - _structure(plain_html)
    assert not added, f"the text {value!r} at {kind} {entity_id} {location} added markup: {dict(added)}"
    if PLAIN in text(plain_html):  # the field is shown on its own page
        assert fold(value) in fold(text(html)), f"{value!r} is not shown as written on the page of {entity_id}"


@properties(max_examples=500)
@given(value=st.one_of(st.text(), editor_text, st.sampled_from(MARKUP)))
@example(value="- item")
@example(value="1. item")
@example(value="---")
@example(value='!!! danger "x"')
@example(value="+ item")
@example(value="    code")
@example(value="=== x")
def test_markdown_text_is_one_paragraph_of_exactly_that_text(value):
    from macros.render import markdown_text
    assume("\x02" not in value and "\x03" not in value)  # Python-Markdown's own placeholders
    html = markdown.markdown(str(markdown_text(value)), extensions=MARKDOWN_EXTENSIONS).strip()
    if not fold(value):
        assert html == "", html
        return
    tags = [tag for tag, _ in elements(html)]
    assert tags == ["p"], f"{value!r} became {html!r}"
    assert html.startswith("<p>") and html.endswith("</p>"), html
    assert fold(unescape(html[3:-4])) == fold(value), f"{value!r} became {html!r}"
