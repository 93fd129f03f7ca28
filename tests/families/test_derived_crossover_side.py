"""A crossover of two linear costs says which is the smaller on each side ('for which p is A
faster?'); checked by evaluating both costs just below and just above the crossover."""

from __future__ import annotations

import sympy
from hypothesis import given
from hypothesis import strategies as st

from optiproof.families.derived import _smaller_side

p = sympy.Symbol("p", positive=True)
_coef = st.fractions(min_value=-50, max_value=50, max_denominator=20)


@given(a=_coef, b=_coef, c=_coef, d=_coef)
def test_the_side_named_is_the_side_where_the_cost_is_smaller(a, b, c, d) -> None:
    x, y = a + b * p, c + d * p
    note = _smaller_side(x, y, p, 1)
    if b == d:
        assert note == ""
        return
    root = sympy.Rational(c - a) / sympy.Rational(b - d)
    below = (x - y).subs(p, root - 1)
    assert note == ("X < Y below the crossover, X > Y above it" if below < 0 else
                    "X > Y below the crossover, X < Y above it")


def test_an_undecided_slope_or_several_crossovers_say_nothing() -> None:
    n = sympy.Symbol("n", real=True)
    assert _smaller_side(n * p, 2 * p + 1, p, 1) == ""
    assert _smaller_side(p**2, p + 2, p, 2) == ""
