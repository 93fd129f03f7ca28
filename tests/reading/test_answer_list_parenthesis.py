"""A parenthesis that lists what to give after a request ("solve … (matrix and value)", "(vector,
value)") asks the value too: it is answered (checked here against the convex solver), never
dropped as a clarification; a parenthesis of symbols ("T(n, N)") or of a gloss stays one."""

from __future__ import annotations

import cvxpy as cp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.questions import read_questions

_TEXTS = [
    "The gradient is g = ({g}).\n\n(a) Solve min_d g^T d + (1/α)‖d‖_2^2 with α = 0.4 (vector and value).\n",
    "Let g = ({g}) and α = 0.4.\n\n(a) Solve min_d g^T d + (1/α)‖d‖_2^2 (minimiser, value).\n",
    "Let g = ({g}), α = 0.4.\n\n(a) For the squared Euclidean penalty, find the step (direction and "
    "optimal value).\n",
]


@pytest.mark.parametrize("template", _TEXTS)
@settings(max_examples=2, deadline=None)
@given(st.lists(st.integers(-6, 6), min_size=2, max_size=4).filter(any))
def test_a_listed_value_is_asked_and_answered(template, g):
    reading = read_report(template.format(g=", ".join(map(str, g))))
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    (part,) = solution.parts
    assert part.verified
    values = [a for a in part.answers if a.quantity == "min-value"]
    assert len(values) == 1
    d = cp.Variable(len(g))
    problem = cp.Problem(cp.Minimize(np.array(g, float) @ d + cp.sum_squares(d) / 0.4))
    problem.solve()
    assert float(values[0].expr) == pytest.approx(problem.value, rel=1e-5, abs=1e-6)


@pytest.mark.parametrize("sentence", [
    "Give the total time T(n, N) in terms of α and β.",
    "Compute the step for the spectral norm (largest singular value).",
    "Give w after 100 steps (closed form and 6 digits).",
])
def test_a_parenthesis_of_symbols_or_glosses_asks_no_value(sentence):
    assert all(a.quantity != "min-value" for r in read_questions(sentence).requests for a in r.asks)
