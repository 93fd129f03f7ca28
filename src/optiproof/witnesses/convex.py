"""Convex-solver witnesses: solve a cvxpy problem, or a conic program given to Clarabel
directly, with a pinned, accurate solver and read its status honestly.

A generic solver is not automatically right. Measured on the squared-l1 steepest-descent
problem at d = 1000, cvxpy's default QP solver (OSQP) stopped at its iteration limit
(status ``user_limit``) with an objective far from the optimum, SCS was accurate to about 1e-5
to 1e-7, Clarabel (interior point) to about 1e-10. So every solve here names its solver and a
time limit, and the outcome is classified into exactly one of

- ``optimal``    the solver proved optimality: its value (and point) may be compared;
- ``unbounded``  the solver proved the objective unbounded below (a dual infeasibility
                 certificate; ``infeasible_or_unbounded`` counts, since our problems are
                 always feasible);
- ``infeasible`` the solver claims a primal infeasibility certificate;
- ``unsolved``   anything else (iteration or time limit, ``*_inaccurate``, solver error):
                 a witness must report this as inconclusive, never as passed or failed.

cvxpy and Clarabel are imported lazily (heavy imports; Clarabel alone is the lighter).
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from optiproof.core.limits import LIMITS

if TYPE_CHECKING:
    import cvxpy as cp

Outcome = Literal["optimal", "unbounded", "infeasible", "unsolved"]

_TIME_LIMIT_OPTION = {"CLARABEL": "time_limit", "SCS": "time_limit_secs", "OSQP": "time_limit"}


@dataclass(frozen=True)
class ConicSolver:
    """Which solver to run, with which options and time limit (one frozen config per choice)."""

    name: str = "CLARABEL"
    time_limit_s: float | None = LIMITS.solver_time_s
    options: tuple[tuple[str, Any], ...] = ()

    def solve_kwargs(self) -> dict[str, Any]:
        kwargs = dict(self.options)
        key = _TIME_LIMIT_OPTION.get(self.name)
        if key is not None and self.time_limit_s is not None:
            kwargs.setdefault(key, float(self.time_limit_s))
        return kwargs


CLARABEL = ConicSolver(options=(("tol_gap_abs", 1e-10), ("tol_gap_rel", 1e-10)))
"""The pinned witness solver: Clarabel (interior point) with its duality-gap tolerances tightened
from 1e-8 to 1e-10 (feasibility stays at 1e-8) and a time limit of ``LIMITS.solver_time_s``.

Why 1e-10: minimisers of problems that are not strongly convex at the optimum (a linear
objective over a curved ball, a squared l_p or spectral norm) are only as accurate as the square
root of the gap. Measured on random instances: at the default 1e-8 the minimiser was off by up
to 1.6e-4 (l_3 and spectral constraint form); at 1e-10 by at most 2e-5, every run still
``optimal``. Tightening further (1e-12) turns most runs into ``optimal_inaccurate``."""


@dataclass(frozen=True)
class ConvexRun:
    """The outcome of one solve: cvxpy's status string, value, point, runtime, solver name."""

    solver: str
    status: str
    value: float | None
    x: np.ndarray | None
    runtime_s: float
    error: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def outcome(self) -> Outcome:
        """``optimal`` / ``unbounded`` / ``infeasible`` only on a certificate; else unsolved."""
        if self.status == "optimal" and self.value is not None and np.isfinite(self.value):
            return "optimal"
        if self.status in ("unbounded", "infeasible_or_unbounded"):
            return "unbounded"
        if self.status == "infeasible":
            return "infeasible"
        return "unsolved"

    def describe(self, value_scale: float = 1.0) -> str:
        """``Clarabel: optimal, value -1.125 (0.012 s)`` or the failure reason; the value is
        multiplied by ``value_scale`` (for problems solved in rescaled units)."""
        head = f"{self.solver.title()}: {self.status}"
        if self.error:
            head += f" ({self.error})"
        if self.value is not None and np.isfinite(self.value):
            head += f", value {self.value * value_scale:.10g}"
        return head + f" ({self.runtime_s:.3g} s)"


