"""Solve an implicit-bias part: where the method converges, derived step by step.

Cases, in the order they are decided:

- ``ridge``: the regularised minimiser, a function of lambda, and its lambda -> 0 limit;
- X has full column rank: one zero-loss point, every method reaches it;
- gd / sgd / heavy-ball / nesterov / preconditioned / rescaled-sgd: confined to
  theta0 + P row(X) -> theta0 + P X^T (X P X^T)^+ (y - X theta0);
- sign-gd or the epoch-wise method on one equation: confined to theta0 + span(sign a);
- otherwise (Adam, RMSprop, Adagrad, sign methods on several equations): no closed form; the
  simulated limit with its diagnostics, marked numerical.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from optiproof.catalogue import optimizers as O
from optiproof.catalogue import norms as N
from optiproof.catalogue import quantities as Q
from optiproof.core.exact import Name, exact_rational, inline_latex, to_latex
from optiproof.core.solution import (Analysis, Answer, Derivation, Equation, Figure, PartSolution,
                                     Tex, Variable)
from optiproof.families.implicit_bias import closed_forms as CF
from optiproof.families.implicit_bias import schedules as S
from optiproof.families.implicit_bias.facts import ImplicitBiasFacts
from optiproof.families.implicit_bias.family import KEY
from optiproof.families.implicit_bias.simulate import Run, simulate
from optiproof.families.implicit_bias.spec import STOCHASTIC, TORCH_ADAPTIVE, ImplicitBiasSpec

SHOW_MAX = 8
"""Largest dimension whose matrices and vectors are written out in the derivation."""
UNPRECONDITIONED = (O.GD, O.SGD, O.HEAVY_BALL, O.NESTEROV)
"""Confined methods whose steps are combinations of the data rows themselves."""
CONFINED = (*UNPRECONDITIONED, O.PRECONDITIONED, O.RESCALED_SGD)
"""Methods confined to theta0 + P row(X) for a fixed P."""
PER_EXAMPLE = (O.SGD, O.RESCALED_SGD)
"""Methods whose steps use one example's gradient."""
SIGN_LIKE = (O.SIGN_GD, O.EPOCHWISE)
"""Methods whose step on one equation is a multiple of sign(a)."""


def _answer(name: str, symbol: str, expr: Any, spec: ImplicitBiasSpec, *,
            quantity: str = Q.LIMIT.key, note: str = "") -> Answer:
    """An answer about the part's method (a limit unless ``quantity`` says otherwise)."""
    return Answer(name, symbol, expr, "unique", note=note, quantity=quantity,
                  subject=spec.method.name)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _small(prob: CF.Problem) -> bool:
    return prob.exact and prob.d <= SHOW_MAX and prob.m <= SHOW_MAX


def _theta_symbols(d: int) -> sympy.Matrix:
    return sympy.Matrix([sympy.Symbol(f"theta_{j + 1}") for j in range(d)])


def _c_text(spec: ImplicitBiasSpec, prob: CF.Problem) -> str:
    return {"sum": "c = 1", "half-sum": r"c = \tfrac{1}{2}", "mean": r"c = \tfrac{1}{m}",
            "half-mean": r"c = \tfrac{1}{2m}"}[spec.loss] + (
        f" = {to_latex(prob.c)}" if spec.loss in ("mean", "half-mean") else "")


def _vec(v: np.ndarray) -> sympy.Matrix:
    return CF.exact_float_matrix(v)


# --------------------------------------------------------------------------- analysis

def _analysis(spec: ImplicitBiasSpec, prob: CF.Problem, consistent: bool, rank: int) -> Analysis:
    m, d = prob.m, prob.d
    variables = []
    if prob.single_equation:
        variables.append(Variable("a", "the single data row (the equation is $a^\\top\\theta = b$)",
                                  rf"\mathbb{{R}}^{{{d}}}"))
        variables.append(Variable("b", "its right-hand side", r"\mathbb{R}"))
    else:
        variables.append(Variable("X", "data matrix, one example $x_i^\\top$ per row",
                                  rf"\mathbb{{R}}^{{{m} \times {d}}}"))
        variables.append(Variable("y", "targets", rf"\mathbb{{R}}^{{{m}}}"))
    variables += [Variable(r"\theta", "learnable parameters", rf"\mathbb{{R}}^{{{d}}}"),
                  Variable(r"\theta_0", "the starting point", rf"\mathbb{{R}}^{{{d}}}"),
                  Variable(r"\alpha_t", "step size (learning rate) at step $t$",
                           r"\mathbb{R}_{>0}")]
    method = spec.method.entry
    if method in (O.HEAVY_BALL, O.NESTEROV):
        variables.append(Variable(r"\beta", "momentum coefficient", "[0, 1)"))
    if method is O.PRECONDITIONED:
        variables.append(Variable("P", "fixed symmetric positive definite preconditioner",
                                  rf"\mathbb{{R}}^{{{d} \times {d}}}"))
    if method is O.EPOCHWISE:
        variables.append(Variable("M_k", "diagonal scaling of epoch $k$",
                                  rf"\mathbb{{R}}^{{{d} \times {d}}}"))
    if method is O.RIDGE:
        variables.append(Variable(r"\lambda", "weight-decay coefficient", r"\mathbb{R}_{>0}"))
    ctext = _c_text(spec, prob)
    assumptions = [
        f"Squared loss $f(\\theta) = c\\,\\lVert X\\theta - y\\rVert^2$ with ${ctext}$ "
        "(the stated convention). The constant $c$ only rescales the gradient, hence the "
        "admissible step sizes; it never moves the limit of an unregularised method"
        + (" (for ridge it enters through $\\lambda/(2c)$)." if method is O.RIDGE else "."),
    ]
    if method in STOCHASTIC:
        assumptions.append("Stochastic steps visit the examples cyclically $i = 1, \\dots, m$ "
                           "and use the per-example loss $f_i(\\theta) = c\\,m\\,(x_i^\\top\\theta "
                           "- y_i)^2$, so that $f = \\frac{1}{m}\\sum_i f_i$.")
    k = d - rank
    if consistent:
        assumptions.append(
            f"The system is consistent: zero-loss points exist and form an affine set of "
            f"dimension $d - \\operatorname{{rank}} X = {d} - {rank} = {k}$"
            + (" (a single point)." if k == 0 else
               ", so the optimizer, not the loss, decides which one is reached."))
    else:
        assumptions.append(
            "The system is inconsistent (no zero-loss point); the question was stated without "
            "presuming zero loss, so the limit is a least-squares solution "
            "($X^\\top(X\\theta - y) = 0$).")
    assumptions.append("Step sizes are small enough to converge; the derivation states the "
                       "range and the witness uses a value inside it.")
    objective = None
    if prob.exact and d <= 6 and m <= 4:
        th = _theta_symbols(d)
        res = prob.X * th - prob.y
        expr = sum((prob.c * r ** 2 for r in res), sympy.Integer(0))
        objective = Equation.of(Tex(r"f(\theta)"), expr)
    else:
        objective = Equation.of(Tex(r"f(\theta)"), Tex(r"c\,\lVert X\theta - y\rVert^2"))
    return Analysis(tuple(variables), tuple(assumptions), objective,
                    f"Find the limit $\\theta_\\infty = \\lim_{{t\\to\\infty}} \\theta_t$ of "
                    f"{method.name} started at $\\theta_0$.")


def _gradient_step(der: Derivation, prob: CF.Problem, per_example: bool) -> None:
    """grad f = 2c X^T (X theta - y): always a combination of the rows of X."""
    eqs = []
    if per_example:
        eqs.append(Equation.of(Tex(r"\nabla f_i(\theta)"),
                               Tex(r"2c\,m\,(x_i^\top\theta - y_i)\,x_i")))
    eqs.append(Equation.of(Tex(r"\nabla f(\theta)"), Tex(r"2c\,X^\top (X\theta - y)")))
    if _small(prob) and prob.d <= 6:
        th = _theta_symbols(prob.d)
        g = 2 * prob.c * prob.X.T * (prob.X * th - prob.y)
        if prob.m == 1:
            r = sympy.expand((prob.X * th - prob.y)[0])
            g = sympy.MatMul(2 * prob.c * r, prob.X.T, evaluate=False)
        eqs.append(Equation.of(Tex(r"\nabla f(\theta)"), g))
    der.add("Gradient of the loss",
            "Differentiating the squared loss gives a weighted combination of the data rows: "
            "whatever $\\theta$ is, the gradient lies in the row space of $X$. The constant $c$ "
            "multiplies it, so another loss convention only rescales $\\alpha$.", *eqs)


# --------------------------------------------------------------------------- confined methods

CONFINEMENT_TEXT = {
    O.GD.key: "Every step subtracts $\\alpha\\nabla f(\\theta_t)$, a vector in the row space of "
              "$X$. By induction $\\theta_t - \\theta_0$ stays in that row space: the component "
              "of $\\theta_0$ along the null space of $X$ is never touched.",
    O.SGD.key: "Each step subtracts a multiple of a single row $x_i$ (the per-example gradient). "
               "Sums of rows stay in the row space, so $\\theta_t - \\theta_0$ never leaves it, "
               "whatever the order of the examples.",
    O.HEAVY_BALL.key: "The update is $\\theta_{t+1} = \\theta_t - \\alpha v_{t+1}$ with velocity "
                      "$v_{t+1} = \\beta v_t + \\nabla f(\\theta_t)$, a weighted sum of past "
                      "gradients. Each lies in the row space, so momentum changes the speed along "
                      "the row space but cannot leave it.",
    O.NESTEROV.key: "Nesterov's update (PyTorch form) is $\\theta_{t+1} = \\theta_t - \\alpha "
                    "(\\nabla f(\\theta_t) + \\beta v_{t+1})$ with $v_{t+1} = \\beta v_t + "
                    "\\nabla f(\\theta_t)$: again a combination of gradients, all in the row "
                    "space.",
    O.PRECONDITIONED.key: "Every step subtracts $\\alpha P\\nabla f(\\theta_t)$, i.e. $P$ "
                          "applied to a row-space vector, so $\\theta_t - \\theta_0$ stays in $P$ "
                          "times the row space - a different subspace from plain gradient "
                          "descent's.",
}


