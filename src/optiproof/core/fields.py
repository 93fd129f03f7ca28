"""Reusable validated field types for specs: symbol names, numbers, vectors and matrices."""

from __future__ import annotations

import math
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

from optiproof.core.budget import MAX_MAGNITUDE_BITS
from optiproof.core.limits import LIMITS

_SYMBOL = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,24}$")


def check_symbol_name(name: str) -> str:
    """A symbol name: letters, digits, underscore; starts with a letter (alpha, eta, g, G, mu)."""
    if not _SYMBOL.match(name):
        raise ValueError(f"{name[:30]!r} is not a symbol name (letters, digits, _; e.g. alpha)")
    return name


def check_number(x: Any) -> float | int | str:
    """A finite real number given as int, float or decimal string."""
    if isinstance(x, bool):
        raise ValueError("expected a number, got a boolean")
    if isinstance(x, int):
        if abs(x).bit_length() > MAX_MAGNITUDE_BITS:
            raise ValueError(f"an integer of about {abs(x).bit_length() * 0.30103:.0f} digits "
                             "is out of range (at most 1e300)")
        return x
    if isinstance(x, float):
        if not math.isfinite(x):
            raise ValueError(f"expected a finite number, got {x}")
        return x
    if isinstance(x, str):
        try:
            v = float(x)
        except ValueError:
            raise ValueError(f"expected a number, got {x[:30]!r}") from None
        if not math.isfinite(v):
            raise ValueError(f"expected a finite number, got {x[:30]!r}")
        return x.strip()
    raise ValueError(f"expected a number, got {type(x).__name__}")


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
Number = Annotated[Any, BeforeValidator(check_number)]
Vector = Annotated[list, BeforeValidator(check_vector)]
Matrix = Annotated[list, BeforeValidator(check_matrix)]
