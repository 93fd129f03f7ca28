"""Solve a quadratic-dynamics part: the error recursion, its per-eigendirection factors, and each
asked quantity, derived exactly with SymPy.

Conventions (stated in every derivation):

- ``rate`` is the asymptotic linear rate of the error: the spectral radius of the iteration
  matrix restricted to the directions of positive curvature (zero-curvature directions are
  frozen and reported separately);
- heavy ball is θ_{t+1} = θ_t − α∇f(θ_t) + β(θ_t − θ_{t−1}); Nesterov is
  θ_{t+1} = y_t − α∇f(y_t) with y_t = θ_t + β(θ_t − θ_{t−1});
- with symbolic eigenvalues ``[mu, L]`` the spectrum lies in [μ, L] with both ends attained.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy

from optiproof.catalogue import optimizers as O
from optiproof.catalogue import quantities as Q
from optiproof.core.exact import Name, exact_rational, to_latex
from optiproof.core.solution import (Analysis, Answer, Derivation, Equation, Figure, PartSolution,
                                     Tex, Variable)
from optiproof.families.base import identification
from optiproof.families.quadratic_dynamics.facts import QuadraticDynamicsFacts
from optiproof.families.quadratic_dynamics.family import KEY
from optiproof.families.quadratic_dynamics.spec import INVERSE_L, QuadraticDynamicsSpec

SHOW_MAX = 6
"""Largest n whose matrix and eigenvalue list are written out."""
EXACT_EIG_SIDE = 2
"""Largest non-diagonal H whose eigenvalues are computed in closed form."""

ALPHA, BETA, LAM, Z = sympy.symbols("alpha beta lambda z")


@dataclass
class Quad:
    """The spectrum of H: every eigenvalue (ascending), the extreme positive ones, the nullity."""

    n: int
    eigs: list[Any]
    mu: Any
    L: Any
    zeros: int
    symbolic: bool
    exact: bool
    H: Any = None

    @property
    def positive(self) -> list[Any]:
        """Distinct positive eigenvalues (for symbolic spectra: the two ends μ, L)."""
        if self.symbolic:
            return [self.mu, self.L]
        out: list[Any] = []
        for v in self.eigs:
            if v > 0 and not any(v == w for w in out):
                out.append(v)
        return out

    @property
    def kappa(self) -> Any:
        return sympy.nsimplify(self.L / self.mu) if not self.symbolic else self.L / self.mu


def quad_of(spec: QuadraticDynamicsSpec) -> Quad:
    """Eigenvalues of H: given, read off a diagonal H, in closed form (n <= 2) or float64."""
    n = spec.n
    if spec.symbolic:
        lo, hi = spec.eigenvalues  # type: ignore[misc]
        mu, L = sympy.Symbol(lo, positive=True), sympy.Symbol(hi, positive=True)
        return Quad(n, [mu, L], mu, L, 0, True, True)
    Hm = None
    if spec.H is not None:
        Hm = sympy.Matrix([[exact_rational(x, field="H") for x in row] for row in spec.H]) \
            if n <= 64 else None
    exact = True
    if spec.H_is_diagonal:
        eigs = [exact_rational(x, field="eigenvalues") for x in spec.eigen_fractions()]
    elif n <= EXACT_EIG_SIDE:
        eigs = []
        for v, k in Hm.eigenvals().items():  # type: ignore[union-attr]
            eigs += [sympy.radsimp(sympy.nsimplify(v))] * k
    else:
        import numpy as np

        arr = np.array([[float(x) for x in r] for r in spec.H])  # type: ignore[union-attr]
        w = np.linalg.eigvalsh(arr)
        tol = 1e-12 * max(1.0, float(abs(w).max()))
        eigs = [sympy.Integer(0) if abs(v) <= tol else sympy.Float(float(v), 15) for v in w]
        exact = False
    eigs = sorted(eigs, key=lambda e: float(e))
    pos = [v for v in eigs if v > 0]
    return Quad(n, eigs, pos[0], pos[-1], len(eigs) - len(pos), False, exact, Hm)


# --------------------------------------------------------------------------- dynamics

def iteration_matrix(method: str, alpha: Any = ALPHA, beta: Any = BETA, lam: Any = LAM
                     ) -> sympy.Matrix:
    """Per-eigendirection map of (e_t, e_{t-1}) (GD: the 1x1 factor 1 - alpha lambda)."""
    if method == O.GD.key:
        return sympy.Matrix([[1 - alpha * lam]])
    if method == O.HEAVY_BALL.key:
        return sympy.Matrix([[1 + beta - alpha * lam, -beta], [1, 0]])
    return sympy.Matrix([[(1 + beta) * (1 - alpha * lam), -beta * (1 - alpha * lam)], [1, 0]])


def modulus(method: str, alpha: Any, beta: Any, lam: Any) -> tuple[Any, str]:
    """(largest |root| of the per-direction map, the regime it implies), exactly."""
    if method == O.GD.key:
        r = sympy.nsimplify(1 - alpha * lam)
        return sympy.Abs(r), gd_regime(r)
    T = iteration_matrix(method, alpha, beta, lam)
    tr, det = sympy.nsimplify(T.trace()), sympy.nsimplify(T.det())
    disc = sympy.nsimplify(tr ** 2 - 4 * det)
    if disc < 0:
        rho = sympy.sqrt(det)
        kind = "complex"
    else:
        roots = [(tr + sympy.sqrt(disc)) / 2, (tr - sympy.sqrt(disc)) / 2]
        dom = max(roots, key=lambda x: float(abs(x)))
        rho = sympy.Abs(dom)
        kind = "double" if disc == 0 else ("negative" if dom < 0 else "positive")
    rho = sympy.radsimp(sympy.nsimplify(rho)) if rho.is_number else rho
    return rho, momentum_regime(rho, kind)


def gd_regime(r: Any) -> str:
    """Regime of one eigendirection under gradient descent, from its factor r = 1 - alpha lambda."""
    if r == 1:
        return "unchanged (zero curvature)"
    if r == 0:
        return "converges in one step"
    if 0 < r < 1:
        return "monotone convergence"
    if -1 < r < 0:
        return "oscillating convergence"
    if r == -1:
        return "oscillates without converging"
    if r > 1:
        return "monotone divergence"
    return "oscillating divergence"


def momentum_regime(rho: Any, kind: str) -> str:
    """Regime of one eigendirection under momentum, from the roots of its 2x2 map."""
    osc = kind in ("complex", "negative")
    if rho > 1:
        return "oscillating divergence" if osc else "monotone divergence"
    if rho == 1:
        return "does not converge (root on the unit circle)"
    return {"complex": "oscillating convergence (complex roots, underdamped)",
            "negative": "oscillating convergence (negative dominant root)",
            "double": "critically damped convergence (double root)",
            "positive": "monotone convergence (real roots, overdamped)"}[kind]


def rate_at(quad: Quad, method: str, alpha: Any, beta: Any) -> tuple[Any, list[tuple[Any, Any,
                                                                                     str]]]:
    """Spectral radius over the positive-curvature directions, and (lambda, rho, regime) each."""
    rows = [(lam, *modulus(method, alpha, beta, lam)) for lam in quad.positive]
    worst = max(rows, key=lambda r: float(r[1]))
    return worst[1], rows


def optimal(quad: Quad, method: str) -> tuple[Any, Any, Any]:
    """(alpha*, beta* or None, rate*) minimising the worst-case spectral radius over [mu, L]."""
    mu, L = quad.mu, quad.L
    if method == O.GD.key:
        a = sympy.solve(sympy.Eq(1 - ALPHA * mu, -(1 - ALPHA * L)), ALPHA)[0]
        return _tidy(a), None, _tidy((L - mu) / (L + mu))
    if method == O.HEAVY_BALL.key:
        rate = (sympy.sqrt(L) - sympy.sqrt(mu)) / (sympy.sqrt(L) + sympy.sqrt(mu))
        return _tidy(4 / (sympy.sqrt(L) + sympy.sqrt(mu)) ** 2), _tidy(rate ** 2), _tidy(rate)
    k = L / mu
    root = sympy.sqrt(3 * k + 1)
    return _tidy(4 / (3 * L + mu)), _tidy((root - 2) / (root + 2)), _tidy(1 - 2 / root)


def momentum_at_step(quad: Quad, method: str, alpha: Any) -> tuple[Any, Any]:
    """(beta*, rate*) minimising the worst spectral radius over beta at a fixed step alpha.

    Nesterov (alpha <= 1/L): a double root at mu, beta* = (1 - sqrt(alpha mu))/(1 + sqrt(alpha
    mu)), rate 1 - sqrt(alpha mu). Heavy ball (alpha L < 4): the smallest beta putting both
    ends in the complex region, beta* = max (1 - sqrt(alpha lambda))^2, rate sqrt(beta*)."""
    mu, L = quad.mu, quad.L
    if method == O.NESTEROV.key:
        s = sympy.sqrt(alpha * mu)
        return _tidy((1 - s) / (1 + s)), _tidy(1 - s)
    ends = [_tidy(1 - sympy.sqrt(alpha * lam)) for lam in (mu, L)]
    worst = ends[0] if sympy.simplify(alpha * L - 1) == 0 else max(
        ends, key=lambda e: float(abs(e)))
    return _tidy(worst ** 2), _tidy(sympy.Abs(worst))


def _tidy(e: Any) -> Any:
    e = sympy.nsimplify(e) if e.is_number and not e.has(sympy.Float) else e
    if e.is_number:
        return sympy.radsimp(sympy.simplify(e))
    return sympy.factor(sympy.simplify(e)) if len(str(e)) < 80 else e


def max_step(quad: Quad, method: str, beta: Any) -> Any:
    """Largest stable step: 2/L (GD), 2(1+beta)/L (heavy ball), 2(1+beta)/((1+2 beta) L)."""
    L = quad.L
    if method == O.GD.key:
        return 2 / L
    if method == O.HEAVY_BALL.key:
        return _tidy(2 * (1 + beta) / L)
    return _tidy(2 * (1 + beta) / ((1 + 2 * beta) * L))


# --------------------------------------------------------------------------- text helpers

def _il(x: Any) -> str:
    return to_latex(x)


def _num(x: Any) -> str:
    """Inline LaTeX of a value, with a decimal approximation when it is not a short rational."""
    s = to_latex(x)
    if getattr(x, "is_number", False) and not x.is_Integer and not x.is_Float and not (
            x.is_Rational and len(s) < 14):
        return f"{s} \\approx {float(x):.6g}"
    return s


def _resolve(spec: QuadraticDynamicsSpec, quad: Quad) -> tuple[Any, Any]:
    alpha = None
    if spec.alpha == INVERSE_L:
        alpha = 1 / quad.L
    elif spec.alpha is not None:
        alpha = exact_rational(spec.alpha, field="alpha")
    beta = None if spec.beta is None else exact_rational(spec.beta, field="beta")
    return alpha, beta


# --------------------------------------------------------------------------- analysis

def _analysis(spec: QuadraticDynamicsSpec, quad: Quad) -> Analysis:
    n = quad.n
    variables = [Variable(r"\theta", "parameters", rf"\mathbb{{R}}^{{{n}}}"),
                 Variable("H", "symmetric positive semidefinite curvature (Hessian)",
                          rf"\mathbb{{R}}^{{{n} \times {n}}}"),
                 Variable(r"\theta^\star", "a minimiser, $H\\theta^\\star = b$",
                          rf"\mathbb{{R}}^{{{n}}}"),
                 Variable("e_t", "the error $\\theta_t - \\theta^\\star$",
                          rf"\mathbb{{R}}^{{{n}}}"),
                 Variable(r"\alpha", "step size (learning rate)", r"\mathbb{R}_{>0}")]
    if spec.method != O.GD.key or "effective-step" in spec.asks or "pytorch" in spec.asks:
        variables.append(Variable(r"\beta", "momentum coefficient", "[0, 1)"))
    if quad.symbolic:
        variables.append(Variable(f"{_il(quad.mu)}, {_il(quad.L)}",
                                  "smallest and largest eigenvalue of $H$", r"\mathbb{R}_{>0}"))
    assumptions = ["$H$ is symmetric positive semidefinite, so $f$ is convex and its minimisers "
                   "solve $H\\theta = b$; only $H$ governs the error dynamics ($b$ moves the "
                   "minimiser, not the rates)."]
    if quad.symbolic:
        assumptions.append(f"The eigenvalues of $H$ lie in $[{_il(quad.mu)}, {_il(quad.L)}]$ with "
                           f"$0 < {_il(quad.mu)} \\le {_il(quad.L)}$ and both ends attained.")
    if quad.zeros:
        assumptions.append(f"$H$ is singular ({quad.zeros} zero eigenvalue(s)): rates and the "
                           "condition number refer to the directions of positive curvature, "
                           "where the error can shrink.")
    if not quad.exact:
        assumptions.append("The eigenvalues of this non-diagonal $H$ are computed in float64 "
                           "(15 significant digits); the formulas below are exact in them.")
    assumptions.append("The rate is the asymptotic factor by which $\\lVert e_t\\rVert$ shrinks "
                       "per iteration: the spectral radius of the iteration matrix.")
    objective = Equation.of(Tex(r"f(\theta)"), Tex(r"\tfrac{1}{2}\theta^\top H\theta - "
                                                   r"b^\top\theta"))
    return Analysis(tuple(variables), tuple(assumptions), objective,
                    f"Study {spec.entry.name} with a constant step on the quadratic:")


def _recursion(der: Derivation, spec: QuadraticDynamicsSpec, quad: Quad) -> None:
    """e_{t+1} = (I - alpha H) e_t (or the momentum recursion), then diagonalise."""
    m = spec.method
    eqs = [Equation.of(Tex(r"\nabla f(\theta)"), Tex(r"H\theta - b"), Tex(r"H(\theta - "
                                                                         r"\theta^\star)"))]
    if m == O.GD.key:
        eqs.append(Equation.of(Tex("e_{t+1}"), Tex(r"e_t - \alpha H e_t"),
                               Tex(r"(I - \alpha H)\,e_t")))
        text = ("Subtracting $\\theta^\\star$ from the update $\\theta_{t+1} = \\theta_t - "
                "\\alpha\\nabla f(\\theta_t)$ removes $b$: the error obeys a linear recursion "
                "driven by $H$ alone.")
    elif m == O.HEAVY_BALL.key:
        eqs.append(Equation.of(Tex("e_{t+1}"), Tex(r"e_t - \alpha H e_t + \beta(e_t - "
                                                   r"e_{t-1})")))
        text = ("Heavy ball adds $\\beta(\\theta_t - \\theta_{t-1})$ to the gradient step; in "
                "terms of the error this is a two-term linear recursion.")
    else:
        eqs.append(Equation.of(Tex("e_{t+1}"), Tex(r"(I - \alpha H)\bigl(e_t + \beta(e_t - "
                                                   r"e_{t-1})\bigr)")))
        text = ("Nesterov takes the gradient step at the extrapolated point $y_t = \\theta_t + "
                "\\beta(\\theta_t - \\theta_{t-1})$, so $(I - \\alpha H)$ multiplies the "
                "extrapolated error.")
    der.add("Error recursion", text, *eqs)
    eig_eqs = []
    if quad.H is not None and quad.n <= SHOW_MAX:
        eig_eqs.append(Equation.of(Tex("H"), quad.H))
    if quad.symbolic:
        eig_eqs.append(Equation.chain(_il_tex(quad.mu), (r"\le", Tex(r"\lambda_i")),
                                      (r"\le", quad.L)))
    elif quad.n <= SHOW_MAX:
        eig_eqs.append(Equation.of(Tex(r"\lambda(H)"), sympy.Matrix([quad.eigs]) if quad.n > 1
                                   else quad.eigs[0]))
    else:
        eig_eqs.append(Equation.of(Tex(r"(\lambda_{\min}^{+}, \lambda_{\max})"),
                                   sympy.Tuple(quad.mu, quad.L)))
    T = iteration_matrix(m)
    if m == O.GD.key:
        eig_eqs.append(Equation.of(Tex(r"e^{(i)}_{t+1}"), Tex(r"(1 - \alpha\lambda_i)\,"
                                                             r"e^{(i)}_t")))
        text = ("Write $H = Q\\Lambda Q^\\top$ with orthonormal eigenvectors. In the eigenbasis "
                "the recursion decouples: the error component $e^{(i)}$ along eigenvector $i$ is "
                "multiplied by $1 - \\alpha\\lambda_i$ every step, so its sign pattern and size "
                "are read off this one number.")
    else:
        eig_eqs.append(Equation.of(Tex(r"\begin{bmatrix} e^{(i)}_{t+1} \\ e^{(i)}_t "
                                       r"\end{bmatrix}"),
                                   Tex(to_latex(T.subs(LAM, sympy.Symbol("lambda_i"))) +
                                       r"\begin{bmatrix} e^{(i)}_t \\ e^{(i)}_{t-1} "
                                       r"\end{bmatrix}")))
        charpoly = sympy.expand((T - Z * sympy.eye(2)).det())
        eig_eqs.append(Equation.of(Tex(r"\det(T(\lambda) - zI)"), sympy.collect(charpoly, Z),
                                   sympy.Integer(0)))
        text = ("In the eigenbasis of $H$ each direction evolves on its own, but momentum needs "
                "two consecutive errors as state: a $2\\times 2$ iteration matrix $T(\\lambda)$ "
                "per eigenvalue. The error along that direction shrinks like the larger root "
                "modulus $|z|$ of its characteristic polynomial.")
    der.add("Decouple along the eigendirections", text, *eig_eqs)


def _il_tex(x: Any) -> Tex:
    return Tex(to_latex(x))


# --------------------------------------------------------------------------- asks

@dataclass
class Ctx:
    spec: QuadraticDynamicsSpec
    quad: Quad
    der: Derivation
    alpha: Any
    beta: Any
    facts: QuadraticDynamicsFacts
    answers: list[Answer] = field(default_factory=list)
    identifications: list[Answer] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    ident: str | None = None
    interp: list[str] = field(default_factory=list)
    _optimal: tuple | None = None

    @property
    def method(self) -> str:
        return self.spec.method

    def opt(self) -> tuple[Any, Any, Any]:
        if self._optimal is None:
            self._optimal = optimal(self.quad, self.method)
        return self._optimal

    @property
    def fixed_step(self) -> bool:
        """The optimum is over beta at the given alpha: a momentum part that gives alpha and
        does not ask for the optimal step."""
        return self.method != O.GD.key and self.alpha is not None and \
            Q.OPTIMAL_STEP.key not in self.spec.asks

    def tuning(self) -> tuple[Any, Any, Any]:
        """(alpha, beta, rate) of the optimal tuning the asks refer to."""
        if self.fixed_step:
            return (self.alpha, *momentum_at_step(self.quad, self.method, self.alpha))
        return self.opt()

    def answer(self, quantity: str, name: str, symbol: str, expr: Any, **kw: Any) -> None:
        """Record an answer about the part's method."""
        self.answers.append(Answer(name, symbol, expr, quantity=quantity,
                                   subject=self.spec.method, **kw))


