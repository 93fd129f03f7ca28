"""Checking: an answer document + a verified solution -> a verdict per part, findings, hints.

The pipeline, one small step each::

    answer bytes -> decode_answer (BadInput: empty, binary, not UTF-8, over the size limit)
                 -> htmltext   (an HTML page as text, formulas as their TeX)
                 -> document   (lines, formulas, tables)
                 -> segment    (the part and role of every line; summary rows to their parts)
                 -> claims     (chains ``subject rel value``, tiered, with why one would not count)
                 -> associate  (each claim to the verified answer it states)
                 -> findings   (final claims compared; identifications; general statements;
                                formulas KaTeX rejects; the family's own checks)
                 -> hints and report (terminal, Markdown, HTML, JSON)

The solution must be solved with its witnesses: a part that is NOT VERIFIED is graded
``unverifiable``, never ``correct``. Solve once, check many (``check_answer(solution, text)``).
"""

from __future__ import annotations

from typing import Any

from optiproof.checking.report import CheckReport

__all__ = ["check_answer", "grade_answer", "Graded", "decode_answer", "CheckReport", "MAX_ANSWER_BYTES"]

MAX_ANSWER_BYTES = 10_000_000
"""Answer files at or above this size are refused (exit 2)."""
MAX_CHECK_CHARS = 400_000
"""Longest decoded answer text the checker reads."""
_EXPECTED = "a Markdown/LaTeX/plain-text answer document"


def decode_answer(raw: bytes, source: str = "ANSWER") -> str:
    """Answer bytes -> text, refusing empty, binary, non-UTF-8 and oversized input."""
    from optiproof.core.errors import BadInput

    if len(raw) >= MAX_ANSWER_BYTES:
        raise BadInput(f"{source} is {len(raw) // 1_000_000} MB; answers are checked up to "
                       f"{MAX_ANSWER_BYTES // 1_000_000} MB", field="ANSWER", expected=_EXPECTED)
    if not raw.strip():
        raise BadInput(f"{source} is empty", field="ANSWER", expected=_EXPECTED)
    if b"\x00" in raw[:65536]:
        raise BadInput(f"{source} is a binary file", field="ANSWER", expected=_EXPECTED)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput(f"{source} is not UTF-8 text", field="ANSWER",
                       expected=_EXPECTED) from None
    controls = sum(1 for c in text[:65536] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 65536):
        raise BadInput(f"{source} looks binary (control characters)", field="ANSWER",
                       expected=_EXPECTED)
    if len(text) > MAX_CHECK_CHARS:
        raise BadInput(f"{source} has {len(text) // 1000} k characters; the checker reads "
                       f"answers of at most {MAX_CHECK_CHARS // 1000} k", field="ANSWER",
                       expected="one answer document")
    return text


class Graded:
    """An answer document graded against a solution's answers before its witnesses have
    returned (``grade_answer``): the grading reads only the answers, never the checks, so it
    can run while the witnesses do. The verdicts are made by ``check_answer`` from the
    witnessed solution; the grading is used only for the same text and the same answers."""

    def __init__(self, text: str, answers: tuple, read: str, graded: Any):
        self.text, self.answers, self.read, self.graded = text, answers, read, graded


def _answers(solution: Any) -> tuple:
    """What a grading depends on in a solution: each part's label, question and answers."""
    return tuple((p.label, p.question, tuple(a.latex for a in p.answers))
                 for p in solution.parts)


def grade_answer(solution: Any, text: str) -> Graded:
    """Grade ``text`` against the answers of ``solution`` (witnessed or not yet)."""
    from optiproof.checking.grade import grade_document
    from optiproof.checking.htmltext import html_to_text, looks_like_html

    read = html_to_text(text) if looks_like_html(text) else text
    return Graded(text, _answers(solution), read, grade_document(solution, read))


def check_answer(solution: Any, text: str, *, reveal: bool = False, source: str = "",
                 strict_problem: bool = True, graded: Graded | None = None) -> CheckReport:
    """Grade an answer document against a solved (and witnessed) Solution.

    ``graded``, the same text graded by ``grade_answer`` while the witnesses ran, is used when
    it was made from the same text and the same answers (else the text is graded again); the
    verdicts always come from the witnessed ``solution``.

    Raises :class:`BadInput` when nothing in the answer belongs to this problem (no part
    label and no statement of any verified answer), if ``strict_problem``.
    """
    from optiproof.checking.report import part_reports
    from optiproof.core.errors import BadInput

    if graded is None or graded.text != text or graded.answers != _answers(solution):
        graded = grade_answer(solution, text)
    document = graded.graded
    verified = {p.label: p.verified for p in solution.parts}
    for label, grade in document.grades.items():
        grade.verified = verified[label]
    if strict_problem and not document.fits:
        raise BadInput("the answer does not match this problem: none of its statements fits "
                       f"a part of '{solution.title}'", field="ANSWER",
                       expected="an answer to the given problem")
    return CheckReport(solution.title, part_reports(solution, document, reveal), reveal=reveal,
                       source=source, document=graded.read)
