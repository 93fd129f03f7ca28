"""Independent witnesses of the steepest-descent family.

Every witness rebuilds the problem from the *spec* with its own code - the numpy norms below,
conic forms and cvxpy atoms - and never calls the family's norm objects, so a wrong closed form cannot verify
itself. For a symbolic problem (symbolic g, alpha or eta) the witnesses check random numeric
instances solved by the family's ``solve`` (the claim under test), drawn by ``_draw_instances``.

1. ``Clarabel``: the same convex program, solved by an interior-point solver pinned by name with
   a time limit - given to Clarabel directly as a conic program built from the norm's definition
   (conic.py), or through cvxpy for the norms that need a semidefinite program. Only a proof (status ``optimal`` or ``unbounded``) counts; anything
   else is *inconclusive*, never passed and never failed. Optimal values are always compared,
   minimisers when the tool says "unique", and the tool's membership test is applied to the
   solver's point when the tool says "set-valued".
2. ``Hölder certificate``: solver-free, numpy only, scales to the largest accepted inputs. By
   Hölder, <g, d> >= -||g||_* ||d||, so for every d

       g^T d + ||d||^2 / alpha  >=  -||g||_* ||d|| + ||d||^2 / alpha  >=  -(alpha/4) ||g||_*^2,
       g^T d  >=  -eta ||g||_*                                         (||d|| <= eta),
       g^T d + ||d|| / alpha    >=  (1/alpha - ||g||_*) ||d||,

   and a claimed u that attains the bound is optimal (a dual certificate). Random perturbations
   then confirm no nearby point does better, and a numpy construction of an optimal point checks
   the minimiser (equal to u when unique, inside the tool's set when set-valued).
3. ``asked quantities``: step lengths with numpy norms of the update, ratios against the other
   norm's step solved by the convex solver, the plain-penalty threshold by solving at 0.9 and 1.1 times it.
4. ``Newton-Schulz``: for spectral / RMS->RMS steps, a convergent cubic Newton-Schulz iteration
   computes U V^T and ||G||_nuc without an SVD; Muon's 5-step quintic iteration is reported for
   contrast (deliberately inexact: singular values land in about [0.5, 1.5]).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Literal

import numpy as np

from optiproof.catalogue import NormEntry
from optiproof.catalogue import norms as N
from optiproof.catalogue import quantities as Q
from optiproof.core.evidence import Check, stopwatch
from optiproof.core.fields import is_number
from optiproof.core.limits import LIMITS
from optiproof.core.options import SolveOptions
from optiproof.families.steepest_descent.conic import CONIC_NORMS, conic_program
from optiproof.families.steepest_descent.facts import SteepestDescentFacts
from optiproof.witnesses.convex import (
    CLARABEL,
    ConicSolver,
    ConvexRun,
    max_abs_relative_error,
    relative_error,
    solve_conic,
    solve_convex,
)

Status = Literal["passed", "failed", "inconclusive"]

SOLVER: ConicSolver = CLARABEL
"""The pinned solver of the convex witness (tests swap it to force a bad status)."""


@dataclass(frozen=True)
class Tolerances:
    """Every tolerance of this family's witnesses, in one place."""

    solver_value: float = 1e-6
    """Relative error allowed between the tool's optimal value and the solver's."""
    solver_point: float = 1e-4
    """Relative max-abs error allowed between the tool's unique minimiser and the solver's.
    Interior-point minimisers are accurate to about sqrt(gap): measured at most 2e-5 with the
    pinned Clarabel settings (see ``witnesses.convex.CLARABEL``), so 1e-4 leaves a 5x margin;
    the optimal values, compared to 1e-6, carry the precise check."""
    membership: float = 1e-5
    """Tolerance handed to the tool's membership test for the solver's point."""
    certificate: float = 1e-9
    """Relative tolerance of the solver-free certificate (float64 arithmetic only)."""
    boundary: float = 1e-9
    """|alpha ||g||_* - 1| below this is 'at the threshold' for float64 evidence."""
    newton_schulz: float = 1e-9
    """Max-abs error allowed between the convergent Newton-Schulz step and the tool's."""
    ask: float = 1e-6
    """Relative error allowed for step lengths, ratios and thresholds."""


TOL = Tolerances()
RANDOM_VECTOR_INSTANCES = 6
RANDOM_MATRIX_INSTANCES = 4
PERTURBATION_BUDGET = 2 * 10**7
"""Float entries the perturbation test may touch (bounds its memory and time)."""
SVD_PERTURBATION_BUDGET = 3 * 10**9
"""m * n * min(m, n) flops the perturbation test may spend on batched SVDs."""
NEWTON_SCHULZ_FLOP_BUDGET = 2 * 10**12
QUINTIC = (3.4445, -4.7750, 2.0315)
"""Muon's quintic Newton-Schulz coefficients (a, b, c)."""

SDP_NORMS = (N.SPECTRAL, N.NUCLEAR, N.RMS_RMS)
CERTIFICATE_METHOD = "Hölder certificate + random perturbations (numpy, no solver)"
ASKS_METHOD = "asked quantities (numpy norms; the convex solver for the other norm and the " \
    "threshold)"
NEWTON_SCHULZ_METHOD = ("Newton-Schulz: convergent cubic iteration vs the tool's U V^T step "
                        "(Muon's quintic shown for contrast)")
CONVEX_BUDGET_S = 2 * LIMITS.solver_time_s
"""Total time of the convex witness over all instances of one part."""


# ============================================================================ numpy norms
def _stable_lp(x: np.ndarray, p: float, axis: Any = None) -> np.ndarray | float:
    """(sum |x|^p)^(1/p) computed as m (sum (|x|/m)^p)^(1/p), m = max |x| (no overflow)."""
    a = np.abs(x)
    m = np.max(a, axis=axis, keepdims=True) if axis is not None else np.max(a, initial=0.0)
    safe = np.where(m > 0, m, 1.0)
    s = np.sum((a / safe) ** p, axis=axis, keepdims=axis is not None) ** (1.0 / p) * m
    return np.squeeze(s, axis=axis) if axis is not None else float(s)


def _spd_matrix(D: Any) -> np.ndarray:
    """The quadratic norm's D as a dense symmetric matrix (a diagonal list becomes diag)."""
    if isinstance(D[0], (list, tuple)):
        M = np.array([[float(v) for v in row] for row in D], dtype=float)
        return (M + M.T) / 2  # x^T D x only sees the symmetric part
    return np.diag([float(v) for v in D])


@dataclass(frozen=True)
class NumpyNorm:
    """A catalogue norm in float64 numpy, written independently of the family's norm objects.

    ``value`` is ||x||, ``dual`` is ||g||_* = max_{||s||<=1} <g, s>, ``sharp`` one maximiser
    (||s|| = 1 when g != 0), ``degenerate`` whether the maximiser set has more than one point.
    """

    entry: NormEntry
    shape: tuple[int, ...]
    p: float | None = None
    chol: np.ndarray | None = None  # lower Cholesky factor L of D = L L^T (quadratic)

    @classmethod
    def of(cls, spec: Any, shape: tuple[int, ...]) -> "NumpyNorm":
        entry = spec.entry
        p = float(spec.p) if entry is N.LP else None
        chol = np.linalg.cholesky(_spd_matrix(spec.D)) if entry is N.QUADRATIC else None
        return cls(entry, tuple(shape), p, chol)

    # -- values, batched over a leading axis ------------------------------------------------
    def values(self, X: np.ndarray) -> np.ndarray:
        """||x|| for every x in the batch X (shape (k, *self.shape))."""
        k = X.shape[0]
        entry = self.entry
        if len(self.shape) == 1:
            if entry is N.L2:
                return np.linalg.norm(X, axis=1)
            if entry is N.L1:
                return np.sum(np.abs(X), axis=1)
            if entry is N.LINF:
                return np.max(np.abs(X), axis=1)
            if entry is N.LP:
                return _stable_lp(X, self.p, axis=1)
            if entry is N.RMS:
                return np.linalg.norm(X, axis=1) / math.sqrt(self.shape[0])
            if entry is N.QUADRATIC:
                return np.linalg.norm(X @ self.chol, axis=1)  # ||L^T x||_2
            raise ValueError(f"{entry.key} is not a vector norm")
        m, n = self.shape
        if entry is N.FROBENIUS:
            return np.sqrt(np.sum(X.reshape(k, -1) ** 2, axis=1))
        if entry in (N.SPECTRAL, N.RMS_RMS):
            s = np.linalg.norm(X, 2, axis=(1, 2))
            return s * math.sqrt(n / m) if entry is N.RMS_RMS else s
        if entry is N.NUCLEAR:
            return np.linalg.norm(X, "nuc", axis=(1, 2))
        raise ValueError(f"{entry.key} is not a matrix norm")

    def value(self, x: np.ndarray) -> float:
        return float(self.values(np.asarray(x, dtype=float)[None])[0])

    # -- dual norm and a maximiser ---------------------------------------------------------
    def dual(self, g: np.ndarray) -> float:
        """||g||_*: l2<->l2, l1<->linf, lp<->lq, rms: sqrt(d)||g||_2, quadratic:
        sqrt(g^T D^-1 g), frobenius<->frobenius, spectral<->nuclear, rms-rms:
        sqrt(m/n) ||G||_nuc."""
        entry = self.entry
        if entry in (N.L2, N.FROBENIUS):
            return float(np.linalg.norm(g))
        if entry is N.L1:
            return float(np.max(np.abs(g), initial=0.0))
        if entry is N.LINF:
            return float(np.sum(np.abs(g)))
        if entry is N.LP:
            return float(_stable_lp(g, self.p / (self.p - 1.0)))
        if entry is N.RMS:
            return float(np.linalg.norm(g)) * math.sqrt(g.size)
        if entry is N.QUADRATIC:
            from scipy.linalg import solve_triangular

            return float(np.linalg.norm(solve_triangular(self.chol, g, lower=True)))
        svals = np.linalg.svd(g, compute_uv=False)
        if entry is N.SPECTRAL:
            return float(np.sum(svals))
        if entry is N.NUCLEAR:
            return float(svals[0])
        if entry is N.RMS_RMS:
            m, n = g.shape
            return math.sqrt(m / n) * float(np.sum(svals))
        raise ValueError(entry.key)

    def sharp(self, g: np.ndarray) -> np.ndarray:
        """One s with ||s|| <= 1 and <g, s> = ||g||_* (s = 0 when g = 0)."""
        entry = self.entry
        if not np.any(g):
            return np.zeros_like(g)
        if entry in (N.L2, N.FROBENIUS):
            return g / np.linalg.norm(g)
        if entry is N.RMS:
            return g / np.linalg.norm(g) * math.sqrt(g.size)
        if entry is N.L1:
            s = np.zeros_like(g)
            i = int(np.argmax(np.abs(g)))
            s[i] = np.sign(g[i])
            return s
        if entry is N.LINF:
            return np.sign(g)
        if entry is N.LP:
            q = self.p / (self.p - 1.0)
            a = np.abs(g) / np.max(np.abs(g))
            return np.sign(g) * a ** (q - 1.0) / float(_stable_lp(a, q)) ** (q - 1.0)
        if entry is N.QUADRATIC:
            from scipy.linalg import cho_solve

            w = cho_solve((self.chol, True), g)  # D^-1 g
            return w / math.sqrt(float(g @ w))
        U, svals, Vt = np.linalg.svd(g, full_matrices=False)
        if entry is N.NUCLEAR:
            return np.outer(U[:, 0], Vt[0])
        r = _numerical_rank(svals, g.shape)
        polar = U[:, :r] @ Vt[:r]
        if entry is N.SPECTRAL:
            return polar
        m, n = g.shape
        return math.sqrt(m / n) * polar  # rms-rms

    def degenerate(self, g: np.ndarray) -> bool:
        """Whether argmax_{||s||<=1} <g, s> may hold more than one point (ties, zeros, rank)."""
        if not np.any(g):
            return True
        entry = self.entry
        a = np.abs(g)
        if entry is N.L1:
            top = np.max(a)
            return int(np.sum(a >= top * (1 - 1e-12))) > 1
        if entry is N.LINF:
            return bool(np.any(a <= 1e-300))
        if entry in (N.SPECTRAL, N.RMS_RMS):
            svals = np.linalg.svd(g, compute_uv=False)
            return _numerical_rank(svals, g.shape) < min(g.shape)
        if entry is N.NUCLEAR:
            svals = np.linalg.svd(g, compute_uv=False)
            return len(svals) > 1 and svals[1] >= svals[0] * (1 - 1e-10)
        return False


