"""Reading: problem text as users paste it -> a typed, multi-part Problem, or an honest refusal.

The pipeline, one small step each::

    text -> decode_input   (BadInput: empty, binary, undecodable, over 200 kB)
         -> normalize      (Unicode/ASCII/LaTeX/Markdown/PDF garble -> one canonical form)
         -> split_parts    (title, shared context, parts (a), (b), ...)
         -> family choice  (each registered reader scores the part and the whole text)
         -> read_part      (the family's reader: spec fields + the phrase each came from)
         -> Reading        (describe(), to_spec_yaml(), to_problem())

``read_problem`` never guesses: if anything needed is missing, ambiguous or contradictory it
raises :class:`ReadingIncomplete` (a ``NotRecognised``, exit 3) listing what was and was not
read, with the partial reading attached for ``--write-spec``; data that reads but fails the
family's validation raises :class:`ReadingInvalid` (a ``BadInput``, exit 2).
"""

from __future__ import annotations

from typing import Any

from optiproof.reading.report import (
    Missing,
    PartReading,
    Reading,
    ReadingIncomplete,
    ReadingInvalid,
    describe,
)

__all__ = ["read_problem", "read_report", "describe", "Reading", "PartReading",
           "ReadingIncomplete", "ReadingInvalid"]

MAX_READ_CHARS = 40_000
"""Largest normalised problem text the family readers take (bounds reading time; a real
multi-part problem is a few kB). Raw input is bounded separately by LIMITS.max_text_bytes."""

_UNSUPPORTED = {
    r"\bregret\b": "regret bounds",
    r"\bprove\b|\bshow that\b": "proofs",
    r"\bnewton'?s method|\bquasi-newton|\bbfgs\b": "second-order methods",
    r"\bbatch[- ]?norm|\bdropout\b|\battention\b|\bbackprop": "network architecture / training "
                                                               "tricks",
}


def read_problem(text: str | bytes) -> Any:
    """Problem text -> a validated Problem (raises ReadingIncomplete / ReadingInvalid /
    BadInput; never returns a guess)."""
    return read_report(text).to_problem()


def read_report(text: str | bytes) -> Reading:
    """Problem text -> a :class:`Reading` (what was read, with sources, and what was not).

    Raises :class:`optiproof.core.errors.BadInput` only for input that is not a problem text at
    all (empty, binary, too large, an array over the entry limit)."""
    from optiproof.reading.normalize import decode_input, flatten, normalize
    from optiproof.reading.parts import sentence_title, split_parts
    from optiproof.reading.registry import MIN_SCORE, readers, rx

    raw = decode_input(text)
    norm = normalize(raw)
    if len(norm.text) > MAX_READ_CHARS:
        from optiproof.core.errors import BadInput

        raise BadInput(f"the problem is {len(norm.text) // 1000} kB of text after clean-up; the "
                       f"reader takes one problem of at most {MAX_READ_CHARS // 1000} kB at a "
                       "time", field="PROBLEM", expected="one problem per text (split a long "
                                                         "sheet into its problems)")
    layout = split_parts(norm.text)
    whole = flatten(norm.text)
    registry = readers()
    whole_scores = {name: rd.score(whole) for name, rd in registry.items()}
    reading = Reading(title=layout.title or sentence_title(norm.text),
                      title_source=layout.title_line or "", parts=[], removed=norm.removed)
    if layout.title is None:
        reading.notes.append("no title line found; the title is made from the first sentence")
    previous: list[PartReading] = []
    for part in layout.parts:
        own_scores = {name: rd.score(part.flat) for name, rd in registry.items()}
        ranked = sorted(registry, key=lambda n: -(2 * own_scores[n].points
                                                  + whole_scores[n].points))
        best = ranked[0]
        total = 2 * own_scores[best].points + whole_scores[best].points
        runner = ranked[1] if len(ranked) > 1 else None
        question = _question(part)
        if max(own_scores[best].points, whole_scores[best].points) < MIN_SCORE:
            pr = PartReading(part.label, None, question=question)
            topic = next((v for k, v in _UNSUPPORTED.items() if rx(k).search(whole)), None)
            pr.family_source = ("not recognised as any supported problem family ("
                                + ", ".join(sorted(registry)) + ")"
                                + (f"; it looks like {topic}, which optiproof does not cover"
                                   if topic else "; no cue words of any family were found"))
            reading.parts.append(pr)
            continue
        if runner is not None and total == 2 * own_scores[runner].points + \
                whole_scores[runner].points:
            pr = PartReading(part.label, None, question=question)
            pr.family_source = (f"ambiguous between {best} and {runner} (equal evidence); "
                                "split the problem or give a spec")
            reading.parts.append(pr)
            continue
        cues = own_scores[best].cues or whole_scores[best].cues
        for pr in registry[best].read_part(part, previous):
            pr.question = question
            pr.family_source = ", ".join(dict.fromkeys(cues[:4]))
            reading.parts.append(pr)
            previous.append(pr)
    topic = next((v for k, v in _UNSUPPORTED.items() if rx(k).search(whole)), None)
    if topic and not reading.complete:
        reading.missing.insert(0, Missing("topic", f"the text looks like {topic}, which "
                                                   "optiproof does not cover"))
    return reading


def _question(part: Any) -> str:
    from optiproof.reading.registry import question_sentences

    if part.label == "main":
        return question_sentences(part.flat, 1500)
    q = part.flat
    return q if len(q) <= 1500 else q[:1497] + "..."

