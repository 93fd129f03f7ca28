"""What was read, as every output shows it first: the reading data (``Solution.reading``, the
reader's own account) arranged for display. The content is the reader's; this module only
orders it and names families and quantities by their display names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from optiproof.rendering.answers import capitalised, entry_name

if TYPE_CHECKING:
    from optiproof.core.solution import Solution

SPEC_NOTE = "Read from a spec: every field as written there."


@dataclass(frozen=True)
class ReadInput:
    """One input of a part: its field, value and the phrase of the text it came from."""

    name: str
    value: str
    source: str
    note: str


@dataclass(frozen=True)
class ReadPart:
    """One part as read: the family it was read as, what it asks, its inputs and notes."""

    label: str
    family: str
    asked: tuple[str, ...]
    inputs: tuple[ReadInput, ...]
    notes: tuple[str, ...]
    unused: tuple[str, ...]


@dataclass(frozen=True)
class ReadingView:
    """The reading, ready to draw; ``parts`` is empty for a spec file."""

    parts: tuple[ReadPart, ...]
    notes: tuple[str, ...]
    unused: tuple[str, ...]
    ignored: tuple[str, ...]
    complete: bool

    @property
    def from_spec(self) -> bool:
        return not self.parts

    @property
    def set_aside(self) -> tuple[str, ...]:
        """What the reading set aside with a reason (a remark beside the point, a batch size,
        the asker's own attempt): not used, and said so (headings' numbers are left out)."""
        return tuple(x for x in self.ignored if not x.endswith("(label)"))


def _value_text(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_value_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value_text(v)}" for k, v in value.items()) + "}"
    return str(value)


def _family_title(key: str | None) -> str:
    from optiproof.families import FAMILIES

    family = FAMILIES.get(key) if key else None
    return family.title if family is not None else "not recognised"


def reading_view(solution: Solution) -> ReadingView:
    """The reading of a solution for display (a spec file gives an empty view)."""
    data = getattr(solution, "reading", None)
    if not data:
        return ReadingView((), (), (), (), True)
    asked = {p.label: p.asked for p in solution.parts}
    parts = []
    for p in data.get("parts", []):
        keys = p.get("asked") or asked.get(p["label"], [])
        inputs = tuple(ReadInput(i["name"], _value_text(i["value"]), i.get("source", ""),
                                 i.get("note", "")) for i in p.get("inputs", [])
                       if i["name"] not in ("asks", "question"))
        inputs += tuple(ReadInput(c["name"], c["note"], c.get("source", ""), "")
                        for c in p.get("conventions", []))
        parts.append(ReadPart(p["label"], _family_title(p.get("family")),
                              tuple(capitalised(entry_name(k)) for k in keys), inputs,
                              tuple(p.get("notes", [])), tuple(p.get("unused_numbers", []))))
    return ReadingView(tuple(parts), tuple(data.get("notes", [])),
                       tuple(data.get("unused_numbers", [])), tuple(data.get("ignored", [])),
                       bool(data.get("complete", True)))
