"""A written value -> SymPy in the checker's vocabulary, through the one math parser.

Every formula goes to :func:`optiproof.core.mathparse.try_parse_math` (a grammar, never
``eval``), bounded by :data:`CHECK_LIMITS`. Documents write one symbol many ways (``\\hat m_t``,
``m̂ₜ``, ``mhat_t``; ``β₁``, ``beta1``); :func:`symbol_key` gives each one key, and the parser's
atoms of a symbol become plain symbols named for what they are -- ``‖g‖_1`` is ``NORM1Xg``,
``sign(g)`` is ``SIGNXg``, ``E[g]`` is ``EXPXg`` -- so that a claimed formula and a verified one
(:func:`canonical`) meet in one vocabulary. ``None`` means "could not read".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from optiproof.core.mathparse import ParseLimits, try_parse_math

CHECK_LIMITS = ParseLimits(max_chars=2000, max_nodes=2000, max_degree=64)
"""Bounds of one claimed formula: answers state values, not long computations."""

_NORM_INDEX = {"oo": "max", "inf": "max", "infty": "max", "*": "nuc", "nuc": "nuc", "op": "op",
               "F": "F", "1": "1", "2": "2", "max": "max"}
_GREEK_DIGITS = re.compile(r"^(alpha|beta|gamma|eta|lambda|mu|nu|rho|sigma|theta)(\d+)")


# -- symbols ------------------------------------------------------------------------------------

def _key_of_name(name: str) -> str:
    """A parser symbol name in its one spelling (``beta1`` -> ``beta_1``, ``eps`` ->
    ``epsilon``)."""
    name = re.sub(r"^(?:varepsilon|eps)(?=_|$|\^)", "epsilon", name)
    name = re.sub(r"^lam(?:bda)?(?=_|$|\^)", "lambda", name)
    name = re.sub(r"^b([12])$", r"beta_\1", name)  # plain-text Adam: b1, b2 for β₁, β₂
    name = re.sub(r"^lr(?=_|$)", "alpha", name)      # the learning rate the problems call α
    name = re.sub(r"^([mv])h(?=_|$)", r"\1hat", name)  # plain-text Adam: mh, vh for m̂, v̂
    return _GREEK_DIGITS.sub(r"\1_\2", name)


def _text_key(text: str) -> str:
    """The key of something that is not one symbol (``|Δθ_j|``, ``\\frac{‖u‖}{‖v‖}``): its
    tokens' names joined, so every spelling of it agrees."""
    from optiproof.core.mathtokens import tokenize

    try:
        toks = tokenize(text, 40, latex="\\" in text or "{" in text)
    except Exception:  # noqa: BLE001 - an unreadable name keys as written
        return re.sub(r"[{}\s\\]", "", text)
    return "".join(("_" + t.text if t.kind == "sub" else _GREEK_DIGITS.sub(
        r"\1_\2", t.text) if t.kind == "word" else t.text) for t in toks
                   if t.kind in ("word", "sym", "num", "sub", "op", "cmd") and t.text not in "{}")


@lru_cache(maxsize=8192)
def symbol_key(text: str) -> str:
    """One spelling per symbol: ``\\hat{m}_{t}`` / ``m̂ₜ`` / ``mhat_t`` -> ``mhat_t``,
    ``\\alpha^\\star`` / ``α*`` -> ``alpha^*``, ``\\theta_{t-1}`` -> ``theta_t-1``,
    ``\\mathbb{E}[\\hat m_t]`` -> the expectation atom ``EXPXmhat``."""
    import sympy

    value = parse_value(text)
    if isinstance(value, sympy.Symbol):
        return value.name
    return _text_key(text.strip())


def base_and_index(key: str) -> tuple[str, str]:
    """``m_t-1`` -> (``m``, ``t-1``); ``alpha^*`` -> (``alpha^*``, ``""``)."""
    base, _, index = key.partition("_")
    return base, index


def norm_atom(symbol: str, index: str) -> str:
    """The name of the atom ``‖symbol‖_index``."""
    return f"NORM{_NORM_INDEX.get(index, index)}X{symbol}"


def sign_atom(symbol: str) -> str:
    """The name of the atom ``sign(symbol)``."""
    return f"SIGNX{symbol}"


def expectation_atom(inner: str) -> str:
    """The name of the atom ``E[inner]``; a step index of the inner symbol is dropped
    (``E[g_t]`` and ``E[g]`` are one atom) and a power is kept (``E[g²]`` is ``EXPXgP2``)."""
    key = re.sub(r"_[tisk](?![\w])", "", inner).replace("**", "P")
    return "EXPX" + re.sub(r"\W", "", key)


