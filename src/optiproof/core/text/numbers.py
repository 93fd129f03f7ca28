"""Numbers, vectors and matrices as people write them, read exactly and within bounds.

    0.5   -3   1e-3   10^-3   2×10^4   1/4   1,000,000 (as a count)
    [3, -1, 2]   (3, -1, 2)^T   [1 0 2]   [1; 2; 3]   [[1, 2], [3, 4]]   [1, 2; 3, 4]
    X =            (a row-wise block: lines of numbers under ``NAME =``)
    1 2
    3 4

Values are exact :class:`fractions.Fraction` built from decimal text (never ``eval`` or
``sympify``); :meth:`Num.spec_value` gives what a spec field takes (int, float when the float
is exactly the decimal written, else the decimal string). No array is ever built beyond
:data:`MAX_ENTRIES` entries: the scan stops and raises :class:`BadInput` first.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from optiproof.core.errors import BadInput

MAX_ENTRIES = 10_000
"""Largest vector/matrix (entries) the reader builds from text."""

_NUMBER = re.compile(
    r"(?<![\w.^])(-[ ]?)?(\d{1,18}(?:\.\d{1,18})?|\.\d{1,18})"
    r"(?:[eE]([-+]?\d{1,3})|[ ]?[×x*·][ ]?10\^\(?([-+]?\d{1,3})\)?)?"
    r"(?:/(\d{1,12}))?(?![\w.]\d|\d)")
_POWER10 = re.compile(r"(?<![\w.^])(-)?10\^\(?([-+]?\d{1,3})\)?(?!\d)")
_SEPARATOR = re.compile(r"[ \n]{0,40}([,;])?[ \n]{0,40}")
_WS = re.compile(r"[ \n]{0,80}")
_OPENERS = re.compile(r"[\[(](?=[ \n]{0,40}(?:[\[(][ \n]{0,40}){0,2}-?[.\d½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞][\d.eE\-+/^x×]{0,40}"
                      r"[ \n]{0,40}[,;\])\d])")
MAX_FAILED_ATTEMPTS = 400
"""Bracket groups that start like arrays but are not, before the scan gives up (bounds time)."""
_CLOSE = {"[": "]", "(": ")"}
_ENTRY_FRACTION = re.compile(
    r"(?P<sign>-[ ]?)?(?:\([ ]?(?P<n1>-?\d{1,12}(?:\.\d{1,12})?)[ ]?\)[ ]?/[ ]?\([ ]?(?P<d1>\d{1,12})[ ]?\)"
    r"|\([ ]?(?P<n2>-?\d{1,12}(?:\.\d{1,12})?)[ ]?/[ ]?(?P<d2>\d{1,12})[ ]?\)"
    r"|(?P<vulgar>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]))(?![\w.(^])")
"""An array entry written as a fraction the way a LaTeX fraction normalises (``(1)/(4)``), in
parentheses (``(1/4)``) or as one vulgar-fraction character (``¼``)."""
_VULGAR = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5),
           "⅖": (2, 5), "⅗": (3, 5), "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅛": (1, 8),
           "⅜": (3, 8), "⅝": (5, 8), "⅞": (7, 8)}


@dataclass(frozen=True)
class Num:
    """An exact number and the text it was read from."""

    value: Fraction
    text: str

    def spec_value(self) -> int | float | str:
        """What a spec's Number field takes: int, or an exactly-representable float, or the
        decimal string, or for a non-terminating fraction such as 4/121 the exact fraction
        ``"4/121"`` (the spec reads it back exactly)."""
        v = self.value
        if v.denominator == 1:
            return int(v)
        den = v.denominator
        for p in (2, 5):
            while den % p == 0:
                den //= p
        if den != 1:
            return f"{v.numerator}/{v.denominator}"
        dec = Decimal(v.numerator) / Decimal(v.denominator)
        f = float(dec)
        if Fraction(repr(f)) == v:
            return f
        return format(dec.normalize(), "f")


def _to_num(sign: str | None, mant: str, exp: str | None, exp10: str | None,
            den: str | None, text: str) -> Num | None:
    try:
        d = Decimal(mant)
    except InvalidOperation:
        return None
    e = exp if exp is not None else exp10
    if e is not None:
        if abs(int(e)) > 300:
            return None
        d = d.scaleb(int(e))
    value = Fraction(d)
    if den is not None:
        if int(den) == 0:
            return None
        value /= int(den)
    if sign:
        value = -value
    return Num(value, text.strip())


_CONTINUED = re.compile(r"[ ]?(?:\^|[*·×][ ]?[\d(]|[-+][ ]?[\d(]|/[ ]?[\d(])|[ij](?!\w)|\(|"
                        r"[eE][-+]?\d")
"""What makes a number the first operand of a larger expression (``2*3``, ``5 - 1``, ``1 + 2i``,
``10^(10^10)``, ``1/(2*3)``, ``2(3)``, ``1e-99999`` past the exponent limit): read alone, it would be a wrong value."""


def number_at(text: str, pos: int, *, standalone: bool = True) -> tuple[Num, int] | None:
    """The number starting exactly at ``pos`` (``10^-3`` and ``1/4`` included), and its end.

    A ``standalone`` number (a value given to a name) that an arithmetic operator continues is
    not read (None): the reader then reports the value as unread instead of taking its first
    operand. Entries of an array (``[1 -2]``) are read with ``standalone=False``."""
    m = _POWER10.match(text, pos)
    if m:
        value = Fraction(10) ** int(m.group(2))
        got = Num(-value if m.group(1) else value, m.group(0)), m.end()
    else:
        m = _NUMBER.match(text, pos)
        if not m:
            return None
        num = _to_num(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(0))
        if num is None:
            return None
        got = num, m.end()
    if standalone and _CONTINUED.match(text, got[1]):
        return None
    return got


def parse_number(text: str) -> Num | None:
    """A whole string as one number (``"0.5"``, ``"10^-3"``, ``"1/4"``), else None."""
    s = text.strip().rstrip(".")
    got = number_at(s, 0)
    if got is None or got[1] != len(s):
        return None
    return got[0]


def find_numbers(text: str, limit: int = 64) -> list[tuple[Num, int, int]]:
    """Up to ``limit`` numbers in ``text`` with their spans."""
    out = []
    for m in _NUMBER.finditer(text):
        got = number_at(text, m.start(), standalone=False)
        if got:
            out.append((got[0], m.start(), got[1]))
            if len(out) >= limit:
                break
    return out


def _too_many(count: int) -> BadInput:
    return BadInput(f"an array in the text has more than {MAX_ENTRIES} entries ({count} read "
                    "before stopping)", field="PROBLEM",
                    expected=f"vectors and matrices with at most {MAX_ENTRIES} entries")


def _entry_at(text: str, pos: int) -> tuple[Num, int] | None:
    """One entry of an array at ``pos``: a number, or a fraction (:data:`_ENTRY_FRACTION`)."""
    got = number_at(text, pos, standalone=False)
    if got is not None:
        return got
    m = _ENTRY_FRACTION.match(text, pos)
    if m is None:
        return None
    if m.group("vulgar"):
        num, den = _VULGAR[m.group("vulgar")]
        value = Fraction(num, den)
    else:
        den = int(m.group("d1") or m.group("d2"))
        if den == 0:
            return None
        value = Fraction(Decimal(m.group("n1") or m.group("n2"))) / den
    return Num(-value if m.group("sign") else value, m.group(0).strip()), m.end()


def _flat_list(text: str, pos: int, close: str, allow_space: bool,
               budget: list[int]) -> tuple[list[list[Num]], int] | None:
    """Numbers up to ``close``: one row, or rows separated by ``;`` (MATLAB style)."""
    rows: list[list[Num]] = [[]]
    i = _WS.match(text, pos).end()
    while True:
        got = _entry_at(text, i)
        if got is None:
            return None
        num, i = got
        rows[-1].append(num)
        budget[0] += 1
        if budget[0] > MAX_ENTRIES:
            raise _too_many(budget[0])
        i = _skip_transpose(text, i)
        sep = _SEPARATOR.match(text, i)
        j = sep.end()
        if text.startswith(close, j):
            return rows, j + 1
        if sep.group(1) == ";":
            rows.append([])
        elif sep.group(1) is None and (not allow_space or j == i):
            return None
        i = j


def _skip_transpose(text: str, i: int) -> int:
    return i + 2 if text.startswith("^T", i) else i


def array_at(text: str, pos: int) -> tuple[list, int] | None:
    """A bracketed vector or matrix starting at ``pos`` (``[``/``(``), and its end.

    Vectors come back as ``list[Num]``, matrices as ``list[list[Num]]``. Parentheses need at
    least two comma-separated entries (so ``(14)`` stays an equation number)."""
    budget = [0]
    opener = text[pos:pos + 1]
    if opener not in _CLOSE:
        return None
    close = _CLOSE[opener]
    i = _WS.match(text, pos + 1).end()
    if text[i:i + 1] in _CLOSE and not _ENTRY_FRACTION.match(text, i):
        rows: list[list[Num]] = []
        while True:
            inner_open = text[i:i + 1]
            if inner_open not in _CLOSE:
                return None
            got = _flat_list(text, i + 1, _CLOSE[inner_open], inner_open == "[", budget)
            if got is None or len(got[0]) != 1:
                return None
            rows.append(got[0][0])
            i = _skip_transpose(text, got[1])
            sep = _SEPARATOR.match(text, i)
            j = sep.end()
            if text.startswith(close, j):
                if len({len(r) for r in rows}) != 1:
                    return None
                return (rows if len(rows) > 1 or opener == "[" else rows[0]), j + 1
            if sep.group(1) is None and j == i:
                return None
            i = j
    got = _flat_list(text, i, close, opener == "[", budget)
    if got is None:
        return None
    rows, end = got
    end = _skip_transpose(text, end)
    if len(rows) == 1:
        vec = rows[0]
        if opener == "(" and len(vec) < 2:
            return None
        return vec, end
    if all(len(r) == 1 for r in rows):
        return [r[0] for r in rows], end
    if len({len(r) for r in rows}) != 1:
        return None
    return rows, end


def iter_arrays(text: str) -> tuple[tuple[int, int, list], ...]:
    """Every bracketed vector/matrix in ``text``: ``(start, end, value)``, left to right.

    Bounded: after :data:`MAX_FAILED_ATTEMPTS` array-like groups that are not arrays the scan
    stops (adversarial text such as ``(1,(1,(1,...``)."""
    return _arrays_cached(text)


@functools.lru_cache(maxsize=64)
def _arrays_cached(text: str) -> tuple[tuple[int, int, list], ...]:
    out = []
    pos = failed = 0
    for m in _OPENERS.finditer(text):
        if m.start() < pos:
            continue
        got = array_at(text, m.start())
        if got is not None:
            out.append((m.start(), got[1], got[0]))
            pos = got[1]
        else:
            failed += 1
            if failed > MAX_FAILED_ATTEMPTS:
                break
    return tuple(out)


_ROW_LINE = re.compile(r"[ \t]{0,20}(-?[\d.][\d.eE\-+/]{0,30}(?:[ \t,]{1,20}-?[\d.][\d.eE\-+/]{0,30})"
                       r"{0,200})[ \t,;]{0,4}$")


def row_block(lines: list[str], start: int) -> tuple[list, int] | None:
    """Lines of numbers from ``lines[start]`` on (a matrix written row-wise), and the next line.

    A single row gives a vector; several rows of equal length give a matrix."""
    rows: list[list[Num]] = []
    count = 0
    i = start
    while i < len(lines) and len(rows) <= MAX_ENTRIES:
        m = _ROW_LINE.fullmatch(lines[i])
        if not m:
            break
        row = []
        for tok in re.split(r"[ \t,]{1,20}", m.group(1).strip()):
            num = parse_number(tok)
            if num is None:
                return None
            row.append(num)
        count += len(row)
        if count > MAX_ENTRIES:
            raise _too_many(count)
        rows.append(row)
        i += 1
    if not rows:
        return None
    if len(rows) == 1:
        return rows[0], i
    if len({len(r) for r in rows}) != 1:
        return None
    if all(len(r) == 1 for r in rows):
        return [r[0] for r in rows], i
    return rows, i


def spec_array(value: list) -> list:
    """A read vector/matrix as spec values (raises ValueError for 1/3-like entries)."""
    if value and isinstance(value[0], list):
        return [[x.spec_value() for x in row] for row in value]
    return [x.spec_value() for x in value]


def array_text(value: list) -> str:
    """Compact display of a read array: ``[1, 0.1, 0.01]``."""
    if value and isinstance(value[0], list):
        return "[" + ", ".join(array_text(r) for r in value) + "]"
    return "[" + ", ".join(x.text.replace(" ", "") for x in value) + "]"


def is_matrix(value: list) -> bool:
    return bool(value) and isinstance(value[0], list)
