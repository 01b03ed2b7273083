"""The explainer engine: data/*.yaml -> validated model -> Markdown pages -> MkDocs.

The pipeline, one module a step: load (YAML with lines) -> model (fields) ->
validate (files and cross-references) -> dataset (indexes) -> pages (pure
generator, templates/) -> mkdocs_hook and page_macros (thin MkDocs glue);
hand_written_pages holds the pages in docs/ to the one shape they may take.
"""


def define_env(env):
    """mkdocs-macros entry point. Imported lazily, so `python -m macros pages` needs no MkDocs."""
    from .page_macros import register

    _render_in_a_sandbox()
    register(env)


def _render_in_a_sandbox() -> None:
    """Defence in depth behind hand_written_pages, which refuses any page that is more than macro calls.

    mkdocs-macros builds its Jinja environment right after calling define_env, from the name
    `Environment` in its plugin module; pointing that name at Jinja's SandboxedEnvironment makes
    the plugin build a sandboxed one with all its own settings (delimiters, loader, undefined).
    tests/test_hand_written_pages.py checks that it still does.
    """
    import mkdocs_macros.plugin
    from jinja2.sandbox import SandboxedEnvironment

    mkdocs_macros.plugin.Environment = SandboxedEnvironment
