"""A request that asks something *of* a quantity ("the norm of the limit", "the sum of the
entries of the step") asks a different question than the quantity: it is placed by a quantity
that covers it or refused naming it, never answered as the bare quantity."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

LSQ = "Least squares with X = [[1, 2]], y = [3]; gradient descent from θ_0 = 0. "


@pytest.mark.parametrize("question, phrase", [
    ("How big is the norm of the limit?", "norm of the limit"),
    ("What is the squared length of the limit point?", "squared length of the limit point"),
    ("Give the largest entry of the limit.", "largest entry of the limit"),
    ("What is the number of nonzeros of the limit point?", "number of nonzeros of the limit")])
def test_a_quantity_of_the_limit_is_not_the_limit(question, phrase):
    reading = read_report(LSQ + question)
    assert not reading.complete
    assert any(phrase in m.reason for p in reading.parts for m in p.missing), \
        [m.reason for p in reading.parts for m in p.missing]


@pytest.mark.parametrize("question", ["Where does it converge?", "Find the limit point.",
                                      "What are the coordinates of the limit?"])
def test_the_limit_itself_is_still_read(question):
    assert read_report(LSQ + question).complete