def _numerical_rank(svals: np.ndarray, shape: tuple[int, ...]) -> int:
    if len(svals) == 0 or svals[0] == 0:
        return 0
    return int(np.sum(svals > max(shape) * np.finfo(float).eps * svals[0]))


# ============================================================================ cvxpy problems
def cvxpy_norm(spec: Any, x: Any, shape: tuple[int, ...]) -> Any:
    """The norm as a cvxpy expression, built from cvxpy atoms (never the family's norms)."""
    import cvxpy as cp

    entry = spec.entry
    if entry is N.L2:
        return cp.norm(x, 2)
    if entry is N.L1:
        return cp.norm(x, 1)
    if entry is N.LINF:
        return cp.norm(x, "inf")
    if entry is N.LP:
        return cp.pnorm(x, float(spec.p))
    if entry is N.RMS:
        return cp.norm(x, 2) / math.sqrt(shape[0])
    if entry is N.QUADRATIC:
        if not isinstance(spec.D[0], (list, tuple)):
            return cp.norm(cp.multiply(np.sqrt(np.array([float(v) for v in spec.D])), x), 2)
        L = np.linalg.cholesky(_spd_matrix(spec.D))
        return cp.norm(L.T @ x, 2)  # x^T D x = ||L^T x||^2
    if entry is N.FROBENIUS:
        return cp.norm(x, "fro")
    if entry is N.SPECTRAL:
        return cp.sigma_max(x)
    if entry is N.NUCLEAR:
        return cp.normNuc(x)
    if entry is N.RMS_RMS:
        m, n = shape
        return math.sqrt(n / m) * cp.sigma_max(x)
    raise ValueError(f"unknown norm {entry.key!r}")


def cvxpy_squared_norm(spec: Any, x: Any, shape: tuple[int, ...]) -> Any:
    """||x||^2 in cvxpy: a sum of squares for the Euclidean-type norms (a QP, which Clarabel
    solves to full accuracy), else the square of the norm atom."""
    import cvxpy as cp

    entry = spec.entry
    if entry in (N.L2, N.FROBENIUS):
        return cp.sum_squares(x)
    if entry is N.RMS:
        return cp.sum_squares(x) / shape[0]
    if entry is N.QUADRATIC:
        if not isinstance(spec.D[0], (list, tuple)):
            return cp.sum(cp.multiply(np.array([float(v) for v in spec.D]), cp.square(x)))
        L = np.linalg.cholesky(_spd_matrix(spec.D))
        return cp.sum_squares(L.T @ x)
    return cp.square(cvxpy_norm(spec, x, shape))


def _solver_size_problem(norm_spec: Any, shape: tuple[int, ...]) -> str:
    """Why the convex solver is not attempted at this size ('' when it is)."""
    entries = int(np.prod(shape))
    if entries > LIMITS.solver_max_entries:
        return (f"{entries} entries exceeds the solver witness limit of "
                f"{LIMITS.solver_max_entries}")
    if norm_spec.entry in SDP_NORMS and max(shape) > LIMITS.solver_max_matrix_side:
        return (f"the {norm_spec.name} norm needs a semidefinite program and a side of "
                f"{max(shape)} exceeds the limit of {LIMITS.solver_max_matrix_side}")
    if norm_spec.entry is N.QUADRATIC and isinstance(norm_spec.D[0], (list, tuple)) and \
            entries**2 > LIMITS.solver_max_entries:
        return f"a dense {entries}x{entries} D exceeds the solver witness limit"
    return ""


@dataclass(frozen=True)
class Normalised:
    """The problem in units where max|g| is in [0.5, 1) and alpha (or eta) is 1.

    With g = c g~ (c a power of two, so the scaling is exact):
    penalty-squared  d = c alpha y,  f = c^2 alpha (g~^T y + ||y||^2);
    constraint       d = eta y,      f = c eta g~^T y,  ||y|| <= 1;
    penalty          d = y,          f = c (g~^T y + ||y|| / (c alpha)).
    Interior-point tolerances are absolute and relative at 1e-8, so this keeps badly scaled
    inputs (tiny gradients, tiny alpha) from passing or failing on scale alone.
    """

    g: np.ndarray
    weight: float  # 1 for penalty-squared/constraint, c*alpha for the plain penalty
    value_scale: float
    point_scale: float


def _normalise(form: str, g: np.ndarray, step: float) -> Normalised:
    top = float(np.max(np.abs(g), initial=0.0))
    exponent = math.frexp(top)[1] if top > 0 else 0
    c = math.ldexp(1.0, exponent)
    gt = np.ldexp(g, -exponent)
    if form == "penalty-squared":
        return Normalised(gt, 1.0, c * c * step, c * step)
    if form == "constraint":
        return Normalised(gt, 1.0, c * step, step)
    return Normalised(gt, c * step, c, 1.0)


def direct(norm_spec: Any, solver: ConicSolver) -> bool:
    """Whether the program goes to Clarabel directly (vector norms) rather than through cvxpy
    (the SDP norms, or another solver)."""
    return solver.name == "CLARABEL" and norm_spec.entry in CONIC_NORMS


def solve_program(form: str, norm_spec: Any, g: np.ndarray, weight: float,
                  solver: ConicSolver) -> ConvexRun:
    """The program of ``form`` with gradient g and alpha (or eta) = weight, solved by
    ``solver``: on its conic form when ``direct``, else as a cvxpy problem. On the conic form
    the penalty forms' value is the objective at the solver's point (numpy norm): the epigraph
    variable t >= ||x|| keeps the interior point's slack, which matters when the optimum is 0."""
    if direct(norm_spec, solver):
        program = conic_program(form, norm_spec, g, weight)
        run = solve_conic(program.P, program.q, program.A, program.b, program.cones,
                          program.size, solver)
        if run.x is None:
            return run
        x = run.x.reshape(g.shape)
        if form == "constraint":
            return replace(run, x=x)
        size = NumpyNorm.of(norm_spec, g.shape).value(x)
        value = float(np.sum(g * x)) + (size**2 if form == "penalty-squared" else size) / weight
        return replace(run, x=x, value=value)
    problem, x = build_problem(form, norm_spec, g, weight)
    return solve_convex(problem, x, solver)


def build_problem(form: str, norm_spec: Any, g: np.ndarray, weight: float) -> tuple[Any, Any]:
    """The cvxpy program of ``form`` with gradient g and alpha (or eta) = weight."""
    import cvxpy as cp

    x = cp.Variable(g.shape)
    linear = cp.sum(cp.multiply(g, x)) if g.ndim == 2 else g @ x
    if form == "penalty-squared":
        squared = cvxpy_squared_norm(norm_spec, x, g.shape)
        return cp.Problem(cp.Minimize(linear + squared / weight)), x
    size = cvxpy_norm(norm_spec, x, g.shape)
    if form == "penalty":
        return cp.Problem(cp.Minimize(linear + size / weight)), x
    return cp.Problem(cp.Minimize(linear), [size <= weight]), x


# ============================================================================ instances
def to_array(m: Any) -> np.ndarray:
    """A SymPy matrix (or number, or numpy array) as float64, via 30 digits where not exact."""
    import sympy

    if isinstance(m, np.ndarray):
        return m.astype(float)
    if isinstance(m, sympy.MatrixBase):
        flat = [_float(v) for v in m]
        return np.array(flat, dtype=float).reshape(m.shape)
    return np.array(_float(m), dtype=float)


