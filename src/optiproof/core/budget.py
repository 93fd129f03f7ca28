"""Budgets for exact arithmetic: the size of an exact result is checked before it is computed.

A closed form that raises a given rational to a given power (β^t, |g_i|^q) has about
``digits(base) * exponent`` digits; past EXACT_MAX_DIGITS the computation is refused with a
:class:`BadInput` naming the field, instead of running for minutes (SymPy factors such numbers
when it simplifies roots of them).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from optiproof.core.errors import BadInput

EXACT_MAX_DIGITS = 1000
"""Most decimal digits of one exact number a closed form may build."""
MAX_MAGNITUDE_BITS = 997
"""Largest integer accepted as an input number: below 2**997 (about 1e300)."""


def _fraction(x: Any) -> Fraction:
    """An int, Fraction or SymPy Rational as a Fraction."""
    if hasattr(x, "p") and hasattr(x, "q"):
        return Fraction(int(x.p), int(x.q))
    return Fraction(x)


def rational_digits(x: Any) -> float:
    """Decimal digits of a rational's numerator and denominator together (0 for 0)."""
    f = _fraction(x)
    return (abs(f.numerator).bit_length() + f.denominator.bit_length() - 1) * math.log10(2)


def check_magnitude(x: int, *, field: str) -> int:
    """An integer input within ±1e300 (the range decimal inputs have)."""
    if abs(x).bit_length() > MAX_MAGNITUDE_BITS:
        raise BadInput(f"an integer of about {abs(x).bit_length() * 0.30103:.0f} digits is out "
                       "of range", field=field, expected="a magnitude up to 1e300")
    return x


def check_exact_power(base: Any, exponent: Any, *, field: str, what: str) -> None:
    """Refuse ``what`` = base**exponent when its exact value would pass EXACT_MAX_DIGITS."""
    digits = rational_digits(base) * abs(_fraction(exponent))
    if digits > EXACT_MAX_DIGITS:
        raise BadInput(f"{what} needs an exact number of about {digits:,.0f} digits, over the "
                       f"exact-arithmetic budget of {EXACT_MAX_DIGITS}", field=field,
                       expected="smaller values, or a symbol to keep it in closed form")
