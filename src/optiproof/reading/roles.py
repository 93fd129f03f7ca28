"""Symbols by role: what the text's own formulas make a symbol, and the asks that name it.

A request may name a quantity by a symbol the text never defines in words but uses in a
formula: the step size of an update rule (``θ ← θ − γ∇f``, ``w = w - lr * buf``), the momentum
coefficient (``v ← b v + g``, ``+ b (w_k − w_{k−1})``), a preconditioner (``θ − γ P ∇f``), the
conjugate exponent of ``1/p + 1/q = 1``, or a convergence factor ``ρ_…``. The *role* is a noun
phrase; a symbol ask (or a request item holding such a symbol) is read once more with the
symbol replaced by its role ("what are the optimal a and b?" is read as "what are the optimal
step size and optimal momentum?"), with the catalogue's own phrases. Only a catalogue quantity
whose phrase covers the replaced words places the ask; anything else stays as it was (the
family's reader may still place it, or the part is refused naming it).
"""

from __future__ import annotations

import re
from dataclasses import replace

from optiproof.catalogue import QUANTITIES
from optiproof.reading.questions import Ask, Questions, Request, _SYMBOL
from optiproof.reading.symbols import symbol_key

STEP, MOMENTUM, PRECONDITIONER, CONJUGATE, FACTOR = (
    "step size", "momentum", "preconditioner", "conjugate exponent", "convergence factor")

_SYM = r"(?:\\?[A-Za-zα-ωηγβρλμ](?:_?\{?\w{1,4}?\}?)??|lr|LR|eta|gamma|alpha|beta|mom(?:entum)?)"
_IT = r"(?:θ|theta|w|W|x|z|params?)"
_SUB = r"(?:_?\{?\(?[\w+−-]{1,6}\)?\}?)?"
_ASSIGN = r"\s?(?:=|←|<-|:=|\\leftarrow)\s?"
_TIMES = r"\s?[*·⋅]?\s?"
_DIRECTION = r"(?:∇|\\nabla|grad\w*|g\b|g_|g\s?\(|v\b|v_|m\b|m_|m̂|mhat|buf\w*|d\b|d_|u\b|u_|\()"
_STEP_RULE = re.compile(
    rf"(?<![\w]){_IT}{_SUB}\s?(?:{_ASSIGN}{_IT}{_SUB}\s?[-−]|-=)\s?(?P<sym>{_SYM}){_TIMES}"
    rf"(?:(?P<pre>[A-Z]|[A-Z]_?\{{?\w{{1,3}}\}}?|[A-Z]\^\{{?-1\}}?)(?:\^\{{?-1\}}?)?{_TIMES})?"
    rf"{_DIRECTION}")
"""An iterate's update, ``θ_{t+1} = θ_t − γ ∇f(θ_t)``, ``w = w - lr * P * grad``: the symbol
multiplying the direction is the step size, a capital letter between them the preconditioner."""
_HEAVY_BALL = re.compile(rf"\+\s?(?P<sym>{_SYM}){_TIMES}\(\s?{_IT}{_SUB}\s?[-−]\s?{_IT}")
"""The momentum term of heavy ball, ``+ β(θ_k − θ_{k−1})``."""
_BUFFER = re.compile(rf"(?<![\w])(?P<v>v|m|buf|z|u|d)(?P<s>{_SUB}){_ASSIGN}(?P<sym>{_SYM})"
                     rf"{_TIMES}(?P=v)(?![a-zA-Z])")
"""A momentum buffer, ``v_{t+1} = μ v_t + g``, ``buf = momentum * buf + grad``."""
_CONJUGATE = re.compile(rf"1\s?/\s?(?P<p>[A-Za-z]'?)\s?\+\s?1\s?/\s?(?P<q>[A-Za-z]'?)\s?=\s?1\b")
_PROBE = {MOMENTUM: "β"}
"""How a role is written in the probe: the momentum by its conventional letter ("optimal
momentum" alone is the catalogue's optimal tuning of a momentum method, "optimal β" its
coefficient)."""
_NAMED = {"eta", "gamma", "alpha", "beta", "momentum", "mom"}
_FACTOR_LETTER = re.compile(r"^(?:ρ|rho)")


def symbol_roles(flat: str) -> dict[str, str]:
    """The roles the text's formulas give its symbols, by :func:`symbol_key`; a symbol with
    two different roles is left out (not guessed)."""
    found: dict[str, set[str]] = {}

    def add(sym: str | None, role: str) -> None:
        if sym and (not re.fullmatch(r"[A-Za-z]{3,}", sym) or sym.lower() in _NAMED):
            found.setdefault(symbol_key(sym), set()).add(role)

    for m in _STEP_RULE.finditer(flat):
        add(m.group("sym"), STEP)
        add(m.group("pre"), PRECONDITIONER)
    for m in _HEAVY_BALL.finditer(flat):
        add(m.group("sym"), MOMENTUM)
    for m in _BUFFER.finditer(flat):
        add(m.group("sym"), MOMENTUM)
    for m in _CONJUGATE.finditer(flat):
        add(m.group("q"), CONJUGATE)
        add(m.group("p"), CONJUGATE)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


