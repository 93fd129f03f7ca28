"""Two yes/no and set questions asked in the setting's own words.

"is lr = 0.15 stable?", "Is a step size of 0.3 still convergent?": whether gradient descent with
that step converges, checked against the stability bound 2/λ_max computed here.

"for which values of lam is d = 0 the minimizer?" with the penalty written lam·‖d‖ asks the set
of weights where the zero step wins, {lam ≥ ‖g‖_*}: the threshold on the weight itself,
compared with numpy's dual norm. The same set asked on a letter that is not the weight stays
refused naming it.

An aside after a request with the asker's own doubtful result ("(I got something with a nonzero
second coordinate even though g_2 = 0, which is why I'm confused)") is their claim, set aside."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _answers(text: str) -> list[dict]:
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    assert all(p["verified"] for p in data["parts"])
    return [a for p in data["parts"] for a in p["answers"]]


@pytest.mark.parametrize("ask", ["- is lr = {lr} stable?", "(a) Is a step size of {lr} still convergent?",
                                 "1. is η = {lr} stable? explain."])
@pytest.mark.parametrize("lr, diag", [("0.15", (1, 10)), ("0.25", (1, 10)), ("0.9", (0.5, 2))])
def test_is_a_named_step_stable(ask, lr, diag):
    text = (f"We minimize f(w) = 0.5 * w^T A w where A = diag({diag[0]}, {diag[1]}). "
            f"Plain GD with lr = {lr}.\n\n" + ask.format(lr=lr) + "\n")
    (answer,) = [a for a in _answers(text) if a["quantity"] == "converges"]
    assert answer["value"] is (float(lr) < 2 / max(diag))


_SET = ("the gradient is g = {g}. minimize g^T d + lam * {norm} (plain norm, not squared). "
        "for which values of lam is d = 0 the minimizer? give the threshold")
_ORD = {"||d||_1": np.inf, "||d||_inf": 1, "||d||_2": 2}


@pytest.mark.parametrize("norm", list(_ORD))
@pytest.mark.parametrize("g", ["(3, 0)", "(1, -4, 2)"])
def test_the_set_of_weights_where_the_zero_step_wins(norm, g):
    (answer,) = [a for a in _answers(_SET.format(g=g, norm=norm)) if a["quantity"] == "threshold"]
    vec = np.array([float(x) for x in g.strip("()").split(",")])
    assert float(sp.sympify(answer["expr"])) == pytest.approx(np.linalg.norm(vec, _ORD[norm]))


def test_the_set_on_a_letter_that_is_not_the_weight_is_refused():
    reading = read_report("the gradient is g = (3, 0). minimize g^T d + (lam/2) * ||d||_2 (plain "
                          "norm, not squared). for which values of lam is d = 0 the minimizer?")
    assert not reading.complete
    assert any("lam" in line for line in reading.unread())


def test_an_aside_with_the_askers_doubt_is_set_aside():
    text = ("gradient g = (3, 0), the step is d* = argmin_d g^T d + (1/(2*eta)) * ||d||_2^2 with "
            "eta = 0.5\n\n1) what is d*? (I got something with a nonzero second coordinate even "
            "though g_2 = 0, which is why I'm confused)\n")
    (step,) = [a for a in _answers(text) if a["quantity"] == "update"]
    assert [row[0] if isinstance(row, list) else row for row in step["value"]] == [-1.5, 0.0]
    assert any("confused" in r for r in read_report(text).removed)
