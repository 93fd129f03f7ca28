"""A text that defines lettered runs ('(A) plain GD: w <- w - η∇L(w)', '(B) preconditioned GD:
...') and then asks numbered questions about them ('1) the limit of (A)', '3) for (B), the
largest η') has the numbered items as its parts; each part runs the method of the definition it
names, never the other one's."""

from __future__ import annotations

import pytest
import sympy as sp

from optiproof.reading.normalize import normalize
from optiproof.reading.parts import split_parts
from reading_helpers import quantity_values

TEXTS = {
    "forum": ("ok so one data point x = (2, 1), target y = 5, loss L(w) = 1/2 (x^T w - y)^2, we "
              "start at w = (0, 0). we compared\n"
              "  (A) plain GD:        w <- w - eta * grad L(w)\n"
              "  (B) diag-precond GD: w <- w - eta * D grad L(w),  D = diag(1, 3)\n"
              "both with a small constant eta. could someone give:\n"
              " 1) the limit of (A)\n"
              " 2) the limit of (B)\n"
              " 3) for (B), the largest eta (supremum) for which it converges\n"),
    "plain": ("One example x = (2, 1) with label y = 5, squared loss L(w) = ½(xᵀw − y)², start "
              "w₀ = 0. Two runs:\n"
              "(a) gradient descent with a small constant step;\n"
              "(b) preconditioned gradient descent with P = diag(1, 3) and a small constant step.\n"
              "\n"
              "1. Where does the run (a) converge?\n"
              "2. Where does the run (b) converge?\n"
              "3. What is the largest step (supremum) for which (b) converges?\n"),
    "markdown": ("Data: a single example $x = (2, 1)$, $y = 5$, loss "
                 "$L(w) = \\tfrac12 (x^\\top w - y)^2$, $w_0 = 0$.\n\n"
                 "- (A) vanilla gradient descent, small step\n"
                 "- (B) pre-conditioned GD with $P = \\mathrm{diag}(1, 3)$, small step\n\n"
                 "**Q1.** Give the limit of (A).\n\n"
                 "**Q2.** Give the limit of (B).\n\n"
                 "**Q3.** For (B), what is the supremum of the convergent step sizes?\n"),
}


@pytest.mark.parametrize("style", sorted(TEXTS))
def test_the_numbered_questions_are_the_parts(style):
    layout = split_parts(normalize(TEXTS[style]).text)
    assert [p.label for p in layout.parts] == ["1", "2", "3"]


@pytest.mark.parametrize("style", sorted(TEXTS))
def test_each_part_runs_the_definition_it_names(style):
    values = quantity_values(TEXTS[style])
    # (A): min-norm interpolant 5 x / 5 = (2, 1); (B): c P x with x^T P x = 4 + 3 = 7, c = 5/7
    assert [sp.nsimplify(v) for v in sp.flatten(dict(values["1"])["limit"])] == [2, 1]
    assert [sp.nsimplify(v) for v in sp.flatten(dict(values["2"])["limit"])] == [
        sp.Rational(10, 7), sp.Rational(15, 7)]
    assert sp.nsimplify(dict(values["3"])["max-step"]) == sp.Rational(2, 7)


def test_lettered_questions_before_a_numbered_list_stay_the_parts():
    text = ("One example x = (2, 1), y = 5, loss L(w) = 1/2 (x^T w - y)^2, w_0 = 0.\n"
            "(a) Where does gradient descent converge?\n"
            "(b) Where does preconditioned GD with P = diag(1, 3) converge?\n"
            "Notes:\n1) both runs use a small step\n2) compare (a) and (b) if you like\n")
    layout = split_parts(normalize(text).text)
    assert [p.label for p in layout.parts][:2] == ["a", "b"]
