"""Steepest-descent texts as strangers write them: a norm substituted in a repeated part, a
'plain Euclidean norm' that keeps the square, a request paragraph after a displayed formula,
ratios of decreases between parts, ASCII 'grad f(w) =' chains, and numbers in remarks the
writer calls beside the point (or batch sizes), which are listed as ignored and do not keep
the answers from being verified. Expected values are computed here with NumPy."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _solved(text: str):
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    reading.attach(solution)
    return reading, solution


def _answer(solution, label: str, quantity: str) -> float:
    part = next(p for p in solution.parts if p.label == label)
    return float(next(a for a in part.answers if a.quantity == quantity).value)


G = np.array([0.5, -2.0, 1.5, -1.0])

THRESHOLD = """Steepest descent. Let g = (0.5, -2, 1.5, -1).

(a) Use a NON-squared penalty: min_u g^T u + (1/alpha) ||u||_inf, alpha > 0. Find the threshold
alpha* beyond which the problem has no minimiser.

(b) Repeat (a) with {norm}.
"""


@pytest.mark.parametrize("norm, dual", [
    ("||u||_2 in place of ||u||_inf", np.linalg.norm(G, 2)),
    ("||u||_2 instead of ||u||_inf", np.linalg.norm(G, 2)),
    ("||u||_1 in place of ||u||_inf", np.linalg.norm(G, np.inf)),
    ("||u||_2", np.linalg.norm(G, 2)),
])
def test_a_norm_substituted_in_a_repeated_part_is_its_norm(norm, dual):
    _, solution = _solved(THRESHOLD.format(norm=norm))
    # u = 0 minimises gᵀu + (1/α)‖u‖ while ‖g‖_* ≤ 1/α: the threshold is 1/‖g‖_*
    assert _answer(solution, "b", "threshold") == pytest.approx(1 / dual)
    assert _answer(solution, "a", "threshold") == pytest.approx(1 / np.linalg.norm(G, 1))


def test_a_plain_euclidean_norm_keeps_the_square_of_the_setting():
    text = """The step is u* = argmin_u g^T u + (1/alpha) ||u||_A^2 with g = (8, -2, 3),
A = diag(4, 1, 9) and alpha = 0.5.

1. What is u*?
2. Same thing if A is replaced by the identity (plain Euclidean norm): what is the step?
"""
    _, solution = _solved(text)
    part = next(p for p in solution.parts if p.label == "2")
    step = np.array([float(x) for x in next(a for a in part.answers
                                            if a.quantity == "update").value])
    g, alpha = np.array([8.0, -2.0, 3.0]), 0.5
    assert step == pytest.approx(-(alpha / 2) * g)   # gradient of gᵀu + (1/α)‖u‖² is zero


def test_a_request_paragraph_after_a_displayed_formula_stays_in_its_part():
    text = """HW 6 (penalised steepest descent)

g = (0.5, -2, 1.5, -1)^T.

(a) Solve min_u g^T u subject to ||u||_inf <= eta, with eta = 0.01.

(b) Now drop the constraint and use a NON-squared penalty:

    min_u  g^T u + (1/alpha) ||u||_inf ,   alpha > 0.

    Show that u = 0 is a minimiser when alpha is small enough, and find the
    threshold alpha* beyond which the problem has no minimiser (value -inf).
"""
    reading, solution = _solved(text)
    assert "threshold" in reading.parts[1].question
    assert _answer(solution, "b", "threshold") == pytest.approx(1 / np.linalg.norm(G, 1))


def test_an_ascii_gradient_chain_is_read():
    text = ("Let g = grad f(w_t) = (0.5, -2, 1.5, -1)^T. Find the minimiser of "
            "g^T u + (1/2)||u||_2^2 and the minimum value.")
    _, solution = _solved(text)
    assert _answer(solution, "main", "min-value") == pytest.approx(-np.dot(G, G) / 2)


RATIO = """Steepest descent. Let g = (3, -4, 12) and lambda = 2, and
u* = argmin g^T u + (lambda/2)||u||^2.

(a) Take the Euclidean norm. Compute u* and the optimal value.

(b) Repeat (a) with the max norm.

