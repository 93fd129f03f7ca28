"""Findings: what is wrong with a part, each with its kind, line and the words it concerns.

Kinds: ``wrong-answer`` (the final claim disagrees with the verified answer), ``inconsistency``
(the body's final claim and the summary state different values), ``over-reach`` (optimizers
named as the same update without the condition that makes them so, an identification naming
another optimizer than the verified one, or a hedged set of answers around the right one), ``false-claim`` (a statement the verified results contradict),
``unrenderable-formula`` (KaTeX cannot render it) and ``unanswered``.

Grading an answer looks only at its final claims: the most final statement in the body (boxed,
"Answer:", bold or displayed conclusion, then prose; later beats earlier) and the one in the
summary. Values met on the way are not graded, so a slip in a middle step with a right final
answer is never a wrong answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from optiproof.checking.associate import Statement, symbol_score
from optiproof.checking.compare import agree, matches
from optiproof.checking.expect import Expectation
from optiproof.checking.hooks import NOT_STATED, judge
from optiproof.checking.onway import past_the_way
from optiproof.checking.statements import TIER_DISPLAY, TIER_PROSE

FindingKind = Literal["wrong-answer", "inconsistency", "over-reach", "false-claim",
                      "unrenderable-formula", "unanswered"]
FINDING_KINDS: tuple[str, ...] = ("wrong-answer", "inconsistency", "over-reach", "false-claim",
                                  "unrenderable-formula", "unanswered")


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a part."""

    kind: FindingKind
    part: str
    line: int | None
    message: str
    answer: str = ""
    """The name of the verified answer it concerns (empty for statements and formulas)."""
    excerpt: str = ""
    """The words of the answer it concerns, as written."""

    def to_dict(self) -> dict:
        return {"kind": self.kind, "line": self.line, "message": self.message}


@dataclass
class PartGrade:
    """What the checker established for one part."""

    label: str
    verified: bool
    expected: list[Expectation]
    graded: dict[str, Statement] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    undecided: bool = False
    """Some claim could not be compared (verdict ``unverifiable`` unless a finding stands)."""

    def add(self, finding: Finding) -> None:
        if not any((f.kind, f.line, f.answer) == (finding.kind, finding.line, finding.answer)
                   for f in self.findings):
            self.findings.append(finding)


def show(statement: Statement) -> str:
    """The claim as written, shortened for a message."""
    text = " ".join(statement.piece.text.split())
    return f"'{text[:80]}'"


def _judge(part: Any, exp: Expectation, st: Statement, hook: Any) -> tuple[Any, str]:
    """The verdict on a statement (with the family's knowledge, if it has any) and its note."""
    verdict = judge(part, exp, st.value, st.piece.text, hook)
    if verdict[0] is not True and st.target is not None:
        from dataclasses import replace

        own = judge(part, replace(exp, value=st.target, forms=()), st.value, st.piece.text, hook)
        if own[0] is True:
            return own
    if verdict[0] is False and (note := _threshold_rounded(exp, st)):
        return True, note
    if verdict[0] is False and _concluded_unreadably(st):
        return None, ""
    return verdict


_CONTROL_WORD = re.compile(r"\\[A-Za-z]{2,}")


def _concluded_unreadably(st: Statement) -> bool:
    """``E[v̂ₜ] = E[vₜ]/(1−β₂ᵗ) = \\Expect[g²]``: the chain goes on past the value graded to an
    equal formula that cannot be read (a macro nobody defined). What it concludes is that
    formula, not the step before it: a middle step is not the answer, and the answer cannot be
    told."""
    pieces = st.claim.pieces
    if st.piece not in pieces:
        return False
    later = pieces[pieces.index(st.piece) + 1:]
    return any(p.value is None and p.relation == "=" and _CONTROL_WORD.search(p.text)
               for p in later)


_APPROXIMATE = re.compile(r"(?:≈|~|∼|\\approx|\\sim|\b(?:about|approximately|roughly|around|"
                          r"circa|some))\s*[$*_\s]*$", re.I)


def _approximate(st: Statement) -> bool:
    """Is the value said to hold only roughly ("about 85", "≈ 85", "~85")?"""
    return bool(_APPROXIMATE.search(st.claim.cue.partition("@")[0]))


