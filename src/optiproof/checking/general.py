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
            r"(?:steepest[- ]descent|descent) steps?|"
            r"preconditioners?|"
            r"approaches|variants?)\b")
_TARGET = (r"(?:the same (?:point|limit|solution|minimi[sz]er|answer|vector|direction|"
           r"(?:total )?(?:volume|amount of data|traffic|number of (?:messages|bytes)))"
           r"(?![- ](?:plane|hyperplane|set|space|subspace|line|manifold|family|surface|affine|"
           r"region)\b)|"
           r"minimum[- ]norm|min[- ]norm|least[- ]norm|(?:negative|minus) gradient|-g\b|−g\b|"
           r"(?:leaves?|keeps?) the (?:limit|solution|minimi[sz]er|answer)(?: point)?"
           r"(?: of [\w -]{1,30}?)? (?:unchanged|the same|intact))")
_NEW_SUBJECT = r"(?!\s*,?\s*(?:it|they|each|all|both|these|every|any|them|on|forth)\b)"
_CLAUSE = (r"(?:(?!,\s*(?:and\s+)?(?:so|hence|thus|therefore|which means)\b" + _NEW_SUBJECT
           + r")[^.;])")
"""A character of the same clause: a consequence drawn after a comma (", so", ", hence") is a
new clause when it has its own subject ("all updates are multiples of a, so the limit is the
minimum-norm solution" says nothing of all methods), while "..., so it stays in the row space"
and "... and therefore lands on" go on with the same subject."""
_SAME = re.compile(_ALL + _CLAUSE + r"{0,80}?" + _METHODS + _CLAUSE + r"{0,120}?(?:\b|(?=[-−]))"
                   + _TARGET + r"|\b" + _TARGET + _CLAUSE + r"{0,80}?" + _ALL
                   + r"\s+(?:\w+\s+){0,2}" + _METHODS, re.I)
_CONSEQUENCE = re.compile(r"[,;]\s*(?:and\s+)?(?:so|hence|thus|therefore|which means)\b"
                          + _NEW_SUBJECT, re.I)
_UNIVERSAL = re.compile(_ALL + r"\s+(?:[\w-]+\s+){0,3}?" + _METHODS, re.I)
_TARGET_RE = re.compile(_TARGET, re.I)
_HEDGED = re.compile(r"\b(?:not (?:all|every|any|always|necessarily)|some|many|most|may|might|"
                     r"could|typically|usually|often|sometimes|need not|in general,? not|"
                     r"not in general|under (?:some|certain)|only (?:for|when|if)|"
                     r"(?:do|does|did|is|are|will|would|can)(?: not|n't))\b", re.I)
"""Words that make a general statement a hedge or a denial rather than a rule."""
_AT_MOST = re.compile(r"\bat most\b", re.I)
"""A bound, not a hedge, where two steps' lengths are compared ("each coordinate moves by at
most (α/2)‖g‖₁, so the sign step is always shorter")."""
_ALWAYS = re.compile(r"\b(?:always|in (?:every|all) cases?|for (?:every|all|any) \w+|"
                     r"regardless of|whatever|never)\b", re.I)


_PREMISE_LEAD = re.compile(r"^\s*(?:\(?[a-z]\)\s*|(?:part|step)\s+\w+\s*[:.]?\s*)?"
                           r"(?:since|because|as|given that|now that|as long as)\b[^,;]{1,160}?(,)"
                           r"(?!\s*(?:and\s+)?(?:they|it|these|those|each|all|both|every|any|"
                           r"them)\b)", re.I)
_PREMISE_TAIL = re.compile(r"(,)\s*(?:since|because|given that)\b", re.I)


def unpremised(words: str) -> str:
    """The sentence with its premise set apart as a clause of its own (the comma that closes
    "Since every update lies in span(a), ..." or opens ", because every method ..." becomes a
    ';', same length): a quantifier in the reason given is not the subject of the conclusion
    ("the limit is the minimum-norm interpolant"). A conclusion that goes on with the premise's
    subject ("Since all methods start at 0, they all reach ...") keeps it."""
    for pattern in (_PREMISE_LEAD, _PREMISE_TAIL):
        for m in list(pattern.finditer(words)):
            words = words[:m.start(1)] + ";" + words[m.end(1):]
    return words


def _universal_sameness(words: str) -> re.Match | None:
    """A sentence that quantifies over methods ("any gradient-based method", "all first-order
    optimizers") and says they reach one target, the quantifier and the target anywhere in it,
    and not hedged. Naming a few methods is not a universal claim: gradient descent, SGD and
    momentum do share their limit."""
    never = _NEVER_CHANGES.search(words) or _NORM_KEEPS_DIRECTION.search(words)
    if never and not _HEDGED.search(words):
        return never
    if _HEDGED.search(words):
        return None
    at = 0
    for clause in (piece for part in _CONSEQUENCE.split(words) for piece in part.split(";")):
        target = _TARGET_RE.search(clause)
        if target is not None and _UNIVERSAL.search(clause):
            return _TARGET_RE.search(words, words.find(clause, at))
        at += len(clause)
    return None


_NORM_KEEPS_DIRECTION = re.compile(
    r"\b(?:the |a |its )?(?:choice of (?:the )?)?norms?\b[^.;]{0,40}?\bnever (?:changes? |affects? |"
    r"alters? |moves? |turns? )?(?:its |the )?(?:step'?s? )?direction\b"
    r"|\b(?:whatever|any|every|each|all|no matter (?:what|which))\s+(?:\w+\s+)?norms?\b[^.;]{0,80}?"
    r"\b(?:always|just|simply|only|still)\s+(?:be\s+|is\s+)?(?:an?\s+)?(?:re)?scaled\s+(?:copy of the\s+)?"
    r"(?:negative|minus)\s+gradient"
    r"|\b(?:whatever|any|every|each|all|no matter (?:what|which))\s+(?:\w+\s+)?norms?\b[^.;]{0,80}?"
    r"\b(?:always|still)\s+(?:points?|lies|is|goes|moves|runs)\s+(?:exactly\s+|precisely\s+|"
    r"straight\s+)?(?:along|down|parallel to|in the direction of)\s+(?:the\s+)?"
    r"(?:[-−]\s*(?:g|∇\s*f)\b|(?:negative|minus)\s+gradient|minus the gradient)"
    r"|\bthe norm (?:only|just|merely) (?:changes?|affects?|sets?|scales?|rescales?) (?:the )?"
    r"(?:constant|length|scale|size|step size|learning rate|magnitude)\b[^.;]{0,40}$", re.I)
""""The norm only sets the length, never the direction": every norm's step points one way
("whatever norm you pick, the step is always a rescaled negative gradient")."""
_NEVER_CHANGES = re.compile(
    r"\b(?:rescal\w*|preconditio\w*|normali[sz]\w*|standardi[sz]\w*|(?:the )?choice of "
    r"(?:optimi[sz]er|method|algorithm)|momentum|adaptiv\w*)\b[^.;]{0,40}?\bnever (?:changes?|"
    r"affects?|alters?|moves?) (?:the )?(?:limit|point|solution|minimi[sz]er)\b", re.I)
"""A rule with "never" in it is universal by itself ("rescaling never changes the limit") when
it is about what tells the parts' methods apart (a rescaling, a preconditioner, the optimizer);
a constant factor of the loss never moving the limit is true."""


_MIN_NORM = re.compile(r"minimum[- ](?:euclidean[- ])?norm|min[- ]norm|least[- ]norm", re.I)
_DIRECTION = re.compile(r"\bdirection\b|(?:negative|minus) gradient|-g\b|−g\b", re.I)
_COMPARATIVE = re.compile(r"\b(?P<word>fewer|more|less|larger|smaller|bigger|higher|lower|faster|"
                          r"slower)\b(?P<mid>[^.;]{0,60}?)\bthan\b", re.I)
_SMALLER = frozenset({"fewer", "less", "smaller", "lower"})
_NO_BEATS = re.compile(
    r"\bno\b[^.;]{0,40}?(?:" + _METHODS + r"|momentum\b|choices? of [\w -]{1,30}?\b|"
    r"step[- ]?sizes?\b|learning rates?\b|tuning\b)[^.;]{0,80}?\b(?:(?:faster|better)\b[^.;]{0,20}?"
    r"\bthan\b|beats?\b|improves? (?:on|upon)\b|outperforms?\b|do(?:es)? better\b)"
    r"|\bthe (?:best|fastest|optimal|lowest|smallest) (?:possible |achievable )?(?:convergence )?"
    r"(?:contraction )?(?:rate|factor)\b[^.;]{0,20}?\b(?:any|every|all|among)\b[^.;]{0,30}?"
    + _METHODS, re.I)
"""A universal bound on rates: "no method converges faster than X", "no choice of momentum
can beat X", "X is the best rate any first-order method can achieve"."""


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


_SAME_COST = re.compile(r"\bthe same (?:total )?(?:(?P<volume>volume|amount of data|traffic)|"
                        r"number of (?P<messages>messages))\b", re.I)
_COST_NOUN = (r"(?:(?:(?:(?:total|overall|aggregate) )?(?:volume|amount of data|data|traffic|"
              r"(?:number of )?bytes)(?: (?:moved|sent|transferred|communicated|exchanged|on the (?:wire|network)))?)"
              r"|(?:(?:total )?(?:number of |count of |# ?)?messages?|#msgs?|msg count))")
_SCHEMES = r"(?:schemes?|collectives?|rows|topologies|algorithms|methods|ways|approaches)"
_COST_SAME = re.compile(
    _COST_NOUN + r"\b[^.;]{0,40}?\b(?:is|are|stays?|remains?|comes out)\s+(?:exactly\s+|just\s+)?"
    r"(?:the same|identical|equal|unchanged)\b[^.;]{0,30}?\b(?:for|across|in|over|between)\s+"
    r"(?:all|every|each|any|the)\s+(?:\w+\s+){0,2}?" + _SCHEMES + r"\b"
    r"|" + _COST_NOUN + r"\b[^.;]{0,40}?\b(?:does not|doesn't|do not|don't)\s+depend\s+on\s+(?:the\s+)?"
    r"(?:choice of\s+)?(?:the\s+)?(?:scheme|collective|topology|algorithm)\b"
    r"|\b(?:all|every|each|any)\s+(?:\w+\s+){0,2}?" + _SCHEMES + r"\b[^.;]{0,30}?\b(?:move|send|"
    r"transfer|communicate|exchange|need|use|have)s?\s+(?:exactly\s+)?the\s+same\s+(?:total\s+)?"
    + _COST_NOUN, re.I)
