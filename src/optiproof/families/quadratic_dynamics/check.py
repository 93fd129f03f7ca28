"""What only this family can judge in an answer about step sizes and momentum on a quadratic.

- Momentum does not always help: a claim that heavy ball with any momentum β in (0, 1) (at
  the same step) converges at least as fast as gradient descent, or that momentum always
  speeds it up, is refuted on the problem's own spectrum: at gradient descent's best step a
  large momentum leaves the complex-root regime with rate √β, slower than gradient descent's.
- Gradient descent oscillates beyond 1/L: a claim that for every step below a bound above 1/L
  (2/L, 0.2) the error shrinks without oscillating (every factor 1 − αλ stays positive) is
  refuted by the factor 1 − αL, negative between 1/L and that bound.
- The directions contract by different factors: a claim that at the given step every
  coordinate of the error falls by the same factor (the same percentage, at the same speed)
  is refuted by the factors 1 − αλ of the spectrum when they differ.
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


_EVERY_STEP = (r"\b(?:for|with)\s+(?:every|any|all|each)\s+(?:(?:stable|convergent|admissible|allowed)"
               r"\s+)?(?:step(?:[- ]?sizes?|[- ]?lengths?|s)?|α|alpha|learning[- ]rates?|values? of "
               r"(?:α|alpha|the step(?: size)?))(?:\s*(?:<|≤|<=|below|under|less than|smaller than|"
               r"up to|(?:in\s*)?\(\s*0\s*,)\s*(?P<bound>[\w./√^+-]+?))?(?=[\s,;)]|\.?$)")
_NO_SIGN_CHANGE = (r"(?:(?P<own1>without|no)\s+(?:any\s+)?(?:oscillat|overshoot)\w*|(?P<own2>(?:does|do|"
                   r"will|would)\s+not|doesn't|don't|won't|never)\s+(?:\w+\s+)?(?:oscillat\w*|"
                   r"overshoot\w*|(?:changes?|flips?|switch(?:es)?|alternates?)\s+(?:its\s+)?sign)|"
                   r"(?:factors?|multipliers?|1\s*[-−]\s*αλ\w*)[^.;|]{0,30}?\s(?:stays?|remains?|is|are)"
                   r"\s+(?:always\s+)?(?:strictly\s+)?positive)")
_NEVER_OSCILLATES = re.compile(_EVERY_STEP + r"[^.;]{0,120}?" + _NO_SIGN_CHANGE + "|"
                               + _NO_SIGN_CHANGE.replace("own1", "own3").replace("own2", "own4")
                               + r"[^.;]{0,60}?" + _EVERY_STEP.replace("bound", "bound2"), re.I)
""""For every α < 0.2 the error shrinks without oscillating", "no step below 2/L makes it
oscillate": every factor 1 − αλ positive up to the stated bound (its absolute value
``|1 − αλ|`` being positive says nothing of its sign)."""
_COORDINATES = r"(?:coordinates?|directions?|components?|eigen-?directions?|modes?|entries)"
_SAME_FACTOR = re.compile(
    r"\b(?:every|each|all|both)\s+(?:the\s+)?" + _COORDINATES + r"\b[^.;]{0,80}?\b(?:the same|"
    r"equal(?:ly)?|identical|uniform(?:ly)?)\s+(?:factor|rate|speed|amount|proportion|ratio|"
    r"percentage|fraction|pace)"
    r"|\b(?:the same|equal|identical|uniform)\s+(?:factor|rate|speed|amount|proportion|ratio|"
    r"percentage|fraction|pace)\b[^.;]{0,40}?\b(?:in|for|along|across|on)\s+(?:every|each|all|both)"
    r"\s+(?:the\s+)?" + _COORDINATES
    + r"|\b(?:falls?|shrinks?|decreases?|decays?|drops?|contracts?|reduces?)\s+by\s+(?:exactly\s+|"
    r"precisely\s+)?\d+(?:\.\d+)?\s*%[^.;]{0,30}?\b(?:in|for|along|of|across)\s+(?:every|each|all|both)"
    r"\s+(?:the\s+)?" + _COORDINATES, re.I)
""""Every coordinate contracts by the same factor", "the error falls by 15% in every
coordinate", "both coordinates shrink at the same speed"."""


def _bound_value(text: str, quad: Any) -> float | None:
    """A step bound as written ("0.2", "2/L", "2/(μ+L)") on this spectrum, else None."""
    from optiproof.core.mathparse import try_parse_math

    names = {"l": quad.L, "L": quad.L, "μ": quad.mu, "mu": quad.mu}
    value = try_parse_math(text.rstrip("."), symbols=names)
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _oscillation(part: Any) -> list[tuple[re.Pattern, str, Any]]:
    """The claim that no step below a bound above 1/L oscillates, refuted by 1 − αL < 0."""
    quad = getattr(getattr(part, "facts", None), "quad", None)
    if quad is None or getattr(quad, "symbolic", True) or not quad.positive:
        return []
    top = float(quad.L)

    def refuted(m: re.Match) -> bool:
        bound = m.group("bound") or m.group("bound2")
        if bound is None:  # "for every stable step": up to 2/L
            return bool(re.search(r"\b(?:stable|convergent|admissible|allowed)\b", m.group(0), re.I))
        value = _bound_value(bound, quad)
        return value is not None and value > 1 / top + 1e-12

    return [(_NEVER_OSCILLATES, refuted, f"says the error never oscillates for these steps, but "
             f"for every step α between 1/L = {1 / top:.4g} and 2/L = {2 / top:.4g} the factor "
             f"1 − αL is negative: the error along the eigenvalue L = {top:g} direction changes "
             "sign at every step")]


def _same_factor(part: Any) -> list[tuple[re.Pattern, str, Any]]:
    """The claim that every coordinate contracts by one factor at the part's given step."""
    facts = getattr(part, "facts", None)
    quad, alpha = getattr(facts, "quad", None), getattr(facts, "alpha", None)
    if quad is None or alpha is None or getattr(quad, "symbolic", True) or len(quad.positive) < 2:
        return []
    try:
        factors = [(float(lam), float(1 - alpha * lam)) for lam in quad.positive]
    except TypeError:
        return []
    sizes = {round(abs(f), 12) for _, f in factors}
    signs = {round(f, 12) for _, f in factors}
    if len(signs) < 2:
        return []

    def refuted(m: re.Match) -> bool:
        return len(sizes) > 1 or bool(re.search(r"\bfactor", m.group(0), re.I))

    shown = " and ".join(f"{f:.4g} (λ = {lam:g})" for lam, f in factors[:4])
    return [(_SAME_FACTOR, refuted, f"says every coordinate of the error contracts by the same "
             f"factor, but at α = {float(alpha):g} the factors 1 − αλ are {shown}")]


def false_statements(part: Any) -> list[tuple[Any, ...]]:
    """Claims the part's spectrum refutes: heavy ball with any momentum at least as fast as
    gradient descent (a momentum at which it is slower), no oscillation below a bound above
    1/L, one contraction factor for every coordinate at the given step."""
    out: list[tuple[Any, ...]] = [(pattern, message, refuted) for pattern, refuted, message in
                                  _oscillation(part) + _same_factor(part)]
    found = slower_momentum(part)
    if found is None:
        return out
    beta, hb, gd = found
    return out + [(_ALWAYS_FASTER, f"says momentum never slows gradient descent down, but on "
                                   f"this problem's spectrum, at gradient descent's best step, "
                                   f"heavy ball with β = {float(beta):g} converges at rate "
                                   f"{float(hb):.4g}, slower than gradient descent's "
                                   f"{float(gd):.4g}")]