def _count_estimate(exp: Expectation, a: Statement, b: Statement) -> bool:
    """Two values of a count one apart, one said to hold only roughly ("≈ 85 iterations (86 to
    guarantee 10⁻⁶)"): the estimate and the count that guarantees it, one claim."""
    from optiproof.catalogue import QUANTITIES
    from optiproof.checking.compare import floats

    entry = QUANTITIES.get(exp.quantity)
    x, y = floats(a.value), floats(b.value)
    return bool(entry is not None and entry.count and x and y and len(x) == len(y) == 1
                and 0 < abs(x[0] - y[0]) <= 1 and _approximate(a) != _approximate(b))


def _exact_count(exp: Expectation, final: Statement, found: list[Statement]) -> Statement:
    """The count itself where the final claim is its rough estimate and the same passage (its
    line, or the lines right after) states the count next to it ("~85 (86 to be safe)")."""
    if not _approximate(final):
        return final
    near = [s for s in found if s is not final and 0 <= s.claim.line - final.claim.line <= 1
            and _count_estimate(exp, final, s)]
    return max(near, key=lambda s: s.claim.pos) if near else final


def _threshold_rounded(exp: Expectation, st: Statement) -> str:
    """``k = ln(10⁻⁶)/ln(0.85) ≈ 85`` where the count is 86: the chain states the threshold
    (85.01, whose ceiling is the verified count) and rounds it to the nearest integer as its
    last value. The threshold is the answer's own statement; the rounding is noted. A count
    stated on its own (``so about 85 iterations``) is still graded as a count. Else ""."""
    import math

    from optiproof.checking.compare import floats

    want, got = floats(exp.value), floats(st.value)
    pieces = st.claim.pieces
    if (want is None or got is None or len(want) != 1 or len(got) != 1 or not pieces
            or pieces[-1] is not st.piece or any(p.relation != "=" for p in pieces)):
        return ""
    count, said = want[0], got[0]
    if count != int(count) or count < 2 or said != count - 1:
        return ""
    for p in pieces[:-1]:
        x = floats(p.value) if p.value is not None else None
        if x and len(x) == 1 and math.isfinite(x[0]) and x[0] != int(x[0]) \
                and math.ceil(x[0]) == count and round(x[0]) == said:
            return (f"{st.piece.text.strip()} is the threshold {p.text.strip()} = {x[0]:.4g} "
                    f"rounded to the nearest integer; the count needed is its ceiling, "
                    f"{int(count)}")
    return ""


def _without_cases(body: list[Statement]) -> list[Statement]:
    """A table in the body whose rows give different values for one answer lists cases
    ("typical", "first step", "worst case"), not the part's conclusion: when the body states
    the answer outside such a table too, the table's rows are not its final claim."""
    cells = [s for s in body if s.claim.unit.kind == "cell"]
    cases: set[int] = set()
    for k, s in enumerate(cells):
        for t in cells[k + 1:]:
            if abs(s.claim.line - t.claim.line) <= 12 and s.claim.row != t.claim.row and agree(
                    s.value, s.piece.text, t.value, t.piece.text) is False:
                cases |= {id(s), id(t)}
    rest = [s for s in body if id(s) not in cases]
    return rest if cases and rest else body


def _foreign(statement: Statement, exp: Expectation) -> bool:
    """The statement names another symbol than the answer's (``v̂₁ = [9, 0.25, 4]`` beside
    ``θ₁ − θ₀ = [..]``): a step on the way, final only when nothing names the answer's own."""
    return bool(statement.claim.subject) and not symbol_score(statement.claim.subject, exp)


def _summary_claim(summary: list[Statement]) -> Statement:
    """The summary's statement of an answer: its most final one, and of those as final, one
    that names the answer clearly (a table cell under the answer's own label) before a remark
    after the table that only mentions a word of it ("momentum improves the rate from 0.818 to
    0.519")."""
    return max(summary, key=lambda s: (s.claim.tier_of_final, s.evidence >= 4, s.claim.pos))