"""A cost said to be one for every scheme ("total data moved per step is the same for all three
schemes", "the number of messages does not depend on the scheme", "every scheme sends the same
number of bytes")."""
_NOT_DEPEND = re.compile(r"\b(?:does not|doesn't|do not|don't)\s+depend\s+on\b", re.I)
_SIZE_OF = re.compile(r"\b(?:size|length|width)\s+of\s+(?:each|a|one|every|the)?\s*$", re.I)


def _cost_sameness(claim: str) -> re.Match | None:
    """A cost said to be one for every scheme, not hedged (its own "does not depend" is the rule,
    not a denial) and not about the size of one message."""
    if _HEDGED.search(_NOT_DEPEND.sub(" is one for ", claim)):
        return None
    m = _COST_SAME.search(claim)
    return None if m is None or _SIZE_OF.search(claim[:m.start()]) else m


def _same_cost(solution: Any, words: str) -> Refutation | None:
    """"All three schemes move the same total volume": refuted when the verified costs of two
    schemes (messages, or messages × size for the volume) differ."""
    import sympy

    m = _SAME_COST.search(words)
    volume = bool(m.group("volume")) if m else not re.search(
        r"messag|msg", _cost_sameness(words).group(0), re.I)
    by_scheme: dict[str, dict[str, Any]] = {}
    for p, a in _values(solution, lambda q: q in ("messages", "message-size")):
        by_scheme.setdefault(a.subject, {})[a.quantity] = (p, a.expr)
    costs = []
    for scheme, got in by_scheme.items():
        if "messages" not in got or (volume and "message-size" not in got):
            continue
        try:
            value = sympy.sympify(got["messages"][1]) * (
                sympy.sympify(got["message-size"][1]) if volume else 1)
        except (TypeError, sympy.SympifyError):
            continue
        costs.append((scheme, got["messages"][0], sympy.simplify(value)))
    for scheme, part, value in costs[1:]:
        if sympy.simplify(value - costs[0][2]) != 0:
            what = "volume" if volume else "number of messages"
            return Refutation(f"the verified {what} of {costs[0][0]} is {costs[0][2]} and of "
                              f"{scheme} is {value}", part.label)
    return None


def _sameness(solution: Any, words: str) -> Refutation | None:
    """Why a universal sameness claim is false, or None when the verified answers allow it."""
    from optiproof.checking.expect import array_symbols
    from optiproof.checking.formula import canonical

    if _SAME_COST.search(words) or _cost_sameness(words):
        return _same_cost(solution, words)
    if _DIRECTION.search(words) and not _MIN_NORM.search(words):
        if all(p.search(words) for p in _PENALTY_AND_CONSTRAINT):
            return None  # each norm's penalized and constrained steps, not one step for all
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

    m = _COMPARATIVE.search(words) or _BARE_COMPARATIVE.search(words)
    if not m:
        return None
    always = bool(_ALWAYS.search(words)) and not _HEDGED.search(words)
    left = [x.entry.key for reg in (SCHEMES, OPTIMIZERS) for x in reg.mentions(words[:m.start()])]
    right = [x.entry.key for reg in (SCHEMES, OPTIMIZERS) for x in reg.mentions(words[m.end():])]
    if not left or (right and left[-1] == right[0]) or not (right or always):
        return None
    a_key = left[-1]
    labels = label_scores(m.group("mid") + " " + words[m.end():m.end() + 40])
    if m.group("word").lower() in _SIZE_WORDS and "messages" in labels:
        labels = {"message-size": labels.pop("messages"), **labels}
    smaller = m.group("word").lower() in _SMALLER
    if m.group("word").lower() in ("faster", "slower") and _LATENCY.search(words):
        # "faster for any latency": where each message costs a latency, the scheme that
        # sends more messages takes longer, so "faster" compares the message counts
        labels, smaller = {"messages": 1.0}, m.group("word").lower() == "faster"
    answers = _values(solution, lambda q: q in labels)
    by_subject = {(a.quantity, a.subject): a for _, a in answers}
    others = [right[0]] if right else sorted({s for _, s in by_subject} - {a_key, None})
    import sympy

    for quantity in sorted(labels, key=lambda q: -labels[q]):
        for b_key in others:
            a, b = by_subject.get((quantity, a_key)), by_subject.get((quantity, b_key))
            if a is None or b is None:
                continue
            diff = sympy.sympify(a.expr) - sympy.sympify(b.expr)
            signs = [float(diff.subs(pt)) for pt in _sample_points(diff.free_symbols)]
            holds = [(s < 0) if smaller else (s > 0) for s in signs]
            opposite = [(s > 0) if smaller else (s < 0) for s in signs]
            # "always" falls to one size where the opposite holds strictly (a tie at the
            # smallest size is no counterexample); a plain comparison to none where it holds
            if any(opposite) if always else not any(holds):
                part = next(p.label for p in solution.parts if a in p.answers)
                return Refutation(f"the verified counts give {a.name} = {a.expr} and {b.name} "
                                  f"= {b.expr}, so it is "
                                  f"{'not always' if always else 'never'} "
                                  f"{m.group('word').lower()}", part)
    return None


_LATENCY = re.compile(r"\blatenc(?:y|ies)\b", re.I)
_SIZE_WORDS = frozenset({"smaller", "larger", "bigger", "shorter", "longer"})
"""Comparatives of size: "smaller messages" compares their size, "fewer messages" their
count."""
_BARE_COMPARATIVE = re.compile(r"\b(?P<word>fewer|more|less|larger|smaller|bigger|higher|"
                               r"lower|shorter|longer)\b(?P<mid>[^.;]{0,40})", re.I)
_SHORTER = re.compile(r"\b(?P<word>shorter|longer|smaller|larger|bigger)\b[^.;]{0,40}?\bthan\b",
                      re.I)


_DENIED = re.compile(r"\b(?:not|never|no)\s+(?:\w+\s+){0,3}$|n't\s+(?:\w+\s+){0,3}$", re.I)
"""Right before a comparative: it is denied ("is never shorter", "isn't any smaller")."""


def _norm_comparison(solution: Any, words: str) -> Refutation | None:
    """"The ℓ∞ step is (always) shorter than the ℓ2 step": refuted by a verified length
    ratio of the two steps on the other side of 1."""
    from optiproof.catalogue import NORMS
    from optiproof.checking.sizes import ratio_claim, step_norms

    m = _SHORTER.search(words)
    if not m:
        return None
    left = [key for _, key in step_norms(solution, words[:m.start()])]
    right = [key for _, key in step_norms(solution, words[m.end():])]
    if not left or not right or left[-1] == right[0]:
        return None
    a_key, b_key = left[-1], right[0]
    if _DENIED.search(words[max(0, m.start() - 30):m.start()]):
        if re.search(r"\btimes\s+$", words[:m.start()], re.I):
            return None
        shorter = m.group("word").lower() not in ("shorter", "smaller")
        # "never shorter than" says at least as long
    else:
        shorter = m.group("word").lower() in ("shorter", "smaller")
        ratio = ratio_claim(solution, words, m, (a_key, b_key),
                            bool(_ALWAYS.search(words) or re.search(r"\bin general\b", words,
                                                                    re.I)))
        if ratio is not None:
            return Refutation(*ratio)
    for p, ans in _values(solution, lambda q: q == "compare"):
        found = re.search(r"\bof the (\w+) step to the (\w+) step", ans.name)
        ratio = floats(ans.expr)
        if not found or not ratio or len(ratio) != 1:
            continue
        pair = found.group(1), found.group(2)
        if pair == (b_key, a_key):
            value = 1 / ratio[0]
        elif pair == (a_key, b_key):
            value = ratio[0]
        else:
            continue
        if (shorter and value >= 1) or (not shorter and value <= 1):
            return Refutation(f"part ({p.label}) verifies the {ans.name} = {ratio[0]:.4g}",
                              p.label)
    measured = [x.entry.key for x in NORMS.mentions(m.group(0))]
    return _sampled_lengths(solution, a_key, b_key, measured[0] if measured else None, shorter)


_SAMPLE_GRADIENTS = ((2.0, -1.0), (3.0, -1.0, 2.0), (1.0, 0.5, -0.25, 4.0))
"""Gradients (no zero coordinate, distinct magnitudes: no tie between the norms) at which two
verified steps written for any gradient are compared."""
_ORDERS = {"1": 1.0, "2": 2.0, "∞": float("inf")}
"""A vector norm's first subscript -> its order (as numpy counts it)."""


def _order(key: str | None) -> float | None:
    """The order of the vector norm ``key`` (the Euclidean one, 2, when no norm is named)."""
    from optiproof.catalogue import NORMS

    if key is None:
        return 2.0
    entry = NORMS.get(key)
    if entry is None or entry.is_matrix or not entry.index:
        return None
    return _ORDERS.get(entry.index[0])


