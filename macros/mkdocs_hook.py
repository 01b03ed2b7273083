"""MkDocs hook: check data/ before anything is written, then add the generated pages (and the
Markdown extension that passes their long lists through unparsed, macros/verbatim_html.py),
the open-data downloads, the Atom feeds, and each entity page's JSON-LD; give every page its
Content-Security-Policy; publish site/ only when the whole build succeeded.
Under `mkdocs serve`, the preview (macros/preview.py) keeps answering through any error.

Kept thin on purpose: `mkdocs serve` does not reload a hook module, so the
work lives in the `macros` package.
"""
import sys
from pathlib import Path

# MkDocs imports a hook by file path, so the project root must be importable for `macros.*`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import InclusionLevel  # noqa: E402

from macros import atomic_site, preview, search_index  # noqa: E402
from macros.content_security import with_policy  # noqa: E402
from macros.export import download_files  # noqa: E402
from macros.build_checks import refuse_errors  # noqa: E402
from macros.feeds import feed_files  # noqa: E402
from macros.history import file_history  # noqa: E402
from macros.page_corrections import corrections_of_pages, corrections_section  # noqa: E402
from macros.pages import build_pages  # noqa: E402
from macros.site_data import current_dataset, data_dir, has_dataset  # noqa: E402
from macros.structured_data import structured_data  # noqa: E402
from macros.verbatim_html import VerbatimHtml  # noqa: E402


def on_startup(command, dirty):
    preview.start(command, dirty)
    if not preview.is_active():
        atomic_site.start()


@event_priority(100)  # first: before any plugin reads site_dir
def on_config(config):
    config.markdown_extensions.append(VerbatimHtml())
    if preview.is_active():
        preview.prepare(config)  # never fails: errors are listed on every page instead
    else:
        refuse_errors(config)  # data and pages, before the site directory is touched
        atomic_site.build_beside(config)
        search_index.start(config)
    return config


def on_serve(server, config, builder):
    preview.announce(server)
    return server


def on_files(files, config):
    if not has_dataset():  # the preview, before the data was ever valid
        return preview.track(files)
    dataset = current_dataset()
    history = file_history(data_dir(config), dataset.files)
    corrected_pages = corrections_of_pages(files)
    pages = preview.generated_pages(build_pages, dataset, site_name=config.site_name, site_url=config.site_url or "",
                                    last_updated=history.last_changed, corrected_pages=corrected_pages)
    for path, markdown in pages.items():
        in_nav = path.endswith("/index.md")
        files.append(preview.generated_file(config, path, markdown,
                                            InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV))
    for path, content in download_files(dataset).items():
        files.append(preview.generated_file(config, path, content))
    for path, content in feed_files(dataset, history.first_committed, site_name=config.site_name,
                                    site_url=config.site_url or "", corrected_pages=corrected_pages).items():
        files.append(preview.generated_file(config, path, content))
    return preview.track(files)


def on_page_context(context, page, config, nav):
    entity_id = page.meta.get("entity")
    if entity_id:
        context["structured_data"] = structured_data(current_dataset(), entity_id, config.site_url or "")
    return context


def on_page_read_source(page, config):
    return preview.page_source(page) if preview.is_active() else None


@event_priority(-100)  # after mkdocs-macros has rendered the page
def on_page_markdown(markdown, page, config, files):
    if page.file.generated_by is None and has_dataset():
        markdown += corrections_section(page.file, current_dataset())
    if preview.is_active():
        preview.remember(markdown, page)
    return markdown


# While serving there is no Content-Security-Policy: `mkdocs serve` injects an inline
# live-reload script into every page it sends, whose text changes, so no hash can allow it.
@event_priority(-100)  # last: the HTML is final
def on_post_page(output, page, config):
    if preview.is_active():
        return output
    search_index.add_page(page.url, output)
    return with_policy(output, page.content or "")


def on_post_template(output, template_name, config):
    return output if preview.is_active() or not template_name.endswith(".html") else with_policy(output)


@event_priority(-100)  # last: only strict mode's verdict comes after it
def on_post_build(config):
    search_index.write(config, in_background=preview.is_active())  # before the build is declared a success
    if preview.is_active():
        preview.finished()
    else:
        atomic_site.decide(config)


def on_build_error(error):
    search_index.abandon()


def on_shutdown():
    atomic_site.finish()