def _step_size_step(der: Derivation, spec: ImplicitBiasSpec, prob: CF.Problem,
                    Pf: np.ndarray | None) -> float:
    """The contraction argument: 0 < alpha < 2/L (GD), 2(1+beta)/L (heavy ball), per example."""
    method = spec.method.entry
    c = float(prob.c)
    if method in PER_EXAMPLE:
        Xs = prob.Xf
        if method is O.RESCALED_SGD:
            s = np.sqrt((Xs ** 2).mean(axis=0))
            Xs = Xs / np.where(s > 0, s, 1.0)
        Lf = S.per_example_curvature(Xs, c)
        if prob.exact:
            s2 = [v ** 2 for v in CF.second_moment_scaling(prob)[0]] if method is O.RESCALED_SGD \
                else [sympy.Integer(1)] * prob.d
            Lx: Any = 2 * prob.c * prob.m * max(
                sum((prob.X[i, j] ** 2 / s2[j] for j in range(prob.d)), sympy.Integer(0))
                for i in range(prob.m))
        else:
            Lx = sympy.Float(Lf, 8)
        der.add("A step size that converges",
                "Each stochastic step on example $i$ moves $\\theta$ towards the hyperplane "
                "$x_i^\\top\\theta = y_i$ by the fraction $\\alpha L_i$ of the distance, where "
                "$L_i = 2cm\\lVert x_i\\rVert^2$ is that example's curvature. For "
                "$0 < \\alpha < 2/\\max_i L_i$ each step is a relaxed projection and the cyclic "
                "sweep converges on a consistent system (Kaczmarz); the witness uses "
                "$\\alpha = 1/\\max_i L_i$.",
                Equation.of(Tex(r"\max_i L_i"), Lx))
        return Lf
    L, _ = S.full_batch_curvature(prob.Xf, c, Pf)
    if prob.exact and prob.m == 1 and method is not O.PRECONDITIONED:
        Lx = 2 * prob.c * (prob.X * prob.X.T)[0]
    else:
        Lx = sympy.Float(L, 8)
    bound = {O.HEAVY_BALL.key: r"0 < \alpha < 2(1+\beta)/L",
             O.NESTEROV.key: r"0 < \alpha \le 1/L"}.get(method.key, r"0 < \alpha < 2/L")
    what = r"2c\,\lambda_{\max}(X P X^\top)" if method is O.PRECONDITIONED else \
        r"2c\,\lambda_{\max}(X X^\top)"
    if method is O.GD and (spec.method.lr0 is not None or spec.method.schedule != "constant"):
        _gd_steps(der, spec, what, Lx)
        return L
    lr0 = getattr(spec.method, "lr0", None)
    if lr0 is not None:
        beta = S.momentum_of(spec.method, prob.Xf, c)
        limit = S.step_bound(method.key, beta) / L
        bound = {O.HEAVY_BALL.key: r"0 < \alpha < 2(1+\beta)/L",
                 O.NESTEROV.key: r"0 < \alpha < 2(1+\beta)/((1+2\beta)L)"}.get(
                     method.key, r"0 < \alpha < 2/L")
        der.add("The given step converges",
                "The loss is quadratic; along the directions the iterates can move, each eigen-"
                "direction of the Hessian contracts by a factor of modulus below one exactly when "
                f"${bound}$ (Jury's test on each mode's characteristic polynomial), where "
                f"$L = {what}$ is the largest curvature. The given step is in that range, so the "
                "limit does not depend on it; the witness runs it.",
                Equation.of(Tex("L"), Tex(what), Lx),
                Equation.chain(Tex(r"\alpha"), ("=", exact_rational(lr0, field="method.lr0")),
                               ("<", sympy.Float(limit, 8))))
        return L
    der.add("A step size that converges",
            "The loss is quadratic; along the directions the iterates can move, each eigen-"
            "direction of the Hessian contracts by a factor of modulus below one exactly when "
            f"${bound}$, where $L = {what}$ is the largest curvature. The witness runs "
            "$\\alpha = 1/L$, inside the range.",
            Equation.of(Tex("L"), Tex(what), Lx))
    return L


def _gd_steps(der: Derivation, spec: ImplicitBiasSpec, what: str, Lx: Any) -> None:
    """The stated steps of gradient descent converge: lr0 < 2/L, and for vanishing steps the
    factors' product tends to 0 because the steps sum to infinity."""
    meth = spec.method
    eqs = [Equation.of(Tex("L"), Tex(what), Lx)]
    if meth.lr0 is not None:
        eqs.append(Equation.chain(Tex(r"\alpha_0"), ("=", exact_rational(meth.lr0,
                                                                          field="method.lr0")),
                                  ("<", Tex(r"2/L"))))
    text = ("Along the row space each eigendirection of the Hessian is multiplied by "
            "$1 - \\alpha_k\\lambda$ per step, of modulus below one while $0 < \\alpha_k < 2/L$"
            f", where $L = {what}$ is the largest curvature. ")
    if meth.schedule == "vanishing":
        lr0 = sympy.Symbol("alpha_0", positive=True) if meth.lr0 is None else \
            exact_rational(meth.lr0, field="method.lr0")
        total, squares, rm = _robbins_monro(lr0, exact_rational(meth.power,
                                                                field="method.power"))
        text += ("With the vanishing steps $\\alpha_k = \\alpha_0/(k+1)^p$ ($\\alpha_0 = 1/L$ "
                 "unless given) the product $\\prod_k(1 - \\alpha_k\\lambda)$ tends to $0$ "
                 "exactly because $\\sum_k\\alpha_k = \\infty$, so the error still vanishes, "
                 "only more slowly, and the limit is the same point. "
                 + ("Both Robbins-Monro conditions hold." if rm else
                    "(Here $\\sum\\alpha_k^2 = \\infty$: the Robbins-Monro condition for noise "
                    "fails, which full-batch descent does not need.)"))
        eqs += [total, squares]
    else:
        text += "The given constant step is in that range, so the limit does not depend on it."
    der.add("The given steps converge", text, *eqs)