def _contradicts_right_body(part: Any, exp: Expectation, found: list[Statement],
                            summary: list[Statement], hook: Any, grade: PartGrade) -> bool:
    """The body works an answer out to the verified value, in prose that names it (``ratio
    = 2.598/0.935 ≈ 2.78``, ``- β = .. ≈ 0.2699``), and the summary table then states another:
    the table contradicts the body (an inconsistency), whatever the body's tier."""
    named = [s for s in found if s.claim.role != "summary" and s.evidence >= 2]
    if not named:
        return False
    last = max(named, key=lambda s: s.claim.pos)
    table = _named_sibling(_summary_claim(summary), summary, exp)
    if _judge(part, exp, last, hook)[0] is not True or _judge(part, exp, table, hook)[0] \
            is not False:
        return False
    grade.graded[exp.name] = table
    _inconsistent(grade, exp, last, table)
    return True


def _inconsistent(grade: PartGrade, exp: Expectation, first: Statement, second: Statement,
                  verbs: tuple[str, str] = ("stated as", "as")) -> None:
    """An inconsistency: the answer states ``exp`` as ``first`` and later as ``second``."""
    grade.add(Finding("inconsistency", grade.label, second.claim.line,
                      f"the {exp.name} is {verbs[0]} {show(first)} (line {first.claim.line}) "
                      f"and {verbs[1]} {show(second)} (line {second.claim.line})", exp.name,
                      second.piece.text))


def _unit_names(statement: Statement, exp: Expectation) -> bool:
    """Do the words right after a lone value name the answer's quantity (``…, round up: 86
    iterations``)? Then the value is stated as that answer, not a remark on an earlier one."""
    from optiproof.catalogue.quantities import label_scores

    after = statement.claim.cue.partition("@")[2]
    words = re.match(r"\s*([^\W\d_][\w -]{0,30})", after)
    return bool(words) and exp.quantity in label_scores(words.group(1).lower())


def _named_sibling(final: Statement, found: list[Statement], exp: Expectation) -> Statement:
    """The statement of a unit that names the answer, for the most final one found there.

    A lone value with nothing naming it (``√v normalises the scale``, ``⇒ m̂_t unbiased``)
    after a statement of the answer by its own symbol in the same cell or line
    (``θ_t = θ_{t-1} - α m̂_t/(√v̂_t + ε); √v normalises ...``) is a remark on it: the named
    statement is the unit's claim."""
    if final.claim.role == "summary" and final.claim.unit.kind == "cell":
        # a row of a summary table: the cell whose column or symbol names the answer beats a
        # later cell of the row that names nothing (``| GD max | < 0.2 | at 0.2 factor = −1 |``)
        row = [s for s in found if s.claim.role == "summary" and s.claim.line == final.claim.line
               and s.claim.tier_of_final == final.claim.tier_of_final]
        if row and max(s.evidence for s in row) > final.evidence:
            final = max(row, key=lambda s: (s.evidence, s.claim.pos))
    if final.claim.subject or _unit_names(final, exp):
        return final
    unit = final.claim.unit
    named = [s for s in found if s.claim.unit.start == unit.start and s.claim.unit.end == unit.end
             and s.claim.pos < final.claim.pos and bool(s.claim.subject)
             and (s.evidence >= 4 or symbol_score(s.claim.subject, exp) >= 4)]
    return max(named, key=lambda s: s.rank) if named else final


_APPROXIMATE = re.compile(r"(?:≈|≃|~|\\approx|\\simeq|\\sim|\b(?:about|roughly|approximately|"
                          r"approx\.?|around|circa|nearly))\s*[$*]*\s*$", re.I)
"""Right before a value: it is said to be approximate ("≈ 0.003", "roughly 0.2")."""


def _rounding_of(coarse: Statement, precise: Statement) -> bool:
    """Is ``coarse`` said to be approximate and the value of ``precise`` rounded to the
    decimals it shows (``≈ 0.003`` beside ``0.0032``)? A coarser value not marked as
    approximate (a table's ``0.2`` for a body's ``0.182``) is another claim."""
    from optiproof.checking.compare import floats, rounded_from

    unit, at = coarse.claim.unit, coarse.piece.pos - coarse.claim.unit.start
    if at < 0 or not _APPROXIMATE.search(unit.text[max(0, at - 40):at]):
        return False
    fc, fp = floats(coarse.value), floats(precise.value)
    return fc is not None and fp is not None and rounded_from(fc, coarse.piece.text, fp)


