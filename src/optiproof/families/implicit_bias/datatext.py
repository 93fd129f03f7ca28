"""Least-squares data written out in a text, read with the one safe parser (core/mathparse).

Each finder returns :class:`Rows` (a data matrix with its targets and the phrase it came from)
or a :class:`Refusal` naming the phrase it could not take:

- :func:`residual_rows`: equations in indexed unknowns (``2θ_1 + θ_2 = 5``, ``w1 + 2 w2 + 3 w3
  = 6``) and squared residuals (``(2θ_1 + θ_2 - 5)^2``); every row shares one numbering of the
  unknowns, so ``(w1 + w2 - 1)^2 + (w2 + w3 - 2)^2`` is two rows over w1, w2, w3;
- :func:`loss_rows`: a loss written as a function, ``L(w) = (w1 + w2 - 1)^2 + ...``: SymPy splits
  it into its squared terms, each of which must be linear in the weights (a data row), else the
  loss is refused naming the term;
- :func:`point_rows`: data points ``x_1 = (1, 0, 1), y_1 = 1; x_2 = ...``;
- :func:`table_rows`: a Markdown table whose header names the features ``x_1 .. x_d`` and a
  target ``y``;
- :func:`garbled_rows`: X and y typeset side by side and copied out of a PDF line by line;
- :func:`inline_rows`: the same with the first row on the names' line (``X = 1 1 0 y = 3`` /
  ``0 1 1 , 1 ,``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

_UNKNOWN = re.compile(r"(theta|w|x|beta)_?(\d{1,2})")
_TERM = r"[-+]?\s?(?:\d{1,6}(?:\.\d{1,6})?\s?[*·]?\s?)?(?:θ|w|x)_?\d{1,2}\s?"
_EQUATION = re.compile(rf"(?<![\w=^])((?:{_TERM}){{2,12}})=\s?(-?\d{{1,6}}(?:\.\d{{1,6}})?)"
                       r"(?!\d|\.\d|\s?[*·]?\s?(?:θ|w|x)_?\d)")
_SQUARED = re.compile(r"\(\s?([^()]{3,120}?)\s?\)\s?\^\s?2")
_LOSS = re.compile(r"(?<![\w])(?:[LfFJ]|loss|Loss)\s?\(\s?(θ|w|x|theta|beta)\s?\)\s?=\s?"
                   r"([^=;?]{3,300}?)(?=[.;?](?:\s|$)|,\s|\s(?:and|with|where|for|on|in|by|"
                   r"starting|from|using)\s|\s\(?(?:i\.\s?e|e\.\s?g|that is|viz)\b|$)")
MAX_CANDIDATES = 16
"""Candidate formulas of each kind parsed per text (bounds reading time)."""


@dataclass(frozen=True)
class Rows:
    """Data rows ``X θ = y`` over the unknowns numbered from 1 (or 0), and their phrases."""

    X: tuple[tuple[Fraction, ...], ...]
    y: tuple[Fraction, ...]
    source: str
    factor: Fraction | None = None
    """The constant in front of every squared residual of a loss (None: not a loss)."""


@dataclass(frozen=True)
class Refusal:
    """A phrase that looks like data but cannot be read as least-squares data, and why."""

    phrase: str
    reason: str


_GREEK_INDEX = re.compile(r"(?<![^\W\d])(θ|β)(\d{1,2})(?![\d.])")
"""``θ1``, also after its coefficient (``2θ2``), but not inside a word."""


def _parse(text: str) -> Any:
    """The safe parser on a formula, with ``θ1`` flattened onto the line read as ``θ_1`` (the
    parser refuses a Greek letter followed by a number)."""
    from optiproof.core.mathparse import try_parse_math

    return try_parse_math(_GREEK_INDEX.sub(r"\1_\2", text))


def _fraction(v: Any) -> Fraction | None:
    if not getattr(v, "is_Rational", False):
        return None
    return Fraction(int(v.p), int(v.q))


def _unknowns(expr: Any) -> tuple[list[Any], list[Any]]:
    """(indexed unknowns, other symbols) of an expression."""
    unknowns, other = [], []
    for s in expr.free_symbols:
        (unknowns if _UNKNOWN.fullmatch(str(s)) else other).append(s)
    return unknowns, other


def _index(sym: Any) -> tuple[str, int]:
    m = _UNKNOWN.fullmatch(str(sym))
    assert m is not None
    return m.group(1), int(m.group(2))


def _linear(expr: Any, phrase: str) -> tuple[dict[int, Fraction], Fraction, str] | Refusal:
    """A residual linear in indexed unknowns: ({index: coefficient}, target, base letter)."""
    import sympy

    unknowns, other = _unknowns(expr)
    if not unknowns:
        return Refusal(phrase, "the residual has no indexed weight (θ_1, w_1, ...)")
    if other:
        names = ", ".join(sorted(str(s) for s in other))
        return Refusal(phrase, f"the residual has the symbol(s) {names}, which are not given as "
                               "numbers (symbolic data is not supported)")
    bases = {_index(s)[0] for s in unknowns}
    if len(bases) > 1:
        return Refusal(phrase, f"the residual mixes weights named {', '.join(sorted(bases))}")
    try:
        poly = sympy.Poly(sympy.expand(expr), *unknowns)
    except sympy.PolynomialError:
        return Refusal(phrase, "the residual is not a polynomial in the weights, so it is not a "
                               "least-squares data row")
    if poly.total_degree() != 1:
        return Refusal(phrase, "the residual is not linear in the weights (each squared residual "
                               "must be x_iᵀθ - y_i)")
    coeffs = {}
    for u in unknowns:
        c = _fraction(poly.coeff_monomial(u))
        if c is None:
            return Refusal(phrase, "a coefficient is not a rational number")
        coeffs[_index(u)[1]] = c
    const = _fraction(poly.coeff_monomial(1))
    if const is None:
        return Refusal(phrase, "the constant term is not a rational number")
    return coeffs, -const, bases.pop()


def _assemble(rows: list[tuple[dict[int, Fraction], Fraction, str]], sources: list[str],
              factor: Fraction | None = None) -> Rows | Refusal | None:
    """Rows over one shared numbering of the unknowns (indices from 1, or from 0 if used)."""
    if not rows:
        return None
    if len({b for _, _, b in rows}) > 1:
        return Refusal("; ".join(sources), "the rows name their weights with different letters")
    seen: dict[tuple, None] = {}
    unique = []
    for coeffs, target, _ in rows:
        lead = next((v for _, v in sorted(coeffs.items()) if v != 0), Fraction(1))
        flip = -1 if lead < 0 else 1   # (b - aᵀθ)^2 restates the equation aᵀθ = b
        key = (tuple((i, flip * v) for i, v in sorted(coeffs.items())), flip * target)
        if key not in seen:
            seen[key] = None
            unique.append((coeffs, target))
    indices = {i for c, _ in unique for i in c}
    low = 0 if 0 in indices else 1
    d = max(indices) - low + 1
    X = tuple(tuple(c.get(i, Fraction(0)) for i in range(low, low + d)) for c, _ in unique)
    return Rows(X, tuple(t for _, t in unique), "; ".join(dict.fromkeys(sources)), factor)


def residual_rows(flat: str) -> Rows | Refusal | None:
    """Rows from equations ``2θ_1 + θ_2 = 5`` and squared residuals ``(2θ_1 + θ_2 - 5)^2``."""
    text = flat
    rows: list[tuple[dict[int, Fraction], Fraction, str]] = []
    sources: list[str] = []
    found = [(m, f"{m.group(1)} - ({m.group(2)})")
             for m in list(_EQUATION.finditer(text))[:MAX_CANDIDATES]]
    found += [(m, m.group(1)) for m in list(_SQUARED.finditer(text))[:MAX_CANDIDATES]]
    for m, written in found:
        expr = _parse(written)
        if expr is None or not hasattr(expr, "free_symbols") or not _unknowns(expr)[0]:
            continue
        got = _linear(expr, m.group(0).strip())
        if isinstance(got, Refusal):
            return got
        rows.append(got)
        sources.append(m.group(0).strip())
    return _assemble(rows, sources)


def loss_rows(flat: str) -> Rows | Refusal | None:
    """Rows of a loss written as a sum of squared residuals in indexed weights."""
    import sympy

    text = flat
    for m in list(_LOSS.finditer(text))[:MAX_CANDIDATES]:
        phrase = m.group(0).strip()
        expr = _parse(m.group(2))
        if expr is None or isinstance(expr, sympy.MatrixBase):
            continue
        unknowns, _ = _unknowns(expr)
        if not unknowns:
            continue
        factor, rest = expr.as_coeff_Mul()
        terms = sympy.Add.make_args(rest)
        rows, weights = [], set()
        for term in terms:
            c, t = term.as_coeff_Mul()
            if not (isinstance(t, sympy.Pow) and t.exp == 2):
                return Refusal(phrase, f"the term {sympy.sstr(term)} of the loss is not a squared "
                                       "residual (expected a sum of (x_iᵀθ - y_i)^2)")
            got = _linear(t.base, phrase)
            if isinstance(got, Refusal):
                return Refusal(phrase, f"the squared term ({sympy.sstr(t.base)})^2: {got.reason}")
            rows.append(got)
            weights.add(_fraction(factor * c))
        if len(weights) != 1 or None in weights:
            return Refusal(phrase, "the squared residuals have different weights (a weighted "
                                   "least-squares loss is not supported)")
        return _assemble(rows, [phrase], weights.pop())
    return None


def point_rows(assignments: list[Any]) -> Rows | Refusal | None:
    """Rows from data points ``x_1 = (1, 0, 1)`` with targets ``y_1 = 1`` (assignments of the
    part's math objects)."""
    import sympy

    from optiproof.core.text.mathobjects import is_numeric

    xs: dict[str, Any] = {}
    ys: dict[str, Any] = {}
    srcs: dict[str, list[str]] = {}
    for a in assignments:
        if not a.index or not a.index.isdigit() or not a.numeric:
            continue
        if a.base in ("x", "a") and isinstance(a.value, sympy.MatrixBase) and 1 in a.value.shape:
            xs.setdefault(a.index, a.value)
            srcs.setdefault(a.index, []).append(a.source)
        elif a.base in ("y", "b") and is_numeric(a.value) and \
                not isinstance(a.value, sympy.MatrixBase):
            ys.setdefault(a.index, a.value)
            srcs.setdefault(a.index, []).append(a.source)
    xs.pop("0", None) if "0" not in ys else None
    if not set(xs) & set(ys):
        return None
    if set(xs) != set(ys):
        odd = sorted(set(xs) ^ set(ys))
        return Refusal("; ".join(s for i in odd for s in srcs[i]),
                       "data points and targets do not pair up (expected x_i = (..) with y_i = .. "
                       "for every i)")
    order = sorted(xs, key=int)
    lengths = {len(xs[i]) for i in order}
    if len(lengths) != 1:
        return Refusal("; ".join(s for i in order for s in srcs[i]),
                       "the data points have different lengths")
    X = []
    for i in order:
        row = [_fraction(sympy.nsimplify(v)) for v in xs[i]]
        if any(v is None for v in row):
            return Refusal("; ".join(srcs[i]), "a data point has an entry that is not rational")
        X.append(tuple(row))  # type: ignore[arg-type]
    y = [_fraction(sympy.nsimplify(ys[i])) for i in order]
    if any(v is None for v in y):
        return Refusal("; ".join(s for i in order for s in srcs[i]), "a target is not rational")
    return Rows(tuple(X), tuple(y), "; ".join(s for i in order for s in srcs[i]))  # type: ignore[arg-type]


_HEAD_X = re.compile(r"^(?:(?:feature|input)\s)?\$?\s?(?:x|feature)\s?_?\{?(\d{1,2})\}?\s?\$?$", re.I)
"""A feature column's head: 'x_1', 'feature 1', 'feature x_1', '$x_1$'."""
_HEAD_Y = re.compile(r"^(?:(?:target|label|output|response)\s?)?\$?\s?(?:y|t)?\s?\$?$|^target$",
                     re.I)


def table_rows(text: str) -> Rows | Refusal | None:
    """Rows of a Markdown table whose header names features ``x_1 .. x_d`` and a target y."""
    from optiproof.core.text.numbers import parse_number

    lines = [ln.strip() for ln in text.split("\n")]
    for k, line in enumerate(lines):
        if line.count("|") < 3:
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        feats = {j: int(m.group(1)) for j, c in enumerate(cells) if (m := _HEAD_X.match(c))}
        targets = [j for j, c in enumerate(cells) if c and _HEAD_Y.match(c) and j not in feats]
        if len(feats) < 1 or len(targets) != 1:
            continue
        order = sorted(feats, key=lambda j: feats[j])
        if [feats[j] for j in order] != list(range(feats[order[0]], feats[order[0]] + len(order))):
            return Refusal(line, "the feature columns are not numbered x_1, x_2, ... in order")
        X, y, src = [], [], [line]
        for row in lines[k + 1:]:
            if row.count("|") < 3:
                break
            rc = [c.strip() for c in row.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in rc if c):
                continue
            if len(rc) != len(cells):
                return Refusal(row, "a table row has a different number of cells than its header")
            nums = [parse_number(rc[j].replace("−", "-")) for j in order + targets]
            if any(n is None for n in nums):
                return Refusal(row, "a table entry is not a number")
            X.append(tuple(n.value for n in nums[:-1]))  # type: ignore[union-attr]
            y.append(nums[-1].value)  # type: ignore[union-attr]
            src.append(row)
        if X:
            return Rows(tuple(X), tuple(y), "; ".join(re.sub(r"\s+", " ", x) for x in src))
    return None


_BLANK_XY = re.compile(r"(?<![\w])X ?= ?((?:-?\d{1,6}(?:\.\d{1,6})? ?){0,12}), ?(?:and )?y ?= ?"
                       r"((?:-?\d{1,6}(?:\.\d{1,6})? ?){0,12})(?:,|\.|;|$)")


def _number_line(line: str) -> list[Fraction] | None:
    """The numbers of a line made only of numbers (two or more), else None."""
    from optiproof.core.text.numbers import parse_number

    tokens = line.split()
    if len(tokens) < 2:
        return None
    nums = [parse_number(t) for t in tokens]
    if any(n is None for n in nums):
        return None
    return [n.value for n in nums]  # type: ignore[union-attr]


def garbled_rows(text: str) -> Rows | Refusal | None:
    """``X`` and ``y`` typeset side by side and copied out of a PDF line by line: the line
    ``X= , y= ,`` between the matrix rows, each row line holding a row of X and then the entry
    of y (``1 1 0 0 2`` / ``X= , y= ,`` / ``0 1 1 1 3``)."""
    lines = text.split("\n")
    for k, line in enumerate(lines):
        m = _BLANK_XY.search(line)
        if m is None:
            continue
        xmid, ymid = m.group(1).split(), m.group(2).split()
        if bool(xmid) != bool(ymid):
            continue
        above: list[int] = []
        i = k - 1
        while i >= 0 and _number_line(lines[i]) is not None and len(above) < 12:
            above.insert(0, i)
            i -= 1
        below: list[int] = []
        i = k + 1
        while i < len(lines) and _number_line(lines[i]) is not None and len(below) < 12:
            below.append(i)
            i += 1
        if not above or not below:
            continue
        rows = [_number_line(lines[i]) for i in above]
        if xmid:
            rows.append(_number_line(" ".join(xmid + ymid)))
        rows += [_number_line(lines[i]) for i in below]
        source = " ".join(lines[j].strip() for j in range(above[0], below[-1] + 1))
        if any(r is None for r in rows) or len({len(r) for r in rows}) != 1:  # type: ignore[arg-type]
            return Refusal(source, "X and y appear to be typeset side by side (copied from a "
                                   "PDF), but their rows have different lengths")
        if len(ymid) > 1:
            return Refusal(source, "y has more than one column")
        X = tuple(tuple(r[:-1]) for r in rows)  # type: ignore[index]
        y = tuple(r[-1] for r in rows)  # type: ignore[index]
        if not X[0]:
            return None
        return Rows(X, y, source)
    return None


_STACKED_X = re.compile(r"(?<![\w])X ?= ?$")
_STACKED_Y = re.compile(r"^[,;]? ?(?:and )?y ?= ?$")


def _numbers_only(line: str) -> list[Fraction] | None:
    """The numbers of a line made only of numbers (one or more), else None."""
    from optiproof.core.text.numbers import parse_number

    tokens = line.split()
    nums = [parse_number(t) for t in tokens] if 0 < len(tokens) <= 12 else [None]
    if any(n is None for n in nums):
        return None
    return [n.value for n in nums]  # type: ignore[union-attr]


def stacked_rows(text: str) -> Rows | Refusal | None:
    """``X`` and ``y`` copied out of a PDF with their entries below the names: a line ending
    ``X =``, the rows of X one per line, then ``, y =`` and the entries of y one per line
    (``Let X =`` / ``1 1 0`` / ``0 1 1`` / ``, y =`` / ``2`` / ``1``)."""
    lines = [line.strip() for line in text.split("\n")]
    for k, line in enumerate(lines):
        if not _STACKED_X.search(line):
            continue
        i, X = k + 1, []
        while i < len(lines) and (row := _numbers_only(lines[i])) is not None and len(X) < 12:
            X.append(row)
            i += 1
        while i < len(lines) and not lines[i]:
            i += 1
        if not X or i >= len(lines) or not _STACKED_Y.search(lines[i]):
            continue
        j, y = i + 1, []
        while j < len(lines) and (row := _numbers_only(lines[j])) is not None and len(y) < 12:
            y.append(row)
            j += 1
        source = " ".join(x for x in lines[k:j] if x)
        if len({len(r) for r in X}) != 1 or any(len(r) != 1 for r in y) or len(y) != len(X):
            return Refusal(source, "X and y appear to be written with their entries below "
                                   "(copied from a PDF), but X's rows and y's entries do not "
                                   "match (expected one entry of y per row of X)")
        return Rows(tuple(tuple(r) for r in X), tuple(r[0] for r in y), source)
    return None


_INLINE_XY = re.compile(r"(?<![\w])X ?= ?((?:[-−]?\d{1,6}(?:\.\d{1,6})? ?){1,12}),? ?y ?= ?"
                        r"([-−]?\d{1,6}(?:\.\d{1,6})?) ?,?$")


def inline_rows(text: str) -> Rows | Refusal | None:
    """``X`` and ``y`` typeset side by side and copied out of a PDF with the first row on the
    names' line: ``X = 1 1 0 y = 3`` (or ``X= 1 1 0 , y= 3``), then one line per further row,
    a row of X and then the entry of y (``0 1 1 , 1 ,``). Two rows at least; every row as long
    as the first."""
    lines = [line.strip() for line in text.split("\n")]
    for k, line in enumerate(lines):
        m = _INLINE_XY.search(line)
        if m is None:
            continue
        first = _numbers_only(m.group(1))
        target = _numbers_only(m.group(2))
        if not first or not target:
            continue
        rows, i = [first + target], k + 1
        while i < len(lines) and len(rows) < 12:
            row = _numbers_only(lines[i].replace(",", " "))
            if row is None:
                break
            rows.append(row)
            i += 1
        source = " ".join(lines[k:i])
        if len(rows) < 2:
            continue
        if len({len(r) for r in rows}) != 1:
            return Refusal(source, "X and y appear to be typeset side by side (copied from a "
                                   "PDF), but their rows have different lengths")
        return Rows(tuple(tuple(r[:-1]) for r in rows), tuple(r[-1] for r in rows), source)
    return None
