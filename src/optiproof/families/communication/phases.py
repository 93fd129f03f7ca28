"""Questions about one phase of the ring all-reduce: "how many messages during the
reduce-scatter phase", "... in the all-gather phase, and in total".

A phase asked in a question is read as the scheme of that phase alone (the catalogue's
``ring-reduce-scatter`` / ``ring-all-gather``); "in total" (or "for the whole all-reduce") adds
the whole ring, "in each phase" both phases. Only the ring's phases are counted: a phase of any
other scheme, or of no named scheme, is refused, and so is a part whose questions mix a phase
with something the phase does not answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from optiproof.catalogue import schemes as S
from optiproof.core.text.match import rx
from optiproof.core.text.record import PartReading

_PHASE = r"(reduce[- ]scatter|all[- ]gather)"
PHASE_ASK = (r"\b(?:in|during|for|over|within|throughout) (?:the |its |a |one |that )?"
             r"(?:ring(?:'s)? )?(?:all[- ]?reduce(?:'s)? )?" + _PHASE +
             r"(?: (?:phase|stage|half|part|sweep))?(?: (?:alone|only|by itself|on its own))?"
             r"(?![\w-])")
"""A phase named as where the counting happens ("during the reduce-scatter phase alone")."""
PHASE_SUBJECT = (r"\b(?:does|do|will|would) (?:the |its |one )?(?:ring(?:'s)? )?"
                 r"(?:all[- ]?reduce(?:'s)? )?" + _PHASE + r"(?: (?:phase|stage|half|part|sweep))?"
                 r"(?: (?:alone|only|by itself|on its own))? (?:take|last|need|require|involve|"
                 r"use|send|move|have|cost)\b")
"""A phase as the subject of the question ("how many rounds does the all-gather take")."""
_ASKS = (PHASE_ASK, PHASE_SUBJECT)
_BOTH_NAMED = (r"^\s*(?:phases? )?(?:\+|and|,|&|followed by|then|or)\s*(?:an? |the )?"
               r"(?:reduce[- ]scatter|all[- ]gather)\b")
"""The other phase right after the first ("during the reduce-scatter and all-gather"): both
phases together, which is the whole all-reduce read another way; refused."""
TOTAL = (r"\b(?:in total|in all|overall|altogether|all together|combined|"
         r"(?:for|over|in|during|throughout) the (?:whole|full|entire|complete) (?:ring )?"
         r"(?:all[- ]?reduce|ring)|"
         r"(?:for|over|in) (?:the )?(?:two|both) phases (?:together|combined))(?![\w-])")
"""The whole ring all-reduce asked beside a phase ("..., and in total")."""
EACH = r"\b(?:in|during|for) each (?:of the (?:two )?)?phases?\b|\bper phase\b"
"""Both phases, each on its own."""
_QUESTION = (r"\?|^\s*(?:compute|find|give|determine|count|state|derive|write|express|"
             r"calculate|evaluate)\b|\bhow (?:many|much|long)\b")
_SENTENCE = re.compile(r"(?<=[.?!;])\s+")
_ORDER = (S.RING_REDUCE_SCATTER.key, S.RING_ALL_GATHER.key, S.RING.key)


def _phase_key(word: str) -> str:
    return (S.RING_REDUCE_SCATTER.key if word.lower().startswith("reduce")
            else S.RING_ALL_GATHER.key)


def _refuse(r: PartReading, phrase: str, why: str) -> list[str]:
    r.miss("schemes", f'"{phrase}" {why} (expected the reduce-scatter or all-gather phase of '
                      "the ring all-reduce asked in its own question, or a whole all-reduce: "
                      "ring, tree, recursive doubling, rabenseifner, parameter server, "
                      "all-to-all)")
    return []


def phase_subject(item: str, schemes: list[str]) -> bool:
    """True when a coordinated item of a request is a phase (or the total) the part reads as
    one of its schemes: "how many during the all-gather phase", "in the reduce-scatter phase
    alone", "and how many in total" (the request asked again of it)."""
    core = rx(r"^(?:,|;|and|or|\s)*(?:how (?:many|much)\s+|(?:the|those) (?:(?:number|count|"
              r"amount|ones?)\s*)?(?:\w+ed\s+)?)?").sub("", item.strip(" ?.!"))
    m = rx(PHASE_ASK).fullmatch(core) or rx(PHASE_SUBJECT).fullmatch(core)
    if m:
        return _phase_key(m.group(1)) in schemes
    return bool(rx(TOTAL).fullmatch(core)) and S.RING.key in schemes and any(
        s in S.RING_PHASES for s in schemes)


