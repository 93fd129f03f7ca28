"""Steepest-descent reading: the penalty weight in other notations, step lengths measured in a
named norm, "which one?" after an identification context, the Hölder conjugate asked as "q",
answer-format and setting sentences, the RMS norm with its written definition, PDF garble."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, read_report
from optiproof.reading.questions import read_questions


def _complete(text: str):
    """The reading of ``text``, which must be complete."""
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    return reading


def _alpha(text: str):
    return [p.value("alpha") for p in _complete(text).parts]


@pytest.mark.parametrize("text, alpha", [
    ("Let g = (1, -2). Find u = argmin_d g^T d + 1/(2*eta) * ||d||_2^2 with eta = 0.25.", "1/2"),
    ("Let g = (1, -2). Find u = argmin_d g^T d + (1/(2η))·‖d‖_2^2, where η = 0.4.", "4/5"),
    ("Let g = (1, -2). Compute u = argmin_d g^T d + (λ/2) ‖d‖_2^2 with λ = 4.", "1/2"),
    ("Let g = (1, -2). Compute u = argmin_d g^T d + 1/(2 lr) ‖d‖_2^2 where lr = 0.05.", "1/10"),
    ("Let g = (1, -2). Compute u = argmin_d g^T d + 5 ‖d‖_2^2.", "1/5"),
    ("Let g = (1, -2) and α = 0.3. Compute u = argmin_d g^T d + ‖d‖_2^2/(2α).", "3/5"),
    ("Let g = (1, -2). Compute u = argmin_d g^T d + ‖d‖_2^2 / 4.", "4"),
    (r"Let $g = (1, -2)$ and $\eta = 0.1$. Find $u = \arg\min_d g^\top d + "
     r"\frac{\|d\|_2^2}{2\eta}$.", "1/5"),
])
def test_penalty_weight_written_otherwise_becomes_alpha(text, alpha):
    got = _alpha(text)
    assert all(Fraction(str(a)) == Fraction(alpha) for a in got), got


@pytest.mark.parametrize("text, formula", [
    ("Let g be the gradient. Find u = argmin_d g^T d + 1/(2η) ‖d‖_2^2 as a function of η.",
     "2*eta"),
    ("Let g be the gradient. Find u = argmin_d g^T d + (γ/2)‖d‖_∞^2 in terms of γ.", "2/gamma"),
    ("Let g be the gradient. Find u = argmin_d g^T d + 1/(2α) ‖d‖_1^2.", "2*alpha"),
])
def test_symbolic_weight_becomes_a_formula_in_alpha(text, formula):
    assert _alpha(text) == [formula]


@pytest.mark.parametrize("term", ["1/(α+1) ‖d‖_2^2", "α^2 ‖d‖_2^2", "exp(α) ‖d‖_2^2",
                                  "(1/2)‖d‖_2^2/α", "‖d‖_2^2/(α+1)"])
def test_unreadable_weight_is_refused_naming_it(term):
    reading = read_report(f"Let g be the gradient. Find u = argmin_d g^T d + {term}.")
    with pytest.raises(ReadingIncomplete):
        reading.to_problem()
    assert any("alpha" in line for line in reading.unread())


def test_weight_in_eta_solves_to_minus_eta_g():
    """Independent check: g^T d + ‖d‖²/(2η) is minimised where g + d/η = 0, i.e. d = -η g."""
    g, eta = np.array([3.0, -1.0, 2.0]), 0.2
    text = ("Let g = (3, -1, 2) be the gradient. Compute d* = argmin_d g^T d + "
            "1/(2*eta) * ||d||_2^2 with eta = 0.2.")
    solution = solve_problem(read_report(text).to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    answer = next(a for p in solution.to_dict()["parts"] for a in p["answers"]
                  if a["quantity"] == "update")
    assert np.allclose(answer["value"], -eta * g)


@pytest.mark.parametrize("question, measure", [
    ("What is the Euclidean length ‖d*‖_2 of this step?", "l2"),
    ("Compute the l1 length of the step.", "l1"),
    ("What is ‖Δθ‖_1?", "l1"),
])
def test_length_asked_in_another_norm_keeps_the_objective_norm(question, measure):
    text = ("Let g = (4, -1, 2) and α = 1. The step is Δθ = argmin_d g^T d + (1/α)‖d‖_∞^2.\n"
            f"(a) Find Δθ.\n(b) {question}")
    reading = _complete(text)
    b = reading.parts[1]
    assert b.value("norm") == "linf"
    lengths = [a for a in b.value("asks") if isinstance(a, dict)]
    assert lengths and lengths[0]["measure"] == measure


@pytest.mark.parametrize("text", [
    "The direction is, up to scale, that of a classic optimizer. Which one?",
    "People say this reduces to some well-known method - which one?",
    "Up to a constant this is a famous algorithm. Which?",
])
def test_which_one_takes_the_noun_before_it(text):
    asks = [a.quantity for a in read_questions(text).asks]
    assert asks == ["identification"]


def test_which_one_without_an_antecedent_stays_unplaced():
    q = read_questions("Two steps were computed above. Which one?")
    assert [r.asks for r in q.requests] == [()]


@pytest.mark.parametrize("sentence", ["Give the number.", "(just the two numbers is fine)",
                                      "Only the numbers, please."])
def test_answer_format_sentences_are_not_requests(sentence):
    q = read_questions(f"What is the optimal value? {sentence}")
    assert len(q.requests) == 1 and q.requests[0].asks


def test_setting_sentence_beside_a_question_is_not_a_request():
    q = read_questions("Now solve the same problem with the l1 ball of radius 2 instead. "
                       "What is the optimal value?")
    assert len(q.requests) == 1


def test_setting_sentence_alone_stays_a_request():
    q = read_questions("Now solve the same problem with the l1 ball of radius 2 instead.")
    assert len(q.requests) == 1 and not q.requests[0].asks


def test_q_asks_the_hoelder_conjugate_once_defined():
    text = ("Let p = 4 and let q satisfy 1/p + 1/q = 1. Let g = (1, 2) and the step "
            "u = argmin_d g^T d + (1/α)‖d‖_p^2 with α = 1.\n(a) What is q?\n(b) Find u.")
    reading = _complete(text)
    assert reading.parts[0].value("asks") == ["holder-conjugate"]


def test_part_radius_wins_over_the_shared_one():
    text = ("Let g = (3, 4) and η = 0.1. Take d* = argmin_d g^T d subject to ‖d‖_2 ≤ η.\n"
            "(a) Find d*.\n(b) Constrained version with a larger ball: minimise g^T d subject "
            "to ‖d‖_2 ≤ 2. Give the minimiser.")
    reading = _complete(text)
    assert [Fraction(str(p.value("eta"))) for p in reading.parts] == [Fraction(1, 10), 2]


def test_rms_definition_is_checked_against_the_gradient_size():
    ok = ("The RMS norm is ‖d‖_RMS = ‖d‖_2/√n with n = 3. Let g = (1, 2, 2). Find "
          "d* = argmin_d g^T d subject to ‖d‖_RMS ≤ 0.5.")
    reading = _complete(ok)
    assert reading.parts[0].value("norm") == "rms"
    bad = ok.replace("n = 3", "n = 5")
    reading = read_report(bad)
    assert not reading.complete
    assert any("√5" in line for line in reading.unread())


def test_pdf_star_and_rms_index_are_read():
    text = ("For d ∈ Rn let kdkRMS = kdk2 /√n and n = 2. Let g = (3, −4)> . Consider\n"
            "d? = arg min hg, di subject to kdkRMS ≤ 1.\n(a) Compute d? explicitly.\n"
            "(b) Compute the Euclidean length kd? k2 .\n\n\n                        7\n")
    reading = _complete(text)
    assert [p.value("norm") for p in reading.parts] == ["rms", "rms"]
    assert any("page number" in r for r in reading.removed)


@pytest.mark.parametrize("text, asks", [
    # a norm the part replaces is consumed, never a candidate
    ("Let g = (1, -2, 2) and α = 2. The step is u = argmin_d g^T d + (1/α)‖d‖_2^2.\n"
     "(a) Find u.\n(b) Find u again with ‖d‖_2^2 replaced by ‖d‖_1^2.\n"
     "(c) Replace the Euclidean norm by the max norm. Compute u.", ["update"]),
    # "Same for ..." parts inherit the request, also from a part that inherited it
    ("Let g = (1, -4, 2) and η > 0. Consider d* = argmin_d g^T d s.t. ‖d‖ ≤ η.\n"
     "(a) Find d* and the optimal value for the l2 norm.\n(b) Same for the l1 norm.\n"
     "(c) Same for the max norm.", ["update", "min-value"]),
])
def test_each_part_takes_its_own_norm(text, asks):
    reading = _complete(text)
    assert [p.value("norm") for p in reading.parts] == ["l2", "l1", "linf"]
    assert all(p.value("asks") == asks for p in reading.parts)


@pytest.mark.parametrize("question", [
    "What is the largest α for which d = 0 is a minimiser?",
    "Find the biggest α such that the minimiser is zero.",
])
def test_largest_alpha_with_zero_step_is_the_threshold(question):
    text = ("Let g = (3, 4). Consider the plain penalty g^T d + (1/α)‖d‖_2 (not squared). "
            + question)
    reading = _complete(text)
    assert "threshold" in reading.parts[0].value("asks")


def test_roman_back_reference_and_closing_remark():
    text = ("Let g = (1, -1) and α > 0. Let u = argmin_d g^T d + (1/α)‖d‖_2^2.\n"
            "(i) compute u as a function of α.\n(ii) the optimal value.\n"
            "(iii) Repeat (i) with ‖d‖_2^2 replaced by ‖d‖_∞^2.\n\n"
            "Remark. In (iii) the direction is the sign of the gradient, as in sign descent.\n")
    reading = _complete(text)
    assert [p.value("asks") for p in reading.parts][2] == ["update"]
    assert any("closing remark" in r for r in reading.removed)


def test_remark_with_data_stays_in_the_part():
    text = ("Let g = (1, -1) and α > 0. Let u = argmin_d g^T d + (1/α)‖d‖_2^2.\n"
            "(a) compute u.\n(b) the optimal value.\n\nRemark: use α = 2 in (b).\n")
    reading = read_report(text)
    assert not any("closing remark" in r for r in reading.removed)


def test_pdf_inline_inverse_weight():
    text = ("Let g = (3, 4)> . For the plain penalty g> d + α1 kdk2 , find the largest α for "
            "which d = 0 is a minimiser.")
    reading = _complete(text)
    assert reading.parts[0].value("form") == "penalty"
    assert reading.parts[0].value("alpha") == "alpha"




@pytest.mark.parametrize("written, entries", [
    ("G = (1/5) [[5, -10], [0, 15]]", [[1, -2], [0, 3]]),
    ("G = 2 [[1, 0], [0, 0.5]]", [[2, 0], [0, 1]]),
    ("G = (1)/(4) [[2, 6], [-2, 4]]", [[0.5, 1.5], [-0.5, 1]]),
])
def test_gradient_matrix_with_a_scalar_factor(written, entries):
    text = (f"The gradient of a weight matrix is {written}. Find ΔW = argmin_Δ ⟨G, Δ⟩ subject "
            "to ‖Δ‖_op ≤ 0.1.")
    reading = _complete(text)
    got = reading.parts[0].value("gradient")
    assert [[Fraction(str(x)) for x in row] for row in got] == \
        [[Fraction(str(x)) for x in row] for row in entries]


def test_stated_svd_is_checked_and_consumed():
    base = ("The gradient is G = [[3, 0], [0, 2]] = U Σ V^T with U = [[1, 0], [0, 1]], "
            "Σ = [[3, 0], [0, {s}]], V = [[1, 0], [0, 1]]. Find ΔW = argmin_Δ ⟨G, Δ⟩ subject "
            "to ‖Δ‖_2→2≤ 0.5.")
    reading = _complete(base.format(s=2))
    assert reading.parts[0].value("norm") == "spectral"
    wrong = read_report(base.format(s=5))
    assert not wrong.complete
    assert any("does not multiply out" in line for line in wrong.unread())


def test_stacked_bracket_rows_and_a_starred_nuclear_norm():
    text = ("Suppose the gradient of a weight matrix is\n\n"
            "    G = ∇L = [ 1.5  0   -2 ]\n"
            "             [ 0    0.5  1 ]\n\n"
            "and ΔW = argmin_Δ ⟨G, Δ⟩ + (1/(2η))·‖Δ‖*², where ‖·‖* is the nuclear norm, η = 0.5.\n"
            "Compute ΔW.")
    reading = _complete(text)
    part = reading.parts[0]
    assert part.value("gradient") == [[1.5, 0, -2], [0, 0.5, 1]]
    assert (part.value("norm"), part.value("form")) == ("nuclear", "penalty-squared")
    assert Fraction(str(part.value("alpha"))) == 1


def test_for_each_request_joins_a_part_that_asks_more():
    text = ("Let g = (2, -5, 1). For each norm below, find d* = argmin_{‖d‖ ≤ 2} g^T d and the "
            "optimal value.\n(a) the l2 norm\n(b) the l1 norm. Which coordinate moves?\n")
    reading = _complete(text)
    assert reading.parts[1].value("asks") == ["update", "min-value", "which-coordinate"]


@pytest.mark.parametrize("question, top, bottom", [
    ("(c) What is ‖d^*_(b)‖_2 / ‖d^*_(a)‖_2?", "l1", "l2"),
    ("(c) Let d_1 and d_∞ be the steps for the l1 and max norms. Compute ‖d_∞‖_2/‖d_1‖_2.",
     "linf", "l1"),
    ("(c) With d_2 the Euclidean step, compute the ratio ‖d*‖_2 / ‖d_2‖_2.", "linf", "l2"),
])
def test_ratio_of_two_parts_steps(question, top, bottom):
    """Read as the family's length ratio of the same problem under two norms, or (a step named
    by its part, d^*_(b)) as the ratio of the two parts' own answers: the same number."""
    text = ("Let g = (2, -5, 1) and d* = argmin g^T d subject to ‖d‖_∞ ≤ 0.1.\n"
            f"(a) Use the l2 norm. Find d*.\n(b) Use the l1 norm. Find d*.\n{question}")
    reading = _complete(text)
    part = reading.parts[2]
    if part.value("asks"):
        assert part.value("norm") == top
        assert part.value("asks") == [{"kind": "compare", "other": bottom, "measure": "l2"}]
    steps = {"l2": np.array([2, -5, 1]) * -0.1 / np.sqrt(30), "l1": np.array([0, 0.1, 0]),
             "linf": -0.1 * np.sign([2, -5, 1])}
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    (got,) = {a["value"] for a in data["parts"][2]["answers"] if a["quantity"] in ("compare", "ratio")}
    assert got == pytest.approx(np.linalg.norm(steps[top]) / np.linalg.norm(steps[bottom]))