# -- the parser's atoms in the checker's vocabulary ----------------------------------------------

def _index(arg: Any) -> str:
    import sympy

    if arg is sympy.oo:
        return "max"
    return str(arg)


def _atoms_as_symbols(expr: Any) -> Any:
    """Norms, signs and expectations of symbols -> named atoms; a gradient ``∇f`` -> ``g``;
    transposes dropped; an inner product of two symbols -> their product."""
    import sympy

    from optiproof.core.mathatoms import Expectation, Grad, Inner, Norm, Sign, Transposed

    def key_of(arg: Any) -> str | None:
        if isinstance(arg, sympy.Symbol):
            return _key_of_name(arg.name)
        if isinstance(arg, (sympy.Pow, sympy.Mul)) and arg.free_symbols:
            return _key_of_name(str(arg).replace(" ", ""))
        return None

    def atom(e: Any) -> Any:
        arg = e.args[0] if e.args else None
        key = key_of(arg)
        if isinstance(e, Grad):
            return sympy.Symbol("g")
        if isinstance(e, Transposed):
            return arg
        if isinstance(e, Inner) and all(isinstance(a, sympy.Symbol) for a in e.args):
            return e.args[0] * e.args[1]
        if key is None:
            return e
        if isinstance(e, Norm):
            return sympy.Symbol(norm_atom(key, _index(e.args[1]) if len(e.args) == 2 else "2"))
        if isinstance(e, Sign):
            return sympy.Symbol(sign_atom(key))
        if isinstance(e, Expectation):
            return sympy.Symbol(expectation_atom(key))
        return e

    atoms = (Norm, Sign, Expectation, Grad, Transposed, Inner)
    return expr.replace(lambda e: isinstance(e, atoms), atom)


def _renamed(expr: Any) -> Any:
    """Symbols renamed to their keys, atoms to their names."""
    import sympy

    expr = _atoms_as_symbols(expr)
    names = getattr(expr, "free_symbols", set())
    repl = {s: sympy.Symbol(_key_of_name(str(s.name))) for s in names
            if isinstance(s, (sympy.Symbol, sympy.MatrixSymbol))}
    return expr.xreplace(repl) if repl else expr


_TRAILING = re.compile(r"(?:(?:\\times|\\cdot|\\[ ,;:!]|\\q?quad\b|\\(?=\s*$)|[×·,;.:]|"
                       r"(?<=[\d\s])\*)\s*)+$|^\s*[=:]")


_CARET_HAT = re.compile(r"(?<![\w\\])([A-Za-z])\^(?=_|\s|[)/*,]|$)")
"""Plain text writes a hat as a caret after the letter: ``m^_t`` is ``m̂_t``."""


def _rows_by_line(text: str) -> str:
    """A plain-text matrix written one row per line (``[ 0.22  -0.90\n -1.22  -0.87 ]``) gets
    ``;`` between its rows; anything else is returned as it is."""
    from optiproof.checking.plaintext import matrix_rows

    lines = text.splitlines()
    if not text.startswith("[") or len(lines) < 2 or any(c in text for c in ",;") \
            or not matrix_rows(lines):
        return text
    return "; ".join(ln.strip() for ln in lines)


_PLAIN_GRADIENT = re.compile(r"(?<![\w\\])(?:grad|nabla)\s*(?=[A-Za-zℓ]\s*\()")
"""Plain text writes the gradient operator as a word: ``grad f(theta)`` is ``∇f(θ)``."""
_GREEK_DIGIT = re.compile(r"(?<![A-Za-zα-ω_\\])([α-ωΑ-Ω])(\d)(?![\d.,])")
"""A Greek letter with a digit written on the line (``β1``) is the letter with that index."""
_BARE_EXPECTATION = re.compile(r"𝔼\s*(?![\[(\s])([A-Za-zα-ω]\u0302?(?:_\{[^{}]{1,8}\}|_\w+|"
                               r"[₀-₉ₜᵢₖ]+)?[²]?)")
"""``𝔼g``, ``𝔼m̂ₜ``: the expectation of the one symbol that follows, written without brackets."""


_IDX = (r"\s*(?:_\s*(?:\{\s*[ijk]\s*(?:=\s*1\s*)?\}|[ijk])|[ᵢⱼₖ])\s*"
        r"(?:\^\s*(?:\{[^{}]*\}|\w))?\s*")
