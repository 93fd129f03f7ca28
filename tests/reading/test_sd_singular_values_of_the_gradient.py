"""The singular values of a given matrix gradient are an askable quantity ("Compute the singular
values of G.", "give ‖G‖_F and the singular values of G"): answered largest first, exactly where
the Gram matrix's eigenvalues are closed forms, and witnessed by numpy's SVD. A part asking only
for them needs no norm of the step."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from reading_helpers import asked_in, solved_verified

_TEXT = ("Let the gradient of a weight matrix be G = {G}. A step U* minimises <G, U> subject to "
         "||U|| <= 0.2.\n\n"
         "(a) {ask}\n\n"
         "(b) Take the spectral norm and give U*.\n")


@pytest.mark.parametrize("G", [[[4, 0], [3, -5]], [[1, 2, 0], [0, 1, 3]], [[2, 1], [1, 2], [0, 1]],
                               [[0, 0], [0, 0]]])
@pytest.mark.parametrize("ask", ["Compute the singular values of G.",
                                 "What are the singular values of the gradient?"])
def test_singular_values_answered_largest_first_and_witnessed(G, ask):
    data = solved_verified(_TEXT.format(G=G, ask=ask))
    (part,) = [p for p in data["parts"] if p["label"] == "a"]
    (answer,) = part["answers"]
    assert answer["quantity"] == "singular-values"
    got = [float(v) for v in sp.sympify(answer["expr"])]
    assert got == pytest.approx(list(np.linalg.svd(np.array(G, float), compute_uv=False)),
                                abs=1e-12)
    assert any("singular values" in c["detail"] and c["passed"] for c in part["checks"])
    assert part["identified_as"] is None


def test_singular_values_of_a_rational_matrix_are_exact():
    data = solved_verified(_TEXT.format(G=[[1, 2], [2, -2]], ask="Find the singular values of G."))
    (answer,) = data["parts"][0]["answers"]
    assert sp.sympify(answer["expr"]) == sp.Matrix([3, 2])


def test_singular_values_listed_beside_a_norm_are_asked():
    asks, unplaced = asked_in("(a) Give ‖G‖_F and the singular values of G.")
    assert "singular-values" in asks and not unplaced


def test_singular_values_stated_are_not_asked():
    asks, _ = asked_in("(a) The singular values of G are 3 and 1. Give U*.")
    assert "singular-values" not in asks