_DIRECTION = re.compile(r"\bdirections?\b", re.I)
_STEP_WORDS = re.compile(r"\b(?:step|update|solution|minimi[sz]er|answer)\b(?!\s*(?:length|size|"
                         r"scale|norm))", re.I)


def _direction_only(direction: Statement, step: Statement) -> bool:
    """``| Direction | −g |`` beside ``u = −(α/2) g``: a value labelled a direction (and not a
    step) that is the step divided by a positive scalar states the step's direction, not
    another step."""
    claim = direction.claim
    words = f"{claim.row} {claim.column} {claim.cue.partition('@')[0].rpartition('¦')[2]}"
    if not _DIRECTION.search(words) or _STEP_WORDS.search(words):
        return False
    return _positive_multiple(step.value, direction.value)


def _without_directions(body: list[Statement]) -> list[Statement]:
    """``u = −(α/2) g`` and then "the factor ½ is a rescaling of the learning rate — the
    direction is exactly −g": a value said to be the direction of a step the body states
    (a positive multiple of it) is not a final claim of another step."""
    rest = [s for s in body if not any(t is not s and _direction_only(s, t) for t in body)]
    return rest if rest else body


def _positive_multiple(a: Any, b: Any) -> bool:
    """``a = k·b`` for a scalar ``k`` that holds none of ``b``'s symbols and is positive
    wherever its symbols are (norms, step sizes and weights are positive)."""
    import sympy

    if isinstance(a, sympy.MatrixBase) or isinstance(b, sympy.MatrixBase):
        if not (isinstance(a, sympy.MatrixBase) and isinstance(b, sympy.MatrixBase)) or \
                a.shape != b.shape:
            return False
        pairs = [(x, y) for x, y in zip(a, b, strict=True) if x != 0 or y != 0]
        if not pairs or any(y == 0 for _, y in pairs):
            return False
        ratios = {sympy.nsimplify(sympy.simplify(x / y)) for x, y in pairs}
        return len(ratios) == 1 and _positive_multiple(next(iter(ratios)), sympy.Integer(1))
    if not (isinstance(a, sympy.Expr) and isinstance(b, sympy.Expr)) or b == 0:
        return False
    k = sympy.simplify(a / b)
    if k.free_symbols & b.free_symbols:
        return False
    at = k.subs({s: sympy.Rational(7 + 2 * i, 5) for i, s in enumerate(
        sorted(k.free_symbols, key=lambda s: s.name))})
    return bool(at.is_number and at.is_positive)


_FUNCTION_WORDS = re.compile(r"\\[A-Za-z]+|\b(?:sign|sgn|sqrt|diag|operatorname|mathrm|text|frac|"
                             r"left|right|cdot|times|e)\b")


def _evaluated(formula: Statement, conclusion: Statement) -> bool:
    """Is ``formula`` written as a general form in letters (``−α sign(g₁)``) and
    ``conclusion`` in numbers only (``[0.001, −0.001, 0.001]``)? Then the two are one
    derivation and its evaluation, not two claims of the answer: a slip in the evaluation is a
    wrong answer."""
    def letters(text: str) -> bool:
        return bool(re.search(r"[^\W\d_]", _FUNCTION_WORDS.sub(" ", text)))

    return letters(formula.piece.text) and not letters(conclusion.piece.text)


def _right_before(part: Any, exp: Expectation, found: list[Statement], final: Statement,
                  hook: Any) -> Statement | None:
    """A wrong conclusion after the body derived the verified answer under the answer's own
    symbol (``Δθ* = −(α/2) g`` in a display, then ``Hence u = −α g``): the document
    contradicts itself. Only a displayed statement named by the answer's letter (decorated or
    not) counts, or one written alone on its line in plain notes, not a value met on the
    way."""
    from optiproof.checking.statements import bare_equation

    right = [s for s in found if s.claim.role != "summary" and s.claim.pos < final.claim.pos
             and s.strong and s.claim.subject and symbol_score(s.claim.subject, exp) >= 2
             and (s.claim.tier_of_final >= TIER_DISPLAY or bare_equation(s.claim.unit.text))
             and _judge(part, exp, s, hook)[0] is True and not _threshold_rounded(exp, s)]
    return max(right, key=lambda s: s.claim.pos) if right else None