def _step_at(expr: Any, g: tuple[float, ...], alpha: float) -> Any:
    """A verified step written for any gradient (``-α g/2``, ``-(α/2)‖g‖₁ sign(g)``) at the
    gradient ``g`` and the scalar ``alpha``: a numeric vector, or None when it holds other
    symbols. A numeric step is itself."""
    import numpy as np
    import sympy

    from optiproof.checking.formula import canonical

    if isinstance(expr, sympy.MatrixBase):
        try:
            return np.array([float(x) for x in expr], dtype=float)
        except TypeError:
            return None
    value = canonical(expr)
    if not isinstance(value, sympy.Expr):
        return None
    vec = np.array(g)
    scalars: dict[Any, float] = {}
    vector = None
    for sym in value.free_symbols:
        name = sym.name
        if name == "g":
            vector = vec if vector is None else vector
        elif name in ("alpha", "eta"):
            scalars[sym] = alpha
        elif name.startswith("NORM") and name.endswith("Xg"):
            order = {"1": 1, "2": 2, "max": np.inf}.get(name[4:-2])
            if order is None:
                return None
            scalars[sym] = float(np.linalg.norm(vec, order))
        elif name != "SIGNXg":
            return None
    coeff = {s: value.coeff(s) for s in value.free_symbols if s.name in ("g", "SIGNXg")}
    if len(coeff) != 1 or any(c.has(s) for s in coeff for c in coeff.values()):
        return None
    (sym, factor), = coeff.items()
    try:
        scale = float(factor.subs(scalars))
    except TypeError:
        return None
    return scale * (vec if sym.name == "g" else np.sign(vec))


def _sampled_lengths(solution: Any, a_key: str, b_key: str, measure: str | None,
                     shorter: bool) -> Refutation | None:
    """"The ℓ∞ step is always shorter than the ℓ2 step" where no part gives their length
    ratio: the two verified steps (the parts' update answers for those norms) measured at a
    few gradients; refuted when one of them is on the other side."""
    import numpy as np

    from optiproof.catalogue import NORMS

    steps = {a.subject: (p, a) for p, a in _values(solution, lambda q: q == "update")}
    order = _order(measure)
    if a_key not in steps or b_key not in steps or order is None:
        return None
    (pa, a), (pb, b) = steps[a_key], steps[b_key]
    for g in _SAMPLE_GRADIENTS:
        ua, ub = _step_at(a.expr, g, 0.5), _step_at(b.expr, g, 0.5)
        if ua is None or ub is None:
            return None
        if ua.shape != ub.shape:
            continue
        la, lb = (float(np.linalg.norm(u, order)) for u in (ua, ub))
        if lb == 0 or (shorter and la <= lb * (1 + 1e-12)) or (not shorter and la >= lb * (
                1 - 1e-12)):
            continue
        where = f"g = ({', '.join(f'{x:g}' for x in g)})" if a.expr.free_symbols or \
            b.expr.free_symbols else "the given gradient"
        name_a, name_b = (getattr(NORMS.get(k), "name", k) for k in (a_key, b_key))
        return Refutation(
            f"at {where} the verified step of the {name_a} (part ({pa.label})) has length "
            f"{la:.4g} and the step of the {name_b} (part ({pb.label})) {lb:.4g}: it is not "
            f"{'shorter' if shorter else 'longer'}", pa.label)
    return None


_INVARIANT = re.compile(r"\b(?:invariant (?:to|under)|unaffected by|independent of|"
                        r"(?:leaves?|keeps?) the (?:update|step) unchanged|does not depend on)\b"
                        r"[^.;]{0,60}?\b(?:(?:re)?scal\w*|multiply\w*|constant|loss)\b", re.I)


def _invariance_claim(solution: Any, words: str) -> Refutation | None:
    """"Euclidean steepest descent is invariant to rescaling the loss": refuted when the
    verified update of that method or norm changes with the gradient's scale."""
    import sympy

    from optiproof.catalogue import NORMS, OPTIMIZERS

    m = _INVARIANT.search(words)
    if not m:
        return None
    head = words[:m.start()]
    norms = {x.entry.key for x in NORMS.mentions(head)}
    methods = {x.entry.key for x in OPTIMIZERS.mentions(head)}
    if not norms and not methods:
        return None
    from optiproof.checking.formula import canonical

    c = sympy.Symbol("c_scale", positive=True)
    for p, ans in _values(solution, lambda q: q == "update"):
        named = {x.entry.key for x in OPTIMIZERS.mentions(plain(p.identified_as or ""))}
        if ans.subject not in norms and not (named & methods):
            continue
        try:
            expr = canonical(ans.expr)
            gradients = [s for s in expr.free_symbols
                         if s.name == "g" or s.name.startswith(("g_", "NORM"))]
            if not gradients or isinstance(expr, sympy.MatrixBase):
                continue
            scaled = expr.xreplace({g: c * g for g in gradients})
            changed = sympy.simplify(scaled - expr) != 0
        except Exception:  # noqa: BLE001 -- a formula SymPy cannot scale decides nothing
            continue
        if changed:
            return Refutation(f"the verified update of part ({p.label}), {ans.expr}, changes "
                              "when the gradient is scaled", p.label)
    return None


_FOR_EVERY = re.compile(
    r"\b(?:for (?:every|any|all|each)|regardless of|whatever|independent(?:ly)? of|no matter)\s+"
    r"(?:(?:the\s+)?(?:values?|choices?|settings?) of\s+)?(?:the\s+)?"
    r"(?P<sym>ε|epsilon|eps|λ|lambda|weight decay|damping|stability constant)\b"
    r"|\beven (?:with|for|when|if) (?P<pos>ε|epsilon|eps|λ|lambda)\s*"
    r"(?:>|≠|!=|is (?:positive|nonzero|non-zero))", re.I)
_INVARIANCE = re.compile(r"\b(?:invarian\w*|unchanged|identical|unaffected|does not change|"
                         r"doesn't change|stays? the same|is the same)\b", re.I)
_SYMBOL_OF = {"ε": "epsilon", "epsilon": "epsilon", "eps": "epsilon", "damping": "epsilon",
              "stability constant": "epsilon", "λ": "lambda", "lambda": "lambda",
              "weight decay": "lambda"}


def _invariance_for_every(solution: Any, words: str) -> Refutation | None:
    """"The update is scale invariant for every value of ε": refuted when a verified update
    written with that constant changes under the loss scale (gradients and first moments times
    c, second moments times c²) for a positive value of it."""
    import sympy

    from optiproof.checking.formula import canonical

    m = _FOR_EVERY.search(words)
    if m is None or not _INVARIANCE.search(words) or not re.search(r"scal|multipl", words, re.I):
        return None
    name = _SYMBOL_OF[(m.group("sym") or m.group("pos")).lower()]
    c = sympy.Symbol("c_scale", positive=True)
    for p, ans in _values(solution, lambda q: "update" in q or q == "loss-scaling"):
        try:
            expr = canonical(ans.expr)
            if isinstance(expr, sympy.MatrixBase):
                continue
            constant = [x for x in expr.free_symbols if x.name == name]
            if not constant:
                continue
            scale = {}
            for x in expr.free_symbols:
                base = x.name.split("_")[0]
                if base in ("g", "m", "mhat") or x.name.startswith("NORM"):
                    scale[x] = c * x
                elif base in ("v", "vhat"):
                    scale[x] = c ** 2 * x
            if not scale:
                continue
            positive = {x: sympy.Symbol(x.name, positive=True) for x in expr.free_symbols}
            plain_expr = expr.xreplace(positive)
            scaled = expr.xreplace(scale).xreplace(positive)
            changed = sympy.simplify(scaled - plain_expr) != 0
        except Exception:  # noqa: BLE001 -- a formula SymPy cannot scale decides nothing
            continue
        if changed:
            return Refutation(f"the verified update of part ({p.label}), {ans.expr}, changes "
                              f"with the loss scale when {m.group('sym') or m.group('pos')} > 0",
                              p.label)
    return None


_NO_MATTER = re.compile(
    r"\b(?:no matter how many|regardless of (?:the number of|how many)|independent(?:ly)? of "
    r"(?:the number of|how many)|whatever the number of|for any number of|"
    r"(?:does not|doesn't|do not|don't|never) (?:depend on|grow with|change with|scale with) "
    r"(?:the number of|how many))\s+"
    r"(?:workers|gpus|nodes|machines|ranks|processes|devices)\b", re.I)
_FADES = re.compile(
    r"\b(?P<what>load|traffic|volume|bottleneck|congestion)\b[^.;]{0,30}?\b(?:disappears?|"
    r"vanish(?:es)?|goes away|shrinks?|decreases?|diminishes|drops? off|dissolves?)\s+"
    r"(?:for (?:large|many|big)|as|when|once|with (?:more|many|large))\b[^.;]{0,25}?"
    r"\b(?:n|workers|gpus|nodes|machines|ranks|devices)\b", re.I)
"""A cost said to fade as the cluster grows ("the server bottleneck disappears for large n")."""
_TRAFFIC = (("volume", re.compile(r"\b(?:traffic|volume|load|bottleneck|bandwidth|data|bytes|values "
                                  r"(?:sent|received))\b", re.I)),
            ("messages", re.compile(r"\bmessages\b", re.I)),
            ("message-size", re.compile(r"\b(?:size of (?:each|a|one) message|message size|"
                                        r"chunk)\b", re.I)))


def _independence_claim(solution: Any, words: str) -> Refutation | None:
    """"The traffic through the server is 2p no matter how many workers there are": refuted
    when the verified cost of that scheme (its message count, message size, or their product
    for traffic) grows with the worker count ``n``."""
    from optiproof.catalogue import SCHEMES
    from optiproof.catalogue.schemes import PARAMETER_SERVER

    m = _NO_MATTER.search(words)
    fades = None if m else _FADES.search(words)
    if fades is not None:
        if fades.group("what").lower() == "bottleneck" and \
                not re.search(r"\bserver\b", words[:fades.end()], re.I):
            return None  # a ring or tree has no central node to be the bottleneck
        m = fades
    if not m:
        return None
    head = words[:m.end() if fades is not None else m.start()]
    if re.search(r"\b(?:each|every|per|one|a single|the busiest) (?:worker|node|gpu|rank|device)",
                 head, re.I):
        return None  # a per-worker cost; the verified costs here are totals
    schemes = [x.entry.key for x in SCHEMES.mentions(head)] or (
        [PARAMETER_SERVER.key] if re.search(r"\bserver\b", head, re.I) else [])
    what = next((q for q, pattern in _TRAFFIC if pattern.search(head)), None)
    if not schemes or what is None:
        return None
    costs = {(a.subject, a.quantity): (p, a.expr) for p, a in _values(solution, lambda q: True)}
    parts = [costs.get((schemes[-1], q)) for q in (("messages", "message-size")
                                                   if what == "volume" else (what,))]
    if any(x is None for x in parts):
        return None
    import sympy

    try:
        value = sympy.Mul(*(sympy.sympify(expr) for _, expr in parts))
    except (TypeError, sympy.SympifyError):
        return None
    if "n" not in {s.name for s in value.free_symbols}:
        return None
    return Refutation(f"the verified {what.replace('-', ' ')} of {schemes[-1]} is {value}, "
                      "which grows with the number of workers n", parts[0][0].label)


