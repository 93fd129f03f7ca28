"""The factor AdamW's decoupled decay multiplies a weight by, asked in more ways: of 'a
parameter with zero gradient' or 'a weight', 'considering only the decay part' or 'ignoring the
(zero) adaptive term', per step and after N steps in one request; the coefficient named in words
('decoupled weight decay coefficient 0.02'); a later part about 'the weight in (a)' takes that
weight's zero gradient; '(same learning rate)' is the shared text's learning rate."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _solved(text: str) -> dict[str, dict[str, object]]:
    reading = read_report(text)
    assert reading.complete, reading.unread()
    data = solve_problem(reading.to_problem(),
                         SolveOptions(figures=False, run_witnesses=True)).to_dict()
    assert all(p["verified"] for p in data["parts"])
    return {p["label"]: {a["name"]: a["value"] for a in p["answers"]} for p in data["parts"]}


def test_a_parameter_with_zero_gradient_and_the_coefficient_in_words():
    got = _solved("Question 2. Adam is run with lr = 0.002, β1 = 0.9, β2 = 0.99, ε = 1e-8.\n"
                  "(a) Under AdamW with decoupled weight decay coefficient 0.02, by what factor "
                  "is a parameter with zero gradient multiplied after 300 steps?\n")
    assert got["a"]["decay_fraction_AdamW"] == pytest.approx((1 - 0.002 * 0.02) ** 300)


def test_per_step_and_after_n_steps_of_a_weight_that_receives_no_gradient():
    got = _solved("AdamW: step size η = 0.05, weight decay λ = 0.2, β1 = 0.9, β2 = 0.999, "
                  "ε = 1e-8.\n(a) A weight receives zero loss gradient for the whole run. "
                  "Ignoring the (zero) adaptive term, by what factor is the weight multiplied "
                  "per step and after 40 steps?\n"
                  "(b) For the weight in (a), after how many steps has it first shrunk to at "
                  "most half its initial value?\n")
    assert got["a"]["shrink_AdamW"] == pytest.approx(0.99)
    assert got["a"]["decay_fraction_AdamW"] == pytest.approx(0.99 ** 40)
    assert got["b"]["halving_steps_AdamW"] == 69    # 0.99^68 > 1/2 >= 0.99^69


def test_the_weight_of_another_part_is_not_taken_without_its_zero_gradient():
    reading = read_report("AdamW: step size η = 0.05, weight decay λ = 0.2, β1 = 0.9, "
                          "β2 = 0.999.\n(a) A weight sees the gradient g = 0.4 at every step. "
                          "What is its first step?\n(b) For the weight in (a), after how many "
                          "steps has it first shrunk to at most half its initial value?\n")
    assert not reading.complete
    assert any("shrunk to at most half" in line for line in reading.unread())


def test_considering_only_the_decay_part_with_the_shared_learning_rate():
    got = _solved("Notes 3. A scalar is trained with Adam, β1 = 0.8, β2 = 0.99, learning rate "
                  "0.004, ε = 0; the gradient is constant, g_t = 2.\n"
                  "1. Compute m_2 and v_2 after two steps.\n"
                  "2. Now AdamW with decoupled weight decay λ = 0.05 (same learning rate). "
                  "Considering only the decay part, by what factor has a weight been multiplied "
                  "after 100 steps?\n")
    assert got["2"]["decay_fraction_AdamW"] == pytest.approx((1 - 0.004 * 0.05) ** 100)


def test_a_data_gradient_still_refuses_the_factor_without_the_decay_alone():
    reading = read_report("AdamW, lr = 0.01, λ = 0.1, β1 = 0.9, β2 = 0.999.\n(a) A parameter "
                          "sees the gradient g = 0.5 at every step. By what factor is a "
                          "parameter multiplied after 10 steps?\n")
    assert not reading.complete
    assert any("by what factor is a parameter multiplied" in line.lower()
               for line in reading.unread())
