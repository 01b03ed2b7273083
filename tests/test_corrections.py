"""A public corrections log: each correction on its entity's page, all of them on the Corrections
page, and new and corrected entries in Atom feeds (the whole site's, and each actor's)."""
from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hostile_data import MINI_DOCS
from site_build import CONTENT_PROJECT, mkdocs_build, site_url
from site_html import article, elements, entity_url, links_to, nav, read, resolve, text
from macros.dataset import Dataset
from macros.feeds import MOST_ENTRIES, entry_id, feed_files
from macros.history import file_history
from macros.model import Correction, PartialDate
from macros.page_corrections import read_page_corrections
from macros.pages import build_pages

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://example.org/explainer/"
HOSTILE = "<script>alert(1)</script> ]]> & &amp; “quoted”"


def corrected(dataset) -> dict[str, list[Correction]]:
    found = {entity_id: dataset.get(entity_id).corrections for entity_id in dataset.ids()
             if dataset.get(entity_id).corrections}
    assert found, "the data has no corrections to look for"
    return found


def corrected_pages(docs: Path = CONTENT_PROJECT / "docs") -> list:
    """The corrections of the hand-written pages (macros.page_corrections.PageCorrections)."""
    found = [read_page_corrections(page.read_text(encoding="utf-8"), page.name, page.name)[0]
             for page in sorted(docs.rglob("*.md"))]
    return [corrections for corrections in found if corrections]


def with_correction(dataset, entity_id: str, reason: str, **fields) -> Dataset:
    """The dataset with one more correction on `entity_id`, and any other `fields` of it changed."""
    entity = dataset.get(entity_id)
    correction = Correction(date="2100-01-01", change="name: X → Y", reason=reason)
    changed = entity.model_copy(update={"corrections": [*entity.corrections, correction], **fields})
    entities = {kind: dict(getattr(dataset, folder)) for kind, folder in
                (("source", "sources"), ("actor", "actors"), ("event", "events"), ("claim", "claims"))}
    entities[entity.kind_name][entity_id] = changed
    return Dataset(entities, dataset.files, dataset.archives)


def atom(xml: str) -> ET.Element:
    feed = ET.fromstring(xml)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    return feed


def entries(feed: ET.Element) -> list[dict]:
    return [{"id": entry.findtext(f"{ATOM}id"), "title": entry.findtext(f"{ATOM}title"),
             "updated": entry.findtext(f"{ATOM}updated"), "summary": entry.findtext(f"{ATOM}summary"),
             "link": entry.find(f"{ATOM}link").get("href")}
            for entry in feed.findall(f"{ATOM}entry")]


# --- the pages ------------------------------------------------------------------------------


def test_an_entity_page_shows_its_corrections_before_the_citation(built_site, dataset):
    for entity_id, corrections in corrected(dataset).items():
        html = article(read(built_site, entity_url(dataset, entity_id)))
        assert html.index('id="corrections"') < html.index('id="cite-this-page"'), entity_id
        section = text(html[html.index('id="corrections"'):html.index('id="cite-this-page"')])
        for correction in corrections:
            assert correction.date in section and correction.change in section and correction.reason in section
        assert links_to(html, entity_url(dataset, entity_id), "corrections/")


def test_a_page_without_corrections_has_no_corrections_section(built_site, dataset):
    uncorrected = [entity_id for entity_id in dataset.ids() if not dataset.get(entity_id).corrections]
    assert uncorrected
    for entity_id in uncorrected:
        assert 'id="corrections"' not in article(read(built_site, entity_url(dataset, entity_id))), entity_id