_NEVER_EXCEEDS = re.compile(
    r"\b(?:step|update)s?\b[^.;]{0,40}?\b(?:can ?not|can't|never|will not|won't|cannot|"
    r"(?:is|are) (?:always )?(?:at most|bounded by|no (?:larger|bigger|more) than))\s*"
    r"(?:(?:be )?(?:exceed|be (?:larger|bigger|greater|more) than|go (?:above|beyond)))?\s*"
    r"(?P<x>[^\s,;]+)", re.I)


_QUALIFIED_STEP = re.compile(r"\b(?:first|initial|typical(?:ly)?|usual(?:ly)?|rough(?:ly)?|"
                             r"approximately|about|nearly|almost|in practice|t\s*=\s*1)\b|~|≈|≲",
                             re.I)


def _exceed_claim(solution: Any, words: str) -> Refutation | None:
    """"Adam's step can never exceed α": refuted when the verified largest step (and every
    bound the family accepts as an answer) is larger than the stated ceiling."""
    from optiproof.checking.expect import notation
    from optiproof.checking.formula import parse_value
    from optiproof.checking.definitions import substitute
    from optiproof.checking.hooks import checker_of

    m = _NEVER_EXCEEDS.search(words)
    if not m or _QUALIFIED_STEP.search(words[:m.end()]):
        return None
    for part in solution.parts:
        bounds = [floats(a.expr) for a in part.answers
                  if a.quantity == "step-bound" and a.expr is not None]
        bounds = [b[0] for b in bounds if b and len(b) == 1]
        if not bounds:
            continue
        ceiling = floats(substitute(parse_value(m.group("x").rstrip(".")), notation(part)))
        if not ceiling or len(ceiling) != 1:
            return None
        hook = checker_of(part)
        accepted = [x[0] for x in (floats(b) for b in getattr(
            hook, "accepted_bounds", lambda _: [])(part)) if x and len(x) == 1]
        floor = min([max(bounds), *accepted])
        if ceiling[0] < floor - 1e-12:
            return Refutation(f"part ({part.label}) verifies steps up to {max(bounds):.4g}, "
                              f"above {ceiling[0]:.4g}", part.label)
    return None


_ALWAYS_SIGNED = re.compile(
    r"(?P<q>[^.;,]{3,80}?)\s+(?:is|are|stays?|remains?)\s+always\s+(?:(?P<rel>≥|>=|>|≤|<=|<|at least|"
    r"at most|greater than|less than|above|below)\s*(?P<x>[-−]?\d+(?:\.\d+)?)(?![\d.]\d)|"
    r"(?P<word>non-?negative|positive|non-?positive|negative))", re.I)
"""A sign or bound claimed of a quantity for every problem ("the optimal value … is always ≥ 0",
"the minimum is always negative")."""
_SIGNED_WORDS = {"nonnegative": (">=", 0.0), "non-negative": (">=", 0.0), "positive": (">", 0.0),
                 "nonpositive": ("<=", 0.0), "non-positive": ("<=", 0.0), "negative": ("<", 0.0)}
_RELATIONS = {"≥": ">=", "at least": ">=", "≤": "<=", "at most": "<=", "greater than": ">",
              "above": ">", "less than": "<", "below": "<"}


def _signed_claim(solution: Any, words: str) -> Refutation | None:
    """"The optimal value is always ≥ 0": refuted by a verified answer of that quantity (the
    words before "always" name it by a catalogue label) that breaks the bound."""
    import operator

    from optiproof.catalogue.quantities import label_scores

    ops = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}
    for m in _ALWAYS_SIGNED.finditer(words):
        named = label_scores(m.group("q")[-60:])
        if not named:
            continue
        quantity = max(named, key=named.get)
        if m.group("word"):
            rel, bound = _SIGNED_WORDS[m.group("word").lower()]
        else:
            rel = _RELATIONS.get(m.group("rel").lower(), m.group("rel"))
            bound = float(m.group("x").replace("−", "-"))
        for part, ans in _values(solution, lambda q: q == quantity):
            value = floats(ans.expr)
            if value and len(value) == 1 and not ops[rel](value[0], bound):
                return Refutation(f"part ({part.label}) verifies the {ans.name} = "
                                  f"{value[0]:.4g}, which is not {rel} {bound:g}", part.label)
    return None


_NO_STABLE_STEP = re.compile(
    r"\b(?:no|none of the|not a single)\b[^.;]{0,60}?" + _METHODS + r"[^.;]{0,80}?\b(?:stable|"
    r"converges?|convergent)\b[^.;]{0,40}?\b(?:steps?|step[- ]sizes?|learning rates?|α|alpha)\b"
    r"[^.;]{0,12}?\b(?:larger|greater|bigger|higher|above|beyond|exceeding|over|more)\b(?: than)?\s*"
    r"(?P<x>[^\s,;]+)"
    r"|" + _ALL + r"[^.;]{0,60}?" + _METHODS + r"[^.;]{0,60}?\b(?:diverges?|is unstable|are unstable|"
    r"blows? up)\b[^.;]{0,30}?\b(?:steps?|step[- ]sizes?|learning rates?|α|alpha)\b[^.;]{0,12}?"
    r"\b(?:larger|greater|bigger|higher|above|beyond|exceeding|over|more)\b(?: than)?\s*"
    r"(?P<y>[^\s,;]+)", re.I)
"""A ceiling on the stable step of every method ("no first-order method can be stable with a
step larger than 2/L", "all methods diverge for step sizes above 2/L")."""


def _names_of(part: Any, defined: dict[str, Any]) -> dict[str, Any]:
    """The problem's notation of a part and the answer's own definitions, each also under its
    lower-case name where that is unambiguous (the words are read in lower case: "2/l" is 2/L)."""
    from optiproof.checking.expect import notation

    names = {**defined, **notation(part)}
    lower: dict[str, Any] = {}
    for key, value in names.items():
        lower.setdefault(key.lower(), []).append(value)
    return {**{k: v[0] for k, v in lower.items() if len(v) == 1}, **names}


def _stable_step_claim(solution: Any, words: str, defined: dict[str, Any]) -> Refutation | None:
    """Why a ceiling on every method's stable step is false: a part verifies a convergent
    (optimal) step of some method above it. The ceiling is read with the problem's notation
    and the answer's own definitions (``L = 10``) in force."""
    from optiproof.checking.definitions import substitute
    from optiproof.checking.formula import parse_value

    m = _NO_STABLE_STEP.search(words)
    if not m:
        return None
    written = (m.group("x") or m.group("y")).rstrip(".")
    for part in solution.parts:
        ceiling = floats(substitute(parse_value(written), _names_of(part, defined)))
        if not ceiling or len(ceiling) != 1:
            continue
        for a in part.answers:
            value = floats(a.expr) if a.quantity == "optimal-step" and a.expr is not None \
                else None
            if value and len(value) == 1 and value[0] > ceiling[0] + 1e-12:
                return Refutation(f"part ({part.label}) verifies the {a.name} {value[0]:.4g} of "
                                  f"{a.subject or 'its method'}, a convergent step above "
                                  f"{ceiling[0]:.4g}", part.label)
    return None


_STEP_SYMBOL = (r"(?:α|alpha|η|eta|lr|γ|gamma|(?:the |a )?step[- ]?(?:size)?|(?:the |a )?learning rate)")
_STEP_VALUE = r"\s*(?:=|:=|of|equal to)\s*(?P<{}>2\s*/\s*(?:L|λ_?(?:max|\{{max\}}))|[0-9][0-9.]*(?:\s*/\s*[0-9][0-9.]*)?)(?![\w./])"
_CONVERGES_AT = re.compile(
    r"\b(?:at|for|with|using|when|taking)\s+" + _STEP_SYMBOL + _STEP_VALUE.format("v") + r"(?![\w.])[^.;]{0,60}?"
    r"\b(?:still\s+|also\s+|even\s+)?(?:converges?|is (?:still )?stable|remains stable|stays stable|"
    r"contracts|is (?:still )?fine)\b"
    r"|\b(?:converges?|is (?:still )?stable|remains stable|stays stable)\b[^.;]{0,40}?\b(?:even\s+)?"
    r"(?:at|for|with)\s+" + _STEP_SYMBOL + _STEP_VALUE.format("w") + r"(?![\w.])", re.I)
"""A step at which a method is said to converge ("at α = 0.2 gradient descent still converges",
"GD is stable even with η = 2/L")."""


