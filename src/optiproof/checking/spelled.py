"""Latin letters written for the problem's Greek symbols.

Notes typed in plain text often write ``a`` for α, ``b`` (``b_1``) for β (β₁) and ``th`` for θ:
``u = -(a/2) g``, ``th_t = th_{t-1} - a * mh_t/(sqrt(vh_t)+eps)``.
Such a letter is read as the Greek symbol only where the meaning is unique: the problem uses
the Greek symbol and not the Latin letter, and the document never writes the Greek symbol
itself (an answer that writes α somewhere means something else by ``a``). ``b1``, ``lr`` and
``eta`` already name β₁, α and η by their key (:func:`optiproof.checking.formula.symbol_key`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from optiproof.checking.claims import Claim

_SPELLINGS = {"a": ("alpha", "α"), "b": ("beta", "β"), "th": ("theta", "θ")}
"""Latin letter -> (key, Greek letter) of the symbol it may stand for."""


def _writes(text: str, key: str, greek: str) -> bool:
    """Does the document write the Greek symbol itself (``α``, ``\\alpha``, ``alpha``)?"""
    return greek in text or re.search(rf"(?<![A-Za-z]){key}(?![A-Za-z])", text) is not None


def spelled_symbols(text: str, claims: list[Claim], problem: frozenset[str],
                    taken: frozenset[str], givens: dict[str, Any]) -> dict[str, str]:
    """Latin letter -> key of the Greek symbol it stands for in this document (``a`` ->
    ``alpha``; ``b`` -> ``beta`` where the problem has ``β₁``, so ``b_1`` is ``beta_1``).
    ``problem``: the keys of the symbols the problem uses; ``taken``: every key the problem
    gives a meaning (a Latin letter there is its own symbol); ``givens``: the values the
    problem gives (a letter first set to a number is something else, unless the problem gives
    its Greek symbol that number)."""
    from optiproof.checking.compare import agree
    from optiproof.checking.definitions import in_example

    out: dict[str, str] = {}
    for letter, (key, greek) in _SPELLINGS.items():
        if _writes(text, key, greek) or any(_base(t) == letter for t in taken) or not any(
                _base(name) == key for name in problem):
            continue
        first = next((c for c in claims if c.subject == letter and c.final is not None
                      and c.final.relation == "=" and c.final.value is not None
                      and not getattr(c.final.value, "free_symbols", True)
                      and not in_example(c)), None)
        if first is not None and (key not in givens or agree(
                first.final.value, first.final.text, givens[key], "") is False):
            continue  # the letter's first value is not the Greek symbol's: another symbol
        out[letter] = key
    return out


def _base(key: str) -> str:
    return re.split(r"[_^*]", key, maxsplit=1)[0]


def _renamed(name: str, spelled: dict[str, str]) -> str:
    """``a`` -> ``alpha``, ``b_1`` -> ``beta_1``, ``a^*`` -> ``alpha^*``."""
    base = _base(name)
    return spelled[base] + name[len(base):] if base in spelled else name


def respelled(claims: list[Claim], spelled: dict[str, str]) -> list[Claim]:
    """``claims`` with the Latin letters of ``spelled`` read as the Greek symbols they stand
    for, in subjects and values alike."""
    if not spelled:
        return claims
    import sympy

    def fix(value: Any) -> Any:
        if not hasattr(value, "free_symbols") or not hasattr(value, "xreplace"):
            return value
        repl = {s: sympy.Symbol(_renamed(s.name, spelled), **s.assumptions0)
                for s in value.free_symbols
                if isinstance(s, sympy.Symbol) and _renamed(s.name, spelled) != s.name}
        return value.xreplace(repl) if repl else value

    out = []
    for c in claims:
        pieces = tuple(replace(p, value=fix(p.value)) for p in c.pieces)
        subject = _renamed(c.subject, spelled) if c.subject else c.subject
        out.append(replace(c, subject=subject, pieces=pieces) if subject != c.subject or any(
            a.value is not b.value for a, b in zip(pieces, c.pieces)) else c)
    return out
