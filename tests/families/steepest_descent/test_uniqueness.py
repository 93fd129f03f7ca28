"""'Is the minimiser unique?' for steepest descent: the solver's yes/no from the shape of its
answer set, and the witness's independent verdict from the spread of the optimal face that a
convex solver finds (a point, or a segment / polytope / ray). A wrong claim must fail."""

from __future__ import annotations

import dataclasses

import pytest
import sympy as sp

from optiproof.core.options import SolveOptions
from optiproof.families.steepest_descent import witness as W
from optiproof.families.steepest_descent.solve import solve
from optiproof.families.steepest_descent.spec import SteepestDescentSpec
from optiproof.core.errors import BadInput

CASES = [
    # form, norm, gradient, weight, unique? (None: no minimiser)
    ("constraint", "l1", [4, -1, 1], 0.1, True),
    ("constraint", "l1", [4, -4, 1], 0.1, False),       # tie for the largest |g_i|
    ("constraint", "linf", [2, 0, -1], 0.1, False),     # a zero entry is free
    ("constraint", "l2", [1, 0, 0], 2, True),
    ("penalty-squared", "linf", [0.5, -1, 2], 0.01, True),
    ("penalty-squared", "l1", [2, -2], 3, False),
    ("penalty-squared", "l2", [1, 1, 1], 1e-4, True),   # small weight: still a point
    ("penalty", "l2", [0.6, 0.8], 0.5, True),            # alpha ||g|| < 1: only 0
    ("penalty", "l2", [0.6, 0.8], 1, False),             # alpha ||g|| = 1: a ray of minimisers
    ("penalty", "l1", [1, 2], 1, None),                  # unbounded below
    ("constraint", "nuclear", [[1, 0], [0, 1]], 1, False),
    ("constraint", "spectral", [[2, 1], [1, 2]], 1, True),
]


def _spec(form, norm, g, w, asks=("update", "uniqueness")):
    weight = {"eta": w} if form == "constraint" else {"alpha": w}
    return SteepestDescentSpec(label="a", form=form, norm=norm, gradient=g, asks=list(asks),
                               **weight)


def _asks_check(spec, solution):
    thunk = dict(W.witnesses(spec, solution, SolveOptions(figures=False)))[W.ASKS_METHOD]
    return thunk()


@pytest.mark.parametrize("form, norm, g, w, unique", CASES)
def test_uniqueness_answer_and_witness(form, norm, g, w, unique):
    spec = _spec(form, norm, g, w)
    solution = solve(spec)
    answer = next(a for a in solution.answers if a.quantity == "uniqueness")
    assert answer.value == unique
    check = _asks_check(spec, solution)
    assert check.status == "passed", check.detail


@pytest.mark.parametrize("form, norm, g, w, unique", [c for c in CASES if c[4] is not None])
def test_wrong_uniqueness_claim_fails(form, norm, g, w, unique):
    spec = _spec(form, norm, g, w)
    solution = solve(spec)
    for i, (ask, answer) in enumerate(solution.facts.asked):
        if answer.quantity == "uniqueness":
            wrong = dataclasses.replace(answer, expr=sp.false if unique else sp.true)
            solution.facts.asked[i] = (ask, wrong)
    check = _asks_check(spec, solution)
    assert check.status == "failed", check.detail


def test_uniqueness_of_a_symbolic_gradient_is_refused():
    spec = SteepestDescentSpec(label="a", form="constraint", norm="l1", gradient="g",
                               asks=["uniqueness"])
    with pytest.raises(BadInput, match="numbers only"):
        solve(spec)


@pytest.mark.parametrize("g, index", [([1, 2, -2, 4], 4), ([-7, 2, 3], 1)])
def test_moving_coordinate_of_the_l1_step(g, index):
    spec = _spec("constraint", "l1", g, 1, asks=("update", "which-coordinate"))
    solution = solve(spec)
    answer = next(a for a in solution.answers if a.quantity == "which-coordinate")
    assert answer.value == index
    assert _asks_check(spec, solution).status == "passed"
    for i, (ask, a) in enumerate(solution.facts.asked):
        solution.facts.asked[i] = (ask, dataclasses.replace(a, expr=sp.Integer(index % len(g) + 1)))
    assert _asks_check(spec, solution).status == "failed"


@pytest.mark.parametrize("norm, g", [("l1", [3, -3, 1]), ("linf", [1, 2, 3])])
def test_moving_coordinate_is_refused_unless_one_coordinate_moves(norm, g):
    with pytest.raises(BadInput):
        solve(_spec("constraint", norm, g, 1, asks=("which-coordinate",)))


@pytest.mark.parametrize("form, norm, G, rank", [
    ("penalty-squared", "nuclear", [[-0.4, 1.6, 4], [2.8, 3.8, 2]], 1),
    ("constraint", "spectral", [[2, 1], [1, 2]], 2),
    ("constraint", "frobenius", [[1, 2], [2, 4]], 1),
])
def test_rank_of_the_matrix_step(form, norm, G, rank):
    spec = _spec(form, norm, G, 0.5, asks=("update", "rank"))
    solution = solve(spec)
    answer = next(a for a in solution.answers if a.quantity == "rank")
    assert answer.value == rank
    assert _asks_check(spec, solution).status == "passed"
    for i, (ask, a) in enumerate(solution.facts.asked):
        solution.facts.asked[i] = (ask, dataclasses.replace(a, expr=sp.Integer(3 - rank)))
    assert _asks_check(spec, solution).status == "failed"