def ask_max_step(c: Ctx) -> None:
    """0 < alpha < 2/L (GD); 0 < alpha L < 2(1+beta) (heavy ball); 2(1+beta)/(1+2 beta) (Nesterov)."""
    m = c.method
    beta = c.beta if c.beta is not None else BETA
    a = max_step(c.quad, m, beta)
    if m == O.GD.key:
        c.der.add("Stability: every factor inside (-1, 1)",
                  "The error along direction $i$ shrinks iff $|1 - \\alpha\\lambda_i| < 1$, "
                  "i.e. $0 < \\alpha\\lambda_i < 2$. The binding direction is the stiffest one, "
                  "$\\lambda_{\\max}$; zero-curvature directions never move and do not limit "
                  "$\\alpha$.",
                  Equation.chain(Tex(r"|1 - \alpha\lambda_i| < 1"), (r"\iff",
                                                                      Tex(r"0 < \alpha < "
                                                                          r"\frac{2}{\lambda_i}"))),
                  Equation.of(Tex(r"\alpha_{\max}"), Tex(r"\frac{2}{\lambda_{\max}}"), a))
    else:
        if m == O.HEAVY_BALL.key:
            cond = Tex(r"0 \le \beta < 1,\quad 0 < \alpha\lambda < 2(1 + \beta)")
            why = ("For $z^2 - (1 + \\beta - \\alpha\\lambda)z + \\beta$ the Jury (Schur-Cohn) "
                   "conditions $|c_0| < 1$ and $|c_1| < 1 + c_0$ give $\\beta < 1$ and "
                   "$|1 + \\beta - \\alpha\\lambda| < 1 + \\beta$.")
            gen = Tex(r"\frac{2(1 + \beta)}{\lambda_{\max}}")
        else:
            cond = Tex(r"0 \le \beta < 1,\quad 0 < \alpha\lambda < \frac{2(1 + \beta)}{1 + "
                       r"2\beta}")
            why = ("For $z^2 - (1+\\beta)(1-\\alpha\\lambda)z + \\beta(1-\\alpha\\lambda)$ the "
                   "Jury conditions give $\\alpha\\lambda > 0$ and $(1 + 2\\beta)(\\alpha\\lambda "
                   "- 1) < 1$.")
            gen = Tex(r"\frac{2(1 + \beta)}{(1 + 2\beta)\lambda_{\max}}")
        c.der.add("Stability region in $(\\alpha, \\beta)$",
                  "Both roots lie inside the unit circle exactly when the Jury conditions hold. "
                  + why + " Momentum enlarges the stable range of steps; the binding direction "
                  "is again $\\lambda_{\\max}$.",
                  Equation.of(Tex(r"\text{stable} \iff"), cond),
                  Equation.of(Tex(r"\alpha_{\max}(\beta)"), gen, a))
    c.answer("max-step", "max stable step", r"\alpha_{\max}", a,
             note="convergence iff 0 < alpha < alpha_max (strict)")
    c.summary.append(f"stable iff $0 < \\alpha < {_num(a)}$")


