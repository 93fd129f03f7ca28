""""What is the ratio ‖u‖_2 of the step from (a) divided by ‖u‖_2 of the step from (b)?": each
operand is the norm of a named part's step, and the ratio their quotient — the words 'the ratio'
before the first operand are not part of it."""

from __future__ import annotations

import sympy as sp

from reading_helpers import solved_verified

TEXT = ("The gradient is g = (3, -1, 2, 2) and the radius is eta = 0.5; u* = argmin_u g^T u "
        "subject to ||u|| <= eta.\n"
        "(a) For the max-norm ||u||_inf, find u*.\n"
        "(b) For the Euclidean norm ||u||_2, find u*.\n"
        "(c) {ask}\n")


def test_ratio_of_norms_of_named_steps():
    ask = "What is the ratio ‖u‖_2 of the step from (a) divided by ‖u‖_2 of the step from (b)?"
    data = solved_verified(TEXT.format(ask=ask))
    (c,) = [p for p in data["parts"] if p["label"] == "c"]
    ratio = [a for a in c["answers"] if a["quantity"] == "ratio"]
    assert len(ratio) == 1 and sp.simplify(sp.sympify(ratio[0]["expr"]) - 2) == 0


def test_quotient_written_plainly_still_reads():
    ask = "Compute ‖u‖_2 of the step from (a) divided by ‖u‖_2 of the step from (b)."
    data = solved_verified(TEXT.format(ask=ask))
    (c,) = [p for p in data["parts"] if p["label"] == "c"]
    assert any(a["quantity"] == "ratio" for a in c["answers"])
