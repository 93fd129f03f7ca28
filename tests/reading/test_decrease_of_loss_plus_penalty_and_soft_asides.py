""""The predicted decrease of the (linearised) loss plus penalty" is the decrease the whole model
predicts (minus the minimum value); an item asking some other decrease the reading cannot place is
refused, naming it, not dropped. A remark saying its numbers are "not really relevant" sets them
aside like "not relevant"."""

from __future__ import annotations

import pytest
import sympy as sp

from reading_helpers import asked_in, solved_verified


@pytest.mark.parametrize("words", [
    "the predicted decrease of the (linearised) loss plus penalty",
    "the decrease of the linearized loss + penalty",
])
def test_decrease_of_loss_plus_penalty_is_the_model_decrease(words):
    text = ("The gradient is g = (1, 2) and α = 2. Let u* = argmin_u g^T u + (1/α)||u||_2^2.\n"
            f"(a) What is the minimal value of the objective, and hence {words}?\n")
    (part,) = solved_verified(text)["parts"]
    got = {a["quantity"]: sp.sympify(a["expr"]) for a in part["answers"]}
    assert got["min-value"] == sp.Rational(-5, 2)
    assert got["model-decrease"] == sp.Rational(5, 2)


def test_an_unknown_decrease_item_is_left_unplaced():
    _, unplaced = asked_in("What is the minimal value of the objective, and hence the decrease "
                           "of the zorb?")
    assert any("decrease of the zorb" in u for u in unplaced)


def test_numbers_in_a_remark_not_really_relevant_are_set_aside():
    text = ("Hi all (I train on 8 GPUs with PyTorch 2.1 but that's not really relevant). The "
            "gradient is g = (3, 4) and α = 1. Let u* = argmin_u g^T u + (1/α)||u||_2^2.\n"
            "(a) What is u*?\n")
    data = solved_verified(text)
    (part,) = data["parts"]
    assert part["verified"]
