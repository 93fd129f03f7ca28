"""The objective at a numbered iterate ('f(θ_2)', 'f (x2)', 'f(x_3, y_3)') is asked of its own:
the written function (its constant included) or ½θᵀHθ − bᵀθ at the exact iterate, checked
against the objective at the real torch.optim.SGD iterate. A gap 'f(θ_2) − f*' or a stated
bound 'f(θ_k) ≤ 1e-4' is not this request."""

from __future__ import annotations

from fractions import Fraction

import pytest

from optiproof.reading.questions import read_questions

from reading_helpers import refused, solved_verified


def test_value_after_two_steps_of_a_separable_function():
    text = ("Let f(p, q) = p^2 + 4q^2 + 1 and run gradient descent with step 0.1 from "
            "θ_0 = (1, 1).\n(a) Compute θ_2 and f(θ_2).\n")
    data = solved_verified(text)
    part = data["parts"][0]
    assert part["asked"] == ["theta-t", "value-t"] and part["verified"]
    by_q = {a["quantity"]: a for a in part["answers"]}
    # factors 1 - 0.2 = 0.8 and 1 - 0.8 = 0.2: θ_2 = (0.64, 0.04), f = 0.4096 + 0.0064 + 1
    assert [Fraction(str(x)) for x in by_q["theta-t"]["value"]] == [Fraction(16, 25), Fraction(1, 25)]
    assert Fraction(str(by_q["value-t"]["value"])) == Fraction(4096 + 64 + 10000, 10000)


def test_value_alone_at_a_point_named_by_coordinates():
    text = ("f(x, y) = 2x^2 + y^2. Run GD with learning rate 0.25 from (x_0, y_0) = (1, 2).\n"
            "What is f(x_1, y_1)?\n")
    data = solved_verified(text)
    part = data["parts"][0]
    assert part["asked"] == ["value-t"] and part["verified"]
    # a: 1 - 0.25*4 = 0 -> 0; b: 2*(1 - 0.5) = 1 -> f = 1
    assert [a["value"] for a in part["answers"]] == [1.0]


def test_value_of_the_half_quadratic_form_with_a_matrix():
    text = ("Let f(x) = ½ x^T A x with A = [[3, 1], [1, 3]] and x_0 = (1, 0). Gradient descent "
            "with η = 0.2.\nCompute x_1 and f(x_1).\n")
    data = solved_verified(text)
    part = data["parts"][0]
    assert part["verified"]
    values = {a["quantity"]: a["value"] for a in part["answers"]}
    # x_1 = (1, 0) - 0.2 (3, 1) = (0.4, -0.2); f = ½ (3·0.16 + 2·1·(-0.08) + 3·0.04) = 0.22
    assert values["value-t"] == pytest.approx(0.22, abs=1e-12)


@pytest.mark.parametrize("sentence", ["Is f(θ_2) - f* below 0.1?",
                                      "how many steps until f(x_k, y_k) ≤ 1e-4?"])
def test_a_gap_or_a_bound_is_not_the_value_asked(sentence):
    asked = [a.quantity for r in read_questions(sentence).requests for a in r.asks]
    assert "value-t" not in asked


def test_value_at_an_iterate_without_a_start_is_refused_by_name():
    refused("f(x, y) = x^2 + y^2, gradient descent with step 0.1.\nCompute f(x_2, y_2).\n",
            "the start is not stated")
