"""General statements that relate catalogue entities by size, read from their content.

- which step a phrase means: a norm ("the ℓ∞ step"), an optimizer whose verified
  identification names a norm's step ("the sign-descent step"), or a part ("the step of part
  (a)");
- a ratio between two steps' lengths ("the max-norm step is always exactly √n times longer than
  the Euclidean one"): refuted when the verified length ratio of the problem differs from the
  stated factor evaluated at the problem's dimension;
- a superlative over schemes ("the parameter server moves the least data of the three"):
  refuted when the verified costs (a count, a size, or the total volume, count × size) put
  another scheme strictly below (above) it at every admissible size, or at one when the
  statement says "always".

Unsure (a phrase naming no entity, a factor in symbols the problem does not fix, a cost no part
verifies) is no finding.
"""

from __future__ import annotations

import re
from typing import Any

_PART_REF = re.compile(r"\bpart\s*\(?([a-h])\)?|\(([a-h])\)", re.I)


def step_norms(solution: Any, text: str) -> list[tuple[int, str]]:
    """(position, norm key) of every step ``text`` names, in order: a norm itself, an optimizer
    a part's verified identification gives for a norm's step, or a part by its label."""
    from optiproof.catalogue import NORMS, OPTIMIZERS
    from optiproof.checking.identify import accepted

    by_optimizer: dict[str, str] = {}
    by_label: dict[str, str] = {}
    for part in solution.parts:
        steps = {a.subject for a in part.answers if a.quantity == "update" and a.subject}
        if len(steps) != 1:
            continue
        by_label[part.label] = norm = steps.pop()
        entry = OPTIMIZERS.get(part.identified_as or "")
        for key in accepted(entry.key) if entry is not None else ():
            by_optimizer.setdefault(key, norm)
    found = [(m.start, m.entry.key) for m in NORMS.mentions(text)]
    found += [(m.start, by_optimizer[m.entry.key]) for m in OPTIMIZERS.mentions(text)
              if m.entry.key in by_optimizer]
    found += [(m.start(), by_label[m.group(1) or m.group(2)]) for m in _PART_REF.finditer(text)
              if (m.group(1) or m.group(2)) in by_label]
    return sorted(found)


_TIMES = re.compile(r"(?P<x>[^\s(]+(?:\([^()]*\))?)\s*(?:times|×|x)\s*$", re.I)
_APPROXIMATE = re.compile(r"\b(?:about|roughly|approximately|around|nearly|almost|at (?:most|least)|"
                          r"up to|some|on the order of)\s*$|[~≈≲≳]\s*$", re.I)
_DIMENSION = re.compile(r"\bdimension\b|\bnumber of (?:coordinates|entries|parameters|components)\b",
                        re.I)


def _factor(words: str, at: int, dimension: int | None) -> float | None:
    """The factor written right before a comparative ("√n times longer"), at the problem's
    dimension when the sentence names its symbol as the dimension; None when there is none
    or it cannot be evaluated."""
    import sympy

    from optiproof.checking.compare import floats
    from optiproof.checking.formula import parse_value

    m = _TIMES.search(words[:at])
    if m is None or _APPROXIMATE.search(words[:m.start()]):
        return None
    value = parse_value(m.group("x"))
    if value is None:
        return None
    symbols = getattr(value, "free_symbols", set())
    if symbols:
        if len(symbols) != 1 or dimension is None or not _DIMENSION.search(words):
            return None
        value = value.subs({next(iter(symbols)): sympy.Integer(dimension)})
    got = floats(value)
    return got[0] if got and len(got) == 1 and got[0] > 0 else None


def _dimension(solution: Any) -> int | None:
    """The length of the problem's vector steps, when every numeric one has the same."""
    sizes = {len(a.expr) for p in solution.parts for a in p.answers
             if a.quantity == "update" and getattr(a.expr, "is_Matrix", False)
             and 1 in a.expr.shape}
    return sizes.pop() if len(sizes) == 1 else None


def ratio_claim(solution: Any, words: str, m: re.Match, pair: tuple[str, str],
                general: bool) -> tuple[str, str] | None:
    """Why "the A step is k times longer (shorter) than the B step" is false: the verified
    length ratio of the two steps is not k. Only a general statement (a factor in the
    dimension, or "always"/"in general") is read here; a plain number is the part's answer.
    Returns (why, part label) or None."""
    from optiproof.checking.compare import floats

    x_said = _TIMES.search(words[:m.start()])
    if x_said is None:
        return None
    symbolic = not re.fullmatch(r"[\d.]+", x_said.group("x"))
    if not (general or symbolic):
        return None
    factor = _factor(words, m.start(), _dimension(solution))
    if factor is None:
        return None
    longer = m.group("word").lower() in ("longer", "larger", "bigger")
    for p in solution.parts:
        for ans in p.answers:
            found = re.search(r"\bof the (\w+) step to the (\w+) step", ans.name or "")
            ratio = floats(ans.expr) if found else None
            if not ratio or len(ratio) != 1 or ratio[0] <= 0:
                continue
            if (found.group(1), found.group(2)) == pair:
                value = ratio[0]
            elif (found.group(2), found.group(1)) == pair:
                value = 1 / ratio[0]
            else:
                continue
            said = factor if longer else 1 / factor
            if abs(value - said) > 1e-3 * max(1.0, abs(said)):
                return (f"part ({p.label}) verifies the {ans.name} = {ratio[0]:.4g}, not "
                        f"{factor:.4g}", p.label)
    return None