def _converges_at_claim(solution: Any, words: str, defined: dict[str, Any]) -> Refutation | None:
    """Why "GD converges at α = v" is false: a part verifies the largest stable step s of that
    method (convergence for α < s only), and v ≥ s. Along the top eigen-direction (λ = 2/s) the
    error is multiplied by 1 − vλ each step, which is worked out: −1 at the boundary (it
    oscillates for ever), below −1 beyond it."""
    import sympy

    from optiproof.catalogue import OPTIMIZERS
    from optiproof.checking.definitions import substitute
    from optiproof.checking.formula import parse_value

    m = _CONVERGES_AT.search(words)
    if m is None:
        return None
    named = {x.entry.key for x in OPTIMIZERS.mentions(words)}
    for part in solution.parts:
        for a in part.answers:
            if a.quantity != "max-step" or a.expr is None or (named and a.subject not in named):
                continue
            limit = sympy.nsimplify(a.expr)
            written = m.group("v") or m.group("w")
            if re.fullmatch(r"2\s*/\s*[lλ].*", written, re.I):
                v = limit  # 2/L is the largest stable step itself, whatever the answer calls L
            else:
                got = floats(substitute(parse_value(written), _names_of(part, defined)))
                if not got or len(got) != 1:
                    continue
                v = sympy.nsimplify(got[0], rational=True)
            if not limit.is_positive:
                continue
            if v < limit:
                continue
            factor = sympy.simplify(1 - v * 2 / limit)
            return Refutation(f"part ({part.label}) verifies the largest stable step {limit} "
                              f"(convergence for steps strictly below it); at {v} the error along "
                              f"the top eigen-direction (λ = {sympy.simplify(2 / limit)}) is "
                              f"multiplied by 1 − {v}·{sympy.simplify(2 / limit)} = {factor} each "
                              "step, so it does not converge", part.label)
    return None


def _bound_value(beaten: re.Match, sentence: str, start: int, claims: list[Any],
                 scope: Any) -> Any:
    """The bound a universal rate statement names: the first value after its verb ("beat
    9/11", "faster than 0.8"), or for "X is the best rate any method achieves" the last value
    before it."""
    end = start + len(sentence)
    readable = [c for c in claims if start <= c.pos < end and c.final is not None]
    if beaten.group(0).lower().startswith("the "):
        cut = start + _offset_of(sentence, beaten.group(0)[:20])
        near = [c for c in readable if c.pos < cut][-1:]
        if not near and _ANAPHOR.match(sentence):
            # "This is the best rate any method reaches": the value of the sentence before
            near = [c for c in claims if start - 400 <= c.pos < start and c.final is not None
                    and not c.excluded][-1:]
    else:
        verb = re.search(r"(?:than|beats?|improves? (?:on|upon)|outperforms?|do(?:es)? better)\s*$",
                         beaten.group(0), re.I)
        cut = start + _offset_of(sentence, verb.group(0).strip() if verb else "than")
        near = [c for c in readable if c.pos >= cut][:1]
    return scope.evaluate(near[0].final.value, near[0].pos) if near else None


_ANAPHOR = re.compile(r"\s*[*_]*\s*(?:this|that|it|which|these)\b", re.I)
"""A sentence that opens by pointing back ("This is also the best rate ...")."""


def _offset_of(sentence: str, phrase: str) -> int:
    """Where ``phrase`` (plain words) stands in ``sentence`` (case-insensitive), else its end."""
    at = sentence.lower().find(phrase.lower())
    return at if at >= 0 else len(sentence)


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
    named = concepts(words).subjects
    if named and not _UNIVERSAL.search(words):  # "no step size beats 9/11 for plain GD"
        rates = [(p, a) for p, a in rates if a.subject in named]
    # faster beyond the precision the bound is written to (9/11 is not faster than "0.8182")
    better = [(p, a) for p, a in rates if floats(a.expr)[0] < bound[0] - max(1e-12, 1e-3 * abs(
        bound[0]))]
    if better:
        p, a = better[0]
        return Refutation(f"part ({p.label}) verifies the {a.name} {floats(a.expr)[0]:.4g}, "
                          f"faster than {bound[0]:.4g}", p.label)
    return None


_ESTIMATES = re.compile(
    r"(?P<sym>[^\s,;:()]+)\s+is\s+(?:an?\s+)?(?:unbiased\s+)?(?:estimate|estimator)\s+of\s+"
    r"(?:the\s+)?(?P<what>variance|mean|expected value|expectation|(?:raw |uncentred |uncentered |"
    r"non-central )?second moment|first moment|(?:diagonal of the |diagonal )?hessian(?: diagonal)?|"
    r"(?:local )?curvature)\b", re.I)
_MOMENT_WORDS = {"variance": "var", "mean": "mean", "expected value": "mean", "expectation": "mean",
                 "first moment": "mean", "second moment": "second"}


def _same_moment(value: Any, target: Any) -> bool:
    """The verified expectation is the named moment times a factor free of the moments
    (``ν(1 − β₂ᵗ)`` for ``ν``): the same moment, estimated with a bias."""
    import sympy

    if target == 0:
        return False
    ratio = sympy.simplify(value / target)
    return ratio != 0 and not (ratio.free_symbols & target.free_symbols)


def _estimator_claim(solution: Any, words: str) -> Refutation | None:
    """"v̂_t is an unbiased estimate of the variance of the gradient": refuted when the
    verified expectation of v̂_t is another moment (E[g²], not E[g²] - E[g]²)."""
    import sympy

    from optiproof.checking.expect import expectations, notation
    from optiproof.checking.formula import base_and_index, symbol_key

    m = _ESTIMATES.search(words)
    if not m:
        return None
    said = m.group("what").lower()
    what = "curvature" if re.search(r"hessian|curvature", said) else _MOMENT_WORDS[
        re.sub(r"^(?:raw|uncentred|uncentered|non-central) ", "", said)]
    key = "EXPX" + base_and_index(symbol_key(m.group("sym")))[0]
    for part in solution.parts:
        names = notation(part)
        mean, second = names.get("EXPXg"), names.get("EXPXgP2")
        if mean is None or second is None:
            continue
        target = {"mean": mean, "second": second, "var": second - mean ** 2}.get(what)
        for exp in expectations(part):
            if key not in exp.symbols or exp.value is None:
                continue
            if target is None:  # the loss's curvature is nowhere in a moment of its gradient
                return Refutation(f"part ({part.label}) verifies E[{m.group('sym')}] = "
                                  f"{exp.value}, a moment of the gradient, not the "
                                  f"{m.group('what').lower()}", part.label)
            value = sympy.sympify(exp.value)
            if "unbiased" not in m.group(0).lower() and _same_moment(value, target):
                continue  # "v_t estimates the second moment": biased by a factor, still that one
            if sympy.simplify(value - target) != 0:
                return Refutation(f"part ({part.label}) verifies E[{m.group('sym')}] = "
                                  f"{exp.value}, not the {m.group('what').lower()}",
                                  part.label)
    return None


_EQUIVALENT_TO = re.compile(r"\b(?:exactly |precisely |fully )?(?:equivalent to|identical to|"
                            r"the same as|reproduces?|the same thing as|"
                            r"(?:is|are) (?:just|simply|merely|nothing but|really just)|"
                            r"amounts? to)\b", re.I)
_RESCALED = re.compile(r"\b(?:coefficient|rescal\w*|scaled|choosing|with \w+ (?:=|replaced))\b",
                       re.I)


_BOTH_SAME = re.compile(r"\b(?:are|is|be|become|becomes)\s+(?:\w+\s+){0,2}?(?:equivalent|identical|the same|"
                        r"interchangeable)\b(?!\s+(?:to|with)\b|\s+as\b(?!\s+well\b))", re.I)
"""A symmetric sameness ("AdamW and Adam + L2 are equivalent", "these two are actually
equivalent"): both names stand before it, or in the sentence before when it points back."""
_BOTH = re.compile(r"^\s*(?:[\w ,=ε0-9]{0,40}?[,\s]\s*)?(?:however,\s*)?(?:these two|the two|both|they|"
                   r"these)\b", re.I)


_SETTING = re.compile(r"(?<![\w^_])(?P<sym>[βb]eta_?[12]|β_?[12]|ε|eps(?:ilon)?|λ|lambda|α|alpha|"
                      r"[\w^̂_]+)\s*=\s*(?P<val>\d+(?:\.\d+)?)\b(?!\s*[-+*/^])", re.I)
_HYPER = {"beta1": ("beta_1", "beta1"), "beta2": ("beta_2", "beta2"), "epsilon": ("epsilon",),
          "lambda": ("lambda",), "alpha": ("alpha",)}
"""The hyper-parameters a setting may fix, with the names their symbols take in an answer."""


def _settings(words: str) -> dict[str, Any] | None:
    """The hyper-parameters a sentence fixes ("with β1 = 0", "for ε = 0"), by canonical name;
    None when it fixes nothing, or fixes something else (a state "v̂ = 1"), which may well
    make two answers agree."""
    import sympy

    out: dict[str, Any] = {}
    for m in _SETTING.finditer(words):
        raw = m.group("sym").lower().replace("_", "").replace("β", "beta").replace("ε", "eps")
        key = {"beta1": "beta1", "beta2": "beta2", "eps": "epsilon", "epsilon": "epsilon",
               "λ": "lambda", "lambda": "lambda", "α": "alpha", "alpha": "alpha"}.get(raw)
        if key is None:
            return None
        out[key] = sympy.Rational(m.group("val"))
    return out or None


def _named(name: str, key: str) -> bool:
    """Is an answer's symbol ``name`` the hyper-parameter ``key``?"""
    return name.lower() in _HYPER[key]


def _both_named(words: str, before: str) -> str | None:
    """``X and Y are equivalent`` (or ``these two are equivalent`` after a sentence naming X and
    Y) rewritten as ``X is equivalent to Y``; None when it names no two methods."""
    from optiproof.catalogue import OPTIMIZERS, SCHEMES

    m = _BOTH_SAME.search(words)
    if not m or _EQUIVALENT_TO.search(words):
        return None
    head = words[:m.start()]
    cuts = [c.end() for c in re.finditer(r";|\bbut\b", head)]
    names = [x.phrase for reg in (OPTIMIZERS, SCHEMES) for x in reg.mentions(head[cuts[-1]:])
             ] if cuts else []  # "the two differ for SGD; but for Adam X and Y are the same"
    if len(set(names)) < 2:
        names = [x.phrase for reg in (OPTIMIZERS, SCHEMES) for x in reg.mentions(head)]
    if not names and _BOTH.match(words[:m.start()]):  # "for SGD the two are": not these two
        names = [x.phrase for reg in (OPTIMIZERS, SCHEMES) for x in reg.mentions(before)]
    names = list(dict.fromkeys(n.lower() for n in names))
    if len(names) < 2:
        return None
    return f"{names[0]} is equivalent to {names[-1]}. {words[m.end():]}"