def test_norm_that_names_the_step_is_not_taken_as_its_measure():
    text = ("Let g = (3, -1, 2) and α = 1, u = argmin_d g^T d + (1/α)‖d‖_2^2.\n(a) Find u.\n"
            "(b) Compute the ‖d‖_1-steepest descent step.")
    reading = read_report(text)
    assert reading.parts[1].value("norm") is None and not reading.complete


def test_forum_title_line_and_this_threshold():
    text = ("Title: plain l2 penalty = zero step?? help\n\n"
            "My gradient is g = (3, 4) and I minimise g^T d + (1/α)‖d‖_2 (not squared). For which α "
            "is d = 0 a minimiser? Is this threshold 1/‖g‖?\n")
    reading = read_report(text)
    assert reading.title.startswith("plain l2 penalty")
    assert "threshold" in reading.parts[0].value("asks")
    assert not any("crossover" in line for line in reading.unread())


@pytest.mark.parametrize("second", [
    "Then, if I drop the square and use g^T d + (1/α)‖d‖_1, for which α is d = 0 optimal?",
    "Next the sheet imposes the constraint ‖d‖_1 ≤ 0.5 instead. What is the minimiser then?",
])
def test_one_part_with_two_forms_is_refused(second):
    text = ("My gradient is g = (1, -3) and α = 1. With the squared penalty, "
            "argmin_d g^T d + (1/α)‖d‖_1^2 gives what step d? " + second)
    reading = read_report(text)
    assert not reading.complete
    assert any("two problems" in line for line in reading.unread())