def role_of(symbol: str, roles: dict[str, str]) -> str | None:
    """The role of ``symbol``: the text's, else a convergence factor for a ρ with any index
    ("ρ_HB", flattened "ρHB")."""
    got = roles.get(symbol_key(symbol))
    if got is None and _FACTOR_LETTER.match(symbol.strip()) and len(symbol.strip()) <= 8 and \
            not re.search(r"[*⋆]|\^|star|opt|min|max", symbol):
        return FACTOR   # a starred ρ* is the optimal rate, which the family's reader names
    return got


_ADJECTIVE = re.compile(r"\b(?P<adj>optimal|best|tuned|largest|maximal|smallest|minimal)\s+"
                        r"(?:[^\s,;]+\s+){0,2}?(?:and|,|or)\s*$", re.I)
"""An adjective shared by coordinated symbols ("the optimal a and b"): it qualifies each."""
_TOKEN = re.compile(rf"(?<![\w\\]){_SYMBOL}(?![\w(])")
_ARTICLE = re.compile(r"^(?:a|I|an)$")


def _symbols_in(sentence: str, roles: dict[str, str]) -> list[tuple[int, int, str]]:
    """``(start, end, role)`` of each symbol of ``sentence`` with a role; a one-letter word
    that is also an article ("a") counts only beside another such symbol ("the optimal a and
    b", "a, b")."""
    found = []
    for m in _TOKEN.finditer(sentence):
        sym = m.group(0)
        if not sym or (re.fullmatch(r"[A-Za-z]{2,}", sym) and sym.lower() not in _NAMED | {"lr"}):
            continue
        role = role_of(sym, roles)
        if role:
            found.append((m.start(), m.end(), role, sym))
    out = []
    for i, (lo, hi, role, sym) in enumerate(found):
        if _ARTICLE.match(sym):
            nxt = found[i + 1] if i + 1 < len(found) else None
            prv = found[i - 1] if i else None
            if not ((nxt and re.fullmatch(r",? (?:and|or) |, ", sentence[hi:nxt[0]])) or
                    (prv and re.fullmatch(r",? (?:and|or) |, ", sentence[prv[1]:lo]))):
                continue
        out.append((lo, hi, role))
    return out


def _read_as_roles(sentence: str, spans: list[tuple[int, int, str]]) -> dict[tuple[int, int], str]:
    """The one catalogue quantity each symbol span names when every symbol of ``sentence`` is
    read as its role (a head noun just before a symbol is its role's own: "the factor ρ_HB"
    reads "the convergence factor"; an adjective before coordinated symbols qualifies each)."""
    probe, cursor, placed = "", 0, []
    for lo, hi, role in spans:
        before = sentence[cursor:lo]
        head = role.split()[-1]
        noun = re.search(rf"\b(?:[\w-]+ )?{re.escape(head)}s?\s?$", before, re.I)
        if noun and noun.group(0).lower().rstrip().rstrip("s") in (role, head):
            before = before[:noun.start()]
        text = _PROBE.get(role, role)
        adj = _ADJECTIVE.search(probe + before)
        if adj and not re.search(r"\b(?:optimal|best|tuned|largest|maximal|smallest|minimal)\s*$",
                                 before, re.I):
            text = f"{adj.group('adj').lower()} {text}"
        probe += before
        placed.append((lo, hi, len(probe), len(probe) + len(text)))
        probe += text
        cursor = hi
    probe += sentence[cursor:]
    mentions = [m for m in QUANTITIES.mentions(probe) if m.entry.value_kind != "yes-no"]
    out = {}
    for lo, hi, a, b in placed:
        keys = list(dict.fromkeys(m.entry.key for m in mentions if m.start < b and a < m.end))
        if len(keys) == 1:
            out[(lo, hi)] = keys[0]
    return out


