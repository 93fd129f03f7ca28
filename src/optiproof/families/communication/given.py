"""Given table cells: safe parsing of formula strings and the verdict against a derived value.

A formula string is never passed to ``eval`` or ``sympify``: it must pass a character whitelist
(spec.check_formula_text), may only use the problem's symbol names and a few functions, and is
then read by ``parse_expr`` with a local dictionary holding exactly those names and a global
dictionary holding only number constructors. Powers are bounded so no formula can explode.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from optiproof.core.errors import BadInput
from optiproof.core.exact import to_latex
from optiproof.families.communication.formulas import CeilLog2, Log2
from optiproof.families.communication.spec import (
    FORMULA_FUNCTIONS,
    check_formula_text,
    formula_names,
)

MAX_EXPONENT = 64
MAX_OPS = 200


def _log(x: Any, base: Any = None, **kwargs: Any) -> Any:
    """``log`` in these formulas is base 2 (``log(x, b)`` for another base)."""
    if base is None or base == 2:
        return Log2(x, **kwargs)
    return sp.Mul(sp.log(x, **kwargs), sp.Pow(sp.log(base, **kwargs), -1), **kwargs)


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise ValueError("unknown name")


_FUNCTIONS = {"log": _log, "log2": Log2, "ceiling": sp.ceiling, "floor": sp.floor,
              "Max": sp.Max, "Min": sp.Min, "max": sp.Max, "min": sp.Min, "sqrt": sp.sqrt}
assert set(_FUNCTIONS) == set(FORMULA_FUNCTIONS)


def parse_formula(text: str, symbols: dict[str, sp.Symbol], *, field: str,
                  evaluate: bool = True) -> Any:
    """Read a formula string over ``symbols`` (name -> Symbol) into a SymPy expression."""
    from sympy.parsing.sympy_parser import (
        implicit_application,
        implicit_multiplication,
        parse_expr,
        standard_transformations,
    )

    try:
        text = check_formula_text(str(text))
    except ValueError as err:
        raise BadInput(str(err), field=field) from None
    unknown = sorted(formula_names(text) - set(symbols) - set(_FUNCTIONS))
    if unknown:
        raise BadInput(f"unknown names {unknown} in {text!r}", field=field,
                       expected=f"a formula in {sorted(symbols)}")
    local = {**_FUNCTIONS, **symbols}
    global_dict = {"Integer": sp.Integer, "Float": sp.Float, "Rational": sp.Rational,
                   "Add": sp.Add, "Mul": sp.Mul, "Pow": sp.Pow,
                   "Symbol": _refuse, "Function": _refuse, "__builtins__": {}}
    transformations = standard_transformations + (implicit_multiplication, implicit_application)

    def read(evaluate_now: bool) -> Any:
        try:
            return parse_expr(text.replace("^", "**"), local_dict=local, global_dict=global_dict,
                              transformations=transformations, evaluate=evaluate_now)
        except Exception as err:  # noqa: BLE001 - any parser failure is bad input
            raise BadInput(f"cannot read {text!r} as a formula ({type(err).__name__})",
                           field=field, expected="e.g. 2n, n(n-1), p/n, 2 n log2(n)") from None

    # Bound the powers on the unevaluated tree first, so 9^9^9 is refused before it is computed.
    raw = read(False)
    if not isinstance(raw, sp.Basic):
        raw = sp.Integer(raw) if isinstance(raw, int) else raw
    if not isinstance(raw, sp.Expr):
        raise BadInput(f"{text!r} is not a number or formula", field=field)
    for power in raw.atoms(sp.Pow):
        exp = power.exp
        if exp.has(sp.Pow) or (power.base.has(sp.Pow) and exp != -1):
            raise BadInput(f"nested powers in {text!r}", field=field,
                           expected="at most one level of powers")
        if exp.is_number and abs(exp) > MAX_EXPONENT:
            raise BadInput(f"exponent {exp} in {text!r} is too large", field=field,
                           expected=f"exponents of at most {MAX_EXPONENT}")
    expr = raw if not evaluate else read(True)
    if not isinstance(expr, sp.Expr):
        expr = sp.Integer(expr) if isinstance(expr, int) else expr
    if not isinstance(expr, sp.Expr):
        raise BadInput(f"{text!r} is not a number or formula", field=field)
    if sp.count_ops(expr) > MAX_OPS:
        raise BadInput(f"{text!r} is too long", field=field)
    if evaluate and expr.has(sp.Float):
        expr = sp.nsimplify(expr, rational=True)
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
    for inst in instances:
        try:
            g = sp.simplify(_as_log(given).subs(inst))
            d = sp.simplify(_as_log(derived).subs(inst))
            if not (g.is_number and d.is_number):
                continue
            if sp.simplify(g - d) != 0:
                shown = {str(k): int(v) for k, v in inst.items() if getattr(v, "is_Integer", 0)}
                return Verdict(False, _reason(given, derived, diff), shown)
        except (TypeError, ValueError, ZeroDivisionError):
            continue
    if not instances:
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
