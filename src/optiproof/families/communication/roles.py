"""The number of workers and the number of parameters of a communication text, by meaning.

A count is a number ("8 workers", "10^8 parameters", "1.2 × 10^9", "100M params", "1.5B-parameter
model", "eight GPUs"), a letter ("p workers", "a gradient of n entries": the roles come from the
nouns, never from the letter) or an expression ("n = 2^k workers", garbled "n = 2k": the letter
before "=" is the count, its value left symbolic). The workers are what the nouns workers, GPUs,
nodes, ... count, or the p of "a 1/p shard"; the parameters are what parameters, params and
weights count, or the entries, elements, floats or values a gradient or vector holds ("each
worker holds a vector of N floats", "gradients of dimension d = 4096"), or a model's size with a
scale ("a 350M model").

Counts written as operands of an expression ("the other n − 1 workers", "n ≥ 2 workers") name
the letter, not a number. The part's own text overrides the shared context ("Now n = 10"); in
one scope a number wins over a letter, and two different numbers are refused naming both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from fractions import Fraction

from optiproof.core.text.counts import NUMBER_WORDS
from optiproof.core.text.match import rx, rxc
from optiproof.core.text.numbers import number_at
from optiproof.core.text.record import PartReading, phrase

WORKER_NOUNS = r"(?:workers?|nodes?|gpus?|machines?|devices?|processes|process|ranks?|replicas?|" \
               r"processors?|accelerators?|tpus?|servers? (?=each))"
PARAMETER_NOUNS = r"(?:parameters?|params?|weights?)"
VALUE_NOUNS = r"(?:en-? ?tries|entry|ele-? ?ments?|floats?|val-? ?ues|value|numbers|coordi-? ?nates|" \
              r"compo-? ?nents|scalars|parameters?|params|weights|bytes)"
"""What a gradient or vector holds (a word broken at a line end, "ele- ments", included); "a
buffer of N bytes" counts bytes (the reader then counts the sizes in bytes)."""
HOLDERS = r"(?:gradients?|vectors?|tensors?|arrays?|buffers?)"
_GAP = r"(?:(?!(?i:messages?|chunks?|shards?|blocks?|pieces?|halves|half|rounds?|steps?)\b)[^.;?])"
_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_NUM = (r"(?:\d{1,12}(?:\.\d{1,6})? ?[×x*·] ?10\^\d{1,2}|10\^\d{1,2}|2\^\d{1,2}(?![\d^])|\d{1,3}(?:,\d{3})+(?![\d.])|"
        r"\d{1,12}(?:\.\d{1,6})?(?:[eE]\+?\d{1,2})?)(?: ?(?:thousand|million|billion)\b|"
        r"[kKMBG](?![A-Za-z])| [MB](?=[- ](?i:parameters?|params?|weights?)\b))?")
"""A count, maybe with a scale ("100M", "1.5 billion"; "1.3 B-parameter", the B set apart from
a number typeset in math)."""
_SCALE = {"thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "billion": 10**9,
          "b": 10**9, "g": 10**9}
_ADJ = r"(?:(?!(?i:of|and|or|per|each|every|all|any|the|an?|its|their|other|in|to|for|with|at|" \
       r"from|by|on|is|are|was|were|be|rounds?|steps?|phases?|messages?|chunks?|times|servers?|ps|" \
       r"iterations?|entries|elements|bytes|numbers|floats|values|seconds?)\b)(?!\d)(?:\w{1,16}(?:-\w{1,14})?|[\w-]{1,14}) ){0,2}"
"""Words between a count and its noun ('8 identical GPUs', 'd single-precision floats'); a counted
noun of its own ('after k rounds worker 0 ...') ends the count there, and '4 server machines'
count servers, not workers."""
_OPERATOR_BEFORE = re.compile(r"[-−+≥≤<>/·*^×]\s?$|\w[-−]$|\b(?:between|among) $|\bother $|"
                              r"\b(?:power|multiple) of $|"
                              r"\b(?:messages?|chunks?|shards?|blocks?|pieces?|packets?) (?:of|with|"
                              r"carrying|containing|holding) (?:size )?$", re.I)
