"""A limit claimed for every starting point ("gradient descent reaches the minimum-norm
solution from any initialisation"), checked with the part's exact objective.

Gradient descent on a least-squares loss keeps the component of its start that the data do not
see: when the loss has more than one minimiser, a start at another minimiser (the verified
limit plus a direction of the Hessian's null space) has zero gradient, so gradient descent stays
there and never reaches the minimum-norm solution. The statement must name gradient descent (or
SGD) as its subject, the minimum-norm solution as where it ends, and quantify over the start
without a condition of its own ("from any start in the row space", "from zero"); the problem
must verify that method's limit with an objective in its parameters. Anything else is no
finding.
"""

from __future__ import annotations

import re
from typing import Any

_EVERY_START = re.compile(
    r"\b(?:from|for|with|whatever|regardless of|irrespective of|independent(?:ly)? of|no matter)"
    r"\s+(?:the\s+|its\s+|an?\s+|any\s+|every\s+|all\s+|arbitrary\s+|where\s+|what\s+|how\s+)+"
    r"(?:[\w-]+\s+){0,2}?(?:initiali[sz]ations?|inits?|starts?|starting (?:points?|values?)|"
    r"initial (?:points?|conditions?|values?|guess(?:es)?|iterates?|parameters?|weights?)|"
    r"θ_?0|theta_?0|it (?:starts|begins))\b|"
    r"\b(?:start(?:ed|ing|s)?|initiali[sz]ed|begun|beginning|launched)\s+(?:from|at|in)\s+"
    r"(?:any|every|an? arbitrary|arbitrary|whatever)\s+(?:[\w-]+\s+)?(?:points?|locations?|"
    r"places?|values?|vectors?)\b", re.I)
_QUANTIFIED = re.compile(r"\b(?:any|every|all|arbitrary|whatever|regardless|irrespective|"
                         r"independent\w*|no matter)\b", re.I)
_CONDITIONED = re.compile(r"^[^.;]{0,40}?\b(?:in|within|inside|on|from|of) (?:the )?(?:row ?space|"
                          r"span|range|column space|image)\b|^\s*(?:that is |which is )?"
                          r"(?:in|within) (?:the )?(?:row|span)|^\s*(?:with|having) (?:zero|no) "
                          r"(?:component|part)", re.I)
_MIN_NORM = re.compile(r"\bminimum[- ](?:euclidean[- ]|ℓ_?2[- ]|l2[- ])?norm|\bmin[- ]norm|"
                       r"\bleast[- ]norm|\bsmallest[- ]norm", re.I)


def _another_minimiser(part: Any, limit: Any) -> Any:
    """A minimiser of the part's exact objective other than ``limit`` (``limit`` plus a null
    direction of the Hessian, where the objective is quadratic), or None."""
    import sympy

    objective = getattr(getattr(part, "analysis", None), "objective", None)
    sides = getattr(objective, "sides", ()) or ()
    if len(sides) != 2 or not isinstance(sides[1], sympy.Expr) or \
            not isinstance(limit, sympy.MatrixBase) or 1 not in limit.shape:
        return None
    f = sides[1]
    names = sorted((s for s in f.free_symbols), key=lambda s: s.name)
    if len(names) != len(limit) or sympy.Poly(f, *names).total_degree() > 2:
        return None
    at = dict(zip(names, list(limit), strict=True))
    gradient = sympy.Matrix([sympy.diff(f, s) for s in names]).xreplace(at)
    if not gradient.is_zero_matrix:
        return None
    null = sympy.hessian(f, names).nullspace()
    if not null:
        return None
    other = limit.reshape(len(limit), 1) + null[0]
    moved = dict(zip(names, list(other), strict=True))
    if sympy.simplify(f.xreplace(moved) - f.xreplace(at)) != 0:
        return None
    return other


def start_claim(solution: Any, words: str) -> tuple[str, str] | None:
    """Why "gradient descent reaches the minimum-norm solution from any start" is false for
    this problem, with the part that verifies the method's limit, or None."""
    from optiproof.catalogue import OPTIMIZERS
    from optiproof.catalogue.optimizers import GD
    from optiproof.checking.identify import accepted
    from optiproof.checking.statements import stance

    gd = accepted(GD.key)  # gradient descent and the methods that take its step (SGD)

    target = _MIN_NORM.search(words)
    every = _EVERY_START.search(words)
    if target is None or every is None or not _QUANTIFIED.search(every.group(0)) or \
            _CONDITIONED.search(words[every.end():every.end() + 60]) or \
            stance(words, target.start(), target.end()):
        return None
    first = min(target.start(), every.start())
    named = [x.entry.key for x in OPTIMIZERS.mentions(words[:first]) if x.entry.named]
    if not named or named[-1] not in gd:
        return None
    for part in solution.parts:
        for answer in part.answers:
            if answer.subject not in gd or answer.quantity != "limit":
                continue
            other = _another_minimiser(part, answer.expr)
            if other is not None:
                shown = ", ".join(f"{float(v):.3g}" for v in other)
                return (f"the loss of part ({part.label}) has more than one minimiser: started "
                        f"at another one, ({shown}), gradient descent has zero gradient and "
                        "stays there, which is not the minimum-norm solution; the start decides "
                        "the limit", part.label)
    return None
