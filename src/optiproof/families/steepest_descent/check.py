"""What only this family can judge in an answer about steepest descent: a claim that a number
computed from the given gradient holds for every gradient (:data:`UNIVERSAL`). The checker
tests it on :func:`other_instance`, the part solved again with another gradient of the same
shape: if the answer changes there, the claim is false."""

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


def hint_question(part: Any) -> str:
    """The question a student should ask about this part's derivation."""
    return "which direction and which length does the objective reward?"