def _float(v: Any) -> float:
    import sympy

    if isinstance(v, (int, float)):
        return float(v)
    if v == sympy.S.NegativeInfinity:
        return -math.inf
    if v == sympy.S.Infinity:
        return math.inf
    if isinstance(v, (sympy.Float, sympy.Rational)):
        return float(v)
    return float(sympy.N(v, 30))


def _is_symbol(x: Any) -> bool:
    """A symbol or a formula in symbols (not a number)."""
    return not is_number(x)


@dataclass
class Instance:
    """One numeric instance: the spec's data in float64 and what the tool claimed for it."""

    label: str
    spec: Any
    g: np.ndarray  # (d,) or (m, n)
    step: float  # alpha for the penalty forms, eta for the constraint form
    facts: SteepestDescentFacts
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def form(self) -> str:
        return self.spec.form

    @property
    def norm(self) -> NumpyNorm:
        if "norm" not in self._cache:
            self._cache["norm"] = NumpyNorm.of(self.spec.norm, self.g.shape)
        return self._cache["norm"]

    @property
    def update(self) -> np.ndarray | None:
        if "update" not in self._cache:
            u = self.facts.update
            self._cache["update"] = None if u is None else to_array(u).reshape(self.g.shape)
        return self._cache["update"]

    @property
    def status(self) -> str:
        return str(self.facts.update_status)

    @property
    def value(self) -> float:
        return _float(self.facts.min_value)

    @property
    def dual(self) -> float:
        if "dual" not in self._cache:
            self._cache["dual"] = self.norm.dual(self.g)
        return self._cache["dual"]

    def member(self, x: np.ndarray, tol: float) -> bool:
        """The tool's membership test, fed an array shaped like the tool's g."""
        membership = self.facts.membership
        if membership is None:
            raise ValueError("the tool says set-valued but gave no membership test")
        shape = tuple(getattr(self.facts.g, "shape", self.g.shape))
        return bool(membership(np.asarray(x, dtype=float).reshape(shape), tol))

    def objective(self, X: np.ndarray) -> np.ndarray:
        """f at every point of the batch X (penalty forms; inner product for constraint)."""
        inner = np.tensordot(X, self.g, axes=self.g.ndim)
        if self.form == "constraint":
            return inner
        size = self.norm.values(X)
        return inner + (size**2 if self.form == "penalty-squared" else size) / self.step

    def describe(self) -> str:
        return f"{self.label} ({_brief(self.g)}, {_weight_name(self.form)} = {self.step:.6g})"


def _weight_name(form: str) -> str:
    return "η" if form == "constraint" else "α"


def _brief(a: np.ndarray | None, k: int = 6) -> str:
    if a is None:
        return "none"
    flat = np.asarray(a).ravel()
    # (+ 0.0 prints -0 as 0)
    body = ", ".join(f"{v + 0.0:.6g}" for v in flat[:k]) + (", ..." if flat.size > k else "")
    shape = "x".join(str(s) for s in np.shape(a))
    return f"[{body}] ({shape})" if np.ndim(a) > 1 or flat.size > k else f"[{body}]"


def _spec_gradient(spec: Any) -> np.ndarray:
    if spec.gradient_is_matrix:
        return np.array([[float(v) for v in row] for row in spec.gradient], dtype=float)
    return np.array([float(v) for v in spec.gradient], dtype=float)


def _spec_step(spec: Any) -> float:
    return float(spec.eta if spec.form == "constraint" else spec.alpha)


def _short_decimal_reciprocal(k: float) -> str | None:
    """'1/k' as a short exact decimal string if k is an integer 2^a 5^b <= 1000, else None."""
    n = round(k)
    if n < 1 or n > 1000 or abs(k - n) > 1e-12 * n:
        return None
    m = n
    for prime in (2, 5):
        while m % prime == 0:
            m //= prime
    return str(Decimal(1) / Decimal(n)) if m == 1 else None


def _draw_gradient(spec: Any, rng: np.random.Generator, i: int) -> np.ndarray:
    """Instance i: Gaussian; odd i: small integers with ties, zeros (rank deficiency, repeated
    singular values for matrices); i = 2: a Gaussian of a far-from-unit scale."""
    if spec.norm.is_matrix:
        m, n = spec.shape or (4, 3)
        if i % 2 == 1:
            core = np.zeros((m, n))
            core[0, 0] = 2.0
            if min(m, n) > 1:
                core[1, 1] = 2.0 if i % 4 == 1 else 1.0
            P = np.eye(m)[rng.permutation(m)] * rng.choice([-1.0, 1.0], m)
            Q = np.eye(n)[rng.permutation(n)] * rng.choice([-1.0, 1.0], n)
            return P @ core @ Q  # integer entries, singular values {2, 2 or 1, 0, ...}
        scale = 10.0 ** rng.uniform(-2, 2) if i == 2 else 1.0
        return np.round(rng.standard_normal((m, n)) * scale, 3)
    if spec.norm.entry is N.QUADRATIC:
        d = len(spec.norm.D)
    else:
        d = spec.dim if isinstance(spec.dim, int) else 5
    if i % 2 == 1:
        g = rng.integers(-2, 3, d).astype(float)
        if d >= 3:
            g[rng.choice(d, 2, replace=False)] = [0.0, 2.0 * rng.choice([-1, 1])]
        return g
    scale = 10.0 ** rng.uniform(-2, 2) if i == 2 else 1.0
    return np.round(rng.standard_normal(d) * scale, 3)


def _draw_step(spec: Any, g: np.ndarray, rng: np.random.Generator, i: int) -> Any:
    """alpha/eta uniform in [0.2, 2]; for the plain penalty, alternate both sides of the
    threshold 1/||g||_* and hit it exactly (a short decimal) when the dual norm allows."""
    given = spec.eta if spec.form == "constraint" else spec.alpha
    if not _is_symbol(given):
        return given
    if spec.form != "penalty":
        return round(float(rng.uniform(0.2, 2.0)), 3)
    dual = NumpyNorm.of(spec.norm, g.shape).dual(g)
    if dual == 0:
        return round(float(rng.uniform(0.2, 2.0)), 3)
    if i % 4 == 1:
        exact = _short_decimal_reciprocal(dual)
        if exact is not None:
            return exact
    ratio = (0.4, 2.5, 0.8, 1.25)[i % 4]
    return float(f"{ratio / dual:.4g}")


def _draw_instances(spec: Any, options: SolveOptions) -> list[Instance]:
    """Random numeric instances of a symbolic spec, each solved by the family's solver."""
    from optiproof.families.steepest_descent.solve import solve

    rng = np.random.default_rng(options.seed)
    k = RANDOM_MATRIX_INSTANCES if spec.norm.is_matrix else RANDOM_VECTOR_INSTANCES
    out = []
    for i in range(k):
        if spec.gradient_is_symbolic:
            g = _draw_gradient(spec, rng, i)
            gradient: Any = g.tolist()
        else:
            gradient, g = spec.gradient, _spec_gradient(spec)
        step = _draw_step(spec, g, rng, i)
        numeric = type(spec).model_validate({**spec.model_dump(), "gradient": gradient,
                                             "alpha": step, "eta": step})
        solution = solve(numeric)
        if not solution.facts.numeric:
            raise RuntimeError(f"the solver did not treat random instance {i + 1} as numeric")
        out.append(Instance(f"random instance {i + 1}", numeric, g, _spec_step(numeric),
                            solution.facts))
    return out


def instances_of(spec: Any, solution: Any, options: SolveOptions) -> list[Instance]:
    """The given instance when numeric, else random numeric instances."""
    if solution.facts.numeric:
        return [Instance("the given instance", spec, _spec_gradient(spec), _spec_step(spec),
                         solution.facts)]
    return _draw_instances(spec, options)


# ============================================================================ results
@dataclass
class Verdict:
    """The outcome for one instance: status, the largest error, one line of evidence."""

    status: Status
    line: str
    error: float | None = None


def _combine(method: str, compared: str, verdicts: list[Verdict], runtime: float,
             symbolic: bool, preface: str = "") -> Check:
    """All instances must pass for 'passed'; any failure fails; otherwise inconclusive."""
    if any(v.status == "failed" for v in verdicts):
        status: Status = "failed"
    elif verdicts and all(v.status == "passed" for v in verdicts):
        status = "passed"
    else:
        status = "inconclusive"
    errors = [v.error for v in verdicts if v.error is not None and math.isfinite(v.error)]
    head = preface
    if symbolic:
        head += (f"The problem is symbolic, so it was checked on random instances "
                 f"({len(verdicts)} of them). ")
    body = " | ".join(v.line for v in verdicts)
    return Check(method=method, status=status, detail=(head + body).strip(),
                 max_error=max(errors) if errors else None, runtime_s=runtime,
                 compared=compared)


def _lazy(factory: Callable[[], list[Instance]]) -> Callable[[], list[Instance]]:
    """Compute the instances once, on first use by any witness (errors re-raised each time)."""
    box: dict[str, Any] = {}

    def get() -> list[Instance]:
        if "value" not in box:
            box["value"] = factory()
        return box["value"]

    return get


