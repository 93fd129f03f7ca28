"""A value and the same value rounded to fewer decimals, said to be approximate ("≈ 0.2",
"roughly 0.003"), are one claim: a body that rounds what its summary states more precisely (or
the other way round) is consistent, and the claim is graded at the precision of its more
precise writing. A coarser value written as if exact (a table's plain ``0.2`` beside a body's
``0.18``), or one no rounding reaches, is another claim."""

from __future__ import annotations

import pytest
from conftest import assert_outcome, graded_part

from optiproof.checking.compare import rounded_from

QUADRATIC = "src/optiproof/problems/texts/quadratic-dynamics.txt"


@pytest.mark.parametrize("coarse, text, precise, same", [
    ([0.003], "0.003", [0.0032], True),
    ([0.2], "0.2", [0.18], True),
    ([0.2], "≈ 0.2", [0.18], True),
    ([0.99, 0.1], "[0.99, 0.1]", [0.990, 0.099], True),
    ([0.0032], "0.0032", [0.003], False),  # more digits than the other is no rounding of it
    ([0.2], "0.2", [0.26], False),
    ([0.3], "0.3", [0.18], False),
    ([2.0], "2", [2.4], False),  # an integer is exact, not a rounding
    ([0.002], "2e-3", [0.0025], False),  # only plain decimals round
    ([0.2], "0.2 (from 3.16)", [0.18], False),  # one written number per entry
])
def test_a_coarse_value_is_a_rounding_of_a_precise_one(coarse, text, precise, same):
    assert rounded_from(coarse, text, precise) is same


def _answer(body: str, table: str) -> str:
    return (f"(b) Balancing the extreme curvatures gives the step α* = 2/(1 + 10) {body}; "
            "the contraction per step is then (10 − 1)/(10 + 1) = 9/11.\n\n"
            "## Summary\n\n| Part | Answer |\n|---|---|\n"
            f"| (b) | α* = {table}, rate 9/11 |\n")


@pytest.mark.parametrize("body, table, expected", [
    ("≈ 0.2", "0.18", "correct"),         # the body rounds the table's value
    ("= roughly 0.2", "0.18", "correct"),
    ("≈ 0.18", "about 0.2", "correct"),   # the table rounds the body's value
    ("≈ 0.18", "0.2", "inconsistency"),   # written as exact, 0.2 is another step
    ("≈ 0.3", "0.18", "inconsistency"),   # no rounding of 0.18 gives 0.3
    ("≈ 0.2", "0.26", "inconsistency"),
    ("≈ 0.2", "0.2", "wrong-answer"),     # 0.2 alone is too coarse for 2/11
])
def test_a_rounded_restatement_is_one_claim(solved, body, table, expected):
    assert_outcome(graded_part(solved, QUADRATIC, _answer(body, table), "b"), expected)