def test_the_corrections_page_lists_every_correction_newest_first_with_a_link_to_its_entity(built_site, dataset):
    html = article(read(built_site, "corrections/"))
    for entity_id, corrections in corrected(dataset).items():
        assert links_to(html, "corrections/", entity_url(dataset, entity_id)), entity_id
        for correction in corrections:
            assert correction.change in text(html) and correction.reason in text(html)
    every = [*corrected(dataset).values(), *(page.corrections for page in corrected_pages())]
    listed = [tag for tag, _ in elements(html) if tag == "li"]
    assert len(listed) == sum(len(corrections) for corrections in every)
    days = sorted({c.date for corrections in every for c in corrections}, reverse=True)
    headings = [text(heading) for heading in re.findall(r"<h2[^>]*>(.*?)<a", html)]
    assert headings == [PartialDate.parse(day).display() for day in days], "one heading per day, newest first"
    assert links_to(nav(read(built_site, "")), "", "corrections/")


def test_the_corrections_page_links_each_correction_to_the_corrections_on_its_page(built_site, dataset):
    html = article(read(built_site, "corrections/"))
    hrefs = [attributes["href"] for tag, attributes in elements(html) if tag == "a" and "#" in attributes.get("href", "")]
    for entity_id in corrected(dataset):
        assert any(resolve("corrections/", href.split("#")[0]) == entity_url(dataset, entity_id)
                   and href.endswith("#corrections") for href in hrefs), entity_id


def test_with_no_corrections_the_corrections_page_says_so(dataset):
    entities = {kind: {entity_id: entity.model_copy(update={"corrections": []})
                       for entity_id, entity in getattr(dataset, folder).items()}
                for kind, folder in (("source", "sources"), ("actor", "actors"), ("event", "events"), ("claim", "claims"))}
    page = build_pages(Dataset(entities, dataset.files, dataset.archives))["corrections.md"]
    assert "No corrections have been published yet." in page
    assert "never deleted" in page


