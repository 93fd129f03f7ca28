"""An answer document as structure: lines with their roles, formulas, tables, headings.

Nothing here knows the problem: the document is read as Markdown, LaTeX or plain text into
:class:`Document` — every line classified once (heading, table row, display formula, list item,
quote, code, text), every formula span located with its delimiters, every table split into
cells — so later stages never re-scan raw text. Offsets are character positions in the
original text; line numbers are 1-based.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Literal

LineKind = Literal["blank", "heading", "table", "rule", "display", "code", "quote", "list",
                   "text"]

MAX_LINE_CHARS = 4000
"""Longer lines are cut before they are read."""


@dataclass(frozen=True)
class MathSpan:
    """A delimited formula: ``text[start:end]`` includes the delimiters, ``latex`` does not."""

    start: int
    end: int
    latex: str
    display: bool


@dataclass(frozen=True)
class Cell:
    """One table cell: its text (Markdown escapes of ``|`` resolved) and where it starts."""

    text: str
    start: int


@dataclass(frozen=True)
class Row:
    """A table row: its line and cells (the row label is ``cells[0]``)."""

    line: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """A table: header cells, body rows, and its first and last line."""

    header: tuple[str, ...]
    rows: tuple[Row, ...]
    first: int
    last: int


@dataclass(frozen=True)
class Line:
    """One line of the document with its role."""

    number: int
    start: int
    text: str
    kind: LineKind
    level: int = 0
    """Heading level (1-6 for ``#``; 7 for a bold or plain heading), list indent, else 0."""


@dataclass
class Document:
    """An answer document read into lines, formulas and tables."""

    text: str
    lines: list[Line]
    math: list[MathSpan]
    tables: list[Table]
    line_starts: list[int] = field(repr=False, default_factory=list)

    def line_of(self, offset: int) -> int:
        """The 1-based line number holding character ``offset``."""
        return bisect.bisect_right(self.line_starts, offset)

    def math_in(self, start: int, end: int) -> list[MathSpan]:
        """Formula spans that begin inside ``[start, end)``."""
        k = bisect.bisect_left(self.math, start, key=lambda m: m.start)
        out = []
        while k < len(self.math) and self.math[k].start < end:
            out.append(self.math[k])
            k += 1
        return out


# -- formulas -----------------------------------------------------------------------------------

_DELIM = re.compile(r"\\\$|\$\$|\$|\\\[|\\\]|\\\(|\\\)"
                    r"|\\(begin|end)\{(aligned|align\*?|equation\*?|gather\*?|[bpvBV]?matrix"
                    r"|array|cases)\}")
_CLOSER = {"$$": "$$", "\\[": "\\]", "\\(": "\\)", "$": "$"}
_REACH = {"$$": 8000, "\\[": 8000, "\\(": 2000, "$": 2000, "env": 8000}


_MATH_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*math[ \t]*\n(.*?)^[ \t]*\1[ \t]*$",
                         re.S | re.M)


def fenced_math(text: str) -> list[MathSpan]:
    """Display formulas in GitHub's ```` ```math ```` fences."""
    return [MathSpan(m.start(), m.end(), m.group(2).strip(), True)
            for m in _MATH_FENCE.finditer(text) if m.group(2).strip()]


def math_spans(text: str) -> list[MathSpan]:
    """Every delimited formula of ``text`` in order (``$..$``, GitHub's ``$`..`$``, ``$$..$$``,
    ``\\(..\\)``, ``\\[..\\]``, bare environments and ```` ```math ```` fences), found in one
    pass over the delimiters."""
    fences = fenced_math(text)
    if fences:
        spans: list[MathSpan] = []
        start = 0
        for f in fences:
            spans += [MathSpan(s.start + start, s.end + start, s.latex, s.display)
                      for s in _delimited(text[start:f.start])]
            spans.append(f)
            start = f.end
        return spans + [MathSpan(s.start + start, s.end + start, s.latex, s.display)
                        for s in _delimited(text[start:])]
    return _delimited(text)


def _delimited(text: str) -> list[MathSpan]:
    """The formulas of ``text`` delimited by dollars, brackets or environments."""
    tokens = [(m.start(), m.end(), m.group(0) if m.group(1) is None else
               f"{m.group(1)}:{m.group(2)}") for m in _DELIM.finditer(text)]
    by_kind: dict[str, list[int]] = {}
    for k, (_, _, kind) in enumerate(tokens):
        by_kind.setdefault(kind, []).append(k)
    out: list[MathSpan] = []
    k = 0
    while k < len(tokens):
        start, end, kind = tokens[k]
        closer = _CLOSER.get(kind) or (kind.replace("begin:", "end:") if kind.startswith(
            "begin:") else None)
        if closer is None:
            k += 1
            continue
        later = by_kind.get(closer, [])
        j = bisect.bisect_right(later, k)
        close = later[j] if j < len(later) else None
        reach = _REACH.get(kind, _REACH["env"])
        if close is None or tokens[close][0] - end > reach or (
                kind == "$" and "\n" in text[end:tokens[close][0]]):
            k += 1
            continue
        c_start, c_end, _ = tokens[close]
        if kind.startswith("begin:"):
            latex, display, span_end = text[start:c_end], True, c_end
        else:
            latex, display, span_end = text[end:c_start], kind in ("$$", "\\["), c_end
        if kind == "$" and (not latex.strip() or latex != latex.rstrip()
                            or text[c_end:c_end + 1].isdigit()):
            k += 1
            continue
        latex = latex.strip()
        if kind == "$" and len(latex) > 1 and latex[0] == latex[-1] == "`":
            latex = latex[1:-1].strip()
        if latex:
            out.append(MathSpan(start, span_end, latex, display))
        k = close + 1
    return out


