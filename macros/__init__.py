"""The explainer engine: data/*.yaml -> validated model -> Markdown pages -> MkDocs.

The pipeline, one module a step: load (YAML with lines) -> model (fields) ->
validate (files and cross-references) -> dataset (indexes) -> pages (pure
generator, templates/) -> mkdocs_hook and page_macros (thin MkDocs glue).
"""


def define_env(env):
    """mkdocs-macros entry point. Imported lazily, so `python -m macros` needs no MkDocs."""
    from .page_macros import register

    register(env)
