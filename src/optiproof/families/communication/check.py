"""What the communication family tells the checker: comparisons of two schemes on what one
worker sends, refuted by the family's per-worker formulas ("ring all-reduce always sends fewer
bytes per worker than the parameter server, for any n": a ring worker sends 2(n−1)p/n, a
parameter-server worker p, which is less once n > 2).

Plain values only (see ``optiproof.checking.hooks``): patterns, strings, SymPy expressions."""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

_PER_WORKER = (r"(?:bytes|data|values|floats|elements|entries|numbers|traffic|volume)\s+"
               r"(?:(?:sent\s+)?(?:per|for each|for every|on each|from each|by each|by every)|"
               r"that each|each)\s+(?:worker|gpu|node|rank|process)")
_COMPARES_PER_WORKER = re.compile(
    r"(?P<a>[^.;:]{0,80}?)\b(?P<word>fewer|less|more)\s+(?:\w+\s+){0,2}?" + _PER_WORKER
    + r"\w*\b(?P<mid>[^.;]{0,40}?)\bthan\b(?P<b>[^.;]{0,60})", re.I)
"""One scheme said to make each worker send fewer (or more) values than another."""
_ALWAYS = re.compile(r"\b(?:always|for (?:any|every|all) n|regardless of n|whatever n|"
                     r"in (?:every|all) cases?|never)\b", re.I)
SAMPLE_N = (2, 3, 4, 8, 16, 64)
"""Worker counts the comparison is tested at (p a multiple of n)."""


def _scheme(text: str, last: bool) -> str | None:
    from optiproof.catalogue import SCHEMES

    found = SCHEMES.mentions(text)
    if not found:
        return None
    return (found[-1] if last else found[0]).entry.key


def _sent(costs: dict[str, Any], scheme: str | None) -> Any:
    return None if scheme is None else costs.get(scheme, {}).get("values-sent")


def _per_worker_comparison(part: Any) -> list[tuple[Any, ...]]:
    facts = getattr(part, "facts", None)
    costs = getattr(facts, "costs", None)
    symbols = getattr(facts, "symbols", None)
    if not costs or symbols is None:
        return []
    per_worker = {k: v["values-sent"] for k, v in costs.items() if "values-sent" in v}
    if len(per_worker) < 2:
        return []
    n, p = symbols.n, symbols.p

    def signs(a: Any, b: Any) -> list[float]:
        diff = sp.sympify(a) - sp.sympify(b)
        return [float(diff.subs({n: k, p: 60 * k})) for k in SAMPLE_N]

    def refuted(m: re.Match) -> bool:
        a = _sent(costs, _scheme(m.group("a"), last=True))
        b = _sent(costs, _scheme(m.group("b"), last=False))
        if a is None or b is None or a == b:
            return False
        smaller = m.group("word").lower() in ("fewer", "less")
        diffs = signs(a, b)
        holds = [(d < 0) if smaller else (d > 0) for d in diffs]
        opposite = [(d > 0) if smaller else (d < 0) for d in diffs]
        return any(opposite) if _ALWAYS.search(m.group(0)) else not any(holds)

    shown = ", ".join(f"{k}: {sp.sstr(v)}" for k, v in per_worker.items())
    return [(_COMPARES_PER_WORKER,
             f"compares what one worker sends under two schemes, but the per-worker volumes "
             f"are {shown} (values per step): the comparison fails for some n ≥ 2", refuted)]


def false_statements(part: Any) -> list[tuple[Any, ...]]:
    """Claims the family's per-worker formulas refute."""
    return _per_worker_comparison(part)
