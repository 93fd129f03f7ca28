"""The implicit-bias witnesses' numbers for derived quantities: limits measured by running the
real optimizer (at another step size or weight decay where asked), minimum-norm points by
numpy's pseudo-inverse, optimal rates by searching the momentum maps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from optiproof.catalogue import optimizers as O
from optiproof.catalogue import quantities as Q
from optiproof.core.errors import BadInput
from optiproof.core.solution import Answer, PartSolution
from optiproof.families.base import Measured, Measurer, NotMeasurable
from optiproof.families.implicit_bias import schedules as S
from optiproof.families.implicit_bias.spec import ImplicitBiasSpec
from optiproof.families.implicit_bias.witness import TOLERANCE, _data, limit_run
from optiproof.witnesses.momentum import radius

STEP = "lr"
"""The name the step size is measured under."""
STEP_NAMES = frozenset({STEP, "lr0", "alpha", "eta", "step", "step_size", "learning_rate"})
WEIGHT_DECAY = "lambda"
"""The weight decay's symbol (ridge's limit as a function of it)."""
STEP_FRACTIONS = (0.5, 1.0, 1.5)
"""Step sizes measured, as fractions of 1/L (all inside the stable range 2/L)."""
DECAYS = (0.1, 1.0)


class ImplicitBiasMeasurer(Measurer):
    """Limits of the part's method as the real optimizer reaches them."""

    def __init__(self, spec: ImplicitBiasSpec, solution: PartSolution):
        self.spec = spec
        self.X, self.y, _, self.c = _data(spec)

    def value(self, answer: Answer, point: Mapping[str, float]) -> Measured:
        """The limit run at the point's step size or weight decay; X^+ y by pinv; the best
        rate over beta at 1/L."""
        if answer.quantity in (Q.MIN_NORM_SOLUTION.key, Q.RIDGELESS_LIMIT.key):
            point_ = np.linalg.pinv(self.X) @ self.y
            return Measured(point_, 1e-10 * max(1.0, float(np.abs(point_).max())))
        if answer.quantity == Q.OPTIMAL_RATE.key:
            return Measured(self._best_rate(), 1e-6)
        if answer.quantity != Q.LIMIT.key or answer.expr is None:
            raise NotMeasurable(f"the witnesses do not measure {answer.quantity}")
        run = limit_run(self._spec_at(point))
        if not run.ok:
            raise NotMeasurable(run.reason)
        scale = max(1.0, float(np.abs(run.theta).max()))
        return Measured(run.theta, max(TOLERANCE * scale, run.bound))

    def _spec_at(self, point: Mapping[str, float]) -> ImplicitBiasSpec:
        """The spec with the point's step size (lr0) or weight decay (lam)."""
        method = self.spec.method
        change: dict[str, Any] = {}
        if STEP in point:
            if not hasattr(method, "lr0"):
                raise NotMeasurable(f"{method.entry.name} runs at the step 1/L only")
            change["lr0"] = point[STEP]
        if WEIGHT_DECAY in point:
            change["lam"] = point[WEIGHT_DECAY]
        if not change:
            return self.spec
        return self.spec.model_copy(update={"method": method.model_copy(update=change)})

    def _best_rate(self) -> float:
        """min over beta of the spectral radius of the momentum maps at alpha = 1/L (scipy)."""
        from scipy.optimize import minimize_scalar

        w = np.linalg.eigvalsh(2 * self.c * self.X.T @ self.X)
        lams = w[w > 1e-10 * max(float(w.max()), 1e-300)]
        key = self.spec.method.entry.key
        res = minimize_scalar(lambda b: float(radius(key, lams, 1.0 / float(lams.max()), b)),
                              bounds=(0.0, 0.9999), method="bounded", options={"xatol": 1e-12})
        return float(res.fun)

    def points(self, symbols: Sequence[str]) -> list[dict[str, float]]:
        """Step sizes 0.5/L, 1/L, 1.5/L; weight decays 0.1 and 1."""
        L, _ = S.full_batch_curvature(self.X, self.c)
        out: list[dict[str, float]] = [{}]
        for name in symbols:
            values = [f / L for f in STEP_FRACTIONS] if name == STEP else \
                list(DECAYS) if name == WEIGHT_DECAY else None
            if values is None:
                raise NotMeasurable(f"no values to measure {name} at")
            out = [{**p, name: v} for p in out for v in values]
        return out

    def parameter(self, name: str, answer: Answer) -> str:
        """The step size (lr, alpha, eta, ...) or the weight decay (lambda)."""
        if name in STEP_NAMES:
            return STEP
        if name in (WEIGHT_DECAY, "lam"):
            if self.spec.method.entry is not O.RIDGE:
                raise BadInput(f"{self.spec.method.entry.name} has no weight decay",
                               field="derived.on")
            if not any(s.name == WEIGHT_DECAY for s in getattr(answer.expr, "free_symbols", ())):
                raise BadInput("this limit is at the given weight decay; ask about the limit "
                               "as a function of lambda (answer 'limit_of_lambda')",
                               field="derived.on")
            return WEIGHT_DECAY
        raise BadInput(f"the implicit-bias part has no parameter {name!r}", field="derived.on",
                       expected="the step size (lr) or the weight decay (lambda)")



def measure(spec: ImplicitBiasSpec, solution: PartSolution) -> ImplicitBiasMeasurer:
    """The measurer of a solved implicit-bias part."""
    return ImplicitBiasMeasurer(spec, solution)
