"""Values met on the way to a part's answer, told apart from the answer itself.

A derivation names its intermediate results by their own symbols (``√v̂₁ = [3, 0.5, 2]``,
``m̂₁ = g₁``) or by words that name no quantity the part asks ("so the magnitudes are [3, 0.5,
2]"), and often marks them as conclusions ("so ..."). Such a statement is the part's final claim
only when nothing else in the body states the answer. When the strongest statements of the body
are all of that kind and a statement that names the answer (by its symbol, or by words naming
its quantity) follows them (``step = −α sign(g₁) = [..]``), that later statement is the body's
claim, whatever its tier.
"""

from __future__ import annotations

from typing import Any

_NAMED = 4.0
"""Evidence from a symbol or words naming the answer (a value's shape alone gives less)."""


def past_the_way(strong: list[Any], found: list[Any]) -> tuple[list[Any], bool]:
    """The body statements to choose the final claim from, and whether they were promoted
    (graded as final although none is marked so). Of ``strong`` (the marked ones), those on
    the way (nothing names the answer: another symbol, or words naming no quantity the part
    asks) before the last one that names it are dropped; when every one is on the way, the
    statements of the body after the first of them that name the answer are the claim."""
    named = [s.claim.pos for s in strong if s.evidence >= _NAMED]
    if named:
        return [s for s in strong if s.evidence >= _NAMED or s.claim.pos > max(named)], False
    if not strong:
        return strong, False
    first = min(s.claim.pos for s in strong)
    later = [s for s in found if s.claim.role != "summary" and s.evidence >= _NAMED
             and s.claim.pos > first]
    return (later, True) if later else (strong, False)
