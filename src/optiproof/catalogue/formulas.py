"""Quantities asked by formula: "give d* and gᵀd*", "the value ⟨G, Δ*⟩", "tr(GᵀΔ*)", "‖d*‖".

A request may name what it asks by writing it instead of naming it. The formula is parsed with
the project's safe parser (:mod:`optiproof.core.mathparse`), its symbols are put in the roles the
family reads (the gradient ``g``, the step answered ``u``, the weight ``α``; the family says
which of the text's symbols play them, :class:`FormulaRoles`), and the result is compared with
the catalogue's *definition* of each quantity the family answers
(:attr:`~optiproof.catalogue.quantities.QuantityEntry.definition`). A formula equal to one
definition asks that quantity; one equal to none (a symbol in no role, a norm the part does not
use, a formula of another shape) asks nothing the reading knows, and the request is refused
naming it. (The reading finds the formula items of a request,
:func:`optiproof.reading.questions.formula_items`.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sympy

from optiproof.catalogue import QUANTITIES
from optiproof.catalogue.quantities import OBJECTIVE
from optiproof.core.mathatoms import Grad, Inner, Norm, Transposed
from optiproof.core.mathparse import FUNCTIONS, FunctionSpec, try_parse_math

G, U, ALPHA = sympy.Symbol("g"), sympy.Symbol("u"), sympy.Symbol("alpha")


def formula_symbols() -> tuple[Any, Any, Any]:
    """The role symbols a family writes its objective in: the gradient, the step, the weight."""
    return G, U, ALPHA


@dataclass(frozen=True)
class FormulaRoles:
    """Which symbols of a part play which role (their names as the parser builds them: ``d^*``,
    ``Delta^*``, ``alpha``), the subscripts that name the part's own norm (``2``, ``∞``, ``F``)
    and the part's objective in the roles (None when the family states none). ``weighted_by``
    names a letter the text writes the weight in instead, with its value in the weight
    (``("lambda", 2/alpha)`` for a penalty written (λ/2)‖u‖²)."""

    gradient: frozenset[str]
    step: frozenset[str]
    weight: frozenset[str] = frozenset({"alpha"})
    norm_index: frozenset[str] = frozenset()
    objective: Any = None
    weighted_by: tuple[tuple[str, Any], ...] = ()


def _trace(x: Any) -> Any:
    """tr(GᵀΔ) is ⟨G, Δ⟩; a trace of anything else is not read."""
    if isinstance(x, Inner):
        return x
    raise TypeError("a trace is read only of a product GᵀΔ")


_FUNCTIONS = {**FUNCTIONS, "tr": FunctionSpec(_trace), "trace": FunctionSpec(_trace)}
_STAR = re.compile(r"(?<=[A-Za-zα-ωΔ])(?<!\^)(?:\*|⋆|∗)")
_TRANSPOSE = re.compile(r"(?:\^ ?T|ᵀ|\^ ?⊤)(?=[A-Za-zα-ωΔ∇])")
"""A transpose run into the next factor ("gᵀd", "g^Td"): the two factors apart."""
_ANGLES = re.compile(r"^<([^<>]{1,40}, ?[^<>]{1,40})>$")
"""An inner product in plain text, ``<g, d*>``."""
_OPERATORNAME = re.compile(r"\\(?:operatorname|mathrm|text)\{(tr|trace)\}")


def parse_formula(text: str) -> Any:
    """The formula as SymPy, or None: a star written without a caret (``d*``) is the
    superscript it stands for; ``\\operatorname{tr}`` is the trace."""
    t = _OPERATORNAME.sub(r"\1", text.strip().rstrip(".?,;"))
    t = _ANGLES.sub(r"⟨\1⟩", t)
    t = _STAR.sub("^*", t)
    t = _TRANSPOSE.sub(r"\g<0> ", t)
    return try_parse_math(t, functions=_FUNCTIONS)


def _canonical(expr: Any, roles: FormulaRoles) -> Any:
    """``expr`` in the roles, or None when a symbol plays none (or the formula holds a bare
    transpose, a matrix, a norm under another index than the part's)."""
    if expr is None or isinstance(expr, sympy.MatrixBase) or expr.has(Transposed):
        return None
    expr = expr.replace(lambda e: isinstance(e, Grad), lambda e: G)
    subs = {}
    for s in expr.free_symbols:
        name = s.name
        if name in roles.gradient:
            subs[s] = G
        elif name in roles.step:
            subs[s] = U
        elif name in roles.weight:
            subs[s] = ALPHA
        elif name in dict(roles.weighted_by):
            subs[s] = dict(roles.weighted_by)[name]
        elif not (name in ("g", "u", "alpha") and s in (G, U, ALPHA)):
            return None
    expr = expr.xreplace(subs)
    if expr.free_symbols - {G, U, ALPHA}:
        return None

    def norm(e: Any) -> Any:
        if len(e.args) == 1:
            return Norm(e.args[0])
        index = e.args[1]
        written = "∞" if index is sympy.oo else getattr(index, "name", str(index))
        if written in roles.norm_index:
            return Norm(e.args[0])
        raise _Other

    def inner(e: Any) -> Any:
        a, b = sorted(e.args, key=str)
        return Inner(a, b)

    try:
        expr = expr.replace(lambda e: isinstance(e, Norm), norm)
    except _Other:
        return None
    return sympy.expand(expr.replace(lambda e: isinstance(e, Inner), inner))


class _Other(Exception):
    """A norm under an index that is not the part's own."""


@lru_cache(maxsize=None)
def _definition(key: str) -> Any:
    text = QUANTITIES[key].definition
    return None if not text or text == OBJECTIVE else parse_formula(text)


def formula_quantities(text: str, roles: FormulaRoles, answers: tuple[str, ...]) -> list[str]:
    """The quantities of ``answers`` whose catalogue definition the formula ``text`` equals in
    ``roles`` (a quantity defined as the formula itself first, then the minimum value when the
    formula is the part's objective at the step); empty when it equals none."""
    got = _canonical(parse_formula(text), roles)
    if got is None:
        return []
    out = []
    for key in answers:
        entry = QUANTITIES.get(key)
        if entry is None or not entry.definition:
            continue
        if entry.definition == OBJECTIVE:
            want = None if roles.objective is None else _canonical(roles.objective, roles)
        else:
            want = _canonical(_definition(entry.key), roles)
        if want is not None and sympy.expand(got - want) == 0:
            out.append(entry.key)
    return sorted(out, key=lambda k: QUANTITIES[k].definition == OBJECTIVE)
