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


def _solved(text: str) -> dict:
    reading = read_report(text)
    assert reading.complete, reading.unread()
    sol = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    assert all(p["verified"] for p in sol["parts"]), [p.get("not_verified_because")
                                                       for p in sol["parts"]]
    return sol


@pytest.mark.parametrize("second", [
    "(b) Suppose we use SGD instead, one row per step, still from 0. Does it converge to the "
    "same point?",
    "(b) If I switch to SGD with one example per step (same start), do I end up at the same θ?",
    "(b) Now heavy-ball momentum with β = 0.5 from θ_0 = 0. Does it reach the same limit?",
])
def test_the_same_point_without_naming_a_part_compares_with_the_runs_before(second):
    sol = _solved(STEM + "(a) Where does gradient descent converge?\n" + second)
    same = [a for a in sol["parts"][1]["answers"] if a["quantity"] == "same-as"]
    # numpy: every one of these methods from 0 on this data ends at X⁺y, the GD limit
    assert len(same) == 1 and same[0]["value"] is True


def test_the_same_point_after_runs_of_different_methods_is_not_settled():
    text = (STEM + "(a) Where does gradient descent converge?\n(b) Where does sign descent "
            "converge?\n(c) With SGD, one example per step: does it converge to the same point?")
    reading = read_report(text)
    assert not reading.complete


@pytest.mark.parametrize("part, want", [
    ("(a) Start GD at θ_0 = (0, 0, 2). Find the limit θ̃_∞ and ‖θ̃_∞‖_2^2.", 2),
    ("(a) Start GD at θ_0 = (0, 0, 2). Give the limit ŵ, and ‖ŵ‖².", 2),
    ("(a) Start GD at θ_0 = (0, 0, 2). Give the limit θ̄ and ‖θ̄‖.", 1),
])
def test_a_listed_squared_norm_of_a_named_limit(part, want):
    text = f"Least squares with X = {X} and y = {Y}.\n\n" + part
    sol = _solved(text)
    Xa, ya, t0 = np.array(X, float), np.array(Y, float), np.array([0, 0, 2.0])
    limit = t0 + np.linalg.pinv(Xa) @ (ya - Xa @ t0)     # GD keeps θ0's null-space part
    got = [a for a in sol["parts"][0]["answers"] if a["quantity"] == "norm-value"]
    assert len(got) == 1 and abs(float(got[0]["value"]) - np.linalg.norm(limit) ** want) < 1e-9


def test_a_hint_with_parentheses_inside_is_not_data():
    text = (STEM + "(a) Where does gradient descent converge? (You may use (A + 2I)^-1 = "
            "(1/3) A for this A.)")
    sol = _solved(text)
    assert sol["parts"][0]["verified"]


@pytest.mark.parametrize("last", [
    "(c) Euclidean distance between θ_GD and θ_P.",
    "(c) How far is w_GD from w_P?",
    "(c) Give the distance between θ_plain and θ_pre.",
])
def test_the_distance_between_results_named_by_their_parts(last):
    names = {"GD": "P", "plain": "pre"}
    a, b = next((k, v) for k, v in names.items() if f"_{k} " in last + " ")
    var = "w" if "w_" in last else "θ"
    text = (STEM + f"(a) Plain GD: give the limit {var}_{a}.\n"
            f"(b) GD preconditioned with P = diag(1, 3, 1): give the limit {var}_{b}.\n" + last)
    sol = _solved(text)
    Xa, ya, P = np.array(X, float), np.array(Y, float), np.diag([1.0, 3.0, 1.0])
    gd = np.linalg.pinv(Xa) @ ya
    pre = P @ Xa.T @ np.linalg.solve(Xa @ P @ Xa.T, ya)    # min P⁻¹-norm interpolant
    got = [x for x in sol["parts"][2]["answers"] if x["quantity"] == "distance"]
    assert len(got) == 1 and abs(float(got[0]["value"]) - np.linalg.norm(gd - pre)) < 1e-9


def test_a_distance_between_symbols_no_part_names_as_its_result_is_not_read():
    text = (STEM + "(a) Plain GD: where does it converge?\n(b) GD preconditioned with "
            "P = diag(1, 3, 1): where does it converge?\n(c) Euclidean distance between θ_GD "
            "and θ_P.")
    assert not read_report(text).complete


@pytest.mark.parametrize("first, second, same", [
    ("(a) Where does GD from the origin converge?",
     "(b) Is the limit in (a) the same as the λ → 0 limit of ridge regression? (yes/no)", True),
    ("(a) Start GD at θ_0 = (1, 0, 0). Where does it converge?",
     "(b) Is the point from (a) the same as lim_{λ→0} of the ridge solution argmin L(θ) + "
     "(λ/2)‖θ‖²?", False),
    ("(a) Run SGD, one example per step, from zero. Limit?",
     "(b) Is the solution of part (a) the same as the minimiser of the ridge objective as λ "
     "tends to 0?", True),
])
def test_is_an_earlier_limit_the_same_as_the_ridgeless_limit(first, second, same):
    text = f"Least squares with X = {X} and y = {Y}.\n\n{first}\n{second}"
    sol = _solved(text)
    got = [x for x in sol["parts"][1]["answers"] if x["quantity"] == "same-as"]
    # numpy: the ridge limit as λ → 0 is X⁺y; GD from θ_0 keeps θ_0's null-space component
    t0 = np.array([1.0, 0, 0]) if "(1, 0, 0)" in first else np.zeros(3)
    Xa, ya = np.array(X, float), np.array(Y, float)
    limit = t0 + np.linalg.pinv(Xa) @ (ya - Xa @ t0)
    assert bool(np.allclose(limit, np.linalg.pinv(Xa) @ ya)) is same
    assert len(got) == 1 and got[0]["value"] is same


@pytest.mark.parametrize("part", [
    "(a) Let θ = S v with S = diag(2, 1, 1) and run gradient descent on v from v = 0 for "
    "the loss ½‖X S v − y‖². After convergence, map back to θ = S v. Which θ results?",
    "(a) Reparametrise θ = S u, S = diag(2, 1, 1); GD on u from 0 for the loss in u; once it "
    "has converged, convert back to θ = S u. Give θ.",
    "(a) With S = diag(2, 1, 1), train u by gradient descent on ½‖XSu − y‖² starting at 0, "
    "then map the result back to the original coordinates via θ = S u. Find θ.",
])
def test_a_diagonal_reparametrisation_mapped_back_is_preconditioned_gd(part):
    sol = _solved(STEM + part)
    Xa, ya, S = np.array(X, float), np.array(Y, float), np.diag([2.0, 1.0, 1.0])
    v = np.linalg.pinv(Xa @ S) @ ya          # GD on v from 0: the min-norm v
    got = np.array([float(x) for x in np.ravel(sol["parts"][0]["answers"][0]["value"])])
    assert np.allclose(got, S @ v, atol=1e-9)


@pytest.mark.parametrize("question, power", [
    ("Where does gradient descent converge? What is its Euclidean norm?", 1),
    ("To which point does GD go? Give its Euclidean norm.", 1),
    ("Find the GD limit. What's its squared Euclidean norm?", 2),
])
def test_its_norm_after_the_limit_is_the_norm_of_the_limit(question, power):
    got = _norm_answers(STEM + question)
    assert len(got) == 1
    assert abs(float(got[0]["value"]) - np.linalg.norm(_min_norm()) ** power) < 1e-9
