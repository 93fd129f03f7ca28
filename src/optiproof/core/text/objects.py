"""Math objects found in a part's text, built with the one safe parser (core/mathparse).

- :func:`quadratic_forms`: a function written out, ``f(x, y) = x² + 9y²`` or ``f(w) = 0.5*(w1^2
  + 20*w2^2)``, is a quadratic ``½θᵀHθ - bᵀθ + c``; its Hessian H and linear term b come from
  differentiating it (so ``x² + 9y²`` has H = diag(2, 18), not diag(1, 9)).
- :func:`matrix_quadratic_forms`: ``f(x) = ½ xᵀAx − bᵀx`` with A and b named; their values
  (assignments elsewhere) give H and b by :func:`quadratic_of_matrices`, again by
  differentiation (and A must be symmetric).
- :func:`linear_equations`: an equation in indexed unknowns, ``2θ₁ + θ₂ + 2θ₃ = 3``, or a squared
  residual ``(2θ₁ + θ₂ − 5)²``, is a data row ``aᵀθ = b``.
- :func:`extreme_eigenvalues`: "smallest eigenvalue μ = 1 and largest eigenvalue L = 100",
  "λ_min(Q) = 1, λ_max(Q) = 25".

Each object keeps the phrase it was read from. Text that does not parse is not an object (the
parser refuses it; nothing is guessed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

_FUNCTION = re.compile(r"(?<![\w])(?:[fghqFGHLJ]|loss|Loss)\s?\(\s?([^()=]{1,30}?)\s?\)\s?=\s?"
                       r"([^=;?]{1,140}?)(?=[.;,?:](?:\s|$)|\s(?:and|with|where|for|on|in|is|as|"
                       r"at|to|of|by|be)\s|$|"
                       r"\s(?!(?:sqrt|exp|log|diag|sin|cos|max|min|frac)\b)[a-z]{3,}\b|"
                       r"\s\((?!(?:sqrt|exp|log|diag|sin|cos|max|min|frac)\b)[a-z]{2,}\b|"
                       r"\s(?!(?:Tr|Diag|Exp|Log|Sqrt)\b)[A-Z][a-z]{2,}\b)")
"""A function written out; the formula ends at punctuation, a joining word or the first word of
prose after it ("f(x, y) = x^2 + y^2 starting from (1, 1)", "… = 2x^2 + y^2/2 (no noise)"), also
a capitalised one, the next sentence or heading run onto the formula's line ("… = x^2 + 4y^2
Momentum is …")."""
_RESIDUAL = re.compile(r"\(\s?([^()]{3,80}?)\s?\)\s?\^\s?2")
_EQUATION = re.compile(r"(?<![\w=])((?:[-+]?\s?\d{0,6}(?:\.\d{1,6})?\s?(?:θ|w|x)_?\d\s?){2,12})=\s?"
                       r"(-?\d{1,6}(?:\.\d{1,6})?)(?![\d.])")
_MIN = (r"(?:smallest eigenvalue|λ_?min(?:\s?\(\w\))?|lambda_?min|minimum eigenvalue)"
        r"(?: (?:is|of))?(?: (?:μ|mu|m))?\s?=\s?")
_MAX = (r"(?:largest eigenvalue|λ_?max(?:\s?\(\w\))?|lambda_?max|maximum eigenvalue)"
        r"(?: (?:is|of))?(?: L)?\s?=\s?")
MAX_CANDIDATES = 12
"""Candidate formulas of each kind parsed per text (a real part has one or two; bounds time)."""
_NUMBER = r"(\d{1,6}(?:\.\d{1,6})?(?:e-?\d{1,3}|\^-?\d{1,3})?)"
_EXTREMES_SPOKEN = re.compile(
    r"(?:\beigenvalues?\b[^.?;]{0,60}?\b(?:smallest|minimum|minimal)(?: one| eigenvalue)?|"
    r"\b(?:smallest|minimum|minimal) eigenvalue)(?: is|:| =| equals| of)? ?" + _NUMBER +
    r"[^.?;]{0,30}?\b(?:largest|maximum|maximal)(?: one| eigenvalue)?"
    r"(?: is|:| =| equals| of)? ?" + _NUMBER + r"(?!\d|\.\d)", re.I)