def test_a_squared_penalty_the_part_replaces_is_not_a_second_form():
    text = ("Let g = (1, -3). Instead of the squared penalty g^T d + (1/α)‖d‖_2^2, use the "
            "constraint ‖d‖_2 ≤ 0.5. Find the minimiser.")
    reading = _complete(text)
    assert reading.parts[0].value("form") == "constraint"


def test_penalty_without_a_weight_is_not_given_an_alpha_from_elsewhere():
    reading = read_report("Let g = (1, -2) and α = 0.5 be the step size. Find "
                          "u = argmin_d g^T d + ‖d‖_2^2, then θ + α u.")
    assert not reading.complete
    assert any("‖d‖_2^2" in line for line in reading.unread())


PDF_STACKED_WEIGHT = """Let g = (0.3, −0.4)> and α > 0. For the step
                                     1
               u = arg min g> d +          kdk22 ,
                      d∈R2              α
compute u as a function of α.
"""


def test_pdf_flattened_inverse_weight_below_the_norm():
    alpha = _complete(PDF_STACKED_WEIGHT).parts[0].fields["alpha"]
    assert alpha.value == "alpha" and "flattened" in alpha.note


# -- which norm (the dual's name), norms of the gradient, several step lengths --------------

def _answers(text: str) -> dict[str, list]:
    """Every answer of the solved text by quantity (names as their catalogue keys); the run
    must be verified."""
    reading = _complete(text)
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    out: dict[str, list] = {}
    for part in solution.to_dict()["parts"]:
        for a in part["answers"]:
            out.setdefault(a["quantity"], []).append(a["expr"])
    return out


