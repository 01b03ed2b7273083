"""Macros for hand-written pages: cards, links, lists and timelines from the data; mistakes named."""
from __future__ import annotations

import re

from hostile_data import fixture_project
from macros.model import ActorKind
from macros.page_macros import ACTOR_GROUPS
from macros.render import sentence_start
from site_build import mkdocs_build
from site_html import article, links, links_to, read, resolve, text


def write_page(project, body: str) -> None:
    """docs/sample.md, opted in to macros, with `body` from line 6."""
    (project / "docs" / "sample.md").write_text("---\nrender_macros: true\n---\n# Sample\n\n" + body + "\n",
                                                encoding="utf-8")


def test_link_and_claim_card_render_and_link_to_the_entities(project, dataset):
    claim_id, claim = next(iter(dataset.claims.items()))
    write_page(project, f'{{{{ link("kim-jong-un") }}}}\n\n{{{{ claim("{claim_id}") }}}}')
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    html = article(read(build.site, "sample/"))
    assert links_to(html, "sample/", "actors/kim-jong-un/")
    assert links_to(html, "sample/", f"claims/{claim_id}/")
    assert links_to(html, "sample/", f"actors/{claim.claimant}/")
    assert text(claim.appearances[0].quote) in text(html)


def test_claims_filters_by_subject_and_kind(project, dataset):
    write_page(project, '{{ claims(about="north-korea", kind="opinion") }}')
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    html = article(read(build.site, "sample/"))
    expected = {c for c, claim in dataset.claims.items()
                if "north-korea" in claim.subjects and claim.kind.value == "opinion"}
    assert expected, "no opinion claims about North Korea in the data"
    for claim_id in dataset.claims:
        assert links_to(html, "sample/", f"claims/{claim_id}/") == (claim_id in expected), claim_id


def test_timeline_keeps_only_the_actors_events_in_the_date_range(project, dataset):
    write_page(project, '{{ timeline(actor="kim-jong-un", since="2018", until="2019") }}')
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    html = article(read(build.site, "sample/"))
    for event_id, event in dataset.events.items():
        start = event.date.start_date
        in_range = (event_id in dict(dataset.events_of("kim-jong-un")) and start is not None
                    and start.year is not None and 2018 <= start.year <= 2019)
        assert links_to(html, "sample/", f"events/{event_id}/") == in_range, event_id


def test_an_unknown_id_fails_the_build_naming_the_page_line_and_id(project):
    write_page(project, '{{ link("kim-jong-un2") }}')
    build = mkdocs_build(project)
    assert build.returncode != 0
    assert "docs/sample.md:6: link: unknown entity id 'kim-jong-un2' (did you mean 'kim-jong-un'?)" in build.output
    assert not (build.site / "sample" / "index.html").exists()


def test_a_wrong_filter_value_fails_the_build_with_a_hint(project):
    write_page(project, '{{ claims(kind="opinoin") }}')
    build = mkdocs_build(project)
    assert build.returncode != 0
    assert "docs/sample.md:6: claims: kind='opinoin' is not a kind (did you mean 'opinion'?)" in build.output


def test_an_undefined_name_in_a_page_fails_the_build(project):
    write_page(project, "{{ no_such_macro }}")
    build = mkdocs_build(project)
    assert build.returncode != 0
    assert ("docs/sample.md:6: only calls of the site's macros are allowed here, not the name 'no_such_macro'"
            in build.output)


def test_a_wrong_id_fails_even_when_other_filters_match_nothing(project):
    write_page(project, '{{ claims(kind="quoted-statement", claimant="nis", source="nk-distancing-from-iran-nis-reprot") }}')
    build = mkdocs_build(project)
    assert build.returncode != 0
    assert ("docs/sample.md:6: claims: unknown source id 'nk-distancing-from-iran-nis-reprot' "
            "(did you mean 'nk-distancing-from-iran-nis-report'?)") in build.output


# --- macros that draw the whole set of sources or actors, on the fixture dataset ---------------------

