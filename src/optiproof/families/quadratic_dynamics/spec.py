"""Spec of a quadratic-dynamics part: f(θ) = ½ θᵀHθ − bᵀθ, one method, and what is asked.

The curvature is either a matrix ``H`` (symmetric positive semidefinite) or its ``eigenvalues``
(numbers, or two symbol names such as ``[mu, L]`` meaning "the eigenvalues lie in [μ, L] and
both ends are attained"). ``method`` is ``gd``, ``heavy-ball`` or ``nesterov``; ``alpha`` (a
number, or ``1/L`` for one over the largest eigenvalue) and ``beta`` are the hyper-parameters
the asks that need them use. Validation is pure Python with exact fractions (numpy only above
:data:`EXACT_MAX_SIDE`), so importing this module is light.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from optiproof.catalogue import OPTIMIZERS, QUANTITIES, OptimizerEntry, key_literal
from optiproof.catalogue import optimizers as O
from optiproof.catalogue import quantities as Q
from optiproof.core.fields import Matrix, Vector, check_number, check_symbol_name
from optiproof.core.limits import LIMITS
from optiproof.core.problem import PartSpec
from optiproof.families.derived_spec import Derivable
from optiproof.families.quadratic_dynamics.family import ASKS, KEY, METHODS

EXACT_MAX_SIDE = 64
"""Largest H checked for symmetry and semidefiniteness in exact arithmetic."""

Method = key_literal(METHODS)
Ask = key_literal(ASKS)
SAME_ON_QUADRATICS = {O.SGD: O.GD}
"""Names accepted for a method because they coincide with it on a deterministic quadratic."""
INVERSE_L = "1/L"
"""``alpha: 1/L`` - one over the largest eigenvalue of H."""


def fraction(x: Any) -> Fraction:
    """Exact value of a validated number (decimal text -> exact fraction, 0.1 -> 1/10)."""
    if isinstance(x, float):
        return Fraction(repr(x))
    if isinstance(x, int):
        return Fraction(x)
    return Fraction(str(x).strip())


def psd_status(a: list[list[Fraction]]) -> str:
    """'pd', 'psd' (singular) or 'indefinite', by exact symmetric elimination (Schur complements).

    A zero pivot of a PSD matrix forces its whole remaining row to vanish; a negative pivot or a
    zero pivot with a nonzero row means an indefinite matrix."""
    n = len(a)
    m = [row[:] for row in a]
    singular = False
    for k in range(n):
        if m[k][k] < 0:
            return "indefinite"
        if m[k][k] == 0:
            if any(m[k][j] != 0 for j in range(k + 1, n)):
                return "indefinite"
            singular = True
            continue
        for i in range(k + 1, n):
            f = m[i][k] / m[k][k]
            if f:
                for j in range(k, n):
                    m[i][j] -= f * m[k][j]
    return "psd" if singular else "pd"


class QuadraticDynamicsSpec(PartSpec, Derivable):
    """Gradient descent / heavy ball / Nesterov on f(θ) = ½ θᵀHθ − bᵀθ: the asked quantities."""

    family: Literal[KEY] = KEY
    H: Matrix | None = Field(None, description="Symmetric positive semidefinite n x n matrix.")
    eigenvalues: list[Any] | None = Field(
        None, description="Eigenvalues of H (numbers), or two symbol names [mu, L] for the "
                          "smallest and largest eigenvalue.")
    b: Vector | None = Field(None, description="Linear term (optional; it moves the minimiser "
                                               "but not the dynamics of the error).")
    function: str | None = Field(
        None, max_length=400, description="The objective as written (e.g. '2x^2 + 8y^2'), whose "
                                          "Hessian is H: needed when the Hessian is asked.")
    variables: list[str] | None = Field(
        None, max_length=64, description="The unknowns of `function`, in the order of H's rows.")
    method: Method = Field(O.GD.key, description="gd, heavy-ball or nesterov.")
    alpha: Any = Field(None, description="Step size > 0, or '1/L' (one over the largest "
                                         "eigenvalue).")
    beta: Any = Field(None, description="Momentum coefficient, 0 <= beta < 1.")
    dampening: Any = Field(0, description="PyTorch SGD dampening, 0 <= dampening < 1.")
    epsilon: Any = Field(None, description="Error reduction factor for 'iterations', 0 < eps "
                                           "< 1.")
    theta0: Vector | None = Field(None, description="Start θ_0 of the iterates asked by "
                                                    "'theta-t'.")
    steps: list[int] | None = Field(None, max_length=8, description="The indices t of the "
                                                                    "iterates θ_t asked.")
    value_steps: list[int] | None = Field(None, max_length=8, description="The indices t of "
                                          "the values f(θ_t) asked (each also in steps).")
    asks: list[Ask] = Field(..., min_length=0, max_length=12,
                            description="What to compute, in order.")

    @field_validator("method", mode="before")
    @classmethod
    def _method(cls, v: Any) -> Any:
        if isinstance(v, str):
            return OPTIMIZERS.choose(v, METHODS, also=SAME_ON_QUADRATICS, what="method")
        return v

    @field_validator("asks", mode="before")
    @classmethod
    def _asks(cls, v: Any) -> Any:
        return QUANTITIES.choose_all(v, ASKS, what="ask")

    @field_validator("eigenvalues", mode="before")
    @classmethod
    def _eigenvalues(cls, v: Any) -> Any:
        if v is None:
            return None
        if not isinstance(v, (list, tuple)) or not v:
            raise ValueError("expected a non-empty list of eigenvalues")
        if len(v) > LIMITS.max_matrix_side:
            raise ValueError(f"{len(v)} eigenvalues exceeds the limit of "
                             f"{LIMITS.max_matrix_side}")
        out = []
        for x in v:
            if isinstance(x, str) and x.strip() and x.strip()[0].isalpha():
                out.append(check_symbol_name(x.strip()))
            else:
                n = check_number(x)
                if fraction(n) < 0:
                    raise ValueError(f"eigenvalue {x} < 0: H is indefinite, so f has no "
                                     "minimum (expected H positive semidefinite)")
                out.append(n)
        symbols = [x for x in out if isinstance(x, str) and x[0].isalpha()]
        if symbols and (len(out) != 2 or len(symbols) != 2 or symbols[0] == symbols[1]):
            raise ValueError("symbolic eigenvalues are given as two different names "
                             "[smallest, largest], e.g. [mu, L]")
        return out

    @field_validator("alpha", mode="before")
    @classmethod
    def _alpha(cls, v: Any) -> Any:
        if v is None:
            return None
        if isinstance(v, str) and v.replace(" ", "").lower() in ("1/l", "1/lambda_max"):
            return INVERSE_L
        n = check_number(v)
        if fraction(n) <= 0:
            raise ValueError(f"alpha must be > 0 (a step size), got {v}")
        return n

    @field_validator("beta", "dampening", mode="before")
    @classmethod
    def _unit(cls, v: Any, info: Any) -> Any:
        if v is None:
            return None
        n = check_number(v)
        if not 0 <= fraction(n) < 1:
            raise ValueError(f"{info.field_name} = {v} is outside [0, 1)")
        return n

    @field_validator("epsilon", mode="before")
    @classmethod
    def _eps(cls, v: Any) -> Any:
        if v is None:
            return None
        n = check_number(v)
        if not 0 < fraction(n) < 1:
            raise ValueError(f"epsilon = {v} is outside (0, 1) (the factor by which the error "
                             "must shrink, e.g. 1e-6)")
        return n

    @model_validator(mode="after")
    def _consistent(self) -> "QuadraticDynamicsSpec":
        if (self.H is None) == (self.eigenvalues is None):
            raise ValueError("give the curvature either as H (a matrix) or as its eigenvalues, "
                             "exactly one of them")
        if self.H is not None:
            _check_H(self.H)
        n = self.n
        if self.b is not None:
            if len(self.b) != n:
                raise ValueError(f"dimension mismatch: b has {len(self.b)} entries but H is "
                                 f"{n} x {n}")
            if self.symbolic:
                raise ValueError("b with symbolic eigenvalues: give b only with numeric H")
            _check_b_in_range(self)
        if not self.symbolic and max(self.eigen_fractions()) == 0:
            raise ValueError("H = 0 has no curvature: nothing converges or diverges "
                             "(expected at least one positive eigenvalue)")
        if (self.function is None) != (self.variables is None):
            raise ValueError("give function and variables together")
        if self.variables is not None:
            if self.H is None or len(self.variables) != n:
                raise ValueError(f"function: its {len(self.variables)} variables need H "
                                 f"{len(self.variables)} x {len(self.variables)}")
            for v in self.variables:
                check_symbol_name(v)
        if Q.MINIMISER.key in self.asks and (self.b is None or self.symbolic):
            raise ValueError("asks: the minimiser needs b and a numeric H (f = ½θᵀHθ − bᵀθ)")
        if Q.THETA_T.key in self.asks or Q.VALUE_T.key in self.asks:
            _check_iterates(self)
        if Q.VALUE_T.key in self.asks and (not self.value_steps or not set(self.value_steps) <=
                                           set(self.steps or [])):
            raise ValueError(f"asks: '{Q.VALUE_T.key}' needs value_steps, the indices t of the "
                             "values f(θ_t) asked, each one of steps")
        if "hessian" in self.asks and self.function is None:
            raise ValueError("asks: 'hessian' needs the function H is the Hessian of "
                             "(function, variables)")
        momentum = self.method != O.GD.key
        for ask in self.asks:
            if ask in ("rate", "regime", "pytorch", Q.SLOWEST_DIRECTION.key) and \
                    self.alpha is None:
                raise ValueError(f"asks: '{ask}' needs the step size alpha")
            if ask in ("rate", "regime", Q.SLOWEST_DIRECTION.key) and momentum and \
                    self.beta is None:
                raise ValueError(f"asks: '{ask}' for {self.method} needs the momentum beta")
            if ask == "pytorch" and self.beta is None:
                raise ValueError("asks: 'pytorch' needs the momentum coefficient beta")
            if ask == "iterations" and self.epsilon is None:
                raise ValueError("asks: 'iterations' needs epsilon (the factor by which the "
                                 "error must shrink, e.g. 1e-6)")
            if ask == "iterations" and momentum and (self.alpha is None) != (self.beta is None):
                raise ValueError("asks: 'iterations' for momentum needs both alpha and beta, "
                                 "or neither (then the optimal pair is used)")
            if ask in ("regime", Q.SLOWEST_DIRECTION.key) and self.symbolic:
                raise ValueError(f"asks: '{ask}' needs numeric eigenvalues")
            if ask in ("rate", "iterations") and self.symbolic and self.alpha not in (
                    None, INVERSE_L):
                raise ValueError(f"asks: '{ask}' with symbolic eigenvalues needs alpha = 1/L "
                                 "or no alpha (a numeric step cannot be compared with μ, L)")
            if ask in ("rate", "iterations") and self.symbolic and momentum and \
                    self.alpha is not None:
                raise ValueError(f"asks: '{ask}' for {self.method} with symbolic eigenvalues is "
                                 "derived at the optimal (alpha, beta) only; give numeric "
                                 "eigenvalues for a given alpha, beta")
        fixed_step = momentum and self.alpha is not None and "optimal-step" not in self.asks
        if "optimal-momentum" in self.asks and not momentum:
            raise ValueError("asks: 'optimal-momentum' needs a momentum method (heavy-ball or "
                             "nesterov); gradient descent has no momentum")
        if fixed_step and {"optimal-momentum", "optimal-rate"} & set(self.asks):
            _check_fixed_step(self)
        if self.dampening not in (0, None) and "pytorch" not in self.asks:
            raise ValueError("dampening only enters the 'pytorch' ask")
        return self

    # -- derived views ------------------------------------------------------------------------

    @property
    def entry(self) -> OptimizerEntry:
        """The catalogue optimizer this part studies."""
        return OPTIMIZERS[self.method]

    @property
    def n(self) -> int:
        return len(self.H) if self.H is not None else len(self.eigenvalues or [])

    @property
    def symbolic(self) -> bool:
        return self.eigenvalues is not None and any(
            isinstance(x, str) and x[0].isalpha() for x in self.eigenvalues)

    def eigen_fractions(self) -> list[Fraction]:
        """Numeric eigenvalues given directly, or the diagonal of a diagonal H (else [])."""
        if self.eigenvalues is not None:
            return [fraction(x) for x in self.eigenvalues]
        assert self.H is not None
        return [fraction(self.H[i][i]) for i in range(len(self.H))]

    @property
    def H_is_diagonal(self) -> bool:
        if self.H is None:
            return True
        return all(fraction(v) == 0 for i, row in enumerate(self.H) for j, v in enumerate(row)
                   if i != j)


def _check_H(rows: list[list[Any]]) -> None:
    n = len(rows)
    if n != len(rows[0]):
        raise ValueError(f"H must be square, got {n}x{len(rows[0])}")
    if n <= EXACT_MAX_SIDE:
        a = [[fraction(x) for x in row] for row in rows]
        bad = next(((i, j) for i in range(n) for j in range(i) if a[i][j] != a[j][i]), None)
        if bad:
            i, j = bad
            raise ValueError(f"H is not symmetric: H[{i}][{j}] = {rows[i][j]} but H[{j}][{i}] = "
                             f"{rows[j][i]} (the Hessian of a quadratic is symmetric; use "
                             "(H + H^T)/2)")
        if psd_status(a) == "indefinite":
            raise ValueError("H is indefinite (it has a negative eigenvalue), so f(θ) = ½θᵀHθ "
                             "− bᵀθ has no minimum and the convergence questions presume one "
                             "(expected H positive semidefinite)")
        return
    import numpy as np

    arr = np.array([[float(x) for x in r] for r in rows])
    scale = max(1.0, float(np.abs(arr).max()))
    if not np.allclose(arr, arr.T, rtol=0, atol=1e-12 * scale):
        raise ValueError("H is not symmetric (the Hessian of a quadratic is symmetric)")
    if float(np.linalg.eigvalsh(arr).min()) < -1e-10 * scale:
        raise ValueError("H is indefinite (it has a negative eigenvalue), so f has no minimum "
                         "(expected H positive semidefinite)")


MAX_ITERATE = 1000
"""Largest iterate index θ_t computed exactly."""


def _check_iterates(spec: QuadraticDynamicsSpec) -> None:
    """'theta-t': gradient descent, or heavy ball started at rest (θ_{-1} = θ_0: PyTorch's
    SGD with momentum and no dampening, whose first buffer is the first gradient), from a stated
    θ_0 with a numeric H, b, step (and momentum)."""
    if spec.method == O.HEAVY_BALL.key:
        if spec.beta is None or fraction(spec.dampening or 0) != 0:
            raise ValueError(f"asks: '{Q.THETA_T.key}' of heavy ball needs the momentum beta "
                             "and dampening 0 (its iterates start at rest, θ_{-1} = θ_0)")
    elif spec.method != O.GD.key:
        raise ValueError(f"asks: '{Q.THETA_T.key}' is computed for gradient descent and heavy "
                         "ball only (Nesterov's iterates also need its start convention)")
    if spec.H is None or spec.symbolic or spec.n > EXACT_MAX_SIDE:
        raise ValueError(f"asks: '{Q.THETA_T.key}' needs the matrix H itself, at most "
                         f"{EXACT_MAX_SIDE} x {EXACT_MAX_SIDE} (its eigenvalues alone do not fix "
                         "the iterates)")
    if spec.alpha == INVERSE_L and not (spec.H_is_diagonal or spec.n <= 2):
        raise ValueError(f"asks: '{Q.THETA_T.key}' with alpha = 1/L needs a diagonal or 2 x 2 H "
                         "(else L is not exact); give alpha as a number")
    if spec.b is None:
        raise ValueError(f"asks: '{Q.THETA_T.key}' needs b (0 when f has no linear term)")
    if spec.alpha is None:
        raise ValueError(f"asks: '{Q.THETA_T.key}' needs the step size alpha")
    if spec.theta0 is None or len(spec.theta0) != spec.n:
        raise ValueError(f"asks: '{Q.THETA_T.key}' needs the start theta0 with {spec.n} entries")
    if not spec.steps or any(not 1 <= t <= MAX_ITERATE for t in spec.steps):
        raise ValueError(f"asks: '{Q.THETA_T.key}' needs steps: the indices t of the iterates, "
                         f"1 <= t <= {MAX_ITERATE}")


def _check_fixed_step(spec: QuadraticDynamicsSpec) -> None:
    """The best momentum at a given step is derived for alpha <= 1/L (Nesterov) and
    alpha L < 4 (heavy ball); with symbolic eigenvalues only at alpha = 1/L."""
    if spec.alpha == INVERSE_L:
        return
    if spec.symbolic:
        raise ValueError("the optimal momentum at a given step with symbolic eigenvalues is "
                         "derived at alpha = 1/L; give alpha: 1/L or numeric eigenvalues")
    top = max(spec.eigen_fractions()) if spec.H is None or spec.H_is_diagonal else None
    if top is None:
        import numpy as np

        top = Fraction(float(np.linalg.eigvalsh(np.array([[float(x) for x in r]
                                                         for r in spec.H or []])).max()))
    product = fraction(spec.alpha) * top
    if spec.method == O.NESTEROV.key and product > 1:
        raise ValueError(f"alpha L = {float(product):.6g} > 1: Nesterov's optimal momentum at "
                         "a given step is derived for alpha <= 1/L")
    if spec.method == O.HEAVY_BALL.key and product >= 4:
        raise ValueError(f"alpha L = {float(product):.6g} >= 4: no momentum beta < 1 makes heavy "
                         "ball converge at this step")


def _check_b_in_range(spec: QuadraticDynamicsSpec) -> None:
    """A singular H needs b in its range, else f is unbounded below (no minimiser)."""
    import numpy as np

    if spec.H is not None:
        Hm = np.array([[float(x) for x in r] for r in spec.H])
    else:
        Hm = np.diag([float(x) for x in spec.eigenvalues or []])
    b = np.array([float(x) for x in spec.b or []])
    sol, *_ = np.linalg.lstsq(Hm, b, rcond=None)
    resid = float(np.linalg.norm(Hm @ sol - b))
    if resid > 1e-9 * max(1.0, float(np.linalg.norm(b))):
        raise ValueError(f"b has a component of size {resid:.3g} along the null space of H, so "
                         "f is unbounded below along a zero-curvature direction and has no "
                         "minimum (expected b in the range of H)")


Spec = QuadraticDynamicsSpec
