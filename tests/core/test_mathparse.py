"""The math parser reads every notation answers use into the SymPy a person would write."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.errors import BadInput
from optiproof.core.mathatoms import AbsValue, Expectation, Grad, Inner, Norm, Sign, Transposed
from optiproof.core.mathparse import (
    MathParseError,
    ParseLimits,
    Relation,
    parse_math,
    parse_relation,
    try_parse_math,
    try_parse_relation,
)

a, b, c, d, g, n, p, t, x, y = sp.symbols("a b c d g n p t x y")
alpha, beta, theta = sp.symbols("alpha beta theta")
M = sp.ImmutableMatrix


def col(*entries: object) -> sp.ImmutableMatrix:
    return M([[e] for e in entries])


NOTATIONS = [
    # plain text
    ("2n(n-1)", 2 * n * (n - 1)),
    ("p/n", p / n),
    ("4/(sqrt(10)+1)^2", 4 / (sp.sqrt(10) + 1) ** 2),
    ("-alpha/2 * g", -alpha * g / 2),
    ("1e-3", sp.Rational(1, 1000)),
    ("2.5E+2", sp.Integer(250)),
    ("10^-3", sp.Rational(1, 1000)),
    ("x**2", x ** 2),
    ("2^3^2", sp.Integer(2 ** 9)),
    ("0.1", sp.Rational(1, 10)),
    (".5", sp.Rational(1, 2)),
    ("1/2n", n / 2),
    ("(n-1)(n-2)", (n - 1) * (n - 2)),
    ("-x^2", -x ** 2),
    ("a - -b", a + b),
    ("theta_0 + beta_1", sp.Symbol("theta_0") + sp.Symbol("beta_1")),
    ("x_t", sp.Symbol("x_t")),
    ("np", sp.Symbol("np")),
    ("log(8, 2)", sp.Integer(3)),
    ("ln 2", sp.log(2)),
    ("log2(n)", sp.log(n, 2)),
    ("exp(-t)", sp.exp(-t)),
    ("e^(-t)", sp.exp(-t)),
    ("pi", sp.pi),
    ("max(a, b, 3)", sp.Max(a, b, 3)),
    ("min(1, x)", sp.Min(1, x)),
    ("sqrt 2 n", sp.sqrt(2) * n),
    ("abs(x)", AbsValue(x)),
    ("x.theta", Inner(x, theta)),
    ("α* ", sp.Symbol("alpha^*")),
    ("(α*, 2)", col(sp.Symbol("alpha^*"), 2)),
    ("a*b", a * b),
    ("E[g]", Expectation(g)),
    ("𝔼[g²]", Expectation(g ** 2)),
    ("m̂ₜ", sp.Symbol("mhat_t")),
    ("‖g‖∞", Norm(g, sp.oo)),
    ("g ⊙ g", g ** 2),
    ("beta1 * m_{t-1}", sp.Symbol("beta1") * sp.Symbol("m_t-1")),
    ("1e−5", sp.Rational(1, 100000)),
    ("θ'", sp.Symbol("theta'")),
    ("ρ⋆", sp.Symbol("rho^*")),
    ("2⁄11", sp.Rational(2, 11)),
    ("θ′_t + x''", sp.Symbol("theta_t'") + sp.Symbol("x''")),
    ("sign(g)", Sign(g)),
    ("sgn g", Sign(g)),
    ("floor(n/2)", sp.floor(n / 2)),
    ("inf", sp.oo),
    # Unicode math
    ("√10", sp.sqrt(10)),
    ("2√n", 2 * sp.sqrt(n)),
    ("∛8", sp.Integer(2)),
    ("α·β", alpha * beta),
    ("α × β ÷ 2", alpha * beta / 2),
    ("θ₀", sp.Symbol("theta_0")),
    ("βₜ", sp.Symbol("beta_t")),
    ("x²", x ** 2),
    ("x⁻¹", 1 / x),
    ("10⁻⁵", sp.Rational(1, 10 ** 5)),
    ("‖g‖₁", Norm(g, 1)),
    ("‖g‖", Norm(g)),
    ("‖d‖²_∞", Norm(d, sp.oo) ** 2),
    ("‖d‖_∞²", Norm(d, sp.oo) ** 2),
    ("||g||_1", Norm(g, 1)),
    ("gᵀd", Inner(g, d)),
    ("−α gᵀ d", -alpha * Inner(g, d)),
    ("⟨g, d⟩", Inner(g, d)),
    ("a − b", a - b),
    ("½", sp.Rational(1, 2)),
    ("¾x", sp.Rational(3, 4) * x),
    ("∞", sp.oo),
    ("−∞", -sp.oo),
    ("|x| + |y|", AbsValue(x) + AbsValue(y)),
    ("|a||b|", AbsValue(a) * AbsValue(b)),
    ("∇f(θ)", Grad(sp.Symbol("f"), theta)),
    ("gᵀ", Transposed(g)),
    # LaTeX
    (r"\frac{1}{2}", sp.Rational(1, 2)),
    (r"\mathbb{E}[\hat m_t]", Expectation(sp.Symbol("mhat_t"))),
    (r"g_t \odot g_t", sp.Symbol("g_t") ** 2),
    (r"\dfrac{\alpha}{2}\|g\|_1", alpha * Norm(g, 1) / 2),
    (r"\tfrac{p}{n}", p / n),
    (r"\frac12", sp.Rational(1, 2)),
    (r"\frac1e", 1 / sp.E),
    (r"\sqrt{x}", sp.sqrt(x)),
    (r"\sqrt[3]{8}", sp.Integer(2)),
    (r"x^{10}", x ** 10),
    (r"x_{i}^{2}", sp.Symbol("x_i") ** 2),
    (r"10^{-3}", sp.Rational(1, 1000)),
    (r"3.2 \times 10^{-5}", sp.Rational(32, 10 ** 6)),
    (r"a \cdot b", a * b),
    (r"\left( a + b \right) \cdot c", (a + b) * c),
    (r"\big(a\big) \Big(b\Big)", a * b),
    (r"2\,n", 2 * n),
    (r"2\;n\quad", 2 * n),
    (r"\mathbf{g}^\top \mathbf{d}", Inner(g, d)),
    (r"\boldsymbol{\theta}_0", sp.Symbol("theta_0")),
    (r"\mathrm{d}", d),
    (r"\operatorname{sign}(g)", Sign(g)),
    (r"\text{sgn}(g)", Sign(g)),
    (r"\mathrm{sign}(g_i)", Sign(sp.Symbol("g_i"))),
    (r"\alpha\beta", alpha * beta),
    (r"\varepsilon", sp.Symbol("epsilon")),
    (r"\ell_1", sp.Symbol("ell_1")),
    (r"\infty", sp.oo),
    (r"\|x\|_p", Norm(x, p)),
    (r"\|x\|_2^2", Norm(x, 2) ** 2),
    (r"\left\| g \right\|_{\infty}", Norm(g, sp.oo)),
    (r"\lVert x\rVert_2", Norm(x, 2)),
    (r"\Vert x \Vert", Norm(x)),
    (r"\|G\|_*", Norm(sp.Symbol("G"), sp.Symbol("*"))),
    (r"\|W\|_{\mathrm{op}}", Norm(sp.Symbol("W"), sp.Symbol("op"))),
    (r"\|W\|_F", Norm(sp.Symbol("W"), sp.Symbol("F"))),
    (r"|x|", AbsValue(x)),
    (r"\lvert x \rvert", AbsValue(x)),
    (r"g^T", Transposed(g)),
    (r"g^{\top} d", Inner(g, d)),
    (r"g^{\mathsf{T}} d", Inner(g, d)),
    (r"x^\top A x", Inner(x, sp.Symbol("A") * x)),
    (r"\langle g, d \rangle", Inner(g, d)),
    (r"\boxed{3}", sp.Integer(3)),
    (r"\hat{m}_t", sp.Symbol("mhat_t")),
    (r"\Delta\theta_t'", sp.Symbol("Delta") * sp.Symbol("theta_t'")),
    (r"\bar{x}", sp.Symbol("xbar")),
    (r"\theta^*", sp.Symbol("theta^*")),
    (r"\theta^{\star}", sp.Symbol("theta^*")),
    (r"x_{t+1}", sp.Symbol("x_t+1")),
    (r"\theta_\infty", sp.Symbol("theta_inf")),
    (r"\frac{np}{2}", n * p / 2),
    (r"n \log_2 n", n * sp.log(n, 2)),
    (r"\log_{10} 1000", sp.Integer(3)),
    (r"\exp(-t)", sp.exp(-t)),
    (r"\max(0, 1 - x)", sp.Max(0, 1 - x)),
    (r"e^{-t}", sp.exp(-t)),
    (r"\pi", sp.pi),
    (r"\nabla f(\theta_t)", Grad(sp.Symbol("f"), sp.Symbol("theta_t"))),
    (r"-\frac{\alpha}{2}\|g\|_1\operatorname{sign}(g)", -alpha * Norm(g, 1) * Sign(g) / 2),
    (r"\frac{3\sqrt{42}}{7}", 3 * sp.sqrt(42) / 7),
    # vectors and matrices
    ("[1, 2, 3]", col(1, 2, 3)),
    ("(1, 2, 3)", col(1, 2, 3)),
    ("(1, 2, 3)ᵀ", col(1, 2, 3)),
    ("[1; 2; 3]", col(1, 2, 3)),
    ("[1 -2 3]", col(1, -2, 3)),
    ("[1 - 2]", col(-1)),
    ("[2 n, 3]", col(2 * n, 3)),
    ("[[1,2],[3,4]]", M([[1, 2], [3, 4]])),
    ("[1 2; 3 4]", M([[1, 2], [3, 4]])),
    ("diag(1, 10)", M([[1, 0], [0, 10]])),
    ("diag([1, 10])", M([[1, 0], [0, 10]])),
    ("2 [1, 2]", col(2, 4)),
    ("[1,2]ᵀ[3,4]", sp.Integer(11)),
    ("[1, 2] + [3, 4]", col(4, 6)),
    ("[[1,2],[3,4]] [1,1]", col(3, 7)),
    ("[[1,2],[3,4]]^2", M([[7, 10], [15, 22]])),
    ("[[2,0],[0,4]]^{-1}", M([[sp.Rational(1, 2), 0], [0, sp.Rational(1, 4)]])),
    ("‖[3, 4]‖", sp.Integer(5)),
    ("‖(3, -4)‖_1", sp.Integer(7)),
    ("‖[3, -4]‖_∞", sp.Integer(4)),
    ("sign([1, -2, 0])", col(1, -1, 0)),
    ("|[1, -2]|", col(1, 2)),
    (r"\begin{bmatrix}1 & 2\\ 3 & 4\end{bmatrix}", M([[1, 2], [3, 4]])),
    (r"\begin{pmatrix}1\\2\\3\end{pmatrix}", col(1, 2, 3)),
    (r"\begin{bmatrix}1 & 2 & 3\end{bmatrix}", M([[1, 2, 3]])),
    (r"\begin{array}{cc}1 & 2\\3&4\\\end{array}", M([[1, 2], [3, 4]])),
    (r"\frac{1}{2}\begin{bmatrix}1\\2\end{bmatrix}", col(sp.Rational(1, 2), 1)),
    (r"\left[\begin{matrix}0.5 \\ -1\end{matrix}\right]", col(sp.Rational(1, 2), -1)),
]


@pytest.mark.parametrize("text,expected", NOTATIONS, ids=[t for t, _ in NOTATIONS])
def test_notation_reads_as_written(text: str, expected: object) -> None:
    got = parse_math(text)
    assert got == expected, f"{text!r}: {got!r} != {expected!r}"


def test_latex_takes_one_character_per_bare_argument() -> None:
    assert parse_math("x^23") == x ** 23
    with pytest.raises(MathParseError, match="number right after"):
        parse_math(r"{x}^23")  # TeX sets x²3: the stray digit is refused, never guessed
    assert parse_math(r"{x}^2y") == x ** 2 * y


def test_relations_are_a_separate_entry_point() -> None:
    rel = parse_relation(r"\theta^* = \frac{1}{2} \approx 0.5")
    assert rel == Relation((sp.Symbol("theta^*"), sp.Rational(1, 2), sp.Rational(1, 2)),
                           ("=", "~="))
    assert parse_relation("a ≤ b < c ≥ d ≠ e → f ⇒ g").ops == ("<=", "<", ">=", "!=", "->",
                                                                "=>")
    assert parse_relation(r"a \leq b \to c").ops == ("<=", "->")
    assert parse_relation("x").sides == (x,) and parse_relation("x").ops == ()
    with pytest.raises(MathParseError, match=r"a relation \(=\)"):
        parse_math("a = b")
    assert try_parse_relation("a = = b") is None


def test_declared_symbols_restrict_and_split_names() -> None:
    N = sp.Symbol("n", positive=True, integer=True)
    P = sp.Symbol("p", positive=True)
    table = {"n": N, "p": P, "alpha": alpha}
    assert parse_math("2np", symbols=table) == 2 * N * P
    assert parse_math(r"\frac{np}{\alpha}", symbols=table) == N * P / alpha
    assert parse_math("n(n-1)", symbols=table) == N * (N - 1)
    assert parse_math("pi n", symbols=table) == sp.pi * N
    with pytest.raises(MathParseError, match="unknown name 'q'"):
        parse_math("q + n", symbols=table)
    with pytest.raises(MathParseError, match="unknown name 'nq'"):
        parse_math("nq", symbols=table)


def test_juxtaposition_rules() -> None:
    assert parse_math("n(n-1)") == n * (n - 1)
    assert parse_math("alpha(1 - beta)") == alpha * (1 - beta)
    for text, reason in [("eval(1)", "unknown function 'eval'"),
                         (r"\operatorname{span}(a)", "unknown function 'span'"),
                         ("2 3", "number right after"), ("x 2", "number right after"),
                         ("x[1]", "indexing"), ("f(x)[0]", "indexing")]:
        with pytest.raises(MathParseError, match=reason):
            parse_math(text)


def test_errors_carry_position_reason_and_field() -> None:
    with pytest.raises(MathParseError) as err:
        parse_math("2 + (3 *", field="parts[0].gradient")
    e = err.value
    assert isinstance(e, BadInput) and e.exit_code == 2
    assert e.position == 8 and "expected a number" in e.reason
    assert str(e).startswith("parts[0].gradient: cannot read '2 + (3 *'")
    assert "at character 9" in str(e)
    assert try_parse_math("2 + (3 *") is None


@pytest.mark.parametrize("text,reason", [
    ("10^(64^5)", "exponent 1073741824"),
    ("9**9**9", "exponent 387420489"),
    ("2^{2^{100}}", "exponent 1267650600228229401496703205376"),
    ("(10^60)^70", "4000 digits"),
    ("10^999 * 10^999 * 10^999 * 10^999 * 10^999", "4000 digits"),
    ("x^{1001}", "exponent 1001"),
    ("x^{200} y^{100}", "degree above 256"),
    ("(a+b+c+d+e)^200", "100000 terms"),
    ("(a+b)^100 (c+d)^100 (e+x)^100", "degree above 256"),
    ("2^{1.000001}", "exponent 1000001/1000000"),
    ("sqrt(10^200 + 1)", "root of a number with more than 100 digits"),
    ("1e99999", "exponent 99999"),
    ("1" * 41, "more than 40 digits"),
    ("(" * 41 + "x" + ")" * 41, "nested more than 40"),
    (r"\sqrt" * 60 + "{2}", "nested more than 40"),
    ("^".join(["2"] * 60), "nested more than 40"),
    ("x" * 10_001, "longer than 10000"),
    ("diag(" + ",".join(["1"] * 65) + ")", "more than 64 arguments"),
    ("max(" + ",".join(["1"] * 17) + ")", "1 to 16 argument"),
    ("[" + ";".join(" ".join(["1"] * 70) for _ in range(70)) + "]^3", "matrix arithmetic"),
    ("1/0", "division by zero"),
    ("0^-1", "division by zero"),
])
def test_sizes_are_refused_while_parsing(text: str, reason: str) -> None:
    with pytest.raises(MathParseError, match=reason):
        parse_math(text)


def test_limits_are_configurable() -> None:
    tight = ParseLimits(max_exponent=64, max_chars=10)
    with pytest.raises(MathParseError, match="exponent 65"):
        parse_math("x^65", limits=tight)
    with pytest.raises(MathParseError, match="longer than 10"):
        parse_math("x + y + z + w", limits=tight)
    few = ParseLimits(max_entries=100)
    for text in ("[" + ",".join(["1"] * 101) + "]", "[" + ";".join(["1 2"] * 51) + "]",
                 r"\begin{bmatrix}" + r"\\".join(["1 & 2"] * 51) + r"\end{bmatrix}",
                 "(" + ",".join(["1"] * 101) + ")", "diag(" + ",".join(["1"] * 11) + ")"):
        with pytest.raises(MathParseError, match="more than 100 entries"):
            parse_math(text, limits=few)


def test_norm_of_a_long_exact_vector_stays_unevaluated() -> None:
    entries = ", ".join(f"1/{k}" for k in range(2, 300))
    got = parse_math(f"‖[{entries}]‖")
    assert isinstance(got, Norm)


# -- round trips: random expressions written in plain text and in LaTeX read back --------------

LEAVES = st.one_of(st.integers(0, 999).map(sp.Integer),
                   st.sampled_from([a, b, n, p, x, alpha, beta, sp.Symbol("theta_0")]))


def _trees() -> st.SearchStrategy:
    return st.recursive(
        LEAVES,
        lambda kids: st.one_of(
            st.tuples(st.just("+"), kids, kids), st.tuples(st.just("-"), kids, kids),
            st.tuples(st.just("*"), kids, kids), st.tuples(st.just("/"), kids, kids),
            st.tuples(st.just("^"), kids, st.integers(0, 4)),
            st.tuples(st.just("sqrt"), kids), st.tuples(st.just("neg"), kids),
            st.tuples(st.just("norm1"), kids), st.tuples(st.just("abs"), kids)),
        max_leaves=12)


def _sympy(tree: object) -> sp.Basic:
    if not isinstance(tree, tuple):
        return tree
    op, *args = tree
    v = [_sympy(x) if not isinstance(x, int) else sp.Integer(x) for x in args]
    return {"+": lambda: v[0] + v[1], "-": lambda: v[0] - v[1], "*": lambda: v[0] * v[1],
            "/": lambda: v[0] / v[1], "^": lambda: v[0] ** v[1], "sqrt": lambda: sp.sqrt(v[0]),
            "neg": lambda: -v[0], "norm1": lambda: Norm(v[0], 1),
            "abs": lambda: AbsValue(v[0])}[op]()


def _plain(tree: object) -> str:
    if not isinstance(tree, tuple):
        return str(tree) if not isinstance(tree, sp.Symbol) else tree.name
    op, *args = tree
    s = [_plain(x) if not isinstance(x, int) else str(x) for x in args]
    return {"+": "({} + {})", "-": "({} - {})", "*": "({} * {})", "/": "({} / {})",
            "^": "({})^{}", "sqrt": "sqrt({})", "neg": "(-{})", "norm1": "‖{}‖₁",
            "abs": "abs({})"}[op].format(*s)


def _latex(tree: object) -> str:
    if not isinstance(tree, tuple):
        return sp.latex(tree)
    op, *args = tree
    s = [_latex(x) if not isinstance(x, int) else str(x) for x in args]
    return {"+": r"\left({} + {}\right)", "-": r"\left({} - {}\right)",
            "*": r"\left({} \cdot {}\right)", "/": r"\frac{{{}}}{{{}}}",
            "^": r"\left({}\right)^{{{}}}", "sqrt": r"\sqrt{{{}}}", "neg": r"\left(-{}\right)",
            "norm1": r"\left\|{}\right\|_1", "abs": r"\left|{}\right|"}[op].format(*s)


@settings(max_examples=300, deadline=None)
@given(_trees())
def test_written_expressions_read_back(tree: object) -> None:
    try:
        want = _sympy(tree)
    except ZeroDivisionError:
        return
    if want.has(sp.zoo, sp.nan):
        return
    undecided = any(not atom.free_symbols for atom in want.atoms(Norm, AbsValue))
    for text in (_plain(tree), _latex(tree)):
        try:
            got = parse_math(text)
        except MathParseError as err:
            assert "division by zero" in err.reason or (
                undecided and "cannot decide the sign" in err.reason), (text, err)
            continue
        assert sp.simplify(got - want) == 0, f"{text!r}: {got} != {want}"
