"""Matching helpers the family readers share: cached patterns, cue scores, the first match and
its phrase, negated mentions, ``NAME = value`` assignments, and asks taken from the questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from optiproof.core.errors import BadInput
from optiproof.core.text.numbers import Num, array_at, number_at
from optiproof.core.text.record import PartReading, phrase


@dataclass(frozen=True)
class Score:
    """How strongly a text looks like a family's problem, and the cue phrases that said so."""

    points: float
    cues: tuple[str, ...] = ()


_CACHE: dict[str, re.Pattern] = {}


def rx(pattern: str) -> re.Pattern:
    """Compiled, cached, case-insensitive pattern."""
    got = _CACHE.get(pattern)
    if got is None:
        got = _CACHE[pattern] = re.compile(pattern, re.I)
    return got


_CACHE_CASE: dict[str, re.Pattern] = {}


def rxc(pattern: str) -> re.Pattern:
    """Compiled, cached, case-sensitive pattern (``G`` is not ``g``)."""
    got = _CACHE_CASE.get(pattern)
    if got is None:
        got = _CACHE_CASE[pattern] = re.compile(pattern)
    return got


def cue_score(flat: str, cues: list[tuple[str, float]]) -> Score:
    """Sum of the weights of the cue patterns found in ``flat`` (each counted once)."""
    points, found = 0.0, []
    for pattern, weight in cues:
        m = rx(pattern).search(flat)
        if m:
            points += weight
            found.append(m.group(0))
    return Score(points, tuple(found))


def search(pattern: str, text: str, *, pad: int = 0) -> tuple[re.Match | None, str]:
    """First match of ``pattern`` and its source phrase (widened by ``pad`` characters)."""
    m = rx(pattern).search(text)
    if not m:
        return None, ""
    return m, phrase(text, m.start(), m.end(), pad=pad)


_NEGATORS = re.compile(r"(?:\bwithout|\binstead of|\brather than|\bunlike|\bother than|\bexcept|"
                       r"\bcompared (?:to|with)|\bbesides)\b[^.;?!]{0,40}$|"
                       r"(?:\bno|\bnot|\bnor)\b[^.;?!,]{0,12}$", re.I)


_OFF_AFTER = re.compile(r"(?:[ ](?:term|terms|buffer|part))?[ ](?:is|are|was|were|will be|gets|get)[ ]"
                        r"(?:not (?:used|applied|included|present|enabled|active)|"
                        r"(?:switched|turned|set|left) off|disabled|omitted|dropped|removed|absent|"
                        r"set to (?:0|zero)\b)|[ ]off\b(?![- ]?(?:diagonal|the))", re.I)


def switched_off_after(text: str, end: int) -> bool:
    """True when the mention ending at ``end`` is then said to be off ("momentum is not used
    here", "the momentum term was switched off", "momentum off")."""
    return bool(_OFF_AFTER.match(text, end))


def negated(text: str, start: int, window: int = 50) -> bool:
    """True when the mention at ``start`` is negated or contrasted ("without weight decay",
    "instead of treating the norm as a constraint", "unlike SGD")."""
    before = text[max(0, start - window):start]
    m = _NEGATORS.search(before)
    if m is None:
        return False
    # a negator governs the noun phrase right after it: past a comma the mention starts a
    # clause of its own ("without bias correction, Adam's step …"), unless the comma runs a
    # list the negator still covers ("without momentum, Nesterov or Adam")
    tail = before[m.start():]
    return "," not in tail or bool(_LIST_TAIL.search(tail.rsplit(",", 1)[1]))


_LIST_TAIL = re.compile(r"\b(?:or|and|nor)\b", re.I)