def _confined(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation, rank: int
              ) -> tuple[Answer, str, str, ImplicitBiasFacts]:
    """Limits of the row-space-confined methods (P = I, a given P, or second moments)."""
    method = spec.method.entry
    rescaled = method is O.RESCALED_SGD
    P = Pf = None
    if method is O.PRECONDITIONED:
        P, Pf = CF.preconditioner_of(spec, prob)
    s_exact, s_f = CF.second_moment_scaling(prob)
    if rescaled:
        Pf = np.diag(1.0 / s_f ** 2)
        if prob.exact:
            P = sympy.diag(*[1 / v ** 2 for v in s_exact])
    _gradient_step(der, prob, per_example=method in PER_EXAMPLE)

    if rescaled:
        eqs = [Equation.of(Tex(r"s_j"), Tex(r"\sqrt{\tfrac{1}{m}\textstyle\sum_i X_{ij}^2}")),
               Equation.of(Tex(r"\tilde X"), Tex(r"X D^{-1},\quad z = D\theta,\quad "
                                                   r"D = \operatorname{diag}(s)"))]
        if _small(prob):
            eqs.insert(1, Equation.of(Tex("s"), s_exact))
            Xt = prob.X * sympy.diag(*s_exact).inv()
            eqs.append(Equation.of(Tex(r"\tilde X"), Xt))
        der.add("Rescale the features",
                "Divide feature $j$ by the root of its second moment $s_j$, so every rescaled "
                "feature has unit second moment; the model is unchanged if the parameters are "
                "multiplied by $s_j$, i.e. $\\tilde X z = X\\theta$ with $z = D\\theta$."
                + (" With one example the second moment of feature $j$ is $a_j^2$, so "
                   "$s_j = |a_j|$ and every rescaled feature is $\\operatorname{sign}(a_j)$."
                   if prob.m == 1 else "") +
                " (A feature that is identically zero is left unscaled: it never moves.)", *eqs)
        der.add("SGD in rescaled coordinates is preconditioned SGD",
                "SGD on $z$ moves $z$ within $z_0 + \\operatorname{row}(\\tilde X)$. Mapping "
                "back, $\\theta = D^{-1}z$ moves within $\\theta_0 + D^{-1}\\operatorname{row}"
                "(X D^{-1}) = \\theta_0 + D^{-2}\\operatorname{row}(X)$: rescaling is "
                "preconditioning by $P = D^{-2} = \\operatorname{diag}(1/s_j^2)$.",
                Equation.of(Tex(r"\theta_t"), Tex(r"\theta_0 + D^{-2} X^\top w_t")))
    else:
        rows = "X^\\top w_t" if P is None and Pf is None else "P X^\\top w_t"
        der.add("The iterates are confined", CONFINEMENT_TEXT[method.key],
                Equation.of(Tex(r"\theta_t"), Tex(rf"\theta_0 + {rows},\quad "
                                                  r"w_t \in \mathbb{R}^{m}")))
    _step_size_step(der, spec, prob, Pf if method is O.PRECONDITIONED else None)

    Ptex = "" if method in UNPRECONDITIONED else (
        "P" if method is O.PRECONDITIONED else "D^{-2}")
    if prob.exact:
        lim = CF.confined_limit(prob, P)
        theta = lim.theta
        consistent = lim.consistent
    else:
        theta = _vec(CF.confined_limit_float(prob, Pf))
        consistent = True
        lim = None
    gram_tex = rf"X {Ptex} X^\top" if Ptex else r"X X^\top"
    if consistent:
        eqs = [Equation.of(Tex(gram_tex + " w"), Tex(r"y - X\theta_0"))]
        if _small(prob) and lim is not None:
            wsym = sympy.Matrix([sympy.Symbol(f"w_{i + 1}") for i in range(len(lim.rows))])
            eqs.append(Equation.of(lim.gram * wsym, lim.residual0.extract(lim.rows, [0])))
        der.add("Where the confined path meets the solution set",
                "The limit is a zero-loss point of the form in the confinement step. "
                "Substituting it into $X\\theta = y$ gives a small linear system for the "
                "coefficients $w$" + (", using a maximal set of independent rows of $X$"
                                     if lim is not None and len(lim.rows) < prob.m else "") +
                "; its matrix is positive definite, so there is exactly one such point.", *eqs)
    else:
        der.add("Where the confined path meets the least-squares set",
                "No zero-loss point exists; the iterates still stay in the same affine set and "
                "converge to a stationary point, $X^\\top(X\\theta - y) = 0$. Within the affine "
                "set this normal equation has exactly one solution (the coefficients solve a "
                "least-squares problem with a full-column-rank matrix).",
                Equation.of(Tex(rf"(X {Ptex} X^\top)^\top (X {Ptex} X^\top)\, w"),
                            Tex(rf"(X {Ptex} X^\top)^\top (y - X\theta_0)")))
    formula = (rf"\theta_0 + {Ptex} X^\top ({gram_tex})^{{+}}(y - X\theta_0)")
    eqs = []
    if _small(prob) and lim is not None:
        eqs.append(Equation.of(Tex("w"), lim.w))
    eqs.append(Equation.of(Tex(r"\theta_\infty"), Tex(formula), theta))
    text = "Solve for $w$ and substitute back."
    if prob.single_equation and prob.exact and method in UNPRECONDITIONED \
            and all(v == 0 for v in prob.theta0):
        n2 = (prob.X * prob.X.T)[0]
        text += (f" From $\\theta_0 = 0$ this is $\\theta_\\infty = b\\,a/\\lVert a\\rVert^2$ with "
                 f"$\\lVert a\\rVert^2 = {to_latex(n2)}$, i.e. the data row itself, scaled to "
                 "satisfy the equation.")
    if rescaled and _small(prob):
        z = sympy.diag(*s_exact) * theta
        eqs.insert(0, Equation.of(Tex(r"z_\infty"), sympy.simplify(z)))
        text += (" In rescaled units the limit is $z_\\infty$; mapping back divides coordinate "
                 "$j$ by $s_j$.")
    der.add("The limit", text, *eqs)

    metric = {"": r"\lVert\theta - \theta_0\rVert_2",
              "P": r"\lVert\theta - \theta_0\rVert_{P^{-1}}",
              "D^{-2}": r"\lVert D(\theta - \theta_0)\rVert_2"}[Ptex]
    W = {"": "", "P": "_{P^{-1}}", "D^{-2}": "_{D^2}"}[Ptex]
    der.add("Why this solution: the closest one in the method's geometry",
            "Any other zero-loss $\\theta$ differs from $\\theta_\\infty$ by a null-space vector, "
            "while $\\theta_\\infty - \\theta_0 = " + (Ptex or "") + "X^\\top w$. In the inner "
            "product " + (f"weighted by ${W[2:-1]}$" if W else "of $\\mathbb{R}^d$") +
            " the cross term is $(X(\\theta - \\theta_\\infty))^\\top w = 0$, so Pythagoras "
            "applies and $\\theta_\\infty$ minimises " + f"${metric}$ over the solution set.",
            Equation.of(Tex(rf"\lVert\theta - \theta_0\rVert{W}^2"),
                        Tex(rf"\lVert\theta_\infty - \theta_0\rVert{W}^2 + "
                            rf"\lVert\theta - \theta_\infty\rVert{W}^2")))
    zero = all(float(v) == 0 for v in prob.theta0f)
    if not consistent:
        ident = ("the least-squares solution closest to θ0 in " +
                 {"": "Euclidean distance", "P": "the P^{-1} metric",
                  "D^{-2}": "the second-moment metric"}[Ptex])
    elif Ptex == "":
        ident = ("the minimum-Euclidean-norm solution X^+ y" if zero else
                 "the solution closest to θ0 in Euclidean distance, θ0 + X^+(y - X θ0)")
    elif Ptex == "P":
        ident = ("the projection of θ0 onto the solution set in the P^{-1} metric "
                 "(the solution minimising (θ-θ0)^T P^{-1} (θ-θ0))")
    else:
        ident = ("the solution closest to θ0 in the second-moment metric "
                 "Σ_j s_j^2 (θ_j - θ0_j)^2 (preconditioning by diag(1/s_j^2))")
    subspace = {"": r"\theta_0 + \operatorname{row}(X)",
                "P": r"\theta_0 + P\,\operatorname{row}(X)",
                "D^{-2}": r"\theta_0 + D^{-2}\operatorname{row}(X)"}[Ptex]
    answer = _answer("limit", r"\theta_\infty", theta, spec, note=f"confined to ${subspace}$")
    interp = (f"{_cap(method.name)} can only move inside ${subspace}$; the "
              "solution set meets that affine set in exactly one point, and that point is the "
              f"limit. It is the solution closest to $\\theta_0$ measured by ${metric}$.")
    return answer, ident, interp, ImplicitBiasFacts("confined", consistent)


def _robbins_monro(lr0: Any, power: Any) -> tuple[Equation, Equation, bool]:
    """sum_k alpha_k and sum_k alpha_k^2 of alpha_k = lr0/(k + 1)^power, summed by SymPy; the
    Robbins-Monro conditions hold when the first diverges and the second converges."""
    k = sympy.Symbol("k", integer=True, nonnegative=True)
    step = lr0 / (k + 1) ** power
    total = sympy.summation(step, (k, 0, sympy.oo))
    squares = sympy.summation(step ** 2, (k, 0, sympy.oo))
    return (Equation.of(Tex(r"\sum_{k \ge 0} \alpha_k"), total),
            Equation.of(Tex(r"\sum_{k \ge 0} \alpha_k^2"), squares),
            total == sympy.oo and squares.is_finite is True)


def _sign_steps(der: Derivation, spec: ImplicitBiasSpec, prob: CF.Problem, l1: Any,
                r0: Any) -> bool:
    """Whether the residual r_t = a^T theta_t - b of the stated steps tends to 0 (derived per
    schedule: geometric, vanishing, constant)."""
    method = spec.method
    sched = S.sign_schedule_of(method, prob.Xf, prob.yf, prob.theta0f)
    recursion = Equation.chain(Tex(r"|r_{t+1}|"),
                               ("=", Tex(r"\bigl||r_t| - \alpha_t\lVert a\rVert_1\bigr|")),
                               (r"\le", Tex(r"\alpha_t\lVert a\rVert_1")))
    head = ("Along the line the residual $r_t = a^\\top\\theta_t - b$ obeys $r_{t+1} = r_t - "
            "\\alpha_t\\lVert a\\rVert_1\\operatorname{sign}(r_t)$")
    if isinstance(sched, S.Constant):
        lr0 = exact_rational(method.lr0, field="method.lr0")
        n = abs(r0) / (lr0 * l1)
        hits = n.is_integer
        der.add("A constant step",
                head + ". With a constant step every move has the same size $\\alpha\\lVert a"
                "\\rVert_1$, so the residual reaches $0$ exactly when $|r_0|$ is a whole number "
                "of moves (then $\\operatorname{sign}(0) = 0$ stops it); otherwise it overshoots "
                "and alternates for ever between two values of opposite sign, and the iterates "
                "have no limit." + (f" Here $|r_0|/(\\alpha\\lVert a\\rVert_1) = {to_latex(n)}$ "
                                    "moves: it lands on the solution set." if hits else
                                    f" Here $|r_0|/(\\alpha\\lVert a\\rVert_1) = {to_latex(n)}$ "
                                    "is not a whole number: no limit."),
                Equation.of(Tex(r"\frac{|r_0|}{\alpha\lVert a\rVert_1}"), n))
        return bool(hits)
    if isinstance(sched, S.Vanishing):
        lr0 = sympy.nsimplify(sched.lr0) if method.lr0 is None else exact_rational(
            method.lr0, field="method.lr0")
        power = exact_rational(method.power, field="method.power")
        total, squares, rm = _robbins_monro(lr0, power)
        der.add("Vanishing steps",
                head + ". With $\\alpha_t = \\alpha_0/(t+1)^p$, $0 < p \\le 1$, the steps sum to "
                "infinity, so the residual reaches zero's neighbourhood from any start, and once "
                "it has changed sign $|r_t| \\le \\alpha_{t-1}\\lVert a\\rVert_1 \\to 0$. "
                + ("Both Robbins-Monro conditions hold ($\\sum\\alpha_k = \\infty$, "
                   "$\\sum\\alpha_k^2 < \\infty$)." if rm else
                   "Only $\\sum\\alpha_k = \\infty$ is needed here (there is no noise), and "
                   "it holds; $\\sum\\alpha_k^2$ diverges for $p \\le 1/2$."),
                Equation.of(Tex(r"\alpha_t"), Tex(r"\frac{\alpha_0}{(t+1)^p}")), total, squares,
                recursion)
        return True
    ok = sched.gamma >= 0.5 and sched.lr0 * float(l1) / (1 - sched.gamma) > abs(float(r0))
    der.add("Step sizes that converge",
            head + ": a constant step overshoots back and forth forever, so the steps must "
            "decay. With $\\alpha_t = \\alpha_0\\gamma^t$, $\\gamma \\ge 1/2$ and total travel "
            "$\\alpha_0\\lVert a\\rVert_1/(1-\\gamma) > |r_0|$, the residual first crosses zero "
            "and from then on $|r_t| \\le \\alpha_{t-1}\\lVert a\\rVert_1$ (each step is at most "
            "twice the next), so $r_t \\to 0$ geometrically. Here $\\alpha_0 = "
            f"{sched.lr0:.6g}$, $\\gamma = {sched.gamma:.6g}$"
            + (", which satisfies both conditions." if ok else
               ", which does not satisfy them: see the witness."), recursion)
    return True


# --------------------------------------------------------------------------- sign line

