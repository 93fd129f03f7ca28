"""Which part each line of an answer belongs to, and in what role.

Parts are found by their labels (``## (a)``, ``**(b)**``, ``Part (c):``, a line opening with
``(d)``); a summary (a ``Summary`` heading, a plain ``Summary:`` line, or a table whose rows
belong to several parts) assigns each row or line to a part by its label or, when rows are
labelled by topic, by the catalogue concepts it names (the norm, method, scheme or quantity)
and the given values it repeats (``α = 0.15``). Notation tables, a quoted question and a
closing offer ("Would you like me to ...") are set apart so that nothing in them is graded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from optiproof.checking.concepts import concepts, plain
from optiproof.checking.document import Document, Table

Role = Literal["preamble", "body", "summary", "closing", "question", "notation", "evidence"]
EXCLUDED: frozenset[str] = frozenset({"closing", "question", "notation", "evidence"})
"""Roles whose lines state nothing about the answers: an offer, the problem's own question, a
table of notation, the evidence of a check (its numbers are errors, not answers)."""

_LABEL = re.compile(r"^[\s#>*_|-]*(?:(?:part|question|problem|exercise|task|qn|q|ex)\.?)?\s*\(\s*"
                    r"([a-z])\s*\)"
                    r"|^[\s#>*_|-]*(?:part|question|problem|exercise|task|q\.|ex\.)\s*([a-z])\b"
                    r"|^[\s#>*_|-]*([a-z])\)(?:\*\*|__|\*|_)?(?:\s|$)"
                    r"|^[\s#>*_|-]*((?-i:[a-h]))\.(?:\*\*|__|\*|_)?(?:\s|$)", re.I)
_SUMMARY = re.compile(r"^(?:summary(?: table| of (?:results|answers))?|final answers?|answers?|"
                      r"results?|completed table|filled[- ]in table|the table|in short|tl;?dr|"
                      r"overview|short answer|bottom line|key (?:results|answers)|conclusions?)"
                      r"\b", re.I)
_RESULT = re.compile(r"^(?:result|final answer|answer)s?\b", re.I)
_EVIDENCE = re.compile(r"^(?:verification|checks?|evidence|witness(?:es)?|numerical checks?|"
                       r"sanity checks?)\b", re.I)
_NOTATION = re.compile(r"\b(?:symbol|meaning|notation|definition|variable|space)\b", re.I)
_OFFER = re.compile(r"^(?:would you like|do you want|want me to|shall i|should i|if you(?:'d| "
                    r"would)? like|let me know|i hope|hope this|feel free|happy to|i can also|"
                    r"if you want|want to see)", re.I)
_PLACEHOLDER = re.compile(r"(?:[=:]|\|)[ \t]*\?+[ \t*_]*$")
"""A cell or value left open ("size = ???", "size: ?"): a blank in the answer, not a question."""


def asks(text: str) -> bool:
    """Does ``text`` end as a question (a final "?" that is not an open value "= ???")?"""
    text = text.rstrip().rstrip("*_")
    return text.endswith("?") and not _PLACEHOLDER.search(text)


_STOPWORDS = frozenset("what which with that this then from into does take same have when the "
                       "and for are its their there where over each every find show explain "
                       "write".split())


@dataclass(frozen=True)
class PartProfile:
    """What identifies a part in an answer: its label, the catalogue keys of what it is about
    and what it asks, the values its question gives, and the words only its question uses."""

    label: str
    index: int
    subjects: frozenset[str]
    quantities: frozenset[str]
    givens: frozenset[str]
    words: frozenset[str]


_GIVEN = re.compile(r"([a-zα-ω](?:_?[0-9a-z])?)\s*=\s*(-?\d+(?:\.\d+)?)")


def part_profiles(solution: Any) -> list[PartProfile]:
    """A profile per part of a solved problem."""
    from optiproof.catalogue import OPTIMIZERS

    texts = [plain(p.question or "") for p in solution.parts]
    word_sets = [set(re.findall(r"[a-zα-ω]{4,}", t)) - _STOPWORDS for t in texts]
    out = []
    for k, part in enumerate(solution.parts):
        subjects = {a.subject for a in part.answers if a.subject}
        ident = OPTIMIZERS.get(part.identified_as or "")
        if ident is not None:
            subjects.add(ident.key)
        quantities = set(part.asked) | {a.quantity for a in part.answers}
        givens = {f"{m.group(1)}={m.group(2)}" for m in _GIVEN.finditer(texts[k])}
        others = set().union(*(w for j, w in enumerate(word_sets) if j != k))
        out.append(PartProfile(part.label, k, frozenset(subjects), frozenset(quantities),
                               frozenset(givens), frozenset(word_sets[k] - others)))
    return out


def label_at_start(text: str, labels: frozenset[str]) -> str | None:
    """The part label a line or cell opens with (``(a)``, ``Part b``, ``c)``), if it is one."""
    m = _LABEL.match(text[:200])
    if not m:
        return None
    label = next(g for g in m.groups() if g).lower()
    return label if label in labels else None


_INNER_LABEL = re.compile(r"(?<![\w)])\(\s*(?:part\s+)?([a-z])\s*\)|\bpart\s+\(?([a-z])\)?(?![\w'’])",
                          re.I)


def label_in_heading(text: str, labels: frozenset[str]) -> str | None:
    """The one part label a heading names after other words (``Step 2 — bias correction
    (part b)``, ``Second question: part c``), if it names exactly one."""
    found = {next(g for g in m.groups() if g).lower() for m in _INNER_LABEL.finditer(text[:200])}
    found &= labels
    return found.pop() if len(found) == 1 else None


def match_part(text: str, profiles: list[PartProfile], position: int | None = None,
               count: int | None = None) -> str | None:
    """The part a row or line is about, by the concepts, given values and distinctive words it
    names; ``position`` of ``count`` rows breaks ties when the rows are as many as the parts."""
    found = concepts(text)
    words = plain(text)
    compact = words.replace(" ", "")
    scores = []
    for prof in profiles:
        score = 3.0 * len(found.subjects & prof.subjects)
        score += sum(2.0 if found.quantities[q] >= 6 else 1.0
                     for q in prof.quantities if q in found.quantities)
        score += 3.0 * sum(g in compact for g in prof.givens)
        score += sum(1.0 for w in prof.words if re.search(rf"\b{re.escape(w)}", words))
        # a word of the quantities it asks ("GD, optimal" for the optimal step and rate)
        score += 0.5 * len({w for q in prof.quantities for w in q.split("-") if len(w) > 3}
                           & set(re.findall(r"[a-z]+", words)))
        if count == len(profiles) and position == prof.index:
            score += 0.5
        scores.append((score, prof.label))
    scores.sort(reverse=True)
    if not scores or scores[0][0] < 1 or (len(scores) > 1 and scores[0][0] == scores[1][0]):
        return None
    return scores[0][1]


@dataclass
class Layout:
    """The document with every line's part and role, and every table row's part."""

    doc: Document
    part: dict[int, str | None] = field(default_factory=dict)
    role: dict[int, Role] = field(default_factory=dict)
    result: set[int] = field(default_factory=set)
    """Lines under a "Result"/"Answer" sub-heading of a part (the part's own final answer)."""
    row_part: dict[int, str] = field(default_factory=dict)
    column_part: dict[tuple[int, int], str] = field(default_factory=dict)
    """(table's first line, column) -> part, for tables with one column per part."""
    opened: list[str] = field(default_factory=list)
    """Part labels in the order their sections open."""
    clause_part: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)
    """Line -> (start, end, part) of the clauses of a closing sentence that restates every
    part's answer in prose (see :mod:`optiproof.checking.prose_summary`)."""


