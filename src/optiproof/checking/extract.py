"""Answer document -> located claims: the parts it answers, its final values, optimizer names.

The pipeline, one small step each::

    text -> sections       (headings "(a)", "Part (b)", "b)", "**(c)**", "### (d) ...")
         -> math spans     ($...$, $$...$$, \\[...\\], \\(...\\), bare matrix environments)
         -> tables         (Markdown tables: a row per part or per scheme, header = quantity)
         -> claims         (vectors, matrices, scalar multiples, formulas, "unbounded", names)

Every claim keeps its 1-based line number. Extraction is O(n log n) in the document: math
spans are found by one scan over the delimiters (each closer by binary search), what depends on
a whole line (bold runs, final-answer words, scheme names, sentence ends) is computed once per
line, regular expressions only ever scan bounded windows, and formulas stop being parsed once
MAX_CLAIMS claims are found. Every formula goes through the bounded parser of
:mod:`optiproof.checking.parse`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from optiproof.checking.parse import parse_math

ClaimKind = Literal["vector", "matrix", "formula", "number", "unbounded"]
Source = Literal["body", "table"]

MAX_LINE_CHARS = 4000
"""Longer lines are cut before claims are searched in them."""
MAX_LINES = 10_000
"""Lines beyond this many are not read (a long real answer has a few hundred)."""
MAX_CLAIMS = 500
"""Claims beyond this many are ignored (a real answer has a few dozen)."""
MAX_CLAIM_FORMULAS = 4000
"""Formulas beyond this many are neither searched for claims nor checked by the renderer."""


@dataclass(frozen=True)
class Claim:
    """One value the answer states: where, what, and how strongly it is marked as final."""

    line: int
    kind: ClaimKind
    text: str
    value: Any
    part: str | None
    source: Source = "body"
    strength: float = 0
    """0 plain, 1 on a line that says final/converges/thus..., 1.5 right after such a word,
    2 bold or in a table, 3 boxed."""
    context: str = ""
    """The text around the claim (lower case): left-hand side and line, for keyword matching."""
    scheme: str | None = None
    column: str = ""
    pos: int = 0
    """Character offset in the document (orders claims on one line)."""


@dataclass(frozen=True)
class NameMention:
    """An optimizer (or algorithm) named in the answer, with its sentence."""

    line: int
    name: str
    canonical: str
    part: str | None
    sentence: str


@dataclass(frozen=True)
class MathSpan:
    """A formula as written, for the renderer check: its LaTeX, display mode and line."""

    latex: str
    display: bool
    line: int


@dataclass
class Extraction:
    """Everything read from one answer document."""

    lines: list[str]
    sections: dict[str, tuple[int, int]] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    names: list[NameMention] = field(default_factory=list)
    math: list[MathSpan] = field(default_factory=list)
    unparsed: list[tuple[int, str, str | None]] = field(default_factory=list)
    """(line, text, part) of formulas that looked like answers but did not parse."""

    def part_of_line(self, line: int) -> str | None:
        for label, (start, end) in self.sections.items():
            if start <= line <= end:
                return label
        return None


# -- sections ---------------------------------------------------------------------------------

_HEAD_PREFIX = re.compile(r"^[\s#>*_\-]*")
_HEADING = re.compile(
    r"^(?:\*\*|__)?\s*(?:(?:part|problem|question|answer)\s*\(?\s*([a-z])\s*\)?(?![a-z0-9])"
    r"|\(\s*([a-z])\s*\)|([a-z])\))", re.I)


def heading_label(line: str, labels: set[str]) -> str | None:
    """The part label a line opens (``(a)``, ``Part (b)``, ``b)``, ``**(c)**``), or None."""
    stripped = _HEAD_PREFIX.sub("", line[:200])
    if stripped.startswith("|"):
        return None
    m = _HEADING.match(stripped)
    if not m:
        return None
    label = next(g for g in m.groups() if g).lower()
    return label if label in labels else None


def split_sections(lines: list[str], labels: set[str]) -> dict[str, tuple[int, int]]:
    """label -> (first line, last line), 1-based, for each part heading found (first wins)."""
    starts: list[tuple[int, str]] = []
    seen: set[str] = set()
    in_fence = False
    for i, line in enumerate(lines, start=1):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        label = heading_label(line, labels)
        if label is not None and label not in seen:
            seen.add(label)
            starts.append((i, label))
    out: dict[str, tuple[int, int]] = {}
    for k, (start, label) in enumerate(starts):
        end = starts[k + 1][0] - 1 if k + 1 < len(starts) else len(lines)
        out[label] = (start, end)
    return out


# -- math spans -------------------------------------------------------------------------------

DISPLAY_MAX = 8000
"""Longest display formula ($$...$$, \\[...\\], a matrix environment)."""
INLINE_MAX = 2000
"""Longest inline formula ($...$, \\(...\\)), which also stays on one line."""
_OPENER = re.compile(r"\$|\\[\[(]|\\begin\{([bpvBV]?matrix|array)\}")


class _Positions:
    """Where a fixed string occurs in a text, for "first occurrence at or after i" queries."""

    def __init__(self, text: str, needle: str):
        self.starts = [m.start() for m in re.finditer(re.escape(needle), text)]

    def first(self, i: int) -> int | None:
        k = bisect.bisect_left(self.starts, i)
        return self.starts[k] if k < len(self.starts) else None


def math_spans(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, latex, display) of every formula in the text, in order: ``$$...$$`` and
    ``\\[...\\]`` (display, up to DISPLAY_MAX), ``$...$`` (not after ``\\`` or ``$``, no ``$``
    inside, not closed by ``\\$``) and ``\\(...\\)`` (inline, one line, up to INLINE_MAX), and
    bare matrix environments; left to right, a span never starting inside an earlier one."""
    dollars, newlines = _Positions(text, "$"), _Positions(text, "\n")
    closers = {"[": _Positions(text, "\\]"), "(": _Positions(text, "\\)")}
    env_ends: dict[str, _Positions] = {}
    out, taken = [], 0
    for m in _OPENER.finditer(text):
        p = m.start()
        if p < taken:
            continue
        span = None
        if m.group(1):
            name = m.group(1)
            closer = f"\\end{{{name}}}"
            if name not in env_ends:
                env_ends[name] = _Positions(text, closer)
            q = env_ends[name].first(m.end())
            if q is not None and q - m.end() <= DISPLAY_MAX:
                span = (p, q + len(closer), text[p:q + len(closer)], True)
        elif text[p] == "$":
            span = _dollar_span(text, p, dollars, newlines)
        else:
            q = closers[text[p + 1]].first(p + 3)
            limit = DISPLAY_MAX if text[p + 1] == "[" else INLINE_MAX
            if q is not None and q - (p + 2) <= limit and (
                    text[p + 1] == "[" or (newlines.first(p + 2) or len(text)) > q):
                span = (p, q + 2, text[p + 2:q], text[p + 1] == "[")
        if span is None:
            continue
        taken = span[1]
        latex = span[2].strip()
        if latex:
            out.append((span[0], span[1], latex, span[3]))
    return out