def _equivalence_claim(solution: Any, words: str, before: str = "") -> Refutation | None:
    """"AdamW with decay λ is exactly L2-regularised Adam with coefficient λ/α": refuted when
    the verified answers of the two methods for one quantity differ by a factor that depends
    on the state (so no constant choice of coefficient makes them equal), or, with no
    rescaling mentioned, differ at all."""
    import sympy

    from optiproof.catalogue import OPTIMIZERS, SCHEMES

    settings = _settings(words)
    both = _both_named(words, before)
    if both is not None:
        words = both
    m = _EQUIVALENT_TO.search(words)
    if not m:
        return None
    left = [x.entry.key for reg in (OPTIMIZERS, SCHEMES) for x in reg.mentions(words[:m.start()])]
    right = [x.entry.key for reg in (OPTIMIZERS, SCHEMES) for x in reg.mentions(words[m.end():])]
    if not left or not right or left[-1] == right[0]:
        return None
    a_key, b_key = left[-1], right[0]
    rescaled = bool(_RESCALED.search(words))
    answers = _values(solution, lambda q: True)
    for p, a in answers:
        if a.subject != a_key:
            continue
        for _, b in answers:
            if b.subject != b_key or b.quantity != a.quantity:
                continue
            try:
                ratio = sympy.simplify(sympy.sympify(a.expr) / sympy.sympify(b.expr))
            except Exception:  # noqa: BLE001 -- answers SymPy cannot divide decide nothing
                continue
            state = {s for s in ratio.free_symbols if s.name not in ("alpha", "lambda")}
            if settings and not rescaled:
                fixed = ratio.xreplace({s: v for s in ratio.free_symbols
                                        for k, v in settings.items() if _named(s.name, k)})
                if sympy.simplify(fixed - 1) != 0:
                    shown = ", ".join(f"{k} = {v}" for k, v in settings.items())
                    return Refutation(f"the verified {a.name} and {b.name} differ by the "
                                      f"factor {ratio}, which is not 1 with {shown}", p.label)
                continue
            if (rescaled and state) or (not rescaled and ratio != 1 and ratio.is_number):
                which = ("depends on " + ", ".join(sorted(s.name for s in state))
                         if state else "is not 1")
                return Refutation(f"the verified {a.name} and {b.name} differ by the factor "
                                  f"{ratio}, which {which}", p.label)
    return None


_ALWAYS_EXISTS = re.compile(
    r"\b(?:always|every|any|all|each|necessarily|guaranteed to)\b[^.;]{0,100}?"
    r"\b(?:attains?|has|have|admits?|reach(?:es)?|possess(?:es)?|achieves?)\s+"
    r"(?:a\s+|an\s+|its\s+)?(?:finite\s+|"
    r"well-defined\s+|unique\s+)?(?:minimi[sz]ers?|minimum|minimal value|optimum|optimal step|"
    r"best step)\b"
    r"|\b(?:minimi[sz]er|minimum|optimum|best step)\s+(?:always|necessarily)\s+exists?\b", re.I)
_EXISTENCE_CONDITION = re.compile(r"\b(?:coerciv\w*|bounded below|strongly convex|compact|"
                                  r"closed and bounded|squared|if|when|whenever|provided|as long "
                                  r"as|below the threshold)\b|\bfor\s+(?:α|alpha|η|eta|λ)\b|[<≤]",
                                  re.I)
"""A condition under which a minimiser does exist (a coercive objective, a step below the
threshold): the statement is then true, not a rule for every case."""


def _existence_claim(solution: Any, words: str) -> Refutation | None:
    """"A convex objective always attains a finite minimiser": refuted by a part whose verified
    answer is that the objective is unbounded below (no minimiser). A statement made under a
    condition that guarantees one (coercive, bounded below, strongly convex) is not refuted."""
    m = _ALWAYS_EXISTS.search(words)
    if m is None:
        return None
    cuts = [c.end() for c in re.finditer(r",\s*(?:and|but|so|while)\b|[;:]", words[:m.start()])]
    if _EXISTENCE_CONDITION.search(words[(cuts or [0])[-1]:m.end() + 60]):
        return None  # the condition of the clause that states it
    for p in solution.parts:
        if any(a.status == "unbounded" for a in p.answers):
            return Refutation(f"part ({p.label}) verifies that the objective is unbounded below: "
                              "there is no minimiser", p.label)
    return None


_EVERY_FUNCTION = re.compile(
    r"\b(?:every|all|any|each|arbitrary|general|whatever)\b(?:\s+[\w,μ-]+){0,6}?\s+(?:functions?|"
    r"objectives?|problems?|loss(?:es)?)\b|\bnot (?:special|specific|limited|restricted) to "
    r"quadratics?\b|\b(?:beyond|not just|not only|not merely)(?: on| for| to| in)? "
    r"quadratics?\b", re.I)
_RATE_WORDS = re.compile(r"\b(?:rate|accelerat\w*|converges?|convergence|speed[- ]?up|"
                         r"contraction|linearly|geometric\w*|reach(?:es)?)\b", re.I)


def _beyond_quadratics(words: str) -> bool:
    """The rate is claimed on every function of a class wider than quadratics."""
    return bool(_EVERY_FUNCTION.search(words)) and not (
        re.search(r"\bquadratics?\b", words, re.I) and not re.search(
            r"not (?:special|specific|limited|restricted) to quadratic|beyond quadratic|"
            r"not (?:just|only|merely) (?:on |for |to |in )?quadratic|quadratics are just", words,
            re.I))


_NONCONVEX = re.compile(r"\bnon-?convex\b|\bconvex or not\b|\bwhether (?:or not )?(?:it is |"
                        r"they are )?convex\b|\b(?:any|every|all|each)\s+(?:l-?)?smooth "
                        r"(?:functions?|objectives?|losses)\b", re.I)
_STRONGLY = re.compile(r"\bstrongly convex|\bpolyak[- ]?[lł]ojasiewicz|\bpl (?:condition|"
                       r"inequality)|\bμ-strongly", re.I)


def _beyond_strong_convexity(words: str) -> bool:
    """A linear rate (or the global minimum) claimed on smooth functions that need not be
    strongly convex, nor even convex."""
    return bool(_NONCONVEX.search(words)) and not _STRONGLY.search(words) and bool(re.search(
        r"\blinear(?:ly)?\b|\bgeometric\w*|\bglobal (?:minimum|minimi[sz]er|optimum)\b",
        words, re.I))


_WIDER = {"quadratics": _beyond_quadratics, "strongly convex": _beyond_strong_convexity}
"""For each class a catalogue limits a rate to: does a statement claim it beyond the class?"""


def _tuned_rate_scope(solution: Any, words: str) -> Refutation | None:
    """"Heavy ball with these parameters achieves this rate on every strongly convex smooth
    function": refuted when the catalogue limits the method's tuned rate to a class of
    objectives (heavy ball: quadratics) and a part of the problem verifies that rate there."""
    from optiproof.catalogue import OPTIMIZERS

    if not _RATE_WORDS.search(words):
        return None
    scope = {x.entry.key: x.entry.tuned_rate_on for x in OPTIMIZERS.mentions(words)
             if getattr(x.entry, "tuned_rate_on", "")
             and _WIDER[x.entry.tuned_rate_on](words)}
    if not scope:
        return None
    for p, a in _values(solution, lambda q: "rate" in q):
        if a.subject in scope:
            return Refutation(f"the {a.name} of part ({p.label}) is verified for this "
                              f"objective; the {a.subject} rate is guaranteed on "
                              f"{scope[a.subject]} objectives only", p.label)
    return None


_ONLY = re.compile(r"\b(?:is|are) the only (?:[\w-]+\s+){0,2}?(?:norms?|geometr(?:y|ies)|"
                   r"optimi[sz]ers?|methods?)\b(?P<rest>[^.;]{0,200})", re.I)
_PENALTY_AND_CONSTRAINT = (re.compile(r"\bpenal", re.I), re.compile(r"\bconstrain|\bball\b", re.I),
                           re.compile(r"\bdirection|\bparallel|\bsame way|\bpoint the same", re.I))


def _catalogue_step(entry: Any) -> Any:
    """The step ``new - old`` of a catalogue update ``θ ← θ − η sign(g)``, in the claims'
    vocabulary (None when the catalogue gives none)."""
    from optiproof.checking.formula import parse_value

    lhs, arrow, rhs = (entry.latex or "").partition("\\leftarrow")
    old, new = (parse_value(lhs, True), parse_value(rhs, True)) if arrow else (None, None)
    return None if old is None or new is None else new - old


def _only_claim(solution: Any, words: str) -> Refutation | None:
    """"ℓ2 is the only norm for which the penalized and the constrained step point the same
    way": refuted by another norm whose verified penalized step is a positive multiple of the
    catalogue's constrained step for that norm (ℓ∞: −(α/2)‖g‖₁ sign(g) along −η sign(g))."""
    import sympy

    from optiproof.catalogue import OPTIMIZERS
    from optiproof.checking.formula import canonical

    m = _ONLY.search(words)
    if m is None or not all(p.search(m.group("rest")) for p in _PENALTY_AND_CONSTRAINT):
        return None
    named = concepts(words[:m.start()]).subjects
    for p, a in _values(solution, lambda q: q == "update"):
        if not a.subject or a.subject in named or getattr(p, "form", "") == "constraint":
            continue
        for entry in OPTIMIZERS.entries:
            if not any(r.kind == "constrained-form" and r.other == a.subject
                       for r in entry.relations):
                continue
            step, verified = _catalogue_step(entry), canonical(a.expr)
            if step is None or not isinstance(verified, sympy.Expr) or step == 0:
                continue
            ratio = sympy.simplify(verified / step)
            arrays = {s for s in ratio.free_symbols if s.name.startswith("SIGNX") or s.name == "g"}
            if arrays or ratio == 0:
                continue
            positive = ratio.subs({s: sympy.Rational(7, 10) for s in ratio.free_symbols})
            if positive.is_number and positive > 0:
                return Refutation(f"for the {a.subject} norm too, the verified penalized step of "
                                  f"part ({p.label}) is a positive multiple of the constrained "
                                  f"step of {entry.name}: the directions agree", p.label)
    return None


