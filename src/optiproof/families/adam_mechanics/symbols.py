"""The part's quantities as SymPy objects: given numbers become exact rationals, names become
symbols with the right assumptions (alpha > 0, 0 <= beta < 1, t a positive integer, ...)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sympy

from optiproof.core.budget import check_exact_power
from optiproof.core.exact import exact_rational
from optiproof.families.adam_mechanics.spec import AdamMechanicsSpec


class g(sympy.Function):  # noqa: N801 - the class name is the printed name: g(s) reads back
    """The gradient at step s, printed ``g_{s}`` (``sympify("g(s)")`` reads it back)."""

    def _latex(self, printer: Any, exp: Any = None) -> str:
        base = f"g_{{{printer._print(self.args[0])}}}"
        return base if exp is None else f"{base}^{{{exp}}}"


S_INDEX = sympy.Symbol("s", integer=True, positive=True)
K_INDEX = sympy.Symbol("k", integer=True, nonnegative=True)
MU = sympy.Symbol("mu", real=True)
"""E[g_t], the mean of a stationary gradient coordinate."""
NU = sympy.Symbol("nu", nonnegative=True)
"""E[g_t^2], its (non-central) second moment."""
M_T, V_T = sympy.Symbol("m_t", real=True), sympy.Symbol("v_t", nonnegative=True)
MHAT, VHAT = sympy.Symbol("mhat_t", real=True), sympy.Symbol("vhat_t", nonnegative=True)
VHAT_I = sympy.Symbol("vhat_i", nonnegative=True)
ALPHA = sympy.Symbol("alpha", positive=True)
"""The learning rate as a symbol, for an answer asked as a multiple of a given alpha."""


def _name(name: str) -> str:
    """SymPy names: ``lambda`` is a Python keyword, SymPy spells it ``lamda`` (prints \\lambda)."""
    return "lamda" if name == "lambda" else name


@dataclass(frozen=True)
class Quantities:
    """Every hyper-parameter as a SymPy object, and whether ``eps`` was left unspecified."""

    alpha: Any
    beta1: Any
    beta2: Any
    eps: Any
    eps_given: bool
    lam: Any
    c: Any
    t: Any
    g: Any
    """A real symbol (a generic nonzero coordinate) or a column Matrix of rationals."""
    lr: Any = ALPHA
    """The learning rate as a symbol, in the problem's own letter (answers asked as a multiple
    of the learning rate use it even when its value is given)."""

    def numeric(self, *names: str) -> bool:
        """True when every named quantity is a number (no free symbols)."""
        return all(not sympy.sympify(getattr(self, n)).free_symbols for n in names)


def quantities(spec: AdamMechanicsSpec) -> Quantities:
    """Numbers -> exact rationals; names -> symbols with their assumptions."""

    def number_or(value: Any, field: str, **assumptions: Any) -> Any:
        if isinstance(value, str) and value[:1].isalpha():
            return sympy.Symbol(_name(value), **assumptions)
        return exact_rational(value, field=field)

    eps_given = spec.eps is not None
    eps = number_or(spec.eps if eps_given else "epsilon", "eps", nonnegative=True)
    t = spec.t if isinstance(spec.t, int) else sympy.Symbol(spec.t, integer=True, positive=True)
    if spec.gradient_is_symbolic:
        sign = getattr(spec, "gradient_sign", None)
        grad: Any = sympy.Symbol(spec.gradient, real=True, nonzero=True,
                                 **({"positive": True} if sign == 1 else
                                    {"negative": True} if sign == -1 else {}))
    else:
        grad = sympy.Matrix([exact_rational(v, field="gradient") for v in spec.gradient])
    beta1 = number_or(spec.beta1, "beta1", nonnegative=True)
    beta2 = number_or(spec.beta2, "beta2", nonnegative=True)
    if isinstance(t, int):
        for name, beta in (("beta1", beta1), ("beta2", beta2)):
            if beta.is_Rational:
                check_exact_power(beta, t, field="t", what=f"{name}^t with t = {t}")
    lr = lr_symbol(spec)
    return Quantities(
        alpha=lr if isinstance(spec.alpha, str) and spec.alpha[:1].isalpha() else
        number_or(spec.alpha, "alpha", positive=True),
        beta1=beta1, beta2=beta2,
        eps=eps, eps_given=eps_given,
        lam=number_or(spec.lam, "lam", positive=True),
        c=number_or(spec.c, "c", positive=True),
        t=sympy.Integer(t) if isinstance(t, int) else t,
        g=grad, lr=lr)


def lr_symbol(spec: AdamMechanicsSpec) -> Any:
    """The learning rate's symbol: the problem's letter (``lr_name``), else alpha's own symbol,
    else alpha."""
    name = spec.lr_name or (spec.alpha if isinstance(spec.alpha, str) and spec.alpha[:1].isalpha()
                            else "alpha")
    return ALPHA if name == "alpha" else sympy.Symbol(_name(name), positive=True)


@lru_cache(maxsize=256)
def geometric_sum(ratio: Any, n: Any) -> Any:
    """sum_{k=0}^{n-1} ratio^k, summed by SymPy; the ratio = 1 branch is dropped (ratio < 1).
    Remembered: one derivation sums the same two moment series several times."""
    total = sympy.summation(ratio ** K_INDEX, (K_INDEX, 0, n - 1))
    if isinstance(total, sympy.Piecewise):
        total = next(expr for expr, cond in total.args if cond is sympy.true)
    return sympy.simplify(total)
