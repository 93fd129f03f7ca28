"""The tolerance of an iteration count: a distance with its norm written out ('the distance
‖w_k − w*‖ is guaranteed to be at most 1e-4 times the initial distance') is read; a bound on the
function-value gap ('f(w_k) − f* ≤ 10^-6 (f(w_0) − f*)', 'the suboptimality below 1e-6') is
refused naming it, since the count for the gap differs from the distance's."""

from __future__ import annotations

import math

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def test_a_distance_with_its_norm_written_sets_the_tolerance():
    text = ("Notes\n\nGradient descent with step α = 0.1 on f(w) = ½wᵀHw, H = diag(1, 10).\n"
            "(a) How many iterations until the distance ‖w_k − w*‖ is guaranteed to be at most "
            "1e-4 times the initial distance?")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    part = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()["parts"][0]
    got = next(a["value"] for a in part["answers"] if a["quantity"] == "iterations")
    # rate max(|1 − 0.1|, |1 − 1|) = 0.9: the smallest k with 0.9^k ≤ 1e-4
    assert got == math.ceil(math.log(1e-4) / math.log(0.9))


@pytest.mark.parametrize("criterion", [
    "f(w_k) − f* ≤ 10^-6 (f(w_0) − f*)",
    "the suboptimality is below 1e-6 of its initial value",
])
def test_a_function_value_gap_is_refused(criterion):
    text = ("Notes\n\nGradient descent with step α = 0.1 on f(w) = ½wᵀHw, H = diag(1, 10).\n"
            f"(a) How many iterations k guarantee {criterion}?")
    reading = read_report(text)
    assert not reading.complete
    assert any("function-value gap" in line for line in reading.unread())