# ============================================================================ 1. convex solver
def convex_verdict(inst: Instance, solver: ConicSolver | None = None) -> Verdict:
    """Solve the instance's program with the pinned solver and compare with the claim."""
    solver = solver or SOLVER
    why_not = _solver_size_problem(inst.spec.norm, inst.g.shape)
    if why_not:
        return Verdict("inconclusive", f"{inst.label}: solver skipped: {why_not}")
    scaled = _normalise(inst.form, inst.g, inst.step)
    run = solve_program(inst.form, inst.spec.norm, scaled.g, scaled.weight, solver)
    head = f"{inst.describe()}: {run.describe(scaled.value_scale)}"
    claimed_unbounded = inst.status == "unbounded" or inst.value == -math.inf
    at_boundary = inst.form == "penalty" and abs(inst.step * inst.dual - 1) <= TOL.boundary
    if run.outcome == "unsolved" or run.outcome == "infeasible":
        return Verdict("inconclusive", f"{head}: no proof from the solver, so no verdict")
    if claimed_unbounded:
        if run.outcome == "unbounded":
            return Verdict("passed", f"{head}: agrees the objective is unbounded below", 0.0)
        if at_boundary:
            return Verdict("inconclusive", f"{head}: α||g||_* is 1 to float precision; the "
                                           "solver cannot separate bounded from unbounded")
        value = run.value * scaled.value_scale
        return Verdict("failed", f"{head}: the tool says unbounded below but the solver proved "
                                 f"a finite minimum {value:.10g} (α||g||_* = "
                                 f"{inst.step * inst.dual:.10g})", math.inf)
    if run.outcome == "unbounded":
        if at_boundary:
            return Verdict("inconclusive", f"{head}: α||g||_* is 1 to float precision; the "
                                           "solver cannot separate bounded from unbounded")
        return Verdict("failed", f"{head}: the tool says the minimum is {inst.value:.10g} but "
                                 "the solver proved the objective unbounded below", math.inf)
    # both finite: compare values (in normalised units), then the point
    claimed = inst.value / scaled.value_scale
    natural = _natural_value_scale(inst.form, NumpyNorm.of(inst.spec.norm, inst.g.shape)
                                   .dual(scaled.g), run.x)
    value_err = relative_error(claimed, run.value, floor=max(natural, 1e-9))
    lines = [f"value: tool {inst.value:.10g} vs solver {run.value * scaled.value_scale:.10g} "
             f"(relative error {value_err:.2e})"]
    ok = value_err <= TOL.solver_value
    errors = [value_err]
    point = run.x * scaled.point_scale if run.x is not None else None
    if point is None:
        return Verdict("inconclusive", f"{head}: the solver returned no point")
    if inst.status == "unique" and inst.update is not None:
        point_err = max_abs_relative_error(inst.update / scaled.point_scale, run.x, floor=1.0)
        errors.append(point_err)
        lines.append(f"minimiser: max error {point_err:.2e} relative "
                     f"(tool {_brief(inst.update)}, solver {_brief(point)})")
        ok = ok and point_err <= TOL.solver_point
    elif inst.status == "set-valued":
        if inst.facts.membership is None:
            body = f"{head}: " + "; ".join(lines)
            if not ok:
                return Verdict("failed", body, max(errors))
            return Verdict("inconclusive", body + "; the tool says set-valued but gives no "
                                                  "membership test, so its set is unchecked")
        inside = inst.member(point, TOL.membership)
        lines.append(f"the solver's minimiser {_brief(point)} is "
                     f"{'in' if inside else 'NOT in'} the tool's set of minimisers")
        ok = ok and inside
    body = f"{head}: " + "; ".join(lines)
    if ok:
        return Verdict("passed", body, max(errors))
    if value_err <= TOL.solver_value and inst.status == "unique" and inst.update is not None:
        # The values agree but the points do not: is the solver's point any better than u?
        f_u, f_x = inst.objective(np.stack([inst.update, point]))
        if f_u <= f_x + TOL.solver_value * max(abs(f_u), natural * scaled.value_scale):
            return Verdict("inconclusive", body + f"; yet f(u) = {f_u:.12g} is not worse "
                                                  f"than f(solver's point) = {f_x:.12g} to "
                                                  f"the solver's accuracy "
                                                  f"({TOL.solver_value:.0e}): the objective "
                                                  "is nearly flat along the difference (e.g. "
                                                  "entries with tiny |g_i|), so the solver "
                                                  "cannot confirm the minimiser")
    if at_boundary or _near_tie(inst):
        return Verdict("inconclusive", body + " - but the instance is degenerate to float "
                                              "precision (tie or threshold), so no verdict")
    return Verdict("failed", body, max(errors))


def _natural_value_scale(form: str, dual: float, x: np.ndarray | None) -> float:
    """The size of the objective's terms in normalised units (floor for relative errors)."""
    if form == "penalty-squared":
        return dual**2 / 4
    if form == "constraint":
        return dual
    size = float(np.max(np.abs(x))) if x is not None and x.size else 0.0
    return max(dual * size, 1.0)


def _near_tie(inst: Instance) -> bool:
    """Ties the exact solver sees as distinct but float64 may not (within 1e-12 relative)."""
    a = np.sort(np.abs(inst.g.ravel()))[::-1]
    return inst.spec.norm.entry is N.L1 and a.size > 1 and a[1] >= a[0] * (1 - 1e-9) and \
        a[1] != a[0]


def convex_method(norm_spec: Any) -> str:
    """The convex witness's name: Clarabel on the conic form, or cvxpy with its solver."""
    if direct(norm_spec, SOLVER):
        return f"{SOLVER.name.title()} on the conic form of the same problem"
    return f"cvxpy ({SOLVER.name.title()}) on the same problem"


def convex_check(get: Callable[[], list[Instance]], symbolic: bool, norm_spec: Any) -> Check:
    """Every instance, within a total budget of CONVEX_BUDGET_S (each run gets what is left,
    at most the solver's own limit); instances past the budget are inconclusive."""
    verdicts = []
    with stopwatch() as watch:
        for inst in get():
            left = CONVEX_BUDGET_S - (time.perf_counter() - watch.start)
            if left < 1.0:
                verdicts.append(Verdict("inconclusive", f"{inst.label}: not run, the solver "
                                                        f"witness's {CONVEX_BUDGET_S:.0f} s "
                                                        "budget is spent"))
                continue
            limit = min(SOLVER.time_limit_s or left, left)
            verdicts.append(convex_verdict(inst, replace(SOLVER, time_limit_s=limit)))
    return _combine(convex_method(norm_spec),
                    "optimal value; minimiser (unique) or membership (set-valued); "
                    "unboundedness", verdicts, watch.elapsed, symbolic)


# ============================================================================ 2. certificate
def _perturbation_directions(inst: Instance, rng: np.random.Generator) -> np.ndarray:
    """Unit (l2) random directions: Gaussian, sparse coordinate, and sign-pattern ones."""
    shape = inst.g.shape
    size = inst.g.size
    if len(shape) == 2 and inst.spec.norm.entry in SDP_NORMS:
        k = int(SVD_PERTURBATION_BUDGET / max(1, size * min(shape)))
    else:
        k = int(PERTURBATION_BUDGET / max(1, size))
    k = max(4, min(k, 200))
    dirs = rng.standard_normal((k, *shape))
    flat = dirs.reshape(k, -1)
    third = k // 3
    for j in range(third):  # coordinate directions
        flat[j] = 0.0
        flat[j, rng.integers(size)] = rng.choice([-1.0, 1.0])
    for j in range(third, 2 * third):  # random sign patterns
        flat[j] = rng.choice([-1.0, 1.0], size)
    flat /= np.linalg.norm(flat, axis=1, keepdims=True)
    return dirs


def _perturbation_test(inst: Instance, u: np.ndarray, rng: np.random.Generator,
                       scale_x: float, tol: float) -> tuple[bool, str, float]:
    """f(u + eps v) >= f(u) - tol for random v and eps in {1e-1, 1e-3, 1e-6} * scale_x
    (constraint: points outside the ball are rescaled onto it)."""
    dirs = _perturbation_directions(inst, rng)
    f0 = float(inst.objective(u[None])[0])
    worst = math.inf
    count = 0
    for eps in (1e-1, 1e-3, 1e-6):
        X = u[None] + eps * scale_x * dirs
        if inst.form == "constraint":
            sizes = inst.norm.values(X)
            over = sizes > inst.step
            X[over] *= (inst.step / sizes[over]).reshape(-1, *([1] * u.ndim))
        f = inst.objective(X)
        worst = min(worst, float(np.min(f - f0)))
        count += len(X)
    ok = worst >= -tol
    return ok, (f"{count} perturbed points: min f(u + εv) - f(u) = {worst:.3e} "
                f"({'>=' if ok else '<'} -{tol:.1e})"), max(0.0, -worst)


def certificate_verdict(inst: Instance, seed: int) -> Verdict:
    """Solver-free: Hölder lower bound attained by u, perturbations, numpy minimiser."""
    rng = np.random.default_rng(seed)
    g, a, form = inst.g, inst.step, inst.form
    dual = inst.dual
    u = inst.update
    name = inst.spec.norm.name
    lines = [f"numpy ||g||_* = {dual:.12g} (dual of {name})"]
    errors: list[float] = []
    ok = True
    claimed_g = to_array(inst.facts.g).reshape(g.shape)
    g_err = max_abs_relative_error(claimed_g, g)
    if g_err > 1e-12:
        return Verdict("failed", f"{inst.describe()}: the tool read a different gradient "
                                 f"{_brief(claimed_g)} (relative error {g_err:.2e})", g_err)

    if form == "penalty":
        return _certificate_plain_penalty(inst, rng, lines)
    if u is None:
        return Verdict("failed", f"{inst.describe()}: the tool gives no update, but the "
                                 f"{form} problem always has a minimiser", math.inf)
    size = inst.norm.value(u)
    inner = float(np.sum(g * u))
    claimed = inst.value
    if form == "penalty-squared":
        bound = -a / 4 * dual**2
        f_u = inner + size**2 / a
        scale = max(abs(bound), 1e-300)
        size_err = relative_error(size, a / 2 * dual, floor=1e-300)
        lines.append(f"(a) ||u|| = {size:.12g} vs (α/2)||g||_* = {a / 2 * dual:.12g} "
                     f"(rel. error {size_err:.1e})")
    else:
        bound = -a * dual
        f_u = inner
        scale = max(abs(bound), 1e-300)
        size_err = max(0.0, size - a) / a
        lines.append(f"(a) ||u|| = {size:.12g} <= η = {a:.12g} (excess {size_err:.1e})")
    f_err = relative_error(f_u, claimed, floor=scale)
    bound_err = relative_error(claimed, bound, floor=scale)
    lines.append(f"(b) f(u) = {f_u:.12g} vs claimed value {claimed:.12g} (rel. error "
                 f"{f_err:.1e}); (c) Hölder bound {bound:.12g} vs claimed (rel. error "
                 f"{bound_err:.1e})")
    errors += [size_err, f_err, bound_err]
    ok = all(e <= TOL.certificate for e in (size_err, f_err, bound_err))

    scale_x = float(np.linalg.norm(u)) or (a * dual if form == "penalty-squared" else a) or 1.0
    f_scale = abs(f_u) + float(np.linalg.norm(g)) * scale_x * 2 + 1e-300
    p_ok, p_line, p_err = _perturbation_test(inst, u, rng, scale_x, TOL.certificate * f_scale)
    lines.append("(d) " + p_line)
    errors.append(p_err / f_scale)
    ok = ok and p_ok

    # (e) the minimiser, from numpy's own maximiser of <g, s>
    s = inst.norm.sharp(g)
    ours = -(a / 2 * dual) * s if form == "penalty-squared" else -a * s
    e_ok, e_line, e_err = _minimiser_comparison(inst, u, ours)
    lines.append("(e) " + e_line)
    if e_err is not None:
        errors.append(e_err)
    if not ok:
        status: Status = "inconclusive" if _near_tie(inst) else "failed"
    elif e_ok is None:
        status = "inconclusive"
    else:
        status = "passed" if e_ok else "failed"
    return Verdict(status, f"{inst.describe()}: " + "; ".join(lines), max(errors))


