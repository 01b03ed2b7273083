"""MkDocs hook: check data/ before anything is written, then add the generated pages,
the open-data downloads, and each entity page's JSON-LD.

Kept thin on purpose: `mkdocs serve` does not reload a hook module, so the
work lives in the `macros` package.
"""
import sys
from pathlib import Path

# MkDocs imports a hook by file path, so the project root must be importable for `macros.*`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.structure.files import File, InclusionLevel  # noqa: E402

from macros.export import download_files  # noqa: E402
from macros.build_checks import refuse_errors  # noqa: E402
from macros.history import last_changed  # noqa: E402
from macros.pages import build_pages  # noqa: E402
from macros.site_data import current_dataset, data_dir  # noqa: E402
from macros.structured_data import structured_data  # noqa: E402


def on_config(config):
    refuse_errors(config)  # data and pages, before the site directory is touched
    return config


def on_files(files, config):
    dataset = current_dataset()
    pages = build_pages(dataset, site_name=config.site_name, site_url=config.site_url or "",
                        last_updated=last_changed(data_dir(config), dataset.files))
    for path, markdown in pages.items():
        in_nav = path.endswith("/index.md")
        files.append(File.generated(config, path, content=markdown,
                                    inclusion=InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV))
    for path, content in download_files(dataset).items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_context(context, page, config, nav):
    entity_id = page.meta.get("entity")
    if entity_id:
        context["structured_data"] = structured_data(current_dataset(), entity_id, config.site_url or "")
    return context
