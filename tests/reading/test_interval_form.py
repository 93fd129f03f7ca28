"""'Give the interval.' after a question whose answer is a bound ('for which step sizes does it
converge?') is the form of that answer, not a request of its own; after a question that has no
bound it stays an unplaced request, and the part is refused naming it."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report


@pytest.mark.parametrize("text", [
    "Notes\n\nGradient descent on f(w) = ½wᵀHw with H = diag(2, 8).\n"
    "(a) For which step sizes α does it converge from every start? Give the interval.",
    "Notes\n\nGD on f(w) = ½ wᵀHw, H = diag(2, 8).\n"
    "(a) Which learning rates make gradient descent converge? State the range.",
])
def test_the_interval_of_a_bound_is_its_form(text):
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert reading.parts[0].asked == ["max-step"]
    assert any("range is given by its bound" in n for n in reading.parts[0].notes)


def test_an_interval_without_a_bound_is_refused():
    reading = read_report("Notes\n\nGD on f(w) = ½wᵀHw, H = diag(2, 8), step α = 0.1.\n"
                          "(a) What is the convergence rate? Give the interval.")
    assert not reading.complete
    assert any("Give the interval" in line for line in reading.unread())