def _dollar_span(text: str, p: int, dollars: _Positions, newlines: _Positions
                 ) -> tuple[int, int, str, bool] | None:
    """The ``$$...$$`` or ``$...$`` formula opening at ``p``, if any."""
    if text.startswith("$$", p):
        q = dollars.first(p + 2)
        if q is not None and q >= p + 3 and q - (p + 2) <= DISPLAY_MAX \
                and text.startswith("$$", q):
            return p, q + 2, text[p + 2:q], True
    if p > 0 and text[p - 1] in "\\$":
        return None
    q = dollars.first(p + 1)
    if q is None or q < p + 2 or q - (p + 1) > INLINE_MAX or text[q - 1] == "\\":
        return None
    if (newlines.first(p + 1) or len(text)) < q:
        return None
    return p, q + 1, text[p + 1:q], False


def line_of(offset: int, line_starts: list[int]) -> int:
    import bisect

    return bisect.bisect_right(line_starts, offset)


# -- values inside one formula ----------------------------------------------------------------

_ENV = re.compile(r"\\begin\{([bpvBV]?matrix|array)\}(?:\{[^{}]*\})?(.*?)\\end\{\1\}", re.S)
_LIST = re.compile(r"(?:\\left)?([\[(])([^\[\]()]{1,1500}?,[^\[\]()]{1,1500}?)(?:\\right)?[\])]")
_MULT = re.compile(r"((?:\\d?frac\s*\{[^{}]{1,40}\}\s*\{[^{}]{1,40}\})|(?:\d+(?:\.\d+)?"
                   r"(?:\s*/\s*\d+(?:\.\d+)?)?))\s*(?:\\cdot|\*|\\,|\\!|\s)*(?:\\left)?\s*$")
