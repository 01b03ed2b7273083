"""A dataset that attacks the site, read in a real browser: text from YAML never runs.

tests/hostile_data.py puts script tags, event handlers, javascript: links, Jinja that would
create a file named PWNED, Markdown blocks, spreadsheet formulas, astral characters and a bidi
override into every free-text field of a small valid dataset. The site built from it with
`mkdocs build --strict` must build, create no file, and in Chromium run none of it on any page
or in search: every payload sets `window.__pwned` when it runs.
"""
from __future__ import annotations

import pytest

from hostile_data import PWNED_FILE, REFUSES_PAYLOADS, fold, hostile_project
from site_build import mkdocs_build

from .browser_harness import DESKTOP, PageLog, serve, site_path, type_search

ACTOR = "queen-flavia"
# Words a reader might search for that only the hostile text contains, and an alias.
# ("=HYPERLINK" is looked up as "hyperlink", the word Pagefind indexes: docs/javascripts/search.js.)
SEARCHES = ["Flavia of Ruritania", "script", "=HYPERLINK", "pwned", "onerror", "🚀", "𠀀"]
NOT_FOUND = "404.html"
RAN = "typeof window.__pwned !== 'undefined'"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """(project copy, what was put where, the build) of the hostile dataset."""
    project, record = hostile_project(tmp_path_factory.mktemp("hostile") / "project")
    return project, record, mkdocs_build(project)


@pytest.fixture(scope="module")
def hostile_url(hostile):
    project, record, build = hostile
    if build.returncode != 0:
        pytest.fail(f"the hostile site did not build:\n{build.output[-3000:]}")
    with serve(build.site) as base:
        yield base


def watch(page) -> tuple[PageLog, list[str]]:
    """What goes wrong on `page` (tests/browser/browser_harness.py), and every dialog (alert,
    confirm, prompt) it opens: each is recorded and dismissed."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
    return PageLog(page), dialogs


@pytest.fixture
def watched_page(browser):
    """(page, its PageLog, the dialogs it opened)."""
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield (page, *watch(page))
    context.close()


def test_the_hostile_dataset_has_a_payload_in_every_free_text_field(hostile):
    _, record, _ = hostile
    assert not record.uncovered(), (
        f"free-text fields with no payload: {sorted(record.uncovered())}: give an entity of "
        "tests/fixtures/mini/data a value there (hostile_data fills empty optional fields itself)")
    unexplained = record.refused - set(REFUSES_PAYLOADS)
    assert not unexplained, (f"text fields whose model refuses a payload: {sorted(unexplained)}; if the "
                             "field is meant to hold only some values, add it to REFUSES_PAYLOADS with the reason")


def test_the_hostile_site_builds_strictly_and_runs_no_template_from_data(hostile):
    project, _, build = hostile
    created = [path.relative_to(project).as_posix() for path in project.rglob(PWNED_FILE)]
    assert not created, f"data was run as a Jinja template during the build: it created {created}"
    assert build.returncode == 0, build.output[-3000:]


def test_no_page_runs_data_or_leaves_the_machine(browser, hostile, hostile_url):
    """Every HTML page of the built site, opened in turn: nothing from data runs, no dialog
    opens, nothing fails, and no request leaves 127.0.0.1."""
    _, _, build = hostile
    pages = sorted(path.relative_to(build.site).as_posix() for path in build.site.rglob("*.html"))
    assert len(pages) > 20, pages
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(10_000)
    found: dict[str, list[str]] = {}
    try:
        for path in pages:
            page = context.new_page()
            log, dialogs = watch(page)
            url = hostile_url + path.removesuffix("index.html")
            response = page.goto(url, wait_until="load")
            page.wait_for_load_state("networkidle")  # an <img onerror> fires after its request fails
            problems = [f"dialog opened: {message}" for message in dialogs]
            if page.evaluate(RAN):
                problems.append("a script from the data ran (window.__pwned is set)")
            if path == NOT_FOUND:  # its assets are at site_url's path (/explainer/…), not served here
                problems += [f"request left 127.0.0.1: {url}" for url in log.external_requests]
            else:
                if not (response and response.ok):
                    problems.append(f"HTTP {response and response.status}")
                if log.problems():
                    problems.append(log.describe())
            if problems:
                found[path] = problems
            page.close()
    finally:
        context.close()
    assert not found, "\n".join(f"/{path}:\n  " + "\n  ".join(problems) for path, problems in found.items())


def test_searching_the_hostile_text_shows_results_and_runs_nothing(watched_page, hostile_url):
    """The search results show titles and excerpts (with <mark>ed words) from the index, and match
    an actor's names: typing words of the hostile text must list pages and run none of it."""
    page, log, dialogs = watched_page
    page.goto(hostile_url)
    problems = []
    for query in SEARCHES:
        said = type_search(page, query)
        if said is not None:
            problems.append(f"{query!r}: no result (the search says {said!r})")
        page.wait_for_timeout(300)  # let any <img onerror> in the results fail and fire
        if page.evaluate(RAN):
            problems.append(f"{query!r}: a script from the data ran while results were shown")
            page.evaluate("delete window.__pwned")
    problems += [f"dialog opened: {message}" for message in dialogs]
    if log.problems():
        problems.append(log.describe())
    assert not problems, "\n".join(problems)


def test_the_actor_page_shows_every_payload_as_text(watched_page, hostile, hostile_url):
    """The hostile name, aliases, description, affiliation and editor's note are on the actor's
    page as a reader typed them: inert text, not markup."""
    _, record, _ = hostile
    page, log, dialogs = watched_page
    page.goto(f"{hostile_url}actors/{ACTOR}/")
    assert site_path(hostile_url, page.url) == f"actors/{ACTOR}/"
    shown = fold(page.locator("article").inner_text())
    missing = {field: value for field, value in record.of(ACTOR).items() if fold(value) not in shown}
    assert not missing, "not shown as written on the page:\n" + "\n".join(
        f"  {field}: {fold(value)!r}" for field, value in missing.items()) + f"\nthe page says: {shown[:3000]!r}"
    assert not page.evaluate(RAN) and not dialogs, "a script from the data ran"
    assert not log.problems(), log.describe()
