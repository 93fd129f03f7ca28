"""Quadratic dynamics: a count asked of "each of (i) and (ii)" is answered once per method of the
parts named (a parenthesis right after a part's label says which setting of it is meant and asks
nothing); numbers no problem data: the object a remark says the text is NOT ("the Hessian is not
diag(1, 9)"), the dimension of a map's domain ("f : R^2 → R") and a running chapter header of a
PDF copy ("194 CHAPTER 9. MOMENTUM"); a reduction factor whose exponent a PDF copy put on a line of
its own ("by a factor of 10" / "6" / ",") is that power of ten; a stacked ½ before "2θ"."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_BOWL = ("Let f(x, y) = 4x^2 + y^2.\n"
         "(a) For gradient descent give the optimal step and the optimal rate.\n"
         "(b) Nesterov's method with constant momentum, with α = 1/L and "
         "β = (√κ − 1)/(√κ + 1): give β and the rate.\n")


@pytest.mark.parametrize("ask", [
    "(c) How many iterations does each of (a) (optimal step) and (b) need to shrink the error "
    "by a factor of 10^4?",
    "(c) How many iterations does each of (a) and (b) need to reduce the error by a factor of "
    "10^4?",
])
def test_each_of_two_named_parts_is_one_answer_per_method(ask):
    reading = read_report(_BOWL + ask)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    reading.attach(solution)
    got = {p["label"]: p for p in solution.to_dict()["parts"]}
    # κ = 4: GD's optimal rate 3/5, Nesterov's 1 − 1/√κ = 1/2
    counts = {label: next(a["value"] for a in p["answers"] if a["quantity"] == "iterations")
              for label, p in got.items() if label.startswith("c")}
    assert counts == {"c.1": 19, "c.2": 14}, counts
    assert all(p["verified"] for p in got.values())
    assert "optimal-step" not in got["c.2"]["asked"]


def test_a_negated_object_is_no_data():
    reading = read_report("Minimise f(x, y) = 2x^2 + 8y^2 with gradient descent.\n"
                          "(a) What is the largest stable step size?\n"
                          "Note: the Hessian is not diag(2, 8).")
    assert reading.complete, reading.unread()
    assert not reading.unused, reading.unused


def test_a_value_after_not_stays_data():
    reading = read_report("Minimise f(x, y) = 2x^2 + 8y^2 with gradient descent.\n"
                          "(a) What is the largest stable step size? The step is not 0.3.")
    assert "0.3" in reading.unused


_PDF = ("Exercise 3.1 (a bowl). Let f : R\n2 → R be\nf(x, y) = x\n2 + 4y\n2\n.\n"
        "Write f(θ) = 1\n2θ\nT Hθ.\n"
        "(i) Gradient descent with the optimal step: give the optimal rate.\n"
        "(ii) How many iterations are needed to reduce the error by a factor of\n10\n4\n, "
        "using the rate as a contraction factor per iteration?\n"
        "57 CHAPTER 3. FIRST-ORDER METHODS\n")


def test_pdf_layout_numbers_are_read_or_set_aside():
    reading = read_report(_PDF)
    assert reading.complete, reading.unread()
    assert not reading.unused, reading.unused
    assert reading.parts[1].value("epsilon") == pytest.approx(1e-4)


def test_a_factor_of_ten_before_another_number_on_one_line_is_not_a_power():
    reading = read_report(_PDF.replace("factor of\n10\n4\n,", "factor of 10 4,"))
    assert reading.parts[1].value("epsilon") != pytest.approx(1e-4) or not reading.complete


@pytest.mark.parametrize("remark", ["(so θ* = 0)", "(hence x* = 0)", "(i.e. θ^* = 0)"])
def test_a_remark_stating_the_minimiser_is_checked_and_used(remark):
    reading = read_report(f"Let f(θ) = ½ θᵀ H θ with H = diag(9, 1) {remark}.\n"
                          "(a) Give the optimal step size of gradient descent.")
    assert reading.complete, reading.unread()
    assert not reading.unused, reading.unused
    assert any(c.name == "minimiser" for c in reading.parts[0].conventions)


def test_a_remark_stating_a_wrong_minimiser_is_refused():
    reading = read_report("Let f(θ) = ½ θᵀ H θ − bᵀθ with H = diag(9, 1), b = (9, 1) "
                          "(so θ* = 0).\n(a) Give the optimal step size of gradient descent.")
    assert not reading.complete


@pytest.mark.parametrize("said", ["reduced by a factor of at least 10^4",
                                  "reduced by at least a factor of 10^4",
                                  "shrunk by a factor no less than 10^4"])
def test_a_factor_said_as_a_lower_bound(said):
    reading = read_report("Let f(x, y) = 4x^2 + y^2, minimised by gradient descent.\n"
                          "(a) With the optimal step, how many iterations are needed until the "
                          f"distance to the minimiser has been {said}?")
    assert reading.complete, reading.unread()
    assert reading.parts[0].value("epsilon") == pytest.approx(1e-4)
