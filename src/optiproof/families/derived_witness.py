"""The witness of a derived quantity: recompute it from the referenced parts' measurements.

Each operand is measured by its part's :class:`~optiproof.families.base.Measurer` (the code of
that part's witnesses), at the part's own numbers or, where the answers are symbolic, at sample
values of their symbols; the derived quantity is then recomputed in float64 and compared with
the exact answer evaluated there, within the accuracy the measurements vouch for. A crossover
is confirmed by the measured difference changing sign across it; a dependence by measuring the
answer at several values of the parameter; a limit by extrapolating the answer measured at
growing values of the parameter.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import sympy

from optiproof.catalogue import QUANTITIES
from optiproof.catalogue import norms as N
from optiproof.catalogue import quantities as Q
from optiproof.core.evidence import Check
from optiproof.families.base import Measured, Measurer, NotMeasurable, Witness
from optiproof.families.derived import ROUNDING, Derived, Operand

def _at(expr: Any, point: Mapping[str, float]) -> Any:
    """The exact expression at ``point`` (symbols by name), as float64."""
    swap = {s: sympy.Rational(repr(point[s.name])) for s in getattr(expr, "free_symbols", ())
            if s.name in point}
    e = expr.xreplace(swap) if swap else expr
    if getattr(e, "free_symbols", None):
        raise NotMeasurable(f"no value for {', '.join(sorted(map(str, e.free_symbols)))}")
    if isinstance(e, sympy.MatrixBase):
        return np.array([float(sympy.N(v, 30)) for v in e], dtype=np.float64)
    return float(sympy.N(e, 30))


def _measured(op: Operand, point: Mapping[str, float]) -> Measured:
    """An operand's value at ``point``: its part's measurement, or the literal itself."""
    if op.part is None:
        return Measured(_at(op.expr, point), 0.0)
    if op.derived is not None:  # a derived answer of the part: recomputed from its operands
        inner = op.derived
        return _recomputed(inner, [_measured(o, point) for o in inner.operands])
    got = op.part.measurer().value(op.answer, point)
    return Measured(np.asarray(got.value, dtype=np.float64).reshape(-1)
                    if isinstance(op.expr, sympy.MatrixBase) else float(got.value), got.accuracy)


def _measurer(d: Derived) -> Measurer:
    """The measurer of the first operand that refers to a symbolic answer (which knows values
    of its symbols), else of the first that refers to an answer."""
    parts = [op for op in _leaves(d) if op.part is not None]
    symbolic = [op for op in parts if getattr(op.answer.expr, "free_symbols", None)]
    return (symbolic or parts)[0].part.measurer()


def _leaves(d: Derived) -> list[Operand]:
    """The operands of ``d``, a derived operand replaced by its own operands (recursively)."""
    out = []
    for op in d.operands:
        out += _leaves(op.derived) if op.derived is not None else [op]
    return out


def _names(*exprs: Any) -> list[str]:
    """The names of the free symbols of the expressions, sorted."""
    return sorted({s.name for e in exprs for s in getattr(e, "free_symbols", ())})


def _ones_norm(norm: str, p: float | None, size: int) -> float:
    """||(1, ..., 1)||: bounds ||e|| by this times max |e_i|."""
    return {N.L1.key: float(size), N.LINF.key: 1.0, N.RMS.key: 1.0}.get(
        norm, size ** (1 / p) if p else math.sqrt(size))


def _recomputed(d: Derived, xs: list[Measured]) -> Measured:
    """The derived quantity from measured operands, with the accuracy they carry."""
    kind = d.ask.kind
    x, ax = xs[0].value, xs[0].accuracy
    if kind == Q.VALUE_AT.key:
        return _formula_at(d, x, ax)
    if kind == Q.NORM_OF.key:
        xs = [xs[0], Measured(np.zeros_like(np.atleast_1d(np.asarray(x, dtype=np.float64))),
                              0.0)]
    y, ay = xs[1].value, xs[1].accuracy
    if kind in (Q.RATIO.key, Q.SPEEDUP.key):
        if abs(y) <= ay:
            raise NotMeasurable("the denominator is 0 to the accuracy measured")
        return Measured(x / y, (ax + abs(x / y) * ay) / (abs(y) - ay))
    if kind in (Q.DIFFERENCE.key, Q.SUM.key):
        return Measured(x - y if kind == Q.DIFFERENCE.key else x + y, ax + ay)
    norm = d.ask.norm or N.L2.key
    p = float(d.ask.p) if d.ask.p is not None else None
    gap = np.atleast_1d(np.asarray(x, dtype=np.float64) - np.asarray(y, dtype=np.float64))
    order = {N.L1.key: 1, N.LINF.key: np.inf}.get(norm, p or 2)
    scale = 1 / math.sqrt(gap.size) if norm == N.RMS.key else 1.0   # ||x||_RMS = ||x||_2/sqrt(n)
    return Measured(scale * float(np.linalg.norm(gap, ord=order)),
                    _ones_norm(norm, p, gap.size) * (ax + ay))


def _formula_at(d: Derived, x: Any, ax: float) -> Measured:
    """The formula evaluated in float64 at the measured operand, its accuracy the change of
    the formula when each coordinate moves by the operand's accuracy (both ways)."""
    from optiproof.core.mathparse import parse_math
    from optiproof.families import derived_formula as F

    expr = parse_math(d.ask.formula, field="formula")
    point = np.asarray(x, dtype=np.float64)
    if point.ndim == 0:
        point = float(point)

    def q(p: Any) -> float:
        return float(F.evaluate(expr, F.bindings(d.ask.variable, p, d.ask.data, F.FLOAT),
                                F.FLOAT, "formula"))

    value = q(point)
    spread = 0.0
    for i in range(np.size(point)) if ax > 0 else ():
        step = np.zeros(np.shape(point))
        step.reshape(-1)[i] = ax
        spread += max(abs(q(point + step) - value), abs(q(point - step) - value))
    return Measured(value, 2 * spread)