def _wrong_after(part: Any, exp: Expectation, found: list[Statement], final: Statement,
                 hook: Any) -> Statement | None:
    """A later statement of the answer under its own symbol that contradicts the final claim
    graded right (``⇒ Δθ = −(α/2) g``, ranked final by its arrow, then ``u = −3 g`` in plain
    prose): the marker that ranks the earlier one higher does not silence the later one, the
    document derives the verified answer and then concludes another. Only a final claim ranked
    above plain prose by no more than a conclusion's marker (not displayed, bold or boxed), and
    a later statement in prose, outside its sentence, with the same relation (not an aside,
    ``in practice ≲ α``)."""
    if final.claim.tier_of_final >= TIER_DISPLAY:
        return None
    later = [s for s in found if s.claim.role != "summary" and s.claim.pos > final.claim.pos
             and s.claim.tier_of_final >= TIER_PROSE
             and s.claim.unit.start >= final.claim.unit.end
             and s.piece.relation == final.piece.relation
             and s.strong and symbol_score(s.claim.subject, exp) >= 4
             and not _rounding_of(s, final) and _judge(part, exp, s, hook)[0] is False]
    return max(later, key=lambda s: s.claim.pos) if later else None


def grade_statements(part: Any, grade: PartGrade, statements: dict[str, list[Statement]],
                     hook: Any) -> None:
    """Final claims against the verified answers: wrong answers, inconsistencies, and the
    groups of answers nothing states."""
    answered: set[str] = set()
    for exp in grade.expected:
        if exp.kind == "yes-no":
            from optiproof.catalogue import QUANTITIES

            entry = QUANTITIES.get(exp.quantity)
            asked = entry.name if entry is not None else exp.name
            grade.notes.append(f"the yes/no answer to \u201c{asked}?\u201d is not graded from the "
                               "text; compare it with the verified solution")
            continue
        found = [s for s in statements.get(exp.name, [])
                 if _judge(part, exp, s, hook)[0] is not NOT_STATED]
        if not found:
            continue
        body, promoted = past_the_way(
            [s for s in found if s.claim.role != "summary" and s.strong], found)
        body = _without_directions(_without_cases(body))
        summary = [s for s in found if s.claim.role == "summary"]
        if summary and not body and _contradicts_right_body(part, exp, found, summary, hook,
                                                            grade):
            answered.add(exp.group)
            continue
        final = _named_sibling(max(body or summary or found,
                                   key=lambda s: (not _foreign(s, exp), s.rank)), found, exp)
        final = _exact_count(exp, final, found)
        verdict, note = _judge(part, exp, final, hook)
        if verdict is None and not exp.required:
            continue
        if verdict is False and not (final.strong or promoted):
            rescue = [s for s in found if _judge(part, exp, s, hook)[0] is True]
            if not rescue:
                continue
            final = max(rescue, key=lambda s: s.rank)
            verdict, note = True, ""
        answered.add(exp.group)
        grade.graded[exp.name] = final
        if note:
            grade.notes.append(note)
        if body and summary and (exp.required or min(final.evidence, max(
                summary, key=lambda s: s.rank).evidence) >= 4):
            table = _named_sibling(_summary_claim(summary), summary, exp)
            same = agree(final.value, final.piece.text, table.value, table.piece.text)
            if same is False and (_rounding_of(final, table) or _rounding_of(table, final)):
                same = True  # one value, and the same rounded to fewer decimals: one claim
            if same is False and _count_estimate(exp, final, table):
                same = True  # "about 85 iterations" beside the 86 that guarantee it: one count
            if same is False and any(_direction_only(a, b) for a, b in ((final, table),
                                                                         (table, final))):
                same = True  # a direction stated beside its step: one claim up to its length
            if same is False and verdict is True and _judge(part, exp, table, hook)[0] is True:
                same = True  # both state the verified answer, in different forms
            if same is None:
                same = (_judge(part, exp, table, hook)[0] == verdict) if verdict is not None \
                    else None
            if same is False:
                _inconsistent(grade, exp, *sorted((final, table), key=lambda s: s.claim.line))
                continue
            if same and verdict is False and _rounding_of(final, table):
                # one claim written twice, the final one rounded: graded at its precision
                verdict, note = _judge(part, exp, table, hook)
                final = grade.graded[exp.name] = table
                if note:
                    grade.notes.append(note)
        if verdict is True and _threshold_rounded(exp, final):
            # the threshold rounded, then the same count stated on its own: the count is the
            # answer, and it is graded as a count
            counts = [s for s in found if s.claim.pos > final.claim.pos
                      and s.claim.unit.start >= final.claim.unit.end
                      and agree(s.value, s.piece.text, final.value, final.piece.text)]
            if counts:
                final = grade.graded[exp.name] = max(counts, key=lambda s: s.claim.pos)
                verdict = False
                if note in grade.notes:
                    grade.notes.remove(note)
        if verdict is False and (right := _right_before(part, exp, found, final, hook)) \
                and not _evaluated(right, final):
            _inconsistent(grade, exp, right, final, ("derived as", "concluded as"))
            continue
        if verdict is False and right is not None:
            # a right general formula (-α sign(g₁)) evaluated wrongly to the numbers concluded:
            # the conclusion is the claim, the formula a step on the way it did not follow
            grade.add(Finding("wrong-answer", grade.label, final.claim.line,
                              f"the {exp.name} is concluded as {show(final)} (line "
                              f"{final.claim.line}), which does not agree with the verified "
                              f"derivation, though line {right.claim.line} states it as "
                              f"{show(right)}", exp.name, final.piece.text))
            continue
        if verdict is True and (wrong := _wrong_after(part, exp, found, final, hook)):
            grade.graded[exp.name] = wrong
            if not _threshold_rounded(exp, final):
                _inconsistent(grade, exp, final, wrong, ("derived as", "concluded as"))
                continue
            # the threshold rounded, then a count concluded from it: the count is the answer
            final, verdict = wrong, False
            if note and note in grade.notes:
                grade.notes.remove(note)
        if verdict is False:
            grade.add(Finding("wrong-answer", grade.label, final.claim.line,
                              f"the {exp.name} {show(final)} does not agree with the verified "
                              "derivation", exp.name, final.piece.text))
        elif verdict is None and exp.required:
            grade.undecided = True
    for group in dict.fromkeys(e.group for e in grade.expected if e.required and not e.unasked):
        if group not in answered:
            names = [e.name for e in grade.expected if e.group == group and e.required]
            grade.add(Finding("unanswered", grade.label, None,
                              f"no final value found for the {' / '.join(names)}", names[0]))