# -- lines --------------------------------------------------------------------------------------

_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?!\s)(.{1,150}?)\1\s*[:.]?\s*$")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$|^\s*[-=+]{3,}\s*$")
_LIST = re.compile(r"^(\s*)(?:[-*+•]|\d{1,2}[.)])\s+")
_SEPARATOR = re.compile(r"^(?=[^\n]*(?:\||--))\s*\|?\s*:?-+:?\s*(?:[|+]\s*:?-+:?\s*)*\|?\s*$")
"""A table's delimiter row (GFM: one dash per cell is enough, ``|:-:|-|``, once a pipe shows
it is a table's)."""
_ASCII_RULE = re.compile(r"^\s*-{2,}(?:\+-{2,})+\s*$")


def _pipe_count(line: str) -> int:
    """Pipes that can separate cells: not escaped, not inside ``$..$``."""
    count, in_math, i = 0, False, 0
    while i < len(line):
        c = line[i]
        if c == "\\":
            i += 2
            continue
        if c == "$":
            in_math = not in_math
        elif c == "|" and not in_math:
            count += 1
        i += 1
    return count


def _is_table_row(line: str) -> bool:
    s = line.strip()
    return (s.startswith("|") and _pipe_count(s) >= 2) or _pipe_count(s) >= 2 and " | " in s


def split_cells(line: str, start: int) -> tuple[Cell, ...]:
    """Cells of a table row; ``\\|`` and pipes inside ``$..$`` do not separate cells, and a
    GFM-escaped ``\\\\|`` inside a formula stands for the LaTeX ``\\|``."""
    cells: list[Cell] = []
    buf: list[str] = []
    cell_start = start
    in_math = False
    s = line.rstrip()
    i = 0
    lead = len(s) - len(s.lstrip())
    if s.lstrip().startswith("|"):
        i = lead + 1
        cell_start = start + i
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            if s.startswith("\\\\|", i):
                buf.append("\\|")
                i += 3
                continue
            buf.append(s[i:i + 2])
            i += 2
            continue
        if c == "$":
            in_math = not in_math
        if c == "|" and not in_math:
            cells.append(Cell("".join(buf), cell_start))
            buf = []
            cell_start = start + i + 1
        else:
            buf.append(c)
        i += 1
    if "".join(buf).strip() or not s.endswith("|"):
        cells.append(Cell("".join(buf), cell_start))
    return tuple(Cell(c.text.strip(), c.start + (len(c.text) - len(c.text.lstrip())))
                 for c in cells)


_MATH_FENCE_INFO = re.compile(r"^(?:|text|txt|plain|plaintext|math|none)$", re.I)
"""Fences whose lines are formulas written out (no language, or plain text)."""
_CODE_LINE = re.compile(r"^\s*(?:def|import|from|return|for|while|if|class|print)\b|[;{}]\s*$"
                        r"|^\s*(?://|#)")
"""A line of a program rather than a formula."""


def _classify(lines: list[str], starts: list[int], display_lines: set[int]) -> list[Line]:
    from optiproof.checking.plaintext import is_title

    out: list[Line] = []
    fence = maths = False
    for n, (raw, start) in enumerate(zip(lines, starts, strict=True), start=1):
        s = raw.strip()
        if n in display_lines and not fence:
            out.append(Line(n, start, raw, "display"))
            continue
        if s.startswith("```") or s.startswith("~~~"):
            fence = not fence
            maths = fence and _MATH_FENCE_INFO.match(s.lstrip("`~").strip()) is not None
            out.append(Line(n, start, raw, "code"))
            continue
        if fence:
            out.append(Line(n, start, raw, "display" if maths and s and not _CODE_LINE.search(s)
                            else "code"))
        elif not s:
            out.append(Line(n, start, raw, "blank"))
        elif n in display_lines:
            out.append(Line(n, start, raw, "display"))
        elif m := _ATX.match(raw):
            out.append(Line(n, start, raw, "heading", len(m.group(1))))
        elif _SEPARATOR.match(raw) or _ASCII_RULE.match(raw):
            out.append(Line(n, start, raw, "table" if "|" in raw or "+" in raw else "rule"))
        elif _RULE.match(raw):
            out.append(Line(n, start, raw, "rule"))
        elif _is_table_row(raw):
            out.append(Line(n, start, raw, "table"))
        elif s.startswith(">"):
            out.append(Line(n, start, raw, "quote"))
        elif _BOLD_LINE.match(raw):
            out.append(Line(n, start, raw, "heading", 7))
        elif m := _LIST.match(raw):
            out.append(Line(n, start, raw, "list", len(m.group(1))))
        elif raw.startswith(("    ", "\t")):
            out.append(Line(n, start, raw, "display"))
        elif is_title(raw, lines[n - 2] if n > 1 else None, lines[n] if n < len(lines) else None):
            out.append(Line(n, start, raw, "heading", 7))
        else:
            out.append(Line(n, start, raw, "text"))
    return out


