"""LaTeX validation and MathML rendering with the real renderer (KaTeX, through pykatex).

A formula the tool emits must pass :func:`validate_latex`; :func:`render_math` never raises and
shows a formula KaTeX cannot parse as its source in a red error box.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

# First code points (A, a, 0) of the Unicode mathematical alphanumeric styles. MathML Core
# browsers ignore ``mathvariant`` other than "normal", so styled letters are spelled out.
_VARIANTS: dict[str, tuple[int, int, int | None]] = {
    "bold": (0x1D400, 0x1D41A, 0x1D7CE), "italic": (0x1D434, 0x1D44E, None),
    "bold-italic": (0x1D468, 0x1D482, None), "script": (0x1D49C, 0x1D4B6, None),
    "bold-script": (0x1D4D0, 0x1D4EA, None), "fraktur": (0x1D504, 0x1D51E, None),
    "double-struck": (0x1D538, 0x1D552, 0x1D7D8), "bold-fraktur": (0x1D56C, 0x1D586, None),
    "sans-serif": (0x1D5A0, 0x1D5BA, 0x1D7E2), "bold-sans-serif": (0x1D5D4, 0x1D5EE, 0x1D7EC),
    "sans-serif-italic": (0x1D608, 0x1D622, None), "monospace": (0x1D670, 0x1D68A, 0x1D7F6),
}
# Letters that live in the Letterlike Symbols block instead (the "holes" of the styles above).
_HOLES = {0x1D455: 0x210E, 0x1D49D: 0x212C, 0x1D4A0: 0x2130, 0x1D4A1: 0x2131, 0x1D4A3: 0x210B,
          0x1D4A4: 0x2110, 0x1D4A7: 0x2112, 0x1D4A8: 0x2133, 0x1D4AD: 0x211B, 0x1D4BA: 0x212F,
          0x1D4BC: 0x210A, 0x1D4C4: 0x2134, 0x1D506: 0x212D, 0x1D50B: 0x210C, 0x1D50C: 0x2111,
          0x1D515: 0x211C, 0x1D51D: 0x2128, 0x1D53A: 0x2102, 0x1D53F: 0x210D, 0x1D545: 0x2115,
          0x1D547: 0x2119, 0x1D548: 0x211A, 0x1D549: 0x211D, 0x1D551: 0x2124}
_DANGLING_APPLY = re.compile(r"<mo>\u2061</mo>(?=</m(?:sub|sup|subsup|under|over|underover|row)>)")
_STYLED = re.compile(r'<(mi|mn)([^>]*?) mathvariant="([a-z-]+)"([^>]*)>([^<]*)</\1>')
_TOKEN = re.compile(r"&[#A-Za-z0-9]+;|.", re.S)


def _styled_char(ch: str, variant: str) -> str:
    upper, lower, digit = _VARIANTS[variant]
    if "A" <= ch <= "Z":
        code = upper + ord(ch) - ord("A")
    elif "a" <= ch <= "z":
        code = lower + ord(ch) - ord("a")
    elif "0" <= ch <= "9" and digit is not None:
        code = digit + ord(ch) - ord("0")
    else:
        return ch
    return chr(_HOLES.get(code, code))


def _spell_out_variants(mathml: str) -> str:
    """``<mi mathvariant="double-struck">R</mi>`` -> ``<mi>ℝ</mi>`` (MathML Core styling)."""

    def repl(m: re.Match) -> str:
        tag, before, variant, after, text = m.groups()
        if variant not in _VARIANTS:
            return m.group(0)
        styled = "".join(t if len(t) > 1 else _styled_char(t, variant)
                         for t in _TOKEN.findall(text))
        return f"<{tag}{before}{after}>{styled}</{tag}>"

    return _STYLED.sub(repl, mathml)


class LatexError(ValueError):
    """A formula KaTeX cannot render: the LaTeX source and the renderer's message."""

    def __init__(self, latex: str, message: str):
        self.latex = latex
        self.message = message
        super().__init__(f"{message} in formula: {latex[:200]}")


def _katex(latex: str, display: bool, strict: str) -> str:
    """One KaTeX call: MathML output, errors raised, untrusted commands (\\href...) refused."""
    import pykatex

    return pykatex.renderToString(latex, displayMode=display, output="mathml",
                                  throwOnError=True, strict=strict, trust=False)


def validate_latex(latex: str, display: bool, *, strict: bool = True) -> None:
    """Raise :class:`LatexError` unless KaTeX renders ``latex`` (strict: LaTeX-compatible too)."""
    if not isinstance(latex, str) or not latex.strip():
        raise LatexError(str(latex), "empty formula")
    message = _parse_error(latex, display, strict)
    if message is not None:
        raise LatexError(latex, message)


@lru_cache(maxsize=4096)
def _parse_error(latex: str, display: bool, strict: bool) -> str | None:
    """KaTeX's message for a formula it cannot parse, None when it renders (remembered: an
    answer and its batch repeat their formulas). Other renderer failures are not remembered."""
    import pykatex

    try:
        _katex(latex, display, "error" if strict else "ignore")
    except pykatex.ParseError as err:
        return str(err)
    except Exception as err:  # noqa: BLE001 - any renderer failure means "does not render"
        raise LatexError(latex, f"{type(err).__name__}: {err}") from None
    return None


@lru_cache(maxsize=4096)
def render_math(latex: str, display: bool) -> str:
    """MathML HTML of a formula, or its escaped source in a visible red error box. A function
    application mark with nothing to apply to (``\\alpha_{\\max}``) is dropped, so the
    subscript keeps its two children and browsers draw it."""
    try:
        return _DANGLING_APPLY.sub("", _spell_out_variants(_katex(latex, display, "ignore")))
    except Exception as err:  # noqa: BLE001 - the page must render even around a bad formula
        tag = "div" if display else "span"
        return (f'<{tag} class="math-error" title="{html.escape(str(err))}">'
                f"<code>{html.escape(latex)}</code></{tag}>")