_EVERY_BALL = re.compile(r"\b(?:for|with|in|on|under) (?:any|every|all|each)\b[^.;]{0,40}?"
                         r"\b(?:norms?|balls?|geometr(?:y|ies))\b[^.;]{0,80}?\b(?:"
                         r"single[- ]coordinate|one[- ]coordinate|a single coordinate|"
                         r"(?:only )?one coordinate|one-hot|1-sparse|coordinate[- ](?:descent|wise) "
                         r"step)\b", re.I)


def _single_coordinate_claim(solution: Any, words: str) -> Refutation | None:
    """"For any p-norm ball the steepest-descent step is a single-coordinate step": refuted
    by a verified step (another norm's) that moves more than one coordinate."""
    import sympy

    from optiproof.checking.formula import canonical

    if _EVERY_BALL.search(words) is None:
        return None
    for p, a in _values(solution, lambda q: q == "update"):
        step = canonical(a.expr)
        if not isinstance(step, sympy.MatrixBase) or not all(x.is_number for x in step):
            continue
        moved = sum(1 for x in step if x != 0)
        if moved > 1:
            return Refutation(f"part ({p.label}) verifies a step that moves {moved} "
                              f"coordinates{f' (the {a.subject} geometry)' if a.subject else ''}:"
                              " not every norm gives a single-coordinate step", p.label)
    return None


_SIGN_WORDS = (
    ("nonnegative", r"(?:≥|>=|⩾|>|\\geq?|\\gt)\s*0(?![.,]?\d)|\bnon-?negative\b|\bpositive\b|"
                    r"\b(?:never|not ever|cannot|can ?not|can't|can never|could never)\s+(?:be\s+)?"
                    r"(?:negative|below zero|less than (?:zero|0))\b"),
    ("nonpositive", r"(?:≤|<=|⩽|<|\\leq?|\\lt)\s*0(?![.,]?\d)|\bnon-?positive\b|\bnegative\b|"
                    r"\b(?:never|not ever|cannot|can ?not|can't|can never|could never)\s+(?:be\s+)?"
                    r"(?:positive|above zero|greater than (?:zero|0))\b"),
)
_SIGN = re.compile("|".join(f"(?P<{k}>{p})" for k, p in _SIGN_WORDS), re.I)
_SIGN_ALWAYS = re.compile(r"\b(?:always|never|necessarily|in (?:every|all) cases?|"
                          r"for (?:every|all|any) (?!\w+\s*[<>≤≥=])\w+|whatever|regardless of|"
                          r"no matter)\b", re.I)
_SIGN_CONDITION = re.compile(r"\b(?:if|when|whenever|unless|provided|as long as|once|only)\b|"
                             r"\bfor\s+\S+\s*[<>≤≥]", re.I)
_CLAUSE_CUT = re.compile(r"[,;:]\s*(?:(?:and|but|so|hence|thus|therefore|while|whereas)\b)?|"
                         r"\b(?:so|hence|thus|therefore|because|since)\b", re.I)


def _sign_claim(solution: Any, words: str) -> Refutation | None:
    """"The optimal value of a squared-norm penalized step is always ≥ 0": a sign said to hold
    in every case for an asked quantity (its catalogue label in the same clause), refuted by a
    verified value of that quantity with the other sign. A sign said of one case, under a
    condition, or of a quantity the problem does not verify decides nothing."""
    from optiproof.catalogue.quantities import label_scores

    for m in _SIGN.finditer(words):
        cuts = [c.end() for c in _CLAUSE_CUT.finditer(words, 0, m.start())]
        clause = words[(cuts or [0])[-1]:m.end()]
        if not _SIGN_ALWAYS.search(clause) or _SIGN_CONDITION.search(clause):
            continue
        labels = label_scores(clause[:len(clause) - len(m.group(0))].lower())
        if not labels:
            continue
        quantity = max(labels, key=lambda q: labels[q])
        nonnegative = m.group("nonnegative") is not None
        strict = re.search(r"\bpositive\b|\bnegative\b|[<>](?!=)", m.group(0), re.I) and not \
            re.search(r"non-?|never|not|can", m.group(0), re.I)
        for p, a in _values(solution, lambda q: q == quantity):
            value = floats(a.expr)
            if not value or len(value) != 1:
                continue
            x = value[0]
            wrong = (x < 0 or (strict and x == 0)) if nonnegative else (x > 0 or (strict and x == 0))
            if wrong:
                return Refutation(f"part ({p.label}) verifies the {a.name} {x:.4g}, which is "
                                  f"not {m.group(0).strip()}", p.label)
    return None


_STEP = r"(?:step[- ]?sizes?|steps?|learning[- ]rates?|α(?:_t)?|alpha(?:_t)?|η(?:_t)?|eta(?:_t)?)"
_ANY_STEP = re.compile(
    r"\b(?:for|with|under|using)\s+(?:any|every|all|arbitrary|whatever)\s+(?:(?:positive|constant|"
    r"fixed|choice of|choices of)\s+)*" + _STEP + r"(?![\w])"
    r"|\b(?:even )?(?:with|for|using) (?:a |any )?(?:constant|fixed) " + _STEP + r"(?![\w])"
    r"|\bno (?:step[- ]?size |learning[- ]rate )?(?:decay|schedule|annealing)\b[^.;]{0,30}?"
    r"\b(?:is |are )?(?:ever |at all )?(?:needed|required|necessary)\b", re.I)
_CONVERGES = re.compile(r"\bconverg\w*|\breach(?:es)?\b|\bsettles?\b", re.I)
_STEP_CONDITION = re.compile(r"\b(?:decay\w*|decreas\w*|diminish\w*|shrink\w*|schedul\w*|"
                             r"anneal\w*|small enough|sufficiently small|suitabl\w*|"
                             r"if|provided|as long as|below|under \d|at most|neighbou?rhood|"
                             r"oscillat\w*|within|up to|approximately|around)\b|[<≤]", re.I)


def _constant_step_claim(solution: Any, words: str, written: str = "") -> Refutation | None:
    """"O converges for any positive step size, even a constant one": refuted when the
    catalogue knows the named method's step does not shrink with the gradient (a sign or a
    normalised step, which oscillates at a constant step size) and a part verifies where that
    method converges. The method is named by the catalogue or by the problem's letter for it;
    a statement with its own condition on the steps (decaying, small enough) is not this
    rule. ``written`` is the sentence as written, where the letter keeps its case."""
    from optiproof.catalogue import OPTIMIZERS
    from optiproof.checking.identify import method_letters

    m = _ANY_STEP.search(words)
    if m is None or not _CONVERGES.search(words):
        return None
    if not m.group(0).lower().startswith("no ") and _STEP_CONDITION.search(
            _NO_DECAY.sub(" ", words)):
        return None
    keys = [x.entry.key for x in OPTIMIZERS.mentions(words[:m.start()])]
    letters = method_letters(solution)
    head = written[:max(written.lower().find(m.group(0).lower()), 0)] if written else ""
    keys += [letters[x.group(1)][0] for x in re.finditer(r"(?<![\w$\\{_^])([A-Z])(?![\w$}'’])",
                                                          head) if x.group(1) in letters]
    if not keys:
        return None
    entry = OPTIMIZERS.get(keys[-1])
    if entry is None or not entry.needs_decay:
        return None
    for p, a in _values(solution, lambda q: True):
        if a.subject == entry.key:
            return Refutation(f"the step of {entry.name} does not shrink with the gradient: with a "
                              "constant step size it keeps moving by about that step and "
                              f"oscillates around the point part ({p.label}) verifies; it "
                              "converges only with decaying step sizes", p.label)
    return None


_BOUNDED_STEP = re.compile(r"\b(?:small enough|sufficiently small|suitabl\w*|below|under|at most|"
                           r"up to|stable|decay\w*|decreas\w*|diminish\w*|schedul\w*|anneal\w*|"
                           r"small(?:er)?(?= (?:constant |fixed )?(?:step|learning|α|alpha|η|eta)))\b"
                           r"|[<≤∈]|\bin [(\[]|\bless than\b", re.I)
_EVERY_REPARAMETRISATION = re.compile(
    r"\b(?:invariant|equivariant|unchanged|unaffected)\s+(?:to|under|by)\s+(?:any|every|all|arbitrary|"
    r"general)\s+(?:(?:invertible|non-?singular|orthogonal|linear|affine|smooth)\s+|\W+)*"
    r"(?:re-?parametri[sz]ations?|changes? of (?:basis|coordinates|variables)|coordinate "
    r"(?:changes|transformations|systems)|transformations?|rotations?|linear maps?)\b"
    r"|\brotation(?:al(?:ly)?)?[- ]invariant\b", re.I)


def _reparametrisation_claim(solution: Any, words: str) -> Refutation | None:
    """"Dividing by √v makes Adam invariant to any invertible linear reparametrisation": false
    for a method that scales each coordinate on its own. Worked out on its first step with
    ε = 0 (−α sign(g)): for g = (1, 0) rotated by 45°, the step taken in the rotated
    coordinates and mapped back is not the step taken in the original ones."""
    import sympy as sp

    from optiproof.catalogue import OPTIMIZERS

    m = _EVERY_REPARAMETRISATION.search(words)
    if m is None:
        return None
    keys = [x.entry.key for x in OPTIMIZERS.mentions(words[:m.start()])]
    entry = OPTIMIZERS.get(keys[-1]) if keys else None
    if entry is None or not entry.coordinatewise:
        return None
    g = sp.Matrix([1, 0])
    rotation = sp.Matrix([[1, -1], [1, 1]]) / sp.sqrt(2)
    direct = -g.applyfunc(sp.sign)
    mapped = rotation * -(rotation.T * g).applyfunc(sp.sign)
    if sp.simplify(direct - mapped) == sp.zeros(2, 1):
        return None
    return Refutation(f"{entry.name} scales each coordinate on its own: for g = (1, 0) its first "
                      f"step (ε = 0) is {tuple(direct)}·α, but in coordinates rotated by 45° it is "
                      f"{tuple(sp.nsimplify(x) for x in mapped)}·α mapped back; it is invariant to "
                      "rescaling each coordinate at most, not to every linear reparametrisation",
                      solution.parts[0].label)