def _value_check(d: Derived) -> tuple[str, float, list[str]]:
    """At each measured point: |recomputed - exact| within the measurements' accuracy."""
    m = _measurer(d)
    names = _names(d.answer.expr, *(op.expr for op in d.operands))
    points = m.points(names) if names else [{}]
    worst, lines, status = 0.0, [], "passed"
    for point in points:
        got = _recomputed(d, [_measured(op, point) for op in d.operands])
        want = _at(d.answer.expr, point)
        err = float(np.max(np.abs(np.asarray(got.value) - np.asarray(want))))
        tol = got.accuracy + ROUNDING * (1 + float(np.max(np.abs(want))))
        worst = max(worst, err / max(tol, 1e-300))
        where = ", ".join(f"{k} = {v:g}" for k, v in point.items()) or "the given numbers"
        lines.append(f"at {where}: measured {np.round(got.value, 10).tolist()}, exact "
                     f"{np.round(want, 10).tolist()} (|difference| {err:.2g}, accuracy "
                     f"{tol:.2g})")
        if err > tol:
            status = "failed"
    return status, worst, lines


def _difference(d: Derived, point: Mapping[str, float]) -> Measured:
    """X - Y measured at ``point``, with the sum of their accuracies."""
    x, y = (_measured(op, point) for op in d.operands)
    return Measured(x.value - y.value, x.accuracy + y.accuracy)