def assigned_number(text: str, name: str) -> tuple[Num, str] | None:
    """``NAME = number`` (NAME a regex such as ``α|alpha``), its value and phrase."""
    for m in rx(rf"(?<![\w])(?:{name})[ ]?(?:=|:=|is|of)[ ]?").finditer(text):
        if text.startswith("(", m.end()):   # "η = (1/2)", "η = (1)/(2)": a LaTeX \frac12
            digits = re.match(r"\((\d{1,6})\)/\((\d{1,6})\)", text[m.end():])
            inner = number_at(f"{digits.group(1)}/{digits.group(2)}", 0) if digits else \
                number_at(text, m.end() + 1)
            end = m.end() + digits.end() if digits else inner[1] + 1 if inner else 0
            if inner is not None and (digits or text.startswith(")", inner[1])):
                return inner[0], phrase(text, m.start(), end)
        got = number_at(text, m.end())
        if got is not None:
            return got[0], phrase(text, m.start(), got[1])
        if number_at(text, m.end(), standalone=False) is not None:
            shown = phrase(text, m.start(), min(len(text), m.end() + 24))
            raise BadInput(f'the value in "{shown}" is written as an expression, which is not '
                           "read (its first number alone would be a wrong value)",
                           field="PROBLEM", expected="one number such as 6, 0.5, 1e-3 or 10^-3")
    return None


_CHAIN = (r"(?:(?:[A-Za-zα-ωΑ-Ω](?:_ ?\{?-?[\w∞]{1,3}\}?)?(?:\^[*†T])?|(?:∇|grad) ?[A-Za-z](?:_ ?\{?\w{1,3}\}?)?"
          r"(?: ?\([\wθ_ ]{1,8}\))?) ?:?= ?){0,2}")
"""Names an equality chain passes before its value: ``θ_0 = e_1 = (1, 0, 0)``, ``g = ∇f(θ_t) =
(3, 0)``, ASCII ``g = grad f(w_t) = (3, 0)``."""


def assigned_array(text: str, name: str) -> tuple[list, str, int] | None:
    """``NAME = [array]`` (or ``NAME = (array)``), its value, phrase and end position."""
    for m in rx(rf"(?<![\w])(?:{name})[ ]?(?:=|:=|is|be)[ ]?(?:the (?:vector|matrix) )?"
                + _CHAIN).finditer(text):
        got = array_at(text, m.end())
        if got is not None:
            return got[0], phrase(text, m.start(), got[1]), got[1]
    return None


def first_of(text: str, patterns: dict[str, str]) -> list[tuple[int, str, str]]:
    """For each named pattern, its first non-negated match: ``(position, name, phrase)``,
    sorted by position (the order the text mentions them)."""
    out = []
    for name, pattern in patterns.items():
        for m in rx(pattern).finditer(text):
            if not negated(text, m.start()):
                out.append((m.start(), name, phrase(text, m.start(), m.end())))
                break
    return sorted(out)


def all_of(text: str, patterns: dict[str, str]) -> list[tuple[int, int, str, str]]:
    """Every non-negated match of every named pattern: ``(start, end, name, phrase)``."""
    out = []
    for name, pattern in patterns.items():
        for m in rx(pattern).finditer(text):
            if not negated(text, m.start()):
                out.append((m.start(), m.end(), name, phrase(text, m.start(), m.end())))
    return sorted(out)


def question_sentences(flat: str, limit: int = 1500, fallback: bool = True) -> str:
    """The sentences that ask something (``?``, "find", "what", "fill in", ...); when none
    does, the end of the text (``fallback``) or nothing."""
    sentences = re.split(r"(?<=[.?!])\s+(?=[A-Z(])", flat)
    asks = [s for s in sentences if "?" in s or rx(
        r"^(?:find|compute|derive|determine|give|fill in|show|calculate|state|identify|"
        r"what|which|how|where|for each)\b").search(s)]
    text = " ".join(asks) if asks else (flat[-600:] if fallback else "")
    return text if len(text) <= limit else text[:limit - 3] + "..."


def take_asks(r: PartReading, field: str, asks: list[tuple[str, str]],
              answers: tuple[str, ...], spelled: dict[str, str] | None = None) -> None:
    """Append to the list field ``field`` every asked quantity (``(key, phrase)``, from the
    questions) that the family answers and the field lacks, spelled as the spec spells it, and
    put the field in the order the questions ask."""
    spelled = spelled or {}
    have = list(r.value(field) or [])
    kinds = {a["kind"] if isinstance(a, dict) else a for a in have}
    added = []
    for key, source in asks:
        value = spelled.get(key, key)
        if key in answers and value not in kinds:
            have.append(value)
            kinds.add(value)
            added.append(source)
    order = list(dict.fromkeys(spelled.get(k, k) for k, _ in asks))
    ranked = sorted(have, key=lambda a: order.index(_kind(a)) if _kind(a) in order else len(order))
    if added or ranked != have:
        old = r.fields[field].source if field in r.fields else ""
        r.set(field, ranked, " | ".join(x for x in (old, *added) if x))


