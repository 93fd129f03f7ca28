"""A question led by the run's setting ('Starting from w_0 = 0 and a small enough step, what vector
does GD converge to?', 'With lr = 0.1 and a tiny batch, where ...', 'Using a small step and the
origin as start, find ...'): the items of that setting state the run and are not requests left
unplaced. The setting of a question that asks inside it ('For which step sizes, ...') stays
asked. 'How far does GD travel, i.e. what is ‖w_∞ − w_0‖_2?' is the distance from the start to
the limit, answered."""

from __future__ import annotations

import pytest
import sympy as sp

from optiproof.reading.questions import read_questions
from reading_helpers import quantity_values

LEADS = [
    "Starting from w_0 = 0 and a small enough step, what vector does GD converge to?",
    "With lr = 0.1 and a tiny batch, where does SGD end up?",
    "Using a small enough learning rate and the origin as start, find the limit.",
    "(b) initialised at zero and run with a small step size, which solution does GD pick?",
    "- from θ_0 = 0 and with a step of 1e-3, what is the limit?",
]


@pytest.mark.parametrize("sentence", LEADS)
def test_the_items_of_a_leading_setting_are_not_requests(sentence):
    (request,) = read_questions(sentence).requests
    assert {a.quantity for a in request.asks} == {"limit"}
    assert request.unplaced == ()


@pytest.mark.parametrize("sentence", [
    "• with the best step, how many iterations do you need so that the error is below 1e-3?",
    "- with the optimal learning rate and w_0 = 0, how many steps until the error halves?",
])
def test_a_setting_naming_a_chosen_value_stays_to_be_placed(sentence):
    # 'the best step' is a value the reading must place (the iterations depend on it)
    (request,) = read_questions(sentence).requests
    assert request.unplaced


def test_a_request_item_after_the_question_is_still_unplaced():
    (request,) = read_questions("With a small step, what does GD converge to and the "
                                "spectral gap?").requests
    assert request.unplaced


TEXTS = {
    "markdown": ("Fit $w \\in \\mathbb{R}^2$ to one example $x = (3, 4)$, $y = 10$, loss "
                 "$L(w) = \\tfrac12 (w^\\top x - y)^2$, plain gradient descent with a small "
                 "step, started at $w_0 = (4, -3)$.\n\n**(a)** Where does it converge?\n\n"
                 "**(b)** How far does GD travel, i.e. what is $\\|w_\\infty - w_0\\|_2$?\n"),
    "ascii": ("one example x = (3, 4), y = 10, L(w) = 0.5*(x^T w - y)^2, gradient descent w/ "
              "small lr from w_0 = (4, -3).\n\n(a) where does it converge?\n(b) and what is "
              "||w_inf - w_0||_2 ?\n"),
    "plain": ("A single example x = (3, 4) with label y = 10, loss L(w) = ½(xᵀw − y)², gradient "
              "descent with a small step from w₀ = (4, −3).\n\n(a) Find the limit.\n(b) How far "
              "is the limit from the start: compute ‖w_∞ − w₀‖₂.\n"),
}


@pytest.mark.parametrize("style", sorted(TEXTS))
def test_the_norm_of_limit_minus_start_is_the_distance_travelled(style):
    # x^T w_0 = 0, so the limit is w_0 + 10 x / 25 and the distance is 10 / 5 = 2
    values = dict(quantity_values(TEXTS[style])["b"])
    assert sp.nsimplify(values["value-at"]) == 2, values