def _minimiser_comparison(inst: Instance, u: np.ndarray, ours: np.ndarray
                          ) -> tuple[bool | None, str, float | None]:
    """Unique: u equals numpy's optimal point. Set-valued: numpy's point is in the tool's set
    and the tool's set does not accept clearly worse points. ``None`` = no verdict."""
    degenerate = inst.norm.degenerate(inst.g)
    if inst.status == "unique":
        err = max_abs_relative_error(u, ours)
        if err <= TOL.certificate * 10:
            return True, f"u equals numpy's minimiser (max rel. error {err:.1e})", err
        if degenerate:
            return None, (f"numpy's minimiser {_brief(ours)} differs from u {_brief(u)}, but "
                          "numpy sees a tie/zero, so the minimiser may not be unique"), None
        return False, (f"u {_brief(u)} differs from numpy's minimiser {_brief(ours)} "
                       f"(max rel. error {err:.1e})"), err
    if inst.status == "set-valued":
        if inst.form == "penalty-squared" and not np.any(inst.g):
            return False, ("the tool says set-valued, but with g = 0 the squared penalty "
                           "||d||^2/α has the unique minimiser d = 0"), None
        if inst.facts.membership is None:
            return None, "the tool says set-valued but gives no membership test", None
        tol = TOL.membership
        inside = inst.member(ours, tol) and inst.member(u, tol)
        worse = 1.5 * u if np.any(u) else None
        rejects = worse is None or not inst.member(worse, tol)
        text = (f"numpy's minimiser {_brief(ours)} and u are {'in' if inside else 'NOT in'} "
                f"the tool's set; 1.5 u (not optimal) is "
                f"{'rejected' if rejects else 'wrongly accepted'}")
        return inside and rejects, text, None
    return False, f"unexpected update status {inst.status!r}", None


def _certificate_plain_penalty(inst: Instance, rng: np.random.Generator,
                               lines: list[str]) -> Verdict:
    """f(d) = g^T d + ||d||/α >= (1/α - ||g||_*)||d||: bounded (value 0 at 0) iff α||g||_* <= 1;
    otherwise f(-t s) = -t (||g||_* - 1/α) -> -inf along numpy's maximiser s."""
    a, dual, g = inst.step, inst.dual, inst.g
    gap = a * dual - 1.0
    s = inst.norm.sharp(g)
    ray = [float(inst.objective((-t * s)[None])[0]) for t in (1.0, 10.0, 100.0)]
    lines.append(f"α||g||_* - 1 = {gap:.3e}; f(-t s) at t = 1, 10, 100: "
                 + ", ".join(f"{v:.6g}" for v in ray))
    claimed_unbounded = inst.status == "unbounded" or inst.value == -math.inf
    head = f"{inst.describe()}: " + "; ".join(lines)
    if claimed_unbounded:
        if gap > TOL.boundary and ray[2] < ray[1] < ray[0] < 0:
            return Verdict("passed", head + "; the ray certifies unbounded below", 0.0)
        if gap >= -TOL.boundary:
            return Verdict("inconclusive", head + "; at the threshold to float precision")
        return Verdict("failed", head + "; the tool says unbounded below but Hölder bounds "
                                        "f below by 0", math.inf)
    if gap > TOL.boundary:
        return Verdict("failed", head + f"; the tool claims the finite minimum "
                                        f"{inst.value:.6g} but the ray is unbounded below",
                       math.inf)
    if gap < -TOL.boundary and inst.status == "set-valued":
        return Verdict("failed", head + "; the tool says set-valued but α||g||_* < 1, so "
                                        "u = 0 is the only minimiser", math.inf)
    u = inst.update
    if u is None:
        return Verdict("failed", head + "; no update given for a bounded problem", math.inf)
    f_u = float(inst.objective(u[None])[0])
    scale = float(np.linalg.norm(g)) * (float(np.linalg.norm(u)) + 1.0) + 1e-300
    val_err = max(abs(inst.value), abs(f_u)) / scale
    ok = val_err <= TOL.certificate
    parts = [f"claimed value {inst.value:.6g}, f(u) = {f_u:.6g} (bound 0)"]
    scale_x = float(np.linalg.norm(u)) or (1.0 / dual if dual > 0 else 1.0)
    p_ok, p_line, _ = _perturbation_test(inst, u, rng, scale_x, TOL.certificate * scale)
    parts.append(p_line)
    ok = ok and p_ok
    if inst.status == "set-valued":
        t = scale_x
        accepted = inst.member(-t * s, TOL.membership) and inst.member(-10 * t * s,
                                                                       TOL.membership)
        parts.append(f"the ray points -t s are {'in' if accepted else 'NOT in'} the tool's set")
        ok = ok and accepted
    elif inst.status == "unique" and np.any(u):
        parts.append("u should be 0 when the minimiser is unique")
        ok = False
    return Verdict("passed" if ok else "failed", head + "; " + "; ".join(parts), val_err)


def certificate_check(get: Callable[[], list[Instance]], symbolic: bool, seed: int) -> Check:
    with stopwatch() as watch:
        verdicts = [certificate_verdict(inst, seed + i) for i, inst in enumerate(get())]
    return _combine(CERTIFICATE_METHOD,
                    "step size, objective at u, Hölder lower bound, perturbations, minimiser",
                    verdicts, watch.elapsed, symbolic)


# ============================================================================ 3. asked numbers
def _answer_float(answer: Any) -> float | None:
    expr = getattr(answer, "expr", None)
    if expr is None:
        return None
    import sympy

    expr = sympy.sympify(expr)
    if expr.free_symbols:
        return None
    return _float(expr)


def _other_update(inst: Instance, other_spec: Any) -> tuple[np.ndarray | None, str]:
    """The other norm's step: by cvxpy when in its limits, and by numpy's maximiser."""
    other = NumpyNorm.of(other_spec, inst.g.shape)
    s = other.sharp(inst.g)
    if inst.form == "penalty-squared":
        closed = -(inst.step / 2 * other.dual(inst.g)) * s
    else:
        closed = -inst.step * s
    note = "numpy maximiser"
    if _solver_size_problem(other_spec, inst.g.shape):
        return closed, note + " (solver skipped: too large)"
    scaled = _normalise(inst.form, inst.g, inst.step)
    run = solve_program(inst.form, other_spec, scaled.g, scaled.weight, SOLVER)
    if run.outcome != "optimal" or run.x is None:
        return closed, note + f" (solver: {run.status})"
    point = run.x * scaled.point_scale
    if other.degenerate(inst.g):
        return closed, note + " (the other step is set-valued; numpy's representative used)"
    err = max_abs_relative_error(point, closed)
    if err > TOL.solver_point:
        raise RuntimeError(f"cvxpy and numpy disagree on the {other_spec.name} step "
                           f"({err:.1e}); no verdict")
    return point, f"{convex_method(other_spec)}, agrees with numpy to {err:.1e}"


