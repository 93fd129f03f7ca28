"""Implicit-bias texts in other people's words: the answers of parts numbered '1.', '2.' named
by their numbers alone ("the distance between the two limits from 1. and 2."), a part that keeps
the start of the part before it ("Same start, but with momentum"), a long method name before
"converge", ridge written as its closed form (XᵀX + λI)⁻¹Xᵀy, indexed weights glued to their
coefficients (2θ2), and "the closed form" of a limit. Checked against limits computed
independently (θ∞ = θ0 + X⁺(y − Xθ0), numpy's pseudo-inverse)."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.parts import bracket_references

X = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])
Y = np.array([2.0, 3.0])


def _gd_limit(start) -> np.ndarray:
    start = np.asarray(start, float)
    return start + np.linalg.pinv(X) @ (Y - X @ start)


def _solved(text: str) -> dict:
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    return solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()


_DATA = "We fit w to X = [[1, 0, 1], [0, 1, 1]] and y = [2, 3] with the squared loss.\n\n"


@pytest.mark.parametrize("third", [
    "3. What is the Euclidean distance between the two limits from 1. and 2.?",
    "3. How far apart are the limits found in 1 and 2?",
    "3. Compute the distance between the limits of 1 and 2.",
    "3. Give the Euclidean distance between the answers to 1. and 2.",
])
def test_answers_of_numbered_parts_named_by_number(third):
    text = (_DATA + "1. Starting from w_0 = 0, where does gradient descent converge?\n"
            "2. Starting from w_0 = (1, 1, 1), what is the limit of gradient descent?\n" + third)
    data = _solved(text)
    (dist,) = [a for p in data["parts"] if p["label"] == "3" for a in p["answers"]
               if a["quantity"] == "distance"]
    want = np.linalg.norm(_gd_limit([0, 0, 0]) - _gd_limit([1, 1, 1]))
    assert abs(float(dist["value"]) - want) < 1e-9


@pytest.mark.parametrize("text, labels, want", [
    ("the two limits from 1. and 2.?", ["1", "2", "3"], "the two limits from (1) and (2)?"),
    ("the answers to 1, 2 and 3. Then", ["1", "2", "3"], "the answers to (1), (2) and (3). Then"),
    # a decimal, a number that is no label, a single number: left as written
    ("the steps of 1 and 2.5?", ["1", "2", "3"], "the steps of 1 and 2.5?"),
    ("the points in 1 and 7", ["1", "2", "3"], "the points in 1 and 7"),
    ("the results in 1 and 2 dimensions", ["1", "2", "3"], "the results in 1 and 2 dimensions"),
    ("Do the limits of 1 and 2 differ?", ["1", "2", "3"], "Do the limits of (1) and (2) differ?"),
    ("the limit from 1.", ["1", "2", "3"], "the limit from 1."),
])
def test_numbered_answers_are_bracketed_only_when_they_are_labels(text, labels, want):
    assert bracket_references(text, labels) == want


@pytest.mark.parametrize("second", [
    "2. Same start, but use heavy-ball momentum with β = 0.9. Where does it converge?",
    "2. Keep the same initialization and switch to Nesterov momentum (β = 0.5). Give the limit.",
    "2. Heavy ball with β = 0.8 from the same starting point as before: what is the limit?",
])
def test_the_same_start_is_the_start_of_the_part_before(second):
    text = (_DATA + "1. Run gradient descent from w_0 = (1, 1, 1). Where does it converge?\n"
            + second)
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    assert [list(map(float, p.value("theta0"))) for p in reading.parts] == [[1, 1, 1]] * 2
    data = _solved(text)
    for part in data["parts"]:
        (limit,) = [a for a in part["answers"] if a["quantity"] == "limit"]
        assert np.allclose(np.asarray(limit["value"], float).ravel(), _gd_limit([1, 1, 1]))


def test_the_same_start_without_one_before_stays_refused():
    text = (_DATA + "1. What is the minimum-norm solution?\n"
            "2. Same start, but use heavy-ball momentum with β = 0.9. Where does it converge?")
    reading = read_report(text)
    assert not reading.complete
    assert any("start" in line for line in reading.unread())


# -- a long method name before 'converge'; ridge written as its closed form --------------------

_WIDE = np.array([[1.0, 0.0, 4.0], [1.0, 2.0, 0.0]])
_WIDE_Y = np.array([4.0, 3.0])
_WIDE_DATA = "Least squares with X = [[1, 0, 4], [1, 2, 0]] and y = [4, 3], started at w_0 = 0.\n"


@pytest.mark.parametrize("question", [
    "Where does Nesterov's accelerated gradient method (constant momentum 0.9) converge?",
    "Where does Nesterov's accelerated gradient method with a constant momentum of 0.5 "
    "converge?",
    "Where does the heavy-ball method (Polyak momentum, β = 0.8, small enough step) end up, "
    "i.e. where does it converge?",
])
def test_a_long_method_name_before_converge_asks_the_limit(question):
    data = _solved(_WIDE_DATA + "(a) " + question)
    (limit,) = [a for p in data["parts"] for a in p["answers"] if a["quantity"] == "limit"]
    assert np.allclose(np.asarray(limit["value"], float).ravel(), np.linalg.pinv(_WIDE) @ _WIDE_Y)


@pytest.mark.parametrize("formula", [
    "w_λ = (XᵀX + λI)⁻¹Xᵀy",
    "w(lambda) = (X^T X + lambda*I)^(-1) X^T y",
    r"$w_\lambda = (X^\top X+\lambda I)^{-1}X^\top y$",
    "w_λ = Xᵀ(XXᵀ + λI)⁻¹y",
])
def test_ridge_written_as_its_closed_form_gives_the_vanishing_limit(formula):
    text = ("Least squares with X = [[1, 0, 4], [1, 2, 0]] and y = [4, 3].\n"
            f"(a) Let {formula}. Compute the limit of w_λ as λ → 0.")
    data = _solved(text)
    (limit,) = [a for p in data["parts"] for a in p["answers"]
                if a["quantity"] == "ridgeless-limit"]
    assert np.allclose(np.asarray(limit["value"], float).ravel(), np.linalg.pinv(_WIDE) @ _WIDE_Y)


def test_ridge_closed_form_at_a_given_lambda_stays_refused_without_the_loss_constant():
    reading = read_report("Least squares with X = [[1, 0, 4], [1, 2, 0]] and y = [4, 3].\n"
                          "(a) Let λ = 0.5 and w_λ = (XᵀX + λI)⁻¹Xᵀy. Compute w_λ.")
    assert not reading.complete


# -- indexed weights written without an underscore; 'the closed form' of the limit -------------

def _projected(a, b, start) -> np.ndarray:
    """The point of {θ : aᵀθ = b} closest to the start (the gradient-descent limit)."""
    a, start = np.asarray(a, float), np.asarray(start, float)
    return start + a * (b - a @ start) / (a @ a)


@pytest.mark.parametrize("data, a, b", [
    ("the constraint is θ1 + 2θ2 + 2θ3 = 3", [1, 2, 2], 3),
    ("the loss is the squared residual (θ1 + 2θ2 + 2θ3 − 3)^2", [1, 2, 2], 3),
    ("we fit 3θ1 − θ2 + 0.5θ3 = 2 in the least-squares sense", [3, -1, 0.5], 2),
    ("minimise (4 − 2θ1 − θ3 + θ2)^2", [2, -1, 1], 4),
])
def test_indexed_weights_glued_to_their_coefficients(data, a, b):
    text = (f"One data point, three parameters: {data}. I start at θ0 = (1, 0, −1) and run plain "
            "GD with a small step. Where does it converge?")
    data_ = _solved(text)
    (limit,) = [x for p in data_["parts"] for x in p["answers"] if x["quantity"] == "limit"]
    assert np.allclose(np.asarray(limit["value"], float).ravel(), _projected(a, b, [1, 0, -1]))


@pytest.mark.parametrize("request_", [
    "Where does GD converge? I'd like the closed form, not just numbers.",
    "Give the limit of gradient descent; a closed form please.",
])
def test_the_closed_form_of_the_limit_is_the_exact_limit(request_):
    text = f"Fit θ_1 + 2θ_2 + 2θ_3 = 3 by least squares, starting at θ_0 = (1, 0, −1). {request_}"
    data = _solved(text)
    (limit,) = [x for p in data["parts"] for x in p["answers"] if x["quantity"] == "limit"]
    assert np.allclose(np.asarray(limit["value"], float).ravel(),
                       _projected([1, 2, 2], 3, [1, 0, -1]))


@pytest.mark.parametrize("text, want", [
    ("Let d1 be the answer of 1 and d2 the answer of 2.",
     "Let d1 be the answer of (1) and d2 the answer of (2)."),
    ("Compare it with the result from 3.", "Compare it with the result from (3)."),
    ("Round the answer to 1 decimal place.", "Round the answer to 1 decimal place."),
    ("the result of 2.5 is", "the result of 2.5 is"),
    ("the answer of 7.", "the answer of 7."),
])
def test_one_numbered_answer_is_bracketed_only_as_a_label(text, want):
    assert bracket_references(text, ["1", "2", "3"]) == want
