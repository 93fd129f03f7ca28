"""One answer document graded against a solution: the whole pipeline, part by part."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from optiproof.checking.claims import Claim, read_claims
from optiproof.checking.document import Document, read_document
from optiproof.checking.findings import (PartGrade, grade_statements, hedged_findings,
                                         rendering_findings)
from optiproof.checking.segment import EXCLUDED, Layout, lay_out


@dataclass
class GradedDocument:
    """Everything the checker established about one answer."""

    doc: Document
    layout: Layout
    claims: list[Claim]
    grades: dict[str, PartGrade]
    fits: bool
    """Something in the answer belongs to the problem (a part label or a stated answer)."""


def givens_by_part(solution: Any) -> dict[str, dict[str, Any]]:
    """Part label -> the values its question gives, with the values every part agrees on."""
    from optiproof.checking.compare import agree
    from optiproof.checking.definitions import givens_of

    own = {p.label: givens_of(p.question or "") for p in solution.parts}
    shared: dict[str, Any] = {}
    clashes: set[str] = set()
    for values in own.values():
        for key, value in values.items():
            if key in shared and agree(shared[key], "", value, "") is False:
                clashes.add(key)
            shared.setdefault(key, value)
    common = {k: v for k, v in shared.items() if k not in clashes}
    return {label: {**common, **values} for label, values in own.items()}


_NUMBERED = re.compile(r"^(?P<pre>[ \t]?(?:#+[ \t]*)?(?:\*\*|__)?)(?P<n>\d{1,2})[.)]"
                       r"(?=\*\*|__|[ \t])", re.M)


def _numbered_parts(text: str, labels: list[str]) -> str:
    """An answer that numbers its parts ``1.`` … ``N.`` where the problem letters them (and
    names no letter itself): each number is that part's label, in order."""
    from optiproof.checking.segment import label_at_start

    letters = frozenset(labels)
    if len(labels) < 2 or not all(len(x) == 1 and x.isalpha() for x in labels) or any(
            label_at_start(line, letters) for line in text.splitlines()):
        return text
    found = list(_NUMBERED.finditer(text))
    if [int(m.group("n")) for m in found] != list(range(1, len(labels) + 1)):
        return text
    out, at = [], 0
    for m, label in zip(found, labels, strict=True):
        out.append(text[at:m.start("n")] + f"({label})")
        at = m.end("n") + 1
    return "".join(out) + text[at:]


def grade_document(solution: Any, text: str) -> GradedDocument:
    """Read ``text`` and grade every part of ``solution`` (see :mod:`optiproof.checking`)."""
    from optiproof.checking.associate import statements_of
    from optiproof.checking.definitions import (Scope, definitions_of, given_numbers,
                                                notation_definitions)
    from optiproof.checking.expect import (asked_as_written, expectations, given_symbols, notation,
                                           required_as_written)
    from optiproof.checking.general import general_findings
    from optiproof.checking.hooks import checker_of, statement_findings
    from optiproof.checking.spelled import respelled, spelled_symbols
    from optiproof.checking.identify import identification_findings
    from optiproof.checking.statements import units_of

    from optiproof.checking.texmacros import expanded

    doc = read_document(expanded(_numbered_parts(text, [p.label for p in solution.parts])))
    lay = lay_out(doc, solution)
    claims = read_claims(doc, lay)
    givens = givens_by_part(solution)
    numbers = [n for p in solution.parts for n in given_numbers(p.question or "")]
    from optiproof.checking.expect import notation as _notation
    from optiproof.checking.expect import problem_symbols

    given = frozenset(k for p in solution.parts for k in (*_notation(p), *givens[p.label],
                                                          *problem_symbols(p)))
    spelled = spelled_symbols(doc.text, claims,
                              frozenset(k for p in solution.parts for k in problem_symbols(p)),
                              given, {k: v for p in solution.parts
                                      for k, v in {**_notation(p), **givens[p.label]}.items()})
    claims = respelled(claims, spelled)
    definitions = notation_definitions(doc, lay) + definitions_of(claims, given)
    grades: dict[str, PartGrade] = {}
    fits = bool(lay.opened)
    units = [u for u in units_of(doc, lay) if u.role not in EXCLUDED]
    written = asked_as_written(solution)
    for part in solution.parts:
        expected = required_as_written(expectations(part), part, written[part.label])
        protected = given_symbols(part, expected)
        # what the problem's notation names (``E[g²]`` is ``ν``) keeps that meaning: a document
        # writing ``E[g²] = σ² + μ²`` states a fact about it, it does not rename it
        named = {k for k, v in notation(part).items() if getattr(v, "is_Symbol", False)}
        scope = Scope({**notation(part), **givens[part.label]},
                      [d for d in definitions if d.key not in named], protected)
        mine = [c for c in claims if c.part == part.label]
        statements = statements_of(mine, expected, scope, givens[part.label], numbers,
                                   doc.text)
        grade = PartGrade(part.label, part.verified, expected)
        hook = checker_of(part)
        grade_statements(part, grade, statements, hook)
        hedged_findings(grade, mine, scope, [u for u in units if u.part == part.label])
        fits |= bool(grade.graded)
        if hook is not None:
            own = [u for u in units if u.part == part.label]
            for finding in statement_findings(part, own, mine, expected, hook):
                grade.add(finding)
        grades[part.label] = grade
    identification_findings(solution, doc, lay, claims, grades)
    general_findings(solution, doc, lay, claims, grades)
    rendering_findings(doc, lay, grades, solution.parts[0].label)
    return GradedDocument(doc, lay, claims, grades, fits)