_OR_ELSE = re.compile(r"\s*[(,]?\s*(?:or|or else|alternatively)\s+"
                      r"(?!so\b|more\b|less\b|rather\b)"
                      r"((?:[^\s(),;]|\([^()]*\))(?:[^(),;]|\([^()]*\))*?)\s*"
                      r"(?=[,;)]|$|\s(?:depending|if|when|for|in|with|as)\b)", re.I)
"""After a value: an alternative offered for the same answer ("p/n (or p/(n − 1), depending
on the implementation)")."""


def _alternatives(grade: PartGrade, claim: Any, scope: Any) -> None:
    """A value followed by another offered in its place: over-reach when the first is the
    verified answer and the alternative is not."""
    from optiproof.checking.compare import compatible
    from optiproof.checking.formula import parse_value

    final = claim.final
    if final is None or claim.excluded or final.value is None:
        return
    at = final.pos - claim.unit.start + len(final.text)
    m = _OR_ELSE.match(claim.unit.text[at:at + 120]) if at >= 0 else None
    if m is None:
        return
    other = parse_value(m.group(1), latex=False)
    if other is None:
        return
    mine = scope.evaluate(final.value, claim.pos)
    other = scope.evaluate(other, claim.pos)
    for exp in grade.expected:
        if exp.kind in ("none", "yes-no") or not (compatible(mine, exp)
                                                   and compatible(other, exp)):
            continue
        if matches(mine, final.text, exp) is True and matches(other, m.group(1), exp) is False:
            grade.add(Finding("over-reach", grade.label, claim.line,
                              f"offers {m.group(1).strip()!r} as an alternative to the "
                              f"{exp.name} {final.text!r}; the derivation gives only the "
                              "latter", exp.name, m.group(0).strip()))
            return