@pytest.mark.parametrize("text, dual", [
    ("Let g = (1, -2, 2) and u = argmin_d g^T d + (1/α)‖d‖_1^2 with α = 0.5. "
     "What is the dual norm of ‖·‖_1?", "linf"),
    ("The step is ΔW = argmin_Δ ⟨G, Δ⟩ + (1/α)‖Δ‖_op^2 with G = [[1, 2], [2, 1]] and "
     "α = 0.1. Which norm is dual to the spectral norm?", "nuclear"),
    ("Take g = (3, 4) and d = argmin_d g^T d subject to ‖d‖_∞ ≤ η. "
     "The optimal value is -η times some norm of g: which norm?", "l1"),
    ("Take g = (3, 4) and d = argmin_d g^T d subject to ‖d‖_2 ≤ 0.5. "
     "Name the dual of the Euclidean norm, and give d.", "l2"),
])
def test_which_norm_asking_for_a_dual_is_answered_by_its_name(text, dual):
    assert _answers(text)["which-norm"] == [dual]


@pytest.mark.parametrize("text", [
    "Take g = (3, 4) and d = argmin_d g^T d subject to ‖d‖_∞ ≤ 0.1. Which norm gives the "
    "longest step?",
    "Take g = (3, 4) and d = argmin_d g^T d subject to ‖d‖_∞ ≤ 0.1. Which norm would you use "
    "in practice?",
    "Take g = (3, 4) and d = argmin_d g^T d subject to ‖d‖_∞ ≤ 0.1. Which norm of g is the "
    "largest?",
])
def test_which_norm_not_about_a_dual_is_refused(text):
    reading = read_report(text)
    with pytest.raises(ReadingIncomplete):
        reading.to_problem()
    assert any("which norm" in line.lower() for line in reading.unread())