def place_by_role(questions: Questions, roles: dict[str, str],
                  defined: dict[str, str] | None = None) -> Questions:
    """Each symbol ask with no quantity, and each unplaced item holding a symbol, read with
    the symbol as its role (see the module docstring); what names one quantity is placed. A
    symbol the text defines in words (``defined``, by :func:`symbol_key`) keeps that meaning;
    a symbol coordinated with an asked one ("the optimal a and b") is asked too."""
    roles = {k: v for k, v in roles.items() if k not in (defined or {})}
    requests = []
    changed = False
    for r in questions.requests:
        spans = _symbols_in(r.sentence, roles) if roles or any(
            a.quantity is None for a in r.asks) or r.unplaced else []
        spans = [x for x in spans if symbol_key(r.sentence[x[0]:x[1]]) not in (defined or {})]
        placed = _read_as_roles(r.sentence, spans) if spans else {}
        asks = []
        for a in r.asks:
            key = placed.get((a.start - r.start, a.end - r.start)) if a.quantity is None else None
            asks.append(Ask(key, a.phrase, a.start, a.end) if key else a)
        asked = {(a.start - r.start, a.end - r.start) for a in r.asks}
        for (lo, hi), key in placed.items():
            if (lo, hi) in asked:
                continue
            if not r.asks:   # "whats the optimal h here??": the symbol is what is asked
                asks.append(Ask(key, r.sentence[lo:hi], r.start + lo, r.start + hi))
                continue
            link = [x for x in asked if re.fullmatch(r",? (?:and|or) |, ", r.sentence[hi:x[0]]) or
                    re.fullmatch(r",? (?:and|or) |, ", r.sentence[x[1]:lo])]
            if link and any(a.quantity is None or a.quantity == key or placed.get(
                    (a.start - r.start, a.end - r.start)) for a in r.asks
                    if (a.start - r.start, a.end - r.start) in link):
                asks.append(Ask(key, r.sentence[lo:hi], r.start + lo, r.start + hi))
        unplaced = []
        for item in r.unplaced:
            got = _item(r, item, roles)
            if got is None:
                unplaced.append(item)
            else:
                asks.append(got)
        if asks != list(r.asks) or len(unplaced) != len(r.unplaced):
            changed = True
            asks.sort(key=lambda x: x.start)
            r = replace(r, asks=tuple(asks), unplaced=tuple(unplaced))
        requests.append(r)
    return replace(questions, requests=tuple(requests)) if changed else questions


def _item(r: Request, item: str, roles: dict[str, str]) -> Ask | None:
    """The ask an unplaced item names through a symbol with a role ("and the factor ρHB")."""
    at = r.sentence.find(item)
    if at < 0:
        return None
    m = _NAMED_ITEM.match(item.strip())
    if m is not None:
        sym = m.group("sym")
        if not sym or re.fullmatch(r"[A-Za-z]{3,}|an?|the|of|or|is|it|to|in|at", sym, re.I):
            return None
        role = role_of(sym, roles)
        core = item.strip()
        key = _read_as_roles(core, [(m.start("sym"), m.end("sym"), role)]).get(
            (m.start("sym"), m.end("sym"))) if role else None
        if key:
            return Ask(key, item, r.start + at, r.start + at + len(item))
    return None


_NAMED_ITEM = re.compile(rf"^(?:(?:and|also|then|,)\s+)*(?:(?:the|its|their|a)\s+)?(?:[\w-]+\s+){{0,2}}"
                         rf"(?P<sym>{_SYMBOL})\s?[.?!]?$")
"""An item that is a noun phrase ending in a symbol ("and the factor ρHB."), not a statement
("assuming the error shrinks by ρ every step")."""


_VARIABLE_OF = re.compile(r"(?<![\w])[A-Za-z] ?\( ?(?P<v>[a-zα-ω]) ?\) ?= ?(?!=)")
"""A function written in its one-letter variable (``g(v) = ½ vᵀQv``, ``q(z) = …``)."""
_INDEXED_LETTER = re.compile(r"^(?P<v>[a-zα-ω])_?\{?\(?\d{1,3}\)?\}?\)?$")


def function_variables(flat: str) -> set[str]:
    """The one-letter variables the text's written functions take (``g(v) = …``: v)."""
    return {m.group("v") for m in _VARIABLE_OF.finditer(flat)}


def variable_iterates(questions: Questions, flat: str) -> Questions:
    """An indexed symbol whose letter is the variable of a function the text writes
    (``v_3`` of ``g(v) = ½ vᵀQv``) names that variable's iterate, not the quantity the
    catalogue's notation gives the letter elsewhere (v_t, Adam's second moment): its ask is
    left for the family's reader to place by the symbol."""
    letters = function_variables(flat)
    if not letters:
        return questions
    requests, changed = [], False
    for r in questions.requests:
        asks = []
        for a in r.asks:
            m = _INDEXED_LETTER.match(a.phrase.strip())
            lo = a.start - r.start
            call = re.search(r"(?<![\w])[A-Za-z] ?\( ?$", r.sentence[:lo])
            if a.quantity and a.quantity != "theta-t" and m and m.group("v") in letters and \
                    QUANTITIES[a.quantity].value_kind != "yes-no":
                phrase = a.phrase.strip().rstrip(")")
                start = a.start
                if call is not None:   # "g(v_3)": the function's value there, asked as written
                    close = r.sentence.find(")", lo)
                    start, phrase = r.start + call.start(), r.sentence[call.start():close + 1]
                asks.append(Ask(None, phrase, start, start + len(phrase)))
                changed = True
            else:
                asks.append(a)
        requests.append(replace(r, asks=tuple(asks)))
    return replace(questions, requests=tuple(requests)) if changed else questions

