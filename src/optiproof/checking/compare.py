"""Claimed value vs verified answer: numeric with a tolerance the claim's own precision sets,
symbolic by exact expansion then random substitution, set-valued by membership.

A comparison answers True (same), False (different) or None (cannot tell): None never counts
as correct.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field
from typing import Any, Literal

ExpectedKind = Literal["vector", "matrix", "formula", "number", "unbounded", "none"]


@dataclass(frozen=True)
class Tolerance:
    """How close a claimed number must be: exact for integers and fractions, to its own stated
    precision for decimals (0.99 stands for 0.990001), never looser than ``max_rel``."""

    exact_rel: float = 1e-9
    max_rel: float = 1e-2
    substitutions: int = 4


TOL = Tolerance()


@dataclass(frozen=True)
class Expected:
    """One verified final answer of a part, in the form claims are compared with."""

    part: str
    name: str
    kind: ExpectedKind
    expr: Any
    latex: str
    status: str
    membership: Any = field(default=None, compare=False)
    scheme: str | None = None
    quantity: str | None = None
    cues: str | None = None
    """Regex of words that tie a scalar claim to this answer (min value, ratio, threshold)."""

    @property
    def shape(self) -> tuple[int, int] | None:
        import sympy

        return tuple(self.expr.shape) if isinstance(self.expr, sympy.MatrixBase) else None

    @property
    def length(self) -> int:
        return len(self.expr) if self.shape else 0


# -- symbols ------------------------------------------------------------------------------------

def symbol_key(name: str) -> str:
    """``\\alpha`` -> ``alpha``, ``Omega_{1}`` -> ``Omega_1``: one spelling per symbol."""
    return re.sub(r"[\\{} ]", "", name)


def canonical(expr: Any) -> Any:
    """Rename symbols to their keys and replace ``norm_k(g)`` / ``sign(g)`` by the parser's
    placeholder symbols, so a verified expression and a parsed claim meet in one vocabulary."""
    import sympy

    from optiproof.checking.parse import PLACEHOLDER_NORM, PLACEHOLDER_SIGN

    if expr is None:
        return None
    repl: dict[Any, Any] = {}
    for f in expr.atoms(sympy.Function) if hasattr(expr, "atoms") else ():
        name = type(f).__name__
        if name.startswith("norm_"):
            repl[f] = sympy.Symbol(f"{PLACEHOLDER_NORM}_{name[5:].replace('oo', 'inf')}")
        elif isinstance(f, sympy.sign) or name in ("sign", "sgn"):
            repl[f] = sympy.Symbol(PLACEHOLDER_SIGN)
    if repl:
        expr = expr.xreplace(repl)
    syms = expr.free_symbols if hasattr(expr, "free_symbols") else set()
    return expr.xreplace({s: sympy.Symbol(symbol_key(s.name)) for s in syms})


def symbols_of(expr: Any) -> set[str]:
    return {symbol_key(s.name) for s in getattr(expr, "free_symbols", set())}


# -- tolerance from the claim's text --------------------------------------------------------------

_DECIMAL = re.compile(r"(?<![\d.])(\d*)\.(\d+)")


def claimed_rel_tol(text: str) -> float:
    """Relative tolerance a claim's decimals imply: ``0.99`` (2 significant digits) -> 1e-2."""
    digits = []
    for m in _DECIMAL.finditer(text):
        whole, frac = m.group(1).lstrip("0"), m.group(2)
        sig = len(whole) + len(frac) if whole else len(frac.lstrip("0"))
        digits.append(max(sig, 1))
    if not digits:
        return TOL.exact_rel
    return min(10.0 ** (1 - min(digits)), TOL.max_rel)


def _close(a: float, b: float, rel: float, scale: float) -> bool:
    return abs(a - b) <= rel * max(abs(b), scale * 1e-3) + 1e-12


# -- comparisons ---------------------------------------------------------------------------------

def numbers(values: Any) -> list[float] | None:
    """Flatten a SymPy number/Matrix to floats (None if anything is symbolic)."""
    import sympy

    from optiproof.checking.parse import to_number

    items = list(values) if isinstance(values, sympy.MatrixBase) else [values]
    out = []
    for v in items:
        f = to_number(sympy.sympify(v)) if not isinstance(v, (int, float)) else float(v)
        if f is None:
            return None
        out.append(f)
    return out


def same_numbers(claimed: list[float], expected: list[float], rel: float) -> bool:
    if len(claimed) != len(expected):
        return False
    scale = max((abs(x) for x in expected), default=1.0) or 1.0
    return all(_close(c, e, rel, scale) for c, e in zip(claimed, expected, strict=True))


def same_formula(claimed: Any, expected: Any, rel: float, seed: int = 0) -> bool | None:
    """Exact expansion of the difference, else agreement at random points (None: can't tell)."""
    import sympy

    a, b = canonical(claimed), canonical(expected)
    try:
        if rel <= TOL.exact_rel and sympy.expand(a - b) == 0:
            return True
    except Exception:  # noqa: BLE001 - fall through to substitution
        pass
    syms = sorted(a.free_symbols | b.free_symbols, key=lambda s: s.name)
    rng = random.Random(seed)
    agreed = 0
    for _ in range(TOL.substitutions):
        point = {s: sympy.Float(rng.uniform(2.0, 9.0)) for s in syms}
        try:
            va = complex(a.evalf(15, subs=point))
            vb = complex(b.evalf(15, subs=point))
        except (TypeError, ValueError, ZeroDivisionError, OverflowError):
            return None
        if not all(math.isfinite(x) for x in (va.real, va.imag, vb.real, vb.imag)):
            continue
        if abs(va - vb) > max(rel, 1e-9) * max(abs(vb), 1.0):
            return False
        agreed += 1
    return True if agreed else None


def matches(claim_value: Any, claim_text: str, exp: Expected) -> bool | None:
    """Does a claimed value equal the verified answer? True / False / None (cannot tell)."""
    import numpy as np
    import sympy

    if exp.kind == "unbounded":
        return claim_value is None
    if claim_value is None:
        return False
    rel = claimed_rel_tol(claim_text)
    if exp.kind in ("vector", "matrix", "number"):
        got = numbers(claim_value)
        want = numbers(exp.expr)
        if got is None or want is None:
            return None
        if exp.status == "set-valued" and exp.membership is not None:
            try:
                arr = np.array(got, dtype=float).reshape(np.array(want).shape)
                return bool(exp.membership(arr, max(rel, 1e-9) * max(map(abs, want))))
            except Exception:  # noqa: BLE001 - fall back to the representative
                pass
        return same_numbers(got, want, rel)
    if exp.kind == "formula":
        if isinstance(claim_value, sympy.MatrixBase):
            return False
        return same_formula(claim_value, exp.expr, rel)
    return None


def values_agree(a: Any, a_text: str, b: Any, b_text: str, exp: Expected) -> bool | None:
    """Do two claims for the same answer state the same value? (for inconsistencies)"""
    ma, mb = matches(a, a_text, exp), matches(b, b_text, exp)
    if ma is True and mb is True:
        return True
    if (ma is True) != (mb is True) and ma is not None and mb is not None:
        return False
    if a is None or b is None:
        return (a is None) == (b is None)
    rel = max(claimed_rel_tol(a_text), claimed_rel_tol(b_text))
    if exp.kind == "formula":
        return same_formula(a, b, rel)
    na, nb = numbers(a), numbers(b)
    if na is None or nb is None:
        return None
    return same_numbers(na, nb, rel)