def _sign_line(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation
               ) -> tuple[Answer, str, str, ImplicitBiasFacts]:
    """One equation: the epoch-wise method and sign descent move along theta0 + span(sign a)."""
    method = spec.method.entry
    _gradient_step(der, prob, per_example=False)
    if method is O.EPOCHWISE:
        der.add("With one example the scaling is a sign",
                "With $m = 1$ an epoch is a single step, so the mean over the epoch of "
                "$g_{t,j}^2$ is just $g_{t,j}^2$ and $M_t = \\operatorname{diag}(1/|g_{t,j}|)$. "
                "Multiplying the gradient by $M_t$ keeps only its signs: the method is sign "
                "descent in disguise (a coordinate with $a_j = 0$ has $g_j = 0$ and, reading "
                "$1/\\sqrt{0}$ as $0$, never moves).",
                Equation.of(Tex(r"M_t\nabla f_t(\theta_t)"),
                            Tex(r"\operatorname{sign}(\nabla f_t(\theta_t))"),
                            Tex(r"\operatorname{sign}(a^\top\theta_t - b)\,"
                                r"\operatorname{sign}(a)")))
    else:
        der.add("The sign of a multiple of one row",
                "With one equation the gradient is the scalar $2c(a^\\top\\theta - b)$ times "
                "$a$, so its sign pattern is always $\\pm\\operatorname{sign}(a)$.",
                Equation.of(Tex(r"\operatorname{sign}(\nabla f(\theta_t))"),
                            Tex(r"\operatorname{sign}(a^\top\theta_t - b)\,"
                                r"\operatorname{sign}(a)")))
    limit, s, tau = CF.sign_line_limit(prob)
    a = prob.X.row(0).T
    l1 = sum((abs(v) for v in a), sympy.Integer(0))
    eqs = [Equation.of(Tex(r"\theta_t"), Tex(r"\theta_0 + \tau_t\, s,\quad "
                                              r"s = \operatorname{sign}(a)"))]
    if _small(prob):
        eqs.append(Equation.of(Tex("s"), s))
    der.add("The iterates are confined to the sign line",
            "Every step adds a multiple of the same vector $s = \\operatorname{sign}(a)$, so "
            "$\\theta_t$ moves on the line through $\\theta_0$ with direction $s$ - not along "
            "$a$ as gradient descent does. Only the scalar $\\tau_t$ changes.", *eqs)
    r0 = (a.T * prob.theta0)[0] - prob.y[0]
    der.add("Where the sign line meets the solution set",
            "Substitute the line into the equation $a^\\top\\theta = b$; since $a^\\top s = "
            "\\lVert a\\rVert_1$ there is exactly one crossing.",
            Equation.of(Tex(r"a^\top(\theta_0 + \tau s)"), Tex(r"a^\top\theta_0 + \tau\lVert a"
                                                               r"\rVert_1"), Tex("b")),
            Equation.of(Tex(r"\lVert a\rVert_1"), l1),
            Equation.of(Tex(r"\tau_\infty"), Tex(r"\frac{b - a^\top\theta_0}{\lVert a\rVert_1}"),
                        tau))
    der.add("The limit", "Put $\\tau_\\infty$ back into the line.",
            Equation.of(Tex(r"\theta_\infty"), Tex(r"\theta_0 + \tau_\infty s"), limit))
    converges = _sign_steps(der, spec, prob, l1, r0)
    full = all(v != 0 for v in a)
    der.add("Which solution this is",
            "For any solution $\\theta$, $|b - a^\\top\\theta_0| = |a^\\top(\\theta - \\theta_0)| "
            "\\le \\lVert a\\rVert_1\\lVert\\theta - \\theta_0\\rVert_\\infty$, so every solution "
            "is at sup-distance at least $|\\tau_\\infty|$ from $\\theta_0$, and "
            "$\\theta_\\infty$ attains it" + ("" if full else " (not uniquely, since some "
                                               "$a_j = 0$)") + ".",
            Equation.chain(Tex(r"\lVert\theta - \theta_0\rVert_\infty"),
                           (r"\ge", Tex(r"\frac{|b - a^\top\theta_0|}{\lVert a\rVert_1}")),
                           ("=", Tex(r"\lVert\theta_\infty - \theta_0\rVert_\infty"))))
    ident = ("the point where the sign line θ0 + τ·sign(a) meets the solution set a^T θ = b "
             "(the solution closest to θ0 in sup-norm distance" +
             (")" if full else "; one of several)"))
    what = "the epoch-wise method (sign descent here)" if method is O.EPOCHWISE else \
        "sign descent"
    interp = (f"{_cap(what)} moves every coordinate by the same amount per step, so it "
              "travels along $\\theta_0 + \\operatorname{span}(\\operatorname{sign}(a))$ instead "
              "of along $a$: small features get as large an update as big ones. The limit is "
              "therefore where that diagonal line meets the solution set, not the "
              "minimum-norm point.")
    if not converges:
        return (Answer("limit", r"\theta_\infty", None, "none", quantity=Q.LIMIT.key,
                       subject=spec.method.name,
                       note="no limit: the constant steps overshoot and the iterates "
                            "alternate for ever"),
                None, interp, ImplicitBiasFacts("sign-line"))
    return (_answer("limit", r"\theta_\infty", limit, spec,
                    note=r"confined to $\theta_0 + \operatorname{span}(\operatorname{sign}(a))$"),
            ident, interp, ImplicitBiasFacts("sign-line"))


# --------------------------------------------------------------------------- unique / ridge

def _unique(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation, consistent: bool
            ) -> tuple[Answer, str, str, ImplicitBiasFacts]:
    """Full column rank: exactly one (least-squares) solution, the same for every method."""
    _gradient_step(der, prob, per_example=spec.method.entry in STOCHASTIC)
    if prob.exact:
        A = prob.X.T * prob.X
        theta = CF._dm(A).lu_solve(CF._dm(prob.X.T * prob.y)).to_Matrix()
    else:
        theta = _vec(np.linalg.lstsq(prob.Xf, prob.yf, rcond=None)[0])
    eqs = [Equation.of(Tex(r"\theta_\infty"), Tex(r"(X^\top X)^{-1}X^\top y"), theta)]
    der.add("Only one point has zero gradient",
            f"$X$ has full column rank ($\\operatorname{{rank}} X = d = {prob.d}$), so its null "
            "space is $\\{0\\}$ and $X^\\top X$ is invertible: the stationarity condition "
            "$X^\\top(X\\theta - y) = 0$ has exactly one solution" +
            ("" if consistent else " (the least-squares solution; no zero-loss point exists)") +
            ".", *eqs)
    der.add("The method does not matter here",
            "Every method that converges to a stationary point of $f$ must end at this point: "
            "there is no freedom left for the optimizer's implicit bias to choose from "
            "(whether a given method converges at all is a separate question, which the "
            "real-optimizer witness settles). "
            f"{_cap(spec.method.entry.name)} only changes the path.")
    ident = ("the unique " + ("solution of Xθ = y" if consistent else "least-squares solution") +
             " (X has full column rank; every method reaches it)")
    interp = ("With full column rank there is nothing to choose between: gradient descent, "
              "momentum, preconditioning, rescaling, sign and adaptive methods all reach the "
              "same point. Implicit bias only shows when the solution set is larger than a "
              "point.")
    return (_answer("limit", r"\theta_\infty", theta, spec), ident, interp,
            ImplicitBiasFacts("unique", consistent))


def _ridge(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation
           ) -> tuple[list[Answer], str, str, ImplicitBiasFacts]:
    """argmin f + (lam/2)||theta||^2 = X^T (X X^T + lam/(2c) I)^{-1} y, and its lam -> 0 limit."""
    if spec.method.lam is None:
        return _ridgeless(spec, prob, der)
    lam_val = exact_rational(spec.method.lam, field="method.lam")
    _gradient_step(der, prob, per_example=False)
    der.add("The regularised objective",
            "Weight decay $\\lambda$ adds $\\lambda\\theta$ to every gradient (PyTorch's "
            "weight_decay), i.e. gradient descent on $F$ below. $F$ is strongly convex, so it "
            "has one minimiser and gradient descent with $0 < \\alpha < 2/(L + \\lambda)$ "
            "reaches it from any start: $\\theta_0$ is forgotten (its null-space component "
            "decays like $(1 - \\alpha\\lambda)^t$).",
            Equation.of(Tex(r"F(\theta)"), Tex(r"c\,\lVert X\theta - y\rVert^2 + "
                                               r"\tfrac{\lambda}{2}\lVert\theta\rVert^2")))
    der.add("Stationarity",
            "Set the gradient of $F$ to zero and use the push-through identity $(X^\\top X + "
            "\\mu I)^{-1}X^\\top = X^\\top(XX^\\top + \\mu I)^{-1}$ with $\\mu = \\lambda/(2c)$: "
            "the minimiser lies in the row space of $X$.",
            Equation.of(Tex(r"2c\,X^\top(X\theta - y) + \lambda\theta"), Tex("0")),
            Equation.of(Tex(r"\theta_\lambda"), Tex(r"X^\top\bigl(XX^\top + "
                                                    r"\tfrac{\lambda}{2c}I\bigr)^{-1}y")))
    answers = []
    if prob.exact:
        theta = CF.ridge_limit(prob, lam_val)
        lim0 = CF.min_norm_solution(prob)
        lam = sympy.Symbol("lambda", positive=True)
        if prob.m <= 3 and prob.d <= SHOW_MAX:
            theta_lam = CF.ridge_limit(prob, lam)
            der.add("As a function of the weight decay",
                    "Evaluate the formula for this data, keeping $\\lambda$ symbolic.",
                    Equation.of(Tex(r"\theta_\lambda"), theta_lam))
            answers.append(_answer("limit_of_lambda", r"\theta_\lambda", theta_lam, spec))
        der.add("At the given weight decay", "Substitute the given $\\lambda$.",
                Equation.of(Tex(r"\theta_{\lambda}"), theta))
    else:
        X, y = prob.Xf, prob.yf
        mu = float(lam_val) / (2 * float(prob.c))
        theta = _vec(X.T @ np.linalg.solve(X @ X.T + mu * np.eye(prob.m), y))
        lim0 = _vec(np.linalg.pinv(X) @ y)
    der.add("Vanishing weight decay",
            "As $\\lambda \\to 0$ the formula tends to $X^\\top(XX^\\top)^{+}y = X^{+}y$, the "
            "minimum-norm solution measured from the origin - not from $\\theta_0$, because the "
            "penalty pulls towards $0$.",
            Equation.of(Tex(r"\lim_{\lambda\to 0}\theta_\lambda"), Tex(r"X^{+}y"), lim0))
    answers.insert(0, _answer("limit", r"\theta_\infty", theta, spec,
                              note=f"at lambda = {lam_val}"))
    answers.insert(1, _answer("limit_lambda_to_0", r"\lim_{\lambda\to 0}\theta_\lambda", lim0,
                              spec, quantity=Q.RIDGELESS_LIMIT.key))
    ident = ("the ridge solution X^T (X X^T + λ/(2c) I)^{-1} y, independent of θ0; as λ → 0 "
             "it tends to the minimum-norm solution X^+ y")
    interp = ("Weight decay replaces the implicit bias of the optimizer by an explicit one: the "
              "penalty selects the limit, so every convergent method reaches the same "
              "$\\theta_\\lambda$, and the start is forgotten. The price is a nonzero residual "
              "for every $\\lambda > 0$.")
    return answers, ident, interp, ImplicitBiasFacts("regularised")


