"""Spec fields take what the schema says: a formula string wherever a number or a symbol is
allowed, read by the one math parser, with the field named when it cannot be read."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

import optiproof
from optiproof.core.errors import BadInput
from optiproof.core.fields import check_formula, check_number, formula_value


@pytest.mark.parametrize("text,value", [
    ("1/3", Fraction(1, 3)), ("10^-6", Fraction(1, 10**6)), ("2^20", 2**20),
    ("1 - 1/1000", Fraction(999, 1000)), ("0.5", "0.5"), ("1e-3", "1e-3")])
def test_a_number_may_be_written_as_a_formula_of_numbers(text, value):
    assert check_number(text) == value


@pytest.mark.parametrize("text,why", [
    ("1/x", "formula of numbers"), ("sqrt(2)", "not a rational number"),
    ("__import__('os')", "formula of numbers"), ("9^9^9^9", "formula of numbers")])
def test_what_is_not_a_rational_number_is_refused(text, why):
    with pytest.raises(ValueError, match=why):
        check_number(text)


def test_a_formula_in_symbols_keeps_its_text_and_reads_with_assumptions():
    assert check_formula(" 4/t_w ") == "4/t_w"
    value = formula_value("4/t_w", positive=True)
    (t_w,) = value.free_symbols
    assert t_w.is_positive and value == 4 / t_w


def test_communication_bandwidth_given_as_a_formula_is_solved_and_verified():
    sol = optiproof.solve({"parts": [{
        "family": "communication", "n": 8, "p": "2^20", "alpha": "t_s", "bandwidth": "4/t_w",
        "schemes": ["ring"], "quantities": ["time"]}]})
    part = sol.parts[0]
    t_s, t_w = sp.symbols("t_s t_w", positive=True)
    # 2 (n - 1) rounds of alpha + (p/n elements x 4 bytes) / (4 / t_w)
    assert sp.simplify(part.answers[0].expr - (14 * t_s + 14 * 2**17 * t_w)) == 0
    assert part.verified, [(c.method, c.status, c.detail) for c in part.checks]


def test_a_step_size_formula_stays_symbolic_and_is_verified_on_random_instances():
    part = optiproof.solve({"parts": [{"family": "steepest-descent", "norm": "linf",
                                       "gradient": [3, -1, 2], "alpha": "2*eta0"}]}).parts[0]
    (eta0,) = part.answers[0].expr.free_symbols
    assert part.answers[0].expr == sp.Matrix([-6, 6, -6]) * eta0
    assert part.verified


@pytest.mark.parametrize("data,field", [
    ({"family": "communication", "bandwidth": "4/n"}, "bandwidth"),
    ({"family": "communication", "p": "1/3"}, "p"),
    ({"family": "quadratic-dynamics", "eigenvalues": [1, 10], "alpha": "2/L",
      "asks": ["rate"]}, "alpha"),
    ({"family": "adam-mechanics", "asks": ["first-step"], "beta1": "1 - b"}, "beta1"),
])
def test_a_formula_that_cannot_be_used_names_its_field(data, field):
    with pytest.raises(BadInput, match=field):
        optiproof.solve({"parts": [data]}, run_witnesses=False)