def _heading_text(line: str) -> str:
    return re.sub(r"^[\s#>*_]+|[\s*_:.#]+$", "", line).strip()


def _is_heading(ln: Any) -> bool:
    """A Markdown heading, a bold line without a formula, or a plain ``Summary:`` line."""
    text = _heading_text(ln.text)
    if ln.kind == "heading":
        return ln.level < 7 or (len(text) <= 80 and not re.search(r"[=≈≤≥<>→]", text))
    return ln.kind == "text" and len(text) <= 40 and bool(_SUMMARY.match(text)) and \
        len(text.split()) <= 3


def _sections(doc: Document, labels: frozenset[str], single: str | None, lay: Layout) -> None:
    """Walk the lines: part headings open sections, a summary heading opens the summary, a
    "Result" sub-heading marks the part's own answer, a "Verification" sub-heading its evidence,
    and a heading at the part's level closes the part."""
    current: str | None = single
    role: Role = "body" if single else "preamble"
    level = 0
    sub, sub_level = "", 0
    for ln in doc.lines:
        label = None if single or ln.kind == "table" else label_at_start(ln.text, labels)
        if label is None and not single and ln.kind == "heading" and ln.level < 7:
            label = label_in_heading(ln.text, labels)
        part = current
        if label is not None and role == "summary" and (ln.kind != "heading" or ln.level == 7):
            part = label
            if _label_only(ln.text):
                current = label
        elif label is not None and (ln.kind == "heading" or label not in lay.opened):
            current, role, level, sub = label, "body", ln.level or 7, ""
            part = label
            if label not in lay.opened:
                lay.opened.append(label)
        elif _is_heading(ln):
            text, lvl = _heading_text(ln.text), ln.level or 7
            if sub and lvl <= sub_level:
                sub = ""
            if _EVIDENCE.match(text) and (single or current is not None):
                sub, sub_level = "evidence", lvl
            elif _RESULT.match(text) and (single or (current is not None and level
                                                      and lvl > level)):
                sub, sub_level = "result", lvl
            elif _SUMMARY.match(text) and not _title(doc, ln, text, lay, single):
                role, current, sub = "summary", single, ""
            elif not single and level and lvl <= level and lvl < 7:
                current, role, level = None, "preamble", 0
            part = current
        lay.role[ln.number] = "evidence" if sub == "evidence" else role
        lay.part[ln.number] = part
        if sub == "result" and ln.kind != "heading":
            lay.result.add(ln.number)


