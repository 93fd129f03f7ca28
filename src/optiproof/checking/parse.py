"""Claimed math -> SymPy, bounded and without ``eval``: LaTeX through latex2sympy (the parser
behind Math-Verify), plain text through ``parse_expr`` with a character whitelist and a local
dict of plain symbols only.

Every parse is bounded before it starts: the text length, the digits of any number and the size
of any exponent are checked, and the parsed tree is rejected if it is deep or huge, so no claimed
formula (``2^{2^{100}}``, ``9**9**9``) can hang the checker. A formula that cannot be read is
``None`` - "could not parse", never a guess.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

MAX_FORMULA_CHARS = 400
"""Longest formula the parsers are given."""
MAX_NUMBER_DIGITS = 40
"""Longest run of digits accepted in a number."""
MAX_EXPONENT = 64
"""Largest numeric exponent magnitude accepted (``x^{65}`` is refused)."""
MAX_TREE_NODES = 400
"""Largest parsed expression tree accepted."""

PLACEHOLDER_NORM = "Omega"
PLACEHOLDER_SIGN = "Psi"

_PLAIN_CHARS = re.compile(r"^[0-9A-Za-z_+\-*/^(). ,\[\]]*$")
_LONG_DIGITS = re.compile(r"\d{%d,}" % (MAX_NUMBER_DIGITS + 1))
_POWERS = re.compile(r"(\^|\*\*)\s*(\{[^{}]*\}|\(?[-+]?\s*\d+(?:\.\d+)?\)?|[A-Za-z\\]+)")

# Wrappers that only change the look of a symbol: \mathbf{g} -> g.
_STYLE = re.compile(r"\\(?:mathbf|boldsymbol|bm|vec|mathrm|mathit|bf|pmb)\s*\{([^{}]*)\}")
_TEXT = re.compile(r"\\(?:text|textbf|textit|mbox)\s*\{[^{}]*\}")
_SPACING = re.compile(r"\\[,;:! ]|\\quad|\\qquad|~")
_SIZING = re.compile(r"\\(?:left|right|big|Big|bigg|Bigg)(?=[\\(\[|.)\]])|\\(?:bigl|bigr|Bigl|Bigr)")


def guard_text(text: str) -> bool:
    """True if ``text`` is short enough and has no huge numbers or exponents to be parsed."""
    if len(text) > MAX_FORMULA_CHARS or _LONG_DIGITS.search(text):
        return False
    for m in _POWERS.finditer(text):
        exp = m.group(2).strip("{}() ")
        if "^" in exp or "**" in exp:
            return False
        try:
            if abs(float(exp.replace(" ", ""))) > MAX_EXPONENT:
                return False
        except ValueError:
            continue
    return True


def guard_tree(expr: Any) -> bool:
    """True if a parsed expression is small and has no huge powers (safe to simplify)."""
    import sympy

    count = 0
    for node in sympy.preorder_traversal(expr):
        count += 1
        if count > MAX_TREE_NODES:
            return False
        if isinstance(node, sympy.Pow) and node.exp.is_Number and abs(node.exp) > MAX_EXPONENT:
            return False
        if isinstance(node, sympy.Integer) and abs(int(node)) > 10**MAX_NUMBER_DIGITS:
            return False
    return True


def _norm_placeholder(sub: str) -> str:
    sub = sub.strip("{} ").replace("\\infty", "inf").replace("∞", "inf")
    return "\\%s_{%s}" % (PLACEHOLDER_NORM, sub or "2")


_NORM_PATTERNS = [
    # \|g\|_1, \left\|g\right\|_{1}, \lVert g\rVert_\infty, ||g||_1, ‖g‖₁
    re.compile(r"(?:\\\||\\lVert|\\Vert|\|\||‖)\s*(?:\\nabla\s*f(?:\([^()]*\))?|g)\s*"
               r"(?:\\\||\\rVert|\\Vert|\|\||‖)\s*(?:_\s*(\{[^{}]*\}|\\infty|[0-9a-z]))?"),
]
_SIGN = re.compile(r"(?:\\operatorname\s*\{\s*(?:sign|sgn)\s*\}|\\text\s*\{\s*(?:sign|sgn)\s*\}"
                   r"|\\mathrm\s*\{\s*(?:sign|sgn)\s*\}|\\(?:sgn|sign)\b|\b(?:sign|sgn))\s*"
                   r"(\{)?\s*\(\s*(?:g(?:_\{?i\}?)?|\\nabla\s*f(?:\([^()]*\))?)\s*\)\s*(?(1)\})")


def normalize_latex(text: str) -> str:
    """Claimed LaTeX -> the dialect the parser reads: gradient norms and signs become
    placeholder symbols, styling and spacing are dropped, ``\\cdot`` and ``\\times`` multiply."""
    t = text.replace("\\left", "").replace("\\right", "")
    t = _SPACING.sub(" ", t)
    t = _SIZING.sub("", t)
    for _ in range(3):
        t = _STYLE.sub(r"\1", t)
    t = re.sub(r"\\nabla\s*f\s*(?:\(\s*\\theta(?:_\{?t\}?)?\s*\))?", "g", t)
    for pat in _NORM_PATTERNS:
        t = pat.sub(lambda m: _norm_placeholder(m.group(1) or "2"), t)
    t = _SIGN.sub(lambda m: "\\" + PLACEHOLDER_SIGN + " ", t)
    t = re.sub(r"\bg_\{?i\}?", "g", t)
    t = re.sub(r"\\(?:dfrac|tfrac)", r"\\frac", t)
    t = t.replace("\\times", "\\cdot").replace("−", "-").replace("·", "\\cdot ")
    t = re.sub(r"\^\s*\{?\s*(?:\\top|T|\\intercal)\s*\}?", "", t)
    return t.strip().rstrip(".,;")


@lru_cache(maxsize=8192)
def parse_latex(text: str) -> Any:
    """LaTeX -> SymPy expression or Matrix, or None when it does not parse (bounded)."""
    t = normalize_latex(text)
    if not t or not guard_text(t):
        return None
    from latex2sympy2_extended.latex2sympy2 import ConversionConfig, latex2sympy

    try:
        expr = latex2sympy(t, conversion_config=ConversionConfig(
            lowercase_symbols=False, interpret_as_mixed_fractions=False))
    except Exception:  # noqa: BLE001 - any parser failure means "could not read"
        return None
    return expr if _acceptable(expr) else None


_PLAIN_FUNCS = {"sqrt"}


@lru_cache(maxsize=8192)
def parse_plain(text: str) -> Any:
    """Plain-text math (``2n(n-1)``, ``p/n``, ``-alpha/2 * g``) -> SymPy, or None.

    Only whitelisted characters reach ``parse_expr``; every name becomes a plain Symbol (except
    ``sqrt``), so nothing in the text can call a function or touch an attribute."""
    t = text.strip().rstrip(".,;").replace("−", "-").replace("·", "*").replace("×", "*")
    t = t.replace("α", "alpha").replace("√", "sqrt")
    t = re.sub(r"(?:\|\||‖)\s*g\s*(?:\|\||‖)\s*_?\s*(1|2|inf)?",
               lambda m: f"{PLACEHOLDER_NORM}_{m.group(1) or '2'}", t)
    t = re.sub(r"\b(?:sign|sgn)\s*\(\s*g(?:_i)?\s*\)", PLACEHOLDER_SIGN, t)
    if not t or not _PLAIN_CHARS.match(t) or not guard_text(t) or "__" in t:
        return None
    import sympy
    from sympy.parsing.sympy_parser import (
        convert_xor,
        implicit_multiplication,
        parse_expr,
        standard_transformations,
    )

    names = set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", t))
    local: dict[str, Any] = {n: sympy.Symbol(n) for n in names if n not in _PLAIN_FUNCS}
    if "sqrt" in names:
        local["sqrt"] = sympy.sqrt
    try:
        expr = parse_expr(t, local_dict=local, global_dict=_plain_globals(),
                          transformations=standard_transformations
                          + (implicit_multiplication, convert_xor), evaluate=False)
    except Exception:  # noqa: BLE001 - any parser failure means "could not read"
        return None
    return expr if _acceptable(expr) else None


def _plain_globals() -> dict[str, Any]:
    """The only names the plain-text parser's generated code may use."""
    import sympy

    return {name: getattr(sympy, name) for name in
            ("Integer", "Float", "Rational", "Symbol", "Mul", "Add", "Pow")}


def _acceptable(expr: Any) -> bool:
    import sympy

    if isinstance(expr, sympy.MatrixBase):
        return all(guard_tree(e) for e in expr) and len(expr) <= 10_000
    from sympy.logic.boolalg import BooleanAtom, BooleanFunction

    if not isinstance(expr, sympy.Basic) or expr.is_Relational or isinstance(
            expr, (BooleanFunction, BooleanAtom)):
        return False
    return guard_tree(expr)


def parse_math(text: str) -> Any:
    """LaTeX when it looks like LaTeX (backslashes, braces), else plain text."""
    if "\\" in text or "{" in text:
        return parse_latex(text)
    return parse_plain(text)


def to_number(expr: Any) -> complex | None:
    """A closed numeric expression as a float (None if symbolic or not finite)."""
    import math

    import sympy

    if expr is None or not isinstance(expr, sympy.Basic) or expr.free_symbols:
        return None
    try:
        value = complex(sympy.N(expr, 20))
    except (TypeError, ValueError, OverflowError, ZeroDivisionError):
        return None
    if not (math.isfinite(value.real) and math.isfinite(value.imag)) or abs(value.imag) > 1e-12:
        return None
    return value.real