@pytest.mark.parametrize("text, values", [
    ("Let G = [[3, 0], [0, 4]] and ΔW = argmin_Δ ⟨G, Δ⟩ + (1/α)‖Δ‖_F^2 with α = 1. "
     "Report [‖G‖_F, ‖G‖_op, ‖G‖_*] and ΔW.", ["5", "4", "7"]),
    ("Let G = [[3, 0], [0, 4]] and ΔW = argmin_Δ ⟨G, Δ⟩ + (1/α)‖Δ‖_*^2 with α = 1. "
     "Give, in order, ‖G‖_* and ‖G‖_F.", ["7", "5"]),
    ("Let g = (1, -2, 2) and u = argmin_d g^T d + (1/α)‖d‖_2^2 with α = 1. "
     "Compute ‖g‖_1, ‖g‖_2 and ‖g‖_∞.", ["5", "3", "2"]),
])
def test_several_norms_of_the_gradient_are_answered_in_order(text, values):
    assert _answers(text)["dual-norm"] == values


def test_a_gradient_norm_without_a_named_partner_is_refused():
    reading = read_report("Let g = (1, -2, 2) and u = argmin_d g^T d + (1/α)‖d‖_2^2 with α = 1. "
                          "Compute ‖g‖_RMS and ‖g‖_2.")
    with pytest.raises(ReadingIncomplete):
        reading.to_problem()


def test_lengths_of_the_step_in_two_norms_are_both_answered():
    got = _answers("Let g = (2, -4, 1, 3) and u = argmin_d g^T d + (1/α)‖d‖_∞^2, α = 0.2. "
                   "Find ‖u‖_1 and ‖u‖_2.")
    assert got["step-length"] == ["4", "2"]


def test_norm_of_the_starred_step_at_a_setting_is_measured_not_the_problem_norm():
    got = _answers("Let G = [[3, 0], [0, 4]] and ΔW* = argmin_Δ ⟨G, Δ⟩ s.t. ‖Δ‖_op ≤ η. "
                   "(a) Compute ‖ΔW*‖_F for η = 0.5.")
    assert got["step-length"] == ["sqrt(2)/2"]


@pytest.mark.parametrize("text", [
    "Let g = (1, -2) and u = argmin_d g^T d + (1/α)‖d‖_∞^2 with α = 1. Up to a positive "
    "scaling, which optimizer takes steps like u?",
    "Let g = (1, -2) and u = argmin_d g^T d + (1/α)‖d‖_∞^2 with α = 1. Up to the learning rate, "
    "what optimizer is this?",
    "Let g = (1, -2) and u = argmin_d g^T d + (1/α)‖d‖_∞^2 with α = 1. Is this just sign "
    "descent in disguise?",
    "Let g = (1, -2) and u = argmin_d g^T d + (1/α)‖d‖_∞^2 with α = 1. Compute u; I think it "
    "reduces to sign descent.",
])
def test_optimizer_asked_with_a_scaling_qualifier_or_as_a_claim(text):
    assert "identification" in _answers(text)


def test_a_length_ratio_measured_in_the_euclidean_norm_is_not_a_norm_value():
    got = _answers("Let g = (0.5, -2, 1.5) and u = argmin_d g^T d + (1/α)‖d‖_2^2, α = 0.1. "
                   "How many times longer is u than the l1 step, measured in the euclidean "
                   "norm?")
    assert "compare" in got


def test_a_gradient_given_as_a_sum_of_rank_one_terms_is_checked():
    text = ("Let G = [[3, 0], [0, 4]] = 4·u_1v_1^T + 3·u_2v_2^T with u_1 = (0, 1), v_1 = (0, 1), "
            "u_2 = (1, 0), v_2 = (1, 0). Find ΔW = argmin_Δ ⟨G, Δ⟩ + (1/α)‖Δ‖_op^2, α = 1.")
    reading = _complete(text)
    assert "rank-one" in " ".join(n for f in reading.parts[0].fields.values()
                                  for n in ([f.note] if f.note else []))
    wrong = text.replace("u_2 = (1, 0)", "u_2 = (1, 1)")
    with pytest.raises(ReadingIncomplete):
        read_report(wrong).to_problem()


# -- PDF copies of a problem stated for a generic norm; plain penalties in u ----------------

_GENERIC = ("3. The gradient is g = (0.4, −0.2, 0.1)> and α = 0.5. For a norm k · k let\n"
            "                    ∆θ = arg min g > d + 1 kdk2 .\n"
            "                           d          α\n"
            "(a) Take k · k = k · k∞ . Compute ∆θ.\n"
            "(b) Take k · k = k · k2 . Compute ∆θ and the optimal value.\n")


def test_a_generic_norm_set_per_part_reads_the_flattened_2_as_a_square_and_1_over_alpha():
    reading = _complete(_GENERIC)
    assert [p.value("form") for p in reading.parts] == ["penalty-squared"] * 2
    assert [Fraction(str(p.value("alpha"))) for p in reading.parts] == [Fraction(1, 2)] * 2
    got = _answers(_GENERIC)
    assert got["update"] == ["Matrix([[-7/40], [7/40], [-7/40]])",
                             "Matrix([[-1/10], [1/20], [-1/40]])"]