def _ridgeless(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation
               ) -> tuple[list[Answer], str, str, ImplicitBiasFacts]:
    """Only lim_{lam -> 0} argmin f + (lam/2)||theta||^2 is asked: X^+ y (no lambda needed)."""
    der.add("The regularised minimiser",
            "For every $\\lambda > 0$ the objective $F = c\\lVert X\\theta - y\\rVert^2 + "
            "\\tfrac{\\lambda}{2}\\lVert\\theta\\rVert^2$ is strongly convex; setting its "
            "gradient to zero and using the push-through identity gives its one minimiser, in "
            "the row space of $X$.",
            Equation.of(Tex(r"\theta_\lambda"), Tex(r"X^\top\bigl(XX^\top + "
                                                    r"\tfrac{\lambda}{2c}I\bigr)^{-1}y")))
    lim0 = CF.min_norm_solution(prob) if prob.exact else _vec(np.linalg.pinv(prob.Xf) @ prob.yf)
    der.add("Vanishing weight decay",
            "As $\\lambda \\to 0$ the formula tends to $X^\\top(XX^\\top)^{+}y = X^{+}y$, the "
            "minimum-norm solution measured from the origin, whatever the constant $c$ and the "
            "start: the value of $\\lambda$ does not enter.",
            Equation.of(Tex(r"\lim_{\lambda\to 0}\theta_\lambda"), Tex(r"X^{+}y"), lim0))
    answer = _answer("limit_lambda_to_0", r"\lim_{\lambda\to 0}\theta_\lambda", lim0, spec,
                     quantity=Q.RIDGELESS_LIMIT.key)
    ident = "the λ → 0 limit of ridge regression: the minimum-norm solution X^+ y"
    interp = ("A vanishing penalty still selects one solution among the many: the one closest "
              "to the origin, whatever the start.")
    return [answer], ident, interp, ImplicitBiasFacts("regularised")


# --------------------------------------------------------------------------- numerical

NO_CLOSED_FORM = {
    O.EPOCHWISE.key: "With several examples the scaling $M_k$ mixes the examples' gradients "
                     "and changes every epoch, so the displacement $\\theta_t - \\theta_0$ "
                     "is not confined to a subspace that can be named in advance: the "
                     "limit depends on the whole trajectory and on the step schedule. "
                     "Caution: $M_k$ is frozen at the epoch-start gradients, so once the "
                     "iterate is closer to the solution set than the step size, the later "
                     "gradients of the epoch are large compared with the frozen scaling and "
                     "the steps can blow up; the diagnostics below show whether this run "
                     "converged.",
    O.SIGN_GD.key: "With several examples the sign pattern of $X^\\top(X\\theta - y)$ changes "
                   "along the path, so the direction of motion is not fixed and no closed form is "
                   "known; the limit depends on the trajectory and the step schedule.",
    O.ADAM.key: "Adam's moment estimates are exponential averages over the whole history and "
                "the denominator mixes in $\\varepsilon$, so the per-coordinate scaling "
                "changes every step; no closed form for the limit is known.",
    O.RMSPROP.key: "RMSprop divides by a running average of squared gradients (plus "
                   "$\\varepsilon$) that changes every step; no closed form for the limit is "
                   "known.",
    O.ADAGRAD.key: "Adagrad divides by the root of the accumulated squared gradients (plus "
                   "$\\varepsilon$), a scaling that depends on the whole history; no closed "
                   "form for the limit is known.",
}

UPDATE_RULE = {
    O.EPOCHWISE.key: (r"\theta \leftarrow \theta - \alpha_k M_k\nabla f_i(\theta)",
                      r"M_k = \operatorname{diag}\Bigl(\bigl(\tfrac{1}{m}\textstyle\sum_i "
                      r"g_{i,j}^2\bigr)^{-1/2}\Bigr)"),
    O.SIGN_GD.key: (r"\theta_{t+1}", r"\theta_t - \alpha_t\operatorname{sign}(\nabla f(\theta_t))"),
    O.ADAM.key: (r"\theta_{t+1}", r"\theta_t - \alpha_t\,\hat m_t/(\sqrt{\hat v_t} + "
                 r"\varepsilon)"),
    O.RMSPROP.key: (r"\theta_{t+1}", r"\theta_t - \alpha_t\,g_t/(\sqrt{v_t} + \varepsilon)"),
    O.ADAGRAD.key: (r"\theta_{t+1}", r"\theta_t - \alpha_t\,g_t/(\sqrt{\textstyle\sum_{s\le t}"
                    r" g_s^2} + \varepsilon)"),
}


def _numerical(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation, run: Run
               ) -> tuple[Answer, str | None, str, ImplicitBiasFacts]:
    """No closed form: report the float64 simulated limit with its diagnostics."""
    method = spec.method.entry
    _gradient_step(der, prob, per_example=method is O.EPOCHWISE)
    lhs, rhs = UPDATE_RULE[method.key]
    der.add("The update", "The method's update, as stated (steps and hyper-parameters as in "
            "the spec).", Equation.of(Tex(lhs), Tex(rhs)))
    text = NO_CLOSED_FORM[method.key]
    if prob.m == 1 and method in TORCH_ADAPTIVE:
        _, s, _ = CF.sign_line_limit(prob) if prob.exact else (None, None, None)
        text += (" With one example every gradient is a multiple of $a$, so with "
                 "$\\varepsilon = 0$ the update would be a multiple of $\\operatorname{sign}(a)$ "
                 "and the limit the sign-line point; $\\varepsilon > 0$ breaks this exactly "
                 "when the gradients become small.")
    der.add("No closed form", text + " We therefore report the simulated limit, stated as "
            "numerical, with its convergence diagnostics.")
    theta = _vec(run.theta)
    diag = (f"iterations {run.iterations}; step size at stop {run.step_at_stop:.3g}; residual "
            f"$\\lVert X\\theta - y\\rVert = {run.residual:.3g}$; gradient norm "
            f"{run.gradient_norm:.3g}; {run.reason}")
    der.add("Simulated limit (float64)", "Diagnostics: " + diag + ".",
            Equation.of(Tex(r"\theta_\infty^{\mathrm{num}}"), theta))
    note = "numerical (no closed form): " + diag
    if run.converged:
        ident = ("a zero-loss solution reached numerically (no closed form; it depends on the "
                 "trajectory and the step schedule)")
    else:
        ident = None
        note = "NOT converged: " + note
    interp = (f"{_cap(method.name)} rescales coordinates by quantities that "
              "change along the path, so no fixed subspace confines it and the limit is only "
              "available numerically. It generally differs from the minimum-distance point of "
              "gradient descent.")
    return (_answer("limit", r"\theta_\infty", theta, spec, note=note), ident, interp,
            ImplicitBiasFacts("numerical"))


# --------------------------------------------------------------------------- further asks

def _min_norm(prob: CF.Problem) -> sympy.Matrix:
    """X^+ y, exactly when the data are small enough, else in float64."""
    if prob.exact:
        return CF.min_norm_solution(prob)
    return _vec(np.linalg.pinv(prob.Xf) @ prob.yf)


def _ask_min_norm_solution(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation,
                           limit: Answer) -> list[Answer]:
    """X^+ y: the point of the solution set closest to the origin."""
    point = _min_norm(prob)
    der.add("The minimum-norm solution",
            "Among all (least-squares) solutions, the one of smallest Euclidean norm lies in the "
            "row space of $X$: it is the confined limit started from $\\theta_0 = 0$, "
            "$X^\\top(XX^\\top)^{+}y = X^{+}y$.",
            Equation.of(Tex(r"\theta_{\min}"), Tex(r"X^{+}y"), point))
    return [Answer("minimum-norm solution", r"\theta_{\min}", point,
                   quantity=Q.MIN_NORM_SOLUTION.key)]


def _ask_is_min_norm(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation,
                     limit: Answer) -> list[Answer]:
    """Yes exactly when theta_inf = X^+ y (compared exactly, or to 1e-9 for a simulated
    limit)."""
    if limit.expr is None:
        return [Answer("is the limit the minimum-norm solution", "", None, "none",
                       quantity=Q.IS_MIN_NORM.key, subject=spec.method.name,
                       note="there is no limit to compare")]
    point = _min_norm(prob)
    gap = limit.expr - point
    if any(v.has(sympy.Float) for v in gap):
        scale = max(1.0, float(max(abs(v) for v in point)))
        same = max(abs(float(v)) for v in gap) <= 1e-9 * scale
        how = "compared in float64 (the limit is numerical)"
    else:
        same = gap.is_zero_matrix
        how = "compared exactly"
    der.add("Is it the minimum-norm solution?",
            "Compare the limit with $X^{+}y$ coordinate by coordinate (" + how + ").",
            Equation.of(Tex(r"\theta_\infty - X^{+}y"), gap))
    reason = ("the limit equals $X^{+}y$" if same else
              f"the limit differs from $X^{{+}}y = {inline_latex(point)}$")
    return [Answer("is the limit the minimum-norm solution", "", sympy.true if same else
                   sympy.false, quantity=Q.IS_MIN_NORM.key, subject=spec.method.name,
                   note=reason)]


