"""The rule for hand-written pages in docs/, checked before anything is rendered.

A page may hold text, and calls of the site's macros (page_macros.PAGE_MACROS) whose
arguments are plain values: {{ link("kim-jong-un") }}, {{ claims(kind="opinion") }}.
Nothing else: no other names, no attribute access, no filters, no {% %} statements.
mkdocs-macros' Jinja is not sandboxed (macros/__init__.py sandboxes it, as a second line):
{{ cycler.__init__.__globals__.os }} reaches the operating system. So each page is parsed
and walked here, and only that one shape passes. ({% raw %} passes too: Jinja reads what
it encloses as text.) The arguments are then checked by the macros' own code
(page_macros.call), so `python -m macros check` and the build report the same lines.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

import pathspec
from jinja2 import Environment, TemplateSyntaxError, nodes
from mkdocs.structure.files import get_files
from mkdocs.utils.meta import get_data

from .dataset import Dataset
from .errors import DataError, did_you_mean
from .page_corrections import read_page_corrections
from .page_macros import PAGE_MACROS, PageMacroError, call, usage

_STATEMENTS = {nodes.Assign: "set", nodes.AssignBlock: "set", nodes.FromImport: "from", nodes.CallBlock: "call",
               nodes.FilterBlock: "filter", nodes.ExprStmt: "do", nodes.ScopedEvalContextModifier: "autoescape"}
"""The tag of each Jinja statement whose node is not simply named after it (For is {% for %})."""

_APPLIED = (nodes.Getattr, nodes.Getitem, nodes.Call, nodes.Filter, nodes.Test)
"""Expressions applied to another one: x.y, x["y"], x(), x|y, x is y."""

_NEWLINE = re.compile(r"\r\n|\r|\n")  # as Jinja counts lines

_USAGES = [usage(name) for name in PAGE_MACROS]
_USE_HINT = f"use {', '.join(_USAGES[:-1])} or {_USAGES[-1]}"


def page_errors(config, dataset: Optional[Dataset]) -> list[DataError]:
    """Every mistake in the hand-written pages of a MkDocs config (its docs_dir and mkdocs-macros settings).

    Without a dataset (the data has errors) the ids and values in macro calls cannot be
    checked; everything else is.
    """
    macros_plugin = config.plugins.get("macros")
    if macros_plugin is None:
        return []
    rule = _PageRule(macros_plugin.config, dataset)
    errors: list[DataError] = []
    for file in get_files(config):
        if file.is_documentation_page():
            errors += rule.errors(file, f"{Path(config.docs_dir).name}/{file.src_uri}")
    return sorted(set(errors))


class _PageRule:
    """How mkdocs-macros treats a page (its own settings and decisions), and the rule applied to it."""

    def __init__(self, options, dataset: Optional[Dataset]):
        # The same Jinja settings mkdocs-macros gives its environment (its j2_* options).
        self.jinja = Environment(**{key.split("_", 1)[1]: value for key, value in options.items()
                                    if key.startswith("j2_") and value})
        self.by_default = options["render_by_default"]
        self.forced = pathspec.PathSpec.from_lines("gitwildmatch", options["force_render_paths"].splitlines())
        self.dataset = dataset

    def errors(self, file, shown: str) -> list[DataError]:
        try:
            source = file.content_string
        except UnicodeDecodeError:
            return [DataError(shown, 1, "", "this page is not UTF-8 text", "save it with the UTF-8 encoding")]
        markdown, meta = get_data(source)
        front_matter_lines = len(_NEWLINE.findall(source)) - len(_NEWLINE.findall(markdown))
        errors = read_page_corrections(source, file.src_uri, shown)[1]
        if not self.renders(meta, file.src_path):
            return errors + self._unrendered_macro_calls(markdown, shown, front_matter_lines)
        errors += self._template_errors(markdown, shown, front_matter_lines)
        title = meta.get("title")
        if isinstance(title, str):  # mkdocs-macros renders a title from front matter too
            errors += self._template_errors(title, shown, _line_of_title(source, front_matter_lines) - 1)
        return errors

    def renders(self, meta: dict, src_path: str) -> bool:
        """mkdocs-macros' own decision (MacrosPlugin.render): `render_macros: false` wins, then the default,
        a forced path, or an opt-in."""
        setting = meta.get("render_macros")
        if setting == False:  # noqa: E712 -- the plugin's test, so 0 counts as false
            return False
        return self.by_default or self.forced.match_file(src_path) or setting == True  # noqa: E712

    def _unrendered_macro_calls(self, markdown: str, shown: str, offset: int) -> list[DataError]:
        """A page that calls macros but is not rendered would show its readers the raw calls."""
        try:
            calls = [node for node in self.jinja.parse(markdown).find_all(nodes.Call) if _macro_name(node)]
        except TemplateSyntaxError:
            return []  # not Jinja at all, and not rendered: plain text
        if not calls:
            return []
        first = min(calls, key=lambda node: node.lineno)
        return [DataError(shown, offset + first.lineno, "",
                          f"this page calls {_macro_name(first)}(), but its macros are not run: "
                          f"readers would see the {self.jinja.variable_start_string} "
                          f"{self.jinja.variable_end_string} as written",
                          "add 'render_macros: true' to the page's front matter, between '---' lines at the top")]

    def _template_errors(self, source: str, shown: str, offset: int) -> list[DataError]:
        try:
            template = self.jinja.parse(source)
        except TemplateSyntaxError as error:
            return [DataError(shown, offset + (error.lineno or 1), "",
                              f"this line cannot be read as a macro call: {error.message.rstrip('.')}",
                              f'a macro call looks like {self.jinja.variable_start_string} link("id") '
                              f"{self.jinja.variable_end_string}")]
        errors = []
        for node in template.body:
            if isinstance(node, nodes.Output):
                for part in node.nodes:
                    if not isinstance(part, nodes.TemplateData):
                        errors += [DataError(shown, offset + line, field, message, hint)
                                   for line, field, message, hint in self._expression_errors(part)]
            else:
                tag = _STATEMENTS.get(type(node), type(node).__name__.lower())
                statement = f"{self.jinja.block_start_string} {tag} {self.jinja.block_end_string}"
                errors.append(DataError(shown, offset + node.lineno, "", _not_allowed(f"the statement '{statement}'"),
                                        _USE_HINT))
        return errors

    def _expression_errors(self, expression: nodes.Expr) -> list[tuple[int, str, str, str]]:
        """(line, field, message, hint) for each mistake in one {{ expression }}."""
        chain = _applied_chain(expression)
        first = chain[-2] if len(chain) > 1 else chain[0]  # what is done first: where it goes wrong
        name = _macro_name(first)
        if name in PAGE_MACROS and first is expression:
            return self._call_errors(name, first)
        if name in PAGE_MACROS:
            first = chain[-3]  # the call is fine; what is done to its result is not
        elif name is not None:
            return [(first.lineno, "", f"unknown macro '{name}'", did_you_mean(name, PAGE_MACROS) or _USE_HINT)]
        return [(first.lineno, "", _not_allowed(_described(first)), _USE_HINT)]

    def _call_errors(self, name: str, macro_call: nodes.Call) -> list[tuple[int, str, str, str]]:
        """A call of a page macro: plain values only, then the macro's own check of them."""
        if macro_call.dyn_args or macro_call.dyn_kwargs:
            spread = "*" if macro_call.dyn_args else "**"
            return [(macro_call.lineno, name, f"arguments must be written out one by one, not passed with '{spread}'",
                     f"write {usage(name)}")]
        values = [*macro_call.args, *(keyword.value for keyword in macro_call.kwargs)]
        not_plain = [value for value in values if not isinstance(value, nodes.Const)]
        if not_plain:
            hint = (f'put text in quotes: "{not_plain[0].name}"' if isinstance(not_plain[0], nodes.Name)
                    else f"write {usage(name)}")
            return [(not_plain[0].lineno, name, "arguments must be plain values (text in quotes, a number, "
                     f"true, false or none), not {_described(not_plain[0])}", hint)]
        try:
            call(name, tuple(value.value for value in macro_call.args),
                 {keyword.key: keyword.value.value for keyword in macro_call.kwargs}, self.dataset)
        except PageMacroError as mistake:
            return [(macro_call.lineno, name, mistake.message, mistake.hint)]
        return []