(c) {ask}
"""


@pytest.mark.parametrize("ask", [
    "By what factor is the predicted decrease in (b) larger than the one in (a)?",
    "What is the ratio of the predicted decrease in (b) to that of (a)?",
    "What is the ratio of the decrease obtained in (b) to the decrease obtained in (a)?",
])
def test_a_ratio_of_decreases_of_squared_penalties(ask):
    _, solution = _solved(RATIO.format(ask=ask))
    g = np.array([3.0, -4.0, 12.0])
    # for a squared penalty gᵀu* is twice the minimum value whatever the norm: the ratio of
    # the first-order decreases is ‖g‖_1² / ‖g‖_2²
    expected = np.linalg.norm(g, 1) ** 2 / np.linalg.norm(g, 2) ** 2
    assert _answer(solution, "c", "ratio") == pytest.approx(expected)


def test_a_ratio_of_decreases_across_forms_is_refused_naming_it():
    text = """Steepest descent. Let g = (3, -4, 12).

(a) Solve min_u g^T u + (1/2)||u||_2^2. Give u* and the optimal value.

(b) Solve min_u g^T u subject to ||u||_inf <= 0.1. Give u* and the optimal value.

(c) What is the ratio of the predicted decrease in (b) to the predicted decrease in (a)?
"""
    reading = read_report(text)
    gaps = " ".join(reading.unread())
    assert "first-order decrease" in gaps and "same form" in gaps


ASIDE = """Steepest descent question. {aside}
The gradient is g = (0.5, -2, 1.5) and the step is u = argmin_u g^T u + (1/alpha) ||u||_inf^2
with alpha = 0.5. What is the step u and the optimal value of the objective?
"""


@pytest.mark.parametrize("aside, number", [
    ("(We train a small transformer with Adam at lr 3e-4 and batch 256 if that matters, "
     "probably doesn't.)", "3e-4"),
    ("In my actual code I use Adam with lr 3e-4 but that's not what this is about.", "3e-4"),
    ("The optimizer also applies weight decay with coefficient 0.01, which you may ignore.",
     "0.01"),
    ("The gradient was computed on a mini-batch of size 64.", "64"),
    ("At the current point f(w_t) = 7.3.", "7.3"),
    ("The current training loss is 2.31.", "2.31"),
])
def test_numbers_in_a_remark_beside_the_point_are_ignored_not_unused(aside, number):
    reading, solution = _solved(ASIDE.format(aside=aside))
    assert number not in reading.unused and "Adam" not in reading.unused
    assert any(x.startswith(number + " (") for x in reading.to_dict()["ignored"])
    assert solution.exit_code == 0
    g = np.array([0.5, -2.0, 1.5])
    # (1/α)‖u‖_∞²: u = -(α/2)‖g‖_1 sign(g), minimum -(α/4)‖g‖_1²
    assert _answer(solution, "main", "min-value") == pytest.approx(-0.5 / 4 * np.abs(g).sum() ** 2)


@pytest.mark.parametrize("aside", [
    "By the way, alpha = 0.7 in my run, which probably doesn't matter.",   # a value: '='
    "The learning rate 0.3 that we use matters a lot.",                      # no marker
])
def test_a_remark_with_a_formula_or_without_a_marker_keeps_its_numbers_unused(aside):
    reading = read_report(ASIDE.format(aside=aside))
    assert reading.unused    # one of the two weights is reported, not ignored
    assert not [x for x in reading.to_dict()["ignored"] if "beside the point" in x]


def test_what_a_compare_request_compares_with_is_never_dropped():
    text = """Let A = diag(1, 2, 9) and g = (2, -4, 6).

(a) Solve min_u g^T u subject to ||u||_A <= eta with eta = 0.5. Give the step and the optimal
value. Compare the optimal value with the one you get for the Euclidean constraint (same eta).
"""
    gaps = " ".join(read_report(text).unread())
    assert "the one you get for the Euclidean constraint" in gaps


def test_an_identification_of_another_parts_version_is_refused_naming_it():
    text = """The step is u* = argmin_u g^T u + (1/alpha) ||u||_A^2 with g = (8, -2, 3),
A = diag(4, 1, 9) and alpha = 0.5.

