"""A summary row labelled with a tuple of answer symbols and given a tuple of as many values
(``| tuned (α, β) | (0.23, 0.27) |``) states each symbol's answer in turn: a wrong entry is
graded against that answer (here: contradicting the body's momentum)."""

from __future__ import annotations

import pytest
from conftest import assert_outcome, graded_part

QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"
_BODY = ("(d) Tuning heavy ball gives α ≈ 0.2309 and β ≈ 0.2699, with rate √β ≈ 0.5195.\n\n"
         "| Quantity | Value |\n|---|---|\n")


@pytest.mark.parametrize("row, wrong", [
    ("| Tuned $(\\alpha, \\beta)$ | $(0.2309,\\, 0.5195)$ |", ["optimal momentum"]),
    ("| momentum pair (β, α) | (0.2699, 0.2309) |", []),
    ("| Tuned $(\\alpha, \\beta)$ | $(0.2309, 0.2699)$ |", []),
])
def test_a_tuple_row_states_each_symbol_in_turn(solved, row, wrong):
    part = graded_part(solved, QD, _BODY + row + "\n", "d")
    assert sorted({f.answer for f in part.findings}) == wrong, part.findings
    assert part.verdict == ("incorrect" if wrong else "correct")


def test_a_wrong_tuple_entry_alone_is_a_wrong_answer(solved):
    text = ("(d) | Quantity | Value |\n|---|---|\n"
            "| heavy ball $(\\alpha^*, \\beta^*)$ | $(0.2309, 0.6)$ |\n"
            "| rate | 0.5195 |\n")
    assert_outcome(graded_part(solved, QD, text, "d"), "wrong-answer")
