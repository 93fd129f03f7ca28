"""Which catalogue concepts a piece of answer text names: norms, optimizers, schemes (the
*subject* of a row, heading or sentence) and quantities (by the labels answers use).

Answer text mixes Markdown, LaTeX and Unicode; :func:`plain` turns it into the lower-cased
Unicode prose the catalogue's phrases are written against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_COMMANDS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "Delta": "Δ", "eta": "η",
    "theta": "θ", "lambda": "λ", "mu": "μ", "nu": "ν", "rho": "ρ", "sigma": "σ", "kappa": "κ",
    "epsilon": "ε", "varepsilon": "ε", "ell": "ℓ", "infty": "∞", "star": "*", "ast": "*",
    "nabla": "∇", "|": "‖", "Vert": "‖", "lVert": "‖", "rVert": "‖", "to": "→",
    "rightarrow": "→", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "approx": "≈",
    "times": "×", "cdot": "·", "top": "ᵀ", "sqrt": "√",
}
_COMMAND = re.compile(r"\\([A-Za-z]+|\|)")
_WRAPPER = re.compile(r"\\(?:text|textbf|textit|mathrm|mathbf|operatorname|boldsymbol|mathit)"
                      r"\s*\{([^{}]*)\}")
_FRAC = re.compile(r"\\[dt]?frac\s*(?:\{[^{}]*\}|\S)\s*(?:\{[^{}]*\}|\\?[A-Za-z]+|\S)")


_MARKUP = re.compile(r"[$`{}]|\*\*|__")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """Lower-cased Unicode prose of Markdown/LaTeX ``text`` (``\\ell_\\infty`` -> ``ℓ_∞``,
    ``\\|d\\|_2^2`` -> ``‖d‖_2^2``; emphasis, ``$`` and braces dropped). Remembered for the
    texts met last: the stages of the checker ask again about the same clauses."""
    t = _WRAPPER.sub(r" \1 ", text)
    t = _FRAC.sub(" ", t)
    t = _COMMAND.sub(lambda m: _COMMANDS.get(m.group(1), " " if len(m.group(1)) > 1 else ""),
                     t)
    t = _MARKUP.sub(" ", t).replace("\\", " ")
    return _SPACES.sub(" ", t).strip().lower()


_NORM_INDEX = re.compile(r"‖[^‖]{0,20}‖\s*_?\s*([0-9a-z∞*]+)|\bℓ\s*_?\s*([0-9∞p])|\bl_?(∞|inf)\b")


@dataclass(frozen=True)
class Concepts:
    """What a piece of text names: catalogue keys of its subjects (norms, optimizers, schemes)
    and quantity key -> strength (the length of the label that named it)."""

    subjects: frozenset[str]
    quantities: dict[str, int]


@lru_cache(maxsize=4096)
def concepts(text: str) -> Concepts:
    """The catalogue concepts ``text`` names (see :class:`Concepts`; remembered for the texts
    met last: an answer repeats its row labels and lead-ins). Treat the result as read-only."""
    from optiproof.catalogue import NORMS, OPTIMIZERS, SCHEMES
    from optiproof.catalogue.norms import by_index
    from optiproof.catalogue.quantities import label_scores

    words = plain(text)
    keys = {m.entry.key for reg in (NORMS, OPTIMIZERS, SCHEMES) for m in reg.mentions(words)}
    for m in _NORM_INDEX.finditer(words):
        entry = by_index(next(g for g in m.groups() if g))
        if entry is not None:
            keys.add(entry.key)
    return Concepts(frozenset(keys), label_scores(words))
