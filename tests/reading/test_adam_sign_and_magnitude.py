"""'What is θ3 − θ2? Give its sign and magnitude.': the signed step answers both (the sentence is
taken with the step's ask); asked after a step size, which has no sign, it is refused by name."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_RUN = ("One scalar weight is trained by Adam with lr = 0.01, β1 = 0.5, β2 = 0.5, ε = 0; the "
        "gradients are g1 = 2, g2 = -4.\n")


def test_the_signed_step_gives_its_sign_and_magnitude():
    reading = read_report(_RUN + "(a) What is θ2 − θ1? State its sign and magnitude.\n")
    assert reading.complete, reading.unread()
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    assert all(p["verified"] for p in data["parts"])
    # m2 = -1.5, v2 = 9 -> m̂2 = -2, v̂2 = 12; step = +0.01 · 2/sqrt(12) > 0
    step = 0.01 * 2 / 12 ** 0.5
    values = [a["value"] for p in data["parts"] for a in p["answers"]]
    flat = [v[0] if isinstance(v, list) else v for v in values]
    assert any(isinstance(v, float) and v == pytest.approx(step) for v in flat)


def test_a_step_size_has_no_sign_to_give():
    reading = read_report(_RUN + "(a) How large is the first step? Give its sign and "
                                 "magnitude.\n")
    assert not reading.complete
    assert any("Give its sign and magnitude" in line for line in reading.unread())
