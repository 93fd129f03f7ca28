"""Specs of the quantities real problems asked and could not state before (``specs/*.yaml``,
written for these tests): each is solved, every formula renders, every part is verified, and
the answers equal values computed here independently (numpy and plain Python, from the
definitions)."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from optiproof.core.options import SolveOptions
from optiproof.loading import load_problem
from optiproof.pipeline import solve_problem
from optiproof.rendering.latexcheck import validate_latex
from optiproof.rendering.mathsegments import solution_formulas

SPECS = Path(__file__).parent / "specs"


def _solved(name: str):
    solution = solve_problem(load_problem(str(SPECS / name)), SolveOptions(figures=False))
    for latex, display in solution_formulas(solution):
        validate_latex(latex, display)
    for part in solution.parts:
        report = [(c.method, c.status, c.detail[:200]) for c in part.checks]
        assert part.verified and all(c.status == "passed" for c in part.checks), (
            part.label, report)
    return {part.label: part for part in solution.parts}


def _value(part, quantity: str, name: str | None = None):
    found = [a for a in [*part.answers, *part.identifications] if a.quantity == quantity
             and (name is None or a.name == name)]
    assert len(found) == 1, (part.label, quantity, [a.name for a in found])
    return found[0]


def _at(expr, **values):
    return float(expr.subs({s: values[s.name] for s in expr.free_symbols}))


def test_holder_conjugate_and_dual_norm():
    parts = _solved("holder-dual-norm.yaml")
    g = np.array([3.0, -1.0, 2.0])
    assert _value(parts["a"], "holder-conjugate").value == pytest.approx(3 / 2)
    assert _value(parts["a"], "dual-norm").value == pytest.approx(
        np.sum(np.abs(g) ** 1.5) ** (1 / 1.5), rel=1e-14)
    assert _value(parts["b"], "holder-conjugate").expr == sp.oo
    assert _value(parts["b"], "dual-norm").value == 3.0
    assert _value(parts["c"], "dual-norm").value == pytest.approx(np.linalg.norm(g))
    assert _value(parts["c"], "identification").expr.key == "sign-gd"


def test_distance_between_the_gd_limit_and_the_min_norm_point():
    parts = _solved("distance-between-limits.yaml")
    X, y, t0 = np.array([[1, 1, 0], [0, 1, 1.0]]), np.array([2, 3.0]), np.array([1, -1, 2.0])
    min_norm = np.linalg.pinv(X) @ y
    limit = t0 + np.linalg.pinv(X) @ (y - X @ t0)  # projection of theta0 onto X theta = y
    a, b = parts["a"], parts["b"]
    assert _value(a, "distance").value == pytest.approx(np.linalg.norm(limit - min_norm))
    assert _value(a, "is-min-norm").value is False and _value(b, "is-min-norm").value is True
    assert _value(a, "depends-on").value is False
    assert _value(b, "distance").value == pytest.approx(np.abs(limit - min_norm).max())


def _ring_tree(n: int, p: float, alpha: float, B: float, w: int = 4) -> tuple[float, float]:
    """Ring: 2(n-1) rounds of alpha + (p/n) w/B; binomial tree: 2 ceil(log2 n) of alpha + p w/B."""
    return (2 * (n - 1) * (alpha + Fraction(p) / n * w / B),
            2 * math.ceil(math.log2(n)) * (alpha + p * w / B))


def test_crossover_speedup_and_sent_plus_received():
    parts = _solved("collectives.yaml")
    a = parts["a"]
    alpha, B = Fraction(1, 10**5), Fraction(10**9)
    # ring and tree are affine in p: solve ring(p) = tree(p) exactly from two evaluations
    r0, t0 = _ring_tree(8, 0, alpha, B)
    r1, t1 = _ring_tree(8, 1, alpha, B)
    p_star = (t0 - r0) / ((r1 - r0) - (t1 - t0))
    assert _value(a, "crossover").value == pytest.approx(float(p_star), rel=1e-15)
    ring, tree = _ring_tree(8, 2**20, float(alpha), float(B))
    assert _at(_value(a, "speedup").expr, p=2**20) == pytest.approx(tree / ring, rel=1e-12)
    assert _at(_value(a, "sum").expr, p=800) == 2 * 2 * 7 * 800 / 8
    assert [x.subject for x in a.identifications] == ["ring-allreduce", "tree-allreduce"]
    t_s, t_w = 3e-6, 2e-9
    ring_b, _ = _ring_tree(16, 4096, t_s, 4 / t_w)
    assert _at(_value(parts["b"], "time").expr, t_s=t_s, t_w=t_w) == pytest.approx(ring_b)


def test_nesterov_momentum_and_rate_at_the_step_one_over_l():
    parts = _solved("nesterov-momentum.yaml")
    kappa = 100
    assert _value(parts["a"], "optimal-momentum").value == pytest.approx(
        (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1))
    assert _value(parts["a"], "optimal-rate").value == pytest.approx(1 - 1 / math.sqrt(kappa))
    b = _value(parts["b"], "optimal-momentum").expr
    assert _at(b, mu=2.0, L=50.0) == pytest.approx((5 - 1) / (5 + 1))
    X = np.array([[2, 0, 1], [0, 1, 1.0]])
    w = np.linalg.eigvalsh(2 * X @ X.T)
    root = math.sqrt(w.max() / w.min())
    assert _value(parts["c"], "optimal-momentum").value == pytest.approx((root - 1) / (root + 1))
    assert _value(parts["c"], "optimal-rate").value == pytest.approx(1 - 1 / root)


def _adam(grads: np.ndarray, theta0: np.ndarray, alpha: float, b1: float, b2: float,
          eps: float = 0.0, correct: bool = True):
    """Adam written out in float64: the iterates and the final m, v."""
    m = v = np.zeros_like(theta0)
    thetas = [theta0]
    for t, g in enumerate(grads, start=1):
        m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
        mh, vh = (m / (1 - b1 ** t), v / (1 - b2 ** t)) if correct else (m, v)
        thetas.append(thetas[-1] - alpha * mh / (np.sqrt(vh) + eps))
    return thetas, m, v


def test_adam_from_given_numbers():
    parts = _solved("adam-from-numbers.yaml")
    G = np.array([[1, -2], [0.5, 3], [-1, 1.0]])
    thetas, m, v = _adam(G, np.array([1.0, 0.0]), 0.1, 0.9, 0.999)
    a = parts["a"]
    assert _value(a, "theta-t").value == pytest.approx(thetas[-1], rel=1e-12)
    assert _value(a, "last-step").value == pytest.approx(thetas[-1] - thetas[-2], rel=1e-12)
    assert _value(a, "m-hat").value == pytest.approx(m / (1 - 0.9 ** 3))
    assert _value(a, "v-hat").value == pytest.approx(v / (1 - 0.999 ** 3))
    raw = _value(a, "step-no-bias-correction", "step 3 without bias correction").value
    assert raw == pytest.approx(-0.1 * m / np.sqrt(v))
    thetas_b, _, _ = _adam(np.array([[2.0], [-1.0]]), np.array([0.5]), 0.1, 0.9, 0.999)
    assert _value(parts["b"], "theta-t").value == pytest.approx(thetas_b[-1])
    factors = [a.value for a in parts["c"].answers if a.quantity == "bias-factors"]
    assert factors == pytest.approx([1 / (1 - 0.9 ** 2), 1 / (1 - 0.999 ** 2),
                                     1 - 0.9 ** 2, 1 - 0.999 ** 2])   # factors, then weights
    d = parts["d"]
    g = np.array([3, -0.5, 0.0])
    sgd = [a.value for a in d.answers if a.quantity == "sgd-loss-scaling"]
    assert sgd[0] == pytest.approx(-0.1 * 10 * g) and sgd[1] == 10
    scaled = _value(d, "loss-scaling", "first step on the scaled loss").value
    assert scaled == pytest.approx(-0.1 * np.sign(g))
    e = parts["e"]
    g, theta0, lam = np.array([0.2, -1, 0.5]), np.array([-3, 1, 2.0]), 1.0
    l2 = theta0 - 0.1 * np.sign(g + lam * theta0)
    decoupled = (1 - 0.1 * lam) * theta0 - 0.1 * np.sign(g)
    thetas_e = [a.value for a in e.answers if a.quantity == "theta-t"]
    assert thetas_e[0] == pytest.approx(l2) and thetas_e[1] == pytest.approx(decoupled)
    turned = [i + 1 for i in range(3) if np.sign(g[i] + lam * theta0[i]) * np.sign(g[i]) < 0]
    assert _value(e, "opposite-coordinates").value == turned


def test_step_size_schedules():
    parts = _solved("schedules.yaml")
    a, b = np.array([1, 2.0]), 3.0
    sign_point = np.sign(a) * b / np.abs(a).sum()  # theta0 = 0, along sign(a)
    assert _value(parts["a"], "limit").value == pytest.approx(sign_point)
    # constant 0.5: each move changes a^T theta by 0.5 * ||a||_1 = 1.5; 3 / 1.5 = 2 moves
    assert _value(parts["b"], "limit").value == pytest.approx(sign_point)
    # constant 0.4: 3 / 1.2 = 2.5 moves, never lands
    assert _value(parts["c"], "limit").expr is None
    X, y, t0 = np.array([[1, 0, 1], [0, 2, 1.0]]), np.array([1, 2.0]), np.array([1, 1, 0.0])
    assert _value(parts["d"], "limit").value == pytest.approx(
        t0 + np.linalg.pinv(X) @ (y - X @ t0))


def test_right_answers_a_witness_once_rejected():
    parts = _solved("witness-regressions.yaml")
    assert _value(parts["a"], "optimal-rate").value == pytest.approx((4 - 2) / (4 + 2))
    assert _value(parts["b"], "optimal-rate").value == pytest.approx((4 - 2) / (4 + 2))
    thetas, _, _ = _adam(np.array([[0.3, 0.1], [-0.7, 0.3]]), np.zeros(2), 0.1, 0.0, 0.0)
    assert _value(parts["c"], "displacement").value == pytest.approx(thetas[-1], abs=1e-15)
    assert _value(parts["d"], "displacement").value == [0.0, 0.0]
