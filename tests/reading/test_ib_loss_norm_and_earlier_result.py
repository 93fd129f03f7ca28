"""Implicit-bias requests that used to be dropped or answered about the wrong run: the loss at
the limit asked beside other asks ("Compute ‖w_∞‖_2 and L(w_∞)", "the training loss L(w_P)"),
the loss constant written after a model definition ("f(x) = wᵀx ... L(w) = 1/2 * (wᵀx − y)^2"),
the Euclidean norm written beside its name ("the Euclidean norm ‖w_∞‖_2"), a part that runs
its own start and asks about an earlier part's limit in a sentence of its own, a PDF copy's
norm whose subscript fell onto the next line ("kw" / "GDk2"), and sign descent glossed as
"a simplified model of Adam with β1 = β2 = 0". Checked against limits computed independently
(θ∞ = θ0 + X⁺(y − Xθ0) with numpy's pseudo-inverse)."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.normalize import normalize

X1 = np.array([[2.0, 1.0, 2.0]])
Y1 = np.array([3.0])


def _limit(X, y, start) -> np.ndarray:
    start = np.asarray(start, float)
    return start + np.linalg.pinv(X) @ (y - X @ start)


def _solved(text: str) -> dict:
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    return solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()


def _answers(data: dict, label: str) -> list[dict]:
    return [a for p in data["parts"] if p["label"].split(".")[0] == label for a in p["answers"]]


def _values(answers: list[dict], quantity: str) -> list:
    return [a["value"] for a in answers if a["quantity"] == quantity]


_ONE_EXAMPLE = ("We fit a linear model f(x) = w^T x with w in R^3 on a single example "
                "x = (2, 1, 2), y = 3, with squared loss L(w) = 1/2 * (w^T x - y)^2.\n"
                "Gradient descent is run with a small constant step.\n\n")


def test_the_loss_constant_is_read_past_the_model_definition():
    reading = read_report(_ONE_EXAMPLE + "(a) Starting from w_0 = 0, where does GD converge?")
    assert reading.parts[0].fields["loss"].value == "half-sum"


@pytest.mark.parametrize("ask", ["(b) Compute ||w_inf||_2 and L(w_inf).",
                                 "(b) What is ||w_inf||_2, and what is the training loss "
                                 "L(w_inf)?"])
def test_the_loss_at_the_limit_beside_a_norm_is_answered(ask):
    text = _ONE_EXAMPLE + "(a) Starting from w_0 = (1, 0, 1), where does GD converge?\n" + ask
    data = _solved(text)
    b = _answers(data, "b")
    want = _limit(X1, Y1, [1, 0, 1])
    assert abs(float(_values(b, "norm-value")[0]) - np.linalg.norm(want)) < 1e-9
    assert [float(v) for v in _values(b, "value-at")] == [0.0]


def test_the_loss_at_a_named_limit_is_answered():
    text = ("Data X = [[1, 0, 1], [0, 1, 1]], y = (2, 1). Loss L(w) = 1/2 * ||X w - y||_2^2.\n"
            "(a) Gradient descent from w_0 = 0: give the limit w_GD.\n"
            "(b) Compute ||w_GD||_2 and the training loss L(w_GD).")
    data = _solved(text)
    X, y = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]]), np.array([2.0, 1.0])
    b = _answers(data, "b")
    assert abs(float(_values(b, "norm-value")[0]) - np.linalg.norm(_limit(X, y, [0, 0, 0]))) < 1e-9
    assert [float(v) for v in _values(b, "value-at")] == [0.0]


def test_a_stated_final_loss_is_not_asked():
    reading = read_report(_ONE_EXAMPLE + "(a) Starting from w_0 = 0, where does GD converge? "
                                         "Run it until the final loss is below 1e-12.")
    assert "value-at" not in reading.parts[0].fields.get("asks", None).value \
        if "asks" in reading.parts[0].fields else True
    assert "derived" not in reading.parts[0].fields


def test_the_euclidean_norm_written_beside_its_name_is_asked():
    text = (_ONE_EXAMPLE + "(a) Starting from w_0 = (1, 0, 1), to which vector w_∞ does it "
            "converge?\n(b) What is the Euclidean norm ||w_∞||_2?")
    data = _solved(text)
    want = np.linalg.norm(_limit(X1, Y1, [1, 0, 1]))
    assert abs(float(_values(_answers(data, "b"), "norm-value")[0]) - want) < 1e-9


def test_a_sentence_about_an_earlier_limit_is_answered_with_that_run():
    text = (_ONE_EXAMPLE + "1. Starting from w_0 = (1, 0, -1), to which vector does GD converge?\n"
            "2. If instead we start from w_0 = 0, where does GD converge? Is the limit from "
            "part (1) the minimum-norm interpolating solution (yes/no)?")
    data = _solved(text)
    two = _answers(data, "2")
    assert _values(two, "is-min-norm") in (["no"], [False])   # (1) keeps w_0's null part
    limits = [np.array(v, float).ravel() for v in _values(two, "limit")]
    assert any(np.allclose(v, _limit(X1, Y1, [0, 0, 0])) for v in limits)


def test_a_sentence_naming_the_part_itself_keeps_one_reading():
    text = (_ONE_EXAMPLE + "(a) Starting from w_0 = 0, where does GD converge? Is the limit "
            "of (a) the minimum-norm solution?")
    reading = read_report(text)
    assert [p.label for p in reading.parts] == ["a"]


# -- PDF copy ------------------------------------------------------------------------------------

_PDF = ("Consider one example x = (2, −1, 1)> and label y = 4, i.e. L(w) = 1\n"
        "2 (x>w − y)2 over w ∈ R3.\n"
        "(i) Gradient descent from w\n0 = 0: ﬁnd the limit w\nGD and kw\nGDk2.\n")


def test_a_subscript_fallen_onto_the_next_line_is_read():
    got = normalize(_PDF).text
    assert "‖w_GD‖_2" in got and "w_0 = 0" in got and "limit w_GD and" in got, got
    assert "(1/2) (x^T w - y)" in got, got


def test_a_line_starting_with_a_word_is_no_subscript():
    got = normalize("Let kwk2 be small and take w\nthe limit. Then x>w = 1.").text
    assert "w_the" not in got, got


def test_the_pdf_norm_with_a_fallen_subscript_is_asked():
    data = _solved(_PDF)
    (i,) = data["parts"]
    want = _limit(np.array([[2.0, -1.0, 1.0]]), np.array([4.0]), [0, 0, 0])
    assert abs(float(_values(i["answers"], "norm-value")[0]) - np.linalg.norm(want)) < 1e-9


def test_sign_descent_glossed_as_a_simplified_adam_is_sign_descent():
    text = ("One example x = (2, -1, 1), y = 4, loss L(w) = 1/2 (x^T w - y)^2. Take the step "
            "size η → 0.\n(a) Sign descent w_{t+1} = w_t - η sign(∇L(w_t)) from w_0 = 0 (a "
            "simplified model of Adam with β1 = β2 = 0): find the limit.")
    data = _solved(text)
    (a,) = data["parts"]
    assert np.allclose(np.array(_values(a["answers"], "limit")[0], float).ravel(), [1, -1, 1])


def test_a_simplified_adam_without_a_sign_method_stays_refused():
    text = ("One example x = (2, -1, 1), y = 4, loss L(w) = 1/2 (x^T w - y)^2.\n(a) Run a "
            "simplified model of Adam with β1 = β2 = 0 from w_0 = 0: find the limit.")
    reading = read_report(text)
    assert not reading.complete


def test_the_loss_written_out_at_the_limit_is_the_loss_at_the_limit():
    text = ("Two examples x_1 = (1, 1, 0), y_1 = 2 and x_2 = (0, 1, 1), y_2 = 4, squared loss, "
            "gradient descent with a small step from w_0 = (1, 0, 0).\n"
            "(a) Find the point w∞ to which GD converges.\n"
            "(b) What is the training loss ½Σᵢ(x_iᵀw∞ − y_i)² at w∞?")
    reading = read_report(text)
    (b,) = [p for p in reading.parts if p.label == "b"]
    (entry,) = b.fields["derived"].value
    assert entry["kind"] == "value-at" and entry["formula"].startswith("1/2 ")
    data = _solved(text)
    assert [float(v) for v in _values(_answers(data, "b"), "value-at")] == [0.0]


_TWO_RUNS = ("Data X = [[1, 0, 1], [0, 1, 1]], y = (2, 1). Loss L(w) = 1/2 * ||X w - y||_2^2.\n"
             "(a) Gradient descent from w_0 = 0: give the limit w_GD.\n"
             "(b) Sign descent from w_0 = 0 with a vanishing step: the limit w_sign.\n")


def test_the_loss_at_another_runs_named_limit_is_refused():
    reading = read_report(_TWO_RUNS + "(c) Run sign descent from w_0 = 0. What is the training "
                                      "loss L(w_GD)?")
    assert not reading.complete
    assert any("L(w_GD)" in line for line in reading.unread())


def test_the_loss_at_the_named_limit_of_the_part_referred_to_is_answered():
    reading = read_report(_TWO_RUNS + "(c) Compute ||w_GD||_2 and the training loss L(w_GD).")
    assert reading.complete
