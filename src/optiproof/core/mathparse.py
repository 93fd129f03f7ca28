"""The one math parser: plain text, Unicode math and LaTeX -> SymPy, by a grammar, never eval.

A tokenizer (:mod:`optiproof.core.mathtokens`) and a recursive-descent parser build SymPy
objects node by node from fixed tables; no input text ever reaches ``eval``, ``exec``,
``sympify``, ``parse_expr`` or a LaTeX-to-SymPy converter. Entry points::

    parse_math(text, symbols=None, functions=FUNCTIONS, limits=LIMITS, field="formula")
        -> SymPy expression, or ImmutableMatrix for vectors/matrices; MathParseError if not
    parse_relation(text, ...) -> Relation(sides, ops) for chains like ``a = b ≈ c``
    try_parse_math(text, ...) / try_parse_relation(text, ...) -> the same, or None

:class:`MathParseError` is a :class:`BadInput` (exit code 2) with ``position`` and ``reason``.

Grammar (lowest binding first)::

    relation := sum (("=" | "<" | "<=" | ">" | ">=" | "!=" | "≈" | "→" | "⇒") sum)*
    sum      := ["+"|"-"]* term (("+" | "-") term)*
    term     := signed (("*" | "/" | "×" | "·" | "÷") signed | power)*   juxtaposition multiplies
    power    := postfix ("^" exponent | superscript | "ᵀ" | "^T")*      right-associative
    postfix  := number | name | call | "(" sum ")" | "(" list ")" | "[" rows "]" | "{" sum "}"
              | ‖sum‖_index | |sum| | ⟨sum, sum⟩ | ∇name[(point)] | LaTeX construct

What is read, and into what:

- Numbers are exact: ``0.1`` -> 1/10, ``1e-3`` and ``10^-3`` -> 1/1000, ``½`` -> 1/2.
- Names become plain Symbols with sanitised names: Greek letters by name (``α``, ``\\alpha``,
  ``alpha`` -> ``alpha``), subscripts kept (``θ₀``, ``theta_0`` -> ``theta_0``; ``β_1`` ->
  ``beta_1``; ``x_{t+1}`` -> ``x_t+1``), accents as SymPy suffixes (``\\hat{m}_t`` -> ``mhat_t``),
  a star kept (``θ^*`` -> ``theta^*``); ``\\mathbf``/``\\boldsymbol`` styling is dropped. ``π``,
  ``pi`` are pi, ``e`` is Euler's number, ``∞``/``\\infty``/``inf`` are oo. Given a ``symbols``
  table, only its names are allowed (an undeclared run such as ``np`` is split into declared
  names, n*p, or refused). In LaTeX (text with ``\\`` or a ``{`` that does not open a sub- or
  superscript: ``m_{t-1}`` in plain text stays plain) an undeclared letter run is a
  product of letters, as TeX sets it (``np`` -> n*p); in plain text it is one name.
- Juxtaposition multiplies (``2n``, ``n(n-1)``, ``2\\sqrt{3}``) unless the name is a function
  of the table; a multi-letter name that is neither followed by ``(`` is an unknown function and
  refused. Two numbers side by side, and ``x[1]`` (indexing), are refused.
- Functions come from :data:`FUNCTIONS` only: sqrt, cbrt, exp, log/ln (``\\log_2 n`` and
  ``log(x, b)`` take a base), log2, log10, abs, sign/sgn, max/min, floor/ceil, diag, norm,
  sin/cos/tan/tanh. ``\\sqrt[n]{x}`` is the n-th root.
- Vectors are columns: ``[1, 2, 3]``, ``(1, 2, 3)`` and ``(1, 2, 3)ᵀ`` (a transpose written
  right after a list literal is its inline spelling) are 3x1. ``[[1, 2], [3, 4]]``,
  ``[1 2; 3 4]`` and ``\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}`` are 2x2 (a one-row
  environment is a row); ``diag(1, 10)`` is diagonal. Matrices are ``ImmutableMatrix``.

Notation SymPy has no neutral object for becomes an unevaluated function application from
:mod:`optiproof.core.mathatoms`, so later layers can map it onto catalogue entries:

==========================================  ==============================================
written                                     built
==========================================  ==============================================
``‖g‖``, ``\\|g\\|``, ``||g||``                ``Norm(g)``
``‖d‖_∞``, ``\\lVert d\\rVert_\\infty``, ``‖g‖₁``   ``Norm(d, oo)``, ``Norm(g, 1)`` (the subscript as
                                            written: a number, oo, or a Symbol ``p``, ``F``,
                                            ``op``, ``*``)
``‖d‖²_∞``, ``\\|d\\|_\\infty^2``               ``Norm(d, oo)**2``
``|x|``, ``abs(x)``, ``\\lvert x\\rvert``        ``AbsValue(x)``
``sign(g)``, ``sgn g``, ``\\operatorname{sign}(g)``  ``Sign(g)``
``gᵀ``, ``g^T``, ``g^\\top`` (alone)             ``Transposed(g)``
``gᵀd``, ``g^\\top H d``, ``⟨g, d⟩``             ``Inner(g, d)``, ``Inner(g, H*d)`` (a transpose
                                            takes the rest of its product as the other side)
``∇f``, ``\\nabla f(\\theta_t)``                 ``Grad(f)``, ``Grad(f, theta_t)``
``E[g]``, ``\\mathbb{E}[g^2]``, ``𝔼[m̂ₜ]``        ``Expectation(g)``, ``Expectation(g**2)``
==========================================  ==============================================

On concrete numbers these evaluate (``‖(3, 4)‖ = 5``, ``sign(-2) = -1``, ``[1, 2]ᵀ[3, 4] = 11``).

Bounds (:class:`ParseLimits`) are checked while parsing, before the SymPy object of a node is
built: text length, digits per number, nesting depth, node count, matrix entries, and three
running totals over the whole tree - the digits of its exact constants, its polynomial degree,
and the number of terms it expands to - so ``10^(64^5)``, ``9**9**9``, ``(10^60)^60`` and
``(a+b+c+d+e)^200`` are refused in microseconds, whatever way they are nested.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import sympy
from sympy.polys.polyerrors import BasePolynomialError

from optiproof.core.mathatoms import AbsValue, Expectation, Grad, Inner, Norm, Sign, Transposed
from optiproof.core.mathtokens import GREEK, MathParseError, Token, tokenize

__all__ = ["FUNCTIONS", "LIMITS", "FunctionSpec", "MathParseError", "ParseLimits", "Relation",
           "parse_math", "parse_relation", "try_parse_math", "try_parse_relation"]


@dataclass(frozen=True)
class ParseLimits:
    """Every bound of one parse. Change them by constructing a new ``ParseLimits``."""

    max_chars: int = 10_000
    """Longest text read."""
    max_number_digits: int = 40
    """Most digits in one written number."""
    max_exponent: int = 1000
    """Largest numerator or denominator of a numeric exponent (``x^{1001}`` is refused)."""
    max_constant_digits: int = 4000
    """Most decimal digits the exact constants of the whole formula may reach."""
    max_root_digits: int = 100
    """Most digits of a number whose root (a non-integer power) is taken exactly."""
    max_degree: int = 256
    """Highest total polynomial degree in the symbols."""
    max_expanded_terms: int = 100_000
    """Most terms the formula may have once fully expanded."""
    max_nodes: int = 10_000
    """Most numbers, names and operations in one formula."""
    max_depth: int = 40
    """Deepest nesting of brackets, arguments and exponents."""
    max_entries: int = 10_000
    """Most entries of one vector or matrix."""
    max_matrix_work: int = 200_000
    """Most entry multiplications spent on matrix products and powers."""
    max_args: int = 64
    """Most arguments of one function call."""


LIMITS = ParseLimits()


@dataclass(frozen=True)
class FunctionSpec:
    """A function the parser may apply: how to build it and how many arguments it takes."""

    build: Callable[..., Any]
    min_args: int = 1
    max_args: int = 1
    root: int = 0
    """n for an n-th root (built as a power 1/n, so its size is bounded like one)."""


def _diag(*args: Any) -> Any:
    """diag(a, b, ...) or diag([a, b, ...]): the diagonal matrix with those entries."""
    if len(args) == 1 and isinstance(args[0], sympy.MatrixBase) and 1 in args[0].shape:
        args = tuple(args[0])
    if any(isinstance(a, sympy.MatrixBase) for a in args):
        raise TypeError("diag takes numbers or one vector")
    return sympy.ImmutableMatrix(sympy.diag(*args))


def _log(x: Any, base: Any = None) -> Any:
    """log x (natural), or log_b x."""
    return sympy.log(x) if base is None else sympy.log(x, base)


FUNCTIONS: Mapping[str, FunctionSpec] = {
    "sqrt": FunctionSpec(sympy.sqrt, root=2),
    "cbrt": FunctionSpec(sympy.cbrt, root=3),
    "exp": FunctionSpec(sympy.exp),
    "log": FunctionSpec(_log, 1, 2),
    "ln": FunctionSpec(sympy.log),
    "log2": FunctionSpec(lambda x: sympy.log(x, 2)),
    "log10": FunctionSpec(lambda x: sympy.log(x, 10)),
    "abs": FunctionSpec(AbsValue),
    "sign": FunctionSpec(Sign),
    "sgn": FunctionSpec(Sign),
    "max": FunctionSpec(sympy.Max, 1, 16),
    "Max": FunctionSpec(sympy.Max, 1, 16),
    "min": FunctionSpec(sympy.Min, 1, 16),
    "Min": FunctionSpec(sympy.Min, 1, 16),
    "floor": FunctionSpec(sympy.floor),
    "ceil": FunctionSpec(sympy.ceiling),
    "ceiling": FunctionSpec(sympy.ceiling),
    "diag": FunctionSpec(_diag, 1, 64),
    "norm": FunctionSpec(Norm, 1, 2),
    "sin": FunctionSpec(sympy.sin),
    "cos": FunctionSpec(sympy.cos),
    "tan": FunctionSpec(sympy.tan),
    "tanh": FunctionSpec(sympy.tanh),
}
"""The functions a formula may call, by every name it may be written with."""


@dataclass(frozen=True)
class Relation:
    """A chain ``sides[0] ops[0] sides[1] ops[1] ...``; ops are ``=``, ``<``, ``<=``, ``>``,
    ``>=``, ``!=``, ``~=`` (≈), ``->`` (→, a limit) and ``=>`` (⇒)."""

    sides: tuple[Any, ...]
    ops: tuple[str, ...]


RELATIONS = frozenset({"=", "<", "<=", ">", ">=", "!=", "~=", "->", "=>"})

_CONSTANTS = {"pi": sympy.pi, "e": sympy.E, "inf": sympy.oo, "infty": sympy.oo,
              "infinity": sympy.oo, "oo": sympy.oo}
_ACCENTS = {"hat": "hat", "widehat": "hat", "bar": "bar", "overline": "bar", "tilde": "tilde",
            "widetilde": "tilde", "dot": "dot", "ddot": "ddot", "check": "check",
            "breve": "breve"}
_STYLES = {"mathbf", "boldsymbol", "bm", "mathit", "mathsf", "mathbb", "mathcal", "pmb", "vec",
           "mathnormal", "textbf", "textit", "boxed"}
_WORD_WRAPPERS = {"operatorname", "mathrm", "text", "textrm", "textsf", "mbox"}
_FUNCTION_CMDS = {"sqrt", "cbrt", "exp", "log", "ln", "max", "min", "sin", "cos", "tan", "tanh",
                  "sgn", "sign", "det", "lg"}
_FRACTIONS = {"frac", "dfrac", "tfrac", "cfrac"}
_MATRIX_ENVS = {"matrix", "bmatrix", "pmatrix", "Bmatrix", "smallmatrix", "array"}
_UNSUPPORTED = {"sum": "sums", "prod": "products", "int": "integrals", "partial": "derivatives",
                "lim": "limits", "pm": "± (two values)", "dots": "ellipses", "ldots": "ellipses",
                "cdots": "ellipses", "vdots": "ellipses", "ddots": "ellipses", "det":
                "determinants", "lg": "lg (write log_2)"}
_OPERAND_CMDS = (_FRACTIONS | _FUNCTION_CMDS | _STYLES | _WORD_WRAPPERS | set(_ACCENTS)
                 | {"infty", "nabla", "begin"})
ROW_BREAK = "\\"
"""The command ``\\\\`` that ends a matrix row (its token text is one backslash)."""
_MARKED_T = (("cmd", "top"), ("cmd", "intercal"), ("word", "T"))
_TRANSPOSE_MARKS = tuple(
    [(m,) for m in _MARKED_T]
    + [(("op", "{"), m, ("op", "}")) for m in _MARKED_T]
    + [(("cmd", w), ("op", "{"), ("word", "T"), ("op", "}")) for w in ("mathsf", "mathrm", "text")]
    + [(("op", "{"), ("cmd", w), ("op", "{"), ("word", "T"), ("op", "}"), ("op", "}"))
       for w in ("mathsf", "mathrm", "text")])
"""Token patterns after ``^`` that mean a transpose."""
GREEK_NAMES = frozenset(GREEK) | frozenset(n.capitalize() for n in GREEK) | {"ell"}


@dataclass(slots=True)
class _Val:
    """A parsed value with the bounds that travel up the tree."""

    expr: Any
    digits: float = 0.0
    """Bound on the decimal digits of its exact constants."""
    degree: float = 0.0
    """Bound on its polynomial degree in the symbols."""
    terms: float = 0.0
    """Bound on log10 of the number of terms it expands to."""
    const: Fraction | None = None
    """Its exact value when it is a rational number."""
    listed: bool = False
    """A vector written as a list literal: ``[1, 2]``, ``(1, 2)``."""
    transposed: _Val | None = None
    """u when this value is uᵀ of a symbolic u (it pairs with what follows it)."""

    @property
    def is_matrix(self) -> bool:
        return isinstance(self.expr, sympy.MatrixBase)


def _fraction_digits(f: Fraction) -> float:
    """Decimal digits of a rational's numerator and denominator together."""
    return math.log10(abs(f.numerator) + 1) + math.log10(f.denominator)