def ask_condition_number(c: Ctx) -> None:
    """kappa = lambda_max / lambda_min (positive part of the spectrum)."""
    k = c.quad.kappa
    c.der.add("Condition number",
              "The ratio of the largest to the smallest positive curvature measures how "
              "differently the directions want to be stepped.",
              Equation.of(Tex(r"\kappa"), Tex(r"\frac{\lambda_{\max}}{\lambda_{\min}^{+}}"), k))
    c.answer("condition-number", "condition number", r"\kappa", k)
    c.summary.append(f"$\\kappa = {_num(k)}$")


def ask_optimal_step(c: Ctx) -> None:
    """GD: 1 - alpha mu = -(1 - alpha L); momentum: double roots at both ends."""
    a, b, rho = c.opt()
    mu, L = c.quad.mu, c.quad.L
    if c.method == O.GD.key:
        c.der.add("Optimal constant step: balance the extreme factors",
                  "The worst factor $\\max_i|1 - \\alpha\\lambda_i|$ is attained at "
                  "$\\lambda_{\\min}$ or $\\lambda_{\\max}$; increasing $\\alpha$ helps the first "
                  "and hurts the second, so the best step makes them equal and opposite.",
                  Equation.of(Tex(r"1 - \alpha\lambda_{\min}"), Tex(r"-(1 - \alpha"
                                                                    r"\lambda_{\max})")),
                  Equation.of(Tex(r"\alpha^\star"), Tex(r"\frac{2}{\lambda_{\min} + "
                                                        r"\lambda_{\max}}"), a))
        c.answer("optimal-step", "optimal step", r"\alpha^\star", a)
        c.summary.append(f"$\\alpha^\\star = {_num(a)}$")
    elif c.method == O.HEAVY_BALL.key:
        c.der.add("Optimal $(\\alpha, \\beta)$: double roots at both ends",
                  "In the complex-root region every direction contracts at exactly "
                  "$\\sqrt{\\beta}$; the best tuning puts both extreme eigenvalues on the "
                  "boundary of that region (a double root), at $z = +\\sqrt\\beta$ for "
                  "$\\lambda_{\\min}$ and $z = -\\sqrt\\beta$ for $\\lambda_{\\max}$. Solving the "
                  "two equations for $(\\alpha, \\sqrt\\beta)$ (of the two solutions only "
                  "$\\sqrt\\beta < 1$ is admissible; SymPy confirms both residuals vanish):",
                  Equation.of(Tex(r"1 + \beta - \alpha\lambda_{\min}"), Tex(r"2\sqrt{\beta}")),
                  Equation.of(Tex(r"1 + \beta - \alpha\lambda_{\max}"), Tex(r"-2\sqrt{\beta}")),
                  Equation.of(Tex(r"\alpha^\star"), Tex(r"\frac{4}{(\sqrt{L} + \sqrt{\mu})^2}"),
                              a),
                  Equation.of(Tex(r"\beta^\star"), Tex(r"\Bigl(\frac{\sqrt{\kappa} - 1}"
                                                       r"{\sqrt{\kappa} + 1}\Bigr)^2"), b))
        c.facts.design_residuals = _heavy_ball_residuals(mu, L, a, b)
        c.answer("optimal-step", "optimal step", r"\alpha^\star", a)
        c.answer(Q.OPTIMAL_MOMENTUM.key, "optimal momentum", r"\beta^\star", b)
        c.summary.append(f"$(\\alpha^\\star, \\beta^\\star) = ({_num(a)}, {_num(b)})$")
    else:
        c.der.add("Optimal $(\\alpha, \\beta)$ for Nesterov on quadratics",
                  "The complex-root modulus is $\\sqrt{\\beta(1 - \\alpha\\lambda)}$, largest at "
                  "$\\lambda_{\\min}$. The best tuning (Lessard, Recht and Packard, 2016) puts a "
                  "double root at $\\lambda_{\\min}$ and makes the negative real root at "
                  "$\\lambda_{\\max}$ equal to $-\\rho$; substituting the closed form below into "
                  "both conditions, SymPy simplifies each residual to $0$.",
                  Equation.of(Tex(r"(1 + \beta)^2 (1 - \alpha\mu)"), Tex(r"4\beta")),
                  Equation.of(Tex(r"\rho^2 + (1 + \beta)(1 - \alpha L)\rho + \beta(1 - \alpha "
                                  r"L)"), sympy.Integer(0)),
                  Equation.of(Tex(r"\alpha^\star"), Tex(r"\frac{4}{3L + \mu}"), a),
                  Equation.of(Tex(r"\beta^\star"), Tex(r"\frac{\sqrt{3\kappa + 1} - 2}"
                                                       r"{\sqrt{3\kappa + 1} + 2}"), b))
        c.facts.design_residuals = _nesterov_residuals(mu, L, a, b, rho)
        c.answer("optimal-step", "optimal step", r"\alpha^\star", a)
        c.answer(Q.OPTIMAL_MOMENTUM.key, "optimal momentum", r"\beta^\star", b)
        c.summary.append(f"$(\\alpha^\\star, \\beta^\\star) = ({_num(a)}, {_num(b)})$")
    c.facts.optimal = (a, b, rho)


