"""The steepest-descent witnesses' numbers for derived quantities: the numpy dual norms and
maximisers of :class:`~optiproof.families.steepest_descent.witness.NumpyNorm` (written
independently of the solver's norms), at the given gradient and weights or at sample ones."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from optiproof.catalogue import norms as N
from optiproof.catalogue import quantities as Q
from optiproof.core.errors import BadInput
from optiproof.core.fields import is_number, is_symbol_name
from optiproof.core.solution import Answer, PartSolution
from optiproof.families.base import Measured, Measurer, NotMeasurable
from optiproof.families.steepest_descent.solve import _scalar
from optiproof.families.steepest_descent.spec import SteepestDescentSpec
from optiproof.families.steepest_descent.witness import NumpyNorm, _spec_gradient

EXPONENTS = {N.L1: 1.0, N.L2: 2.0, N.LINF: math.inf}
"""p of the l_p norms that are not given by their p."""
WEIGHTS = (0.5, 1.25)
"""alpha (or eta) values at which symbolic answers are measured."""
ROUNDING = 1e-12


class SteepestDescentMeasurer(Measurer):
    """The update, optimal value, dual norm, step length and threshold by numpy."""

    def __init__(self, spec: SteepestDescentSpec, solution: PartSolution):
        if spec.gradient_is_symbolic:
            raise NotMeasurable("the gradient is a symbol: give numbers to measure")
        self.spec = spec
        self.g = _spec_gradient(spec)
        self.asked = {id(answer): ask for ask, answer in solution.facts.asked}
        self.weight_field = "eta" if spec.form == "constraint" else "alpha"

    @property
    def weight_symbol(self) -> str:
        """The name of the weight's symbol in the answers (alpha -> \\alpha)."""
        return str(_scalar(getattr(self.spec, self.weight_field), self.weight_field))

    def _weight(self, point: Mapping[str, float]) -> float:
        """alpha (or eta): the given number, or its value at ``point``."""
        given = getattr(self.spec, self.weight_field)
        if not is_number(given):
            if self.weight_symbol not in point:
                raise NotMeasurable(f"no value for {self.weight_field}")
            return float(point[self.weight_symbol])
        return float(given)

    def _step(self, norm: NumpyNorm, weight: float) -> np.ndarray:
        """The step -(w/2)||g||_* s (penalty-squared) or -w s (constraint), s numpy's maximiser."""
        if self.spec.form == "penalty" or norm.degenerate(self.g):
            raise NotMeasurable("the step is 0 or unbounded, or set-valued")
        s = norm.sharp(self.g)
        size = weight / 2 * norm.dual(self.g) if self.spec.form == "penalty-squared" else weight
        return -size * s

    def value(self, answer: Answer, point: Mapping[str, float]) -> Measured:
        """The answer by numpy at the point's alpha (or eta)."""
        ask = self.asked.get(id(answer))
        own = NumpyNorm.of(self.spec.norm, self.g.shape)
        measure_spec = getattr(ask, "measure", None)
        other = NumpyNorm.of(measure_spec, self.g.shape) if measure_spec is not None else own
        kind = answer.quantity
        if kind == Q.DUAL_NORM.key:
            got: Any = other.dual(self.g)
        elif kind == Q.HOLDER_CONJUGATE.key:
            p = other.p if other.p is not None else EXPONENTS[other.entry]
            got = math.inf if p == 1 else 1.0 if math.isinf(p) else p / (p - 1)
        elif kind == Q.THRESHOLD.key:
            got = 1 / own.dual(self.g)
        elif kind == Q.UPDATE.key:
            got = self._step(own, self._weight(point)).reshape(-1)
        elif kind == Q.STEP_LENGTH.key:
            got = other.value(self._step(own, self._weight(point)))
        elif kind == Q.MIN_VALUE.key and self.spec.form != "penalty":
            w, dual = self._weight(point), own.dual(self.g)
            got = -w / 4 * dual ** 2 if self.spec.form == "penalty-squared" else -w * dual
        else:
            raise NotMeasurable(f"the witnesses do not measure {kind}")
        scale = float(np.max(np.abs(got))) if np.size(got) else 0.0
        return Measured(got, ROUNDING * max(1.0, scale) * max(1, self.g.size))

    def points(self, symbols: Sequence[str]) -> list[dict[str, float]]:
        """alpha (or eta) in {0.5, 1.25}."""
        if any(s != self.weight_symbol for s in symbols):
            raise NotMeasurable("only alpha (or eta) can be varied")
        return [{s: w for s in symbols} for w in WEIGHTS] if symbols else [{}]

    def parameter(self, name: str, answer: Answer) -> str:
        """alpha or eta (the weight of the part's form)."""
        if name not in (self.weight_field, self.weight_symbol, "lr", "step"):
            raise BadInput(f"the steepest-descent part has no parameter {name!r}",
                           field="derived.parameter", expected=self.weight_field)
        given = getattr(self.spec, self.weight_field)
        if not is_symbol_name(given):
            raise BadInput(f"{self.weight_field} is given a value in this part; leave it "
                           "symbolic to ask whether the answer depends on it",
                           field="derived.parameter")
        return self.weight_symbol



def measure(spec: SteepestDescentSpec, solution: PartSolution) -> SteepestDescentMeasurer:
    """The measurer of a solved steepest-descent part."""
    return SteepestDescentMeasurer(spec, solution)