_SUPERLATIVE = re.compile(r"(?<!\bat )\b(?:the\s+)?(?P<word>least|fewest|most|smallest|largest|"
                          r"lowest|highest|cheapest)\b(?P<mid>[^.;]{0,60})", re.I)
_LOW = frozenset({"least", "fewest", "smallest", "lowest", "cheapest"})
_ONE_NODE = re.compile(r"\b(?:per|each|every|one|a single|the busiest|any single) (?:worker|node|"
                       r"gpu|rank|device|machine|link)\b|\bthrough (?:the|one|a single) "
                       r"(?:server|node|machine)\b|\bbottleneck|\blatency|\brounds?\b|\bsteps?\b",
                       re.I)
_COST_WORDS = (("total-volume", re.compile(r"\b(?:data|bytes|traffic|volume|values|elements|"
                                           r"floats|numbers)\b", re.I)),
               ("messages", re.compile(r"\bmessages\b", re.I)))


def costs(solution: Any) -> dict[tuple[str, str], tuple[Any, Any]]:
    """(quantity, subject) -> (part, SymPy value) of every verified cost, with each scheme's
    total volume (its message count times its message size) where no part states it."""
    import sympy

    out: dict[tuple[str, str], tuple[Any, Any]] = {}
    for p in solution.parts:
        for a in p.answers:
            if not a.subject or a.expr is None or a.quantity == "identification":
                continue
            try:
                out[(a.quantity, a.subject)] = (p, sympy.sympify(a.expr))
            except (TypeError, sympy.SympifyError):
                continue
    for (q, subject), (p, count) in list(out.items()):
        size = out.get(("message-size", subject))
        if q == "messages" and size is not None:
            out.setdefault(("total-volume", subject), (p, count * size[1]))
    return out


def superlative_claim(solution: Any, words: str) -> tuple[str, str] | None:
    """Why "scheme A sends the fewest messages / moves the least data (of the three)" is false:
    at no admissible size is A's verified cost the smallest (largest); with "always", at one
    size another scheme's is strictly smaller (larger). Returns (why, part label) or None."""
    for m in _SUPERLATIVE.finditer(words):
        why = _one_superlative(solution, words, m)
        if why is not None:
            return why
    return None


_CLAUSE_END = re.compile(r"\b(?:but|while|whereas|yet|although|though|and (?:the )?(?:least|"
                         r"fewest|most|smallest|largest|lowest|highest|cheapest))\b|[(,]", re.I)
"""Where the words a superlative is said of end: the next clause ("the most messages but the
least traffic") or a bracket."""


def _one_superlative(solution: Any, words: str, m: re.Match) -> tuple[str, str] | None:
    """One superlative of the sentence, read with the words up to the end of its clause."""
    from optiproof.catalogue import SCHEMES
    from optiproof.catalogue.quantities import label_scores
    from optiproof.checking.general import _ALWAYS, _HEDGED, _sample_points
    from optiproof.checking.statements import stance

    rest = words[:m.start()] + words[m.start("mid"):]  # the superlative's "most" is no hedge
    if _HEDGED.search(rest) or stance(words, m.start("word"), m.end("word")):
        return None
    start = max(words.rfind(";", 0, m.start()), words.rfind(":", 0, m.start())) + 1
    end = words.find(";", m.end())
    if _ONE_NODE.search(words[start:end if end >= 0 else len(words)]):
        return None  # one node's cost, or another measure than the totals verified
    head = [x.entry.key for x in SCHEMES.mentions(words[:m.start()])]
    if not head:
        return None
    tail = m.group("mid")
    cut = _CLAUSE_END.search(tail)
    tail = tail[:cut.start()] if cut else tail
    labels = [q for q in label_scores(tail) if q in ("messages", "message-size", "total-volume")]
    quantity = labels[0] if len(labels) == 1 else next(
        (q for q, pattern in _COST_WORDS if pattern.search(tail)), None)
    if quantity is None:
        return None
    table = costs(solution)
    mine = table.get((quantity, head[-1]))
    others = [(s, v) for (q, s), v in table.items() if q == quantity and s != head[-1]]
    if mine is None or not others:
        return None
    always = bool(_ALWAYS.search(rest))
    low = m.group("word").lower() in _LOW
    symbols = set().union(*(getattr(v, "free_symbols", set()) for _, (_, v) in [
        (head[-1], mine), *others]))
    holds, opposite = [], []
    for point in _sample_points(symbols):
        try:
            a = float(mine[1].subs(point))
            rest = [(s, float(v.subs(point))) for s, (_, v) in others]
        except (TypeError, ValueError):
            return None
        better = [s for s, b in rest if (b < a if low else b > a)]
        holds.append(not better)
        opposite.append(better)
    if (any(opposite) if always else not any(holds)):
        every = [s for b in opposite for s in b]
        beaten = max(dict.fromkeys(every), key=every.count)  # the one below it most often
        return (f"the verified {quantity.replace('-', ' ')} of {head[-1]} is {mine[1]}, and "
                f"{beaten}'s is {table[(quantity, beaten)][1]}: it is "
                f"{'not always' if always else 'never'} the {m.group('word').lower()}",
                mine[0].label)
    return None