def _heavy_ball_residuals(mu: Any, L: Any, a: Any, b: Any) -> list[Any]:
    """The double-root conditions at both ends, at the closed form; both simplify to 0."""
    s = sympy.sqrt(b)
    return [sympy.simplify(sympy.radsimp(e)) for e in (1 + b - a * mu - 2 * s,
                                                        1 + b - a * L + 2 * s)]


def _nesterov_residuals(mu: Any, L: Any, a: Any, b: Any, rho: Any) -> list[Any]:
    """The two design conditions (and the double-root value) at the closed form; all 0."""
    q, r = 1 - a * mu, 1 - a * L
    return [sympy.simplify(e) for e in ((1 + b) ** 2 * q - 4 * b,
                                        rho ** 2 + (1 + b) * r * rho + b * r,
                                        (1 + b) * q / 2 - rho)]


def _check_stated_momentum(c: Ctx, a: Any, b: Any) -> None:
    """A part that states beta and asks for the optimal momentum is answered only when the
    stated beta is that optimum (else the answer would not be the beta the text gives)."""
    if c.beta is not None and sympy.simplify(sympy.nsimplify(c.beta) - b) != 0:
        from optiproof.core.errors import BadInput

        raise BadInput(f"the optimal momentum at alpha = {sympy.sstr(a)} is asked, but the "
                       f"stated beta = {sympy.sstr(c.beta)} is not it (beta* = {sympy.sstr(b)})",
                       field="beta")


def ask_optimal_momentum(c: Ctx) -> None:
    """beta* at the given alpha (see :func:`momentum_at_step`), or with the optimal alpha."""
    if not c.fixed_step:
        if not any(a.quantity == Q.OPTIMAL_MOMENTUM.key for a in c.answers):
            ask_optimal_step(c)
        if c.facts.optimal:
            _check_stated_momentum(c, *c.facts.optimal[:2])
        return
    a, b, rho = c.tuning()
    _check_stated_momentum(c, a, b)
    if c.method == O.NESTEROV.key:
        c.der.add("Optimal momentum at the given step",
                  "At a step $\\alpha \\le 1/L$ every factor $q = 1 - \\alpha\\lambda$ lies in "
                  "$[0, 1 - \\alpha\\mu]$. The roots of $z^2 - (1 + \\beta)qz + \\beta q$ have "
                  "product $\\beta q$, so a direction contracts no faster than $\\sqrt{\\beta q}$, "
                  "and exactly that fast while its roots are complex; the slowest direction is "
                  "$q = 1 - \\alpha\\mu$. The best momentum puts a double root there, "
                  "$(1 + \\beta)^2 q = 4\\beta$: a smaller $\\beta$ leaves a larger real root, a "
                  "larger one a larger modulus, and every other direction then has complex roots "
                  "of smaller modulus. With $\\alpha = 1/L$ this is $\\beta^\\star = "
                  "(\\sqrt{\\kappa} - 1)/(\\sqrt{\\kappa} + 1)$.",
                  Equation.of(Tex(r"(1 + \beta)^2 (1 - \alpha\mu)"), Tex(r"4\beta")),
                  Equation.of(Tex(r"\beta^\star"), Tex(r"\frac{1 - \sqrt{\alpha\mu}}"
                                                       r"{1 + \sqrt{\alpha\mu}}"), b),
                  Equation.of(Tex(r"\rho(\beta^\star)"), Tex(r"1 - \sqrt{\alpha\mu}"), rho))
    else:
        c.der.add("Optimal momentum at the given step",
                  "The roots of $z^2 - (1 + \\beta - \\alpha\\lambda)z + \\beta$ have product "
                  "$\\beta$, so every direction contracts no faster than $\\sqrt{\\beta}$, and "
                  "exactly that fast when its roots are complex or double, i.e. when $(1 - "
                  "\\sqrt{\\alpha\\lambda})^2 \\le \\beta$. The smallest $\\beta$ that does this "
                  "for both extreme eigenvalues (hence for all between) is the optimum; a "
                  "smaller one leaves an end with real roots, the larger of which exceeds "
                  "$|1 - \\sqrt{\\alpha\\lambda}|$.",
                  Equation.of(Tex(r"\beta^\star"), Tex(r"\max_{\lambda \in \{\mu, L\}} "
                                                       r"(1 - \sqrt{\alpha\lambda})^2"), b),
                  Equation.of(Tex(r"\rho(\beta^\star)"), Tex(r"\sqrt{\beta^\star}"), rho))
    c.answer(Q.OPTIMAL_MOMENTUM.key, "optimal momentum", r"\beta^\star", b,
             note=f"at the given step alpha = {sympy.sstr(a)}")
    c.facts.optimal, c.facts.optimal_at_step = (a, b, rho), True
    c.summary.append(f"$\\beta^\\star = {_num(b)}$ at $\\alpha = {_il(a)}$")


def ask_optimal_rate(c: Ctx) -> None:
    """GD (kappa-1)/(kappa+1); heavy ball (sqrt(kappa)-1)/(sqrt(kappa)+1); Nesterov 1-2/sqrt(3kappa+1)."""
    if c.fixed_step:
        if c.facts.optimal is None:
            ask_optimal_momentum(c)
        a, b, rho = c.tuning()
        c.der.add("Optimal rate at the given step",
                  "The rate at the best momentum for this step, as derived above.",
                  Equation.of(Tex(r"\rho^\star"), rho))
        c.answer(Q.OPTIMAL_RATE.key, "optimal rate", r"\rho^\star", rho,
                 note=f"at alpha = {sympy.sstr(a)} with the optimal momentum")
        c.summary.append(f"optimal rate $\\rho^\\star = {_num(rho)}$")
        return
    a, b, rho = c.opt()
    gen = {O.GD.key: r"\frac{\kappa - 1}{\kappa + 1}",
           O.HEAVY_BALL.key: r"\frac{\sqrt{\kappa} - 1}{\sqrt{\kappa} + 1}",
           O.NESTEROV.key: r"1 - \frac{2}{\sqrt{3\kappa + 1}}"}[c.method]
    text = {O.GD.key: "At $\\alpha^\\star$ both extreme factors have modulus "
                      "$\\frac{\\lambda_{\\max} - \\lambda_{\\min}}{\\lambda_{\\max} + "
                      "\\lambda_{\\min}}$, and every other direction contracts faster.",
            O.HEAVY_BALL.key: "At the optimum every direction has complex (or double) roots of "
                              "modulus $\\sqrt{\\beta^\\star}$: the rate depends on "
                              "$\\sqrt{\\kappa}$ instead of $\\kappa$ - the acceleration.",
            O.NESTEROV.key: "At the optimum the worst modulus is $\\rho = (1 + \\beta)(1 - "
                            "\\alpha\\mu)/2$, again scaling with $\\sqrt{\\kappa}$; it is "
                            "slightly slower than heavy ball on quadratics, the price of "
                            "Nesterov's robustness beyond them."}[c.method]
    if c.facts.optimal is None:
        lead = ("The optimal tuning (derived as in the optimal-step question) is "
                f"$\\alpha^\\star = {_il(a)}$" + (f", $\\beta^\\star = {_il(b)}$" if b is not None
                                                  else "") + ". ")
        text = lead + text
    c.der.add("Optimal rate", text, Equation.of(Tex(r"\rho^\star"), Tex(gen), rho))
    c.answer("optimal-rate", "optimal rate", r"\rho^\star", rho)
    c.facts.optimal = (a, b, rho)
    c.summary.append(f"optimal rate $\\rho^\\star = {_num(rho)}$")