"""Both extremes spoken after the word eigenvalue: "the eigenvalues of H: smallest is 0.1,
largest is 10"."""


@dataclass(frozen=True)
class QuadraticForm:
    """``f = ½θᵀHθ − bᵀθ + c`` in the named variables, and the phrase it came from."""

    variables: tuple[str, ...]
    H: tuple[tuple[Fraction, ...], ...]
    b: tuple[Fraction, ...]
    source: str
    expression: str = ""
    """The function's right-hand side as written (what was parsed)."""


@dataclass(frozen=True)
class LinearEquation:
    """One data row ``a·θ = b`` over indexed unknowns, and the phrase it came from."""

    a: tuple[Fraction, ...]
    b: Fraction
    source: str


def _fraction(value: object) -> Fraction | None:
    """An exact rational SymPy number as a Fraction, else None."""
    import sympy

    v = sympy.nsimplify(value) if not isinstance(value, sympy.Basic) else value
    if not getattr(v, "is_Rational", False):
        return None
    return Fraction(int(v.p), int(v.q))


def _unknowns(expr: object, signature: str) -> list[object] | None:
    """The unknowns of a function ``f(signature) = expr``: the listed ones (``x, y``), or the
    indexed names of one vector argument (``w`` -> w1, w2 or w_1, w_2; ``θ`` -> θ_1, θ_2), in
    index order."""
    names = [_symbol_name(s.strip()) for s in signature.split(",") if s.strip()]
    symbols = sorted(expr.free_symbols, key=str)  # type: ignore[attr-defined]
    if len(names) > 1:
        by_name = {str(s): s for s in symbols}
        return [by_name[n] for n in names if n in by_name] if all(n in by_name for n in names) \
            else None
    base = re.escape(names[0]) if names else ""
    indexed = [s for s in symbols if re.fullmatch(rf"{base}_?\d{{1,2}}", str(s))]
    indexed.sort(key=lambda s: int(re.sub(r"\D", "", str(s))))
    if indexed:
        return indexed
    plain = [s for s in symbols if str(s) == names[0]] if names else []
    return plain or None


def _symbol_name(name: str) -> str:
    """The parser's name of a declared variable (``θ`` -> ``theta``), so that a Greek argument
    names the same symbols as its indexed entries in the body; the name as written otherwise."""
    import sympy

    from optiproof.core.mathparse import try_parse_math

    parsed = try_parse_math(name) if name else None
    return str(parsed) if isinstance(parsed, sympy.Symbol) else name


def _products_of_declared(signature: str, body: str) -> str:
    """``f(x, y) = x^2 + xy + y^2``: a word made only of the declared one-letter variables
    (``xy``, ``yx``) is their product, written ``x*y`` (no other word is touched)."""
    names = [s.strip() for s in signature.split(",") if s.strip()]
    if len(names) < 2 or not all(len(n) == 1 and n.isalpha() for n in names):
        return body
    letters = "".join(names)
    return re.sub(rf"(?<![A-Za-z^_])([{letters}]{{2,3}})(?![\w(^_])",
                  lambda w: "*".join(w.group(1)), body)


