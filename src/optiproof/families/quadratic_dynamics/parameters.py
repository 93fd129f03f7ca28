"""What a parameter symbol of a quadratic-dynamics text is: the step size or the momentum
coefficient, by the update the text writes with its letters, else by the catalogue's
convention (α, η, γ, lr: the step; β, momentum: the momentum).

The written update decides first: the letter multiplying the gradient (``θ − η∇f``) or the
buffer in the parameter step (``θ ← θ − lr·b``) is the step; the one multiplying the buffer in
its own recurrence (``b ← m·b + g``) or the last displacement (``+ β(θ_k − θ_{k−1})``) is the
momentum; a noun right before it names it too ("momentum m", "step size h"). A letter given both
roles, or none, has no role (the caller refuses).
"""

from __future__ import annotations

import re

STEP = "step"
MOMENTUM = "momentum"

_BUFFER = r"(?:b|v|m|u|z|buf)(?:_?\{?\(?[tk](?: ?[-−+] ?1)?\)?\}?)?"
_ITERATE = r"(?:x|θ|w|theta)_?\{?\(?[tk]\)?\}?"
_TIMES = r" ?[·*]? ?"
_CONVENTION = {"α": STEP, "η": STEP, "γ": STEP, "lr": STEP, "β": MOMENTUM, "momentum": MOMENTUM}
_SYMBOL = re.compile(r"[A-Za-zα-ω]{1,8}")


def _written(symbol: str) -> dict[str, str]:
    s = re.escape(symbol)
    return {
        STEP: (rf"(?<!<)[-−]{_TIMES}{s}{_TIMES}(?:∇|\\nabla|grad\b|g\b|g_)|"   # not the arrow '<-'
               rf"(?<!<)[-−] ?{s}{_TIMES}{_BUFFER}(?![\w(])|"
               rf"\b(?:step(?:[- ]?size)?|learning rate) {s}(?![\w])"),
        MOMENTUM: (rf"(?:=|←|<-|:=) ?{s}{_TIMES}{_BUFFER} ?\+|"
                   rf"\+ ?{s}{_TIMES}\(? ?{_ITERATE} ?[-−] ?{_ITERATE}|"
                   rf"\+ ?{s}{_TIMES}\(? ?(?:x|θ|w|theta)(?:_?\{{?\(?[tk]\)?\}}?)? ?[-−] ?"
                   rf"(?:x|θ|w|theta)|"
                   rf"\bmomentum(?: coefficient| parameter)? {s}(?![\w])"),
    }


def parameter_role(symbol: str, texts: tuple[str, ...]) -> str | None:
    """:data:`STEP`, :data:`MOMENTUM` or None for ``symbol`` in ``texts`` (see the module)."""
    symbol = symbol.strip()
    if not _SYMBOL.fullmatch(symbol):
        return None
    found = {role for role, pattern in _written(symbol).items()
             for t in texts if re.search(pattern, t, re.I if len(symbol) > 1 else 0)}
    if len(found) == 1:
        return found.pop()
    if found:
        return None
    return _CONVENTION.get(symbol)


_TUNING = re.compile(r"\b(?:tuned|optimal|best|optimally (?:tuned|chosen)|optimi[sz]ed)"
                     r"(?: (?:heavy[- ]ball|polyak|momentum|nesterov))?(?: (?:parameters|values|"
                     r"hyper-?parameters))? (?P<open>\( ?)?(?P<list>[A-Za-zα-ω]{1,8}(?:(?: ?,| ?,? and) "
                     r"[A-Za-zα-ω]{1,8}){0,3})(?(open) ?\)|(?![\w]))", re.I)


def tuned_symbols(text: str) -> list[str]:
    """The symbols a tuning names ("the tuned η and β", "optimal lr and m", "tuned (η, β)"):
    each asks the optimal value of its parameter."""
    out = []
    for m in _TUNING.finditer(text):
        out += [x for x in re.split(r" ?,? and | ?, ?", m.group("list")) if x and x != "and"]
    return out


_REQUEST_LEAD = re.compile(r"(?:^|[.?!;:]\s|\b(?:give|find|state|compute|determine|report|derive|"
                           r"what are|what is|and)\s(?:the |its |their )?)$", re.I)


def asked_tunings(text: str) -> list[tuple[int, str, list[str]]]:
    """Tunings that are themselves asked ("Tuned η and β, and the asymptotic rate.", "give the
    optimal η and β"): a tuning at the start of a sentence or right after a request verb, as
    (position, phrase, symbols); one after a preposition ("run it with the tuned η and β") is a
    setting, not listed."""
    return [(m.start(), m.group(0), [x for x in re.split(r" ?,? and | ?, ?", m.group("list"))
                                     if x and x != "and"])
            for m in _TUNING.finditer(text) if _REQUEST_LEAD.search(text[:m.start()])]


_STEP_SET = re.compile(r"(?<![\w])(?:α|η|γ|lr|step(?: size)?|learning rate) ?= ?"
                       r"(?P<v>[^,;?=\s]{1,20}(?: ?[-+*/·−] ?[^,;?=\s]{1,20}){0,4})(?=[\s,;?]|$)(?! ?=)")


def stated_steps(text: str) -> list[str]:
    """The different step sizes a text sets ('for η = 1/L …; for η = 2/(μ+L) …'), as written
    (spaces dropped), in order; a chain 'η = η* = 2/(μ+L)' counts once."""
    out: list[str] = []
    for m in _STEP_SET.finditer(text):
        value = re.sub(r"\s", "", m.group("v")).rstrip(".")
        if value and value not in out:
            out.append(value)
    return out
