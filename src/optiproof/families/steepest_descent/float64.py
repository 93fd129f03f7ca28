"""Steepest descent above the exact-arithmetic limit: the same derivation, with g symbolic, then
its closed form evaluated in float64 at the given gradient (vector norms, up to the vector limit).

    penalty-squared:  u = -(alpha/2) ||g||_* s,  min = -(alpha/4) ||g||_*^2
    constraint:       u = -eta s,                min = -eta ||g||_*
    penalty:          u = 0 if alpha ||g||_* < 1 (min 0), a ray of minimisers at = 1, none above

with s the dual maximiser of the norm (``dual_and_sharp``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from optiproof.catalogue import norms as N
from optiproof.catalogue import quantities as Q
from optiproof.core.errors import BadInput
from optiproof.core.limits import LIMITS
from optiproof.core.solution import Answer, Equation, PartSolution, Step, Tex
from optiproof.families.steepest_descent.facts import SteepestDescentFacts

FLOAT64_NORMS = (N.L2, N.L1, N.LINF, N.LP, N.RMS)
"""The norms whose closed forms are evaluated in float64 above the exact limit."""


def above_exact_limit(spec: Any) -> bool:
    """Whether ``spec`` is a numeric vector problem with more entries than exact arithmetic
    takes, under a norm evaluated in float64."""
    return (not spec.gradient_is_symbolic and not spec.gradient_is_matrix
            and len(spec.gradient) > LIMITS.exact_max_entries
            and spec.norm.entry in FLOAT64_NORMS)


@dataclass(frozen=True)
class Maximiser:
    """||g||_* and one maximiser s of <g, s> over the unit ball; ``contains`` tests a point of
    the maximiser set when it has more than one (None when s is the only one)."""

    dual: float
    sharp: np.ndarray
    contains: Callable[[np.ndarray, float], bool] | None = None
    words: str = ""


def _lp(x: np.ndarray, p: float) -> float:
    """(sum |x|^p)^(1/p), scaled by max |x| so nothing overflows."""
    top = float(np.max(np.abs(x), initial=0.0))
    return 0.0 if top == 0 else top * float(np.sum((np.abs(x) / top) ** p)) ** (1 / p)


def dual_and_sharp(spec: Any, g: np.ndarray) -> Maximiser:
    """The dual norm of g and its maximiser, for the norms of ``FLOAT64_NORMS``."""
    entry, d = spec.norm.entry, g.size
    if entry in (N.L2, N.RMS):
        scale = math.sqrt(d) if entry is N.RMS else 1.0
        n2 = _lp(g, 2.0)
        return Maximiser(scale * n2, scale * g / n2 if n2 else np.zeros(d))
    if entry is N.LINF:
        zero = g == 0

        def in_set(s: np.ndarray, tol: float) -> bool:
            return bool(np.all(np.abs(s[~zero] - np.sign(g[~zero])) <= tol)
                        and np.all(np.abs(s[zero]) <= 1 + tol))

        return Maximiser(float(np.sum(np.abs(g))), np.sign(g), in_set if zero.any() else None,
                         "where $g_i = 0$ any $s_i \\in [-1, 1]$ is equally optimal")
    if entry is N.L1:
        top = np.abs(g) == np.max(np.abs(g))
        first = int(np.argmax(top))
        sharp = np.zeros(d)
        sharp[first] = np.sign(g[first])

        def on_face(s: np.ndarray, tol: float) -> bool:
            return bool(np.all(np.abs(s[~top]) <= tol) and np.all(s[top] * np.sign(g[top]) >= -tol)
                        and abs(np.sum(np.abs(s)) - 1) <= tol)

        return Maximiser(float(np.max(np.abs(g))), sharp,
                         on_face if int(top.sum()) > 1 else None,
                         "any split of the unit budget among the coordinates of largest "
                         "$|g_i|$, with their signs, is equally optimal")
    p = float(spec.norm.p)
    q = p / (p - 1)
    dual = _lp(g, q)
    sharp = np.sign(g) * (np.abs(g) / dual) ** (q - 1) if dual else np.zeros(d)
    return Maximiser(dual, sharp)


def _measure(spec: Any, x: np.ndarray) -> float:
    """||x|| in the measure norm ``spec`` (a NormSpec of ``FLOAT64_NORMS``)."""
    entry = spec.entry
    if entry not in FLOAT64_NORMS:
        raise BadInput(f"the {spec.name} norm is not evaluated in float64", field="asks",
                       expected=f"one of {', '.join(e.key for e in FLOAT64_NORMS)}")
    if entry is N.LINF:
        return float(np.max(np.abs(x)))
    if entry is N.L1:
        return float(np.sum(np.abs(x)))
    p = 2.0 if entry in (N.L2, N.RMS) else float(spec.p)
    return _lp(x, p) / (math.sqrt(x.size) if entry is N.RMS else 1.0)


def _ray(spec: Any, s: Maximiser) -> Callable[[np.ndarray, float], bool]:
    """Membership of the minimisers at alpha ||g||_* = 1: 0 and every -t s*, t > 0."""
    def member(x: np.ndarray, tol: float) -> bool:
        size = _measure(spec.norm, x)
        direction = -x / size if size > tol else None
        if direction is None:
            return True
        if s.contains is not None:
            return s.contains(direction, tol)
        return bool(np.all(np.abs(direction - s.sharp) <= tol))

    return member


def solve_float64(spec: Any) -> PartSolution:
    """The derivation with g symbolic, then its closed form at the given g in float64."""
    from optiproof.families.steepest_descent.solve import solve
    from optiproof.families.steepest_descent.spec import Ask

    g = np.asarray([float(v) for v in spec.gradient], dtype=np.float64)
    used = "eta" if spec.form == "constraint" else "alpha"
    if isinstance(getattr(spec, used), str):
        raise BadInput(f"{g.size} entries is above the exact-arithmetic limit of "
                       f"{LIMITS.exact_max_entries}, where the answer is evaluated in float64",
                       field=used, expected="a number")
    symbolic = solve(spec.model_copy(update={
        "gradient": "g", "dim": g.size,
        "asks": [Ask(kind=Q.UPDATE.key), Ask(kind=Q.IDENTIFICATION.key)]}), figures=False)
    s = dual_and_sharp(spec, g)
    alpha, eta = (math.nan if isinstance(w, str) else float(w) for w in (spec.alpha, spec.eta))
    status, u, value, membership = "unique", None, 0.0, None
    if spec.form == "penalty":
        ratio = alpha * s.dual
        if ratio > 1:
            status, value = "unbounded", -math.inf
        else:
            u = np.zeros(g.size)
            if ratio == 1:
                status, membership = "set-valued", _ray(spec, s)
    else:
        scale = alpha / 2 * s.dual if spec.form == "penalty-squared" else eta
        u = -scale * s.sharp
        value = -alpha / 4 * s.dual**2 if spec.form == "penalty-squared" else -eta * s.dual
        if s.contains is not None and scale > 0:
            status = "set-valued"
            membership = (lambda x, tol, c=s.contains, k=scale: c(-x / k, tol))
    answers, asked = _answers(spec, u, status, value, s, membership)
    facts = SteepestDescentFacts(numeric=True, g=g, alpha=symbolic.facts.alpha,
                                 eta=symbolic.facts.eta,
                                 dual_value=sp.Float(s.dual), update=u, update_status=status,
                                 min_value=sp.Float(value), membership=membership, asked=asked)
    step = Step("Evaluate in float64",
                f"$g$ has {g.size} entries, more than the {LIMITS.exact_max_entries} that exact "
                "arithmetic takes, so the closed form above is evaluated in float64 (about 16 "
                "significant digits) at the given $g$.",
                tuple(Equation.of(Tex(name), v) for name, v in
                      ((r"\|g\|_*", sp.Float(s.dual, 16)), ("u", u)) if v is not None))
    return PartSolution(
        label=spec.label, family=symbolic.family, question=symbolic.question,
        analysis=symbolic.analysis, steps=[*symbolic.steps, step], answers=answers,
        asked=list(dict.fromkeys(a.kind for a in spec.asks)),
        identified_as=symbolic.identified_as,
        identification_note=symbolic.identification_note,
        interpretation=symbolic.interpretation,
        summary=symbolic.summary + " (evaluated in float64 at the given $g$)", facts=facts)


def _answers(spec: Any, u: np.ndarray | None, status: str, value: float, s: Maximiser,
             membership: Any) -> tuple[list[Answer], list[tuple[Any, Answer]]]:
    """The asked answers in float64, and the numeric asks with their answers (for witnesses)."""
    subject = spec.norm.name
    answers, asked = [], []
    minimum = Answer("minimum value", r"\min", sp.Float(value, 16) if math.isfinite(value)
                     else sp.S.NegativeInfinity, "unbounded" if value == -math.inf else "unique",
                     quantity=Q.MIN_VALUE.key, subject=subject)
    for ask in spec.asks:
        if ask.kind == Q.UPDATE.key:
            answers.append(Answer("update", "u", u, status, s.words if status == "set-valued"
                                  else "", membership=membership, quantity=Q.UPDATE.key,
                                  subject=subject))
        elif ask.kind == Q.MIN_VALUE.key:
            answers.append(minimum)
        elif ask.kind == Q.THRESHOLD.key:
            a = Answer("threshold on the weight", r"\lambda^\star", sp.Float(s.dual, 16),
                       quantity=Q.THRESHOLD.key, subject=subject) if ask.on_weight else Answer(
                "threshold on alpha", r"\alpha^\star",
                sp.Float(1 / s.dual, 16) if s.dual else sp.oo,
                quantity=Q.THRESHOLD.key, subject=subject)
            answers.append(a)
            asked.append((ask, a))
        elif ask.kind == Q.STEP_LENGTH.key:
            a = Answer(f"step length in the {ask.measure.name} norm", r"\|u\|",
                       None if u is None else sp.Float(_measure(ask.measure, u), 16),
                       "none" if u is None else "unique", quantity=Q.STEP_LENGTH.key,
                       subject=subject)
            answers.append(a)
            asked.append((ask, a))
        elif ask.kind == Q.COMPARE.key:
            raise BadInput("comparing two steps is not evaluated above the exact-arithmetic "
                           f"limit of {LIMITS.exact_max_entries} entries", field="asks")
    if spec.form == "penalty" and minimum not in answers:
        answers.append(minimum)
    return answers, asked
