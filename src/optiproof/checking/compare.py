"""Is a claimed value the verified one? Numbers at the precision they are written with
(``0.990`` is ``10000/10101`` to three digits), vectors and matrices entry by entry, formulas
exactly when they can be, else at random points, set-valued answers by membership.

Every comparison answers True (same), False (different) or None (cannot tell); None never
counts as correct.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from optiproof.checking.expect import Expectation


@dataclass(frozen=True)
class Tolerance:
    """How close a claimed number must be: exact for integers and fractions, to its own stated
    precision for decimals (one unit of the last digit written), never looser than
    ``max_rel``."""

    exact_rel: float = 1e-9
    max_rel: float = 5e-2
    points: int = 4


TOL = Tolerance()

_DECIMAL = re.compile(r"(?<![\d.])(\d*)\.(\d+)")


def written_precision(text: str) -> float:
    """Relative tolerance the decimals of ``text`` imply: one unit of the last digit written
    relative to the number (``0.81`` -> 0.01/0.8), for the coarsest decimal; no decimals ->
    exact."""
    rels = []
    for m in _DECIMAL.finditer(text):
        whole, frac = m.group(1).lstrip("0"), m.group(2)
        significant = (whole + frac) if whole else frac.lstrip("0")
        if not significant:
            continue
        rels.append(10.0 ** (1 - len(significant)) / max(int(significant[0]), 1))
    if not rels:
        return TOL.exact_rel
    return min(max(rels), TOL.max_rel)


def as_float(value: Any) -> float | None:
    """A closed real number as a float (None if symbolic, complex or not finite)."""
    import sympy

    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, (sympy.Integer, sympy.Rational, sympy.Float)):
        return float(value)
    if not isinstance(value, sympy.Expr) or value.free_symbols:
        return None  # symbolic, or not a number at all (a yes/no answer is a Boolean)
    try:
        z = complex(value.evalf(17))
    except (TypeError, ValueError, OverflowError, ZeroDivisionError):
        return None
    if not (math.isfinite(z.real) and math.isfinite(z.imag)) or abs(z.imag) > 1e-12:
        return None
    return z.real


def floats(value: Any) -> list[float] | None:
    """Entries of a number, vector or matrix as floats (None if any is symbolic)."""
    import sympy

    items = list(value) if isinstance(value, sympy.MatrixBase) else [value]
    out = [as_float(x) for x in items]
    return None if any(x is None for x in out) else out  # type: ignore[misc]


def same_floats(got: list[float], want: list[float], rel: float) -> bool:
    if len(got) != len(want):
        return False
    scale = max((abs(x) for x in want), default=1.0) or 1.0
    return all(abs(a - b) <= rel * max(abs(b), 1e-3 * scale) + 1e-12
               for a, b in zip(got, want, strict=True))


def same_formula(a: Any, b: Any, rel: float, seed: int = 0) -> bool | None:
    """Agreement at random points (to the written precision ``rel``); exact cancellation of
    the difference decides a formula that cannot be evaluated there."""
    import sympy

    syms = sorted(getattr(a, "free_symbols", set()) | getattr(b, "free_symbols", set()),
                  key=lambda s: s.name)
    rng = random.Random(seed)
    agreed = 0
    for _ in range(TOL.points if syms else 1):
        point = {s: sympy.Float(rng.uniform(0.3, 3.0)) for s in syms}
        try:
            va = complex((a.xreplace(point) if hasattr(a, "xreplace") else a).evalf(15))
            vb = complex((b.xreplace(point) if hasattr(b, "xreplace") else b).evalf(15))
        except (TypeError, ValueError, ZeroDivisionError, OverflowError, AttributeError):
            return _cancels(a, b)
        if not all(math.isfinite(x) for x in (va.real, va.imag, vb.real, vb.imag)):
            continue
        if abs(va - vb) > max(rel, 1e-9) * max(abs(vb), 1.0):
            return False
        agreed += 1
    return True if agreed else _cancels(a, b)


def _cancels(a: Any, b: Any) -> bool | None:
    """True when ``a - b`` expands to zero; None when it cannot be told."""
    try:
        return True if (a - b).expand() == 0 else None
    except Exception:  # noqa: BLE001 - any SymPy failure means "cannot tell"
        return None


@dataclass(frozen=True)
class Recurrence:
    """``x_t = rule(x_{t-1}, g_t, t)`` as claimed, compared with a closed form by unrolling
    it from ``x_0 = 0`` over the first steps."""

    rule: Any
    symbol: str
    previous: str


UNROLL_STEPS = 4
"""Steps over which a claimed recurrence is unrolled and compared with the closed form."""


def same_recurrence(rec: Recurrence, closed: Any) -> bool | None:
    """Does unrolling ``rec`` give ``closed`` (a formula in ``t``, sums over ``g(s)``) at
    ``t = 1 .. UNROLL_STEPS``? (Remembered: the answers of a batch state the same rules.)"""
    try:
        hash((rec, closed))
    except TypeError:
        return _unrolls_to(rec, closed)
    return _remembered_recurrence(rec, closed)


@lru_cache(maxsize=1024)
def _remembered_recurrence(rec: Recurrence, closed: Any) -> bool | None:
    return _unrolls_to(rec, closed)


def _unrolls_to(rec: Recurrence, closed: Any) -> bool | None:
    import sympy

    base, _, index = rec.symbol.partition("_")
    t = sympy.Symbol(index)
    x: Any = sympy.Integer(0)
    for k in range(1, UNROLL_STEPS + 1):
        step = {s: sympy.Symbol(s.name[:-len(index)] + str(k)) for s in rec.rule.free_symbols
                if s.name.endswith("_" + index) and s.name != rec.previous}
        step.update({sympy.Symbol(rec.previous): x, t: k})
        x = sympy.expand(rec.rule.xreplace(step))
        want = closed.subs(sympy.Symbol(index), k).doit()
        want = want.replace(lambda e: isinstance(e, sympy.Function) and len(e.args) == 1
                            and e.args[0].is_Integer,
                            lambda e: sympy.Symbol(f"{type(e).__name__}_{e.args[0]}"))
        same = same_formula(x, sympy.expand(want), TOL.exact_rel)
        if same is not True:
            return same
    return True


UNBOUNDED = "unbounded"
"""The value of a claim stated in words: no minimiser, the objective unbounded below."""


def is_unbounded(value: Any) -> bool:
    import sympy

    return value == UNBOUNDED or (isinstance(value, sympy.Basic) and value.is_infinite is True
                                  and not isinstance(value, sympy.MatrixBase))


def kind_of(value: Any) -> str | None:
    """``vector``, ``matrix``, ``number``, ``formula`` or ``unbounded`` (None: unreadable)."""
    import sympy

    if value is None:
        return None
    if isinstance(value, Recurrence):
        return "formula"
    if is_unbounded(value):
        return "unbounded"
    if isinstance(value, sympy.MatrixBase):
        return "vector" if 1 in value.shape else "matrix"
    if not isinstance(value, sympy.Basic):
        return None
    return "formula" if value.free_symbols else "number"


def _magnitude(exp: Expectation) -> bool:
    """The answer is an absolute value or a norm (``|θ_{1,i} - θ_{0,i}|``): a negative
    number (a signed component) does not state it."""
    return any(k.startswith(("|", "‖", "norm")) for k in exp.symbols)


def compatible(value: Any, exp: Expectation, finite_for_unbounded: bool = False) -> bool:
    """Could ``value`` be a statement of ``exp`` (same kind, and same shape for arrays)? A
    finite value states an unbounded answer (wrongly) only when ``finite_for_unbounded``."""
    kind = kind_of(value)
    if exp.kind == "unbounded":
        return kind == "unbounded" or (finite_for_unbounded and kind is not None)
    if exp.kind in ("vector", "matrix"):
        return kind == exp.kind and len(value) == len(exp.value) and (
            exp.kind == "vector" or tuple(value.shape) == exp.shape) and (
            bool(exp.value.free_symbols) or not value.free_symbols)
    if exp.kind == "number":
        return kind == "number" and not (_magnitude(exp) and bool(getattr(value, "is_negative",
                                                                         False)))
    if exp.kind == "formula":
        if isinstance(value, Recurrence):
            return True
        names = {s.name for s in getattr(value, "free_symbols", set())}
        return kind == "formula" and (not exp.carriers or bool(names & exp.carriers))
    return False


def matches(value: Any, text: str, exp: Expectation) -> bool | None:
    """Does a (compatible) claimed value state the verified answer? True, False or None."""
    import numpy as np
    import sympy

    if exp.kind == "unbounded":
        return is_unbounded(value)
    rel = written_precision(text)
    if exp.kind in ("vector", "matrix", "number"):
        got, want = floats(value), floats(exp.value)
        if got is None or want is None:
            return None
        if exp.status == "set-valued" and exp.membership is not None:
            try:
                arr = np.array(got, dtype=float).reshape(np.array(exp.value, dtype=float).shape)
                return bool(exp.membership(arr, max(rel, 1e-9) * max(map(abs, want))))
            except Exception:  # noqa: BLE001 - fall back to the representative
                pass
        return same_floats(got, want, rel) and _whole_entries_exact(got, text, want)
    if exp.kind == "formula":
        if isinstance(value, Recurrence):
            return same_recurrence(value, exp.value)
        if isinstance(value, sympy.MatrixBase):
            return False
        verdict = same_formula(value, exp.value, rel)
        for form in exp.forms if verdict is not True else ():
            if same_formula(value, form, rel) is True:
                return True
        return verdict
    return None


_NUMBER_TOKEN = re.compile(r"[-+\u2212]?\d*\.?\d+(?:[eE][-+]?\d+)?")


def _whole_entries_exact(got: list[float], text: str, want: list[float]) -> bool:
    """An entry of a vector written as a whole number (the ``1`` of ``[1, 0.1, 0.01]``) is
    exact, as a whole number written alone is: the decimals of the other entries do not
    make it a rounding. Only when the text writes one plain number per entry."""
    tokens = _NUMBER_TOKEN.findall(text)
    if len(got) < 2 or len(tokens) != len(got) or len(want) != len(got):
        return True
    for token, g, w in zip(tokens, got, want, strict=True):
        try:
            if abs(float(token.replace("\u2212", "-")) - g) > 1e-12 * max(abs(g), 1):
                return True  # the tokens are not the entries (a factor, an exponent)
        except ValueError:
            return True
    return all(abs(g - w) <= TOL.exact_rel * max(abs(w), 1.0)
               for token, g, w in zip(tokens, got, want, strict=True)
               if re.fullmatch(r"[-+\u2212]?\d+", token))


_PLAIN_DECIMALS = re.compile(r"[-+−]?\d*\.(\d+)")


def rounded_from(coarse: list[float], coarse_text: str, precise: list[float]) -> bool:
    """Is the value written ``coarse_text`` the ``precise`` one rounded to the decimals it
    shows (``0.003`` for ``0.0032``, ``[0.99, 0.1]`` for ``[0.990, 0.099]``)? Only for plain
    decimals, one per entry."""
    tokens = re.findall(r"[-+\u2212]?\d*\.?\d+(?:[eE][-+]?\d+)?", coarse_text)
    if not tokens or len(tokens) != len(coarse) or len(coarse) != len(precise):
        return False
    for token, c, x in zip(tokens, coarse, precise, strict=True):
        m = _PLAIN_DECIMALS.fullmatch(token)
        if m is None or abs(float(token.replace("\u2212", "-")) - c) > 1e-12 * max(abs(c), 1):
            return False
        places = len(m.group(1))
        if abs(c - x) > 0.5 * 10.0 ** -places * (1 + 1e-9):
            return False
    return True


def agree(a: Any, a_text: str, b: Any, b_text: str) -> bool | None:
    """Do two claimed values state the same thing (for body-versus-summary consistency)?"""
    import sympy

    ka, kb = kind_of(a), kind_of(b)
    if ka is None or kb is None or isinstance(a, Recurrence) or isinstance(b, Recurrence):
        return None
    if "unbounded" in (ka, kb):
        return ka == kb
    rel = max(written_precision(a_text), written_precision(b_text))
    fa, fb = floats(a), floats(b)
    if fa is not None and fb is not None:
        return same_floats(fa, fb, rel)
    if isinstance(a, sympy.MatrixBase) or isinstance(b, sympy.MatrixBase):
        return None
    return same_formula(a, b, rel)
