"""Relational requests about answers, in any family: whether two answers are equal ('Is
w_∞ = w^†?', 'is the answer to 3 equal to θ_raw?', 'Is θ_∞ equal to it?'), with operands
named by a part reference (with or without parentheses), a symbol the text defines (by
'= lim', '= X^+ y', '= argmin') or marks as the minimum-norm solution (θ^†, θ_mn), or 'it'
(the answer asked before). Each is solved exactly and verified; the expected values are
computed here independently (numpy). An operand that does not resolve is refused, naming it;
a formula evaluated at answers (not computed) is refused, never answered as the operands."""

from __future__ import annotations

import numpy as np
import pytest

from test_derived_reading import _refused, _solve

# a = (1, 2, 2), b = 9: GD from θ_0 converges to θ_0 + a (b - a.θ_0)/|a|^2; from 0 it is the
# minimum-norm solution a b / |a|^2.
A = np.array([1.0, 2.0, 2.0])
T0 = np.array([1.0, 0.0, -1.0])
LIMIT = T0 + A * (9 - A @ T0) / (A @ A)
MIN_NORM = A * 9 / (A @ A)
SAME = bool(np.allclose(LIMIT, MIN_NORM))
assert not SAME


START = ("We minimise L(θ) = ½(aᵀθ − b)² with a = (1, 2, 2) and b = 9, starting from "
         "θ_0 = (1, 0, -1).\n\n(a) Plain gradient descent with a small step: find "
         "θ_∞ = lim θ_k.\n\n")
START_LATEX = (r"We minimise $L(\theta) = \tfrac12 (a^\top\theta - b)^2$ with $a = (1, 2, 2)$, "
               r"$b = 9$ and $\theta_0 = (1, 0, -1)$." "\n\n"
               r"(a) Gradient descent with a small step: find $\theta_\infty = "
               r"\lim_{k\to\infty} \theta_k$." "\n\n")
START_ASCII = ("Loss: L(w) = 0.5 * (a^T w - b)^2 with a = [1, 2, 2], b = 9. "
               "Start: w_0 = [1, 0, -1].\n\n1. Gradient descent, small lr. Where does it "
               "converge? Call the limit w_gd.\n\n")
ORIGIN = ("We minimise L(θ) = ½(aᵀθ − b)² with a = (1, 2, 2) and b = 9, starting from "
          "θ_0 = 0.\n\n(a) Plain gradient descent with a small step: find θ_∞ = lim θ_k.\n\n")


@pytest.mark.parametrize("text,label,same", [
    # a symbol defined by '= X^+ y' (this part's answer) against one defined by '= lim'
    (START + "(b) Find the minimum-norm solution θ† = X^+ y. Is θ_∞ = θ†?", "b", False),
    (START_LATEX + r"(b) Find the minimum-$\ell_2$-norm solution $\theta^\dagger = X^+ y$. "
                   r"Is $\theta_\infty = \theta^\dagger$?", "b", False),
    # 'it': the answer the part asked just before
    (START + "(b) Find the minimum-norm solution. Is θ_∞ equal to it?", "b", False),
    # a part named without parentheses, and a symbol named by 'call the limit w_gd'
    (START_ASCII + "2. Find the minimum norm solution.\n\n3. is the answer to 1 equal to "
                   "the answer to 2 ?", "3", False),
    (START_ASCII + "2. Find the minimum norm solution w_mn.\n\n3. Is w_gd identical to "
                   "w_mn?", "3", False),
    # from the origin the limit is the minimum-norm solution: yes
    (ORIGIN + "(b) Find the minimum-norm solution θ† = X^+ y. Is θ_∞ = θ†?", "b", True),
    (ORIGIN + "(b) Find the minimum-norm solution. Is it the same point as θ_∞?", "b", True),
])
def test_is_one_answer_equal_to_another(text, label, same):
    got = _solve(text)
    assert got[label]["same-as"] == [same], got[label]
    assert np.allclose(got[label].get("min-norm-solution", [MIN_NORM])[0], MIN_NORM)


@pytest.mark.parametrize("text,named", [
    (START + "(b) Find the minimum-norm solution θ† = X^+ y. Is θ_∞ = θ_zz?", "θ_zz"),
    (START + "(b) Find the minimum-norm solution. Is the answer to 5 equal to θ_∞?",
     "answer"),
    (START_ASCII + "2. Find the minimum norm solution.\n\n3. Is w_gd identical to w_q?",
     "w_q"),
])
def test_an_equality_with_an_operand_that_does_not_resolve_is_refused(text, named):
    why = _refused(text)
    assert named in why


@pytest.mark.parametrize("text", [
    START + "(b) Find the minimum-norm solution θ† = X^+ y. Evaluate q(θ) = θ_1^2 + "
            "2θ_2^2 + θ_3^2 at θ_∞ and at θ†.",
    START_LATEX + r"(b) Find the minimum-norm solution $\theta^\dagger = X^+ y$. What is the "
                  r"value of the data-fit term $\tfrac12 (a^\top\theta - b)^2$ at the point "
                  r"from (a)?",
    START_ASCII + "2. Find the minimum norm solution w_mn.\n\n3. compute w^T D w (D = "
                  "diag(1,2,3)) at w_gd and w_mn",
])
def test_a_formula_evaluated_at_answers_is_refused_not_answered_as_the_answers(text):
    why = _refused(text)
    assert "evaluates a formula" in why