_EITHER = re.compile(
    r"\b(?:either of (?:these|the|them|those)\b|both (?:are|answers are|values are|points are|"
    r"of these are|of them are) (?:valid|correct|fine|acceptable|possible|right)\b|either "
    r"(?:answer|value|one|result) is (?:fine|correct|valid|acceptable|right)\b|any of these "
    r"(?:is|are) (?:fine|valid|correct)\b)", re.I)
"""Words that leave the choice between several values open ("both are valid limits")."""


def _either(grade: PartGrade, claims: list[Any], scope: Any, units: list[Any]) -> None:
    """A part that offers several values for one answer and calls either of them right:
    over-reach when the verified answer is among them."""
    from optiproof.checking.compare import compatible

    for unit in sorted((u for u in units if _EITHER.search(u.text)), key=lambda u: u.start):
        line = unit.line
        near = [c for c in claims if line - 3 <= c.line <= line and c.final is not None
                and c.excluded != "negated" and c.final.value is not None
                and c.unit.start <= unit.start and c.pos < unit.end]
        about = frozenset().union(*(c.about for c in near if c.line == line))
        several = len({e.subject for e in grade.expected if e.subject}) > 1
        for exp in grade.expected:
            if exp.kind in ("none", "yes-no") or (several and exp.subject not in about):
                continue
            # the values of the sentence itself, else of the sentences just before it
            own = [c for c in near if c.unit.start == unit.start]
            offered = []
            for group in (own, near):
                offered = [(v, c.final.text) for c in group
                           if (v := scope.evaluate(c.final.value, c.pos)) is not None
                           and compatible(v, exp)]
                if len(offered) >= 2:
                    break
            verdicts = {matches(v, t, exp) for v, t in offered}
            if True in verdicts and False in verdicts:
                grade.add(Finding("over-reach", grade.label, line,
                                  f"offers {len(offered)} values for the {exp.name} and leaves "
                                  "the choice open; the derivation gives one", exp.name))
                break


_SET_OF = re.compile(r"(?:^|[\s(,;:])((?:[a-zα-ω]|alpha|beta|gamma|delta|eta|theta|lambda|mu|nu|"
                     r"rho|sigma|tau|kappa)(?:_\w{1,8}|\d)?)\s*(?:in|∈|\\in)\s*$", re.I)


def set_of_another(claim: Any, exp: Expectation) -> bool:
    """A set whose element the words just before it name (``for lambda in {1, 10}``,
    ``i ∈ {1, 2, 3}``): the range of that symbol, a set of candidates only when the symbol is
    the answer's own."""
    from optiproof.checking.formula import symbol_key

    if claim.subject:
        return not symbol_score(claim.subject, exp)
    before = claim.cue.partition("@")[0].rpartition("¦")[2]
    m = _SET_OF.search(before)
    return bool(m) and not symbol_score(symbol_key(m.group(1)), exp)


def hedged_findings(grade: PartGrade, claims: list[Any], scope: Any,
                    units: list[Any] = ()) -> None:
    """A set of candidate answers offered for one answer (``θ ∈ {a, b, c}``), or a value with
    an alternative beside it (``p/n (or p/(n-1))``): over-reach when the verified answer is
    among them, a wrong answer when none is."""
    from optiproof.checking.compare import compatible

    _either(grade, claims, scope, list(units))
    for claim in claims:
        _alternatives(grade, claim, scope)
        for piece in claim.pieces:
            if not isinstance(piece.value, tuple) or claim.excluded:
                continue
            items = [scope.evaluate(v, claim.pos) for v in piece.value]
            for exp in grade.expected:
                if not all(compatible(v, exp) for v in items) or set_of_another(claim, exp):
                    continue  # ``λ_i ∈ {1, 10}``: the set of another symbol, not of the answer
                hits = [matches(v, piece.text, exp) for v in items]
                kind = "over-reach" if any(hits) else "wrong-answer"
                grade.add(Finding(kind, grade.label, claim.line,
                                  f"offers {len(items)} candidate values for the {exp.name} "
                                  + ("instead of the one the derivation gives" if any(hits)
                                     else "and none agrees with the verified derivation"),
                                  exp.name, piece.text))
                break


