"""PDF layout: scripts and stacked fractions a PDF copy set on lines of their own, rejoined.

Copying a typeset formula out of a PDF viewer keeps the glyphs but loses their heights: every
superscript and subscript, and the numerator and denominator of a displayed fraction, lands on
a line of its own, in the order top to bottom. ``½(θ₁² + 25θ₂²)`` arrives as::

    f(θ) =
    1
    2
    (θ
    2
    1 + 25 θ
    2
    2
    )

This module reads such a layout back into the canonical one-line form (``f(θ) = (1/2) (θ_1^2 +
25 θ_2^2 )``), by what the layout says, not by what a formula is expected to be:

- a *script* is a short token (a digit or two, an index letter ``i j k m n t``, ``k+1``,
  ``t−1``, ``∞``, a star ``∗ ⋆ ?``, the transpose ``>``/``⊤``) at the start of the line
  right
  after a line ending in its base (a one-letter symbol, a norm's closing bar, a parenthesis,
  ``10`` or the space ``R``);
- two scripts stacked on one base are superscript then subscript (the upper one is copied
  first) — taken only where the other order could not be meant (a power 1 is never written, a
  power that is a letter goes on a decay constant, ∗ and ᵀ are superscripts) or where the text
  defines the base with exactly one of the two indices (``β_2 = 0.999`` makes ``β t 2`` β₂ᵗ);
  anything else is left on one line as written ("θ 2 3"), which the readers refuse naming it;
- a lone script after a norm's bar is a subscript only when it cannot be a power (``∞``, ``1``,
  a letter); a lone ``2`` there stays as written ("‖u‖ 2": the square or the 2-norm is decided
  by the readers from the sentence, or refused);
- a lone digit after a letter is its index (``β 1 = 0.9``, ``θ 2``), except after a variable of
  a function the text declares (``f(x, y) = x 2 + 25y 2`` squares x and y), after ``10`` and
  after the space ``R``, where it is a power;
- a *stacked fraction* is a numerator alone on its line (or ending the line after ``=``, ``+``,
  ``−``), a denominator alone on the next, then the operand: ``(N/D)``.

The rejoining runs only on a text that shows the layout: at least three lines holding a lone
script under a base. Text wrapped by a mail client or a forum never does, and is left alone.
"""

from __future__ import annotations

import re

_MAX_JOINED = 4000
"""Longest line the rejoining grows (a typeset paragraph is far shorter): bounds the work on any
input to linear time."""
_STARS = {"∗": "*", "⋆": "*", "?": "*", "*": "*", "†": "†"}
_TRANSPOSES = (">", "⊤")
_MINUS = "−-"

_LONE_SCRIPT = re.compile(r"^(?:[kt][+−-]1|\d{1,2}|[ijkmnt]|∞|[∗⋆?†]|>|⊤)$")
"""A line holding one script and nothing else: the signature of the layout."""

_SCRIPT_BEFORE_SIGN = re.compile(r"^(?:[kt][+−-]1|\d{1,2}|[ijkmnt]|∞|[∗⋆?†])"
                                 r" ?(?:=|[,.;)](?!\d))")
"""A line opening with a script and then a sign ('0 = 0', 't+1 = w', '∞.'): the layout too."""
_SCRIPT_HEAD = re.compile(r"^(?P<tok>[kt][+−-]1|[−-]1|\d{1,2}|[ijkmnt]|∞|[∗⋆?†]|>|⊤"
                          r"|T(?= [A-Z][A-Za-zθ]?\b))"
                          r"(?P<rest>(?<=[>⊤])\S.*|(?<=[∗⋆?†∞])k(?![a-z]).*"
                          r"|(?<=\d)[A-Za-zα-ω](?![A-Za-z]).*"
                          r"|(?: |[,;:)\]/|](?!\d)|\.(?!\d)|=).*|)$")
"""A script at the start of a line and what follows it on that line (a space, punctuation, an
equals sign; after a transpose, the operand it multiplies: ``>u +``)."""

_BASE = re.compile(r"(?:(?P<norm>(?<![A-Za-z])k(?=\S)[^k\n]{1,16}(?<=\S)k|k ?· ?k"
                   r"|‖[^‖\n]{1,30}‖)"
                   r"|(?P<ten>(?<![\w.])10)|(?P<space>(?<![A-Za-z])R)"
                   r"|(?P<paren>\))"
                   r"|(?P<letter>(?:(?<![A-Za-z])|(?<=(?<![A-Za-z])k))"
                   r"[A-Za-z](?:[\u0302\u0303˜ˆ])?"
                   r"|ˆ[A-Za-z]|[α-ωΑ-ΩΔ∆∇ǫ](?:[\u0302\u0303˜])?))[ \t]*$")