def _rate_rows_text(rows: list) -> str:
    parts = [f"$\\lambda = {_il(lam)}$: $|z| = {_num(r)}$ ({reg})" for lam, r, reg in rows[:6]]
    return "; ".join(parts) + ("; ..." if len(rows) > 6 else "")


def ask_rate(c: Ctx) -> None:
    """rho(alpha, beta) = max_i of the per-direction root modulus."""
    a, b = c.alpha, c.beta
    if c.quad.symbolic:  # GD at alpha = 1/L
        rho = _tidy(1 - c.quad.mu / c.quad.L)
        c.der.add("Rate at $\\alpha = 1/L$",
                  "With $\\alpha = 1/L$ the factor $1 - \\lambda/L$ lies in $[0, 1 - \\mu/L]$ for "
                  "$\\lambda \\in [\\mu, L]$: monotone convergence in every direction, slowest "
                  "along $\\mu$.",
                  Equation.of(Tex(r"\rho(1/L)"), Tex(r"1 - \frac{1}{\kappa}"), rho))
    else:
        rho, rows = rate_at(c.quad, c.method, a, b)
        c.facts.regimes = rows
        gd = c.method == O.GD.key
        what = f"$\\alpha = {_il(a)}$" + ("" if gd else f", $\\beta = {_il(b)}$")
        eqs = [Equation.of(Tex(r"\rho"), Tex(r"\max_i |1 - \alpha\lambda_i|") if gd
                           else Tex(r"\max_i \max\{|z| : \det(T(\lambda_i) - zI) = 0\}"), rho)]
        c.der.add(f"Rate at {what}",
                  "Evaluate the per-direction contraction at each positive eigenvalue and take the "
                  "worst: " + _rate_rows_text(rows) + ".", *eqs)
    c.answer("rate", "rate", r"\rho", rho, note="asymptotic factor per iteration of the error")
    c.facts.rate = rho
    c.summary.append(f"rate $\\rho = {_num(rho)}$" + (" (diverges)" if rho.is_number and rho >= 1
                                                            else ""))


def ask_iterations(c: Ctx) -> None:
    """Smallest t with rho^t <= eps: ceil(log eps / log rho)."""
    eps = exact_rational(c.spec.epsilon, field="epsilon")
    if c.alpha is not None and not (c.quad.symbolic and c.method == O.GD.key and
                                    c.spec.alpha == INVERSE_L):
        rho = c.facts.rate
        if rho is None:
            rho = rate_at(c.quad, c.method, c.alpha, c.beta)[0]
        which = "the given step"
    elif c.alpha is not None:
        rho = _tidy(1 - c.quad.mu / c.quad.L)
        which = "$\\alpha = 1/L$"
    else:
        rho = c.opt()[2]
        c.facts.optimal = c.facts.optimal or c.opt()
        which = "the optimal tuning"
    if rho.is_number and rho >= 1:
        c.der.add("Iterations to reduce the error",
                  f"At {which} the rate is $\\rho = {_num(rho)} \\ge 1$: the error never shrinks "
                  "by the factor asked, whatever the number of iterations.")
        c.answer("iterations", "iterations", "t", None, status="none",
                 note="never: the iteration does not converge")
        return
    if rho == 0:
        t: Any = sympy.Integer(1)
    else:
        t = sympy.ceiling(sympy.log(eps) / sympy.log(rho))
        if t.is_number:
            t = sympy.Integer(int(sympy.N(t, 50)))
    exactness = ("For gradient descent $I - \\alpha H$ is symmetric, so $\\lVert e_t\\rVert \\le "
                 "\\rho^t\\lVert e_0\\rVert$ with equality for an error along the slowest "
                 "direction: the count is exact in the worst case." if c.method == O.GD.key else
                 "For momentum the iteration matrix is not normal, so $\\rho^t$ is the asymptotic "
                 "decay (up to a constant and, at double roots, a factor linear in $t$): the "
                 "count is the asymptotic estimate.")
    c.der.add("Iterations to reduce the error by $\\varepsilon$",
              f"At {which} the error shrinks by $\\rho$ per step, so $\\rho^t \\le \\varepsilon$ "
              "needs $t \\ge \\log\\varepsilon / \\log\\rho$ (both logarithms are negative). "
              + exactness,
              Equation.of(Tex("t"), Tex(r"\Bigl\lceil \frac{\log \varepsilon}{\log \rho} "
                                        r"\Bigr\rceil"), t))
    c.answer("iterations", "iterations", "t", t,
             note=f"epsilon = {eps}, rate = {sympy.sstr(rho)}")
    c.facts.epsilon = eps
    c.summary.append(f"$t = {_il(t)}$ iterations for a factor ${_il(eps)}$")


def ask_regime(c: Ctx) -> None:
    """Classify each eigendirection by its factor (GD) or root pattern (momentum)."""
    rho, rows = rate_at(c.quad, c.method, c.alpha, c.beta)
    c.facts.regimes = rows
    if c.method == O.GD.key:
        factors = [sympy.nsimplify(1 - c.alpha * lam) for lam, _, _ in rows]
        eq = Equation.of(Tex(r"1 - \alpha\lambda_i"), sympy.Matrix([factors]) if len(factors) > 1
                         else factors[0])
        text = ("Each factor $r = 1 - \\alpha\\lambda$ fixes the behaviour of its direction: "
                "$0 < r < 1$ monotone convergence, $-1 < r < 0$ convergence with alternating "
                "sign, $r < -1$ divergence with alternating sign (and $r = 1$, a zero-curvature "
                "direction, never moves). Here: " + "; ".join(
                    f"$\\lambda = {_il(lam)}$: $r = {_il(f)}$, {reg}"
                    for (lam, _, reg), f in zip(rows[:6], factors[:6])) + ".")
    else:
        eq = Equation.of(Tex(r"\rho"), rho)
        text = ("Per direction the roots of $\\det(T(\\lambda) - zI)$ decide: complex roots "
                "oscillate (underdamped), a negative dominant root alternates sign, positive "
                "real roots decay monotonically; any root with $|z| \\ge 1$ means no "
                "convergence. Here: " + _rate_rows_text(rows) + ".")
    worst = max(rows, key=lambda r: float(r[1]))
    overall = ("diverges" if rho > 1 else "does not converge" if rho == 1 else "converges")
    osc = [reg for _, _, reg in rows if "oscillat" in reg]
    regime = overall + (", oscillating" if osc else ", monotonically") + \
        f" (worst direction λ = {sympy.sstr(worst[0])}: {worst[2]})"
    c.der.add("Regime of each direction", text, eq)
    c.answer(Q.RATE.key, "spectral radius", r"\rho", rho, note=regime)
    key = overall.replace(" ", "-") + ("-oscillating" if osc else "-monotone")
    c.answer(Q.REGIME.key, "regime", "", Name(key, overall + (", oscillating" if osc else
                                                        ", monotonically")),
             note=f"worst direction $\\lambda = {to_latex(worst[0])}$: {worst[2]}")
    c.ident = regime
    c.summary.append(f"regime: {overall}" + (" with oscillation" if osc else ""))


