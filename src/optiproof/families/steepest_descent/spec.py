"""Spec of a steepest-descent part: the form, the norm, the gradient, alpha/eta and the asks."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from optiproof.catalogue import NORMS, QUANTITIES, NormEntry, key_literal
from optiproof.catalogue import norms as N
from optiproof.catalogue import quantities as Q
from optiproof.core.fields import (Formula, Matrix, Number, SymbolName, check_matrix,
                                   check_positive_or_symbolic, check_vector)
from optiproof.core.problem import PartSpec
from optiproof.families.derived_spec import Derivable
from optiproof.families.steepest_descent.family import ASKS, KEY

NormName = key_literal(NORMS)
AskKind = key_literal(ASKS)


class NormSpec(BaseModel):
    """A norm of the catalogue; ``p`` for lp, ``D`` (matrix or diagonal list) for quadratic."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: NormName
    p: Number | None = Field(None, description="Exponent of the lp norm, 1 < p < inf.")
    D: Any = Field(None, description="SPD matrix of the quadratic norm sqrt(x^T D x): a full "
                                     "matrix (list of rows) or its diagonal (list).")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        if isinstance(data, str):
            data = {"name": data}
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            data = {**data, "name": NORMS.canonical(data["name"])}
        return data

    @model_validator(mode="after")
    def _params(self) -> "NormSpec":
        if self.entry is N.LP:
            if self.p is None:
                raise ValueError(f"the {N.LP.key} norm needs p (1 < p < inf)")
            if not (1 < float(self.p) < float("inf")):
                raise ValueError(f"p = {self.p} is outside 1 < p < inf (use {N.L1.key} or "
                                 f"{N.LINF.key})")
        elif self.p is not None:
            raise ValueError(f"p is only for the {N.LP.key} norm, not {self.name}")
        if self.entry is N.QUADRATIC:
            if self.D is None:
                raise ValueError(f"the {N.QUADRATIC.key} norm needs D (an SPD matrix or its "
                                 "diagonal)")
            d = self.D
            if isinstance(d, list) and d and not isinstance(d[0], (list, tuple)):
                check_vector(d)
            else:
                check_matrix(d)
        elif self.D is not None:
            raise ValueError(f"D is only for the {N.QUADRATIC.key} norm, not {self.name}")
        return self

    @property
    def entry(self) -> NormEntry:
        """The catalogue norm this spec names."""
        return NORMS[self.name]

    @property
    def is_matrix(self) -> bool:
        return self.entry.is_matrix