def test_a_2_after_a_fixed_norm_is_not_read_as_a_square():
    """Without the generic norm set per part, ‖d‖_2 names the Euclidean norm (no square)."""
    reading = read_report("The gradient is g = (0.4, −0.2)> and α = 0.5. Let\n"
                          "       ∆θ = arg min g > d + 1 kdk2 .\n"
                          "               d          α\n"
                          "Compute ∆θ.\n")
    assert reading.parts[0].value("form") != "penalty-squared"


@pytest.mark.parametrize("text, exists", [
    ("Let g = (1, -3, 2) and φ(u) = g^T u + (1/α)‖u‖_∞ with α = 0.25. What is inf_u φ(u)? "
     "Does a minimiser exist?", False),
    ("Let g = (1, -3, 2) and φ(u) = g^T u + (1/α)‖u‖_∞ with α = 0.1. Is there a minimiser?",
     True),
    ("Let g = (1, -3, 2) and u = argmin_d g^T d + (1/α)‖d‖_1^2 with α = 3. Does a minimizer "
     "exist?", True),
])
def test_existence_of_a_minimiser_is_answered_and_checked(text, exists):
    got = _answers(text)
    assert got["existence"] == [str(exists)]


def test_min_of_a_named_objective_and_a_minimiser_are_asked():
    got = _answers("Let g = (1, -3, 2) and φ_α(u) = g^T u + (1/α)‖u‖_∞. For α = 0.1, give "
                   "min_u φ_α(u) and a minimiser.")
    assert got["min-value"] == ["0"] and got["update"] == ["Matrix([[0], [0], [0]])"]


@pytest.mark.parametrize("repeat", [
    "(b) Repeat (a) with the Euclidean norm ‖u‖_2 in place of ‖u‖_∞.",
    "(b) Repeat (a) with the ℓ∞ norm replaced by the Euclidean norm ‖·‖_2.",
    "(b) Same as (a), but with the max norm replaced by the Euclidean norm.",
])
def test_repeat_with_a_norm_in_place_of_another_inherits_the_question(repeat):
    got = _answers("Let g = (1, -3, 2) and φ_α(u) = g^T u + (1/α)‖u‖_∞.\n"
                   "(a) What is the largest α for which u = 0 minimises φ_α?\n"
                   f"{repeat}\n")
    assert got["threshold"] == ["1/6", "sqrt(14)/14"]
    assert "step-length" not in got and "norm-value" not in got


# -- forum wordings: what the step comes out to, its norm, the linear decrease, claims --------

@pytest.mark.parametrize("text, change", [
    ("My gradient is G = [[3, 0], [0, 4]] and the step solves min <G, ΔW> s.t. ‖ΔW‖_op ≤ 0.5. "
     "What does ΔW work out to, and how much does the linearised loss go down?", "-7/2"),
    ("g = (1, -2, 2) and d = argmin_d g^T d + (1/α)‖d‖_2^2 with α = 0.5. Give d and the value "
     "of g^T d at the minimiser.", "-9/4"),
    ("g = (1, -2, 2) and d = argmin_d g^T d + (1/α)‖d‖_∞^2 with α = 1. Compute d and the "
     "value of ⟨g, d⟩.", "-25/2"),
])
def test_the_first_order_change_is_g_dot_u_whatever_the_form(text, change):
    got = _answers(text)
    assert got["linear-change"] == [change]


def test_its_norm_in_a_named_norm_measures_the_step_not_the_problem():
    got = _answers("Let G = [[3, 0], [0, 4]] (a 2×2 weight matrix). The step is the minimiser of "
                   "<G, ΔW> subject to ‖ΔW‖_op ≤ 1. What ΔW comes out to, and what is its "
                   "Frobenius norm?")
    assert got["step-length"] == ["sqrt(2)"]


def test_an_optimizer_said_to_be_the_step_is_answered_as_the_identification():
    got = _answers("I read that the signSGD update is the solution of argmin_d g^T d s.t. "
                   "‖d‖_∞ ≤ 0.1. With g = (1, -3) what is d?")
    assert "identification" in got


def test_steps_named_by_their_norm_and_lengths_listed_beside_their_ratio():
    text = ("Let ∇f(x_t) = (3, -4)^T and η = 0.5. For a norm ‖·‖ let d_‖·‖ = argmin_{‖d‖ ≤ η} "
            "∇f(x_t)^T d.\n"
            "(a) Compute d_1 := d_‖·‖_1.\n"
            "(b) Compute d_2 := d_‖·‖_2.\n"
            "(c) Give, in order, [‖d_1‖_∞, ‖d_2‖_∞, ‖d_1‖_∞/‖d_2‖_∞].\n")
    got = _answers(text)
    assert got["update"] == ["Matrix([[0], [1/2]])", "Matrix([[-3/10], [2/5]])"]
    assert got["step-length"] == ["1/2", "2/5"]
    assert got["compare"] == ["5/4"]


# -- the orthogonalised gradient, the step as a multiple of it, parts asking only norms of G --

