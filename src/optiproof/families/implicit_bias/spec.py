"""Spec of an implicit-bias part: least-squares data, a start, a loss convention and one method.

Data is either a matrix ``X`` (m x d) with targets ``y`` (m), or a single equation ``a`` (d) with
right-hand side ``b``. The loss is ``f(theta) = c * sum_i (x_i^T theta - y_i)^2`` with ``c`` fixed
by ``loss``: ``sum`` (c = 1, the seed problem's ``(1 - a theta)^2``), ``half-sum`` (c = 1/2),
``mean`` (c = 1/m) or ``half-mean`` (c = 1/(2m)). Stochastic methods use the per-example loss
``f_i(theta) = c m (x_i^T theta - y_i)^2`` so that ``f = (1/m) sum_i f_i``.

This module imports nothing heavy: validation is pure Python (exact fractions), with numpy only
for the consistency test of large systems.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from optiproof.catalogue import OPTIMIZERS, QUANTITIES, OptimizerEntry, key_literal
from optiproof.catalogue import optimizers as O
from optiproof.catalogue import quantities as Q
from optiproof.core.fields import Matrix, Number, Vector, check_number
from optiproof.core.limits import LIMITS
from optiproof.core.problem import PartSpec
from optiproof.families.derived_spec import Derivable
from optiproof.families.implicit_bias.family import ASKS, KEY, METHODS

AskName = key_literal(ASKS)
MAX_DIM = 10_000
"""Largest d (parameters) or m (examples) accepted."""

LossConvention = Literal["sum", "half-sum", "mean", "half-mean"]


class _Method(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str

    @property
    def entry(self) -> OptimizerEntry:
        """The catalogue optimizer this method is."""
        return OPTIMIZERS[self.name]


def _in_unit_interval(v: Any, name: str) -> Any:
    n = check_number(v)
    if not 0 <= float(n) < 1:
        raise ValueError(f"{name} = {v} is outside [0, 1)")
    return n


def _momentum(v: Any) -> Any:
    """A momentum in [0, 1), or 'optimal'."""
    if isinstance(v, str) and v.strip().lower() == OPTIMAL:
        return OPTIMAL
    return _in_unit_interval(v, "beta")


def _positive(v: Any, name: str) -> Any:
    n = check_number(v)
    if float(n) <= 0:
        raise ValueError(f"{name} must be > 0, got {v}")
    return n


OPTIMAL = "optimal"
"""``beta: optimal``: the momentum that minimises the rate at the step 1/L."""
ScheduleKind = Literal["constant", "geometric", "vanishing"]


def _power(v: Any) -> Any:
    """An exponent of vanishing steps, in (0, 1]."""
    n = check_number(v)
    if not 0 < float(n) <= 1:
        raise ValueError(f"power = {v} is outside (0, 1] (a vanishing step lr0/(k+1)^power "
                         "with sum of steps infinite)")
    return n


class _Stepped(_Method):
    """A method whose (first) step size lr0 may be stated (derived from the data if omitted)."""

    lr0: Number | None = Field(None, description="The (first) step size (derived if omitted).")

    @field_validator("lr0", mode="before")
    @classmethod
    def _lr0(cls, v: Any) -> Any:
        return None if v is None else _positive(v, "lr0")


class _Vanishable(_Stepped):
    """A method that may take the vanishing steps lr0/(k+1)^power."""

    power: Number = Field(1, description="Exponent of the vanishing schedule, in (0, 1].")

    @field_validator("power", mode="before")
    @classmethod
    def _power(cls, v: Any) -> Any:
        return _power(v)


class GD(_Vanishable):
    """Full-batch gradient descent: a constant step lr0 (1/L if omitted) or the vanishing steps
    lr0/(k+1)^power."""

    name: Literal[O.GD.key] = O.GD.key
    schedule: Literal["constant", "vanishing"] = Field(
        "constant", description="constant: alpha_k = lr0; vanishing: alpha_k = lr0/(k+1)^power.")


class SGD(_Stepped):
    """Stochastic gradient descent: one example per step, cycling through the data in order; a
    constant step lr0 (1 over the stiffest per-example curvature if omitted; a stated lr0 must
    be below 2 over it, and the system consistent)."""

    name: Literal[O.SGD.key] = O.SGD.key


class HeavyBall(_Stepped):
    """Heavy-ball momentum: theta <- theta - alpha grad + beta (theta - theta_prev)."""

    name: Literal[O.HEAVY_BALL.key] = O.HEAVY_BALL.key
    beta: Number | Literal["optimal"] = Field(
        0.9, description="Momentum coefficient, 0 <= beta < 1, or 'optimal' (the best at the "
                         "step 1/L).")

    @field_validator("beta", mode="before")
    @classmethod
    def _beta(cls, v: Any) -> Any:
        return _momentum(v)


class Nesterov(_Stepped):
    """Nesterov momentum (PyTorch's SGD(nesterov=True) form)."""

    name: Literal[O.NESTEROV.key] = O.NESTEROV.key
    beta: Number | Literal["optimal"] = Field(
        0.9, description="Momentum coefficient, 0 <= beta < 1, or 'optimal' (the best at the "
                         "step 1/L: (sqrt(kappa) - 1)/(sqrt(kappa) + 1)).")

    @field_validator("beta", mode="before")
    @classmethod
    def _beta(cls, v: Any) -> Any:
        return _momentum(v)


class Preconditioned(_Stepped):
    """Gradient descent with a fixed SPD preconditioner: theta <- theta - alpha P grad."""

    name: Literal[O.PRECONDITIONED.key] = O.PRECONDITIONED.key
    P: Any = Field(..., description="SPD matrix (list of rows) or its diagonal (list).")

    @field_validator("P", mode="before")
    @classmethod
    def _p(cls, v: Any) -> Any:
        from optiproof.core.fields import check_matrix, check_vector

        if isinstance(v, (list, tuple)) and v and not isinstance(v[0], (list, tuple)):
            diag = check_vector(v)
            if any(float(x) <= 0 for x in diag):
                raise ValueError("a diagonal preconditioner needs every entry > 0 (SPD)")
            return [[x if i == j else 0 for j in range(len(diag))] for i, x in enumerate(diag)]
        rows = check_matrix(v)
        if len(rows) != len(rows[0]):
            raise ValueError(f"P must be square, got {len(rows)}x{len(rows[0])}")
        if len(rows) <= 64:
            frac = [[_fraction(x) for x in row] for row in rows]
            if any(frac[i][j] != frac[j][i] for i in range(len(frac)) for j in range(i)):
                raise ValueError("P must be symmetric (SPD)")
            if not _is_positive_definite(frac):
                raise ValueError("P is not positive definite (a leading minor is <= 0); "
                                 "a preconditioner must be SPD")
        else:
            import numpy as np

            arr = np.array([[float(x) for x in r] for r in rows])
            if not np.allclose(arr, arr.T, rtol=0, atol=1e-12 * max(1.0, abs(arr).max())):
                raise ValueError("P must be symmetric (SPD)")
            if np.linalg.eigvalsh(arr).min() <= 0:
                raise ValueError("P is not positive definite; a preconditioner must be SPD")
        return rows


class RescaledSGD(_Method):
    """Rescale each feature to unit second moment, run SGD to convergence, map back."""

    name: Literal[O.RESCALED_SGD.key] = O.RESCALED_SGD.key


class _Decaying(_Stepped):
    """A sign-like method: steps alpha_k = lr0 * gamma^k (lr0 derived from the data if omitted)."""

    gamma: Number | None = Field(None, description="Decay factor per step/epoch, in [1/2, 1).")
    schedule: Literal["geometric"] = Field("geometric",
                                           description="geometric: alpha_k = lr0 gamma^k.")

    @field_validator("gamma", mode="before")
    @classmethod
    def _gamma(cls, v: Any) -> Any:
        if v is None:
            return None
        n = check_number(v)
        if not 0.5 <= float(n) < 1:
            raise ValueError(f"gamma = {v} is outside [1/2, 1)")
        return n


class EpochwiseAdaptive(_Decaying):
    """theta <- theta - alpha_k M_k grad f_i(theta), M_k = diag(1/sqrt(mean_i g_{i,j}^2)) per epoch.

    M_k is computed at the start of epoch k from the m per-example gradients at that point
    (for m = 1 this is the gradient of the step itself, so the update is alpha_k sign(g)).
    Steps decay geometrically: alpha_k = lr0 * gamma^k (lr0 derived from the data if omitted).
    """

    name: Literal[O.EPOCHWISE.key] = O.EPOCHWISE.key


class SignGD(_Decaying, _Vanishable):
    """Sign gradient descent: theta <- theta - alpha_t sign(grad f), alpha_t = lr0 gamma^t
    (geometric), lr0 (constant) or lr0/(t+1)^power (vanishing)."""

    name: Literal[O.SIGN_GD.key] = O.SIGN_GD.key
    schedule: ScheduleKind = Field("geometric", description="geometric: lr0 gamma^t; constant: "
                                                            "lr0; vanishing: lr0/(t+1)^power.")


class _TorchAdaptive(_Method):
    lr: Number = Field(0.01, description="Initial learning rate.")
    eps: Number = Field(1e-8, description="Denominator epsilon.")
    decay: Number = Field(0.998, description="Per-iteration multiplicative learning-rate decay "
                                             "(ExponentialLR gamma), in (0, 1].")
    iterations: int = Field(6000, ge=1, le=200_000, description="Full-batch iterations.")

    @field_validator("lr", mode="before")
    @classmethod
    def _lr(cls, v: Any) -> Any:
        return _positive(v, "lr")

    @field_validator("eps", mode="before")
    @classmethod
    def _eps(cls, v: Any) -> Any:
        n = check_number(v)
        if float(n) < 0:
            raise ValueError(f"eps must be >= 0, got {v}")
        return n

    @field_validator("decay", mode="before")
    @classmethod
    def _decay(cls, v: Any) -> Any:
        n = check_number(v)
        if not 0 < float(n) <= 1:
            raise ValueError(f"decay = {v} is outside (0, 1]")
        return n


class TorchAdam(_TorchAdaptive):
    """PyTorch's Adam (full batch) with the given hyper-parameters."""

    name: Literal[O.ADAM.key] = O.ADAM.key
    beta1: Number = Field(0.9, description="First-moment decay, in [0, 1).")
    beta2: Number = Field(0.999, description="Second-moment decay, in [0, 1).")

    @field_validator("beta1", "beta2", mode="before")
    @classmethod
    def _betas(cls, v: Any, info: Any) -> Any:
        return _in_unit_interval(v, info.field_name)


class TorchRMSprop(_TorchAdaptive):
    """PyTorch's RMSprop (full batch, no momentum, not centred)."""

    name: Literal[O.RMSPROP.key] = O.RMSPROP.key
    alpha: Number = Field(0.99, description="Smoothing constant, in [0, 1).")

    @field_validator("alpha", mode="before")
    @classmethod
    def _alpha(cls, v: Any) -> Any:
        return _in_unit_interval(v, "alpha")


class TorchAdagrad(_TorchAdaptive):
    """PyTorch's Adagrad (full batch)."""

    name: Literal[O.ADAGRAD.key] = O.ADAGRAD.key
    lr: Number = Field(0.1, description="Learning rate.")
    decay: Number = Field(1, description="Per-iteration multiplicative learning-rate decay.")


class Ridge(_Method):
    """Gradient descent on f(theta) + (lam/2) ||theta||^2 (weight decay lam)."""

    name: Literal[O.RIDGE.key] = O.RIDGE.key
    lam: Number | None = Field(None, description="Weight-decay coefficient lambda > 0 (omitted: "
                               "only the lambda -> 0 limit is asked, which does not depend on "
                               "it).")

    @field_validator("lam", mode="before")
    @classmethod
    def _lam(cls, v: Any) -> Any:
        return None if v is None else _positive(v, "lam")


Method = Annotated[Union[GD, SGD, HeavyBall, Nesterov, Preconditioned,  # noqa: UP007
                         RescaledSGD, EpochwiseAdaptive, SignGD, TorchAdam, TorchRMSprop,
                         TorchAdagrad, Ridge], Field(discriminator="name")]

STOCHASTIC = (O.SGD, O.RESCALED_SGD, O.EPOCHWISE)
"""Methods that step on one example at a time."""
TORCH_ADAPTIVE = (O.ADAM, O.RMSPROP, O.ADAGRAD)
"""Methods run as PyTorch's own adaptive optimizers, with no closed form."""


def _fraction(x: Any) -> Fraction:
    """Exact value of a validated number (decimal text -> exact fraction, 0.1 -> 1/10)."""
    if isinstance(x, float):
        return Fraction(repr(x))
    if isinstance(x, int):
        return Fraction(x)
    return Fraction(str(x).strip())


def _is_positive_definite(a: list[list[Fraction]]) -> bool:
    """Exact Cholesky-free test: Gaussian elimination pivots of a symmetric matrix all > 0."""
    n = len(a)
    m = [row[:] for row in a]
    for k in range(n):
        if m[k][k] <= 0:
            return False
        for i in range(k + 1, n):
            f = m[i][k] / m[k][k]
            if f:
                for j in range(k, n):
                    m[i][j] -= f * m[k][j]
    return True


def _rank(rows: list[list[Fraction]]) -> int:
    """Exact rank by Gaussian elimination over the rationals."""
    m = [r[:] for r in rows]
    rank, ncols = 0, len(m[0]) if m else 0
    for col in range(ncols):
        piv = next((i for i in range(rank, len(m)) if m[i][col] != 0), None)
        if piv is None:
            continue
        m[rank], m[piv] = m[piv], m[rank]
        for i in range(rank + 1, len(m)):
            f = m[i][col] / m[rank][col]
            if f:
                for j in range(col, ncols):
                    m[i][j] -= f * m[rank][j]
        rank += 1
        if rank == len(m):
            break
    return rank


def consistency(X: list[list[Any]], y: list[Any]) -> tuple[bool, int]:
    """(X theta = y solvable?, rank X): exact for small systems, float64 SVD for large ones."""
    m, d = len(X), len(X[0])
    if m * (d + 1) <= LIMITS.exact_max_entries:
        fx = [[_fraction(v) for v in row] for row in X]
        r = _rank(fx)
        ra = _rank([row + [_fraction(b)] for row, b in zip(fx, y, strict=True)])
        return ra == r, r
    import numpy as np

    A = np.array([[float(v) for v in row] for row in X])
    b = np.array([float(v) for v in y])
    r = int(np.linalg.matrix_rank(A))
    sol, *_ = np.linalg.lstsq(A, b, rcond=None)
    resid = float(np.linalg.norm(A @ sol - b))
    return resid <= 1e-9 * max(1.0, float(np.linalg.norm(b))), r


class ImplicitBiasSpec(PartSpec, Derivable):
    """Where does ``method`` converge on least squares ``X theta = y`` started at ``theta0``?"""

    family: Literal[KEY] = KEY
    X: Matrix | None = Field(None, description="Data matrix, m x d (list of rows).")
    y: Vector | None = Field(None, description="Targets, m entries.")
    a: Vector | None = Field(None, description="A single equation a^T theta = b: the row a.")
    b: Number | None = Field(None, description="Right-hand side of the single equation.")
    theta0: Vector | None = Field(None, description="Start; zeros if omitted.")
    loss: LossConvention = Field("sum", description="Constant in front of the squared loss: "
                                 "sum (c = 1), half-sum (1/2), mean (1/m), half-mean (1/(2m)).")
    presume_zero_loss: bool = Field(True, description="The question presumes a zero-loss "
                                    "solution exists (an inconsistent system is then an error).")
    method: Method
    norm_squared: bool = Field(False, description="norm-value: answer the squared Euclidean "
                                                  "norms ||theta_inf||_2^2 instead.")
    weight_entry: int | None = Field(
        None, ge=1, description="which-norm: also give the matrix W of the quadratic form the "
                                "limit minimises, scaled so that its diagonal entry W_ii = 1 "
                                "for this i (1-based); omitted: not asked.")
    preconditioner_entry: int | None = Field(
        None, ge=1, description="preconditioner: give P scaled so that its diagonal entry "
                                "P_ii = 1 for this i (1-based); omitted: P as the method uses it.")
    trial_steps: list[Number] | None = Field(
        None, min_length=1, max_length=8, description="converges: the constant steps asked "
        "whether the method converges at ('would lr = 0.25 work?'); the limit is that of a "
        "convergent step, whatever these are.")
    coordinates: Literal["theta", "w", "x", "beta"] = Field(
        "theta", description="The name of the parameters' coordinates in formula answers "
                             "(which-norm: theta1, theta2, ... or w1, w2, ...).")
    asks: list[AskName] | None = Field(
        None, max_length=len(ASKS), description="What to compute, in order: limit, "
        "ridgeless-limit (ridge), min-norm-solution, is-min-norm, distance-to-min-norm, "
        "changes (does the limit differ from plain gradient descent's from the same start?), "
        "norm-value (the Euclidean norm of the limit, and of the minimum-norm solution when "
        "that is asked too), which-norm (the norm of theta - theta0, or the quadratic form in "
        "it, that the limit minimises among all solutions), "
        "converges (does the method converge at each of trial_steps?), "
        "optimal-momentum and optimal-rate (heavy-ball, nesterov), preconditioner (the fixed P of "
        "preconditioned gradient descent the method is: I for gd/sgd, its P, or diag(1/s_j^2) for "
        "rescaled-sgd); omitted: the limit (and, for ridge, its "
        "lambda -> 0 limit).")

    @field_validator("asks", mode="before")
    @classmethod
    def _asks(cls, v: Any) -> Any:
        return None if v is None else QUANTITIES.choose_all(v, ASKS, what="ask")

    @field_validator("method", mode="before")
    @classmethod
    def _method(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = {"name": v}
        if isinstance(v, dict) and isinstance(v.get("name"), str):
            v = {**v, "name": OPTIMIZERS.choose(v["name"], METHODS, what="method")}
        return v

    @model_validator(mode="after")
    def _consistent(self) -> "ImplicitBiasSpec":
        has_xy = self.X is not None or self.y is not None
        has_ab = self.a is not None or self.b is not None
        if has_xy and has_ab:
            raise ValueError("give either X and y, or a single equation a and b, not both")
        if not has_xy and not has_ab:
            raise ValueError("no data: give X (m x d) and y (m), or a (d) and b")
        if has_xy and (self.X is None or self.y is None):
            raise ValueError(f"{'y' if self.X is not None else 'X'} is missing: X and y go "
                             "together")
        if has_ab and (self.a is None or self.b is None):
            raise ValueError(f"{'b' if self.a is not None else 'a'} is missing: a and b go "
                             "together")
        X, y = self.data
        m, d = len(X), len(X[0])
        if d > MAX_DIM or m > MAX_DIM:
            raise ValueError(f"X is {m} x {d}; the limit is {MAX_DIM} for both m and d")
        if len(y) != m:
            raise ValueError(f"dimension mismatch: X has {m} rows but y has {len(y)} entries")
        if self.theta0 is not None and len(self.theta0) != d:
            raise ValueError(f"dimension mismatch: theta0 has {len(self.theta0)} entries but "
                             f"theta has {d} (the number of columns of X / entries of a)")
        if isinstance(self.method, Preconditioned) and len(self.method.P) != d:
            raise ValueError(f"dimension mismatch: method.P is {len(self.method.P)}x"
                             f"{len(self.method.P)} but theta has {d} entries")
        if all(float(v) == 0 for row in X for v in row):
            raise ValueError("X (or a) is all zeros: no data to fit")
        _check_asks(self)
        _check_schedule(self)
        ok, rank = consistency(X, y)
        if not ok:
            import numpy as np

            A = np.array([[float(v) for v in row] for row in X])
            sol, *_ = np.linalg.lstsq(A, np.array([float(v) for v in y]), rcond=None)
            res = float(np.linalg.norm(A @ sol - np.array([float(v) for v in y])))
            if self.presume_zero_loss:
                raise ValueError(
                    f"inconsistent system: X theta = y has no solution (rank X = {rank} < rank "
                    f"[X | y]; least-squares residual norm {res:.6g}), so no zero-loss point "
                    "exists and 'converges to a zero-loss solution' is impossible. Gradient "
                    "methods then reach the least-squares solution closest to theta0, "
                    "theta0 + X^+(y - X theta0); set presume_zero_loss: false to have that "
                    "least-squares limit derived")
            if self.method.entry in STOCHASTIC:
                full_batch = ", ".join(e.key for e in (O.GD, O.HEAVY_BALL, O.NESTEROV,
                                                       O.PRECONDITIONED, O.RIDGE))
                raise ValueError(f"method {self.method.name}: constant-step stochastic methods "
                                 "do not converge on an inconsistent system (the per-example "
                                 f"gradients never vanish together); use {full_batch}")
        return self

    @property
    def asked(self) -> list[str]:
        """The asked quantities: as given, else the limit (and the ridgeless limit for ridge)."""
        if self.asks is not None:
            return list(self.asks)
        if self.method.entry is O.RIDGE and self.method.lam is None:
            return [Q.RIDGELESS_LIMIT.key]
        return [Q.LIMIT.key] + ([Q.RIDGELESS_LIMIT.key] if self.method.entry is O.RIDGE else [])

    @property
    def data(self) -> tuple[list[list[Any]], list[Any]]:
        """(X, y) as lists, the single equation read as a 1 x d system."""
        if self.X is not None:
            return self.X, self.y  # type: ignore[return-value]
        return [list(self.a)], [self.b]  # type: ignore[arg-type]


Spec = ImplicitBiasSpec


MOMENTUM_ASKS = (Q.OPTIMAL_MOMENTUM.key, Q.OPTIMAL_RATE.key)
WHICH_NORM_METHODS = (O.GD, O.SGD, O.HEAVY_BALL, O.NESTEROV, O.PRECONDITIONED, O.RESCALED_SGD)
"""Methods whose limit is the closest solution to theta0 in a fixed quadratic metric."""
MAX_STEP_METHODS = (O.GD, O.PRECONDITIONED, O.HEAVY_BALL, O.NESTEROV)
"""Full-batch linear methods whose largest convergent constant step is known in closed form."""
PRECONDITIONER_METHODS = (O.GD, O.PRECONDITIONED, O.RESCALED_SGD)
"""Methods that are full-batch gradient descent with a fixed preconditioner P (GD: P = I)."""


def _check_asks(spec: ImplicitBiasSpec) -> None:
    """Each ask applies to the part's method."""
    method = spec.method.entry
    asked = spec.asked
    if Q.RIDGELESS_LIMIT.key in asked and method is not O.RIDGE:
        raise ValueError(f"asks: '{Q.RIDGELESS_LIMIT.key}' is the lambda -> 0 limit of "
                         f"{O.RIDGE.key}, not of {method.key}")
    if method is O.RIDGE and spec.method.lam is None and \
            set(asked) - {Q.RIDGELESS_LIMIT.key, Q.MIN_NORM_SOLUTION.key, Q.NORM_VALUE.key}:
        raise ValueError("method.lam: the weight decay lambda is needed for "
                         f"{', '.join(sorted(set(asked) - {Q.RIDGELESS_LIMIT.key}))} (only the "
                         "lambda -> 0 limit does not depend on it)")
    if Q.CHANGES.key in asked and method is O.GD:
        raise ValueError(f"asks: '{Q.CHANGES.key}' compares the limit with plain gradient "
                         f"descent's; the method is {O.GD.key} itself")
    if Q.WHICH_NORM.key in asked and method not in WHICH_NORM_METHODS and not (
            method in (O.SIGN_GD, O.EPOCHWISE) and len(spec.data[0]) == 1):
        raise ValueError(f"asks: '{Q.WHICH_NORM.key}' is known for the methods confined to "
                         "theta0 + P row(X) (" + ", ".join(e.key for e in WHICH_NORM_METHODS)
                         + f") and for sign-like descent on one equation, not for {method.key}")
    if Q.PRECONDITIONER.key in asked and method not in PRECONDITIONER_METHODS:
        raise ValueError(f"asks: '{Q.PRECONDITIONER.key}' is the fixed P of preconditioned gradient "
                         "descent, known for " + ", ".join(e.key for e in PRECONDITIONER_METHODS)
                         + f", not for {method.key}")
    if spec.preconditioner_entry is not None and spec.preconditioner_entry > len(spec.data[0][0]):
        raise ValueError(f"preconditioner_entry: P has {len(spec.data[0][0])} diagonal entries, not "
                         f"{spec.preconditioner_entry}")
    if Q.ITERATIONS.key in asked and not (
            method is O.SIGN_GD and getattr(spec.method, "schedule", None) == "constant"
            and len(spec.data[0]) == 1) and not (
            method is O.GD and spec.method.schedule == "constant" and spec.method.lr0 is not None):
        raise ValueError(f"asks: '{Q.ITERATIONS.key}' (the steps until the limit is reached "
                         f"exactly) is derived for {O.SIGN_GD.key} with a constant step on one "
                         f"equation and for {O.GD.key} with a stated constant step, not for this "
                         f"{method.key} part")
    if Q.MAX_STEP.key in asked and method not in MAX_STEP_METHODS:
        raise ValueError(f"asks: '{Q.MAX_STEP.key}' (the largest convergent constant step) is "
                         "derived for " + ", ".join(e.key for e in MAX_STEP_METHODS)
                         + f", not for {method.key}")
    if (Q.CONVERGES.key in asked) != (spec.trial_steps is not None):
        raise ValueError(f"asks: '{Q.CONVERGES.key}' goes with trial_steps, the steps it is "
                         "asked at")
    if Q.CONVERGES.key in asked and (method not in MAX_STEP_METHODS or
                                     getattr(spec.method, "beta", 0) == OPTIMAL):
        raise ValueError(f"asks: '{Q.CONVERGES.key}' at a trial step is derived for "
                         + ", ".join(e.key for e in MAX_STEP_METHODS) + " (with a numeric "
                         f"momentum), not for {method.key}")
    if spec.trial_steps is not None:
        for v in spec.trial_steps:
            if Fraction(str(v)) <= 0:
                raise ValueError(f"trial_steps: {v} is not a positive step")
    if Q.MAX_STEP.key in asked and getattr(spec.method, "beta", 0) == OPTIMAL:
        raise ValueError("method.beta: the largest stable step needs the momentum as a number")
    if Q.MAX_STEP.key in asked and getattr(spec.method, "schedule", "constant") != "constant":
        raise ValueError(f"asks: '{Q.MAX_STEP.key}' is the largest constant step; the method's "
                         "schedule is not constant")
    if set(MOMENTUM_ASKS) & set(asked) and method not in (O.HEAVY_BALL, O.NESTEROV):
        raise ValueError(f"asks: the optimal momentum and rate need method {O.HEAVY_BALL.key} "
                         f"or {O.NESTEROV.key}, not {method.key}")


def _check_schedule(spec: ImplicitBiasSpec) -> None:
    """The schedules whose limit is known: GD with lr0 < 2/L; sign descent on one equation."""
    meth = spec.method
    schedule = getattr(meth, "schedule", "geometric")
    if meth.entry is O.SIGN_GD and schedule != "geometric" and len(spec.data[0]) > 1:
        raise ValueError(f"method.schedule: {schedule} sign descent is derived on one equation "
                         "(a, b); with several equations its limit has no closed form")
    if meth.entry is O.SIGN_GD and schedule == "constant" and meth.lr0 is None:
        raise ValueError("method.lr0: a constant sign-descent step needs its size lr0")
    if meth.entry in (O.HEAVY_BALL, O.NESTEROV, O.PRECONDITIONED) and meth.lr0 is not None:
        _check_linear_step(spec)
    if meth.entry is O.SGD and meth.lr0 is not None:
        _check_sgd_step(spec)
    if meth.entry is O.GD and meth.lr0 is not None:
        import numpy as np

        from optiproof.families.implicit_bias import schedules

        X = np.array([[float(v) for v in r] for r in spec.data[0]])
        L, _ = schedules.full_batch_curvature(X, schedules.loss_constant(spec.loss, X.shape[0]))
        if float(meth.lr0) * L >= 2:
            raise ValueError(f"method.lr0 = {meth.lr0} is at least 2/L = {2 / L:.6g}: gradient "
                             "descent does not converge (it needs 0 < lr0 < 2/L)")


def _check_sgd_step(spec: ImplicitBiasSpec) -> None:
    """A stated constant SGD step: every per-example step (I - lr0 2cm x_i x_i^T) must contract,
    lr0 max_i 2cm||x_i||^2 < 2, and the system must be solvable (with a constant step SGD on
    an inconsistent system keeps moving)."""
    import numpy as np

    from optiproof.families.implicit_bias import schedules

    X = np.array([[float(v) for v in r] for r in spec.data[0]])
    Li = schedules.per_example_curvature(X, schedules.loss_constant(spec.loss, X.shape[0]))
    if float(spec.method.lr0) * Li >= 2:
        raise ValueError(f"method.lr0 = {spec.method.lr0} is at least 2/L_i = {2 / Li:.6g} "
                         "(L_i the stiffest per-example curvature, in the loss convention "
                         f"{spec.loss}): the SGD steps are not all contractions")
    if not consistency(*spec.data)[0]:
        raise ValueError("method.lr0: with a constant step SGD converges only when the data "
                         "can be fitted exactly; this system cannot")


def _check_linear_step(spec: ImplicitBiasSpec) -> None:
    """A stated step of heavy ball, Nesterov or preconditioned descent must converge:
    lr0 * L below 2(1 + beta), 2(1 + beta)/(1 + 2 beta) or 2 (L the largest curvature)."""
    import numpy as np

    from optiproof.families.implicit_bias import schedules

    meth = spec.method
    beta = getattr(meth, "beta", 0)
    if beta == OPTIMAL:
        raise ValueError("method.beta: 'optimal' is the best momentum at the step 1/L; with a "
                         "stated step lr0 give beta as a number")
    X = np.array([[float(v) for v in r] for r in spec.data[0]])
    P = np.array([[float(v) for v in r] for r in meth.P]) if meth.entry is O.PRECONDITIONED \
        else None
    L, _ = schedules.full_batch_curvature(X, schedules.loss_constant(spec.loss, X.shape[0]), P)
    bound = schedules.step_bound(meth.entry.key, float(beta))
    if float(meth.lr0) * L >= bound:
        raise ValueError(f"method.lr0 = {meth.lr0} is at least {bound / L:.6g}, the largest step "
                         f"at which {meth.entry.key} converges here (lr0 L < {bound:.6g}, L = "
                         f"{L:.6g}): it does not converge")
