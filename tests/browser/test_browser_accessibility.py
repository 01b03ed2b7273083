"""axe-core in Chromium: no serious or critical accessibility violation on the site's pages.

axe-core comes from the PyPI package axe-playwright-python (requirements-dev.txt), which bundles
axe.min.js; it is injected from disk, nothing is fetched. mkdocs-material has known issues in
markup it owns (site-check README): the search dialog has no accessible name (aria-dialog-name)
and the footer's "Made with Material for MkDocs" is low-contrast (color-contrast). Only those
theme-owned elements are excluded, through axe's context; no rule is turned off, so the
project's own markup is checked by every rule.
"""
from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest

from .browser_harness import nav_pages

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
SERIOUS = ("serious", "critical")
THEME_OWNED = [
    [".md-search"],                  # the search dialog (role=dialog without a name)
    [".md-footer-meta .md-copyright"],  # "Made with Material for MkDocs"
]
ENTITY_PAGES = ["actors/kim-jong-un/", "events/hanoi-summit-2019/",
                "claims/trump-walked-away-at-hanoi/", "sources/trump-iran-strikes-doomed-nk-strategy/"]


def describe(violations) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} node(s)) {v['helpUrl']}")
        for node in v["nodes"][:6]:
            target = ", ".join(map(str, node["target"]))
            lines.append(f"    {target}: {' '.join(node['html'].split())[:140]}")
            summary = " ".join((node.get("failureSummary") or "").split())
            if summary:
                lines.append(f"      {summary[:200]}")
    return "\n".join(lines)


@pytest.mark.parametrize("path", nav_pages() + ENTITY_PAGES)
def test_no_serious_accessibility_violation(page, site_url, path):
    assert AXE_JS.is_file(), f"axe.min.js missing from axe-playwright-python: {AXE_JS}"
    response = page.goto(site_url + path, wait_until="load")
    assert response is not None and response.ok, f"/{path}: HTTP {response and response.status}"
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "context => axe.run(context, {resultTypes: ['violations']})",
        {"include": [["html"]], "exclude": THEME_OWNED},
    )
    serious = [v for v in result["violations"] if v.get("impact") in SERIOUS]
    assert not serious, f"axe-core {result['testEngine']['version']} on /{path}:\n{describe(serious)}"