_TITLE = re.compile(r"^(?:answer|solution)$", re.I)


def _title(doc: Document, ln: Any, text: str, lay: Layout, single: str | None) -> bool:
    """A lone "Answer" heading before any part, not followed by a table, titles the whole
    document (the parts follow, each with its working): it opens no summary."""
    if single or lay.opened or not _TITLE.match(text):
        return False
    after = next((x for x in doc.lines[ln.number:] if x.kind != "blank"), None)
    return after is not None and after.kind != "table"


def _label_only(text: str) -> bool:
    """A line that is a part's label and nothing to grade (``**Part (a)** — ✔ verified``): it
    opens that part's lines of a summary."""
    m = _LABEL.match(text[:200])
    return bool(m) and not re.search(r"[=$≈<>≤≥\d\\]", text[m.end():])


def _closing(doc: Document, lay: Layout) -> None:
    """The closing offer or question at the end of the answer is not part of any part."""
    numbers = [ln.number for ln in doc.lines if ln.kind != "blank"]
    for n in reversed(numbers[-4:]):
        text = re.sub(r"^[\s>*_-]+", "", doc.lines[n - 1].text)
        if _OFFER.match(text) or asks(text):
            lay.role[n] = "closing"
            lay.part[n] = None
        elif doc.lines[n - 1].kind not in ("rule",):
            break


def _questions(doc: Document, solution: Any, lay: Layout) -> None:
    """A quoted question of the problem (``> What is ...``) is the problem, not the answer."""
    questions = [set(re.findall(r"\w{3,}", plain(p.question or ""))) for p in solution.parts]
    for ln in doc.lines:
        if ln.kind != "quote":
            continue
        words = set(re.findall(r"\w{3,}", plain(ln.text)))
        if words and any(len(words & q) >= 0.6 * len(words) for q in questions if q):
            lay.role[ln.number] = "question"


