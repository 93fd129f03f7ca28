""""Does the sequence converge to the minimiser?" on a positive definite H: whether GD
converges, which is numpy's spectral radius of I − αH below 1; its iterates match a numpy loop.
On a singular H (no unique minimiser) it is refused, naming the phrase."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_ASKS = ("Write down θ_1 and θ_2. Does the sequence (θ_k) converge to the minimiser?",
         "compute θ_2, and does GD converge to θ^*?",
         "Give θ_1 and θ_2; does the iteration converge to the optimum?")


@pytest.mark.parametrize("ask", _ASKS)
@settings(max_examples=5, deadline=None)
@given(eigs=st.lists(st.integers(1, 30), min_size=2, max_size=3),
       step=st.sampled_from(["0.05", "0.1", "0.2"]))
def test_converging_to_the_minimiser_is_a_spectral_radius_below_one(ask, eigs, step):
    start = ", ".join("1" for _ in eigs)
    text = (f"Let f(θ) = ½ θᵀHθ with H = diag({', '.join(map(str, eigs))}) and gradient descent "
            f"with η = {step} from θ_0 = ({start}).\n(a) What is the condition number?\n(b) {ask}")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False,
                                                                run_witnesses=False))
    answers = solution.to_dict()["parts"][-1]["answers"]
    got = next(a for a in answers if a["quantity"] == "converges")
    H = np.diag(np.array(eigs, dtype=float))
    radius = max(abs(np.linalg.eigvals(np.eye(len(eigs)) - float(step) * H)))
    assert (got["expr"] == "True") == (radius < 1)
    theta = np.ones(len(eigs))
    iterates = []
    for _ in range(2):
        theta = theta - float(step) * H @ theta
        iterates.append(theta)
    for a in answers:
        if a["quantity"] == "theta-t":
            t = int(a["name"].split("_")[-1])
            assert np.allclose(np.array(a["value"], dtype=float).ravel(), iterates[t - 1])


@pytest.mark.parametrize("H", ["diag(0, 4)", "[[1, 1], [1, 1]]", "diag(2, 0, 5)"])
def test_a_singular_curvature_has_no_one_minimiser_to_converge_to(H):
    reading = read_report(f"Let f(θ) = ½ θᵀHθ with H = {H}, gradient descent with η = 0.1.\n"
                          "(a) What is the largest stable step?\n(b) Does the sequence converge "
                          "to the minimiser?")
    assert not reading.complete
    assert any("presumes one minimiser" in u for u in reading.unread()), reading.unread()
