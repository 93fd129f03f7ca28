"""Claims found by structure in layouts the readers met late: update rules in a plain code
fence, two definitions on one line, a formula worked out to its number in a line of prose, and
a table whose rows are labelled by a part's bare letter. Each both ways: a right answer is
correct, a wrong one is still caught."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

from optiproof.checking.document import read_document

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"


_part, _kinds = graded_part, finding_kinds


def test_a_plain_fence_holds_formulas_and_a_program_fence_code():
    kinds = [ln.kind for ln in read_document(
        "```\nm = b1*m + (1-b1)*g\n```\n```python\nm = b1*m + (1-b1)*g\n```\n").lines]
    assert kinds == ["code", "display", "code", "code", "code", "code"]
    kinds = [ln.kind for ln in read_document("```text\nfor i in range(3):\n```\n").lines]
    assert kinds == ["code", "code", "code"]


@pytest.mark.parametrize("delimiter", ["|:-:|---|", "|-|-|", "| :- | -: |", "|---|---|"])
def test_a_delimiter_row_needs_one_dash_per_cell(delimiter):
    doc = read_document(f"| # | result |\n{delimiter}\n| c | 1 |\n")
    assert len(doc.tables) == 1 and doc.tables[0].rows[0].cells[1].text == "1"
    assert [ln.kind for ln in read_document("- item\n-\n").lines] == ["list", "text"]


RULES = {
    "fence-unicode": ("(a) The rule:\n\n```\nm_t = β₁ m_{t−1} + (1 − β₁) g_t\n"
                      "v_t = β₂ v_{t−1} + (1 − β₂) g_t²\nm̂_t = m_t/(1 − β₁ᵗ)\n"
                      "v̂_t = v_t/(1 − β₂ᵗ)\nθ_t = θ_{t−1} − α m̂_t/(√v̂_t + ε)\n```\n"),
    "fence-ascii": ("(a)\n~~~text\nm_t = beta1*m_{t-1} + (1-beta1)*g_t\n"
                    "v_t = beta2*v_{t-1} + (1-beta2)*g_t^2\n"
                    "mhat_t = m_t/(1-beta1^t)\nvhat_t = v_t/(1-beta2^t)\n"
                    "theta_t = theta_{t-1} - alpha*mhat_t/(sqrt(vhat_t) + eps)\n~~~\n"),
    "one-display-latex": ("## Part (a)\n\\[ m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t,\\qquad "
                          "v_t = \\beta_2 v_{t-1} + (1-\\beta_2) g_t^2, \\]\n"
                          "corrected as $\\hat m_t = m_t/(1-\\beta_1^t)$, "
                          "$\\hat v_t = v_t/(1-\\beta_2^t)$, then\n"
                          "$$\\theta_t = \\theta_{t-1} - \\alpha \\hat m_t/(\\sqrt{\\hat v_t}"
                          " + \\epsilon)$$\n"),
    "one-line-plain": ("a) moments:  m_t = 0.9 m_{t-1} + 0.1 g_t,  v_t = 0.999 v_{t-1} + "
                       "0.001 g_t^2\n   bias-corrected: m̂_t = m_t/(1-0.9^t), "
                       "v̂_t = v_t/(1-0.999^t)\n"
                       "   θ_t = θ_{t-1} - 0.001 m̂_t/(√v̂_t + ε)\n"),
}


@pytest.mark.parametrize("name", sorted(RULES))
def test_the_update_rule_is_read_from_fences_and_shared_lines(solved, name):
    part = _part(solved, ADAM, RULES[name], "a")
    assert part.verdict == "correct" and not part.findings, part.findings


@pytest.mark.parametrize("name", ["fence-unicode", "one-line-plain"])
def test_a_wrong_second_moment_on_a_shared_line_is_still_caught(solved, name):
    wrong = RULES[name].replace("g_t²", "g_t").replace("0.001 g_t^2", "0.001 g_t")
    assert "wrong-answer" in _kinds(_part(solved, ADAM, wrong, "a"))


@pytest.mark.parametrize("text", [
    "(d) first step is exactly α; worst case: α(1−β1)/√(1−β2) = 0.001·0.1/0.0316 ≈ 0.00316",
    "(d) After a long stretch of tiny gradients and then a spike, the worst case works out as "
    "alpha*(1-beta1)/sqrt(1-beta2) = 1e-3*0.1/0.03162 = 0.00316 per coordinate.",
    "d) Worst case bound, worked out: 0.001 × 0.1 / √0.001 ≈ 3.16e-3",
])
def test_a_formula_worked_out_to_its_number_answers_a_one_quantity_part(solved, text):
    part = _part(solved, ADAM, text, "d")
    assert part.verdict == "correct" and not part.findings, part.findings


def test_a_worked_out_number_that_is_wrong_is_not_accepted(solved):
    part = _part(solved, ADAM, "(d) worst case: α(1−β1)/√(1−β2) = 0.001·0.5/0.0316 "
                               "≈ 0.0158", "d")
    assert part.verdict != "correct"


LETTERED = {
    "pipes": "| part | answer |\n|---|---|\n| c | θ₁−θ₀ = {step} |\n| d | ≈ 0.00316 |\n",
    "bold": "| | result |\n|:-:|---|\n| **c** | {step} |\n| **d** | 3.16e-3 |\n",
    "bracketed": "|Q|A|\n|-|-|\n|[c]|θ₁ − θ₀ = {step}|\n|[d]|α(1−β₁)/√(1−β₂) ≈ 0.00316|\n",
}
BODY = ("(c) m̂₁ = g₁, v̂₁ = g₁², so θ₁ − θ₀ = −α sign(g₁) = [−0.001, 0.001, −0.001]. "
        "Rescaling the loss by c > 0 leaves the update unchanged.\n\n"
        "(e) With L2 the gradient becomes g + λθ, then\n\n")


@pytest.mark.parametrize("name", sorted(LETTERED))
def test_rows_labelled_by_a_bare_letter_are_that_parts_summary(solved, name):
    right = BODY + LETTERED[name].format(step="[−0.001, 0.001, −0.001]")
    assert _kinds(_part(solved, ADAM, right, "c")) == []
    wrong = BODY + LETTERED[name].format(step="[−0.001, −0.001, −0.001]")
    assert _kinds(_part(solved, ADAM, wrong, "c")) == ["inconsistency"]


def test_a_topic_column_of_letters_that_are_not_parts_is_not_lettered(solved):
    text = BODY + "| x | value |\n|---|---|\n| q | 3 |\n| z | 4 |\n"
    assert _kinds(_part(solved, ADAM, text, "c")) == []


PAIRED = {
    "table-slash": ("| Quantity | Value |\n|---|---|\n| Optimal GD step / rate | "
                    "$2/11 \\approx 0.182$ / $9/11 \\approx 0.818$ |\n"),
    "table-and": "| what | value |\n|---|---|\n| optimal step and rate | 0.1818, 0.8182 |\n",
    "summary-line": "Summary:\n(b) optimal step, rate: 2/11, 9/11\n",
}
BODY_B = ("(b) Balancing the two factors gives α* = 2/11 and ρ* = 9/11.\n\n")


@pytest.mark.parametrize("name", sorted(PAIRED))
def test_a_label_naming_two_quantities_pairs_them_with_its_values_in_order(solved, name):
    part = _part(solved, QD, BODY_B + PAIRED[name], "b")
    assert part.verdict == "correct" and not part.findings, part.findings


@pytest.mark.parametrize("name", sorted(PAIRED))
def test_values_swapped_against_their_label_are_caught(solved, name):
    swapped = PAIRED[name].replace("0.182", "@").replace("0.818", "0.182").replace("@", "0.818")
    swapped = swapped.replace("2/11", "#").replace("9/11", "2/11").replace("#", "9/11")
    swapped = swapped.replace("0.1818", "@").replace("0.8182", "0.1818").replace("@", "0.8182")
    part = _part(solved, QD, BODY_B + swapped, "b")
    assert part.verdict == "incorrect", part.findings


SD = "src/optiproof/problems/steepest-descent-numeric.yaml"
SD_B = "(b) u = -(alpha/2)*||g||_1*sign(g) = (-1.5, 1.5, -1.5), sign descent.\n"


@pytest.mark.parametrize("ratio", [
    "    ||u_b||_2 / ||u_a||_2 = (1.5*sqrt(3)) / (0.25*sqrt(14)) = sqrt(54/7) ~ @",
    "$$\\frac{\\|u_\\infty\\|_2}{\\|u_2\\|_2} = \\sqrt{54/7} \\approx @$$",
    "Length ratio: ‖u_∞‖₂/‖u₂‖₂ ≈ @",
])
def test_a_ratio_of_norms_named_by_other_indices_is_the_asked_ratio(solved, ratio):
    part = _part(solved, SD, SD_B + ratio.replace("@", "2.777") + "\n", "b")
    assert part.verdict == "correct" and not part.findings, part.findings
    wrong = ratio.replace("@", "2.60").replace("sqrt(54/7)", "2.6").replace("\\sqrt{54/7}", "2.6")
    assert "wrong-answer" in _kinds(_part(solved, SD, SD_B + wrong + "\n", "b"))


@pytest.mark.parametrize("step", [
    "    At alpha = 0.5: coefficient 2 - 6 = -4, so the objective is unbounded below.",
    "$$\\text{at } \\alpha = 0.5:\\ 2 - 6 = -4 \\Rightarrow \\text{unbounded below}$$",
    "At α = 0.5 the coefficient is 2 − 6 = −4 and the objective goes to −∞.",
])
def test_arithmetic_on_the_way_is_not_the_answer(solved, step):
    text = ("(d) Zero is optimal while 1/alpha >= ||g||_1 = 6, so the threshold is "
            "alpha = 1/6.\n" + step + "\n")
    assert "wrong-answer" not in _kinds(_part(solved, SD, text, "d"))


DT = "src/optiproof/problems/texts/distributed-training.txt"
GRIDS = {
    "blank-corner": ("                   | # messages sent | size of each message\n"
                     "  -----------------+-----------------+---------------------\n"
                     "  all-to-all       | n(n-1)          | {a2a}\n"
                     "  parameter server | 2n              | p\n"
                     "  ring all-reduce  | 2n(n-1)         | p/n\n"),
    "blank-corner-tight": ("           | messages | message size\n"
                           "-----------+----------+-------------\n"
                           "all-to-all | n(n-1) | {a2a}\nparameter server | 2n | p\n"
                           "ring all-reduce | 2n(n-1) | p/n\n"),
    "markdown": ("|  | messages | size of each message |\n|---|---|---|\n"
                 "| all-to-all | n(n-1) | {a2a} |\n| parameter server | 2n | p |\n"
                 "| ring all-reduce | 2n(n-1) | p/n |\n"),
}


@pytest.mark.parametrize("name", sorted(GRIDS))
def test_a_grid_with_a_blank_corner_keeps_its_columns(solved, name):
    right = _part(solved, DT, GRIDS[name].replace("{a2a}", "p"), "main")
    assert right.verdict == "correct" and not right.findings, right.findings
    wrong = _part(solved, DT, GRIDS[name].replace("{a2a}", "p/n"), "main")
    assert "wrong-answer" in _kinds(wrong)


@pytest.mark.parametrize("rate", [
    "$\\rho(0.15) = \\max(0.85,\\ 0.5) = @$",
    "ρ(α = 0.15) = max(|1 − 0.15|, |1 − 1.5|) = @",
    "rho(alpha=0.15) = @ (the slow direction dominates)",
])
def test_a_symbol_at_a_given_value_states_that_symbol(solved, rate):
    text = "(c) " + rate + ". We need 0.85^k ≤ 10^-6, so k = 86 iterations.\n"
    part = _part(solved, QD, text.replace("@", "0.85"), "c")
    assert part.verdict == "correct" and not part.findings, part.findings
    assert "wrong-answer" in _kinds(_part(solved, QD, text.replace("@", "0.5"), "c"))


SD_RATIO = ("(b) $u = -\\tfrac{\\alpha}{2}\\|g\\|_1 \\operatorname{sign}(g) = (-1.5, 1.5, -1.5)$, "
            "sign descent. $\\|u_b\\|_2 = 2.598$, $\\|u_a\\|_2 = 0.935$, ratio "
            "$= 2.598/0.935 \\approx {body}$.\n\n"
            "| Part | Answer |\n|---|---|\n| (a) | $(-0.75, 0.25, -0.5)$, GD |\n"
            "| (b) | $(-1.5, 1.5, -1.5)$, sign descent, ratio "
            "$\\approx {table}$ |\n")
QD_MOMENTUM = ("(d) Heavy ball, Polyak's choice:\n\n- α = 4/(√L + √μ)² ≈ 0.2309\n"
               "- β = ((√κ − 1)/(√κ + 1))² ≈ {body}\n- rate = (√κ − 1)/(√κ + 1) ≈ 0.5195\n\n"
               "| | step size | momentum | rate |\n|---|---|---|---|\n"
               "| GD, optimal | 2/11 | — | 9/11 |\n| GD, α = 0.15 | 0.15 | — | 0.85 |\n"
               "| Heavy ball | 0.2309 | {table} | 0.5195 |\n")


QD_PLAIN = ("(d) heavy ball: alpha = 0.2309, and then beta = ((sqrt(10)-1)/(sqrt(10)+1))^2 = "
            "{body}, rate 0.5195.\n\npart | step | momentum | rate\n-----|------|----------|-----\n"
            "b    | 2/11 | -        | 9/11\nd    | 0.2309 | {table} | 0.5195\n")


@pytest.mark.parametrize("problem, label, text", [
    (SD, "b", SD_RATIO), (QD, "d", QD_MOMENTUM), (QD, "d", QD_PLAIN)])
def test_a_summary_that_contradicts_a_right_body_is_an_inconsistency(solved, problem, label,
                                                                      text):
    right = {"b": ("2.78", "2.78"), "d": ("0.2699", "0.2699")}[label]
    wrong = {"b": "2.60", "d": "0.5195"}[label]
    fill = (lambda t, b, s: t.replace("{body}", b).replace("{table}", s))
    assert _kinds(_part(solved, problem, fill(text, *right), label)) == []
    assert _kinds(_part(solved, problem, fill(text, right[0], wrong), label)) == ["inconsistency"]
    # the same wrong value in the body and the table is a wrong answer, not an inconsistency
    assert _kinds(_part(solved, problem, fill(text, wrong, wrong), label)) == ["wrong-answer"]


def test_a_row_named_by_its_method_and_a_word_of_the_asked_quantity_finds_its_part(solved):
    part = _part(solved, QD, QD_MOMENTUM.replace("{body}", "0.2699").replace("{table}", "0.2699")
                 .replace("2/11", "0.1"), "b")
    assert "wrong-answer" in _kinds(part)


OC = "src/optiproof/problems/texts/optimizer-convergence.txt"
LIMIT_A = "θ = [1, 0.1, 0.01]/1.0101 ≈ [0.990, 0.0990, 0.00990]"


@pytest.mark.parametrize("label", ["Q(a):", "**Q (a)**", "Qn(a)"])
def test_parts_labelled_q_a_open_their_part(solved, label):
    text = f"{label} SGD from zero converges to the min-norm solution {LIMIT_A}.\n"
    part = _part(solved, OC, text, "a")
    assert part.verdict == "correct" and not part.findings, part.findings


@pytest.mark.parametrize("sentence", [
    "This is the same limit you get from GD, heavy-ball momentum and Adam.",
    "GD, Nesterov and Adam all reach the same point as SGD here.",
    "Adam lands on the same solution as plain gradient descent, the min-norm one.",
])
def test_other_optimizers_given_the_same_limit_are_over_reach(solved, sentence):
    text = f"(a) SGD converges to the min-norm solution {LIMIT_A}. {sentence}\n"
    assert "over-reach" in _kinds(_part(solved, OC, text, "a"))


@pytest.mark.parametrize("sentence", [
    "Full-batch GD reaches the same limit as SGD.",
    "Unlike SGD, Adam does not reach the same limit (see (b)).",
    "Gradient descent gives the same point, since its steps also stay in the span of x.",
])
def test_the_same_limit_for_the_parts_own_method_is_not_over_reach(solved, sentence):
    text = f"(a) SGD converges to the min-norm solution {LIMIT_A}. {sentence}\n"
    assert "over-reach" not in _kinds(_part(solved, OC, text, "a"))