def quadratic_forms(flat: str) -> list[QuadraticForm]:
    """Every function written as an explicit quadratic polynomial in its unknowns."""
    import sympy

    from optiproof.core.mathparse import try_parse_math

    out = []
    for m in list(_FUNCTION.finditer(flat))[:MAX_CANDIDATES]:
        body = _products_of_declared(m.group(1), m.group(2))
        expr = try_parse_math(body)
        if expr is None or isinstance(expr, sympy.MatrixBase):
            continue
        unknowns = _unknowns(expr, m.group(1))
        if not unknowns:
            continue
        try:
            poly = sympy.Poly(sympy.expand(expr), *unknowns)
        except sympy.PolynomialError:
            continue
        if poly.total_degree() != 2 or any(s not in unknowns for s in expr.free_symbols):
            continue
        got = hessian_and_linear(expr, unknowns)
        if got is None:
            continue
        out.append(QuadraticForm(tuple(str(u) for u in unknowns), got[0], got[1],
                                 m.group(0).strip(), body.strip()))
    return out


def unread_functions(flat: str) -> list[str]:
    """The functions written out (``f(x, y) = …``) that are not read as a quadratic with numeric
    coefficients (a flattened exponent ``x2 + 9y2``, a non-quadratic term, …), as written."""
    read = {q.source for q in quadratic_forms(flat)}
    return [m.group(0).strip() for m in list(_FUNCTION.finditer(flat))[:MAX_CANDIDATES]
            if m.group(0).strip() not in read and "^T" not in m.group(2)]


def hessian_and_linear(expr: object, unknowns: list[object]
                       ) -> tuple[tuple[tuple[Fraction, ...], ...], tuple[Fraction, ...]] | None:
    """(H, b) of a quadratic ``expr = ½θᵀHθ − bᵀθ + c`` in ``unknowns``, by differentiation:
    H the (constant, rational) Hessian, b = −∇f(0); None when the Hessian is not constant and
    rational (the expression is not a quadratic with numeric coefficients)."""
    import sympy

    hess_expr = [[sympy.diff(expr, u, v) for v in unknowns] for u in unknowns]
    if any(getattr(x, "free_symbols", set()) for row in hess_expr for x in row):
        return None
    hess = [[_fraction(x) for x in row] for row in hess_expr]
    grad0 = [_fraction(-sympy.diff(expr, u).subs({v: 0 for v in unknowns})) for u in unknowns]
    if any(x is None for row in hess for x in row) or any(x is None for x in grad0):
        return None
    return tuple(tuple(r) for r in hess), tuple(grad0)  # type: ignore[arg-type]


CAPITAL_GREEK = ("Lambda", "Sigma", "Gamma", "Delta", "Theta", "Phi", "Psi", "Omega", "Λ", "Σ", "Γ",
                 "Δ", "Θ", "Φ", "Ψ", "Ω")
"""Capital Greek letters that name a matrix, as normalisation spells them (and as written)."""

_MATRIX_FORM = re.compile(
    r"(?<![\w])(?:[A-Za-z]|loss|Loss)\s?\(\s?(?P<v>[A-Za-zθ]\w{0,3})\s?\)\s?=\s?"
    r"(?P<half>½|1/2|\(1/2\)|\(1\)/\(2\)|0\.5)?\s?(?:·|\*)?\s?"
    r"(?P=v)\s?\^\s?(?:T|⊤)\s?(?P<m>[A-Z]|" + "|".join(CAPITAL_GREEK) + r")\s?(?P=v)"
    r"(?:\s?(?P<sign>[-+−])\s?(?P<b>[a-z])\s?\^\s?(?:T|⊤)\s?(?P=v))?"
    r"(?=\s?(?:[,.;:]|\)|$|\s(?:with|where|and|for|on|in|subject|over|defined)\b))")
"""``f(x) = ½ xᵀAx − bᵀx`` (or without the ½) with the matrix and vector named by a letter;
nothing may follow the last term but punctuation or a joining word. The function's own name
and its variable's letter do not matter (``q(z) = ½ zᵀAz``, ``g(v) = ½ vᵀQv``), and the matrix
may be a capital Greek letter (``½ zᵀΛz``, spelled out by normalisation)."""


