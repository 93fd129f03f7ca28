"""What only this family can judge in an answer about steepest descent: a claim that a number
computed from the given gradient holds for every gradient (:data:`UNIVERSAL`). The checker
tests it on :func:`other_instance`, the part solved again with another gradient of the same
shape: if the answer changes there, the claim is false. A claim that no quadratic norm gives a
preconditioned method (:func:`false_statements`) is refuted by solving the penalized step for a
weighted norm ``dᵀPd``."""

from __future__ import annotations

import re
from typing import Any

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


def false_statements(part: Any) -> list[tuple[re.Pattern, str]]:
    """A claim that no quadratic norm yields a preconditioned method: the penalized step of
    the weighted norm ``√(dᵀPd)`` is ``-(α/2)P⁻¹g``, preconditioned gradient descent."""
    if _weighted_norm_step() is None:
        return []
    return [(_NO_QUADRATIC_NORM, "says no quadratic norm gives a preconditioned method, but the "
                                 "penalized step for the weighted norm √(dᵀPd) is −(α/2)P⁻¹g: "
                                 "preconditioned gradient descent (a diagonal P gives "
                                 "Adagrad-like per-coordinate steps)")]


def hint_question(part: Any) -> str:
    """The question a student should ask about this part's derivation."""
    return "which direction and which length does the objective reward?"
