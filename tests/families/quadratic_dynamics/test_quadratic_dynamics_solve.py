"""Exact answers, rendering and bad input of the quadratic-dynamics family."""

from __future__ import annotations

import pytest
import sympy as sp

from optiproof.core.errors import BadInput
from optiproof.families.problem import make_problem
from optiproof.core.solution import Solution
from optiproof.families.quadratic_dynamics.solve import solve
from optiproof.families.quadratic_dynamics.spec import Spec
from optiproof.rendering.latexcheck import validate_latex
from optiproof.rendering.mathsegments import solution_formulas

mu, L = sp.symbols("mu L", positive=True)


def _answers(**kw):
    return {a.name: a.expr for a in solve(Spec(**kw), figures=False).answers}


def test_gd_diag_1_10_exact():
    got = _answers(eigenvalues=[1, 10], asks=["max-step", "optimal-step", "optimal-rate",
                                              "condition-number"])
    assert got == {"max stable step": sp.Rational(1, 5), "optimal step": sp.Rational(2, 11),
                   "optimal rate": sp.Rational(9, 11), "condition number": 10}


def test_heavy_ball_optimal_rate_sqrt_kappa():
    got = _answers(H=[[1, 0], [0, 10]], method="heavy-ball", asks=["optimal-step",
                                                                   "optimal-rate"])
    k = sp.sqrt(10)
    assert sp.simplify(got["optimal rate"] - (k - 1) / (k + 1)) == 0
    assert sp.simplify(got["optimal momentum"] - ((k - 1) / (k + 1)) ** 2) == 0
    assert sp.simplify(got["optimal step"] - 4 / (1 + k) ** 2) == 0


def test_symbolic_gd_and_momentum():
    gd = _answers(eigenvalues=["mu", "L"], alpha="1/L", epsilon=1e-6,
                  asks=["max-step", "optimal-step", "optimal-rate", "rate", "iterations"])
    assert sp.simplify(gd["max stable step"] - 2 / L) == 0
    assert sp.simplify(gd["optimal step"] - 2 / (mu + L)) == 0
    assert sp.simplify(gd["optimal rate"] - (L - mu) / (L + mu)) == 0
    assert sp.simplify(gd["rate"] - (1 - mu / L)) == 0
    hb = _answers(eigenvalues=["mu", "L"], method="heavy-ball", asks=["optimal-rate",
                                                                      "max-step"])
    assert sp.simplify(hb["optimal rate"] - (sp.sqrt(L) - sp.sqrt(mu)) /
                       (sp.sqrt(L) + sp.sqrt(mu))) == 0
    beta = sp.Symbol("beta")
    assert sp.simplify(hb["max stable step"] - 2 * (1 + beta) / L) == 0
    ne = solve(Spec(eigenvalues=["mu", "L"], method="nesterov", asks=["optimal-step"]),
               figures=False)
    assert all(r == 0 for r in ne.facts.design_residuals)


def test_rate_iterations_regime_numeric():
    got = _answers(eigenvalues=[1, 10], alpha=0.15, epsilon="1e-6",
                   asks=["rate", "iterations", "regime"])
    assert got["rate"] == sp.Rational(17, 20)
    assert got["iterations"] == 86  # ceil(log 1e-6 / log 0.85) = ceil(85.01)
    part = solve(Spec(eigenvalues=[1, 10], alpha=0.25, asks=["regime"]), figures=False)
    assert part.answers[0].expr == sp.Rational(3, 2)
    assert part.identified_as.startswith("diverges, oscillating")


def test_zero_curvature_and_pytorch():
    got = _answers(H=[[1, 1], [1, 1]], asks=["zero-curvature", "max-step"])
    assert got["zero-curvature directions"] == 1 and got["max stable step"] == 1
    got = _answers(eigenvalues=[1, 10], method="heavy-ball", alpha=0.1, beta=0.9,
                   dampening=0.9, asks=["pytorch"])
    assert got["heavy-ball step"] == sp.Rational(1, 100)
    assert got["torch effective step"] == sp.Rational(1, 10)