_MATRIX_TEXT = ("A layer's gradient is\n\n"
                "      ⎡ 3   0 ⎤\n"
                "  G = ⎢ 0  −4 ⎥\n"
                "      ⎣ 0   0 ⎦\n\n"
                "and every step is ΔW = argmin_Δ ⟨G, Δ⟩ + (1/α)‖Δ‖², α = 0.5.\n\n"
                "(a) Report ‖G‖_F and ‖G‖_* (Frobenius and nuclear).\n"
                "(b) What is the polar factor of G (the orthogonalised gradient)?\n"
                "(c) Take the spectral norm. Find ΔW and express it as a multiple of U V^T.\n")


def test_polar_factor_multiple_and_gradient_norms_of_a_drawn_matrix():
    got = _answers(_MATRIX_TEXT)
    assert got["dual-norm"] == ["5", "7"]
    assert got["orthogonalised-gradient"] == ["Matrix([[1, 0], [0, -1], [0, 0]])"]
    assert got["multiple-of-polar"] == ["-7/4"]


def test_a_multiple_of_u_v_t_is_refused_for_a_norm_whose_step_is_not_one():
    text = _MATRIX_TEXT.replace("Take the spectral norm", "Take the Frobenius norm")
    from optiproof.core.errors import BadInput

    problem = read_report(text).to_problem()
    with pytest.raises(BadInput, match="multiple of U V"):
        solve_problem(problem, SolveOptions(figures=False))


# -- a post stating several problems, one per paragraph -------------------------------------

_POST = ("Title: two versions of the l1 step\n\n"
         "Hey, quick sanity check on steepest descent with the l1 norm.\n\n"
         "My gradient is g = (2, -1) and the step is\n\n"
         "    d = argmin_d g^T d + (1/α) ||d||_1^2,   α = 1\n\n"
         "What is d, and which optimizer is this (coordinate something?)\n\n"
         "Then my notes replace the penalty by the constraint ||d||_1 ≤ 0.5. What is the "
         "minimiser there?\n\n"
         "Cheers\n")


def test_a_post_with_two_problems_is_read_one_sub_part_per_question_paragraph():
    reading = _complete(_POST)
    assert [(p.label, p.value("form")) for p in reading.parts] == [
        ("main.1", "penalty-squared"), ("main.2", "constraint")]
    got = _answers(_POST)
    assert got["update"] == ["Matrix([[-1], [0]])", "Matrix([[-1/2], [0]])"]


def test_a_paragraph_that_itself_mixes_two_problems_keeps_the_refusal():
    text = _POST.replace("What is the minimiser there?", "What is the minimiser there, and "
                                                         "for argmin_d g^T d + (1/α)‖d‖_1^2?")
    reading = read_report(text)
    with pytest.raises(ReadingIncomplete):
        reading.to_problem()


@pytest.mark.parametrize("sentence, key", [
    ("the sheet then asks for the minimiser and the optimal value", "update"),
    ("and it asks for a step of unit length", "update"),
    ("what is the squared max-norm step exactly?", "update"),
])
def test_reported_and_hyphenated_requests_name_the_update(sentence, key):
    from optiproof.catalogue import QUANTITIES

    assert QUANTITIES.mentions(sentence)[0].entry.key == key


@pytest.mark.parametrize("sentence", ["(greedy something?)", "(maybe Adam?)",
                                      "(I think sign descent?)"])
def test_a_parenthesised_guess_is_not_a_request(sentence):
    assert not read_questions(sentence).requests


def test_a_value_of_an_earlier_parts_problem_beside_a_dual_norm_definition():
    text = ("Let g = (3, 4) and take the l1 norm.\n"
            "(a) Find u = argmin_d g^T d + (1/α)‖d‖_1^2 with α = 2.\n"
            "(b) Compute the dual norm ‖g‖_* = max_{‖d‖_1 ≤ 1} g^T d and the minimum value of "
            "the problem in (a).\n")
    got = _answers(text)
    assert got["dual-norm"] == ["4"] and got["min-value"] == ["-8"]


def test_a_dual_norm_definition_beside_an_optimal_value_without_a_problem_is_refused():
    text = ("Let g = (3, 4) and take the l1 norm.\n"
            "(a) Compute the dual norm ‖g‖_* = max_{‖d‖_1 ≤ 1} g^T d and the optimal value.\n")
    with pytest.raises(ReadingIncomplete):
        read_report(text).to_problem()


_THREE = ("Let g = (1, -4, 2) and, for a norm ‖·‖, d* = argmin_d g^T d subject to ‖d‖ ≤ 0.1.\n"
          "(a) Find d* for the l1 norm.\n"
          "(b) Find d* for the Euclidean norm.\n"
          "(c) Find d* for the max norm.\n"
          "(d) Which of the three norms gives the {x} decrease of the linear model?\n")


@pytest.mark.parametrize("extreme, norm", [("largest", "linf"), ("smallest", "l1")])
def test_the_norm_with_the_largest_decrease_among_the_earlier_parts(extreme, norm):
    got = _answers(_THREE.format(x=extreme))
    assert got["which-solution"] == [norm]


