"""Spec of an Adam-mechanics part: hyper-parameters (numbers or symbols), gradients, and the asks.

Conventions are PyTorch's (``torch.optim.Adam``/``AdamW``/``RMSprop``), with ``m_0 = v_0 = 0``::

    m_t = beta1 m_{t-1} + (1 - beta1) g_t          v_t = beta2 v_{t-1} + (1 - beta2) g_t^2
    mhat_t = m_t / (1 - beta1^t)                   vhat_t = v_t / (1 - beta2^t)
    theta_t = theta_{t-1} - alpha mhat_t / (sqrt(vhat_t) + eps)

RMSprop is ``theta_t = theta_{t-1} - alpha g_t / (sqrt(v_t) + eps)``: no first moment and no
bias correction of ``v`` (PyTorch's RMSprop calls the smoothing constant ``alpha``; here it is
``beta2`` and the learning rate is ``alpha``).

Light on purpose: pydantic and the standard library only.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from optiproof.catalogue import OPTIMIZERS as OPTIMIZER_NAMES
from optiproof.catalogue import QUANTITIES, OptimizerEntry, key_literal
from optiproof.catalogue import optimizers as O
from optiproof.catalogue import quantities as Q
from optiproof.core.fields import check_matrix, check_number, check_symbol_name, check_vector
from optiproof.core.problem import PartSpec
from optiproof.families.derived_spec import Derivable
from optiproof.families.adam_mechanics.family import ASKS, KEY, OPTIMIZERS

MAX_ENTRIES = 4096
"""Largest gradient (entries), and largest gradient sequence (steps x entries), accepted."""
MAX_STEPS = 256
MAX_DECAY_STEPS = 100_000
"""The most steps of decoupled decay whose product is asked (the witness runs them all)."""
"""Longest gradient sequence accepted (steps)."""
MAX_LOSS_DEGREE = 4
"""Highest degree of a polynomial loss."""
MAX_LOSS_STEPS = 8
"""Longest run on a loss (its gradients are exact radicals that grow with every step)."""
MAX_T = 10**6
"""Largest numeric step index t accepted."""

AskKind = key_literal(ASKS)
O_RMSPROP = OPTIMIZERS[1].key
"""RMSprop: no first moment, so beta1 plays no part in its run."""
OptimizerName = key_literal(OPTIMIZERS)
ASKED_AS = {Q.UPDATE: Q.UPDATE_RULE}
"""Quantities that, asked of an optimizer, mean one of this family's asks."""


def _symbol_or(v: Any, check: Any) -> Any:
    """A symbol name (kept as text) or a number passed through ``check``."""
    if isinstance(v, str) and v.strip()[:1].isalpha():
        return check_symbol_name(v.strip())
    return check(v)


def _positive(v: Any) -> Any:
    n = check_number(v)
    if float(n) <= 0:
        raise ValueError(f"must be > 0, got {v}")
    return n


def _nonnegative(v: Any) -> Any:
    n = check_number(v)
    if float(n) < 0:
        raise ValueError(f"must be >= 0, got {v}")
    return n


def _unit_interval(v: Any) -> Any:
    n = check_number(v)
    if not 0 <= float(n) < 1:
        raise ValueError(f"must be in [0, 1), got {v}")
    return n


