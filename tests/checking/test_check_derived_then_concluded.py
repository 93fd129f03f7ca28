"""A body that derives the verified answer and then concludes another contradicts itself: the
finding is an inconsistency, not a wrong answer; a general formula in letters evaluated wrongly
to the numbers concluded is a wrong answer (the formula is a step on the way). A value is the
total of the terms listed before it ("value: linear term −3.5, penalty 1.75, total −1.75")
under the sentence's lead."""

from __future__ import annotations

from conftest import finding_kinds, graded_part

PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"
SD = "src/optiproof/problems/steepest-descent-numeric.yaml"


def test_a_derived_update_then_another_boxed_conclusion_is_an_inconsistency(solved):
    text = ("(a) Setting the gradient of the objective to zero,\n\n"
            "$$\\Delta\\theta^\\star = -\\tfrac{\\alpha}{2} g$$\n\n"
            "Therefore $\\boxed{u = -2\\alpha g}$, plain gradient descent.\n")
    assert finding_kinds(graded_part(solved, PLI, text, "a")) == ["inconsistency"]


def test_a_boxed_wrong_update_without_a_right_derivation_stays_a_wrong_answer(solved):
    text = ("(a) Setting the gradient of the objective to zero,\n\n"
            "Therefore $\\boxed{u = -2\\alpha g}$, plain gradient descent.\n")
    assert finding_kinds(graded_part(solved, PLI, text, "a")) == ["wrong-answer"]


def test_a_total_after_listed_terms_is_the_value_the_sentence_names(solved):
    text = ("(a) The step is $d = (-0.75, 0.25, -0.5)$, gradient descent with rate 0.25. "
            "Optimal value: linear part $g^\\top d = -3.5$, penalty $1.75$, in total $-1.75$.\n\n"
            "## Summary\n\n| part | step | optimal value |\n|---|---|---|\n"
            "| (a) | $(-0.75, 0.25, -0.5)$ | $-3.5$ |\n")
    assert finding_kinds(graded_part(solved, SD, text, "a")) == ["inconsistency"]


ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"


def test_a_right_general_formula_evaluated_wrongly_is_a_wrong_answer(solved):
    # the formula in letters is a step on the way; the numbers concluded from it are the claim
    text = ("(c) With eps = 0 the first step is\n\n"
            "$$\\theta_1 - \\theta_0 = -\\alpha\\,\\mathrm{sign}(g_1)$$\n\n"
            "Plugging in, **$\\theta_1 - \\theta_0 = [0.001,\\ 0.001,\\ -0.001]$**.\n")
    assert "wrong-answer" in finding_kinds(graded_part(solved, ADAM, text, "c"))
    assert "inconsistency" not in finding_kinds(graded_part(solved, ADAM, text, "c"))


def test_a_right_value_then_another_value_stays_an_inconsistency(solved):
    text = ("(c) With eps = 0 the first step is\n\n"
            "$$\\theta_1 - \\theta_0 = [-0.001,\\ 0.001,\\ -0.001]$$\n\n"
            "Hence **$\\theta_1 - \\theta_0 = [0.001,\\ 0.001,\\ -0.001]$**.\n")
    assert "inconsistency" in finding_kinds(graded_part(solved, ADAM, text, "c"))
