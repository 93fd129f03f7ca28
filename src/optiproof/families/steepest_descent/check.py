"""What only this family can judge in an answer about steepest descent: a claim that a number
computed from the given gradient holds for every gradient (:data:`UNIVERSAL`). The checker
tests it on :func:`other_instance`, the part solved again with another gradient of the same
shape: if the answer changes there, the claim is false. A claim that no quadratic norm gives a
preconditioned method (:func:`false_statements`) is refuted by solving the penalized step for a
weighted norm ``dᵀPd``; one that the step always moves a single coordinate, by solving the part
again with a tie for the largest gradient entry (:func:`tie_instance`); one that the threshold
on α is the same for every norm, by solving the part again with the other vector norms
(:func:`thresholds_by_norm`)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from optiproof.catalogue.norms import L1, L2, LINF

UNIVERSAL = re.compile(r"\bfor (?:any|every|all|each) "
                       r"(?:gradients?|g|vectors?|matri(?:x|ces))\b"
                       r"|\bgeneral constant\b|\bregardless of (?:the )?(?:gradient|g)\b"
                       r"|\bindependent of (?:the )?(?:gradient|g|data)\b", re.I)
"""Words that claim a number holds for every gradient."""


def _other_gradient(gradient: list) -> list:
    """A gradient of the same shape with different magnitudes: ones, and a 10 last."""
    if gradient and isinstance(gradient[0], list):
        rows = [[1] * len(row) for row in gradient]
        rows[-1][-1] = 10
        return rows
    return [1] * (len(gradient) - 1) + [10]


def other_instance(part: Any) -> tuple[str, dict[str, Any]] | None:
    """The part solved again with another gradient of the same shape: how to name that
    instance, and its answers by name."""
    from optiproof.families.steepest_descent.solve import solve

    spec = getattr(part.facts, "spec", None)
    if spec is None or not isinstance(spec.gradient, list):
        return None
    gradient = _other_gradient(spec.gradient)
    other = solve(spec.model_copy(update={"gradient": gradient}), figures=False)
    return f"for the gradient {gradient}", {a.name: a.expr for a in other.answers}


_NO_QUADRATIC_NORM = re.compile(
    r"\b(?:preconditioned|adagrad|adam|rmsprop|diagonal(?:ly)? (?:scaled|preconditioned) "
    r"(?:gd|methods?|steps?))\b[^.;]{0,80}?\bcannot\b[^.;]{0,40}?"
    r"\b(?:written|obtained|derived|expressed|arise|come|be had)\b[^.;]{0,60}?\b(?:quadratic|"
    r"euclidean[- ]type|weighted|mahalanobis|ellipsoidal) norms?\b"
    r"|\bthe only (?:optimi[sz]er|method|update|algorithm)\b[^.;]{0,60}?\b(?:quadratic|"
    r"euclidean[- ]type|weighted|mahalanobis|ellipsoidal) norms?\b", re.I)
"""Gradient descent claimed to be the only method a quadratic norm gives, or preconditioned
methods claimed not to come from one ("cannot": a "not" or "never" would read as a denial)."""


@lru_cache(maxsize=1)
def _weighted_norm_step() -> Any:
    """The minimiser of ``gᵀd + (1/α) dᵀPd`` for a positive diagonal ``P`` (solved, not
    assumed): ``-(α/2) P⁻¹ g``, a preconditioned gradient step; None if it is not."""
    import sympy

    g1, g2, p1, p2, alpha = sympy.symbols("g1 g2 p1 p2 alpha", positive=True)
    d1, d2 = sympy.symbols("d1 d2")
    objective = g1 * d1 + g2 * d2 + (p1 * d1 ** 2 + p2 * d2 ** 2) / alpha
    best = sympy.solve([sympy.diff(objective, d1), sympy.diff(objective, d2)], [d1, d2], dict=True)
    if len(best) != 1:
        return None
    step = sympy.Matrix([best[0][d1], best[0][d2]])
    expected = -alpha / 2 * sympy.Matrix([g1 / p1, g2 / p2])
    return step if sympy.simplify(step - expected) == sympy.zeros(2, 1) else None


_ALWAYS_ONE = re.compile(
    r"\b(?:always|in every case|regardless of|whatever|even (?:if|when|with|though))\b[^.;]{0,120}?"
    r"\b(?:exactly one|only one|just one|a single|one and only one|a unique)\s+(?:non-?zero\s+)?"
    r"(?:coordinates?|vertex|vertices|entry|entries|components?|minimi[sz]ers?|solutions?)\b"
    r"|\b(?:exactly one|only one|just one|a single|one and only one)\s+(?:non-?zero\s+)?"
    r"(?:coordinates?|vertex|entry|components?)\b[^.;]{0,120}?\b(?:always|even (?:if|when|with)|"
    r"regardless|whatever|ties?|tied)\b"
    r"|\b(?:minimi[sz]er|solution|step|optimum)\s+is\s+always\s+(?:unique|a single vertex|"
    r"one vertex)\b", re.I)
"""A claim that the step always moves exactly one coordinate (a single vertex), ties or not."""


def _tied(gradient: list) -> list | None:
    """The gradient with its second-largest magnitude raised to the largest (same sign): a
    tie for the largest entry; None for a matrix or a single entry."""
    if not gradient or isinstance(gradient[0], list) or len(gradient) < 2:
        return None
    order = sorted(range(len(gradient)), key=lambda i: -abs(float(gradient[i])))
    top, second = order[0], order[1]
    tied = list(gradient)
    tied[second] = abs(gradient[top]) * (-1 if float(gradient[second]) < 0 else 1)
    return tied


_TIED_SOLVED: dict[str, Any] = {}
_DEGENERATE = ([1, 0], [1, 1], [1, 1, 0])
"""Gradients tried where the part's gradient is a letter: a zero entry, a tie."""


