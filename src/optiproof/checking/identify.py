"""Optimizer names: the identification a part gives, and the ones it should not add.

Only statements that identify the update count: a cell of an "Optimizer" column, or a clause
that says what the update is ("this is", "recovers", "corresponds to", "Optimizer:") or that
two optimizers are the same ("equivalently", "coincide", "also", "/"). Names in comparisons,
negations, history, questions and closing offers are not identifications.

- over-reach: an identification that also names optimizers beyond the verified one, unless the
  catalogue relates them without a condition (SGD takes gradient descent's step; Muon is the
  constraint form of the orthogonalised step) or the clause states the relation's condition
  ("Adam with β1 = β2 = 0 and ε = 0 is sign descent");
- false-claim: an identification naming only optimizers the verified one is not;
- unanswered: the part asks for the optimizer and no clause names the verified one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from optiproof.checking.concepts import plain
from optiproof.checking.findings import Finding, PartGrade
from optiproof.checking.statements import stance, units_of
from optiproof.checking.segment import EXCLUDED

_IDENTIFIES = re.compile(
    r"\b(?:this is|that'?s|that is|it is|which is|is exactly|is just|is simply|recovers?|"
    r"corresponds? to|reduces? to|is equivalent to|equivalently|the same (?:as|update|step|"
    r"algorithm|method|limit|point|solution|minimi[sz]er)|coincides?|known as|called|amounts? to|optimi[sz]er\s*:|"
    r"which optimi[sz]er|is the\b[^.;]{0,40}\b(?:update|step|method|algorithm)|i\.e\.)", re.I)
_EQUIVALENT = re.compile(r"\b(?:equivalently|equivalent to|the same as|same (?:update|step|"
                         r"algorithm|method|settings?|limit|point|solution|minimi[sz]er)|coincide|also|as well as|or|which is|"
                         r"is exactly|exactly|that is|namely)\b|\bi\.e\.|\ba\.k\.a\.|/",
                         re.I)
_COLUMN = re.compile(r"optimi[sz]er|method|algorithm|identified", re.I)
_WITHOUT = re.compile(r"\b(?:without|with no|no|minus|sans|drop(?:ping|s)?|free of)\s+"
                      r"(?:any\s+|the\s+|its\s+)?$", re.I)
"""Before a name: the update lacks that ingredient ("Muon, here without momentum"); the name
does not identify it."""
_ACCEPTING = frozenset({"same-update", "reduces-to", "constrained-form"})


@dataclass(frozen=True)
class NameMention:
    """An optimizer named in an identifying clause of a part."""

    key: str
    name: str
    line: int
    clause: str
    equivalence: bool
    """The clause states that several optimizers are the same update."""
    before_marker: bool
    """Named before the clause's first equivalence marker (the clause's own identification)."""


def _assignments(text: str) -> set[tuple[str, float]]:
    """``β1 = β2 = 0, ε = 0`` -> {("β1", 0), ("β2", 0), ("ε", 0)} (symbols in plain words)."""
    out = set()
    for chain in re.finditer(r"((?:[a-zα-ωε]_?\d?\s*=\s*)+)(-?\d+(?:\.\d+)?)", text):
        value = float(chain.group(2))
        for sym in re.findall(r"([a-zα-ωε]_?\d?)\s*=", chain.group(1)):
            out.add((sym.replace("_", ""), value))
    return out


def accepted(ident: str) -> set[str]:
    """Keys an identification as ``ident`` also accepts without a condition."""
    from optiproof.catalogue import relations_of

    out = {ident}
    for entry, rel in relations_of(ident):
        if rel.kind in _ACCEPTING:
            out.add(rel.other if entry.key == ident else entry.key)
    return out


def condition_stated(key: str, ident: str, clause: str) -> bool:
    """Does ``clause`` state the condition under which ``key`` and ``ident`` coincide?"""
    from optiproof.catalogue import relations_of

    for entry, rel in relations_of(ident):
        if {entry.key, rel.other} != {key, ident}:
            continue
        needed = _assignments(plain(rel.condition))
        if needed and needed <= _assignments(clause):
            return True
    return False


def _clauses(text: str) -> list[tuple[int, str]]:
    """Clauses of a statement (split at ``;`` and sentence ends, not after "i.e." or "e.g."),
    with their offsets."""
    out, start = [], 0
    for m in re.finditer(r";|(?<=[.!?])(?<!i\.e\.)(?<!e\.g\.)\s", text):
        out.append((start, text[start:m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return out


def mentions_of(doc: Any, lay: Any, label: str) -> list[NameMention]:
    """Named optimizers in the identifying clauses of part ``label``."""
    from optiproof.catalogue import OPTIMIZERS

    out: list[NameMention] = []
    for unit in units_of(doc, lay):
        if unit.part != label or unit.role in EXCLUDED:
            continue
        column = unit.kind == "cell" and (bool(_COLUMN.search(unit.column))
                                          or unit.role == "summary")
        for offset, clause in _clauses(unit.text):
            words = plain(clause)
            found = [m for m in OPTIMIZERS.mentions(words) if m.entry.named]
            if not found:
                continue
            equivalence = len({m.entry.key for m in found}) > 1 and bool(_EQUIVALENT.search(words))
            opens = found[0].start <= 2 and unit.role != "preamble"
            if not (column or equivalence or opens or _IDENTIFIES.search(words)):
                continue
            marker = _EQUIVALENT.search(words) if equivalence else None
            for m in found:
                if stance(words, m.start, m.end) or _WITHOUT.search(words[:m.start]):
                    continue
                out.append(NameMention(m.entry.key, m.phrase, unit.line, words, equivalence,
                                       marker is None or m.start < marker.start()))
    return out


def named_anywhere(doc: Any, lay: Any, label: str) -> list[NameMention]:
    """Every named optimizer in part ``label`` that is stated (not negated, hypothetical,
    compared or asked about), identifying clause or not."""
    from optiproof.catalogue import OPTIMIZERS

    out = []
    for unit in units_of(doc, lay):
        if unit.part != label or unit.role in EXCLUDED:
            continue
        words = plain(unit.text)
        for m in OPTIMIZERS.mentions(words):
            if m.entry.named and not stance(words, m.start, m.end) and not _WITHOUT.search(
                    words[:m.start]):
                out.append(NameMention(m.entry.key, m.phrase, unit.line, words, False, True))
    return out


def _first(mentions: list[NameMention]) -> list[NameMention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.key not in seen:
            seen.add(m.key)
            out.append(m)
    return out


def identification_findings(solution: Any, doc: Any, lay: Any, claims: Any,
                            grades: dict[str, PartGrade]) -> None:
    """Over-reach, wrong identifications and a missing one, part by part."""
    from optiproof.catalogue import OPTIMIZERS

    for part in solution.parts:
        grade = grades[part.label]
        entry = OPTIMIZERS.get(part.identified_as or "")
        subjects = {a.subject for a in part.answers if a.subject}
        ok = accepted(entry.key) if entry is not None else set()
        mentions = mentions_of(doc, lay, part.label)
        fine = ok | subjects | set().union(*(accepted(s) for s in subjects))
        extra = [m for m in mentions if m.key not in fine
                 and not any(condition_stated(m.key, k, m.clause) for k in fine)]
        # named as the same as the part's own method across the clause's marker ("the same
        # limit as GD and Adam", "GD and Adam reach the same point as SGD"); two names before
        # it are not equated by it ("makes Adam behave like SGD with step αc/ε")
        anchored = [m for m in extra if m.equivalence and any(
            o.line == m.line and o.clause == m.clause and o.key in fine
            and (not m.before_marker or not o.before_marker) for o in mentions)]
        for m in _first(anchored):
            grade.add(Finding(
                "over-reach", part.label, m.line,
                f"also names '{m.name}' as the same update, which the verified derivation does "
                "not support (a related optimizer needs the exact condition under which it "
                "coincides)", excerpt=m.clause))
        named_right = entry is not None and (any(m.key in ok for m in mentions) or any(
            m.key in ok for m in named_anywhere(doc, lay, part.label)))
        wrong = [m for m in extra if m not in anchored and m.before_marker]
        if entry is not None and not named_right and wrong:
            for m in _first(wrong):
                grade.add(Finding("false-claim", part.label, m.line,
                                  f"identifies the update as '{m.name}', which the verified "
                                  f"derivation contradicts ({part.identified_as})",
                                  excerpt=m.clause))
        asks = "identification" in part.asked
        if entry is not None and asks and not named_right and not wrong \
                and part.label in lay.opened + ([part.label] if len(solution.parts) == 1 else []):
            grade.add(Finding("unanswered", part.label, None,
                              "the optimizer this update recovers is not named",
                              "identification"))