@dataclass(frozen=True)
class MatrixQuadratic:
    """``f(v) = c·vᵀMv ∓ bᵀv`` with M (and b) named: the names, the Hessian's multiple of M
    (1 after a ½, else 2), the sign of the linear term (+1 for ``− bᵀv``), and the phrase."""

    variable: str
    matrix: str
    scale: Fraction
    vector: str | None
    sign: int
    source: str


def matrix_quadratic_forms(flat: str) -> list[MatrixQuadratic]:
    """Every function written as ``½ vᵀMv − bᵀv`` with M and b named by letters (their values
    are assignments elsewhere in the text: :func:`quadratic_of_matrices`)."""
    out = []
    for m in list(_MATRIX_FORM.finditer(flat))[:MAX_CANDIDATES]:
        out.append(MatrixQuadratic(m.group("v"), m.group("m"),
                                   Fraction(1) if m.group("half") else Fraction(2),
                                   m.group("b"), -1 if m.group("sign") == "+" else 1,
                                   m.group(0).strip()))
    return out


def quadratic_of_matrices(form: MatrixQuadratic, matrix: list[list[Fraction]],
                          vector: list[Fraction] | None = None
                          ) -> tuple[tuple[tuple[Fraction, ...], ...], tuple[Fraction, ...]]:
    """(H, b) of ``form`` with its matrix (and vector) values, by differentiating the written
    polynomial; ValueError when the matrix is not square and symmetric (the Hessian of
    ``½vᵀMv`` is (M + Mᵀ)/2, not M, so a non-symmetric M is refused, not symmetrised), or the
    vector's size does not match."""
    import sympy

    n = len(matrix)
    if n == 0 or any(len(row) != n for row in matrix):
        raise ValueError(f"{form.matrix} is not a square matrix")
    if any(matrix[i][j] != matrix[j][i] for i in range(n) for j in range(n)):
        raise ValueError(f"{form.matrix} is not symmetric, so the Hessian of "
                         f"\"{form.source}\" is ({form.matrix} + {form.matrix}ᵀ)/2, not "
                         f"{form.matrix}; write the symmetric matrix")
    if vector is not None and len(vector) != n:
        raise ValueError(f"{form.vector} has {len(vector)} entries but {form.matrix} is {n} x {n}")
    v = sympy.symbols(f"v0:{n}")
    M = sympy.Matrix(n, n, lambda i, j: sympy.Rational(matrix[i][j].numerator,
                                                       matrix[i][j].denominator))
    x = sympy.Matrix(v)
    expr = (sympy.Rational(form.scale.numerator, form.scale.denominator) / 2 * (x.T * M * x))[0]
    if vector is not None:
        b = sympy.Matrix([sympy.Rational(c.numerator, c.denominator) for c in vector])
        expr -= form.sign * (b.T * x)[0]
    got = hessian_and_linear(expr, list(v))
    if got is None:
        raise ValueError(f"\"{form.source}\" is not a quadratic with numeric coefficients")
    return got


def _row(text: str) -> tuple[list[Fraction], Fraction] | None:
    """``2θ_1 + θ_2 - 5`` (a linear form in indexed unknowns minus a constant) as (a, -const);
    an index flattened onto the line (``θ1``) is read as a subscript."""
    import sympy

    from optiproof.core.mathparse import try_parse_math

    expr = try_parse_math(re.sub(r"(?<![\w])([θwx])(\d)", r"\1_\2", text))
    if expr is None or isinstance(expr, sympy.MatrixBase):
        return None
    unknowns = [s for s in expr.free_symbols if re.fullmatch(r"(?:theta|w|x)_?\d{1,2}", str(s))]
    if len(unknowns) < 2 or len(unknowns) != len(expr.free_symbols):
        return None
    unknowns.sort(key=lambda s: int(re.sub(r"\D", "", str(s))))
    indices = [int(re.sub(r"\D", "", str(s))) for s in unknowns]
    if indices != list(range(indices[0], indices[0] + len(indices))):
        return None
    try:
        poly = sympy.Poly(sympy.expand(expr), *unknowns)
    except sympy.PolynomialError:
        return None
    if poly.total_degree() != 1:
        return None
    a = [_fraction(poly.coeff_monomial(u)) for u in unknowns]
    const = _fraction(poly.coeff_monomial(1))
    if any(x is None for x in a) or const is None:
        return None
    return a, -const  # type: ignore[return-value]


