"""A bare head noun names the part's own quantity of that noun.

A part that asks for "the first step" is answered by a line ``step = -α sign(g₁) = [..]``: the
word "step" alone is the catalogue's label of a generic update, but inside this part it can
only mean the quantity the part asks whose name it heads. The rule is read from the catalogue:
a quantity named by a short phrase ``<modifier> <noun>`` ("first step", "convergence rate",
"total volume") is named by its noun alone where the words name nothing more specific and no
other quantity the part asks.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SHORT_NAME = re.compile(r"(?:[\w-]+ ){1,2}([a-z]+)")
_LINKS = re.compile(r"\b(?:of|on|in|for|to|per|vs|the|and|or|at|with|by|from)\b")
"""A name with a preposition or article ("bound on the per-coordinate step") is no
``<modifier> <noun>`` phrase: its last word is not its head."""


@lru_cache(maxsize=None)
def head_labels(quantity: str) -> tuple[tuple[str, int], ...]:
    """The labels (quantity -> score) the head noun of ``quantity``'s name has on its own
    (``first-step`` -> the labels of "step"); () when its name is not a short noun phrase."""
    from optiproof.catalogue import QUANTITIES
    from optiproof.catalogue.quantities import label_scores

    entry = QUANTITIES.get(quantity)
    if entry is None:
        return ()
    m = _SHORT_NAME.fullmatch(entry.name)
    if m is None or _LINKS.search(entry.name):
        return ()
    return tuple(sorted(label_scores(m.group(1)).items()))


def with_heads(found: dict[str, int], quantities: frozenset[str]) -> dict[str, int]:
    """``found`` (quantity -> label score of a claim's words) with the asked quantities whose
    head noun those words are: when the words name no asked quantity and every quantity they
    name is one the head noun alone names, with no longer label, each asked quantity headed by
    that noun is named as strongly."""
    if not found or any(q in quantities for q in found):
        return found
    out = dict(found)
    for quantity in sorted(quantities):
        head = dict(head_labels(quantity))
        if head and all(head.get(q) == score for q, score in found.items()):
            out[quantity] = max(found.values())
    return out
