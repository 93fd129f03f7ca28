"""Claims read by structure: a working table's row named by a product of symbols states that
ingredient, not the answer; a display whose brace is never closed still gives the value after
its parenthesis; a tick after a result is no part of it; a "per iteration" header names a
rate, not a count; a function the answer defines as the objective names its minimum value.
General claims: a plain gradient method said to converge for every step size is false (a
step above 2/L diverges), and "exactly a diagonal Newton method" names Newton's method."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

SD = "src/optiproof/problems/steepest-descent-numeric.yaml"
OC = "src/optiproof/problems/texts/optimizer-convergence.txt"
QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"
PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"
ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"


def test_a_working_row_named_by_a_product_of_symbols_is_not_the_update(solved):
    text = ("## (e) Spectral penalty\n\nIntermediate SVD quantities:\n\n"
            "| Quantity | Value |\n|---|---|\n"
            "| $U_G V_G^\\top$ | $\\begin{pmatrix}-0.1404 & 0.5809\\\\ 0.7852 & 0.5586\\\\ "
            "-0.6032 & 0.5920\\end{pmatrix}$ |\n\n"
            "$$U^* = -0.25 \\cdot 6.2035\\, U_G V_G^\\top \\approx \\begin{pmatrix}0.2177 & -0.9009"
            "\\\\ -1.2177 & -0.8664\\\\ 0.9354 & -0.9182\\end{pmatrix}.$$\n\n"
            "This is the orthogonalised step of Muon.\n")
    part = graded_part(solved, SD, text, "e")
    assert "wrong-answer" not in finding_kinds(part), part.findings
    # the final matrix is still graded: a wrong one is caught
    wrong = text.replace("0.2177 & -0.9009", "0.5177 & -0.9009")
    assert "wrong-answer" in finding_kinds(graded_part(solved, SD, wrong, "e"))


@pytest.mark.parametrize("close", ["\\Bigr)", "\\right)"])
def test_a_display_with_a_brace_never_closed_still_gives_its_approximate_value(solved, close):
    left = "\\Bigl(" if close.startswith("\\Bigr") else "\\left("
    text = ("## (c) Rescaling\n\nThe rescaled problem has min-norm solution "
            "$w = (\\tfrac13, \\tfrac13, \\tfrac13)$. Mapping back,\n\n"
            f"$$\\theta = {left}\\frac{{1}}{{3}}, \\frac{{10}}{{3}}, \\frac{{100}}{{3{close}"
            " \\approx (0.333, 3.333, 33.33).$$\n")
    part = graded_part(solved, OC, text, "c")
    kinds = finding_kinds(part)
    assert "unrenderable-formula" in kinds and "wrong-answer" not in kinds, part.findings
    wrong = text.replace("(0.333, 3.333, 33.33)", "(0.333, 0.0333, 0.00333)")
    assert "wrong-answer" in finding_kinds(graded_part(solved, OC, wrong, "c"))


def test_a_tick_after_a_result_is_no_part_of_it(solved):
    text = ("## (b) Bias correction\n\n$$\\mathbb{E}[m_t] = (1-\\beta_1^t)\\,\\mathbb{E}[g].$$\n\n"
            "$$\\mathbb{E}[\\hat m_t] = \\frac{\\mathbb{E}[m_t]}{1-\\beta_1^t} = \\mathbb{E}[g]."
            " \\checkmark$$\n\n"
            "$$\\mathbb{E}[v_t] = (1-\\beta_2^t)\\,\\mathbb{E}[g^2] \\Longrightarrow "
            "\\mathbb{E}[\\hat v_t] = \\mathbb{E}[g^2]. ✓$$\n")
    part = graded_part(solved, ADAM, text, "b")
    assert part.verdict == "correct", part.findings


def test_a_rate_per_iteration_column_does_not_count_iterations(solved):
    text = ("## (c)\n\nThe rate is 0.85, and $0.85^{86} < 10^{-6}$, so $k = 86$ iterations.\n\n"
            "## Summary\n\n| Method | Step | Rate per iteration |\n|---|---|---|\n"
            "| GD, $\\alpha = 0.15$ | $0.15$ | $0.85$ (86 iterations for $10^{-6}$) |\n")
    part = graded_part(solved, QD, text, "c")
    assert part.verdict == "correct", part.findings


def test_a_function_defined_as_the_objective_names_the_minimum_value(solved):
    body = ("## (a)\n\n$$\\phi(u) = g^\\top u + \\frac{1}{\\alpha}\\|u\\|_2^2.$$\n\n"
            "Setting the gradient to zero gives $u = -\\tfrac14 g = (-0.75, 0.25, -0.5)$.\n\n"
            "**Optimal value:**\n\n- $\\phi(u) = -3.5 + 1.75 = \\mathbf{VALUE}$\n\n")
    table = ("## Summary\n\n| Part | Step | Key number |\n|---|---|---|\n"
             "| (a) | $(-0.75, 0.25, -0.5)$ | optimal value $TABLE$ |\n")
    agree = graded_part(solved, SD, body.replace("VALUE", "-1.75")
                        + table.replace("TABLE", "-1.75"), "a")
    assert agree.verdict == "correct", agree.findings
    clash = graded_part(solved, SD, body.replace("VALUE", "-1.75")
                        + table.replace("TABLE", "-3.5"), "a")
    assert "inconsistency" in finding_kinds(clash), clash.findings


@pytest.mark.parametrize("problem, label, sentence", [
    (OC, "a", "Because the loss is convex, this convergence holds for any constant step size "
              "α > 0; a small step only makes it slower."),
    (PLI, "a", "Gradient descent with this update converges to a minimiser for every α > 0 on "
               "any smooth loss."),
    (OC, "a", "SGD converges to this point for any learning rate."),
])
def test_a_gradient_step_said_to_converge_for_every_step_size_is_false(solved, problem, label,
                                                                        sentence):
    value = {"a": "θ = x/‖x‖² ≈ (0.990, 0.099, 0.0099)." if problem == OC
             else "u = −(α/2) g."}[label]
    part = graded_part(solved, problem, f"## ({label})\n{value}\n{sentence}\n", label)
    assert "false-claim" in finding_kinds(part), part.findings


@pytest.mark.parametrize("sentence", [
    "SGD converges to this point for any constant step size α < 1/‖x‖² ≈ 0.99.",
    "This convergence holds for any step size α in (0, 1/‖x‖²).",
    "If the step size is small enough, SGD converges to this point for any start in span(x).",
    "SGD converges here for any step size below 0.99.",
    "It is not true that SGD converges for any step size.",
])
def test_a_bounded_or_denied_step_claim_is_no_false_claim(solved, sentence):
    text = f"## (a)\nθ = x/‖x‖² ≈ (0.990, 0.099, 0.0099).\n{sentence}\n"
    part = graded_part(solved, OC, text, "a")
    assert "false-claim" not in finding_kinds(part), part.findings


def test_exactly_a_diagonal_newton_method_is_an_over_reach(solved):
    text = ("## (a) Update rule\n\n$m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t$, "
            "$v_t = \\beta_2 v_{t-1} + (1-\\beta_2) g_t^2$, "
            "$\\theta_t = \\theta_{t-1} - \\alpha \\hat m_t/(\\sqrt{\\hat v_t} + \\epsilon)$.\n\n"
            "Dividing by $\\sqrt{\\hat v_t}$ makes Adam **exactly a diagonal Newton method**: "
            "$\\sqrt{\\hat v_t}$ is precisely the diagonal of the Hessian.\n")
    part = graded_part(solved, ADAM, text, "a")
    assert "over-reach" in finding_kinds(part), part.findings


@pytest.mark.parametrize("sentence", [
    "In fact, dividing by $\\sqrt{v}$ makes Adam invariant to **any** invertible linear "
    "reparametrisation of $\\theta$, exactly like Newton's method.",
    "RMSprop is invariant under every change of coordinates.",
])
def test_a_coordinatewise_method_said_invariant_to_every_reparametrisation_is_false(solved,
                                                                                    sentence):
    text = f"## (a) Update rule\n\nAdam divides by the RMS size of each coordinate. {sentence}\n"
    part = graded_part(solved, ADAM, text, "a")
    assert "false-claim" in finding_kinds(part), part.findings


@pytest.mark.parametrize("sentence", [
    "Newton's method is invariant to any invertible linear reparametrisation; Adam is not.",
    "With ε = 0 Adam is invariant to rescaling each coordinate by a positive constant.",
])
def test_invariance_of_newton_or_to_diagonal_rescaling_is_no_false_claim(solved, sentence):
    text = f"## (a) Update rule\n\nAdam divides by the RMS size of each coordinate. {sentence}\n"
    part = graded_part(solved, ADAM, text, "a")
    assert "false-claim" not in finding_kinds(part), part.findings


PLI_NOTES = ("obj: min_d g.d + (1/a) D(d)\n\n(a) D = ||d||_2^2\n  grad: g + (2/a) d = 0  =>  "
             "d = -(a/2) g\n  u = -(a/2) g\n  => plain gradient descent, lr = a/2\n\n"
             "check n=2, g=(2,-1), a=1: u = -(1/2)*(2,-1) = (-1, 0.5) ok\n\n"
             "summary\n  (a) u = -(a/2) g      SGD\n")


def test_values_set_for_a_check_and_a_rate_in_latin_letters_redefine_nothing(solved):
    part = graded_part(solved, PLI, PLI_NOTES, "a")
    assert part.verdict == "correct", part.findings
    wrong = PLI_NOTES.replace("(a) u = -(a/2) g      SGD", "(a) u = -a g      SGD")
    assert part.verdict == "correct" and graded_part(solved, PLI, wrong, "a").verdict \
        == "incorrect"


_QD_C = ("## (c)\n\nThe rate is $0.85$. We need $0.85^k \\le 10^{{-6}}$, so $k \\ge 85.009$.\n\n"
         "So about **85 iterations**; strictly, since 85.009 rounds up, 86 iterations guarantee "
         "the bound.\n\n{remark}\n\n## Summary\n\n| Part | Answer |\n|---|---|\n"
         "| (c) | rate $0.85$; {table} |\n")
_ROUGH = "$\\approx 85$ iterations (86 to guarantee $10^{-6}$)"


def test_a_rough_count_beside_the_count_that_guarantees_it_is_one_claim(solved):
    part = graded_part(solved, QD, _QD_C.format(remark="", table=_ROUGH), "c")
    assert part.verdict == "correct", part.findings
    clash = graded_part(solved, QD, _QD_C.format(remark="", table="60 iterations"), "c")
    assert clash.verdict == "incorrect", clash.findings


def test_a_sentence_opened_as_a_comparison_states_no_answer_of_the_part(solved):
    remark = ("For comparison, with the optimal GD rate you'd need about 69 iterations for the "
              "same reduction, and with heavy ball about 22.")
    part = graded_part(solved, QD, _QD_C.format(remark=remark, table=_ROUGH), "c")
    assert part.verdict == "correct", part.findings
