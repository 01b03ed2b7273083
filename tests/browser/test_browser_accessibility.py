"""axe-core in Chromium: no serious or critical accessibility violation on the site's pages.

axe-core comes from the PyPI package axe-playwright-python (requirements-dev.txt), which bundles
axe.min.js; it is injected from disk, nothing is fetched. The whole page is checked by every
rule, the theme's markup included: its known issues (an unnamed search dialog, the low-contrast
"Made with" footer) are fixed in overrides/ and mkdocs.yml rather than excluded here.
"""
from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest

from .browser_harness import nav_pages

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
SERIOUS = ("serious", "critical")
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
    # Added before the page loads, as the browser's own script: the page's Content-Security-Policy
    # refuses an injected <script> (add_script_tag), as it would any script that is not the site's.
    page.add_init_script(path=str(AXE_JS))
    response = page.goto(site_url + path, wait_until="load")
    assert response is not None and response.ok, f"/{path}: HTTP {response and response.status}"
    result = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']})",
    )
    serious = [v for v in result["violations"] if v.get("impact") in SERIOUS]
    assert not serious, f"axe-core {result['testEngine']['version']} on /{path}:\n{describe(serious)}"