"""What a script hangs from, at the end of a line: a norm ('kuk', 'k · k', '‖u‖'), the number
10, the space R, a closing parenthesis, or a one-letter symbol (a Latin letter that is no
word's last letter, possibly inside norm bars 'kw'; any Greek letter; a hat or tilde with it)."""

_NEW_BLOCK = re.compile(r"^\s*(?:\(?(?:[a-h]|[ivx]{1,4}|\d{1,2})\)|\d{1,2}\.\s"
                        r"|(?:Exercise|Problem|"
                        r"Question|Questions|Example|Hint|Note|Remark|Algorithm)\b)")
_OPERATOR_END = re.compile(r"(?:[=+(−-]|[=+−-] ?(?P<num>\d{1,2}))[ \t]*$")
_NORM_LETTER = re.compile(r"^(?P<tok>[A-Z])(?P<rest>(?: |[,;:)\]/|](?!\d)|\.(?!\d)|=|≤|<).*|)$")
"""A capital letter under a norm's bar: the matrix the norm is weighted by ('kuk' / 'A ≤ η')."""
_STATEMENT = re.compile(r"^[ \t]*\S{1,4}(?: \S{1,3})? ?(?:←|:=)")
"""A line that opens a statement of its own ('mb t ← mt/(1 − β'): an algorithm's next line."""
_OPEN_BAR = re.compile(r"(?<![A-Za-z])k[^\sk]{1,12}$")
_FRACTION_TOKEN = re.compile(r"^(?:\d{1,3}|[α-ωA-Za-z])$")
_DENOMINATOR = re.compile(r"^(?P<den>\d{1,3}|[α-ωΑ-Ω]|\d{1,2}[α-ωA-Za-z])"
                          r"(?P<after>[α-ωA-Za-z])?$")
_OPERAND_START = re.compile(r"^[ \t]*(?:[(‖√]|k[^\sk]|[A-Za-zα-ωΑ-Ω∆Δ∇](?![a-z]{2}))")
_FUNCTION_VARS = re.compile(r"\b[fgLh]\((?P<vars>[a-z](?:, ?[a-z]){1,3})\) ?=")
_DEFINED_INDEX = re.compile(r"(?<![A-Za-z])(?P<base>[α-ωA-Za-z])(?:_|\n)?(?P<i>\d) ?=")
_DECAY_BASES = "βργμλ"


def rejoin_scripts(text: str, notes: list[str]) -> str:
    """The PDF layout of scripts and stacked fractions read back into one line (see the module
    docstring); a text without that layout is returned unchanged."""
    lines = text.split("\n")
    signature = sum(1 for i in range(1, len(lines)) if _BASE.search(_tail(lines[i - 1])) and (
        _LONE_SCRIPT.match(lines[i].strip()) or _SCRIPT_BEFORE_SIGN.match(lines[i].strip())))
    if signature < 3:
        return text
    context = _Context(text)
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if out and len(out[-1]) < _MAX_JOINED:
            step = _fraction(out, lines, i, notes) or _scripts(out, lines, i, context)
            if step:
                i = step
                continue
        out.append(line)
        i += 1
    notes.append("read sub- and superscripts and stacked fractions that the PDF copy set on "
                 "lines of their own back into the formula")
    return "\n".join(out)


class _Context:
    """What the whole text says that decides between two readings of a stacked pair."""

    def __init__(self, text: str) -> None:
        self.variables = {v.strip() for m in _FUNCTION_VARS.finditer(text)
                          for v in m.group("vars").split(",")}
        self.indices: dict[str, set[str]] = {}
        for m in _DEFINED_INDEX.finditer(text):
            self.indices.setdefault(m.group("base"), set()).add(m.group("i"))


def _tail(line: str) -> str:
    """The end of a line, where a base or an operator is looked for: a bounded piece, so that
    a line grown by joining is never searched whole again (linear time on any input)."""
    return line[-96:].rstrip()[-48:]


def _join(head: str, tail: str) -> str:
    """``head`` continued by the next line's ``tail`` (no space before punctuation)."""
    tail = tail.strip()
    if not tail:
        return head
    if re.match(r"[,.;:)\]?!/]", tail):
        return head.rstrip() + tail
    return head.rstrip() + " " + tail


