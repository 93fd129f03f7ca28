"""A step (and a momentum) asked through a predicate that calls it optimal ('what step and momentum
parameter are optimal', 'which lr is best', 'what η would be optimal'): the optimal tuning is
asked, the step alone or the pair."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

_SETUP = "Let f(x, y) = x^2 + 4y^2.\n(a) What is the condition number?\n"


@pytest.mark.parametrize("ask", [
    "(b) Now heavy-ball momentum: what step and momentum parameter are optimal?",
    "(b) with Polyak momentum, which learning rate and momentum coefficient would be best?",
    "(b) Heavy ball: which $\\eta$ and $\\beta$ are optimal?",
])
def test_the_pair_said_optimal_is_the_optimal_tuning(ask: str):
    report = read_report(_SETUP + ask)
    b = {p.label: p for p in report.parts}["b"]
    assert {"optimal-step", "optimal-momentum"} <= set(b.value("asks") or []), b.value("asks")
    assert b.value("method") == "heavy-ball"
    assert report.complete, report.unread()


@pytest.mark.parametrize("ask", ["(b) For plain GD, which lr is best?",
                                 "(b) what step size would be optimal for gradient descent?"])
def test_a_step_said_optimal_is_the_optimal_step(ask: str):
    report = read_report(_SETUP + ask)
    b = {p.label: p for p in report.parts}["b"]
    assert b.value("asks") == ["optimal-step"]
    assert report.complete, report.unread()
