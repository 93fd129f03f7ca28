"""Symbols by meaning: the quantity a text defines a symbol as.

A request may ask for a symbol ("Find η_max.", "Give M^*.") that the text itself defines
("the largest stable step size η_max", "let κ denote the condition number"). The definitions
are read once per text; a symbol is compared across notations by :func:`symbol_key`
(``eta_max``, ``η_{max}`` and ``ηmax`` are one symbol).
"""

from __future__ import annotations

import re

from optiproof.catalogue import QUANTITIES
from optiproof.reading.questions import _ENGLISH, _NOT_SET, _SYMBOL

_GREEK = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "Delta": "Δ", "eta": "η",
          "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "rho": "ρ", "sigma": "σ",
          "epsilon": "ε", "eps": "ε", "phi": "φ", "psi": "ψ", "tau": "τ"}

_GREEK_NAME = re.compile("(" + "|".join(sorted(_GREEK, key=len, reverse=True)) +
                         r")(?=[^a-z]|$)")


def symbol_key(symbol: str) -> str:
    """A symbol as compared across notations: ``η_{max}``, ``eta_max`` and ``ηmax`` are one
    key, as are ``M^*``, ``M^{*}`` and ``M*``; case is kept (``M`` is not ``m``)."""
    s = symbol.strip().lstrip("\\")
    m = _GREEK_NAME.match(s)
    if m:
        s = _GREEK[m.group(1)] + s[m.end(1):]
    s = re.sub(r"[\s{}\\_^]", "", s)
    s = re.sub(r"(?<=.)(?:inf|infty|infinity)$", "∞", s)
    return s.replace("⋆", "*").replace("star", "*")


_AFTER_NAME = re.compile(rf"(?: (?:value|constant|size|point|number|parameter|factor))?"
                         rf"(?: |, |,? \((?=[^()]{{1,30}}\))|,? (?:call(?:ed)? it|denoted(?: by)?|"
                         rf"written) )(?:(?:call(?:ed)? it|denoted(?: by)?|written) )?({_SYMBOL})"
                         rf"(?=[\s,.;:?)]|$)(?! ?\(){_NOT_SET}"
                         r"(?! ?[-−+/*] ?[\w(\\α-ωΑ-Ω])")   # 'the second update θ2 − θ1': not θ2
_NAME = re.compile(r"[A-Za-z]{3,}$")
"""A quantity named in words ("the condition number"), not by a notation ("T_ring", "β*")."""
_BEFORE_NAME = re.compile(rf"(?<![\w])({_SYMBOL}) (?:denotes?|be|is|stands? for|for|:=|=:) "
                          rf"(?:the |a |an )?$")


def defined_symbols(flat: str) -> dict[str, str]:
    """The symbols a text defines for askable quantities, by :func:`symbol_key`: a quantity's
    name followed by a symbol ("the largest stable step size η_max", "the crossover value
    M^*", "the threshold, call it α_c") or a symbol defined as one ("let κ denote the
    condition number"). A symbol set to a value ("the step η = 0.1") is not a definition; a
    symbol defined as two different quantities is left out (not guessed)."""
    found: dict[str, set[str]] = {}
    for m in QUANTITIES.mentions(flat):
        if m.entry.value_kind == "yes-no" or not _NAME.search(m.phrase) or \
                re.search(r"[_*^]", m.phrase):
            continue
        symbols = [a.group(1) for a in [_AFTER_NAME.match(flat, m.end)] if a]
        symbols += [b.group(1) for b in [_BEFORE_NAME.search(flat[max(0, m.start - 40):m.start])]
                    if b]
        for sym in symbols:
            if _ENGLISH.search(sym.split("_")[0].split("^")[0]) and not symbol_key(sym)[:1] in \
                    _GREEK.values():
                continue
            found.setdefault(symbol_key(sym), set()).add(m.entry.key)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


_STEP_LETTER = re.compile(r"^(?:η|γ|(?:\\?eta|\\?gamma|lr|LR)(?![a-zA-Z]))")
"""The letters a step size goes by: a step quantity's conventional α also answers to η, γ and
'lr' (``η_max`` is the catalogue's ``α_max``)."""


def _conventional_key(symbol: str) -> str:
    return symbol_key(_STEP_LETTER.sub("α", symbol.strip()))


def conventional(symbol: str, answers: tuple[str, ...]) -> list[str]:
    """The quantities among ``answers`` whose conventional symbol in the catalogue is
    ``symbol`` (across notations and step letters: ``η_max`` is the largest stable step
    ``α_max``, ``q`` the Hölder conjugate): a symbol the text asks without defining it. Several
    when the symbol could mean several (the caller refuses, naming them)."""
    key = _conventional_key(symbol)
    return [k for k in answers if QUANTITIES[k].latex and len(key) <= 8 and
            _conventional_key(QUANTITIES[k].latex) == key]