def _fraction(out: list[str], lines: list[str], i: int, notes: list[str]) -> int | None:
    """A stacked fraction starting at ``lines[i]`` (its numerator alone, after a line ending in
    an operator; or its denominator alone, after ``= 1``), rewritten into ``out[-1]``: the index
    of the line after it, or None."""
    prev = out[-1]
    op = _OPERATOR_END.search(prev, max(0, len(prev) - 96))
    if op is None or not prev.strip():
        return None
    if op.group("num"):
        num, j = op.group("num"), i
        head = prev[:op.start("num")]
    else:
        if not _FRACTION_TOKEN.match(lines[i].strip()):
            return None
        num, j = lines[i].strip(), i + 1
        head = prev
    if j >= len(lines):
        return None
    den = _DENOMINATOR.match(lines[j].strip())
    if den is None or j + 1 >= len(lines) or not _OPERAND_START.match(lines[j + 1]):
        return None
    denominator, operand = den.group("den"), den.group("after") or ""
    if len(denominator) > 1 and not denominator.isdigit() and not operand \
            and _SCRIPT_HEAD.match(lines[j + 1].strip()):
        denominator, operand = denominator[:-1], denominator[-1]   # '1 / 2θ / T Hθ': ½ θᵀHθ
    if num.isdigit() and denominator.isdigit() and int(num) >= int(denominator) > 0 and \
            not op.group("num"):
        return None   # two numbers one above the other that are no proper fraction: rows
    frac = f"({num}/{denominator})" if len(denominator) == 1 or denominator.isdigit() else \
        f"({num}/({denominator}))"
    notes.append(f"read '{num}' over '{denominator}' as the fraction {frac} (stacked by the PDF)")
    out[-1] = head.rstrip() + " " + frac + (" " + operand if operand else "")
    if operand:
        return j + 1
    out[-1] += " " + lines[j + 1].strip()   # the operand the fraction multiplies
    return j + 2


def _script_head(line: str, kind: str) -> re.Match | None:
    """The script starting ``line`` under a base of ``kind`` (a capital letter only under a
    norm's bar), or None."""
    return _SCRIPT_HEAD.match(line) or (_NORM_LETTER.match(line) if kind == "norm" else None)


def _scripts(out: list[str], lines: list[str], i: int, context: _Context) -> int | None:
    """Scripts at the start of ``lines[i]`` (and a second one stacked on the next line) hung
    on the base ending ``out[-1]``: the index of the first line not consumed, or None."""
    base = _BASE.search(_tail(out[-1]))
    if base is None:
        return None
    kind = next(k for k, v in base.groupdict().items() if v)
    head = _script_head(lines[i].strip(), kind)
    if head is None:
        return None
    tokens, rest, j = [head.group("tok")], head.group("rest"), i + 1
    open_bar = kind == "letter" and _OPEN_BAR.search(_tail(out[-1]))
    if not rest and j < len(lines):
        second = _script_head(lines[j].strip(), kind)
        if second and second.group("tok") not in _STARS and second.group("tok") not in _TRANSPOSES \
                and not (open_bar and second.group("tok") == "k"):
            tokens.append(second.group("tok"))
            rest, j = second.group("rest"), j + 1
    if tokens == ["?"] and not rest and (j >= len(lines) or not lines[j].strip()
                                         or _NEW_BLOCK.match(lines[j])):
        return None   # 'What is the limit w' / '?': the question's own mark
    written = _written(kind, base.group(kind), tokens, context)
    if written is None:
        written = " " + " ".join(tokens)
    joined = out[-1].rstrip() + written
    if rest and open_bar and re.match(r"k(?![A-Za-z])", rest):
        joined += rest   # the norm's closing bar right after the script ('kw' / '∞k2.')
    elif rest:
        joined = _join(joined, rest)
    if not rest and j < len(lines) and lines[j].strip() and not _NEW_BLOCK.match(lines[j]) \
            and not _STATEMENT.match(lines[j]) and not _fraction_ahead(joined, lines, j):
        closing = open_bar and re.match(r"k(?![A-Za-z])", lines[j].strip())
        joined = joined.rstrip() + lines[j].strip() if closing else _join(joined, lines[j])
        j += 1
    out[-1] = joined
    return j