def test_a_hostile_correction_stays_text_on_the_pages(dataset):
    actor_id = next(iter(dataset.actors))
    pages = build_pages(with_correction(dataset, actor_id, HOSTILE))
    for path in (dataset.page_path(actor_id), "corrections.md"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[path], path
        assert "<script>" not in pages[path] and "]]>" not in pages[path], path


# --- the feeds, from given dates (a copy of the project may have no git history) -----------------


def test_the_site_feed_has_an_entry_for_each_correction_and_each_new_entity(dataset):
    first_committed = dict.fromkeys(list(dataset.ids())[:20], "2026-01-02")
    feed = atom(feed_files(dataset, first_committed, "Site", SITE_URL)["feed.xml"])
    listed = entries(feed)
    expected_new = {SITE_URL + entity_url(dataset, entity_id) for entity_id in first_committed}
    expected_corrections = {f"{SITE_URL}{entity_url(dataset, entity_id)}#correction-{number}"
                            for entity_id, corrections in corrected(dataset).items()
                            for number in range(1, len(corrections) + 1)}
    assert {entry["id"] for entry in listed} == expected_new | expected_corrections
    assert len(listed) == len(expected_new) + len(expected_corrections), "each entry once"
    for entry in listed:
        if entry["id"] in expected_new:
            assert entry["title"].startswith("New ") and entry["updated"] == "2026-01-02T00:00:00Z"
            assert entry["link"] == entry["id"]
        else:
            assert entry["title"].startswith("Correction to ") and "Why: " in entry["summary"]
            assert entry["link"].startswith(SITE_URL) and entry["link"].endswith("#corrections")
    dates = [entry["updated"] for entry in listed]
    assert dates == sorted(dates, reverse=True), "newest first"
    assert feed.findtext(f"{ATOM}updated") == dates[0]


def test_a_new_entity_is_summarised_by_what_it_says(dataset):
    claim_id, event_id, actor_id = next(iter(dataset.claims)), next(iter(dataset.events)), next(iter(dataset.actors))
    listed = entries(atom(feed_files(dataset, dict.fromkeys([claim_id, event_id, actor_id], "2026-01-02"),
                                     "Site", SITE_URL)["feed.xml"]))
    summaries = {entry["title"]: entry["summary"] for entry in listed if entry["title"].startswith("New ")}
    assert summaries[f"New claim: {dataset.claims[claim_id].statement}"] == dataset.claims[claim_id].statement
    assert summaries[f"New event: {dataset.events[event_id].title}"] == dataset.events[event_id].summary
    assert summaries[f"New actor: {dataset.actors[actor_id].name}"] == dataset.actors[actor_id].description


def test_the_site_feed_holds_the_newest_hundred_entries(dataset):
    first_committed = {entity_id: f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}" for n, entity_id in enumerate(dataset.ids())}
    assert len(first_committed) > MOST_ENTRIES
    listed = entries(atom(feed_files(dataset, first_committed, "Site", SITE_URL)["feed.xml"]))
    assert len(listed) == MOST_ENTRIES
    every_date = sorted([f"{day}T00:00:00Z" for day in first_committed.values()]
                        + [f"{c.date}T00:00:00Z" for cs in corrected(dataset).values() for c in cs], reverse=True)
    assert [entry["updated"] for entry in listed] == every_date[:MOST_ENTRIES]


def test_hostile_text_in_a_correction_reaches_the_feed_as_text(dataset):
    actor_id = next(iter(dataset.actors))
    hostile = with_correction(dataset, actor_id, HOSTILE, name=f"Kim {HOSTILE}")
    xml = feed_files(hostile, {}, "Site & <Co>", SITE_URL)["feed.xml"]
    assert "<script>" not in xml and "]]>" not in xml
    feed = atom(xml)
    newest = entries(feed)[0]
    assert newest["title"] == f"Correction to actor: Kim {HOSTILE}"
    assert newest["summary"].endswith(f"Why: {HOSTILE}")
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Site & <Co>"
    assert feed.find(f"{ATOM}entry/{ATOM}summary").get("type") == "text"


def test_an_actors_feed_has_the_claims_about_it_and_the_actor_itself(dataset):
    actor_id = next(actor for actor in dataset.actors if dataset.claims_about(actor))
    claim_id = dataset.claims_about(actor_id)[0]
    unrelated = next(claim for claim in dataset.claims if claim not in
                     {link.entity_id for link in dataset.backlinks(actor_id)})
    first_committed = dict.fromkeys([actor_id, claim_id, unrelated], "2026-01-02")
    feeds = feed_files(dataset, first_committed, "Site", SITE_URL)
    links = {entry["link"] for entry in entries(atom(feeds[f"actors/{actor_id}/feed.xml"]))}
    assert SITE_URL + entity_url(dataset, claim_id) in links
    assert SITE_URL + entity_url(dataset, actor_id) in links
    assert SITE_URL + entity_url(dataset, unrelated) not in links
    assert set(feeds) == {"feed.xml", *(f"actors/{actor}/feed.xml" for actor in dataset.actors)}


def test_without_a_site_url_feed_links_are_relative_to_the_feed_and_ids_still_absolute(dataset):
    actor_id = next(iter(dataset.actors))
    feed = atom(feed_files(dataset, {actor_id: "2026-01-02"}, "Site", "")[f"actors/{actor_id}/feed.xml"])
    entry = entries(feed)[-1]
    assert entry["link"] == "./" and entry["id"].startswith("urn:uuid:")


# --- the dates, from git ----------------------------------------------------------------------------


def test_a_files_first_commit_and_last_change_come_from_one_history(tmp_path):
    data = tmp_path / "data" / "actors"
    data.mkdir(parents=True)
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t"]

    def commit(day: str) -> None:
        subprocess.run([*git, "add", "."], check=True)
        subprocess.run([*git, "commit", "-q", "-m", day], check=True,
                       env={"GIT_COMMITTER_DATE": f"{day}T12:00:00", "PATH": "/usr/bin:/bin"})

    subprocess.run([*git, "init", "-q"], check=True)
    (data / "a.yaml").write_text("name: A\n")
    commit("2001-02-03")
    (data / "a.yaml").write_text("name: A.\n")
    (data / "b.yaml").write_text("name: B\n")
    commit("2002-03-04")
    (data / "c.yaml").write_text("name: C\n")  # never committed
    files = {name: f"data/actors/{name}.yaml" for name in "abc"}
    history = file_history(tmp_path / "data", files)
    assert history.first_committed == {"a": "2001-02-03", "b": "2002-03-04"}
    assert history.last_changed == {"a": "2002-03-04", "b": "2002-03-04"}


# --- the built site ---------------------------------------------------------------------------


def test_the_built_site_links_its_feeds_from_every_page_head(built_site, dataset):
    def feed_links(url: str, tag_name: str = "link") -> set[str]:
        return {resolve(url, attributes["href"]) for tag, attributes in elements(read(built_site, url))
                if tag == tag_name and attributes.get("type") == "application/atom+xml"}

    for actor_id in dataset.actors:
        url = entity_url(dataset, actor_id)
        assert feed_links(url) == {"feed.xml"}
        assert feed_links(url, "a") == {f"{url}feed.xml"}, "an actor page links its own feed in the text"
        atom((built_site / url / "feed.xml").read_text(encoding="utf-8"))
    for entity_id in (next(iter(dataset.claims)), next(iter(dataset.events))):
        assert feed_links(entity_url(dataset, entity_id)) == {"feed.xml"}
    assert feed_links("corrections/") == {"feed.xml"}


def test_the_built_site_feed_lists_the_latest_corrections(built_site, dataset):
    listed = entries(atom((built_site / "feed.xml").read_text(encoding="utf-8")))
    assert 0 < len(listed) <= MOST_ENTRIES
    oldest = listed[-1]["updated"][:10]
    ids = {entry["id"] for entry in listed}
    for entity_id, corrections in corrected(dataset).items():
        for number, correction in enumerate(corrections, start=1):
            if correction.date > oldest:
                assert entry_id(site_url(CONTENT_PROJECT), entity_url(dataset, entity_id), f"correction-{number}") in ids


def test_a_copy_without_git_history_builds_feeds_of_its_corrections_alone(project, dataset):
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    listed = entries(atom((build.site / "feed.xml").read_text(encoding="utf-8")))
    assert listed and all(entry["title"].startswith("Correction to ") for entry in listed)
    every = [*corrected(dataset).values(), *(page.corrections for page in corrected_pages())]
    assert len(listed) == min(MOST_ENTRIES, sum(len(cs) for cs in every))


# --- corrections of hand-written pages, from their front matter (the fixture's timeline has two) ---


def test_a_corrected_hand_written_page_ends_with_its_corrections_and_is_in_the_log_and_feed(mini_site):
    [corrections] = corrected_pages(MINI_DOCS)
    assert corrections.title == "Timeline" and len(corrections.corrections) == 2
    html = article(read(mini_site, "timeline/"))
    section = text(html[html.index('id="corrections"'):])
    log = article(read(mini_site, "corrections/"))
    feed = entries(atom((mini_site / "feed.xml").read_text(encoding="utf-8")))
    assert links_to(log, "corrections/", "timeline/")
    for number, correction in enumerate(corrections.corrections, start=1):
        assert correction.date in section and correction.change in section and correction.reason in section
        assert correction.change in text(log) and correction.reason in text(log)
        [entry] = [entry for entry in feed if entry["id"].endswith(f"timeline/#correction-{number}")
                   or entry["id"].startswith("urn:uuid:") and entry["title"] == "Correction to page: Timeline"
                   and correction.reason in entry["summary"]]
        assert entry["title"] == "Correction to page: Timeline" and correction.reason in entry["summary"]
    for html in (read(mini_site, "timeline/"), read(mini_site, "corrections/")):
        assert "<b>" not in html and 'href="javascript' not in html, "a correction's text stays text"