def _without_limit(name: str, quantity: str, spec: ImplicitBiasSpec, note: str) -> list[Answer]:
    """The answer of an ask about the limit when there is none."""
    return [Answer(name, "", None, "none", quantity=quantity, subject=spec.method.name, note=note)]


DISTANCE_TEXT = (r"Subtract the minimum-norm solution $X^{+}y$ from the limit and take the "
                 r"Euclidean norm. (Both solve the system; the difference lies in the null space "
                 r"of $X$: the part of $\theta_0$, or of a preconditioned path, that the updates "
                 r"never change.)")


def _ask_distance_to_min_norm(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation,
                              limit: Answer) -> list[Answer]:
    """||theta_inf - X^+ y||_2: how far the limit is from the minimum-norm solution."""
    if limit.expr is None:
        return _without_limit("distance from the limit to the minimum-norm solution",
                              Q.DISTANCE_TO_MIN_NORM.key, spec, "there is no limit to measure from")
    point = _min_norm(prob)
    gap = sympy.Matrix(limit.expr) - point
    dist = sympy.sqrt(sum((v ** 2 for v in gap), sympy.Integer(0)))
    if not any(v.has(sympy.Float) for v in gap):
        dist = sympy.radsimp(sympy.nsimplify(dist))
    norm = Tex(r"\lVert \theta_\infty - X^{+}y \rVert_2")
    der.add("Distance from the limit to the minimum-norm solution", DISTANCE_TEXT,
            Equation.of(Tex(r"\theta_\infty - X^{+}y"), gap), Equation.of(norm, dist))
    return [Answer("distance from the limit to the minimum-norm solution",
                   r"\lVert \theta_\infty - X^{+}y \rVert_2", dist,
                   quantity=Q.DISTANCE_TO_MIN_NORM.key, subject=spec.method.name)]


def _ask_optimal_momentum(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation,
                          limit: Answer) -> list[Answer]:
    """At alpha = 1/L: Nesterov beta* = (1 - sqrt(mu/L))/(1 + sqrt(mu/L)), heavy ball
    (1 - sqrt(mu/L))^2; both contract at 1 - sqrt(mu/L) = 1 - 1/sqrt(kappa)."""
    mu, L = CF.row_space_curvature(prob)
    r = sympy.radsimp(sympy.sqrtdenest(sympy.sqrt(mu)) / sympy.sqrtdenest(sympy.sqrt(L)))
    nesterov = spec.method.entry is O.NESTEROV
    beta = sympy.radsimp(sympy.simplify((1 - r) / (1 + r) if nesterov else (1 - r) ** 2))
    rate = sympy.radsimp(sympy.simplify(1 - r))
    der.add("The best momentum at the step 1/L",
            "Along the row space the loss is a quadratic with curvatures between $\\mu$ and "
            "$L$, the smallest and largest nonzero eigenvalues of $2cX^\\top X$ (the null "
            "space never moves). At $\\alpha = 1/L$ the slowest direction has the factor "
            "$1 - \\mu/L$; the momentum that puts a double root there is the best, and every "
            "other direction then contracts at least as fast: "
            + ("$(1 + \\beta)^2(1 - 1/\\kappa) = 4\\beta$ for Nesterov." if nesterov else
               "$\\beta = (1 - \\sqrt{\\alpha\\mu})^2$ for heavy ball."),
            Equation.of(Tex(r"(\mu, L)"), sympy.Tuple(mu, L)),
            Equation.of(Tex(r"\beta^\star"), Tex(r"\frac{\sqrt{\kappa} - 1}{\sqrt{\kappa} + 1}"
                                                 if nesterov else
                                                 r"\Bigl(1 - \frac{1}{\sqrt{\kappa}}\Bigr)^2"),
                        beta),
            Equation.of(Tex(r"\rho^\star"), Tex(r"1 - \frac{1}{\sqrt{\kappa}}"), rate))
    method = spec.method.name
    return [Answer("optimal momentum", r"\beta^\star", beta, quantity=Q.OPTIMAL_MOMENTUM.key,
                   subject=method, note="at the step 1/L"),
            Answer("optimal rate", r"\rho^\star", rate, quantity=Q.OPTIMAL_RATE.key,
                   subject=method, note="per step, along the row space")]


def _ask_changes(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation,
                 limit: Answer) -> list[Answer]:
    """Yes exactly when the limit differs from plain GD's from the same start,
    theta0 + X^+(y - X theta0) (compared exactly, or to 1e-9 for a numerical limit)."""
    if limit.expr is None:
        return _without_limit("does the limit change (against gradient descent)",
                              Q.CHANGES.key, spec, "there is no limit to compare")
    gd = CF.confined_limit(prob).theta if prob.exact else _vec(CF.confined_limit_float(prob))
    gap = sympy.Matrix(limit.expr) - gd
    if any(v.has(sympy.Float) for v in gap):
        same = max(abs(float(v)) for v in gap) <= 1e-9 * max(1.0, max(abs(float(v)) for v in gd))
        how = "compared in float64 (the limit is numerical)"
    else:
        same = gap.is_zero_matrix
        how = "compared exactly"
    der.add("Does the limit change?",
            "Plain gradient descent from the same start on the same data converges to "
            "$\\theta_0 + X^{+}(y - X\\theta_0)$; compare it with this limit coordinate by "
            "coordinate (" + how + ").",
            Equation.of(Tex(r"\theta_\infty - \theta_\infty^{\mathrm{GD}}"), gap))
    reason = ("the limit equals gradient descent's" if same else
              f"gradient descent from the same start ends at ${inline_latex(gd)}$ instead")
    return [Answer("does the limit change (against gradient descent)", "",
                   sympy.false if same else sympy.true, quantity=Q.CHANGES.key,
                   subject=spec.method.name, note=reason)]


def _euclidean_norm(v: Any) -> Any:
    n = sympy.sqrt(sum((x ** 2 for x in v), sympy.Integer(0)))
    return n if any(x.has(sympy.Float) for x in v) else sympy.radsimp(sympy.nsimplify(n))


def _ask_norm(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation,
              limit: Answer) -> list[Answer]:
    """||theta_inf||_2, and ||X^+ y||_2 when the minimum-norm solution is asked too."""
    if limit.expr is None:
        return _without_limit("Euclidean norm of the limit", Q.NORM_VALUE.key, spec,
                              "there is no limit to measure")
    sq = spec.norm_squared
    power, what = ("^2", f"squared {N.L2.name}") if sq else ("", N.L2.name)
    norm = _euclidean_norm(sympy.Matrix(limit.expr))
    norm = sympy.expand(norm ** 2) if sq else norm
    point = (r"\lim_{\lambda\to 0}\theta_\lambda" if limit.quantity == Q.RIDGELESS_LIMIT.key
             else r"\theta_\infty")
    eqs = [Equation.of(Tex(rf"\lVert {point} \rVert_2{power}"), norm)]
    out = [Answer(f"{what} of the limit", rf"\lVert {point} \rVert_2{power}", norm,
                  quantity=Q.NORM_VALUE.key, subject=spec.method.name)]
    if Q.MIN_NORM_SOLUTION.key in spec.asked:
        mn = _euclidean_norm(_min_norm(prob))
        mn = sympy.expand(mn ** 2) if sq else mn
        eqs.append(Equation.of(Tex(rf"\lVert X^{{+}}y \rVert_2{power}"), mn))
        out.append(Answer(f"{what} of the minimum-norm solution",
                          rf"\lVert X^{{+}}y \rVert_2{power}", mn, quantity=Q.NORM_VALUE.key,
                          subject="minimum-norm solution"))
    der.add(f"{_cap(what)}s", "The sum of the squared coordinates" + ("." if sq else
                                                                      ", and its root."), *eqs)
    return out


WHICH_NORM_NAME = "the norm the limit minimises among all solutions"


