"""A plain-norm penalty weighted by any scalar letter (gᵀu + c‖u‖, + k·‖u‖, + C ‖u‖, + ν‖u‖) is a
weight like λ: its threshold is asked on that letter (c* = ‖g‖_*), read in ASCII, LaTeX and
forum wording; a value given to the letter elsewhere is the weight's value. A letter that names
a vector of the problem (the gradient) is not read as a weight."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from reading_helpers import refused, solved_verified


def _threshold(text: str) -> float:
    parts = solved_verified(text)["parts"]
    (got,) = [a for p in parts for a in p["answers"] if a["quantity"] == "threshold"]
    return float(sp.sympify(got["expr"]))


@pytest.mark.parametrize("text, expected", [
    # ASCII, the weight multiplied with '*'
    ("gradient g = [2, -4, 9]\nQ. The non-squared penalty: min_u g^T u + c*||u||_1 .\n"
     "For which c is u = 0 a minimiser? Give the threshold value of c.", 9),
    # LaTeX, a capital letter
    (r"Let $g = (3, -4, 0)$. Consider $\min_u g^\top u + C\,\|u\|_2$ with $C > 0$. "
     r"Find the smallest $C$ such that $u = 0$ minimises it.", 5),
    # forum chat, a letter written with a space
    ("so the gradient is g = (1, -2, 2) and we look at g^T u + k ||u||_inf (no square!!). for what "
     "values of k does the min stay finite? whats the threshold on k?", 5),
    # a Greek letter outside the usual step-size letters
    ("Let g = (6, -8). Minimise gᵀu + ν‖u‖_2 over u. For which values of ν is the minimum "
     "finite (attained at u = 0)?", 10),
])
def test_threshold_on_any_weight_letter_is_the_dual_norm(text, expected):
    assert _threshold(text) == pytest.approx(expected)


def test_a_value_given_to_the_letter_is_the_weight():
    parts = solved_verified("Let g = (3, -4). Minimise g^T u + c*||u||_2 with c = 2. "
                            "What is the minimal value?")["parts"]
    (value,) = [a for p in parts for a in p["answers"] if a["quantity"] == "min-value"]
    assert value["status"] == "unbounded"   # 2 < ‖g‖_2 = 5: unbounded below


def test_the_gradient_letter_is_no_weight():
    refused("Let g = (3, -4). Minimise the plain-norm penalty g^T u + g ||u||_2. What is the "
            "minimiser?", "could not read the penalty weight in \"+ g ‖u‖\"")