_THIS_PHASE = r"\b(?:in|during|for|over|within|throughout) (?:this|that|the same) (?:phase|stage)\b"
"""A question that points back at the phase the part described ("How many floats does each
worker send in this phase?")."""
_NAMED_PHASE = _PHASE + r" (?:phase|stage)\b"


class _Said:
    """A phase asked through "this phase": the phrase as written, read as the phase named."""

    def __init__(self, m: re.Match, phase: str) -> None:
        self.string, self._m, self._phase = m.string, m, phase

    def group(self, i: int = 0) -> str:
        return self._m.group(0) if i == 0 else self._phase

    def start(self) -> int:
        return self._m.start()

    def end(self) -> int:
        return self._m.end()


def _this_phase(own: str, questions: list[str]) -> list:
    """The phase a question asks as "this phase": the one phase of the ring the part's text
    names ("In the reduce-scatter phase of ring all-reduce, ... How many floats does each worker
    send in this phase?"); none when it names no phase or both."""
    named = {_phase_key(m.group(1)) for m in rx(_NAMED_PHASE).finditer(own)}
    if len(named) != 1:
        return []
    word = "reduce-scatter" if named == {S.RING_REDUCE_SCATTER.key} else "all-gather"
    return [_Said(m, word) for s in questions for m in rx(_THIS_PHASE).finditer(s)]


def read_phases(own: str, ctx: str, r: PartReading,
                scheme_names: Callable[[str, str], list[str]]) -> list[str] | None:
    """The schemes of a part that asks about a phase of the ring all-reduce, [] when such a
    part is refused (recorded), None when no question of the part names a phase."""
    questions = [s for s in _SENTENCE.split(own) if rx(_QUESTION).search(s)]
    asks = sorted((m for s in questions for a in _ASKS for m in rx(a).finditer(s)),
                  key=lambda m: (questions.index(m.string), m.start()))
    eaches = [m for s in questions for m in rx(EACH).finditer(s)]
    if not asks and not eaches:
        asks = _this_phase(own, questions)
    if not asks and not eaches:
        return None
    first = (asks or eaches)[0].group(0)
    for m in asks:
        if rx(_BOTH_NAMED).search(m.string[m.end():]):
            return _refuse(r, m.group(0), "names both phases together, which is the whole "
                                          "all-reduce or each phase: ask 'in total' or 'in each "
                                          "phase'")
    picked = {_phase_key(m.group(1)) for m in asks}
    read = [m.group(0) for m in asks]
    for s in questions:
        each, total = rx(EACH).search(s), rx(TOTAL).search(s)
        mine = [m for m in asks if m.string is s]
        if not (mine or each or total):
            return _refuse(r, first, f"is asked beside a question that names no "
                                                f"phase (\"{s.strip()[:60]}\"), so which "
                                                "answer is the phase's is unclear")
        if each:
            picked |= {S.RING_REDUCE_SCATTER.key, S.RING_ALL_GATHER.key}
            read.append(each.group(0))
        if total and mine and not any(rx(r",|;|\band\b|\bthen\b").search(
                s[min(m.end(), total.start()):max(m.start(), total.end())]) for m in mine):
            return _refuse(r, total.group(0), f"is asked of the phase in the same clause "
                                              f"(\"{s.strip()[:60]}\"): the phase's total or the "
                                              "whole all-reduce's is unclear")
        if total:
            picked.add(S.RING.key)
            read.append(total.group(0))
    blanked = own
    for m in (m for a in _ASKS for m in rx(a).finditer(own)):
        blanked = blanked[:m.start()] + " " * (m.end() - m.start()) + blanked[m.end():]
    names = scheme_names(blanked, ctx)
    if names != [S.RING.key]:
        if not names:
            return []  # the scheme reader recorded why
        other = next((n for n in names if n != S.RING.key), names[0])
        return _refuse(r, first, f"names one phase of {S.SCHEMES[other].name}, "
                                            "whose phases are not counted on their own")
    whole = rx(r"\bring[- ]?all[- ]?reduce\b|\bring\b").search(blanked)
    if whole is not None:   # "the reduce-scatter phase of ring all-reduce": whose phase it is
        r.convention("phase of", whole.group(0), "the all-reduce whose phase is counted")
    for source in read:
        r.convention("phase", source, "one phase of the ring all-reduce, counted on its own"
                     if not rx(TOTAL).fullmatch(source) else "the whole ring all-reduce")
    schemes = [k for k in _ORDER if k in picked]
    r.set("schemes", schemes, "; ".join(dict.fromkeys(read)))
    return schemes
