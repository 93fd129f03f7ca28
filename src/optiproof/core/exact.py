"""Exact numbers and SymPy conversions: the single place where math becomes LaTeX, JSON and floats.

Numbers from specs become exact rationals through their decimal text (0.1 -> 1/10), never through
``sympify`` of user strings.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from optiproof.core.budget import check_magnitude
from optiproof.core.errors import BadInput

if TYPE_CHECKING:
    import sympy

LATEX_SETTINGS = {"mat_delim": "[", "mat_str": "matrix"}
TEXT_ESCAPES = {"\\": r"\textbackslash{}", "_": r"\_", "&": r"\&", "%": r"\%", "#": r"\#",
                "$": r"\$", "{": r"\{", "}": r"\}"}


@dataclass(frozen=True)
class Name:
    """A result that is a named thing (an optimizer, a scheme): its catalogue key and display
    name. Its LaTeX is the name as text, its expression string the key, its value none."""

    key: str
    name: str

    def __str__(self) -> str:
        """The display name (how text renderers print it)."""
        return self.name


def text_latex(words: str) -> str:
    """``\\text{words}`` with the characters LaTeX treats specially escaped."""
    return r"\text{" + "".join(TEXT_ESCAPES.get(c, c) for c in words) + "}"


def exact_rational(x: Any, *, field: str = "value") -> "sympy.Rational":
    """Turn an int, float or decimal string into an exact SymPy rational (0.1 -> 1/10)."""
    import sympy

    if isinstance(x, bool):
        raise BadInput(f"got a boolean {x!r}", field=field, expected="a number")
    if isinstance(x, int):
        return sympy.Integer(check_magnitude(x, field=field))
    if isinstance(x, sympy.Rational):
        return x
    if isinstance(x, Fraction):
        return sympy.Rational(x.numerator, x.denominator)
    if isinstance(x, float):
        if not math.isfinite(x):
            raise BadInput(f"got {x!r}", field=field, expected="a finite number")
        text = repr(x)
    elif isinstance(x, str):
        text = x.strip()
    else:
        raise BadInput(f"got {type(x).__name__}", field=field, expected="a number")
    try:
        dec = Decimal(text)
    except InvalidOperation:
        raise BadInput(f"cannot read {text[:40]!r} as a number", field=field,
                       expected="a decimal number such as 0.5 or 3") from None
    if not dec.is_finite():
        raise BadInput(f"got {text[:40]!r}", field=field, expected="a finite number")
    if abs(dec.adjusted()) > 300:
        raise BadInput(f"{text[:40]!r} is out of range", field=field,
                       expected="a magnitude between 1e-300 and 1e300")
    frac = Fraction(dec)
    return sympy.Rational(frac.numerator, frac.denominator)


LATEX_MAX_ENTRIES = 64
"""Matrices with more entries are written elided: their first and last rows and columns."""
LATEX_SHOWN = 4
"""Rows (and columns) shown at the start of an elided matrix; one more is shown at the end."""


def to_latex(expr: Any) -> str:
    """LaTeX of a SymPy object (or a float64 array) with optiproof's printer settings
    (bracketed matrices); a matrix of more than ``LATEX_MAX_ENTRIES`` entries is elided."""
    import sympy

    if isinstance(expr, Name):
        return text_latex(expr.name)
    if isinstance(expr, sympy.logic.boolalg.BooleanAtom):
        return text_latex("yes" if expr else "no")
    if is_float_array(expr) or (isinstance(expr, sympy.MatrixBase)
                                and expr.rows * expr.cols > LATEX_MAX_ENTRIES):
        return _elided_latex(expr)
    return sympy.latex(expr, **LATEX_SETTINGS)


def is_float_array(expr: Any) -> bool:
    """Whether ``expr`` is a numpy array: the answer of a float64 evaluation (large inputs)."""
    return type(expr).__module__ == "numpy" and type(expr).__name__ == "ndarray"


def _elided_latex(m: Any) -> str:
    """A bracketed matrix showing its first ``LATEX_SHOWN`` and last rows and columns, with
    dots between (a float64 array's entries to 6 significant digits)."""
    import sympy

    rows, cols = (m.shape[0], 1) if len(m.shape) == 1 else m.shape
    grid = m.reshape(rows, cols) if is_float_array(m) else m

    def cell(i: int, j: int) -> str:
        v = grid[i, j]
        if is_float_array(m):
            v = sympy.Float(float(v), 6)
        return sympy.latex(v, **LATEX_SETTINGS)

    def keep(n: int) -> list[int | None]:
        return list(range(n)) if n <= LATEX_SHOWN + 2 else [*range(LATEX_SHOWN), None, n - 1]

    def row(i: int | None) -> list[str]:
        if i is None:
            return [r"\ddots" if j is None else r"\vdots" for j in keep(cols)]
        return [r"\cdots" if j is None else cell(i, j) for j in keep(cols)]

    body = r"\\".join(" & ".join(row(i)) for i in keep(rows))
    return rf"\left[\begin{{matrix}}{body}\end{{matrix}}\right]"


def inline_latex(expr: Any) -> str:
    """LaTeX of a SymPy object for running text: a column vector is written as a transposed row."""
    import sympy

    if isinstance(expr, sympy.MatrixBase) and expr.cols == 1 and expr.rows > 1:
        return to_latex(expr.T) + r"^\top"
    return to_latex(expr)


def to_value(expr: Any) -> float | bool | list | None:
    """JSON value of a SymPy object: number, list, list of lists, true/false for a yes-no
    answer, or None if symbolic or a name."""
    import sympy

    if expr is None or isinstance(expr, Name):
        return None
    if isinstance(expr, sympy.logic.boolalg.BooleanAtom):
        return bool(expr)
    if isinstance(expr, (int, float)):
        return float(expr)
    if is_float_array(expr):
        return expr.tolist() if bool(abs(expr).max() < math.inf) else None
    if isinstance(expr, sympy.MatrixBase):
        if expr.free_symbols:
            return None
        rows = [[_finite_float(v) for v in expr.row(i)] for i in range(expr.rows)]
        if any(v is None for row in rows for v in row):
            return None
        if expr.cols == 1:
            return [row[0] for row in rows]
        return rows
    expr = sympy.sympify(expr) if not isinstance(expr, sympy.Basic) else expr
    if expr.free_symbols:
        return None
    return _finite_float(expr)


def _finite_float(v: Any) -> float | None:
    import sympy

    try:
        f = float(sympy.N(v, 30))
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def to_expr_string(expr: Any) -> str:
    """A SymPy-parsable string for an expression (``sympy.sympify`` can read it back); the
    catalogue key for a name."""
    import sympy

    if expr is None:
        return ""
    if isinstance(expr, Name):
        return expr.key
    if is_float_array(expr):
        return f"Matrix({[[v] for v in expr.tolist()] if expr.ndim == 1 else expr.tolist()})"
    expr = _plain_symbol_names(expr)
    if isinstance(expr, sympy.MatrixBase):
        return f"Matrix({sympy.sstr(expr.tolist())})"
    return sympy.sstr(expr)


def _plain_symbol_names(expr: Any) -> Any:
    """Symbols named by their LaTeX (``\\alpha``, ``\\hat{m}_t``) under their plain names
    (``alpha``, ``hatm_t``), so the string parses back and names them as the problem does."""
    import sympy

    named = {s: sympy.Symbol(re.sub(r"[\\{}]", "", s.name), **s.assumptions0)
             for s in getattr(expr, "free_symbols", ()) if isinstance(s, sympy.Symbol) and
             "\\" in s.name}
    return expr.xreplace(named) if named else expr