def asks_verdict(inst: Instance) -> Verdict:
    lines = []
    status: Status = "passed"
    errors = []
    asked = inst.facts.asked
    if not asked:
        return Verdict("inconclusive", f"{inst.label}: the tool reported no asked quantities")
    for ask, answer in asked:
        claimed = None if ask.kind in (Q.UNIQUENESS.key, Q.WHICH_NORM.key, Q.EXISTENCE.key,
                                       Q.ORTHOGONALISED.key, Q.WHICH_SOLUTION.key,
                                       Q.SINGULAR_VALUES.key) \
            else _answer_float(answer)
        if ask.kind == Q.WHICH_SOLUTION.key:
            v, line = _decrease_verdict(inst, ask, answer)
        elif ask.kind == Q.EFFECTIVE_STEP.key and claimed is not None \
                and inst.update is not None:
            entry = inst.spec.norm.entry
            D = (polar_factor_svd(inst.g) if entry is N.SPECTRAL else np.sign(inst.g)
                 if entry is N.LINF else inst.g)
            err = max_abs_relative_error(inst.update, -claimed * D)
            v = "passed" if err <= TOL.ask else "failed"
            line = (f"u = -c D with the tool's c = {claimed:.10g} and numpy's direction: max rel. "
                    f"error {err:.1e}")
            errors.append(err)
        elif ask.kind == Q.ORTHOGONALISED.key:
            v, line, err = _polar_verdict(inst, answer)
            errors.append(err)
        elif ask.kind == Q.SINGULAR_VALUES.key:
            v, line, err = _singular_values_verdict(inst, answer)
            errors.append(err)
        elif ask.kind == Q.MULTIPLE_OF_POLAR.key and claimed is not None \
                and inst.update is not None:
            ours = claimed * polar_factor_svd(inst.g)
            err = max_abs_relative_error(inst.update, ours)
            v = "passed" if err <= TOL.ask else "failed"
            line = (f"u = c U V^T: c = {claimed:.10g} times numpy's polar factor vs the tool's "
                    f"step: max rel. error {err:.1e}")
            errors.append(err)
        elif ask.kind == Q.EXISTENCE.key:
            v, line = _existence_verdict(inst, answer)
        elif ask.kind == Q.WHICH_NORM.key:
            v, line, err = _which_norm_verdict(inst, ask.measure or inst.spec.norm, answer)
            errors.append(err)
        elif ask.kind == Q.THRESHOLD.key:
            v, line = (_weight_threshold_verdict(inst, claimed) if ask.on_weight
                       else _threshold_verdict(inst, claimed))
        elif ask.kind == Q.DUAL_NORM.key and claimed is not None:
            v, line, err = _dual_norm_verdict(inst, ask.measure or inst.spec.norm, claimed)
            errors.append(err)
        elif ask.kind == Q.HOLDER_CONJUGATE.key and claimed is not None:
            v, line, err = _holder_verdict(inst, ask.measure or inst.spec.norm, claimed)
            errors.append(err)
        elif ask.kind == Q.UNIQUENESS.key:
            v, line = _uniqueness_verdict(inst, answer)
        elif ask.kind == Q.RANK.key and claimed is not None:
            v, line = _rank_verdict(inst, claimed)
        elif ask.kind == Q.WHICH_COORDINATE.key and claimed is not None:
            v, line = _coordinate_verdict(inst, claimed)
        elif ask.kind == Q.COORDINATES_MOVED.key and claimed is not None:
            v, line = _moved_verdict(inst, claimed)
        elif claimed is None or inst.update is None:
            v, line = "inconclusive", f"{ask.kind}: no numeric answer to check"
        elif ask.kind == Q.MODEL_DECREASE.key:
            ours = -float(inst.objective(np.asarray(inst.update, float)[None, ...])[0])
            err = relative_error(claimed, ours, floor=1e-300)
            v = "passed" if err <= TOL.ask else "failed"
            line = (f"model decrease: tool {claimed:.10g} vs -f(u) by numpy {ours:.10g} "
                    f"(rel. error {err:.1e})")
            errors.append(err)
        elif ask.kind == Q.LINEAR_CHANGE.key:
            ours = float(np.sum(inst.g * inst.update))
            err = relative_error(claimed, ours, floor=1e-300)
            v = "passed" if err <= TOL.ask else "failed"
            line = f"g^T u: tool {claimed:.10g} vs numpy {ours:.10g} (rel. error {err:.1e})"
            errors.append(err)
        elif ask.kind == Q.STEP_LENGTH.key and ask.other is not None:
            measure = NumpyNorm.of(ask.measure, inst.g.shape)
            other_u, how = _other_update(inst, ask.other)
            ours = measure.value(other_u)
            err = relative_error(claimed, ours, floor=1e-300)
            v = "passed" if err <= TOL.ask else "failed"
            line = (f"length of the {ask.other.name} step in {ask.measure.name}: tool "
                    f"{claimed:.10g} vs {ours:.10g} (other step by {how}; rel. error {err:.1e})")
            if v == "failed" and NumpyNorm.of(ask.other, inst.g.shape).degenerate(inst.g):
                v = "inconclusive"
                line += " - the other step is set-valued, so its length depends on the point"
            errors.append(err)
        elif ask.kind == Q.STEP_LENGTH.key:
            measure = NumpyNorm.of(ask.measure, inst.g.shape)
            ours = measure.value(inst.update)
            err = relative_error(claimed, ours, floor=1e-300)
            v = "passed" if err <= TOL.ask else "failed"
            line = (f"step length in {ask.measure.name}: tool {claimed:.10g} vs numpy "
                    f"{ours:.10g} (rel. error {err:.1e})")
            errors.append(err)
        elif ask.kind == Q.COMPARE.key:
            measure_spec = ask.measure or inst.spec.norm
            measure = NumpyNorm.of(measure_spec, inst.g.shape)
            other_u, how = _other_update(inst, ask.other)
            ours = measure.value(inst.update) / measure.value(other_u)
            ours = 1 / ours if ask.inverse else ours
            names = (ask.other.name, inst.spec.norm.name) if ask.inverse else (
                inst.spec.norm.name, ask.other.name)
            err = relative_error(claimed, ours, floor=1e-300)
            v = "passed" if err <= TOL.ask else "failed"
            line = (f"ratio {names[0]}/{names[1]} in {measure_spec.name}: "
                    f"tool {claimed:.10g} vs {ours:.10g} (other step by {how}; rel. error "
                    f"{err:.1e})")
            if v == "failed" and (NumpyNorm.of(ask.other, inst.g.shape).degenerate(inst.g)
                                  or inst.status == "set-valued"):
                v = "inconclusive"
                line += " - a step is set-valued, so the ratio depends on the representative"
            errors.append(err)
        else:
            continue
        lines.append(line)
        if v == "failed":
            status = "failed"
        elif v == "inconclusive" and status == "passed":
            status = "inconclusive"
    return Verdict(status, f"{inst.describe()}: " + "; ".join(lines),
                   max(errors) if errors else None)


FACE_VALUE_TOL = 1e-5
"""Slack on the optimal value (relative to it; absolute on the normalised program when it is
0) defining the optimal face whose spread decides uniqueness: a strictly convex program's face
then spreads about 2·sqrt(FACE_VALUE_TOL) of the step whatever the weight."""
FACE_DIRECTIONS = 3
"""Random directions along which the optimal face is explored (both ways each)."""


def _optimal_face_spread(inst: Instance) -> tuple[float | None, float, str]:
    """How far apart points of the optimal face lie: the program is solved, then c·x is
    minimised and maximised over {x : f(x) <= f* + slack} for random c. Returns (spread, size
    of the optimal point's scale, how); spread is inf when the face is unbounded, None when a
    solver run gave no verdict."""
    import cvxpy as cp

    why_not = _solver_size_problem(inst.spec.norm, inst.g.shape)
    if why_not:
        return None, 0.0, f"solver skipped: {why_not}"
    scaled = _normalise(inst.form, inst.g, inst.step)
    problem, x = build_problem(inst.form, inst.spec.norm, scaled.g, scaled.weight)
    run = solve_convex(problem, x, SOLVER)
    if run.outcome != "optimal" or run.x is None:
        return None, 0.0, f"solver: {run.status}"
    scale = scaled.weight if inst.form != "penalty-squared" else max(
        float(np.max(np.abs(run.x))), scaled.weight * 1e-3)
    slack = FACE_VALUE_TOL * (abs(run.value) if abs(run.value) > 1e-12 else 1.0)
    rng = np.random.default_rng(7)
    points = [run.x]
    for _ in range(FACE_DIRECTIONS):
        c = rng.standard_normal(inst.g.shape)
        for sign in (1.0, -1.0):
            face = cp.Problem(cp.Minimize(cp.sum(cp.multiply(sign * c, x))),
                              [*problem.constraints, problem.objective.expr <= run.value + slack])
            got = solve_convex(face, x, SOLVER)
            if got.outcome == "unbounded":
                return math.inf, scale, f"cvxpy ({run.solver.title()}): the optimal set is unbounded"
            usable = got.outcome == "optimal" or got.status == "optimal_inaccurate"
            if not usable or got.x is None:
                return None, scale, f"solver on the optimal face: {got.status}"
            points.append(got.x)
    spread = max(float(np.max(np.abs(a - b))) for a in points for b in points)
    return spread, scale, f"cvxpy ({run.solver.title()}) on the optimal face"


def _rank_verdict(inst: Instance, claimed: float) -> tuple[Status, str]:
    """The claimed rank of the step against numpy's rank of its own steepest direction (the
    step is a positive multiple of it) and of the tool's step."""
    ours = int(np.linalg.matrix_rank(inst.norm.sharp(inst.g)))
    tools = int(np.linalg.matrix_rank(inst.update)) if inst.update is not None else -1
    line = (f"rank: tool {claimed:.0f} vs numpy {ours} (numpy's steepest direction), "
            f"{tools} (the tool's step)")
    if inst.norm.degenerate(inst.g):
        return "inconclusive", line + " - numpy sees a tie, so the step is not one matrix"
    return ("passed" if claimed == ours == tools else "failed"), line


def _coordinate_verdict(inst: Instance, claimed: float) -> tuple[Status, str]:
    """The claimed moving coordinate (from 1) against the support of numpy's steepest
    direction and of the solver's minimiser."""
    s = inst.norm.sharp(inst.g).ravel()
    support = [i + 1 for i in np.flatnonzero(np.abs(s) > 1e-12 * max(1.0, np.max(np.abs(s))))]
    line = f"moving coordinate: tool {claimed:.0f} vs numpy's steepest direction {support}"
    ok = support == [round(claimed)] and abs(claimed - round(claimed)) < 1e-12
    if ok and inst.norm.degenerate(inst.g):
        return "failed", line + " - but numpy sees a tie, so no single coordinate moves"
    return ("passed" if ok else "failed"), line


def _moved_verdict(inst: Instance, claimed: float) -> tuple[Status, str]:
    """The claimed number of coordinates the step changes against the support of numpy's
    steepest direction (none when the step is 0: the plain penalty past its threshold)."""
    s = inst.norm.sharp(inst.g).ravel()
    support = int(np.count_nonzero(np.abs(s) > 1e-12 * max(1.0, float(np.max(np.abs(s))))))
    if inst.update is not None and not np.any(np.abs(np.asarray(inst.update, float)) > 1e-300):
        support = 0
    line = f"coordinates changed: tool {claimed:.0f} vs numpy's steepest direction {support}"
    if inst.norm.degenerate(inst.g):
        return "failed", line + " - but numpy sees a tie, so the step is not one point"
    ok = abs(claimed - support) < 1e-12
    return ("passed" if ok else "failed"), line