_APPROX = re.compile(r"\\approx|≈|\\simeq|\\sim")
_RELATION = re.compile(r"(?<![<>!\\])=(?!=)|\\approx|≈|\\to\b|\\rightarrow|\\Rightarrow|→|⇒")


def _cell_value(text: str) -> Any:
    t = _APPROX.sub("", text).strip().strip("*").strip()
    t = re.sub(r"\\(?:boxed|mathbf|textbf)\s*\{(.*)\}$", r"\1", t)
    if not t or len(t) > 120:
        return None
    from optiproof.checking.parse import to_number

    expr = parse_math(t)
    if expr is None:
        return None
    return expr if to_number(expr) is not None else None


def _multiplier(before: str) -> Any:
    m = _MULT.search(before[-120:])
    if not m:
        return None
    return _cell_value(m.group(1))


def _matrix_from_rows(rows: list[list[Any]]) -> Any:
    import sympy

    if not rows or any(v is None for r in rows for v in r):
        return None
    width = len(rows[0])
    if width == 0 or any(len(r) != width for r in rows):
        return None
    return sympy.Matrix(rows)


def unwrap_boxed(latex: str) -> str:
    """``\\boxed{u = x}`` -> ``u = x`` (brace-matched; an unclosed box is left as written)."""
    out = latex
    for _ in range(5):
        k = out.find("\\boxed")
        if k < 0:
            break
        j = out.find("{", k)
        if j < 0:
            break
        depth, end = 0, None
        for i in range(j, len(out)):
            if out[i] == "{" and out[i - 1] != "\\":
                depth += 1
            elif out[i] == "}" and out[i - 1] != "\\":
                depth -= 1
                if depth == 0:
                    end = i
                    break
        if end is None:
            break
        out = out[:k] + out[j + 1:end] + out[end + 1:]
    return out


def values_in_formula(latex: str) -> list[tuple[str, Any, str]]:
    """(text, Matrix, text before it) of each vector/matrix written in a formula: matrix
    environments, bracket lists ``[a, b, c]``, with a scalar multiplier in front applied."""
    found: list[tuple[str, Any, str]] = []
    taken: list[tuple[int, int]] = []
    for m in _ENV.finditer(latex):
        body = m.group(2)
        rows = [r for r in re.split(r"\\\\(?:\[[^\]]*\])?", body) if r.strip()]
        cells = [[_cell_value(c) for c in r.split("&")] for r in rows[:200]]
        mat = _matrix_from_rows(cells)
        if mat is None:
            continue
        mult = _multiplier(latex[:m.start()].replace("\\left", ""))
        if mult is not None:
            mat = mat * mult
        found.append((m.group(0), mat, latex[:m.start()]))
        taken.append(m.span())
    for m in _LIST.finditer(latex):
        if any(a <= m.start() < b for a, b in taken):
            continue
        items = [x for x in re.split(r",|;", m.group(2))]
        if len(items) < 2 or len(items) > 1000:
            continue
        vals = [_cell_value(x) for x in items]
        if any(v is None for v in vals):
            continue
        import sympy

        mat = sympy.Matrix(vals)
        mult = _multiplier(latex[:m.start()])
        if mult is not None:
            mat = mat * mult
        found.append((m.group(0), mat, latex[:m.start()]))
    return found