def _log10_multisets(log_t: float, e: int) -> float:
    """log10 of the number of monomials of degree e in 10**log_t terms: C(t + e - 1, e)."""
    t = 10.0 ** min(log_t, 300.0)
    if t <= 1.0 or e <= 1:
        return log_t * (e >= 1)
    return (math.lgamma(t + e) - math.lgamma(e + 1) - math.lgamma(t)) / math.log(10)


class _Parser:
    """One parse of one text (see the module docstring for the grammar)."""

    def __init__(self, text: str, symbols: Mapping[str, Any] | None,
                 functions: Mapping[str, FunctionSpec], limits: ParseLimits, field: str):
        if len(text) > limits.max_chars:
            raise MathParseError(f"longer than {limits.max_chars} characters", limits.max_chars,
                                 text[:200], field)
        self.text, self.symbols, self.functions = text, symbols, functions
        self.limits, self.field = limits, field
        self.latex = "\\" in text or bool(re.search(r"(?<![_^])\{", text))
        self.toks = tokenize(text, limits.max_number_digits, field, latex=self.latex)
        self.i = 0
        self.nodes = 0
        self.depth = 0
        self.work = 0
        self.open: list[str] = []
        self.space_split = False
        self.commas = self._top_level_commas()

    # -- tokens ---------------------------------------------------------------------------------

    def fail(self, reason: str, tok: Token | None = None) -> MathParseError:
        tok = tok or self.peek()
        return MathParseError(reason, tok.pos, self.text, self.field)

    def peek(self, k: int = 0) -> Token:
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def next(self) -> Token:
        tok = self.peek()
        self.i += 1
        return tok

    def at(self, kind: str, text: str | None = None, k: int = 0) -> bool:
        tok = self.peek(k)
        return tok.kind == kind and (text is None or tok.text == text)

    def expect(self, kind: str, text: str, what: str) -> Token:
        if not self.at(kind, text):
            raise self.fail(f"expected {what}")
        return self.next()

    def split_first(self) -> Token:
        """Take the first character of a number or letter run (TeX reads ``x^23`` as x²·3)."""
        tok = self.peek()
        if tok.kind == "num" and tok.text[0] == ".":
            raise self.fail("a lone decimal point", tok)
        if tok.kind in ("num", "word") and len(tok.text) > 1:
            head = Token(tok.kind, tok.text[0], tok.pos, tok.pos + 1, tok.space)
            self.toks[self.i] = Token(tok.kind, tok.text[1:], tok.pos + 1, tok.end, False)
            return head
        return self.next()

    def _top_level_commas(self) -> set[int]:
        """Indices of the ``[`` tokens whose list has a comma at its own level."""
        out: set[int] = set()
        stack: list[int] = []
        for k, tok in enumerate(self.toks):
            if tok.kind != "op":
                continue
            if tok.text in "([{⟨":
                stack.append(k)
            elif tok.text in ")]}⟩" and stack:
                stack.pop()
            elif tok.text == "," and stack and self.toks[stack[-1]].text == "[":
                out.add(stack[-1])
        return out

    # -- bounds ---------------------------------------------------------------------------------

    def node(self, val: _Val, tok: Token) -> _Val:
        """Count a node and check the running totals of the value about to be built."""
        self.nodes += 1
        lim = self.limits
        if self.nodes > lim.max_nodes:
            raise self.fail(f"more than {lim.max_nodes} numbers, names and operations", tok)
        if val.digits > lim.max_constant_digits:
            raise self.fail(f"too large: its exact numbers would exceed "
                            f"{lim.max_constant_digits} digits", tok)
        if val.degree > lim.max_degree:
            raise self.fail(f"too large: degree above {lim.max_degree}", tok)
        if val.terms > math.log10(lim.max_expanded_terms):
            raise self.fail(f"too large: more than {lim.max_expanded_terms} terms once "
                            "expanded", tok)
        return val

    def nested(self, tok: Token) -> None:
        self.depth += 1
        if self.depth > self.limits.max_depth:
            raise self.fail(f"nested more than {self.limits.max_depth} levels deep", tok)

    def build(self, tok: Token, fn: Callable[..., Any], *args: Any) -> Any:
        """Call a SymPy constructor on already bounded parts; its refusals are parse errors."""
        try:
            out = fn(*args)
        except (TypeError, ValueError, ArithmeticError, AttributeError, NotImplementedError,
                BasePolynomialError) as err:
            reason = str(err).split("\n")[0][:80] or type(err).__name__
            raise self.fail(f"cannot combine these ({reason})", tok) from None
        if isinstance(out, sympy.MatrixBase) and not isinstance(out, sympy.ImmutableMatrix):
            out = sympy.ImmutableMatrix(out)
        return out

    # -- grammar --------------------------------------------------------------------------------

    def relation(self) -> Relation:
        sides = [self.sum()]
        ops: list[str] = []
        while self.peek().kind == "op" and self.peek().text in RELATIONS:
            ops.append(self.next().text)
            sides.append(self.sum())
        self.finish()
        return Relation(tuple(v.expr for v in sides), tuple(ops))

    def expression(self) -> Any:
        val = self.sum()
        tok = self.peek()
        if tok.kind == "op" and tok.text in RELATIONS:
            raise self.fail(f"a relation ({tok.text}) where one expression was expected")
        self.finish()
        return val.expr

    def finish(self) -> None:
        tok = self.peek()
        if tok.kind != "end":
            raise self.fail(f"unexpected {self.describe(tok)}")

    def describe(self, tok: Token) -> str:
        if tok.kind == "end":
            return "end of the formula"
        shown = self.text[tok.pos:tok.end] or tok.text
        return f"{shown!r}"

    def sum(self) -> _Val:
        """sum := signed term (("+" | "-") term)*, built as one Add."""
        first = self.peek()
        items = [self.signed()]
        while self.at("op", "+") or self.at("op", "-"):
            tok = self.peek()
            if self.space_split and tok.space and not self.peek(1).space:
                break
            self.next()
            val = self.signed()
            items.append(self.negate(val, tok) if tok.text == "-" else val)
        if len(items) == 1:
            return items[0]
        return self.add(items, first)

    def signed(self) -> _Val:
        """Leading signs (``-x``, ``+-x``), read in a loop so no sign chain recurses."""
        sign = 1
        tok = self.peek()
        while self.at("op", "-") or self.at("op", "+"):
            sign = -sign if self.next().text == "-" else sign
        val = self.term()
        return self.negate(val, tok) if sign < 0 else val

    def negate(self, val: _Val, tok: Token) -> _Val:
        const = -val.const if val.const is not None else None
        return self.node(replace(val, expr=self.build(tok, lambda x: -x, val.expr), const=const,
                                 transposed=None), tok)

    def add(self, items: list[_Val], tok: Token) -> _Val:
        if any(v.is_matrix for v in items) and not all(v.is_matrix for v in items):
            raise self.fail("cannot add a vector or matrix and a number", tok)
        val = _Val(None, sum(v.digits for v in items), max(v.degree for v in items),
                   math.log10(sum(10.0 ** min(v.terms, 300.0) for v in items)))
        if all(v.const is not None for v in items):
            val.const = self.exact(items, tok)
            val.digits = _fraction_digits(val.const)
        self.node(val, tok)
        if val.const is not None:
            val.expr = sympy.Rational(val.const.numerator, val.const.denominator)
        elif items[0].is_matrix:
            total = items[0].expr
            for v in items[1:]:
                total = self.build(tok, lambda a, b: a + b, total, v.expr)
            val.expr = total
        else:
            val.expr = self.build(tok, sympy.Add, *[v.expr for v in items])
        return val

    def exact(self, items: list[_Val], tok: Token, ops: list[str] | None = None) -> Fraction:
        """The exact sum (or, given ops, product and quotient) of rational items, refused as
        soon as a partial result passes the digit budget."""
        out = Fraction(0) if ops is None else Fraction(1)
        for k, v in enumerate(items):
            assert v.const is not None
            if ops is None:
                out += v.const
            elif ops[k] == "/":
                if v.const == 0:
                    raise self.fail("division by zero", tok)
                out /= v.const
            else:
                out *= v.const
            if _fraction_digits(out) > self.limits.max_constant_digits:
                raise self.fail(f"too large: its exact numbers would exceed "
                                f"{self.limits.max_constant_digits} digits", tok)
        return out

    def term(self) -> _Val:
        """term := power (("*" | "/") signed | juxtaposed power)*, one product."""
        first = self.peek()
        factors: list[tuple[str, _Val, Token]] = [("*", self.power(), first)]
        while True:
            tok = self.peek()
            if tok.kind == "op" and tok.text in ("*", "/"):
                self.next()
                factors.append((tok.text, self.signed_power(), tok))
            elif tok.kind == "op" and tok.text == ".":
                if self.symbols is not None:
                    raise self.fail("a dot between names is not read where names are declared",
                                    tok)
                self.next()
                last = factors.pop()
                factors.append(("*", self.inner(last[1], self.power(), tok), last[2]))
            elif self.starts_operand(tok):
                if self.space_split and tok.space:
                    break
                self.check_juxtaposition(tok)
                factors.append(("*", self.power(), tok))
            else:
                break
        if len(factors) == 1:
            return factors[0][1]
        return self.product(factors)

    def signed_power(self) -> _Val:
        """The operand after ``*`` or ``/``: a power, with leading signs (``a/-b``)."""
        tok = self.peek()
        sign = 1
        while self.at("op", "-") or self.at("op", "+"):
            sign = -sign if self.next().text == "-" else sign
        val = self.power()
        return self.negate(val, tok) if sign < 0 else val

    def check_juxtaposition(self, tok: Token) -> None:
        prev = self.toks[self.i - 1]
        if tok.kind in ("num", "vulgar"):
            raise self.fail("a number right after another value needs an operator", tok)
        if tok.kind == "op" and tok.text == "[" and not tok.space and (
                prev.kind in ("word", "sym") or prev.text in (")", "]")):
            raise self.fail("indexing with [ ] is not part of a formula", tok)

    def starts_operand(self, tok: Token) -> bool:
        """Can ``tok`` begin a factor that multiplies by juxtaposition?"""
        if tok.kind in ("num", "vulgar", "word", "sym"):
            return True
        if tok.kind == "cmd":
            return tok.text in _OPERAND_CMDS
        if tok.kind != "op":
            return False
        if tok.text in ("(", "[", "{", "⟨"):
            return True
        inner = self.open[-1] if self.open else ""
        if tok.text == "‖":
            return inner not in ("‖", "||")
        if tok.text == "|":
            if inner == "|":
                return False
            if inner == "||" and self.adjacent_bar():
                return False
            return True
        return False

    def adjacent_bar(self) -> bool:
        """Is the current ``|`` directly followed by another (``||``)?"""
        a, b = self.peek(), self.peek(1)
        return b.kind == "op" and b.text == "|" and b.pos == a.end

    def product(self, factors: list[tuple[str, _Val, Token]]) -> _Val:
        """The product of factors in written order; uᵀ pairs with the rest: ⟨u, rest⟩."""
        for k, (op, val, tok) in enumerate(factors[:-1]):
            if val.transposed is not None and op == "*" and factors[k + 1][0] == "*":
                self.nested(tok)
                rest = factors[k + 1:]
                paired = self.inner(val.transposed,
                                    self.product(rest) if len(rest) > 1 else rest[0][1], tok)
                self.depth -= 1
                head = factors[:k] + [(op, paired, tok)]
                return self.product(head) if len(head) > 1 else paired
        first_tok = factors[0][2]
        vals = [v for _, v, _ in factors]
        digits = sum(v.digits for v in vals)
        val = _Val(None, digits, sum(v.degree for v in vals), sum(v.terms for v in vals))
        if all(v.const is not None for v in vals):
            val.const = self.exact(vals, first_tok, [op for op, _, _ in factors])
            val.digits = _fraction_digits(val.const)
        self.node(val, first_tok)
        if val.const is not None:
            val.expr = sympy.Rational(val.const.numerator, val.const.denominator)
        elif any(v.is_matrix for v in vals):
            val.expr = self.matrix_product(factors)
        else:
            parts = []
            for op, v, tok in factors:
                if op == "/" and v.const == 0:
                    raise self.fail("division by zero", tok)
                parts.append(v.expr if op == "*" else self.build(tok, sympy.Pow, v.expr, -1))
            val.expr = self.build(first_tok, sympy.Mul, *parts)
        return val

    def matrix_product(self, factors: list[tuple[str, _Val, Token]]) -> Any:
        acc = factors[0][1].expr
        for op, v, tok in factors[1:]:
            if op == "/":
                if v.is_matrix:
                    raise self.fail("division by a vector or matrix", tok)
                acc = self.build(tok, lambda a, b: a / b, acc, v.expr)
                continue
            if isinstance(acc, sympy.MatrixBase) and v.is_matrix:
                self.spend(acc.shape[0] * acc.shape[1] * v.expr.shape[1], tok)
            acc = self.build(tok, lambda a, b: a * b, acc, v.expr)
            if isinstance(acc, sympy.MatrixBase) and acc.shape == (1, 1) and v.is_matrix:
                acc = acc[0, 0]
        return acc

    def spend(self, work: int, tok: Token) -> None:
        self.work += work
        if self.work > self.limits.max_matrix_work:
            raise self.fail(f"too large: matrix arithmetic beyond {self.limits.max_matrix_work} "
                            "entry operations", tok)

    def inner(self, u: _Val, v: _Val, tok: Token) -> _Val:
        val = _Val(None, u.digits + v.digits, u.degree + v.degree, u.terms + v.terms)
        self.node(val, tok)
        val.expr = self.build(tok, Inner, u.expr, v.expr)
        return val

    # -- powers and postfix marks ---------------------------------------------------------------

    def power(self) -> _Val:
        """power := primary (^exponent | superscript | transpose)*."""
        base = self.primary()
        while True:
            t = self.peek()
            if t.kind == "sup":
                self.next()
                base = self.superscript(base, t)
            elif t.kind == "op" and t.text == "^":
                self.next()
                if self.transpose_mark():
                    base = self.transpose(base, t)
                else:
                    self.nested(t)
                    exponent = self.exponent()
                    self.depth -= 1
                    base = self.pow(base, exponent, t)
            else:
                return base

    def transpose_mark(self) -> bool:
        """After ``^``: consume ``T``, ``\\top``, ``{T}``, ``{\\top}`` or ``\\mathsf{T}`` if there
        (in TeX ``g^Td`` is gᵀd)."""
        for pattern in _TRANSPOSE_MARKS:
            if all(self.at(kind, text, k) for k, (kind, text) in enumerate(pattern)):
                self.i += len(pattern)
                return True
        tok = self.peek()
        if self.latex and tok.kind == "word" and tok.text[0] == "T":
            self.split_first()
            return True
        return False

    def superscript(self, base: _Val, tok: Token) -> _Val:
        text = tok.text
        if text == "T":
            return self.transpose(base, tok)
        if text.lstrip("+-").isdigit():
            exp = Fraction(int(text))
            return self.pow(base, self.number_val(exp, tok), tok)
        if text.isalpha():
            return self.pow(base, self.name_val(text, tok), tok)
        raise self.fail(f"cannot read the superscript {text!r}", tok)

    def exponent(self) -> _Val:
        """The exponent after ``^``: ``{...}`` or one character in LaTeX (signs allowed),
        a signed power in plain text (``10^-3``, ``2^3^2`` = 2^9)."""
        if not self.latex or self.at("op", "{"):
            return self.signed_power()
        tok = self.peek()
        sign = 1
        while self.at("op", "-") or self.at("op", "+"):
            sign = -sign if self.next().text == "-" else sign
        val = self.latex_arg()
        return self.negate(val, tok) if sign < 0 else val

    def transpose(self, base: _Val, tok: Token) -> _Val:
        """xᵀ: Transposed(x), or x itself for a list literal (``(1, 2)ᵀ`` is that column);
        either way it pairs with a following factor as an inner product."""
        if base.listed:
            return replace(base, transposed=base)
        if base.is_matrix or base.const is not None:
            return self.node(replace(base, expr=self.build(tok, Transposed, base.expr)), tok)
        val = replace(base, expr=self.build(tok, Transposed, base.expr), transposed=base)
        return self.node(val, tok)

    def pow(self, base: _Val, exp: _Val, tok: Token) -> _Val:
        """base^exp with its size bounded first: |exp| within the exponent limit, the digits,
        degree and expanded terms of the result within theirs."""
        lim = self.limits
        if exp.is_matrix:
            raise self.fail("an exponent cannot be a vector or matrix", tok)
        if exp.const is not None:
            e = exp.const
            if abs(e.numerator) > lim.max_exponent or e.denominator > lim.max_exponent:
                raise self.fail(f"too large: the exponent {e} is beyond ±{lim.max_exponent}",
                                tok)
            size = max(abs(e), 1)
            integer = e.denominator == 1
            if not integer and base.digits > lim.max_root_digits:
                raise self.fail(f"too large: a root of a number with more than "
                                f"{lim.max_root_digits} digits", tok)
            terms = _log10_multisets(base.terms, abs(e.numerator)) if integer else base.terms
            val = _Val(None, base.digits * float(size), base.degree * float(abs(e)), terms)
            if base.const is not None and integer:
                if base.const == 0 and e < 0:
                    raise self.fail("division by zero", tok)
                val.const = base.const ** int(e)
        elif not exp.expr.free_symbols:
            if exp.digits + 1 > math.log10(lim.max_exponent):
                raise self.fail(f"too large: an exponent that may exceed {lim.max_exponent}", tok)
            bound = 10.0 ** (exp.digits + 1)
            if base.digits > lim.max_root_digits:
                raise self.fail(f"too large: an irrational power of a number with more than "
                                f"{lim.max_root_digits} digits", tok)
            val = _Val(None, base.digits * bound, base.degree * bound, base.terms)
        else:
            if any(p.exp.free_symbols for p in exp.expr.atoms(sympy.Pow)):
                raise self.fail("too large: a tower of powers with symbols in the exponents "
                                "(like n^(n^n)) grows past any budget at the values it is "
                                "compared at", tok)
            val = _Val(None, base.digits + exp.digits, base.degree + exp.degree, 0.0)
        if base.is_matrix:
            return self.matrix_power(base, exp, val, tok)
        self.node(val, tok)
        if val.const is not None:
            val.expr = sympy.Rational(val.const.numerator, val.const.denominator)
        else:
            val.expr = self.build(tok, sympy.Pow, base.expr, exp.expr)
        return val

    def matrix_power(self, base: _Val, exp: _Val, val: _Val, tok: Token) -> _Val:
        """A^k by repeated squaring (k a whole number); A^-k needs rational entries, whose
        inverse is exact and cheap."""
        rows, cols = base.expr.shape
        if exp.const is None or exp.const.denominator != 1 or rows != cols:
            raise self.fail("only a square matrix to an integer power is read", tok)
        k = int(exp.const)
        if k < 0 and not all(e.is_Rational for e in base.expr):
            raise self.fail("the inverse of a matrix is read only with rational entries", tok)
        self.spend(rows ** 3 * (2 * max(1, abs(k)).bit_length() + (k < 0)), tok)
        val.digits *= rows
        self.node(val, tok)
        factor = self.build(tok, lambda m: m.inv(), base.expr) if k < 0 else base.expr
        result = sympy.ImmutableMatrix(sympy.eye(rows))
        for bit in bin(abs(k))[2:]:
            result = self.build(tok, lambda a, b: a * b, result, result)
            if bit == "1":
                result = self.build(tok, lambda a, b: a * b, result, factor)
        val.expr = result
        return val

    # -- primaries ------------------------------------------------------------------------------

    def primary(self) -> _Val:
        tok = self.peek()
        self.nested(tok)
        try:
            return self.primary_at(tok)
        finally:
            self.depth -= 1

    def primary_at(self, tok: Token) -> _Val:
        kind, text = tok.kind, tok.text
        if kind == "num":
            self.next()
            return self.number_val(self.number(tok), tok)
        if kind == "vulgar":
            self.next()
            return self.number_val(Fraction(text), tok)
        if kind == "word":
            return self.word()
        if kind == "sym":
            self.next()
            return self.named(text, tok)
        if kind == "cmd":
            return self.command()
        if kind == "op":
            if text == "(":
                return self.parenthesised()
            if text == "[":
                return self.bracket_list()
            if text == "{":
                self.next()
                return self.closed(self.sum_in("{"), "}", "a closing }")
            if text == "‖" or (text == "|" and self.adjacent_bar()):
                return self.norm()
            if text == "|":
                return self.absolute()
            if text == "⟨":
                return self.angle()
        raise self.fail(f"expected a number, a name or a bracket, not {self.describe(tok)}")

    def sum_in(self, opener: str, space_split: bool = False) -> _Val:
        """A sum inside a bracket, with the bracket's own rules for bars and blanks."""
        self.open.append(opener)
        saved, self.space_split = self.space_split, space_split
        try:
            return self.sum()
        finally:
            self.open.pop()
            self.space_split = saved

    def closed(self, val: _Val, closer: str, what: str) -> _Val:
        self.expect("op", closer, what)
        return val

    def number(self, tok: Token) -> Fraction:
        """A written decimal number, exactly (``1e-3`` -> 1/1000), its exponent bounded first."""
        mantissa, _, exponent = tok.text.lower().partition("e")
        value = Fraction(mantissa)
        if exponent:
            if abs(int(exponent)) > self.limits.max_constant_digits:
                raise self.fail(f"too large: the exponent {exponent} is beyond "
                                f"±{self.limits.max_constant_digits}", tok)
            value *= Fraction(10) ** int(exponent)
        return value

    def number_val(self, value: Fraction, tok: Token) -> _Val:
        val = _Val(None, _fraction_digits(value), 0.0, 0.0, value)
        self.node(val, tok)
        val.expr = sympy.Rational(value.numerator, value.denominator)
        return val

    # names

    def word(self) -> _Val:
        tok = self.peek()
        text = tok.text
        if text in self.functions and (self.symbols is None or text not in self.symbols):
            self.next()
            return self.call(text, tok)
        if text in GREEK_NAMES or text in _CONSTANTS or len(text) == 1 \
                or (self.symbols is not None and text in self.symbols):
            self.next()
            return self.named(text, tok)
        nxt = self.peek(1)
        if nxt.kind == "op" and nxt.text == "(" and not nxt.space:
            raise self.fail(f"unknown function {text!r}", tok)
        if self.symbols is not None:
            return self.declared_run(tok)
        if self.latex:
            return self.named(self.split_first().text, tok)
        self.next()
        return self.named(text, tok)

    def declared_run(self, tok: Token) -> _Val:
        """An undeclared letter run read as a product of declared names (``np`` -> n*p)."""
        assert self.symbols is not None
        text = tok.text
        parts = _split_declared(text, self.symbols)
        if parts is None:
            raise self.fail(f"unknown name {text!r}; known: {', '.join(sorted(self.symbols))}",
                            tok)
        self.next()
        vals = [self.symbol_val(p, tok) for p in parts[:-1]] + [self.named(parts[-1], tok)]
        return self.product([("*", v, tok) for v in vals])

    def named(self, base: str, tok: Token) -> _Val:
        """A name with what may follow it: subscript, ``^*`` star; a constant; or a
        declared or plain Symbol."""
        primes = self.primes()
        sub = self.subscript()
        star = self.star()
        primes += self.primes()
        if sub is None and not star and not primes and base in _CONSTANTS and (
                self.symbols is None or base not in self.symbols):
            const = _CONSTANTS[base]
            val = _Val(None, 1.0 if const.is_finite else 0.0)
            self.node(val, tok)
            val.expr = const
            return val
        if base == "E" and sub is None and not star and self.at("op", "[") \
                and not self.peek().space:
            return self.expectation(tok)
        name = base + (f"_{sub}" if sub else "") + ("^*" if star else "") + primes
        return self.symbol_val(name, tok)

    def primes(self) -> str:
        """Primes written on a name (``θ'``, ``Δθ_t'``): part of the name."""
        out = ""
        while self.at("op", "'") and not self.peek().space:
            self.next()
            out += "'"
        return out

    def expectation(self, tok: Token) -> _Val:
        """``E[x]``, ``\\mathbb{E}[x]``, ``𝔼[x]``: the expectation of x."""
        self.next()
        inner = self.closed(self.sum_in("["), "]", "a closing ] after E[...")
        val = replace(inner, listed=False, transposed=None, const=None)
        self.node(val, tok)
        val.expr = self.build(tok, Expectation, inner.expr)
        return val

    def symbol_val(self, name: str, tok: Token) -> _Val:
        if self.symbols is not None:
            if name not in self.symbols:
                raise self.fail(f"unknown name {name!r}; known: {', '.join(sorted(self.symbols))}",
                                tok)
            obj = self.symbols[name]
        else:
            obj = None
        val = _Val(None, 0.0, 1.0, 0.0)
        self.node(val, tok)
        val.expr = obj if obj is not None else sympy.Symbol(name)
        return val

    def name_val(self, text: str, tok: Token) -> _Val:
        return self.symbol_val(text, tok) if text not in _CONSTANTS else self.named(text, tok)

    def star(self) -> bool:
        """``^*``, ``^{*}``, ``^\\star`` right after a name (θ^* is a name, not a power), or a
        bare ``*`` that nothing multiplies (``α* = 2/11``)."""
        if self.at("op", "*") and not self.peek().space and (
                self.at("end", None, 1) or self.peek(1).text in RELATIONS | {")", "]", ",", ";"}):
            self.i += 1
            return True
        if not self.at("op", "^"):
            return False
        if self.at("op", "*", 1):
            self.i += 2
            return True
        if self.at("op", "{", 1) and self.at("op", "*", 2) and self.at("op", "}", 3):
            self.i += 4
            return True
        return False

    def subscript(self) -> str | None:
        """The subscript right after a name, as sanitised text (``_{t+1}`` -> ``t+1``)."""
        tok = self.peek()
        if tok.kind == "sub" and not tok.space:
            self.next()
            return tok.text
        if not (tok.kind == "op" and tok.text == "_"):
            return None
        self.next()
        return self.subscript_text(self.peek())

    def subscript_text(self, tok: Token) -> str:
        if tok.kind == "op" and tok.text == "{":
            self.next()
            parts: list[str] = []
            depth = 0
            while True:
                t = self.next()
                if t.kind == "end":
                    raise self.fail("an unclosed subscript", tok)
                if t.kind == "op" and t.text == "{":
                    depth += 1
                    continue
                if t.kind == "op" and t.text == "}":
                    if depth == 0:
                        break
                    depth -= 1
                    continue
                parts.append(self.subscript_piece(t))
            text = "".join(parts)
        elif tok.kind in ("num", "word"):
            text = (self.split_first() if self.latex else self.next()).text
            if tok.kind == "num" and not text.isdigit():
                raise self.fail("a subscript number must be whole", tok)
        elif tok.kind in ("sym", "cmd", "sub") or (tok.kind == "op" and tok.text == "*"):
            text = self.subscript_piece(self.next())
        else:
            raise self.fail("expected a subscript after _", tok)
        if not text or len(text) > 40:
            raise self.fail("a subscript must be 1 to 40 characters", tok)
        return text

    def subscript_piece(self, t: Token) -> str:
        if t.kind in ("num", "word", "sym", "sub"):
            return t.text
        if t.kind == "op" and t.text in ("+", "-", ",", "*", "(", ")", "_"):
            return t.text
        if t.kind == "op" and t.text in ("=", "<", ">"):
            return t.text
        if t.kind == "cmd" and t.text == "infty":
            return "inf"
        if t.kind == "cmd" and t.text in _WORD_WRAPPERS | _STYLES:
            return ""
        raise self.fail(f"{self.describe(t)} cannot be part of a subscript", t)

    # calls

    def call(self, name: str, tok: Token) -> _Val:
        """A function of the table: ``f(a, b)``, ``f{a}``, or ``f a`` (one power as argument);
        ``log_2 n`` and ``\\log_{10}`` give the base."""
        spec = self.functions[name]
        base = None
        if self.at("op", "_") and name == "log":
            self.next()
            base = self.latex_arg() if self.latex else self.primary()
        if self.at("op", "(") or (self.latex and self.at("op", "{")):
            opener = self.next()
            closer = ")" if opener.text == "(" else "}"
            args = [self.sum_in(opener.text)]
            while self.at("op", ","):
                self.next()
                if len(args) >= self.limits.max_args:
                    raise self.fail(f"more than {self.limits.max_args} arguments")
                args.append(self.sum_in(opener.text))
            self.expect("op", closer, f"a closing {closer} after the arguments of {name}")
        else:
            args = [self.power()]
        if base is not None:
            args.append(base)
        if not spec.min_args <= len(args) <= spec.max_args:
            raise self.fail(f"{name} takes {spec.min_args}"
                            + (f" to {spec.max_args}" if spec.max_args > spec.min_args else "")
                            + f" argument(s), not {len(args)}", tok)
        return self.apply(spec, name, args, tok)

    def apply(self, spec: FunctionSpec, name: str, args: list[_Val], tok: Token) -> _Val:
        """``name(args)``, with exp of a constant bounded like a power of e."""
        if spec.root:
            return self.pow(args[0], self.number_val(Fraction(1, spec.root), tok), tok)
        if name == "diag":
            entries = len(args[0].expr) if args[0].is_matrix else len(args)
            if entries * entries > self.limits.max_entries:
                raise self.fail(f"too large: more than {self.limits.max_entries} entries", tok)
        digits = sum(a.digits for a in args)
        if spec.build is sympy.exp and not args[0].expr.free_symbols:
            if args[0].digits > math.log10(lim_exp := self.limits.max_constant_digits * 2.3):
                raise self.fail(f"too large: e to a power that may exceed {lim_exp:.0f}", tok)
            digits = 10.0 ** args[0].digits / 2.3
        val = _Val(None, digits, max(a.degree for a in args), 0.0)
        self.node(val, tok)
        val.expr = self.undecided(self.build(tok, spec.build, *[a.expr for a in args]), tok)
        return val

    def undecided(self, expr: Any, tok: Token) -> Any:
        """Refuse a sign, absolute value or norm of a constant that stayed unevaluated: its
        value is within 1e-25 of zero, or complex."""
        for atom in expr.atoms(Sign, AbsValue, Norm) if isinstance(expr, sympy.Basic) else ():
            if not atom.free_symbols and not any(isinstance(a, sympy.MatrixBase)
                                                 for a in atom.args):
                raise self.fail("cannot decide the sign of a constant that is zero to 25 "
                                "digits, or complex", tok)
        return expr

    # LaTeX

    def latex_arg(self) -> _Val:
        """One TeX argument: ``{...}``, a command with its own arguments, or one character."""
        tok = self.peek()
        if tok.kind == "op" and tok.text == "{":
            self.next()
            return self.closed(self.sum_in("{"), "}", "a closing }")
        if tok.kind in ("num", "word"):
            head = self.split_first()
            if head.kind == "num":
                return self.number_val(self.number(head), head)
            return self.named(head.text, head)
        return self.primary()

    def command(self) -> _Val:
        tok = self.next()
        name = tok.text
        if name in _FRACTIONS:
            num = self.latex_arg()
            den = self.latex_arg()
            return self.product([("*", num, tok), ("/", den, tok)])
        if name == "sqrt" and self.at("op", "["):
            self.next()
            index = self.closed(self.sum_in("["), "]", "a closing ] after the root's index")
            arg = self.latex_arg()
            if index.const is None or index.const.denominator != 1 or index.const <= 0:
                raise self.fail("a root's index must be a positive integer", tok)
            inverse = self.number_val(1 / index.const, tok)
            return self.pow(arg, inverse, tok)
        if name in ("sqrt", "cbrt"):
            arg = self.latex_arg() if self.latex else self.power()
            return self.apply(self.functions.get(name, FUNCTIONS[name]), name, [arg], tok)
        if name in _UNSUPPORTED:
            raise self.fail(f"{_UNSUPPORTED[name]} are not read", tok)
        if name in _FUNCTION_CMDS:
            key = "sign" if name == "sgn" else name
            if key not in self.functions:
                raise self.fail(f"the function {name!r} is not allowed here", tok)
            return self.call(key, tok)
        if name == "infty":
            return self.named("inf", tok)
        if name in _STYLES:
            inside = self.peek(1)
            if self.at("op", "{") and self.at("op", "}", 2) and (
                    inside.kind == "sym" or (inside.kind == "word" and len(inside.text) == 1)):
                return self.named(self.braced_word(tok), tok)
            return self.latex_arg()
        if name in _ACCENTS:
            base = self.braced_word(tok)
            return self.named(base + _ACCENTS[name], tok)
        if name in _WORD_WRAPPERS:
            if self.at("op", "*"):
                self.next()
            word = self.braced_word(tok)
            if word in self.functions:
                return self.call(word, tok)
            if name == "operatorname" or (len(word) > 1 and self.at("op", "(")
                                          and not self.peek().space):
                raise self.fail(f"unknown function {word!r}", tok)
            return self.named(word, tok)
        if name == "nabla":
            return self.gradient(tok)
        if name == "begin":
            return self.environment(tok)
        raise self.fail(f"the command \\{name} is not read", tok)

    def braced_word(self, tok: Token) -> str:
        """The name inside ``{...}`` (or one letter) after a wrapper like ``\\mathrm``."""
        if not self.at("op", "{"):
            t = self.peek()
            if t.kind in ("word", "sym"):
                return (self.split_first() if t.kind == "word" else self.next()).text
            raise self.fail(f"expected a name after \\{tok.text}", t)
        self.next()
        words = []
        while not self.at("op", "}"):
            t = self.next()
            if t.kind not in ("word", "sym"):
                raise self.fail(f"expected a name inside \\{tok.text}{{...}}", t)
            words.append(t.text)
        self.next()
        if not words:
            raise self.fail(f"an empty \\{tok.text}{{}}", tok)
        return "".join(words)

    def gradient(self, tok: Token) -> _Val:
        """∇f or ∇f(x): the gradient of the named function, at x when given."""
        if self.at("op", "_"):
            self.next()
            self.subscript_text(self.peek())
        t = self.peek()
        if t.kind not in ("word", "sym"):
            raise self.fail("expected a function name after ∇", t)
        head = self.split_first() if t.kind == "word" and self.latex else self.next()
        sub = self.subscript()
        fname = head.text + (f"_{sub}" if sub else "")
        args = [sympy.Symbol(fname)]
        cost = _Val(None, 0.0, 1.0, 0.0)
        if self.at("op", "(") and not self.peek().space:
            self.next()
            point = self.sum_in("(")
            self.expect("op", ")", "a closing ) after the point of the gradient")
            args.append(point.expr)
            cost = _Val(None, point.digits, point.degree + 1, 0.0)
        self.node(cost, tok)
        cost.expr = self.build(tok, Grad, *args)
        return cost

    def environment(self, tok: Token) -> _Val:
        """``\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}`` and its pmatrix/array kin."""
        env = self.braced_word(tok)
        if env not in _MATRIX_ENVS:
            raise self.fail(f"the environment {env!r} is not read", tok)
        if env == "array" and self.at("op", "{"):
            while not self.at("op", "}") and not self.at("end"):
                self.next()
            self.expect("op", "}", "a closing } after the column layout")
        rows: list[list[_Val]] = [[]]
        while True:
            if self.at("cmd", "end"):
                self.next()
                if self.braced_word(tok) != env:
                    raise self.fail(f"\\begin{{{env}}} closed by another environment", tok)
                break
            if self.at("end"):
                raise self.fail(f"\\begin{{{env}}} is never closed", tok)
            rows[-1].append(self.sum_in("&"))
            self.count_entries(sum(len(r) for r in rows), tok)
            if self.at("op", "&"):
                self.next()
            elif self.at("cmd", ROW_BREAK):
                self.next()
                if self.at("op", "["):
                    while not self.at("op", "]") and not self.at("end"):
                        self.next()
                    self.next()
                if not self.at("cmd", "end"):
                    rows.append([])
            elif not self.at("cmd", "end"):
                raise self.fail(f"unexpected {self.describe(self.peek())} in a matrix")
        return self.matrix(rows, tok)

    # brackets

    def parenthesised(self) -> _Val:
        """``( sum )`` or a tuple ``(a, b, c)``, which is a column vector."""
        tok = self.next()
        first = self.sum_in("(")
        if not self.at("op", ","):
            return self.closed(first, ")", "a closing )")
        entries = [first]
        while self.at("op", ","):
            self.next()
            entries.append(self.sum_in("("))
            self.count_entries(len(entries), tok)
        self.expect("op", ")", "a closing ) after the vector")
        val = self.matrix([[e] for e in entries], tok)
        val.listed = True
        return val

    def bracket_list(self) -> _Val:
        """``[a, b]`` (a column), ``[[a, b], [c, d]]``, ``[a b; c d]`` (rows)."""
        index = self.i
        tok = self.next()
        spaced = index not in self.commas
        rows: list[list[_Val]] = [[]]
        while True:
            rows[-1].append(self.sum_in("[", space_split=spaced))
            self.count_entries(sum(len(r) for r in rows), tok)
            if self.at("op", ","):
                self.next()
            elif self.at("op", ";"):
                self.next()
                rows.append([])
            elif self.at("op", "]"):
                self.next()
                break
            elif spaced and (self.starts_operand(self.peek()) or self.at("op", "-")
                             or self.at("op", "+")):
                continue
            else:
                raise self.fail(f"expected , ; or ] in a list, not {self.describe(self.peek())}")
        if len(rows) == 1 and len(rows[0]) == 1 and rows[0][0].is_matrix \
                and not rows[0][0].listed:
            return rows[0][0]
        if len(rows) == 1 and all(v.listed for v in rows[0]):
            return self.matrix([[replace(v, expr=e, listed=False) for e in v.expr]
                                for v in rows[0]], tok)
        if len(rows) == 1:
            val = self.matrix([[e] for e in rows[0]], tok)
            val.listed = True
            return val
        return self.matrix(rows, tok)

    def count_entries(self, n: int, tok: Token) -> None:
        if n > self.limits.max_entries:
            raise self.fail(f"too large: more than {self.limits.max_entries} entries", tok)

    def matrix(self, rows: list[list[_Val]], tok: Token) -> _Val:
        if not rows or not rows[0]:
            raise self.fail("an empty vector or matrix", tok)
        if any(len(r) != len(rows[0]) for r in rows):
            raise self.fail("rows of different lengths", tok)
        if any(v.is_matrix for r in rows for v in r):
            raise self.fail("a vector or matrix inside a matrix", tok)
        cells = [v for r in rows for v in r]
        val = _Val(None, max(v.digits for v in cells), max(v.degree for v in cells),
                   max(v.terms for v in cells))
        self.node(val, tok)
        val.expr = sympy.ImmutableMatrix([[v.expr for v in r] for r in rows])
        return val

    def norm(self) -> _Val:
        """‖x‖, ‖x‖_p, ‖x‖²_p, ||x||_p: Norm(x) or Norm(x, p) (p as written)."""
        tok = self.next()
        double = tok.text == "|"
        if double:
            self.next()
        inner = self.sum_in("||" if double else "‖")
        if double:
            if not (self.at("op", "|") and self.adjacent_bar()):
                raise self.fail("expected || to close the norm")
            self.i += 2
        else:
            self.expect("op", "‖", "‖ to close the norm")
        power = None
        if self.at("sup") and (self.at("op", "_", 1) or self.at("sub", None, 1)):
            power = self.next()
        index = None
        if self.at("sub") or self.at("op", "_"):
            index = self.norm_index()
        elif self.at("cmd", "infty") and not self.peek().space:
            self.next()
            index = sympy.oo
        cost = replace(inner, listed=False, transposed=None, const=None)
        self.node(cost, tok)
        args = [inner.expr] + ([index] if index is not None else [])
        p = float(index) if index is not None and index.is_Integer else 2.0
        heavy = inner.is_matrix and len(inner.expr) * inner.digits * p > self.limits.max_root_digits
        cost.expr = self.undecided(self.build(tok, lambda *a: Norm(*a, evaluate=not heavy),
                                              *args), tok)
        return self.superscript(cost, power) if power is not None else cost

    def norm_index(self) -> Any:
        tok = self.peek()
        if tok.kind == "sub":
            self.next()
            text = tok.text
        else:
            self.next()
            text = self.subscript_text(self.peek())
        if text.isdigit():
            return sympy.Integer(int(text))
        if text in ("inf", "infty", "oo", "infinity"):
            return sympy.oo
        return sympy.Symbol(text)

    def absolute(self) -> _Val:
        tok = self.next()
        inner = self.sum_in("|")
        self.expect("op", "|", "| to close the absolute value")
        val = replace(inner, listed=False, transposed=None, const=abs(inner.const)
                      if inner.const is not None else None)
        self.node(val, tok)
        val.expr = self.undecided(self.build(tok, AbsValue, inner.expr), tok)
        return val

    def angle(self) -> _Val:
        tok = self.next()
        u = self.sum_in("⟨")
        self.expect("op", ",", "a comma between the two sides of ⟨ , ⟩")
        v = self.sum_in("⟨")
        self.expect("op", "⟩", "⟩ to close the inner product")
        return self.inner(u, v, tok)