def linear_equations(flat: str) -> list[LinearEquation]:
    """Data rows from equations ``2θ_1 + θ_2 + 2θ_3 = 3`` and squared residuals ``(…)^2``."""
    out = []
    for m in list(_EQUATION.finditer(flat))[:MAX_CANDIDATES]:
        got = _row(f"{m.group(1)} - ({m.group(2)})")
        if got is not None:
            out.append(LinearEquation(tuple(got[0]), got[1], m.group(0).strip()))
    for m in list(_RESIDUAL.finditer(flat))[:MAX_CANDIDATES]:
        got = _row(m.group(1))
        if got is not None:
            out.append(LinearEquation(tuple(got[0]), got[1], m.group(0).strip()))
    return out


def extreme_eigenvalues(flat: str) -> tuple[Fraction, Fraction, str] | None:
    """(smallest, largest, phrase) when the text gives both extreme eigenvalues as numbers."""
    from optiproof.core.text.numbers import parse_number

    lo = re.search(_MIN + _NUMBER, flat, re.I)
    hi = re.search(_MAX + _NUMBER, flat, re.I)
    if not lo or not hi:
        spoken = _EXTREMES_SPOKEN.search(flat)
        if spoken is None:
            return None
        a, b = parse_number(spoken.group(1)), parse_number(spoken.group(2))
        if a is None or b is None or a.value > b.value:
            return None
        return a.value, b.value, spoken.group(0)
    a, b = parse_number(lo.group(1)), parse_number(hi.group(1))
    if a is None or b is None:
        return None
    return a.value, b.value, f"{lo.group(0)}; {hi.group(0)}"


_VECTOR_FUNCTION = re.compile(r"^(?P<name>[fghqFGHLJ]) ?\( ?(?P<v>[A-Za-zθ]) ?\) ?= ?(?P<rhs>.+)$")
_SPACED_DIGITS = re.compile(r"(?<![\w.^_/])\d{1,3} \d{1,3}(?![\w.^_/])")
"""Two numbers side by side ('1 2 θ'): a stacked fraction whose bar a PDF copy lost, or a
product, or two numbers; nothing in the layout says which."""


def vector_indices(name: str, text: str) -> tuple[set[int], str] | None:
    """The index set {1, …, n} of a vector ``name`` the text declares, and the phrase: its
    entries listed, ``θ = (θ 1 , θ 2 )`` / ``θ = (θ_1, θ_2)``, or its space, ``θ ∈ R^2`` /
    ``θ ∈ R 2``; None when the text says neither, or the two disagree."""
    v = re.escape(name)
    listed = re.search(rf"(?<![\w]){v} ?= ?\(((?: ?{v} ?_?\{{?\d\}}? ?,){{1,8}} ?{v} ?_?\{{?\d\}}?) ?\)",
                       text)
    space = re.search(rf"(?<![\w]){v}(?: ?= ?\([^()\n]{{1,60}}\))? ?∈ ?(?:R|ℝ) ?\^? ?(\d)(?![\w.])", text)
    if listed:
        got = [int(d) for d in re.findall(r"\d", listed.group(1))]
        if got != list(range(got[0], got[0] + len(got))):
            return None
        if space and int(space.group(1)) != len(got):
            return None
        src = space.group(0) if space and listed.start() == space.start() else listed.group(0)
        return set(got), src
    return (set(range(1, int(space.group(1)) + 1)), space.group(0)) \
        if space and space.group(1) != "0" else None


