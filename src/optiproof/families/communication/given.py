"""Given table cells: safe parsing of formula strings and the verdict against a derived value.

A formula string is read by the one math parser (:mod:`optiproof.core.mathparse`: a grammar,
never ``eval``), after the spec's character check: only the problem's symbol names and the
functions below are allowed, and powers, depth and size are bounded while parsing, so no
formula can explode.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from optiproof.core.errors import BadInput
from optiproof.core.exact import to_latex
from optiproof.core.mathparse import FunctionSpec, ParseLimits, parse_math
from optiproof.families.communication.formulas import CeilLog2, Log2
from optiproof.families.communication.spec import (
    FORMULA_FUNCTIONS,
    check_formula_text,
    formula_names,
)

MAX_OPS = 200
GIVEN_LIMITS = ParseLimits(max_chars=200, max_exponent=64, max_depth=12, max_nodes=400)
"""Bounds of a given cell's formula."""


def _log(x: Any, base: Any = None) -> Any:
    """``log`` in these formulas is base 2 (``log(x, b)`` for another base)."""
    if base is None or base == 2:
        return Log2(x)
    return sp.log(x) / sp.log(base)


_FUNCTIONS = {"log": FunctionSpec(_log, 1, 2), "log2": FunctionSpec(Log2),
              "ceiling": FunctionSpec(sp.ceiling), "floor": FunctionSpec(sp.floor),
              "Max": FunctionSpec(sp.Max, 1, 16), "Min": FunctionSpec(sp.Min, 1, 16),
              "max": FunctionSpec(sp.Max, 1, 16), "min": FunctionSpec(sp.Min, 1, 16),
              "sqrt": FunctionSpec(sp.sqrt, root=2)}
assert set(_FUNCTIONS) == set(FORMULA_FUNCTIONS)


def parse_formula(text: str, symbols: dict[str, sp.Symbol], *, field: str) -> Any:
    """Read a formula string over ``symbols`` (name -> Symbol) into a SymPy expression."""
    try:
        text = check_formula_text(str(text))
    except ValueError as err:
        raise BadInput(str(err), field=field) from None
    unknown = sorted(formula_names(text) - set(symbols) - set(_FUNCTIONS))
    if unknown:
        raise BadInput(f"unknown names {unknown} in {text!r}", field=field,
                       expected=f"a formula in {sorted(symbols)}")
    expr = parse_math(text, symbols=symbols, functions=_FUNCTIONS, limits=GIVEN_LIMITS,
                      field=field)
    if not isinstance(expr, sp.Expr):
        raise BadInput(f"{text!r} is not a number or formula", field=field)
    if sp.count_ops(expr) > MAX_OPS:
        raise BadInput(f"{text!r} is too long", field=field)
    return expr


def _as_log(expr: Any) -> Any:
    return expr.replace(lambda e: isinstance(e, Log2), lambda e: sp.log(e.args[0]) / sp.log(2)) \
               .replace(lambda e: isinstance(e, CeilLog2),
                        lambda e: sp.ceiling(sp.log(e.args[0]) / sp.log(2)))


@dataclass(frozen=True)
class Verdict:
    """Whether a given value equals the derived one, and the reason in words when it does not."""

    confirmed: bool
    reason: str
    counterexample: dict[str, int] | None = None


def compare(given: Any, derived: Any, instances: list[dict[Any, Any]]) -> Verdict:
    """Exact comparison (symbolic difference), then a search for an instance where they differ.

    ``instances`` are substitutions {Symbol: value} satisfying the scheme's assumptions.
    """
    diff = sp.simplify(_as_log(given) - _as_log(derived))
    if diff == 0:
        return Verdict(True, "equal as formulas")
    compared = 0
    for inst in instances:
        try:
            g = sp.simplify(_as_log(given).subs(inst))
            d = sp.simplify(_as_log(derived).subs(inst))
            if not (g.is_number and d.is_number):
                continue
            compared += 1
            if sp.simplify(g - d) != 0:
                shown = {str(k): int(v) for k, v in inst.items() if getattr(v, "is_Integer", 0)}
                return Verdict(False, _reason(given, derived, diff), shown)
        except (TypeError, ValueError, ZeroDivisionError):
            continue
    if not compared:
        return Verdict(False, _reason(given, derived, diff))
    return Verdict(True, "equal on every tested instance (the difference "
                         f"${to_latex(diff)}$ vanishes there)")


def _reason(given: Any, derived: Any, diff: Any) -> str:
    """Describe how the given value is off: a constant factor, or a difference."""
    ratio = sp.simplify(_as_log(given) / _as_log(derived)) if derived != 0 else None
    if ratio is not None and ratio.is_number and ratio != 1:
        return f"it is off by a factor of ${to_latex(ratio)}$"
    return (f"it differs from the derived value by ${to_latex(sp.factor(diff))}$ "
            "(given minus derived)")
