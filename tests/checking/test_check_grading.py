"""Grading by mathematics and findings with the right scope, on short answers to the bundled
problems: each test states what a reader of the answer would conclude."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

from optiproof.checking import check_answer

QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"
PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"
OC = "src/optiproof/problems/texts/optimizer-convergence.txt"
DT = "src/optiproof/problems/texts/distributed-training.txt"
ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
SD = "src/optiproof/problems/steepest-descent-numeric.yaml"
_part, _kinds = graded_part, finding_kinds


@pytest.mark.parametrize("text", [
    "(b) With λ_min = 1 and λ_max = 10, α* = 2/(λ_min + λ_max) and ρ* = (κ-1)/(κ+1) with "
    "κ = λ_max/λ_min.",
    "(b) $$\\alpha^\\star = \\frac{2}{11}, \\qquad \\rho^\\star = \\frac{9}{11}$$",
    "(b) alpha* = 2/11 ≈ 0.1818 and the optimal rate is rho* = 0.818",
    "(b) α⋆ = 2⁄11 ≈ 0.18, ρ⋆ = 9/11 ≈ 0.82",
])
def test_answers_agree_by_mathematics_not_by_spelling(solved, text):
    part = _part(solved, QD, text, "b")
    assert part.verdict == "correct", part.findings


def test_numbers_are_read_at_the_precision_written(solved):
    assert _part(solved, QD, "(c) The rate is ρ ≈ 0.85 and k = 86.", "c").verdict == "correct"
    wrong = _part(solved, QD, "(c) The rate is ρ ≈ 0.81 and k = 86.", "c")
    assert _kinds(wrong) == ["wrong-answer"]


def test_a_slip_in_a_middle_step_with_the_right_final_answer_is_not_a_wrong_answer(solved):
    text = ("(c) The factor per step is 1 - 0.15·1 = 0.8 for λ = 1 and |1 - 1.5| = 0.5 for "
            "λ = 10, so the worst is 0.85.\n\n**Answer: ρ = 0.85, k = 86 iterations.**")
    assert _part(solved, QD, text, "c").verdict == "correct"


def test_a_recurrence_states_the_update_it_unrolls_to(solved):
    text = ("(a) $m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t$, $v_t = \\beta_2 v_{t-1} + "
            "(1-\\beta_2) g_t^2$ and $\\Delta\\theta_t = -\\alpha \\hat m_t/(\\sqrt{\\hat v_t}"
            "+\\epsilon)$: the update of Adam.")
    part = _part(solved, ADAM, text, "a")
    assert part.verdict == "correct", part.findings
    assert {c.name for c in part.claimed} >= {"m_t", "v_t"}


@pytest.mark.parametrize("text", [
    "(a) θ_t = θ_{t-1} - α m̂_t/(√v̂_t + ε) with the moments m_t, v_t bias-corrected.",
    "(a)\n    (1) m_t = beta1 * m_{t-1} + (1 - beta1) * g_t\n"
    "    (2) v_t = beta2 * v_{t-1} + (1 - beta2) * g_t^2\n"
    "    (3) theta_t = theta_{t-1} - alpha * mhat_t / (sqrt(vhat_t) + eps)\n",
])
def test_a_recurrence_of_the_parameters_states_the_update(solved, text):
    part = _part(solved, ADAM, text, "a")
    assert "update" in {c.name for c in part.claimed}, part.findings
    assert "wrong-answer" not in _kinds(part)


@pytest.mark.parametrize("mention", [
    "$\\sqrt{v}$ = per-coordinate normalisation",
    "per-coordinate normalisation by $\\sqrt{\\hat v}$",
    "EMA of $g$ and $g^2$",
])
def test_a_formula_mentioned_in_words_is_not_an_answer(solved, mention):
    text = ("(a) $\\theta_t = \\theta_{t-1} - \\alpha\\hat m_t/(\\sqrt{\\hat v_t}+\\epsilon)$\n\n"
            f"| Part | Result |\n|---|---|\n| (a) update | {mention} |\n")
    part = _part(solved, ADAM, text, "a")
    assert not [f for f in part.findings if f.answer == "update"], part.findings
    wrong = text.replace("\\sqrt{\\hat v_t}", "\\hat v_t")
    assert "wrong-answer" in _kinds(_part(solved, ADAM, wrong, "a"))


def test_the_textbook_step_bound_is_accepted_with_a_note(solved):
    text = "(d) $$|\\Delta\\theta_j| \\le \\alpha\\frac{1-\\beta_1}{\\sqrt{1-\\beta_2}} " \
           "\\approx 3.16\\times 10^{-3}$$"
    part = _part(solved, ADAM, text, "d")
    assert part.verdict == "correct" and not part.findings
    assert part.notes and "not the worst case" in part.notes[0]
    assert _kinds(_part(solved, ADAM, "(d)\n$$|\\Delta\\theta_j| \\le \\alpha = 10^{-3}$$",
                        "d")) == ["wrong-answer"]


def test_body_and_summary_that_disagree_are_an_inconsistency(solved):
    text = ("(c) So the rate is **ρ = 0.85** and 86 iterations are needed.\n\n"
            "## Summary\n| part | rate | iterations |\n|---|---|---|\n| (c) | 0.58 | 86 |\n")
    assert _kinds(_part(solved, QD, text, "c")) == ["inconsistency"]


def test_a_part_left_out_is_unanswered(solved):
    part = _part(solved, QD, "(c) The rate is 0.85.", "c")
    assert part.verdict == "incomplete" and _kinds(part) == ["unanswered"]


def test_over_reach_lives_in_identification_statements(solved):
    named = "(b) $u = -\\frac{\\alpha}{2}\\lVert g\\rVert_1 \\operatorname{sign}(g)$"
    assert _part(solved, PLI, named + ": sign descent.", "b").verdict == "correct"
    assert _kinds(_part(solved, PLI, named + ": sign descent, i.e. Adam.", "b")) == [
        "over-reach"]
    with_condition = named + ": sign descent (Adam with β1 = β2 = 0 and ε = 0)."
    assert _part(solved, PLI, with_condition, "b").verdict == "correct"


def test_a_false_general_claim_is_refuted_by_the_verified_answers(solved):
    text = ("(a) θ = [0.990, 0.099, 0.0099].\n\n(b) All these methods converge to the same "
            "point, θ = [0.990, 0.099, 0.0099].\n\n(c) θ = [1/3, 10/3, 100/3].")
    assert "false-claim" in _kinds(_part(solved, OC, text, "b"))
    honest = text.replace("All these methods converge to the same point", "It converges to")
    assert "false-claim" not in _kinds(_part(solved, OC, honest, "b"))


def test_a_comparison_the_formulas_contradict_is_a_false_claim(solved):
    table = ("| scheme | messages | size |\n|---|---|---|\n| all-to-all | n(n-1) | p |\n"
             "| parameter server | 2n | p |\n| ring all-reduce | 2n(n-1) | p/n |\n")
    part = _part(solved, DT, table, "main")
    assert part.verdict == "correct", part.findings
    boast = table + "\nRing all-reduce sends fewer messages than the parameter server.\n"
    assert _kinds(_part(solved, DT, boast, "main")) == ["false-claim"]


def test_a_number_claimed_for_every_gradient_is_tested_on_another(solved):
    text = ("(b) The ℓ∞ step is 3√42/7 ≈ 2.777 times longer than the ℓ2 step, a general "
            "constant for any gradient.")
    assert "false-claim" in _kinds(_part(solved, SD, text, "b"))


def test_an_answer_to_another_problem_is_bad_input(solved):
    from optiproof.core.errors import BadInput

    with pytest.raises(BadInput):
        check_answer(solved(QD), "The ring all-reduce sends 2n(n-1) messages of size p/n.")


def test_an_html_answer_is_read_with_its_formulas(solved):
    page = ("<!DOCTYPE html><html><body><h2>(c)</h2><p>Rate <span class=\"katex\"><math>"
            "<semantics><mi>ρ</mi><annotation encoding=\"application/x-tex\">\\rho = "
            "\\frac{17}{20}</annotation></semantics></math></span> and 86 iterations.</p>"
            "</body></html>")
    assert _part(solved, QD, page, "c").verdict == "correct"


def test_a_yes_no_answer_is_no_number():
    """A verified yes/no answer (a SymPy Boolean) is compared as an answer, never turned into a
    float: the hint's leak test and the numeric comparison skip it instead of failing."""
    import sympy

    from optiproof.checking.compare import as_float, floats

    assert as_float(sympy.false) is None and as_float(sympy.true) is None
    assert floats(sympy.false) is None
    assert as_float(sympy.Rational(1, 4)) == 0.25


