"""Adam texts that give one gradient and set a later one equal to it ("suppose g_2 = g_1",
"g2 = g1" of a PDF copy, a chain "g_3 = g_2 = g_1"): the run takes that gradient again, with or
without bias correction; the step is checked against Adam's recurrence computed here. A later
gradient written as a formula of an earlier one is not a repeat. And "the factor by which A
exceeds B" is a ratio of two answers, never the contraction factor of an iteration."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.catalogue import QUANTITIES
from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _adam_steps(g: list[float], steps: int, b1: float, b2: float, lr: float,
                corrected: bool) -> list[float]:
    """The last step of Adam (PyTorch's recurrence, eps = 0) on the same gradient ``steps``
    times, with or without bias correction."""
    m = [0.0] * len(g)
    v = [0.0] * len(g)
    step = []
    for t in range(1, steps + 1):
        m = [b1 * a + (1 - b1) * x for a, x in zip(m, g)]
        v = [b2 * a + (1 - b2) * x * x for a, x in zip(v, g)]
        c1, c2 = (1 - b1 ** t, 1 - b2 ** t) if corrected else (1.0, 1.0)
        step = [-lr * (a / c1) / math.sqrt(b / c2) for a, b in zip(m, v)]
    return step


_TEXTS = [
    ("Adam: β1 = {b1}, β2 = {b2}, learning rate α = {lr}, ε = 0. The first gradient is "
     "g_1 = ({x}, {y}).\n(a) Suppose g_2 = g_1. Compute the second update θ_2 - θ_1.", 2, True),
    ("quick adam check\nmy settings: beta1={b1} beta2={b2} lr={lr} eps=0, and the grad is "
     "g1 = [{x}, {y}].\n"
     "1) if g2 = g1, what is theta_2 - theta_1 ?", 2, True),
    ("We run Adam with β1 = {b1}, β2 = {b2}, α = {lr}, ε = 0 and g_1 = ({x}, {y}).\n"
     "(a) Take g_3 = g_2 = g_1. What is θ_3 - θ_2?", 3, True),
    ("Adam with β1 = {b1}, β2 = {b2}, α = {lr}, ε = 0; g_1 = ({x}, {y}).\n"
     "(a) Without bias correction, and with g_2 = g_1, compute θ_2 - θ_1.", 2, False),
]


@pytest.mark.parametrize("template, steps, corrected", _TEXTS)
@settings(max_examples=4, deadline=None)
@given(x=st.integers(-5, 5).filter(bool), y=st.integers(-5, 5).filter(bool),
       b1=st.sampled_from([0.5, 0.8, 0.9]), b2=st.sampled_from([0.75, 0.9, 0.99]))
def test_a_gradient_set_equal_to_an_earlier_one_repeats_it(template, steps, corrected,
                                                           x, y, b1, b2):
    lr = 0.01
    reading = read_report(template.format(b1=b1, b2=b2, lr=lr, x=x, y=y))
    assert reading.complete, reading.unread()
    assert reading.parts[0].fields["gradients"].value == [[x, y]] * steps
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False,
                                                                run_witnesses=False))
    answers = solution.parts[0].answers
    got = next(a.to_dict()["value"] for a in answers
               if a.to_dict()["value"] is not None and isinstance(a.to_dict()["value"], list)
               and "theta" not in a.to_dict()["name"])
    want = _adam_steps([x, y], steps, b1, b2, lr, corrected)
    assert got == pytest.approx(want, rel=1e-9)


@pytest.mark.parametrize("text", [
    "Adam with β1 = 0.9, β2 = 0.999, α = 0.001, ε = 0; g_1 = (1, 2).\n"
    "(a) Suppose g_2 = g_1 + (1, 0). What is θ_2 - θ_1?",
    "Adam with β1 = 0.9, β2 = 0.999, α = 0.001, ε = 0; g_1 = (1, 2).\n"
    "(a) Suppose g_2 = 2 g_1. What is θ_2 - θ_1?",
])
def test_a_later_gradient_written_as_a_formula_is_not_a_repeat(text):
    reading = read_report(text)
    assert not reading.complete
    assert (reading.parts[0].fields.get("gradients") is None or
            reading.parts[0].fields["gradients"].value != [[1, 2], [1, 2]])


def _keys(text: str) -> list[str]:
    return [m.entry.key for m in QUANTITIES.mentions(text)]


@pytest.mark.parametrize("text", [
    "and the factor by which its size exceeds the corrected one",
    "give the factor by which the new step is larger than the old",
    "the factor by which the two steps differ",
])
def test_the_factor_by_which_one_answer_exceeds_another_is_a_ratio(text):
    assert "ratio" in _keys(text) and "rate" not in _keys(text)


@pytest.mark.parametrize("text", [
    "the factor by which the error shrinks each iteration",
    "the worst-case factor by which the distance contracts",
])
def test_the_factor_by_which_an_error_shrinks_is_the_rate(text):
    assert "rate" in _keys(text) and "ratio" not in _keys(text)
