"""A forum post's own expectation for what it asks ('I expected the update to be -lr * g =
[...]') is the asker's claim, set aside and listed, not data and not an unused number; 'does the
update change appreciably?' asks for a threshold the text does not give, so it is refused by
name (answering whether it changes at all would answer another question)."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_POST = ("hey all, quick Adam sanity check. gradients at step 1 are g = [2, -0.5] and I use Adam "
         "with lr = 1e-3, betas = (0.9, 0.99), eps = 1e-8. I expected the update to be "
         "-lr * g = [-2e-3, 5e-4], so the first weight would move 4x more, but both move the "
         "same.\n")


def test_the_expected_value_is_the_askers_claim():
    reading = read_report(_POST + "(1) What is the actual first update theta_1 - theta_0?\n")
    assert reading.complete, reading.unread()
    data = reading.to_dict()
    assert not data["unused_numbers"] + [x for p in data["parts"] for x in p["unused_numbers"]]
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    part = data["parts"][0]
    assert part["verified"]
    values = {a["name"]: a["value"] for a in part["answers"]}
    assert values["first_step_eps"] == pytest.approx([-1e-3 * 2 / (2 + 1e-8),
                                                      1e-3 * 0.5 / (0.5 + 1e-8)])


def test_an_expectation_about_something_not_asked_stays_data():
    reading = read_report("Adam with lr = 1e-3, betas = (0.9, 0.99), eps = 1e-8. I expected "
                          "the batch size to be 64 here. The gradient at step 1 is g = [2, "
                          "-0.5]. What is the first update?\n")
    data = reading.to_dict()
    assert "64" in data["unused_numbers"] + [x for p in data["parts"] for x in p["unused_numbers"]]


def test_an_appreciable_change_is_refused_by_name():
    reading = read_report(_POST + "(1) What is the actual first update theta_1 - theta_0?\n"
                                  "(2) If I multiply my loss by 100, does the first update change "
                                  "significantly?\n")
    assert not reading.complete
    assert any("change significantly" in line and "threshold" in line
               for line in reading.unread())