def test_plain_formulas_on_consecutive_lines_are_separate_statements(solved):
    text = ("(a) Adam keeps two averages:\n"
            "m_t = β₁ m_{t−1} + (1 − β₁) g_t\n"
            "v_t = β₂ v_{t−1} + (1 − β₂) g_t²\n"
            "m̂_t = m_t/(1 − β₁ᵗ)\n"
            "v̂_t = v_t/(1 − β₂ᵗ)\n"
            "θ_t = θ_{t−1} − α m̂_t/(√v̂_t + ε)\n")
    part = _part(solved, ADAM, text, "a")
    assert part.verdict == "correct", part.findings



@pytest.mark.parametrize("text", [
    "(c) $\\theta_1 - \\theta_0 = [-0.001, 0.001, -0.001]$.\n\n**Rescaling the loss by $c>0$:** "
    "then $\\hat m \\to c\\,\\hat m$ and $\\hat v \\to c^2\\hat v$, so the update does not "
    "change, for every step.",
    "(c) θ₁ − θ₀ = [−0.001, 0.001, −0.001]\n\nRescaling the loss by c > 0: m and √v both grow "
    "by c ⇒ no change.",
    # "no change to the update" states the loss-scale ratio of one
    "(c) First step: θ₁ − θ₀ = −α·sign(g₁) = [−0.001, 0.001, −0.001]. Multiplying the loss by "
    "c > 0 multiplies m̂ and √v̂ alike — the update sees no change.",
    "(c) θ₁ − θ₀ = [−0.001, 0.001, −0.001]; rescaling the loss leaves the update unchanged.",
])
def test_how_an_ingredient_of_the_answer_transforms_is_not_the_answer(solved, text):
    part = _part(solved, ADAM, text, "c")
    assert part.verdict == "correct", part.findings


