"""A hint per part that is not correct, written from the verified derivation's steps.

The hint names the step where the answer goes wrong and asks the question that step answers; it
never states the verified final value unless ``reveal`` is set (checked by :func:`leaks`, which
falls back to the step's title alone if its text would give the value away).
"""

from __future__ import annotations

import re
from typing import Any

from optiproof.checking.compare import Expected, numbers
from optiproof.checking.findings import PartGrade

_QUESTIONS = {
    "implicit-bias": "which subspace can the iterates never leave, and where does it meet the "
                     "solution set?",
    "steepest-descent": "which direction and which length does the objective reward?",
    "communication": "count who sends what to whom in one round, then count the rounds.",
}
_STEP_CUES = {
    "implicit-bias": r"sign|confin|rescal|precondition|scaling",
    "steepest-descent": r"direction|set the gradient",
    "communication": r"",
}
_SIZE_CUES = r"size|solve for"


def failing_step(part: Any, grade: PartGrade) -> Any:
    """The derivation step a wrong answer most likely skipped or got wrong."""
    steps = [s for s in part.steps if not re.search(r"^the limit$|optimal value|check the given",
                                                    s.title, re.I)]
    if not steps:
        return None
    if part.family == "communication":
        wrong = [f.answer for f in grade.findings if f.answer]
        for name in wrong:
            scheme = name.split(":")[0].strip().lower()
            for s in steps:
                if scheme.split()[0] in s.title.lower():
                    return s
    if part.family == "steepest-descent" and _only_length_wrong(grade):
        for s in steps:
            if re.search(_SIZE_CUES, s.title, re.I):
                return s
    cue = _STEP_CUES.get(part.family, "")
    special = [s for s in steps if cue and re.search(cue, s.title, re.I)]
    return special[0] if special else steps[min(1, len(steps) - 1)]


def _only_length_wrong(grade: PartGrade) -> bool:
    """A numeric update pointing the right way with the wrong length."""
    import numpy as np

    for exp in grade.expected:
        claim = grade.chosen.get(exp.name)
        if claim is None or exp.kind not in ("vector", "matrix"):
            continue
        got, want = numbers(claim.value), numbers(exp.expr)
        if got is None or want is None or len(got) != len(want):
            continue
        a, b = np.array(got), np.array(want)
        na, nb = np.linalg.norm(a), np.linalg.norm(b)
        if na > 0 and nb > 0 and abs(a @ b / (na * nb) - 1) < 1e-6 and abs(na - nb) > 1e-6 * nb:
            return True
    return False


def _first_sentence(text: str) -> str:
    m = re.match(r"(.+?[.!?])(\s|$)", text.strip(), re.S)
    return (m.group(1) if m else text).strip()


def hint_for(part: Any, grade: PartGrade, verdict: str, reveal: bool) -> str:
    """One or two sentences pointing at the failing step (the answer only with ``reveal``)."""
    if verdict in ("correct", "unverifiable"):
        return ""
    kinds = {f.kind for f in grade.findings}
    pieces: list[str] = []
    math_kinds = {"wrong-answer", "inconsistency", "false-claim"}
    if kinds & math_kinds:
        step = failing_step(part, grade)
        if step is not None:
            pieces.append(f"Revisit the step \u201c{step.title}\u201d: "
                          f"{_first_sentence(step.text)}")
        question = _QUESTIONS.get(part.family)
        if question:
            pieces.append(f"Ask yourself: {question}")
    if "inconsistency" in kinds:
        pieces.append("Your answer states two different values for the same quantity: decide "
                      "which one the derivation supports and make the body and the summary "
                      "agree.")
    if "false-claim" in kinds and part.family == "implicit-bias":
        pieces.append("Different preconditioners change the update direction, so the limits can "
                      "differ: check each method's own geometry before claiming they coincide.")
    if "over-reach" in kinds:
        pieces.append("Name one optimizer; mention a related one only together with the exact "
                      "condition under which it coincides with this update.")
    if "unrenderable-formula" in kinds:
        lines = sorted({f.line for f in grade.findings if f.kind == "unrenderable-formula"
                        and f.line})
        pieces.append("Fix the LaTeX on line " + ", ".join(map(str, lines))
                      + " so that it renders (balanced braces, commands KaTeX knows).")
    if "unanswered" in kinds:
        pieces.append("Part of the question is not answered: state each requested quantity "
                      "explicitly.")
    hint = " ".join(pieces)
    if reveal:
        shown = "; ".join(f"{e.name} = ${e.latex}$" for e in grade.expected if e.kind != "none")
        if part.identified_as and part.family == "steepest-descent":
            shown += f"; optimizer: {part.identified_as}"
        return (hint + " Verified answer: " + shown).strip()
    if leaks(hint, grade.expected):
        step = failing_step(part, grade)
        title = step.title if step is not None else "the derivation"
        hint = f"Revisit the step \u201c{title}\u201d and redo it carefully."
    return hint


def value_forms(exp: Expected) -> list[str]:
    """The ways a final value could be written: LaTeX, entries' LaTeX, decimals."""
    import sympy

    from optiproof.core.exact import to_latex

    forms: list[str] = []
    if exp.expr is None:
        return forms
    if exp.kind in ("vector", "matrix", "number"):
        items = list(exp.expr) if isinstance(exp.expr, sympy.MatrixBase) else [exp.expr]
        for v in items:
            f = float(sympy.N(v))
            if abs(f) < 1e-12 or float(f).is_integer() and abs(f) < 10:
                continue  # 0, 1, 2 are everywhere in prose
            forms.append(to_latex(v))
            for digits in (2, 3, 4):
                forms.append(f"{f:.{digits}f}".rstrip("0").rstrip("."))
    else:
        forms.append(exp.latex)
        forms.append(str(exp.expr))
    return [f for f in forms if len(f) >= 3]


def leaks(text: str, expected: list[Expected]) -> bool:
    """True if ``text`` contains any written form of a verified final value."""
    return any(form in text for exp in expected for form in value_forms(exp))
