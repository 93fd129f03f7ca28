"""Misreads that were answered verified with a wrong or missing value, each now answered right
or refused naming its phrase: a 'non-Euclidean' title is no norm, a first-order term followed
by more terms is not gᵀu, a size asked '(MB)' is answered in MB, one phase of the ring is not the
whole all-reduce, 'the training loss there' after a limit is asked, and a number of the shared
text no part used keeps every part from the verified stamp."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _solved(text: str, partial: bool = False):
    reading = read_report(text)
    problem = reading.answerable_problem() if partial else reading.to_problem()
    solution = solve_problem(problem, SolveOptions(figures=False))
    reading.attach(solution)
    return reading, solution


def _gaps(reading) -> str:
    return "\n".join(reading.unread())


def test_a_non_euclidean_title_names_no_norm():
    reading = read_report("Steepest descent under non-Euclidean norms.\nLet g = (2, -6, 1, -3) and "
                          "η = 0.1.\n(a) Solve min_u gᵀu subject to a norm ball of radius η: "
                          "give u*.")
    assert not reading.complete
    assert all(p.value("norm") != "l2" for p in reading.parts)


def test_a_first_order_term_with_more_terms_is_not_the_linear_change():
    reading = read_report("Let g = (1, -2, 2, -4) and λ = 2; the step minimises gᵀu + (λ/2)‖u‖^2.\n"
                          "(a) Take ‖.‖ = ‖.‖_2. Find u*, the value g^T u* + (λ/2)‖u*‖_2^2, and "
                          "name the update rule.")
    assert "linear-change" not in reading.parts[0].asked
    assert "g^T u* + (λ/2)" in _gaps(reading)


@pytest.mark.parametrize("n, p", [(8, 10**6), (4, 2 * 10**6)])
def test_sizes_asked_in_megabytes_in_brackets(n, p):
    text = (f"n = {n} workers train a model with p = {p} parameters. Each gradient entry is a 4-byte "
            "float; 1 MB = 10^6 bytes.\n1) For ring all-reduce: number of messages, total data "
            "sent (MB), data sent per worker (MB).")
    reading, solution = _solved(text)
    values = [float(a.expr) for a in solution.parts[0].answers if a.expr is not None
              and not getattr(a.expr, "free_symbols", set())]
    total_mb = 2 * (n - 1) * p * 4 / 1e6   # every worker sends 2(n-1) chunks of p/n floats
    assert any(np.isclose(v, total_mb) for v in values)
    assert any(np.isclose(v, total_mb / n) for v in values)
    assert solution.parts[0].verified


def test_one_phase_of_the_ring_is_not_counted_as_the_whole_all_reduce():
    reading = read_report("n workers each hold a gradient g_i in R^p.\n(1) In the reduce-scatter "
                          "phase of ring all-reduce, the gradient is cut into n chunks of p/n floats "
                          "and each worker sends one chunk per step for n-1 steps. How many floats "
                          "does each worker send? Answer in terms of n and p.")
    assert not reading.complete
    assert "reduce-scatter" in _gaps(reading)


def test_the_training_loss_there_after_a_limit_is_asked():
    text = ("L(w) = (1/2)‖Xw − y‖², X = [[1, 1, 1, 1], [1, -1, 1, -1]], y = (4, 0).\n(d) Gradient "
            "descent with a small step is started at w0 = (1, 2, 0, -1). Where does it converge, "
            "and what is the training loss there?")
    reading, solution = _solved(text)
    part = solution.parts[0]
    assert part.verified
    assert any(a.quantity != "limit" and a.expr == 0 for a in part.answers), part.answers


def test_a_shared_number_no_part_used_keeps_every_part_unverified():
    text = ("Gradient descent on f(θ) = ½ θᵀHθ with H = diag(1, 4). We also set c = 64.\n\n"
            "(a) What is the largest stable step size?\n(b) What is the optimal step size?\n")
    _, solution = _solved(text)
    assert solution.parts and not any(p.verified for p in solution.parts)
    assert all(any("'64' in the shared text" in u for u in p.unread) for p in solution.parts)


def test_a_shared_batch_size_is_set_aside_and_reported_not_silently_dropped():
    # A batch size plays no role in gradient descent on a fixed quadratic: the parts stay
    # verified, and the number is reported as set aside rather than passed over in silence.
    text = ("Gradient descent on f(θ) = ½ θᵀHθ with H = diag(1, 4). The batch size is 64.\n\n"
            "(a) What is the largest stable step size?\n(b) What is the optimal step size?\n")
    reading, solution = _solved(text)
    assert solution.parts and all(p.verified for p in solution.parts)
    assert [x for x in solution.reading["ignored"] if x.startswith("64 (a batch size")]
    assert not solution.reading["unused_numbers"]


def test_two_limits_asked_of_a_part_that_runs_one_method_is_refused():
    reading = read_report("Fit x = (2, -1, 1), y = 2 with loss L(w) = 1/2 (w^T x - y)^2, w0 = 0.\n"
                          "1) Where does gradient descent converge?\n2) Where does sign descent "
                          "converge?\n3) what are the l2 norms of the two limits, and is the sign "
                          "descent one the minimum-norm solution (yes/no)?")
    assert not reading.complete
    assert "of the two limits" in _gaps(reading)


def test_two_norm_balls_in_one_part_are_refused_not_answered_for_one():
    reading = read_report("Let g = [0.5, -2, 1, 1.5] and η = 0.3.\n(b) Take the squared ‖·‖_1 penalty "
                          "with α = 1: give u*.\n(c) Solve min_u g^T u subject to "
                          "‖u‖ ≤ η. Give the minimiser and the minimal value for (i) ‖u‖_1 ≤ η and "
                          "(ii) ‖u‖_∞ ≤ η.")
    assert not reading.complete
    assert "norm balls of several norms" in _gaps(reading)


@pytest.mark.parametrize("request_, whole", [
    ("what's the predicted decrease, i.e. how much lower is the model value at u* than at u = 0?",
     True),
    ("What is the predicted decrease, i.e. the change g^T u of the linear model?", False),
])
def test_a_predicted_decrease_defined_by_the_whole_model_is_not_g_transpose_u(request_, whole):
    reading = read_report("Let g = (2, -1, 3), A = diag(1, 2, 1) and λ = 2; u* = argmin_u g^T u + "
                          f"(λ/2) ‖u‖_A^2.\n1) Find u*.\n2) {request_}")
    part = reading.parts[1]
    assert ("linear-change" not in part.asked) is whole
    assert ("model-decrease" in part.asked) is whole