def test_a_symbol_defined_in_a_notation_table_is_substituted(solved):
    text = ("| symbol | meaning |\n|---|---|\n"
            "| $d_t$ | the step direction $\\hat m_t/(\\sqrt{\\hat v_t}+\\epsilon)$ |\n"
            "| $b_1(t),\\ b_2(t)$ | the factors $1-\\beta_1^t$ and $1-\\beta_2^t$ |\n\n"
            "## (a)\n\n$m_t = \\beta_1 m_{t-1} + (1-\\beta_1)g_t$, "
            "$v_t = \\beta_2 v_{t-1} + (1-\\beta_2)g_t^2$, $\\theta_t = \\theta_{t-1} - \\alpha d_t$"
            "\n\n## (b)\n\n$\\mathbb{E}[m_t] = b_1(t)\\,\\mathbb{E}[g]$ and "
            "$\\mathbb{E}[v_t] = b_2(t)\\,\\mathbb{E}[g^2]$, hence "
            "$\\mathbb{E}[\\hat m_t] = \\mathbb{E}[g]$ and $\\mathbb{E}[\\hat v_t] = \\mathbb{E}[g^2]$.")
    report = check_answer(solved(ADAM), text, strict_problem=False)
    parts = {p.label: p for p in report.parts}
    assert parts["a"].verdict == "correct", parts["a"].findings
    assert parts["b"].verdict == "correct", parts["b"].findings


_TABLE_UNDER_A_HEADING = (
    "## (c)\n\nThe first step is $\\theta_1-\\theta_0 = [-0.001, 0.001, -0.001]$ and it is "
    "unchanged under loss scaling.\n\n## (e)\n\n| | with L2 | decoupled |\n|---|---|---|\n"
    "| gradient used in $m, v$ | $g + \\lambda\\theta$ | $g$ |\n"
    "| shrink per step | depends on $\\hat v_i$ | $1 - \\alpha\\lambda = 0.99999$ |\n")
_TABLE_OF_CASES = (
    "## (d)\n\nThe largest step: $$|\\Delta\\theta_i| = \\alpha\\frac{1-\\beta_1}"
    "{\\sqrt{1-\\beta_2}} = \\sqrt{10}\\,\\alpha.$$\n\n"
    "| case | bound on $|\\Delta\\theta_i|$ |\n|---|---|\n"
    "| spike after zeros | $\\approx 3.16\\times10^{-3}$ |\n"
    "| steady gradients | $\\approx \\alpha = 10^{-3}$ |\n| first step | exactly $\\alpha$ |\n\n"
    "### Summary\n\n| topic | answer |\n|---|---|\n"
    "| max step | $\\sqrt{10}\\,\\alpha \\approx 0.0032$ |\n")