def _fraction_ahead(joined: str, lines: list[str], j: int) -> bool:
    """Whether ``lines[j]`` opens a stacked fraction (a lone numerator over a lone denominator,
    after an operator), which must stay on its own line to be read as one."""
    return bool(j + 1 < len(lines) and _OPERATOR_END.search(_tail(joined))
                and _FRACTION_TOKEN.match(lines[j].strip())
                and _DENOMINATOR.match(lines[j + 1].strip()))


def _script_text(tok: str, sup: bool) -> str:
    tok = tok.replace("−", "-")
    if tok in _STARS:
        return "^" + _STARS[tok]
    if tok in _TRANSPOSES or tok == "T":
        return "^T "
    return ("^" if sup else "_") + tok


def _written(kind: str, base: str, tokens: list[str], context: _Context) -> str | None:
    """The scripts ``tokens`` on a base of ``kind`` in canonical form, or None when the layout
    leaves sub and superscript ambiguous."""
    first = tokens[0]
    if len(tokens) == 1:
        if first in _STARS or first in _TRANSPOSES or first == "T":
            return _script_text(first, True)
        if kind == "norm":
            if first in ("∞", "1") or first.isalpha() or "·" in base:
                return "_" + first   # never a power; a norm's symbol 'k · k 2' is never squared
            return None
        if kind in ("ten", "space") and first.isdigit():
            return "^" + first
        if kind in ("ten", "space"):
            return "^" + first if kind == "space" and first in "nmd" else None
        if kind == "paren":
            return "^" + first if first.isdigit() else None
        letter = base[-1] if base[-1].isalpha() else base[0]
        if first.isdigit() and letter in context.variables:
            return "^" + first
        return "_" + first.replace("−", "-")
    if len(tokens) != 2 or kind in ("ten", "space", "paren"):
        return None
    sup, sub = tokens
    if sup in _STARS or sup in _TRANSPOSES:
        return "_" + sub + _script_text(sup, True).rstrip()
    if kind == "norm":
        return f"_{sub}^{sup}" if sup == "2" else None
    letter = next((c for c in base if c.isalpha() and c not in "ˆ˜"), base)
    if sup == sub or _order_is_unique(letter, sup, sub, context):
        return f"_{sub.replace('−', '-')}^{sup}"
    return None


def _plausible_power(letter: str, power: str) -> bool:
    if power == "1" or power == "∞":
        return False
    if power.isdigit():
        return True
    return power in ("t", "k", "n") and letter in _DECAY_BASES


def _order_is_unique(letter: str, sup: str, sub: str, context: _Context) -> bool:
    """Whether the layout's order (``sup`` above ``sub``) is the only reading: the swapped one
    raises to an impossible power, or the text defines the base with the layout's index and not
    with the other."""
    if not _plausible_power(letter, sup):
        return False
    if not _plausible_power(letter, sub):
        return True
    defined = context.indices.get(letter, set())
    return sub in defined and sup not in defined


_RATIO_END = re.compile(r"\b(?:ratio|quotient)(?: of)?:?[ \t]*$", re.I)
_WORD_LINE = re.compile(r"^[ \t]*(?!\(?[a-h]\)|\(?[ivx]{1,4}\)|\d{1,2}\.\s)[^\n.?!:;,]"
                        r"(?:[^\n?!:;]{0,118}[^\n.?!:;,])?[ \t]*$")
_PUNCT_LINE = re.compile(r"^[ \t]*[.,;?][ \t]*")


def rejoin_word_fraction(text: str, notes: list[str]) -> str:
    """A ratio a PDF copy displayed as a fraction of words, numerator and denominator on lines of
    their own and the sentence's punctuation alone after them ('give the ratio' / 'bytes sent by
    the server under (b)' / 'bytes sent by one worker under (c)' / '.') -> one line 'give the
    ratio (bytes sent by the server under (b))/(bytes sent by one worker under (c)).'. Only two
    lines of words, neither ending a sentence, between a line ending in 'ratio' and a line that
    starts with the punctuation, are rewritten."""
    if "ratio" not in text.lower() and "quotient" not in text.lower():
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if (i + 3 < len(lines) and _RATIO_END.search(lines[i]) and _WORD_LINE.match(lines[i + 1])
                and _WORD_LINE.match(lines[i + 2]) and _PUNCT_LINE.match(lines[i + 3])):
            num, den = lines[i + 1].strip(), lines[i + 2].strip()
            notes.append(f"read the lines '{num}' over '{den}' as the ratio ({num})/({den}) "
                         "(a fraction of words displayed by the PDF)")
            out.append(f"{lines[i].rstrip()} ({num})/({den}){lines[i + 3].strip()}")
            i += 4
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)
