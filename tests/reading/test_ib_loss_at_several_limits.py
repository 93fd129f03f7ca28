"""A part asking the training loss at several limits ('at each limit', 'at both limits') while
it computes one limit is refused naming the phrase: answering the loss at it alone would leave
the rest of the question unanswered under a verified badge (and 'limit' inside the phrase is no
request for the limit point). A part whose distance joins the limits of two earlier parts
('‖w^(2) - w^(1)‖ ... and the training loss at each limit') answers the loss at each of them."""

from __future__ import annotations

import pytest

from reading_helpers import quantity_values, refused

TEXT = ("Least squares with rows x_1 = (1, 0, 2), y_1 = 3 and x_2 = (0, 1, 1), y_2 = 1, loss "
        "L(w) = (1/2) ||Xw - y||^2, plain gradient descent with a small step.\n\n"
        "1. Starting from w_0 = 0, where does it converge?\n"
        "2. Starting from w_0 = (0, 0, 1), where does it converge?\n"
        "3. What is ||w_inf^(2) - w_inf^(1)||_2, and what is the training loss {phrase}?\n")


@pytest.mark.parametrize("phrase", ["at each limit", "at both limits",
                                    "of each of the two limit points"])
def test_the_loss_at_several_limits_of_a_one_limit_part_is_refused_by_name(phrase):
    text = TEXT.replace("3. What is ||w_inf^(2) - w_inf^(1)||_2, and what", "3. Starting from "
                        "w_0 = (1, 1, 0), where does it converge, and what")
    refused(text.format(phrase=phrase), "asks the loss at several limits")


@pytest.mark.parametrize("phrase", ["at each limit", "at both limits",
                                    "of each of the two limit points"])
def test_the_loss_at_each_of_the_two_limits_a_distance_joins(phrase):
    # both runs interpolate the two rows (3 unknowns), so the loss is 0 at each limit; the
    # limits differ by the start's component (0, 0, 1) off the row space
    losses = [v for k, v in quantity_values(TEXT.format(phrase=phrase))["3"] if k == "value-at"]
    assert len(losses) == 2 and all(float(v) == 0 for v in losses)


def test_the_loss_at_the_parts_own_limit_is_still_answered():
    text = TEXT.replace("3. What is ||w_inf^(2) - w_inf^(1)||_2, and what is the training "
                        "loss {phrase}?\n", "3. From w_0 = (0, 0, 1), what is the training loss at "
                        "the limit?\n")
    values = quantity_values(text)
    assert any(v == 0 or v == "0" for _, v in values["3"]), values["3"]
