"""The norm catalogue. Each norm knows its value, its dual, its dual maximiser ("sharp"), LaTeX.

``sharp(g)`` is the set ``argmax_{||s|| <= 1} <g, s>``: one representative, whether it is the
only maximiser, a description of the whole set, and a membership test. Its value is ``||g||_*``
(the dual norm), which is all the steepest-descent solver needs::

    min_{||d|| <= t} <g, d> = -t ||g||_*   attained at  d = -t sharp(g)

Vector norms compute exactly in SymPy. Matrix norms need singular values, which are computed to
30 significant digits with mpmath (exact SVDs are rarely expressible); the derivation states it.
Symbolic gradients (a symbol ``g``/``G``) use the ``symbolic_*`` methods, which return
expressions in norm functions such as ``norm_inf(g)`` that print as ``\\|g\\|_\\infty``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy as sp

from optiproof.catalogue import NormEntry
from optiproof.catalogue import norms as N
from optiproof.core.errors import BadInput
from optiproof.core.exact import exact_rational

SVD_DIGITS = 30
QUADRATIC_MAX_DIM = 256


# ----------------------------------------------------------------------------- symbolic norms
def _norm_function(name: str, subscript: str | None, *, left: str = r"\left\|",
                   right: str = r"\right\|") -> type[sp.Function]:
    """A SymPy function ``name(x)`` that prints as ``\\|x\\|_{subscript}``: one class per name,
    kept in this module so that solutions holding it pickle (see ``__getattr__``)."""
    if name in globals():
        return globals()[name]

    def _latex(self: Any, printer: Any, exp: Any = None) -> str:
        body = f"{left}{printer._print(self.args[0])}{right}"
        if subscript:
            body += "_{" + subscript + "}"
        if exp is not None:
            body = "{" + body + "}^{" + str(exp) + "}"
        return body

    cls = type(name, (sp.Function,), {"nargs": 1, "_latex": _latex, "__module__": __name__,
                                      "is_extended_nonnegative": True, "is_real": True})
    globals()[name] = cls
    return cls


NORM_FUNCTIONS: dict[NormEntry, type[sp.Function]] = {
    N.L2: _norm_function("norm_2", "2"),
    N.L1: _norm_function("norm_1", "1"),
    N.LINF: _norm_function("norm_inf", r"\infty"),
    N.FROBENIUS: _norm_function("norm_F", "F"),
    N.SPECTRAL: _norm_function("norm_op", r"\mathrm{op}"),
    N.NUCLEAR: _norm_function("norm_nuc", r"*"),
}
"""Symbolic norms of a symbolic argument, by catalogue norm."""
NORM_DINV = _norm_function("norm_Dinv", "D^{-1}")
"""The dual of the quadratic norm, ||g||_{D^{-1}} = sqrt(g^T D^{-1} g), of a symbolic g."""
sign_of = sp.Function("sign")


_MATRIX_LATEX: dict[str, str] = {}


class NamedMatrix(sp.MatrixSymbol):
    """A matrix symbol with a plain (parsable) name and a chosen LaTeX rendering."""

    def __new__(cls, name: Any, rows: Any, cols: Any, latex: str | None = None) -> "NamedMatrix":
        obj = super().__new__(cls, name, rows, cols)
        if latex is not None:
            _MATRIX_LATEX[str(obj.name)] = latex
        return obj

    def _latex(self, printer: Any) -> str:
        return _MATRIX_LATEX.get(str(self.name), str(self.name))


class TexSymbol(sp.Symbol):
    """A positive scalar symbol with a plain name and a chosen LaTeX rendering."""

    def __new__(cls, name: str, latex: str | None = None, **assumptions: Any) -> "TexSymbol":
        obj = super().__new__(cls, name, positive=True)
        if latex is not None:
            _MATRIX_LATEX[name] = latex
        return obj

    def __getnewargs_ex__(self) -> tuple:
        return ((self.name,), {})

    def _latex(self, printer: Any) -> str:
        return _MATRIX_LATEX.get(self.name, self.name)


def lp_norm_function(p: sp.Expr) -> type[sp.Function]:
    return _norm_function(f"{LP_PREFIX}{str(p).replace('/', '_')}", sp.latex(p))


LP_PREFIX = "norm_p"


def __getattr__(name: str) -> Any:
    """The l_p norm functions, made on first use (so a pickled ``norm_p3`` loads anywhere)."""
    if name.startswith(LP_PREFIX) and name[len(LP_PREFIX):].replace("_", "").isdigit():
        return lp_norm_function(sp.Rational(name[len(LP_PREFIX):].replace("_", "/")))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ----------------------------------------------------------------------------- sharp sets
@dataclass(frozen=True)
class SharpSet:
    """The maximisers of <g, s> over the unit ball: a representative and the whole set."""

    representative: sp.Matrix
    unique: bool
    description: str = ""
    membership: Callable[[np.ndarray, float], bool] | None = field(default=None, compare=False,
                                                                   repr=False)

    def contains(self, s: np.ndarray, tol: float) -> bool:
        """Whether ``s`` is a maximiser (the representative itself when it is unique)."""
        if self.membership is not None:
            return bool(self.membership(s, tol))
        rep = _np(self.representative)
        return bool(np.max(np.abs(np.asarray(s, float).reshape(rep.shape) - rep)) <= tol)


def _np(m: sp.MatrixBase) -> np.ndarray:
    return np.array(m.evalf(SVD_DIGITS).tolist(), dtype=float)


def _sign_exact(x: sp.Expr) -> sp.Expr:
    return sp.sign(x)


# ----------------------------------------------------------------------------- the protocol
class Norm(ABC):
    """A norm on vectors (column matrices) or on matrices; ``entry`` is its catalogue norm."""

    entry: NormEntry | None
    """The catalogue norm (None for the dual of a scaled norm, which has no entry of its own)."""
    title: str
    is_matrix: bool = False
    exponent: sp.Expr | None = None
    """p for the l_p norms (1, 2, p, oo); None for norms outside that family."""

    @abstractmethod
    def latex(self, arg: str) -> str:
        """LaTeX of ``||arg||`` in this norm."""

    @abstractmethod
    def dual(self) -> "Norm":
        """The dual norm ``||g||_* = max_{||s|| <= 1} <g, s>``."""

    @abstractmethod
    def value(self, x: sp.MatrixBase) -> sp.Expr:
        """``||x||`` for a numeric x (exact for vector norms)."""

    @abstractmethod
    def sharp(self, g: sp.MatrixBase) -> SharpSet:
        """``argmax_{||s|| <= 1} <g, s>`` for a numeric g."""

    @abstractmethod
    def symbolic_value(self, x: Any) -> sp.Expr:
        """``||x||`` for a symbolic x, as a norm function."""

    @abstractmethod
    def symbolic_sharp(self, g: Any) -> sp.Expr:
        """A maximiser of <g, s> over the unit ball, for symbolic g."""

    def why_sharp(self) -> str:
        """One sentence: why ``sharp(g)`` maximises <g, s> over the unit ball."""
        return ""

    def sharp_set_words(self) -> str:
        """When the maximiser is not unique, which other points are optimal (words)."""
        return ""

    def _zero_ball(self, g: sp.MatrixBase) -> SharpSet:
        shape = g.shape
        return SharpSet(sp.zeros(*shape), False,
                        "$g = 0$: every point of the unit ball is optimal",
                        membership=lambda s, tol: self.numeric_value(s) <= 1 + tol)

    def numeric_value(self, x: np.ndarray) -> float:
        """Float64 value (for membership tests of the solver's own sets)."""
        return float(self.value(sp.Matrix(x)).evalf(17))


class L2(Norm):
    entry, title = N.L2, r"Euclidean ($\ell_2$) norm"
    exponent = sp.Integer(2)

    def latex(self, arg: str) -> str:
        return rf"\left\|{arg}\right\|_{{2}}"

    def dual(self) -> Norm:
        return self

    def value(self, x: sp.MatrixBase) -> sp.Expr:
        return sp.sqrt(sum((v**2 for v in x), sp.S.Zero))

    def sharp(self, g: sp.MatrixBase) -> SharpSet:
        n = self.value(g)
        if n == 0:
            return self._zero_ball(g)
        return SharpSet(g / n, True)

    def symbolic_value(self, x: Any) -> sp.Expr:
        return NORM_FUNCTIONS[N.L2](x)

    def symbolic_sharp(self, g: Any) -> sp.Expr:
        return g / NORM_FUNCTIONS[N.L2](g)

    def why_sharp(self) -> str:
        return ("By Cauchy-Schwarz $\\langle g, s\\rangle \\le \\|g\\|_2\\|s\\|_2$, with equality "
                "exactly when $s$ points along $g$.")

    def numeric_value(self, x: np.ndarray) -> float:
        return float(np.sqrt(np.sum(np.asarray(x, float) ** 2)))


class L1(Norm):
    entry, title = N.L1, r"$\ell_1$ norm"
    exponent = sp.Integer(1)

    def latex(self, arg: str) -> str:
        return rf"\left\|{arg}\right\|_{{1}}"

    def dual(self) -> Norm:
        return LInf()

    def value(self, x: sp.MatrixBase) -> sp.Expr:
        return sum((abs(v) for v in x), sp.S.Zero)

    def sharp(self, g: sp.MatrixBase) -> SharpSet:
        mags = [abs(v) for v in g]
        top = max(mags)
        if top == 0:
            return self._zero_ball(g)
        idx = [i for i, m in enumerate(mags) if m == top]
        rep = sp.zeros(*g.shape)
        rep[idx[0]] = _sign_exact(g[idx[0]])
        gi = np.array([float(v) for v in g])
        top_set = set(idx)

        def contains(s: np.ndarray, tol: float) -> bool:
            s = np.asarray(s, float).ravel()
            off = [abs(s[j]) for j in range(len(s)) if j not in top_set]
            on_sign_ok = all(s[i] * np.sign(gi[i]) >= -tol for i in idx)
            return (max(off, default=0.0) <= tol and on_sign_ok
                    and abs(np.sum(np.abs(s)) - 1.0) <= tol * max(1, len(s)))

        words = ""
        if len(idx) > 1:
            names = ", ".join(f"$i={i + 1}$" for i in idx)
            words = (f"the largest $|g_i|$ is shared by {names}: any split of the unit budget "
                     "among these coordinates (each moving against the sign of its $g_i$) is "
                     "equally optimal")
        return SharpSet(rep, len(idx) == 1, words, contains if len(idx) > 1 else None)

    def symbolic_value(self, x: Any) -> sp.Expr:
        return NORM_FUNCTIONS[N.L1](x)

    def symbolic_sharp(self, g: Any) -> sp.Expr:
        e = NamedMatrix("e_istar", g.shape[0], 1, r"e_{i^\star}")
        gi = sp.Symbol("g_istar")
        return sp.MatMul(sign_of(gi), e)

    def why_sharp(self) -> str:
        return ("$\\langle g, s\\rangle \\le \\max_i |g_i| \\sum_i |s_i|$: with a unit budget of "
                "$\\sum_i |s_i|$, all of it goes to a coordinate $i^\\star$ where $|g_i|$ is "
                "largest.")

    def numeric_value(self, x: np.ndarray) -> float:
        return float(np.sum(np.abs(x)))


class LInf(Norm):
    entry, title = N.LINF, r"$\ell_\infty$ (max) norm"
    exponent = sp.oo

    def latex(self, arg: str) -> str:
        return rf"\left\|{arg}\right\|_{{\infty}}"

    def dual(self) -> Norm:
        return L1()

    def value(self, x: sp.MatrixBase) -> sp.Expr:
        return max((abs(v) for v in x), default=sp.S.Zero)

    def sharp(self, g: sp.MatrixBase) -> SharpSet:
        rep = g.applyfunc(_sign_exact)
        zeros = [i for i, v in enumerate(g) if v == 0]
        gi = np.array([float(v) for v in g])

        def contains(s: np.ndarray, tol: float) -> bool:
            s = np.asarray(s, float).ravel()
            ok_nz = all(abs(s[i] - np.sign(gi[i])) <= tol for i in range(len(s)) if gi[i] != 0)
            ok_z = all(abs(s[i]) <= 1 + tol for i in zeros)
            return ok_nz and ok_z

        words = ""
        if zeros:
            names = ", ".join(f"$s_{{{i + 1}}}$" for i in zeros)
            words = (f"{names} multiply a zero gradient entry, so any value in $[-1, 1]$ is "
                     "equally optimal there")
        return SharpSet(rep, not zeros, words, contains if zeros else None)

    def symbolic_value(self, x: Any) -> sp.Expr:
        return NORM_FUNCTIONS[N.LINF](x)

    def symbolic_sharp(self, g: Any) -> sp.Expr:
        return sign_of(g)

    def why_sharp(self) -> str:
        return ("Each coordinate may move by up to 1 independently, so each one moves fully "
                "in the direction of the sign of its gradient entry: $s_i = "
                "\\operatorname{sign}(g_i)$ and $\\langle g, s\\rangle = \\sum_i |g_i|$.")

    def sharp_set_words(self) -> str:
        return ("where $g_i = 0$ the coordinate does not affect the objective and any "
                "$s_i \\in [-1, 1]$ is equally optimal")

    def numeric_value(self, x: np.ndarray) -> float:
        return float(np.max(np.abs(x)))


class Lp(Norm):
    entry = N.LP

    def __init__(self, p: Any):
        self.p = exact_rational(p, field="norm.p")
        if not self.p > 1:
            raise BadInput(f"p = {p} must be > 1", field="norm.p", expected="1 < p < inf")
        self.q = self.p / (self.p - 1)
        self.exponent = self.p
        self.title = rf"$\ell_{{{sp.latex(self.p)}}}$ norm"

    def latex(self, arg: str) -> str:
        return rf"\left\|{arg}\right\|_{{{sp.latex(self.p)}}}"

    def dual(self) -> Norm:
        if self.q == 2:
            return L2()
        return Lp(self.q)

    def value(self, x: sp.MatrixBase) -> sp.Expr:
        return sp.Pow(sum((abs(v) ** self.p for v in x), sp.S.Zero), 1 / self.p)

    def sharp(self, g: sp.MatrixBase) -> SharpSet:
        nq = Lp(self.q).value(g) if self.q != 2 else L2().value(g)
        if nq == 0:
            return self._zero_ball(g)
        rep = g.applyfunc(lambda v: sp.sign(v) * abs(v) ** (self.q - 1) / nq ** (self.q - 1))
        return SharpSet(rep, True)

    def symbolic_value(self, x: Any) -> sp.Expr:
        return lp_norm_function(self.p)(x)

    def symbolic_sharp(self, g: Any) -> sp.Expr:
        q = self.q
        gq = lp_norm_function(q)(g)
        return sp.Mul(sign_of(g), sp.Function("abs_pow")(g, q - 1), sp.Pow(gq, -(q - 1)))

    def why_sharp(self) -> str:
        return ("Hölder's inequality $\\langle g, s\\rangle \\le \\|g\\|_q \\|s\\|_p$ "
                f"($1/p + 1/q = 1$, here $q = {sp.latex(self.q)}$) is tight exactly when "
                "$|s_i|^p \\propto |g_i|^q$ with matching signs, i.e. "
                "$s_i = \\operatorname{sign}(g_i) |g_i|^{q-1} / \\|g\\|_q^{q-1}$.")

    def numeric_value(self, x: np.ndarray) -> float:
        return float(np.sum(np.abs(x) ** float(self.p)) ** (1 / float(self.p)))


class Scaled(Norm):
    """``c * base``: the RMS norm is ``l2 / sqrt(d)``; its dual is ``sqrt(d) * l2``."""

    def __init__(self, base: Norm, c: sp.Expr, entry: NormEntry | None, title: str,
                 latex_fn: Callable[[str], str] | None = None):
        self.base, self.c, self.entry, self.title = base, sp.sympify(c), entry, title
        self.is_matrix = base.is_matrix
        self._latex_fn = latex_fn

    def latex(self, arg: str) -> str:
        if self._latex_fn is not None:
            return self._latex_fn(arg)
        return sp.latex(self.c) + " " + self.base.latex(arg)

    def dual(self) -> Norm:
        d = self.base.dual()
        return Scaled(d, 1 / self.c, None, f"{d.title}, scaled")

    def value(self, x: sp.MatrixBase) -> sp.Expr:
        return self.c * self.base.value(x)

    def sharp(self, g: sp.MatrixBase) -> SharpSet:
        inner = self.base.sharp(g)
        return SharpSet(inner.representative / self.c, inner.unique, inner.description,
                        lambda s, tol: inner.contains(np.asarray(s) * float(self.c), tol))


    def symbolic_value(self, x: Any) -> sp.Expr:
        return self.c * self.base.symbolic_value(x)

    def symbolic_sharp(self, g: Any) -> sp.Expr:
        return self.base.symbolic_sharp(g) / self.c

    def why_sharp(self) -> str:
        return ("Scaling a norm by $c$ scales its unit ball by $1/c$, so the maximiser is the "
                "unscaled one divided by $c$. " + self.base.why_sharp())

    def numeric_value(self, x: np.ndarray) -> float:
        return float(self.c) * self.base.numeric_value(x)


def rms(d: Any) -> Norm:
    """The RMS norm ``||x||_2 / sqrt(d)``."""
    c = 1 / sp.sqrt(d)
    return Scaled(L2(), c, N.RMS, N.RMS.name,
                  lambda arg: rf"\left\|{arg}\right\|_{{\mathrm{{RMS}}}}")


class Quadratic(Norm):
    """``||x||_D = sqrt(x^T D x)`` for symmetric positive-definite D; dual uses D^{-1}."""

    entry = N.QUADRATIC

    def __init__(self, D: sp.MatrixBase, *, name: str = "D"):
        self.D = sp.ImmutableMatrix(D)
        self.name = name
        self.title = rf"quadratic norm $\sqrt{{x^\top {name} x}}$"
        self.diagonal = self.D.is_diagonal()
        self._inv: sp.ImmutableMatrix | None = None

    @property
    def inv_D(self) -> sp.ImmutableMatrix:
        """D^{-1}, exact (reciprocals when D is diagonal)."""
        if self._inv is None:
            if self.diagonal:
                self._inv = sp.ImmutableMatrix(sp.diag(*[1 / self.D[i, i]
                                                         for i in range(self.D.rows)]))
            else:
                self._inv = sp.ImmutableMatrix(self.D.inv())
        return self._inv

    def latex(self, arg: str) -> str:
        return rf"\left\|{arg}\right\|_{{{self.name}}}"

    def dual(self) -> Norm:
        inv_name = (self.name[:-5] if self.name.endswith("^{-1}") else self.name + "^{-1}")
        dual = Quadratic(self.inv_D, name=inv_name)
        dual._inv = self.D
        return dual

    def apply(self, x: sp.MatrixBase) -> sp.Matrix:
        """D x (entrywise when D is diagonal)."""
        if self.diagonal:
            return sp.Matrix([self.D[i, i] * x[i] for i in range(self.D.rows)])
        return self.D * x

    def apply_inv(self, x: sp.MatrixBase) -> sp.Matrix:
        """D^{-1} x (entrywise when D is diagonal)."""
        if self.diagonal:
            return sp.Matrix([x[i] / self.D[i, i] for i in range(self.D.rows)])
        return self.inv_D * x

    def value(self, x: sp.MatrixBase) -> sp.Expr:
        return sp.sqrt((x.T * self.apply(x))[0, 0])

    def sharp(self, g: sp.MatrixBase) -> SharpSet:
        Dinv_g = self.apply_inv(g)
        n = sp.sqrt((g.T * Dinv_g)[0, 0])
        if n == 0:
            return self._zero_ball(g)
        return SharpSet(Dinv_g / n, True)

    def symbolic_value(self, x: Any) -> sp.Expr:
        return NORM_FUNCTIONS[N.L2](x)

    def symbolic_sharp(self, g: Any) -> sp.Expr:
        raise NotImplementedError

    def why_sharp(self) -> str:
        return ("With $s = D^{-1/2} z$ the constraint becomes $\\|z\\|_2 \\le 1$ and "
                "$\\langle g, s\\rangle = \\langle D^{-1/2} g, z\\rangle$, so Cauchy-Schwarz "
                "gives $z \\propto D^{-1/2} g$, i.e. $s \\propto D^{-1} g$.")

    def numeric_value(self, x: np.ndarray) -> float:
        x = np.asarray(x, float).ravel()
        D = np.array(self.D.tolist(), dtype=float)
        return float(np.sqrt(x @ D @ x))


def check_spd(D: sp.MatrixBase, field: str = "norm.D") -> None:
    """Raise BadInput unless D is symmetric positive definite (exact test)."""
    if D.shape[0] != D.shape[1]:
        raise BadInput(f"D is {D.shape[0]}x{D.shape[1]}", field=field, expected="a square matrix")
    if D != D.T:
        raise BadInput("D is not symmetric", field=field,
                       expected="a symmetric positive-definite matrix")
    if D.is_diagonal():
        ok = all(D[i, i] > 0 for i in range(D.rows))
    elif D.shape[0] <= 64:
        _, diag = D.LDLdecomposition(hermitian=False)
        ok = all(diag[i, i] > 0 for i in range(D.rows))
    else:
        ok = bool(np.all(np.linalg.eigvalsh(np.array(D.tolist(), dtype=float)) > 0))
    if not ok:
        raise BadInput("D is not positive definite", field=field,
                       expected="a symmetric positive-definite matrix (all eigenvalues > 0)")


# ----------------------------------------------------------------------------- matrix norms
def svd_high_precision(G: sp.MatrixBase) -> tuple[sp.Matrix, list[sp.Float], sp.Matrix]:
    """Reduced SVD G = U diag(s) V^T, to SVD_DIGITS significant digits (mpmath)."""
    import mpmath

    with mpmath.workdps(SVD_DIGITS + 10):
        A = mpmath.matrix([[mpmath.mpf(sp.Rational(v).p) / mpmath.mpf(sp.Rational(v).q)
                            if v.is_Rational else mpmath.mpf(str(sp.N(v, SVD_DIGITS + 10)))
                            for v in G.row(i)] for i in range(G.rows)])
        U, S, V = mpmath.svd_r(A, full_matrices=False)
        k = len(S)
        Us = sp.Matrix(G.rows, k, lambda i, j: sp.Float(str(U[i, j]), SVD_DIGITS))
        Vs = sp.Matrix(G.cols, k, lambda i, j: sp.Float(str(V[j, i]), SVD_DIGITS))
        svals = [sp.Float(str(S[j]), SVD_DIGITS) for j in range(k)]
    return Us, svals, Vs


def _rank(svals: list[sp.Float]) -> int:
    top = max((abs(s) for s in svals), default=0)
    tol = sp.Float(10) ** (-(SVD_DIGITS - 5)) * max(top, 1)
    return sum(1 for s in svals if s > tol)


def _generic_contains(norm: Norm, g: np.ndarray) -> Callable[[np.ndarray, float], bool]:
    """Membership in argmax_{||s||<=1} <g, s> by its definition (used for matrix norms)."""
    dual = norm.dual().numeric_value(g)

    def contains(s: np.ndarray, tol: float) -> bool:
        s = np.asarray(s, float).reshape(g.shape)
        return (norm.numeric_value(s) <= 1 + tol
                and float(np.sum(g * s)) >= dual - tol * max(1.0, dual))

    return contains


class Frobenius(L2):
    """The Frobenius norm: the Euclidean norm of the flattened matrix (value, dual, sharp)."""

    entry, title, is_matrix = N.FROBENIUS, N.FROBENIUS.name, True

    def latex(self, arg: str) -> str:
        return rf"\left\|{arg}\right\|_{{F}}"

    def symbolic_value(self, x: Any) -> sp.Expr:
        return NORM_FUNCTIONS[N.FROBENIUS](x)

    def symbolic_sharp(self, g: Any) -> sp.Expr:
        return g / NORM_FUNCTIONS[N.FROBENIUS](g)

    def why_sharp(self) -> str:
        return ("The Frobenius inner product is the Euclidean one on the flattened matrix, so "
                "Cauchy-Schwarz gives $S = G / \\|G\\|_F$.")

    def numeric_value(self, x: np.ndarray) -> float:
        return float(np.linalg.norm(np.asarray(x, float), "fro"))


class Spectral(Norm):
    entry, title, is_matrix = N.SPECTRAL, r"spectral (operator $2\to2$) norm", True

    def latex(self, arg: str) -> str:
        return rf"\left\|{arg}\right\|_{{\mathrm{{op}}}}"

    def dual(self) -> Norm:
        return Nuclear()

    def value(self, x: sp.MatrixBase) -> sp.Expr:
        _, s, _ = svd_high_precision(x)
        return max(s, default=sp.S.Zero)

    def sharp(self, g: sp.MatrixBase) -> SharpSet:
        U, s, V = svd_high_precision(g)
        r = _rank(s)
        if r == 0:
            return self._zero_ball(g)
        rep = U[:, :r] * V[:, :r].T
        unique = r == min(g.shape)
        words = "" if unique else (
            f"$G$ has rank {r} < {min(g.shape)}: $U V^\\top$ plus any $U_\\perp W V_\\perp^\\top$ "
            "with $\\|W\\|_{\\mathrm{op}} \\le 1$ on the complementary singular subspaces is "
            "equally optimal")
        return SharpSet(rep, unique, words, None if unique else _generic_contains(self, _np(g)))

    def symbolic_value(self, x: Any) -> sp.Expr:
        return NORM_FUNCTIONS[N.SPECTRAL](x)

    def symbolic_sharp(self, g: Any) -> sp.Expr:
        U = NamedMatrix("U", g.shape[0], sp.Symbol("r"), "U")
        V = NamedMatrix("V", g.shape[1], sp.Symbol("r"), "V")
        return U * V.T

    def why_sharp(self) -> str:
        return ("With $G = U \\Sigma V^\\top$, $\\langle G, S\\rangle = \\sum_i \\sigma_i "
                "u_i^\\top S v_i \\le \\sum_i \\sigma_i$ whenever $\\|S\\|_{\\mathrm{op}} \\le 1$, "
                "with equality at $S = U V^\\top$: every singular value of the step is 1.")

    def numeric_value(self, x: np.ndarray) -> float:
        return float(np.linalg.norm(np.asarray(x, float), 2))


class Nuclear(Norm):
    entry, title, is_matrix = N.NUCLEAR, "nuclear (trace) norm", True

    def latex(self, arg: str) -> str:
        return rf"\left\|{arg}\right\|_{{*}}"

    def dual(self) -> Norm:
        return Spectral()

    def value(self, x: sp.MatrixBase) -> sp.Expr:
        _, s, _ = svd_high_precision(x)
        return sum(s, sp.S.Zero)

    def sharp(self, g: sp.MatrixBase) -> SharpSet:
        U, s, V = svd_high_precision(g)
        if _rank(s) == 0:
            return self._zero_ball(g)
        top = s[0]
        tol = sp.Float(10) ** (-(SVD_DIGITS - 5)) * top
        ties = sum(1 for x in s if abs(x - top) <= tol)
        rep = U[:, 0] * V[:, 0].T
        words = "" if ties == 1 else (
            f"the top singular value is repeated {ties} times: any convex combination of the "
            "rank-one $u_i v_i^\\top$ of the tied pairs (and rotations within them) is equally "
            "optimal")
        return SharpSet(rep, ties == 1, words,
                        None if ties == 1 else _generic_contains(self, _np(g)))

    def symbolic_value(self, x: Any) -> sp.Expr:
        return NORM_FUNCTIONS[N.NUCLEAR](x)

    def symbolic_sharp(self, g: Any) -> sp.Expr:
        u1 = NamedMatrix("u_1", g.shape[0], 1, "u_1")
        v1 = NamedMatrix("v_1", g.shape[1], 1, "v_1")
        return u1 * v1.T

    def why_sharp(self) -> str:
        return ("The nuclear-norm unit ball is the convex hull of rank-one matrices "
                "$x y^\\top$ with unit vectors, and $\\langle G, x y^\\top\\rangle = x^\\top G y "
                "\\le \\sigma_1$, attained at the top singular pair: $S = u_1 v_1^\\top$.")

    def numeric_value(self, x: np.ndarray) -> float:
        return float(np.linalg.norm(np.asarray(x, float), "nuc"))


def rms_to_rms(shape: tuple[Any, Any]) -> Norm:
    """``||W||_{RMS->RMS} = sqrt(d_in / d_out) ||W||_op`` for W of shape (d_out, d_in)."""
    d_out, d_in = shape
    return Scaled(Spectral(), sp.sqrt(sp.sympify(d_in) / sp.sympify(d_out)), N.RMS_RMS,
                  r"RMS$\to$RMS operator norm",
                  lambda arg: rf"\left\|{arg}\right\|_{{\mathrm{{RMS}}\to\mathrm{{RMS}}}}")


def holder_conjugate(p: sp.Expr) -> sp.Expr:
    """q with 1/p + 1/q = 1: p/(p - 1), with 1 <-> oo."""
    if p == sp.oo:
        return sp.Integer(1)
    if p == 1:
        return sp.oo
    return sp.nsimplify(p / (p - 1))


def make_norm(spec: Any, *, dim: Any = None, shape: tuple[Any, Any] | None = None) -> Norm:
    """Build a Norm object from a NormSpec (dimension/shape needed by RMS-type norms)."""
    entry = spec.entry
    if entry is N.L2:
        return L2()
    if entry is N.L1:
        return L1()
    if entry is N.LINF:
        return LInf()
    if entry is N.LP:
        p = exact_rational(spec.p, field="norm.p")
        return L2() if p == 2 else Lp(p)
    if entry is N.RMS:
        return rms(dim if dim is not None else sp.Symbol("d", positive=True, integer=True))
    if entry is N.QUADRATIC:
        D = spec.D
        if len(D) > QUADRATIC_MAX_DIM:
            raise BadInput(f"D is {len(D)}-dimensional", field="norm.D",
                           expected=f"at most {QUADRATIC_MAX_DIM} dimensions for exact "
                                    "arithmetic with a quadratic norm")
        if D and not isinstance(D[0], (list, tuple)):
            M = sp.diag(*[exact_rational(v, field="norm.D") for v in D])
        else:
            M = sp.Matrix([[exact_rational(v, field="norm.D") for v in row] for row in D])
        check_spd(M)
        return Quadratic(M)
    if entry is N.FROBENIUS:
        return Frobenius()
    if entry is N.SPECTRAL:
        return Spectral()
    if entry is N.NUCLEAR:
        return Nuclear()
    if entry is N.RMS_RMS:
        if shape is None:
            shape = (sp.Symbol("d_out", positive=True), sp.Symbol("d_in", positive=True))
        return rms_to_rms(shape)
    raise BadInput(f"unknown norm {entry.key!r}", field="norm")
