"""A request for the step that gives the fastest rate asks the optimal step (not only the rate
it gives); 'the optimal step and its rate' asks the optimal rate too, even beside a rate at a
stated step."""

from __future__ import annotations

import pytest
import sympy

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _answers(text):
    reading = read_report(text)
    part = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()["parts"][0]
    assert part["verified"]
    return {a["quantity"]: sympy.nsimplify(a["expr"]) for a in part["answers"]}


@pytest.mark.parametrize("request_", [
    "Which step size gives the fastest worst-case linear convergence, and what is that rate?",
    "What learning rate η gives the best contraction factor, and what is that factor?",
])
def test_the_step_giving_the_fastest_rate_is_asked(request_):
    got = _answers("Sheet\n\nGradient descent on f(w) = ½wᵀHw with H = diag(2, 8).\n"
                   f"(a) {request_}")
    assert got["optimal-step"] == sympy.Rational(1, 5)   # 2 / (2 + 8)
    assert got["optimal-rate"] == sympy.Rational(3, 5)   # (8 − 2) / (8 + 2)


@pytest.mark.parametrize("request_", [
    "what is the contraction factor at η = 0.1, and which step is optimal + its rate?",
    "Give the convergence rate for η = 0.1; also the best step size and its worst-case rate.",
])
def test_its_rate_after_the_optimal_step_is_the_optimal_rate(request_):
    got = _answers(f"Sheet\n\nGD on f(w) = ½ wᵀHw, H = diag(2, 8).\n(a) {request_}")
    assert got["rate"] == sympy.Rational(4, 5)            # max(|1 − 0.2|, |1 − 0.8|)
    assert got["optimal-step"] == sympy.Rational(1, 5)
    assert got["optimal-rate"] == sympy.Rational(3, 5)


def test_an_owned_rate_the_reading_placed_only_once_is_refused():
    """'its rate' beside a rate already placed at a stated step is another quantity: when the
    reading takes it nowhere, the part is refused naming it, never answered with one rate."""
    from optiproof.reading.report import ReadingIncomplete

    text = ("Sheet\n\nGD on f(w) = ½ wᵀHw, H = diag(2, 8).\n(a) what is the contraction factor "
            "at η = 0.1; which step is optimal; its rate?")
    reading = read_report(text)
    assert any("its rate" in m.reason for m in reading.parts[0].missing), reading.parts[0].missing
    with pytest.raises(ReadingIncomplete):
        reading.to_problem()


def test_the_resulting_rate_of_the_best_step_is_answered():
    got = _answers("Sheet\n\nGD on f(w) = ½ wᵀHw, H = diag(2, 8).\n(a) Give the convergence "
                   "rate at η = 0.1. Which step size is best? Report the rate of it too, i.e. "
                   "the resulting rate.")
    assert got["rate"] == sympy.Rational(4, 5) and got["optimal-rate"] == sympy.Rational(3, 5)