class Ask(BaseModel):
    """One question of a part: a catalogue quantity (any of its names).

    kinds: ``update`` (the step u), ``identification`` (which optimizer it recovers; also
    ``optimizer``), ``min-value`` (the optimal objective value), ``step-length`` (||u|| in
    ``measure``), ``threshold`` (the alpha where the plain-norm penalty switches from 0 to
    unbounded), ``compare`` (||u|| / ||u_other|| in ``measure``, u_other the step under
    ``other``), ``holder-conjugate`` (q with 1/p + 1/q = 1 for the l_p norm, or for
    ``measure``), ``dual-norm`` (||g||_* in the dual of the norm, or of ``measure``).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: AskKind
    measure: NormSpec | None = None
    other: NormSpec | None = None
    among: list[NormSpec] | None = Field(
        None, description="which-solution: the norms compared (the step's decrease -g^T u under "
                          "each, same g, form and weight)", max_length=8)
    largest: bool = Field(True, description="which-solution: the largest decrease (else the "
                                            "smallest)")
    on_weight: bool = Field(False, description="threshold: asked on the weight λ = 1/α written "
                                               "in front of the norm (+ λ‖d‖): the smallest λ "
                                               "with d = 0 a minimiser, λ* = ‖g‖_*")
    inverse: bool = Field(False, description="compare: the ratio asked the other way round, "
                                             "||u_other|| / ||u|| (the part's own step below)")
    built_on: bool = Field(False, description="identification: the optimizer built on this "
                                              "step (its catalogue 'reduces-to' relation: Muon "
                                              "for the spectral-norm step), not the step itself")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        return {"kind": data} if isinstance(data, str) else data

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, v: Any) -> Any:
        return QUANTITIES.choose(v, ASKS)

    @model_validator(mode="after")
    def _fields(self) -> "Ask":
        if self.kind == Q.STEP_LENGTH.key and self.measure is None:
            raise ValueError("a step-length ask needs 'measure' (the norm to measure in)")
        if self.kind == Q.COMPARE.key and self.other is None:
            raise ValueError("a compare ask needs 'other' (the norm of the other step)")
        if self.kind == Q.WHICH_SOLUTION.key and len(self.among or []) < 2:
            raise ValueError("a which-solution ask needs 'among' (at least two norms)")
        if self.on_weight and self.kind != Q.THRESHOLD.key:
            raise ValueError("on_weight only applies to a threshold ask")
        if self.inverse and self.kind != Q.COMPARE.key:
            raise ValueError("inverse only applies to a compare ask")
        if self.built_on and self.kind != Q.IDENTIFICATION.key:
            raise ValueError("built_on only applies to an identification ask")
        return self


Gradient = Union[SymbolName, Matrix, list]


class SteepestDescentSpec(PartSpec, Derivable):
    """u = argmin_d g^T d + (1/alpha) ||d||^2 (penalty-squared), + (1/alpha) ||d|| (penalty),
    or argmin g^T d s.t. ||d|| <= eta (constraint)."""

    family: Literal[KEY] = KEY
    form: Literal["penalty-squared", "penalty", "constraint"] = "penalty-squared"
    norm: NormSpec
    gradient: Any = Field("g", description="A symbol name (g, or G for a matrix), a list of "
                                           "numbers, or a list of rows.")
    dim: Annotated[int, Field(ge=1, le=10**6)] | SymbolName | None = Field(
        None, description="Dimension d for a symbolic vector gradient (int or symbol name).")
    shape: tuple[Annotated[int, Field(ge=1, le=4096)],
                 Annotated[int, Field(ge=1, le=4096)]] | None = Field(
        None, description="(rows, cols) for a symbolic matrix gradient.")
    alpha: Number | SymbolName | Formula = Field(
        "alpha", description="alpha > 0: a number, a symbol or a formula (2*eta0).")
    eta: Number | SymbolName | Formula = Field(
        "eta", description="eta > 0: a number, a symbol or a formula.")
    asks: list[Ask] = Field(default_factory=lambda: [Ask(kind=Q.UPDATE.key),
                                                     Ask(kind=Q.IDENTIFICATION.key)],
                            min_length=0, max_length=12)

    @field_validator("gradient", mode="before")
    @classmethod
    def _gradient(cls, v: Any) -> Any:
        if isinstance(v, str):
            from optiproof.core.fields import check_symbol_name

            return check_symbol_name(v.strip())
        if isinstance(v, (list, tuple)) and v and isinstance(v[0], (list, tuple)):
            return check_matrix(v)
        if isinstance(v, (list, tuple)):
            return check_vector(v)
        raise ValueError("expected a symbol name, a list of numbers or a list of rows")

    @field_validator("alpha", "eta", mode="before")
    @classmethod
    def _positive(cls, v: Any) -> Any:
        return check_positive_or_symbolic(v)

    @property
    def gradient_is_symbolic(self) -> bool:
        return isinstance(self.gradient, str)

    @property
    def gradient_is_matrix(self) -> bool:
        return isinstance(self.gradient, list) and bool(self.gradient) and isinstance(
            self.gradient[0], list)

    @model_validator(mode="after")
    def _consistent(self) -> "SteepestDescentSpec":
        n = self.norm
        if not self.gradient_is_symbolic:
            if n.is_matrix and not self.gradient_is_matrix:
                raise ValueError(f"the {n.name} norm is for matrices but the gradient is a "
                                 "vector; give it as a list of rows")
            if not n.is_matrix and self.gradient_is_matrix:
                matrix_norms = "/".join(e.key for e in N.MATRIX)
                raise ValueError(f"the {n.name} norm is for vectors but the gradient is a "
                                 f"matrix; use {matrix_norms}")
            if n.entry is N.QUADRATIC:
                d = len(self.gradient)
                D = n.D
                size = len(D)
                if isinstance(D[0], (list, tuple)) and len(D[0]) != size:
                    raise ValueError("D must be square")
                if size != d:
                    raise ValueError(f"D is {size}x{size} but the gradient has {d} entries")
        for a in self.asks:
            norm = a.measure or n
            if a.kind == Q.HOLDER_CONJUGATE.key and norm.entry not in N.LP_FAMILY:
                raise ValueError(f"the {norm.name} norm has no Hölder conjugate exponent "
                                 "(it is not an l_p norm); ask it of "
                                 + "/".join(e.key for e in N.LP_FAMILY))
        if self.form != "penalty" and any(a.kind == Q.THRESHOLD.key for a in self.asks):
            raise ValueError("a threshold ask only applies to the plain-norm penalty form")
        for a in self.asks:
            for other in (a.measure, a.other):
                if other is not None and other.is_matrix != n.is_matrix:
                    raise ValueError(f"cannot measure a {'matrix' if n.is_matrix else 'vector'} "
                                     f"step in the {other.name} norm")
        return self
