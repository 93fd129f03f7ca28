"""Steepest-descent requests in other words: the decrease of the whole model (minus the minimum
value, not gᵀu), a ratio whose operands name their part by its norm or cite it after a norm, a
norm swapped for another, and the remarks around a question (the asker's attempt, a sign-off,
a corrected typo, a parenthesis calling a setting irrelevant) that are set aside, not data."""

from __future__ import annotations

import pytest
import sympy as sp

from reading_helpers import solved


def _solved(text: str):
    reading, solution = solved(text, witnesses=True)
    reading.attach(solution)
    return reading, solution


def _answers(solution, label: str) -> dict[str, float]:
    part = next(p for p in solution.to_dict()["parts"] if p["label"] == label)
    return {a["quantity"]: a["value"] for a in part["answers"]}


WEIGHTED = ("Take g = (1, 2, -2), D = diag(1, 4, 2) and ||u||_D^2 = u^T D u. The step minimises "
            "g^T u + (1/alpha) ||u||_D^2 with alpha = 2.\n")


@pytest.mark.parametrize("request_", [
    "How much decrease does the whole model predict?",
    "What decrease does the linear + quadratic model predict?",
    "By how much is the objective at u* below its value at u = 0 (the predicted decrease)? "
    "Give a positive number.",
    "What's the predicted decrease, i.e. how much lower is the model value at u* than at u = 0?",
])
def test_the_whole_models_decrease_is_minus_the_minimum_value(request_):
    reading, solution = _solved(WEIGHTED + f"(a) Find u*.\n(b) {request_}\n")
    got = _answers(solution, "b")
    # independently: u* = -(alpha/2) D^{-1} g, value g^T u* + (1/alpha) u*^T D u*
    g, D, alpha = sp.Matrix([1, 2, -2]), sp.diag(1, 4, 2), sp.Integer(2)
    u = -(alpha / 2) * D.inv() * g
    value = (g.T * u)[0] + (u.T * D * u)[0] / alpha
    assert got == {"model-decrease": pytest.approx(float(-value))}
    assert "linear-change" not in got
    assert all(p.verified for p in solution.parts)


def test_a_first_order_predicted_decrease_stays_g_transpose_u():
    _, solution = _solved(WEIGHTED + "(a) What is the first-order predicted decrease of the loss?\n")
    assert "linear-change" in _answers(solution, "a")


BALLS = ("Let g = (0.3, -1.2, 0.4) and eta = 0.5; each step solves min g^T u subject to a norm "
         "ball of radius eta.\n(a) Use the l1 ball: find u* and the minimal value.\n"
         "(b) Use the Euclidean ball ||u||_2 <= eta: find u* and the minimal value.\n")


def test_ratio_operands_named_by_the_norm_of_their_part():
    _, solution = _solved(BALLS + "(c) Give the ratio (decrease for the l2 ball)/(decrease for "
                                  "the l1 ball).\n")
    g = [0.3, -1.2, 0.4]
    l2 = sum(x * x for x in g) ** 0.5
    assert _answers(solution, "c")["ratio"] == pytest.approx(l2 / max(map(abs, g)))


def test_ratio_of_norms_cited_by_part_after_the_norm():
    _, solution = _solved(BALLS + "(c) Compute the ratio of the two step lengths, ‖u‖_2 from (a) "
                                  "divided by ‖u‖_2 from (b).\n")
    # (a) moves one coordinate by eta, (b) has length eta: the ratio is 1
    assert _answers(solution, "c")["ratio"] == pytest.approx(1.0)


def test_a_norm_swapped_for_another_is_the_parts_norm():
    text = ("g = (2, -1, 1) and the step is argmin_u g^T u + (1/2)||u||_inf^2.\n(a) Find u*.\n"
            "(b) If I swap the max norm for the plain Euclidean norm, what's the minimal value "
            "then?\n")
    reading, solution = _solved(text)
    assert reading.parts[1].value("norm") == "l2"
    assert _answers(solution, "b")["min-value"] == pytest.approx(-(4 + 1 + 1) / 2)


def test_remarks_around_the_questions_are_set_aside_not_read():
    text = ("hi all, g = (1, -3) and u* = argmin_u g^T u + (1/alpha)||u||_2^2 with alpha = 1 "
            "(the sheet has a typo with alpha=10 but the TA said use 1).\nMy attempt: I think "
            "u* = (-1, 3) but not sure.\n(a) what's u* really?\n(b) and its minimal value? "
            "(width d=512 of the real net is irrelevant here.) Thanks in advance, been at this "
            "for 3 hours.\n")
    reading, solution = _solved(text)
    assert all(p.verified for p in solution.parts)
    ignored = " ".join(solution.reading["ignored"])
    for number in ("10 (a value the text calls a typo", "512 (in a remark", "3 (in a remark",
                   "the asker's own attempt 'My attempt"):
        assert number in ignored
    assert sp.flatten(_answers(solution, "a")["update"]) == pytest.approx([-0.5, 1.5])


def test_the_largest_weight_with_a_finite_minimum_is_the_threshold():
    text = ("Let g = (2, -1, 1). Minimise g^T u + (1/alpha) ||u||_1.\n(a) Find the largest alpha "
            "for which the minimum is finite.\n")
    _, solution = _solved(text)
    assert _answers(solution, "a")["threshold"] == pytest.approx(0.5)
    assert solution.parts[0].family == "steepest-descent"


def test_a_parenthesised_adjective_keeps_the_identification_asked():
    text = ("G = [[3, 0], [0, 1]], eta = 0.1; U* = argmin <G, U> subject to ||U||_op <= eta.\n"
            "(a) Compute U*.\n(b) Which (recent) optimizer uses steps of the form in (a)?\n")
    _, solution = _solved(text)
    assert solution.parts[1].identified_as == "Muon"