"""A count right after an operator is an operand of an expression (n − 1 workers); the two of
"between two GPUs" are a pair of them, "the other 3 GPUs" are n − 1 of them (the reader checks
it), a message's entries are not the model's, and "a power of 2 workers" is no count of 2."""


@dataclass(frozen=True)
class Cand:
    """One statement of a count: a number, a letter, or a letter set to an expression."""

    kind: str  # "number" | "letter" | "expression"
    value: int | str
    source: str
    letter: str = ""
    """For an expression: the letter it is assigned to (``n`` of ``n = 2^k``), if any."""


def _number(text: str, m: re.Match) -> int | None:
    """The integer value of a count match (scale words and suffixes applied), else None."""
    raw = m.group(0)
    word = rx(rf"^(?:{_WORD})$").match(raw)
    if word and raw.lower() == "one":
        return None  # "one worker" names a node, it does not count the workers
    if word:
        return NUMBER_WORDS[raw.lower()]
    if rx(r"^\d{1,3}(?:,\d{3})+$").match(raw):
        return int(raw.replace(",", ""))
    power = rx(r"^2\^(\d{1,2})$").match(raw)
    if power:
        return 2 ** int(power.group(1))  # "2^20 floats": a power of two, not 2 then an exponent
    got = number_at(text, m.start())
    if got is None:
        return None
    num, end = got
    scale = rx(r"[ ]?(thousand|million|billion|[kmbg])(?![a-z])").match(text, end)
    value = Fraction(num.value) * (_SCALE[scale.group(1).lower()] if scale and
                                   scale.end() <= m.end() else 1)
    if value.denominator != 1 or value <= 0:
        return None
    return int(value)


def _operand(text: str, start: int) -> bool:
    return bool(_OPERATOR_BEFORE.search(text[max(0, start - 30):start]))


def _letter_count(text: str, m: re.Match, group: str, out: list[Cand]) -> None:
    """A letter (``p workers``) or an expression (``2^k workers``, ``2k``) at ``group``."""
    tok = m.group(group)
    src = phrase(text, m.start(), m.end())
    if rxc(r"^[A-Za-z]$").match(tok):
        if tok in ("a", "A", "I"):
            return
        out.append(Cand("letter", tok, src))
        return
    before = rxc(r"(?<![\w^_/])([A-Za-z]) ?= ?$").search(text[max(0, m.start(group) - 4):
                                                             m.start(group)])
    if before:
        src = phrase(text, m.start(group) - len(before.group(0)), m.end())
    out.append(Cand("expression", tok, src, before.group(1) if before else ""))


_COUNT = rf"(?P<c>\d\^[a-z](?![\w^])|{_NUM}|(?i:{_WORD})\b|(?![aAI]\b)[A-Za-z](?![\w'’^(]))"
_WORKER_COUNT = rf"(?P<c>\d\^?[a-z](?![\w^])|{_NUM}|(?i:{_WORD})\b|(?![aAI]\b)[A-Za-z](?![\w'’^(]))"
"""Worker counts read a digit glued to a letter as a flattened power (n = 2k processes is
n = 2^k), never as thousands of workers."""


_NOT_COUNTED = (r"(?![ -](?i:cop(?:y|ies)|vectors?|servers?|shards?|updates?|sets?|tensors?|"
                r"messages?|pushe?s?|pulls?|broadcasts?|buffers?)\b)")
"""'parameter' naming what is counted, not counted itself ('send out N parameter copies': N
copies of the parameters, not N parameters)."""


_PER_HOLDER = (r"(?:entries|elements|floats|values|numbers|coordinates|components|scalars) (?:per|in "
               r"(?:each|every|one|a|the)|of (?:each|every|one|a|the)) (?:gradient|vector|tensor|buffer|"
               r"worker|gpu|node|rank|replica|device|machine)")
