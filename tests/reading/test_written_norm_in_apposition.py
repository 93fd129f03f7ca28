"""A written norm that restates the words just before it ("the distance travelled,
‖θ_∞ − θ_0‖_2") is the distance (or norm) those words ask, not a second, unplaced question."""

from __future__ import annotations

import math

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

SETUP = ("Least squares on X = [[1, 0, 1], [0, 1, 0]], y = (2, 1) with L(w) = 1/2 ||X w - y||^2; "
         "gradient descent with a small step starts from w_0 = (0, 0, 4).\n\n"
         "(a) Give the limit w_∞.\n\n")


@pytest.mark.parametrize("question", [
    "(b) How large is the distance moved, ‖w_∞ − w_0‖_2?",
    "(b) Report the Euclidean distance, i.e. ‖w_∞ − w_0‖_2.",
])
def test_distance_restated_by_its_norm(question: str) -> None:
    reading = read_report(SETUP + question)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    # the distance itself, or the same norm of w_∞ − w_0 evaluated at the limit
    got = [a for a in solution.parts[1].answers if a.quantity == "distance" or (
        a.quantity == "value-at" and "distance" in a.name)]
    # the limit is w_0 projected onto {Xw = y}: (-1, 1, 3), at distance sqrt(3) from w_0
    assert len(got) == 1 and math.isclose(float(got[0].value), math.sqrt(3))


def test_distance_words_and_another_norm_stay_refused() -> None:
    reading = read_report(SETUP + "(b) Give the distance travelled, and ‖w_∞‖_2.")
    assert not reading.complete
