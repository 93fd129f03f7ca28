"""The plain (non-squared) norm penalty asked in other words: where a non-zero minimiser first
appears (the threshold α* = 1/‖g‖_*), whether a minimiser exists at a given α, the minimum asked
alone ("what's the minimum then?"), α set by a verb ("bump α up to 0.2"), the same threshold
asked of each of several norms in turn (one sub-part per norm), and a guess of the asker's that
answers the request before it (a claim, not data). Values are checked against numpy's norms and
cvxpy; a part naming two norms without asking of each stays refused."""

from __future__ import annotations

import cvxpy as cp
import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.normalize import normalize

_G = st.lists(st.integers(-9, 9), min_size=2, max_size=4).filter(any)
_ORD = {"l1": 1, "l2": 2, "linf": np.inf}
_DUAL = {"l1": np.inf, "l2": 2, "linf": 1}
_FEW = settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _solved(text: str) -> list[dict]:
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False,
                                                                run_witnesses=False))
    return solution.to_dict()["parts"]


def _one(template: str, g: list[int], **values: str) -> dict:
    """The one part of the text ``template`` writes for the gradient ``g``, solved."""
    (part,) = _solved(template.format(g="(" + ", ".join(map(str, g)) + ")", **values))
    return part


def _answer(part: dict, quantity: str) -> dict:
    (got,) = [a for a in part["answers"] if a["quantity"] == quantity]
    return got


def _plain_minimum(g: list[int], alpha: float, norm: str) -> str:
    """cvxpy's status for min gᵀd + (1/α)‖d‖ (optimal or unbounded)."""
    d = cp.Variable(len(g))
    prob = cp.Problem(cp.Minimize(np.array(g, float) @ d + cp.norm(d, _ORD[norm]) / alpha))
    prob.solve(solver=cp.CLARABEL)
    return prob.status


@pytest.mark.parametrize("template", [
    "Take g = {g} and the objective gᵀd + (1/α)‖d‖_2 (plain norm, not squared). At what value "
    "of α does a non-zero minimiser first appear?",
    "gradient g = {g}; we minimise g^T d + (1/alpha)||d||_2 with the unsquared norm. from which "
    "α on does a nonzero minimizer exist?",
])
@_FEW
@given(g=_G)
def test_where_a_nonzero_minimiser_first_appears_is_the_threshold(template, g):
    part = _one(template, g)
    assert part["asked"] == ["threshold"]
    got = float(sp.sympify(_answer(part, "threshold")["expr"]))
    assert got == pytest.approx(1 / np.linalg.norm(np.array(g, float), 2), rel=1e-12)
    # just below the threshold the zero step is optimal, just above the problem is unbounded
    assert _plain_minimum(g, 0.9 * got, "l2") == cp.OPTIMAL
    assert _plain_minimum(g, 1.1 * got, "l2") == cp.UNBOUNDED


@pytest.mark.parametrize("template", [
    "Let g = {g}. Minimise gᵀd + (1/α)‖d‖_∞ (no square) and bump α up to {a}. Is there even a "
    "minimiser? What's the minimum then?",
    "g = {g}, objective g^T d + (1/alpha)||d||_inf, not squared. If we raise alpha to {a}, does "
    "the problem even have a minimizer? and what is the infimum?",
])
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(g=_G, a=st.sampled_from(["0.02", "0.05", "0.5", "2"]))
def test_existence_and_minimum_at_a_weight_set_by_a_verb(template, g, a):
    part = _one(template, g, a=a)
    assert part["asked"] == ["existence", "min-value"]
    status = _plain_minimum(g, float(a), "linf")
    assert _answer(part, "existence")["value"] is (status == cp.OPTIMAL)
    value = _answer(part, "min-value")
    if status == cp.OPTIMAL:
        assert float(sp.sympify(value["expr"])) == pytest.approx(0, abs=1e-12)
    else:
        assert value["status"] == "unbounded"


@pytest.mark.parametrize("raw, kept", [
    ("then crank α up to 0.25 and", "α = 0.25"),
    ("we lower η to 1e-3.", "η = 1e-3."),
    ("set β_1 to 0.8, then", "β_1 = 0.8,"),
    ("raise η to 2 times its value", "raise η to 2 times"),
    ("increase α to 10% of the bound", "increase α to 10%"),
    ("push α up to 3/2 of that", "push α up to 3/2"),
])
def test_a_value_set_by_a_verb_is_an_assignment_unless_relative(raw, kept):
    assert kept in normalize(raw).text


@pytest.mark.parametrize("template, norms", [
    ("Let g = {g} and minimise g^T d + (1/α)‖d‖ (plain penalty). Give the threshold on α if the "
     "penalty is the ℓ1 norm ‖d‖_1, and again if it uses ‖d‖_∞.", ["l1", "linf"]),
    ("g = {g}; objective gᵀd + (1/alpha)||d|| with the plain (unsquared) norm. what's the critical "
     "alpha when ||.|| is ||d||_inf, and separately for ||d||_2?", ["linf", "l2"]),
])
@_FEW
@given(g=_G)
def test_the_same_threshold_asked_of_each_norm_in_turn(template, norms, g):
    parts = _solved(template.format(g="(" + ", ".join(map(str, g)) + ")"))
    assert [p["label"] for p in parts] == ["main.1", "main.2"]
    for part, norm in zip(parts, norms):
        got = float(sp.sympify(_answer(part, "threshold")["expr"]))
        dual = np.linalg.norm(np.array(g, float), _DUAL[norm])
        assert got == pytest.approx(1 / dual, rel=1e-12)
        assert _plain_minimum(g, 0.9 * got, norm) == cp.OPTIMAL
        assert _plain_minimum(g, 1.1 * got, norm) == cp.UNBOUNDED


@pytest.mark.parametrize("text", [
    # two norms, neither asked of in turn: which one sets the step is not said
    "Let g = (1, -2). Minimise gᵀd + (1/α)‖d‖_1 + ‖d‖_∞ and give the threshold on α.",
    "Let g = (1, -2), objective gᵀd + (1/α)‖d‖. Compare the ℓ1 norm with the ℓ∞ norm: what is "
    "the threshold on α?",
    "Let g = (1, -2), objective gᵀd + (1/α)‖d‖. With the ℓ1 norm or with the ℓ∞ norm, what is "
    "the threshold on α?",
])
def test_two_norms_not_asked_in_turn_stay_refused(text):
    unread = read_report(text).unread()
    assert unread and any("several norms define the step" in line for line in unread)


def test_a_guess_after_the_request_is_a_claim_not_data():
    text = ("g = (2, -1, 2); objective g^T d + (1/α)‖d‖ with the plain norm. Same threshold "
            "question for ‖d‖_1 and also for ‖d‖_∞. my hunch is that they're both 1/‖g‖_2, "
            "probably wrong.")
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    assert any("my hunch is that they're both 1/‖g‖_2" in x for x in reading.to_dict()["ignored"])
    parts = _solved(text)
    got = [float(sp.sympify(_answer(p, "threshold")["expr"])) for p in parts]
    assert got == pytest.approx([1 / 2, 1 / 5])
