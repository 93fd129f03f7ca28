"""The answer block every output opens with: per part its answers under human labels from the
catalogue, a decimal value beside every exact one, the identification and the verification.

Formats draw this block; none of them re-derives a label, a value or a verdict.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from optiproof.rendering import (answer_equation_latex, answer_status_words, not_verified_reason,
                                 part_heading, verified_word)

if TYPE_CHECKING:
    from optiproof.core.solution import Answer, PartSolution

VECTOR_SHOWN = 6
"""Entries of a long vector (or rows of a long matrix) shown before the rest is elided."""


@dataclass(frozen=True)
class AnswerLine:
    """One answer as people read it: a label, ``symbol = value`` in LaTeX, and its decimal."""

    label: str
    latex: str
    approx: str
    status: str
    extra: tuple[str, ...]


@dataclass(frozen=True)
class PartAnswer:
    """A part's short answer: its answers, identification and verification."""

    label: str
    heading: str
    question: str
    lines: tuple[AnswerLine, ...]
    identified_as: str
    verified: bool
    badge: str
    reason: str


def capitalised(text: str) -> str:
    """``text`` with its first letter upper-cased (``update`` -> ``Update``; ``L2`` stays)."""
    return text[:1].upper() + text[1:]


def entry_name(key: str | None) -> str:
    """The display name of a catalogue entry (a quantity, norm, optimizer or scheme) by key."""
    from optiproof.catalogue import KINDS

    if not key:
        return ""
    for registry in KINDS.values():
        entry = registry.get(key)
        if entry is not None and entry.key == key:
            return entry.name
    return key


def answer_label(part: PartSolution, answer: Answer) -> str:
    """The answer's quantity by its catalogue name; the subject is added when the part answers
    the same quantity for several subjects (``number of messages (ring all-reduce)``). A
    derived answer (a ratio, a difference, ...) is named by what it computes (``size of each
    message in MB``), which its own name says and the catalogue's generic name does not."""
    from optiproof.catalogue.quantities import DERIVED

    if answer.name and answer.quantity in {q.key for q in DERIVED}:
        return capitalised(answer.name)
    label = capitalised(entry_name(answer.quantity) or answer.name)
    subjects = {a.subject for a in part.answers if a.quantity == answer.quantity}
    if len(subjects) > 1 and answer.subject:
        label += f" ({entry_name(answer.subject)})"
    same = [a for a in part.answers if a.quantity == answer.quantity and a.subject ==
            answer.subject]
    conditions = {a.note for a in same if a.note.startswith("at ")}
    if len(conditions) > 1 and answer.note and len(answer.note) <= 40:
        # the same quantity under different conditions ("at epsilon = 0", "at epsilon = 1e-8"):
        # each line says which holds, as its note does in the full output
        label += f" ({answer.note})"
    return label


def format_number(x: float) -> str:
    """A float to six significant digits, without trailing zeros (``0.230886``, ``1e-06``)."""
    if x == 0:
        return "0"
    if not math.isfinite(x):
        return str(x)
    text = f"{x:.6g}"
    if "e" in text:
        mantissa, exp = text.split("e")
        text = f"{mantissa}e{int(exp)}"
    return text.replace("-", "\u2212")


def format_value(value: Any) -> str:
    """A JSON value (number, vector, matrix) as short decimal text; long ones are elided."""
    if isinstance(value, list):
        items = [format_value(v) for v in value]
        if len(items) > VECTOR_SHOWN:
            items = items[:VECTOR_SHOWN - 2] + ["…"] + items[-1:]
        return "[" + ", ".join(items) + "]"
    return format_number(float(value))


def decimal_of(answer: Answer) -> str:
    """``≈ 0.230886`` beside an exact value that is not already a plain decimal or integer (a
    yes/no has none)."""
    value = answer.value
    if value is None or answer.expr is None or isinstance(value, bool):
        return ""
    text = format_value(value)
    exact = re.sub(r"\s+", "", answer.latex)
    if isinstance(value, list):
        if not re.search(r"\\frac|\\sqrt|\\pi|e\^", exact):
            return ""
    elif re.fullmatch(r"-?\d+(?:\.\d+)?", exact) or text == exact:
        return ""
    return "≈ " + text


def answer_line(part: PartSolution, answer: Answer) -> AnswerLine:
    """One :class:`AnswerLine` of a part."""
    extra = tuple(x for x in (answer.set_description, answer.note) if x)
    return AnswerLine(answer_label(part, answer), answer_equation_latex(answer),
                      decimal_of(answer), answer_status_words(answer), extra)


def part_answer(part: PartSolution) -> PartAnswer:
    """The short answer of one part."""
    return PartAnswer(part.label, part_heading(part, ""), part.question,
                      tuple(answer_line(part, a) for a in part.answers),
                      part.identified_as or "", part.verified, verified_word(part),
                      "" if part.verified else not_verified_reason(part))
