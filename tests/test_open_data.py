"""What a reader can take away: open data, structured data, a citation, facets, disagreements."""
from __future__ import annotations

import csv
import io
import json

import pytest

from site_html import article, links_to, read, text

KINDS = ("sources", "actors", "events", "claims")


def test_the_whole_dataset_is_downloadable_as_json_and_csv(built_site, dataset):
    combined = json.loads((built_site / "downloads" / "all.json").read_text(encoding="utf-8"))
    for folder in KINDS:
        expected = sorted(getattr(dataset, folder))
        assert [row["id"] for row in combined[folder]] == expected
        assert [row["id"] for row in json.loads((built_site / "downloads" / f"{folder}.json").read_text())] == expected
        rows = list(csv.DictReader(io.StringIO((built_site / "downloads" / f"{folder}.csv").read_text(encoding="utf-8"))))
        assert [row["id"] for row in rows] == expected
    quote = dataset.claims[expected[0]].appearances[0].quote
    assert json.loads(rows[0]["appearances"])[0]["quote"] == quote


@pytest.mark.parametrize("folder", KINDS)
def test_every_index_page_links_to_the_downloads(built_site, folder):
    html = article(read(built_site, f"{folder}/"))
    for name in ("all.json", f"{folder}.json", f"{folder}.csv"):
        assert links_to(html, f"{folder}/", f"downloads/{name}"), name


def json_ld(html: str) -> dict:
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(html[start:html.index("</script>", start)])


def test_entity_pages_carry_schema_org_json_ld(built_site, dataset):
    expected_types = {"person": "Person", "state": "GovernmentOrganization", "government-body": "GovernmentOrganization",
                      "place": "Place", "facility": "Place"}
    for actor_id, actor in dataset.actors.items():
        data = json_ld(read(built_site, f"actors/{actor_id}/"))
        assert data["@context"] == "https://schema.org" and data["name"] == actor.name
        if actor.kind.value in expected_types:
            assert data["@type"] == expected_types[actor.kind.value]
    for claim_id, claim in dataset.claims.items():
        data = json_ld(read(built_site, f"claims/{claim_id}/"))
        assert data["@type"] == "Claim"
        assert data["author"]["name"] == dataset.name(claim.claimant)
        assert [a["text"] for a in data["appearance"]] == [a.quote for a in claim.appearances]
    for event_id, event in dataset.events.items():
        data = json_ld(read(built_site, f"events/{event_id}/"))
        start = event.date.start_date
        if start is None or start.year is None:
            assert "startDate" not in data, "a date the sources do not give must not be invented"
        else:
            assert data["startDate"] == start.iso()
    for source_id in dataset.sources:
        assert json_ld(read(built_site, f"sources/{source_id}/"))["@type"].endswith("Article")


def test_json_ld_cannot_be_broken_out_of(project):
    import yaml
    from site_build import mkdocs_build
    actor = project / "data" / "actors" / "kim-jong-un.yaml"
    fields = yaml.safe_load(actor.read_text(encoding="utf-8"))
    fields["name"] = "Kim </script><script>alert(1)</script>"
    actor.write_text(yaml.safe_dump(fields, allow_unicode=True), encoding="utf-8")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    html = read(build.site, "actors/kim-jong-un/")
    assert json_ld(html)["name"] == "Kim </script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


def test_an_entity_page_can_be_cited_with_its_stable_address_and_last_change(built_site, dataset):
    html = article(read(built_site, "actors/park-sun-won/"))
    assert "Cite this page" in html
    # Built without a site_url, the page does not know its address: the browser fills it in
    # (tests/browser/test_browser_reader.py), and without JavaScript the citation says so.
    assert "this page’s address" in text(html) and "data-page-address" in html
    assert "data/actors/park-sun-won.yaml" in text(html)


def test_last_updated_comes_from_the_files_history_not_the_build(project, dataset):
    import subprocess
    from site_build import mkdocs_build
    git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "x"], check=True,
                   env={"GIT_COMMITTER_DATE": "2001-02-03T04:05:06", "PATH": "/usr/bin:/bin"})
    actor = project / "data" / "actors" / "kim-jong-un.yaml"
    actor.write_text(actor.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # an uncommitted change
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    assert "Last updated 2001-02-03" in text(article(read(build.site, "actors/park-sun-won/")))
    assert "uncommitted changes" in text(article(read(build.site, "actors/kim-jong-un/")))


def test_claims_can_be_browsed_by_kind_hedge_status_and_claimant(built_site, dataset):
    for slug, key in (("claims-by-kind", lambda c: c.kind.value), ("claims-by-hedge", lambda c: c.hedge_level.value),
                      ("claims-by-status", lambda c: c.status.value), ("claims-by-claimant", lambda c: c.claimant)):
        html = article(read(built_site, f"browse/{slug}/"))
        for claim_id in dataset.claims:
            assert links_to(html, f"browse/{slug}/", f"claims/{claim_id}/"), (slug, claim_id)
        assert len({key(c) for c in dataset.claims.values()}) == html.count("<h2")
    actors = article(read(built_site, "browse/actors-by-kind/"))
    assert all(links_to(actors, "browse/actors-by-kind/", f"actors/{a}/") for a in dataset.actors)


def test_the_disagreements_page_shows_each_contested_claim_beside_its_challengers(built_site, dataset):
    html = article(read(built_site, "browse/disagreements/"))
    challenged = [(relation.claim, claim_id) for claim_id, claim in dataset.claims.items()
                  for relation in claim.relations if relation.type.value in ("contradicts", "qualifies")]
    assert challenged
    for contested, challenger in challenged:
        assert links_to(html, "browse/disagreements/", f"claims/{contested}/")
        assert links_to(html, "browse/disagreements/", f"claims/{challenger}/")
