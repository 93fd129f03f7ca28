"""A scheme named on a line of its own ending with a colon (``all-to-all:``, in lower case as
a student types it) heads the indented lines under it: their values are that scheme's, so a
terse answer is graded instead of being refused as not answering the problem; and a message
equated with its value (``each message = one chunk = p/n``) states the size of each message."""

from __future__ import annotations

from conftest import finding_kinds

from optiproof.checking import check_answer

DT = "src/optiproof/problems/texts/distributed-training.txt"


def _answer(a2a_size: str = "p", ring_size: str = "p/n") -> str:
    return ("all-to-all:\n"
            "  every worker -> every other worker => n(n-1) messages, size " + a2a_size + "\n\n"
            "parameter server:\n"
            "  2n messages: n pushes, n pulls\n"
            "  size: p\n\n"
            "ring all-reduce:\n"
            "  2n(n-1) messages\n"
            "  each message = one chunk = " + ring_size + "\n")


def test_values_under_lower_case_scheme_lines_are_that_schemes(solved):
    report = check_answer(solved(DT), _answer())
    part = report.parts[0]
    assert part.verdict == "correct", part.findings


def test_a_wrong_value_under_a_scheme_line_is_caught(solved):
    report = check_answer(solved(DT), _answer(a2a_size="p/n"))
    part = report.parts[0]
    assert finding_kinds(part) == ["wrong-answer"], part.findings
    assert "all-to-all" in part.findings[0].message


def test_a_size_left_open_under_a_scheme_line_is_unanswered(solved):
    text = _answer().replace("  size: p\n", "  size: ?\n")
    part = check_answer(solved(DT), text).parts[0]
    assert finding_kinds(part) == ["unanswered"], part.findings
    assert "parameter server" in part.findings[0].message
