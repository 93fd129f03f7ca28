"""A convergence guarantee claimed for a whole class of objectives, checked against what the
catalogue knows of the method ("Adam with the default betas converges to the optimum on every
convex problem": the catalogue records a convex problem on which it does not).

The statement must name one optimizer as its subject (not in a contrast: "unlike Adam"), claim
convergence on every member of the class without a condition of its own (a decaying step, "if",
"under"), and the problem must verify something of that optimizer (a part whose method it is),
so that the claim is about the method the answer works with. Anything else is no finding.
"""

from __future__ import annotations

import re
from typing import Any

_EVERY_CONVEX = re.compile(
    r"\bconverges?\b[^.;]{0,80}?\b(?:on|for|in|over)\s+(?:every|any|all|each|arbitrary)\s+"
    r"(?:[\w-]+\s+){0,2}?(?<!strongly )(?<!non-)(?<!non)(?P<cls>convex)\b", re.I)
_CONTRAST = re.compile(r"\b(?:unlike|except(?: for)?|in contrast to|as opposed to|compared (?:to|"
                       r"with)|rather than|instead of)\s+(?:\w+\s+){0,2}$", re.I)
_CONDITION = re.compile(r"\b(?:if|provided|when(?:ever)?|under|as long as|suitabl\w*|properly|"
                        r"appropriate(?:ly)?|decay\w*|decreas\w*|diminish\w*|schedul\w*|"
                        r"annealed|amsgrad)\b|β_?2\s*(?:→|->)\s*1", re.I)


def convergence_claim(solution: Any, words: str) -> tuple[str, str] | None:
    """Why "X converges on every convex problem" is false, with the part that verifies X, or
    None."""
    from optiproof.catalogue import OPTIMIZERS

    m = _EVERY_CONVEX.search(words)
    if m is None or _CONDITION.search(words):
        return None
    named = [x for x in OPTIMIZERS.mentions(words[:m.start()]) if x.entry.named]
    if not named or _CONTRAST.search(words[:named[-1].start]):
        return None
    # "Adam, RMSProp and AdaGrad all converge on every convex problem": each method listed as
    # the subject is claimed to
    listed = [named[-1]]
    for x in reversed(named[:-1]):
        if not _LIST_GAP.fullmatch(words[x.end:listed[0].start]) or _CONTRAST.search(
                words[:x.start]):
            break
        listed.insert(0, x)
    for mention in listed:
        entry = mention.entry
        if entry.may_fail_on != m.group("cls").lower():
            continue
        for part in solution.parts:
            own = OPTIMIZERS.get(part.identified_as or "")
            if (own is not None and own.key == entry.key) or any(
                    a.subject == entry.key for a in part.answers):
                return (f"{entry.name} with constant hyper-parameters is not guaranteed to "
                        f"converge on every {m.group('cls').lower()} problem (Reddi, Kale & "
                        f"Kumar 2018 give a convex counterexample); part ({part.label}) "
                        f"verifies {entry.name}'s step", part.label)
    return None


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and|or)?|and|or|&|/)\s*", re.I)
"""What stands between two methods of one list ("Adam, RMSProp and AdaGrad")."""