@pytest.mark.parametrize("text, label", [
    (_TABLE_UNDER_A_HEADING, "c"),  # its rows belong to (e), not to the parts they mention
    (_TABLE_OF_CASES, "d"),  # rows of other cases are not the part's final claim
])
def test_a_table_inside_a_part_is_read_as_that_parts_detail(solved, text, label):
    part = _part(solved, ADAM, text, label)
    assert part.verdict == "correct", part.findings


def test_a_signed_component_does_not_state_a_step_size(solved):
    text = ("## (c)\n\n| quantity | x | y | z |\n|---|---|---|---|\n"
            "| $\\theta_1-\\theta_0$ | **−0.001** | **+0.001** | **−0.001** |\n\n"
            "So $\\theta_1 - \\theta_0 = -\\alpha\\,\\mathrm{sign}(g_1)$.")
    part = _part(solved, ADAM, text, "c")
    assert "wrong-answer" not in _kinds(part), part.findings


_SPECTRAL_STEP = ("(e) $$u = -\\tfrac{\\alpha}{2}\\sigma_1 UV^\\top \\approx \\begin{bmatrix}0.2177 & "
                  "-0.9009\\\\ -1.2177 & -0.8664\\\\ 0.9354 & -0.9182\\end{bmatrix}$$ ")


@pytest.mark.parametrize("problem, text, label", [
    # a Latin letter for a Greek one, in plain text
    (QD, "(b) Equalise the two contraction factors: 1 - a = a*10 - 1, hence\n"
         "    a* = 2/11 ≈ 0.18\n    optimal rate 9/11 ≈ 0.82\n", "b"),
    # a value an arrow draws from the claim before it
    (QD, "**(c)** With $\\alpha = 0.15$ the slow factor is $0.85$, so rate $0.85$. Steps needed: "
         "$\\log(10^{-6})/\\log(0.85) \\approx 85.01$ → **86**.", "c"),
    # a comparison sets aside its own clause, not the conclusion after it
    (SD, "(b) $u = (-1.5, 1.5, -1.5)$, sign descent. In the Euclidean norm it measures $2.598$ "
         "versus $0.935$ for the step of (a); that is $2.78$ times as long.", "b"),
    # the objective at the answer's step is the minimum value
    (SD, "(c) Put the whole budget on the largest entry: $s = (-0.1, 0, 0)$ and "
         "$g^\\top s = -0.3$. That is greedy coordinate descent.", "c"),
    # an ingredient the update lacks is not an optimizer it names
    (SD, _SPECTRAL_STEP + "That is Muon / orthogonalised descent, with no momentum term.", "e"),
])
def test_correct_answers_in_their_own_words_are_correct(solved, problem, text, label):
    part = _part(solved, problem, text, label)
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("problem, text, label, kind", [
    (SD, "(b) $u = (-1.5, 1.5, -1.5)$, sign descent. In the Euclidean norm it measures $2.598$ "
         "versus $0.935$ for (a); so it is $3.5$ times as long.", "b", "wrong-answer"),
    (SD, _SPECTRAL_STEP + "That is Muon / momentum SGD.", "e", "over-reach"),
])
def test_the_same_readings_still_catch_a_wrong_part(solved, problem, text, label, kind):
    assert kind in _kinds(_part(solved, problem, text, label))


def test_a_display_inside_a_sentence_is_read_with_the_words_after_it(solved):
    text = ("(b) $u = (-1.5, 1.5, -1.5)$, sign descent. Its length is $2.598$ against $0.935$, "
            "so the new step is\n\n$$\\frac{2.598}{0.935} \\approx 2.78$$\n\ntimes as long.")
    assert _part(solved, SD, text, "b").verdict == "correct"


def test_a_plain_formula_followed_by_a_remark_in_brackets_is_read(solved):
    text = ("(a) The recursions, in plain text:\n\n"
            "    m_t = beta1 * m_{t-1} + (1 - beta1) * g_t      (running mean)\n"
            "    v_t = beta2 * v_{t-1} + (1 - beta2) * g_t^2    (squared entrywise)\n"
            "    theta_t = theta_{t-1} - alpha * mhat_t / (sqrt(vhat_t) + eps)\n")
    part = _part(solved, ADAM, text, "a")
    assert part.verdict == "correct", part.findings


