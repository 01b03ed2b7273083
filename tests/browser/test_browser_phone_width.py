"""No page of the site scrolls sideways on a 390-pixel phone: every HTML page of the built site,
opened at 390×844, is no wider than the screen once it has loaded, and no table in it is wider
than its frame (Material lets a table scroll sideways in a frame of its own, which cuts its last
words off at the edge of the screen).

The pages are checked in groups (one test per top-level folder, and one for the pages outside
them), each in one phone-sized tab; a failure lists every page of its group that is too wide,
with the elements that stick out furthest.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from .browser_harness import PHONE

GROUPS = ["actors", "events", "claims", "sources", "browse", "editing", "other"]
WIDEST = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const element of document.querySelectorAll('body *')) {
    const box = element.getBoundingClientRect();
    if (box.width && box.right > width + 1) {
      let inside = element.parentElement, clipped = false;
      for (; inside && inside !== document.body; inside = inside.parentElement) {
        const overflow = getComputedStyle(inside).overflowX;
        if (overflow !== 'visible' && inside.getBoundingClientRect().right <= width + 1) { clipped = true; break; }
      }
      if (!clipped) out.push([Math.round(box.right), element.tagName.toLowerCase() +
        (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/).join('.') : '')]);
    }
  }
  out.sort((a, b) => b[0] - a[0]);
  return out.slice(0, 3).map(([right, name]) => `${name} (to ${right}px)`);
}"""
# Tables that scroll in their own frame: how much wider than it each is, and its first heading.
TABLES_TOO_WIDE = """() => Array.from(document.querySelectorAll('article .md-typeset__scrollwrap'))
  .filter(frame => frame.scrollWidth > frame.clientWidth + 1)
  .map(frame => `a table ${frame.scrollWidth - frame.clientWidth}px wider than the screen (` +
       ((frame.querySelector('th') || {}).textContent || 'no heading') + ' | …)')"""


def pages_of(site: Path, group: str) -> list[str]:
    """URL paths ('', 'claims/x/') of the built site's HTML pages in `group` (404.html aside)."""
    found = []
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        if relative == "404.html":
            continue
        folder = relative.split("/")[0] if "/" in relative else ""
        if (folder if folder in GROUPS else "other") == group:
            found.append(relative.removesuffix("index.html"))
    return found


@pytest.mark.parametrize("group", GROUPS)
def test_no_page_scrolls_sideways_on_a_phone(phone_page, built_site, site_url, group):
    pages = pages_of(built_site, group)
    assert pages, f"the built site has no pages in {group}"
    # A tab of the phone's own, not watched for errors as phone_page is: this test measures widths,
    # page after page, and the favicon of one page may still be loading when the next one opens
    # (the other browser tests see every page's errors).
    tab = phone_page.context.new_page()
    too_wide = []
    for path in pages:
        tab.goto(site_url + path, wait_until="load")
        width = tab.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append(f"/{path}: {width}px wide; " + ", ".join(tab.evaluate(WIDEST)))
        too_wide.extend(f"/{path}: {table}" for table in tab.evaluate(TABLES_TOO_WIDE))
    tab.close()
    assert not too_wide, f"{len(too_wide)} times in {len(pages)} pages, something scrolls sideways at 390px:\n" + "\n".join(too_wide)
