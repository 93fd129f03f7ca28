"""The units claims are read from: sentences of prose, display formulas, table cells and
summary lines, each with its part, role, rank (tier) and the words around it.

A unit's *tier* ranks how final what it states is: a boxed formula, an "Answer:" line or a
"Result" section (4) > a summary-table cell or summary line (3) > a bold or displayed
conclusion (2-2.5) > prose (1). Its *context* is the lead-in that introduces it (the sentence
before a display formula, the header and row label of a cell).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from optiproof.checking.concepts import plain
from optiproof.checking.document import Document, Table
from optiproof.checking.segment import EXCLUDED, Layout, Role, asks

TIER_BOXED = 4.0
TIER_SUMMARY = 3.0
TIER_BOLD = 2.5
TIER_DISPLAY = 2.0
TIER_CONCLUSION = 1.5
TIER_PROSE = 1.0
TIER_ASIDE = 0.9
"""A parenthetical remark: below the prose of its sentence (``≈ 0.00316 (normally ≲ α)``)."""

_ANSWER_LEAD = re.compile(r"^[\s>*_#-]*(?:final answers?|answers?|final|results?|in short|"
                          r"short answer|bottom line|tl;? ?dr)[*_]*\s*[:.]", re.I)
_CONCLUSION = re.compile(r"^\s*(?:so|therefore|thus|hence|which gives|giving|we get|this gives|"
                         r"i\.e\.|=>|⇒|⟹|→|->)\b|(?:^|\s)(?:=>|⇒|⟹)\s", re.I)


@dataclass(frozen=True)
class Unit:
    """A stretch of the answer read as one statement."""

    start: int
    end: int
    text: str
    line: int
    part: str | None
    role: Role
    tier: float
    kind: str
    """``sentence``, ``display``, ``cell`` or ``line``."""
    lead: str = ""
    """Plain words introducing it (the previous sentence for a display; header for a cell)."""
    row: str = ""
    """Plain row label of a table cell or summary line."""
    column: str = ""
    """Plain column header of a table cell."""
    topic: frozenset[str] = frozenset()
    """Catalogue subjects of the heading or lead-in it stands under (``### Ring all-reduce``,
    ``**Parameter server.**``)."""
    reported: bool = False
    """It stands under a heading or lead-in that attributes what follows to someone else (a
    paper's rule of thumb, the usual statement): a comparison, not the answer's conclusion."""


_ABBREV = re.compile(r"(?:\b(?:i\.e|e\.g|vs|cf|etc|approx|resp|eq|fig|no)|\d)\.$", re.I)
_NUMBER = re.compile(r"(?<![\w.])[\d.]*\d[⁰¹²³⁴-⁹⁻]*$")
_REFERENCE = re.compile(r"\b(?:step|part|case|item|line|rule|table|figure|fig|section|equation|"
                        r"eq|no|number|chapter|page|p)\.?\s*$", re.I)


def _number_ends(text: str, dot: int, after: int) -> bool:
    """Does the period at ``dot``, right after a number, close its sentence ("… with λ = 0.01.
    The decay …")? Not when the number opens its line (a list's enumerator, ``2. Then``) or
    is a numbered reference (``step 2.``); the next sentence must open with a capital."""
    number = _NUMBER.search(text, max(0, dot - 40), dot)
    if number is None or not re.match(r"\s+[*_]*[A-Z]|\s*$", text[after:]):
        return False
    line_start = text.rfind("\n", 0, number.start()) + 1
    before = text[line_start:number.start()]
    return bool(before.strip(" \t*_#>(-")) and not _REFERENCE.search(before)


def _sentence_ends(text: str, math: list[tuple[int, int]]) -> list[int]:
    """Offsets where sentences of ``text`` end (after ``.``, ``!``, ``?`` outside formulas)."""
    ends = []
    for m in re.finditer(r"[.!?](?:\*\*|__|\*|_)?(?=\s+|$)", text):
        i = m.end()
        if any(a <= m.start() < b for a, b in math):
            continue
        if m.group(0)[0] == "." and _ABBREV.search(text[max(0, m.start() - 6):m.start() + 1]) \
                and not _number_ends(text, m.start(), i):
            continue
        if text[max(0, m.start() - 2):i] == "..." and re.match(r"\s*[-+−*·,]", text[i:]):
            continue  # an ellipsis inside a sum (``1 + β + ... + β^(t-1)``)
        ends.append(i)
    return ends


def _tier_of_text(text: str, line_text: str, in_result: bool) -> float:
    """The tier of a sentence (bold and boxed parts of it are ranked claim by claim)."""
    if in_result or _ANSWER_LEAD.match(line_text):
        return TIER_BOXED
    if _CONCLUSION.search(text.strip()):
        return TIER_CONCLUSION
    return TIER_PROSE


def in_bold(text: str, pos: int) -> bool:
    """Is offset ``pos`` of ``text`` inside a ``**bold**`` span?"""
    return any(m.start() <= pos < m.end() for m in re.finditer(r"\*\*[^*]{1,300}?\*\*", text))


_STARTS_STATEMENT = re.compile(
    r"^\s*(?:[A-Z][\w ,+/'()-]{1,40}:\s|\(?[a-h]\)\s|[^\W\d_][\w\u0300-\u036f'′*{}"
    r"₀-₎ₐ-ₜᵢ-ᵪⱼ⁰¹²³⁴-⁾ⁿⁱʰ-ʸˡ-ˣᴬ-ᵡᶛ-ᶿ]{0,20}\s*(?:=|≈|:=))")
"""A line that opens a statement of its own (``Size: p``, ``(b) ...``, ``u = ...``,
``θ₁ = ...``, ``m̂_t = ...``) even
without a blank line before it."""


_ARRAY_OPEN = re.compile(r"\[\s*\[")


_BARE_EQUATION = re.compile(r"^\s*[^\W\d_][\w\u0300-\u036f'′*{}₀-₎ₐ-ₜᵢ-ᵪⱼ⁰¹²³⁴-⁾ⁿⁱ]{0,20}\s*"
                            r"(?:=|≈|:=)(?!=)[^=≈]+$")
_MATH_NAMES = frozenset("sqrt sign sgn log exp max min diag alpha beta gamma delta eta theta "
                        "lambda sigma kappa epsilon grad".split())


def bare_equation(text: str) -> bool:
    """A line that is one equation and nothing else (``  Δθ = -(α/2) g`` in plain notes): a
    result written on its own line, as a display is, with no words around it."""
    return bool(_BARE_EQUATION.match(text)) and all(
        w.lower() in _MATH_NAMES for w in re.findall(r"[A-Za-z]{3,}", text))


def _open_array(doc: Document, group: list[int]) -> bool:
    """The lines so far open a bracketed array (``D ≈ [[0.2, -0.9],``) and have not closed
    it: the next line holds its next row."""
    if len(group) > 6 or any("$" in doc.lines[n - 1].text for n in group):
        return False
    text = "\n".join(doc.lines[n - 1].text for n in group)
    m = _ARRAY_OPEN.search(text)
    return m is not None and text.count("[", m.start()) > text.count("]", m.start())


def _paragraphs(doc: Document, lay: Layout) -> list[list[int]]:
    """Groups of line numbers read together: consecutive prose lines of one part and role."""
    groups: list[list[int]] = []
    for ln in doc.lines:
        if ln.kind in ("blank", "table", "rule", "code") or lay.role.get(ln.number) in EXCLUDED:
            continue
        prev = groups[-1][-1] if groups else None
        if prev == ln.number - 1 and _open_array(doc, groups[-1]) and \
                lay.part.get(prev) == lay.part.get(ln.number):
            groups[-1].append(ln.number)  # a plain-text matrix written one row a line
        elif (prev == ln.number - 1 and ln.kind == "text" and doc.lines[prev - 1].kind == "text"
                and lay.part.get(prev) == lay.part.get(ln.number)
                and lay.role.get(prev) == lay.role.get(ln.number)
                and not _STARTS_STATEMENT.match(ln.text)
                and not bare_equation(doc.lines[prev - 1].text)
                and not doc.lines[prev - 1].text.rstrip().endswith(":")):
            groups[-1].append(ln.number)
        else:
            groups.append([ln.number])
    return groups


def _display_units(doc: Document, lay: Layout, lead: dict[int, str]) -> list[Unit]:
    out = []
    for span in doc.math:
        first = doc.line_of(span.start)
        line = doc.lines[first - 1]
        if not span.display or line.kind != "display" or lay.role.get(first) in EXCLUDED:
            continue
        boxed = "\\boxed" in span.latex
        tier = TIER_BOXED if boxed or first in lay.result else (
            TIER_SUMMARY if lay.role.get(first) == "summary" else TIER_DISPLAY)
        out.append(Unit(span.start, span.end, doc.text[span.start:span.end], first,
                        lay.part.get(first), lay.role.get(first, "body"), tier, "display",
                        lead.get(first, "")))
    return out


def _line_units(doc: Document, lay: Layout) -> tuple[list[Unit], dict[int, str]]:
    """Sentences of prose paragraphs and single lines (list items, headings, indented
    displays); ``lead`` maps a display's first line to the sentence just before it."""
    units: list[Unit] = []
    lead: dict[int, str] = {}
    last_sentence = ""
    formula_lines = {n: doc.line_of(s.start) for s in doc.math if s.display
                     for n in range(doc.line_of(s.start), doc.line_of(max(s.end - 1, 0)) + 1)}
    for group in _paragraphs(doc, lay):
        first = doc.lines[group[0] - 1]
        if first.kind == "display" and first.number in formula_lines:
            lead.setdefault(formula_lines[first.number], last_sentence)
            continue
        start = first.start
        end = doc.lines[group[-1] - 1].start + len(doc.lines[group[-1] - 1].text)
        text = doc.text[start:end]
        spans = doc.math_in(start, end)
        ends = _sentence_ends(text, [(s.start - start, s.end - start) for s in spans])
        cuts = [0] + [e for e in ends if e < len(text)] + [len(text)]
        for a, b in zip(cuts, cuts[1:], strict=False):
            piece = text[a:b]
            if not piece.strip():
                continue
            s_start = start + a + (len(piece) - len(piece.lstrip()))
            n = doc.line_of(s_start)
            line_text = doc.lines[n - 1].text
            role = lay.role.get(n, "body")
            tier = _tier_of_text(piece, line_text if a == 0 else piece, n in lay.result)
            if first.kind == "display":
                tier = max(tier, TIER_DISPLAY)
            if role == "summary":
                tier = max(tier, TIER_SUMMARY)
            kind = "line" if first.kind in ("list", "display", "heading", "quote") else \
                "sentence"
            clauses = [c for c in lay.clause_part.get(n, ()) if s_start <= c[0] < start + b]
            if clauses:
                units += [Unit(a0, b0, doc.text[a0:b0], n, part, "summary",
                               TIER_SUMMARY, kind) for a0, b0, part in clauses]
                last_sentence = plain(piece)[-160:]
                continue
            units.append(Unit(s_start, start + b, piece.strip(), n, lay.part.get(n), role, tier,
                              kind, last_sentence if a == 0 else "",
                              _row_label(piece) if role == "summary" else ""))
            last_sentence = plain(piece)[-160:]
    return units, lead


_ROW_LEAD = re.compile(r"^\s*(.{2,60}?)(?:\s*:\s|\s*(?:->|→|=>)\s|\s{2,})")


def _row_label(text: str) -> str:
    m = _ROW_LEAD.match(text)
    return plain(m.group(1)) if m else ""


def _cell_units(doc: Document, table: Table, lay: Layout) -> list[Unit]:
    out = []
    for row in table.rows:
        role = lay.role.get(row.line, "body")
        if role in EXCLUDED or not row.cells:
            continue
        label = plain(row.cells[0].text)
        for j, cell in enumerate(row.cells[1:], start=1):
            part = lay.column_part.get((table.first, j), lay.row_part.get(row.line))
            if (table.first, j) not in lay.column_part and any(
                    key[0] == table.first for key in lay.column_part):
                part = None
            if part is None or not cell.text.strip():
                continue
            header = plain(table.header[j]) if j < len(table.header) else ""
            # cells of words before this one name it too ("| (b) | optimal rate | 9/11 |")
            # (a column headed "quantity" or "what" names it even with numbers in it: "rate at
            # α = 0.15 / iterations to 1e-6")
            words = [plain(c.text) for k, c in enumerate(row.cells[1:j], start=1)
                     if not re.search(r"\d", c.text) or (k < len(table.header) and _NAMING.match(
                         plain(table.header[k])))]
            out.append(Unit(cell.start, cell.start + len(cell.text), cell.text, row.line, part,
                            role, TIER_SUMMARY if role == "summary" else TIER_BOLD, "cell",
                            header, " ".join([label, *words]).strip(), header))
    return out


_NAMING = re.compile(r"^(?:quantity|quantities|what|item|description|asked|question|"
                     r"unknown)s?$")
"""A column header whose cells name what the row states."""
_LEAD_IN = re.compile(r"^[\s>*_-]*\*\*([^*]{2,80})\*\*|^([A-Z][\w ,+/'-]{2,60}?)(?::|\s+(?:--|—|–)\s|$)"
                      r"|^([a-z][\w ,+/'-]{2,60}?):\s*$")


def _topics(doc: Document, lay: Layout) -> dict[int, tuple[frozenset[str], bool]]:
    """Line -> subjects of the latest heading, bold lead-in or title line above it in the
    same part, and whether that heading attributes what follows to someone else."""
    from optiproof.checking.concepts import concepts

    out: dict[int, tuple[frozenset[str], bool]] = {}
    current: frozenset[str] = frozenset()
    reported = False
    owner: str | None = None
    for ln in doc.lines:
        part = lay.part.get(ln.number)
        if part != owner:
            current, reported, owner = frozenset(), False, part
        lead = _LEAD_IN.match(ln.text)
        if ln.kind == "heading" and re.search(r"[A-Za-z]{2}", ln.text):
            current, reported = concepts(ln.text).subjects, bool(REPORTED.search(ln.text))
        elif lead and ln.kind in ("text", "list"):
            current = concepts(next(g for g in lead.groups() if g)).subjects or current
        out[ln.number] = (current, reported)
    return out


_LAST_UNITS: list[tuple[Document, Layout, list[Unit]]] = []
"""The units of the document read last (every step of one check asks for them)."""


def units_of(doc: Document, lay: Layout) -> list[Unit]:
    """Every unit of the answer in document order (computed once per document and layout;
    the list is shared, so callers only read it)."""
    last = _LAST_UNITS[0] if _LAST_UNITS else None
    if last is not None and last[0] is doc and last[1] is lay:
        return last[2]
    units = _units_of(doc, lay)
    _LAST_UNITS[:] = [(doc, lay, units)]
    return units


def _units_of(doc: Document, lay: Layout) -> list[Unit]:
    from dataclasses import replace

    lines, lead = _line_units(doc, lay)
    units = lines + _display_units(doc, lay, lead)
    for table in doc.tables:
        units.extend(_cell_units(doc, table, lay))
    topics = _topics(doc, lay)
    return sorted((replace(u, topic=topics.get(u.line, (frozenset(), False))[0],
                           reported=topics.get(u.line, (frozenset(), False))[1]
                           or (u.kind == "display" and bool(REPORTED.search(u.lead))))
                   for u in units), key=lambda u: u.start)


# -- what a stretch of text is doing ------------------------------------------------------------

_NEGATION = re.compile(r"\b(?:not|never|no longer|instead of|rather than|unlike|as opposed to)\b"
                       r"|n't\b|\bNOT\b", re.I)
_SHORT_OF = re.compile(r"\b(?:falls?|falling|fell|comes? up) (?:just |slightly |a (?:bit|little) )?"
                       r"short\b|\b(?:just|still|slightly) (?:above|over|short of) (?:the )?"
                       r"(?:target|tolerance|threshold|goal|required)\b|\bnot (?:quite )?enough\b|"
                       r"\bis(?: just)? (?:too few|insufficient)\b", re.I)
"""Said after a value in its sentence: the value falls short of what was asked ("after 85 steps
the error is ≈ 1.0e-6, just above the target"), so it is rejected, not claimed."""


def _falls_short(tail: str) -> bool:
    """The words after a value say it falls short: in its own clause ("85 iterations fall just
    short") or in an apposition right after it (", just above the target"); a remark in
    parentheses about another value does not count."""
    tail = re.sub(r"\([^()]*\)", " ", tail)
    first = re.split(r"[.;!?:](?:\s|$)|\(|—", tail)[0][:160]
    clauses = re.split(r",\s*", first)
    return bool(_SHORT_OF.search(clauses[0]) or (len(clauses) > 1 and _SHORT_OF.match(
        clauses[1].strip())))


_PRESENT_VERB = r"(?:is|are|has|does|[a-z]{2,}[^\Ws]s)\b"
"""A verb in the present tense: "AdamW instead subtracts αλθ" states what a method does in
contrast to another (an indicative statement), not a hypothetical "instead"."""
_HYPOTHETICAL = re.compile(r"\b(?:if (?:we|you|one|the|it|instead)|would(?: be)?|were|suppose|"
                           r"otherwise|in the opposite case|for example|e\.g\.|for instance|"
                           r"instead(?!\s+(?:\w+ly\s+)?" + _PRESENT_VERB + r"))\b", re.I)
_COMPARISON = re.compile(r"\b(?:while|whereas|versus|vs\.?|contrast)\b", re.I)
"""A comparison sets aside the values of its own clause; a conclusion in the next clause
("... vs. 0.935 for (a): about 2.78× longer") is the answer's own."""
_COMPARISON_LEAD = re.compile(r"\b(?:for comparison|compared? (?:with|to)|by contrast|"
                              r"in contrast)\b", re.I)
"""A comparison that introduces what follows it ("For comparison, on the same data: ...")."""
_REFERENCE_OF = re.compile(r"\b(?:faster|slower|quicker|better|worse)\s+than\s+(?:that of\s+|those of\s+)?"
                           r"(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}?\$?\s*$", re.I)
"""Right before a value: the method it is the reference of ("much faster than the 0.818 of
plain GD"): the value belongs to the method compared with, not to the answer."""
_LARGE_LIMIT = re.compile(r"\b(?:for|when|as|with) (?:very |sufficiently )?(?:large|big|many) \$?[A-Za-zα-ω]"
                          r"\b|\bas \$?[A-Za-zα-ω]\$? ?(?:→|\\to|->|grows|becomes large)", re.I)
_ROUGHLY = re.compile(r"(?:\b(?:roughly|about|approximately|around|essentially)|≈|\\approx|\\sim|~)"
                      r"\s*\$?\s*$", re.I)
"""A value said to hold roughly in a limit ("for large n that is roughly 2n^2 messages"): the
leading term of the answer, not its exact value."""
_HEDGE = re.compile(r"\b(?:can also|could also|may also|might|possibly|alternatively|or perhaps|"
                    r"depending on)\b", re.I)
REPORTED = re.compile(r"\b(?:rule of thumb|usual (?:statement|claim|bound|estimate)|(?:commonly|"
                      r"often|usually) (?:quoted|stated|cited|given)|the (?:\w+ )?paper'?s?\b|"
                      r"textbook (?:bound|estimate|statement))\b", re.I)
"""Words that attribute a value to someone else's statement."""
_SCALING = re.compile(r"\b(?:grows? (?:like|as|with)|scales? (?:like|as|with)|on the order of|"
                      r"order of|proportional to|asymptotically)\b|\bO\s*\(|∝|\\propto|"
                      r"\\mathcal\{O\}", re.I)
_OFFER = re.compile(r"^\s*(?:would you like|do you want|want me to|shall i|should i|let me know|"
                    r"if you(?:'d| would)? like|i can also|happy to)", re.I)
_CLAUSE = re.compile(r"[;:()—–]|,\s|\s-\s|\s--\s|\s(?:→|⇒|->|=>)\s")
"""Where a clause ends; a spaced arrow leads to a conclusion ("‖u‖₂ = 2.598 vs 0.935 → ≈ 2.78×
longer": the comparison stays before it)."""


def clause_around(text: str, pos: int) -> tuple[str, str]:
    """The clause of ``text`` holding offset ``pos`` (between ``;`` ``:`` ``,`` brackets and
    dashes), and the clause before it."""
    cuts = [0] + [m.end() for m in _CLAUSE.finditer(text)] + [len(text) + 1]
    k = max(i for i, c in enumerate(cuts) if c <= pos)
    here = text[cuts[k]:cuts[k + 1] - 1] if k + 1 < len(cuts) else text[cuts[k]:]
    before = text[cuts[k - 1]:cuts[k] - 1] if k > 0 else ""
    return here, before


def _in_parenthesis(text: str, pos: int) -> tuple[int, int] | None:
    depth, start = 0, None
    for i, c in enumerate(text[:pos]):
        if c == "(":
            depth += 1
            if depth == 1:
                start = i
        elif c == ")":
            depth = max(depth - 1, 0)
    if depth and start is not None:
        close = text.find(")", pos)
        return start, close if close >= 0 else len(text)
    return None


WINDOW = 600
"""Characters either side of a value that decide its stance (a clause or a parenthesis longer
than this is not prose), so that reading a long unit stays linear."""


def _near(text: str, pos: int, end: int) -> tuple[str, int]:
    """``text`` cut to :data:`WINDOW` characters either side of ``text[pos:end]``, and the
    offset of the cut."""
    start = max(0, pos - WINDOW)
    return text[start:end + WINDOW], start


def aside(text: str, pos: int) -> bool:
    """Is offset ``pos`` inside a parenthetical remark (brackets holding words)?"""
    text, cut = _near(text, pos, pos)
    pos -= cut
    paren = _in_parenthesis(text, pos)
    return paren is not None and len(re.findall(r"[A-Za-z]{3,}", text[paren[0]:paren[1]])) >= 2


RETRACTED = re.compile(r"[^\S\n]*(?:\.\.\.|…|--|—|–|[,;(])?[^\S\n]*(?:no|nope|oops|wait|"
                        r"scratch that|sorry|wrong|(?:that'?s|that is) wrong)\b[^\S\n]*[,:!—–-]",
                        re.I)
"""Right after a value: the writer takes it back ("= 9/10 ... no, k+1 = 11 -> 9/11"); the
value corrected later is the claim."""


@dataclass(frozen=True)
class Stance:
    """Why a value in a statement is not a claim of it (empty: it is)."""

    reason: str = ""

    def __bool__(self) -> bool:
        return bool(self.reason)


_OPENS_COMPARISON = re.compile(r"\s*[*_]*(?:for comparison|by comparison|in comparison|by contrast|"
                               r"in contrast)\b", re.I)
"""A sentence opened as a comparison ("For comparison, with the optimal GD rate you'd need about
69 iterations, and with heavy ball about 22"): every value in it is set beside the answer."""


_SUBSTITUTION = re.compile(r"\b(?:replac(?:e|es|ed|ing)|substitut(?:e|es|ed|ing)|swap(?:s|ped|ping)?|"
                           r"trad(?:e|es|ed|ing))\b[^.;]{0,40}?\b(?:by|with|for)\b|\b(?:in place of|"
                           r"instead of)\b", re.I)
"""A clause about the form of a formula ("the gain comes from replacing κ by √κ in the rate",
"√κ instead of κ"): the symbols in it are set beside each other, not stated as values."""


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding offset ``pos`` starts (after a full stop and a space, or a
    line break)."""
    stop = text.rfind(". ", 0, pos)
    return max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, pos) + 1)


def stance(text: str, pos: int, end: int) -> Stance:
    """Is the value at ``text[pos:end]`` negated, hypothetical, a scaling remark, or in a
    question or offer? Negation reaches the clause that holds it and, for ``X, v, is not``,
    the apposition before; parentheses are their own scope."""
    if _OFFER.match(text) or asks(text):
        return Stance("question")
    text, cut = _near(text, pos, end)
    pos, end = pos - cut, end - cut
    scope_text, offset = text, 0
    paren = _in_parenthesis(text, pos)
    if paren is not None:
        scope_text, offset = text[paren[0] + 1:paren[1]], paren[0] + 1
    rel = pos - offset
    here, before = clause_around(scope_text, rel)
    head = scope_text[max(0, rel - 120):rel]
    if _NEGATION.search(here) or (re.match(r"\s*(?:is|are|was)\s+(?:\*+)?not\b", here)
                                  and before) or re.search(
            r"\b(?:is|are)\s+(?:\*+)?not\b[^,;.]*$", head):
        return Stance("negated")
    if re.match(r"\s*,?\s*(?:is|are)\s+(?:\*+)?not\b", scope_text[end - offset:]):
        return Stance("negated")
    if _falls_short(scope_text[end - offset:]):
        return Stance("negated")
    if RETRACTED.match(scope_text[end - offset:]):
        return Stance("retracted")
    if _HYPOTHETICAL.search(here) or _HYPOTHETICAL.search(head[-60:]) or _COMPARISON.search(
            here) or _COMPARISON_LEAD.search(here) or _COMPARISON_LEAD.search(head[-60:]) or \
            _REFERENCE_OF.search(head[-60:]) or _OPENS_COMPARISON.match(
                scope_text, _sentence_start(scope_text, rel)):
        return Stance("hypothetical")
    if _SUBSTITUTION.search(here):
        return Stance("substitution")
    if _SCALING.search(here) or _SCALING.search(head[-30:]) or (
            _ROUGHLY.search(head[-25:]) and _LARGE_LIMIT.search(head[-80:])):
        return Stance("scaling")
    if _HEDGE.search(head[-120:]):
        return Stance("hedge")
    return Stance()
