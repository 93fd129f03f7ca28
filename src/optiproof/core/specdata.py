"""Spec text (YAML or JSON) -> plain data, with the limits a spec needs and nothing more.

YAML is read by PyYAML's safe loader with four refusals: anchors and aliases (a 20 kB file
cannot expand into a 16-million-entry matrix), duplicate keys (the second value silently won),
nesting deeper than MAX_DEPTH, and integers longer than MAX_INT_DIGITS. JSON gets the same
depth, duplicate-key and integer checks, and refuses NaN and Infinity. In both, a string with a
control character (a terminal escape sequence in a title) is refused. Every refusal is a
:class:`BadInput` naming the line or the key.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode

from optiproof.core.errors import BadInput

MAX_DEPTH = 64
"""Deepest nesting of lists and mappings in a spec."""
MAX_INT_DIGITS = 300
"""Longest integer in a spec (larger magnitudes are out of every field's range anyway)."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class _SpecLoader(yaml.SafeLoader):
    """PyYAML's safe loader without anchors, aliases, duplicate keys, deep nesting or huge
    integers."""

    def __init__(self, stream: str, source: str):
        super().__init__(stream)
        self.source = source
        self.depth = 0

    def refuse(self, reason: str, mark: Any) -> BadInput:
        line = f" (line {mark.line + 1})" if mark is not None else ""
        return BadInput(f"{self.source}: {reason}{line}", expected="a plain YAML spec")

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise self.refuse(f"YAML aliases (*{event.anchor}) are not allowed", event.start_mark)
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor is not None:
            raise self.refuse(f"YAML anchors (&{event.anchor}) are not allowed",
                              event.start_mark)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.refuse(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:
                raise self.refuse("a mapping key must be a plain value",
                                  key_node.start_mark) from None
            if duplicate:
                raise self.refuse(f"duplicate key {key!r}", key_node.start_mark)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: Any) -> int:
        digits = sum(c.isdigit() for c in str(node.value))
        if digits > MAX_INT_DIGITS:
            raise self.refuse(f"an integer with {digits} digits (at most {MAX_INT_DIGITS})",
                              node.start_mark)
        return super().construct_yaml_int(node)


_SpecLoader.add_constructor("tag:yaml.org,2002:int", _SpecLoader.construct_yaml_int)


def _json_depth_ok(text: str) -> bool:
    """True when no JSON list or object in ``text`` is nested deeper than MAX_DEPTH."""
    depth, in_string, escaped = 0, False, False
    for c in text:
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return False
        elif c in "]}":
            depth -= 1
    return True


def _json_object(pairs: list[tuple[str, Any]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise BadInput(f"duplicate key {key!r}", expected="a JSON spec with unique keys")
        out[key] = value
    return out


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise BadInput(f"an integer with {len(text.lstrip('-'))} digits (at most "
                       f"{MAX_INT_DIGITS})", expected="a JSON spec with ordinary numbers")
    return int(text)


def _json_constant(name: str) -> Any:
    raise BadInput(f"{name} is not a number here", expected="finite numbers")


def _check_strings(data: Any, source: str, where: str = "") -> None:
    """Refuse control characters in the keys and string values of spec data."""
    if isinstance(data, str):
        m = _CONTROL.search(data)
        if m:
            raise BadInput(f"{source}: control character U+{ord(m.group()):04X} in "
                           f"{where or 'a string'}", expected="plain text in a spec")
    elif isinstance(data, dict):
        for key, value in data.items():
            _check_strings(key, source, "a key")
            _check_strings(value, source, f"'{key}'")
    elif isinstance(data, list):
        for value in data:
            _check_strings(value, source, where)


def load_spec_data(text: str, source: str = "spec") -> Any:
    """The data of a YAML or JSON spec (JSON when it starts with ``{``); BadInput if it is not
    one, or breaks a limit above."""
    data = _load(text, source)
    _check_strings(data, source)
    return data


def _load(text: str, source: str) -> Any:
    if text.lstrip().startswith("{"):
        if not _json_depth_ok(text):
            raise BadInput(f"{source}: nested more than {MAX_DEPTH} levels deep",
                           expected="a plain JSON spec")
        try:
            return json.loads(text, object_pairs_hook=_json_object, parse_int=_json_int,
                              parse_constant=_json_constant)
        except json.JSONDecodeError as err:
            raise BadInput(f"cannot parse {source} at line {err.lineno}, column {err.colno}: "
                           f"{err.msg}", expected="valid JSON") from None
    loader = _SpecLoader(text, source)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as err:
        raise BadInput(f"cannot parse {source}{_yaml_place(err)}: {_yaml_problem(err)}",
                       expected="valid YAML") from None
    finally:
        loader.dispose()


def _yaml_place(err: Any) -> str:
    """`` at line 3, column 7`` of a YAML error (1-based), or ``''`` when it has no mark."""
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    return f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""


def _yaml_problem(err: Any) -> str:
    """What the YAML parser found wrong, in its words."""
    parts = [getattr(err, "context", None), getattr(err, "problem", None)]
    return "; ".join(p for p in parts if p) or str(err).splitlines()[0]
