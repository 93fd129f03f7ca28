"""A ratio of the decreases two earlier parts predict, asked in any of the usual shapes ("by what
factor is the predicted decrease larger in (a) than in (b)", "... of part (a) larger than that
of part (b)", "how many times bigger ... in (a) than in (b)", "the ratio of ... in (a) to ... in
(b)"), is the quotient of the two parts' answers (each part asking the decrease −gᵀu* its model
predicts); a PDF copy's inner product of two capitals ('hG, U⋆i') is read as ⟨G, U⟩."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from optiproof.reading.normalize import normalize
from reading_helpers import solved_verified

_BASE = ("The gradient is g = {g} and the step budget is eta = 0.5.\n\n"
         "(a) Minimise g^T u subject to ||u||_inf <= eta. Give u* and the predicted decrease "
         "-g^T u*.\n\n"
         "(b) The same with ||u||_2 <= eta: give u* and the predicted decrease.\n\n(c) {q}\n")


@pytest.mark.parametrize("q", [
    "By what factor is the predicted decrease larger in (a) than in (b)?",
    "By what factor is the predicted decrease -g^T u* larger in (a) than in (b)?",
    "By what factor is the predicted decrease of part (a) larger than that of part (b)?",
    "how many times bigger is the predicted decrease in (a) than in (b)?",
    "What is the ratio of the predicted decrease in (a) to the predicted decrease in (b)?",
])
@pytest.mark.parametrize("g", [(3, -4, 12), (1, 2, -2)])
def test_ratio_of_two_parts_decreases(q, g):
    parts = {p["label"]: p for p in solved_verified(_BASE.format(g=g, q=q))["parts"]}
    (ratio,) = [a for a in parts["c"]["answers"] if a["quantity"] == "ratio"]
    v = np.array(g, float)
    assert float(sp.sympify(ratio["expr"])) == pytest.approx(np.abs(v).sum() / np.linalg.norm(v))


def test_smaller_reads_the_other_way():
    q = "How many times smaller is the predicted decrease in (b) than in (a)?"
    parts = {p["label"]: p for p in solved_verified(_BASE.format(g=(3, -4, 12), q=q))["parts"]}
    (ratio,) = [a for a in parts["c"]["answers"] if a["quantity"] == "ratio"]
    assert sp.sympify(ratio["expr"]) == sp.Rational(19, 13)


def test_pdf_inner_product_of_two_capitals():
    text = ("For a budget η = 0.1 let U⋆ = arg min hG, U i subject to kU k2 ≤ η.\n"
            "(c) By what factor is the predicted decrease −hG, U⋆i larger in (a) than in (b)?\n")
    out = normalize(text).text
    assert "⟨G, U⟩" in out and "⟨G, U^*⟩" in out
