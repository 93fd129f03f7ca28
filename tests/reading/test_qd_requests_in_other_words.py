"""Quadratic-dynamics requests in other words: a rate asked by its method's name ("what is the GD
rate?"; a learning rate is never one), "the optimal constant parameters α and β", "your α, β
from (b)" (the tuned heavy-ball pair of another part), "the resulting (asymptotic) rate", "the
optimal factor", a part that is only "the minimizer θ*", "w after 3 steps" and "the iterates
after 1, 2 and 3 steps", "starting at w = (0, 0)", numbered iterates whose start sets the whole
vector, and the Euclidean distance said in words."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_SHARED = ("f(θ) = 1/2 θ^T H θ - b^T θ with H = diag(1, 100) and b = (1, 50)^T.\n"
           "Heavy ball: θ_{k+1} = θ_k - α ∇f(θ_k) + β (θ_k - θ_{k-1}).\n")


@pytest.mark.parametrize("question", [
    "(a) Compare with plain GD at its optimal step size: what is the GD rate?",
    "(a) Run gradient descent with the best constant step. What is the gradient-descent rate?",
    "(a) For optimally tuned heavy ball, give the heavy-ball asymptotic rate.",
])
def test_a_rate_named_by_its_method_is_asked(question):
    reading = read_report(_SHARED + question)
    asked = reading.parts[0].asked
    assert "optimal-rate" in asked, asked


def test_a_learning_rate_is_not_a_convergence_rate():
    reading = read_report(_SHARED + "(a) What is the GD learning rate that is optimal here?")
    assert "optimal-rate" not in reading.parts[0].asked


_HB = ("f(θ) = 1/2 * θ^T H θ - b^T θ, H = diag(1, 100), b = (1, 50)^T\n"
       "Heavy ball: θ_{k+1} = θ_k - α ∇f(θ_k) + β (θ_k - θ_{k-1})\n")


def test_optimal_constant_parameters_ask_the_step_and_the_momentum():
    reading = read_report(_HB + "(a) Give the optimal constant parameters α and β for heavy ball "
                                "and the resulting rate.")
    assert reading.complete, reading.unread()
    asked = reading.parts[0].asked
    assert {"optimal-step", "optimal-momentum", "optimal-rate"} <= set(asked), asked


@pytest.mark.parametrize("ref", ["your α, β from (a)", "the α and β from (a)"])
def test_the_heavy_ball_pair_of_another_part_is_taken_with_its_momentum(ref):
    reading = read_report(_HB + "(a) Give the optimal α and β for heavy ball.\n"
                                f"(b) Using {ref} and θ_0 = θ_-1 = (0, 0)^T, compute θ_1.")
    assert reading.complete, reading.unread()
    part = reading.parts[1]
    assert part.value("alpha") == "4/121" and part.value("beta") == "81/121"


def test_a_pair_from_a_part_that_asks_no_optimal_momentum_is_refused():
    reading = read_report(_HB + "(a) Give the optimal step size of gradient descent and its "
                                "convergence rate.\n"
                                "(b) For heavy ball, using your α, β from (a) and θ_0 = θ_-1 = "
                                "(0, 0)^T, compute θ_1 and θ_2.")
    assert not reading.complete
    assert any("α, β from (a)" in line for line in reading.unread()), reading.unread()


_SEP = ("Q4 (gradient descent on a separable quadratic)\n\nf(w) = 0.25*w_1^2 + w_2^2 + 2.5*w_3^2,   w = (w_1, w_2, w_3)\nGD: w_{k+1} = w_k - eta * grad f(w_k)\n"
        "a) Write down the Hessian of f. What is the largest step size eta_max?\n")


def _solved(text: str) -> dict:
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    out: dict = {}
    for p in solution.to_dict()["parts"]:
        for a in p["answers"]:
            out.setdefault(p["label"], {}).setdefault(a["quantity"], []).append(a["value"])
    return {label: {k: v[0] if len(v) == 1 else v for k, v in got.items()}
            for label, got in out.items()}


def test_numbered_iterates_of_a_start_that_sets_the_whole_vector():
    got = _solved(_SEP + "c) For eta = 0.3 and w_0 = (2, 1, -1), compute w_1 and w_2.")
    assert got["c"]["theta-t"] == [[1.7, 0.4, 0.5], [1.445, 0.16, -0.25]]


def test_numbered_coordinates_without_a_vector_start_stay_refused():
    reading = read_report(_SEP + "c) For eta = 0.3 and w_1 = 2, compute w_2.")
    assert not reading.complete


@pytest.mark.parametrize("ask", ["what is the optimal factor?", "and what is the best factor?"])
def test_the_optimal_factor_is_the_optimal_rate(ask):
    got = _solved(_SEP + f"d) What eta minimises the contraction factor, {ask}")
    assert got["d"]["optimal-step"] == pytest.approx(4 / 11)
    assert got["d"]["optimal-rate"] == pytest.approx(9 / 11)


_FORUM = ("ok so my prof gave this toy problem:\n  f(w1, w2) = 0.5*(4*w1^2 + w2^2) - (4*w1 + 2*w2)\n"
          "gradient descent w <- w - lr * grad f(w), starting at w = (0, 0).\n"
          "what I need to answer:\n  1. whats the biggest lr for which GD converges from any start\n")


@pytest.mark.parametrize("ask, steps", [
    ("  2. with lr = 0.4, what is w after 3 steps", [3]),
    ("  2. with lr = 0.4, give the iterates after 1, 2 and 3 steps.", [1, 2, 3]),
    ("  2. with lr = 0.4, give the iterates w after two iterations.", [2]),
])
def test_iterates_named_by_the_steps_taken(ask, steps):
    reading = read_report(_FORUM + ask)
    assert reading.complete, reading.unread()
    part = reading.parts[1]
    assert part.value("steps") == steps and part.value("theta0") == [0, 0]


def test_the_iterate_after_three_steps_is_answered():
    got = _solved(_FORUM + "  2. with lr = 0.4, what is w after 3 steps")
    assert got["2"]["theta-t"] == pytest.approx([1.216, 1.568])


_LIST = ("We have f(theta) = 1/2 theta^T H theta - b^T theta,   H = diag(4, 1, 0.25),   b = (4, 2, 1)\n"
         "and we compare plain GD with heavy ball "
         "theta_{k+1} = theta_k - alpha*grad f(theta_k) + beta*(theta_k - theta_{k-1}).\n"
         "Things I need:\n(1) the minimizer theta*\n"
         "(2) the optimal alpha and beta for heavy ball and the resulting (asymptotic) rate\n")


def test_a_part_that_is_only_the_minimiser_and_a_resulting_rate_in_brackets():
    got = _solved(_LIST)
    assert got["1"]["objective-minimiser"] == [1, 2, 4]
    assert got["2"]["optimal-rate"] == pytest.approx(0.6)


def test_the_minimiser_mentioned_inside_a_request_is_not_asked():
    reading = read_report(_LIST.split("Things")[0] + "(1) how many GD iterations reduce the "
                          "distance to the minimizer by 1000x?")
    assert "objective-minimiser" not in reading.parts[0].asked


def test_the_euclidean_distance_said_in_words_is_the_error_norm():
    reading = read_report(_SEP + "c) With eta = 0.3, how many iterations guarantee ‖w_k - w^*‖_2 "
                                 "≤ 10^-6 ‖w_0 - w^*‖_2? (the error is the Euclidean distance "
                                 "to w^*.)")
    assert reading.complete, reading.unread()
    assert any("Euclidean distance" in c.source for c in reading.parts[-1].conventions)


_DIAG = ("Q: GD on a diagonal quadratic\n\nWe have f(θ) = ½ θᵀHθ with H = diag(1, 4, 100). Plain GD "
         "θ_{k+1} = θ_k − η ∇f(θ_k).\n\n1) what's the biggest step size that still converges?\n")


def test_an_error_so_many_times_smaller_is_the_tolerance():
    reading = read_report(_DIAG + "2) if we use η = 0.015, how many iterations until the error is "
                                  "guaranteed to be 1000x smaller?")
    assert reading.complete, reading.unread()
    assert reading.parts[1].value("epsilon") == pytest.approx(0.001)


@pytest.mark.parametrize("ask", ["what α, β should you pick", "which α and β should we choose"])
def test_a_pair_to_pick_asks_the_optimal_tuning(ask):
    got = _solved(_DIAG + f"2) with heavy ball momentum instead, {ask} and what rate do you get?")
    assert got["2"]["optimal-step"] == pytest.approx(4 / 121)
    assert got["2"]["optimal-momentum"] == pytest.approx(81 / 121)
    assert got["2"]["optimal-rate"] == pytest.approx(9 / 11)


def test_a_minimiser_stated_with_its_symbol_is_checked_and_used():
    reading = read_report(_DIAG.replace("100).", "100) (so the minimizer is θ* = 0).") +
                          "2) what's the best fixed step and the rate it gives?")
    assert reading.complete, reading.unread()
    assert any(c.name == "minimiser" and "θ* = 0" in c.source
               for c in reading.parts[1].conventions)