_BAR_OPEN = r"(?:\\left\s*)?(?:\\lvert|\\vert|\\mid|\|)\s*"
_BAR_CLOSE = r"\s*(?:\\right\s*)?(?:\\rvert|\\vert|\\mid|\|)"
_COORD = r"([A-Za-z])\s*(?:_\s*(?:\{\s*[ijk]\s*\}|[ijk])|[ᵢⱼₖ])"
_SUM_ABS = re.compile(r"(?:\\sum|∑|Σ|\bsum)" + _IDX + _BAR_OPEN + _COORD + _BAR_CLOSE)
_SUM_SQUARES = re.compile(r"(?:\\sum|∑|Σ|\bsum)" + _IDX + _COORD
                          + r"\s*(?:\^\s*(?:\{\s*2\s*\}|2)|²)")
_MAX_ABS = re.compile(r"(?:\\max|\bmax)" + _IDX + _BAR_OPEN + _COORD + _BAR_CLOSE)
"""A norm written out over coordinates: ``\\sum_i |g_i|`` is ``‖g‖₁``, ``Σᵢ gᵢ²`` is
``‖g‖₂²``, ``max_i |g_i|`` is ``‖g‖_∞``."""


def _coordinate_norms(t: str) -> str:
    latex = "\\" in t
    bars = ("\\|", "\\|") if latex else ("‖", "‖")
    inf = "\\infty" if latex else "∞"
    t = _SUM_ABS.sub(lambda m: f"{bars[0]}{m.group(1)}{bars[1]}_1", t)
    t = _SUM_SQUARES.sub(lambda m: f"{bars[0]}{m.group(1)}{bars[1]}_2^2", t)
    return _MAX_ABS.sub(lambda m: f"{bars[0]}{m.group(1)}{bars[1]}_{{{inf}}}" if latex
                        else f"‖{m.group(1)}‖_∞", t)


_SUB_OPERATOR = re.compile(r"_\{?\\(max|min)\}?")
"""An operator's name as a subscript (``\\alpha_{\\max}``, ``x_\\min``): the word it spells."""


@lru_cache(maxsize=8192)
def parse_value(text: str, latex: bool | None = None) -> Any:
    """A written value -> SymPy expression or Matrix (``None``: unreadable). Emphasis, a
    leading ``=`` and trailing punctuation are dropped; the parser decides LaTeX or plain."""
    import sympy

    t = _rows_by_line(_TRAILING.sub("", text.replace("**", " ").strip()).strip())
    t = _CARET_HAT.sub(r"\1hat", t)
    t = _SUB_OPERATOR.sub(r"_{\1}", t)
    if "\\" not in t:
        t = _GREEK_DIGIT.sub(r"\1_\2", _PLAIN_GRADIENT.sub("∇", t))
    t = _BARE_EXPECTATION.sub(r"𝔼[\1]", t)
    if re.search(r"sum|∑|Σ|max", t):
        t = _coordinate_norms(t)
    if not t:
        return None
    expr = try_parse_math(t, limits=CHECK_LIMITS, field="ANSWER")
    if expr is None:
        return None
    if isinstance(expr, sympy.MatrixBase):
        return sympy.Matrix(expr).applyfunc(_renamed)
    return _renamed(expr)


def split_top(text: str, seps: str) -> list[str]:
    """``text`` split at separators that are not inside brackets or braces."""
    out, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c in seps and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return out


# -- the verified side -------------------------------------------------------------------------

def canonical(expr: Any) -> Any:
    """A verified expression in the claims' vocabulary: ``norm_1(g)`` -> ``NORM1Xg``,
    ``sign(g)`` -> ``SIGNXg``, symbols renamed to their keys."""
    import sympy

    if expr is None or not hasattr(expr, "atoms"):
        return expr
    repl: dict[Any, Any] = {}
    for f in expr.atoms(sympy.Function):
        name = type(f).__name__
        arg = f.args[0] if f.args else None
        if not isinstance(arg, (sympy.Symbol, sympy.MatrixSymbol)):
            continue
        key = _key_of_name(str(arg.name).replace("\\", ""))
        if name.startswith("norm_"):
            repl[f] = sympy.Symbol(norm_atom(key, name[5:]))
        elif isinstance(f, sympy.sign) or name in ("sign", "sgn"):
            repl[f] = sympy.Symbol(sign_atom(key))
    if repl:
        expr = expr.xreplace(repl)
    names = getattr(expr, "free_symbols", set())
    rename = {s: sympy.Symbol(symbol_key(str(s.name))) for s in names}
    return expr.xreplace(rename) if rename else expr