def _decrease_verdict(inst: Instance, ask: Any, answer: Any) -> tuple[Status, str]:
    """The norm the tool names against the decrease -g^T x of each compared norm's problem,
    solved by the convex solver (same g, form and weight)."""
    key = getattr(getattr(answer, "expr", None), "key", None)
    decreases = []
    for norm_spec in ask.among:
        if _solver_size_problem(norm_spec, inst.g.shape):
            return "inconclusive", "largest decrease: solver skipped (too large)"
        scaled = _normalise(inst.form, inst.g, inst.step)
        run = solve_program(inst.form, norm_spec, scaled.g, scaled.weight, SOLVER)
        if run.outcome != "optimal" or run.x is None:
            return "inconclusive", f"largest decrease: the solver says {run.status}"
        x = run.x * scaled.point_scale
        decreases.append((norm_spec.entry.key, -float(np.sum(inst.g * x))))
    pick = max if ask.largest else min
    best_key, best = pick(decreases, key=lambda kv: kv[1])
    rest = [d for k, d in decreases if k != best_key]
    margin = min(abs(best - d) for d in rest) / max(abs(best), 1e-300)
    line = ("decrease -g^T x by the solver: " + ", ".join(f"{k} {d:.8g}" for k, d in decreases)
            + f" -> {best_key}; tool {key}")
    if margin < 1e-6:
        return "inconclusive", line + " (too close to call)"
    return ("passed" if key == best_key else "failed"), line


def _polar_verdict(inst: Instance, answer: Any) -> tuple[Status, str, float]:
    """The tool's U Vᵀ against numpy's SVD and the convergent cubic Newton-Schulz iteration."""
    claimed = to_array(answer.expr).reshape(inst.g.shape)
    polar = polar_factor_svd(inst.g)
    err = max_abs_relative_error(claimed, polar)
    line = f"U V^T: tool vs numpy SVD max rel. error {err:.1e}"
    X, steps, converged = newton_schulz_cubic(inst.g)
    if converged:
        ns = max_abs_relative_error(claimed, X)
        line += f"; vs cubic Newton-Schulz ({steps} steps) {ns:.1e}"
        err = max(err, ns)
    ok = err <= TOL.newton_schulz
    return ("passed" if ok else "failed"), line, err


def _singular_values_verdict(inst: Instance, answer: Any) -> tuple[Status, str, float]:
    """The tool's singular values against numpy's SVD of G (largest first), and their sum of
    squares against ‖G‖_F² from the entries."""
    claimed = np.asarray(to_array(answer.expr), float).ravel()
    ours = np.linalg.svd(inst.g, compute_uv=False)
    if claimed.shape != ours.shape:
        return "failed", (f"singular values: the tool gives {claimed.size}, numpy's SVD "
                          f"{ours.size}"), math.inf
    err = max_abs_relative_error(claimed, ours)
    fro = float(np.sum(inst.g ** 2))
    err = max(err, relative_error(float(np.sum(claimed ** 2)), fro, floor=1e-300))
    line = (f"singular values: tool {_brief(claimed)} vs numpy SVD {_brief(ours)}, sum of "
            f"squares vs ||G||_F^2 = {fro:.10g}: max rel. error {err:.1e}")
    return ("passed" if err <= TOL.ask else "failed"), line, err


def _existence_verdict(inst: Instance, answer: Any) -> tuple[Status, str]:
    """The tool's yes/no on existence against the convex solver's status for the same program
    (optimal: a minimiser exists; unbounded: none)."""
    claimed = bool(answer.expr)
    if _solver_size_problem(inst.spec.norm, inst.g.shape):
        return "inconclusive", "existence: solver skipped (too large)"
    scaled = _normalise(inst.form, inst.g, inst.step)
    run = solve_program(inst.form, inst.spec.norm, scaled.g, scaled.weight, SOLVER)
    if run.outcome == "unsolved":
        return "inconclusive", f"existence: the solver says {run.status}"
    found = run.outcome == "optimal"
    line = (f"a minimiser exists: tool {'yes' if claimed else 'no'} vs the solver: {run.status} "
            f"-> {'yes' if found else 'no'}")
    return ("passed" if found == claimed else "failed"), line


def _uniqueness_verdict(inst: Instance, answer: Any) -> tuple[Status, str]:
    """The tool's yes/no on uniqueness against the spread of the optimal face (a point: yes;
    a segment, a polytope or a ray: no)."""
    if answer.expr is None:
        ok = inst.status == "unbounded"
        return ("passed" if ok else "failed"), ("uniqueness: the tool says no minimiser exists"
                                                 + ("" if ok else " but its update has one"))
    claimed = bool(answer.expr)
    spread, scale, how = _optimal_face_spread(inst)
    if spread is None:
        return "inconclusive", f"uniqueness: {how}"
    rel = spread / scale if scale > 0 else math.inf
    if rel <= 0.05:
        found = True
    elif rel >= 0.2:
        found = False
    else:
        return "inconclusive", (f"uniqueness: the optimal face spreads {rel:.2g} of the step "
                                f"({how}), too close to call")
    line = (f"unique: tool {'yes' if claimed else 'no'} vs {how}: spread {rel:.2g} of the step "
            f"-> {'yes' if found else 'no'}")
    return ("passed" if found == claimed else "failed"), line


def _ball_maximum(inst: Instance, norm_spec: Any) -> tuple[float | None, str]:
    """max <g, s> over the unit ball of ``norm_spec``, by cvxpy (None when not solved)."""
    why_not = _solver_size_problem(norm_spec, inst.g.shape)
    if why_not:
        return None, f"solver skipped: {why_not}"
    scaled = _normalise("constraint", inst.g, 1.0)
    problem, x = build_problem("constraint", norm_spec, scaled.g, scaled.weight)
    run = solve_convex(problem, x, SOLVER)
    if run.outcome != "optimal":
        return None, f"solver: {run.status}"
    return -run.value * scaled.value_scale, f"cvxpy ({run.solver.title()})"


def _dual_norm_verdict(inst: Instance, norm_spec: Any, claimed: float
                       ) -> tuple[Status, str, float]:
    """||g||_* against numpy's dual norm and against cvxpy's maximum over the unit ball."""
    ours = NumpyNorm.of(norm_spec, inst.g.shape).dual(inst.g)
    err = relative_error(claimed, ours, floor=1e-300)
    line = (f"dual norm of the {norm_spec.name} norm: tool {claimed:.10g} vs numpy {ours:.10g} "
            f"(rel. error {err:.1e})")
    solved, how = _ball_maximum(inst, norm_spec)
    if solved is None:
        return ("passed" if err <= TOL.ask else "failed"), line + f"; {how}", err
    solver_err = relative_error(claimed, solved, floor=1e-300)
    line += f"; max over the unit ball by {how} {solved:.10g} (rel. error {solver_err:.1e})"
    ok = err <= TOL.ask and solver_err <= TOL.solver_value
    return ("passed" if ok else "failed"), line, max(err, solver_err)


def _which_norm_verdict(inst: Instance, norm_spec: Any, answer: Any
                        ) -> tuple[Status, str, float]:
    """The norm the tool names as the dual of ``norm_spec``, evaluated on g by numpy, against
    cvxpy's maximum of <g, s> over the unit ball of ``norm_spec`` (the dual norm's definition;
    numpy's own dual formulas are not used)."""
    key = getattr(getattr(answer, "expr", None), "key", None)
    entry = N.NORMS.get(key) if isinstance(key, str) else None
    if entry is None or entry.is_matrix != (inst.g.ndim == 2) or entry.params:
        return "failed", f"dual of the {norm_spec.name} norm: the tool names {key!r}, not a " \
                         "norm of the gradient's kind without parameters", math.inf
    named = NumpyNorm(entry, tuple(inst.g.shape)).value(inst.g)
    solved, how = _ball_maximum(inst, norm_spec)
    line = f"dual of the {norm_spec.name} norm named {entry.key}: numpy {entry.key} of g " \
           f"{named:.10g}"
    if solved is None:
        return "inconclusive", line + f"; {how}", 0.0
    err = relative_error(named, solved, floor=1e-300)
    line += f" vs the maximum over the unit {norm_spec.name} ball by {how} {solved:.10g} " \
            f"(rel. error {err:.1e})"
    return ("passed" if err <= TOL.solver_value else "failed"), line, err


def _holder_verdict(inst: Instance, norm_spec: Any, claimed: float
                    ) -> tuple[Status, str, float]:
    """1/p + 1/q = 1 in floats, and Hölder's duality: ||g||_q (numpy, with the claimed q)
    equals cvxpy's maximum of <g, s> over the unit l_p ball."""
    p = {N.L1: 1.0, N.L2: 2.0, N.LINF: math.inf}.get(norm_spec.entry)
    p = float(norm_spec.p) if p is None else p
    identity = abs(1 / p + (0.0 if math.isinf(claimed) else 1 / claimed) - 1.0)
    line = f"Hölder exponent: 1/p + 1/q - 1 = {identity:.1e} with p = {p:g}, q = {claimed:g}"
    if math.isinf(claimed):
        dual = float(np.max(np.abs(inst.g)))
    elif claimed < 1:
        return "failed", line + "; q < 1 is not a norm exponent", math.inf
    else:
        dual = float(_stable_lp(inst.g.ravel(), claimed))
    solved, how = _ball_maximum(inst, norm_spec)
    if solved is None:
        return ("passed" if identity <= 1e-12 else "failed"), line + f"; {how}", identity
    err = relative_error(dual, solved, floor=1e-300)
    line += (f"; ||g||_q = {dual:.10g} vs the maximum over the unit l_p ball by {how} "
             f"{solved:.10g} (rel. error {err:.1e})")
    ok = identity <= 1e-12 and err <= TOL.solver_value
    return ("passed" if ok else "failed"), line, max(identity, err)