_EVERY_STEP = re.compile(r"\b(?:for|with|under|using)\s+(?:any|every|all|arbitrary|whatever)\s+"
                         r"(?:(?:positive|constant|fixed|choice of|choices of)\s+)*" + _STEP + r"(?![\w])",
                         re.I)
_IF = re.compile(r"\b(?:if|provided|as long as|whenever|small enough|sufficiently small)\b", re.I)
_OWN_STEP = re.compile(r"\bthis (?:convergence|update|step|method|iteration|scheme|limit)\b", re.I)


def _every_step_claim(solution: Any, words: str, part: str | None) -> Refutation | None:
    """"SGD converges (to x/‖x‖²) for any constant step size α > 0": false for a plain gradient
    step, which multiplies the error along a direction of curvature λ by 1 − ηλ and diverges
    once η > 2/λ. The method is the one the sentence names, or (for "this convergence") the
    one the part's question names. The counterexample is worked out: f(θ) = θ² at η = 2."""
    import sympy as sp

    from optiproof.catalogue import OPTIMIZERS

    m = _EVERY_STEP.search(words)
    if m is None or not _CONVERGES.search(words) \
            or _IF.search(words) or _BOUNDED_STEP.search(words, m.start(), m.end() + 14):
        return None
    keys = [x.entry.key for x in OPTIMIZERS.mentions(words[:m.start()])]
    if not keys and _OWN_STEP.search(words):
        question = next((p.question or "" for p in solution.parts if p.label == part), "")
        keys = [x.entry.key for x in OPTIMIZERS.mentions(question.lower())]
    entry = OPTIMIZERS.get(keys[-1]) if keys else None
    if entry is None or not entry.curvature_bound:
        return None
    theta, eta = sp.symbols("theta eta")
    factor = sp.simplify((theta - eta * sp.diff(theta ** 2, theta)) / theta).subs(eta, 2)
    return Refutation(f"a {entry.name} step multiplies the error along a direction of curvature "
                      f"λ by 1 − ηλ, so a constant step above 2/λ diverges (on f(θ) = θ², step 2 "
                      f"multiplies the error by {factor}); it converges only for steps below 2/L",
                      part or solution.parts[0].label)


_NO_DECAY = re.compile(r"\bno (?:step[- ]?size |learning[- ]rate )?(?:decay|schedule|annealing)\b"
                       r"[^.;]{0,30}?\b(?:needed|required|necessary)\b", re.I)

def _superlative(solution: Any, words: str) -> Refutation | None:
    """"The parameter server moves the least data of the three schemes" (see
    :func:`optiproof.checking.sizes.superlative_claim`)."""
    from optiproof.checking.sizes import superlative_claim

    why = superlative_claim(solution, words)
    return Refutation(*why) if why else None


def _guarantee(solution: Any, words: str) -> Refutation | None:
    """"Adam converges on every convex problem" (see
    :func:`optiproof.checking.guarantees.convergence_claim`)."""
    from optiproof.checking.guarantees import convergence_claim

    why = convergence_claim(solution, words)
    return Refutation(*why) if why else None


def _any_start(solution: Any, words: str) -> Refutation | None:
    """"Gradient descent reaches the minimum-norm solution from any start" (see
    :func:`optiproof.checking.start_claims.start_claim`)."""
    from optiproof.checking.start_claims import start_claim

    why = start_claim(solution, words)
    return Refutation(*why) if why else None


def _any_sequence(solution: Any, words: str) -> Refutation | None:
    """"Bias correction makes the estimates unbiased for any gradient sequence" (see
    :func:`optiproof.checking.stationarity.sequence_claim`)."""
    from optiproof.checking.stationarity import sequence_claim

    why = sequence_claim(solution, words)
    return Refutation(*why) if why else None


def _paragraphs(units: list[Any]) -> list[tuple[Any, str]]:
    """Units with the text of their paragraph: plain lines that go on on the next line (a
    sentence wrapped by the writer's line width) are read as one."""
    out: list[tuple[Any, str]] = []
    k = 0
    while k < len(units):
        first, text = units[k], units[k].text
        while (k + 1 < len(units) and units[k].kind == units[k + 1].kind == "line"
               and units[k + 1].line == units[k].line + 1 and units[k + 1].part == first.part
               and not re.search(r"[.!?:]\s*$", units[k].text)):
            k += 1
            text = f"{text.rstrip()} {units[k].text.strip()}"
        out.append((first, text))
        k += 1
    return out


_OVERTURN = re.compile(r"\b(?:but|yet)\s+(?:in fact|actually|in reality|in truth|really)\b,?",
                       re.I)


def _held(words: str) -> str:
    """What the sentence holds after it overturns an expectation it voiced ("one might expect
    it to be larger, but in fact it is always shorter ..."): the hedge stays behind."""
    last = None
    for last in _OVERTURN.finditer(words):
        pass
    return words[last.end():] if last is not None else words


_REASON = re.compile(r",?\s*\b(?:because|since)\b(?!\s+(?:when|if)\b)", re.I)


def _stated(words: str) -> str:
    """What the sentence states before the reason it gives for it ("X and Y become identical,
    because then the decay is not averaged"): a negation in the reason hedges nothing."""
    m = _REASON.search(words)
    return words[:m.start()] if m and m.start() > 0 else words


_INTENSIFIER = re.compile(r"\b(?:is|are)\s+not\s+(?:special|specific|limited|restricted|"
                          r"confined|peculiar)\s+to\b|\bnot (?:just|only|merely)\b", re.I)
"""A negation that widens a claim ("this rate is not special to quadratics"), not a hedge."""


def general_findings(solution: Any, doc: Any, lay: Any, claims: list[Any],
                     grades: dict[str, PartGrade]) -> None:
    """False-claim findings for the universal and comparative statements of the answer."""
    from optiproof.checking.definitions import Scope, definitions_of

    scope = Scope({}, definitions_of(claims), frozenset())
    before, part = "", None
    for unit, text in _paragraphs([u for u in units_of(doc, lay) if u.role not in EXCLUDED]):
        if unit.part != part:
            before, part = "", unit.part  # a sentence points back within its own part only
        for sentence in re.split(r"(?<=[.!?;])\s+(?=[A-Z(*$\\])", text):
            words = re.sub(r"\b(i)\.e\.|\b(e)\.g\.", r"\1\2", plain(sentence)).replace("*", "")
            offset = max(text.find(sentence), 0)
            if not words:
                continue
            why = None
            claim = unpremised(words)
            same = _SAME.search(claim) or _universal_sameness(claim) or _cost_sameness(claim)
            said = re.sub(r"\bnever (?=changes?|affects?|alters?|moves?|turns?|its\b|the\b)",
                          "always ", words) if (_NEVER_CHANGES.search(words) or
                                                _NORM_KEEPS_DIRECTION.search(words)) else words
            # the rule's own "never" is what it states, not a negation of it
            if same and (same.re is _COST_SAME or not stance(said, same.end() - 1, same.end())):
                why = _sameness(solution, words)
            held = _held(words)
            stated = _INTENSIFIER.sub(" ", _NO_MATTER.sub(" ", _stated(held)))
            if why is None and not _HEDGED.search(_AT_MOST.sub(" ", stated)):
                why = _norm_comparison(solution, held)
            if why is None and not _HEDGED.search(stated):
                why = (_invariance_claim(solution, held)
                       or _reparametrisation_claim(solution, held)
                       or _invariance_for_every(solution, held)
                       or _independence_claim(solution, held) or _exceed_claim(solution, held)
                       or _signed_claim(solution, held)
                       or _estimator_claim(solution, held)
                       or _stable_step_claim(solution, held, scope.at(unit.start + offset))
                       or _converges_at_claim(solution, held, scope.at(unit.start + offset))
                       or _equivalence_claim(solution, held, before)
                       or _only_claim(solution, held)
                       or _single_coordinate_claim(solution, held)
                       or _existence_claim(solution, held)
                       or _tuned_rate_scope(solution, held)
                       or _any_start(solution, held)
                       or _sign_claim(solution, held)
                       or _constant_step_claim(solution, held, sentence)
                       or _every_step_claim(solution, held, unit.part))
            if why is None and not _HEDGED.search(words):
                why = _guarantee(solution, words)
            if why is None:  # its own hedge test: "the most" is no hedge there
                why = _superlative(solution, words)
            if why is None:  # its own denial test: "stationarity is not needed" is the rule
                why = _any_sequence(solution, words)
            before = f"{before.rpartition(' ¦ ')[2]} ¦ {words}"  # the two sentences before
            compared = _COMPARATIVE.search(words)
            subjects = len(concepts(sentence).subjects)
            if compared is None and _ALWAYS.search(words) and not _HEDGED.search(words):
                compared, subjects = _BARE_COMPARATIVE.search(words), subjects + 1
            if why is None and compared and subjects > 1 \
                    and not stance(words, compared.start(), compared.end()):
                why = _compare_claim(solution, words)
            for beaten in _NO_BEATS.finditer(words):
                if why is not None or stance(words, beaten.end() - 1, beaten.end()):
                    continue
                why = _bound_claim(solution, words, claims,
                                   _bound_value(beaten, sentence, unit.start + offset, claims, scope))
            if why:
                target = unit.part if unit.part in grades else why.part
                grades[target].add(Finding(
                    "false-claim", target, unit.line,
                    f"states a general rule that the verified answers refute: {why.why}",
                    excerpt=sentence.strip()))
