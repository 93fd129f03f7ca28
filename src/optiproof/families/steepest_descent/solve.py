"""Exact solution and step-by-step derivation of steepest descent under a norm.

    penalty-squared:  u = argmin_d <g, d> + (1/alpha) ||d||^2 = -(alpha/2) ||g||_* sharp(g)
    penalty:          u = argmin_d <g, d> + (1/alpha) ||d||    = 0 if ||g||_* < 1/alpha, else -oo
    constraint:       u = argmin_{||d|| <= eta} <g, d>          = -eta sharp(g)

Every formula is a SymPy object; the prose between equations is the intuition a TA would give.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

import sympy as sp

from optiproof.catalogue import OptimizerEntry
from optiproof.catalogue import norms as N
from optiproof.catalogue import quantities as Q
from optiproof.core.budget import check_exact_power, rational_digits
from optiproof.core.errors import BadInput, NotRecognised
from optiproof.core.exact import Name, exact_rational
from optiproof.core.fields import formula_value, is_number, is_symbol_name
from optiproof.core.limits import LIMITS
from optiproof.core.solution import (
    Analysis,
    Answer,
    Equation,
    PartSolution,
    Step,
    Tex,
    Variable,
)
from optiproof.families.base import identification
from optiproof.families.steepest_descent.facts import SteepestDescentFacts
from optiproof.families.steepest_descent.float64 import above_exact_limit, solve_float64
from optiproof.families.steepest_descent.family import KEY
from optiproof.families.steepest_descent.identify import identify
from optiproof.families.steepest_descent.norms import (
    L1,
    L2,
    NORM_DINV,
    Frobenius,
    LInf,
    Norm,
    Nuclear,
    Quadratic,
    Scaled,
    SVD_DIGITS,
    SharpSet,
    Spectral,
    TexSymbol,
    _norm_function,
    holder_conjugate,
    make_norm,
    svd_high_precision,
)
from optiproof.families.steepest_descent.spec import SteepestDescentSpec

LP_EXACT_MAX_ENTRIES = 48
"""Above this many entries, l_p quantities are evaluated to 30 significant digits."""
LP_MAX_EXPONENT_PART = 64
"""Largest numerator or denominator of p and q = p/(p-1) for an exact lp norm of numbers."""


@dataclass
class Instance:
    """The spec turned into SymPy objects: gradient, weights, norm, dual norm, maximiser."""

    spec: SteepestDescentSpec
    g: Any
    numeric: bool
    alpha: sp.Expr
    eta: sp.Expr
    norm: Norm
    dual_value: sp.Expr
    sharp: SharpSet | None
    sharp_expr: Any
    is_matrix: bool
    gname: str
    dname: str
    dim_latex: str

    @property
    def weight(self) -> sp.Expr:
        return self.eta if self.spec.form == "constraint" else self.alpha


def _scalar(value: Any, field: str) -> sp.Expr:
    """alpha or eta: a number made exact, a positive symbol (alpha prints as \\alpha), or a
    formula read by the one math parser with positive symbols."""
    if is_symbol_name(value):
        latex = {"alpha": r"\alpha", "eta": r"\eta", "lr": r"\eta", "lam": r"\lambda"}.get(value)
        return sp.Symbol(latex or value, positive=True)
    if is_number(value):
        return exact_rational(value, field=field)
    return formula_value(value, positive=True)


def _check_lp_budget(p: Any, g: Any) -> None:
    """Refuse an lp norm of a numeric gradient whose exact powers |g_i|^p, |g_i|^q and their
    roots (q = p/(p-1)) would be huge: exponents with numerator and denominator up to
    LP_MAX_EXPONENT_PART, and powers within the exact-digit budget."""
    p_exact = exact_rational(p, field="norm.p")
    if p_exact <= 1:
        return
    widest = max((v for v in g if v != 0), key=rational_digits, default=sp.Integer(1))
    for exponent, name in ((p_exact, "p"), (p_exact / (p_exact - 1), "q = p/(p-1)")):
        if max(exponent.p, exponent.q) > LP_MAX_EXPONENT_PART:
            raise BadInput(f"the exact lp norm with {name} = {exponent} needs roots of order "
                           f"{max(exponent.p, exponent.q)}, over the limit of "
                           f"{LP_MAX_EXPONENT_PART}", field="norm.p",
                           expected="p and p/(p-1) with numerator and denominator up to "
                                    f"{LP_MAX_EXPONENT_PART} (e.g. 3, 1.5, 1.25)")
        check_exact_power(widest, exponent.p, field="norm.p",
                          what=f"the exact lp norm with {name} = {exponent}")


def build_instance(spec: SteepestDescentSpec) -> Instance:
    """Turn a spec into exact SymPy objects, enforcing sizes and norm/shape compatibility."""
    alpha = _scalar(spec.alpha, "alpha")
    eta = _scalar(spec.eta, "eta")
    is_matrix = spec.norm.is_matrix
    if spec.gradient_is_symbolic:
        gname = spec.gradient
        if is_matrix and gname == "g":
            gname = "G"
        if is_matrix:
            rows, cols = spec.shape or (sp.Symbol("m", positive=True, integer=True),
                                        sp.Symbol("n", positive=True, integer=True))
            g = sp.MatrixSymbol(gname, rows, cols)
            shape = (rows, cols)
            dim_latex = rf"\mathbb{{R}}^{{{sp.latex(rows)} \times {sp.latex(cols)}}}"
            dim = None
        else:
            if spec.norm.entry is N.QUADRATIC:
                dim = len(spec.norm.D)
            elif isinstance(spec.dim, int):
                dim = spec.dim
            else:
                dim = sp.Symbol(spec.dim or "d", positive=True, integer=True)
            g = sp.MatrixSymbol(gname, dim, 1)
            shape = None
            dim_latex = rf"\mathbb{{R}}^{{{sp.latex(dim)}}}"
        norm = make_norm(spec.norm, dim=dim, shape=shape)
        dual_value, sharp, sharp_expr = _symbolic_dual_and_sharp(norm, g)
        numeric = False
    else:
        rows = spec.gradient if is_matrix else [[v] for v in spec.gradient]
        if len(rows) * len(rows[0]) > LIMITS.exact_max_entries:
            raise BadInput(f"{len(rows) * len(rows[0])} entries exceeds the exact-arithmetic "
                           f"limit of {LIMITS.exact_max_entries}", field="gradient",
                           expected="a smaller gradient, a symbolic one, or a norm evaluated "
                                    "in float64 above the limit (l2, l1, linf, lp, rms)")
        g = sp.Matrix([[exact_rational(v, field="gradient") for v in row] for row in rows])
        if spec.norm.name == N.LP.key:
            _check_lp_budget(spec.norm.p, g)
        if is_matrix and max(g.shape) > 64:
            raise BadInput(f"a {g.rows}x{g.cols} matrix is too large for the 30-digit SVD",
                           field="gradient", expected="sides up to 64")
        if spec.norm.entry is N.LP and g.rows * g.cols > LP_EXACT_MAX_ENTRIES:
            g = g.evalf(SVD_DIGITS)  # sums of radicals grow too fast beyond this size
        gname = "G" if is_matrix else "g"
        dim = g.rows
        norm = make_norm(spec.norm, dim=dim, shape=g.shape)
        dual_value = tidy(norm.dual().value(g))
        sharp = norm.sharp(g)
        sharp_expr = sharp.representative.applyfunc(tidy)
        numeric = True
        dim_latex = (rf"\mathbb{{R}}^{{{g.rows} \times {g.cols}}}" if is_matrix
                     else rf"\mathbb{{R}}^{{{g.rows}}}")
    dname = r"\Delta W" if is_matrix else r"\Delta\theta"
    return Instance(spec, g, numeric, alpha, eta, norm, dual_value, sharp, sharp_expr,
                    is_matrix, gname, dname, dim_latex)


def tidy(x: sp.Expr) -> sp.Expr:
    """A 30-digit float that equals a short decimal to 20 digits becomes that exact number."""
    if not isinstance(x, sp.Float):
        return x
    short = sp.Rational(round(float(x) * 10**6), 10**6)
    if abs(x - short) <= sp.Float(10) ** -20 * max(1, abs(short)):
        return short
    return x


def _display_number(x: sp.Expr) -> sp.Expr:
    """Exact numbers stay exact; a 30-digit float becomes a short decimal or 15 digits."""
    x = sp.expand(x)
    if not x.has(sp.Float):
        return x
    x = x.evalf(30)
    t = tidy(x) if isinstance(x, sp.Float) else x
    return t if isinstance(t, sp.Rational) else x.evalf(15)


def _symbolic_dual_and_sharp(norm: Norm, g: Any) -> tuple[sp.Expr, None, Any]:
    if isinstance(norm, Quadratic):
        Dinv = norm.inv_D
        dual = NORM_DINV(g)
        return dual, None, sp.MatMul(1 / dual, Dinv, g)
    dual = norm.dual().symbolic_value(g)
    return dual, None, norm.symbolic_sharp(g)


# ----------------------------------------------------------------------------- derivation
def _inner_tex(inst: Instance) -> str:
    if inst.is_matrix:
        return rf"\langle {inst.gname}, {inst.dname} \rangle"
    return rf"{inst.gname}^\top {inst.dname}"


def _objective(inst: Instance) -> Equation:
    form, d = inst.spec.form, inst.dname
    nrm = inst.norm.latex(d)
    inner = _inner_tex(inst)
    if form == "penalty-squared":
        body = rf"u = \arg\min_{{{d}}} \; {inner} + \frac{{1}}{{\alpha}} {nrm}^{{2}}"
    elif form == "penalty":
        body = rf"u = \arg\min_{{{d}}} \; {inner} + \frac{{1}}{{\alpha}} {nrm}"
    else:
        body = rf"u = \arg\min_{{{d}}} \; {inner} \quad \text{{s.t.}} \quad {nrm} \le \eta"
    return Equation((Tex(body),))


def _analysis(inst: Instance) -> Analysis:
    g, d = inst.gname, inst.dname
    variables = [
        Variable(g, "gradient of the loss at the current parameters (given)", inst.dim_latex),
        Variable(d, "the update we choose (decision variable)", inst.dim_latex),
    ]
    form = inst.spec.form
    if form == "constraint":
        variables.append(Variable(r"\eta", "radius of the trust region (step size)",
                                  r"\mathbb{R}_{>0}"))
    else:
        variables.append(Variable(r"\alpha", "weight of the linear improvement against the "
                                             "distance penalty (larger = longer steps)",
                                  r"\mathbb{R}_{>0}"))
    norm_name = inst.norm.title
    assumptions = [
        f"The distance is measured in the {norm_name}, "
        f"${inst.norm.latex('x')}$; its dual norm is "
        f"${inst.norm.dual().latex('y')} = \\max_{{{inst.norm.latex('s')} \\le 1}} "
        "\\langle y, s\\rangle$.",
        ("$\\eta > 0$." if form == "constraint" else "$\\alpha > 0$."),
    ]
    if inst.numeric:
        assumptions.append(f"The gradient is given numerically: ${g} = {sp.latex(inst.g)}$"
                           .replace(r"\left[\begin{matrix}", r"\begin{bmatrix}")
                           .replace(r"\end{matrix}\right]", r"\end{bmatrix}"))
        if inst.is_matrix:
            assumptions.append("Singular values and vectors are computed to 30 significant "
                               "digits (mpmath); every other quantity is exact.")
        elif any(isinstance(v, sp.Float) for v in inst.g):
            assumptions.append("With this many entries the $\\ell_p$ quantities are evaluated "
                               "to 30 significant digits instead of as exact radicals.")
    else:
        assumptions.append(f"${g} \\neq 0$ (for ${g} = 0$ every direction is equally good and "
                           "the update is 0).")
    what = {"penalty-squared": "minimise the linear model of the loss plus a squared-norm "
                               "penalty on the step",
            "penalty": "minimise the linear model of the loss plus a (non-squared) norm "
                       "penalty on the step",
            "constraint": "minimise the linear model of the loss over a norm ball of "
                          "radius $\\eta$"}[form]
    return Analysis(tuple(variables), tuple(assumptions), _objective(inst),
                    what[0].upper() + what[1:] + ".")


def _direction_step(inst: Instance, t: sp.Symbol) -> Step:
    d = inst.dname
    lhs = Tex(rf"\min_{{{inst.norm.latex(d)} \le t}} {_inner_tex(inst)}")
    dual_sym = inst.norm.dual().latex(inst.gname)
    sides: list[Any] = [lhs, Tex(rf"-t \, {dual_sym}")]
    if inst.numeric:
        sides.append(-t * inst.dual_value)
    eqs = [Equation.of(*sides)]
    arg = Tex(rf"{d}^\star(t) = -t \, s^\star, \quad s^\star = \arg\max_{{{inst.norm.latex('s')}"
              rf" \le 1}} \langle {inst.gname}, s\rangle")
    eqs.append(Equation((arg,)))
    if inst.numeric:
        eqs.append(Equation.of(Tex("s^\\star"), inst.sharp_expr))
    else:
        eqs.append(Equation.of(Tex("s^\\star"), inst.sharp_expr))
    text = (f"Fix the size $t = {inst.norm.latex(d)}$ and ask which direction lowers the "
            "linear term most. "
            + inst.norm.why_sharp())
    return Step("Best direction for a given size", text, tuple(eqs))


def _calculus_steps(inst: Instance) -> tuple[list[Step], sp.Expr]:
    """Squared Euclidean/Frobenius/quadratic penalty: set the gradient to zero."""
    a = inst.alpha
    norm = inst.norm
    D_tex = inst.dname
    if isinstance(norm, Quadratic):
        grad_tex = Tex(rf"\nabla_{{{D_tex}}} = {inst.gname} + \frac{{2}}{{\alpha}} D {D_tex} = 0")
        solution = -a / 2 * norm.apply_inv(inst.g) if inst.numeric else \
            sp.MatMul(-a / 2, norm.inv_D, inst.g)
        why = ("The penalty $\\frac{1}{\\alpha}\\Delta\\theta^\\top D \\Delta\\theta$ is a "
               "strictly convex quadratic (D is positive definite), so the minimiser is where "
               "the gradient vanishes.")
        sol_sides = [Tex(rf"u = -\frac{{\alpha}}{{2}} D^{{-1}} {inst.gname}"), solution]
    else:
        grad_tex = Tex(rf"\nabla_{{{D_tex}}} = {inst.gname} + \frac{{2}}{{\alpha}} {D_tex} = 0")
        solution = -a / 2 * inst.g if inst.numeric else sp.MatMul(-a / 2, inst.g)
        why = ("The objective is a strictly convex quadratic in the update, so its unique "
               "minimiser is where the gradient vanishes.")
        sol_sides = [Tex(rf"u = -\frac{{\alpha}}{{2}} {inst.gname}"), solution] if inst.numeric \
            else [Tex("u"), solution]
    steps = [
        Step("Set the gradient to zero", why, (Equation((grad_tex,)),)),
        Step("Solve for the update", "Rearranging gives the step in closed form.",
             (Equation.of(*sol_sides),)),
    ]
    value = -a / 4 * inst.dual_value**2
    steps.append(Step(
        "Optimal value",
        "Substituting $u$ back: the linear term gains twice what the penalty costs, so the net "
        "improvement is half the linear gain.",
        (Equation.of(Tex(r"\min"), Tex(rf"-\frac{{\alpha}}{{4}} "
                                       rf"{inst.norm.dual().latex(inst.gname)}^{{2}}"),
                     value),)
        if inst.numeric else (Equation.of(Tex(r"\min"), value),)))
    return steps, solution


def _size_steps_penalty_squared(inst: Instance, t: sp.Symbol) -> tuple[list[Step], sp.Expr,
                                                                        sp.Expr]:
    a, N = inst.alpha, inst.dual_value
    dual_tex = inst.norm.dual().latex(inst.gname)
    Ns = TexSymbol(f"dual_norm_{zlib.crc32(dual_tex.encode()):08x}", dual_tex)
    phi = -t * Ns + t**2 / a
    t_star_sym = sp.solve(sp.diff(phi, t), t)[0]
    t_star = t_star_sym.subs(Ns, N)
    value_sym = sp.simplify(phi.subs(t, t_star_sym))
    value = value_sym.subs(Ns, N)
    size = Step(
        "Best size",
        "With the best direction, only the size $t \\ge 0$ is left: a one-dimensional "
        "quadratic whose minimum is where its derivative vanishes.",
        (Equation.of(Tex(r"\varphi(t)"), phi),
         Equation.of(Tex(r"\varphi'(t)"), sp.diff(phi, t), sp.S.Zero),
         Equation.of(Tex("t^\\star"), t_star_sym, t_star) if inst.numeric
         else Equation.of(Tex("t^\\star"), t_star_sym)))
    combine_sides: list[Any] = [Tex("u"), Tex(r"-t^\star s^\star")]
    u = -t_star * inst.sharp_expr
    combine_sides.append(u)
    combine = Step("Combine direction and size",
                   "The update moves a distance $t^\\star$ along the best direction.",
                   (Equation.of(*combine_sides),))
    val = Step("Optimal value",
               "The linear gain is twice the penalty paid, so the net improvement is half the "
               "linear gain.",
               (Equation.of(Tex(r"\min"), Tex(r"\varphi(t^\star)"), value_sym, value)
                if inst.numeric else Equation.of(Tex(r"\min"), Tex(r"\varphi(t^\star)"),
                                                 value),))
    return [size, combine, val], u, value


def _weight_threshold(inst: Instance, subject: str | None) -> Answer:
    """The threshold asked on the weight λ = 1/α of ``gᵀd + λ‖d‖``: d = 0 is a minimiser iff
    gᵀd ≥ -λ‖d‖ for every d, i.e. iff ‖g‖_* ≤ λ, so the smallest such λ is λ* = ‖g‖_* = 1/α*
    (0 when g = 0: then every λ > 0 keeps d = 0, and 0 is their infimum)."""
    N = inst.dual_value
    note = ("for $\\lambda \\ge \\lambda^\\star$ the step 0 is a minimiser (the only one "
            "above $\\lambda^\\star$); for $\\lambda < \\lambda^\\star$ the objective is "
            "unbounded below")
    if inst.numeric and N == 0:
        note = "g = 0: d = 0 is a minimiser for every $\\lambda > 0$; 0 is their infimum"
    return Answer("threshold on the weight", r"\lambda^\star", N, note=note,
                  quantity=Q.THRESHOLD.key, subject=subject)


def _penalty_plain_steps(inst: Instance, t: sp.Symbol) -> tuple[list[Step], dict]:
    a, N = inst.alpha, inst.dual_value
    dual_tex = inst.norm.dual().latex(inst.gname)
    Ns = TexSymbol(f"dual_norm_{zlib.crc32(dual_tex.encode()):08x}", dual_tex)
    phi = t * (1 / a - Ns)
    thr = 1 / N
    steps = [Step(
        "Best size",
        "With a non-squared penalty the objective along the best direction is linear in the "
        "size $t$: its slope decides everything. A positive slope keeps the step at 0; a "
        "negative slope rewards ever longer steps.",
        (Equation.of(Tex(r"\varphi(t)"), phi),
         Equation((Tex(r"\varphi'(t) = \frac{1}{\alpha} - " +
                       inst.norm.dual().latex(inst.gname)),))))]
    info: dict = {"threshold": thr}
    decided = None
    if inst.numeric and not a.free_symbols:
        slope = 1 / a - N
        decided = "zero" if slope > 0 else ("tie" if slope == 0 else "unbounded")
    info["case"] = decided
    cases = Equation((Tex(
        r"u = \begin{cases} 0 & \text{if } " + inst.norm.dual().latex(inst.gname) +
        r" < \frac{1}{\alpha} \\ -t\,s^\star,\ t \ge 0 \text{ (all optimal, value 0)} & "
        r"\text{if } " + inst.norm.dual().latex(inst.gname) +
        r" = \frac{1}{\alpha} \\ \text{none: unbounded below} & \text{if } " +
        inst.norm.dual().latex(inst.gname) + r" > \frac{1}{\alpha} \end{cases}"),))
    thr_eq = Equation.of(Tex(r"\alpha^\star"), Tex(r"\frac{1}{" +
                                                   inst.norm.dual().latex(inst.gname) + "}"),
                         thr) if inst.numeric else Equation.of(Tex(r"\alpha^\star"), thr)
    steps.append(Step(
        "Both regimes",
        "So the answer switches at $\\alpha^\\star = 1/\\|g\\|_*$: below it the optimal step is "
        "zero, above it the objective is unbounded below and no minimiser exists.",
        (cases, thr_eq)))
    if any(a.on_weight for a in inst.spec.asks):
        steps.append(Step(
            "On the weight",
            "Asked on the weight $\\lambda = 1/\\alpha$ in front of the norm: $d = 0$ is a "
            "minimiser exactly when $\\lambda \\ge \\|g\\|_*$, so the smallest such weight "
            "is the dual norm of the gradient.",
            (Equation.of(Tex(r"\lambda^\star = \frac{1}{\alpha^\star}"), inst.dual_value),)))
    if decided is not None:
        words = {"zero": "Here the slope is positive, so the minimum is at $t = 0$.",
                 "tie": "Here the slope is exactly zero: every step $-t s^\\star$ with "
                        "$t \\ge 0$ attains the minimum 0.",
                 "unbounded": "Here the slope is negative: longer steps keep lowering the "
                              "objective, which is unbounded below."}[decided]
        steps.append(Step("This instance", words,
                          (Equation.chain(Tex(r"\frac{1}{\alpha} - " +
                                              inst.norm.dual().latex(inst.gname)),
                                          ("=", 1 / a - N)),)))
    return steps, info


def _constraint_steps(inst: Instance) -> tuple[list[Step], sp.Expr, sp.Expr]:
    eta, N = inst.eta, inst.dual_value
    u = -eta * inst.sharp_expr
    value = -eta * N
    steps = [
        Step("Best size",
             "The linear term $-t\\|g\\|_*$ keeps decreasing with $t$, so the step uses the whole "
             "budget: $t = \\eta$.",
             (Equation.of(Tex("t^\\star"), eta),)),
        Step("Combine direction and size", "The update goes to the boundary of the ball along "
                                           "the best direction.",
             (Equation.of(Tex("u"), Tex(r"-\eta\, s^\star"), u),)),
        Step("Optimal value", "The objective at the boundary point.",
             (Equation.of(Tex(r"\min"), Tex(r"-\eta " + inst.norm.dual().latex(inst.gname)),
                          value) if inst.numeric else Equation.of(Tex(r"\min"), value),)),
    ]
    return steps, u, value


# ----------------------------------------------------------------------------- answers
def _use_calculus(inst: Instance) -> bool:
    return inst.spec.form == "penalty-squared" and (
        isinstance(inst.norm, (L2, Frobenius, Quadratic)))


def _measure_length(inst: Instance, u: Any, t_star: Any, measure_spec: Any) -> sp.Expr:
    """||u|| in another norm: exact for numbers, from a table of known cases for symbols."""
    measure = make_norm(measure_spec, dim=inst.g.shape[0] if not inst.is_matrix else None,
                        shape=inst.g.shape if inst.is_matrix else None)
    if inst.numeric:
        val = measure.value(u)
        return sp.nsimplify(val) if not inst.is_matrix else val
    return t_star * _symbolic_sharp_length(inst, measure)


def _symbolic_sharp_length(inst: Instance, measure: Norm) -> sp.Expr:
    """||s*||_measure for a symbolic gradient (assumes no zero entries/ties: stated)."""
    norm, g = inst.norm, inst.g
    d = g.shape[0]
    if type(measure) is type(norm) and not isinstance(norm, Scaled):
        return sp.S.One
    base = norm.base if isinstance(norm, Scaled) else norm
    scale = 1 / norm.c if isinstance(norm, Scaled) else sp.S.One
    m_base = measure.base if isinstance(measure, Scaled) else measure
    m_scale = measure.c if isinstance(measure, Scaled) else sp.S.One
    if isinstance(base, LInf):
        table = {N.L2: sp.sqrt(d), N.L1: d, N.LINF: sp.S.One}
        if m_base.entry in table:
            return scale * m_scale * table[m_base.entry]
    if isinstance(base, (L2, Frobenius)):
        if hasattr(m_base, "symbolic_value"):
            return scale * m_scale * m_base.symbolic_value(g) / base.symbolic_value(g)
    if isinstance(base, L1) and m_base.entry in (N.L2, N.L1, N.LINF):
        return scale * m_scale
    if isinstance(base, Spectral):
        r = sp.Symbol("r", positive=True, integer=True)
        table = {N.FROBENIUS: sp.sqrt(r), N.NUCLEAR: r, N.SPECTRAL: sp.S.One}
        if m_base.entry in table:
            return scale * m_scale * table[m_base.entry]
    if isinstance(base, Nuclear) and m_base.entry in (N.FROBENIUS, N.NUCLEAR, N.SPECTRAL):
        return scale * m_scale
    raise NotRecognised(f"the length of the {norm.entry.key} step measured in the "
                        f"{measure.entry.key} norm has no closed form for a symbolic gradient; "
                        "give numbers")


def solve(spec: SteepestDescentSpec, *, figures: bool = True) -> PartSolution:
    """Derive the update, its value and every asked quantity, with the identification
    (``figures`` is accepted like every family's; this one draws none)."""
    if above_exact_limit(spec):
        return solve_float64(spec)
    inst = build_instance(spec)
    t = sp.Symbol("t", nonnegative=True)
    form = spec.form
    steps: list[Step] = []
    facts = SteepestDescentFacts(numeric=inst.numeric and not inst.weight.free_symbols,
                                 g=inst.g, alpha=inst.alpha, eta=inst.eta,
                                 dual_value=inst.dual_value, spec=spec)
    subject = spec.norm.name
    answers: list[Answer] = []
    u: Any = None
    status = "unique"
    membership = None
    set_words = ""
    t_star: Any = None
    plain_info: dict = {}
    if form == "penalty-squared":
        if _use_calculus(inst):
            steps, u = _calculus_steps(inst)
            value = -inst.alpha / 4 * inst.dual_value**2
        else:
            steps.append(_direction_step(inst, t))
            more, u, value = _size_steps_penalty_squared(inst, t)
            steps.extend(more)
        t_star = inst.alpha / 2 * inst.dual_value
    elif form == "constraint":
        steps.append(_direction_step(inst, t))
        more, u, value = _constraint_steps(inst)
        steps.extend(more)
        t_star = inst.eta
    else:
        steps.append(_direction_step(inst, t))
        more, plain_info = _penalty_plain_steps(inst, t)
        steps.extend(more)
        case = plain_info["case"]
        zero = sp.zeros(*inst.g.shape) if inst.numeric else sp.ZeroMatrix(*inst.g.shape)
        if case == "unbounded":
            u, status, value = None, "unbounded", sp.S.NegativeInfinity
        elif case == "tie":
            u, status, value = zero, "set-valued", sp.S.Zero
        elif case == "zero":
            u, status, value = zero, "unique", sp.S.Zero
        else:
            u, status = zero, "unique"
            value = sp.Piecewise((sp.S.Zero, inst.dual_value <= 1 / inst.alpha),
                                 (sp.S.NegativeInfinity, True))
        t_star = sp.S.Zero
    if form != "penalty" and inst.numeric and u is not None:
        u = sp.Matrix(u)
        u = u.applyfunc(_display_number) if inst.is_matrix else u.applyfunc(
            lambda x: x if x.is_Rational else sp.expand(x))
        zero_grad_squared = form == "penalty-squared" and all(v == 0 for v in inst.g)
        if inst.sharp is not None and not inst.sharp.unique and not zero_grad_squared:
            status = "set-valued"
            set_words = inst.sharp.description
            scale = float((t_star if form != "constraint" else inst.eta).evalf(30)) \
                if not (t_star if form != "constraint" else inst.eta).free_symbols else None
            contains = inst.sharp.contains
            if scale:
                membership = (lambda x, tol, c=contains, s=scale: c(-x / s, tol))
    if form == "penalty" and status == "set-valued" and inst.sharp is not None:
        contains = inst.sharp.contains
        norm = inst.norm

        def membership(x: Any, tol: float, c=contains, n=norm) -> bool:  # noqa: E306
            import numpy as np

            size = n.numeric_value(np.asarray(x, float))
            return size <= tol or c(-np.asarray(x, float) / size, tol)
        set_words = ("every step $-t s^\\star$ with $t \\ge 0$ (and $s^\\star$ any maximiser) "
                     "attains the minimum 0")
    if not inst.numeric and form != "penalty" and isinstance(inst.norm, LInf):
        set_words = inst.norm.sharp_set_words()
    if value is not None and inst.numeric and value.is_finite is not False:
        value = _display_number(value) if inst.is_matrix else sp.expand(value)
    facts.update, facts.update_status, facts.min_value = u, status, value
    facts.membership = membership

    ident, ident_note = identify(inst)
    answered = {  # asks answered by one Answer built from the solved step
        Q.COMPARE.key: lambda ask: _compare(spec, inst, u, t_star, ask),
        Q.RANK.key: lambda ask: _step_rank(inst, u, status, subject),
        Q.WHICH_COORDINATE.key: lambda ask: _moving_coordinate(inst, u, status, subject),
        Q.COORDINATES_MOVED.key: lambda ask: _coordinates_moved(inst, u, status, subject),
        Q.UNIQUENESS.key: lambda ask: _uniqueness(inst, status, set_words, subject),
        Q.ORTHOGONALISED.key: lambda ask: _orthogonalised(inst, subject),
        Q.SINGULAR_VALUES.key: lambda ask: _singular_values(inst, subject),
        Q.MULTIPLE_OF_POLAR.key: lambda ask: _multiple_of_polar(inst, form, status, t_star,
                                                                subject),
        Q.LINEAR_CHANGE.key: lambda ask: _linear_change(inst, form, u, t_star, value, status,
                                                        subject),
        Q.EFFECTIVE_STEP.key: lambda ask: _effective_rate(inst, form, u, status, subject),
        Q.EXISTENCE.key: lambda ask: _existence(inst, form, status, subject),
        Q.MODEL_DECREASE.key: lambda ask: _model_decrease(value, status, subject),
    }
    derived = {  # asks answered with a derivation step of their own
        Q.WHICH_SOLUTION.key: lambda ask: _largest_decrease(spec, inst, ask),
        Q.WHICH_NORM.key: lambda ask: _which_norm(ask.measure or spec.norm, subject),
        Q.HOLDER_CONJUGATE.key: lambda ask: _conjugate(spec, inst, ask, _holder_conjugate),
        Q.DUAL_NORM.key: lambda ask: _conjugate(spec, inst, ask, _dual_norm),
    }
    for ask in spec.asks:
        if ask.kind == Q.UPDATE.key:
            note = ""
            if form == "penalty" and not (inst.numeric and not inst.alpha.free_symbols):
                note = ("when $\\|g\\|_* < 1/\\alpha$; when $\\|g\\|_* > 1/\\alpha$ the objective "
                        "is unbounded below and no minimiser exists")
            answers.append(Answer("update", "u", u, status, set_words, note, membership,
                                  quantity=Q.UPDATE.key, subject=subject))
        elif ask.kind == Q.MIN_VALUE.key:
            answers.append(_min_value(value, subject))
        elif ask.kind == Q.THRESHOLD.key:
            if form != "penalty":
                raise BadInput("a threshold only exists for the plain-norm penalty form",
                               field="asks")
            a = _weight_threshold(inst, subject) if ask.on_weight else Answer(
                "threshold on alpha", r"\alpha^\star", plain_info["threshold"],
                note="for $\\alpha < \\alpha^\\star$ the best step is 0; for "
                     "$\\alpha > \\alpha^\\star$ the objective is unbounded below",
                quantity=Q.THRESHOLD.key, subject=subject)
            answers.append(a)
            facts.asked.append((ask, a))
        elif ask.kind == Q.STEP_LENGTH.key:
            if u is None:
                answers.append(Answer(f"step length ({ask.measure.name})", r"\|u\|", None,
                                      "none", note="no minimiser exists",
                                      quantity=Q.STEP_LENGTH.key, subject=subject))
                continue
            m = make_norm(ask.measure, dim=inst.g.shape[0], shape=inst.g.shape)
            if ask.other is not None:  # ‖d_2‖_2 beside ‖d_∞‖_2: the other norm's step
                length = _other_length(spec, ask.other, ask.measure)
                a = Answer(f"length of the {ask.other.name} step in the {ask.measure.name} norm",
                           m.latex("u_{" + ask.other.name + "}"), length,
                           quantity=Q.STEP_LENGTH.key, subject=ask.other.name)
            else:
                length = _measure_length(inst, u, t_star, ask.measure)
                a = Answer(f"step length in the {ask.measure.name} norm", m.latex("u"), length,
                           quantity=Q.STEP_LENGTH.key, subject=subject)
            answers.append(a)
            facts.asked.append((ask, a))
        elif ask.kind in answered:
            a = answered[ask.kind](ask)
            answers.append(a)
            facts.asked.append((ask, a))
        elif ask.kind in derived:
            step, a = derived[ask.kind](ask)
            steps.append(step)
            answers.append(a)
            facts.asked.append((ask, a))
    if form == "penalty" and not any(a.kind == Q.MIN_VALUE.key for a in spec.asks):
        answers.append(_min_value(value, subject))
    interp = interpretation(inst)
    summary = _summary(inst, u, status, ident)
    named = _identification(spec, ident, ident_note, subject) if ident else None
    if named is not None:   # asked of the optimizer built on the step, the note says which
        ident_note = named.note
    return PartSolution(
        label=spec.label, family=KEY, question=spec.question or _default_question(spec),
        analysis=_analysis(inst), steps=steps, answers=answers,
        asked=list(dict.fromkeys(a.kind for a in spec.asks)),
        identifications=[named] if named is not None and any(
            a.kind == Q.IDENTIFICATION.key for a in spec.asks) else [],
        identified_as=named.expr.name if named is not None and not all(
            a.kind in _NOT_ABOUT_THE_STEP for a in spec.asks) else None,
        identification_note=ident_note,
        interpretation=interp, summary=summary, facts=facts)


def _identification(spec: Any, ident: OptimizerEntry, note: str, subject: Any) -> Any:
    """The optimizer the step is, or, asked of the optimizer built on the step ("which optimizer
    for hidden layers is this update the basis of?"), the one its catalogue relation names."""
    if not any(a.kind == Q.IDENTIFICATION.key and a.built_on for a in spec.asks):
        return identification(ident, subject, note)
    from optiproof.catalogue import OPTIMIZERS

    built = [(OPTIMIZERS[r.other], r) for r in ident.relations
             if r.kind == "reduces-to" and OPTIMIZERS.get(r.other) is not None]
    if not built:   # the step's own optimizer is the answer; the note says none is built on it
        return identification(ident, subject, f"No optimizer of the catalogue is built on "
                                              f"{ident.name}; the step itself is {ident.name}. "
                                              f"{note}".strip())
    entry, relation = built[0]
    return identification(entry, subject, f"The step itself is {ident.name}; "
                                          f"{relation.condition}.")


def _conjugate(spec: Any, inst: Any, ask: Any, rule: Any) -> tuple[Any, Answer]:
    """The Hölder conjugate or dual norm of the part's norm, or of the norm the ask names."""
    norm = inst.norm if ask.measure is None else make_norm(
        ask.measure, dim=inst.g.shape[0], shape=inst.g.shape)
    name = spec.norm.name if ask.measure is None else ask.measure.name
    return rule(inst, norm, name)


_NOT_ABOUT_THE_STEP = frozenset({Q.WHICH_SOLUTION.key, Q.WHICH_NORM.key, Q.DUAL_NORM.key,
                                 Q.HOLDER_CONJUGATE.key, Q.ORTHOGONALISED.key,
                                 Q.SINGULAR_VALUES.key})
"""Asks about the norms or the gradient only: a part asking nothing else is not identified as
an optimizer (its norm may only stand in for the comparison)."""


def _step_rank(inst: Instance, u: Any, status: str, subject: str) -> Answer:
    """The rank of the (unique, numeric) matrix step: exact, from SymPy's row reduction."""
    if not inst.numeric or not inst.is_matrix or u is None or status != "unique":
        raise BadInput("the rank is answered for the unique step of a numeric matrix gradient",
                       field="asks", expected="numbers for G (and α or η) with a unique "
                                              "minimiser")
    rank = sp.Matrix(u).rank(simplify=True)
    return Answer("rank of the step", r"\operatorname{rank} u", sp.Integer(rank),
                  quantity=Q.RANK.key, subject=subject)


def _moving_coordinate(inst: Instance, u: Any, status: str, subject: str) -> Answer:
    """The one coordinate the step moves (counting from 1), for a numeric vector gradient whose
    unique minimiser has exactly one non-zero entry (the l1 geometry); refused otherwise."""
    if not inst.numeric or inst.is_matrix or u is None or status != "unique":
        raise BadInput("'which coordinate moves' is answered for a numeric vector gradient "
                       "whose minimiser is one point", field="asks",
                       expected="numbers for g (and α or η) with a unique minimiser")
    moving = [i for i, x in enumerate(list(u)) if x != 0]
    if len(moving) != 1:
        raise BadInput(f"the step moves {len(moving)} coordinates, not one", field="asks",
                       expected="a question about the step's entries instead")
    return Answer("coordinate that moves", "i", sp.Integer(moving[0] + 1),
                  note="counting from 1; every other coordinate of the step is 0",
                  quantity=Q.WHICH_COORDINATE.key, subject=subject)


def _coordinates_moved(inst: Instance, u: Any, status: str, subject: str) -> Answer:
    """How many entries of the (unique, numeric) step are not zero: exact, from the step."""
    if not inst.numeric or u is None or status != "unique":
        raise BadInput("'how many coordinates change' is answered for a numeric gradient whose "
                       "minimiser is one point", field="asks",
                       expected="numbers for g (and α or η) with a unique minimiser")
    moved = sum(1 for x in list(sp.Matrix(u)) if x != 0)
    return Answer("number of coordinates the step changes", r"\#\{i : u_i \neq 0\}",
                  sp.Integer(moved), note="the entries of the step that are not 0",
                  quantity=Q.COORDINATES_MOVED.key, subject=subject)


def _uniqueness(inst: Instance, status: str, set_words: str, subject: str) -> Answer:
    """Whether the minimiser is unique: yes when the update is one point, no when it is a set
    (ties, zero entries, rank), none when the objective is unbounded below. Answered for a
    numeric gradient and weight only (uniqueness depends on the entries)."""
    if not inst.numeric or inst.weight.free_symbols:
        raise BadInput("whether the minimiser is unique depends on the gradient's entries and "
                       "the weight; it is answered for numbers only", field="asks",
                       expected="a numeric gradient and a numeric α or η")
    name = "is the minimiser unique"
    if status == "unbounded":
        return Answer(name, r"\text{unique?}", None, "none",
                      note="no minimiser exists: the objective is unbounded below",
                      quantity=Q.UNIQUENESS.key, subject=subject)
    unique = status == "unique"
    note = ("the minimiser is a single point" if unique else
            "several points attain the minimum" + (f": {set_words}" if set_words else ""))
    return Answer(name, r"\text{unique?}", sp.true if unique else sp.false, note=note,
                  quantity=Q.UNIQUENESS.key, subject=subject)


def _orthogonalised(inst: Instance, subject: str) -> Answer:
    """U_r V_rᵀ from the SVD G = U Σ Vᵀ (zero singular values dropped): the spectral norm's unit
    maximiser of ⟨G, S⟩, the direction Muon's Newton-Schulz iteration approximates."""
    if not inst.numeric or not inst.is_matrix:
        raise BadInput("the orthogonalised gradient is computed for a numeric matrix G",
                       field="asks", expected="G given as a matrix of numbers")
    O = Spectral().sharp(inst.g).representative
    return Answer("orthogonalised gradient", r"U V^\top", sp.Matrix(O).applyfunc(_display_number),
                  note="from the reduced SVD; zero singular values are dropped",
                  quantity=Q.ORTHOGONALISED.key, subject=subject)


SINGULAR_EXACT_MAX = 4
"""Largest Gram matrix (min(m, n) rows) whose eigenvalues are taken exactly for the singular
values; above it they are 30-digit values from the high-precision SVD."""


def _singular_values(inst: Instance, subject: str) -> Answer:
    """σ_1 ≥ σ_2 ≥ … of a numeric matrix G: the square roots of the eigenvalues of the smaller
    Gram matrix (G Gᵀ or Gᵀ G, min(m, n) of them), exact when that matrix is small and its
    eigenvalues are closed forms; else from the 30-digit SVD."""
    if not inst.numeric or not inst.is_matrix:
        raise BadInput("singular values are computed for a numeric matrix G", field="asks",
                       expected="G given as a matrix of numbers")
    G = sp.Matrix(inst.g)
    gram = G * G.T if G.rows <= G.cols else G.T * G
    values = None
    if gram.rows <= SINGULAR_EXACT_MAX and all(x.is_Rational for x in gram):
        eig = gram.eigenvals(multiple=True, rational=False)
        if len(eig) == gram.rows and not any(e.has(sp.CRootOf) for e in eig):
            roots = [sp.sqrt(sp.nsimplify(e) if e.is_Rational else sp.radsimp(e)) for e in eig]
            if all(r.is_real for r in roots):
                values = sorted((sp.simplify(r) for r in roots), key=lambda r: -float(r))
    if values is None:
        _, svals, _ = svd_high_precision(G)
        values = [_display_number(v) for v in sorted(svals, reverse=True)]
    return Answer("singular values", r"\sigma_1 \ge \sigma_2 \ge \dots", sp.Matrix(values),
                  note="the square roots of the eigenvalues of "
                       + ("$G G^\top$" if G.rows <= G.cols else "$G^\top G$")
                       + ", largest first",
                  quantity=Q.SINGULAR_VALUES.key, subject=subject)


def _multiple_of_polar(inst: Instance, form: str, status: str, t_star: Any,
                       subject: str) -> Answer:
    """c with u = c·U Vᵀ: -(α/2)‖G‖_* for the squared spectral penalty, -η for the spectral
    ball; only for the spectral norm's unique step (other norms' steps are not multiples)."""
    if inst.norm.entry is not N.SPECTRAL or form == "penalty" or status != "unique":
        raise BadInput("the step is a multiple of U Vᵀ for the spectral norm's unique step",
                       field="asks", expected="the spectral norm, a squared penalty or a ball, "
                                              "and G of full rank")
    c = -t_star
    c = _display_number(c) if inst.numeric and not c.free_symbols else c
    return Answer("the step as a multiple of U Vᵀ", "c", c,
                  note="u = c U Vᵀ", quantity=Q.MULTIPLE_OF_POLAR.key, subject=subject)


def _model_decrease(value: Any, status: str, subject: str) -> Answer:
    """The decrease the whole model predicts from u = 0 (where it is 0) to its minimiser:
    minus the minimum value."""
    name = "decrease the model predicts"
    if status == "unbounded" or value is None or value.is_finite is False:
        return Answer(name, r"-\min", None, "none", note="no minimiser exists: the model "
                      "decreases without bound", quantity=Q.MODEL_DECREASE.key, subject=subject)
    return Answer(name, r"-\min", -value, note="the model is 0 at u = 0 and its minimum at "
                  "u*", quantity=Q.MODEL_DECREASE.key, subject=subject)


def _linear_change(inst: Instance, form: str, u: Any, t_star: Any, value: Any, status: str,
                   subject: str) -> Answer:
    """gᵀu, the first-order change of the loss at the step: the optimal value for the
    constraint; -t*‖g‖_* (t* the step size along the unit maximiser) for the penalties."""
    name = "first-order change gᵀu"
    if status == "unbounded" or u is None:
        return Answer(name, r"g^\top u", None, "none", note="no minimiser exists",
                      quantity=Q.LINEAR_CHANGE.key, subject=subject)
    if status == "set-valued" and not (form == "constraint" or t_star == 0):
        raise BadInput("gᵀu differs between the minimisers of a set-valued step only in "
                       "degenerate cases; it is answered for a unique step", field="asks",
                       expected="a gradient whose minimiser is one point")
    if form == "constraint":
        change = value
    elif inst.numeric:
        change = sum((a * b for a, b in zip(list(inst.g), list(sp.Matrix(u)))), sp.S.Zero)
        change = _display_number(change) if inst.is_matrix else sp.expand(change)
    else:
        change = -t_star * inst.dual_value
    return Answer(name, r"g^\top u", change, quantity=Q.LINEAR_CHANGE.key, subject=subject)


def effective_direction(entry: Any, form: str, g: Any) -> tuple[Any, str] | None:
    """The raw direction D of the optimizer a step recovers, with u = -c·D (c its learning
    rate): g for gradient descent (squared l2, Frobenius or RMS penalty), sign(g) for sign
    descent (l∞), U Vᵀ for the spectral norm; None where "its learning rate" is not one
    number (normalised GD, coordinate descent, other norms)."""
    if entry in (N.L2, N.FROBENIUS, N.RMS) and form == "penalty-squared":
        return g, "g"
    if entry is N.LINF:
        return g.applyfunc(sp.sign), r"\operatorname{sign}(g)"
    if entry is N.SPECTRAL:
        return sp.Matrix(Spectral().sharp(g).representative), r"U V^\top"
    return None


def _effective_rate(inst: Instance, form: str, u: Any, status: str, subject: str) -> Answer:
    """c with u = -c·D, D the recovered optimizer's raw direction (see
    :func:`effective_direction`); exact, checked entry by entry."""
    got = effective_direction(inst.norm.entry, form, inst.g) if inst.numeric else None
    if got is None or u is None or status != "unique" or form == "penalty":
        raise BadInput("an effective learning rate is read off a unique step of gradient, sign "
                       "or orthogonalised descent", field="asks",
                       expected="a numeric gradient with the squared l2/Frobenius/RMS penalty, "
                                "or the l∞ or spectral norm")
    D, dtex = got
    u = sp.Matrix(u)
    at = next((i for i, d in enumerate(D) if d != 0), None)
    if at is None:
        raise BadInput("the gradient is 0, so no learning rate can be read off", field="asks")
    c = sp.simplify(-u[at] / D[at])
    if any(sp.simplify(x + c * d) != 0 for x, d in zip(u, D)):
        raise BadInput("the step is not a multiple of the optimizer's direction", field="asks")
    c = _display_number(c) if not c.free_symbols else sp.expand(c)
    return Answer("effective learning rate", r"\eta_{\mathrm{eff}}", c,
                  note=f"u = -η_eff·{dtex.replace(chr(92), '')}", quantity=Q.EFFECTIVE_STEP.key,
                  subject=subject)


def _largest_decrease(spec: SteepestDescentSpec, inst: Instance, ask: Any) -> tuple[Step, Answer]:
    """Which of ``ask.among`` gives the largest (or smallest) decrease -gᵀu of the linear model
    for the same g, form and weight: -gᵀu is η‖g‖_* on the ball and (α/2)‖g‖_*² for the squared
    penalty, so the norm whose dual norm of g is largest (smallest). Refused on a tie, for the
    plain penalty, and for a symbolic gradient."""
    if spec.form == "penalty" or not inst.numeric:
        raise BadInput("the largest decrease is compared for a numeric gradient on the ball or "
                       "the squared penalty", field="asks",
                       expected="numbers for g and the constraint or squared-penalty form")
    duals = []
    for norm_spec in ask.among:
        other = build_instance(type(spec).model_validate(
            {**spec.model_dump(), "norm": norm_spec.model_dump(), "asks": [Q.UPDATE.key]}))
        duals.append((norm_spec, tidy(other.dual_value)))
    values = [float(d.evalf(30)) for _, d in duals]
    best = max(values) if ask.largest else min(values)
    winners = [n for (n, _), v in zip(duals, values) if abs(v - best) <= 1e-12 * max(1.0, abs(best))]
    if len(winners) != 1:
        raise BadInput("the norms compared give the same decrease: "
                       + ", ".join(n.name for n in winners), field="asks",
                       expected="norms whose dual norms of g differ")
    winner = winners[0]
    scale = r"\eta\,\|g\|_*" if spec.form == "constraint" else r"\tfrac{\alpha}{2}\|g\|_*^2"
    step = Step("Largest decrease" if ask.largest else "Smallest decrease",
                f"The decrease of the linear model at the step is ${scale}$ for every norm, with "
                "the same weight, so the norm whose dual norm of $g$ is "
                f"{'largest' if ask.largest else 'smallest'} gives it.",
                tuple(Equation.of(Tex(make_norm(n, dim=inst.g.shape[0], shape=inst.g.shape)
                                      .dual().latex(inst.gname)), d) for n, d in duals))
    return step, Answer(f"norm with the {'largest' if ask.largest else 'smallest'} decrease",
                        r"\|\cdot\|", Name(winner.entry.key, winner.entry.name),
                        quantity=Q.WHICH_SOLUTION.key, subject=winner.entry.key)


def _existence(inst: Instance, form: str, status: str, subject: str) -> Answer:
    """Whether a minimiser exists: always for the squared penalty (coercive) and the
    constraint (a compact ball); for the plain penalty exactly when the objective is bounded
    below (||g||_* <= 1/alpha), answered for a numeric gradient and weight only."""
    name = "does a minimiser exist"
    if form != "penalty":
        why = ("the objective grows quadratically, so it attains its minimum"
               if form == "penalty-squared" else "a linear function attains its minimum on the "
                                                  "compact norm ball")
        return Answer(name, r"\text{exists?}", sp.true, note=why, quantity=Q.EXISTENCE.key,
                      subject=subject)
    if not inst.numeric or inst.weight.free_symbols:
        raise BadInput("whether a minimiser of the plain-norm penalty exists depends on "
                       "‖g‖_* α; it is answered for numbers only", field="asks",
                       expected="a numeric gradient and a numeric α")
    exists = status != "unbounded"
    note = ("the objective is bounded below (‖g‖_* ≤ 1/α) and 0 attains the minimum" if exists
            else "‖g‖_* > 1/α: the objective is unbounded below along −s*, so no minimiser")
    return Answer(name, r"\text{exists?}", sp.true if exists else sp.false, note=note,
                  quantity=Q.EXISTENCE.key, subject=subject)


def _holder_conjugate(inst: Instance, norm: Norm, subject: str) -> tuple[Step, Answer]:
    """q = p/(p - 1) (1 <-> oo): the exponent of the dual norm of the l_p norm ``norm``."""
    p = norm.exponent
    if p is None:
        raise BadInput(f"the {subject} norm is not an l_p norm, so it has no Hölder conjugate "
                       "exponent", field="asks", expected="the l1, l2, linf or lp norm")
    q = holder_conjugate(p)
    rule = (Equation.of(Tex("q"), Tex(r"\frac{p}{p - 1}"), q) if p.is_finite and p != 1
            else Equation.of(Tex("q"), q))
    step = Step("Hölder conjugate exponent",
                "Hölder's inequality $\\langle g, s\\rangle \\le \\|g\\|_q \\|s\\|_p$ holds for "
                "$1/p + 1/q = 1$ and is tight, so the dual of the $\\ell_p$ norm is the "
                "$\\ell_q$ norm ($p = 1$ and $q = \\infty$ pair with each other).",
                (Equation.of(Tex(r"\frac{1}{p} + \frac{1}{q}"), sp.Integer(1)),
                 Equation.of(Tex("p"), p), rule))
    return step, Answer("Hölder conjugate exponent", "q", q, quantity=Q.HOLDER_CONJUGATE.key,
                        subject=subject)


def _dual_norm(inst: Instance, norm: Norm, subject: str) -> tuple[Step, Answer]:
    """||g||_* = max_{||s|| <= 1} <g, s> of the given gradient in the dual of ``norm``."""
    if norm.entry is inst.norm.entry and norm.exponent == inst.norm.exponent:
        value = inst.dual_value
    elif inst.numeric:
        value = tidy(norm.dual().value(inst.g))
    else:
        value = _symbolic_dual_and_sharp(norm, inst.g)[0]
    dual_tex = norm.dual().latex(inst.gname)
    sides: list[Any] = [Tex(dual_tex), Tex(rf"\max_{{{norm.latex('s')} \le 1}} "
                                           rf"\langle {inst.gname}, s\rangle")]
    if inst.numeric:
        sides.append(value)
    step = Step("Dual norm of the gradient",
                "The dual norm measures the gradient by the largest first-order decrease it "
                "offers along a direction of unit size in the primal norm.",
                (Equation.of(*sides),))
    return step, Answer("dual norm of the gradient", dual_tex, value,
                        quantity=Q.DUAL_NORM.key, subject=subject)


_PLAIN_DUALS = (N.L1, N.L2, N.LINF, N.FROBENIUS, N.SPECTRAL, N.NUCLEAR)
"""Norms whose dual is a catalogue norm without parameters, so a name answers "which norm"."""


def _which_norm(norm_spec: Any, subject: str) -> tuple[Step, Answer]:
    """The name of the dual norm ``max_{‖s‖ ≤ 1} ⟨y, s⟩`` of ``norm_spec`` (the catalogue's
    pairing: l1 and l∞, spectral and nuclear; l2 and Frobenius are self-dual)."""
    entry = norm_spec.entry
    if entry not in _PLAIN_DUALS:
        raise BadInput(f"the dual of the {entry.key} norm is not a named catalogue norm",
                       field="asks", expected="the dual of the l1, l2, l∞, Frobenius, spectral "
                                              "or nuclear norm")
    dual = N.NORMS[entry.dual]
    primal_tex = entry.latex.replace("x", "s").replace("X", "S")
    step = Step("Dual norm",
                f"The dual of the {entry.name} is the norm $y \\mapsto \\max_{{{primal_tex} \\le 1}}"
                f" \\langle y, s\\rangle$; Hölder's inequality for this pairing is tight, so it "
                f"is the {dual.name}: ${dual.latex.replace('x', 'y').replace('X', 'Y')}$.",
                ())
    return step, Answer(f"dual of the {entry.name}", r"\|\cdot\|_*", Name(dual.key, dual.name),
                        quantity=Q.WHICH_NORM.key, subject=entry.key)


def _min_value(value: Any, subject: str) -> Answer:
    return Answer("minimum value", r"\min", value,
                  "unbounded" if value == sp.S.NegativeInfinity else "unique",
                  quantity=Q.MIN_VALUE.key, subject=subject)


def _other_length(spec: SteepestDescentSpec, other_norm: Any, measure_spec: Any) -> sp.Expr:
    """The length, in ``measure_spec``, of the step of the same problem under ``other_norm``."""
    other_spec = type(spec).model_validate({**spec.model_dump(), "norm": other_norm.model_dump(),
                                            "asks": [{"kind": Q.UPDATE.key}]})
    other = build_instance(other_spec)
    other_t = (other.alpha / 2 * other.dual_value if spec.form == "penalty-squared"
               else other.eta)
    if spec.form == "penalty":
        raise BadInput("comparing step lengths needs a form with a finite step",
                       field="asks", expected="penalty-squared or constraint")
    other_u = (-other_t * other.sharp_expr) if other.numeric else None
    return _measure_length(other, other_u, other_t, measure_spec)


def _compare(spec: SteepestDescentSpec, inst: Instance, u: Any, t_star: Any, ask: Any) -> Answer:
    measure_spec = ask.measure or spec.norm
    theirs = _other_length(spec, ask.other, measure_spec)
    mine = _measure_length(inst, u, t_star, measure_spec)
    top, bottom = (ask.other.name, spec.norm.name) if ask.inverse else (spec.norm.name,
                                                                          ask.other.name)
    ratio = sp.simplify(theirs / mine if ask.inverse else mine / theirs)
    m = make_norm(measure_spec, dim=inst.g.shape[0], shape=inst.g.shape)
    return Answer(f"length ratio of the {top} step to the {bottom} step "
                  f"(measured in the {measure_spec.name} norm)",
                  rf"\frac{{{m.latex('u_{' + top + '}')}}}"
                  rf"{{{m.latex('u_{' + bottom + '}')}}}", ratio,
                  quantity=Q.COMPARE.key, subject=spec.norm.name)


def _default_question(spec: SteepestDescentSpec) -> str:
    kinds = {"penalty-squared": "squared-norm penalty", "penalty": "norm penalty",
             "constraint": "norm-ball constraint"}
    return (f"Find the update under the {spec.norm.name} {kinds[spec.form]} and the optimizer "
            "it recovers.")


def interpretation(inst: Instance) -> str:
    """A short paragraph: what the update does and why the norm matters."""
    entry = inst.norm.entry
    base = inst.norm.base.entry if isinstance(inst.norm, Scaled) else entry
    if inst.spec.form == "penalty":
        return ("A non-squared penalty grows only linearly with the step, exactly like the "
                "linear gain, so it cannot pick a step size: either the gain never pays for the "
                "penalty (no step) or it always does (an infinitely long step). Squaring the "
                "norm, or constraining it, is what produces a finite step size.")
    texts = {
        N.L2: "The Euclidean geometry treats all directions alike, so the best step points "
              "straight down the gradient; its length scales with $\\|g\\|_2$.",
        N.LINF: "The max-norm ball is a box: every coordinate can move by the same amount "
                "independently, so every coordinate takes a full-size step against the sign of "
                "its gradient entry, however small that entry is. Gradient magnitudes only set "
                "the overall step size, not the direction.",
        N.L1: "The $\\ell_1$ ball is a cross-polytope whose corners lie on the axes, so the whole "
              "step goes to the single coordinate with the largest gradient magnitude.",
        N.LP: "The $\\ell_p$ geometry interpolates: it tilts the gradient direction by raising "
              "magnitudes to the power $q-1$, between gradient descent ($p = 2$) and sign "
              "descent ($p \\to \\infty$).",
        N.QUADRATIC: "The quadratic norm stretches the geometry by $D$: directions where $D$ is "
                     "large are expensive, so the step is preconditioned by $D^{-1}$.",
        N.FROBENIUS: "The Frobenius norm ignores matrix structure: this is gradient descent on "
                     "the flattened matrix.",
        N.SPECTRAL: "The spectral norm measures the largest stretch a weight change applies to "
                    "any input; the best step sets every singular value of the update to the "
                    "same size, equalising the change across all directions the gradient "
                    "touches (the orthogonalised update $U V^\\top$).",
        N.NUCLEAR: "The nuclear-norm ball's corners are rank-one matrices, so the best step "
                   "uses only the top singular pair of the gradient.",
    }
    return texts.get(base, texts.get(entry, ""))


def _summary(inst: Instance, u: Any, status: str, ident: OptimizerEntry | None) -> str:
    if u is None:
        return "no minimiser: the objective is unbounded below"
    words = f"$u = {sp.latex(u, mat_delim='[', mat_str='matrix')}$"
    if status == "set-valued":
        words += " (one of a set of minimisers)"
    return words + (f"; {ident.name}" if ident else "")
