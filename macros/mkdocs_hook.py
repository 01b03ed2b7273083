"""MkDocs hook: check data/ before anything is written, then add the generated pages.

Kept thin on purpose: `mkdocs serve` does not reload a hook module, so the
work lives in the `macros` package.
"""
import sys
from pathlib import Path

# MkDocs imports a hook by file path, so the project root must be importable for `macros.*`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.structure.files import File, InclusionLevel  # noqa: E402

from macros.pages import build_pages  # noqa: E402
from macros.site_data import site_dataset  # noqa: E402


def on_config(config):
    site_dataset(config)  # fail before the site directory is touched
    return config


def on_files(files, config):
    for path, markdown in build_pages(site_dataset(config)).items():
        in_nav = path.endswith("/index.md")
        files.append(File.generated(config, path, content=markdown,
                                    inclusion=InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV))
    return files
