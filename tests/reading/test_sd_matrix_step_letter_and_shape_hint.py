"""A matrix step written with the capital letter U ("U* = argmin_U ⟨G, U⟩ + (λ/2)‖U‖²"): the
penalty is read (its form and weight) as for u or D; "compute U* explicitly as a 2×2 matrix"
asks the step in the shape of a matrix, not an iteration matrix; and "give U*_F" after "with
the Frobenius norm instead" is the step under that norm. The answers are checked against an
SVD computed here."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_TEXT = ("At the current weights the gradient of the loss is G = [[{a}, {b}], [{c}, {d}]].\n"
         "For a matrix norm ‖·‖ and sharpness λ = 4 we take the update\n"
         "U^* = arg min_U ⟨G, U⟩ + (λ/2) ‖U‖^2 .\n\n"
         "(a) Let ‖·‖ be the spectral (operator) norm. Compute U^* explicitly as a 2×2 matrix.\n\n"
         "(b) Repeat (a) with the Frobenius norm ‖·‖_F instead: give U^*_F.\n")


@pytest.mark.parametrize("G", [[[3, 0], [4, 5]], [[1, 2], [2, -2]], [[2, -1], [0, 1]]])
def test_capital_step_letter_and_matrix_shape(G):
    (a, b), (c, d) = G
    reading = read_report(_TEXT.format(a=a, b=b, c=c, d=d))
    assert reading.complete, "\n".join(reading.unread())
    assert [p.family for p in reading.parts] == ["steepest-descent"] * 2
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    g = np.array(G, float)
    u, s, vt = np.linalg.svd(g)
    # argmin <G,U> + (λ/2)‖U‖²: U = -(‖G‖_*/λ) sharp(G); λ = 4
    want = {"a": -(s.sum() / 4) * (u @ vt), "b": -g / 4}
    for part in data["parts"]:
        assert part["verified"], part["label"]
        (step,) = [x for x in part["answers"] if x["quantity"] == "update"]
        got = np.array(sp.Matrix(sp.sympify(step["expr"])).evalf(), float)
        assert got == pytest.approx(want[part["label"]], abs=1e-9)


def test_a_shape_hint_is_not_an_iteration_matrix_but_a_recursion_matrix_still_is():
    from optiproof.catalogue import QUANTITIES
    entry = QUANTITIES.get("iteration-matrix")
    import re
    hits = lambda s: any(re.search(p, s, re.I) for p in entry.phrases)  # noqa: E731
    assert not hits("Compute U* explicitly as a 2×2 matrix.")
    assert hits("Write the heavy-ball recursion with its 2×2 matrix.")
