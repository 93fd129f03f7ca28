"""A decrease written as the negative of the linear term ("give the predicted decrease −gᵀu*") of
a constrained step is minus its minimum value, answered positive; a ratio of one plural noun over
two labels ("the ratio of the predicted decreases −gᵀu* in (i) and (ii)") is that noun of each
part; a request after a setting written as a formula without a comma ("For the ball ‖u‖_2 ≤ η
give …") is read as a request, and the 'u' of a written 'gᵀu' is no request for the step."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from reading_helpers import asked_in, solved_verified

_TEXT = ("The gradient is g = ({g}) and η = 0.1. Let u* = argmin_u g^T u subject to ||u|| <= η.\n"
         "(i) For ||u||_inf <= η find u* and g^T u*.\n"
         "(ii) For ||u||_1 <= η find u* and g^T u*.\n"
         "(iii) What is the ratio of the predicted decreases -g^T u* in (i) and (ii)?\n"
         "(iv) For the Euclidean ball ||u||_2 <= η give the predicted decrease -g^T u*.\n")


@pytest.mark.parametrize("g", [[1, -3, 2], [0.5, 4, -1, 2]])
def test_negated_linear_term_and_ratio_over_two_labels(g):
    data = solved_verified(_TEXT.format(g=", ".join(map(str, g))))
    parts = {p["label"]: p for p in data["parts"]}
    (ratio,) = [a for a in parts["iii"]["answers"] if a["quantity"] == "ratio"]
    assert float(sp.sympify(ratio["expr"])) == pytest.approx(
        np.abs(g).sum() / np.abs(g).max())
    (dec,) = parts["iv"]["answers"]
    assert dec["quantity"] == "model-decrease"
    assert float(sp.sympify(dec["expr"])) == pytest.approx(0.1 * np.linalg.norm(g))


def test_a_request_after_a_formula_setting_without_comma():
    asks, _ = asked_in("For the Euclidean ball ‖u‖_2 ≤ η give the predicted decrease.")
    assert asks == ["linear-change"]
