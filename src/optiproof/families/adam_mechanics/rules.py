"""What every ask rule of this family returns, and the recursion run on given gradients.

A rule is ``(spec, Q, Derivation) -> AskResult``; :func:`exact_run` evaluates Adam's (or
RMSprop's) recursion on the gradients the spec gives, exactly for small inputs and to 30
significant digits otherwise, so every numeric ask reads the same run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import sympy

from optiproof.catalogue import QuantityEntry
from optiproof.catalogue import optimizers as O
from optiproof.core.exact import exact_rational
from optiproof.core.solution import Answer
from optiproof.families.adam_mechanics.spec import AdamMechanicsSpec
from optiproof.families.adam_mechanics.symbols import Quantities

EXACT_SEQUENCE_ENTRIES = 64
"""Largest gradient sequence (steps x entries) evaluated with exact radicals; above, 30 digits."""


@dataclass
class AskResult:
    """What one ask contributes: its answers and a sentence each for summary and interpretation."""

    answers: list[Answer]
    summary: str
    interpretation: str


def answers_of(quantity: QuantityEntry, spec: AdamMechanicsSpec) -> Callable[..., Answer]:
    """``Answer(...)`` for one ask: its catalogue quantity, about the part's optimizer."""
    return partial(Answer, quantity=quantity.key, subject=spec.optimizer)


def sequence_of(spec: AdamMechanicsSpec) -> list[list[Any]] | None:
    """The given gradients g_1..g_T: the sequence, or the one numeric gradient as g_1."""
    if spec.gradients is not None:
        return spec.gradients
    if not spec.gradient_is_symbolic:
        return [spec.gradient]
    return None


@dataclass(frozen=True)
class ExactRun:
    """m_T, v_T and every step theta_k - theta_{k-1} of the recursion on given gradients."""

    gradients: list[sympy.Matrix]
    m: sympy.Matrix
    v: sympy.Matrix
    steps: list[sympy.Matrix]
    eps: Any
    exact: bool
    raw_steps: tuple = ()
    """Adam's steps without the bias correction, -alpha m_k/(sqrt(v_k) + eps)."""
    fed: tuple = ()
    """The gradients the moments averaged: g_k, or g_k + lam theta_{k-1} with an L2 penalty."""

    @property
    def T(self) -> int:
        """The number of steps run."""
        return len(self.steps)

    @property
    def total(self) -> sympy.Matrix:
        """theta_T - theta_0, the sum of the steps."""
        out = sympy.zeros(*self.m.shape)
        for step in self.steps:
            out += step
        return out


def exact_run(spec: AdamMechanicsSpec, Q: Quantities) -> ExactRun:
    """m_k = b1 m + (1-b1) g_k, v_k = b2 v + (1-b2) g_k^2, and the step -alpha mhat/(sqrt(vhat)
    + eps) (RMSprop: -alpha g/(sqrt(v) + eps)), at eps = 0 when eps is not given; a coordinate
    with a zero numerator does not move."""
    if spec.loss is not None:
        return _loss_run(spec, Q)
    seq = sequence_of(spec)
    if seq is None:
        raise ValueError("no numeric gradients to run the recursion on")
    rms, adagrad = spec.entry is O.RMSPROP, spec.entry is O.ADAGRAD
    eps = Q.eps if Q.eps_given else sympy.Integer(0)
    d = len(seq[0])
    exact = len(seq) * d <= EXACT_SEQUENCE_ENTRIES
    G = [sympy.Matrix([exact_rational(v, field="gradients") for v in row]) for row in seq]
    m, v = sympy.zeros(d, 1), sympy.zeros(d, 1)
    steps, raw_steps, fed = [], [], []
    theta = theta0_of(spec, d) if spec.decay else None
    for k, data_gradient in enumerate(G, start=1):
        # L2 inside Adam feeds g + lam theta to the moments; decoupled decay shrinks theta apart
        gk = data_gradient + Q.lam * theta if spec.decay == "penalty" else data_gradient
        fed.append(gk)
        if adagrad:     # the accumulated sum of squares, no first moment, no correction
            v = v + gk.applyfunc(lambda x: x ** 2)
            num, den = gk, v.applyfunc(sympy.sqrt)
            step = sympy.Matrix([-Q.alpha * num[i] / (den[i] + eps) if num[i] != 0 else 0
                                 for i in range(d)])
            steps.append(step if exact else step.evalf(30))
            raw_steps.append(steps[-1])
            continue
        m = Q.beta1 * m + (1 - Q.beta1) * gk
        v = Q.beta2 * v + (1 - Q.beta2) * gk.applyfunc(lambda x: x ** 2)
        if rms:
            num, den = gk, v.applyfunc(sympy.sqrt)
        else:
            num = m / (1 - Q.beta1 ** k)
            den = (v / (1 - Q.beta2 ** k)).applyfunc(sympy.sqrt)
        step = sympy.Matrix([-Q.alpha * num[i] / (den[i] + eps) if num[i] != 0 else 0
                             for i in range(d)])
        if spec.decay == "decoupled":
            step = step - Q.alpha * Q.lam * theta
        if theta is not None:
            theta = theta + step
        steps.append(step if exact else step.evalf(30))
        raw = sympy.Matrix([-Q.alpha * m[i] / (sympy.sqrt(v[i]) + eps) if m[i] != 0 else 0
                            for i in range(d)])
        raw_steps.append(raw if exact else raw.evalf(30))
    return ExactRun(G, m, v, steps, eps, exact, tuple(raw_steps), tuple(fed))


def loss_gradient(spec: AdamMechanicsSpec) -> Any:
    """The derivative of the polynomial loss as a function of the parameter (exact)."""
    c = [exact_rational(x, field="loss") for x in spec.loss]
    return lambda w: sum(j * c[j] * w ** (j - 1) for j in range(1, len(c)))


def _loss_run(spec: AdamMechanicsSpec, Q: Quantities) -> ExactRun:
    """The recursion with g_k the loss's derivative at theta_{k-1}, from theta0, exactly."""
    rms = spec.entry is O.RMSPROP
    eps = Q.eps if Q.eps_given else sympy.Integer(0)
    grad = loss_gradient(spec)
    theta = exact_rational(spec.theta0, field="theta0")
    m = v = sympy.Integer(0)
    G, steps, raw_steps = [], [], []
    for k in range(1, int(spec.t) + 1):
        gk = sympy.expand(grad(theta))
        m = Q.beta1 * m + (1 - Q.beta1) * gk
        v = Q.beta2 * v + (1 - Q.beta2) * gk ** 2
        if rms:
            num, den = gk, sympy.sqrt(v)
        else:
            num, den = m / (1 - Q.beta1 ** k), sympy.sqrt(v / (1 - Q.beta2 ** k))
        step = -Q.alpha * num / (den + eps) if num != 0 else sympy.Integer(0)
        raw_steps.append(sympy.Matrix([-Q.alpha * m / (sympy.sqrt(v) + eps) if m != 0 else 0]))
        G.append(sympy.Matrix([gk]))
        steps.append(sympy.Matrix([step]))
        theta = theta + step
    return ExactRun(G, sympy.Matrix([m]), sympy.Matrix([v]), steps, eps, True, tuple(raw_steps))


def theta0_of(spec: AdamMechanicsSpec, d: int) -> sympy.Matrix:
    """The start theta_0 as a column of d exact numbers (a single number fills every entry)."""
    values = spec.theta0 if isinstance(spec.theta0, list) else [spec.theta0] * d
    return sympy.Matrix([exact_rational(v, field="theta0") for v in values])
