"""Momentum named and then said to be off ("momentum is not used here", "the momentum term was
switched off", "momentum off") leaves plain gradient descent: the largest stable step is 2/L of
the matrix, checked against the GD iteration run with numpy just below and above it."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from optiproof.core.options import SolveOptions
from optiproof.core.text.match import switched_off_after
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_OFF = [
    "We run gradient descent; momentum is not used here.",
    "Plain GD: the momentum term was switched off.",
    "Training uses SGD with momentum off.",
    "The heavy-ball buffer is disabled, so this is GD.",
]


def _gd_diverges(step: float, eigenvalues) -> bool:
    x = np.ones(len(eigenvalues))
    for _ in range(400):
        x = x - step * np.asarray(eigenvalues) * x
    return bool(np.linalg.norm(x) > 1.0)


@pytest.mark.parametrize("sentence", _OFF)
@pytest.mark.parametrize("eigs", [(1, 9), (2, 5), (1, 4)])
def test_momentum_said_off_is_gradient_descent(sentence, eigs):
    text = (f"Let f(θ) = ½ θᵀAθ with A = diag({eigs[0]}, {eigs[1]}). {sentence}\n"
            "(a) What is the largest step size for which the iteration converges?")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert [p.value("method") for p in reading.parts] == ["gd"]
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    part = solution.parts[0]
    assert part.verified
    bound = float(sympy.nsimplify(part.answers[0].expr))
    assert not _gd_diverges(0.98 * bound, eigs) and _gd_diverges(1.02 * bound, eigs)


@pytest.mark.parametrize("text, end_word, off", [
    ("momentum is not used", "momentum", True),
    ("momentum was set to zero", "momentum", True),
    ("momentum off", "momentum", True),
    ("momentum is 0.9", "momentum", False),
    ("momentum is used with β = 0.9", "momentum", False),
    ("momentum off-diagonal", "momentum", False),
])
def test_switched_off_after_reads_only_an_off_statement(text, end_word, off):
    assert switched_off_after(text, text.index(end_word) + len(end_word)) is off


@pytest.mark.parametrize("request_", [
    "Find the optimal heavy-ball step η and momentum β.",
    "Give the best heavy-ball learning rate and momentum.",
    "Compute the optimal step size α and momentum β of heavy ball.",
])
def test_the_optimal_step_and_momentum_are_both_asked(request_):
    """'the optimal step η and momentum β': the modifier carries to the momentum, which the
    catalogue names the optimal momentum (not the optimal tuning asked a second time)."""
    reading = read_report(f"Let f(θ) = ½ θᵀAθ with A = diag(1, 16).\n(a) {request_}")
    assert reading.complete, reading.unread()
    (part,) = reading.parts
    assert {"optimal-step", "optimal-momentum"} <= set(part.value("asks"))