def _split_declared(text: str, symbols: Mapping[str, Any]) -> list[str] | None:
    """``text`` as a sequence of declared names, longest names first (None if impossible)."""
    best: list[list[str] | None] = [None] * (len(text) + 1)
    best[len(text)] = []
    for start in range(len(text) - 1, -1, -1):
        for stop in range(len(text), start, -1):
            rest = best[stop]
            if rest is not None and text[start:stop] in symbols:
                best[start] = [text[start:stop]] + rest
                break
    return best[0]


def parse_math(text: str, *, symbols: Mapping[str, Any] | None = None,
               functions: Mapping[str, FunctionSpec] = FUNCTIONS,
               limits: ParseLimits = LIMITS, field: str = "formula") -> Any:
    """``text`` -> one SymPy expression (or ImmutableMatrix); MathParseError if it is not one
    bounded formula. ``symbols`` (name -> SymPy object) restricts the names allowed."""
    try:
        return _Parser(text, symbols, functions, limits, field).expression()
    except RecursionError:
        raise MathParseError("nested too deeply", 0, text, field) from None


def parse_relation(text: str, *, symbols: Mapping[str, Any] | None = None,
                   functions: Mapping[str, FunctionSpec] = FUNCTIONS,
                   limits: ParseLimits = LIMITS, field: str = "formula") -> Relation:
    """``text`` -> a chain of expressions joined by relations (=, <, ≤, ≥, ≈, →, ⇒); one
    expression alone is a Relation with no ops."""
    try:
        return _Parser(text, symbols, functions, limits, field).relation()
    except RecursionError:
        raise MathParseError("nested too deeply", 0, text, field) from None


def try_parse_math(text: str, **kwargs: Any) -> Any:
    """:func:`parse_math`, or None when the text is not a readable formula."""
    try:
        return parse_math(text, **kwargs)
    except MathParseError:
        return None


def try_parse_relation(text: str, **kwargs: Any) -> Relation | None:
    """:func:`parse_relation`, or None when the text is not a readable relation."""
    try:
        return parse_relation(text, **kwargs)
    except MathParseError:
        return None
