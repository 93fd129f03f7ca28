"""A ratio whose first operand says in which norm it is measured ("the ratio of the Euclidean
lengths ‖u*‖₂ of the step in (b) to the step in (a)", "the ratio of the ℓ1 norm of the update from
(a) to the update from (b)"): both steps are measured in that norm and their quotient answered,
verified; operands naming two different norms are refused, naming them."""

from __future__ import annotations

import cvxpy as cp
import numpy as np
import pytest
import sympy as sp

from reading_helpers import refused, solved_verified

_TEXT = ("The gradient at the current point is g = ({g}). With a norm ‖·‖ and β = 4 the step "
         "is u* = argmin_u gᵀu + (β/2)‖u‖².\n\n"
         "(a) Use the ℓ2 norm and give u*.\n\n"
         "(b) Use the ℓ∞ norm and give u*.\n\n"
         "(c) {ask}\n")


def _step(g: list[float], order: float) -> np.ndarray:
    u = cp.Variable(len(g))
    cp.Problem(cp.Minimize(np.array(g, float) @ u + 2 * cp.square(cp.norm(u, order)))).solve(
        solver=cp.CLARABEL)
    return u.value


@pytest.mark.parametrize("g", [[2, -1, 5], [1, 3]])
@pytest.mark.parametrize("ask, top, bottom, measure", [
    ("Find the ratio of the Euclidean lengths ‖u*‖_2 of the step in (b) to the step in (a).",
     np.inf, 2, 2),
    ("What is the ratio of the l1 norm of the update from (a) to the update from (b)?",
     2, np.inf, 1),
    ("Give the ratio of the max-norm size of the step in (b) and the step in (a).", np.inf, 2,
     np.inf),
])
def test_ratio_measured_in_the_norm_its_operand_names(g, ask, top, bottom, measure):
    data = solved_verified(_TEXT.format(g=", ".join(map(str, g)), ask=ask))
    (part,) = [p for p in data["parts"] if p["label"] == "c"]
    (ratio,) = [a for a in part["answers"] if a["quantity"] == "ratio"]
    want = np.linalg.norm(_step(g, top), measure) / np.linalg.norm(_step(g, bottom), measure)
    assert float(sp.sympify(ratio["expr"])) == pytest.approx(want, rel=1e-5)


def test_operands_measured_in_two_norms_are_refused():
    refused(_TEXT.format(g="2, -1, 5", ask="Find the ratio of the Euclidean length of the step "
                                           "in (b) to the l1 length of the step in (a)."),
            "several norms")
