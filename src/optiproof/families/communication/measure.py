"""The communication witnesses' numbers for derived quantities: every cost counted from the
message schedule of a concrete instance (exact rationals), never from a formula."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from math import lcm
from typing import Any

import sympy

from optiproof.catalogue import SCHEMES
from optiproof.core.errors import BadInput
from optiproof.core.solution import Answer, PartSolution
from optiproof.families.base import Measured, Measurer, NotMeasurable
from optiproof.families.communication.family import COSTS
from optiproof.families.communication.spec import POWER_OF_TWO_SCHEMES, CommunicationSpec
from optiproof.families.communication.witness import FORMULA_SAMPLES, TIME_POINTS, counted

SAMPLE_N = (4, 8)
"""Worker counts at which symbolic answers are measured (powers of two: every scheme)."""
SAMPLE_P_MULTIPLES = (3, 5)
SAMPLE_K = 2
SAMPLE_TIMES = (*TIME_POINTS, (Fraction(1000), Fraction(1000)))
"""(alpha, B) samples: the schedule-count witness's, and one where latency dominates (so that
crossovers in p land on measurable sizes)."""


class CommunicationMeasurer(Measurer):
    """Counts of the part's schedules at the problem's numbers or at sample instances."""

    def __init__(self, spec: CommunicationSpec, solution: PartSolution):
        self.spec = spec
        facts = solution.facts
        self.sym = facts.symbols
        self.fixed = {s.name: Fraction(int(v.p), int(v.q)) for s, v in facts.subs.items()
                      if v.is_Rational}
        self.formulas = {s.name: v for s, v in facts.subs.items() if not v.is_Rational}
        """alpha or B given as formulas in other symbols, by the field's symbol name."""

    def _fields(self) -> dict[str, str]:
        """Symbol name -> field (n, p, k, alpha, B)."""
        s = self.sym
        return {s.n.name: "n", s.p.name: "p", s.k.name: "k", s.alpha.name: "alpha",
                s.B.name: "B"}

    def value(self, answer: Answer, point: Mapping[str, float]) -> Measured:
        """The answer's cost counted from its scheme's schedule at ``point``."""
        from optiproof.families.communication.schedules import (ScheduleTooLarge,
                                                                build_schedule, count_schedule)

        if answer.quantity not in {q.key for q in COSTS} or answer.subject not in SCHEMES.keys():
            raise NotMeasurable(f"{answer.quantity} is not a cost of a scheme")
        env = {**{k: Fraction(repr(v)) for k, v in point.items()}, **self.fixed}
        for name, formula in self.formulas.items():
            at = {x: env.get(x.name) for x in formula.free_symbols}
            if any(v is None for v in at.values()):
                raise NotMeasurable(f"no values for the symbols of {name} = {formula}")
            value = formula.xreplace({x: sympy.Rational(v.numerator, v.denominator)
                                      for x, v in at.items()})
            env[name] = Fraction(int(value.p), int(value.q))
        fields = self._fields()
        values = {fields[k]: v for k, v in env.items() if k in fields}
        missing = [f for f in ("n", "p") if f not in values]
        if missing:
            raise NotMeasurable(f"no value for {', '.join(missing)}")
        n, p = int(values["n"]), int(values["p"])
        k = int(values.get("k", 1)) if self.spec.uses_servers else 1
        try:
            counts = count_schedule(build_schedule(answer.subject, n, p, k))
        except (ScheduleTooLarge, ValueError) as err:
            raise NotMeasurable(f"no schedule at n = {n}, p = {p}: {err}") from None
        alpha = values.get("alpha", TIME_POINTS[0][0])
        bandwidth = values.get("B", TIME_POINTS[0][1])
        got = counted(counts, answer.quantity, n, p, self.spec.bytes_per_element, alpha,
                      bandwidth)
        if got is None:
            raise NotMeasurable(f"the nodes of {answer.subject} differ in {answer.quantity}")
        return Measured(float(got), 0.0)

    def points(self, symbols: Sequence[str]) -> list[dict[str, float]]:
        """Sample instances valid for every scheme: n in {4, 8}, p a multiple of lcm(n, k),
        k = 2, (alpha, B) as the schedule-count witness uses them."""
        fields = self._fields()
        wanted = {fields[s]: s for s in symbols if s in fields}
        own = [s for s in symbols if s not in fields]
        if any(s not in {x.name for f in self.formulas.values() for x in f.free_symbols}
               for s in own):
            raise NotMeasurable(f"no values to measure {', '.join(own)} at")
        out = []
        for n in ([None] if "n" not in wanted else SAMPLE_N):
            n_val = n if n is not None else int(self.fixed.get(self.sym.n.name, 4))
            k_val = int(self.fixed.get(self.sym.k.name, SAMPLE_K))
            for m in ([None] if "p" not in wanted else SAMPLE_P_MULTIPLES):
                for alpha, bandwidth in (SAMPLE_TIMES if {"alpha", "B"} & set(wanted)
                                         else [(None, None)]):
                    point: dict[str, float] = {}
                    if n is not None:
                        point[wanted["n"]] = n
                    if m is not None:
                        point[wanted["p"]] = lcm(n_val, k_val) * m
                    if "k" in wanted:
                        point[wanted["k"]] = SAMPLE_K
                    if "alpha" in wanted:
                        point[wanted["alpha"]] = float(alpha)
                    if "B" in wanted:
                        point[wanted["B"]] = float(bandwidth)
                    out.append(point)
        return [{**point, **{s: float(FORMULA_SAMPLES[(i + j) % len(FORMULA_SAMPLES)])
                             for j, s in enumerate(own)}} for i, point in enumerate(out)]

    def parameter(self, name: str, answer: Answer) -> str:
        """n, p, k, alpha or B by its symbol name; refused when the problem fixes it."""
        fields = self._fields()
        symbol = next((s for s, f in fields.items() if name in (s, f)), None)
        if symbol is None:
            raise BadInput(f"the communication part has no parameter {name!r}",
                           field="derived.on", expected="one of " + ", ".join(fields))
        if symbol in self.fixed and symbol not in {s.name for s in answer.expr.free_symbols}:
            raise BadInput(f"{name} is given a value in part ({answer.subject}); leave it "
                           "symbolic to ask whether the answer depends on it",
                           field="derived.on")
        return symbol

    def nearby(self, symbol: str, value: float, point: Mapping[str, float]
               ) -> tuple[float, float]:
        """The measurable values around ``value``: multiples of lcm(n, k) for p, powers of two
        (or integers) for n, a relative 1e-6 either side for alpha and B."""
        field = self._fields().get(symbol)
        env = {**point, **{k: float(v) for k, v in self.fixed.items()}}
        if field == "p":
            n = int(env.get(self.sym.n.name, 4))
            k = int(env.get(self.sym.k.name, 1)) if self.spec.uses_servers else 1
            unit = lcm(n, k)
            low = max(unit, int(value // unit) * unit)
            return float(low), float(low + unit)
        if field == "n":
            if set(self.spec.schemes) & set(POWER_OF_TWO_SCHEMES):
                low = 1 << max(1, int(value).bit_length() - 1)
                return float(low), float(2 * low)
            return float(max(2, int(value))), float(max(2, int(value)) + 1)
        return value * (1 - 1e-6), value * (1 + 1e-6)


def measure(spec: CommunicationSpec, solution: PartSolution) -> Any:
    """The measurer of a solved communication part."""
    return CommunicationMeasurer(spec, solution)
