"""Claims + verified solution -> findings, each with its kind, part, line and evidence.

Kinds: ``wrong-answer``, ``inconsistency`` (one answer stated with two values), ``over-reach``
(an optimizer named that the verified identification does not support, beside the right one),
``false-claim`` (a general statement or an identification the verified results contradict),
``unrenderable-formula`` (KaTeX cannot parse it), ``unanswered``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from optiproof.checking.compare import Expected, canonical, matches, symbols_of, values_agree
from optiproof.checking.extract import Claim, Extraction, Vocabulary

FindingKind = Literal["wrong-answer", "inconsistency", "over-reach", "false-claim",
                      "unrenderable-formula", "unanswered"]
FINDING_KINDS: tuple[str, ...] = ("wrong-answer", "inconsistency", "over-reach", "false-claim",
                                  "unrenderable-formula", "unanswered")


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    part: str
    line: int | None
    message: str
    answer: str = ""
    """The name of the verified answer the finding is about (empty for claims and formulas)."""

    def to_dict(self) -> dict:
        return {"kind": self.kind, "line": self.line, "message": self.message}


@dataclass
class PartGrade:
    """What the checker established for one part, before rendering."""

    label: str
    verified: bool
    expected: list[Expected]
    chosen: dict[str, Claim] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    unparsed: bool = False


# -- expected answers from the verified solution -----------------------------------------------

_CUES = {
    "minimum value": r"\bmin|optimal value|objective|value",
    "length ratio": r"ratio|times|longer|\\frac\s*\{\s*\\\||/",
    "threshold": r"threshold|\\alpha\s*\^\s*\{?\s*(?:\\star|\*)|alpha\*|α\*|critical|"
                 r"stops? being zero",
}
SCHEME_PATTERNS = {
    "all-to-all": r"all[\s-]*to[\s-]*all|\ba2a\b",
    "sharded parameter server": r"sharded",
    "parameter server": r"(?<!sharded )parameter[\s-]*server|\bps\b",
    "ring all-reduce": r"\bring\b",
    "tree all-reduce": r"\btree\b",
    "binomial-tree reduce + broadcast": r"\btree\b",
    "recursive doubling": r"recursive[\s-]*doubling|\bdoubling\b",
    "Rabenseifner": r"rabenseifner",
}
QUANTITY_CUES = {
    "number of messages": (r"number|messages?|#|count|how many", r"messages?"),
    "size of each message (elements)": (r"size|elements|entries|length|each message|per message",
                                        r"size"),
    "size of each message (bytes)": (r"bytes", r"bytes"),
    "total volume (elements)": (r"volume|total", r"volume"),
    "sequential rounds": (r"rounds?|steps?", r"round"),
}


def expected_answers(part: Any) -> list[Expected]:
    """The verified answers of a PartSolution, typed for comparison."""
    import sympy

    out = []
    for a in part.answers:
        if a.expr is None or (not isinstance(a.expr, sympy.MatrixBase)
                              and a.expr.is_infinite):
            kind = "unbounded" if a.status == "unbounded" else "none"
        elif isinstance(a.expr, sympy.MatrixBase):
            kind = "vector" if 1 in a.expr.shape else "matrix"
        else:
            kind = "formula" if a.expr.free_symbols else "number"
        scheme = quantity = None
        if part.family == "communication" and ":" in a.name:
            scheme, quantity = (x.strip() for x in a.name.split(":", 1))
        cues = next((rx for key, rx in _CUES.items() if a.name.startswith(key)), None)
        out.append(Expected(part.label, a.name, kind, a.expr, a.latex, a.status, a.membership,
                            scheme, quantity, cues))
    return out


def vocabulary(solution: Any) -> Vocabulary:
    labels = frozenset(p.label for p in solution.parts if p.label != "main")
    schemes: list[tuple[str, str]] = []
    for p in solution.parts:
        for e in expected_answers(p):
            if e.scheme and e.scheme not in dict(schemes):
                rx = SCHEME_PATTERNS.get(e.scheme, re.escape(e.scheme))
                schemes.append((e.scheme, rx))
    # specific names first so "sharded parameter server" is not read as "parameter server"
    schemes.sort(key=lambda kv: -len(kv[0]))
    single = solution.parts[0].label if len(solution.parts) == 1 else None
    return Vocabulary(labels, tuple(schemes), single)


# -- matching claims to expected answers -----------------------------------------------------------

def compatible(claim: Claim, exp: Expected) -> bool:
    """Could this claim be an answer to ``exp`` (right shape, symbols, scheme, quantity)?"""
    import sympy

    if exp.kind == "unbounded":
        return claim.kind == "unbounded" or (claim.kind == "vector" and exp.name == "update")
    if exp.kind in ("vector", "matrix"):
        if claim.kind not in ("vector", "matrix"):
            return False
        shape = tuple(claim.value.shape)
        if exp.kind == "vector":
            return 1 in shape and len(claim.value) == exp.length
        return shape == exp.shape
    if exp.kind == "number":
        if claim.kind != "number":
            return False
        pieces = claim.context.split(" | ")
        local = pieces[1] if len(pieces) > 2 else pieces[0]
        return exp.cues is None or bool(re.search(exp.cues, local))
    if exp.kind == "formula":
        if claim.kind not in ("formula", "number") or isinstance(claim.value, sympy.MatrixBase):
            return False
        want = symbols_of(canonical(exp.expr))
        got = symbols_of(claim.value)
        if exp.scheme is not None:
            if claim.scheme != exp.scheme or not got or not got <= want | {"n", "p"}:
                return False
            if claim.column:
                return column_quantity(claim.column) == exp.quantity
            return _nearest_quantity(claim.context) == exp.quantity
        carriers = {x for x in want if _is_gradient_symbol(x)}
        if carriers:
            return bool(got & _gradient_like(got)) and got <= want | _gradient_like(got) | {
                "alpha", "eta"}
        return bool(got) and got <= want and bool(got & want)
    return False


def _is_gradient_symbol(name: str) -> bool:
    """The gradient and what the parser makes of its norms and signs."""
    from optiproof.checking.parse import PLACEHOLDER_NORM, PLACEHOLDER_SIGN

    return name in ("g", "G", PLACEHOLDER_SIGN) or name.startswith(PLACEHOLDER_NORM)


def _gradient_like(names: set[str]) -> set[str]:
    return {x for x in names if _is_gradient_symbol(x)}


_COLUMN_ORDER = (("size of each message (bytes)", r"bytes"),
                 ("size of each message (elements)", r"size|element|entries|length"),
                 ("total volume (elements)", r"volume"),
                 ("sequential rounds", r"round|steps"),
                 ("number of messages", r"message|number|count|#"))


def column_quantity(column: str) -> str | None:
    """The quantity a table column holds, from its header (most specific word first)."""
    return next((q for q, rx in _COLUMN_ORDER if re.search(rx, column, re.I)), None)


def _nearest_quantity(context: str) -> str | None:
    """Which quantity word sits nearest the formula (``@`` marks the formula's place)."""
    head = re.sub(r"size of (?:each|a|one|every) message|each message (?:has|carries|is|of)|"
                  r"per message|message size|messages? of size", " size ", context.split(" | ")[0])
    if "@" not in head:
        return None
    before, after = head.split("@", 1)
    best: tuple[int, str] | None = None
    for quantity, (cue, _) in QUANTITY_CUES.items():
        for m in re.finditer(cue, before):
            dist = len(before) - m.end()
            if best is None or dist < best[0]:
                best = (dist, quantity)
        for m in re.finditer(cue, after):
            dist = 3 * (m.start() + 1)
            if best is None or dist < best[0]:
                best = (dist, quantity)
    return best[1] if best else None


def grade_answers(label: str, expected: list[Expected], claims: list[Claim],
                  grade: PartGrade) -> bool:
    """Compare the claims of one part with its verified answers; True if any claim fit."""
    any_fit = False
    for exp in expected:
        if exp.kind == "none":
            continue
        cands = [c for c in claims if compatible(c, exp)]
        if exp.kind == "unbounded" and any(c.kind == "unbounded" for c in cands):
            cands = [c for c in cands if c.kind == "unbounded"]
        if not cands:
            grade.findings.append(Finding("unanswered", label, None,
                                          f"no final value found for the {exp.name}", exp.name))
            continue
        any_fit = True
        body = [c for c in cands if c.source == "body"]
        chosen = max(body, key=lambda c: (c.strength, c.line, c.pos)) if body else cands[-1]
        marked = [c for c in cands if c.source == "table" or c.strength >= 2]
        if chosen not in marked:
            marked.insert(0, chosen)
        grade.chosen[exp.name] = chosen
        clash = None
        for other in marked:
            if other is chosen:
                continue
            if values_agree(chosen.value, chosen.text, other.value, other.text, exp) is False:
                clash = other
                break
        if clash is not None:
            first, second = sorted((chosen, clash), key=lambda c: c.line)
            grade.findings.append(Finding(
                "inconsistency", label, second.line,
                f"the {exp.name} is stated twice with different values: {_show(first)} "
                f"(line {first.line}) and {_show(second)} (line {second.line})", exp.name))
            continue
        verdict = matches(chosen.value, chosen.text, exp)
        if verdict is False:
            grade.findings.append(Finding(
                "wrong-answer", label, chosen.line,
                f"the {exp.name} {_show(chosen)} does not agree with the verified derivation",
                exp.name))
        elif verdict is None:
            grade.unparsed = True
    return any_fit


def _show(claim: Claim) -> str:
    text = " ".join(claim.text.split())
    return f"'{text[:80]}'" if claim.kind != "unbounded" else "'unbounded'"


# -- optimizer names: identification and over-reach ------------------------------------------------

_ASIDE = re.compile(r"\bnot\b|n't|\bunlike\b|\bcompared?\b|\bthan\b|\bversus\b|\bvs\b|"
                    r"\binstead\b|\brather\b|\bwhereas\b|\bdiffers?\b|\bno\b|\bneither\b|"
                    r"\bnor\b", re.I)
_PART_REF = re.compile(r"part\s*\(?([a-z])\)?|\(([a-z])\)", re.I)


def _aside(sentence: str, own: str) -> bool:
    """A negated or comparative mention, or one about another part."""
    if _ASIDE.search(sentence):
        return True
    return any((m.group(1) or m.group(2)).lower() != own for m in _PART_REF.finditer(sentence))
_CONDITION = re.compile(r"(?:β|\\beta|beta)\s*_?\{?\s*[12]\s*\}?\s*=|=\s*0\b|constrain|"
                        r"fixed[\s-]*step|special case|only\s+(?:if|when)|reduces? to|"
                        r"coincides?\b|exactly when", re.I)


def check_identification(part: Any, ex: Extraction, grade: PartGrade, asks_optimizer: bool,
                         section_present: bool) -> None:
    """Over-reach (extra optimizers beside the right one), a wrong identification, or none."""
    ident = part.identified_as
    if part.family != "steepest-descent":
        return
    mentions = [m for m in ex.names if m.part == part.label]
    right = [m for m in mentions if ident and m.canonical == ident]
    wrong = []
    note = (part.identification_note or "").lower()
    for m in mentions:
        if ident and m.canonical == ident:
            continue
        if _aside(m.sentence, part.label):
            continue
        related = m.name.lower() in note or m.canonical.lower() in note
        if related and _CONDITION.search(m.sentence):
            continue
        wrong.append(m)
    if ident is None:
        for m in wrong:
            grade.findings.append(Finding(
                "false-claim", part.label, m.line,
                f"names '{m.name}', but this update recovers no standard optimizer"))
        return
    if right:
        for m in _first_per_name(wrong):
            grade.findings.append(Finding(
                "over-reach", part.label, m.line,
                f"also names '{m.name}', which the verified identification does not support "
                "(a related optimizer needs the exact condition under which it coincides)"))
    elif wrong:
        for m in _first_per_name(wrong):
            grade.findings.append(Finding(
                "false-claim", part.label, m.line,
                f"identifies the update as '{m.name}', which the verified derivation "
                "contradicts"))
    elif asks_optimizer and section_present:
        grade.findings.append(Finding("unanswered", part.label, None,
                                      "the optimizer this update recovers is not named"))


def _first_per_name(mentions: list[Any]) -> list[Any]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.canonical not in seen:
            seen.add(m.canonical)
            out.append(m)
    return out


# -- general claims --------------------------------------------------------------------------------

_SAME_LIMIT = re.compile(
    r"\b(?:all|every|each|both|these|three|two)\b[^.\n]{0,100}?\b(?:converge|end up|reach|arrive|"
    r"give|yield|find|land|go)\w*\b[^.\n]{0,100}?\b(?:same|identical|minimum[\s-]*norm|"
    r"min[\s-]*norm|least[\s-]*norm)"
    r"|\bsame\s+(?:limit|point|solution|vector|answer)\b[^.\n]{0,60}?\b(?:all|every|each|both)\b"
    r"|\b(?:all|every|each|both)\b[^.\n]{0,60}?\bsame\s+(?:limit|point|solution|vector)", re.I)
_MIN_NORM = re.compile(r"minimum[\s-]*(?:euclidean[\s-]*|ℓ_?2[\s-]*|l2[\s-]*)?norm|"
                       r"min[\s-]*norm|least[\s-]*norm|pseudo[\s-]*inverse|x\^\{?\+\}?|"
                       r"x\^\{?\\dagger", re.I)
_QUALIFIED = re.compile(r"rescal|weight|scaled|metric|\bd\^|precondition|sup|\\infty|∞|max[\s-]*"
                        r"norm|ℓ_?∞|l_?inf|second[\s-]*moment|sign|z\b", re.I)
_NEGATION = re.compile(r"\bnot\b|n't|\bunlike\b|\bno longer\b|\binstead\b|\brather\b|\bwhereas\b|"
                       r"\bneither\b|\bnor\b|\bdiffer|\bonly\s+(?:sgd|gd|gradient|\(a\)|part a)",
                       re.I)


def _sentences(ex: Extraction) -> list[tuple[int, str]]:
    out = []
    for i, ln in enumerate(ex.lines, start=1):
        for s in re.split(r"(?<=[.!?])\s+", ln):
            if s.strip():
                out.append((i, s))
    return out


def check_general_claims(solution: Any, ex: Extraction, grades: dict[str, PartGrade]) -> None:
    """'All these methods converge to the same point / the minimum-norm solution' and
    'part X converges to the minimum-norm solution' against the verified limits."""
    from optiproof.checking.compare import numbers

    bias = [p for p in solution.parts if p.family == "implicit-bias" and p.answers
            and p.answers[0].expr is not None]
    if not bias:
        return
    limits = {p.label: numbers(p.answers[0].expr) for p in bias}
    first = bias[0]
    differs = [p.label for p in bias
               if limits[p.label] is None or limits[first.label] is None
               or any(abs(a - b) > 1e-9 * max(1.0, abs(b))
                      for a, b in zip(limits[p.label], limits[first.label], strict=False))]
    min_norm = {p.label for p in bias if "minimum-euclidean-norm" in (p.identified_as or "")
                .lower()}
    not_min_norm = [p.label for p in bias if p.label not in min_norm]
    flagged: set[tuple[str, int]] = set()
    for lineno, sentence in _sentences(ex):
        if _NEGATION.search(sentence):
            continue
        part = ex.part_of_line(lineno)
        if _SAME_LIMIT.search(sentence):
            says_min_norm = bool(_MIN_NORM.search(sentence))
            contradicted = (not_min_norm if says_min_norm else differs)
            if contradicted:
                label = part if part in grades else contradicted[0]
                if (label, lineno) not in flagged:
                    flagged.add((label, lineno))
                    grades[label].findings.append(Finding(
                        "false-claim", label, lineno,
                        "claims the methods all end at the same point"
                        + (" (the minimum-norm solution)" if says_min_norm else "")
                        + ", but the verified limits of the parts differ"))
            continue
        if part in not_min_norm and _MIN_NORM.search(sentence) \
                and not _QUALIFIED.search(sentence) and (part, lineno) not in flagged \
                and (part, lineno - 1) not in flagged:
            flagged.add((part, lineno))
            grades[part].findings.append(Finding(
                "false-claim", part, lineno,
                "says this method gives the minimum-norm solution, which the verified "
                "derivation contradicts"))


# -- formulas the renderer rejects ---------------------------------------------------------------

MAX_RENDER_CHECKS = 1000
"""Distinct formulas of one answer given to KaTeX (the first ones, in document order)."""


def check_rendering(ex: Extraction, grades: dict[str, PartGrade], default: str) -> None:
    from optiproof.rendering.latexcheck import LatexError, validate_latex

    seen: set[tuple[int, str]] = set()
    for span in ex.math:
        key = (span.line, span.latex)
        if key in seen or len(span.latex) > 20_000:
            continue
        if len(seen) >= MAX_RENDER_CHECKS:
            break
        seen.add(key)
        try:
            validate_latex(span.latex, span.display, strict=False)
        except LatexError as err:
            label = ex.part_of_line(span.line) or default
            if label not in grades:
                label = default
            grades[label].findings.append(Finding(
                "unrenderable-formula", label, span.line,
                f"KaTeX cannot render this formula ({err.message.split(' at ')[0][:120]}): "
                f"{' '.join(span.latex.split())[:80]}"))