def _crossover_check(d: Derived) -> tuple[str, float, list[str]]:
    """The measured X - Y changes sign between the measurable values around each crossing (or,
    when there is none, keeps one sign)."""
    m = _measurer(d)
    var = d.solved_for
    others = [n for n in _names(*(op.expr for op in d.operands)) if n != var.name]
    lines, status, worst = [], "passed", 0.0
    if d.answer.expr is None:
        signs = set()
        for point in m.points([var.name, *others]):
            diff = _difference(d, point)
            if abs(diff.value) > diff.accuracy:
                signs.add(diff.value > 0)
            lines.append(f"X - Y = {diff.value:.6g} at {point}")
        return ("passed" if len(signs) == 1 else "failed"), 0.0, lines
    roots = list(d.answer.expr) if isinstance(d.answer.expr, sympy.MatrixBase) else [
        d.answer.expr]
    checked = 0
    for point in m.points(others) if others else [{}]:
        for root in roots:
            v = _at(root, point)
            if not math.isfinite(v) or (var.is_positive and v <= 0):
                continue
            lo, hi = m.nearby(var.name, v, point)
            if not lo <= v <= hi:
                lines.append(f"{var.name}* = {v:.6g} is outside what can be measured")
                continue
            below, above = (_difference(d, {**point, var.name: z}) for z in (lo, hi))
            crosses = (below.value <= below.accuracy and above.value >= -above.accuracy) or \
                (below.value >= -below.accuracy and above.value <= above.accuracy)
            checked += 1
            lines.append(f"{var.name}* = {v:.10g}: X - Y = {below.value:.6g} at {lo:.10g}, "
                         f"{above.value:.6g} at {hi:.10g}")
            if not crosses:
                status = "failed"
                worst = max(worst, min(abs(below.value), abs(above.value)))
    if not checked:
        raise NotMeasurable("no sample point has an admissible crossing to measure")
    return status, worst, lines


def _dependence_check(d: Derived) -> tuple[str, float, list[str]]:
    """Measured at several values of the parameter: they differ iff the answer is yes."""
    op = d.operands[0]
    m = op.part.measurer()
    name = m.parameter(d.ask.parameter, op.answer)
    others = [n for n in _names(op.expr) if n != name]
    groups: dict[tuple, list[tuple[float, Measured]]] = {}
    for point in m.points([name, *others]):
        key = tuple(sorted((k, v) for k, v in point.items() if k != name))
        groups.setdefault(key, []).append((point[name], _measured(op, point)))
    differs, lines = False, []
    for values in groups.values():
        for (v1, x1), (v2, x2) in zip(values, values[1:]):
            gap = float(np.max(np.abs(np.asarray(x1.value) - np.asarray(x2.value))))
            limit = x1.accuracy + x2.accuracy + ROUNDING * (1 + float(np.max(np.abs(x1.value))))
            differs |= gap > limit
            lines.append(f"{d.ask.parameter} = {v1:g} and {v2:g}: the measured values differ by "
                         f"{gap:.3g} (accuracy {limit:.2g})")
    if not any(len(v) > 1 for v in groups.values()):
        raise NotMeasurable(f"no two values of {d.ask.parameter} to compare")
    claim = bool(d.answer.expr)
    return ("passed" if differs == claim else "failed"), 0.0, lines


LIMIT_DOUBLINGS = 3
"""A limit is extrapolated from the answer measured at v, 2v and 4v, v twice the first sample
value of the parameter."""