"""A count of values per holder ("p numbers per gradient", "2^20 floats per worker"): the size of
the vector every worker averages (bytes per worker stay a size in bytes, read elsewhere)."""


_MORE_TERMS = r" ?[-−+*/·] ?(?:\d|[A-Za-z](?![A-Za-z])|\()"
"""What follows a term that is not the whole right-hand side ("n = 2^k − 1", "p = 10^6 + 1")."""
_ASSIGNED_EXPRESSION = re.compile(r"(?<![\w^_/])([A-Za-z]) ?= ?((?:\d{1,6}|[A-Za-z])(?:\^\{?\w{1,3}\}?)?"
                                  r"(?: ?[-−+*/·] ?(?:\d{1,6}|[A-Za-z])(?:\^\{?\w{1,3}\}?)?){1,3})$")
"""A letter set to an expression that ends at a count ("n = 2^k − 1 nodes"): the count is the
letter, its value the whole expression."""


def assigned(text: str, letter: str) -> list[Cand]:
    """``letter = <number>`` or ``letter = 2^k`` anywhere in the text."""
    out: list[Cand] = []
    for m in rxc(rf"(?<![\w^_/]){re.escape(letter)} ?= ?(?P<c>\d\^?[a-z](?![\w^])|{_NUM})"
                 rf"(?!\d|\.\d|\^|{_MORE_TERMS})").finditer(text):
        tok = m.group("c")
        if rxc(r"^\d\^?[a-z]$").match(tok):
            out.append(Cand("expression", tok, phrase(text, m.start(), m.end()), letter))
            continue
        unit = _UNIT_AFTER.match(text, m.end())
        if unit:   # "M = 100 MB": a size in bytes, scaled by its unit
            got = number_at(text, m.start("c"))
            scaled = Fraction(got[0].value) * _BYTE_UNITS[unit.group(1)] if got else Fraction(0)
            if scaled > 0 and scaled.denominator == 1:
                out.append(Cand("number", int(scaled), phrase(text, m.start(), unit.end())))
            continue
        value = _number(text, _Span(m, "c"))
        if value is not None:
            out.append(Cand("number", value, phrase(text, m.start(), m.end())))
    return out


_UNIT_AFTER = re.compile(r" ?(bytes|[kKMGT]B)\b")
"""A byte unit right after an assigned count ("M = 100 MB")."""


class _Span:
    """A match-like view of one group of a match (start, end, group(0))."""

    def __init__(self, m: re.Match, group: str):
        self._m, self._g = m, group

    def start(self) -> int:
        return self._m.start(self._g)

    def end(self) -> int:
        return self._m.end(self._g)

    def group(self, _: int = 0) -> str:
        return self._m.group(self._g)


def _letter_denotes(nouns: str) -> str:
    """A letter defined as the count ("p denotes the number of workers", "n is the number of
    model parameters", the verb left out after "and": "..., and n the number of parameters")."""
    return (rf"(?<![\w^_/\\])(?P<c>(?![aAI]\b)[A-Za-z]),? (?:(?i:denotes|is|stands for|represents|"
            rf"will denote|counts|for) (?:the )?|(?<=(?i:and) \w )the )(?i:(?:total )?(?:number|count)"
            rf" of (?:the )?)(?:(?i:model|trainable|participating) )?(?i:{nouns})\b")