# -- markers of a final answer ---------------------------------------------------------------

_FINAL_WORDS = re.compile(r"final|answer|converge|limit|therefore|thus|hence|result|so\b|⇒|"
                          r"\\infty|∞|\\star|\^\*|recover|is\b|gives|summary|solution", re.I)


@lru_cache(maxsize=256)
def _line_marks(line: str) -> tuple[bool, tuple[tuple[int, int], ...], bool]:
    """(boxed, bold spans, has a final-answer word) of one line, computed once per line."""
    bold = tuple(m.span() for m in re.finditer(r"\*\*.+?\*\*", line))
    return "\\boxed" in line, bold, bool(_FINAL_WORDS.search(line))


def _strength(line: str, col: int, before: str = "") -> float:
    """How strongly the text marks the value at ``col`` of ``line`` as a final answer;
    ``before`` is the text leading up to a display formula (the previous lines)."""
    boxed, bold, final = _line_marks(line)
    if boxed:
        return 3
    k = bisect.bisect_right(bold, (col, len(line) + 1)) - 1
    if k >= 0 and bold[k][0] <= col < bold[k][1]:
        return 2
    lead = (before + " " + line[max(0, col - 60):col])[-60:]
    if _FINAL_WORDS.search(lead) or lead.rstrip().endswith(":"):
        return 1.5
    return 1 if final else 0


# -- optimizer names --------------------------------------------------------------------------