_DT_TABLE = ("| scheme | messages | size of each message |\n|---|---|---|\n"
             "| all-to-all | n(n-1) | p |\n| parameter server | 2n | p |\n"
             "| ring all-reduce | 2n(n-1) | p/n @@ |\n")
_OC_B = ("## (b)\n\nSo the iterates end up at\n\n"
         "$$\\theta = \\frac{1}{1.11}(1,1,1) \\approx (0.901,\\ 0.901,\\ 0.901).$$\n\n"
         "With tiny steps one might instead end near $(0.990, 0.0990, 0.00990)$. @@")


@pytest.mark.parametrize("problem, text, label, over_reach", [
    (DT, _DT_TABLE.replace("@@", "(or else p/(n+1), it varies by library)"), "main", True),
    (DT, _DT_TABLE.replace("@@", "(n chunks of the vector)"), "main", False),
    (OC, _OC_B.replace("@@", "Either of the two points is a correct answer here."), "b", True),
    (OC, _OC_B.replace("@@", "That is not the limit of this method, though."), "b", False),
])
def test_an_answer_that_leaves_the_choice_between_values_open_over_reaches(
        solved, problem, text, label, over_reach):
    part = _part(solved, problem, text, label)
    assert part.claimed, part.findings
    assert ("over-reach" in _kinds(part)) is over_reach


def test_a_decorated_symbol_is_a_transformed_quantity_not_the_answer(solved):
    text = ("## (c)\n\nDividing each feature by its size gives the example $\\tilde x = (1,1,1)$. "
            "Then SGD ends at the least-norm point\n\n$$\\tilde\\theta = \\tfrac{1}{3}(1,1,1)$$"
            "\n\nand mapping it back is left to the reader.")
    assert _kinds(_part(solved, OC, text, "c")) == ["unanswered"]


@pytest.mark.parametrize("text, wrong", [
    ("(b) Every coordinate moves by the same amount, so the step is $-s\\,\\mathrm{sign}(g)$ "
     "for some scalar $s > 0$; finding $s$ is left for later.", False),
    ("(b) Every coordinate moves by the same amount: $u = -\\alpha\\,\\mathrm{sign}(g)$, where "
     "the length $\\alpha$ is fixed by the penalty.", True),
])
def test_a_step_with_a_length_the_answer_leaves_open_is_unanswered_not_wrong(solved, text,
                                                                           wrong):
    part = _part(solved, PLI, text, "b")
    assert ("wrong-answer" in _kinds(part)) is wrong
    assert part.verdict == ("incorrect" if wrong else "incomplete")


def test_a_plain_chain_broken_over_lines_at_an_operator_is_one_claim(solved):
    body = ("(d) With eps = 0 a coordinate can move by up to about alpha*(1-beta1)/sqrt(1-beta2)\n"
            "= sqrt(10)*alpha = 0.00316 in one step.\n\n")
    assert _part(solved, ADAM, body, "d").verdict == "correct"


# -- the answer's own symbol over an intermediate one, forms of the objective, rows by line ---

@pytest.mark.parametrize("text, kind", [
    # an intermediate named by another symbol, on an arrow line, before the step's own name
    ("(c) m1 = 0.1*g1 -> mhat1 = g1\n    v1 = 0.001*g1^2 -> vhat1 = [9, 0.25, 4]\n"
     "  theta_1 - theta_0 = [-0.001, 0.001, -0.001]\n", None),
    ("(c) v1 = 0.001*g1^2 -> vhat1 = [9, 0.25, 4]\n"
     "  theta_1 - theta_0 = [-0.003, 0.0005, -0.002]\n", "wrong-answer"),
])
def test_the_answers_own_symbol_is_final_over_an_intermediate_one(solved, text, kind):
    part = _part(solved, ADAM, text, "c")
    assert ("wrong-answer" in _kinds(part)) == (kind == "wrong-answer"), part.findings


@pytest.mark.parametrize("written, right", [
    ("g.d = -0.3", True), ("g·s = -0.3", True), ("$\\langle g, d\\rangle = -0.3$", True),
    ("g.d = -0.1", False)])
def test_the_objective_written_as_a_dot_product_states_the_minimum(solved, written, right):
    text = (f"(c) Spend the whole budget on coordinate 1: d = (-0.1, 0, 0), value {written}. "
            "This is coordinate descent.")
    part = _part(solved, SD, text, "c")
    assert (part.verdict == "correct") == right, part.findings


