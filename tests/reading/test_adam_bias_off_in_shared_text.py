"""Bias correction switched off in the shared text ('a version whose bias-correction code was
removed') sets every part that does not say otherwise; a part that asks for the bias-corrected
step keeps it. The expected steps follow Adam's recurrence, written out here."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

SHARED = [
    "A colleague's Adam has its bias-correction code removed (it divides m_t by sqrt(v_t) "
    "directly).",
    "Our trainer runs Adam, but the bias correction lines were deleted by mistake.",
    "Consider Adam in which bias correction is simply omitted.",
]


def _text(shared: str, g: float) -> str:
    return (f"{shared} Take beta1 = 0.9, beta2 = 0.999, lr = 0.01, eps = 0 and a single "
            f"parameter with gradient g_1 = {g}.\n"
            "(a) What is the first update theta_1 - theta_0 of this version?\n"
            "(b) What is the first update of bias-corrected Adam?\n")


def _steps(text: str) -> dict[str, float]:
    reading = read_report(text)
    assert reading.complete, reading.unread()
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    out = {}
    for part in data["parts"]:
        assert part["verified"], part
        (value,) = [a["value"] for a in part["answers"] if isinstance(a.get("value"), list)][:1]
        out[part["label"]] = value[0]
    return out


@settings(max_examples=4, deadline=None)
@given(shared=st.sampled_from(SHARED),
       g=st.sampled_from([-2.0, -0.5, 0.25, 3.0]))
def test_the_shared_switch_sets_the_parts_that_do_not_say_otherwise(shared: str, g: float):
    steps = _steps(_text(shared, g))
    m, v = 0.1 * g, 0.001 * g * g          # one step of the moment recurrences from zero
    assert steps["a"] == pytest.approx(-0.01 * m / math.sqrt(v), rel=1e-9)
    assert steps["b"] == pytest.approx(-0.01 * math.copysign(1.0, g), rel=1e-9)
