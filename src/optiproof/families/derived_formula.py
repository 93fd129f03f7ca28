"""A formula the text writes, evaluated at an answer (the ``value-at`` derived quantity).

The formula is parsed by the one safe math parser (:mod:`optiproof.core.mathparse`, never
``eval``) and its tree walked here, with the variable bound to the answer's value (its
coordinates ``θ_1, θ_2, ...`` to the entries) and every other symbol to the data the text
gives. One walk, two arithmetics: exact (SymPy rationals and matrices: the answer) and float64
(numpy: the witness, at the value the operand's own witness measures). What the parser leaves
ambiguous is refused: a product of two matrices that do not commute (the parser's products do
not keep their order), a transpose outside an inner product, a symbol with no value.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from optiproof.core import mathatoms as A
from optiproof.core.errors import BadInput


class _Arithmetic:
    """What both arithmetics do alike (SymPy matrices and numpy arrays share these)."""

    ARRAY: type = object

    def is_array(self, x: Any) -> bool:
        return isinstance(x, self.ARRAY)

    @staticmethod
    def shape(x: Any) -> tuple[int, int]:
        return x.shape

    @staticmethod
    def matmul(a: Any, b: Any) -> Any:
        return a @ b

    @staticmethod
    def transpose(a: Any) -> Any:
        return a.T


class _Exact(_Arithmetic):
    """SymPy arithmetic: exact rationals, ``Matrix`` for vectors and matrices."""

    ARRAY = sympy.MatrixBase

    @staticmethod
    def array(v: Any) -> Any:
        if isinstance(v, list) and v and isinstance(v[0], list):
            return sympy.Matrix([[sympy.Rational(str(e)) for e in row] for row in v])
        if isinstance(v, list):
            return sympy.Matrix([sympy.Rational(str(e)) for e in v])
        return v if isinstance(v, (sympy.Basic, sympy.MatrixBase)) else sympy.Rational(str(v))

    @staticmethod
    def number(x: Any) -> Any:
        return sympy.nsimplify(x) if isinstance(x, float) else x

    @staticmethod
    def inverse(a: Any) -> Any:
        return a.inv()

    @staticmethod
    def power(a: Any, n: Any) -> Any:
        return a ** n

    @staticmethod
    def entries(x: Any) -> list:
        return list(x)

    @staticmethod
    def diagonal(a: Any) -> bool:
        return a.is_diagonal()

    @staticmethod
    def scalar(x: Any) -> Any:
        return x[0, 0] if isinstance(x, sympy.MatrixBase) else x

    @staticmethod
    def abs(x: Any) -> Any:
        return sympy.Abs(x)

    @staticmethod
    def norm(v: Any, index: Any) -> Any:
        from optiproof.families.derived import norm_value
        from optiproof.catalogue import norms as N

        if index in (None, 2):
            return norm_value(v, N.L2.key, None)
        if index == 1:
            return norm_value(v, N.L1.key, None)
        if index == sympy.oo:
            return norm_value(v, N.LINF.key, None)
        return norm_value(v, N.LP.key, sympy.Rational(index))

    @staticmethod
    def apply(func: Any, args: list) -> Any:
        return func(*args)


class _Float(_Arithmetic):
    """float64 arithmetic (numpy): 2-D arrays for vectors (columns) and matrices."""

    ARRAY = np.ndarray

    @staticmethod
    def array(v: Any) -> Any:
        a = np.asarray(v, dtype=np.float64)
        return a.reshape(-1, 1) if a.ndim == 1 else (float(a) if a.ndim == 0 else a)

    @staticmethod
    def number(x: Any) -> Any:
        return float(x)

    @staticmethod
    def inverse(a: Any) -> Any:
        return np.linalg.inv(a)

    @staticmethod
    def power(a: Any, n: Any) -> Any:
        return np.linalg.matrix_power(a, int(n))

    @staticmethod
    def entries(x: Any) -> list:
        return list(x.reshape(-1))

    @staticmethod
    def diagonal(a: Any) -> bool:
        return bool(np.count_nonzero(a - np.diag(np.diagonal(a))) == 0)

    @staticmethod
    def scalar(x: Any) -> Any:
        return float(x.reshape(-1)[0]) if isinstance(x, np.ndarray) else float(x)

    @staticmethod
    def abs(x: Any) -> Any:
        return abs(x)

    @staticmethod
    def norm(v: Any, index: Any) -> Any:
        order = 2 if index is None else np.inf if index == sympy.oo else float(index)
        return float(np.linalg.norm(v.reshape(-1), ord=order))

    @staticmethod
    def apply(func: Any, args: list) -> Any:
        return float(func(*[sympy.Float(a, 30) for a in args]).evalf(20))


EXACT, FLOAT = _Exact(), _Float()


def bindings(variable: str, point: Any, data: dict[str, Any] | None, ar: Any) -> dict[str, Any]:
    """Symbol name -> value: the variable (and its coordinates ``variable_i``) at ``point``,
    and each datum."""
    values = {name: ar.array(v) for name, v in (data or {}).items()}
    point = ar.array(point)
    values[variable] = point
    if ar.is_array(point):
        for i, e in enumerate(ar.entries(point)):
            values[f"{variable}_{i + 1}"] = e
    return values


def evaluate(expr: Any, values: dict[str, Any], ar: Any, where: str) -> Any:
    """The formula's value (a number) with its symbols bound to ``values``, in the arithmetic
    ``ar`` (:data:`EXACT` or :data:`FLOAT`); BadInput for what is ambiguous or has no value."""
    out = _walk(expr, values, ar, where)
    if ar.is_array(out):
        if ar.shape(out) != (1, 1):
            raise BadInput(f"the formula is a {ar.shape(out)[0]}x{ar.shape(out)[1]} array, not "
                           "a number", field=where, expected="a formula with a number as value")
        out = ar.scalar(out)
    return out


def _walk(e: Any, values: dict[str, Any], ar: Any, where: str) -> Any:
    if isinstance(e, sympy.Symbol):
        if e.name not in values:
            raise BadInput(f"the formula's symbol {e.name!r} has no value", field=where,
                           expected="a value in 'data' for every symbol but the variable")
        return values[e.name]
    if e.is_Number or e in (sympy.pi, sympy.E):
        return ar.number(e) if ar is FLOAT else e
    if isinstance(e, A.Inner):
        a, b = (_walk(x, values, ar, where) for x in e.args)
        if not (ar.is_array(a) and ar.is_array(b)) or ar.shape(a) != ar.shape(b):
            raise BadInput("an inner product of operands that are not vectors of one size",
                           field=where)
        return ar.scalar(ar.matmul(ar.transpose(a), b))
    if isinstance(e, A.Norm):
        v = _walk(e.args[0], values, ar, where)
        index = e.args[1] if len(e.args) > 1 else None
        if index is not None and not (index.is_Number or index == sympy.oo):
            raise BadInput(f"the norm index {index} is not one evaluated", field=where,
                           expected="‖·‖, ‖·‖_1, ‖·‖_2, ‖·‖_∞ or ‖·‖_p with a number p")
        if not ar.is_array(v):
            return ar.abs(v)
        if min(ar.shape(v)) != 1:
            raise BadInput("the norm of a matrix is not evaluated", field=where)
        return ar.norm(v, index)
    if isinstance(e, A.AbsValue):
        v = _walk(e.args[0], values, ar, where)
        if ar.is_array(v):
            raise BadInput("an entrywise absolute value is not evaluated", field=where)
        return ar.abs(v)
    if isinstance(e, sympy.Add):
        parts = [_walk(x, values, ar, where) for x in e.args]
        shapes = {ar.shape(p) if ar.is_array(p) else None for p in parts}
        if len(shapes) > 1:
            raise BadInput("a sum of a number and an array, or of arrays of different sizes",
                           field=where)
        total = parts[0]
        for p in parts[1:]:
            total = total + p
        return total
    if isinstance(e, sympy.Mul):
        return _product(e, values, ar, where)
    if isinstance(e, sympy.Pow):
        base = _walk(e.base, values, ar, where)
        if ar.is_array(base):
            rows, cols = ar.shape(base)
            if rows != cols or not e.exp.is_Integer:
                raise BadInput("a power of a vector or non-square matrix", field=where)
            return ar.inverse(base) if e.exp == -1 else ar.power(base, e.exp)
        exp = _walk(e.exp, values, ar, where)
        return base ** exp
    if isinstance(e, sympy.Function) and not isinstance(e, (A.Transposed, A.Sign, A.Grad,
                                                            A.Expectation)):
        args = [_walk(x, values, ar, where) for x in e.args]
        if any(ar.is_array(a) for a in args):
            raise BadInput(f"{e.func.__name__} of a vector or matrix", field=where)
        return ar.apply(e.func, args)
    raise BadInput(f"the formula's {type(e).__name__} is not evaluated", field=where,
                   expected="sums, products, powers, inner products, norms and functions of "
                            "numbers")


def _product(e: Any, values: dict[str, Any], ar: Any, where: str) -> Any:
    """A product: its numbers times (one wide or tall matrix) (square matrices) (one vector),
    in that order; the parser does not keep the order of factors, so several square matrices
    must commute (all diagonal)."""
    scalars, squares, wide, vectors = [], [], [], []
    for x in e.args:
        v = _walk(x, values, ar, where)
        if not ar.is_array(v):
            scalars.append(v)
        elif ar.shape(v)[1] == 1:
            vectors.append(v)
        elif ar.shape(v)[0] == ar.shape(v)[1]:
            squares.append(v)
        else:
            wide.append(v)
    if len(vectors) > 1 or len(wide) > 1 or (len(squares) > 1 and
                                             not all(ar.diagonal(m) for m in squares)):
        raise BadInput("a product of matrices whose order the formula does not keep",
                       field=where, expected="one matrix and one vector in a product, or "
                                             "diagonal matrices")
    out: Any = None
    for m in [*wide, *squares, *vectors]:
        if out is not None and ar.shape(out)[1] != ar.shape(m)[0]:
            raise BadInput(f"a product of a {ar.shape(out)[0]}x{ar.shape(out)[1]} and a "
                           f"{ar.shape(m)[0]}x{ar.shape(m)[1]} array", field=where)
        out = m if out is None else ar.matmul(out, m)
    factor = scalars[0] if scalars else None
    for s in scalars[1:]:
        factor = factor * s
    if out is None:
        return factor
    return out if factor is None else out * factor