@dataclass(frozen=True)
class FlattenedReading:
    """A function of one vector whose sub- and superscripts a PDF copy set inline
    (``f(θ) = (1/2) θ 2 1 + 50θ 2 2``): the one quadratic it can mean, or why it is refused."""

    form: QuadraticForm | None
    written: str = ""
    """The function as read (``(1/2) θ_1^2 + 50θ_2^2``)."""
    refusal: str = ""
    declaration: str = ""
    """The phrase declaring the vector's entries (``θ = (θ 1 , θ 2 ) ∈ R 2``)."""


def flattened_vector_quadratic(source: str, text: str) -> FlattenedReading | None:
    """``f(θ) = (1/2) θ 2 1 + 50θ 2 2`` with ``θ = (θ 1 , θ 2 )`` (or ``θ ∈ R 2``) in ``text``:
    each entry of θ written with its two scripts inline, in one order for the whole formula
    (the PDF's, superscript first, or the other), a lone digit being the index. Each order is
    tried; a reading counts when every index is one of θ's, no power is 0 or 1 (never written), and
    the result is a quadratic in all of θ's entries. One reading (or several that agree) ->
    its form; readings that disagree, or two numbers side by side ('1 2 θ', a fraction that
    lost its bar), -> a refusal naming the formula. None when ``source`` is not such a
    function (no inline scripts, or θ's entries are not declared)."""
    m = _VECTOR_FUNCTION.match(source.strip())
    if m is None:
        return None
    v, rhs = m.group("v"), m.group("rhs")
    token = re.compile(rf"(?<![A-Za-zα-ω_^]){re.escape(v)} ?(\d)(?: (\d))?(?![\w.^_/])")
    tokens = list(token.finditer(rhs))
    if not any(t.group(2) for t in tokens) or re.search(
            rf"(?<![A-Za-zα-ω]){re.escape(v)}(?! ?\d)", token.sub(" ", rhs)):
        return None
    declared = vector_indices(v, text.replace(source, " "))
    if declared is None:
        return None
    indices = declared[0]
    if _SPACED_DIGITS.search(token.sub(" ", rhs)):
        return FlattenedReading(None, refusal=(
            f"\"{source}\" has two numbers side by side "
            f"(\"{_SPACED_DIGITS.search(token.sub(' ', rhs)).group(0)}\") in a copy whose scripts "
            "were flattened onto the line: a fraction that lost its bar or a product, nothing "
            "says which (expected the fraction written out, e.g. (1/2), or the Hessian stated)"))
    readings: dict[tuple, tuple[QuadraticForm, str]] = {}
    for sup_first in (True, False):
        def script(t: re.Match) -> str:
            if not t.group(2):
                return f"{v}_{t.group(1)}"
            sup, sub = (t.group(1), t.group(2)) if sup_first else (t.group(2), t.group(1))
            return f"{v}_{sub}^{sup}"
        pairs = [((t.group(1), t.group(2)) if sup_first else (t.group(2), t.group(1)))
                 if t.group(2) else (None, t.group(1)) for t in tokens]
        if any(int(sub) not in indices or sup in ("0", "1") for sup, sub in pairs):
            continue
        written = token.sub(script, rhs).strip()
        forms = quadratic_forms(f"{m.group('name')}({v}) = {written}")
        if len(forms) != 1 or len(forms[0].variables) != len(indices):
            continue
        readings[(forms[0].H, forms[0].b)] = (forms[0], written)
    if not readings:
        return None
    if len(readings) > 1:
        shown = " or ".join(w for _, w in readings.values())
        return FlattenedReading(None, refusal=(
            f"\"{source}\" writes the scripts of {v}'s entries on the line, and both orders "
            f"(superscript first or subscript first) give a quadratic: {shown} (expected the "
            f"entries written {v}_1^2, or the Hessian stated)"))
    form, written = next(iter(readings.values()))
    return FlattenedReading(QuadraticForm(form.variables, form.H, form.b, source, written),
                            written, declaration=declared[1])