@pytest.mark.parametrize("matrix, right", [
    ("[ 0.2177  -0.9009\n           -1.2177  -0.8664\n            0.9354  -0.9182 ]", True),
    ("[ 0.2177  -0.9009\n           -1.2177  -0.8664\n            0.9354   0.9182 ]", False)])
def test_a_plain_matrix_one_row_per_line_continues_the_chain_above_it(solved, matrix, right):
    text = ("(e) The orthogonalised gradient, scaled:\n"
            "      u = -(alpha/2)*||G||_nuc * U V^T\n"
            f"        = {matrix}\n"
            "    That is Muon.\n")
    part = _part(solved, SD, text, "e")
    assert (part.verdict == "correct") == right, part.findings


def test_a_letter_named_for_an_expectation_stands_for_it(solved):
    text = ("(b) Suppose $\\mathbb{E}[g_s] = \\bar\\mu$ for all $s$. Then "
            "$\\mathbb{E}[m_t] = (1-\\beta_1^t)\\bar\\mu$ and hence $\\mathbb{E}[\\hat m_t] = "
            "\\bar\\mu$; likewise $\\mathbb{E}[\\hat v_t] = \\mathbb{E}[g^2]$.")
    assert _part(solved, ADAM, text, "b").verdict == "correct"
    wrong = text.replace("(1-\\beta_1^t)\\bar\\mu", "\\beta_1^t\\bar\\mu")
    assert "wrong-answer" in _kinds(_part(solved, ADAM, wrong, "b"))


def test_a_form_written_in_the_uncorrected_moments_states_the_update(solved):
    text = ("(a) $m_t = \\beta_1 m_{t-1} + (1-\\beta_1)g_t$, $v_t = \\beta_2 v_{t-1} + "
            "(1-\\beta_2)g_t^2$, $\\hat m_t = m_t/(1-\\beta_1^t)$, $\\hat v_t = v_t/(1-\\beta_2^t)$;"
            " so $\\Delta\\theta_t = -\\alpha\\,\\frac{m_t/(1-\\beta_1^t)}{\\sqrt{v_t/(1-\\beta_2^t)}"
            " + \\epsilon} = -\\alpha_t \\frac{m_t}{\\sqrt{v_t} + \\tilde\\epsilon}$.")
    part = _part(solved, ADAM, text, "a")
    assert part.verdict == "correct", part.findings
    wrong = text.replace("m_t/(1-\\beta_1^t)}{", "m_t/(1-\\beta_1)}{")
    assert "wrong-answer" in _kinds(_part(solved, ADAM, wrong, "a"))


@pytest.mark.parametrize("text", [
    "(a) Each mode is multiplied by 1 − αλ; stability needs α < 2/λ for both, so α < 2/L = 0.2.",
    "(a) We need |1 − 10α| < 1, i.e. the step size must satisfy α < 0.2.",
])
def test_a_strict_bound_on_the_step_states_the_largest_stable_step(solved, text):
    assert _part(solved, QD, text, "a").verdict == "correct"


def test_a_label_before_a_colon_names_the_value_after_it(solved):
    text = ("(b) $u = (-1.5, 1.5, -1.5)$ → **sign descent**.\n"
            "Euclidean length ratio: $\\dfrac{1.5\\sqrt3}{0.25\\sqrt{14}} \\approx 2.777$.")
    assert _part(solved, SD, text, "b").verdict == "correct"
    assert _part(solved, SD, text.replace("2.777", "1.389"), "b").verdict != "correct"


_CLOSING_TABLE = ("**(d)** Heavy ball with $\\alpha^\\star \\approx 0.2309$, $\\beta^\\star \\approx "
                  "0.2699$, rate $\\approx 0.5195$.\n\n"
                  "| | step | momentum | rate |\n|---|---|---|---|\n"
                  "| GD (stability) | $< 0.2$ | — | — |\n"
                  "| GD (optimal) | {step} | — | $0.818$ |\n"
                  "| GD, $\\alpha = 0.15$ | $0.15$ | — | $0.85$ |\n"
                  "| Heavy ball | $0.2309$ | $0.2699$ | $0.5195$ |\n")


