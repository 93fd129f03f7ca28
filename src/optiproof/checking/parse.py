"""Claimed math -> SymPy, in the checker's vocabulary, through the one safe math parser.

Every formula goes to :func:`optiproof.core.mathparse.try_parse_math` (a grammar, never
``eval``), bounded by :data:`CHECK_LIMITS`. The parser's atoms are then renamed into the symbols
the comparisons use: ``∇f(θ)`` is the gradient ``g``, ``g_i`` is ``g``, a gradient norm
``Norm(g, p)`` is the placeholder symbol ``Omega_p`` and ``Sign(g)`` is ``Psi`` - the same
placeholders :func:`optiproof.checking.compare.canonical` makes of the verified answers. A
formula that cannot be read is ``None``: "could not parse", never a guess.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from optiproof.core.mathparse import ParseLimits, try_parse_math

CHECK_LIMITS = ParseLimits(max_chars=2000, max_nodes=2000, max_degree=64)
"""Bounds of one claimed formula: answers state values, not long computations."""

PLACEHOLDER_NORM = "Omega"
PLACEHOLDER_SIGN = "Psi"
GRADIENT = "g"


@lru_cache(maxsize=8192)
def parse_math(text: str) -> Any:
    """Plain text, Unicode or LaTeX math -> SymPy expression or Matrix in the checker's
    vocabulary, or None when it does not parse (bounded)."""
    t = text.strip().rstrip(".,;").strip()
    if not t:
        return None
    expr = try_parse_math(t, limits=CHECK_LIMITS, field="ANSWER")
    return None if expr is None else checker_vocabulary(expr)


def checker_vocabulary(expr: Any) -> Any:
    """∇f(·) -> g, g_i -> g, Norm(g, p) -> Omega_p, Sign(g) -> Psi (see the module docstring)."""
    import sympy

    from optiproof.core.mathatoms import Grad, Norm, Sign

    g = sympy.Symbol(GRADIENT)
    expr = expr.replace(lambda e: isinstance(e, Grad), lambda e: g)
    expr = expr.xreplace({s: g for s in expr.free_symbols if s.name == f"{GRADIENT}_i"})

    def placeholder(e: Any) -> Any:
        if isinstance(e, Sign) and e.args[0] == g:
            return sympy.Symbol(PLACEHOLDER_SIGN)
        if isinstance(e, Norm) and e.args[0] == g:
            index = e.args[1] if len(e.args) == 2 else sympy.Integer(2)
            return sympy.Symbol(f"{PLACEHOLDER_NORM}_{'inf' if index is sympy.oo else index}")
        return e

    return expr.replace(lambda e: isinstance(e, (Sign, Norm)), placeholder)


def to_number(expr: Any) -> complex | None:
    """A closed numeric expression as a float (None if symbolic or not finite)."""
    import math

    import sympy

    if expr is None or not isinstance(expr, sympy.Basic) or expr.free_symbols:
        return None
    try:
        value = complex(sympy.N(expr, 20))
    except (TypeError, ValueError, OverflowError, ZeroDivisionError):
        return None
    if not (math.isfinite(value.real) and math.isfinite(value.imag)) or abs(value.imag) > 1e-12:
        return None
    return value.real