def _table_parts(table: Table, profiles: list[PartProfile], labels: frozenset[str],
                 single: str | None, lay: Layout) -> None:
    if lay.role.get(table.first) in EXCLUDED:
        return
    if _NOTATION.search(" ".join(table.header)) and not any(
            concepts(h).quantities for h in table.header[1:] if not _NOTATION.search(h)):
        for n in range(table.first, table.last + 1):
            lay.role[n] = "notation"
        return
    if single:
        for n in range(table.first, table.last + 1):
            lay.role[n] = "summary"
        for row in table.rows:
            lay.row_part[row.line] = single
        return
    count = len(table.rows)
    found: dict[int, str] = {}
    owner = lay.part.get(table.first)
    inside = owner is not None and lay.role.get(table.first) != "summary" and \
        not _set_apart(lay.doc, table) and not _closes_the_answer(table, profiles, owner)
    lettered = _lettered_column(table, labels)
    # a table above every part (the given data worked out: "norm of g | value"), in a
    # preamble, is read by its part labels alone: its rows' topics are not the parts' answers
    opened = min((n for n, p in lay.part.items() if p), default=None)
    ahead = owner is None and lay.role.get(table.first) == "preamble" and opened is not None \
        and table.last < opened
    for k, row in enumerate(table.rows):
        head = row.cells[0].text if row.cells else ""
        label = label_at_start(head, labels) or (_bare_label(head, labels) if lettered else None)
        if inside or ahead:
            # a table under a part's own heading is that part's: its rows name topics of the
            # part (a gradient, a decay term), not other parts, unless labelled "(c)"
            if label is not None:
                found[row.line] = label
            continue
        label = label or match_part(head, profiles, k, count)
        if label is None and row.cells:
            label = match_part(" ".join(c.text for c in row.cells), profiles, k, count)
        if label is not None:
            found[row.line] = label
    _fill_by_position([row.line for row in table.rows], found, profiles)
    if _transposed(table):
        for j, h in enumerate(table.header):
            part = match_part(h, profiles) if j else None
            if part is not None:
                lay.column_part[(table.first, j)] = part
        found = {}
    columns = any((table.first, j) in lay.column_part for j in range(len(table.header)))
    in_summary = lay.role.get(table.first) == "summary" or len(set(found.values())) >= 2 \
        or bool(columns and not found)
    for row in table.rows:
        part = found.get(row.line) or (None if in_summary else owner)
        if part is not None:
            lay.row_part[row.line] = part
        if in_summary:
            lay.role[row.line] = "summary"
            lay.part[row.line] = part


def _bare_label(cell: str, labels: frozenset[str]) -> str | None:
    """A first cell that is nothing but a part's letter (``c``, ``**d**``, ``[e]``)."""
    core = re.sub(r"[\s*_()\[\].:]+", "", cell).lower()
    return core if core in labels and len(core) == 1 else None


def _lettered_column(table: Table, labels: frozenset[str]) -> bool:
    """The first column labels its rows by part letters alone (``| part | answer |`` over rows
    ``| c | .. |``, ``| d | .. |``): at least two rows, every one a different part's letter,
    in the problem's order."""
    heads = [_bare_label(row.cells[0].text, labels) if row.cells else None for row in table.rows]
    return len(heads) >= 2 and None not in heads and heads == sorted(set(heads))


def _closes_the_answer(table: Table, profiles: list[PartProfile], owner: str) -> bool:
    """A table right after the last part's text whose rows name three or more parts by their
    content ("GD (stability)", "GD, α = 0.15", "Heavy ball"), or every part of a shorter
    problem ("ℓ₂² penalty", "ℓ∞² penalty"): the answer's summary."""
    if len(profiles) < 2 or owner != profiles[-1].label:
        return False
    count = len(table.rows)
    named = {match_part(row.cells[0].text, profiles, k, count) if row.cells else None
             for k, row in enumerate(table.rows)}
    return len(named - {None}) >= min(3, len(profiles))


def _set_apart(doc: Document, table: Table) -> bool:
    """A horizontal rule (or nothing at all) stands between the table and the text before
    it: the table closes the answer rather than continuing the part above it."""
    for n in range(table.first - 1, 0, -1):
        kind = doc.lines[n - 1].kind
        if kind != "blank":
            return kind == "rule"
    return True


def _transposed(table: Table) -> bool:
    """Rows labelled by quantity only and columns by what they are about (one column per
    method or scheme)."""
    heads = [row.cells[0].text for row in table.rows if row.cells]
    about = {concepts(h).subjects for h in table.header[1:]} - {frozenset()}
    return len(about) >= 2 and all(concepts(h).quantities for h in heads)