1. What is u*?
2. Same thing if A is replaced by the identity: what is the step? Also, does the weighted
version correspond to some known optimizer?
"""
    gaps = " ".join(read_report(text).unread())
    assert "the weighted version" in gaps


@pytest.mark.parametrize("change, weights", [
    ("Same thing if A is replaced by the identity: what is the step?", [1, 1, 1]),
    ("Same thing with A = I: what is the step?", [1, 1, 1]),
    ("Replace A by the identity matrix. What is the step?", [1, 1, 1]),
    ("Same thing if A is replaced by diag(1, 1, 2): what is the step?", [1, 1, 2]),
])
def test_a_part_that_replaces_the_weight_matrix_uses_its_own(change, weights):
    text = f"""The step is u* = argmin_u g^T u + (1/alpha) ||u||_A^2 with g = (8, -2, 3),
A = diag(4, 1, 9) and alpha = 0.5.

1. What is u*?
2. {change}
"""
    _, solution = _solved(text)
    g, alpha = np.array([8.0, -2.0, 3.0]), 0.5
    for label, w in (("1", [4, 1, 9]), ("2", weights)):
        part = next(p for p in solution.parts if p.label == label)
        step = np.array([float(x) for x in next(a for a in part.answers
                                                if a.quantity == "update").value])
        # zero gradient of gᵀu + (1/α) uᵀAu: u = −(α/2) A⁻¹ g
        assert step == pytest.approx(-(alpha / 2) * g / np.array(w, dtype=float))


@pytest.mark.parametrize("ask", [
    "By what factor is the predicted decrease of the local model (minus the optimal value) in (b) "
    "larger than the one in (a)?",
    "Compute the ratio of the two decreases, (-value in (b))/(-value in (a)).",
])
def test_a_ratio_of_decreases_written_with_asides_or_minus_signs(ask):
    _, solution = _solved(RATIO.format(ask=ask))
    g = np.array([3.0, -4.0, 12.0])
    assert _answer(solution, "c", "ratio") == pytest.approx(
        np.linalg.norm(g, 1) ** 2 / np.linalg.norm(g, 2) ** 2)


def test_a_ratio_of_a_negated_value_to_a_plain_one_is_refused():
    gaps = " ".join(read_report(RATIO.format(
        ask="Compute the ratio (-value in (a))/(value in (b)).")).unread())
    assert "negated value" in gaps


@pytest.mark.parametrize("sentence, number", [
    ("The momentum coefficient of the optimizer is 0.9 (not needed here).", "0.9"),
    ("We trained for 90 epochs on 60,000 images.", "90"),
])
def test_counts_of_training_and_values_said_not_needed_are_set_aside(sentence, number):
    from optiproof.reading.coverage import account

    (use,) = [u for u in account(sentence, []) if u.text == number]
    assert use.status == "aside" and use.source


def test_a_count_of_data_points_is_not_set_aside():
    from optiproof.reading.coverage import account

    assert all(u.status == "unused" for u in account("x1 = (1, 2) with 3 samples", []))


def test_a_ratio_to_the_decrease_obtained_here():
    text = """Let g = (3, -4, 12) and eta = 0.1.

(a) Solve min_u g^T u subject to ||u||_inf <= eta. Give the minimiser and the optimal value.

(b) Repeat (a) with the constraint ||u||_2 <= eta. What is the ratio of the decrease obtained in
(a) to the decrease obtained here?
"""
    _, solution = _solved(text)
    g = np.array([3.0, -4.0, 12.0])
    # over a ball of radius η the decrease −gᵀu* is η times the dual norm of g
    assert _answer(solution, "b", "ratio") == pytest.approx(
        np.linalg.norm(g, 1) / np.linalg.norm(g, 2))


def test_an_optimizer_term_the_identification_answers_does_not_block_the_exit_code():
    text = ("Let g = (3, -4, 12). Solve min_u g^T u subject to ||u||_inf <= 1. Give the minimiser. "
            "Which optimizer is this? Explain briefly why it is called sign descent.")
    reading, solution = _solved(text)
    assert solution.parts[0].verified
    assert solution.exit_code == 0


def test_a_weight_assigned_a_number_word_is_its_value():
    text = ("Let g = (2, -6, 3). Take λ = four and solve min_u g^T u + (λ/2)||u||_2^2. "
            "Give u* and the optimal value.")
    _, solution = _solved(text)
    g = np.array([2.0, -6.0, 3.0])
    assert _answer(solution, "main", "min-value") == pytest.approx(-np.dot(g, g) / 8)
