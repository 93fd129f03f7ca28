"""A PDF copy's norm bars printed as 'k' around an iterate whose subscript is also k ('kθk k ≤
10−3 kθ0k') or around a point written as a pair ('k(xk , yk )k'): the bound's factor is the
error tolerance, and the iteration count agrees with numpy's spectral radius of I − αH. An
iterate 'θk+1 = θk' right after a Greek letter is never a norm. A setting led by an adverb
("Still with that step size, …") is no item asked."""

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

_GARBLED = ("Let H = diag({lo}, {hi}) and f(θ) = 1/2 θ>Hθ. Gradient descent θk+1 = θk − α∇f (θk) "
            "with α = 1/{hi}.\n1. What is the condition number κ of H?\n2. Then ")
_BEFORE = ("Gradient descent on f(θ) = ½ θᵀHθ with H = diag({lo}, {hi}).\n(a) Take α = 1/{hi}. "
           "What is the convergence rate?\n(b) ")
_TEXTS = (
    _GARBLED + "how many iterations are needed to guarantee kθk k ≤ 10−{p} kθ0k?",
    _GARBLED + "find the number of iterations that guarantees k(xk , yk )k ≤ 10−{p} k(x0 , y0 )k.",
    _GARBLED + "how many steps make sure that kwk k ≤ 10−{p} kw0k ?",
    # "Still with that step size, what is the smallest k …": the step of the part before
    _BEFORE + "Still with that step size, what is the smallest k such that ‖θ_k‖ ≤ 10^-{p} ‖θ_0‖ "
              "for every θ_0?",
    _BEFORE + "Again with that step, the smallest k with ‖θ_k‖ ≤ 10^-{p} ‖θ_0‖ for all θ_0?",
    _BEFORE + "Now, with the same step size, what is the smallest k such that ‖θ_k‖ ≤ 10^-{p} "
              "‖θ_0‖ is guaranteed?",
)


@pytest.mark.parametrize("form", _TEXTS)
@settings(max_examples=4, deadline=None)
@given(lo=st.integers(1, 4), hi=st.integers(5, 40), p=st.integers(2, 8))
def test_the_bound_is_the_tolerance_of_the_count(form, lo, hi, p):
    """The iteration count read and solved equals the smallest k with ρ^k ≤ 10^-p, ρ numpy's
    spectral radius of I − H/L."""
    reading = read_report(form.format(lo=lo, hi=hi, p=p))
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False,
                                                                run_witnesses=False))
    got = {a["quantity"]: a["value"] for a in solution.to_dict()["parts"][-1]["answers"]}
    rho = max(abs(np.linalg.eigvals(np.eye(2) - np.diag([lo, hi]) / hi)))
    assert got["iterations"] == math.ceil(p * math.log(10) / -math.log(rho) - 1e-9)


@pytest.mark.parametrize("raw", [
    "heavy-ball method θk+1 = θk − η∇f (θk) + β(θk − θk−1), where kdk is a norm",
    "iterate βk+1 = βk − γ gk for a norm kgk of the gradient",
])
def test_an_iterate_after_a_greek_letter_is_not_a_norm(raw):
    flat = normalize(raw).text
    assert "‖+1" not in flat and "‖ −" not in flat
    assert "‖d‖" in flat or "‖g‖" in flat
