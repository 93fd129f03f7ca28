"""Counted nouns: "8 GPUs", "eight GPUs", "350M parameters", "a 100M-parameter model",
"p workers", "n = 16 GPUs", "a gradient of S bytes".

A count is a number (digits with an optional scale word or suffix, a power of ten, a number
word) or a single-letter symbol, followed by the noun it counts, possibly after one adjective
("8 identical GPUs") or joined by a hyphen ("100M-parameter"). Which nouns mean what (workers,
parameters, bytes) is for the reader of each family to say; this module only finds the pairs.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from fractions import Fraction

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "twenty": 20, "thirty": 30,
          "thirty-two": 32, "sixty-four": 64, "hundred": 100}
NUMBER_WORDS = _WORDS
"""Number words a count may be written in ("eight GPUs"), lower case -> value."""
_SCALES = {"thousand": 10**3, "k": 10**3, "K": 10**3, "million": 10**6, "M": 10**6,
           "billion": 10**9, "B": 10**9, "G": 10**9}
_COUNT = re.compile(
    r"(?<![\w.^_/])(?:(?P<num>\d{1,3}(?:,\d{3})+(?![\d.])|\d{1,12}(?:\.\d{1,6})?"
    r"(?:[eE]\+?\d{1,2}| ?[×x*] ?10\^\d{1,2})?|10\^\d{1,2})"
    r"(?: ?(?P<scale>thousand|million|billion)\b|(?P<suffix>[kKMBG])(?![A-Za-z]))?"
    r"|(?P<word>" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b"
    r"|(?P<sym>[b-zB-HJ-Z]|[α-ω])(?![\w'^(]))"
    r"(?:-| )(?P<noun>[A-Za-z]{3,20})\b(?: (?P<next>[A-Za-z]{3,20})\b)?", re.I)


@dataclass(frozen=True)
class Count:
    """A counted noun: its value (a number) or symbol, the word after it and the next one, as
    written in lower case ("8 identical GPUs": identical, gpus; "a 100M-parameter model":
    parameter, model), its span and phrase."""

    value: Fraction | None
    symbol: str | None
    noun: str
    next: str
    start: int
    end: int
    source: str


def _value(m: re.Match) -> Fraction | None:
    """The number of a count match (scale words and suffixes applied), or None."""
    if m.group("word"):
        return Fraction(_WORDS[m.group("word").lower()])
    text = m.group("num")
    if text is None:
        return None
    text = text.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text) else text
    power = re.fullmatch(r"(?:(\d{1,12}(?:\.\d{1,6})?) ?[×x*] ?)?10\^(\d{1,2})", text)
    if power:
        value = Fraction(power.group(1) or 1) * 10 ** int(power.group(2))
    else:
        try:
            value = Fraction(text)
        except ValueError:
            return None
    scale = m.group("scale") or m.group("suffix")
    if scale:
        value *= _SCALES.get(scale, _SCALES.get(scale.lower(), 1))
    return value


@functools.lru_cache(maxsize=256)
def counts(flat: str) -> tuple[Count, ...]:
    """Every counted noun of a single-line text, left to right."""
    out = []
    for m in _COUNT.finditer(flat):
        if m.group("sym") and m.group("sym") in ("a", "A", "I"):
            continue
        out.append(Count(_value(m), m.group("sym"), m.group("noun").lower(),
                         (m.group("next") or "").lower(), m.start(), m.end("noun"),
                         flat[m.start():m.end("noun")]))
    return tuple(out)
