"""A closing sentence that restates every part's answer in prose ("So the three answers are:
plain SGD reaches …, the adaptive method reaches …, and rescaling first gives …"): the answer's
summary, its k-th clause stating the k-th part's answer.

Read only when the sentence opens with a lead-in that announces the answers, stands after the
last part's own text, and lists exactly as many clauses holding a value as the problem has
parts (a count the lead-in names must agree); a clause that names a part by its label must sit
in that part's place. Anything else leaves the sentence as prose of the last part.

A summing-up line that labels its clauses ("To summarise: (a) gradient descent, step …; (b) sign
descent, …; (c) …") is the answer's summary too: each label, opening a clause, starts that part's
clause up to the next label. Read when the line opens with a lead-in that sums up and names two
or more parts, each once and in the problem's order.
"""

from __future__ import annotations

import re
from typing import Any

_LEAD = re.compile(
    r"^[\s>*_-]*(?:(?:so|thus|hence|overall|altogether|to (?:sum up|recap|summari[sz]e)|in "
    r"summary|summing up|all in all|putting (?:it|this|everything) (?:all )?together),?\s+)?"
    r"(?:the|my|our)\s+(?:(?P<count>two|three|four|five|six|\d)\s+)?(?:final\s+)?"
    r"(?:answers|results|limits|solutions)\s+(?:are|read|come out as)\s*:?\s*", re.I)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_LABEL = re.compile(r"\(\s*([a-h])\s*\)|\bpart\s+\(?([a-h])\b", re.I)
_VALUE = re.compile(r"\d|\$")


def _clauses(text: str, start: int, math: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Offsets of the clauses of ``text[start:]`` between ``;`` and ``,`` (a following "and"
    stays in the next clause), outside formulas and brackets."""
    cuts, depth, at = [], 0, start
    for i in range(start, len(text)):
        c = text[i]
        if any(a <= i < b for a, b in math):
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth = max(depth - 1, 0)
        elif depth == 0 and (c == ";" or (c == "," and text[i + 1:i + 2].isspace())):
            cuts.append((at, i))
            at = i + 1
    cuts.append((at, len(text)))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), a + len(text[a:b].rstrip()))
            for a, b in cuts if text[a:b].strip()]


def _sentence_end(text: str, start: int, math: list[tuple[int, int]]) -> int:
    for m in re.finditer(r"\.(?=\s|$)", text[start:]):
        i = start + m.start()
        if not any(a <= i < b for a, b in math) and not text[i - 1:i].isdigit():
            return i
    return len(text)


_SUMMING_UP = re.compile(
    r"^[\s>*_-]*(?:(?:so|thus|hence|overall|altogether|all in all|in (?:summary|short|brief|sum)|"
    r"to (?:sum up|recap|summari[sz]e)|summing up|summary|recap|final(?: answers?)?|answers|"
    r"results)"
    r"[\s,:;.—–*_-]*)+$", re.I)
_CLAUSE_LABEL = re.compile(r"(?:^|(?<=[:;,.—–])|(?<=\s\s))[\s*_]*(?:\(\s*([a-h])\s*\)|"
                           r"\bpart\s+\(?([a-h])\)?|(?<![\w(])([a-h])\)(?=\s))", re.I)
"""A label opening a clause: ``(a)``, ``part a``, or ``a)`` after a clause mark or a wide gap
(``final: a) (-0.75, 0.25, -0.5), -1.75   b) 2.78x``)."""


def _labelled_clauses(doc: Any, ln: Any, labels: list[str],
                      after: int | None = None) -> list[tuple[int, int, str]]:
    """The clauses of a summing-up line that each open with a part's label, as (start, end,
    part) in document offsets; [] unless the line is such a summary. With ``after`` (the
    index of the last part the summing-up line above labelled), a line that goes on with the
    next labels (``       d) alpha* = 6   e) Shampoo``) continues it without a lead-in."""
    math = [(s.start - ln.start, s.end - ln.start)
            for s in doc.math_in(ln.start, ln.start + len(ln.text))]
    found = [(m.end() - len(m.group(0).lstrip(" \t*_")),
              (m.group(1) or m.group(2) or m.group(3)).lower()) for m in
             _CLAUSE_LABEL.finditer(ln.text) if not any(a <= m.start() < b for a, b in math)]
    order = [labels.index(x) if x in labels else -1 for _, x in found]
    if not found or min(order) < 0 or order != sorted(set(order)):
        return []
    if after is None and (len(found) < 2 or not _SUMMING_UP.match(ln.text[:found[0][0]])):
        return []
    if after is not None and (order[0] <= after or ln.text[:found[0][0]].strip()):
        return []
    ends = [at for at, _ in found[1:]] + [len(ln.text)]
    return [(ln.start + at, ln.start + end, label)
            for (at, label), end in zip(found, ends, strict=True)]


def prose_summaries(doc: Any, lay: Any, labels: list[str]) -> None:
    """Find such sentences and record, for their line, which clause states which part
    (``lay.clause_part``: line -> [(start, end, part)] in document offsets)."""
    above: int | None = None
    for ln in doc.lines:
        if lay.role.get(ln.number) in ("body", "summary") and (clauses := (
                _labelled_clauses(doc, ln, labels, None) if ln.kind in ("text", "list") else [])
                or (_labelled_clauses(doc, ln, labels, above) if above is not None and ln.kind
                    in ("text", "list", "display") else [])):
            lay.clause_part[ln.number] = clauses
            lay.role[ln.number] = "summary"
            above = labels.index(clauses[-1][2])
        else:
            above = None
    if len(labels) < 2 or not lay.opened or lay.opened[-1] != labels[-1]:
        return
    for ln in doc.lines:
        if ln.kind != "text" or lay.part.get(ln.number) != labels[-1] or \
                lay.role.get(ln.number) != "body":
            continue
        lead = _LEAD.match(ln.text)
        if lead is None:
            continue
        count = lead.group("count")
        if count and _COUNTS.get(count.lower(), int(count) if count.isdigit() else 0) != \
                len(labels):
            continue
        math = [(s.start - ln.start, s.end - ln.start)
                for s in doc.math_in(ln.start, ln.start + len(ln.text))]
        end = _sentence_end(ln.text, lead.end(), math)
        clauses = [(a, b) for a, b in _clauses(ln.text[:end], lead.end(), math)]
        valued = [(a, b) for a, b in clauses if _VALUE.search(ln.text[a:b])]
        if len(valued) != len(labels):
            continue
        named = [{(x or y).lower() for x, y in _LABEL.findall(ln.text[a:b])} for a, b in valued]
        if any(n and n != {label} for n, label in zip(named, labels, strict=True)):
            continue
        lay.clause_part[ln.number] = [(ln.start + a, ln.start + b, label)
                                      for (a, b), label in zip(valued, labels, strict=True)]
        lay.role[ln.number] = "summary"
