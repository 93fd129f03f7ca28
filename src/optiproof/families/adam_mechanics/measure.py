"""The Adam-mechanics witnesses' numbers for derived quantities: the real ``torch.optim``
optimizers stepped in float64 on the given gradients (or on representative ones), with the
part's hyper-parameters or, where they are symbols, sample values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import product

import numpy as np
import sympy

from optiproof.catalogue import optimizers as O
from optiproof.catalogue import quantities as Q
from optiproof.core.errors import BadInput
from optiproof.core.solution import Answer, PartSolution
from optiproof.families.adam_mechanics.given import (DECOUPLED_FIRST_STEP, DECOUPLED_STEP,
                                                     L2_FIRST_STEP, L2_STEP)
from optiproof.families.adam_mechanics.spec import AdamMechanicsSpec
from optiproof.families.adam_mechanics.symbols import quantities
from optiproof.families.adam_mechanics.witness import (EPS_ZERO, _given_gradients, _theta0,
                                                       _torch_on_loss, fed_gradient, torch_run)
from optiproof.families.base import Measured, Measurer, NotMeasurable

SAMPLES = {"alpha": (1e-3, 0.1), "beta1": (0.9, 0.5), "beta2": (0.999, 0.9), "c": (7.5, 0.25),
           "lamda": (0.1,), "epsilon": (1e-8,), "t": (1.0, 3.0, 10.0), "g_1": (-2.5, 0.3)}
SAMPLES.update({name: SAMPLES["alpha"] for name in ("eta", "gamma", "lr")})
"""Values at which symbolic answers are measured, by symbol name (the learning rate in any of
the letters a problem writes it with)."""
RELATIVE = 1e-9
"""Relative accuracy of a float64 run of a few steps."""
ALIASES = {"eps": "epsilon", "lambda": "lamda", "lam": "lamda", "lr": "alpha"}


class AdamMeasurer(Measurer):
    """Steps, iterates and moments of the real optimizers."""

    def __init__(self, spec: AdamMechanicsSpec, solution: PartSolution):
        self.spec = spec
        self.Q = quantities(spec)

    def _number(self, name: str, point: Mapping[str, float]) -> float:
        """A hyper-parameter's value: the given number, or its symbol's value at ``point``."""
        value = getattr(self.Q, {"lamda": "lam", "epsilon": "eps"}.get(name, name))
        symbol = next(iter(getattr(value, "free_symbols", ())), None)
        if symbol is None:
            return float(value)
        if symbol.name in point:
            return float(point[symbol.name])
        if name == "epsilon" and not self.Q.eps_given:
            return 0.0
        raise NotMeasurable(f"no value for {symbol.name}")

    def value(self, answer: Answer, point: Mapping[str, float]) -> Measured:
        """The answer as the real optimizer produces it at ``point``."""
        kind = answer.quantity
        if kind == Q.BIAS_FACTORS.key:
            t = int(self._number("t", point))
            b1, b2 = self._number("beta1", point), self._number("beta2", point)
            _, state = torch_run(O.ADAM, np.ones((t, 1)), lr=1e-3, beta1=b1, beta2=b2, eps=1e-8)
            first = answer.name.startswith("first")
            weight = float(state["exp_avg" if first else "exp_avg_sq"][0])
            got = weight if "weight" in answer.name else 1 / weight   # 1 - beta^t, or 1/(..)
            return Measured(got, RELATIVE * got)
        alpha = self._number("alpha", point)
        if kind == Q.SGD_LOSS_SCALING.key:
            c = self._number("c", point)
            got = c if "factor" in answer.name else alpha * c if "learning rate" in \
                answer.name else -alpha * c * self._gradient(point)[0]
        elif answer.symbol in (L2_STEP, DECOUPLED_STEP):
            got = self._decay_step(answer.symbol == L2_STEP, alpha, point)
        elif answer.symbol in (L2_FIRST_STEP, DECOUPLED_FIRST_STEP):
            got = self._decay_step(answer.symbol == L2_FIRST_STEP, alpha, point) - \
                _theta0(self.spec, self._gradient(point).shape[1])
        elif kind in (Q.FIRST_STEP.key, Q.DISPLACEMENT.key, Q.THETA_T.key, Q.LAST_STEP.key,
                      Q.M_HAT.key, Q.V_HAT.key, Q.GRADIENT_T.key, Q.EFFECTIVE_GRADIENT.key):
            got = self._run(kind, answer, alpha, point)
        else:
            raise NotMeasurable(f"the witnesses do not measure {answer.name}")
        scale = float(np.max(np.abs(got))) if np.size(got) else 0.0
        return Measured(got, RELATIVE * max(scale, alpha))

    def _gradient(self, point: Mapping[str, float]) -> np.ndarray:
        """The given gradients (T x d), or the generic coordinate g_1 at the point."""
        if self.spec.has_gradients:
            return _given_gradients(self.spec)
        if "g_1" not in point:
            raise NotMeasurable("no value for the gradient")
        return np.array([[point["g_1"]]])

    def _run(self, kind: str, answer: Answer, alpha: float, point: Mapping[str, float]
             ) -> np.ndarray | float:
        """The real optimizer on the gradients: the iterate, a step or a corrected moment."""
        b1, b2 = self._number("beta1", point), self._number("beta2", point)
        eps = self._number("epsilon", point) or EPS_ZERO
        if self.spec.loss is not None:      # gradients by autograd at each iterate
            traj, state, G = _torch_on_loss(self.spec, self.Q, b1, b2)
        else:
            G = self._gradient(point)
            if kind == Q.FIRST_STEP.key:
                G = G[:1]
            decay = self._number("lamda", point) if self.spec.decay else 0.0
            traj, state = torch_run(O.ADAMW if self.spec.decay == "decoupled" else
                                    self.spec.entry, G, lr=alpha, beta1=b1, beta2=b2, eps=eps,
                                    theta0=_theta0(self.spec, G.shape[1]), weight_decay=decay)
            if kind == Q.EFFECTIVE_GRADIENT.key:
                return fed_gradient(self.spec, G, state, lr=alpha, beta1=b1, beta2=b2, eps=eps,
                                    weight_decay=decay)
        T = G.shape[0]
        if kind == Q.GRADIENT_T.key:
            return G[-1]
        if kind == Q.THETA_T.key:       # a run on a loss answers every iterate theta_k
            return traj[int(answer.name.removeprefix("theta_"))] if self.spec.loss is not None \
                else traj[-1]
        if kind == Q.LAST_STEP.key and answer.name.startswith("change of coordinate "):
            i = int(answer.name.removeprefix("change of coordinate ")) - 1
            return float(traj[-1][i] - traj[-2][i])
        if kind == Q.LAST_STEP.key:
            return traj[-1] - traj[-2]
        if kind in (Q.M_HAT.key, Q.V_HAT.key):
            hat = state["exp_avg"] / (1 - b1 ** T) if kind == Q.M_HAT.key else \
                state["exp_avg_sq"] / (1 - b2 ** T)
            if " of coordinate " in answer.name:    # one entry ('m̂_2 of coordinate 1')
                return float(hat[int(answer.name.rsplit(" ", 1)[1]) - 1])
            return hat
        if kind == Q.FIRST_STEP.key and "size" in answer.name:
            return float(np.abs(traj[1] - traj[0])[np.asarray(G[0]) != 0][0])
        return traj[-1] - traj[0]

    def _decay_step(self, inside: bool, alpha: float, point: Mapping[str, float]
                    ) -> np.ndarray:
        """theta_1 of the optimizer with weight_decay (L2 inside), or of AdamW, from theta0."""
        if not inside and self.spec.entry is not O.ADAM:
            raise NotMeasurable(f"torch has no {self.spec.entry.name} with decoupled decay")
        G = self._gradient(point)[:1]
        kind = self.spec.entry if inside else O.ADAMW
        traj, _ = torch_run(kind, G, lr=alpha, beta1=self._number("beta1", point),
                            beta2=self._number("beta2", point),
                            eps=self._number("epsilon", point) or EPS_ZERO,
                            weight_decay=self._number("lamda", point),
                            theta0=_theta0(self.spec, G.shape[1]))
        return traj[1]

    def points(self, symbols: Sequence[str]) -> list[dict[str, float]]:
        """Every combination of the sample values of the named symbols (at most 12)."""
        missing = [s for s in symbols if s not in SAMPLES]
        if missing:
            raise NotMeasurable(f"no values to measure {', '.join(missing)} at")
        combos = product(*(SAMPLES[s] for s in symbols))
        return [dict(zip(symbols, c)) for c in combos][:12]

    def parameter(self, name: str, answer: Answer) -> str:
        """alpha, beta1, beta2, epsilon, lambda, c or t, where the part leaves it a symbol."""
        key = ALIASES.get(name, name)
        if key not in SAMPLES or key == "g_1":
            raise BadInput(f"the Adam part has no parameter {name!r}", field="derived.parameter",
                           expected="alpha, beta1, beta2, eps, lambda, c or t")
        value = getattr(self.Q, {"lamda": "lam", "epsilon": "eps"}.get(key, key))
        if not isinstance(value, sympy.Symbol):
            raise BadInput(f"{name} is given a value in this part; leave it symbolic to ask "
                           "whether the answer depends on it", field="derived.parameter")
        return value.name

    def nearby(self, symbol: str, value: float, point: Mapping[str, float]
               ) -> tuple[float, float]:
        """The integers around ``value`` for the step index t, else a relative 1e-6."""
        if symbol == "t":
            return float(max(1, int(value))), float(max(1, int(value)) + 1)
        return super().nearby(symbol, value, point)


def measure(spec: AdamMechanicsSpec, solution: PartSolution) -> AdamMeasurer:
    """The measurer of a solved Adam-mechanics part."""
    return AdamMeasurer(spec, solution)
