"""Budgets of exact arithmetic: results too large to compute are refused before they are
computed, with the field named."""

from __future__ import annotations

import pytest
import sympy as sp

from optiproof.core.budget import (
    EXACT_MAX_DIGITS,
    check_exact_power,
    check_magnitude,
    rational_digits,
)
from optiproof.core.errors import BadInput


def test_rational_digits() -> None:
    assert rational_digits(0) == 0
    assert 2 < rational_digits(sp.Rational(9, 10)) < 2.2
    assert 5.6 < rational_digits(sp.Rational(999, 1000)) < 5.8
    assert 299 < rational_digits(10 ** 300) < 301


def test_exact_powers_are_refused_past_the_budget() -> None:
    check_exact_power(sp.Rational(9, 10), 400, field="t", what="beta1^t")
    with pytest.raises(BadInput, match=r"t: beta2\^t needs an exact number of about") as err:
        check_exact_power(sp.Rational(999, 1000), 10 ** 6, field="t", what="beta2^t")
    assert err.value.exit_code == 2
    digits = rational_digits(sp.Rational(999, 1000)) * 200
    assert digits > EXACT_MAX_DIGITS


def test_integer_inputs_stay_in_the_decimal_range() -> None:
    assert check_magnitude(10 ** 299, field="alpha") == 10 ** 299
    with pytest.raises(BadInput, match="alpha: an integer of about 400 digits is out of range"):
        check_magnitude(10 ** 400, field="alpha")


@pytest.mark.parametrize("field,value,needle", [
    ("t", 10 ** 6, r"beta1\^t with t = 1000000"),
    ("beta2", 0.999999, None),
])
def test_adam_closed_forms_within_the_budget(field, value, needle) -> None:
    from optiproof.families.problem import make_problem
    from optiproof.families.adam_mechanics.symbols import quantities

    spec = {"family": "adam-mechanics", "asks": ["bias-correction"], "beta1": 0.9,
            "beta2": 0.999, "t": 10, field: value}
    part = make_problem(spec).parts[0]
    if needle is None:
        quantities(part)
        return
    with pytest.raises(BadInput, match=needle):
        quantities(part)


@pytest.mark.parametrize("p,ok", [(1.5, True), (3, True), (1.05, True), (1.01, False),
                                  (1.000001, False)])
def test_lp_norm_exponents_within_the_budget(p: float, ok: bool) -> None:
    from optiproof.families.problem import make_problem
    from optiproof.families.steepest_descent.solve import build_instance

    spec = make_problem({"family": "steepest-descent", "norm": {"name": "lp", "p": p},
                         "gradient": [3, -1, 2], "alpha": 0.5, "asks": ["update"]}).parts[0]
    if ok:
        build_instance(spec)
    else:
        with pytest.raises(BadInput, match="norm.p: the exact lp norm"):
            build_instance(spec)


def test_matrix_entries_are_counted_before_construction() -> None:
    from optiproof.core.limits import LIMITS
    from optiproof.families.problem import make_problem
    from optiproof.families.steepest_descent.solve import build_instance

    side = 70
    assert side * side > LIMITS.exact_max_entries
    spec = make_problem({"family": "steepest-descent", "norm": "spectral", "asks": ["update"],
                         "gradient": [[1] * side] * side}).parts[0]
    with pytest.raises(BadInput, match="exceeds the exact-arithmetic limit"):
        build_instance(spec)
