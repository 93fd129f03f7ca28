"""The quadratic-dynamics witnesses' numbers for derived quantities: numpy spectra of H and of
the update rule's per-direction maps, the stability boundary by bisection and optimal tunings
by scipy's searches (never the closed forms), on H or on sample spectra for symbolic mu, L."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from optiproof.catalogue import optimizers as O
from optiproof.catalogue import quantities as Q
from optiproof.core.errors import BadInput
from optiproof.core.solution import Answer, PartSolution
from optiproof.families.base import Measured, Measurer, NotMeasurable
from optiproof.families.quadratic_dynamics.spec import QuadraticDynamicsSpec
from optiproof.families.quadratic_dynamics.witness import (BETA_SAMPLES, SYMBOLIC_SAMPLES, _H,
                                                           _spectrum, _value, gd_rate_minimum)
from optiproof.witnesses.momentum import radius

SPECTRAL_ACCURACY = 1e-6
"""Eigenvalues at a double root (momentum optima) are accurate to about sqrt(machine eps)."""


class QuadraticMeasurer(Measurer):
    """Condition number, stable step, rates and optimal tunings measured with numpy/scipy."""

    def __init__(self, spec: QuadraticDynamicsSpec, solution: PartSolution):
        self.spec = spec
        self.facts = solution.facts
        quad = solution.facts.quad
        self.ends = (quad.mu.name, quad.L.name) if spec.symbolic else None

    def _lams(self, point: Mapping[str, float]) -> np.ndarray:
        """The positive spectrum: numpy's of H, or {mu, (mu+L)/2, L} at the point's ends."""
        if self.ends is None:
            return _spectrum(_H(self.spec))[0]
        if not all(e in point for e in self.ends):
            raise NotMeasurable(f"no values for {', '.join(self.ends)}")
        mu, L = (float(point[e]) for e in self.ends)
        return np.array([mu, (mu + L) / 2, L])

    def _hyper(self, expr: object, point: Mapping[str, float]) -> float | None:
        """The part's alpha or beta (an expression in mu, L, or a number) at ``point``."""
        if expr is None:
            return None
        subs = {s: point[s.name] for s in getattr(expr, "free_symbols", ()) if s.name in point}
        return _value(expr, subs)

    def value(self, answer: Answer, point: Mapping[str, float]) -> Measured:
        """The answer by numpy at the point's spectrum (and beta)."""
        lams = self._lams(point)
        m = self.spec.method
        kind = answer.quantity
        L = float(lams.max())
        if kind == Q.EIGENVALUES.key and self.ends is None:
            return Measured(np.sort(np.linalg.eigvalsh(_H(self.spec))), 1e-12 * L)
        if kind == Q.CONDITION_NUMBER.key:
            return Measured(L / float(lams.min()), 1e-12 * L / float(lams.min()))
        if kind == Q.MAX_STEP.key:
            beta = point.get("beta", self._hyper(self.facts.beta, point) or 0.0)
            lo, hi = 1e-12 / L, 16.0 / L
            for _ in range(200):
                mid = 0.5 * (lo + hi)
                lo, hi = (mid, hi) if radius(m, lams, mid, beta) < 1 else (lo, mid)
            return Measured(lo, 1e-12 * hi)
        if kind == Q.RATE.key and answer.name == "rate":
            a = self._hyper(self.facts.alpha, point)
            if a is None:
                a = 1.0 / L
            return Measured(float(radius(m, lams, a, self._hyper(self.facts.beta, point) or 0.0)),
                            SPECTRAL_ACCURACY)
        if kind in (Q.OPTIMAL_RATE.key, Q.OPTIMAL_STEP.key) and m == O.GD.key:
            x, found, accuracy = gd_rate_minimum(lams)
            return (Measured(found, accuracy) if kind == Q.OPTIMAL_RATE.key else
                    Measured(x, 2 * accuracy / L))
        if kind in (Q.OPTIMAL_RATE.key, Q.OPTIMAL_MOMENTUM.key) and self.facts.optimal_at_step:
            return self._over_beta(lams, self._hyper(self.facts.alpha, point), kind)
        if kind == Q.OPTIMAL_RATE.key and m != O.GD.key:
            return self._over_both(lams)
        raise NotMeasurable(f"the witnesses do not measure {answer.name}")

    def _over_both(self, lams: np.ndarray) -> Measured:
        """The best rate of a momentum method over (alpha, beta): for each beta the best alpha by
        bounded Brent, and the best beta by bounded Brent over those minima (both
        one-dimensional problems are unimodal with a kink at the optimum), from a grid's best
        bracket."""
        from scipy.optimize import minimize_scalar

        m = self.spec.method
        L = float(lams.max())

        def best_over_alpha(b: float) -> float:
            hs = np.linspace(1e-3, 4.0, 200) / L
            j = int(np.argmin(radius(m, lams, hs, np.full_like(hs, b))))
            res = minimize_scalar(lambda a: float(radius(m, lams, a, b)),
                                  bounds=(hs[max(j - 1, 0)], hs[min(j + 1, 199)]),
                                  method="bounded", options={"xatol": 1e-15})
            return min(float(res.fun), float(radius(m, lams, hs[j], b)))

        bs = np.linspace(0.0, 0.9999, 100)
        vals = [best_over_alpha(b) for b in bs]
        k = int(np.argmin(vals))
        res = minimize_scalar(best_over_alpha, bounds=(bs[max(k - 1, 0)], bs[min(k + 1, 99)]),
                              method="bounded", options={"xatol": 1e-15})
        return Measured(min(float(res.fun), vals[k]), 1e-5)

    def _over_beta(self, lams: np.ndarray, a: float, kind: str) -> Measured:
        """The best rate (or its beta) over beta at the step a: a grid, then bounded Brent."""
        from scipy.optimize import minimize_scalar

        m = self.spec.method
        bs = np.linspace(0.0, 0.9999, 2000)
        j = int(np.argmin(radius(m, lams, np.full_like(bs, a), bs)))
        res = minimize_scalar(lambda b: float(radius(m, lams, a, b)),
                              bounds=(bs[max(j - 1, 0)], bs[min(j + 1, 1999)]), method="bounded",
                              options={"xatol": 1e-14})
        if kind == Q.OPTIMAL_RATE.key:
            return Measured(float(res.fun), SPECTRAL_ACCURACY)
        return Measured(float(res.x), 1e-4)

    def points(self, symbols: Sequence[str]) -> list[dict[str, float]]:
        """Spectra {mu, (mu+L)/2, L} for (mu, L) in (1, 10), (0.5, 40); beta in 0, 0.5, 0.9."""
        out: list[dict[str, float]] = [{}]
        for name in symbols:
            if self.ends is not None and name == self.ends[0]:
                out = [{**p, self.ends[0]: mu, self.ends[1]: L} for p in out
                       for mu, L in SYMBOLIC_SAMPLES]
            elif name == "beta":
                out = [{**p, "beta": b} for p in out for b in BETA_SAMPLES]
            elif not (self.ends is not None and name == self.ends[1]):
                raise NotMeasurable(f"no values to measure {name} at")
        return out

    def parameter(self, name: str, answer: Answer) -> str:
        """beta (where the part leaves it free), or the ends mu, L of a symbolic spectrum."""
        if self.ends is not None and name in self.ends:
            return name
        if name == "beta" and self.spec.beta is None:
            return name
        raise BadInput(f"{name!r} is not a free parameter of this quadratic-dynamics part",
                       field="derived.parameter",
                       expected="beta left unset, or the symbolic eigenvalues")



def measure(spec: QuadraticDynamicsSpec, solution: PartSolution) -> QuadraticMeasurer:
    """The measurer of a solved quadratic-dynamics part."""
    return QuadraticMeasurer(spec, solution)
