"""The preconditioner as an askable quantity: 'the procedure of (b) is preconditioned GD with a
fixed diagonal P. Which P?' asks the P of that part's method (diag(s_j²) for features
multiplied by s_j and mapped back, the method's own P, diag(1/s_j²) for features divided by
their root second moments), scaled as asked ('P_11 = 1'); answered exactly and witnessed by a
real run of preconditioned GD with the answered P against the real run of the method. A
preconditioner stated once in the shared text applies to the parts that name the method; a
part about the results of several parts takes each part's own method."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.reading import read_report
from optiproof.families.implicit_bias.solve import solve
from optiproof.families.implicit_bias.spec import Spec
from optiproof.families.implicit_bias.witness import preconditioner_check

STEM = ("Least squares: X = [[1, 2, 0], [0, 1, 1]], y = [3, 1], loss ½‖Xθ − y‖², every run "
        "uses plain gradient descent started at θ₀ = 0.\n"
        "(a) Where does it converge?\n"
        "(b) Multiply the second feature by 3, run gradient descent on the new features and map "
        "the weights back to the original units. Which θ?\n")


@pytest.mark.parametrize("ask, P", [
    ("(c) The procedure in (b) is the same as preconditioned gradient descent "
     "θ ← θ − ηP∇L(θ) on the original data with a fixed diagonal P. Which P?", [1, 9, 1]),
    ("(c) Running (b) is equivalent to preconditioned GD with some diagonal matrix $P$ on the "
     "raw data. Give $P$, normalised so that $P_{11} = 1$.", [1, 9, 1]),
    ("(c) Same limit as (b) can be had from preconditioned GD w <- w - lr * P * grad L(w). "
     "what is P (scaled so P_22 = 1)?", [1 / 9, 1, 1 / 9]),
    ("(c) Find the equivalent preconditioner of the method in (b), with P_33 = 1, for "
     "preconditioned gradient descent.", [1, 9, 1]),
])
def test_the_preconditioner_of_an_earlier_procedure_is_asked(ask, P):
    reading = read_report(STEM + ask)
    assert reading.complete, [(m.name, m.reason) for p in reading.parts for m in p.missing]
    spec = reading.to_problem().parts[2]
    sol = solve(spec, figures=False)
    got = [a for a in sol.answers if a.quantity == "preconditioner"]
    assert len(got) == 1
    np.testing.assert_allclose(np.array(got[0].value, dtype=float), np.diag(P))
    assert preconditioner_check(spec, sol).status == "passed"


def test_the_preconditioner_asked_without_a_part_named_stays_refused():
    reading = read_report(STEM + "(c) It is equivalent to preconditioned gradient descent with a "
                                 "fixed diagonal P. Which P?")
    assert not reading.complete


@pytest.mark.parametrize("method, P", [
    ("gd", np.eye(3)),
    ({"name": "preconditioned", "P": [2, 4, 8]}, np.diag([1, 2, 4])),
    ("rescaled-sgd", np.diag([1, 1 / 5, 1])),
])
def test_the_preconditioner_is_solved_and_witnessed(method, P):
    spec = Spec(X=[[1, 2, 0], [0, 1, 1]], y=[3, 1], method=method,
                asks=["limit", "preconditioner"], preconditioner_entry=1)
    sol = solve(spec, figures=False)
    got = next(a for a in sol.answers if a.quantity == "preconditioner")
    # independent: the second moments (1/2, 5/2, 1/2) of the columns give diag(1/s²) ∝ (1, 1/5, 1)
    np.testing.assert_allclose(np.array(got.value, dtype=float), P)
    assert preconditioner_check(spec, sol).status == "passed"


def test_a_wrong_preconditioner_fails_its_witness():
    import dataclasses
    import sympy
    spec = Spec(X=[[1, 2, 0], [0, 1, 1]], y=[3, 1],
                method={"name": "preconditioned", "P": [1, 9, 1]},
                asks=["limit", "preconditioner"])
    sol = solve(spec, figures=False)
    bad = [dataclasses.replace(a, expr=sympy.eye(3)) if a.quantity == "preconditioner" else a
           for a in sol.answers]
    assert preconditioner_check(spec, dataclasses.replace(sol, answers=bad)).status == "failed"


@pytest.mark.parametrize("shared", [
    "A fixed preconditioner P = diag(1/4, 1, 1/2) is used: θ ← θ − ηP∇f(θ).",
    "The preconditioned method uses $P=\\operatorname{diag}(1/4, 1, 1/2)$.",
    "precond: P = diag(0.25, 1, 0.5), update theta <- theta - lr*P*grad",
])
def test_a_preconditioner_stated_once_in_the_shared_text(shared):
    text = ("Data X = [[2, 0, 1], [0, 1, 1]], y = [4, 1], f(θ) = ½‖Xθ − y‖², θ₀ = 0. " + shared +
            "\n(a) Where does plain gradient descent converge?\n(b) Where does the "
            "preconditioned method converge?")
    reading = read_report(text)
    assert reading.complete, [(m.name, m.reason) for p in reading.parts for m in p.missing]
    spec = reading.to_problem().parts[1]
    sol = solve(spec, figures=False)
    # by hand: P X^T (X P X^T)^{-1} y
    X, y, P = np.array([[2, 0, 1], [0, 1, 1]], float), np.array([4, 1.0]), np.diag([.25, 1, .5])
    np.testing.assert_allclose(np.array(sol.answers[0].value, dtype=float),
                               P @ X.T @ np.linalg.solve(X @ P @ X.T, y))


def test_a_part_about_the_results_of_two_parts_takes_each_part_s_method():
    text = (STEM + "(c) Is the vector from (b) the minimum-norm solution? Give ‖θ‖₂² for the "
                   "vectors of (a) and (b).")
    reading = read_report(text)
    methods = [p.value("method") for p in reading.parts if p.label.startswith("c")]
    assert len(methods) == 2 and "gd" in methods and any(
        isinstance(m, dict) and m.get("name") == "preconditioned" for m in methods), methods