def ask_iteration_matrix(c: Ctx) -> None:
    """T(lambda) and its eigenvalues z = (tr T +- sqrt(tr^2 - 4 det T)) / 2."""
    T = iteration_matrix(c.method)
    if c.method == O.GD.key:
        c.der.add("Per-direction factor", "For gradient descent the per-direction map is the "
                  "scalar $1 - \\alpha\\lambda$, its own eigenvalue.",
                  Equation.of(Tex(r"T(\lambda)"), T[0, 0]))
        c.answer("iteration-matrix", "per-direction factor", r"T(\lambda)", T[0, 0])
        return
    tr, det = sympy.expand(T.trace()), sympy.expand(T.det())
    disc = sympy.factor(sympy.expand(tr ** 2 - 4 * det))
    roots = [(tr + sympy.sqrt(disc)) / 2, (tr - sympy.sqrt(disc)) / 2]
    c.der.add("Eigenvalues of the iteration matrix",
              "The eigenvalues of a $2\\times 2$ matrix follow from its trace and determinant; "
              "the discriminant decides between real roots (overdamped) and a complex pair of "
              "modulus $\\sqrt{\\det T}$ (underdamped).",
              Equation.of(Tex(r"\operatorname{tr} T(\lambda)"), tr),
              Equation.of(Tex(r"\det T(\lambda)"), sympy.factor(det)),
              Equation.of(Tex(r"z_{\pm}"), Tex(r"\tfrac{1}{2}\Bigl(\operatorname{tr} T \pm "
                                               r"\sqrt{(\operatorname{tr} T)^2 - 4\det T}"
                                               r"\Bigr)")))
    c.answer(Q.ITERATION_MATRIX.key, "iteration matrix", r"T(\lambda)", T)
    c.answer(Q.ITERATION_EIGENVALUES.key, "eigenvalues", r"z_{\pm}", sympy.Matrix(roots))


def ask_effective_step(c: Ctx) -> None:
    """Unrolled momentum: v_t = sum_k beta^k g_{t-k}; constant g gives alpha/(1-beta)."""
    a = c.alpha if c.alpha is not None else ALPHA
    b = c.beta if c.beta is not None else BETA
    eff = _tidy(a / (1 - b)) if (c.alpha is not None and c.beta is not None) else a / (1 - b)
    c.der.add("Momentum as a moving average of gradients",
              "Write heavy ball with a velocity, $v_{t+1} = \\beta v_t + \\nabla f(\\theta_t)$, "
              "$\\theta_{t+1} = \\theta_t - \\alpha v_{t+1}$. Unrolling the velocity shows a "
              "geometrically weighted sum of past gradients; when the gradient is (nearly) "
              "constant the weights sum to $1/(1-\\beta)$, so each step is $\\alpha/(1 - \\beta)$ "
              "times the gradient.",
              Equation.of(Tex("v_{t+1}"), Tex(r"\sum_{k=0}^{t} \beta^k \nabla f(\theta_{t-k})")),
              Equation.of(Tex(r"\alpha_{\mathrm{eff}}"), Tex(r"\alpha\sum_{k\ge 0}\beta^k"),
                          Tex(r"\frac{\alpha}{1-\beta}"), eff))
    c.answer("effective-step", "effective step", r"\alpha_{\mathrm{eff}}", eff)
    c.summary.append(f"effective step $\\alpha/(1-\\beta) = {_num(eff)}$")


def ask_pytorch(c: Ctx) -> None:
    """torch SGD: b <- mu b + (1 - d) g, p <- p - lr b  ==  heavy ball (lr (1 - d), mu)."""
    lr, mom = c.alpha, c.beta
    d = exact_rational(c.spec.dampening or 0, field="dampening")
    a_hb, eff = _tidy(lr * (1 - d)), _tidy(lr * (1 - d) / (1 - mom))
    c.der.add("PyTorch's SGD momentum convention",
              "PyTorch keeps a buffer $b$ of summed gradients and steps by $\\mathrm{lr}\\cdot b$. "
              "Put $v_t = \\mathrm{lr}\\, b_t$: then $\\theta_t - \\theta_{t-1} = -v_t$ and the "
              "update is exactly heavy ball with step $\\mathrm{lr}(1 - d)$ and momentum $\\mu$. "
              "(PyTorch's first step sets $b_1 = g_1$ without dampening, so for $d > 0$ only the "
              "first step differs; the dynamics and rates are those of heavy ball.)",
              Equation.of(Tex("b_{t+1}"), Tex(r"\mu\, b_t + (1 - d)\, g_t")),
              Equation.of(Tex(r"\theta_{t+1}"), Tex(r"\theta_t - \mathrm{lr}\; b_{t+1}"),
                          Tex(r"\theta_t - \mathrm{lr}(1-d)\, g_t + \mu(\theta_t - "
                              r"\theta_{t-1})")),
              Equation.of(Tex(r"(\alpha_{\mathrm{hb}}, \beta_{\mathrm{hb}})"),
                          sympy.Tuple(a_hb, mom)))
    c.der.add("The EMA form",
              "Many texts write momentum as an exponential moving average, $m_{t+1} = \\beta m_t "
              "+ (1 - \\beta) g_t$, $\\theta_{t+1} = \\theta_t - \\eta\\, m_{t+1}$: that is "
              "PyTorch's buffer with dampening $d = \\beta$, i.e. heavy ball with $\\alpha = "
              "\\eta(1 - \\beta)$ and an effective step $\\eta$. With PyTorch's default $d = 0$ "
              "the same lr takes steps $1/(1 - \\beta)$ times larger.",
              Equation.of(Tex(r"\alpha_{\mathrm{eff}}"), Tex(r"\frac{\mathrm{lr}(1 - d)}{1 - "
                                                             r"\mu}"), eff))
    c.answer(Q.EQUIVALENT_STEP.key, "heavy-ball step", r"\alpha_{\mathrm{hb}}", a_hb)
    c.answer(Q.EQUIVALENT_MOMENTUM.key, "heavy-ball momentum", r"\beta_{\mathrm{hb}}", mom)
    c.answer(Q.EFFECTIVE_STEP.key, "torch effective step", r"\alpha_{\mathrm{eff}}", eff)
    c.identifications.append(identification(
        O.HEAVY_BALL, c.spec.method, "PyTorch's SGD(lr, momentum, dampening) is heavy ball "
        "with step lr(1 - dampening) and the same momentum (after its first step)"))
    c.facts.pytorch = (lr, mom, d, a_hb, eff)
    c.summary.append(f"torch SGD with $\\mathrm{{lr}} = {_il(lr)}$, momentum ${_il(mom)}$, "
                     f"dampening ${_il(d)}$ is heavy ball with $\\alpha = {_il(a_hb)}$, $\\beta = {_il(mom)}$")


def ask_zero_curvature(c: Ctx) -> None:
    """Along null(H) the gradient has no component: the error there is multiplied by 1."""
    k = c.quad.zeros
    eqs = [Equation.of(Tex(r"1 - \alpha\cdot 0"), sympy.Integer(1))]
    if c.quad.H is not None and k and c.quad.n <= SHOW_MAX:
        basis = c.quad.H.nullspace()
        if basis:
            eqs.append(Equation.of(Tex(r"\ker H"), Tex(r"\operatorname{span}\Bigl\{" + ", ".join(
                to_latex(v.T) + r"^\top" if v.rows > 1 else to_latex(v) for v in basis)
                + r"\Bigr\}")))
    if k:
        text = (f"$H$ has {k} zero eigenvalue(s). Along those directions $\\nabla f$ has no "
                "component, so every method (with or without momentum, once the initial velocity "
                "is zero) leaves that part of $\\theta_t$ exactly where it started: the factor is "
                "$1$ for any $\\alpha$. The iterates converge to the minimiser closest to "
                "$\\theta_0$ along these directions, not to a unique point.")
    else:
        text = ("$H$ has no zero eigenvalue: every direction has positive curvature, so no "
                "component of the error is frozen.")
    c.der.add("Zero-curvature directions", text, *eqs)
    c.answer("zero-curvature", "zero-curvature directions", r"\dim\ker H", sympy.Integer(k))
    if k:
        c.answer("zero-curvature", "factor along the null space", r"r_0", sympy.Integer(1),
                 note="the null-space component of theta never changes")
    c.facts.zero_curvature = k
    c.summary.append(f"{k} zero-curvature direction(s)" + (" (frozen)" if k else ""))


