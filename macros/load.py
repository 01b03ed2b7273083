"""Read YAML text into plain Python values, keeping the line of every key.

PyYAML's own loaders follow YAML 1.1 and lose information an editor cares
about: duplicate keys silently keep the last value, `no` becomes False, `1:20`
becomes 80, and no value remembers its line. They also trust their input:
an anchor/alias "bomb" of a few hundred bytes expands to gigabytes, and deep
nesting overflows the stack. So this module reads the parser's event stream
(the C parser when available) and builds values itself, in one pass and
without recursion, refusing anchors, aliases and explicit tags, and stopping
at stated limits of nesting and size; every surprise is an error with its line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Optional

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from .data_files import CONTROL_CHARACTER
from .errors import DataError

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python PyYAML build
    from yaml import SafeLoader as _Loader

MAX_DEPTH = 12  # the deepest field in the model is 4 levels down
MAX_KEYS = 100  # fields in one mapping; the largest kind has 13
MAX_ITEMS = 1000  # entries in one list

_TAG = "tag:yaml.org,2002:"
_BOOLEAN_WORDS = {"true", "false"}
_PLAIN_INTEGER = re.compile(r"[-+]?[0-9]+")
_LONGEST_NUMBER = 4000  # Python refuses to convert more than 4300 digits
_STR = _TAG + "str"
_RESOLVER = Resolver()
_TYPES_BY_FIRST_CHARACTER = _RESOLVER.yaml_implicit_resolvers  # '1' -> [(int tag, pattern), ...]
_CONSTRUCTOR = SafeConstructor()

Location = tuple[str | int, ...]


def field_name(location: Location) -> str:
    """('appearances', 0, 'quote') -> 'appearances[1].quote' (items counted from 1, as editors count)."""
    name = ""
    for step in location:
        name += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if name else step)
    return name


@dataclass(slots=True)
class Node:
    """Where a value stands in the file: its line, and its children by key or position."""

    line: int
    text: Optional[str] = None  # a scalar exactly as the editor wrote it
    tag: Optional[str] = None  # a plain scalar's type as YAML resolves it
    keys: Optional[dict[str, tuple[int, "Node"]]] = None  # a mapping's: key -> (line of the key, value)
    items: Optional[list["Node"]] = None  # a list's


@dataclass
class YamlFile:
    """One parsed file: its values, and where each of them stands."""

    path: str  # as shown to the editor, e.g. data/claims/nis-no-arms.yaml
    value: Any
    root: Node

    def line_of(self, location: Location) -> int:
        """The line of the key or item at `location`, or of its nearest parent."""
        return self._find(location)[1]

    def text_at(self, location: Location) -> str | None:
        """The scalar exactly as the editor wrote it, e.g. '1.10' where YAML read 1.1."""
        return self._find(location)[0].text

    def _find(self, location: Location) -> tuple[Node, int]:
        node, line = self.root, self.root.line
        for step in location:
            if isinstance(step, str) and node.keys and step in node.keys:
                line, node = node.keys[step]
            elif isinstance(step, int) and node.items and 0 <= step < len(node.items):
                node = node.items[step]
                line = node.line
            elif isinstance(step, str) and node.keys or isinstance(step, int) and node.items:
                break  # not in the file: the nearest parent is as close as it gets
        return node, line


class _Refused(Exception):
    """A limit was passed: stop reading the file at once."""


def _plain_tag(text: str) -> str:
    """The type YAML 1.1 gives a plain (unquoted) scalar, e.g. tag:yaml.org,2002:int for 010.

    The resolver tries a pattern for each type that can start with the text's first
    character; most text starts with one that none can, and is text without asking it.
    """
    if text and text[0] not in _TYPES_BY_FIRST_CHARACTER and None not in _TYPES_BY_FIRST_CHARACTER:
        return _STR
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))


def load_yaml(text: str, shown_as: str) -> tuple[YamlFile | None, list[DataError]]:
    """Parse one file's text, with every error found.

    A value YAML would misread (`no`, `010`) is reported and kept as the text
    the editor wrote, so the file's fields can still be checked in the same run;
    a file that cannot be read as YAML at all, or that passes a limit, comes back as None.
    """
    builder = _Builder(shown_as)
    parser = _Loader(text)
    try:
        builder.read(iter(parser.get_event, None))  # yaml.parse, without a generator between
    except yaml.MarkedYAMLError as problem:
        mark = problem.problem_mark or problem.context_mark
        line = mark.line + 1 if mark else 1
        return None, [_syntax_error(shown_as, line, problem.problem or str(problem), text)]
    except yaml.YAMLError as problem:  # e.g. a reader error, which has a position but no mark
        position = getattr(problem, "position", 0) or 0
        return None, [_syntax_error(shown_as, text.count("\n", 0, position) + 1, str(problem), text)]
    except _Refused:
        return None, builder.errors
    finally:
        parser.dispose()
    if builder.root is None or builder.value is None:
        return None, [DataError(shown_as, 1, "", "the file is empty", "every entity file needs its fields")]
    return YamlFile(shown_as, builder.value, builder.root), builder.errors


def _syntax_error(shown_as: str, line: int, message: str, text: str) -> DataError:
    lines = text.splitlines()
    written = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in written:
        return DataError(shown_as, line, "", "not valid YAML: this line has a tab character",
                         "YAML indents with spaces only; replace the tab with spaces")
    if "mapping values are not allowed" in message and written.count(": ") > 1:
        return DataError(shown_as, line, "", "not valid YAML: the value on this line has a colon followed by a space",
                         "YAML reads ': ' as the start of another field; put the whole value in quotes")
    return DataError(shown_as, line, "", f"not valid YAML: {message}",
                     "check indentation, colons and quotes on this line or the one above")


@dataclass(slots=True)
class _Open:
    """A mapping or list still being read."""

    node: Node
    value: Any
    location: Location
    key: Optional[tuple[Optional[str], int]] = None  # in a mapping: the key waiting for its value (None: dropped)


class _Builder:
    def __init__(self, shown_as: str):
        self.shown_as = shown_as
        self.errors: list[DataError] = []
        self.stack: list[_Open] = []
        self.documents = 0
        self.root: Optional[Node] = None
        self.value: Any = None

    def error(self, line: int, location: Location, message: str, hint: str = "") -> None:
        self.errors.append(DataError(self.shown_as, line, field_name(location), message, hint))

    def refuse(self, line: int, location: Location, message: str, hint: str) -> None:
        self.error(line, location, message, hint)
        raise _Refused

    def read(self, events: Iterable[yaml.Event]) -> None:
        """Build the values from the parser's events.

        Every event of every file passes through this loop, so it is one call a file, not
        one an event, and a plain scalar that is text goes no further than `_plain_tag`.
        """
        stack = self.stack
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    self.check_properties(event)
                node = Node(event.start_mark.line + 1, event.value)
                if event.style and CONTROL_CHARACTER.search(event.value):
                    self.control_character(event, node)
                text = event.value
                parent = stack[-1] if stack else None
                if parent is not None and parent.key is None and isinstance(parent.value, dict):  # a field name
                    if not (event.tag or event.style):
                        node.tag = _plain_tag(text)
                    parent.key = (self.key(node, text, parent), node.line)
                    continue
                if event.tag is not None or event.style:  # tagged (reported) or quoted/block: the editor's text
                    value = text
                else:
                    tag = node.tag = _plain_tag(text)
                    value = text if tag == _STR else self.scalar(text, tag, node.line)
                self.attach(node, value)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    self.check_properties(event)
                line = event.start_mark.line + 1
                if len(stack) >= MAX_DEPTH:
                    self.refuse(line, self.location(), f"the values are nested more than {MAX_DEPTH} levels deep",
                                "no field of the data goes this deep; check the indentation")
                if kind is yaml.MappingStartEvent:
                    stack.append(_Open(Node(line, keys={}), {}, self.location()))
                else:
                    stack.append(_Open(Node(line, items=[]), [], self.location()))
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                finished = stack.pop()
                self.attach(finished.node, finished.value)
            elif kind is yaml.AliasEvent:
                self.refuse(event.start_mark.line + 1, self.location(),
                            f"the alias '*{event.anchor}' repeats another part of the file",
                            "anchors (&) and aliases (*) are not supported; write the value out in full")
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self.refuse(event.start_mark.line + 1, (), "more than one YAML document ('---') in the file",
                                "put one entity in each file")

    def control_character(self, event: yaml.ScalarEvent, node: Node) -> None:
        """Quotes can write a control character as an escape (\\e, \\0): refused as in the file itself."""
        char = CONTROL_CHARACTER.search(event.value).group()
        self.error(node.line, self.location(), f"the text contains the invisible control character U+{ord(char):04X}",
                   "delete the escape that writes it")
        event.value = CONTROL_CHARACTER.sub("", event.value)

    def check_properties(self, event: yaml.NodeEvent) -> None:
        line = event.start_mark.line + 1
        if event.anchor is not None:
            self.refuse(line, self.location(), f"the anchor '&{event.anchor}' is not supported",
                        "anchors (&) and aliases (*) are not supported; write the value out in full")
        self.error(line, self.location(), f"the YAML tag '{event.tag.replace(_TAG, '!!')}' is not allowed here",
                   "remove the tag; write the value as plain text, in quotes if needed")

    def location(self) -> Location:
        """Where the next value goes."""
        if not self.stack:
            return ()
        parent = self.stack[-1]
        if isinstance(parent.value, list):
            return parent.location + (len(parent.value),)
        if parent.key is not None and parent.key[0] is not None:
            return parent.location + (parent.key[0],)
        return parent.location

    def attach(self, node: Node, value: Any) -> None:
        if not self.stack:
            self.root, self.value = node, value
            return
        parent = self.stack[-1]
        if isinstance(parent.value, list):
            if len(parent.value) >= MAX_ITEMS:
                self.refuse(node.line, parent.location, f"the list has more than {MAX_ITEMS} entries",
                            "no list in the data needs this many; check the file")
            parent.value.append(value)
            parent.node.items.append(node)
        elif parent.key is None:
            parent.key = (self.key(node, value, parent), node.line)
        else:
            key, key_line = parent.key
            parent.key = None
            if key is not None:
                parent.value[key] = value
                parent.node.keys[key] = (key_line, node)

    def key(self, node: Node, value: Any, parent: _Open) -> Optional[str]:
        """The field name, or None when the key is refused (its value is then dropped)."""
        line = node.line
        if node.tag == _TAG + "merge":
            self.error(line, parent.location, "merge keys ('<<') are not supported", "write the fields out in full")
            return None
        if node.text is None or node.tag not in (None, _STR):
            shown = node.text if node.text is not None else "a list or set of fields"
            self.error(line, parent.location, f"a field name must be plain text, not {shown!r}", "put the name in quotes")
            return None
        if value in parent.value:
            first = parent.node.keys[value][0]
            self.error(line, parent.location + (value,), f"duplicate field '{value}' (first at line {first})",
                       "YAML would silently keep only one of them; merge them")
            return None
        if len(parent.value) >= MAX_KEYS:
            self.refuse(line, parent.location, f"more than {MAX_KEYS} fields in one place",
                        "no kind of entity has this many fields; check the file")
        return value

    def scalar(self, text: str, tag: str, line: int) -> Any:
        """The value of a plain scalar of YAML 1.1 type `tag` as YAML 1.2 would read it; a YAML 1.1
        surprise is reported and kept as text."""
        if tag in (_STR, _TAG + "merge"):  # '<<' as a value is just text
            return text
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "timestamp":
            return text  # dates are parsed by the model, which knows their precision
        if tag == _TAG + "bool":
            if text.lower() in _BOOLEAN_WORDS:
                return text.lower() == "true"
            self.error(line, self.location(), f"'{text}' is read as a yes/no value by YAML, not as text",
                       f"write true or false, or '{text}' in quotes if you mean the word")
            return text
        if tag == _TAG + "int":
            digits = text.lstrip("+-")
            if len(digits) > _LONGEST_NUMBER:
                self.error(line, self.location(), f"a number of {len(digits)} digits is too long to be read",
                           "put it in quotes if it is text")
                return text
            if _PLAIN_INTEGER.fullmatch(text) and (digits == "0" or not digits.startswith("0")):
                return int(text)
            self.error(line, self.location(), f"'{text}' is read as a number by YAML, not as text",
                       f"put it in quotes: '{text}'")
            return text
        if tag == _TAG + "float":
            return _CONSTRUCTOR.construct_yaml_float(yaml.ScalarNode(tag, text))
        return text