def solve_convex(problem: "cp.Problem", variable: "cp.Variable | None" = None,
                 solver: ConicSolver = CLARABEL) -> ConvexRun:
    """Solve ``problem`` with exactly ``solver`` (no fallback) and capture the outcome.

    A ``SolverError`` or any other exception of the solver becomes status ``solver_error``
    with the message kept, so the caller can report it as inconclusive.
    """
    import cvxpy as cp

    start = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "solution may be inaccurate": we read the status
            problem.solve(solver=getattr(cp, solver.name), **solver.solve_kwargs())
    except (cp.error.SolverError, ValueError, ArithmeticError) as exc:
        return ConvexRun(solver.name, "solver_error", None, None,
                         time.perf_counter() - start, error=f"{type(exc).__name__}: {exc}"[:200])
    runtime = time.perf_counter() - start
    value = problem.value
    value = float(value) if value is not None and np.isscalar(value) else None
    x = None
    if variable is not None and variable.value is not None:
        x = np.array(variable.value, dtype=float)
    return ConvexRun(solver.name, str(problem.status), value, x, runtime)


_CLARABEL_STATUS = {"Solved": "optimal", "AlmostSolved": "optimal_inaccurate",
                    "DualInfeasible": "unbounded", "AlmostDualInfeasible": "unbounded_inaccurate",
                    "PrimalInfeasible": "infeasible",
                    "AlmostPrimalInfeasible": "infeasible_inaccurate",
                    "MaxIterations": "user_limit", "MaxTime": "user_limit"}
"""Clarabel's statuses in cvxpy's words (a dual infeasibility certificate proves the problem
unbounded); any other status is ``solver_error``."""


def solve_conic(P: Any, q: np.ndarray, A: Any, b: np.ndarray, cones: list[Any], size: int,
                solver: ConicSolver = CLARABEL) -> ConvexRun:
    """Solve min 1/2 z^T P z + q^T z s.t. A z + s = b, s in cones with Clarabel itself (no
    modelling layer), with ``solver``'s options and time limit; the point is z[:size]."""
    import clarabel

    start = time.perf_counter()
    settings = clarabel.DefaultSettings()
    settings.verbose = False
    for key, value in dict(solver.options).items():
        setattr(settings, key, value)
    if solver.time_limit_s is not None:
        settings.time_limit = float(solver.time_limit_s)
    try:
        result = clarabel.DefaultSolver(P, q, A, b, cones, settings).solve()
    except (ValueError, ArithmeticError, RuntimeError, TypeError) as exc:
        return ConvexRun(solver.name, "solver_error", None, None,
                         time.perf_counter() - start, error=f"{type(exc).__name__}: {exc}"[:200])
    status = _CLARABEL_STATUS.get(str(result.status), "solver_error")
    x = np.array(result.x[:size], dtype=float) if status == "optimal" else None
    value = float(result.obj_val) if status == "optimal" else None
    return ConvexRun(solver.name, status, value, x, time.perf_counter() - start)


def relative_error(claimed: float, reference: float, floor: float = 0.0) -> float:
    """``|claimed - reference| / max(|claimed|, |reference|, floor)`` (0 when both are 0)."""
    scale = max(abs(claimed), abs(reference), floor)
    diff = abs(claimed - reference)
    if scale == 0.0:
        return 0.0 if diff == 0.0 else float("inf")
    return diff / scale


def max_abs_relative_error(claimed: np.ndarray, reference: np.ndarray, floor: float = 0.0
                           ) -> float:
    """``max |claimed - reference| / max(max|claimed|, max|reference|, floor)``."""
    claimed = np.asarray(claimed, dtype=float)
    reference = np.asarray(reference, dtype=float)
    scale = max(float(np.max(np.abs(claimed), initial=0.0)),
                float(np.max(np.abs(reference), initial=0.0)), floor)
    diff = float(np.max(np.abs(claimed - reference), initial=0.0))
    if scale == 0.0:
        return 0.0 if diff == 0.0 else float("inf")
    return diff / scale
