"""Macros for hand-written pages: cards, links, lists and timelines from the data; mistakes named."""
from __future__ import annotations

from site_build import mkdocs_build
from site_html import article, links_to, read, text


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