def _fill_by_position(lines: list[int], found: dict[int, str],
                      profiles: list[PartProfile]) -> None:
    """Rows as many as the parts, the matched ones each in its part's place: the unmatched
    rows are the remaining parts, in order."""
    order = [p.label for p in profiles]
    if len(lines) != len(order) or not found or any(
            found[n] != order[k] for k, n in enumerate(lines) if n in found):
        return
    for k, n in enumerate(lines):
        found.setdefault(n, order[k])


_ROW_LABEL = re.compile(r"^\s*(.{2,60}?)(?:\s*:\s|\s*(?:->|→|=>)\s|\s{2,})")


def _summary_lines(doc: Document, profiles: list[PartProfile], labels: frozenset[str],
                   lay: Layout) -> None:
    """Lines of a summary section outside tables: their part by label, else by concepts."""
    for ln in doc.lines:
        if lay.role.get(ln.number) != "summary" or ln.kind in ("table", "blank", "heading"):
            continue
        if lay.part.get(ln.number) is None:
            head = _ROW_LABEL.match(ln.text)
            lay.part[ln.number] = label_at_start(ln.text, labels) or (
                head and match_part(head.group(1), profiles)) or match_part(
                ln.text, profiles) or _continued_part(doc, lay, ln.number)


def _continued_part(doc: Document, lay: Layout, number: int) -> str | None:
    """A summary line that names no part but goes on from the line right above it (a
    display under "**(c)** … We need"): that line's part."""
    if number < 2 or not doc.lines[number - 1].text.lstrip().startswith(("$$", "\\[")) or \
            doc.lines[number - 2].kind in ("blank", "heading", "table", "rule"):
        return None
    return lay.part.get(number - 1)


_LEAD_IN = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*|__)([^*_]{2,80}?)(?:\*\*|__)(?=\s*\S)")
"""A bold lead-in opening a paragraph (``**Heavy-ball momentum.** With the classical ...``)."""


def _topic_sections(doc: Document, profiles: list[PartProfile], lay: Layout) -> None:
    """An answer that labels no part but opens its paragraphs with headings or bold lead-ins
    naming topics (``**The step α = 0.15.**``, ``### Heavy-ball momentum``): each lead-in
    that names one part by its content (its method, norm, scheme, given values, words) opens
    that part's section, one that names none closes it. Read only when two or more parts are
    named so, and only for lines no label or summary has placed."""
    leads: list[tuple[int, str]] = []
    for ln in doc.lines:
        if lay.role.get(ln.number) not in ("preamble", "body") or lay.part.get(ln.number):
            continue
        if ln.kind == "heading":
            leads.append((ln.number, _heading_text(ln.text)))
        elif ln.kind in ("text", "list") and (m := _LEAD_IN.match(ln.text)):
            leads.append((ln.number, m.group(1)))
    count = len(leads)
    found = {n: match_part(text, profiles, k, count) for k, (n, text) in enumerate(leads)}
    if len(set(found.values()) - {None}) < 2:
        return
    current: str | None = None
    for ln in doc.lines:
        if ln.number in found:
            current = found[ln.number]
            if current is not None and current not in lay.opened:
                lay.opened.append(current)
        elif lay.role.get(ln.number) not in ("preamble", "body") or lay.part.get(ln.number):
            if lay.role.get(ln.number) == "summary" or ln.kind == "heading":
                current = None
            continue
        if current is not None:
            lay.part[ln.number] = current
            lay.role[ln.number] = "body"


def lay_out(doc: Document, solution: Any) -> Layout:
    """Assign every line of ``doc`` a part and a role for the parts of ``solution``."""
    profiles = part_profiles(solution)
    labels = frozenset(p.label for p in profiles)
    single = profiles[0].label if len(profiles) == 1 else None
    lay = Layout(doc)
    _sections(doc, labels, single, lay)
    if not single and not lay.opened:
        _topic_sections(doc, profiles, lay)
    for table in doc.tables:
        _table_parts(table, profiles, labels, single, lay)
    if not single:
        from optiproof.checking.prose_summary import prose_summaries

        _summary_lines(doc, profiles, labels, lay)
        prose_summaries(doc, lay, [p.label for p in profiles])
    _questions(doc, solution, lay)
    _closing(doc, lay)
    return lay