def degenerate_instance(part: Any) -> tuple[list, str] | None:
    """The part solved again on a gradient where its optimal step is a whole set: a tie for
    the largest entry of its own numeric gradient, else (for a gradient written as a letter)
    the first of a zero entry or a tie that makes it one. (that gradient, how its optimal
    steps are described), or None when the step stays one point on all of them."""
    from optiproof.families.steepest_descent.solve import solve

    spec = getattr(part.facts, "spec", None)
    if spec is None:
        return None
    if isinstance(spec.gradient, list):
        return tie_instance(part)
    key = "degenerate " + spec.model_dump_json()
    if key not in _TIED_SOLVED:
        _TIED_SOLVED[key] = None
        for gradient in _DEGENERATE:
            other = solve(spec.model_copy(update={"gradient": gradient}), figures=False)
            sets = [a for a in other.answers if a.status == "set-valued"]
            if sets:
                _TIED_SOLVED[key] = (gradient, sets[0].set_description)
                break
    return _TIED_SOLVED[key]


_UNIQUE_ALWAYS = re.compile(
    r"\b(?:minimi[sz]ers?|minimi[sz]ing (?:step|point|update)|solution|optimal (?:step|update|point|"
    r"direction)|argmin|step|update|u\*?|d\*?)\b[^.;]{0,30}?\b(?:is|are)\s+(?:always\s+|then\s+|"
    r"therefore\s+|hence\s+)?unique\b[^.;]{0,40}?(?:\b(?:for|with)\s+(?:every|any|all|each|"
    r"arbitrary)\s+(?:(?:nonzero|non-zero)\s+)?(?:g|∇\s*f|gradients?|inputs?|choices? of g)\b|"
    r"\bstrictly convex\b|\bin (?:all|every) cases?\b|\bregardless\b)"
    r"|\b(?:minimi[sz]ers?|solution|step|update|u\*?|d\*?)\b[^.;]{0,20}?\b(?:is|are)\s+always\s+"
    r"unique\b"
    r"|\bunique (?:minimi[sz]er|solution|optimal step)\b[^.;]{0,20}?\b(?:for|with)\s+(?:every|"
    r"any|all|each)\s+(?:g|∇\s*f|gradients?)\b"
    r"|\bstrictly convex\b[^.;]{0,60}?\bunique\b", re.I)
"""The optimal step said to be one point for every gradient ("the minimiser is unique for every
g (strictly convex objective)", "this u is always unique", "since the objective is strictly
convex, the solution is unique")."""


def tie_instance(part: Any) -> tuple[list, str] | None:
    """The part solved again with a tie for the largest gradient entry: (that gradient, how
    its optimal steps are described) when the step is then a whole set, else None."""
    from optiproof.families.steepest_descent.solve import solve

    spec = getattr(part.facts, "spec", None)
    if spec is None or not isinstance(spec.gradient, list):
        return None
    gradient = _tied(spec.gradient)
    if gradient is None:
        return None
    key = spec.model_dump_json()
    if key not in _TIED_SOLVED:
        other = solve(spec.model_copy(update={"gradient": gradient}), figures=False)
        sets = [a for a in other.answers if a.status == "set-valued"]
        _TIED_SOLVED[key] = (gradient, sets[0].set_description) if sets else None
    return _TIED_SOLVED[key]