def _ask_which_norm(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation,
                    limit: Answer) -> list[Answer]:
    """Which norm of theta - theta0 the limit minimises over the solutions: the Euclidean one
    (GD, SGD, momentum), the P^{-1} or second-moment quadratic form (preconditioned, rescaled),
    or the max norm (sign-like descent on one equation, whose step is along sign a)."""
    method = spec.method.entry
    if limit.expr is None:
        return _without_limit(WHICH_NORM_NAME, Q.WHICH_NORM.key, spec, "there is no limit")
    if CF.rank(prob.X) == prob.d if prob.exact else np.linalg.matrix_rank(prob.Xf) == prob.d:
        return _without_limit(WHICH_NORM_NAME, Q.WHICH_NORM.key, spec,
                              "the system has a single solution: no norm selects it")
    if not prob.exact:
        return _without_limit(WHICH_NORM_NAME, Q.WHICH_NORM.key, spec,
                              "the data are not exact numbers; the form is not derived")
    shift = "" if all(v == 0 for v in prob.theta0) else r" - \theta_0"
    words = "" if not shift else " of θ − θ0"
    if method in SIGN_LIKE:
        der.add("Which norm", "Every step is a multiple of $\\operatorname{sign}(a)$, so the limit is "
                "$\\theta_0 + t\\,\\operatorname{sign}(a)$: all coordinates of $\\theta - \\theta_0$ "
                "have the same size, which is the smallest possible largest coordinate among the "
                "solutions of $a^\\top\\theta = b$.",
                Equation.of(Tex(r"\theta_\infty"), Tex(r"\arg\min_{a^\top\theta = b} \lVert "
                                                        rf"\theta{shift} \rVert_\infty")))
        return [_answer(WHICH_NORM_NAME, "", Name(N.LINF.key, "ℓ∞ (max) norm" + words), spec,
                        quantity=Q.WHICH_NORM.key)]
    if method is O.PRECONDITIONED:
        W = CF.preconditioner_of(spec, prob)[0].inv()
    elif method is O.RESCALED_SGD:
        W = sympy.diag(*[v ** 2 for v in CF.second_moment_scaling(prob)[0]])
    else:
        W = sympy.eye(prob.d)
    form = r"(\theta - \theta_0)^\top W (\theta - \theta_0)" if shift else r"\theta^\top W \theta"
    text = ("The iterates stay in $\\theta_0 + W^{-1}\\operatorname{row}(X)$, and the one "
            "solution there is the closest to $\\theta_0$ in the metric $W$ (its optimality "
            "condition $W(\\theta - \\theta_0) \\in \\operatorname{row}(X)$).")
    if W == sympy.eye(prob.d):
        der.add("Which norm", text, Equation.of(Tex("W"), Tex("I")))
        return [_answer(WHICH_NORM_NAME, "", Name(N.L2.key, "Euclidean (ℓ2) norm" + words), spec,
                        quantity=Q.WHICH_NORM.key), *_weight_matrix(spec, der, W)]
    coords = sympy.Matrix(sympy.symbols(f"{spec.coordinates}1:{prob.d + 1}", real=True))
    gap = coords - prob.theta0
    expr = sympy.expand((gap.T * W * gap)[0])
    der.add("Which norm", text, Equation.of(Tex("W"), W), Equation.of(Tex(form), expr))
    return [_answer(WHICH_NORM_NAME, form, expr, spec, quantity=Q.WHICH_NORM.key,
                    note="the squared norm in the metric W, up to a positive factor"),
            *_weight_matrix(spec, der, W)]


def _weight_matrix(spec: ImplicitBiasSpec, der: Derivation, W: Any) -> list[Answer]:
    """The matrix W of the quadratic form, scaled so that the asked diagonal entry is 1 (W is
    fixed only up to a positive factor: any multiple has the same minimiser)."""
    i = spec.weight_entry
    if i is None:
        return []
    if i > W.rows or W[i - 1, i - 1] == 0:
        return _without_limit("weight matrix of the norm", Q.WHICH_NORM.key, spec,
                              f"W_{i}{i} is not a positive diagonal entry")
    scaled = sympy.simplify(W / W[i - 1, i - 1])
    der.add("The weight matrix", f"Only the direction of $W$ matters (a positive multiple has "
            f"the same minimiser), so scale it to $W_{{{i}{i}}} = 1$.",
            Equation.of(Tex("W"), scaled))
    return [_answer("weight matrix of the norm", "W", scaled, spec, quantity=Q.WHICH_NORM.key,
                    note=f"scaled so that W_{i}{i} = 1")]


def _ask_preconditioner(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation,
                        limit: Answer) -> list[Answer]:
    """The fixed P of preconditioned gradient descent theta <- theta - eta P grad L that the
    method is: I for gradient descent, the method's own P, diag(1/s_j^2) for SGD on features
    divided by their root second moments s_j (then mapped back); scaled so that P_ii = 1 when
    asked (a positive multiple of P is the same method with another step)."""
    method = spec.method.entry
    name = "equivalent preconditioner"
    if not prob.exact:
        return _without_limit(name, Q.PRECONDITIONER.key, spec,
                              "the data are not exact numbers; P is not derived")
    if method is O.PRECONDITIONED:
        P = CF.preconditioner_of(spec, prob)[0]
        why = "The method is preconditioned gradient descent with this $P$."
    elif method is O.RESCALED_SGD:
        P = sympy.diag(*[1 / v ** 2 for v in CF.second_moment_scaling(prob)[0]])
        why = ("Gradient descent on $z = D\\theta$, $D = \\operatorname{diag}(s)$, mapped back, "
               "moves $\\theta$ by $-\\eta D^{-2}\\nabla L(\\theta)$: $P = D^{-2}$.")
    elif method in (O.GD, O.SGD):
        P = sympy.eye(prob.d)
        why = "Plain gradient descent is the preconditioned method with $P = I$."
    else:   # momentum, Adam-like or ridge: not a fixed-P gradient method
        return _without_limit(name, Q.PRECONDITIONER.key, spec,
                              f"{method.name} is not gradient descent with a fixed P")
    i = spec.preconditioner_entry
    note = ""
    if i is not None:
        if P[i - 1, i - 1] == 0:
            return _without_limit(name, Q.PRECONDITIONER.key, spec,
                                  f"P_{i}{i} is not a positive diagonal entry")
        P = sympy.simplify(P / P[i - 1, i - 1])
        why += f" Scaled so that $P_{{{i}{i}}} = 1$ (a positive multiple only rescales the step)."
        note = f"scaled so that P_{i}{i} = 1"
    der.add("The preconditioner", why, Equation.of(Tex("P"), P))
    return [_answer(name, "P", P, spec, quantity=Q.PRECONDITIONER.key, note=note)]


MAX_STEP_EXACT_ROWS = 3
"""Largest number of examples m for which the top eigenvalue of the m x m matrix 2c X P X^T is
found exactly (a root of a polynomial of degree m); beyond, 15 significant digits."""


def _top_curvature(spec: ImplicitBiasSpec, prob: CF.Problem) -> tuple[Any, Any]:
    """(L, the matrix it is the top eigenvalue of): L = lambda_max(2c P^1/2 X^T X P^1/2), the
    same nonzero spectrum as 2c X P X^T (P = I for methods without a preconditioner)."""
    P = CF.preconditioner_of(spec, prob)[0] if spec.method.entry is O.PRECONDITIONED else None
    if prob.exact:
        G = 2 * prob.c * prob.X * (prob.X.T if P is None else P * prob.X.T)
        if G.is_diagonal() or G.rows <= MAX_STEP_EXACT_ROWS:
            eigs = [sympy.radsimp(sympy.nsimplify(v)) for v in G.eigenvals()]
            return max(eigs, key=lambda v: float(sympy.re(v))), G
    Pf = None if P is None else CF.preconditioner_of(spec, prob)[1]
    L, _ = S.full_batch_curvature(prob.Xf, float(prob.c), Pf)
    return sympy.Float(L, 15), None


def _ask_max_step(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation,
                  limit: Answer) -> list[Answer]:
    """The largest constant step at which the method converges on this loss: 2/L for gradient
    descent and its preconditioned form, 2(1 + beta)/L for heavy ball, 2(1 + beta)/((1 +
    2 beta) L) for Nesterov, L the largest curvature of the loss as written (the Hessian is
    2c X^T X; preconditioned, P^1/2 2c X^T X P^1/2). Convergence needs the step strictly below."""
    method = spec.method.entry
    L, G = _top_curvature(spec, prob)
    beta = sympy.Rational(0) if method in (O.GD, O.PRECONDITIONED) else \
        exact_rational(spec.method.beta, field="method.beta")
    if method is O.HEAVY_BALL:
        bound, form = 2 * (1 + beta), r"\frac{2(1 + \beta)}{L}"
    elif method is O.NESTEROV:
        bound, form = 2 * (1 + beta) / (1 + 2 * beta), r"\frac{2(1 + \beta)}{(1 + 2\beta) L}"
    else:
        bound, form = sympy.Integer(2), r"\frac{2}{L}"
    eta = sympy.radsimp(sympy.nsimplify(bound / L)) if not L.has(sympy.Float) else bound / L
    hessian = (r"2c\,P^{1/2} X^\top X P^{1/2}" if method is O.PRECONDITIONED else
               r"2c\,X^\top X")
    eqs = [Equation.of(Tex("c"), prob.c)]
    if G is not None:
        eqs.append(Equation.of(Tex(r"2c\,X P X^\top" if method is O.PRECONDITIONED else
                                   r"2c\,X X^\top"), G))
    eqs += [Equation.of(Tex("L"), L), Equation.of(Tex(r"\eta_{\max}"), Tex(form), eta)]
    der.add("The largest convergent step",
            f"The loss is $c\\lVert X\\theta - y\\rVert^2$ with the $c$ below, so its Hessian "
            f"is ${hessian}$, whose nonzero eigenvalues are those of the small matrix below. "
            "Each eigen-direction of the error evolves by its own linear recursion; the stiffest "
            "one, $L$, is the first to stop contracting as the step grows (directions of zero "
            "curvature never move and set no limit). The method converges exactly when the step "
            "is strictly below the bound.", *eqs)
    return [Answer("largest convergent constant step", r"\eta_{\max}", eta,
                   quantity=Q.MAX_STEP.key, subject=spec.method.name,
                   note="converges iff 0 < step < eta_max (strict)")]


def _gd_steps_to_land(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation,
                      limit: Answer) -> list[Answer]:
    """Gradient descent at a constant step eta: the error e_k = theta_k - theta_inf obeys
    e_{k+1} = (I - eta H) e_k with H = 2c X^T X symmetric, so (I - eta H)^k e_0 = 0 for some k
    exactly when (I - eta H) e_0 = 0: the limit is reached after 0 steps (e_0 = 0), after one
    (every component of e_0 on an eigenvalue 1/eta of H), or never."""
    name = "steps until the limit is reached exactly"
    if limit.expr is None:
        return _without_limit(name, Q.ITERATIONS.key, spec, "there is no limit to reach")
    eta = exact_rational(spec.method.lr0, field="method.lr0")
    H = 2 * prob.c * prob.X.T * prob.X
    e0 = prob.theta0 - sympy.Matrix(limit.expr)
    e1 = sympy.simplify((sympy.eye(prob.d) - eta * H) * e0)
    k = 0 if all(v == 0 for v in e0) else 1 if all(v == 0 for v in e1) else None
    der.add("How many steps",
            r"With $H = 2c\,X^\top X$ the error $e_k = \theta_k - \theta_\infty$ obeys "
            r"$e_{k+1} = (I - \eta H)\,e_k$. The matrix is symmetric, so a power of it sends "
            r"$e_0$ to 0 only if it does so at once: the limit is reached exactly after one step "
            r"when $(I - \eta H)e_0 = 0$ (the step is $1/\lambda$ for every eigenvalue "
            r"$\lambda$ of $H$ that $e_0$ has a component on), and otherwise only approached.",
            Equation.of(Tex(r"\eta"), eta), Equation.of(Tex("e_0"), e0),
            Equation.of(Tex(r"(I - \eta H)\,e_0"), e1))
    if k is None:
        return _without_limit(name, Q.ITERATIONS.key, spec,
                              "(I - eta H) e_0 is not 0: the iterates approach the limit and "
                              "never reach it")
    return [Answer(name, "k", sympy.Integer(k), quantity=Q.ITERATIONS.key,
                   subject=spec.method.name,
                   note="the error is 0 from this step on" if k else "the start is the limit")]