def _threshold_verdict(inst: Instance, claimed: float | None) -> tuple[Status, str]:
    """α* = 1/||g||_* by numpy; cvxpy: bounded with value 0 at 0.9 α*, unbounded at 1.1 α*."""
    if claimed is None:
        return "inconclusive", "threshold: no numeric answer to check"
    if inst.dual == 0:
        ok = claimed == math.inf
        return ("passed" if ok else "failed"), f"threshold: g = 0, tool says {claimed}"
    ours = 1.0 / inst.dual
    err = relative_error(claimed, ours, floor=1e-300)
    line = f"threshold α*: tool {claimed:.10g} vs 1/||g||_* = {ours:.10g} (rel. error {err:.1e})"
    if err > TOL.ask:
        return "failed", line
    if _solver_size_problem(inst.spec.norm, inst.g.shape):
        return "passed", line + "; solver skipped (too large)"
    outcomes = []
    for factor, expect in ((0.9, "optimal"), (1.1, "unbounded")):
        scaled = _normalise("penalty", inst.g, factor * claimed)
        run = solve_program("penalty", inst.spec.norm, scaled.g, scaled.weight, SOLVER)
        if run.outcome == "unsolved":
            return "inconclusive", line + f"; at {factor} α*: {run.describe(scaled.value_scale)}"
        good = run.outcome == expect and (expect != "optimal" or abs(run.value) <= 1e-6)
        outcomes.append(f"at {factor} α* the solver says {run.status}"
                        + (f" (value {run.value * scaled.value_scale:.2e})"
                           if run.outcome == "optimal" else ""))
        if not good:
            return "failed", line + "; " + "; ".join(outcomes) + f" (expected {expect})"
    return "passed", line + "; " + "; ".join(outcomes)


def _weight_threshold_verdict(inst: Instance, claimed: float | None) -> tuple[Status, str]:
    """λ* = ||g||_* on the weight λ = 1/α of gᵀd + λ||d||: numpy's dual norm, then the α-side
    check of :func:`_threshold_verdict` at α = 1/λ* (cvxpy: value 0 just above λ*, unbounded
    just below)."""
    if claimed is None:
        return "inconclusive", "threshold on the weight: no numeric answer to check"
    if inst.dual == 0:
        return (("passed" if claimed == 0 else "failed"),
                f"threshold on the weight: g = 0, tool says {claimed}")
    err = relative_error(claimed, inst.dual, floor=1e-300)
    line = (f"threshold λ* on the weight: tool {claimed:.10g} vs numpy ||g||_* = "
            f"{inst.dual:.10g} (rel. error {err:.1e})")
    if err > TOL.ask or claimed <= 0:
        return "failed", line
    v, alpha_line = _threshold_verdict(inst, 1.0 / claimed)
    return v, line + "; as α* = 1/λ*: " + alpha_line


def asks_check(get: Callable[[], list[Instance]], symbolic: bool) -> Check:
    with stopwatch() as watch:
        verdicts = [asks_verdict(inst) for inst in get()]
    return _combine(ASKS_METHOD,
                    "step lengths, ratios of step lengths, threshold, dual norm, Hölder exponent",
                    verdicts, watch.elapsed, symbolic)


# ============================================================================ 4. Newton-Schulz
def polar_factor_svd(G: np.ndarray) -> np.ndarray:
    """U_r V_r^T from numpy's SVD (zero singular values dropped: rank-deficient G)."""
    U, s, Vt = np.linalg.svd(G, full_matrices=False)
    r = _numerical_rank(s, G.shape)
    return U[:, :r] @ Vt[:r]


def newton_schulz_cubic(G: np.ndarray, max_iter: int = 200) -> tuple[np.ndarray, int, bool]:
    """X <- 1.5 X - 0.5 X X^T X from G/||G||_F until converged: singular values in (0, 1]
    go to 1 (quadratically once near it), zero ones stay zero; returns (X, steps, converged).

    Stops two steps after the update falls below 1e-9: by then the converged part is exact to
    rounding, while rounding-level 'zero' singular values (grown by at most 1.5 per step)
    are still negligible.
    """
    transpose = G.shape[0] > G.shape[1]
    X = (G.T if transpose else G) / np.linalg.norm(G)
    extra = None
    for k in range(1, max_iter + 1):
        new = 1.5 * X - 0.5 * (X @ X.T) @ X
        change = float(np.max(np.abs(new - X)))
        X = new
        if extra is None and change < 1e-9:
            extra = 2
        elif extra is not None:
            extra -= 1
            if extra == 0:
                return (X.T if transpose else X), k, True
    return (X.T if transpose else X), max_iter, False


def newton_schulz_quintic(G: np.ndarray, steps: int = 5) -> np.ndarray:
    """Muon's iteration: X <- a X + b (X X^T) X + c (X X^T)^2 X from G/||G||_F, (a, b, c) =
    (3.4445, -4.7750, 2.0315), on the wide orientation (transposed when m > n)."""
    a, b, c = QUINTIC
    transpose = G.shape[0] > G.shape[1]
    X = (G.T if transpose else G) / np.linalg.norm(G)
    for _ in range(steps):
        A = X @ X.T
        X = a * X + (b * A + c * A @ A) @ X
    return X.T if transpose else X


def quintic_report(G: np.ndarray, polar: np.ndarray) -> tuple[float, float, float, int]:
    """(max |NS5(G) - U V^T|, min and max singular value of NS5(G) on G's range, #zero)."""
    ns5 = newton_schulz_quintic(G)
    svals = np.linalg.svd(ns5, compute_uv=False)
    r = _numerical_rank(np.linalg.svd(G, compute_uv=False), G.shape)
    active = svals[:r]
    return (float(np.max(np.abs(ns5 - polar))), float(np.min(active, initial=math.inf)),
            float(np.max(active, initial=0.0)), len(svals) - r)


def newton_schulz_verdict(inst: Instance) -> Verdict:
    G, form, entry = inst.g, inst.form, inst.spec.norm.entry
    m, n = G.shape
    if not np.any(G):
        return Verdict("inconclusive", f"{inst.label}: G = 0, no direction to check")
    if min(m, n) ** 2 * max(m, n) * 4 * 60 > NEWTON_SCHULZ_FLOP_BUDGET:
        return Verdict("inconclusive", f"{inst.label}: {m}x{n} is beyond the iteration budget")
    O, steps, converged = newton_schulz_cubic(G)
    if not converged:
        return Verdict("inconclusive", f"{inst.describe()}: cubic Newton-Schulz did not converge "
                                       f"in {steps} steps (G is ill-conditioned)")
    polar = polar_factor_svd(G)
    svd_err = float(np.max(np.abs(O - polar)))
    nuclear = float(np.sum(O * G))  # <U V^T, G> = sum of singular values
    factor = 1.0 if entry is N.SPECTRAL else math.sqrt(m / n)  # sharp = factor * U V^T
    dual = factor * nuclear
    if form == "penalty-squared":
        ours = -(inst.step / 2) * dual * factor * O
    else:
        ours = -inst.step * factor * O
    u = inst.update
    err5, lo, hi, zeros = quintic_report(G, polar)
    quintic = (f"Muon's quintic Newton-Schulz (5 steps) for contrast: max |NS5(G) - U V^T| = "
               f"{err5:.2e}, its singular values on the range of G lie in [{lo:.3f}, {hi:.3f}] "
               f"- deliberately inexact (documented range about [0.5, 1.5]); an approximation "
               f"of the direction, not a witness")
    if zeros:
        quintic += f"; {zeros} zero singular value(s) of G stay zero in both iterations"
    head = (f"{inst.describe()}: cubic Newton-Schulz converged in {steps} steps, "
            f"|X - U V^T (numpy SVD)| = {svd_err:.1e}, ||G||_nuc = <X, G> = {nuclear:.12g}")
    if svd_err > TOL.newton_schulz * 10:
        return Verdict("inconclusive", head + "; the iteration and the SVD disagree; "
                                              "no verdict. " + quintic)
    if u is None:
        return Verdict("failed", head + "; the tool gives no update", math.inf)
    if inst.status == "set-valued":
        inside = inst.member(ours, TOL.membership)
        return Verdict("passed" if inside else "failed",
                       head + f"; the Newton-Schulz step {_brief(ours)} is "
                              f"{'in' if inside else 'NOT in'} the tool's set. " + quintic)
    err = max_abs_relative_error(u, ours)
    ok = err <= TOL.newton_schulz
    return Verdict("passed" if ok else "failed",
                   head + f"; the tool's step vs the Newton-Schulz step: max rel. error "
                          f"{err:.1e}" + ("" if ok else f" (tool {_brief(u)}, Newton-Schulz "
                                                         f"{_brief(ours)})") + ". " + quintic,
                   err)


def newton_schulz_check(get: Callable[[], list[Instance]], symbolic: bool) -> Check:
    with stopwatch() as watch:
        verdicts = [newton_schulz_verdict(inst) for inst in get()]
    return _combine(NEWTON_SCHULZ_METHOD,
                    "orthogonalised direction and nuclear norm without an SVD", verdicts,
                    watch.elapsed, symbolic)


# ============================================================================ entry point
def witnesses(spec: Any, solution: Any, options: SolveOptions
              ) -> list[tuple[str, Callable[[], Check]]]:
    """The independent checks of one steepest-descent part, as (method, thunk) pairs."""
    symbolic = not solution.facts.numeric
    get = _lazy(lambda: instances_of(spec, solution, options))
    out: list[tuple[str, Callable[[], Check]]] = [
        (convex_method(spec.norm), lambda: convex_check(get, symbolic, spec.norm)),
        (CERTIFICATE_METHOD, lambda: certificate_check(get, symbolic, options.seed)),
    ]
    numeric_asks = (Q.STEP_LENGTH.key, Q.COMPARE.key, Q.THRESHOLD.key, Q.DUAL_NORM.key,
                    Q.HOLDER_CONJUGATE.key, Q.UNIQUENESS.key, Q.WHICH_COORDINATE.key,
                    Q.RANK.key, Q.WHICH_NORM.key, Q.EXISTENCE.key, Q.LINEAR_CHANGE.key,
                    Q.ORTHOGONALISED.key, Q.MULTIPLE_OF_POLAR.key, Q.WHICH_SOLUTION.key,
                    Q.EFFECTIVE_STEP.key, Q.MODEL_DECREASE.key, Q.SINGULAR_VALUES.key,
                    Q.COORDINATES_MOVED.key)
    if any(a.kind in numeric_asks for a in spec.asks):
        out.append((ASKS_METHOD, lambda: asks_check(get, symbolic)))
    if spec.norm.entry in (N.SPECTRAL, N.RMS_RMS) and spec.form != "penalty":
        out.append((NEWTON_SCHULZ_METHOD, lambda: newton_schulz_check(get, symbolic)))
    return out
