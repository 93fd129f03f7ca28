""""How many coordinates of the parameter vector are changed by this step?": the number of
non-zero entries of the step, exact from the step and checked against the support of numpy's
steepest direction — one under the ℓ1 ball, every coordinate under the max-norm, the non-zero
gradient entries under the Euclidean norm; refused for a tie, where the step is not one point."""

from __future__ import annotations

import pytest
from optiproof.core.errors import BadInput
from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

from reading_helpers import solved_verified


def _text(g: str, norm: str, ask: str) -> str:
    return (f"The gradient at the current weights is g = ({g}). With radius eta = 0.2 take "
            f"u* = argmin_u g^T u subject to {norm} <= eta.\n(a) Find u* and {ask}\n")


@pytest.mark.parametrize("g, norm, count", [
    ("1, -7, 2, 0.5", "||u||_1", 1),
    ("1, -7, 2, 0.5", "||u||_inf", 4),
    ("3, 0, -4", "||u||_2", 2),
])
@pytest.mark.parametrize("ask", [
    "say how many coordinates of the parameter vector are changed by this step.",
    "how many entries does the step move?",
])
def test_count_of_changed_coordinates(g, norm, count, ask):
    (part,) = solved_verified(_text(g, norm, ask))["parts"]
    got = [a for a in part["answers"] if a["quantity"] == "coordinates-moved"]
    assert len(got) == 1 and got[0]["value"] == count
    assert any("coordinates changed" in c["detail"] and c["passed"] for c in part["checks"])


def test_a_tie_in_the_l1_ball_is_refused():
    reading = read_report(_text("3, -3, 1", "||u||_1", "how many coordinates are changed?"))
    assert reading.complete, reading.unread()
    with pytest.raises(BadInput, match="coordinates"):
        solve_problem(reading.to_problem(), SolveOptions(figures=False))
