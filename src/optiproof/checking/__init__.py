"""Checking: an answer document + a verified solution -> verdicts per part, findings, hints.

The pipeline, one small step each::

    answer bytes -> decode_answer (BadInput: empty, binary, not UTF-8, over the size limit)
                 -> extract       (sections, formulas, tables -> located claims and names)
                 -> findings      (claims vs the verified answers, identifications, general
                                   claims, formulas KaTeX rejects)
                 -> verdicts      (correct / incorrect / incomplete / unverifiable) and hints
                 -> report        (terminal, Markdown, HTML, JSON)

The solution must be solved with its witnesses: a part that is NOT VERIFIED is graded
``unverifiable``, never ``correct``. Solve once, check many (``check_answer(solution, text)``).
"""

from __future__ import annotations

from typing import Any

from optiproof.checking.report import CheckReport

__all__ = ["check_answer", "decode_answer", "CheckReport", "MAX_ANSWER_BYTES"]

MAX_ANSWER_BYTES = 10_000_000
"""Answer files at or above this size are refused (exit 2)."""
MAX_CHECK_CHARS = 400_000
"""Longest decoded answer text the extractor reads."""


def decode_answer(raw: bytes, source: str = "ANSWER") -> str:
    """Answer bytes -> text, refusing empty, binary, non-UTF-8 and oversized input."""
    from optiproof.core.errors import BadInput

    if len(raw) >= MAX_ANSWER_BYTES:
        raise BadInput(f"{source} is {len(raw) // 1_000_000} MB; answers are checked up to "
                       f"{MAX_ANSWER_BYTES // 1_000_000} MB", field="ANSWER",
                       expected="a Markdown/LaTeX/plain-text answer document")
    if not raw.strip():
        raise BadInput(f"{source} is empty", field="ANSWER",
                       expected="a Markdown/LaTeX/plain-text answer document")
    if b"\x00" in raw[:65536]:
        raise BadInput(f"{source} is a binary file", field="ANSWER",
                       expected="a Markdown/LaTeX/plain-text answer document")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput(f"{source} is not UTF-8 text", field="ANSWER",
                       expected="a Markdown/LaTeX/plain-text answer document") from None
    controls = sum(1 for c in text[:65536] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 65536):
        raise BadInput(f"{source} looks binary (control characters)", field="ANSWER",
                       expected="a Markdown/LaTeX/plain-text answer document")
    if len(text) > MAX_CHECK_CHARS:
        raise BadInput(f"{source} has {len(text) // 1000} k characters; the checker reads "
                       f"answers of at most {MAX_CHECK_CHARS // 1000} k", field="ANSWER",
                       expected="one answer document")
    return text


def check_answer(solution: Any, text: str, *, reveal: bool = False, source: str = "",
                 strict_problem: bool = True) -> CheckReport:
    """Grade an answer document against a solved (and witnessed) Solution.

    Raises :class:`BadInput` when nothing in the answer belongs to this problem (no part
    heading and no value that fits any part), if ``strict_problem``.
    """
    from optiproof.checking.extract import extract
    from optiproof.checking.findings import (
        PartGrade,
        check_general_claims,
        check_identification,
        check_rendering,
        expected_answers,
        grade_answers,
        vocabulary,
    )
    from optiproof.checking.hints import hint_for
    from optiproof.checking.report import PartReport, verdict_of
    from optiproof.core.errors import BadInput

    vocab = vocabulary(solution)
    ex = extract(text, vocab)
    grades: dict[str, PartGrade] = {}
    fitted = False
    for part in solution.parts:
        grade = PartGrade(part.label, part.verified, expected_answers(part))
        grades[part.label] = grade
        claims = [c for c in ex.claims if c.part == part.label]
        fitted |= grade_answers(part.label, grade.expected, claims, grade)
        spec_asks = _asks_optimizer(part)
        present = part.label in ex.sections
        check_identification(part, ex, grade, spec_asks, present)
        if any(m.part == part.label and m.canonical == part.identified_as for m in ex.names):
            fitted = True
        if any(u[2] == part.label for u in ex.unparsed) and any(
                f.kind == "unanswered" and f.answer for f in grade.findings):
            grade.unparsed = True
    headed = bool(ex.sections) and vocab.single_part is None
    if strict_problem and not fitted and not (headed and not ex.claims):
        raise BadInput("the answer does not match this problem: none of its "
                       f"{len(ex.claims)} values or names fits any part of "
                       f"'{solution.title}'", field="ANSWER",
                       expected="an answer to the given problem")
    check_general_claims(solution, ex, grades)
    check_rendering(ex, grades, solution.parts[0].label)
    reports = []
    for part in solution.parts:
        grade = grades[part.label]
        findings = sorted(grade.findings, key=lambda f: (f.line or 10**9, f.kind))
        if not part.verified:
            findings = [f for f in findings if f.kind == "unrenderable-formula"]
        verdict = verdict_of(part.verified, findings, grade.unparsed)
        claimed = [f"{e.name}: {' '.join(grade.chosen[e.name].text.split())[:120]}"
                   for e in grade.expected if e.name in grade.chosen]
        if part.family == "steepest-descent":
            names = sorted({m.name for m in ex.names if m.part == part.label})
            if names:
                claimed.append("optimizer: " + ", ".join(names))
        expected = [f"{e.name}: {e.latex}" for e in grade.expected if e.kind != "none"]
        if part.identified_as:
            expected.append(f"identified as: {part.identified_as}")
        grade.findings = findings
        reports.append(PartReport(part.label, verdict, claimed, expected, findings,
                                  hint_for(part, grade, verdict, reveal)))
    return CheckReport(solution.title, reports, reveal=reveal, source=source, document=text)


def _asks_optimizer(part: Any) -> bool:
    q = (part.question or "").lower()
    return any(w in q for w in ("optimizer", "optimiser", "recover", "correspond"))
