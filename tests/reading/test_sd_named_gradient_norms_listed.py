"""Norms of a given matrix gradient listed with their names ("Compute ‖G‖_F, the spectral norm
‖G‖_2→2 and the nuclear norm ‖G‖_*"): each item is asked, answered exactly and witnessed by numpy
(numpy.linalg.norm with 'fro', 2 and 'nuc')."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from reading_helpers import asked_in, solved_verified

_TEXT = ("The gradient of a weight matrix is G = {G}. For a matrix norm and λ = 4 let "
         "U* = argmin_U <G, U> + (λ/2)||U||^2.\n\n"
         "(a) {ask}\n\n"
         "(b) Take the Frobenius norm. Find U*.\n")


@pytest.mark.parametrize("G", [[[3, 0], [4, 5]], [[1, -1, 2], [0, 2, 1]]])
@pytest.mark.parametrize("ask, order", [
    ("Compute ‖G‖_F, the spectral norm ‖G‖_2→2 and the nuclear norm ‖G‖_*.", ["fro", 2, "nuc"]),
    ("Give the nuclear norm ‖G‖_* and the operator norm ‖G‖_op.", ["nuc", 2]),
])
def test_each_named_norm_of_the_gradient_is_answered(G, ask, order):
    data = solved_verified(_TEXT.format(G=G, ask=ask))
    (part,) = [p for p in data["parts"] if p["label"] == "a"]
    got = [float(sp.sympify(a["expr"])) for a in part["answers"]]
    want = [np.linalg.norm(np.array(G, float), o) for o in order]
    assert got == pytest.approx(want, rel=1e-9)


def test_a_named_norm_item_is_asked_not_left_over():
    asks, unplaced = asked_in("(a) Compute ‖G‖_F, the spectral norm ‖G‖_2→2 and the nuclear "
                              "norm ‖G‖_*.")
    assert asks == ["norm-value"] * 3 and not unplaced