class AdamMechanicsSpec(PartSpec, Derivable):
    """Questions about the mechanics of Adam / RMSprop / AdamW, one ``ask`` each.

    asks: ``update-rule`` (m_t, v_t, bias-corrected estimates, the step), ``bias-correction``
    (E[m_t], E[v_t] for stationary gradients), ``first-step`` (theta_1 - theta_0),
    ``loss-scaling`` (the step when the loss is multiplied by c > 0), ``sign-limit``
    (beta1 = beta2 = eps = 0), ``step-bound`` (the exact worst-case per-coordinate step),
    ``weight-decay`` (L2 inside Adam vs decoupled weight decay, AdamW).
    """

    family: Literal[KEY] = KEY
    asks: list[AskKind] = Field(..., min_length=0, max_length=len(ASKS),
                                description="Question kinds, in the order asked.")
    optimizer: OptimizerName = Field(
        OPTIMIZERS[0].key, description="Optimizer whose update rule is asked (adam; rmsprop = "
                                       "no first moment and no bias correction).")
    alpha: Any = Field("alpha", description="Learning rate alpha > 0 (number or symbol).")
    lr_name: str | None = Field(None, description="The letter the problem writes the learning "
                                                  "rate with (eta, lr, gamma): every answer in "
                                                  "terms of the learning rate uses it. Omitted: "
                                                  "alpha (or alpha's own symbol).")
    shrink_factor: bool = Field(False, description="The per-step factor 1 - alpha lambda by "
                                                   "which AdamW multiplies the weights is asked "
                                                   "(with the weight-decay comparison).")
    step_fraction: bool = Field(False, description="Also asked with 'first-step' of a given "
                                                   "gradient: the size of the first step as a "
                                                   "fraction of the learning rate, |theta_1 - "
                                                   "theta_0| / alpha = |g_1| / (|g_1| + eps) "
                                                   "entrywise.")
    decay_steps: int | None = Field(None, ge=1, le=MAX_DECAY_STEPS,
                                    description="Also asked with the weight-decay comparison: "
                                                "the fraction (1 - alpha lambda)^N of a weight "
                                                "that AdamW's decoupled decay alone keeps after "
                                                "this many steps N.")
    bias_below: Any = Field(None, description="Also asked with 'bias-factors': the smallest "
                                              "step t with beta^t below this threshold "
                                              "(0 < threshold < 1), for beta1 and for beta2: "
                                              "from there on 1 - beta^t is within it of 1.")
    bias_inclusive: bool = Field(False, description="With bias_below: beta^t <= threshold "
                                                    "counts (else strictly below).")
    decay_halving: bool = Field(False, description="Also asked with the weight-decay comparison, "
                                                   "of a weight no gradient moves: the smallest "
                                                   "number of steps N with (1 - alpha lambda)^N "
                                                   "<= 1/2 (AdamW's decay alone halves it).")
    textbook_bound: bool = Field(False, description="Also asked with 'step-bound': the Adam "
                                                    "paper's bound alpha (1 - beta1) / sqrt(1 - "
                                                    "beta2) that the text writes, at the part's "
                                                    "values.")
    beta1: Any = Field("beta1", description="First-moment decay in [0, 1) (number or symbol).")
    beta2: Any = Field("beta2", description="Second-moment decay in [0, 1) (number or symbol).")
    eps: Any = Field(None, description="Denominator epsilon >= 0 (number or symbol); omitted: "
                                       "kept symbolic, with the eps = 0 results stated.")
    lam: Any = Field("lambda", description="Weight-decay / L2 coefficient lambda > 0.")
    c: Any = Field("c", description="Loss scale factor c > 0 (number or symbol).")
    t: Any = Field("t", description="Step index t >= 1 (integer or symbol).")
    gradient: Any = Field("g", description="One gradient: a symbol (a generic coordinate) or a "
                                           "list of numbers.")
    gradients: list | None = Field(None, description="A gradient sequence g_1, ..., g_T "
                                                     "(list of lists, or list of numbers for "
                                                     "one coordinate).")
    theta0: Any = Field(None, description="The start theta_0: a number (every coordinate) or "
                                          "a list of numbers.")
    loss: list | None = Field(None, description="A loss of one parameter, the polynomial "
                                                "c_0 + c_1 w + ... + c_k w^k as [c_0, .., c_k]: "
                                                "each step's gradient is its derivative at the "
                                                "current iterate (from theta0).")
    coordinate: int | None = Field(None, ge=1, description="last-step, m-hat, v-hat: also give "
                                                          "this coordinate's entry (1-based).")
    decay: Literal["penalty", "decoupled"] | None = Field(
        None, description="Weight decay inside the run on given gradients: 'penalty' (an L2 penalty in the loss) feeds "
                          "g_k + lam*theta_{k-1} to Adam (torch.optim.Adam(weight_decay=lam)); "
                          "'decoupled' shrinks theta by (1 - alpha*lam) before each step "
                          "(torch.optim.AdamW). The run's theta_t, last step and moments then "
                          "include it; needs numbers for lam, theta0 and the gradients.")
    constant: bool = Field(False, description="The gradient is the same at every step "
                                              "(g_t = g): closed forms in t and the t -> oo "
                                              "limit of the step.")
    step_t_dependence: bool = Field(False, description="Also asked with 'last-step' of a "
                                                       "constant gradient: whether Adam's "
                                                       "bias-corrected step depends on t (it does "
                                                       "not: m_hat_t = g, v_hat_t = g^2).")
    gradient_sign: Literal[1, -1] | None = Field(
        None, description="The sign of a symbolic gradient when it is stated (g > 0: 1, "
                          "g < 0: -1): the closed forms then use it (sign(g) = 1 or -1).")

    @field_validator("loss", mode="before")
    @classmethod
    def _loss(cls, v: Any) -> Any:
        """[c_0, .., c_k] with 1 <= k <= MAX_LOSS_DEGREE, or None."""
        got = None if v is None else check_vector(v)
        if got is not None and not 2 <= len(got) <= MAX_LOSS_DEGREE + 1:
            raise ValueError(f"expected 2 to {MAX_LOSS_DEGREE + 1} coefficients [c_0, c_1, ..]")
        return got

    @field_validator("theta0", mode="before")
    @classmethod
    def _theta0(cls, v: Any) -> Any:
        if v is None or isinstance(v, (list, tuple)):
            return None if v is None else check_vector(v)
        return check_number(v)

    @field_validator("asks", mode="before")
    @classmethod
    def _asks(cls, v: Any) -> Any:
        return QUANTITIES.choose_all(v, ASKS, also=ASKED_AS, what="ask")

    @field_validator("optimizer", mode="before")
    @classmethod
    def _optimizer(cls, v: Any) -> Any:
        return OPTIMIZER_NAMES.choose(v, OPTIMIZERS) if isinstance(v, str) else v

    @field_validator("alpha", "lam", "c", mode="before")
    @classmethod
    def _pos(cls, v: Any) -> Any:
        return _symbol_or(v, _positive)

    @field_validator("lr_name", mode="before")
    @classmethod
    def _lr_name(cls, v: Any) -> Any:
        return None if v is None else check_symbol_name(str(v).strip())

    @field_validator("beta1", "beta2", mode="before")
    @classmethod
    def _beta(cls, v: Any) -> Any:
        return _symbol_or(v, _unit_interval)

    @field_validator("eps", mode="before")
    @classmethod
    def _eps(cls, v: Any) -> Any:
        return None if v is None else _symbol_or(v, _nonnegative)

    @field_validator("t", mode="before")
    @classmethod
    def _t(cls, v: Any) -> Any:
        if isinstance(v, str) and v.strip()[:1].isalpha():
            return check_symbol_name(v.strip())
        n = check_number(v)
        f = float(n)
        if f != int(f) or f < 1:
            raise ValueError(f"must be an integer >= 1, got {v}")
        if f > MAX_T:
            raise ValueError(f"t = {v} exceeds the limit of {MAX_T}")
        return int(f)

    @field_validator("gradient", mode="before")
    @classmethod
    def _gradient(cls, v: Any) -> Any:
        if isinstance(v, str):
            return check_symbol_name(v.strip())
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            v = [v]
        if isinstance(v, (list, tuple)) and len(v) > MAX_ENTRIES:
            raise ValueError(f"{len(v)} entries exceeds the limit of {MAX_ENTRIES}")
        return check_vector(v)

    @field_validator("gradients", mode="before")
    @classmethod
    def _gradients(cls, v: Any) -> Any:
        if v is None:
            return None
        if not isinstance(v, (list, tuple)) or not v:
            raise ValueError("expected a non-empty list of gradients (one per step)")
        if len(v) > MAX_STEPS:
            raise ValueError(f"{len(v)} steps exceeds the limit of {MAX_STEPS}")
        if not isinstance(v[0], (list, tuple)):
            v = [[x] for x in check_vector(v)]
        rows = check_matrix(v)
        if len(rows) * len(rows[0]) > MAX_ENTRIES:
            raise ValueError(f"{len(rows)} steps x {len(rows[0])} entries exceeds the limit of "
                             f"{MAX_ENTRIES} numbers")
        return rows

    @model_validator(mode="after")
    def _consistent(self) -> "AdamMechanicsSpec":
        if Q.STEP_BOUND.key in self.asks and not _is_symbol(self.beta2) and \
                float(self.beta2) <= 0:
            raise ValueError("beta2: the step bound divides by beta2 (it contains beta1^2/beta2); "
                             "beta2 must be > 0 for this question")
        if Q.STEP_LIMIT.key in self.asks and not self.constant:
            raise ValueError("asks: 'step-limit' is the limit of the step under a constant "
                             "gradient (set constant: true)")
        if Q.IDENTIFICATION.key in self.asks and Q.SIGN_LIMIT.key not in self.asks and not (
                Q.FIRST_STEP.key in self.asks and (self.eps is None or _is_symbol(self.eps) or
                                                  float(self.eps) == 0)) and \
                not self.is_rmsprop_form:
            raise ValueError("asks: 'identification' names the method a step reduces to: ask it "
                             "with 'sign-limit', with 'first-step' at eps = 0, or with "
                             "'step-no-bias-correction' at beta1 = 0 (RMSprop)")
        moments = [k for k in (Q.M_HAT.key, Q.V_HAT.key, Q.FIRST_MOMENT.key, Q.SECOND_MOMENT.key)
                   if k in self.asks]
        if moments and Q.WEIGHT_DECAY.key in self.asks:
            raise ValueError(f"asks: {', '.join(moments)} with '{Q.WEIGHT_DECAY.key}': with an L2 "
                             "penalty Adam's moments are those of the gradient plus lambda*theta, "
                             "with decoupled decay those of the gradient alone; ask the moments "
                             "of one method, without the comparison")
        if self.textbook_bound and Q.STEP_BOUND.key not in self.asks:
            raise ValueError(f"textbook_bound: the paper's bound is asked with '{Q.STEP_BOUND.key}'")
        if self.step_t_dependence and (Q.LAST_STEP.key not in self.asks or not self.constant):
            raise ValueError(f"step_t_dependence: whether the step depends on t is asked with "
                             f"'{Q.LAST_STEP.key}' of a constant gradient (constant: true)")
        if self.step_fraction and Q.FIRST_STEP.key not in self.asks:
            raise ValueError(f"step_fraction: the first step's fraction of the learning rate is "
                             f"asked with '{Q.FIRST_STEP.key}'")
        if self.step_fraction and self.gradient is None:
            raise ValueError("step_fraction: the first step's fraction of the learning rate is "
                             "computed from a given gradient (set gradient)")
        if self.decay_steps is not None and Q.WEIGHT_DECAY.key not in self.asks:
            raise ValueError("decay_steps: the fraction of a weight kept by decoupled decay is "
                             f"asked with '{Q.WEIGHT_DECAY.key}'")
        if self.bias_below is not None:
            if Q.BIAS_FACTORS.key not in self.asks:
                raise ValueError("bias_below: the steps until the correction is negligible are "
                                 "asked with 'bias-factors'")
            if not 0 < float(check_number(self.bias_below)) < 1:
                raise ValueError(f"bias_below: must be in (0, 1), got {self.bias_below}")
        if self.decay_halving and Q.WEIGHT_DECAY.key not in self.asks:
            raise ValueError("decay_halving: the steps decoupled decay takes to halve a weight are "
                             f"asked with '{Q.WEIGHT_DECAY.key}'")
        if Q.EFFECTIVE_GRADIENT.key in self.asks and self.decay != "penalty":
            raise ValueError(f"asks: '{Q.EFFECTIVE_GRADIENT.key}' is the gradient Adam is fed with "
                             "an L2 penalty, g_t + lam*theta_{t-1} (set decay: penalty)")
        if self.decay is not None:
            _check_decay_run(self)
        if self.entry is O.ADAGRAD:
            _check_adagrad_run(self)
        _check_numbers(self)
        d = len(self.gradients[0]) if self.gradients is not None else \
            None if self.gradient_is_symbolic else len(self.gradient)
        if isinstance(self.theta0, list) and d is not None and len(self.theta0) != d:
            raise ValueError(f"dimension mismatch: theta0 has {len(self.theta0)} entries but "
                             f"each gradient has {d}")
        if self.gradients is not None and not self.gradient_is_symbolic and \
                len(self.gradient) != len(self.gradients[0]):
            raise ValueError(f"dimension mismatch: gradient has {len(self.gradient)} entries but "
                             f"each of gradients has {len(self.gradients[0])}")
        return self

    @property
    def is_rmsprop_form(self) -> bool:
        """Adam with beta1 = 0 and no bias correction: exactly RMSprop with smoothing beta2."""
        return self.entry is O.ADAM and Q.STEP_NO_BIAS_CORRECTION.key in self.asks and \
            not _is_symbol(self.beta1) and float(self.beta1) == 0

    @property
    def has_gradients(self) -> bool:
        """Numbers to run the recursion on: a gradient sequence, one numeric gradient, or a
        loss whose gradient is taken at each iterate."""
        return self.gradients is not None or not self.gradient_is_symbolic or \
            self.loss is not None

    @property
    def symbolic_constant(self) -> bool:
        """A gradient written as a symbol that is the same at every step (g_t = g), or asked
        about at t = 1 only: the moments in closed form."""
        return (self.constant or self.t == 1) and self.gradients is None and \
            self.gradient_is_symbolic and self.loss is None

    @property
    def gradient_is_symbolic(self) -> bool:
        return isinstance(self.gradient, str)

    @property
    def entry(self) -> OptimizerEntry:
        """The catalogue optimizer whose update rule is asked."""
        return OPTIMIZER_NAMES[self.optimizer]