def _display_lines(text: str, spans: list[MathSpan], starts: list[int]) -> set[int]:
    """Lines that belong to a display formula standing on lines of its own."""
    out: set[int] = set()
    for span in spans:
        if not span.display:
            continue
        first = bisect.bisect_right(starts, span.start)
        last = bisect.bisect_right(starts, max(span.end - 1, span.start))
        before = text[starts[first - 1]:span.start]
        if not before.strip() or last > first:
            out.update(range(first, last + 1))
    return out


def _blank_corner(body: list[Line], header: tuple[str, ...], rows: tuple[Row, ...]) -> bool:
    """``      | # messages | size`` over rows ``all-to-all | n(n-1) | p`` without outer
    pipes: the header's first cell, over the row labels, is blank (its pipe is a separator,
    not the table's left edge)."""
    return body[0].text[:1].isspace() and body[0].text.lstrip().startswith("|") and all(
        not ln.text.lstrip().startswith("|") for ln in body[1:]) and all(
        len(r.cells) == len(header) + 1 for r in rows)


def _bare_grid(block: list[Line]) -> bool:
    """Three or more pipe rows without a delimiter row (``scheme | # messages | size`` over
    ``ring | 2n(n-1) | p/n``, as typed in plain text): a table when every row has the same
    number of cells, at least two, and the first row is words (a header); a header indented
    over the row labels (``      | # messages | size``) has one cell fewer, its corner blank."""
    counts = {len(split_cells(ln.text, ln.start)) for ln in block[1:]}
    head = len(split_cells(block[0].text, block[0].start))
    if len(block) < 3 or len(counts) != 1 or (width := counts.pop()) < 2:
        return False
    if head != width and not (head == width - 1 and block[0].text[:1].isspace()
                              and block[0].text.lstrip().startswith("|")):
        return False
    header = [c.text for c in split_cells(block[0].text, block[0].start)]
    return all(re.search(r"[A-Za-z#]{2,}", c) or not c for c in header) and not any(
        re.search(r"[=^\\]", c) for c in header)


def _tables(lines: list[Line]) -> list[Table]:
    """Consecutive table lines with a separator line under the header become a table (or
    a bare grid of pipe rows with a header of words, see :func:`_bare_grid`)."""
    out: list[Table] = []
    k = 0
    while k < len(lines):
        if lines[k].kind != "table":
            k += 1
            continue
        j = k
        while j < len(lines) and lines[j].kind == "table":
            j += 1
        block = lines[k:j]
        k = j
        body = [ln for ln in block if not (_SEPARATOR.match(ln.text) or _ASCII_RULE.match(ln.text))]
        if len(body) < 2 or (len(body) == len(block) and not _bare_grid(body)):
            continue
        header = tuple(c.text for c in split_cells(body[0].text, body[0].start))
        rows = tuple(Row(ln.number, split_cells(ln.text, ln.start)) for ln in body[1:])
        if _blank_corner(body, header, rows):
            header = ("", *header)
        out.append(Table(header, rows, block[0].number, block[-1].number))
    return out


def read_document(text: str) -> Document:
    """Read ``text`` into lines, formulas and tables (bounded: each line is cut at
    :data:`MAX_LINE_CHARS`)."""
    from optiproof.checking.plaintext import unalign, unframe, untex, unwrap

    raw_lines = [ln[:MAX_LINE_CHARS] for ln in
                 unalign(unwrap(unframe(untex(text)))).splitlines()] or [""]
    text = "\n".join(raw_lines)
    starts = [0]
    for ln in raw_lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    spans = math_spans(text)
    lines = _classify(raw_lines, starts, _display_lines(text, spans, starts))
    tables = _tables(lines)
    in_tables = {n for t in tables for n in range(t.first, t.last + 1)}
    lines = [ln if ln.kind != "table" or ln.number in in_tables else
             Line(ln.number, ln.start, ln.text,
                  "display" if ln.text.startswith(("    ", "\t")) else "text")
             for ln in lines]
    return Document(text, lines, spans, tables, starts)