OPTIMIZER_NAMES: tuple[tuple[str, str], ...] = (
    # (regex, canonical); more specific first. Canonical names match families' identified_as.
    (r"sign[\s-]*(?:sgd|gd\b|gradient[\s-]*descent|descent)|sign(?:ed)?[\s-]*sgd|signsgd",
     "sign gradient descent"),
    (r"sign[\s-]*momentum|signum", "sign momentum (Signum)"),
    (r"sign[\s-]*adam", "SignAdam"),
    (r"\blion\b", "Lion"),
    (r"\badamw?\b", "Adam"),
    (r"\brms[\s-]*prop\b", "RMSprop"),
    (r"\badagrad\b", "Adagrad"),
    (r"\bmuon\b", "Muon"),
    (r"\bshampoo\b", "Shampoo"),
    (r"orthogonali[sz]ed[\s-]*(?:gradient[\s-]*)?descent|orthogonali[sz]ed[\s-]*update",
     "orthogonalised gradient descent"),
    (r"normali[sz]ed[\s-]*(?:gradient[\s-]*descent|gd|sgd)", "normalized gradient descent"),
    (r"(?:greedy|gauss[\s-]*southwell)[\s-]*coordinate[\s-]*descent|coordinate[\s-]*descent",
     "greedy coordinate descent"),
    (r"preconditioned[\s-]*(?:gradient[\s-]*descent|gd|sgd)", "preconditioned gradient descent"),
    (r"newton'?s?[\s-]*method|\bnewton\b", "Newton's method"),
    (r"heavy[\s-]*ball|polyak[\s-]*momentum|sgd[\s-]*with[\s-]*momentum", "heavy ball"),
    (r"\bnesterov\b", "Nesterov"),
    (r"(?:stochastic[\s-]*|vanilla[\s-]*|plain[\s-]*|standard[\s-]*)?gradient[\s-]*descent|\bsgd\b"
     r"|\bgd\b", "gradient descent"),
)
_NAME_RX = re.compile("|".join(f"(?P<n{i}>{rx})" for i, (rx, _) in enumerate(OPTIMIZER_NAMES)),
                      re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n")


def _sentence_around(line: str, cuts: list[int], start: int, end: int) -> str:
    """The sentence of ``line`` around [start, end), given the sentence ``cuts`` of the line."""
    a = cuts[bisect.bisect_right(cuts, start) - 1]
    k = bisect.bisect_right(cuts, end)
    b = cuts[k] if k < len(cuts) else len(line)
    return line[a:b].strip()


def optimizer_mentions(line: str, lineno: int, part: str | None) -> list[NameMention]:
    out = []
    cuts: list[int] | None = None
    for m in _NAME_RX.finditer(line):
        if cuts is None:
            cuts = [0] + [e.end() for e in _SENTENCE_END.finditer(line)] + [len(line) + 1]
        idx = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
        out.append(NameMention(lineno, m.group(0), OPTIMIZER_NAMES[idx][1], part,
                               _sentence_around(line, cuts, m.start(), m.end())))
    return out


# -- tables ------------------------------------------------------------------------------------

def _cells(line: str) -> list[str]:
    inner = line.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    # a "|" inside $...$ (a norm) is not a cell border
    cells, buf, in_math = [], [], False
    i = 0
    while i < len(inner):
        c = inner[i]
        if c == "\\" and i + 1 < len(inner):
            buf.append(inner[i:i + 2])
            i += 2
            continue
        if c == "$":
            in_math = not in_math
        if c == "|" and not in_math:
            cells.append("".join(buf).strip())
            buf = []
        else:
            buf.append(c)
        i += 1
    cells.append("".join(buf).strip())
    return cells


def _is_table_line(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and s.count("|") >= 2


def _is_separator(line: str) -> bool:
    return bool(re.fullmatch(r"\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*", line))


_ROW_LABEL = re.compile(r"^[\s*_]*(?:part\s*)?\(?\s*([a-z])\s*\)?[\s*_.:]*$", re.I)


# -- the document -----------------------------------------------------------------------------

_UNBOUNDED = re.compile(r"unbounded(?:\s+below)?|no\s+(?:finite\s+)?minimi[sz]er|"
                        r"(?:minimi[sz]er|minimum)\s+does\s+not\s+exist|-\s*\\infty|−∞|-∞", re.I)
_PLAIN_VECTOR = re.compile(  # possessive quantifiers: no backtracking on unclosed brackets
    r"(?P<mult>(?:\d++(?:\.\d++)?\s*+/\s*+)?\d++(?:\.\d++)?\s*+(?:\*\s*+)?)?"
    r"[\[(]\s*+(?P<items>(?:[-+−]\s?)?[\d./]++(?:\s*+[,;]\s*+(?:[-+−]\s?)?[\d./]++){1,500}+)"
    r"\s*+[\])]")
_PLAIN_FORMULA = re.compile(r"(?:=|:|\bis\b)\s*([^=:;$]{1,200}?)(?=(?:\.\s|\.$|,\s|;|$|\*\*|"
                            r"\s+(?:messages?|each|per|for|with|and|in|of|where)\b))", re.I)


@dataclass(frozen=True)
class Vocabulary:
    """What the problem lets the extractor look for: part labels and scheme names."""

    labels: frozenset[str]
    schemes: tuple[tuple[str, str], ...] = ()
    """(scheme key as in answer names, regex) for communication problems."""
    single_part: str | None = None
    """The label of a one-part problem (its section is the whole document)."""


def _scheme_in(text: str, vocab: Vocabulary, before: int | None = None) -> str | None:
    """The scheme named first in ``text`` (in ``text[:before]`` when given)."""
    best = None
    for start, end, key, rx in _scheme_mentions(text, vocab.schemes):
        if before is not None and end > before:
            if start >= before:
                continue
            m = rx.search(text, 0, before)  # a mention across the cut: read up to it
            if m is None:
                continue
            start = m.start()
        if best is None or start < best[0]:
            best = (start, key)
    return best[1] if best else None


@lru_cache(maxsize=256)
def _scheme_mentions(text: str, schemes: tuple[tuple[str, str], ...]
                     ) -> tuple[tuple[int, int, str, re.Pattern], ...]:
    """(start, end, key, pattern) of the first mention of each scheme in ``text``, computed
    once per text."""
    out = []
    for key, rx in schemes:
        pattern = re.compile(rx, re.I)
        m = pattern.search(text)
        if m:
            out.append((m.start(), m.end(), key, pattern))
    return tuple(out)


def extract(text: str, vocab: Vocabulary) -> Extraction:
    """Read every claim of an answer document (see the module docstring)."""
    lines = [ln[:MAX_LINE_CHARS] for ln in text.splitlines()[:MAX_LINES]]
    doc = "\n".join(lines)
    line_starts = [0]
    for ln in lines[:-1]:
        line_starts.append(line_starts[-1] + len(ln) + 1)
    ex = Extraction(lines=lines)
    ex.sections = split_sections(lines, set(vocab.labels))
    if vocab.single_part is not None and not ex.sections:
        ex.sections = {vocab.single_part: (1, len(lines))}

    table_lines = {i for i, ln in enumerate(lines, start=1) if _is_table_line(ln)}
    heading_scheme: dict[int, str | None] = {}
    current = None
    for i, ln in enumerate(lines, start=1):
        s = ln.strip()
        if vocab.schemes and (s.startswith("#") or s.startswith("**") or s.endswith(":")) \
                and i not in table_lines:
            found = _scheme_in(s, vocab)
            if found:
                current = found
        heading_scheme[i] = current

    def add(claim: Claim) -> None:
        if len(ex.claims) < MAX_CLAIMS:
            ex.claims.append(claim)

    spans = math_spans(doc)
    for start, end, latex, display in spans[:MAX_CLAIM_FORMULAS]:
        lineno = line_of(start, line_starts)
        ex.math.append(MathSpan(latex, display, lineno))
        if lineno in table_lines or len(ex.claims) >= MAX_CLAIMS:
            continue
        line = lines[lineno - 1]
        col = start - line_starts[lineno - 1]
        before = ""
        if display and not line[:col].strip():
            before = " ".join(ln for ln in lines[max(0, lineno - 3):lineno - 1] if ln.strip())
        end_col = end - line_starts[lineno - 1]
        scheme = _scheme_in(line, vocab, before=col) if vocab.schemes else None
        _claims_from_formula(latex, lineno, ex.part_of_line(lineno), "body",
                             _strength(line, col, before), line, vocab,
                             scheme or heading_scheme.get(lineno), add, ex, pos=start,
                             qcontext=_quantity_context(line[max(0, col - 80):col],
                                                        line[end_col:end_col + 60]))

    blanked = _without_math(doc, spans)
    for i, ln in enumerate(lines, start=1):
        part = ex.part_of_line(i)
        ex.names.extend(optimizer_mentions(ln, i, part))
        if i in table_lines or len(ex.claims) >= MAX_CLAIMS:
            continue
        plain = blanked[line_starts[i - 1]:line_starts[i - 1] + len(ln)]
        for m in _UNBOUNDED.finditer(ln):
            add(Claim(i, "unbounded", m.group(0), None, part, "body", _strength(ln, m.start()),
                      ln.lower()))
        _plain_claims(plain, i, part, "body", 0, ln, vocab, heading_scheme.get(i), add,
                      pos=line_starts[i - 1])

    _table_claims(lines, table_lines, ex, vocab, add)
    return ex


def _without_math(doc: str, spans: list[tuple[int, int, str, bool]]) -> str:
    """``doc`` with every math span blanked out (same length, newlines kept)."""
    pieces, pos = [], 0
    for start, end, _, _ in spans:
        pieces.append(doc[pos:start])
        math = doc[start:end]
        pieces.append(re.sub(r"[^\n]", " ", math) if "\n" in math else " " * len(math))
        pos = end
    pieces.append(doc[pos:])
    return "".join(pieces)


def _quantity_context(before: str, after: str) -> str:
    """The clause around a value: back to the previous formula or comma, on to the next."""
    before = re.split(r"[;,$]|\.\s", before[-80:])[-1]
    after = re.split(r"[;,$]|\.\s|\.$", after[:60])[0]
    return (before + " @ " + after).lower()


def _claims_from_formula(latex: str, lineno: int, part: str | None, source: Source,
                         strength: int, line: str, vocab: Vocabulary, scheme: str | None,
                         add: Any, ex: Extraction | None, column: str = "",
                         pos: int = 0, qcontext: str = "") -> None:
    """Claims in one formula: vectors/matrices, then the right-hand sides of its relations."""
    context_line = line.lower()
    if "\\boxed" in latex:
        strength = max(strength, 3)
        latex = unwrap_boxed(latex)
    vectors = values_in_formula(latex)
    for text, mat, before in vectors:
        kind = "vector" if 1 in mat.shape else "matrix"
        add(Claim(lineno, kind, text, mat, part, source, strength,
                  before[-80:].lower() + " | " + context_line, scheme, column,
                  pos + len(before)))
    pieces = _RELATION.split(latex)
    rhs = pieces[1:] if len(pieces) > 1 else pieces
    offset = len(pieces[0]) if len(pieces) > 1 else 0
    if len(pieces) > 1 and not re.search(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", "", pieces[0])):
        rhs = [pieces[0]] + rhs  # a bare number on the left is itself a claim (x ≈ 2.78)
        pieces = [""] + pieces
        offset = 0
    for k, piece in enumerate(rhs):
        piece_s = re.sub(r"\\boxed\s*\{(.*)\}", r"\1", piece).strip()
        piece_s = re.sub(r"\\(?:text|mathrm)\s*\{\s*(?:for|if|where|with)\b.*$", "", piece_s)
        if not piece_s or any(piece_s in v[0] or v[0] in piece_s for v in vectors):
            continue
        if "\\begin" in piece_s:
            continue
        expr = parse_math(piece_s)
        lhs = pieces[k] if len(pieces) > 1 else ""
        if expr is None:
            if ex is not None and len(piece_s) > 1:
                ex.unparsed.append((lineno, piece_s, part))
            continue
        import sympy

        if isinstance(expr, sympy.MatrixBase):
            kind = "vector" if 1 in expr.shape else "matrix"
        else:
            kind = "formula" if expr.free_symbols else "number"
        add(Claim(lineno, kind, piece_s, expr, part, source, strength,
                  (qcontext + " | " + lhs[-80:] + " " + qcontext + " | " + context_line).lower(),
                  scheme, column, pos + offset))
        offset += len(piece)


def _plain_claims(plain: str, lineno: int, part: str | None, source: Source, strength: float,
                  line: str, vocab: Vocabulary, scheme: str | None, add: Any,
                  column: str = "", pos: int = 0) -> None:
    """Claims in prose without $...$: ``[0.99, 0.099, 0.0099]``, ``messages: 2n(n-1)``."""
    import sympy

    if not plain.strip():
        return
    spans = []
    for m in _PLAIN_VECTOR.finditer(plain):
        vals = [_cell_value(x.replace("−", "-")) for x in re.split(r"[,;]", m.group("items"))]
        if any(v is None for v in vals):
            continue
        mat = sympy.Matrix(vals)
        if m.group("mult"):
            mult = _cell_value(m.group("mult").replace("*", "").strip())
            if mult is not None:
                mat = mat * mult
        spans.append(m.span())
        add(Claim(lineno, "vector", m.group(0).strip(), mat, part, source,
                  max(strength, _strength(line, m.start())),
                  plain[max(0, m.start() - 80):m.start()].lower() + " | " + line.lower(),
                  scheme, column, pos + m.start()))
    for m in _PLAIN_FORMULA.finditer(plain):
        if any(a <= m.start(1) < b for a, b in spans):
            continue
        candidate = m.group(1).strip().strip("*").strip()
        if not candidate or not re.search(r"[\dnpg]", candidate) or \
                re.search(r"[A-Za-z]{3,}", candidate.replace("alpha", "").replace("sqrt", "")
                          .replace("sign", "").replace("sgn", "")):
            continue
        expr = parse_math(candidate)
        if expr is None or isinstance(expr, sympy.MatrixBase):
            continue
        kind = "formula" if expr.free_symbols else "number"
        add(Claim(lineno, kind, candidate, expr, part, source,
                  max(strength, _strength(line, m.start())),
                  _quantity_context(plain[max(0, m.start(1) - 80):m.start(1)],
                                    plain[m.end(1):m.end(1) + 60]) + " | " + line.lower(),
                  scheme or _scheme_in(plain, vocab, before=m.start(1)), column,
                  pos + m.start(1)))


def _table_claims(lines: list[str], table_lines: set[int], ex: Extraction, vocab: Vocabulary,
                  add: Any) -> None:
    header: list[str] | None = None
    for i, ln in enumerate(lines, start=1):
        if len(ex.claims) >= MAX_CLAIMS:
            return
        if i not in table_lines:
            header = None
            continue
        if _is_separator(ln):
            continue
        cells = _cells(ln)
        if header is None:
            header = [c.lower() for c in cells]
            continue
        if not cells:
            continue
        key = re.sub(r"[*_`]", "", cells[0]).strip()
        m = _ROW_LABEL.match(key)
        part = m.group(1).lower() if m and m.group(1).lower() in vocab.labels else None
        scheme = _scheme_in(key, vocab) if vocab.schemes else None
        if part is None:
            part = ex.part_of_line(i) or vocab.single_part
        for j, cell in enumerate(cells[1:], start=1):
            column = header[j] if j < len(header) else ""
            _cell_claims(cell, i, part, scheme, column, ex, vocab, add)


def _cell_claims(cell: str, lineno: int, part: str | None, scheme: str | None, column: str,
                 ex: Extraction, vocab: Vocabulary, add: Any) -> None:
    context = column + " | " + cell
    spans = [(start, end, latex) for start, end, latex, _ in math_spans(cell)]
    for _, _, latex in spans:
        if latex:
            _claims_from_formula(latex, lineno, part, "table", 2, context, vocab, scheme, add,
                                 ex, column)
    rest = cell
    for a, b, _ in reversed(spans):
        rest = rest[:a] + " " * (b - a) + rest[b:]
    rest_s = rest.strip().strip("*").strip()
    if not rest_s:
        return
    if _UNBOUNDED.search(rest_s):
        add(Claim(lineno, "unbounded", rest_s, None, part, "table", 2, context.lower(), scheme,
                  column))
        return
    import sympy

    got_vector = False
    for m in _PLAIN_VECTOR.finditer(rest_s):
        vals = [_cell_value(x) for x in re.split(r"[,;]", m.group("items"))]
        if any(v is None for v in vals):
            continue
        mat = sympy.Matrix(vals)
        if m.group("mult"):
            mult = _cell_value(m.group("mult").replace("*", "").strip())
            if mult is not None:
                mat = mat * mult
        got_vector = True
        add(Claim(lineno, "vector", m.group(0), mat, part, "table", 2, context.lower(), scheme,
                  column))
    if got_vector or re.search(r"[A-Za-z]{3,}", rest_s.replace("sqrt", "")):
        return
    expr = parse_math(rest_s)
    if expr is None or isinstance(expr, sympy.MatrixBase):
        return
    add(Claim(lineno, "formula" if expr.free_symbols else "number", rest_s, expr, part, "table",
              2, context.lower(), scheme, column))
