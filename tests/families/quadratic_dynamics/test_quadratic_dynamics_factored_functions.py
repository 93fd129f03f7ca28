"""Quadratics written with a factor before a parenthesised sum in a Greek or Latin vector's
entries ("f(θ) = ½(θ₁² + 4θ₂²)", "f(w) = 1/3 (w_1^2 + 6 w_2^2)", "f(x, y) = 2(x² + 3y²)"):
the Hessian is read by differentiation, and the rates answered agree with numpy's spectral
radius of I − αH. A function's value at an iterate ("and f(θ₁)") is asked, never dropped."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_FORMS = [
    "Let f(θ) = {c}(θ₁² + {a} θ₂²) on ℝ². Gradient descent with step α = {alpha}. What is the "
    "convergence rate?",
    "Minimise $f(\\theta) = {c}(\\theta_1^2 + {a}\\theta_2^2)$ by GD with $\\eta = {alpha}$. "
    "Give the convergence rate.",
    "f(w) = {c} (w_1^2 + {a} w_2^2), plain gradient descent, lr = {alpha}. whats the convergence "
    "rate?",
    "Take f(x, y) = {c}(x^2 + {a}y^2) and run gradient descent with step size {alpha}. Find the "
    "convergence rate.",
]
_FACTORS = {"½": Fraction(1, 2), "1/2": Fraction(1, 2), "1/4": Fraction(1, 4), "2": Fraction(2),
            "0.5": Fraction(1, 2), "3": Fraction(3)}


def _hessian_eigs(reading) -> list[Fraction]:
    part = reading.parts[0]
    H = part.value("H")
    if H is not None:
        return sorted(Fraction(str(H[i][i])) for i in range(len(H)))
    return sorted(Fraction(str(v)) for v in part.value("eigenvalues"))


@pytest.mark.parametrize("form", _FORMS)
@settings(max_examples=5, deadline=None)
@given(c=st.sampled_from(sorted(_FACTORS)), a=st.integers(2, 30),
       alpha=st.sampled_from(["0.01", "0.05", "0.1"]))
def test_a_factor_before_a_sum_scales_the_hessian(form, c, a, alpha):
    text = form.format(c=c, a=a, alpha=alpha)
    if "\\theta" in text:
        text = text.replace("{c}(".format(c=c), c.replace("½", "\\frac{1}{2}") + "(")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    scale = _FACTORS[c]
    assert _hessian_eigs(reading) == sorted([2 * scale, 2 * scale * a])
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False,
                                                                run_witnesses=False))
    rate = next(x for x in solution.to_dict()["parts"][0]["answers"] if x["quantity"] == "rate")
    H = np.diag([2 * float(scale), 2 * float(scale) * a])
    want = max(abs(np.linalg.eigvals(np.eye(2) - float(alpha) * H)))
    assert rate["value"] == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize("text, value", [
    ("On the quadratic f(θ) = ½(θ₁² + 10θ₂²), gradient descent with η = 0.1 from θ₀ = (1, 1).\n"
     "(a) What is the condition number?\n(b) Compute θ₁ and f(θ₁).", 0.405),
    ("f(w) = 1/2 (w_1^2 + 4 w_2^2); GD, step 0.1, w_0 = (1, 2).\n1) condition number?\n"
     "2) Find w_2 and the loss f(w_2).", 1.36485),
    ("Quadratic $f(\\theta) = \\theta_1^2 + 3\\theta_2^2$, GD with $\\alpha = 0.1$ from "
     "$\\theta_0 = (1, 1)$.\n(a) Give the largest stable step.\n(b) Give $\\theta_2$ and "
     "the value $f(\\theta_2)$.", 0.4864),
])
def test_a_function_value_at_an_iterate_is_never_dropped(text, value):
    """f at the asked iterate is answered (of the factored function as written), never left out
    while the iterate alone is answered."""
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    last = solution.to_dict()["parts"][-1]
    assert last["verified"]
    got = [a["value"] for a in last["answers"] if a["quantity"] == "value-t"]
    assert got == [pytest.approx(value, rel=1e-12)]


def test_greek_arguments_name_their_own_entries():
    """f(β) = … in β₁, β₂: the entries of β, not other symbols; a stray symbol is not read."""
    reading = read_report("f(β) = 3β₁² + β₂² on ℝ². What is the condition number?")
    assert reading.complete, reading.unread()
    assert _hessian_eigs(reading) == [2, 6]
    refused = read_report("f(θ) = ½(θ₁² + 10 w₂²) on ℝ². What is the condition number?")
    assert not refused.complete
