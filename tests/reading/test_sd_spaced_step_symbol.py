"""A step written as two LaTeX commands (``\\Delta\\theta``, ``\\delta\\theta``) reaches the reader
as "Δ θ", with a space: the squared penalty ``\\frac{\\lambda}{2}\\|\\Delta\\theta\\|^2`` written once
in the shared text still sets the form and the weight of every part. The step is compared with
an independent computation (−(‖g‖_*/λ) times the dual maximiser); without the square the
form is the plain-norm penalty, never the squared one."""

from __future__ import annotations

from fractions import Fraction

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_TEXT = r"""
\documentclass{article}
\begin{document}
The gradient is $g = (3, -4, 12)$. For a norm $\|\cdot\|$ we define the step
\[ {sym}^\star = \operatorname*{arg\,min}_{{sym}} \; g^\top {sym} + \frac{\lambda}{2}\,\|{sym}\|^2,
   \qquad \lambda = {lam} . \]
\begin{enumerate}
\item[(a)] Take $\|\cdot\| = \|\cdot\|_2$. Compute ${sym}^\star$.
\item[(b)] Repeat (a) with the $\ell_\infty$ norm. Compute ${sym}^\star$.
\end{enumerate}
\end{document}
"""

_G = (3, -4, 12)


def _expected(norm: str, lam: Fraction) -> list[Fraction]:
    if norm == "l2":   # −g/λ
        return [-Fraction(x) / lam for x in _G]
    dual = sum(abs(x) for x in _G)   # ℓ∞: −(‖g‖_1/λ) sign(g)
    return [-Fraction(dual) / lam * (1 if x > 0 else -1) for x in _G]


@pytest.mark.parametrize("sym", [r"\Delta\theta", r"\delta\theta", r"\Delta \theta"])
@pytest.mark.parametrize("lam", [Fraction(2), Fraction(4)])
def test_a_spaced_step_symbol_keeps_the_squared_penalty(sym, lam):
    text = _TEXT.replace("{sym}", sym).replace("{lam}", str(lam))
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    for part, norm in zip(data["parts"], ("l2", "linf")):
        (step,) = [a for a in part["answers"] if a["quantity"] == "update"]
        got = [Fraction(str(v)).limit_denominator(1000) for v in
               (step["value"] if not isinstance(step["value"][0], list)
                else [row[0] for row in step["value"]])]
        assert got == _expected(norm, lam)
        assert part["verified"]


def test_without_the_square_the_form_is_not_the_squared_penalty():
    text = _TEXT.replace(r"\frac{\lambda}{2}\,\|{sym}\|^2", r"\lambda\,\|{sym}\|") \
        .replace("{sym}", r"\Delta\theta").replace("{lam}", "2")
    reading = read_report(text)
    forms = [p.fields.get("form") for p in reading.parts if "form" in getattr(p, "fields", {})]
    assert "penalty-squared" not in [getattr(f, "value", f) for f in forms]