def _ask_steps_to_land(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation,
                       limit: Answer) -> list[Answer]:
    """Constant sign steps on one equation: every step moves the residual by alpha ||a||_1, so
    it reaches 0 after |r_0|/(alpha ||a||_1) steps when that is a whole number (then sign(0) = 0
    stops it), and never otherwise (gradient descent: :func:`_gd_steps_to_land`)."""
    if spec.method.entry is O.GD:
        return _gd_steps_to_land(spec, prob, der, limit)
    a = prob.X.row(0).T
    l1 = sum((abs(v) for v in a), sympy.Integer(0))
    r0 = (a.T * prob.theta0)[0] - prob.y[0]
    n = sympy.nsimplify(abs(r0) / (exact_rational(spec.method.lr0, field="method.lr0") * l1))
    name = "steps until the loss is exactly 0"
    der.add("How many steps",
            "Each step changes the residual by exactly $\\alpha\\lVert a\\rVert_1$ towards 0, "
            "so it is 0 after $|r_0|/(\\alpha\\lVert a\\rVert_1)$ steps when that is a whole "
            "number, and never otherwise.",
            Equation.of(Tex("k"), Tex(r"\frac{|r_0|}{\alpha\lVert a\rVert_1}"), n))
    if not n.is_integer:
        return _without_limit(name, Q.ITERATIONS.key, spec,
                              f"|r_0|/(alpha ||a||_1) = {n} is not a whole number: the residual "
                              "never reaches 0")
    return [Answer(name, "k", n, quantity=Q.ITERATIONS.key, subject=spec.method.name,
                   note="sign(0) = 0 stops the iterates there")]


def _ask_converges(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation,
                   limit: Answer) -> list[Answer]:
    """Does the method converge at each trial step: exactly when 0 < step < eta_max, the
    largest convergent constant step (its derivation shown here unless the part asks it too)."""
    shown = der if Q.MAX_STEP.key not in spec.asked else Derivation()
    eta = _ask_max_step(spec, prob, shown, limit)[0].expr
    out = []
    for raw in spec.trial_steps or []:
        step = exact_rational(raw, field="trial_steps")
        below = bool(step < eta)
        der.add(f"Does it converge at the step {raw}?",
                "The method converges exactly when the constant step is strictly below the "
                "largest convergent step; " + (
                    "this one is." if below else "this one is not, so the error along the "
                    "stiffest direction does not shrink."),
                Equation.chain(Tex(r"\eta"), ("=", step),
                               ("<" if below else r"\ge", Tex(r"\eta_{\max}")), ("=", eta)))
        out.append(Answer(f"converges at the step {raw}", r"\text{converges}",
                          sympy.true if below else sympy.false, quantity=Q.CONVERGES.key,
                          subject=spec.method.name,
                          note=(f"0 < {raw} < eta_max" if below else f"{raw} >= eta_max")))
    return out


ASK_RULES = {Q.CONVERGES.key: _ask_converges, Q.ITERATIONS.key: _ask_steps_to_land, Q.MAX_STEP.key: _ask_max_step, Q.PRECONDITIONER.key: _ask_preconditioner, Q.WHICH_NORM.key: _ask_which_norm, Q.MIN_NORM_SOLUTION.key: _ask_min_norm_solution, Q.IS_MIN_NORM.key: _ask_is_min_norm,
             Q.OPTIMAL_MOMENTUM.key: _ask_optimal_momentum,
             Q.DISTANCE_TO_MIN_NORM.key: _ask_distance_to_min_norm,
             Q.CHANGES.key: _ask_changes, Q.NORM_VALUE.key: _ask_norm,
             Q.OPTIMAL_RATE.key: _ask_optimal_momentum}
"""The rule of each ask beyond the limit (the optimal momentum and rate come together)."""


def _further_answers(spec: ImplicitBiasSpec, prob: CF.Problem, der: Derivation,
                     limit: Answer) -> list[Answer]:
    """The answers of the asks beyond the limit, in the order asked."""
    out: list[Answer] = []
    for ask in spec.asked:
        rule = ASK_RULES.get(ask)
        if rule is not None and not any(a.quantity == ask for a in out):
            out += rule(spec, prob, der, limit)
    return out


# --------------------------------------------------------------------------- entry point

class _Skip(Exception):
    """Figures not requested."""


def _comparison_exact(prob: CF.Problem) -> dict[str, sympy.Matrix]:
    """The exact closed-form limits of the main methods on this data, for the text."""
    s, _ = CF.second_moment_scaling(prob)
    out = {"GD/SGD/momentum": CF.confined_limit(prob).theta,
           "rescaled SGD": CF.confined_limit(prob, sympy.diag(*[1 / v ** 2 for v in s])).theta}
    if prob.m == 1:
        out["sign / epoch-wise"] = CF.sign_line_limit(prob)[0]
    return out


def _comparison(prob: CF.Problem) -> dict[str, np.ndarray]:
    """The closed-form limits of the main methods on this data, for the figure."""
    out = {"GD/SGD/momentum": CF.confined_limit_float(prob)}
    s = np.sqrt((prob.Xf ** 2).mean(axis=0))
    out["rescaled SGD"] = CF.confined_limit_float(prob, np.diag(1 / np.where(s > 0, s, 1) ** 2))
    if prob.m == 1:
        a, b = prob.Xf[0], prob.yf[0]
        out["sign / epoch-wise"] = prob.theta0f + np.sign(a) * (b - a @ prob.theta0f) / np.abs(
            a).sum()
    return out


def solve(spec: ImplicitBiasSpec, *, figures: bool = True) -> PartSolution:
    """Exact limit (or an honest numerical one) with its derivation, figures and facts.

    ``figures=False`` skips the trajectory simulation and drawing (tests, benchmarks).
    """
    prob = CF.problem_of(spec)
    method = spec.method.entry
    if prob.exact:
        rank = CF.rank(prob.X)
        aug = CF.rank(prob.X.row_join(prob.y))
        consistent = rank == aug
    else:
        from optiproof.families.implicit_bias.spec import consistency

        consistent, rank = consistency(*spec.data)
    der = Derivation()
    run: Run | None = None
    answers: list[Answer]
    if method is O.RIDGE:
        answers, ident, interp, facts = _ridge(spec, prob, der)
    elif rank == prob.d:
        ans, ident, interp, facts = _unique(spec, prob, der, consistent)
        answers = [ans]
    elif method in CONFINED:
        ans, ident, interp, facts = _confined(spec, prob, der, rank)
        answers = [ans]
    elif method in SIGN_LIKE and prob.m == 1:
        ans, ident, interp, facts = _sign_line(spec, prob, der)
        answers = [ans]
    else:
        run = simulate(spec)
        ans, ident, interp, facts = _numerical(spec, prob, der, run)
        answers = [ans]
    limit_f = None if answers[0].value is None else np.array(answers[0].value, dtype=np.float64)
    answers += _further_answers(spec, prob, der, answers[0])
    if prob.d <= 6 and facts.kind not in ("regularised", "unique"):
        comp = _comparison_exact(prob) if prob.exact and consistent else {
            k: _vec(v) for k, v in _comparison(prob).items()}
        parts = [f"{k}: ${inline_latex(v)}$" for k, v in comp.items()]
        interp += " For comparison, on the same data: " + "; ".join(parts) + "."
    drawn: list[Figure] = []
    diagnostics: list[str] = []
    try:
        if not figures:
            raise _Skip
        from optiproof.families.implicit_bias.figures import (solution_set_figure,
                                                              trajectory_figure)

        if method is O.RIDGE and spec.method.lam is None:
            raise _Skip
        if run is None and prob.m * prob.d <= 200_000:
            run = simulate(spec)
        if run is not None and limit_f is not None:
            drawn.append(trajectory_figure(run.history_steps, run.history, limit_f,
                                             method.name))
            if prob.d in (2, 3):
                limits = {"this method's limit": limit_f}
                limits.update({k: v for k, v in _comparison(prob).items()
                               if np.abs(v - limit_f).max() > 1e-9})
                fig = solution_set_figure(prob.Xf, prob.yf, prob.theta0f, run.history, limits,
                                          method.name)
                if fig is not None:
                    drawn.append(fig)
    except _Skip:
        pass
    except Exception as exc:  # noqa: BLE001 - a figure must never break a solved part
        diagnostics.append(f"figure not drawn: {type(exc).__name__}: {exc}")
    summary = (f"{_cap(method.name)} from $\\theta_0$ converges to "
               f"$\\theta_\\infty = "
               f"{inline_latex(answers[0].expr) if prob.d <= SHOW_MAX else '(see answer)'}$"
               + (" (numerical)." if facts.kind == "numerical" else ".")
               if answers[0].expr is not None else
               f"{_cap(method.name)} from $\\theta_0$ has no limit: {answers[0].note}.")
    return PartSolution(
        label=spec.label, family=KEY, question=spec.question,
        analysis=_analysis(spec, prob, consistent, rank), steps=der.steps, answers=answers,
        asked=spec.asked, identified_as=ident, interpretation=interp, summary=summary,
        figures=drawn, diagnostics=diagnostics, facts=facts)