def _limit_check(d: Derived) -> tuple[str, float, list[str]]:
    """The answer measured at v, 2v, 4v of the parameter (the other symbols fixed at values
    measurable at all three) and extrapolated to infinity (Richardson, exact for
    X = L + c/v + e/v²): the extrapolation agrees with the exact limit. An infinite limit is
    confirmed by the measured increments keeping the sign of the infinity without shrinking
    (a growth like log v, v or v²; an increment halving at each doubling is a finite limit's
    c/v); a limit that does not exist is not measured."""
    if d.answer.status not in ("unique", "unbounded"):
        raise NotMeasurable("the answer has no limit to extrapolate")
    op = d.operands[0]
    m = op.part.measurer()
    name = m.parameter(d.ask.parameter, op.answer)
    others = [n for n in _names(op.expr) if n != name]
    base = m.points([name, *others])[0]
    start = base[name] * 2
    values = [m.nearby(name, start * 2 ** j, base)[0] for j in range(LIMIT_DOUBLINGS)]
    if any(b != 2 * a for a, b in zip(values, values[1:])):
        raise NotMeasurable(f"no doubling values of {d.ask.parameter} to measure at")
    point = {**base, name: values[-1]}
    for other in others:   # values measurable at the largest v (then at every smaller one)
        point[other] = m.nearby(other, base[other], point)[0]
    got = [_measured(op, {**point, name: v}) for v in values]
    x = [float(g.value) for g in got]
    accuracy = sum(g.accuracy for g in got)
    if d.answer.status == "unbounded":
        sign = 1.0 if d.answer.expr == sympy.oo else -1.0
        steps = [sign * (b - a) for a, b in zip(x, x[1:])]
        grows = steps[0] > accuracy and steps[1] >= 0.99 * steps[0]
        return ("passed" if grows else "failed"), 0.0, [
            f"measured at {d.ask.parameter} = " + ", ".join(f"{v:g}" for v in values) + ": " +
            ", ".join(f"{v:.10g}" for v in x) + f"; increments {steps[0]:.6g}, {steps[1]:.6g} "
            + ("do not shrink: unbounded" if grows else "shrink or change sign: not unbounded")]
    r1, r2 = 2 * x[1] - x[0], 2 * x[2] - x[1]
    extrapolated = (4 * r2 - r1) / 3
    want = _at(d.answer.expr, point)
    err = abs(extrapolated - want)
    tol = 5 * accuracy + 1e-9 * (1 + abs(want))
    where = ", ".join(f"{k} = {v:g}" for k, v in point.items() if k != name)
    lines = [f"measured at {d.ask.parameter} = " + ", ".join(f"{v:g}" for v in values) +
             (f" ({where})" if where else "") + ": " + ", ".join(f"{v:.10g}" for v in x) +
             f"; extrapolated {extrapolated:.10g}, exact limit {want:.10g} (|difference| "
             f"{err:.2g}, accuracy {tol:.2g})"]
    return ("passed" if err <= tol else "failed"), err / max(tol, 1e-300), lines


def _equality_check(d: Derived) -> tuple[str, float, list[str]]:
    """X and Y measured: the same when they agree within the measurements' accuracy, different
    when they differ by over a thousand times it (in between nothing is concluded)."""
    if d.answer.expr is None:
        raise NotMeasurable("the answer was not decided")
    m = _measurer(d)
    names = _names(*(op.expr for op in d.operands))
    lines, verdicts = [], set()
    for point in m.points(names) if names else [{}]:
        x, y = (_measured(op, point) for op in d.operands)
        gap = float(np.max(np.abs(np.asarray(x.value) - np.asarray(y.value))))
        tol = x.accuracy + y.accuracy + ROUNDING * (1 + float(np.max(np.abs(x.value))))
        lines.append(f"max |X - Y| measured {gap:.3g} (same below {tol:.2g}, different above "
                     f"{1e3 * tol:.2g})")
        if tol < gap <= 1e3 * tol:
            raise NotMeasurable("; ".join(lines) + ": undecided")
        verdicts.add(gap <= tol)
    same = verdicts == {True}
    claim = bool(d.answer.expr) == (d.ask.kind == Q.SAME_AS.key)
    return ("passed" if len(verdicts) == 1 and same == claim else "failed"), 0.0, lines


def _order_check(d: Derived) -> tuple[str, float, list[str]]:
    """X and Y measured: equal within the measurements' accuracy, larger or smaller when
    they differ by over a thousand times it (in between nothing is concluded)."""
    m = _measurer(d)
    names = _names(*(op.expr for op in d.operands))
    lines, verdicts = [], set()
    for point in m.points(names) if names else [{}]:
        x, y = (_measured(op, point) for op in d.operands)
        gap = float(x.value) - float(y.value)
        tol = x.accuracy + y.accuracy + ROUNDING * (1 + abs(float(x.value)))
        lines.append(f"X - Y measured {gap:.6g} (equal below {tol:.2g}, ordered above "
                     f"{1e3 * tol:.2g})")
        if tol < abs(gap) <= 1e3 * tol:
            raise NotMeasurable("; ".join(lines) + ": undecided")
        verdicts.add("equal" if abs(gap) <= tol else "larger" if gap > 0 else "smaller")
    return ("passed" if verdicts == {d.answer.expr.key} else "failed"), 0.0, lines