def ask_eigenvalues(c: Ctx) -> None:
    """The eigenvalues of H (with multiplicity, ascending): given, off the diagonal, or the roots
    of the characteristic polynomial; a spectrum known only as [μ, L] has no list to give."""
    q = c.quad
    if q.symbolic:
        c.der.add("Eigenvalues of H",
                  "Only the interval $[\\mu, L]$ holding the spectrum is given (both ends are "
                  "eigenvalues); the other eigenvalues are not determined.")
        c.answer(Q.EIGENVALUES.key, "eigenvalues of H", r"\lambda_i", None, status="none",
                 note="not determined: only the extreme eigenvalues mu and L are given")
        return
    eigs = sympy.Matrix(q.eigs)
    how = ("read off the diagonal" if c.spec.H_is_diagonal else
           "the roots of $\\det(H - \\lambda I) = 0$" if q.exact else
           "computed in floating point ($n > 2$, not diagonal)")
    c.der.add("Eigenvalues of H", f"The eigenvalues of $H$, {how}.",
              Equation.of(Tex(r"\lambda_i(H)"), eigs))
    c.answer(Q.EIGENVALUES.key, "eigenvalues of H", r"\lambda_i", eigs,
             note="ascending, with multiplicity")
    if q.n <= SHOW_MAX:
        c.summary.append(f"$\\lambda(H) = {_il(eigs.T)}$")


def ask_extreme_curvature(c: Ctx, largest: bool) -> None:
    """L = λ_max(H), the smoothness constant of f = ½θᵀHθ − bᵀθ (its gradient Hθ − b is
    λ_max-Lipschitz); μ = λ_min(H), the strong convexity constant (0 for a singular H: f is then
    not strongly convex)."""
    q = c.quad
    if largest:
        value, key, name, sym = q.L, Q.SMOOTHNESS.key, "smoothness constant", "L"
        text = ("The gradient $H\\theta - b$ changes by $H(\\theta - \\theta')$, whose norm is at "
                "most $\\lambda_{\\max}(H)\\lVert\\theta - \\theta'\\rVert$ with equality along the "
                "top eigenvector: the smallest Lipschitz constant of $\\nabla f$ is the largest "
                "eigenvalue.")
        eq = Equation.of(Tex("L"), Tex(r"\lambda_{\max}(H)"), value)
    else:
        value = q.mu if q.symbolic or not q.zeros else sympy.Integer(0)
        key, name, sym = Q.STRONG_CONVEXITY.key, "strong convexity constant", r"\mu"
        text = ("$f(\\theta') - f(\\theta) - \\nabla f(\\theta)^\\top(\\theta' - \\theta) = "
                "\\tfrac12 (\\theta' - \\theta)^\\top H (\\theta' - \\theta)$, at least "
                "$\\tfrac{\\lambda_{\\min}(H)}{2}\\lVert\\theta' - \\theta\\rVert^2$ with equality "
                "along the bottom eigenvector: the largest strong convexity constant is the "
                "smallest eigenvalue" + (" (here 0: $H$ is singular, so $f$ is not strongly "
                                         "convex)." if q.zeros and not q.symbolic else "."))
        eq = Equation.of(Tex(r"\mu"), Tex(r"\lambda_{\min}(H)"), value)
    c.der.add(name[:1].upper() + name[1:], text, eq)
    c.answer(key, name, sym, value, note="of f = ½θᵀHθ − bᵀθ: the " +
             ("largest" if largest else "smallest") + " eigenvalue of H")
    c.summary.append(f"${sym} = {_num(value)}$")


def ask_converges(c: Ctx) -> None:
    """Converges from every start iff the rate at the given (alpha, beta) is below 1."""
    if c.quad.symbolic:  # GD at alpha = 1/L: every factor 1 - lambda/L lies in [0, 1)
        rho = _tidy(1 - c.quad.mu / c.quad.L)
        yes = True
    else:
        rho = rate_at(c.quad, c.method, c.alpha, c.beta)[0]
        yes = bool(rho < 1)
    c.der.add("Does the iteration converge?",
              "From every start the error tends to 0 exactly when every per-direction factor "
              "has modulus below 1, i.e. when the rate is below 1: here "
              f"$\\rho = {_il(rho)}$" + (" < 1." if yes else " \\ge 1."),
              Equation.of(Tex(r"\rho"), rho))
    c.answer(Q.CONVERGES.key, "converges", "", sympy.true if yes else sympy.false,
             note=f"rate {sympy.sstr(rho)}")
    c.facts.rate = c.facts.rate if c.facts.rate is not None else rho
    c.summary.append("converges" if yes else "does not converge")


def ask_slowest_direction(c: Ctx) -> None:
    """The eigen-direction whose per-direction factor has the largest modulus at the given step
    (its eigenvalue); refused when several eigenvalues tie for it."""
    from optiproof.core.errors import BadInput

    rho, rows = rate_at(c.quad, c.method, c.alpha, c.beta)
    slowest = sorted({lam for lam, r, _ in rows if sympy.simplify(r - rho) == 0}, key=float)
    if len(slowest) != 1:
        raise BadInput(f"several eigen-directions (λ = {', '.join(map(str, slowest))}) contract "
                       f"at the same slowest factor {rho}: no single slowest direction",
                       field="asks", expected="a step at which one eigenvalue's factor is the "
                                              "largest")
    lam = slowest[0]
    c.der.add("Slowest direction",
              "The error along the eigenvector of $\\lambda_i$ is multiplied by its own factor "
              "every step; the slowest direction has the largest modulus: "
              + _rate_rows_text(rows) + ".",
              Equation.of(Tex(r"\lambda_{\mathrm{slow}}"), lam))
    c.answer(Q.SLOWEST_DIRECTION.key, "slowest direction", r"\lambda_{\mathrm{slow}}", lam,
             note=f"the eigen-direction of H with eigenvalue {sympy.sstr(lam)} (factor "
                  f"{sympy.sstr(rho)})")
    c.summary.append(f"slowest along $\\lambda = {_num(lam)}$")


def function_of(spec: QuadraticDynamicsSpec) -> tuple[Any, list[Any]]:
    """The spec's function (parsed by the one safe parser) and its variables as symbols."""
    from optiproof.core.errors import BadInput
    from optiproof.core.mathparse import try_parse_math

    expr = try_parse_math(spec.function or "")
    if expr is None or isinstance(expr, sympy.MatrixBase):
        raise BadInput(f"function {spec.function!r} is not a readable formula", field="function")
    by_name = {str(x): x for x in expr.free_symbols}
    names = spec.variables or []
    if set(by_name) - set(names):
        raise BadInput(f"function {spec.function!r} has symbols other than its variables "
                       f"{names}", field="function")
    return expr, [by_name.get(v, sympy.Symbol(v)) for v in names]


def ask_hessian(c: Ctx) -> None:
    """The Hessian of the stated function, by differentiation; it must be the spec's H."""
    from optiproof.core.errors import BadInput

    expr, xs = function_of(c.spec)
    hess = sympy.hessian(expr, xs)
    Hm = sympy.Matrix([[exact_rational(x, field="H") for x in row] for row in c.spec.H or []])
    if hess.free_symbols or hess != Hm:
        raise BadInput(f"the Hessian of {c.spec.function} is {hess.tolist()}, not H = "
                       f"{Hm.tolist()}", field="H")
    c.der.add("Hessian of the function",
              "Differentiate the function twice; for a quadratic every second derivative is a "
              "constant, so the Hessian is the same matrix everywhere.",
              Equation.of(Tex(r"\nabla^2 f"), Tex(r"\left[\frac{\partial^2 f}{\partial x_i "
                                                   r"\partial x_j}\right]"), hess))
    c.answer(Q.HESSIAN.key, "Hessian", r"\nabla^2 f", hess,
             note=f"of f = {c.spec.function}, variables {', '.join(c.spec.variables or [])}")
    if c.quad.n <= SHOW_MAX:
        c.summary.append(f"$\\nabla^2 f = {to_latex(hess)}$")


def ask_minimiser(c: Ctx) -> None:
    """θ* solves Hθ = b; a singular H (b in its range) has a line of minimisers, of which the
    one of least norm, H⁺b, is given."""
    q = c.quad
    Hm = q.H if q.H is not None else sympy.diag(*q.eigs)
    b = sympy.Matrix([exact_rational(x, field="b") for x in c.spec.b or []])
    if q.zeros:
        theta = Hm.pinv() * b
        how = ("$H$ is singular: every $\\theta$ with $H\\theta = b$ minimises $f$; the one of "
               "least norm is $H^{+}b$.")
    else:
        theta = Hm.LUsolve(b)
        how = "$H$ is positive definite, so the gradient vanishes at exactly one point."
    theta = theta.applyfunc(sympy.nsimplify)
    c.der.add("Minimiser", "Set the gradient $\\nabla f(\\theta) = H\\theta - b$ to zero. " + how,
              Equation.of(Tex(r"\theta^\star"), Tex(r"H^{-1}b" if not q.zeros else r"H^{+}b"),
                          theta))
    c.answer(Q.MINIMISER.key, "minimiser", r"\theta^\star", theta,
             note="least-norm minimiser" if q.zeros else "unique")
    if q.n <= SHOW_MAX:
        c.summary.append(f"$\\theta^\\star = {to_latex(theta.T)}^\\top$")


