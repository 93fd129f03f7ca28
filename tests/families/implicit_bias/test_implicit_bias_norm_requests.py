"""Norm requests about a limit in other words: a norm listed beside the limit it measures
(``the limit θ̃ and ‖θ̃‖``), 'its (squared) Euclidean norm' of the previous part's result, a
norm compared between two results (refused, not read as their distance), and a start named by
pointing back while the part states another one (refused naming both)."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

X = [[1, 1, 0], [0, 2, 1]]
Y = [2, 3]
STEM = f"Least squares with X = {X} and y = {Y}; every run starts at θ_0 = 0.\n\n"


def _min_norm() -> np.ndarray:
    return np.linalg.pinv(np.array(X, dtype=float)) @ np.array(Y, dtype=float)


def _norm_answers(text: str) -> list[dict]:
    reading = read_report(text)
    assert reading.complete, reading.unread()
    sol = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    assert all(p["verified"] for p in sol["parts"])
    return [a for p in sol["parts"] for a in p["answers"]
            if a["quantity"] in ("norm-value", "norm-of")]


@pytest.mark.parametrize("part", [
    "(a) Run gradient descent. Find its limit θ̃ and ‖θ̃‖.",
    "(a) Plain GD is used: give the point ŵ it converges to, and ‖ŵ‖_2.",
    "(a) With gradient descent, compute the limit θ̂, then ‖θ̂‖.",
])
def test_a_norm_listed_beside_the_limit_it_names_is_the_norm_of_that_limit(part):
    got = _norm_answers(STEM + part)
    assert len(got) == 1 and abs(float(got[0]["value"]) - np.linalg.norm(_min_norm())) < 1e-9


@pytest.mark.parametrize("parts, squared", [
    ("(a) Where does gradient descent converge?\n(b) How big is it, i.e. its Euclidean norm?",
     False),
    ("(a) Find the GD limit.\n(b) Its squared Euclidean norm?", True),
    ("(a) Where does gradient descent end up?\n(b) And its Euclidean norm?", False),
])
def test_its_norm_in_a_part_without_a_method_is_the_norm_of_the_previous_result(parts, squared):
    got = _norm_answers(STEM + parts)
    want = np.linalg.norm(_min_norm()) ** (2 if squared else 1)
    assert len(got) == 1 and abs(float(got[0]["value"]) - want) < 1e-9


@pytest.mark.parametrize("part", [
    "(c) Which of θ̂ and θ̃ has the larger Euclidean norm, and what is the distance ‖θ̂ - θ̃‖?",
    "(c) Give ‖θ̂ − θ̃‖ and say which of θ̂, θ̃ has the smaller norm.",
    "(c) Is the norm of θ̃ larger than the norm of θ̂? And how far apart are they?",
])
def test_a_norm_compared_between_two_results_is_not_read_as_their_distance(part):
    text = (STEM + "(a) Run gradient descent; call its limit θ̂.\n"
            "(b) Run GD (limit θ̃) with the preconditioner P = diag(1, 2, 1).\n" + part)
    reading = read_report(text)
    assert not reading.complete
    assert any("norm" in m.reason or "larger" in m.reason for m in reading.parts[-1].missing), \
        reading.unread()


@pytest.mark.parametrize("part", [
    "(1) Where does GD converge from that init? Someone else got a different point starting "
    "from zero.",
    "(1) Starting at θ_0 = (0, 0, 1) my colleague got one point; where does GD go from this "
    "initialisation?",
    "(1) Where does gradient descent end up from the above starting point, compared with "
    "starting at the origin?",
])
def test_a_start_pointed_back_to_beside_another_stated_start_is_refused_naming_both(part):
    text = (f"Least squares with X = {X} and y = {Y}. I initialise at θ_0 = (1, 1, 1).\n\n" + part
            + "\n(2) What is the minimum-norm solution?")
    reading = read_report(text)
    assert not reading.complete
    reasons = [m.reason for m in reading.parts[0].missing if m.name == "theta0"]
    assert reasons and "not settled" in reasons[0], reading.unread()