def table_rows(html: str) -> list[list[str]]:
    """The text of each body cell, row by row."""
    return [[text(cell).strip() for cell in re.findall(r"<td\b[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", html, re.S) if "<td" in row]


def test_sources_side_by_side_shows_every_source_earliest_first_with_its_details(mini_site, mini_dataset):
    html = article(read(mini_site, "readings/"))
    table = html[html.index("<table"):html.index("</table>")]
    rows = table_rows(table)
    dated = sorted(mini_dataset.sources, key=lambda s: mini_dataset.sources[s].published.sort_key())
    assert [row[0] for row in rows] == [sentence_start(mini_dataset.short_name(source_id)) for source_id in dated]
    for row, source_id in zip(rows, dated):
        source = mini_dataset.sources[source_id]
        assert links_to(table, "readings/", f"sources/{source_id}/")
        assert row[1] == source.kind.value.replace("-", " ")
        assert row[2] == (source.publisher or "not stated") and row[3] == (source.author or "not stated")
        assert source.published.shown() in row[4] and f"precision: {source.published.precision.value}" in row[4]
        assert row[5] == str(len({claim_id for claim_id, _ in mini_dataset.appearances_in(source_id)}))
        assert text(source.summary) in text(html)


def linked_ids(html: str, page_url: str) -> frozenset[str]:
    """The ids of the entity pages the HTML links to."""
    return frozenset(resolve(page_url, href).split("/")[1] for href in links(html))


def test_relations_across_sources_shows_every_relation_between_claims_of_different_sources(mini_site, mini_dataset):
    html = article(read(mini_site, "readings/"))
    shown = set()  # ({source, source}, {claim, claim}, reason), sentence by sentence, under "Between <source> and <source>:"
    for part in html.split("<p>Between ")[1:]:
        pair = linked_ids(part[:part.index("</p>")], "readings/")
        for sentence in re.findall(r"<li>(.*?)</li>", part[:part.index("</ul>")], re.S):
            shown.add((pair, linked_ids(sentence, "readings/"), text(sentence).split("Why: ", 1)[1].strip()))
    expected = set()
    for claim_id, claim in mini_dataset.claims.items():
        for relation in claim.relations:
            other = mini_dataset.claims[relation.claim]
            for here in {a.source for a in claim.appearances}:
                for there in {a.source for a in other.appearances} - {here}:
                    expected.add((frozenset((here, there)), frozenset((claim_id, relation.claim)), relation.reason))
    assert len({pair for pair, _, _ in expected}) > 1, "the fixture should relate claims of several pairs of sources"
    assert shown == expected


def test_actors_by_kind_lists_every_actor_under_its_kind_with_its_description(mini_site, mini_dataset):
    html = article(read(mini_site, "whos-who/"))
    groups = {}
    for match in re.finditer(r"<h2\b[^>]*>(.*?)</h2>(.*?)(?=<h2\b|\Z)", html, re.S):
        heading = re.sub(r"¶", "", text(match.group(1))).strip()
        groups[heading] = match.group(2)
    for actor_id, actor in mini_dataset.actors.items():
        group = groups[ACTOR_GROUPS[actor.kind]]
        assert links_to(group, "whos-who/", f"actors/{actor_id}/"), actor_id
        assert text(actor.description) in text(group), actor_id


def test_every_kind_of_actor_has_a_heading_on_whos_who():
    assert set(ACTOR_GROUPS) == set(ActorKind)


def test_a_link_to_a_hedged_claim_must_keep_a_hedge_word(tmp_path):
    project = fixture_project(tmp_path / "project")
    write_page(project, '{{ link("talks-may-resume", "talks may resume") }}\n'
                        '{{ link("talks-may-resume", "talks will resume") }}')
    build = mkdocs_build(project)
    assert build.returncode != 0
    assert ("docs/sample.md:7: link: the text drops the claim's hedge: it has none of the source's hedge words "
            "('may') (keep one of them, as the claim's statement does, or leave the text out to show the "
            "statement)") in build.output
    assert "docs/sample.md:6" not in build.output
