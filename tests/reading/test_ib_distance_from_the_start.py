"""The distance between a part's limit and its own start, written as the norm of their
difference in either order (‖θ_0 − θ_∞‖, ‖w_∞ − w_0‖_1), is that norm of the difference at
the limit; a difference with a point the part does not define stays unread."""

from __future__ import annotations

import numpy as np
import pytest

from reading_helpers import refused, solved

TEXT = ("Problem 1. Leaving the start\n\n"
        "Fit θ ∈ R^2 to one equation 3θ_1 + 4θ_2 = 10 with the loss L(θ) = 1/2 (3θ_1 + 4θ_2 - "
        "10)^2 and gradient descent with a small step.\n\n"
        "(a) Starting at θ_0 = (2, -1), give the limit θ_∞ and {ask}\n")
LIMIT = np.array([2.0, -1.0]) + (10 - 2.0) / 25 * np.array([3.0, 4.0])


def _distance(text: str) -> float:
    _, solution = solved(text)
    part = solution.to_dict()["parts"][0]
    return float(next(a["value"] for a in part["answers"] if a["quantity"] == "value-at"))


@pytest.mark.parametrize("ask, order", [
    ("‖θ_0 - θ_∞‖.", 2), ("the distance ‖θ_∞ - θ_0‖_2 it travelled.", 2),
    ("‖θ_∞ - θ_0‖_1.", 1), ("‖θ_∞ - θ_0‖_∞.", np.inf)])
def test_distance_between_the_limit_and_the_start(ask, order):
    got = _distance(TEXT.format(ask=ask))
    assert got == pytest.approx(np.linalg.norm(LIMIT - np.array([2.0, -1.0]), order))


def test_difference_with_an_undefined_point_is_not_read():
    refused(TEXT.format(ask="‖θ_∞ - v‖."), "‖θ_∞ - v‖")
