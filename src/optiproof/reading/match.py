"""Which family reads a part: the one that answers what the part asks.

Each family's reader hook declares the catalogue quantities the family answers (and, as
``secondary``, those it answers beside the family that owns them: such a family is a candidate
for a part asking one, after the owner, and does not take the owner's decisive vote away). A
quantity only one family answers (the limit of an optimizer, the number of messages, the largest stable step)
is decisive: the family that answers most of the part's decisive asks reads it. When no ask is
decisive (or two families answer equally many), the cue words of the part and the whole text
decide between the candidates; when those tie too, the part is refused naming both families.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MIN_SCORE = 3.0
"""Least cue score for a text to count as a family's problem when no ask decides."""


@dataclass(frozen=True)
class Choice:
    """The families that may read a part, best first, each with why (the asks or cue words
    that speak for it); empty with ``refusal`` set when none may."""

    candidates: tuple[tuple[str, str], ...]
    refusal: str = ""


def _decisive(readers: dict[str, Any]) -> dict[str, str]:
    """Quantity -> the one family that answers it (quantities several families answer are out,
    and so are derived ones — a ratio, a sum, a crossover — which any family's answers make)."""
    from optiproof.catalogue.quantities import DERIVED

    derived = {q.key for q in DERIVED}
    owners: dict[str, list[str]] = {}
    for name, hook in readers.items():
        for key in set(hook.answers) - derived - set(getattr(hook, "secondary", ())):
            owners.setdefault(key, []).append(name)
    return {key: names[0] for key, names in owners.items() if len(names) == 1}


def choose(asked: list[str], own: dict[str, Any], whole: dict[str, Any],
           readers: dict[str, Any], asked_anywhere: list[str] = ()) -> Choice:
    """The candidate families of one part: those answering most of its decisive asks first
    (when it has none, the decisive asks of the whole problem), then those with enough cue
    words (``own``, ``whole``: family -> Score of the part's text and of the whole text), each
    group by cue score."""
    decisive = _decisive(readers)
    votes: dict[str, list[str]] = {}
    for key in dict.fromkeys(asked):
        if key in decisive:
            votes.setdefault(decisive[key], []).append(key)
    if not votes:
        for key in dict.fromkeys(asked_anywhere):
            if key in decisive:
                votes.setdefault(decisive[key], []).append(key)
    cue = {n: 2 * own[n].points + whole[n].points for n in readers}
    cued = [n for n in readers if max(own[n].points, whole[n].points) >= MIN_SCORE]
    also = {n: [k for k in dict.fromkeys(asked) if k in getattr(hook, "secondary", ())]
            for n, hook in readers.items()}   # a quantity a family answers beside its owner
    also = {n: keys for n, keys in also.items() if keys}   # (the largest step of least squares)
    ranked = sorted(set(votes) | set(cued) | set(also),
                    key=lambda n: (-len(votes.get(n, [])), -cue[n]))
    if not ranked:
        return Choice((), "no question of any family was recognised and no cue words of any "
                          "family were found")
    return Choice(tuple((n, "asks for " + ", ".join(votes[n]) if n in votes else
                         ", ".join(dict.fromkeys((own[n].cues or whole[n].cues)[:4])) or
                         "asks for " + ", ".join(also.get(n, [])))
                        for n in ranked))


def tied(choice: Choice, asked: list[str], own: dict[str, Any], whole: dict[str, Any],
         readers: dict[str, Any]) -> bool:
    """True when the first two candidates have the same asks and the same cue score."""
    if len(choice.candidates) < 2:
        return False
    decisive = _decisive(readers)
    a, b = choice.candidates[0][0], choice.candidates[1][0]
    votes = {n: sum(1 for k in dict.fromkeys(asked) if decisive.get(k) == n) for n in (a, b)}
    cue = {n: 2 * own[n].points + whole[n].points for n in (a, b)}
    return votes[a] == votes[b] and cue[a] == cue[b]
