"""Spec of derived quantities: answers computed from other answers of the problem.

A part lists them under ``derived``; each names a derived quantity of the catalogue
(:data:`~optiproof.catalogue.quantities.DERIVED`) and its operands::

    derived:
      - {kind: ratio, of: b.time[ring-allreduce], to: b.time[tree-allreduce]}   # X / Y
      - {kind: speedup, of: time[tree], to: time[ring]}                          # X / Y
      - {kind: difference, of: a.limit, to: b.limit}                             # X - Y
      - {kind: sum, of: busiest-sent[ring], to: busiest-received[ring]}          # X + Y
      - {kind: sum, of: a.first-step, to: [1, 0.5, -2]}                          # theta0 + step
      - {kind: distance, of: a.limit, to: a.min-norm-solution, norm: l2}         # ||X - Y||
      - {kind: norm-of, of: a.update, norm: l2, label: "|u|_2"}                  # ||X||
      - {kind: ratio, of: {quantity: norm-of, name: "|u|_2"}, to: ...}           # chained
      - {kind: crossover, of: time[tree], to: time[ring], solve_for: p}          # x*: X = Y
      - {kind: depends-on, of: a.limit, parameter: lr}                          # dX/d(lr) != 0?
      - {kind: limit-of, of: values-sent[ring], parameter: n}                   # lim_{n→∞} X
      - {kind: which-of, among: [a.limit, b.limit], by: equal, to: min-norm-solution}
      - {kind: which-of, among: [total-volume[ring], total-volume[ps]], by: smallest}
      - {kind: order, of: total-volume[ring], to: total-volume[ps]}              # X vs Y
      - {kind: value-at, of: a.limit, formula: "w^T P^-1 w", variable: w,
         data: {P: [[1, 0], [0, 4]]}}                                             # q(X)

An operand is a reference ``[part.]quantity[subject]`` to an answer of this part or of an
earlier one (the part label, a catalogue quantity by any of its names, and the subject - norm,
optimizer or scheme - when the part answers the quantity for several), the same as a mapping
``{part, quantity, subject, name}`` (``name`` picks one answer by its name), or a number or a
list of numbers. A derived answer of this part is an operand of a later one by its quantity and
``name`` (its label), so "‖u‖ / ‖v‖" is two norms and their ratio.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from optiproof.catalogue import KINDS, NORMS, QUANTITIES, key_literal
from optiproof.catalogue import norms as N
from optiproof.catalogue import quantities as Q
from optiproof.core.fields import Number, SymbolName, check_matrix, check_number, check_vector

DerivedKind = key_literal(Q.DERIVED)
DISTANCE_NORMS = (N.L2, N.L1, N.LINF, N.LP, N.FROBENIUS, N.RMS)
"""The norms a distance may be measured in."""
_WITH_PARAMETER = (Q.DEPENDS_ON.key, Q.LIMIT_OF.key)
"""The kinds that name a parameter of their operand."""
_REFERENCE = re.compile(r"^\s*(?:(?P<part>[A-Za-z0-9_]{1,20})\.)?(?P<quantity>[A-Za-z][\w \-]*?)"
                        r"\s*(?:\[(?P<subject>[^\]]{1,60})\])?\s*$")


def subject_key(name: str) -> str:
    """The catalogue key of a norm, optimizer or scheme named by any of its names."""
    for kind in ("norm", "optimizer", "scheme"):
        entry = KINDS[kind].get(name)
        if entry is not None:
            return entry.key
    raise ValueError(f"unknown subject {name[:40]!r}: name a norm, optimizer or scheme")


class Reference(BaseModel):
    """An answer of this part (``part`` omitted) or of an earlier one."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    part: str | None = Field(None, max_length=20, description="Label of the part (default: "
                                                              "this part).")
    quantity: str = Field(..., description="The answer's catalogue quantity (any name).")
    subject: str | None = Field(None, description="Its norm, optimizer or scheme (any name).")
    name: str | None = Field(None, max_length=80, description="The answer's name, to pick one "
                                                              "of several.")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        if not isinstance(data, str):
            return data
        found = _REFERENCE.match(data)
        if found is None:
            raise ValueError(f"{data[:60]!r} is not a reference: write [part.]quantity[subject], "
                             "e.g. b.time[ring-allreduce]")
        return {k: v for k, v in found.groupdict().items() if v is not None}

    @field_validator("quantity")
    @classmethod
    def _quantity(cls, v: str) -> str:
        return QUANTITIES.canonical(v.strip())

    @field_validator("subject")
    @classmethod
    def _subject(cls, v: str | None) -> str | None:
        return None if v is None else subject_key(v.strip())

    def __str__(self) -> str:
        where = f"{self.part}." if self.part else ""
        return where + self.quantity + (f"[{self.subject}]" if self.subject else "")


def _literal(v: Any) -> Any:
    """A number or a list of numbers given as an operand."""
    if isinstance(v, (list, tuple)):
        return check_vector(v)
    return check_number(v)