DECAY_RUN_ASKS = (Q.THETA_T.key, Q.LAST_STEP.key, Q.M_HAT.key, Q.V_HAT.key, Q.FIRST_MOMENT.key,
                  Q.SECOND_MOMENT.key, Q.EFFECTIVE_GRADIENT.key)
"""What a run with weight decay inside answers (each includes the decay)."""


def _check_decay_run(spec: "AdamMechanicsSpec") -> None:
    """A run with weight decay: Adam, numbers for lam, theta0 and the gradients, and only asks
    the run answers (the comparison of both methods is the 'weight-decay' ask)."""
    other = [k for k in spec.asks if k not in DECAY_RUN_ASKS]
    if other:
        raise ValueError(f"decay: a run with weight decay answers {', '.join(DECAY_RUN_ASKS)}; "
                         f"not {', '.join(other)}")
    if spec.entry is not O.ADAM:
        raise ValueError("decay: the run with weight decay is Adam's ('penalty': Adam with an L2 "
                         "penalty, 'decoupled': AdamW)")
    if _is_symbol(spec.lam) or spec.theta0 is None or spec.loss is not None or \
            (spec.gradients is None and spec.gradient_is_symbolic):
        raise ValueError("decay: a run with weight decay needs numbers for lam, theta0 and the "
                         "gradients")


