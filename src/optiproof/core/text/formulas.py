"""Formulas written in prose: each relation of a text (``θ₀ = (1, 1, 1)``, ``ρ^k ≤ 10^-6``,
``α = 10 µs = 10^-5 s``) found once, its sides parsed by the one safe parser.

A relation is anchored on its operator (``=``, ``:=``, ``≤``, ``<``, ``≥``, ``>``, ``≈``,
``→``, ``⪯``); its left side runs back over math (symbols, indices, numbers, brackets, norm bars)
until prose, its right side forward until prose, a comma or the end of a sentence; a chain
``a = b = c`` is one relation. A word right after a number is its unit (``10 µs``, ``8 GPUs``).
Sides that do not parse keep ``None`` (nothing is guessed); an assignment is a relation whose
first side is one symbol.

Every loop is bounded (side lengths, bracket searches, the number of relations per text), so
reading time stays linear in the text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

MAX_RELATIONS = 80
"""Relations read per text (a real part has a handful; bounds reading time)."""
MAX_LEFT = 80
"""Longest left side read (a symbol, an indexed name, a short linear form)."""
MAX_RIGHT = 400
"""Longest right side read (a matrix written out)."""
_OPS = re.compile(r":=|≤|≥|<=|>=|⪯|≼|≈|→|=|<|>")
_OPEN = {"(": ")", "[": "]", "{": "}", "⟨": "⟩"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_GREEK = "αβγδεζηθικλμνξπρστυφχψωΑΒΓΔΘΛΞΠΣΦΨΩϵϑℓ∇∂"
_MATH_WORDS = frozenset((
    "sqrt", "diag", "log", "ln", "exp", "sign", "sgn", "max", "min", "abs", "tr", "mod", "inf",
    "argmin", "argmax", "arg", "floor", "ceil", "cbrt", "log2", "log10", "norm", "sin", "cos",
    "tanh", "alpha", "beta", "gamma", "delta", "eta", "theta", "lambda", "lam", "mu", "sigma",
    "rho", "kappa", "tau", "epsilon", "eps", "lr", "bw", "pi", "oo"))
_UNIT = re.compile(r" ?(?:[kMGT]?(?:B|bytes?|bits?|b)/s\b|Gbps\b|[kMGT]B\b|[kMGT]?bytes?\b|"
                   r"(?:s|sec|seconds?|ms|μs|us|ns|µs)\b|%)")
_SPACE = re.compile(r" {1,3}")
_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,24}")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d.])|\d{1,30}(?:\.\d{1,30})?(?:[eE][-+]?\d{1,3})?")
_RIGHT_OPS = frozenset("+-*/^_·×÷√'∞ᵀ⊤∘⊙!∗∑Σ")
_LEFT_OPS = frozenset("+-*/^_·×'ᵀ⊤∗∇Δ")
_REMARK_BEFORE = re.compile(r"\b(?:which|that|this|it) (?:for|with|at|when|if)\s?$|"
                            r"\b(?:reduces to|becomes|recovers) [^.;]{0,30}\b(?:for|when|at|"
                            r"with|if)\s?$", re.I)
_REMARK_FOR = re.compile(r"\bfor\s?$", re.I)
_REMARK_AFTER = re.compile(r"^[ ,]{0,2}(?:it |this |the method |the iteration )?(?:is|gives|"
                           r"reduces to|recovers|becomes|yields)\b", re.I)
_REMARK_INSIDE = re.compile(r"[=→≈<>≤≥:]|[A-Za-z]{3,}")
_RANGE_AFTER = re.compile(r"^ ?, ?\d{1,3} ?, ?(?:\d{1,3} ?, ?)?(?:…|\.\.\.|\. \. \.)|^ ?(?:…|\.\.\.|"
                          r"\.\.) ?,? ?[A-Za-z0-9]")
_BINDER = re.compile(r"^(?:arg ?min|arg ?max|min|max|inf|sup)(?:_\(?[^\s()]{1,12}\)?| ?\([^)]{1,12}"
                     r"\)(?= ))? ?", re.I)
_SUPER_INDEX = re.compile(r"([A-Za-zα-ωΔ∇])\^\(?\(([A-Za-z0-9]{1,3})\)\)?")
_HAT = re.compile(r"([A-Za-zα-ω])\u0302")
_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d.])")
_GREEK_INDEX = re.compile(r"([α-ωΔΘ])(\d{1,2})(?![\d.])")
_DELTA = re.compile(r"[Δ∆δ]([A-Za-zα-ω])")


@dataclass(frozen=True)
class Formula:
    """One relation as written: side texts, parsed sides (``None`` where a side does not
    parse), operators, its span, the prose right before it and the unit or noun right after."""

    texts: tuple[str, ...]
    exprs: tuple[Any, ...]
    ops: tuple[str, ...]
    start: int
    end: int
    source: str
    before: str
    after: str
    units: tuple[str, ...]

    @property
    def is_range(self) -> bool:
        """An index range ``t = 1, 2, …`` (not a value)."""
        return bool(_RANGE_AFTER.match(self.after))

    @property
    def remark(self) -> bool:
        """A relation the text states about a special case, not as a setting ("which for
        β = 0 is gradient descent")."""
        if _REMARK_BEFORE.search(self.before):
            return True
        return bool(_REMARK_FOR.search(self.before) and _REMARK_AFTER.match(self.after))


def math_text(text: str) -> str:
    """A side as the parser reads it: no argmin binder, ``θ^(0)`` as ``θ_0``, ``m̂`` as
    ``mhat``, ``1,200,000`` without separators."""
    text = _BINDER.sub("", text.strip())
    text = _SUPER_INDEX.sub(r"\1_\2", text)
    text = _HAT.sub(r"\1hat", text)
    text = _GREEK_INDEX.sub(r"\1_\2", text)
    text = _DELTA.sub(_delta_name, text)
    return _THOUSANDS.sub(lambda m: m.group(0).replace(",", ""), text)


def _delta_name(m: re.Match) -> str:
    """``Δθ`` -> ``Deltatheta``: a step written Δ<letter> is one name, not a product."""
    from optiproof.core.mathtokens import GREEK

    names = dict(zip("αβγδεζηθικλμνξοπρστυφχψω", GREEK))
    return "Delta" + names.get(m.group(1), m.group(1))


def parse_side(text: str) -> Any:
    """One side parsed by the one safe parser within reading bounds, or None."""
    from optiproof.core.mathparse import ParseLimits, try_parse_math

    if not text or len(text) > MAX_RIGHT:
        return None
    return try_parse_math(math_text(text), limits=_limits())


@functools.lru_cache(maxsize=1)
def _limits() -> Any:
    from optiproof.core.mathparse import ParseLimits

    return ParseLimits(max_chars=MAX_RIGHT + 20, max_nodes=600, max_depth=16, max_entries=400,
                       max_constant_digits=400, max_degree=16, max_expanded_terms=2000)


def _group_end(s: str, i: int) -> int | None:
    """End (exclusive) of the bracket group or norm/abs bars opening at ``i``, or None."""
    c = s[i]
    if c in ("‖", "|"):
        j = s.find(c, i + 1, i + 90)
        return j + 1 if j > i + 1 else None
    depth, limit = 0, min(len(s), i + MAX_RIGHT)
    for j in range(i, limit):
        if s[j] in _OPEN:
            depth += 1
        elif s[j] in _CLOSE:
            depth -= 1
            if depth == 0:
                return j + 1 if s[j] == _OPEN[c] else None
    return None


def _group_start(s: str, j: int) -> int | None:
    """Start of the bracket group or bars closing at ``j - 1``, or None."""
    c = s[j - 1]
    if c in ("‖", "|"):
        i = s.rfind(c, max(0, j - 90), j - 1)
        return i if 0 <= i < j - 2 else None
    depth, limit = 0, max(-1, j - 1 - MAX_LEFT * 3)
    for i in range(j - 1, limit, -1):
        if s[i] in _CLOSE:
            depth += 1
        elif s[i] in _OPEN:
            depth -= 1
            if depth == 0:
                return i if _OPEN[s[i]] == c else None
    return None


def _is_math_word(word: str) -> bool:
    return len(word) == 1 or word.lower() in _MATH_WORDS


def _right_end(s: str, i: int) -> int:
    """End of the right side starting at ``i`` (one side: it stops before a relation)."""
    limit, j, last = min(len(s), i + MAX_RIGHT), i, i
    while j < limit:
        c = s[j]
        if c == " ":
            m = _SPACE.match(s, j)
            nxt = m.end()
            if nxt >= limit or not _continues(s, nxt):
                break
            if _NEXT_ASSIGNMENT.match(s, nxt) and _PLAIN_NUMBER.fullmatch(s[i:j].strip()):
                break   # "β1=0.5 β2=0.75": the next assignment, not the product 0.5·β2
            j = nxt
            continue
        if c.isdigit() or (c == "." and j + 1 < len(s) and s[j + 1].isdigit()):
            m = _NUMBER.match(s, j) if c.isdigit() else re.compile(r"\.\d{1,30}").match(s, j)
            j = last = m.end()
            if _UNIT.match(s, j):
                break
            continue
        if c.isalpha() and c not in _GREEK:
            m = _IDENT.match(s, j)
            if m is None:
                break
            word = m.group(0)
            if not _is_math_word(word.split("_")[0]) and s[m.end():m.end() + 1] not in "(_^":
                break
            j = last = m.end()
            continue
        if c in _GREEK or c in "∞":
            j = last = j + 1
            continue
        if c in _OPEN or c in "‖|":
            end = _group_end(s, j)
            if end is None:
                break
            j = last = end
            continue
        if c in _RIGHT_OPS:
            j += 1
            if c not in "+-*/^_·×÷":
                last = j
            continue
        break
    return last


_NEXT_ASSIGNMENT = re.compile(r"[A-Za-zα-ωΑ-Ω][A-Za-z0-9α-ω_{}]{0,24} ?=(?!=)")
_PLAIN_NUMBER = re.compile(r"-?\d[\d.]*(?:[eE][-+]?\d{1,3})?")
"""A symbol then '=' after a space, after a right side that is one number: the next relation
of a list written without commas ("lr=0.01 eps=0"); after a symbolic side ("u = -α g = (..)")
the chain goes on."""


def _continues(s: str, j: int) -> bool:
    """True when the text at ``j`` (after a space) goes on with math, not prose: a bracket
    after a space goes on only when it holds no prose and no relation (``0.999 (ε → 0)`` and
    ``10^-2 (the radius)`` are remarks)."""
    c = s[j]
    if c in _OPEN:
        end = _group_end(s, j)
        inside = s[j + 1:end - 1] if end else ""
        return bool(end) and not _REMARK_INSIDE.search(inside)
    if c.isdigit() or c in _GREEK or c in "‖|+-*/^·×÷√∞":
        return True
    if c.isalpha():
        if _ABBREVIATION.match(s, j):   # "y_2 = 1 i.e. X = ...": prose, not the product 1·i
            return False
        m = _IDENT.match(s, j)
        if m is None:
            return False
        word = m.group(0)
        nxt = _IDENT.match(s, m.end() + 1)
        return _is_math_word(word.split("_")[0]) and word not in ("a", "A", "I") and \
            not (len(word) == 1 and s[m.end():m.end() + 1] == " " and nxt is not None and
                 not _is_math_word(nxt.group(0).split("_")[0]))
    return False


_ABBREVIATION = re.compile(r"(?:i\.e|e\.g|cf|resp|viz)\.|(?:etc|vs)\.?(?![\w(])", re.I)
"""Abbreviations of prose that a formula never continues into."""


def _left_start(s: str, i: int) -> int:
    """Start of the left side ending at ``i`` (before the operator)."""
    j = i
    while j > 0 and s[j - 1] == " " and i - j < 3:
        j -= 1
    first, limit = j, max(0, i - MAX_LEFT)
    while j > limit:
        c = s[j - 1]
        if c == " ":
            k = j - 1
            while k > limit and s[k - 1] == " ":
                k -= 1
            if k <= limit or not _continues_left(s, k):
                break
            j = k
            continue
        if c in _CLOSE or c in "‖|":
            start = _group_start(s, j)
            if start is None:
                break
            j = start
            continue
        if c.isalnum() or c in _GREEK or c in "_∞":
            k = j
            while k > limit and (s[k - 1].isalnum() or s[k - 1] in _GREEK or s[k - 1] in "_.∞"):
                k -= 1
            word = s[k:j]
            letters = re.match(r"[A-Za-z]+", word)
            if letters and letters.group(0) == word.split("_")[0] and len(letters.group(0)) > 1 \
                    and not _is_math_word(letters.group(0)) and j != first:
                break
            j = k
            if letters and len(letters.group(0)) > 1 and not _is_math_word(letters.group(0)):
                break
            continue
        if c in _LEFT_OPS or c in "^*":
            j -= 1
            continue
        break
    while j < i and s[j] in " +*/^_·×":
        j += 1
    return j


_ASSIGNED_BEFORE = re.compile(r"(?<![=<>≤≥!:])= ?-?\d[\d.]*(?:[eE][-+]?\d{1,3})?$")
"""The text before a left side ends with '= <number>': an earlier assignment's value."""


def _continues_left(s: str, k: int) -> bool:
    """True when the text ending at ``k`` (before a space) is math that the left side goes on
    with: an operator, a number, a closing bracket or a math word."""
    c = s[k - 1]
    if c.isdigit() and _ASSIGNED_BEFORE.search(s, max(0, k - 40), k):
        return False    # "β1=0.5 β2=0.75": the left side of β2 starts after the earlier value
    if c in "+-*/·×=" or c in _CLOSE or c in "‖|" or c.isdigit() or c in _GREEK:
        return c not in "="
    if c.isalpha():
        m = re.search(r"[A-Za-z_0-9]{1,25}$", s[max(0, k - 25):k])
        word = m.group(0) if m else c
        return _is_math_word(word.split("_")[0]) and word not in ("a", "A", "I")
    return False


def _after(s: str, end: int) -> tuple[str, str]:
    """(unit right after the formula or '', the words that follow, up to 40 characters)."""
    m = _UNIT.match(s, end)
    unit = m.group(0).strip() if m else ""
    return unit, s[end:end + 40]


@functools.lru_cache(maxsize=256)
def formulas(flat: str) -> tuple[Formula, ...]:
    """Every relation of a single-line text, left to right (at most :data:`MAX_RELATIONS`)."""
    out: list[Formula] = []
    taken = 0
    for m in _OPS.finditer(flat):
        if m.start() < taken or len(out) >= MAX_RELATIONS:
            continue
        if m.group(0) in "<>" and _html_like(flat, m.start()):
            continue
        start = _left_start(flat, m.start())
        if start >= m.start():
            continue
        texts, ops, units = [flat[start:m.start()].strip()], [m.group(0)], []
        pos = m.end()
        while True:
            while pos < len(flat) and flat[pos] == " ":
                pos += 1
            end = _right_end(flat, pos)
            if end <= pos:
                break
            texts.append(flat[pos:end].strip())
            units.append(_after(flat, end)[0])
            nxt = _OPS.match(flat, _skip_spaces(flat, _skip_unit(flat, end)))
            if nxt is None or len(ops) >= 6:
                pos = end
                break
            ops.append(nxt.group(0))
            pos = nxt.end()
        if len(texts) != len(ops) + 1:
            ops = ops[:len(texts) - 1]
            if not ops:
                continue
        end = start + len(flat[start:pos].rstrip())
        taken = end
        unit, after = _after(flat, _skip_unit(flat, end))
        out.append(Formula(tuple(texts), tuple(parse_side(t) for t in texts), tuple(ops), start,
                           end, flat[start:end], flat[max(0, start - 40):start], after,
                           tuple(units)))
    return tuple(out)


def _skip_unit(s: str, end: int) -> int:
    m = _UNIT.match(s, end)
    return m.end() if m else end


def _skip_spaces(s: str, i: int) -> int:
    while i < len(s) and s[i] == " ":
        i += 1
    return i


def _html_like(s: str, i: int) -> bool:
    """True for an angle bracket that is not a comparison (``<br>``, an arrow ``<-``)."""
    return s[i:i + 2] in ("<-", "<<", ">>") or (s[i] == "<" and s[i + 1:i + 2].isalpha()
                                                and s.find(">", i, i + 12) > 0)
