"""Unevaluated SymPy atoms for the notation SymPy has no neutral object for: norms, absolute
values, signs, transposes, inner products, gradients and expectations.

The math parser (:mod:`optiproof.core.mathparse`) builds these so that later layers can map
them onto catalogue entries (which norm, which update rule) instead of guessing from text. On
constants they evaluate exactly (``Norm([3, 4], 2)`` is 5, ``Sign(√2 - 2)`` is -1, ``|√2 - 2|``
is 2 - √2), the sign of an irrational constant decided by one 30-digit evaluation (SymPy's own
exact sign tests can take unbounded time on nested radicals); a constant within 1e-25 of zero
is left unevaluated. On symbols they stay as written (``Norm(g, oo)``, ``Inner(g, d)``). Norms,
inner products and gradients are scalars: commutative even when their argument is a matrix.
"""

from __future__ import annotations

from typing import Any

import sympy
from sympy.printing.precedence import PRECEDENCE

MAX_EVALUATED_NORM_EXPONENT = 64
"""A numeric norm ``‖x‖_p`` is evaluated for integer p up to this (and for p = oo)."""


ZERO_TOLERANCE = sympy.Float("1e-25")
"""A constant this close to zero has no decided sign."""


def constant_sign(x: Any) -> int | None:
    """-1, 0 or 1 for a real constant whose sign is clear (exact zero, or |x| > 1e-25 at 30
    digits); None for a symbol, a complex value or a constant too close to zero."""
    if x.is_Rational:
        return int(sympy.sign(x))
    if not x.is_number or isinstance(x, sympy.MatrixBase):
        return None
    value = x.evalf(30)
    if not value.is_real or not value.is_finite or abs(value) <= ZERO_TOLERANCE:
        return None
    return 1 if value > 0 else -1


def _constant_vector(x: Any) -> bool:
    return isinstance(x, sympy.MatrixBase) and 1 in x.shape and all(
        constant_sign(e) is not None for e in x)


def _abs(x: Any) -> Any:
    return AbsValue.of_constant(x, constant_sign(x))


def _raised(body: str, exp: str | None) -> str:
    """``body`` raised to the printed power ``exp`` (SymPy passes it when printing a Pow)."""
    return body if exp is None else f"{{{body}}}^{{{exp}}}"


class Norm(sympy.Function):
    """‖x‖ (one argument) or ‖x‖_p with the subscript as written: 1, 2, oo, p, F, op, * ..."""

    nargs = (1, 2)
    is_commutative = True

    @classmethod
    def eval(cls, x: Any, p: Any = None) -> Any:
        """‖x‖_p of a constant vector for p in 1..64 or oo; |x| of a constant; else
        unevaluated."""
        if not isinstance(x, sympy.MatrixBase):
            return _abs(x) if constant_sign(x) is not None else None
        if not _constant_vector(x):
            return None
        p = sympy.Integer(2) if p is None else p
        if p is sympy.oo:
            return sympy.Max(*[_abs(e) for e in x])
        if p.is_Integer and 1 <= int(p) <= MAX_EVALUATED_NORM_EXPONENT:
            return sympy.Add(*[_abs(e) ** p for e in x]) ** sympy.Rational(1, int(p))
        return None

    def _latex(self, printer: Any, exp: str | None = None) -> str:
        body = r"\left\|" + printer._print(self.args[0]) + r"\right\|"
        if len(self.args) == 2:
            body += "_{" + printer._print(self.args[1]) + "}"
        return _raised(body, exp)


class _Elementwise(sympy.Function):
    """A function of a number that acts entry by entry on a vector or matrix."""

    nargs = 1

    @classmethod
    def eval(cls, x: Any) -> Any:
        """f(x) of a constant with a decided sign; elementwise on a vector or matrix; else
        unevaluated."""
        if isinstance(x, sympy.MatrixBase):
            return x.applyfunc(cls)
        sign = constant_sign(x)
        return None if sign is None else cls.of_constant(x, sign)

    @staticmethod
    def of_constant(x: Any, sign: int) -> Any:
        raise NotImplementedError


class AbsValue(_Elementwise):
    """|x|: the absolute value of a number, elementwise on a vector or matrix."""

    @staticmethod
    def of_constant(x: Any, sign: int) -> Any:
        """|x| = x or -x by the sign of x."""
        return x if sign >= 0 else -x

    def _latex(self, printer: Any, exp: str | None = None) -> str:
        return _raised(r"\left|" + printer._print(self.args[0]) + r"\right|", exp)


class Sign(_Elementwise):
    """sign(x): -1, 0 or 1, elementwise on a vector or matrix."""

    @staticmethod
    def of_constant(x: Any, sign: int) -> Any:
        """sign(x) as an integer."""
        return sympy.Integer(sign)

    def _latex(self, printer: Any, exp: str | None = None) -> str:
        return _raised(r"\operatorname{sign}\left(" + printer._print(self.args[0]) + r"\right)",
                       exp)


class Transposed(sympy.Function):
    """xᵀ: the transpose of a vector or matrix (a number is its own transpose)."""

    nargs = 1

    @classmethod
    def eval(cls, x: Any) -> Any:
        """xᵀ of a concrete matrix or number; else unevaluated."""
        if isinstance(x, sympy.MatrixBase):
            return x.T
        return x if x.is_number else None

    def _latex(self, printer: Any, exp: str | None = None) -> str:
        return _raised(printer.parenthesize(self.args[0], PRECEDENCE["Pow"]) + r"^{\top}", exp)


class Inner(sympy.Function):
    """⟨x, y⟩ = xᵀy: the inner product of two vectors of one size."""

    nargs = 2
    is_commutative = True

    @classmethod
    def eval(cls, x: Any, y: Any) -> Any:
        """Σ x_i y_i of two concrete vectors; else unevaluated."""
        if isinstance(x, sympy.MatrixBase) and isinstance(y, sympy.MatrixBase) \
                and 1 in x.shape and 1 in y.shape and len(x) == len(y):
            return sympy.Add(*[a * b for a, b in zip(x, y, strict=True)])
        return None

    def _latex(self, printer: Any, exp: str | None = None) -> str:
        x, y = (printer._print(a) for a in self.args)
        return _raised(rf"\left\langle {x}, {y}\right\rangle", exp)


class Grad(sympy.Function):
    """∇f (one argument) or ∇f(x), the gradient of f at the point x."""

    nargs = (1, 2)
    is_commutative = True

    def _latex(self, printer: Any, exp: str | None = None) -> str:
        body = r"\nabla " + printer._print(self.args[0])
        if len(self.args) == 2:
            body += r"\left(" + printer._print(self.args[1]) + r"\right)"
        return _raised(body, exp)


class Expectation(sympy.Function):
    """E[x], the expected value of x (a scalar)."""

    nargs = 1
    is_commutative = True

    def _latex(self, printer: Any, exp: str | None = None) -> str:
        return _raised(r"\mathbb{E}\left[" + printer._print(self.args[0]) + r"\right]", exp)


ATOMS = (Norm, AbsValue, Sign, Transposed, Inner, Grad, Expectation)
"""Every atom class the parser can build."""