class DerivedAsk(BaseModel):
    """A derived quantity of the catalogue and its operands ``of`` (X) and ``to`` (Y)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: DerivedKind
    of: Reference | None = Field(None, description="The (first) operand; every kind but "
                                                   "which-of needs it.")
    among: list[Reference] | None = Field(
        None, min_length=2, max_length=8, description="which-of: the answers compared (the "
                                                      "answer names the one that wins).")
    by: Literal["smallest", "largest", "equal"] | None = Field(
        None, description="which-of: the smallest or largest answer (vectors by their norm), "
                          "or the one equal to 'to'.")
    to: Reference | Number | list | None = Field(
        None, description="The second operand: a reference, a number or a list of numbers "
                          "(not for depends-on).")
    norm: Literal[tuple(e.key for e in DISTANCE_NORMS)] | None = Field(  # type: ignore[valid-type]
        None, description="distance, norm-of: the norm to measure in (default l2).")
    p: Number | None = Field(None, description="distance in the lp norm: its exponent p > 1.")
    solve_for: SymbolName | None = Field(None, description="crossover: the symbol to solve for.")
    parameter: SymbolName | None = Field(None, description="depends-on: the parameter; "
                                         "limit-of: the parameter that tends to infinity.")
    label: str | None = Field(None, max_length=80, description="A name for the answer.")
    formula: str | None = Field(None, max_length=200, description="value-at: the formula "
                                "evaluated at 'of' (parsed by the safe math parser).")
    variable: SymbolName | None = Field(None, description="value-at: the formula's variable, "
                                        "which takes the value of 'of' (its coordinates are "
                                        "variable_1, variable_2, ...).")
    data: dict[SymbolName, Number | list] | None = Field(
        None, max_length=12, description="value-at: the values of the formula's other symbols "
                                         "(numbers, vectors, or matrices as lists of rows).")

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, v: Any) -> Any:
        return QUANTITIES.choose(v, Q.DERIVED, what="derived quantity")

    @field_validator("to", mode="before")
    @classmethod
    def _to(cls, v: Any) -> Any:
        if v is None or isinstance(v, (dict, Reference)):
            return v
        if isinstance(v, str):
            try:
                return check_number(v)
            except ValueError:
                return Reference.model_validate(v)
        return _literal(v)

    @field_validator("data", mode="before")
    @classmethod
    def _data(cls, v: Any) -> Any:
        if v is None:
            return v
        if not isinstance(v, dict):
            raise ValueError("data: a mapping of symbol names to numbers, vectors or matrices")
        return {k: check_matrix(x) if isinstance(x, (list, tuple)) and x and
                isinstance(x[0], (list, tuple)) else _literal(x) for k, x in v.items()}

    @field_validator("norm", mode="before")
    @classmethod
    def _norm(cls, v: Any) -> Any:
        return None if v is None else NORMS.choose(v, DISTANCE_NORMS, what="distance norm")

    @model_validator(mode="after")
    def _operands(self) -> "DerivedAsk":
        which = self.kind == Q.WHICH_OF.key
        if which != (self.among is not None) or which != (self.by is not None):
            raise ValueError("'among' (the answers compared) and 'by' (smallest, largest or "
                             "equal) go with which-of, and which-of needs both")
        if which:
            if self.of is not None:
                raise ValueError("which-of compares 'among'; it has no 'of'")
            if (self.by == "equal") != (self.to is not None):
                raise ValueError("which-of by 'equal' needs 'to' (the answer matched), and "
                                 "'to' goes only with it")
            if self.p is not None and self.norm != N.LP.key or self.norm == N.LP.key and \
                    self.p is None:
                raise ValueError(f"the {N.LP.key} norm needs p (1 < p < inf), and p needs it")
            return self
        if self.of is None:
            raise ValueError(f"a {self.kind} needs an operand 'of'")
        binary = self.kind not in (Q.DEPENDS_ON.key, Q.NORM_OF.key, Q.VALUE_AT.key,
                                   Q.LIMIT_OF.key)
        if binary and self.to is None:
            raise ValueError(f"a {self.kind} needs a second operand 'to'")
        if not binary and self.to is not None:
            raise ValueError(f"{self.kind} has one operand, 'of'"
                             + (", and a 'parameter'" if self.kind in _WITH_PARAMETER else ""))
        if (self.kind == Q.CROSSOVER.key) != (self.solve_for is not None):
            raise ValueError("'solve_for' (the symbol to solve for) goes with a crossover, "
                             "and a crossover needs it")
        if (self.kind == Q.VALUE_AT.key) != (self.formula is not None and
                                             self.variable is not None):
            raise ValueError("'formula' and 'variable' go with value-at, and value-at needs "
                             "both")
        if self.kind != Q.VALUE_AT.key and self.data is not None:
            raise ValueError("'data' goes with value-at")
        if (self.kind in _WITH_PARAMETER) != (self.parameter is not None):
            raise ValueError("'parameter' goes with depends-on and limit-of, and they need it")
        if self.kind not in (Q.DISTANCE.key, Q.NORM_OF.key) and (self.norm or
                                                                  self.p is not None):
            raise ValueError("'norm' and 'p' only go with a distance or a norm-of")
        if (self.norm == N.LP.key) != (self.p is not None):
            raise ValueError(f"the {N.LP.key} norm needs p (1 < p < inf), and p needs it")
        return self


class Derivable(BaseModel):
    """The ``derived`` field every family's part spec has."""

    derived: list[DerivedAsk] = Field(
        default_factory=list, max_length=16,
        description="Quantities computed from answers of this part or earlier parts: "
                    "ratio, speedup, difference, sum, distance, norm-of, crossover, "
                    "depends-on, limit-of, same-as, differs, which-of, value-at, order.")

    @model_validator(mode="after")
    def _asks_something(self) -> "Derivable":
        """A part asks the family something, or only derived quantities (``asks: []`` with a
        ``derived`` list: "the ratio of your answers in (a) and (d)"), never nothing."""
        asks = getattr(self, "asks", getattr(self, "quantities", None))
        if isinstance(asks, list) and not asks and not self.derived:
            raise ValueError("asks: nothing is asked (list a question, or derived quantities "
                             "with asks: [])")
        return self
