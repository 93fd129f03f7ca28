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

__all__ = ["check_answer", "decode_answer", "CheckReport", "MAX_ANSWER_BYTES"]

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


def check_answer(solution: Any, text: str, *, reveal: bool = False, source: str = "",
                 strict_problem: bool = True) -> CheckReport:
    """Grade an answer document against a solved (and witnessed) Solution.

    Raises :class:`BadInput` when nothing in the answer belongs to this problem (no part
    label and no statement of any verified answer), if ``strict_problem``.
    """
    from optiproof.checking.grade import grade_document
    from optiproof.checking.htmltext import html_to_text, looks_like_html
    from optiproof.checking.report import part_reports
    from optiproof.core.errors import BadInput

    if looks_like_html(text):
        text = html_to_text(text)
    graded = grade_document(solution, text)
    if strict_problem and not graded.fits:
        raise BadInput("the answer does not match this problem: none of its statements fits "
                       f"a part of '{solution.title}'", field="ANSWER",
                       expected="an answer to the given problem")
    return CheckReport(solution.title, part_reports(solution, graded, reveal), reveal=reveal,
                       source=source, document=text)