def _compared(d: Derived, op: Any, point: Mapping[str, float]) -> Measured:
    """What a which-of compares of one item, measured: the number, or a vector's norm."""
    x = _measured(op, point)
    value = np.asarray(x.value, dtype=np.float64)
    if value.ndim == 0 and d.ask.norm is None:
        return Measured(float(value), x.accuracy)
    norm = d.ask.norm or N.L2.key
    p = float(d.ask.p) if d.ask.p is not None else None
    flat = np.atleast_1d(value)
    order = {N.L1.key: 1, N.LINF.key: np.inf}.get(norm, p or 2)
    scale = 1 / math.sqrt(flat.size) if norm == N.RMS.key else 1.0
    return Measured(scale * float(np.linalg.norm(flat, ord=order)),
                    _ones_norm(norm, p, flat.size) * x.accuracy)


def _which_check(d: Derived) -> tuple[str, float, list[str]]:
    """Each item measured: the items named are the smallest / largest (or equal to the
    target) within the measurements' accuracy, every other item is beyond it (by over a
    thousand times it for equality; in between nothing is concluded)."""
    from optiproof.families.derived import item_names

    k = len(d.ask.among or [])
    items, named = d.operands[:k], set(d.answer.expr.key.split("|"))
    keys = {id(op): n for op, n in zip(items, item_names(items))}
    m = _measurer(d)
    names = _names(*(op.expr for op in d.operands))
    lines, status = [], "passed"
    for point in m.points(names) if names else [{}]:
        where = ", ".join(f"{n} = {v:g}" for n, v in point.items()) or "the given numbers"
        if d.ask.by == "equal":
            y = _measured(d.operands[-1], point)
            for op in items:
                x = _measured(op, point)
                gap = float(np.max(np.abs(np.asarray(x.value) - np.asarray(y.value))))
                tol = x.accuracy + y.accuracy + ROUNDING * (1 + float(np.max(np.abs(y.value))))
                if tol < gap <= 1e3 * tol:
                    raise NotMeasurable(f"{keys[id(op)]}: |X - Y| = {gap:.3g} at {where}, "
                                        f"accuracy {tol:.2g}: undecided")
                same = gap <= tol
                lines.append(f"{keys[id(op)]} at {where}: max |X - Y| = {gap:.3g}")
                if same != (keys[id(op)].key in named):
                    status = "failed"
            continue
        got = [_compared(d, op, point) for op in items]
        sign = 1.0 if d.ask.by == "smallest" else -1.0
        best = min(range(k), key=lambda i: sign * got[i].value)
        lines.append(f"at {where}: " + ", ".join(f"{keys[id(op)]} {x.value:.10g}"
                                                 for op, x in zip(items, got)))
        for op, x in zip(items, got):
            tol = x.accuracy + got[best].accuracy + ROUNDING * (1 + abs(got[best].value))
            tied = abs(x.value - got[best].value) <= tol
            if tied != (keys[id(op)].key in named):
                status = "failed"
    return status, 0.0, lines


def derived_check(d: Derived) -> Check:
    """Recompute one derived quantity from the measurements and compare."""
    start = time.perf_counter()
    name = QUANTITIES[d.ask.kind].name
    method = f"{name} recomputed from the witnesses' measurements"
    rule: Callable[[Derived], tuple[str, float, list[str]]] = {
        Q.CROSSOVER.key: _crossover_check, Q.DEPENDS_ON.key: _dependence_check,
        Q.SAME_AS.key: _equality_check, Q.DIFFERS.key: _equality_check,
        Q.ORDER.key: _order_check, Q.LIMIT_OF.key: _limit_check,
        Q.WHICH_OF.key: _which_check}.get(
        d.ask.kind, _value_check)
    try:
        status, worst, lines = rule(d)
    except NotMeasurable as why:
        return Check(method, "inconclusive", f"not measurable: {why}",
                     runtime_s=time.perf_counter() - start, compared=d.ask.kind)
    return Check(method, status, "; ".join(lines[:8]), max_error=worst,
                 runtime_s=time.perf_counter() - start, compared=d.ask.kind)


def derived_witnesses(derived: list[Derived]) -> list[Witness]:
    """One witness per derived quantity of the part."""
    return [(f"derived {d.ask.kind}: {d.answer.name}", lambda d=d: derived_check(d))
            for d in derived]
