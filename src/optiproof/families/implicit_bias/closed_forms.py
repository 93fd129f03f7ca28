"""Closed-form limits of optimizers on least squares, in exact arithmetic (float64 when large).

Every function here states the one identity it evaluates; the derivation text lives in
``solve.py`` and the independent numerical checks in ``witness.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy
from sympy.polys.matrices import DomainMatrix

from optiproof.core.exact import exact_rational
from optiproof.core.limits import LIMITS
from optiproof.families.implicit_bias.spec import ImplicitBiasSpec, Preconditioned

LOSS_CONSTANT = {"sum": lambda m: sympy.Integer(1), "half-sum": lambda m: sympy.Rational(1, 2),
                 "mean": lambda m: sympy.Rational(1, m), "half-mean": lambda m: sympy.Rational(1, 2 * m)}


@dataclass(frozen=True)
class Problem:
    """The least-squares instance of a part: exact data (SymPy) and its float64 twin (numpy)."""

    X: sympy.Matrix
    y: sympy.Matrix
    theta0: sympy.Matrix
    c: sympy.Rational
    exact: bool
    Xf: np.ndarray
    yf: np.ndarray
    theta0f: np.ndarray
    single_equation: bool

    @property
    def m(self) -> int:
        return self.Xf.shape[0]

    @property
    def d(self) -> int:
        return self.Xf.shape[1]


def problem_of(spec: ImplicitBiasSpec) -> Problem:
    """Read the spec's numbers as exact rationals (0.1 -> 1/10) and as float64 arrays."""
    X_rows, y_list = spec.data
    m, d = len(X_rows), len(X_rows[0])
    t0 = spec.theta0 if spec.theta0 is not None else [0] * d
    exact = m * d <= LIMITS.exact_max_entries
    name = "a" if spec.X is None else "X"
    if exact:
        X = sympy.Matrix([[exact_rational(v, field=name) for v in row] for row in X_rows])
        y = sympy.Matrix([exact_rational(v, field="y") for v in y_list])
        theta0 = sympy.Matrix([exact_rational(v, field="theta0") for v in t0])
    else:
        X = y = theta0 = sympy.Matrix()
    Xf = np.array([[float(v) for v in row] for row in X_rows], dtype=np.float64)
    yf = np.array([float(v) for v in y_list], dtype=np.float64)
    t0f = np.array([float(v) for v in t0], dtype=np.float64)
    return Problem(X, y, theta0, LOSS_CONSTANT[spec.loss](m), exact, Xf, yf, t0f,
                   spec.X is None)


def preconditioner_of(spec: ImplicitBiasSpec, prob: Problem) -> tuple[sympy.Matrix, np.ndarray]:
    """The preconditioner P of a ``preconditioned`` part, exact and float."""
    assert isinstance(spec.method, Preconditioned)
    rows = spec.method.P
    Pf = np.array([[float(v) for v in r] for r in rows])
    P = sympy.Matrix([[exact_rational(v, field="method.P") for v in r] for r in rows]) \
        if prob.exact else sympy.Matrix()
    return P, Pf


def second_moment_scaling(prob: Problem) -> tuple[sympy.Matrix, np.ndarray]:
    """s_j = sqrt((1/m) sum_i X_ij^2), with s_j = 1 for an all-zero feature (nothing to rescale)."""
    m = prob.m
    sf = np.sqrt((prob.Xf ** 2).mean(axis=0))
    sf = np.where(sf > 0, sf, 1.0)
    if not prob.exact:
        return sympy.Matrix(), sf
    s = []
    for j in range(prob.d):
        ms = sum((prob.X[i, j] ** 2 for i in range(m)), sympy.Integer(0)) / m
        s.append(sympy.sqrt(ms) if ms != 0 else sympy.Integer(1))
    return sympy.Matrix(s), sf


def _dm(M: sympy.Matrix) -> DomainMatrix:
    return DomainMatrix.from_Matrix(M).to_field()


def independent_rows(X: sympy.Matrix) -> list[int]:
    """Indices of a maximal set of linearly independent rows of X (pivots of rref(X^T))."""
    _, pivots = _dm(X.T).rref()
    return list(pivots)


def rank(X: sympy.Matrix) -> int:
    return _dm(X).rank()


@dataclass(frozen=True)
class ConfinedLimit:
    """theta_inf = theta0 + P R^T w: the zero-gradient point of the affine set theta0 + P row(X).

    ``rows`` are the independent rows R of X used, ``gram`` is R P R^T (k x k), ``residual0`` is
    r0 = y - X theta0 and ``w`` the coefficients.
    """

    theta: sympy.Matrix
    w: sympy.Matrix
    gram: sympy.Matrix
    residual0: sympy.Matrix
    rows: list[int]
    consistent: bool


