"""A PDF copy's norm bars printed as 'k' around an iterate whose subscript is also k ('kθk k ≤
10−3 kθ0k') or around a point written as a pair ('k(xk , yk )k'): the bound's factor is the
error tolerance, and the iteration count agrees with numpy's spectral radius of I − αH. An
iterate 'θk+1 = θk' right after a Greek letter is never a norm."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.normalize import normalize

_BOUNDS = ("how many iterations are needed to guarantee kθk k ≤ 10−{p} kθ0k?",
           "find the number of iterations that guarantees k(xk , yk )k ≤ 10−{p} k(x0 , y0 )k.",
           "how many steps make sure that kwk k ≤ 10−{p} kw0k ?")


@pytest.mark.parametrize("bound", _BOUNDS)
@settings(max_examples=4, deadline=None)
@given(lo=st.integers(1, 4), hi=st.integers(5, 40), p=st.integers(2, 8))
def test_a_garbled_norm_bound_is_the_tolerance(bound, lo, hi, p):
    text = (f"Let H = diag({lo}, {hi}) and f(θ) = 1/2 θ>Hθ. Gradient descent θk+1 = θk − α∇f (θk)"
            f" with α = 1/{hi}.\n1. What is the condition number κ of H?\n"
            f"2. Then {bound.format(p=p)}")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False,
                                                                run_witnesses=False))
    got = {a["quantity"]: a["value"] for a in solution.to_dict()["parts"][-1]["answers"]}
    rho = max(abs(np.linalg.eigvals(np.eye(2) - np.diag([lo, hi]) / hi)))
    want = math.ceil(p * math.log(10) / -math.log(rho) - 1e-9)
    assert got["iterations"] == want


@pytest.mark.parametrize("raw", [
    "heavy-ball method θk+1 = θk − η∇f (θk) + β(θk − θk−1), where kdk is a norm",
    "iterate βk+1 = βk − γ gk for a norm kgk of the gradient",
])
def test_an_iterate_after_a_greek_letter_is_not_a_norm(raw):
    flat = normalize(raw).text
    assert "‖+1" not in flat and "‖ −" not in flat
    assert "‖d‖" in flat or "‖g‖" in flat
