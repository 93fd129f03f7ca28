"""Completing a reading on a terminal: a request the reader could not place is put to the user,
with the quantities the part's family answers as choices (from the catalogue), and the reading
is checked again. Off a terminal nothing here runs: the refusal stands.
"""

from __future__ import annotations

from collections.abc import Callable

from optiproof.catalogue import QUANTITIES
from optiproof.core.text.record import PartReading
from optiproof.reading.report import Reading

Choose = Callable[[str, list[str]], "int | None"]
"""``choose(prompt, options) -> index of the chosen option, or None for 'something else'``."""


def question_gaps(part: PartReading) -> list[str]:
    """The reasons a part's questions were not read (its other gaps are not asked about)."""
    return [m.reason for m in part.missing if m.name.startswith("question") or m.name == "asks"]


def completable(reading: Reading) -> bool:
    """True when every gap of the reading is a question the user can place by choosing."""
    return not reading.missing and all(
        p.family and len(question_gaps(p)) == len(p.missing) for p in reading.parts) and any(
        p.missing for p in reading.parts)


def complete(reading: Reading, choose: Choose) -> bool:
    """Ask, part by part, what each unplaced question asks for; True when every one was placed
    (the reading is then complete), False as soon as the user picks 'something else'."""
    from optiproof.reading.registry import readers

    hooks = readers()
    for part in reading.parts:
        gaps = question_gaps(part)
        if not gaps:
            continue
        hook = hooks[part.family]
        keys = list(hook.answers)
        prompt = (f"Part ({part.label}): " + "; ".join(gaps) + f"\nPart ({part.label}) asks for:")
        picked = choose(prompt, [QUANTITIES[k].name for k in keys])
        if picked is None:
            return False
        hook.take(part, [(keys[picked], "chosen on the terminal")])
        part.asked = hook.asked(part)
        if keys[picked] not in part.asked:
            return False
        part.missing = [m for m in part.missing if m.reason not in gaps]
        part.notes.append("the question was placed on the terminal: "
                          f"{QUANTITIES[keys[picked]].name}")
    return reading.complete
