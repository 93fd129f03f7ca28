"""Tokens of a formula: one linear pass over plain text, Unicode math and LaTeX.

Every character is either mapped to a token from fixed tables or refused with a
:class:`MathParseError` naming its position; nothing is evaluated. Kinds:

- ``num``: a decimal number as written in ASCII (``12``, ``0.5``, ``1e-3``);
- ``vulgar``: a Unicode fraction (``½`` -> ``1/2``);
- ``word``: an ASCII letter run with digits (``alpha``, ``n``, ``x2``);
- ``sym``: a Greek letter or ``\\ell`` by name (``α`` and ``\\alpha`` -> ``alpha``);
- ``cmd``: a LaTeX command by name (``\\frac`` -> ``frac``; ``√`` -> ``sqrt``, ``∞`` -> ``infty``);
- ``op``: an operator, bracket or relation in one spelling (``−``, ``\\cdot``, ``×`` and ``⊙`` ->
  ``-``, ``*``, ``*``, ``*``; ``\\|`` and ``‖`` -> ``‖``; ``≤`` and ``\\leq`` -> ``<=``; ``**`` ->
  ``^``; a ``.`` between two names, ``x.theta``, is the dot of a dot product);
- ``sup``/``sub``: a run of Unicode super- or subscript characters (``⁻¹`` -> ``-1``, ``₀`` -> ``0``);
- ``end``: the end of the text.

Spacing (blanks, ``~``, ``\\,``, ``\\quad``) only marks the next token as preceded by space;
sizing commands (``\\left``, ``\\big``, ``\\right.``) are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from optiproof.core.errors import BadInput


class MathParseError(BadInput):
    """A formula that cannot be read: the reason and the character where reading stopped."""

    def __init__(self, reason: str, position: int, text: str, field: str = "formula"):
        self.reason = reason
        self.position = position
        self.text = text
        shown = " ".join(text.split())
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        super().__init__(f"cannot read {shown!r}: {reason} (at character {position + 1})",
                         field=field, expected="a formula such as 2n(n-1), \\frac{p}{n}, "
                                               "‖g‖_1 or [1, 2, 3]")


@dataclass(slots=True)
class Token:
    """One token: its kind, its normalised text, where it starts and ends, and whether blank
    space came before it."""

    kind: str
    text: str
    pos: int
    end: int
    space: bool = False


GREEK = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
         "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi",
         "chi", "psi", "omega")
"""Lower-case Greek letter names; the capitalised ones are letters too (``Delta``)."""

_GREEK_CHARS = dict(zip("αβγδεζηθικλμνξοπρστυφχψω", GREEK, strict=True))
_GREEK_CHARS.update({c.upper(): n.capitalize() for c, n in zip("αβγδεζηθικλμνξοπρστυφχψω",
                                                               GREEK, strict=True)})
_GREEK_CHARS.update({"ϵ": "epsilon", "ϑ": "theta", "ϕ": "phi", "ϱ": "rho", "ς": "sigma",
                     "ϖ": "pi", "ℓ": "ell"})
GREEK_COMMANDS = {**{n: n for n in GREEK}, **{n.capitalize(): n.capitalize() for n in GREEK},
                  "varepsilon": "epsilon", "vartheta": "theta", "varphi": "phi", "varrho": "rho",
                  "varsigma": "sigma", "varpi": "pi", "ell": "ell"}
"""LaTeX Greek commands -> letter names (``\\varepsilon`` is ``epsilon``)."""

_SUPERSCRIPTS = {"⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7",
                 "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+", "ⁿ": "n", "ᵗ": "t", "ⁱ": "i", "ᵏ": "k",
                 "ᵀ": "T", "ᵖ": "p"}
_SUBSCRIPTS = {"₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7",
               "₈": "8", "₉": "9", "₊": "+", "₋": "-", "ₐ": "a", "ₑ": "e", "ₒ": "o", "ₓ": "x",
               "ₕ": "h", "ₖ": "k", "ₗ": "l", "ₘ": "m", "ₙ": "n", "ₚ": "p", "ₛ": "s", "ₜ": "t",
               "ᵢ": "i", "ⱼ": "j", "ᵣ": "r", "ᵤ": "u", "ᵥ": "v"}
_VULGAR = {"½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅕": "1/5", "⅖": "2/5",
           "⅗": "3/5", "⅘": "4/5", "⅙": "1/6", "⅚": "5/6", "⅛": "1/8", "⅜": "3/8", "⅝": "5/8",
           "⅞": "7/8"}
_UNICODE_OPS = {"−": "-", "–": "-", "‐": "-", "×": "*", "·": "*", "⋅": "*", "∙": "*", "∗": "*",
                "⋆": "*", "÷": "/", "⁄": "/", "∕": "/", "⊙": "*", "⊘": "/", "≤": "<=", "⩽": "<=", "≥": ">=",
                "⩾": ">=", "≠": "!=", "≈": "~=",
                "≃": "~=", "≅": "~=", "≡": "=", "→": "->", "⟶": "->", "⇒": "=>", "⟹": "=>",
                "‖": "‖", "∥": "‖", "∣": "|", "⟨": "⟨", "〈": "⟨", "⟩": "⟩", "〉": "⟩"}
_UNICODE_CMDS = {"√": "sqrt", "∛": "cbrt", "∞": "infty", "∇": "nabla", "±": "pm", "∓": "pm",
                 "⊤": "top", "⊺": "top", "∑": "sum", "∏": "prod", "∫": "int", "∂": "partial",
                 "…": "dots", "⋯": "dots"}
_COMBINING = {"\u0302": "hat", "\u0304": "bar", "\u0305": "bar", "\u0303": "tilde"}
"""Combining accents: ``m̂`` is the name ``mhat``, as ``\\hat{m}`` is."""
_ONE_CHARACTER = (("sym", _GREEK_CHARS), ("op", _UNICODE_OPS), ("cmd", _UNICODE_CMDS),
                  ("vulgar", _VULGAR), ("word", {"𝔼": "E"}))
"""Unicode characters that are one token each: (kind, character -> token text)."""
_CMD_OPS = {"cdot": "*", "times": "*", "odot": "*", "oslash": "/", "ast": "*", "star": "*", "div": "/", "|": "‖",
            "Vert": "‖", "lVert": "‖", "rVert": "‖", "vert": "|", "lvert": "|", "rvert": "|",
            "mid": "|", "langle": "⟨", "rangle": "⟩", "lbrack": "[", "rbrack": "]",
            "leq": "<=", "le": "<=", "leqslant": "<=", "geq": ">=", "ge": ">=",
            "geqslant": ">=", "neq": "!=", "ne": "!=", "approx": "~=", "simeq": "~=",
            "sim": "~=", "cong": "~=", "equiv": "=", "to": "->", "rightarrow": "->",
            "longrightarrow": "->", "mapsto": "->", "Rightarrow": "=>", "implies": "=>",
            "Longrightarrow": "=>", "lt": "<", "gt": ">", "coloneqq": "="}
_SPACING_CMDS = {",", ";", ":", "!", " ", "quad", "qquad", "thinspace", "enspace", "medspace",
                 "thickspace", "negthinspace"}
_DROPPED_CMDS = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
                 "biggl", "biggr", "Biggl", "Biggr", "middle", "displaystyle", "textstyle",
                 "scriptstyle", "limits", "nolimits"}
_ASCII_OPS2 = {"**": "^", "<=": "<=", ">=": ">=", "!=": "!=", "==": "=", "->": "->", "=>": "=>",
               ":=": "=", "~=": "~="}
_ASCII_OPS1 = set("+-*/^_()[]{},;&=<>|")
_SPACES = set(" \t\n\r\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
              "\u2009\u200a\u200b\u202f\u205f\u3000~")


def _is_digit(c: str) -> bool:
    return "0" <= c <= "9"


def _is_letter(c: str) -> bool:
    return "a" <= c <= "z" or "A" <= c <= "Z"


def tokenize(text: str, max_number_digits: int, field: str = "formula", *,
             latex: bool = False) -> list[Token]:
    """The tokens of ``text`` in order, ending with an ``end`` token (linear in its length).
    In LaTeX a number has no ``e`` exponent (``\\frac1e`` is 1/e)."""
    toks: list[Token] = []
    n = len(text)
    i = 0
    space = False

    def fail(reason: str, at: int) -> MathParseError:
        return MathParseError(reason, at, text, field)

    def add(kind: str, value: str, start: int, stop: int) -> None:
        nonlocal space
        toks.append(Token(kind, value, start, stop, space))
        space = False

    while i < n:
        c = text[i]
        if c in _SPACES:
            space = True
            i += 1
        elif _is_digit(c) or (c == "." and i + 1 < n and _is_digit(text[i + 1])):
            j = _number_end(text, i, exponent=not latex)
            digits = sum(1 for k in range(i, j) if _is_digit(text[k]))
            if digits > max_number_digits:
                raise fail(f"a number with more than {max_number_digits} digits", i)
            add("num", text[i:j].replace("−", "-"), i, j)
            i = j
        elif _is_letter(c):
            j = i + 1
            while j < n and (_is_letter(text[j]) or _is_digit(text[j])):
                j += 1
            add("word", text[i:j], i, j)
            i = j
        elif c == "\\":
            j, kind, value = _command(text, i, fail)
            if kind == "space":
                space = True
            elif kind is not None:
                add(kind, value, i, j)
            i = j
        elif c in _COMBINING and toks and toks[-1].kind in ("word", "sym") and not space:
            last = toks[-1]
            toks[-1] = Token(last.kind, last.text + _COMBINING[c], last.pos, i + 1, last.space)
            i += 1
        elif c in "'′" and toks and not space and (
                toks[-1].kind in ("word", "sym") or toks[-1].text in ("}", "'")):
            add("op", "'", i, i + 1)
            i += 1
        elif c == "." and toks and toks[-1].kind in ("word", "sym") and not space \
                and i + 1 < n and (_is_letter(text[i + 1]) or text[i + 1] in _GREEK_CHARS):
            add("op", ".", i, i + 1)
            i += 1
        elif text[i:i + 2] in _ASCII_OPS2:
            add("op", _ASCII_OPS2[text[i:i + 2]], i, i + 2)
            i += 2
        elif c in _ASCII_OPS1:
            add("op", c, i, i + 1)
            i += 1
        elif c in _SUPERSCRIPTS or c in _SUBSCRIPTS:
            table, kind = (_SUPERSCRIPTS, "sup") if c in _SUPERSCRIPTS else (_SUBSCRIPTS, "sub")
            j = i
            while j < n and text[j] in table:
                j += 1
            add(kind, "".join(table[ch] for ch in text[i:j]), i, j)
            i = j
        else:
            found = next(((kind, table[c]) for kind, table in _ONE_CHARACTER if c in table),
                         None)
            if found is None:
                raise fail(f"the character {c!r} is not part of a formula", i)
            add(*found, i, i + 1)
            i += 1
    add("end", "", n, n)
    return toks


def _number_end(text: str, i: int, exponent: bool) -> int:
    """End of the number starting at ``i``: digits, an optional fraction, and if ``exponent``
    an optional ``e-3`` (only when digits follow)."""
    n = len(text)
    j = i
    while j < n and _is_digit(text[j]):
        j += 1
    if j + 1 < n and text[j] == "." and _is_digit(text[j + 1]):
        j += 1
        while j < n and _is_digit(text[j]):
            j += 1
    if exponent and j < n and text[j] in "eE":
        k = j + 1
        if k < n and text[k] in "+-−":
            k += 1
        if k < n and _is_digit(text[k]):
            while k < n and _is_digit(text[k]):
                k += 1
            j = k
    return j


def _command(text: str, i: int, fail: Callable[[str, int], MathParseError]
             ) -> tuple[int, str | None, str]:
    """The LaTeX command at ``i`` (a backslash): where reading goes on, and the token kind and
    text it stands for (kind ``space`` for spacing, None for a dropped sizing command)."""
    n = len(text)
    if i + 1 >= n:
        raise fail("a lone backslash", i)
    j = i + 1
    if _is_letter(text[j]):
        while j < n and _is_letter(text[j]):
            j += 1
        name = text[i + 1:j]
    else:
        name = text[j]
        j += 1
    if name in _SPACING_CMDS:
        return j, "space", ""
    if name in _DROPPED_CMDS:
        k = j
        while k < n and text[k] in " \t":
            k += 1
        if name in ("left", "right", "middle") and k < n and text[k] == ".":
            return k + 1, None, ""
        return j, None, ""
    if name in GREEK_COMMANDS:
        return j, "sym", GREEK_COMMANDS[name]
    if name in _CMD_OPS:
        return j, "op", _CMD_OPS[name]
    return j, "cmd", name