def _start(c: Ctx) -> tuple[Any, Any, Any]:
    """b, θ_0 (exact column vectors) and the momentum of the iterates (0 for gradient descent)."""
    b = sympy.Matrix([exact_rational(x, field="b") for x in c.spec.b or []])
    theta = sympy.Matrix([exact_rational(x, field="theta0") for x in c.spec.theta0 or []])
    return b, theta, (c.beta if c.method == O.HEAVY_BALL.key else 0)


def _iterates(c: Ctx, b: Any, theta: Any, beta: Any, steps: list[int]) -> dict[int, Any]:
    """θ_t for each t of ``steps`` (sorted), exactly: θ_{t+1} = θ_t − α(Hθ_t − b) + β(θ_t −
    θ_{t−1}) from θ_0 at rest."""
    got, before = {}, theta
    for t in range(1, steps[-1] + 1):
        theta, before = (theta - c.alpha * (c.quad.H * theta - b) + beta * (theta - before)
                         ).applyfunc(sympy.nsimplify), theta
        if t in steps:
            got[t] = theta
    return got


def ask_theta_t(c: Ctx) -> None:
    """θ_{t+1} = θ_t − α(Hθ_t − b) + β(θ_t − θ_{t−1}) (β = 0 for gradient descent) from the
    stated θ_0 at rest (θ_{−1} = θ_0), exactly, for each asked t."""
    spec = c.spec
    b, theta, beta = _start(c)
    steps = sorted(set(spec.steps or []))
    momentum = c.method == O.HEAVY_BALL.key
    rows = [Equation.of(Tex(r"\theta_{t+1}"), Tex(
                r"\theta_t - \alpha(H\theta_t - b) + \beta(\theta_t - \theta_{t-1})" if momentum
                else r"\theta_t - \alpha(H\theta_t - b)")),
            Equation.of(Tex(r"\theta_0"), theta.T)]
    if momentum:
        rows.append(Equation.of(Tex(r"\theta_{-1}"), Tex(r"\theta_0")))
    got = _iterates(c, b, theta, beta, steps)
    rows += [Equation.of(Tex(f"\\theta_{{{t}}}"), got[t].T) for t in steps][:max(0, 8 - len(rows))]
    how = (f"$\\alpha = {_il(c.alpha)}$, $\\beta = {_il(beta)}$ from $\\theta_0$ at rest "
           "($\\theta_{-1} = \\theta_0$, so the first step is a plain gradient step: PyTorch's "
           "first momentum buffer is the first gradient)" if momentum else
           f"$\\alpha = {_il(c.alpha)}$ from $\\theta_0$")
    c.der.add("Iterates", f"Apply the update with {how}, step by step, in exact arithmetic.",
              *rows)
    for t in spec.steps or []:
        c.answer(Q.THETA_T.key, f"theta_{t}", f"\\theta_{{{t}}}", got[t], note=f"t = {t}")
        if c.quad.n <= SHOW_MAX:
            c.summary.append(f"$\\theta_{{{t}}} = {to_latex(got[t].T)}^\\top$")


def ask_value_t(c: Ctx) -> None:
    """f(θ_t) at each asked t: the written function at the exact iterate (its constant term
    included), else ½θ_tᵀHθ_t − bᵀθ_t; the iterates as in :func:`ask_theta_t`."""
    spec = c.spec
    Hm = c.quad.H
    b, theta, beta = _start(c)
    wanted = sorted(set(spec.value_steps or []))
    got = _iterates(c, b, theta, beta, wanted)
    if spec.function is not None:
        expr, xs = function_of(spec)
        how = f"Substitute each iterate into $f = {sympy.latex(expr)}$."

        def value(th: Any) -> Any:
            return sympy.nsimplify(expr.subs(dict(zip(xs, list(th)))))
    else:
        how = "Evaluate $f(\\theta) = \\tfrac12\\theta^\\top H\\theta - b^\\top\\theta$ at each iterate."

        def value(th: Any) -> Any:
            return sympy.nsimplify((th.T * Hm * th)[0] / 2 - (b.T * th)[0])
    vals = {t: value(got[t]) for t in wanted}
    c.der.add("Objective at the iterates", how,
              *[Equation.of(Tex(f"f(\\theta_{{{t}}})"), vals[t]) for t in wanted][:8])
    for t in spec.value_steps or []:
        c.answer(Q.VALUE_T.key, f"f(theta_{t})", f"f(\\theta_{{{t}}})", vals[t], note=f"t = {t}")
        c.summary.append(f"$f(\\theta_{{{t}}}) = {_num(vals[t])}$")


ASKS = {"objective-minimiser": ask_minimiser, "hessian": ask_hessian, "converges": ask_converges,
        "eigenvalues": ask_eigenvalues, "theta-t": ask_theta_t, "value-t": ask_value_t,
        "max-step": ask_max_step, "condition-number": ask_condition_number,
        "optimal-step": ask_optimal_step, "optimal-rate": ask_optimal_rate, "rate": ask_rate,
        "optimal-momentum": ask_optimal_momentum,
        "iterations": ask_iterations, "regime": ask_regime,
        "iteration-matrix": ask_iteration_matrix, "effective-step": ask_effective_step,
        "pytorch": ask_pytorch, "zero-curvature": ask_zero_curvature,
        Q.SMOOTHNESS.key: lambda c: ask_extreme_curvature(c, True),
        Q.STRONG_CONVEXITY.key: lambda c: ask_extreme_curvature(c, False),
        Q.SLOWEST_DIRECTION.key: ask_slowest_direction}


# --------------------------------------------------------------------------- entry point

def solve(spec: QuadraticDynamicsSpec, *, figures: bool = True) -> PartSolution:
    """Exact answers to every ask, with the derivation, facts for the witnesses and figures."""
    quad = quad_of(spec)
    alpha, beta = _resolve(spec, quad)
    der = Derivation()
    c = Ctx(spec, quad, der, alpha, beta, QuadraticDynamicsFacts(quad, alpha, beta))
    _recursion(der, spec, quad)
    asked = list(dict.fromkeys(spec.asks))
    for ask in asked:
        ASKS[ask](c)
    interp = _interpretation(c)
    drawn: list[Figure] = []
    diagnostics: list[str] = []
    if figures:
        try:
            from optiproof.families.quadratic_dynamics.figures import figures_for

            drawn = figures_for(c)
        except Exception as exc:  # noqa: BLE001 - a figure must never break a solved part
            diagnostics.append(f"figure not drawn: {type(exc).__name__}: {exc}")
    return PartSolution(
        label=spec.label, family=KEY, question=spec.question,
        analysis=_analysis(spec, quad), steps=der.steps, answers=c.answers, asked=asked,
        identifications=c.identifications,
        identified_as=c.ident or spec.entry.name, interpretation=interp,
        summary=_cap("; ".join(c.summary)) + ".", figures=drawn, diagnostics=diagnostics,
        facts=c.facts)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _interpretation(c: Ctx) -> str:
    if c.method == O.GD.key:
        out = ("Gradient descent on a quadratic is a linear map per eigendirection: the stiffest "
               "direction caps the step at $2/\\lambda_{\\max}$, the flattest one sets the pace, "
               "so the rate is governed by the condition number $\\kappa$ and about "
               "$\\tfrac{\\kappa}{2}\\log(1/\\varepsilon)$ steps are needed at the optimal step.")
    else:
        out = ("Momentum turns each direction into a damped oscillator; tuned well it moves the "
               "roots onto a circle of radius about $1 - 1/\\sqrt{\\kappa}$ (heavy ball) instead "
               "of $1 - 2/\\kappa$, so the iteration count scales with $\\sqrt{\\kappa}$ "
               "instead of $\\kappa$.")
    if c.quad.zeros:
        out += (" Zero-curvature directions are invisible to the gradient: they keep their "
                "initial value forever.")
    return out
