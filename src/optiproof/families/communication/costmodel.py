"""The latency-bandwidth (alpha-beta) model of a communication text: the latency per message and
the link bandwidth, as numbers with units or as symbols.

The latency: "latency α = 5 µs", "alpha = 10 us", "α = 2 μs", "α = 10 µs = 10^-5 s" (a
restatement in other units is used too when it agrees), or a symbol α. The bandwidth, in bytes
per second: "bandwidth 25 GB/s", "bw = 10 GB/s", "1/β = 25 GB/s", "send at 25 GB/s", or a time
per unit: "β = 1 ns per entry" (per element: the bandwidth is the element's bytes over β),
"β = 10^-10 s/byte", or a symbol β "per element" / "per byte" (a message of m entries costs
α + mβ), kept as the formula bytes/β. "1 GB = 10^9 bytes" is the unit's definition (read, and
refused if it is not 10^9). The part's own text is read before the shared context.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from optiproof.core.text.match import rx
from optiproof.core.text.numbers import Num, number_at
from optiproof.core.text.record import PartReading, phrase

TIME_UNITS = {"s": 1, "sec": 1, "seconds": 1, "second": 1, "ms": Fraction(1, 10**3),
              "μs": Fraction(1, 10**6), "us": Fraction(1, 10**6), "ns": Fraction(1, 10**9),
              "milliseconds": Fraction(1, 10**3), "millisecond": Fraction(1, 10**3),
              "microseconds": Fraction(1, 10**6), "microsecond": Fraction(1, 10**6),
              "nanoseconds": Fraction(1, 10**9), "nanosecond": Fraction(1, 10**9)}
BW_UNITS = {"gb/s": 10**9, "gbytes/s": 10**9, "mb/s": 10**6, "kb/s": 10**3, "b/s": 1,
            "bytes/s": 1, "byte/s": 1, "gbit/s": 125_000_000, "gbps": 125_000_000,
            "mbit/s": 125_000, "tb/s": 10**12}
_TIME_UNIT = (r"[ ]?(milliseconds?|microseconds?|nanoseconds?|ms|μ ?s|µ ?s|us|ns|seconds|second|"
              r"sec|s)(?![a-z/])")
_BW_UNIT = r"[ ]?(gb/s|gbytes/s|mb/s|kb/s|bytes/s|byte/s|b/s|gbit/s|gbps|mbit/s|tb/s)"
_BITS_MEANT = (r"\b(?:giga|mega|tera|kilo)bits?\b|\bbits? per second\b|"
               r"\b1 ?[GMTk]b ?(?:=|is) ?10 ?\^? ?\d{1,2} ?bits\b")
"""A text that says its lower-case b is a bit ("100 Gb/s (gigabits per second)")."""


def _rate(unit: str, text: str) -> Fraction:
    """Bytes per second of one ``unit`` as written: 'Gb/s' is gigabits when the text says so
    (a gigabyte is 'GB/s'), else the bytes it was always read as."""
    scale = Fraction(BW_UNITS[unit.lower()])
    if rx(r"^[GMTk]b/s$").match(unit) and unit[1] == "b" and rx(_BITS_MEANT).search(text):
        return scale / 8
    return scale


_ELEMENT = r"(?:entry|entries|element|elements|float|floats|value|values|parameter|parameters|" \
           r"number|numbers|word|words|scalar|scalars)"
_BETA = r"(?:β|\bbeta\b)"


def _time_unit(text: str) -> Fraction:
    return Fraction(TIME_UNITS[text.lower().replace("µ", "μ").replace(" ", "")])


def _seconds(text: str, pos: int) -> tuple[Fraction, int] | None:
    """A time at ``pos``: a number and a unit (seconds if none follows)."""
    got = number_at(text, pos)
    if got is None:
        return None
    num, end = got
    unit = rx(_TIME_UNIT).match(text, end)
    if unit is None:
        return None
    return Fraction(num.value) * _time_unit(unit.group(1)), unit.end()


def _restated(text: str, end: int, value: Fraction) -> int:
    """The end of a restatement right after a time ("10 µs = 10^-5 s", "20 us (20*10^-6 s)")
    when it agrees with ``value``; else ``end``."""
    m = rx(r" ?(?:= ?|\(|\(= ?)").match(text, end)
    if not m:
        return end
    again = _seconds(text, m.end())
    if again is None:
        again_num = rx(r"(\d{1,4}) ?\* ?10\^-(\d{1,2}) ?s\b").match(text, m.end())
        if again_num is None:
            return end
        again = (Fraction(int(again_num.group(1)), 10 ** int(again_num.group(2))),
                 again_num.end())
    if again[0] != value:
        return end
    close = rx(r" ?\)").match(text, again[1])
    return close.end() if close and "(" in m.group(0) else again[1]


def _restated_bw(text: str, end: int, value: Fraction) -> int:
    """The end of a restated bandwidth ("10 GB/s (10^10 bytes/s)", "100 GB/s, i.e. β = 10^-11
    s/byte") that agrees; else ``end``."""
    beta = rx(r",? ?\(?(?:i\.e\.,?|so|that is,?|or|equivalently,?) (?:" + _BETA + r" ?= ?)"
              ).match(text, end)
    per = _per_unit_seconds(text, beta.end()) if beta else None
    tail = rx(r"(?: ?/ ?| per )(?:1 )?(bytes?|[kKMGT]B)\b\)?").match(text, per[1]) if per else None
    size = {"k": 10**3, "m": 10**6, "g": 10**9, "t": 10**12}.get(tail.group(1)[0].lower(), 1) \
        if tail and tail.group(1)[-1] == "B" else 1   # "β = 0.1 s per GB": 10^-10 s per byte
    if tail and per[0] * value == size:
        return tail.end()
    m = rx(r" ?(?:= ?|\((?:i\.e\.,? |= ?)?)").match(text, end)
    got = number_at(text, m.end()) if m else None
    if got is None:
        return end
    unit = rx(_BW_UNIT).match(text, got[1])
    if unit is None or Fraction(got[0].value) * _rate(unit.group(1), text) != value:
        return end
    close = rx(r" ?\)").match(text, unit.end())
    return close.end() if close and "(" in m.group(0) else unit.end()


def _spec(value: Fraction) -> Any:
    return Num(value, str(value)).spec_value()


_LETTER = r"(?:[A-Za-zα-ω](?:_\{?\w{1,4}\}?)?)"
_COST_FORMULA = (r"\b(?:a|one|each|every|any|single) (?:(?:point-to-point|p2p) )?(?:message|transfer|"
                 r"send)\b[^.;]{0,20}? of (?:size )?(\w) (?:(bytes?)|" + _ELEMENT + r")\b[^.;]{0,40}?"
                 r"(?:\b(?:costs?|takes?|needs?|lasts?)\b|\bT ?\( ?\1 ?\) ?=)[^.;]{0,12}?(?<![\w])("
                 + _LETTER + r") ?\+ ?(?:\1 ?[*·×]? ?(" + _LETTER + r")|(" + _LETTER +
                 r") ?[*·×]? ?\1)(?![\w])")
"""A message's cost written as a formula in its size: 'a message of x bytes costs a + b*x
seconds'; the constant term is the latency, the size's factor the time per byte (or element),
whatever their letters."""


def cost_letters(text: str) -> tuple[str, str, str] | None:
    """(latency letter, per-size letter, "byte" | "element") of a cost formula in ``text``."""
    m = rx(_COST_FORMULA).search(text)
    if m is None:
        return None
    return m.group(3), m.group(4) or m.group(5), "byte" if m.group(2) else "element"


def _alpha(text: str, letter: str | None = None) -> tuple[Any, str] | None:
    extra = rf"|(?<![\w]){re.escape(letter)} ?= ?" if letter and letter not in ("α", "alpha") \
        else ""
    # 'latency α = 5 µs', 'latency 5 µs', 'latency L = 10 us' (the latency under its own letter)
    for m in rx(r"(?:\b(?:latency|start-?up(?: time| cost)?)(?: (?:of|is|per message))?"
                r"(?: [A-Za-z](?:_\{?\w{1,4}\}?)? ?= ?|(?: (?:α|alpha))?(?: ?= ?| ))"
                r"|(?<![\w])(?:α|alpha) ?= ?" + extra + ")"
                ).finditer(text):
        got = _seconds(text, m.end())
        if got is not None:
            value, end = got
            end = _restated(text, end, value)
            return _spec(value), phrase(text, m.start(), end)
    return None


def _bandwidth(text: str, element_bytes: int, letter: str | None = None
               ) -> tuple[Any, str, str] | None:
    """(value, source, note) of the bandwidth in bytes per second, or None; ``letter`` is the
    time per byte or element of the text's cost formula (read like β)."""
    for m in rx(r"(?:\bbandwidth|\bbw|\blink speed|1 ?/ ?" + _BETA + r"|\b(?:send|transfer|"
                r"transmit)s? (?:data )?at)(?: (?:of|is|per link))?(?: (?:B|bw|1 ?/ ?"
                + _BETA + r"))?(?: ?= ?| )").finditer(text):
        got = number_at(text, m.end())
        if got is None:
            continue
        num, end = got
        unit = rx(_BW_UNIT).match(text, end)
        if unit is None:
            continue
        value = Fraction(num.value) * _rate(unit.group(1), text)
        return _spec(value), phrase(text, m.start(), _restated_bw(text, unit.end(), value)), ""
    beta = _BETA if not letter or letter in ("β", "beta") else \
        rf"(?:{_BETA}|(?<![\w]){re.escape(letter)}(?![\w]))"
    for m in rx(beta + r" ?= ?\(?\(?1\)? ?/ ?\(?").finditer(text):   # β = 1/(10 GB/s)
        got = number_at(text, m.end())
        unit = rx(_BW_UNIT + r" ?\)?\)?").match(text, got[1]) if got else None
        if unit is None:
            continue
        value = Fraction(got[0].value) * _rate(unit.group(1), text)
        end = unit.end()
        again = rx(r" ?= ?").match(text, end)
        per = _per_unit_seconds(text, again.end()) if again else None
        tail = rx(r" ?/ ?bytes?\b").match(text, per[1]) if per else None
        if tail and per[0] == 1 / value:   # '= 10^-10 s/byte', the same bandwidth restated
            end = tail.end()
        return _spec(value), phrase(text, m.start(), end), ""
    for m in rx(beta + r" ?= ?").finditer(text):
        got = _seconds(text, m.end()) or _per_unit_seconds(text, m.end())
        if got is None:
            continue
        value, end = got
        end = _restated(text, end, value)
        per = rx(r" ?(?:/ ?|per )(?:(byte)s?\b|" + _ELEMENT + r"\b)").match(text, end)
        if per is None:
            continue
        size = 1 if per.group(1) else element_bytes
        note = "" if per.group(1) else f"β per element: the bandwidth is {size} bytes over β"
        bw = Fraction(size) / value
        return _spec(bw), phrase(text, m.start(), _restated_bw(text, per.end(), bw)), note
    per = _symbolic_beta(text)
    if per is not None:
        size = 1 if per[0] == "byte" else element_bytes
        return f"{size}/beta" if size != 1 else "1/beta", per[1], \
            f"β is the time per {per[0]}: the bandwidth is {size} bytes over β"
    return _bandwidth_by_unit(text)


def _bandwidth_by_unit(text: str) -> tuple[Any, str, str] | None:
    """A rate found by its unit alone ("each GPU can push 100 Gbit/s", "links of 25 GB/s"):
    the bandwidth when the text states one such rate (several different ones: None)."""
    found, done = [], 0
    for m in rx(r"(?<![\w.^/])(?=\d)").finditer(text):
        if m.start() < done:   # inside a number read ("10^10" of "2.5×10^10")
            continue
        got = number_at(text, m.start())
        done = got[1] if got else done
        unit = rx(_BW_UNIT + r"(?![\w/])").match(text, got[1]) if got else None
        if unit is not None and not rx(r"/ ?\(?$").search(text[max(0, m.start() - 4):m.start()]):
            value = Fraction(got[0].value) * _rate(unit.group(1), text)
            found.append((value, phrase(text, m.start(), _restated_bw(text, unit.end(), value))))
    if len({v for v, _ in found}) != 1:
        return None
    value, src = found[0]
    return _spec(value), src, "the rate is read by its unit as the link bandwidth"


def _per_unit_seconds(text: str, pos: int) -> tuple[Fraction, int] | None:
    """``10^-10 s/byte``, ``0.1 s per GB``: a time whose unit is written before the ``/`` or
    ``per``."""
    got = number_at(text, pos)
    if got is None:
        return None
    num, end = got
    unit = rx(r"[ ]?(ms|μs|µs|us|ns|s)(?= ?/| per )").match(text, end)
    if unit is None:
        return None
    return Fraction(num.value) * _time_unit(unit.group(1)), unit.end()


def _symbolic_beta(text: str) -> tuple[str, str] | None:
    """("byte" | "element", source) when β is a time per byte or per element, in words."""
    m = rx(_BETA + r"(?: is| =)?(?: the)?(?: (?:transfer |transmission )?time)?(?: (?:seconds?|"
           r"secs?|s|time units?))?(?: per| /) ?(?:(byte)|" + _ELEMENT + r")\b").search(text)
    if m:
        return ("byte" if m.group(1) else "element"), phrase(text, m.start(), m.end())
    m = rx(r"\b(?:a|one|each|every|any)(?: single)? (?:(?:point-to-point|p2p) )?(?:message|(?:round|step)\b[^.;]{0,40}?\bmessages?) of "
           r"(?:size )?(\w) (?:(bytes)|" + _ELEMENT +
           r")\b[^.;]{0,60}?(?:\b(?:costs?|takes?|needs?|requires?|lasts?)\b|\bT ?\( ?\1 ?\) ?=)"
           r"[^.;]{0,12}?(?:α|alpha) ?\+ ?(?:\1 ?[*·×]? ?" + _BETA + "|" + _BETA + r" ?[*·×]? ?\1)"
           ).search(text)
    if m:
        return ("byte" if m.group(2) else "element"), phrase(text, m.start(), m.end())
    m = rx(r"\b(?:send(?:s|ing)?|transfer(?:s|ring)?|transmit(?:s|ting)?|mov(?:es|ing)) (\w) (?:(bytes)|" + _ELEMENT +
           r")\b[^.;]{0,40}?\b(?:costs?|takes?|needs?|requires?|lasts?)\b[^.;]{0,12}?(?:α|alpha) ?\+ ?"
           r"(?:\1 ?[*·×]? ?" + _BETA + "|" + _BETA + r" ?[*·×]? ?\1)").search(text)
    if m:   # 'a step in which every worker sends m entries costs α + βm'
        return ("byte" if m.group(2) else "element"), phrase(text, m.start(), m.end())
    return None


_BETA_INVERSE = (_BETA + r" ?= ?1 ?/ ?\( ?(\d{1,4}(?:\.\d{1,4})?) ?[·*×] ?10(\^|)(\d{1,2}) ?\) ?"
                 r"(?:s|sec|seconds?) ?(?:/|per) ?bytes?\b")
"""β as one over the bandwidth in bytes per second ("β = 1/(25 · 10^9) s/byte"; a PDF copy may
flatten the exponent, "25 · 109")."""


def _beta_restated(text: str, bandwidth: Any, r: PartReading) -> None:
    """β written as one over the bandwidth read: recorded when it is that bandwidth (a
    flattened exponent only when the text's GB is defined with the same flattening); refused,
    naming it, when it is another."""
    m = rx(_BETA_INVERSE).search(text)
    if m is None or not rx(r"^\d+(?:/\d+)?$").match(str(bandwidth)):
        return   # a symbolic bandwidth: nothing to compare
    if not m.group(2) and not rx(r"\b1 ?GB ?= ?10" + m.group(3) + r" ?bytes\b").search(text):
        return   # '25 · 109' read as 10^9 only beside '1 GB = 109 bytes'
    value = Fraction(m.group(1)) * 10 ** int(m.group(3))
    if value == Fraction(str(bandwidth)):
        r.convention("bandwidth", m.group(0), "β = 1/bandwidth: the same rate, per byte")
    else:
        r.miss("bandwidth", f'"{m.group(0)}" is not one over the bandwidth read ({bandwidth} '
                            "bytes/s)")


_DECIMAL_UNITS = (("kB", 3, "KB|kB"), ("MB", 6, "MB"), ("GB", 9, "GB"), ("TB", 12, "TB"))
"""Byte units a text may define, with the power of ten each is and its spellings."""


def gigabyte(text: str, r: PartReading) -> bool:
    """'1 GB = 10^9 bytes', 'use MB = 10^6 bytes', 'counting GB as 10^9 bytes' (or a garbled
    '109'): recorded; False when a unit is defined otherwise (a binary one, 2^30 bytes)."""
    for label, power, spelled in _DECIMAL_UNITS:
        binary = 2 ** (10 * power // 3)
        size = (rf"(10\^{power}|10{_SUPERSCRIPT[power]}|10{power}|{1000 ** (power // 3):,}|"
                rf"{10 ** power}|2\^{10 * power // 3}|1024\^{power // 3}|{binary:,})")
        m = rx(rf"\b(?:(?:1|an?|one) ?)?(?:{spelled})(?: ?= ?| (?:is|as|means|equals|being) )"
               rf"{size} ?(?:bytes|(?-i:B))\b|(?<![\w^.]){size} ?(?:bytes|(?-i:B)) ?= ?1 ?"
               rf"(?:{spelled})\b").search(text)
        if m is None:
            continue
        if (m.group(1) or m.group(2)) in (f"2^{10 * power // 3}", f"1024^{power // 3}",
                                          f"{binary:,}"):
            r.miss("bandwidth", f'"{m.group(0)}": a {label} of 2^{10 * power // 3} bytes is not '
                                f"supported (expected 1 {label} = 10^{power} bytes)")
            return False
        garbled = f"10{power}" in (m.group(1), m.group(2))
        note = f"1 {label} = 10^{power} bytes" + (
            f" (the garbled '10{power}' read as 10^{power})" if garbled else "")
        if not any(c.source == m.group(0) for c in r.conventions):
            r.convention("gigabyte" if label == "GB" else "unit", m.group(0), note)
    return True


_SUPERSCRIPT = {3: "³", 6: "⁶", 9: "⁹", 12: "¹²"}


_ZERO_LATENCY = (r"\b(?:ignor\w* (?:the )?(?:\w+ )?latency(?: (?:terms?|costs?))?(?: completely| entirely)?|"
                 r"latency (?:is |can be |may be )?(?:negligible|ignored|zero|neglected)|"
                 r"(?:neglect\w*|without|zero|no) (?:the )?latency(?: costs?| terms?)?(?![- ]?[a-z])|"
                 r"(?:α|alpha) ?= ?0(?![.,]?\d)|"
                 r"ignor\w* (?:the )?(?:α|alpha)(?: terms?)?\b)")
"""A zero latency: a pure bandwidth model ("ignore latency", "latency is negligible", α = 0)."""


def _zero_latency(text: str) -> Any:
    """The phrase of a zero latency stated in ``text`` and not negated, or None."""
    for m in rx(_ZERO_LATENCY).finditer(text):
        if not rx(r"\b(?:not|don'?t|do not|never|cannot|can'?t|without ignoring)\W{1,3}"
                  r"(?:\w+\W{1,3})?$").search(text[max(0, m.start() - 25):m.start()]):
            return m
    return None


def _other_cost_symbols(text: str) -> Any:
    """A message cost written in other symbols than α and β or B ("a message of m values costs
    t_s + m t_w"), which the defaults α and B would silently rename; None when there is none."""
    m = rx(r"\b(?:costs?|takes?|needs?|lasts?)\b[^.;]{0,12}?(?<![\w])([A-Za-z](?:_\{?\w{1,4}\}?)?) ?\+ ?"
           r"\w ?[*·×]? ?([A-Za-z](?:_\{?\w{1,4}\}?)?)(?![\w(])").search(text)
    if m is None or m.group(1) in ("α", "alpha"):
        return None
    return m


def read_cost_model(own: str, context: str, r: PartReading, element_bytes: int,
                    alpha_field: str, bandwidth_field: str,
                    bandwidth: str = "required") -> None:
    """Set the latency and bandwidth fields of a part that asks for a time (the bandwidth only
    when stated, ``bandwidth="optional"``, for a latency-only time)."""
    letters = cost_letters(own) or cost_letters(context)
    a_letter, b_letter = (letters[0], letters[1]) if letters else (None, None)
    alpha = _alpha(own, a_letter) or _alpha(context, a_letter)
    own_alpha = _alpha(own, a_letter)
    zero = _zero_latency(own) or (None if own_alpha else _zero_latency(context))
    limit = rx(r"(?:α|alpha) ?(?:→|->) ?0(?![.,]?\d)|\b(?:as|when|in the limit) (?:the )?latency "
               r"(?:goes|tends) to (?:0|zero)\b").search(own + " " + context)
    symbolic = rx(r"\b(?:function|terms) of\b[^.?]{0,40}(?:α|\balpha\b)").search(own)
    if limit or (zero and (symbolic or (own_alpha and _zero_latency(own)))):
        found = limit.group(0) if limit else zero.group(0)
        r.miss(alpha_field, f'"{found}": the latency is both a variable of the answer (or a '
                            "stated value) and zero, which optiproof does not solve (expected a "
                            "latency α > 0, a number or a symbol, or 'ignore latency' alone)")
    elif zero:
        r.set(alpha_field, 0, zero.group(0), note="the latency is ignored: α = 0, a pure "
                                                  "bandwidth model")
    elif alpha is not None:
        r.set(alpha_field, alpha[0], alpha[1])
    elif (other := _other_cost_symbols(own + " " + context)) is not None:
        r.miss(alpha_field, f'"{other.group(0)}": the cost of a message is written with symbols '
                            "optiproof does not read as its latency and per-value cost (expected "
                            "α + mβ, or α + m/B)")
    elif rx(r"\blatency\b|\bα\b|\balpha\b").search(own + " " + context):
        r.set(alpha_field, "alpha", "latency α per message")
    else:
        r.miss(alpha_field, "time is asked but no latency per message is stated (expected "
                            "e.g. 'latency α = 10 µs' or a symbol α)")
    if not gigabyte(own + " " + context, r):
        return
    bw = _bandwidth(own, element_bytes, b_letter) or _bandwidth(context, element_bytes, b_letter)
    if bw is not None:
        r.set(bandwidth_field, bw[0], bw[1], note=bw[2])
        bits = rx(r"\b1 ?[GMTk]b ?(?:=|is) ?10 ?\^? ?\d{1,2} ?bits\b").search(own + " " + context)
        if bits and rx(r"[GMTk]b/s").search(bw[1]):
            r.convention("gigabit", bits.group(0), "a rate in Gb/s counts bits: 8 bits a byte")
        _beta_restated(own + " " + context, bw[0], r)
    elif bandwidth == "optional":
        return
    elif (beta := rx(r"(?:α|alpha) ?\+ ?(?:\w ?[*·×]? ?)?" + _BETA).search(own + " " + context)):
        r.miss(bandwidth_field, f'"{beta.group(0)}": the cost of a message names its per-value '
                                "time β, but what β is a time per (byte or entry) was not read "
                                "(expected e.g. 'β seconds per byte' or 'a message of m entries "
                                "costs α + mβ')")
    elif rx(r"\bbandwidth\b").search(own + " " + context):
        r.set(bandwidth_field, "B", "bandwidth B")
    else:
        r.miss(bandwidth_field, "time is asked but no bandwidth is stated (expected e.g. "
                                "'bandwidth 10 GB/s', 'β = 1 ns per entry' or a symbol B)")