MAX_RENDER_CHECKS = 1000
"""Distinct formulas of one answer given to KaTeX (the first ones, in document order)."""


def rendering_findings(doc: Any, lay: Any, grades: dict[str, PartGrade], default: str) -> None:
    """Formulas KaTeX cannot render, each on the part whose line holds it. Inside a table a
    ``\\|`` is the cell's escaped pipe, as GitHub renders it. The document's own macros
    (``\\newcommand``, ``\\DeclareMathOperator``, ``\\def``) are defined for each formula."""
    from optiproof.checking.texmacros import document_macros
    from optiproof.rendering.latexcheck import LatexError, validate_latex

    macros = document_macros(doc.text)
    seen: set[tuple[int, str]] = set()
    for span in doc.math:
        line = doc.line_of(span.start)
        latex = span.latex
        if doc.lines[line - 1].kind == "table":
            latex = latex.replace("\\\\|", "\0").replace("\\|", "|").replace("\0", "\\|")
        if (line, latex) in seen or len(latex) > 20_000:
            continue
        if len(seen) >= MAX_RENDER_CHECKS:
            break
        seen.add((line, latex))
        try:
            validate_latex(macros + latex if latex.strip() else latex, span.display, strict=False)
            missing = fraction_without_denominator(latex)
            why = None if missing is None else (
                f"a fraction takes '{missing}' as an argument: it renders, but not as written "
                "to be read")
        except LatexError as err:
            why = f"KaTeX cannot render this formula ({err.message.split(' at ')[0][:120]})"
        if why is not None:
            label = lay.part.get(line) or default
            grades.get(label, grades[default]).add(Finding(
                "unrenderable-formula", label if label in grades else default, line,
                f"{why}: {' '.join(span.latex.split())[:80]}", excerpt=span.latex))


_FRAC = re.compile(r"\\[dtc]?frac(?![a-zA-Z])")
_NO_ARGUMENT = frozenset(".,;:=)]}|")
"""Tokens KaTeX takes as a fraction's argument that no writer means as one: ``\\frac{a} .``
renders as a over a full stop, a fraction whose denominator was left out."""


def _argument_end(latex: str, at: int) -> tuple[int, str] | None:
    """Where the TeX argument starting at ``at`` (after spaces) ends, and its text; None at
    the end of the formula."""
    while at < len(latex) and latex[at].isspace():
        at += 1
    if at >= len(latex):
        return None
    if latex[at] == "{":
        depth = 0
        for k in range(at, len(latex)):
            if latex[k] == "\\":
                continue
            if latex[k] == "{" and (k == 0 or latex[k - 1] != "\\"):
                depth += 1
            elif latex[k] == "}" and latex[k - 1] != "\\":
                depth -= 1
                if depth == 0:
                    return k + 1, latex[at:k + 1]
        return None
    if latex[at] == "\\":
        m = re.match(r"\\(?:[a-zA-Z]+|.)", latex[at:])
        return at + m.end(), m.group(0)
    return at + 1, latex[at]


def fraction_without_denominator(latex: str) -> str | None:
    """The punctuation a ``\\frac`` takes as its numerator or denominator (the argument left
    out, ``\\frac{E[g^2]} .``), else None. KaTeX renders it, but not as the writer meant."""
    for m in _FRAC.finditer(latex):
        first = _argument_end(latex, m.end())
        if first is None:
            continue
        second = _argument_end(latex, first[0])
        for arg in (first, second):
            if arg is not None and arg[1] in _NO_ARGUMENT:
                return arg[1]
    return None
