"""Requests that name the step by what the text calls it.

"What is the change in θ on the first Adam step?" asks the first step θ_1 - θ_0 whatever optimizer
names the step (checked against Adam's first step, -lr·g/(|g| + ε), computed here).

A step the shared text defines by its argmin under a two-letter name ("dW = argmin <G, dW>
subject to ||dW||_F <= r") is the optimal step: "what is dW" asks it and "<G, dW>" asks the
first-order change at it, checked against -r·G/‖G‖_F and -r·‖G‖_F from numpy.

"Is w the minimum l_∞-norm solution?" asks whether it is the minimum-norm solution, with the
norm's index written with ∞."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.questions import read_questions


def _answers(text: str) -> dict[str, list]:
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False,
                                                            run_witnesses=False)).to_dict()
    out: dict[str, list] = {}
    for a in (a for p in data["parts"] for a in p["answers"]):
        out.setdefault(a["quantity"], a["value"])   # the first answer of each quantity
    return out


@pytest.mark.parametrize("ask", [
    "What is the change in θ on the first Adam step (lr = {lr}, β1 = 0.9, β2 = 0.999)?",
    "Compute the first Adam update (lr = {lr}, β1 = 0.9, β2 = 0.999, eps = 1e-8).",
])
@pytest.mark.parametrize("g, lr", [((0.5, -2.0), 0.001), ((3.0, 1e-3), 0.01)])
def test_the_first_step_of_a_named_optimizer(ask, g, lr):
    text = (f"Adam starts at θ_0 = (0, 0) with eps = 1e-8. The first gradient is g_1 = ({g[0]}, {g[1]}).\n\n"
            "(a) " + ask.format(lr=lr) + "\n")
    got = np.array(_answers(text)["first-step"], float).ravel()
    want = -lr * np.array(g) / (np.abs(np.array(g)) + 1e-8)
    assert got == pytest.approx(want, rel=1e-9)


@pytest.mark.parametrize("G, r", [([[1, 2], [2, 1]], 0.1), ([[3, 0], [4, 1]], 0.5)])
def test_a_step_defined_under_a_two_letter_name(G, r):
    text = (f"The gradient is G = {G}. The update is dW = argmin <G, dW> subject to "
            f"||dW||_F <= {r}.\n\nQ1) What is dW, and what's the value of <G, dW>?\n")
    got = _answers(text)
    norm = np.linalg.norm(np.array(G, float))
    assert np.array(got["update"], float) == pytest.approx(-r * np.array(G) / norm)
    assert float(got["linear-change"]) == pytest.approx(-r * norm)


@pytest.mark.parametrize("sentence", [
    "Is w_SD the minimum l_∞-norm solution of w^T x = 12 ?",
    "Is this limit the minimum ℓ∞-norm interpolant?",
])
def test_a_minimum_norm_question_with_an_infinity_index(sentence):
    asked = [a.quantity for q in read_questions(sentence).requests for a in q.asks]
    assert "is-min-norm" in asked