_NORM_FREE_THRESHOLD = re.compile(
    r"\b(?:threshold|critical (?:step(?: size)?|value|α|alpha)|cut-?off)\b[^.;]{0,80}?"
    r"(?:\b(?:is|stays|remains) (?:exactly |precisely )?the same|\bidentical|"
    r"(?P<own1>\bdoes(?:n't| not)|\bnever) (?:depends?|changes?|var(?:y|ies))|"
    r"\bindependent|\bunchanged|\buniversal)\b[^.;]{0,30}?\bnorms?\b"
    r"|\bnorm[- ](?:independent|free|agnostic) threshold\b", re.I)
"""The threshold on α at which the plain-norm step stops being zero, claimed the same whatever
the norm ("this threshold is the same for every norm", "it does not depend on the norm")."""
_AS_A_FORMULA = re.compile(r"\b(?:formula|form|expression|rule|recipe|dual)\b|‖g‖_?\*|\|\|g\|\|_?\*",
                           re.I)
"""The same *formula* (1/‖g‖ in the dual norm) for every norm is true: only its value differs."""
_VECTOR_NORMS = (L2.key, L1.key, LINF.key)
_THRESHOLDS: dict[str, Any] = {}


def thresholds_by_norm(part: Any) -> dict[str, Any]:
    """The part's threshold on α, solved again for each vector norm of the catalogue (the
    part's own included): norm key -> threshold. Empty when the part gives no threshold."""
    from optiproof.families.steepest_descent.solve import solve

    spec = getattr(part.facts, "spec", None)
    own = [a for a in part.answers if a.quantity == "threshold" and a.expr is not None]
    if spec is None or not own or not isinstance(spec.gradient, list) or (
            spec.gradient and isinstance(spec.gradient[0], list)):
        return {}
    key = spec.model_dump_json()
    if key not in _THRESHOLDS:
        found = {}
        for name in _VECTOR_NORMS:
            try:
                other = solve(spec.model_copy(update={"norm": spec.norm.model_copy(
                    update={"name": name, "p": None, "D": None})}), figures=False)
            except Exception:  # noqa: BLE001 -- a norm this part cannot take decides nothing
                continue
            found.update({name: a.expr for a in other.answers
                          if a.quantity == "threshold" and a.expr is not None})
        _THRESHOLDS[key] = found
    return _THRESHOLDS[key]


def _norm_free_threshold(part: Any) -> list[tuple[Any, ...]]:
    """"The threshold is the same for every norm", refuted by two norms whose thresholds on
    the part's gradient differ."""
    import sympy

    from optiproof.catalogue import NORMS

    found = thresholds_by_norm(part)
    values = {k: v for k, v in found.items() if getattr(v, "is_number", False)}
    distinct = {round(float(v), 12) for v in values.values()}
    if len(distinct) < 2:
        return []
    shown = ", ".join(f"{sympy.nsimplify(v)} for the {getattr(NORMS.get(k), 'name', k)}"
                      for k, v in values.items())
    return [(_NORM_FREE_THRESHOLD, f"says the threshold on α is the same for every norm, but "
                                   f"solved for other norms on this gradient it is {shown} "
                                   f"(1/‖g‖ in the dual norm)",
             lambda m: not _AS_A_FORMULA.search(m.group(0)))]


def false_statements(part: Any) -> list[tuple[Any, ...]]:
    """A claim that no quadratic norm yields a preconditioned method: the penalized step of
    the weighted norm ``√(dᵀPd)`` is ``-(α/2)P⁻¹g``, preconditioned gradient descent. A claim
    that the step always moves a single coordinate, refuted where the part's step is a whole
    set once the largest gradient entries tie (solved again on such a gradient)."""
    out = []
    if _weighted_norm_step() is not None:
        out.append((_NO_QUADRATIC_NORM, "says no quadratic norm gives a preconditioned method, "
                                        "but the penalized step for the weighted norm √(dᵀPd) "
                                        "is −(α/2)P⁻¹g: preconditioned gradient descent (a "
                                        "diagonal P gives Adagrad-like per-coordinate steps)"))
    degenerate = degenerate_instance(part)
    if degenerate is not None:
        gradient, described = degenerate
        out.append((_UNIQUE_ALWAYS, f"says the optimal step is unique for every gradient, but "
                                    f"for the gradient {gradient} it is a whole set: "
                                    f"{described}"))
    tie = tie_instance(part)
    if tie is not None:
        gradient, described = tie
        out.append((_ALWAYS_ONE, f"says the step always moves a single coordinate, but for the "
                                 f"gradient {gradient} (a tie for the largest entry) the optimal "
                                 f"step is not unique: {described}"))
    return out + _norm_free_threshold(part)


def hint_question(part: Any) -> str:
    """The question a student should ask about this part's derivation."""
    return "which direction and which length does the objective reward?"
