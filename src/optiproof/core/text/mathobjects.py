"""The math objects of one text, extracted once: its relations (:mod:`.formulas`), the
assignments among them, and its counted nouns (:mod:`.counts`).

Family readers look values up here by meaning: an assignment by the symbol it names, whatever
way the symbol is written (``θ₀``, ``theta_0``, ``θ^(0)`` and ``w0`` are the names
``theta_0``/``w_0`` of base and index), and a count by the noun it counts.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import sympy

from optiproof.core.text.counts import Count, counts
from optiproof.core.text.formulas import Formula, formulas
from optiproof.core.mathtokens import GREEK

_ASSIGN_OPS = ("=", ":=")
_BOUND_OPS = frozenset({"<", ">", "≤", "≥", "<=", ">=", "⪯", "≼"})
"""Relations that bound a side of a chain rather than state its value."""
_SPLIT = re.compile(r"^(?P<base>[A-Za-z]+?)(?P<index>\d{1,3})$")


def split_name(name: str) -> tuple[str, str]:
    """A parser symbol name as (base, index): ``theta_0`` and ``theta0`` -> (theta, 0),
    ``w0`` -> (w, 0), ``g_1`` -> (g, 1), ``lr`` -> (lr, '')."""
    if "_" in name:
        base, index = name.split("_", 1)
        return base, index
    m = _SPLIT.match(name)
    if m and (len(m.group("base")) == 1 or m.group("base").lower() in GREEK or
              m.group("base") in ("Delta", "mhat", "vhat")):
        return m.group("base"), m.group("index")
    return name, ""


def is_numeric(value: Any) -> bool:
    """True for a number or a vector/matrix of numbers (no symbols left)."""
    if isinstance(value, sympy.MatrixBase):
        return all(x.is_number for x in value)
    return isinstance(value, sympy.Basic) and value.is_number and value.is_real is not False


@dataclass(frozen=True)
class Assignment:
    """``name = value`` as read: the symbol (name, base, index), the value side (the last
    numeric side of a chain, else the first right side), that side as written, its unit, and
    the relation it came from."""

    name: str
    base: str
    index: str
    value: Any
    text: str
    unit: str
    formula: Formula

    @property
    def source(self) -> str:
        return self.formula.source

    @property
    def numeric(self) -> bool:
        return is_numeric(self.value)


def _assignment(f: Formula) -> Assignment | None:
    """The assignment a relation states, if its first side is one symbol set by ``=``."""
    lhs = f.exprs[0]
    if f.ops[0] not in _ASSIGN_OPS or not isinstance(lhs, sympy.Symbol) or f.is_range:
        return None
    sides = []
    for op, e, t, u in zip(f.ops, f.exprs[1:], f.texts[1:], f.units):
        if op in _BOUND_OPS:
            break       # 'ε = 10^-6 > 0', 'g_t = g > 0': a bound on the value, not the value
        if e is not None:
            sides.append((e, t, u))
    if not sides:
        return None
    numeric = [s for s in sides if is_numeric(s[0])]
    value, text, unit = (numeric[-1] if numeric else sides[0])
    base, index = split_name(lhs.name)
    return Assignment(lhs.name, base, index, value, text, unit, f)


@dataclass(frozen=True)
class MathObjects:
    """Relations, assignments and counts of one single-line text."""

    text: str
    formulas: tuple[Formula, ...]
    assignments: tuple[Assignment, ...]
    counts: tuple[Count, ...]

    def assigned(self, *keys: str, numeric: bool = False,
                 remarks: bool = False) -> Assignment | None:
        """The first assignment to one of ``keys`` (``base`` or ``base_index``; ``theta_0``
        matches θ₀, theta0, θ^(0)), numeric only if asked, stated remarks left out."""
        found = self.all_assigned(*keys, numeric=numeric, remarks=remarks)
        return found[0] if found else None

    def all_assigned(self, *keys: str, numeric: bool = False,
                     remarks: bool = False) -> list[Assignment]:
        """Every assignment to one of ``keys``, in text order."""
        wanted = {split_name(k) for k in keys}
        return [a for a in self.assignments if (a.base, a.index) in wanted
                and (a.numeric or not numeric) and (remarks or not a.formula.remark)]

    def counted(self, nouns: re.Pattern) -> list[Count]:
        """The counts whose noun (or the word after it) matches ``nouns``."""
        return [c for c in self.counts if nouns.fullmatch(c.noun) or
                (c.next and nouns.fullmatch(c.next) and not nouns.fullmatch(c.noun))]


@functools.lru_cache(maxsize=256)
def extract(flat: str) -> MathObjects:
    """The math objects of a single-line text (cached: each text is read once)."""
    found = formulas(flat)
    assignments = tuple(a for a in (_assignment(f) for f in found) if a is not None)
    return MathObjects(flat, found, assignments, counts(flat))


@dataclass(frozen=True)
class PartObjects:
    """The math objects of a part's own text and of the shared text before its parts."""

    own: MathObjects
    context: MathObjects

    def assigned(self, *keys: str, numeric: bool = False) -> Assignment | None:
        """An assignment of the part's own text, else of the shared text."""
        return self.own.assigned(*keys, numeric=numeric) or \
            self.context.assigned(*keys, numeric=numeric)


