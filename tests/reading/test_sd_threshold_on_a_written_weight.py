"""The threshold of a plain-norm penalty written with a multiplying weight (gᵀd + μ‖d‖) is asked
on that weight: μ* = ‖g‖_* (d = 0 minimises for μ ≥ μ*, the objective is unbounded below for
μ < μ*). So it is read when the weight is also given a value elsewhere in the part ("… What is
the minimiser for μ = 5?"), when a later part only says "give the threshold" of a text that never
writes α, and when the question asks where the objective is bounded below."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from reading_helpers import asked_in, solved_verified


def _parts(text: str) -> dict:
    return {p["label"]: {a["quantity"]: a for a in p["answers"]}
            for p in solved_verified(text)["parts"]}


@pytest.mark.parametrize("g", [[3, -4, 1], [1, 2, 2, -1]])
def test_threshold_on_the_weight_beside_its_value(g):
    text = (f"Let g = ({', '.join(map(str, g))}) be a gradient.\n\n"
            "(a) Consider min_u g^T u + mu*||u||_1. For what values of mu is u* = 0 the "
            "minimiser? What is the minimiser for mu = 50?\n\n"
            "(b) Same as (a) but with mu*||u||_2 instead of mu*||u||_1: give the threshold.\n")
    parts = _parts(text)
    a, b = parts["a"], parts["b"]
    assert float(sp.sympify(a["threshold"]["expr"])) == pytest.approx(np.max(np.abs(g)))
    assert sp.sympify(a["update"]["expr"]) == sp.zeros(len(g), 1)   # 50 is above the threshold
    assert float(sp.sympify(b["threshold"]["expr"])) == pytest.approx(np.linalg.norm(g))


def test_bounded_below_asks_the_threshold_on_the_weight():
    text = ("The gradient is g = (2, -6). Consider the plain-norm penalty min_u g^T u + lam ||u||_inf. For "
            "which values of lam is this bounded below?\n")
    (part,) = solved_verified(text)["parts"]
    (thr,) = [a for a in part["answers"] if a["quantity"] == "threshold"]
    assert sp.sympify(thr["expr"]) == 8   # the dual (l1) norm of g


def test_bounded_below_is_a_threshold_request():
    asks, unplaced = asked_in("For which values of lam is the objective bounded below?")
    assert asks == ["threshold"] and not unplaced
