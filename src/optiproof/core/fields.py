"""Reusable validated field types for specs: symbol names, numbers, vectors and matrices."""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

from optiproof.core.budget import MAX_MAGNITUDE_BITS
from optiproof.core.limits import LIMITS

_SYMBOL = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,24}$")


def _number_limits() -> Any:
    """Bounds of a formula given in a number's place (short: a step size, a bandwidth)."""
    from optiproof.core.mathparse import ParseLimits

    return ParseLimits(max_chars=200, max_exponent=64, max_depth=12, max_nodes=200)


def is_number(value: Any) -> bool:
    """Whether a validated field value is a number (not a symbol name or a formula)."""
    if isinstance(value, (int, float, Fraction)) and not isinstance(value, bool):
        return True
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def is_symbol_name(value: Any) -> bool:
    """Whether ``value`` is a plain symbol name (not a number, not a formula)."""
    return isinstance(value, str) and bool(_SYMBOL.match(value.strip()))


def check_symbol_name(name: str) -> str:
    """A symbol name: letters, digits, underscore; starts with a letter (alpha, eta, g, G, mu)."""
    if not _SYMBOL.match(name):
        raise ValueError(f"{name[:30]!r} is not a symbol name (letters, digits, _; e.g. alpha)")
    return name


def check_number(x: Any) -> float | int | str | Fraction:
    """A finite real number given as int, float, decimal string, or a formula of numbers
    (``1/3``, ``10^-6``, ``2^20``: read by the one math parser, returned as a Fraction)."""
    if isinstance(x, bool):
        raise ValueError("expected a number, got a boolean")
    if isinstance(x, int):
        if abs(x).bit_length() > MAX_MAGNITUDE_BITS:
            raise ValueError(f"an integer of about {abs(x).bit_length() * 0.30103:.0f} digits "
                             "is out of range (at most 1e300)")
        return x
    if isinstance(x, Fraction):
        if max(abs(x.numerator), x.denominator).bit_length() > MAX_MAGNITUDE_BITS:
            raise ValueError("a fraction with over 300 digits is out of range")
        return x
    if isinstance(x, float):
        if not math.isfinite(x):
            raise ValueError(f"expected a finite number, got {x}")
        return x
    if isinstance(x, str):
        try:
            v = float(x)
        except ValueError:
            return _rational_formula(x)
        if not math.isfinite(v):
            raise ValueError(f"expected a finite number, got {x[:30]!r}")
        return x.strip()
    raise ValueError(f"expected a number, got {type(x).__name__}")


def _rational_formula(text: str) -> Fraction:
    """A formula of numbers only, read exactly by the one math parser."""
    from optiproof.core.mathparse import MathParseError, parse_math

    try:
        value = parse_math(text, symbols={}, limits=_number_limits())
    except MathParseError:
        raise ValueError(f"expected a number or a formula of numbers such as 1/3 or 10^-6, "
                         f"got {text[:30]!r}") from None
    if not getattr(value, "is_Rational", False):
        raise ValueError(f"{text[:30]!r} is not a rational number")
    return Fraction(int(value.p), int(value.q))


def check_formula(text: str) -> str:
    """A formula in numbers and symbol names (``4/t_w``), checked by the one math parser and
    kept as written; its names must be symbol names."""
    from optiproof.core.mathparse import MathParseError, parse_math

    try:
        value = parse_math(text, limits=_number_limits())
    except MathParseError as err:
        raise ValueError(f"cannot read {text[:40]!r}: {err.reason}") from None
    for s in getattr(value, "free_symbols", ()):
        check_symbol_name(s.name)
    return text.strip()


def check_positive_or_symbolic(value: Any) -> Any:
    """A number > 0, a symbol name, or a formula in symbols (kept as written)."""
    if is_symbol_name(value):
        return value.strip()
    try:
        number = check_number(value)
    except ValueError:
        if not isinstance(value, str):
            raise
        return check_formula(value)
    if float(number) <= 0:
        raise ValueError(f"must be > 0, got {value}")
    return number


def formula_value(text: str, **assumptions: Any) -> Any:
    """The SymPy value of a formula accepted by :func:`check_formula`, its names as symbols
    with ``assumptions`` (positive=True for a step size, a latency, a bandwidth)."""
    import sympy

    from optiproof.core.mathparse import parse_math

    value = parse_math(text, limits=_number_limits())
    return value.xreplace({s: sympy.Symbol(s.name, **assumptions) for s in value.free_symbols})


def check_vector(v: Any) -> list:
    """A non-empty list of finite numbers, at most LIMITS.max_vector_entries long."""
    if not isinstance(v, (list, tuple)):
        raise ValueError(f"expected a list of numbers, got {type(v).__name__}")
    if len(v) == 0:
        raise ValueError("expected a non-empty list of numbers")
    if len(v) > LIMITS.max_vector_entries:
        raise ValueError(f"{len(v)} entries exceeds the limit of {LIMITS.max_vector_entries}")
    return [check_number(x) for x in v]


def check_matrix(m: Any) -> list:
    """A rectangular non-empty list of rows of finite numbers, sides at most max_matrix_side."""
    if not isinstance(m, (list, tuple)) or not m:
        raise ValueError("expected a non-empty list of rows")
    if len(m) > LIMITS.max_matrix_side:
        raise ValueError(f"{len(m)} rows exceeds the limit of {LIMITS.max_matrix_side}")
    rows = []
    width = None
    for i, row in enumerate(m):
        if not isinstance(row, (list, tuple)):
            raise ValueError(f"row {i} is not a list")
        if width is None:
            width = len(row)
            if width == 0 or width > LIMITS.max_matrix_side:
                raise ValueError(f"row length {width} must be between 1 and "
                                 f"{LIMITS.max_matrix_side}")
        elif len(row) != width:
            raise ValueError(f"row {i} has {len(row)} entries but row 0 has {width}: "
                             "a matrix must be rectangular")
        rows.append([check_number(x) for x in row])
    return rows


SymbolName = Annotated[str, AfterValidator(check_symbol_name)]
Formula = Annotated[str, AfterValidator(check_formula)]
Number = Annotated[Any, BeforeValidator(check_number)]
Vector = Annotated[list, BeforeValidator(check_vector)]
Matrix = Annotated[list, BeforeValidator(check_matrix)]
