"""What only this family can judge in an answer about step sizes and momentum on a quadratic.

- Momentum does not always help: a claim that heavy ball with any momentum β in (0, 1) (at
  the same step) converges at least as fast as gradient descent, or that momentum always
  speeds it up, is refuted on the problem's own spectrum: at gradient descent's best step a
  large momentum leaves the complex-root regime with rate √β, slower than gradient descent's.
"""

from __future__ import annotations

import re
from typing import Any

_MOMENTUM = r"(?:momentum|heavy[- ]?ball|polyak)"
_FASTER = (r"(?:at least as fast|as fast or faster|faster|no slower|never slower|speeds?\b"
           r"[^.;]{0,30}?\bup|accelerat\w*|improves?|helps?)")
_ALWAYS_FASTER = re.compile(
    r"\b" + _MOMENTUM + r"\b[^.;]{0,60}?\b(?:always|invariably|in every case|never fails to)\b"
    r"[^.;]{0,40}?\b" + _FASTER + r"\b"
    r"|\b(?:for|with)\s+(?:any|every|all|each|whatever)\s+(?:momentum\s+)?(?:β|beta|momentum)"
    r"\b[^.;]{0,120}?\b" + _FASTER + r"\b", re.I)
"""A claim that heavy-ball momentum, whatever its β, is never slower than gradient descent."""
_SAMPLES = ("1/2", "9/10", "99/100")
"""Momenta tried (in (0, 1)) at gradient descent's best step."""


def slower_momentum(part: Any) -> tuple[Any, Any, Any] | None:
    """(β, heavy ball's rate, gradient descent's rate) at gradient descent's best step
    ``2/(μ + L)`` on the part's spectrum, for the first sampled β at which heavy ball is
    slower; None when none is (or the spectrum is not known)."""
    quad = getattr(getattr(part, "facts", None), "quad", None)
    if quad is None or getattr(quad, "symbolic", True) or not quad.positive:
        return None
    key = tuple(str(v) for v in quad.positive)
    if key not in _SLOWER:
        _SLOWER[key] = _slower(quad)
    return _SLOWER[key]


_SLOWER: dict[tuple[str, ...], Any] = {}
"""Spectrum -> what :func:`slower_momentum` found for it (every check asks again)."""


def _slower(quad: Any) -> tuple[Any, Any, Any] | None:
    import sympy

    from optiproof.catalogue import optimizers as O
    from optiproof.families.quadratic_dynamics.solve import rate_at

    alpha = 2 / (quad.mu + quad.L)
    gd, _ = rate_at(quad, O.GD.key, alpha, None)
    for text in _SAMPLES:
        beta = sympy.Rational(text)
        hb, _ = rate_at(quad, O.HEAVY_BALL.key, alpha, beta)
        if float(hb) > float(gd) + 1e-12:
            return beta, hb, gd
    return None


def false_statements(part: Any) -> list[tuple[re.Pattern, str]]:
    """A claim that heavy ball with any momentum is at least as fast as gradient descent,
    refuted by a momentum at which it is slower on this spectrum."""
    found = slower_momentum(part)
    if found is None:
        return []
    beta, hb, gd = found
    return [(_ALWAYS_FASTER, f"says momentum never slows gradient descent down, but on this "
                             f"problem's spectrum, at gradient descent's best step, heavy ball "
                             f"with β = {float(beta):g} converges at rate {float(hb):.4g}, "
                             f"slower than gradient descent's {float(gd):.4g}")]
