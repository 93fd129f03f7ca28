"""The step letter of the update a text writes ('w_{t+1} = w_t − γ ∇L(w_t)') makes a stated
'γ = 1/2' the step of gradient descent, so the steps until the limit is reached exactly are
answered for it; a size stated as 'in d = 3 dimensions' is read as the number of weights."""

from __future__ import annotations

import pytest

from reading_helpers import quantity_values, refused

# rows (1, 1, 0) and (1, -1, 0): X X^T = 2 I, so with the half-sum loss a step of 1/2 lands on
# the limit in one step, and a step of 1/4 only halves the error each step
TEXT = ("Two examples in d = 3 dimensions: a_1 = (1, 1, 0), b_1 = 2 and a_2 = (1, -1, 0), "
        "b_2 = 0. Loss L(w) = (1/2) sum_i (a_i^T w - b_i)^2, minimised by gradient descent "
        "w_(t+1) = w_t - LETTER ∇L(w_t) from w_0 = (0, 3, 1).\n\n"
        "(a) Where does it converge?\n"
        "(b) With LETTER = STEP, after how many steps is the limit reached exactly?\n")


def _text(letter: str, step: str = "1/2", dims: str = "3") -> str:
    return TEXT.replace("LETTER", letter).replace("STEP", step).replace("d = 3", f"d = {dims}")


@pytest.mark.parametrize("letter", ["γ", "τ", "h"])
def test_a_stated_step_in_the_updates_letter(letter):
    values = quantity_values(_text(letter))
    assert dict(values["b"])["iterations"] == 1
    assert dict(values["a"])["limit"] == pytest.approx([1, 1, 1])


def test_a_step_that_does_not_land_exactly_is_not_one():
    values = dict(quantity_values(_text("γ", step="1/4"))["b"])
    assert values["iterations"] != 1


def test_dimension_words_that_disagree_are_refused():
    refused(_text("γ", dims="4"), "entries")
