"""θ_1 of a weight only regularisation moves, under Adam + L2 and under AdamW, with the zero
gradient said in more words ('its loss gradient is identically zero (a dead unit)', 'let the
loss gradient at step 1 be 0'); a later part about another weight with 'a constant gradient of
1e-9' uses that gradient, not the shared text's zero."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_SHARED = ("A scalar weight w starts at w_0 = 4. Its loss gradient is identically zero (the unit "
           "it feeds is never active). Adam settings: learning rate 0.02, beta_1 = 0.9, beta_2 = "
           "0.999, eps = 1e-8, regularisation strength lambda = 0.5.\n")


def _inputs(text: str) -> dict[str, dict[str, object]]:
    reading = read_report(text)
    return {p["label"]: {i["name"]: i["value"] for i in p["inputs"]}
            for p in reading.to_dict()["parts"]}


def _theta(text: str) -> dict[str, list]:
    reading = read_report(text)
    assert reading.complete, reading.unread()
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    assert all(p["verified"] for p in data["parts"])
    return {p["label"]: [a["value"] for a in p["answers"] if a["quantity"] == "theta-t"]
            for p in data["parts"]}


def test_an_identically_zero_gradient_under_l2_and_under_adamw():
    got = _theta(_SHARED + "1. With Adam + L2 (the penalty (lambda/2) w^2 added to the loss), "
                           "what is w_1 after one step?\n2. With AdamW (decoupled decay), what "
                           "is w_1 after one step?\n")
    # L2: Adam sees λ w_0 = 2, so the first step is -0.02 · 2/(2 + 1e-8); AdamW: 4 (1 - 0.01)
    assert any(v == pytest.approx([4 - 0.02 * 2 / (2 + 1e-8)]) for v in got["1"])
    assert any(v == pytest.approx([4 * (1 - 0.02 * 0.5)]) for v in got["2"])


def test_the_gradient_at_step_one_said_to_be_zero():
    got = _theta("AdamW and Adam + L2 with learning rate 0.02, beta_1 = 0.9, beta_2 = 0.999, "
                 "eps = 1e-8, lambda = 0.5.\n(a) Let w_0 = 4 and the loss gradient at step 1 be "
                 "0. Compute w_1 under Adam + L2 and under AdamW.\n")
    assert any(v == pytest.approx([4 * (1 - 0.02 * 0.5)]) for v in got["a"])
    assert any(v == pytest.approx([4 - 0.02 * 2 / (2 + 1e-8)]) for v in got["a"])


def test_a_zero_gradient_at_a_later_step_is_not_the_first_step_gradient():
    ins = _inputs("Adam with learning rate 0.02, beta_1 = 0.9, beta_2 = 0.999.\n(a) Let w_0 = 4 "
                  "and the loss gradient at step 3 be 0. Compute w_1.\n")
    assert ins["a"].get("gradient") != [0]


def test_another_weight_with_its_own_constant_gradient():
    ins = _inputs(_SHARED + "1. What is w_1 under AdamW?\n2. A different weight (no "
                            "regularisation) sees a constant gradient of 1e-9 at every step. How "
                            "large is its first Adam step?\n")
    assert ins["1"]["gradient"] == [0]
    assert ins["2"]["gradient"] == [pytest.approx(1e-9)]