def _kind(ask: Any) -> str:
    """The kind of an ask written as a string or as ``{kind: ...}``."""
    return ask["kind"] if isinstance(ask, dict) else ask


def sentence_of(text: str, piece: str) -> str:
    """The sentence of ``text`` holding ``piece`` (empty if it is not there)."""
    at = text.find(piece)
    if at < 0:
        return ""
    start = max(text.rfind(c, 0, at) for c in ".?!") + 1
    ends = [e for e in (text.find(c, at + len(piece)) for c in ".?!") if e >= 0]
    return text[start:min(ends) + 1 if ends else len(text)]


_SECOND_QUESTION = (r"(?:how|what|which|where|when|why|is|are|does|do|did|can|could|would|will|"
                    r"should|give|find|compute|state|report)\b")
_SENTENCE_END = re.compile(r"(?<=[.!])[ \n]+(?=[^ \n])|(?<=\?)[ \n]+(?=[^ \n⟩\]},;])"
                           rf"(?!(?:and|or) (?!{_SECOND_QUESTION}))|"
                           r"(?<=\?)(?=[^ \n?!)⟩\]},;‖|_^/*])|(?<=[:;])[ \n]+-[ ]"
                           r"(?=[a-zA-Z])")
"""Where a sentence ends: after '. ? !' and a space, and after a '?' glued to the next word; a
'?' before a closing bracket, a comma or a lower-case 'and'/'or' ("⟨G, D?⟩ in (a)?", "the
parameters α? , β ? and the rate", a PDF copy's lost stars) ends nothing; one before "and how
many ...", "or what ..." (a second question) does end one."""
_LOST_STAR = re.compile(r"(?<![\w\\])[A-Za-zα-ωΑ-Ω](?:_\{?\w{1,3}\}?|\d{1,2})? ?\?[ ]*$")
"""A '?' right after a lone symbol ("at η ? are needed", "the minimiser D? and name", "‖d?RMS‖"):
a star a PDF copy lost when the text goes on in lower case or glued, not the end of a
question."""
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|s\.t|vs|cf|approx|resp|etc|Fig|Eq|eq|No)\.$")


def sentences(flat: str) -> list[tuple[int, str]]:
    """``(start, sentence)`` pieces of a single-line text, cut after ``. ? !`` and at bullets."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in _SENTENCE_END.finditer(flat):
        piece = flat[start:m.start()]
        if _ABBREVIATIONS.search(piece):
            continue
        if _LOST_STAR.search(flat, max(0, m.start() - 12), m.start()) and (
                re.match(r"[a-z]", flat[m.end():m.end() + 1]) or m.start() == m.end()):
            continue   # "at η ? are needed", "‖d?RMS‖_2": a lost star
        if piece.strip():
            out.append((start, piece.strip()))
        start = m.end()
    if flat[start:].strip():
        out.append((start, flat[start:].strip()))
    return [x for at, piece in out for x in _remark_first(at, piece)]


def _remark_first(at: int, piece: str) -> list[tuple[int, str]]:
    """A sentence that starts with a parenthesised remark of its own and goes on after it
    with a capital ("(exact fractions please, I want to compare) Second, my optimiser uses
    ..."): the remark and the rest are two sentences."""
    if not piece.startswith("("):
        return [(at, piece)]
    depth = 0
    for i, c in enumerate(piece):
        depth += (c == "(") - (c == ")")
        if depth == 0:
            rest = piece[i + 1:]
            if i >= 12 and re.match(r" +[A-Z][a-z]", rest):
                lead = len(rest) - len(rest.lstrip())
                return [(at, piece[:i + 1]), (at + i + 1 + lead, rest.strip())]
            return [(at, piece)]
    return [(at, piece)]