ADAGRAD_ASKS = (Q.THETA_T.key, Q.LAST_STEP.key)
"""What this family answers about AdaGrad: a run on given gradients (G_t = G_{t-1} + g_t^2,
theta_t = theta_{t-1} - alpha g_t/(sqrt(G_t) + eps))."""


def _check_adagrad_run(spec: "AdamMechanicsSpec") -> None:
    """AdaGrad is answered as a run on given numeric gradients only."""
    other = [k for k in spec.asks if k not in ADAGRAD_ASKS]
    if other:
        raise ValueError(f"optimizer: for AdaGrad this family answers a run on given gradients "
                         f"({', '.join(ADAGRAD_ASKS)}); not {', '.join(other)}")
    if spec.loss is not None or (spec.gradients is None and spec.gradient_is_symbolic):
        raise ValueError("optimizer: an AdaGrad run needs the gradients as numbers")


def _is_symbol(v: Any) -> bool:
    return isinstance(v, str) and v[:1].isalpha()


Spec = AdamMechanicsSpec


RUN_ASKS = (Q.THETA_T, Q.LAST_STEP, Q.M_HAT, Q.V_HAT, Q.GRADIENT_T, Q.EFFECTIVE_GRADIENT)
"""Asks about a run on given gradients."""
CONSTANT_ASKS = {Q.M_HAT.key, Q.V_HAT.key}
"""Run asks answered in closed form, for a symbolic t, under a symbolic constant gradient."""
_STEP_NEEDS = frozenset({"alpha", "beta1", "beta2", "eps"})
_RUN_NEEDS = {Q.THETA_T.key: _STEP_NEEDS, Q.LAST_STEP.key: _STEP_NEEDS,
              Q.GRADIENT_T.key: _STEP_NEEDS, Q.EFFECTIVE_GRADIENT.key: _STEP_NEEDS,
              Q.M_HAT.key: frozenset({"beta1"}), Q.V_HAT.key: frozenset({"beta2"})}