@pytest.mark.parametrize("step, kind", [("$0.1818$", None), ("$0.2$", "inconsistency")])
def test_a_table_after_the_last_part_naming_every_part_is_the_summary(solved, step, kind):
    text = ("**(b)** $\\alpha^\\star = 2/11 \\approx 0.1818$, rate $9/11$.\n\n"
            + _CLOSING_TABLE.replace("{step}", step))
    part = _part(solved, QD, text, "b")
    assert (kind in _kinds(part)) if kind else part.verdict == "correct", part.findings


def test_a_remark_in_brackets_after_a_vector_leaves_the_vector(solved):
    text = ("(b) All coordinates move together, so\n"
            "        theta_O = [0.9009, 0.9009, 0.9009]   (= 100/111 each)\n")
    assert _part(solved, OC, text, "b").verdict == "correct"
    wrong = text.replace("0.9009, 0.9009, 0.9009", "0.9009, 0.0901, 0.0090")
    assert "wrong-answer" in _kinds(_part(solved, OC, wrong, "b"))


@pytest.mark.parametrize("text, right", [
    ("(a) m_t = beta1*m_{t-1} + (1-beta1)*g_t, v_t = beta2*v_{t-1} + (1-beta2)*g_t^2,\n"
     "    m^_t = m_t/(1-beta1^t), v^_t = v_t/(1-beta2^t),\n"
     "    theta_t = theta_{t-1} - alpha * m^_t / (sqrt(v^_t) + eps)\n", True),
    ("(a) m_t = beta1*m_{t-1} + (1-beta1)*g_t, v_t = beta2*v_{t-1} + (1-beta2)*g_t^2,\n"
     "    theta_t = theta_{t-1} - alpha * m^_t / (v^_t + eps)\n", False),
])
def test_a_caret_after_a_letter_is_its_hat_in_plain_text(solved, text, right):
    part = _part(solved, ADAM, text, "a")
    assert (part.verdict == "correct") == right, part.findings


def test_a_display_in_a_closing_summary_belongs_to_the_line_above(solved):
    text = ("**Answer**\n\n**(a)** GD is stable iff α < 2/λ_max:\n$$\\alpha < 0.2 .$$\n\n"
            "**(c)** The rate is $0.85$. We need\n$$\\left( 0.85 \\right^{k} \\le 10^{-6}$$\n"
            "so $k = 86$.\n")
    report = check_answer(solved(QD), text, strict_problem=False)
    bad = {p.label for p in report.parts if any(f.kind == "unrenderable-formula"
                                                for f in p.findings)}
    assert bad == {"c"}


def test_a_faint_word_for_a_quantity_the_part_does_not_ask_does_not_hide_its_answers(solved):
    text = ("### (c) $\\ell_1$-ball constraint, radius $0.1$\n\n"
            "$d^* = (-0.1,\\ 0,\\ 0)$ and $g^\\top d^* = -0.3$: coordinate descent.\n")
    assert _part(solved, SD, text, "c").verdict == "correct"
    assert _part(solved, SD, text.replace("-0.3", "-0.1"), "c").verdict != "correct"


@pytest.mark.parametrize("a, b", [("a)", "b)"), ("**a)**", "**b)**"), ("a.", "b."),
                                  ("## a.", "## b."), ("**a.**", "**b.**")])
def test_parts_labelled_with_a_bare_letter_are_split(solved, a, b):
    text = (f"{a} GD is stable iff |1 - 10α| < 1, so α_max = 0.2.\n\n"
            f"{b} α* = 2/11 and the optimal rate is ρ* = 9/11.\n")
    report = check_answer(solved(QD), text, strict_problem=False)
    verdicts = {p.label: p.verdict for p in report.parts}
    assert verdicts["a"] == verdicts["b"] == "correct", verdicts


def test_a_lone_symbol_after_of_size_is_the_message_size(solved):
    text = ("All-to-all: n(n-1) messages of size p. Parameter server: 2n messages of size p. "
            "Ring all-reduce: 2n(n-1) messages of size p/n.")
    assert _part(solved, DT, text, "main").verdict == "correct"
    wrong = text.replace("of size p/n", "of size p")
    assert _part(solved, DT, wrong, "main").verdict != "correct"