def _not_allowed(what: str) -> str:
    return f"only calls of the site's macros are allowed here, not {what}"


def _macro_name(expression: nodes.Node) -> Optional[str]:
    """The name called, when the expression is a call of a plain name: link("x") -> 'link'."""
    if isinstance(expression, nodes.Call) and isinstance(expression.node, nodes.Name):
        return expression.node.name
    return None


def _applied_chain(expression: nodes.Expr) -> list[nodes.Expr]:
    """The expression, what it is applied to, and so on: cycler.__init__.x -> [.x, .__init__, cycler]."""
    chain = [expression]
    while isinstance(chain[-1], _APPLIED) and chain[-1].node is not None:
        chain.append(chain[-1].node)
    return chain


def _described(node: nodes.Node) -> str:
    """A piece of Jinja as an editor would name it."""
    match node:
        case nodes.Name(name=name):
            return f"the name '{name}'"
        case nodes.Getattr(attr=attribute):
            return f"attribute access ('.{attribute}')"
        case nodes.Getitem():
            return "a subscript ('[...]')"
        case nodes.Filter(name=name):
            return f"the filter '|{name}'"
        case nodes.Test(name=name):
            return f"the test 'is {name}'"
        case nodes.Const(value=value):
            return f"a bare value ({value!r})"
        case nodes.BinExpr(operator=operator) | nodes.UnaryExpr(operator=operator):
            return f"the operator '{operator}'"
        case nodes.Concat():
            return "joining with '~'"
        case nodes.Compare():
            return "a comparison"
        case nodes.CondExpr():
            return "an 'if' expression"
        case nodes.List() | nodes.Tuple() | nodes.Dict():
            return f"a {type(node).__name__.lower()}"
        case nodes.Call():
            return "a call of something that is not a macro"
    return "this expression"


def _line_of_title(source: str, front_matter_lines: int) -> int:
    """The line of `title:` in the front matter (1 when it cannot be found)."""
    for number, line in enumerate(_NEWLINE.split(source)[:front_matter_lines], start=1):
        if re.match(r"\s{0,3}title\s*:", line, re.IGNORECASE):
            return number
    return 1