def confined_limit(prob: Problem, P: sympy.Matrix | None = None) -> ConfinedLimit:
    """theta0 + P X^T (X P X^T)^+ (y - X theta0), exactly: w solves (X P R^T)^T (X P R^T) w
    = (X P R^T)^T r0 over the independent rows R (equal to R P R^T w = r0_R when consistent)."""
    X, y, t0 = prob.X, prob.y, prob.theta0
    P = sympy.eye(prob.d) if P is None else P
    rows = independent_rows(X)
    R = X.extract(rows, list(range(prob.d)))
    r0 = y - X * t0
    gram = R * P * R.T
    A = X * P * R.T
    # consistency: is r0 in the column space of X P R^T (= column space of X)?
    w_try = _dm(gram).lu_solve(_dm(r0.extract(rows, [0]))).to_Matrix()
    consistent = (A * w_try - r0).is_zero_matrix
    if consistent:
        w = w_try
    else:
        w = _dm(A.T * A).lu_solve(_dm(A.T * r0)).to_Matrix()
    theta = t0 + P * R.T * w
    return ConfinedLimit(theta, w, gram, r0, rows, bool(consistent))


def confined_limit_float(prob: Problem, Pf: np.ndarray | None = None) -> np.ndarray:
    """Float64 evaluation of theta0 + P X^T (X P X^T)^+ (y - X theta0) for large instances."""
    Pf = np.eye(prob.d) if Pf is None else Pf
    r0 = prob.yf - prob.Xf @ prob.theta0f
    G = prob.Xf @ Pf @ prob.Xf.T
    return prob.theta0f + Pf @ prob.Xf.T @ (np.linalg.pinv(G, hermitian=True) @ r0)


def sign_line_limit(prob: Problem) -> tuple[sympy.Matrix, sympy.Matrix, Any]:
    """One equation a^T theta = b: theta0 + tau s with s = sign(a), tau = (b - a^T theta0)/||a||_1."""
    a = prob.X.row(0).T
    s = a.applyfunc(sympy.sign)
    l1 = sum((abs(v) for v in a), sympy.Integer(0))
    tau = (prob.y[0] - (a.T * prob.theta0)[0]) / l1
    return prob.theta0 + tau * s, s, tau


def ridge_limit(prob: Problem, lam: Any) -> sympy.Matrix:
    """argmin c||X theta - y||^2 + (lam/2)||theta||^2 = X^T (X X^T + lam/(2c) I)^{-1} y."""
    X, y = prob.X, prob.y
    K = X * X.T + (lam / (2 * prob.c)) * sympy.eye(prob.m)
    if lam.free_symbols:
        return sympy.simplify(X.T * K.inv() * y)
    return X.T * _dm(K).lu_solve(_dm(y)).to_Matrix()


def min_norm_solution(prob: Problem) -> sympy.Matrix:
    """X^+ y: the least-squares solution of smallest Euclidean norm (confined limit from 0)."""
    zero = Problem(prob.X, prob.y, sympy.zeros(prob.d, 1), prob.c, prob.exact, prob.Xf, prob.yf,
                   np.zeros(prob.d), prob.single_equation)
    return confined_limit(zero).theta


def exact_float_matrix(v: np.ndarray, digits: int = 15) -> sympy.Matrix:
    """A float64 vector as a SymPy column of Floats (for numerical answers)."""
    return sympy.Matrix([sympy.Float(float(x), digits) for x in v])


def row_space_curvature(prob: Problem) -> tuple[Any, Any]:
    """(mu, L): the smallest and largest nonzero eigenvalue of the Hessian 2c X^T X, i.e. of
    2c X X^T; exact when X X^T is diagonal or at most 2 x 2, else 15 significant digits."""
    if prob.exact:
        G = 2 * prob.c * prob.X * prob.X.T
        if G.is_diagonal() or G.rows <= 2:
            eigs = [sympy.radsimp(sympy.nsimplify(v)) for v in G.eigenvals()]
            positive = sorted((v for v in eigs if v != 0), key=float)
            return positive[0], positive[-1]
    w = np.linalg.eigvalsh(2 * float(prob.c) * prob.Xf @ prob.Xf.T)
    w = w[w > 1e-12 * max(float(w.max()), 1e-300)]
    return sympy.Float(float(w.min()), 15), sympy.Float(float(w.max()), 15)
