"""Bias correction claimed to make the moment estimates unbiased for any gradient sequence
("stationarity is not needed"), checked with the verified first-moment recurrence.

The verified ``m_t`` (Adam's first moment, a weighted sum of the gradients) gives, at t = 2 with
E[g₁] = 0 and E[g₂] = 1, E[m̂₂] = E[m₂]/(1 − β₁²) = 1/(1 + β₁) ≠ E[g₂]: the correction removes
the bias only when every E[gᵢ] is the same. The statement must say "unbiased" of the corrected
estimates (or of what bias correction makes), quantify over gradient sequences or wave
stationarity away, and not deny or limit it ("only for stationary gradients"). Anything else is
no finding.
"""

from __future__ import annotations

import re
from typing import Any

_UNBIASED = re.compile(r"\bunbiased\b", re.I)
_ANY_SEQUENCE = re.compile(
    r"\b(?:for|with|under|given)\s+(?:any|every|all|arbitrary|whatever)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:gradients?|gradient (?:sequences?|streams?|distributions?)|sequences?|distributions?)\b|"
    r"\bregardless of (?:the |whether )?(?:stationarity|(?:gradient )?distribution|the gradients)|"
    r"\bstationarity (?:is|was) (?:not|never) (?:actually |really |even )?(?:needed|required|"
    r"necessary|assumed)|\b(?:without|no need (?:for|to assume)) (?:assuming )?stationar\w*|"
    r"\beven (?:for|with|when) (?:the gradients are )?non-?stationary|\bnot (?:just|only) "
    r"(?:for |with |under )?stationary", re.I)
_ABOUT = re.compile(r"bias[- ]correct|m̂|v̂|mhat|vhat|\\hat|corrected|moment estimates?|"
                    r"\bestimates?\b", re.I)
_DENIED = re.compile(r"\b(?:not|never|no longer|isn't|aren't|fails? to be|cannot be)\s+"
                     r"(?:\w+\s+){0,2}?unbiased|\bonly (?:for|when|if|under|with) (?:\w+\s+){0,2}?"
                     r"stationary|\b(?:might|may|could|would)\b|\bnaive", re.I)


def _first_moment(solution: Any) -> tuple[Any, Any] | None:
    """The part verifying Adam's first moment ``m_t`` as a sum over the gradients, and it."""
    import sympy

    from optiproof.checking.expect import expectations

    for part in solution.parts:
        for exp in expectations(part):
            if "m_t" in exp.symbols and isinstance(exp.value, sympy.Expr) and exp.value.has(
                    sympy.Sum):
                return part, exp.value
    return None


def _gradients(expr: Any) -> list[Any]:
    """The gradient terms ``g(1)``, ``g(2)`` of an unrolled sum."""
    import sympy

    return sorted((c for c in expr.atoms(sympy.Function)
                   if len(c.args) == 1 and c.args[0].is_Integer), key=str)


def _corrected_mean(m_t: Any) -> Any:
    """E[m̂₂] from the verified ``m_t`` with E[g₁] = 0 and E[g₂] = 1, or None."""
    import sympy

    t = next((s for s in m_t.free_symbols if s.name == "t"), None)
    if t is None:
        return None
    m2 = m_t.subs(t, 2).doit()
    calls = _gradients(m2)
    if len(calls) != 2 or {c.args for c in calls} != {(1,), (2,)}:
        return None
    mean = m2.xreplace({c: (1 if c.args == (2,) else 0) for c in calls})
    first = m_t.subs(t, 1).doit()
    one = _gradients(first)
    if len(one) != 1:
        return None
    beta_weight = first.xreplace({one[0]: 1})  # 1 − β₁: the weight of the newest gradient
    return sympy.nsimplify(mean / (1 - (1 - beta_weight) ** 2))


def sequence_claim(solution: Any, words: str) -> tuple[str, str] | None:
    """Why "bias correction makes the estimates unbiased for any gradient sequence" is false,
    with the part that verifies the first moment, or None."""
    import sympy

    said = _UNBIASED.search(words)
    if said is None or not _ANY_SEQUENCE.search(words) or not _ABOUT.search(
            words[:said.start()]) or _DENIED.search(words):
        return None
    found = _first_moment(solution)
    if found is None:
        return None
    part, m_t = found
    mean = _corrected_mean(m_t)
    if mean is None or not mean.is_number or sympy.simplify(mean - 1) == 0:
        return None
    return (f"with E[g₁] = 0 and E[g₂] = 1 the verified m_t of part ({part.label}) gives "
            f"E[m̂₂] = {float(mean):.4g}, not E[g₂] = 1: bias correction removes the bias only "
            "when every E[gᵢ] is the same (stationary gradients)", part.label)