def part_objects(own: str, context: str) -> PartObjects:
    """The objects of a part (``own``, ``context``: single-line texts)."""
    return PartObjects(extract(own), extract(context))


def spec_number(value: Any) -> int | float | str:
    """An exact rational as a spec number: int, a float when the float is exactly the decimal,
    else the fraction written ``p/q`` (ValueError for an irrational or symbolic value)."""
    from fractions import Fraction

    from optiproof.core.text.numbers import Num

    v = sympy.nsimplify(value) if not isinstance(value, sympy.Basic) else value
    if not getattr(v, "is_Rational", False):
        raise ValueError(f"{value} is not a rational number")
    frac = Fraction(int(v.p), int(v.q))
    try:
        return Num(frac, str(frac)).spec_value()
    except ValueError:
        return f"{frac.numerator}/{frac.denominator}"


def spec_array(value: Any) -> list:
    """A vector (column or row) or matrix of rationals as spec lists (ValueError otherwise)."""
    if not isinstance(value, sympy.MatrixBase):
        raise ValueError(f"{value} is not a vector or matrix")
    if 1 in value.shape:
        return [spec_number(x) for x in value]
    return [[spec_number(x) for x in value.row(i)] for i in range(value.rows)]


_DIM = r"(?:\d{1,2})"
_SCALED_IDENTITY = r" ?= ?(?P<c>\d{1,6}(?:\.\d{1,6})?(?:/\d{1,6})?) ?[·*]? ?I(?:_ ?\{?(?P<n>{dim})\}?)?(?![\w(])"
_DIAGONAL_WORDS = (r" (?:is|be) (?:a |the )?diagonal(?: matrix)? with (?:the )?(?:diagonal )?"
                   r"(?:entries|elements|values)(?: of)? ")
_DIMENSION = re.compile(r"(?:∈|in) ?(?:R|ℝ)\^ ?\{?(?P<n>\d{1,2})\}?(?![\w×])|\bI_ ?\{?(?P<m>\d{1,2})\}?\b")


def diagonal_in_words(flat: str, letter: str) -> tuple[list, str] | None:
    """A diagonal matrix named ``letter`` written without brackets: ``H = 2I`` / ``H = 2 I_3``
    (the size from ``I_n`` or the one ``∈ R^n`` of the text), or "H is diagonal with entries
    1, 4 and 9" (in that order). Returns its diagonal (:class:`~.numbers.Num` entries) and the
    phrase; None when not written so, or when a multiple of I has no stated size (or two)."""
    from optiproof.core.text.numbers import Num, number_at

    name = re.escape(letter)
    m = re.search(rf"(?<![\w]){name}{_SCALED_IDENTITY.replace('{dim}', _DIM)}", flat)
    if m:
        sizes = {int(d.group("n") or d.group("m")) for d in _DIMENSION.finditer(flat)}
        if m.group("n"):
            sizes = {int(m.group("n"))}
        got = number_at(m.group("c"), 0)
        if len(sizes) != 1 or got is None or got[1] != len(m.group("c")):
            return None
        size = sizes.pop()
        source = m.group(0).strip()
        if not m.group("n"):
            dim = _DIMENSION.search(flat)
            source += "; " + dim.group(0)
        return [Num(got[0].value, got[0].text) for _ in range(size)], source
    m = re.search(rf"(?<![\w]){name}{_DIAGONAL_WORDS}", flat)
    if m is None:
        return None
    got = number_list_at(flat, m.end())
    return (got[0], flat[m.start():got[1]]) if got and len(got[0]) >= 2 else None


def number_list_at(flat: str, pos: int, label: str = "") -> tuple[list, int] | None:
    """Numbers listed in words from ``pos``: ``1, 4 and 9``, ``1 and 10`` (each may follow a
    ``label`` such as ``λ_2 =``); the numbers and the end, None when none."""
    from optiproof.core.text.numbers import number_at

    sep_rx = re.compile(rf" ?(?:,|, and|and) ?{label}")
    out, i = [], pos
    while True:
        got = number_at(flat, i)
        if got is None:
            break
        out.append(got[0])
        i = got[1]
        sep = sep_rx.match(flat, i)
        if not sep or number_at(flat, sep.end()) is None:
            break
        i = sep.end()
    return (out, i) if out else None
