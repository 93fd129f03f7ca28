"""A copied PDF shows the script epsilon of some fonts as a pencil glyph ('✏ = 0'): it is read
as ε, so its value is used (an Adam run with ε = 0), and a pencil inside a word is left alone."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.normalize import normalize


def test_the_pencil_glyph_standing_alone_is_epsilon():
    assert "ε = 0" in normalize("Adam with β1 = 0.5, β2 = 0.9 and ✏ = 0.").text
    assert "ε" not in normalize("a note✏ with a drawing").text


def test_an_adam_run_with_the_pencil_epsilon_uses_its_value():
    text = ("Exercise. One weight is trained by Adam with step size 0.01, β1 = 0.5, β2 = 0.75 "
            "and (to keep it simple) ✏ = 0; m0 = v0 = 0 and the gradient is constant, gt = 2 "
            "for every t.\n1. Compute the raw moments m2 and v2 after two steps.\n")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    eps = [i for p in reading.to_dict()["parts"] for i in p["inputs"] if i["name"] == "eps"]
    assert eps and eps[0]["value"] == 0
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    values = {a["name"]: a["value"] for p in data["parts"] for a in p["answers"]}
    assert values["m_T"] == pytest.approx([2 * (1 - 0.5 ** 2)])
    assert values["v_T"] == pytest.approx([4 * (1 - 0.75 ** 2)])
    assert all(p["verified"] for p in data["parts"])
