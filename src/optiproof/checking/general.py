"""False general statements, judged by their content against the verified answers.

Three shapes of statement are read, wherever they stand (a stated, not negated or hypothetical
clause):

- a universal sameness claim: every method (scheme, norm) gives the same point, the
  minimum-norm solution, the same direction -- refuted when the verified answers of the parts
  about different methods differ (or are not parallel, for a direction);
- a comparison of two named methods or schemes on a quantity ("ring all-reduce sends fewer
  messages than a parameter server") -- refuted when the verified formulas say the opposite
  at every admissible size;
- a universal bound ("no first-order method can converge faster than (κ-1)/(κ+1)") --
  refuted by a verified answer of the problem that beats it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from optiproof.checking.compare import agree, floats
from optiproof.checking.concepts import concepts, plain
from optiproof.checking.findings import Finding, PartGrade
from optiproof.checking.statements import stance, units_of
from optiproof.checking.segment import EXCLUDED

_ALL = r"\b(?:any|every|all|each|both|three|whichever)\b"
_METHODS = (r"(?:methods?|optimi[sz]ers?|algorithms?|procedures?|schemes?|norms?|updates?|"
            r"approaches|variants?)\b")
_TARGET = (r"(?:the same (?:point|limit|solution|minimi[sz]er|answer|vector|direction)|"
           r"minimum[- ]norm|min[- ]norm|least[- ]norm|(?:negative|minus) gradient|-g\b|−g\b)")
_SAME = re.compile(_ALL + r"[^.;]{0,80}?" + _METHODS + r"[^.;]{0,120}?\b" + _TARGET
                   + r"|\b" + _TARGET + r"[^.;]{0,80}?" + _ALL + r"\s+(?:\w+\s+){0,2}" + _METHODS,
                   re.I)
_MIN_NORM = re.compile(r"minimum[- ](?:euclidean[- ])?norm|min[- ]norm|least[- ]norm", re.I)
_DIRECTION = re.compile(r"\bdirection\b|(?:negative|minus) gradient|-g\b|−g\b", re.I)
_COMPARATIVE = re.compile(r"\b(?P<word>fewer|more|less|larger|smaller|bigger|higher|lower|faster|"
                          r"slower)\b(?P<mid>[^.;]{0,60}?)\bthan\b", re.I)
_SMALLER = frozenset({"fewer", "less", "smaller", "lower"})
_NO_BEATS = re.compile(r"\bno\b[^.;]{0,40}?" + _METHODS + r"[^.;]{0,80}?\b(?:faster|better|beat)"
                       r"\b[^.;]{0,20}?\bthan\b", re.I)


@dataclass(frozen=True)
class Refutation:
    """Why a general statement is false, and the part whose verified answer refutes it."""

    why: str
    part: str


def _values(solution: Any, quantity_of: Any) -> list[tuple[Any, Any]]:
    """(part, answer) of every verified answer whose quantity passes ``quantity_of``."""
    return [(p, a) for p in solution.parts for a in p.answers
            if a.expr is not None and quantity_of(a.quantity)]


def _parallel(a: Any, b: Any, arrays: frozenset[str]) -> bool | None:
    """Do two updates point the same way? Symbolic ones are compared at a sample gradient
    (every array symbol a fixed vector, every other symbol a fixed positive number)."""
    import numpy as np
    import sympy

    from optiproof.checking.definitions import substitute

    sample = sympy.Matrix([3, -1, 2])
    values = []
    for expr in (a, b):
        value = substitute(expr, {n: sample for n in arrays})
        value = substitute(value, {s.name: sympy.Rational(7, 10)
                                   for s in getattr(value, "free_symbols", set())})
        values.append(floats(value))
    fa, fb = values
    if fa is None or fb is None or len(fa) != len(fb) or len(fa) < 2:
        return None
    x, y = np.array(fa), np.array(fb)
    nx, ny = np.linalg.norm(x), np.linalg.norm(y)
    return bool(nx and ny and abs(abs(x @ y) / (nx * ny) - 1) < 1e-9)


def _sameness(solution: Any, words: str) -> Refutation | None:
    """Why a universal sameness claim is false, or None when the verified answers allow it."""
    from optiproof.checking.expect import array_symbols
    from optiproof.checking.formula import canonical

    if _DIRECTION.search(words) and not _MIN_NORM.search(words):
        updates = [(p, a) for p, a in _values(solution, lambda q: q == "update")
                   if a.status != "unbounded"]
        if len(updates) > 1:
            arrays = frozenset().union(*(array_symbols(p) for p, _ in updates))
            first = canonical(updates[0][1].expr)
            for p, a in updates[1:]:
                if _parallel(first, canonical(a.expr), arrays) is False:
                    return Refutation("the verified updates of the parts point in different "
                                      "directions", p.label)
        return None
    limits = [(p, a) for p, a in _values(solution, lambda q: True)
              if getattr(a.expr, "is_Matrix", False) and a.quantity == solution.parts[0].answers[
                  0].quantity]
    if len(limits) < 2:
        return None
    if _MIN_NORM.search(words):
        reference = [a for p, a in limits if _MIN_NORM.search(p.identified_as or "")]
        for p, a in limits:
            if reference and agree(a.expr, "", reference[0].expr, "") is False:
                return Refutation("the verified limits of the parts are not all the "
                                  "minimum-norm solution", p.label)
        return None
    for p, a in limits[1:]:
        if agree(a.expr, "", limits[0][1].expr, "") is False:
            return Refutation("the verified answers of the parts differ", p.label)
    return None


def _sample_points(symbols: set[Any]) -> list[dict[Any, Any]]:
    """Admissible sizes for counts: every symbol a positive integer, ``p`` a multiple of
    ``n`` (so chunked schemes divide evenly)."""
    names = {s.name: s for s in symbols}
    points = []
    for n in (2, 3, 4, 8, 16):
        point = {s: n for s in symbols}
        if "p" in names:
            point[names["p"]] = 60 * n
        points.append(point)
    return points


def _compare_claim(solution: Any, words: str) -> Refutation | None:
    """Why "A ... fewer/more ... than B" is false at every admissible size, or None."""
    from optiproof.catalogue import OPTIMIZERS, SCHEMES
    from optiproof.catalogue.quantities import label_scores

    m = _COMPARATIVE.search(words)
    if not m:
        return None
    left = [x.entry.key for reg in (SCHEMES, OPTIMIZERS) for x in reg.mentions(words[:m.start()])]
    right = [x.entry.key for reg in (SCHEMES, OPTIMIZERS) for x in reg.mentions(words[m.end():])]
    if not left or not right or left[-1] == right[0]:
        return None
    a_key, b_key = left[-1], right[0]
    labels = label_scores(m.group("mid") + " " + words[m.end():m.end() + 40])
    answers = _values(solution, lambda q: q in labels)
    by_subject = {(a.quantity, a.subject): a for _, a in answers}
    for quantity in sorted(labels, key=lambda q: -labels[q]):
        a, b = by_subject.get((quantity, a_key)), by_subject.get((quantity, b_key))
        if a is None or b is None:
            continue
        smaller = m.group("word").lower() in _SMALLER
        import sympy

        diff = sympy.sympify(a.expr) - sympy.sympify(b.expr)
        signs = [float(diff.subs(pt)) for pt in _sample_points(diff.free_symbols)]
        holds = [(s < 0) if smaller else (s > 0) for s in signs]
        if not any(holds):
            part = next(p.label for p in solution.parts if a in p.answers)
            return Refutation(f"the verified counts give {a.name} = {a.expr} and {b.name} = "
                              f"{b.expr}, so it is never {m.group('word').lower()}", part)
    return None


def _bound_claim(solution: Any, words: str, claims: list[Any],
                 scope_value: Any) -> Refutation | None:
    """Why "no method can converge faster than X" is false: a verified rate below X."""
    from optiproof.catalogue.quantities import label_scores

    if not _NO_BEATS.search(words) or scope_value is None:
        return None
    bound = floats(scope_value)
    if not bound:
        return None
    rates = [(p, a) for p, a in _values(solution, lambda q: "rate" in label_scores(q) or q.endswith(
        "rate")) if floats(a.expr)]
    better = [(p, a) for p, a in rates if floats(a.expr)[0] < bound[0] - 1e-12]
    if better:
        p, a = better[0]
        return Refutation(f"part ({p.label}) verifies the {a.name} {floats(a.expr)[0]:.4g}, "
                          f"faster than {bound[0]:.4g}", p.label)
    return None


def general_findings(solution: Any, doc: Any, lay: Any, claims: list[Any],
                     grades: dict[str, PartGrade]) -> None:
    """False-claim findings for the universal and comparative statements of the answer."""
    from optiproof.checking.definitions import Scope, definitions_of

    scope = Scope({}, definitions_of(claims), frozenset())
    for unit in units_of(doc, lay):
        if unit.role in EXCLUDED:
            continue
        for sentence in re.split(r"(?<=[.!?;])\s+(?=[A-Z(*$\\])", unit.text):
            words = re.sub(r"\b(i)\.e\.|\b(e)\.g\.", r"\1\2", plain(sentence)).replace("*", "")
            offset = unit.text.find(sentence)
            if not words:
                continue
            why = None
            same = _SAME.search(words)
            if same and not stance(words, same.end() - 1, same.end()):
                why = _sameness(solution, words)
            compared = _COMPARATIVE.search(words)
            if why is None and compared and len(concepts(sentence).subjects) > 1 \
                    and not stance(words, compared.start(), compared.end()):
                why = _compare_claim(solution, words)
            beaten = _NO_BEATS.search(words)
            if why is None and beaten and not stance(words, beaten.end() - 1, beaten.end()):
                after = unit.start + offset + sentence.lower().rfind("than")
                near = [c for c in claims if after <= c.pos < unit.start + offset + len(sentence)
                        and c.final is not None]
                value = scope.evaluate(near[0].final.value, near[0].pos) if near else None
                why = _bound_claim(solution, words, claims, value)
            if why:
                target = unit.part if unit.part in grades else why.part
                grades[target].add(Finding(
                    "false-claim", target, unit.line,
                    f"states a general rule that the verified answers refute: {why.why}",
                    excerpt=sentence.strip()))
