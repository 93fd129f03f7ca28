"""An answer given under several conditions (Adam's first step at the stated ε and at ε = 0)
says in its label which condition each line holds under, in the short answers too; a quantity
answered under one condition only keeps its plain label."""

from __future__ import annotations

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.rendering.answers import answer_label


def _first_step_labels(text: str) -> list[str]:
    problem = read_report(text).to_problem()
    part = solve_problem(problem, SolveOptions(figures=False, run_witnesses=False)).parts[0]
    return [answer_label(part, a) for a in part.answers if a.quantity == "first-step"]


def test_a_stated_epsilon_and_epsilon_zero_are_told_apart():
    labels = _first_step_labels(
        "Adam with β1 = 0.9, β2 = 0.999, learning rate η = 0.01 and ε = 10^-6. The first "
        "gradient is g_1 = 10^-6.\n(a) What is the first update?\n")
    assert len(labels) == len(set(labels)) >= 2
    assert any("at epsilon = 0" in x for x in labels)
    assert any("at epsilon = 1/1000000" in x for x in labels)


def test_a_single_condition_keeps_the_plain_label():
    labels = _first_step_labels("Adam with β1 = 0.9, β2 = 0.999 and learning rate 0.001; the "
                                "first gradient is g_1 = (0.5, -2).\n(a) What is the first "
                                "update?\n")
    assert labels and labels[0] == "First step"