def test_a_table_naming_the_quantity_in_a_cell_before_the_value(solved):
    text = ("| Part | Quantity | Value |\n|---|---|---|\n"
            "| (a) | max stable step | 0.2 |\n| (b) | optimal step | 2/11 |\n"
            "| (b) | optimal rate | 9/11 |\n| (c) | rate | 0.85 |\n| (c) | iterations | 86 |\n")
    report = check_answer(solved(QD), text, strict_problem=False)
    verdicts = {p.label: p.verdict for p in report.parts}
    assert verdicts["a"] == verdicts["b"] == verdicts["c"] == "correct", verdicts
    wrong = text.replace("| optimal rate | 9/11 |", "| optimal rate | 10/11 |")
    report = check_answer(solved(QD), wrong, strict_problem=False)
    assert {p.label: p.verdict for p in report.parts}["b"] == "incorrect"


@pytest.mark.parametrize("sign, right", [("\\text{sign}", True), ("\\textrm{sgn}", True),
                                         ("\\text{sign}", False)])
def test_a_function_name_written_as_text_is_a_function(solved, sign, right):
    norm = "\\|g\\|_1" if right else "\\|g\\|_\\infty"
    text = f"**(b)** $$u = -\\frac{{\\alpha}}{{2}}{norm}\\,{sign}(g).$$ This is **sign descent**."
    part = _part(solved, PLI, text, "b")
    assert (part.verdict == "correct") == right, part.findings


_NUMBERED_QD = ("1. Stable iff |1 − 10α| < 1, so α_max = 0.2.\n"
                "2. α* = 2/11 ≈ 0.182, optimal rate ρ* = 9/11 ≈ 0.818.\n"
                "3. At α = 0.15 the rate is 0.85; k = 86 iterations.\n"
                "4. Heavy ball: α ≈ 0.2309, β ≈ 0.2699, rate ≈ 0.5195.\n")


@pytest.mark.parametrize("text, wrong", [
    (_NUMBERED_QD, None),
    (_NUMBERED_QD.replace("k = 86", "k = 20"), "c"),
    # numbers that are not one per part stay numbers
    ("1. Stable iff α < 0.2.\n2. α* = 2/11.\n", "unnumbered"),
])
def test_parts_numbered_where_the_problem_letters_them(solved, text, wrong):
    report = check_answer(solved(QD), text, strict_problem=False)
    verdicts = {p.label: p.verdict for p in report.parts}
    if wrong == "unnumbered":
        assert verdicts["c"] != "correct"
    elif wrong is None:
        assert set(verdicts.values()) == {"correct"}, verdicts
    else:
        assert verdicts[wrong] == "incorrect" and verdicts["a"] == "correct", verdicts


@pytest.mark.parametrize("text", [
    "(b) α* = 2/11 and the contraction factor is 9/11.",
    "(b) α* = 2/11; convergence factor (κ−1)/(κ+1) = 9/11.",
])
def test_a_contraction_or_convergence_factor_is_the_rate(solved, text):
    assert _part(solved, QD, text, "b").verdict == "correct"


_ASCII_ADAM = ("a) m_t = b1*m_{t-1} + (1-b1)*g_t ; v_t = b2*v_{t-1} + (1-b2)*g_t^2\n"
               "   mhat = m_t/(1-b1^t), vhat = v_t/(1-b2^t)\n"
               "   theta_t = theta_{t-1} - lr * mhat/(sqrt(vhat)+eps)\n")


@pytest.mark.parametrize("text, right", [
    (_ASCII_ADAM, True),
    (_ASCII_ADAM.replace("(1-b1)*g_t", "b1*g_t"), False),
    (_ASCII_ADAM.replace("mhat/(sqrt(vhat)+eps)", "mhat/(vhat+eps)"), False),
])
def test_plain_text_adam_with_b1_b2_lr_and_index_free_hats(solved, text, right):
    part = _part(solved, ADAM, text, "a")
    assert (part.verdict == "correct") == right, part.findings


@pytest.mark.parametrize("text, right", [
    ("(d) The per-coordinate step is bounded by α(1−β₁)/√(1−β₂) ≈ 3.16 × 10⁻³.", True),
    ("(d) The per-coordinate step is bounded by α(1−β₁)/(1−β₂) ≈ 0.1.", False),
])
def test_bounded_by_states_the_bound(solved, text, right):
    part = _part(solved, ADAM, text, "d")
    assert (part.verdict == "correct") == right, part.findings


def test_an_order_of_magnitude_bound_is_not_the_bound(solved):
    text = ("(d) Typically |step| ≤ ~α. Worst case: |Δθ| ≤ α(1−β₁)/√(1−β₂) = √10·α ≈ 3.16e-3.")
    part = _part(solved, ADAM, text, "d")
    assert part.verdict == "correct", part.findings
