"""'By what factor is the weight multiplied (in one step, after N steps)?' of a weight that
only AdamW's decoupled decay moves: the shrink factor 1 − ηλ, or (1 − ηλ)^N; a weight that a
data gradient also moves has no such factor, and the question is refused, naming it."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_SHARED = ("AdamW with learning rate 0.01, beta1 = 0.9, beta2 = 0.999 and weight decay "
           "lambda = 0.2. One parameter starts at theta_0 = 5 and {gradient}.\n")


def _answers(text: str) -> dict[str, list]:
    reading = read_report(text)
    assert reading.complete, reading.unread()
    data = solve_problem(reading.to_problem(),
                         SolveOptions(figures=False, run_witnesses=True)).to_dict()
    assert all(p["verified"] for p in data["parts"])
    return {p["label"]: [a["value"] for a in p["answers"]] for p in data["parts"]}


def test_the_factor_of_one_step_and_of_many_steps():
    got = _answers(_SHARED.format(gradient="the data loss has zero gradient throughout")
                   + "(a) By what factor is the parameter scaled in a single step?\n"
                   "(b) And what is the factor over 500 steps? Round to four decimals.\n")
    assert any(v == pytest.approx(0.998) for v in got["a"])
    assert any(v == pytest.approx(0.998 ** 500) for v in got["b"])


def test_a_zero_gradient_named_as_a_noun_is_the_zero_gradient():
    got = _answers("AdamW, step size 0.001, beta1 = 0.9, beta2 = 0.99, weight decay λ = 0.5; "
                   "the weight w_0 = -3 has a zero data gradient.\n(a) By what factor does the "
                   "weight get multiplied after 20 steps?\n")
    assert any(v == pytest.approx(0.9995 ** 20) for v in got["a"])


def test_a_weight_a_gradient_also_moves_has_no_single_factor():
    reading = read_report(_SHARED.format(gradient="its gradient is g = 0.3 at every step")
                          + "(a) By what factor is the parameter multiplied after 100 steps?\n")
    assert not reading.complete
    assert any("by what factor is the parameter multiplied" in line.lower()
               for line in reading.unread())


def test_the_decay_considered_alone_has_its_factor_whatever_the_gradient():
    got = _answers(_SHARED.format(gradient="its gradient is g = 0.3 at every step")
                   + "(a) Counting only the decoupled decay term, by what factor is the "
                   "parameter multiplied after 100 steps?\n")
    assert any(v == pytest.approx(0.998 ** 100) for v in got["a"])