"""The hyper-parameters each run ask needs as numbers (a corrected moment needs only its
decay)."""


def _check_numbers(spec: AdamMechanicsSpec) -> None:
    """The asks about a run need gradients, numeric hyper-parameters and (theta_t) a start."""
    run_asks = [a.key for a in RUN_ASKS if a.key in spec.asks]
    if not run_asks or spec.symbolic_constant and set(run_asks) <= CONSTANT_ASKS:
        return
    if not spec.has_gradients:
        raise ValueError(f"asks: {', '.join(run_asks)} need the gradients (gradient: [..] or "
                         "gradients: [[..], ..])")
    needed = set().union(*(_RUN_NEEDS[a] for a in run_asks))
    if spec.optimizer == O_RMSPROP:
        needed.discard("beta1")         # RMSprop has no first moment
    if spec.entry is O.ADAGRAD:
        needed -= {"beta1", "beta2"}    # AdaGrad sums the squares: no decays
    symbols = [n for n in ("alpha", "beta1", "beta2", "eps")
               if n in needed and _is_symbol(getattr(spec, n))]
    if symbols:
        raise ValueError(f"asks: {', '.join(run_asks)} need numbers for {', '.join(symbols)}")
    if Q.THETA_T.key in spec.asks and spec.theta0 is None:
        raise ValueError(f"asks: '{Q.THETA_T.key}' needs the start theta0")
    if Q.GRADIENT_T.key in spec.asks and spec.loss is None:
        raise ValueError("asks: 'gradient-t' is the gradient of a given loss at an iterate "
                         "(set loss)")
    if spec.loss is not None:
        if isinstance(spec.theta0, list) or spec.theta0 is None or not isinstance(spec.t, int):
            raise ValueError("loss: a run on a loss needs a number theta0 (one parameter) and "
                             "a number of steps t")
        if spec.gradients is not None or not spec.gradient_is_symbolic:
            raise ValueError("loss: the gradients come from the loss; give one or the other")
        if spec.t > MAX_LOSS_STEPS:
            raise ValueError(f"t = {spec.t}: a run on a loss is computed exactly up to "
                             f"{MAX_LOSS_STEPS} steps")
        return
    d = len(spec.gradients[0]) if spec.gradients is not None else len(spec.gradient)
    if isinstance(spec.theta0, list) and len(spec.theta0) != d:
        raise ValueError(f"dimension mismatch: theta0 has {len(spec.theta0)} entries but each "
                         f"gradient has {d}")
