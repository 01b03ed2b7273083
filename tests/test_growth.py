"""The editor's day: a new article is data alone.

A copy of the real project gets a third source as an editor would add it (tests/fixtures/
third_source: an archived text, the source, two actors, an event, three claims related to
claims already on the site) and nothing else: no page, no code, no test is touched. The checker
and the strict build pass, the new source shows wherever the sources are compared, and the
real-content tests pass on the copy.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.render import built_url
from site_build import PROJECT, copy_project, mkdocs_build
from site_html import article, links_to, read

THIRD_SOURCE = Path(__file__).parent / "fixtures" / "third_source" / "data"
SOURCE = "test-fixture-meridian-review"
# each new claim, the claim of the real data it relates to, and how
RELATED = {
    "test-fixture-records-suggest-arms-to-iran": ("contradicts", "nis-no-evidence-nk-arms-to-iran"),
    "test-fixture-pyongyang-unlikely-to-accept-talks": ("supports", "kim-unlikely-to-agree-denuclearisation-talks"),
    "test-fixture-contacts-may-have-continued": ("qualifies", "iran-strikes-likely-eliminated-diplomatic-progress"),
}


@pytest.fixture(scope="module")
def grown(tmp_path_factory) -> Path:
    """The real project with the third source's data added."""
    project = copy_project(tmp_path_factory.mktemp("grown") / "project")
    shutil.copytree(THIRD_SOURCE, project / "data", dirs_exist_ok=True)
    return project


@pytest.fixture(scope="module")
def grown_site(grown) -> Path:
    check = subprocess.run([sys.executable, "-m", "macros", "check"], cwd=grown, capture_output=True, text=True,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert check.returncode == 0, check.stderr
    build = mkdocs_build(grown)
    assert build.returncode == 0, build.output[-3000:]
    return build.site


def page_calling(project: Path, macro: str) -> str:
    """The URL of the hand-written page that calls `macro`, wherever the editors put it."""
    pages = [page for page in (project / "docs").rglob("*.md")
             if re.search(rf"\{{\{{\s*{macro}\(", page.read_text(encoding="utf-8"))]
    assert pages, f"no page in docs/ calls {macro}()"
    return built_url(pages[0].relative_to(project / "docs").as_posix())


def section_linking(html: str, page_url: str, *targets: str) -> bool:
    """Whether one table of the page links to every target."""
    return any(all(links_to(table, page_url, target) for target in targets)
               for table in re.findall(r"<table\b.*?</table>", html, re.S))


def test_the_new_source_is_listed_and_set_beside_the_others(grown, grown_site):
    assert links_to(article(read(grown_site, "sources/")), "sources/", f"sources/{SOURCE}/")
    url = page_calling(grown, "sources_side_by_side")
    assert section_linking(article(read(grown_site, url)), url, f"sources/{SOURCE}/",
                           "sources/nk-distancing-from-iran-nis-report/",
                           "sources/trump-iran-strikes-doomed-nk-strategy/")


def test_its_relations_to_the_other_sources_are_shown_with_their_reasons(grown, grown_site):
    url = page_calling(grown, "relations_across_sources")
    html = article(read(grown_site, url))
    for new_claim, (relation, existing) in RELATED.items():
        sentences = [sentence for sentence in re.findall(r"<li>(.*?)</li>", html, re.S)
                     if links_to(sentence, url, f"claims/{new_claim}/") and links_to(sentence, url, f"claims/{existing}/")]
        assert sentences, f"{new_claim} {relation} {existing}: not on /{url}"
        assert "Why:" in sentences[0]


def test_the_claims_it_contradicts_or_qualifies_are_among_the_disagreements(grown_site):
    html = article(read(grown_site, "browse/disagreements/"))
    pairs = html.split('<div class="admonition disagreement">')[1:]
    for new_claim, (relation, existing) in RELATED.items():
        if relation in ("contradicts", "qualifies"):
            side_by_side = [pair for pair in pairs if links_to(pair, "browse/disagreements/", f"claims/{new_claim}/")
                            and links_to(pair, "browse/disagreements/", f"claims/{existing}/")]
            assert side_by_side, f"{new_claim} {relation} {existing}"
            assert f"relation-badge--{relation}" in side_by_side[0]


def test_the_real_content_tests_pass_on_the_grown_project(grown, tmp_path):
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / "pytest"),
         str(PROJECT / "tests" / "test_real_site.py")],
        cwd=PROJECT, capture_output=True, text=True,
        env={**os.environ, "EXPLAINER_PROJECT": str(grown), "NO_MKDOCS_2_WARNING": "1"})
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