def candidates(text: str, role: str) -> list[Cand]:
    """Every statement of the count of ``role`` ("workers" or "parameters") in ``text``."""
    out: list[Cand] = []
    if role == "workers":
        patterns = [rf"(?<![\w.,^/]){_WORKER_COUNT}[ -]{_ADJ}(?i:{WORKER_NOUNS})\b",
                    rf"\b(?i:number|count) of (?i:{WORKER_NOUNS}),? (?:(?i:is|equals) )?"
                    rf"(?P<c>{_NUM}(?![\w^])|(?![aAI]\b)[A-Za-z](?![\w'’^(=]| ?=))",
                    _letter_denotes(WORKER_NOUNS)]
    else:
        patterns = [_letter_denotes(PARAMETER_NOUNS),
                    rf"(?<![\w.,^/]){_COUNT}(?: ?-| ){_ADJ}(?i:{PARAMETER_NOUNS})\b{_NOT_COUNTED}",
                    rf"(?<![\w.,^/]){_COUNT} (?i:{_PER_HOLDER})\b",
                    rf"\b(?i:number|count) of (?i:{PARAMETER_NOUNS}),? (?:(?i:is|equals) )?"
                    rf"(?P<c>{_NUM}(?![\w^])|(?![aAI]\b)[A-Za-z](?![\w'’^(=]| ?=))",
                    rf"(?i:{HOLDERS})\b{_GAP}{{0,30}}?\b(?i:of|with|has|have|holds?|contain"
                    rf"(?:s|ing)?)(?: (?i:a|an|size|length|dimension|dim))? {_COUNT}[ -]{_ADJ}"
                    rf"(?i:{VALUE_NOUNS})\b",
                    rf"(?i:{HOLDERS})\b{_GAP}{{0,20}}?\b(?i:of|with)(?: (?i:a|the))? (?i:dimension"
                    rf"|dim|length|size) {_COUNT}",
                    rf"(?<![\w.,^/])(?P<c>{_NUM})(?: ?-| )(?i:model)\b",
                    rf"(?<![\w.,^/])(?P<c>(?![aAI]\b)[A-Za-z]|\d{{1,12}})[ -]dimensional (?:[\w-]+ )?"
                    rf"(?i:{HOLDERS})\b",
                    rf"(?i:{HOLDERS})\b{_GAP}{{0,20}}?(?:∈|\\in\b|\bin\b) ?(?:ℝ|\\mathbb ?\{{?R\}}?|"
                    rf"R)(?:\^ ?\{{?)?(?P<c>\d{{1,12}}|(?![aAI]\b)[A-Za-z])\}}?(?![\w^])",
                    rf"(?i:{HOLDERS})\b{_GAP}{{0,30}}?\b(?i:of|with|has|holds?)(?: (?i:a|an|size|"
                    rf"length))? [A-Za-z] ?= ?(?P<c>{_NUM})[ -]{_ADJ}(?i:{VALUE_NOUNS})\b"]
    seen: list[tuple[int, int]] = []
    for pattern in patterns:
        for m in rxc(pattern).finditer(text):
            lo, hi = m.span("c")
            if any(a <= lo < b for a, b in seen):
                continue
            seen.append((lo, hi))
            tok = m.group("c")
            if rxc(r"(?:ℝ|R|\})\^ ?\{?$").search(text[max(0, lo - 4):lo]):
                _letter_count(text, m, "c", out) if not tok.isdigit() else \
                    out.append(Cand("number", int(tok), phrase(text, m.start(), m.end())))
                continue  # the dimension of ℝ^d, not an operand
            whole = _ASSIGNED_EXPRESSION.search(text[max(0, lo - 30):hi])
            if whole and _operand(text, lo):
                src = phrase(text, hi - len(whole.group(0)), m.end())
                out.append(Cand("expression", whole.group(2), src, whole.group(1)))
                continue
            if _operand(text, lo):
                before = rxc(r"([A-Za-z]) ?(?:[-−+≥>]|\\geq?) ?$").search(text[max(0, lo - 6):lo])
                power = rxc(r"\d ?\^ ?\{?[A-Za-z]\}? ?[-−+] ?$").search(text[max(0, lo - 10):lo])
                if power:  # "2^k − 1 nodes": an expression naming no letter of the count
                    src = phrase(text, lo - len(power.group(0)), m.end())
                    out.append(Cand("expression", src.split(" ")[0], src))
                elif before:
                    out.append(Cand("letter", before.group(1), phrase(text, lo - 6, m.end())
                                    .lstrip()))
                continue
            if rxc(r"^[A-Za-z]$").match(tok) or rxc(r"^\d\^?[a-z]$").match(tok):
                _letter_count(text, m, "c", out)
                continue
            if rxc(r"(?i:model)$").search(m.group(0)) and \
                    not rxc(r"(?:[kKMBG]|(?i:thousand|million|billion))$").search(tok):
                continue  # "a 350M model" counts parameters; "a 2 model" does not
            value = _number(text, _Span(m, "c"))
            if value is not None:
                out.append(Cand("number", value, phrase(text, m.start(), m.end())))
    if role == "parameters":
        out.extend(_size_in_bytes(text, seen))
    if role == "workers":
        for m in rxc(r"\b1 ?/ ?(?P<c>[A-Za-z])(?![\w^]) (?i:shard|share|fraction|slice|chunk|"
                     r"part|piece)").finditer(text):
            _letter_count(text, m, "c", out)
        out = _hosts_dropped(text, out)
    return out