def test_a_count_that_is_not_the_earlier_parts_is_refused():
    text = _THREE.format(x="largest").replace("of the three norms", "of the two norms")
    with pytest.raises(ReadingIncomplete):
        read_report(text).to_problem()


_RMS_PDF = ("Throughout, the gradient of the loss is ∇L = (1, −2, 0, 2)> and α > 0.\n"
            "(a) Compute the minimiser of\n"
            "                      δ ? = arg min ∇L> δ + 1 kδk2RMS\n"
            "                              δ          α\n"
            "as a function of α. Which optimiser is this, and what is its eﬀec-\n"
            "tive learning rate?\n"
            "(b) Solve instead the constrained problem min ∇L> δ subject to kδkRMS ≤ η, for η =\n"
            "10−2. Give δ numerically.\n")


def test_a_pdf_rms_problem_with_its_effective_learning_rate_and_a_changed_setting():
    reading = _complete(_RMS_PDF)
    a, b = reading.parts
    assert (a.value("form"), a.value("alpha"), a.value("norm")) == ("penalty-squared", "alpha",
                                                                    "rms")
    assert (b.value("form"), b.value("eta")) == ("constraint", 0.01)
    got = _answers(_RMS_PDF)
    assert got["effective-step"] == ["2*alpha"]


_SQUARED = "Let g = (1, -2) and u = argmin_d g^T d + (1/α)‖d‖_{}^2, α = 0.5. "


@pytest.mark.parametrize("norm, question, rate", [
    ("2", "Find u and the effective learning rate.", "1/4"),
    ("∞", "What is the effective learning rate of this sign step?", "3/4"),
])
def test_effective_learning_rate_is_the_factor_before_the_optimizers_direction(norm, question,
                                                                                rate):
    assert _answers(_SQUARED.format(norm) + question)["effective-step"] == [rate]


def test_effective_learning_rate_of_a_normalised_step_is_refused():
    from optiproof.core.errors import BadInput

    problem = read_report("Let g = (3, 4) and u = argmin_d g^T d s.t. ‖d‖_2 ≤ 0.5. Find u and "
                          "the effective learning rate.").to_problem()
    with pytest.raises(BadInput, match="effective learning rate"):
        solve_problem(problem, SolveOptions(figures=False))


def test_the_dual_norms_name_and_its_value_at_g_asked_together():
    got = _answers("Let g = (1, -2, 2) and u = argmin_d g^T d + (1/α)‖d‖_∞^2 with α = 1. "
                   "What is the dual norm of ‖.‖_∞, and its value at g?")
    assert got["which-norm"] == ["l1"] and got["dual-norm"] == ["5"]


@pytest.mark.parametrize("own", [
    "(b) What is the RMS norm of u?",
    "(b) Compute the Euclidean norm of the step.",
    r"(b) What is the $\ell_1$ norm of $u$?",
])
def test_a_norm_of_an_earlier_step_asked_is_a_length_of_that_step(own):
    text = "Let g = (3, -1, 2, 0).\n(a) Compute u = argmin_d g^T d + (1/2) ||d||_inf^2.\n" + own
    problem = read_report(text).to_problem()
    second = problem.parts[1]
    assert second.norm.name == "linf"    # the step is (a)'s; the norm named only measures it


@pytest.mark.parametrize("text", [
    "Let g = (3, -1, 2). Find the minimiser of g^T d subject to the l1 norm of d being at most 1.",
    "Let g = (3, -1, 2). Find the d minimising g^T d such that the l1 norm of d is at most 1.",
    "Let g = (3, -1, 2). Minimise g^T d where the l1 norm of d is bounded by 1. Give d.",
])
def test_a_norm_of_the_step_bounded_in_words_is_never_a_length(text):
    reading = read_report(text)
    part = reading.parts[0]
    norm = part.fields.get("norm")
    assert (norm is not None and norm.value == "l1") or reading.unread()
    asks = part.fields.get("asks")
    assert asks is None or not any(isinstance(a, dict) and a.get("kind") == "step-length"
                                   for a in asks.value)


@pytest.mark.parametrize("defined", [
    "(u_1 from part 1, u_2 from part 2)",
    "where u_1 is the step of (1) and u_2 the step of (2)",
    "",
])
def test_a_step_symbol_indexed_by_a_part_number_is_never_read_as_a_norm_index(defined):
    text = ("Let g = [2, -6, 3] and u = argmin_d g^T d + (1/alpha) ||d||^2.\n"
            "1) Take the l2 norm. Give u.\n2) Take the l1 norm. Give u.\n"
            f"3) Compute the ratio ||u_2||_2 / ||u_1||_2 {defined}.\n")
    try:
        problem = read_report(text).to_problem()
    except ReadingIncomplete:
        return      # refused, naming what it could not tell
    third = solve_problem(problem, SolveOptions(figures=False)).parts[2]
    ratios = [a.expr for a in third.answers if "ratio" in a.name]
    assert ratios and all(sp.nsimplify(x) == sp.Rational(6, 7) for x in ratios)
