"""Read YAML files into plain Python values, keeping the line of every key.

PyYAML's own loaders follow YAML 1.1 and lose information an editor cares
about: duplicate keys silently keep the last value, `no` becomes False, `1:20`
becomes 80, and no value remembers its line. So this module composes the
node tree (the C composer when available) and builds the values itself,
reporting each of those surprises as an error with its line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python PyYAML build
    from yaml import SafeLoader as _Loader

_TAG = "tag:yaml.org,2002:"
_BOOLEAN_WORDS = {"true", "false"}
_PLAIN_INTEGER = re.compile(r"[-+]?[0-9]+")

Location = tuple[str | int, ...]


def field_name(location: Location) -> str:
    """('appearances', 0, 'quote') -> 'appearances[1].quote' (items counted from 1, as editors count)."""
    name = ""
    for step in location:
        name += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if name else step)
    return name


@dataclass
class YamlFile:
    """One parsed file: its values, and its node tree for finding lines."""

    path: str  # as shown to the editor, e.g. data/claims/nis-no-arms.yaml
    value: Any
    root: yaml.Node

    def line_of(self, location: Location) -> int:
        """The line of the key or item at `location`, or of its nearest parent."""
        return self._find(location)[1]

    def text_at(self, location: Location) -> str | None:
        """The scalar exactly as the editor wrote it, e.g. '1.10' where YAML read 1.1."""
        node = self._find(location)[0]
        return node.value if isinstance(node, yaml.ScalarNode) else None

    def _find(self, location: Location) -> tuple[yaml.Node, int]:
        node, line = self.root, self.root.start_mark.line + 1
        for step in location:
            if isinstance(node, yaml.MappingNode) and isinstance(step, str):
                match = next((pair for pair in node.value if pair[0].value == step), None)
                if match is None:
                    return node, line
                line = match[0].start_mark.line + 1
                node = match[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if not 0 <= step < len(node.value):
                    return node, line
                node = node.value[step]
                line = node.start_mark.line + 1
            else:
                continue  # a step the data has no node for (e.g. a union branch name)
        return node, line


def read_text(path: Path, shown_as: str) -> tuple[str | None, list[DataError]]:
    """The file's text, or an error naming the line of the first byte that is not UTF-8."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as problem:
        line = raw[: problem.start].count(b"\n") + 1
        return None, [DataError(shown_as, line, "", f"byte 0x{raw[problem.start]:02x} is not UTF-8",
                                "save the file as UTF-8")]


def load_yaml(path: Path, shown_as: str) -> tuple[YamlFile | None, list[DataError]]:
    """Parse one YAML file, with every error found.

    A value YAML would misread (`no`, `010`) is reported and kept as the text
    the editor wrote, so the file's fields can still be checked in the same run;
    only a file that cannot be parsed at all comes back as None.
    """
    text, errors = read_text(path, shown_as)
    if text is None:
        return None, errors
    try:
        documents = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as problem:
        mark = problem.problem_mark or problem.context_mark
        line = mark.line + 1 if mark else 1
        message = problem.problem or str(problem)
        return None, [DataError(shown_as, line, "", f"not valid YAML: {message}",
                                "check indentation, colons and quotes on this line or the one above")]
    if not documents or documents[0] is None:
        return None, [DataError(shown_as, 1, "", "the file is empty", "every entity file needs its fields")]
    if len(documents) > 1:
        return None, [DataError(shown_as, documents[1].start_mark.line + 1, "",
                                "more than one YAML document ('---') in the file",
                                "put one entity in each file")]
    root = documents[0]
    builder = _ValueBuilder(shown_as)
    value = builder.build(root, ())
    return YamlFile(shown_as, value, root), builder.errors


class _ValueBuilder:
    def __init__(self, shown_as: str):
        self.shown_as = shown_as
        self.errors: list[DataError] = []

    def error(self, node: yaml.Node, location: Location, message: str, hint: str = "") -> None:
        self.errors.append(DataError(self.shown_as, node.start_mark.line + 1, field_name(location), message, hint))

    def build(self, node: yaml.Node, location: Location) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, location)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, location + (index,)) for index, item in enumerate(node.value)]
        return self._scalar(node, location)

    def _mapping(self, node: yaml.MappingNode, location: Location) -> dict:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.error(key_node, location, "merge keys ('<<') are not supported", "write the fields out in full")
                continue
            if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag == _TAG + "str"):
                self.error(key_node, location, f"a field name must be plain text, not {key_node.value!r}",
                           "put the name in quotes")
                continue
            key = key_node.value
            if key in result:
                self.error(key_node, location + (key,), f"duplicate field '{key}' (first at line {first_line[key]})",
                           "YAML would silently keep only one of them; merge them")
                continue
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, location + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode, location: Location) -> Any:
        tag, text = node.tag, node.value
        if tag == _TAG + "str":
            return text
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "timestamp":
            return text  # dates are parsed by the model, which knows their precision
        if tag == _TAG + "bool":
            if text.lower() in _BOOLEAN_WORDS:
                return text.lower() == "true"
            self.error(node, location, f"'{text}' is read as a yes/no value by YAML, not as text",
                       f"write true or false, or '{text}' in quotes if you mean the word")
            return text
        if tag == _TAG + "int":
            digits = text.lstrip("+-")
            if _PLAIN_INTEGER.fullmatch(text) and (digits == "0" or not digits.startswith("0")):
                return int(text)
            self.error(node, location, f"'{text}' is read as a number by YAML, not as text",
                       f"put it in quotes: '{text}'")
            return text
        if tag == _TAG + "float":
            return float(yaml.load(text, Loader=_Loader))
        self.error(node, location, f"the YAML tag '{tag}' is not allowed here", "remove the tag")
        return text

