"""Text from YAML is data: never run as a template, never emitted as HTML or Markdown markup."""
from __future__ import annotations

import yaml

from site_build import mkdocs_build
from site_html import article, elements, read, text

HOSTILE = ("Kim {{ 7*7 }} </title><script>alert('x')</script> [click](javascript:alert(1)) "
           "<img src=x onerror=alert(1)> {% raw %}{{ config }}{% endraw %} *star* {: onclick=\"alert(1)\" }")


def test_templates_html_and_markdown_in_yaml_text_come_out_literally(project):
    actor = project / "data" / "actors" / "kim-jong-un.yaml"
    fields = yaml.safe_load(actor.read_text(encoding="utf-8"))
    fields.update(name=HOSTILE, description=HOSTILE)
    actor.write_text(yaml.safe_dump(fields, allow_unicode=True), encoding="utf-8")
    (project / "docs" / "hostile.md").write_text('# Hostile\n\n{{ link("kim-jong-un") }}\n', encoding="utf-8")

    build = mkdocs_build(project)
    assert build.returncode == 0, build.output

    for url in ("actors/kim-jong-un/", "hostile/", "actors/"):
        html = article(read(build.site, url))
        assert "{{ 7*7 }}" in text(html), url
        assert "Kim 49" not in text(html), url
        tags = elements(html)
        assert not [tag for tag, _ in tags if tag in ("script", "img")], url
        assert "*star*" in text(html), url  # Markdown emphasis stays literal too
        assert not [a for _, a in tags for name in a if name.startswith("on")], url
        assert not [a for _, a in tags if (a.get("href") or "").startswith("javascript:")], url
        assert "</title><script>alert('x')</script>" in text(html), url
    head = read(build.site, "actors/kim-jong-un/").split("</head>")[0]
    assert [tag for tag, _ in elements(head)].count("title") == 1
    assert "&lt;/title&gt;&lt;script&gt;" in head and "{{ 7*7 }}" in head
