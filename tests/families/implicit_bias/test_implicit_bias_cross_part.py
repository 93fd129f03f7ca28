"""Questions about the results of earlier parts: the distance between two limits (named by
their part, their method or a symbol an earlier part wrote), and the distance from a limit to
the minimum-norm solution the part itself asks for. Each is computed from the verified limits
and checked independently (the limits measured by running the real optimizers)."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

DATA = ("Least squares with X = [[1, 0, 1], [0, 2, 1]] and y = [2, 1], loss ½‖Xθ − y‖², "
        "every method started at θ₀ = 0.\n\n"
        "(a) Plain gradient descent: where does it converge?\n\n"
        "(b) Preconditioned gradient descent with P = diag(1, 4, 1): where does it converge?\n\n")
X = np.array([[1, 0, 1], [0, 2, 1]], float)
Y = np.array([2, 1], float)


def _closest(W: np.ndarray) -> np.ndarray:
    """argmin θᵀWθ s.t. Xθ = y by the KKT system (numpy), independently of the solver."""
    K = np.block([[W, X.T], [X, np.zeros((2, 2))]])
    return np.linalg.solve(K, np.r_[np.zeros(3), Y])[:3]


DISTANCE = float(np.linalg.norm(_closest(np.eye(3)) - _closest(np.diag([1, 1 / 4, 1]))))

PAIR_FORMS = [
    "(c) Compute ‖θ_(a) − θ_(b)‖₂.",
    "(c) What is ||w_inf(b) - w_inf(a)||?",
    "(c) Give the Euclidean distance ‖θ^GD − θ^(b)‖_2 between the two limits.",
    "(c) Find $\\|\\theta_{(a)} - \\theta_{(b)}\\|_2$.",
]


@pytest.mark.parametrize("question", PAIR_FORMS)
def test_distance_between_two_limits_is_derived_and_verified(question):
    reading = read_report(DATA + question)
    assert reading.complete, reading.unread()
    part = reading.parts[2]
    assert part.fields["derived"].value[0]["kind"] == "distance"
    assert part.value("asks") == []
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    got = [a for a in solution.parts[2].answers if a.quantity == "distance"]
    assert len(got) == 1 and abs(float(got[0].value) - DISTANCE) < 1e-9


@pytest.mark.parametrize("question", [
    "(c) Compute ‖θ_(a) − θ_(b)‖₂².",          # squared: not the distance
    "(c) Compute ‖θ_(a) − θ_(b)‖_3.",           # a norm that is not read
    "(c) Compute ‖θ_(a) − θ_(e)‖₂.",            # no part (e)
])
def test_a_distance_that_cannot_be_placed_is_refused(question):
    reading = read_report(DATA + question)
    assert not reading.complete


def test_pair_distance_in_the_max_norm():
    reading = read_report(DATA + "(c) Compute ‖θ_(a) − θ_(b)‖_∞.")
    assert reading.complete, reading.unread()
    assert reading.parts[2].fields["derived"].value[0]["norm"] == "linf"


MIN_NORM_HERE = ("Fit aᵀθ = 4 with a = (2, 1, 2)ᵀ, loss ½(aᵀθ − 4)², starting at θ₀ = (1, 0, 1)ᵀ.\n\n"
                 "(a) Plain gradient descent: to which point does it converge?\n\n"
                 "(b) Heavy-ball momentum with β = 0.5: where does it converge?\n\n")


@pytest.mark.parametrize("question", [
    "(c) Give the minimum-norm solution θ† and the distance ‖θ_∞^GD − θ†‖_2.",
    "(c) State the minimum-norm solution w^+ and compute ||w^{HB} - w^+||.",
])
def test_distance_to_a_minimum_norm_solution_asked_in_the_same_part(question):
    reading = read_report(MIN_NORM_HERE + question)
    assert reading.complete, reading.unread()
    part = reading.parts[2]
    assert set(part.value("asks")) == {"min-norm-solution", "distance-to-min-norm"}
    a, b, t0 = np.array([2., 1, 2]), 4.0, np.array([1., 0, 1])
    limit = t0 + a * (b - a @ t0) / (a @ a)
    want = float(np.linalg.norm(limit - a * b / (a @ a)))
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    got = [x for x in solution.parts[2].answers if x.quantity == "distance-to-min-norm"]
    assert abs(float(got[0].value) - want) < 1e-9


MOMENTUM = ("Least squares: X = [[1, 1, 0], [0, 1, 2]], y = [2, 3], loss ½‖Xθ − y‖². "
            "Heavy-ball momentum with β = 0.5 runs from θ_0 = θ_{-1} = (1, 0, 1).\n\n"
            "(a) To which point does heavy ball converge?\n\n")


@pytest.mark.parametrize("question, kind, value", [
    ("(b) Does Nesterov's method, from the same start, converge to a different point than (a)? "
     "If so, which one?", "differs", False),
    ("(b) Run plain gradient descent from the same start instead. Does it end up at a different "
     "limit from (a)?", "differs", False),
    ("(b) Preconditioned gradient descent with P = diag(2, 1, 1) from the same start: where does "
     "it converge? Compare with (a).", "same-as", False),
    ("(b) What is the limit of ridge as λ → 0? Compare with (a).", "same-as", False),
])
def test_a_comparison_with_an_earlier_part_is_derived_and_verified(question, kind, value):
    """Independent check: the expected verdict is computed here with numpy (the heavy-ball and
    GD limits are θ0 + pinv(X)(y - Xθ0); the preconditioned one the P-metric closest point;
    the ridgeless one pinv(X) y, which differs from the heavy-ball limit as θ0 has a component
    in the null space)."""
    X3 = np.array([[1., 1, 0], [0, 1, 2]])
    y3, t0 = np.array([2., 3]), np.array([1., 0, 1])
    hb = t0 + np.linalg.pinv(X3) @ (y3 - X3 @ t0)
    assert np.abs(hb - np.linalg.pinv(X3) @ y3).max() > 1e-3   # the ridgeless limit differs
    reading = read_report(MOMENTUM + question)
    assert reading.complete, reading.unread()
    part = reading.parts[1]
    assert part.value("theta0") == [1, 0, 1]
    assert [d["kind"] for d in part.value("derived")] == [kind]
    assert part.value("derived")[0]["to"].startswith("a.")
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    got = [x for x in solution.parts[1].answers if x.quantity == kind]
    assert len(got) == 1 and bool(got[0].value) is value


def test_a_comparison_without_a_named_earlier_part_is_refused():
    reading = read_report(MOMENTUM + "(b) Does Nesterov's method converge to a different point?")
    assert not reading.complete


@pytest.mark.parametrize("start", ["θ_0 = θ_{-1} = (1, 0, 1)", "θ0 = θ-1 = (1, 0, 1)ᵀ",
                                   "w_{-1} = w_0 = (1, 0, 1)"])
def test_a_momentum_start_written_with_the_previous_iterate(start):
    text = ("Least squares: X = [[1, 1, 0], [0, 1, 2]], y = [2, 3]. Heavy ball with β = 0.5 "
            f"from {start}. Where does it converge?")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert reading.parts[0].value("theta0") == [1, 0, 1]


def test_a_garbled_half_before_a_garbled_norm_is_the_half_sum_loss():
    text = ("Let X = [[1, 1, 0], [0, 1, 2]], y = [2, 3] and L(θ) = 12 kXθ − yk22 for θ ∈ R3. "
            "Gradient descent from θ0 = 0. Where does it converge?")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert reading.parts[0].value("loss") == "half-sum"


ROMAN = ("Data points x_1 = (1, 0, 2), y_1 = 2 and x_2 = (0, 1, 1), y_2 = 1; loss "
         "½Σ_{i=1}^{2}(x_iᵀθ − y_i)². Every method starts at θ_0 = 0.\n\n"
         "(i) Where does SGD with batch size 1 and a small constant step converge?\n\n"
         "(ii) Nesterov with momentum μ = 0.7: where does it converge?\n\n")


@pytest.mark.parametrize("question, asks", [
    ("(iii) Give ‖θ_∞‖_2 for the limit of (ii). Is it the minimum-norm solution?",
     ["norm-value", "is-min-norm"]),
    ("(iii) For the point in (i), what is ‖θ_∞‖? Is it the minimum-norm interpolant?",
     ["norm-value", "is-min-norm"]),
    ("(iii) What does the ridge solution argmin ½‖Xθ − y‖² + (λ/2)‖θ‖² tend to as λ ↓ 0?",
     ["ridgeless-limit"]),
    ("(iii) What is the limit of the ridge estimator (XᵀX + lam I)^{-1} Xᵀ y as lam -> 0?",
     ["ridgeless-limit"]),
])
def test_roman_part_labels_and_the_ridgeless_limit_in_words(question, asks):
    reading = read_report(ROMAN + question)
    assert reading.complete, reading.unread()
    assert reading.parts[1].value("method") == {"name": "nesterov", "beta": 0.7}
    assert set(asks) <= set(reading.parts[2].asked)
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    want = np.linalg.pinv(np.array([[1., 0, 2], [0, 1, 1]])) @ np.array([2., 1])
    limit = solution.parts[2].answers[0]
    assert np.abs(np.array(limit.value, dtype=float) - want).max() < 1e-12


def test_sgd_with_larger_mini_batches_is_refused_naming_the_batch():
    text = ROMAN.replace("batch size 1", "batch size 2") + "(iii) Is (i) the minimum-norm solution?"
    reading = read_report(text)
    assert any("batch size 2" in m.reason for p in reading.parts for m in p.missing)


FORUM = ("Tiny test: one sample x = (2, 0, 1, 0), target y = 5, loss 0.5*(x^T w - y)^2. "
         "Note the second feature is always 0. Started from w0 = (1, 2, 0, 1) and trained until "
         "the loss was essentially 0. ")


@pytest.mark.parametrize("ask", [
    "What's the limit of gradient descent? What does ridge argmin 0.5*(x^T w - y)^2 + "
    "(lam/2)*||w||^2 go to as lam -> 0? And how far apart are the two points?",
    "Where does plain GD end up, what is the ridge solution as lambda tends to 0, and what is "
    "the distance between these two solutions?",
])
def test_two_methods_in_one_part_and_the_distance_between_them(ask):
    """Independent check: GD keeps the null-space part of w0 (numpy projection); ridge at
    λ -> 0 is pinv(x) y; their Euclidean distance is computed here."""
    reading = read_report(FORUM + ask)
    assert reading.complete, reading.unread()
    x, y, w0 = np.array([2., 0, 1, 0]), 5.0, np.array([1., 2, 0, 1])
    gd = w0 + x * (y - x @ w0) / (x @ x)
    ridge = x * y / (x @ x)
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    answers = {a.quantity: a for p in solution.parts for a in p.answers}
    assert np.abs(np.array(answers["limit"].value, dtype=float) - gd).max() < 1e-12
    assert np.abs(np.array(answers["ridgeless-limit"].value, dtype=float) - ridge).max() < 1e-12
    assert abs(float(answers["distance"].value) - np.linalg.norm(gd - ridge)) < 1e-12


def test_a_remark_about_a_zero_feature_that_the_data_contradicts_is_refused():
    reading = read_report(FORUM.replace("second feature", "first feature") +
                          "Where does plain GD end up?")
    assert not reading.complete
    assert any("first feature is always 0" in line for line in reading.unread())


def test_an_ask_about_the_ridge_limit_is_not_given_to_the_other_method():
    """'is it the minimum-norm solution' asked of the ridge limit stays with ridge (whose
    weight decay is then missing): it is not answered for gradient descent."""
    from optiproof.reading import ReadingIncomplete, ReadingInvalid

    reading = read_report(FORUM + "Where does plain GD end up? What is the ridge solution as "
                                  "lambda tends to 0, and is it the minimum-norm solution?")
    ridge = next(p for p in reading.parts if p.value("method") == "ridge")
    assert "is-min-norm" in ridge.asked
    with pytest.raises((ReadingIncomplete, ReadingInvalid)):
        reading.to_problem()



HB_A = ("Least squares with X = [[1, 0, 1], [0, 2, 1]] and y = [2, 1], loss ½‖Xθ − y‖².\n\n"
        "(a) Heavy ball with β = 0.5 from θ₀ = 0: where does it converge?\n\n")


def _answer_of(text: str, quantity: str, index: int = 1):
    """The verified answer of ``quantity`` in part ``index`` (default (b)) of ``text``."""
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    return next(a for a in solution.parts[index].answers if a.quantity == quantity)


@pytest.mark.parametrize("question, squared", [
    ("(b) Compute ‖θ_(a)‖₂².", True),
    ("(b) What is ||θ_∞||_2^2 for the limit of (a)?", True),
    ("(b) Give ‖θ_∞‖ for the limit in (a).", False),
])
def test_the_norm_or_squared_norm_of_an_earlier_limit(question, squared):
    got = _answer_of(HB_A + question, "norm-value")
    want = float(np.linalg.norm(_closest(np.eye(3))))
    assert abs(float(got.value) - (want ** 2 if squared else want)) < 1e-9


def _closest_to(t0: np.ndarray, W: np.ndarray) -> np.ndarray:
    """argmin (θ - θ0)ᵀW(θ - θ0) s.t. Xθ = y (numpy KKT)."""
    K = np.block([[W, X.T], [X, np.zeros((2, 2))]])
    return np.linalg.solve(K, np.r_[W @ t0, Y])[:3]


T1 = np.array([1., 1, 0])
P_CHANGES = bool(np.abs(_closest_to(T1, np.diag([1, 1 / 4, 1])) - _closest_to(T1, np.eye(3))
                        ).max() > 1e-6)


@pytest.mark.parametrize("question, changes", [
    ("(b) Start Nesterov from θ₀ = (1, 1, 0) instead. Where does it converge? Explain why the "
     "momentum does not change the answer compared with plain gradient descent.", False),
    ("(b) From θ₀ = (1, 1, 0), does preconditioned descent with P = diag(1, 4, 1) end at a "
     "different limit than plain GD would?", P_CHANGES),
    ("(b) Preconditioned descent with P = diag(1, 4, 1) from θ₀ = (1, 1, 0): does the limit "
     "change compared with gradient descent?", P_CHANGES),
])
def test_does_the_limit_change_against_gradient_descent_named_in_the_question(question, changes):
    """Independent check: plain GD and momentum from θ0 reach the Euclidean-closest solution,
    the preconditioned method the P⁻¹-closest one (numpy KKT above)."""
    assert bool(_answer_of(HB_A + question, "changes").value) is changes


WORDS = ("Data: X = [[1, 0, 1], [0, 2, 1]], y = [2, 1], loss L(β) = ½‖Xβ − y‖².\n\n"
         "(a) Let β̂_λ = argmin_β L(β) + (λ/2)‖β‖². Compute lim_{λ→0⁺} β̂_λ.\n\n"
         "(b) Gradient descent is started at β₀ = (1, 1, 0). To which point does it converge?\n\n")


@pytest.mark.parametrize("question", [
    "(c) How far (Euclidean distance) is the limit in (b) from the limit in (a)?",
    "(c) What is the distance between the points of (a) and (b)?",
    "(c) How far apart are the answers to (b) and (a)?",
])
def test_the_distance_between_two_earlier_answers_in_words(question):
    """Independent check: ridge at λ -> 0 is pinv(X) y, GD from β0 the Euclidean-closest
    solution to β0 (numpy)."""
    got = _answer_of(WORDS + question, "distance", 2)
    want = float(np.linalg.norm(_closest_to(T1, np.eye(3)) - np.linalg.pinv(X) @ Y))
    assert abs(float(got.value) - want) < 1e-9


@pytest.mark.parametrize("question", [
    "(c) Suppose we use SGD instead (one example per step, small constant step), from the same "
    "β₀. Does the limit change?",
    "(c) Run heavy ball with β = 0.5 from the same starting point. Does the limit change?",
])
def test_the_same_start_as_an_earlier_part(question):
    reading = read_report(WORDS + question)
    assert reading.complete, reading.unread()
    assert reading.parts[2].value("theta0") == [1, 1, 0]
    assert reading.parts[2].asked == ["changes"]