SPECS = [
    dict(eigenvalues=[1, 10], alpha=0.15, epsilon=1e-6, asks=[
        "max-step", "optimal-step", "optimal-rate", "condition-number", "rate", "iterations",
        "regime", "iteration-matrix", "zero-curvature"]),
    dict(eigenvalues=["mu", "L"], method="heavy-ball", epsilon=1e-3, asks=[
        "optimal-step", "optimal-rate", "max-step", "iteration-matrix", "iterations",
        "effective-step"]),
    dict(eigenvalues=["mu", "L"], method="nesterov", asks=["optimal-step", "optimal-rate",
                                                           "max-step", "iteration-matrix"]),
    dict(H=[[2, 1], [1, 2]], method="heavy-ball", alpha=0.3, beta=0.5, dampening=0.5,
         asks=["rate", "regime", "pytorch", "effective-step", "zero-curvature"]),
    dict(H=[[3, 1, 0], [1, 3, 1], [0, 1, 3]], method="nesterov", alpha=0.2, beta=0.3,
         epsilon=1e-4, asks=["rate", "iterations", "optimal-step"]),
]


@pytest.mark.parametrize("data", SPECS, ids=[str(i) for i in range(len(SPECS))])
def test_every_formula_renders(data):
    part = solve(Spec(**data), figures=False)
    formulas = solution_formulas(Solution("t", [part]))
    assert len(formulas) > 10
    for latex, display in formulas:
        validate_latex(latex, display)


def _part(**kw):
    return {"title": "t", "parts": [{"label": "a", "family": "quadratic-dynamics", **kw}]}


BAD = [
    ("non-symmetric", dict(H=[[1, 2], [0, 1]], asks=["max-step"]), "H is not symmetric"),
    ("indefinite", dict(H=[[1, 2], [2, 1]], asks=["max-step"]), "indefinite"),
    ("negative eigenvalue", dict(eigenvalues=[-1, 2], asks=["max-step"]), "indefinite"),
    ("alpha <= 0", dict(eigenvalues=[1, 2], alpha=0, asks=["rate"]), "alpha must be > 0"),
    ("beta = 1", dict(eigenvalues=[1, 2], method="heavy-ball", alpha=0.1, beta=1,
                      asks=["rate"]), "beta = 1 is outside [0, 1)"),
    ("beta < 0", dict(eigenvalues=[1, 2], method="nesterov", beta=-0.1, asks=["max-step"]),
     "beta"),
    ("too large", dict(eigenvalues=[1] * 4097, asks=["max-step"]), "limit of 4096"),
    ("H too large", dict(H=[[1] * 4097], asks=["max-step"]), "4096"),
    ("both", dict(H=[[1]], eigenvalues=[1], asks=["max-step"]), "exactly one"),
    ("no curvature", dict(asks=["max-step"]), "exactly one"),
    ("rate without alpha", dict(eigenvalues=[1, 2], asks=["rate"]), "needs the step size"),
    ("iterations without eps", dict(eigenvalues=[1, 2], asks=["iterations"]), "epsilon"),
    ("b outside range", dict(H=[[1, 0], [0, 0]], b=[1, 1], asks=["max-step"]),
     "unbounded below"),
    ("zero H", dict(eigenvalues=[0, 0], asks=["max-step"]), "no curvature"),
    ("unknown method", dict(eigenvalues=[1, 2], method="adam", asks=["max-step"]),
     "unknown method"),
    ("epsilon", dict(eigenvalues=[1, 2], epsilon=2, asks=["iterations"]), "epsilon"),
]


@pytest.mark.parametrize("name,part,needle", BAD, ids=[b[0] for b in BAD])
def test_bad_input_names_the_field(name, part, needle):
    with pytest.raises(BadInput) as err:
        make_problem(_part(**part))
    assert err.value.exit_code == 2
    assert needle in str(err.value), str(err.value)
