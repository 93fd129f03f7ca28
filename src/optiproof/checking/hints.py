"""A hint per part that is not correct, written from the verified derivation's steps.

The hint names the step where the answer goes wrong and, when the family offers one, asks the
question that step answers; it never states the verified final value unless ``reveal`` is set
(checked by :func:`leaks`, which falls back to the step's title alone if its text would give
the value away).
"""

from __future__ import annotations

import re
from typing import Any

from optiproof.checking.compare import floats
from optiproof.checking.expect import Expectation
from optiproof.checking.findings import PartGrade
from optiproof.checking.formula import symbol_key


def _borrowed(grade: PartGrade, others: list[Any]) -> Any:
    """Another part whose verified answer this part's wrong answer states (the method of one
    part taken for the method of another), if there is one."""
    from optiproof.checking.compare import matches
    from optiproof.checking.expect import expectations

    quantity = {e.name: e.quantity for e in grade.expected}
    wrong = [(quantity.get(f.answer), grade.graded[f.answer]) for f in grade.findings
             if f.kind == "wrong-answer" and f.answer in grade.graded]
    for other in others:
        for e in expectations(other):
            if any(q == e.quantity and matches(st.value, st.piece.text, e) for q, st in wrong):
                return other
    return None


def failing_step(part: Any, grade: PartGrade, others: list[Any] = ()) -> Any:
    """The derivation step where the answer a finding is about is worked out. When the wrong
    answer is another part's verified answer, the first step where the two derivations part
    ways; else the first step whose equations write that answer's symbol -- unless that is the
    last step, which only assembles what the steps before it found -- else the step before
    the last."""
    steps = list(part.steps)
    if not steps:
        return None
    other = _borrowed(grade, list(others))
    if other is not None:
        shared = {s.title for s in other.steps}
        own = [s for s in steps if s.title not in shared]
        if own:
            return own[0]
    names = [f.answer for f in grade.findings if f.answer]
    symbols = {s for e in grade.expected if e.name in names for s in e.symbols}
    for step in steps[:-1]:
        written = {symbol_key(side) for eq in step.equations for side in
                   re.split(r"\s*(?:=|\\approx|\\le|\\ge)\s*", eq.latex)[:1]}
        if symbols & written:
            return step
    return steps[max(len(steps) - 2, 0)]


def _first_sentence(text: str) -> str:
    m = re.match(r"(.+?[.!?])(\s|$)", text.strip(), re.S)
    return (m.group(1) if m else text).strip()


_ADVICE = {
    "inconsistency": "Your answer states two different values for the same quantity: decide "
                     "which one the derivation supports and make the body and the summary agree.",
    "over-reach": "Name the one optimizer the derivation recovers; mention a related one only together with the exact "
                  "condition under which it coincides with this update, and give one answer "
                  "rather than a set of candidates.",
    "false-claim": "A general statement in this part is contradicted by the verified results: "
                   "check it against each method's own answer before claiming it.",
    "unanswered": "Part of the question is not answered: state each requested quantity "
                  "explicitly.",
}


def hint_for(part: Any, grade: PartGrade, verdict: str, reveal: bool,
             others: list[Any] = ()) -> str:
    """One or two sentences pointing at the failing step (the answer only with ``reveal``);
    ``others`` are the problem's other parts."""
    from optiproof.checking.hooks import checker_of

    if verdict in ("correct", "unverifiable"):
        return ""
    kinds = {f.kind for f in grade.findings}
    pieces: list[str] = []
    step = failing_step(part, grade, others)
    if kinds & {"wrong-answer", "inconsistency", "false-claim"} and step is not None:
        pieces.append(f"Revisit the step \u201c{step.title}\u201d: {_first_sentence(step.text)}")
        hook = checker_of(part)
        if hook is not None and hasattr(hook, "hint_question"):
            pieces.append(f"Ask yourself: {hook.hint_question(part)}")
    pieces += [_ADVICE[k] for k in ("inconsistency", "false-claim", "over-reach") if k in kinds]
    if "unrenderable-formula" in kinds:
        lines = sorted({f.line for f in grade.findings if f.kind == "unrenderable-formula"
                        and f.line})
        pieces.append("Fix the LaTeX on line " + ", ".join(map(str, lines))
                      + " so that it renders (balanced braces, commands KaTeX knows).")
    if "unanswered" in kinds:
        pieces.append(_ADVICE["unanswered"])
    hint = " ".join(pieces)
    if reveal:
        shown = "; ".join(f"{e.name} = ${e.latex}$" for e in grade.expected if e.kind != "none")
        if part.identified_as:
            shown += f"; identified as: {part.identified_as}"
        return (hint + " Verified answer: " + shown).strip()
    if leaks(hint, grade.expected):
        title = step.title if step is not None else "the derivation"
        hint = f"Revisit the step \u201c{title}\u201d and redo it carefully."
    return hint


def value_forms(exp: Expectation) -> list[str]:
    """The ways a final value could be written: LaTeX, entries' LaTeX, decimals."""
    import sympy

    from optiproof.core.exact import to_latex

    if exp.value is None:
        return []
    forms: list[str] = []
    if exp.kind in ("vector", "matrix", "number"):
        items = list(exp.value) if isinstance(exp.value, sympy.MatrixBase) else [exp.value]
        for v in items:
            f = (floats(v) or [0.0])[0]
            if abs(f) < 1e-12 or float(f).is_integer() and abs(f) < 10:
                continue
            forms.append(to_latex(v))
            forms += [f"{f:.{d}f}".rstrip("0").rstrip(".") for d in (2, 3, 4)]
    else:
        forms += [exp.latex, str(exp.value)]
    return [f for f in forms if len(f) >= 3]


def leaks(text: str, expected: list[Expectation]) -> bool:
    """True if ``text`` contains any written form of a verified final value."""
    return any(form in text for exp in expected for form in value_forms(exp))