_DEVICES = r"(?:gpus?|tpus?|accelerators?|devices?)"
_HOSTS = r"(?:nodes?|machines?|hosts?|servers?|boxes)"
_PER_HOST = rf"^(?: \w+){{0,2}}? (?:each|apiece|per {_HOSTS}|on each|in each)\b"


def _hosts_dropped(text: str, out: list[Cand]) -> list[Cand]:
    """'16 GPUs (two nodes of eight)': the nodes host the GPUs, so they are not workers of their
    own; their count is dropped when it divides the GPUs' total, with a count of GPUs per node
    only when it is that quotient (the total's source names them). A count of GPUs per node
    alone ('2 nodes with 8 GPUs each') is no total, and stays in conflict."""
    devices = [c for c in out if c.kind == "number" and rxc(rf"(?i:{_DEVICES})$").search(c.source)]
    hosts = [c for c in out if c.kind == "number" and rxc(rf"(?i:{_HOSTS})$").search(c.source)]

    def per_host(c: Cand) -> bool:
        at = text.find(c.source)
        return at >= 0 and bool(rxc(_PER_HOST).search(text[at + len(c.source):
                                                            at + len(c.source) + 40]))

    def times_hosts(c: Cand) -> bool:
        """'2 nodes x 4 GPUs': a count of GPUs multiplied by the nodes before it."""
        at = text.find(c.source)
        return at >= 0 and bool(rxc(rf"\d[ -](?i:{_HOSTS}) ?[x×*] ?$").search(text[max(0, at - 30):at]))

    totals = [c for c in devices if not per_host(c) and not times_hosts(c)]
    each = [c for c in devices if per_host(c) or times_hosts(c)]
    if hosts and each and len({c.value for c in hosts}) == 1 and len({c.value for c in each}) == 1:
        return _product_restates(out, hosts, each)
    if not totals or not hosts or len({c.value for c in totals}) != 1 or \
            len({c.value for c in hosts}) != 1:
        return out
    total, count = int(totals[0].value), int(hosts[0].value)
    if total % count or count >= total or any(int(c.value) != total // count for c in each):
        return out
    grouped = "; ".join(c.source for c in hosts + each)
    return [Cand(c.kind, c.value, f"{c.source}; {grouped}", c.letter) if c is totals[0] else c
            for c in out if c not in hosts and c not in each]


def _product_restates(out: list[Cand], hosts: list[Cand], each: list[Cand]) -> list[Cand]:
    """'8 workers ... 2 nodes x 4 GPUs' or '4 GPUs per node, 2 nodes' beside 'N = 8': the nodes
    times the GPUs on each restate the total stated elsewhere, so they are dropped into its
    source; a product that no other count states stays in conflict (the nodes and the GPUs per
    node may not be the workers)."""
    grouped = hosts + each
    product = int(hosts[0].value) * int(each[0].value)
    others = [c for c in out if c.kind == "number" and c not in grouped]
    if not others or any(int(c.value) != product for c in others):
        return out
    joined = "; ".join(c.source for c in grouped)
    first = others[0]
    return [Cand(c.kind, c.value, f"{c.source}; {joined}", c.letter) if c is first else c
            for c in out if c not in grouped]


_BYTE_UNITS = {"bytes": 1, "kB": 10**3, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12}
_SIZE = re.compile(rf"(?i:{HOLDERS})\b{_GAP}{{0,20}}?\b(?i:is|are|has size|of size|takes(?: up)?|"
                   rf"occupies|of)(?: (?i:a|an|about|roughly))? (?:(?P<l>[A-Za-z]) ?= ?)?(?P<c>{_NUM}) ?"
                   r"(?P<u>bytes|[kKMGT]B)\b")


def _size_in_bytes(text: str, seen: list[tuple[int, int]]) -> list[Cand]:
    """A gradient's size in bytes ("the gradient is M = 4×10^8 bytes", "gradients of 1.4 GB"):
    its count of bytes (kB, MB, GB are powers of ten; a text defining them otherwise is left
    to the unit's reader)."""
    if rxc(r"\b1 ?[kKMGT]B ?= ?(?:2\^|1024|1,024|1,048,576|1048576)").search(text):
        return []
    out = []
    for m in _SIZE.finditer(text):
        lo, _ = m.span("c")
        if any(a <= lo < b for a, b in seen) or _operand(text, lo):
            continue
        got = number_at(text, lo)
        scaled = Fraction(got[0].value) * _BYTE_UNITS[m.group("u")] if got else Fraction(0)
        if scaled > 0 and scaled.denominator == 1:
            scaled = int(scaled)
            seen.append(m.span("c"))
            out.append(Cand("number", scaled, phrase(text, m.start(), m.end()), m.group("l") or ""))
    return out


def letters_of(cands: list[Cand]) -> list[str]:
    """The letters that name the count in these statements, first first."""
    return list(dict.fromkeys(str(c.value) if c.kind == "letter" else c.letter
                              for c in cands if c.kind == "letter" or c.letter))


def _in_bytes(c: Cand, byte_letters: set[str]) -> bool:
    """A count of bytes ("a buffer of N bytes", or N set to a number where N counts bytes)."""
    return bool(rxc(r"\b(?:bytes|[kKMGT]B)$").search(c.source)) or \
        (c.kind == "number" and bool(rxc(r"^([A-Za-z]) ?=").match(c.source)) and
         c.source[0] in byte_letters)


def _bytes_restated(mine: list[Cand], shared: list[Cand]) -> None:
    """Drop the byte counts when the parameters are also counted ("a 100M-parameter model, a
    gradient of S bytes, S = 4 × 10^8"): the bytes restate them (the reader checks they agree)."""
    both = mine + shared
    byte_letters = {str(c.value) for c in both if c.kind == "letter" and
                    rxc(r"\bbytes$").search(c.source)}
    counted = [c for c in both if c.kind == "number" and not _in_bytes(c, byte_letters)]
    if counted and len(counted) < len(both):
        for scope in (mine, shared):
            scope[:] = [c for c in scope if not _in_bytes(c, byte_letters)]


def read_role(own: str, context: str, r: PartReading, name: str, role: str,
              minimum: int) -> None:
    """Read field ``name``, the count of ``role``, from a part's own text and its context."""
    mine, shared = candidates(own, role), candidates(context, role)
    for text, scope in ((own, mine), (context, shared)):
        _lettered(text, scope)
    letters = letters_of(mine + shared)
    nouns = WORKER_NOUNS if role == "workers" else PARAMETER_NOUNS
    present = bool(rx(rf"\b{nouns}\b").search(own + " " + context))
    if not letters and present:
        letters = [name]
    for letter in letters:
        for text, scope in ((own, mine), (context, shared)):
            have = {c.source for c in scope}
            scope.extend(c for c in assigned(text, letter) if c.source not in have)
    if role == "parameters":
        _bytes_restated(mine, shared)
    for text, scope in ((own, mine), (context, shared)):
        _power_evaluated(own + " " + context, scope)
    decide(mine, shared, r, name, role, minimum)


def _lettered(text: str, scope: list[Cand]) -> None:
    """A count written after its letter ("N = 16 workers"): the letter names the count, so a
    part that restates it ("for N = 16") restates the count."""
    for i, c in enumerate(scope):
        if c.kind != "number" or c.letter or not c.source:
            continue
        m = rxc(rf"(?<![\w^_/])([A-Za-z]) ?= ?{re.escape(c.source)}").search(text)
        if m and m.group(1) not in ("a", "A", "I"):
            scope[i] = replace(c, letter=m.group(1))


def _power_evaluated(text: str, scope: list[Cand]) -> None:
    """``n = 2^k`` workers where the text gives ``k = 3``: the count is the number 2^3 = 8 (its
    source names both statements); an exponent the text does not give leaves n symbolic."""
    if any(c.kind == "number" for c in scope):
        return
    for c in list(scope):
        power = rxc(r"^2 ?\^ ?\{?([a-z])\}?$").match(str(c.value)) if c.kind == "expression" else None
        if power is None:
            continue
        given = [m for m in rxc(rf"(?<![\w^_]){power.group(1)} ?= ?(?=\d)").finditer(text)]
        values = {number_at(text, m.end()) for m in given} - {None}
        exps = {v[0].value for v in values}
        if len(exps) != 1:
            continue
        k = exps.pop()
        if k.denominator != 1 or not 1 <= k <= 20:
            continue
        at = given[0]
        src = phrase(text, at.start(), number_at(text, at.end())[1])
        scope.append(Cand("number", 2 ** int(k), f"{c.source}; {src}"))


def decide(own: list[Cand], context: list[Cand], r: PartReading, name: str, word: str,
           minimum: int) -> None:
    """Set field ``name`` from the part's own statements, else the context's (see the module
    docstring); refuse two different numbers, naming both."""
    for scope in (own, context):
        numbers = [c for c in scope if c.kind == "number"]
        distinct = sorted({int(c.value) for c in numbers})
        if len(distinct) > 1:
            listed = "; ".join(f'"{c.source}"' for c in numbers)
            r.miss(name, f"the text gives different numbers of {word}: {listed}")
            return
        if distinct:
            value, first = distinct[0], numbers[0]
            if value < minimum:
                r.miss(name, f'"{first.source}" reads as {value} {word}, too few (expected at '
                             f"least {minimum})")
                return
            exprs = [c for c in scope + context if c.kind == "expression"]
            if any(rxc(r"^2\^?[a-z]$").match(str(c.value)) for c in exprs) and value & (value - 1):
                r.miss(name, f'"{first.source}" is not a power of two, as '
                             f'"{exprs[0].source}" says it is')
                return
            r.set(name, value, "; ".join(dict.fromkeys(c.source for c in numbers)))
            return
    for scope in (own, context):
        named = [c for c in scope if c.kind == "letter" or c.letter]
        letters = list(dict.fromkeys(str(c.value) if c.kind == "letter" else c.letter
                                     for c in named))
        if len(letters) > 1:
            listed = "; ".join(f'"{c.source}"' for c in named)
            r.miss(name, f"the text names the {word} with different letters: {listed}")
            return
        if letters and any(c.kind == "letter" for c in named):
            src = next(c.source for c in scope if c.kind == "letter")
            r.set(name, letters[0], src)
            return
        exprs = [c for c in scope if c.kind == "expression"]
        if exprs:
            if exprs[0].letter:
                r.set(name, exprs[0].letter, exprs[0].source,
                      note=f"{word} written as an expression, {exprs[0].value}: kept as the "
                           f"symbol {exprs[0].letter}")
                return
            r.miss(name, f'the number of {word} is written as an expression ("{exprs[0].source}"); '
                         f"expected a number or a letter naming it")
            return
    example = "'8 GPUs'" if word == "workers" else "'10^8 parameters' or 'a gradient of p entries'"
    r.miss(name, f"the number of {word} is not stated (expected e.g. 'n {word}' or {example})")
