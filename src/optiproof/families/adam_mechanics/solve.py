"""Solve an Adam-mechanics part: one derivation block and one or more answers per ask.

Each ask is a small rule ``(spec, Q, Derivation) -> AskResult``; the part is their
concatenation, in the order asked. Conventions (PyTorch's) are in :mod:`.spec`.
"""

from __future__ import annotations

from typing import Any

import sympy

from optiproof.catalogue import optimizers as O
from optiproof.catalogue import quantities as asked
from optiproof.core.errors import BadInput
from optiproof.core.exact import inline_latex, to_latex
from optiproof.core.solution import (Analysis, Answer, Derivation, Equation, Figure, PartSolution,
                                     Step, Tex, Variable)
from optiproof.families.adam_mechanics import given
from optiproof.families.adam_mechanics.facts import AdamMechanicsFacts
from optiproof.families.adam_mechanics.family import KEY
from optiproof.families.adam_mechanics.rules import (AskResult, answers_of, exact_run,
                                                     sequence_of)
from optiproof.families.adam_mechanics.spec import AdamMechanicsSpec
from optiproof.families.adam_mechanics.symbols import (K_INDEX, M_T, MHAT, MU, NU,
                                                       S_INDEX, V_T, VHAT, VHAT_I, Quantities, g,
                                                       geometric_sum, quantities)
from optiproof.families.base import identification


def _sign(x: Any) -> Any:
    return x.applyfunc(sympy.sign) if isinstance(x, sympy.MatrixBase) else sympy.sign(x)


def _ew(f: Any, x: Any) -> Any:
    """Apply ``f`` entrywise to a Matrix, or to a scalar."""
    return x.applyfunc(f) if isinstance(x, sympy.MatrixBase) else f(x)


SHOW_TERMS = 6
"""A numeric t up to this many terms writes the unrolled sums out term by term."""


def _unrolled(decay: Any, t: Any, power: int) -> Any:
    """(1 - decay) sum_{s=1}^t decay^(t-s) g_s^power, written out when t is a small number."""
    total = sympy.Sum(decay ** (t - S_INDEX) * g(S_INDEX) ** power, (S_INDEX, 1, t))
    if not getattr(t, "free_symbols", set()) and int(t) <= SHOW_TERMS:
        total = total.doit()
    return (1 - decay) * total


def _m_sum(Q: Quantities, t: Any = None) -> Any:
    return _unrolled(Q.beta1, Q.t if t is None else t, 1)


def _v_sum(Q: Quantities, t: Any = None) -> Any:
    return _unrolled(Q.beta2, Q.t if t is None else t, 2)


RECURSIONS = (
    Equation.of(Tex("m_t"), Tex(r"\beta_1 m_{t-1} + (1-\beta_1)\, g_t")),
    Equation.of(Tex("v_t"), Tex(r"\beta_2 v_{t-1} + (1-\beta_2)\, g_t^2")),
)


# --------------------------------------------------------------------------- update rule

def _update_rule(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation,
                 facts: AdamMechanicsFacts) -> AskResult:
    """The Adam (or RMSprop) update written out, unrolled, and evaluated on given gradients."""
    answer = answers_of(asked.UPDATE_RULE, spec)
    rms = spec.entry is O.RMSPROP
    der.add("The moment estimates" if not rms else "The running second moment",
            ("Adam keeps two exponential moving averages per coordinate, started at "
             "$m_0 = v_0 = 0$: $m_t$ of the gradient (a momentum) and $v_t$ of its square "
             "(a per-coordinate scale). All operations are entrywise." if not rms else
             "RMSprop keeps one exponential moving average per coordinate, of the squared "
             "gradient, started at $v_0 = 0$ (PyTorch calls its decay the smoothing constant; "
             "here it is $\\beta_2$). There is no first moment: the numerator is $g_t$ itself."),
            *(RECURSIONS if not rms else RECURSIONS[1:]))
    m_unrolled, v_unrolled = _m_sum(Q), _v_sum(Q)
    der.add("Unroll the averages",
            "Substituting the recursion into itself $t$ times and using $m_0 = v_0 = 0$ writes "
            "each average as a weighted sum of all past gradients, the most recent weighted most.",
            *((Equation.of(Tex("m_t"), m_unrolled),) if not rms else ()),
            Equation.of(Tex("v_t"), v_unrolled))
    alpha, eps, b1, b2, t = Q.alpha, Q.eps, Q.beta1, Q.beta2, Q.t
    if rms:
        step = -alpha * g(t) / (sympy.sqrt(V_T) + eps)
        der.add("The step",
                "RMSprop divides the current gradient by the root of its running mean square "
                "(plus $\\varepsilon$), with no bias correction: early on $v_t$ is biased towards "
                "$0$, so the first steps are larger than $\\alpha$ (by $1/\\sqrt{1-\\beta_2}$ at "
                "$t = 1$).",
                Equation.of(Tex(r"\theta_t - \theta_{t-1}"), step))
        answers = [answer("v_t", "v_t", v_unrolled, quantity=asked.SECOND_MOMENT.key),
                   answer("update", r"\Delta\theta_t", step)]
    else:
        mhat, vhat = M_T / (1 - b1 ** t), V_T / (1 - b2 ** t)
        step = -alpha * MHAT / (sympy.sqrt(VHAT) + eps)
        der.add("Bias correction",
                "Because the averages start at $0$, they underestimate the gradient's moments by "
                "the total weight $1-\\beta^t$ of their terms; dividing by it corrects this "
                "(see the bias-correction question for the expectation argument).",
                Equation.of(Tex(r"\hat m_t"), mhat), Equation.of(Tex(r"\hat v_t"), vhat))
        der.add("The step",
                "Each coordinate moves against its corrected momentum, divided by the root of "
                "its corrected second moment: $\\hat m_t/\\sqrt{\\hat v_t}$ is a dimensionless "
                "ratio (roughly the gradient's signal-to-noise ratio), so the step is measured in "
                "units of $\\alpha$ whatever the gradient's scale. $\\varepsilon$ only guards "
                "against division by zero.",
                Equation.of(Tex(r"\theta_t - \theta_{t-1}"), step),
                Equation.of(Tex(r"\theta_t - \theta_{t-1}"),
                            -alpha * mhat / (sympy.sqrt(vhat) + eps)))
        answers = [answer("m_t", "m_t", m_unrolled, quantity=asked.FIRST_MOMENT.key),
                   answer("v_t", "v_t", v_unrolled, quantity=asked.SECOND_MOMENT.key),
                   answer("update", r"\Delta\theta_t", step)]
    if spec.symbolic_constant and spec.constant:
        answers += _constant_raw_moments(spec, Q, der)
    elif spec.constant and spec.decay is None and spec.loss is None and \
            _constant_gradient(spec) is not None:
        answers += _constant_numeric_step(spec, Q, der, _constant_gradient(spec))
    seq = sequence_of(spec)
    if seq is not None and Q.numeric("alpha", "beta2", *(() if rms else ("beta1",))) and not (
            Q.eps_given and sympy.sympify(eps).free_symbols):
        answers += _numeric_run(spec, Q, der, facts)
    summary = (f"{spec.entry.name}: $\\theta_t - \\theta_{{t-1}} = {to_latex(step)}$"
               + ("" if rms else r" with $\hat m_t = m_t/(1-\beta_1^t)$, "
                  r"$\hat v_t = v_t/(1-\beta_2^t)$") + ".")
    interp = ("Dividing by $\\sqrt{v}$ makes the step per coordinate: a coordinate with "
              "consistently large gradients and one with consistently tiny gradients move by "
              "about the same amount, $\\alpha$. The first moment averages out noise; the second "
              "sets the scale." + (" RMSprop has no bias correction, so its early steps are "
                                   "inflated." if rms else ""))
    return AskResult(answers, summary, interp)


def _constant_raw_moments(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> list:
    """m_t = (1 - beta1^t) g and v_t = (1 - beta2^t) g^2 under a constant gradient g: the
    geometric weights of the unrolled sums add up to 1 - beta^t."""
    answer = answers_of(asked.UPDATE_RULE, spec)
    g_ = sympy.Symbol("g", real=True, nonzero=True, **(
        {"positive": True} if spec.gradient_sign == 1 else
        {"negative": True} if spec.gradient_sign == -1 else {}))
    m = sympy.simplify((1 - Q.beta1) * geometric_sum(Q.beta1, Q.t)) * g_
    v = sympy.simplify((1 - Q.beta2) * geometric_sum(Q.beta2, Q.t)) * g_ ** 2
    rms = spec.entry is O.RMSPROP
    der.add("A constant gradient",
            "With $g_s = g$ at every step the unrolled sums are geometric: the weights "
            "$(1-\\beta)\\beta^{t-s}$ add up to $1 - \\beta^t$.",
            *(() if rms else (Equation.of(Tex("m_t"), m),)), Equation.of(Tex("v_t"), v))
    note = "constant gradient g_t = g"
    out = [*(() if rms else (answer("m_t, constant gradient", "m_t", m,
                                    quantity=asked.FIRST_MOMENT.key, note=note),)),
           answer("v_t, constant gradient", "v_t", v, quantity=asked.SECOND_MOMENT.key,
                  note=note)]
    if spec.entry is O.ADAM and Q.eps_given and Q.eps == 0:
        # the corrections undo 1 - beta^t exactly: m_hat = g, v_hat = g^2, so every step is
        # -alpha g/|g| = -alpha sign(g)
        step = sympy.simplify(-Q.alpha * (m / (1 - Q.beta1 ** Q.t)) /
                              sympy.sqrt(v / (1 - Q.beta2 ** Q.t)))
        der.add("The step under a constant gradient",
                "The corrections divide out $1 - \\beta^t$ exactly, so $\\hat m_t = g$ and "
                "$\\hat v_t = g^2$ at every step.",
                Equation.of(Tex(r"\theta_t - \theta_{t-1}"), Tex(r"-\alpha\,g/|g|"), step))
        out.append(answer("step, constant gradient", r"\Delta\theta_t", step,
                          note=note + ", epsilon = 0"))
    return out


def _constant_gradient(spec: AdamMechanicsSpec) -> sympy.Matrix | None:
    """The one numeric gradient of a run whose gradient is the same at every step (the given
    gradient, or every row of the sequence equal); None otherwise (Adam and RMSprop only)."""
    seq = sequence_of(spec)
    if seq is None or spec.entry not in (O.ADAM, O.RMSPROP) or \
            any(list(row) != list(seq[0]) for row in seq):
        return None
    return sympy.Matrix([sympy.nsimplify(x, rational=True) for x in seq[0]])


def _constant_numeric_step(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation,
                           gc: sympy.Matrix) -> list[Answer]:
    """The step at every t under one numeric gradient g repeated: m_t = (1 - beta1^t) g and
    v_t = (1 - beta2^t) g^2, so Adam's corrected step is -alpha g/(|g| + eps) at every t, and
    RMSprop's (no correction) -alpha g/(sqrt(1 - beta2^t)|g| + eps), a closed form in t."""
    answer = answers_of(asked.UPDATE_RULE, spec)
    t = sympy.Symbol("t", integer=True, positive=True)
    rms = spec.entry is O.RMSPROP
    scale = sympy.sqrt(1 - Q.beta2 ** t) if rms else sympy.Integer(1)
    step = gc.applyfunc(lambda x: sympy.Integer(0) if x == 0 else
                        sympy.simplify(-Q.alpha * x / (scale * abs(x) + Q.eps)))
    if rms:
        text = (r"With the same gradient $g$ at every step $v_t = (1-\beta_2^t)\,g^2$ (the "
                r"weights add up to $1-\beta_2^t$); RMSprop does not correct it, so the step "
                r"depends on $t$ and tends to $-\alpha\, g/(|g| + \varepsilon)$.")
        eq = Equation.of(Tex(r"\theta_t - \theta_{t-1}"),
                         Tex(r"-\alpha\,\frac{g}{\sqrt{1-\beta_2^t}\,|g| + \varepsilon}"), step)
    else:
        text = (r"With the same gradient $g$ at every step $m_t = (1-\beta_1^t)\,g$ and "
                r"$v_t = (1-\beta_2^t)\,g^2$; the corrections divide out $1-\beta^t$ exactly, "
                r"so $\hat m_t = g$, $\hat v_t = g^2$ and every step is the same.")
        eq = Equation.of(Tex(r"\theta_t - \theta_{t-1}"),
                         Tex(r"-\alpha\,\frac{g}{|g| + \varepsilon}"), step)
    der.add("The step under a constant gradient", text, eq)
    return [answer("step, constant gradient", r"\theta_t - \theta_{t-1}", step,
                   note="the same gradient g = " + inline_latex(gc) + " at every step t"
                   + ("" if rms else " (the same step at every t)"))]


def _numeric_run(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation,
                 facts: AdamMechanicsFacts) -> list[Answer]:
    """The recursion on the given gradients: m_T, v_T (and their corrections), theta_T - theta_0."""
    answer = answers_of(asked.UPDATE_RULE, spec)
    rms = spec.entry is O.RMSPROP
    run = exact_run(spec, Q)
    T, m, v, total = run.T, run.m, run.v, run.total
    mhat = m / (1 - Q.beta1 ** T)
    vhat = v / (1 - Q.beta2 ** T)
    eqs = [] if rms else [Equation.of(Tex(rf"m_{{{T}}}"), m), Equation.of(Tex(rf"\hat m_{{{T}}}"),
                                                                         mhat)]
    eqs += [Equation.of(Tex(rf"v_{{{T}}}"), v)]
    if not rms:
        eqs.append(Equation.of(Tex(rf"\hat v_{{{T}}}"), vhat))
    eqs.append(Equation.of(Tex(rf"\theta_{{{T}}} - \theta_0"), total))
    der.add("On the given gradients",
            f"Running the recursion on the {T} given gradient{'s' if T > 1 else ''} "
            + ("" if Q.eps_given else "with $\\varepsilon = 0$ (not given) ")
            + ("exactly" if run.exact else "in 30-digit arithmetic") + " gives:", *eqs)
    facts.sequence = [[float(x) for x in row] for row in run.gradients]
    facts.eps_used = float(run.eps)
    i = spec.coordinate
    if i is not None and i > v.rows:
        raise BadInput(f"coordinate {i}: the parameter has {v.rows} coordinates",
                       field="coordinate", expected=f"1 to {v.rows}")
    out = [] if rms else [answer("m_T", rf"m_{{{T}}}", m, quantity=asked.FIRST_MOMENT.key)]
    if i is not None and not rms:   # 'm_3 and v_3 for the second coordinate': its entries too
        out.append(answer(f"m_{T} of coordinate {i}", rf"m_{{{T},{i}}}", m[i - 1],
                          quantity=asked.FIRST_MOMENT.key))
    out += [answer("v_T", rf"v_{{{T}}}", v, quantity=asked.SECOND_MOMENT.key)]
    if i is not None:
        out.append(answer(f"v_{T} of coordinate {i}", rf"v_{{{T},{i}}}", v[i - 1],
                          quantity=asked.SECOND_MOMENT.key))
    out += [
            answer("displacement", rf"\theta_{{{T}}} - \theta_0", total,
                   quantity=asked.DISPLACEMENT.key,
                   note="" if Q.eps_given else "at epsilon = 0")]
    return out


# --------------------------------------------------------------------------- bias correction

def _bias_correction(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> AskResult:
    """E[m_t] = (1 - beta1^t) E[g], E[v_t] = (1 - beta2^t) E[g^2]: a geometric sum."""
    answer = answers_of(asked.BIAS_CORRECTION, spec)
    b1, b2, t = Q.beta1, Q.beta2, Q.t
    der.add("Unroll the averages",
            "With $m_0 = v_0 = 0$ each average is a weighted sum of the gradients seen so far.",
            *RECURSIONS, Equation.of(Tex("m_t"), _m_sum(Q)), Equation.of(Tex("v_t"), _v_sum(Q)))
    der.add("Take expectations",
            "Stationary gradients have the same mean $\\mu = \\mathbb{E}[g_s]$ and second moment "
            "$\\nu = \\mathbb{E}[g_s^2]$ at every step; expectation is linear, so it passes "
            "through the sums (no independence is needed). Re-index with $k = t - s$.",
            Equation.of(Tex(r"\mathbb{E}[m_t]"),
                        (1 - b1) * MU * sympy.Sum(b1 ** K_INDEX, (K_INDEX, 0, t - 1))),
            Equation.of(Tex(r"\mathbb{E}[v_t]"),
                        (1 - b2) * NU * sympy.Sum(b2 ** K_INDEX, (K_INDEX, 0, t - 1))))
    s1, s2 = geometric_sum(b1, t), geometric_sum(b2, t)
    e_m, e_v = (1 - b1 ** t) * MU, (1 - b2 ** t) * NU
    if sympy.simplify((1 - b1) * MU * s1 - e_m) != 0 or \
            sympy.simplify((1 - b2) * NU * s2 - e_v) != 0:
        raise ArithmeticError("the geometric sums do not reduce to 1 - beta^t")
    der.add("Sum the geometric series",
            "The weights form a geometric series; its sum $(1-\\beta^t)/(1-\\beta)$ cancels the "
            "factor $1-\\beta$ in front, leaving the total weight $1 - \\beta^t < 1$.",
            Equation.of(Tex(r"\sum_{k=0}^{t-1}\beta_1^{k}"), s1),
            Equation.of(Tex(r"\mathbb{E}[m_t]"), e_m),
            Equation.of(Tex(r"\mathbb{E}[v_t]"), e_v))
    e_mhat = sympy.simplify(e_m / (1 - b1 ** t))
    e_vhat = sympy.simplify(e_v / (1 - b2 ** t))
    der.add("Divide by the missing weight",
            "Dividing by $1-\\beta_1^t$ and $1-\\beta_2^t$ (deterministic numbers) makes the "
            "estimates unbiased at every step $t$.",
            Equation.of(Tex(r"\mathbb{E}[\hat m_t]"), Tex(r"\frac{\mathbb{E}[m_t]}{1-\beta_1^t}"),
                        e_mhat),
            Equation.of(Tex(r"\mathbb{E}[\hat v_t]"), Tex(r"\frac{\mathbb{E}[v_t]}{1-\beta_2^t}"),
                        e_vhat))
    answers = [answer("E_m_t", r"\mathbb{E}[m_t]", e_m), answer("E_v_t", r"\mathbb{E}[v_t]", e_v),
               answer("E_mhat_t", r"\mathbb{E}[\hat m_t]", e_mhat),
               answer("E_vhat_t", r"\mathbb{E}[\hat v_t]", e_vhat)]
    example = ""
    if not b2.free_symbols and b2 > 0:
        w1 = 1 - b2
        example = (f" With $\\beta_2 = {to_latex(b2)}$ the uncorrected $v_1$ has expectation only "
                   f"${to_latex(w1)}\\,\\nu$: without correction the first steps would be "
                   f"about $1/\\sqrt{{{to_latex(w1)}}} \\approx {float(1 / sympy.sqrt(w1)):.3g}$ "
                   "times too large.")
    interp = ("Bias correction fixes the zero initialisation, not noise: the raw averages put "
              "total weight $1-\\beta^t$ on the data and the rest on the initial $0$. The "
              "correction matters for $t \\lesssim 1/(1-\\beta)$ steps and fades afterwards. "
              "Note $\\sqrt{\\hat v_t}$ is still a biased estimate of $\\sqrt{\\nu}$ (Jensen); "
              "only $\\hat v_t$ itself is unbiased." + example)
    summary = (f"$\\mathbb{{E}}[m_t] = {to_latex(e_m)}$, $\\mathbb{{E}}[v_t] = {to_latex(e_v)}$; "
               f"after correction $\\mathbb{{E}}[\\hat m_t] = {to_latex(e_mhat)}$ and "
               f"$\\mathbb{{E}}[\\hat v_t] = {to_latex(e_vhat)}$ (unbiased).")
    return AskResult(answers, summary, interp)


# --------------------------------------------------------------------------- first step

def _first_step(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> AskResult:
    """theta_1 - theta_0 = -alpha g_1/(|g_1| + eps) -> -alpha sign(g_1) at eps = 0."""
    answer = answers_of(asked.FIRST_STEP, spec)
    rms = spec.entry is O.RMSPROP
    gg, alpha, eps, b1, b2 = Q.g, Q.alpha, Q.eps, Q.beta1, Q.beta2
    if asked.WEIGHT_DECAY.key in spec.asks and spec.theta0 is not None and \
            isinstance(gg, sympy.MatrixBase):
        # the first step of each weight-decay method from the given start is the comparison's
        # answer (given.decay_first_steps); the plain step on the data gradient is neither
        return AskResult([], "", "")
    g1 = gg if isinstance(gg, sympy.MatrixBase) else sympy.Symbol("g_1", real=True, nonzero=True)
    if rms:
        v1 = (1 - b2) * _ew(lambda x: x ** 2, g1)
        der.add("After one step", "From $v_0 = 0$ one update gives $v_1 = (1-\\beta_2) g_1^2$; "
                "RMSprop does not correct it.", Equation.of(Tex("v_1"), v1))
        general = -alpha * g1 / _ew(lambda x: sympy.sqrt(1 - b2) * sympy.Abs(x) + eps, g1) \
            if not isinstance(g1, sympy.MatrixBase) else sympy.Matrix(
                [-alpha * x / (sympy.sqrt(1 - b2) * sympy.Abs(x) + eps) for x in g1])
        zero = sympy.simplify(-alpha / sympy.sqrt(1 - b2)) * _sign(g1)
    else:
        m1, v1 = (1 - b1) * g1, (1 - b2) * _ew(lambda x: x ** 2, g1)
        der.add("After one step",
                "From $m_0 = v_0 = 0$, one update gives a fraction $1-\\beta$ of the gradient "
                "(and of its square); the bias correction divides exactly that fraction out.",
                Equation.of(Tex("m_1"), m1), Equation.of(Tex("v_1"), v1),
                Equation.of(Tex(r"\hat m_1"), Tex(r"\frac{m_1}{1-\beta_1}"), g1),
                Equation.of(Tex(r"\hat v_1"), Tex(r"\frac{v_1}{1-\beta_2}"),
                            _ew(lambda x: x ** 2, g1)))
        general = (sympy.Matrix([-alpha * x / (sympy.Abs(x) + eps) for x in g1])
                   if isinstance(g1, sympy.MatrixBase) else -alpha * g1 / (sympy.Abs(g1) + eps))
        zero = -alpha * _sign(g1)
    der.add("The first step", "$\\sqrt{\\hat v_1} = |g_1|$ entrywise, so each coordinate's step "
            "is $\\alpha$ times $g_1/(|g_1| + \\varepsilon)$; at $\\varepsilon = 0$ only the sign "
            "of the gradient survives" + (" (a zero entry does not move: its $\\varepsilon \\to 0^+$ "
                                          "limit is $0$)" if isinstance(g1, sympy.MatrixBase) and
                                          any(x == 0 for x in g1) else "") + ".",
            Equation.of(Tex(r"\theta_1 - \theta_0"), general),
            Equation.chain(Tex(r"\theta_1 - \theta_0"), ("=", zero),
                           (r"\quad\text{at}\quad", Tex(r"\varepsilon = 0"))))
    size = alpha if not rms else sympy.simplify(alpha / sympy.sqrt(1 - b2))
    answers = [answer("first_step", r"\theta_1 - \theta_0", zero, note="at epsilon = 0"),
               answer("first_step_size", r"|\theta_{1,i} - \theta_{0,i}|", size,
                      note="per nonzero coordinate, at epsilon = 0")]
    if Q.eps_given and eps != 0:
        answers.insert(0, answer("first_step_eps", r"\theta_1 - \theta_0", general,
                                 note=f"at epsilon = {sympy.sstr(eps)}"))
        if isinstance(general, sympy.MatrixBase) and not general.free_symbols - {alpha}:
            # the size of the step at the stated eps ('the magnitude of the first update'):
            # eps comparable to |g| shrinks it below alpha, so it is not the eps = 0 size
            sizes = [sympy.Abs(x) for x in general]
            answers.insert(1, answer("first_step_size_eps", r"|\theta_{1,i} - \theta_{0,i}|",
                                     sizes[0] if len(set(sizes)) == 1 else sympy.Matrix(sizes),
                                     note=f"size at epsilon = {sympy.sstr(eps)}"))
    if spec.step_fraction and not (Q.eps_given and eps != 0 and isinstance(general, sympy.MatrixBase)):
        raise ValueError("step_fraction: the first step's fraction of the learning rate is "
                         "answered for a given gradient at a stated eps > 0 (at eps = 0 it is 1 "
                         "for every nonzero entry)")
    if spec.step_fraction:
        # asked: the first step's size as a fraction of the learning rate ('what fraction of η
        # is that?'): |g_1| / (|g_1| + eps) entrywise, whatever the learning rate
        shares = [sympy.simplify(sympy.Abs(x) / alpha) for x in general]
        der.add("As a fraction of the learning rate",
                "Dividing the step's size by the learning rate leaves $|g_1| / (|g_1| + "
                "\\varepsilon)$: the share of the full step $\\alpha$ that $\\varepsilon$ lets "
                "through.",
                Equation.of(Tex(r"|\theta_1 - \theta_0| / \alpha"),
                            shares[0] if len(set(shares)) == 1 else sympy.Matrix(shares)))
        answers.append(answer("first_step_fraction_of_lr", r"|\theta_{1,i} - \theta_{0,i}| / \alpha",
                              shares[0] if len(set(shares)) == 1 else sympy.Matrix(shares),
                              note=f"the first step's size over the learning rate, at epsilon = "
                                   f"{sympy.sstr(eps)}"))
    if isinstance(gg, sympy.MatrixBase):    # the same step for any g_1 ('in general')
        g_any = sympy.Symbol("g_1", real=True, nonzero=True)
        any_step = -Q.lr * sympy.sign(g_any) if not rms else \
            sympy.simplify(-Q.lr / sympy.sqrt(1 - b2)) * sympy.sign(g_any)
        answers.append(answer("first_step_any_gradient", r"\theta_1 - \theta_0", any_step,
                              note="for any g_1, entrywise, at epsilon = 0"))
    summary = (f"{spec.entry.name}'s first step is $\\theta_1 - \\theta_0 = "
               f"{inline_latex(zero)}$ at $\\varepsilon = 0$: exactly ${to_latex(size)}$ per "
               "coordinate"
               + (", whatever $\\beta_1$, $\\beta_2$ and the gradient's scale." if not rms else
                  " (no bias correction inflates it by $1/\\sqrt{1-\\beta_2}$)."))
    interp = ("The first step ignores the gradient's magnitude completely: a gradient of size "
              "$10^{-6}$ and one of size $10^{6}$ give the same step. This is why Adam's early "
              "steps can be large relative to plain SGD, and why warm-up is common."
              if not rms else
              "Without bias correction the first RMSprop step is $1/\\sqrt{1-\\beta_2}$ times "
              "$\\alpha$ (10 times for $\\beta_2 = 0.99$); Adam's correction removes exactly this.")
    return AskResult(answers, summary, interp)


# --------------------------------------------------------------------------- loss scaling

def _loss_scaling(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> AskResult:
    """Gradients scale by c, m by c, v by c^2: the step is unchanged at eps = 0."""
    answer = answers_of(asked.LOSS_SCALING, spec)
    c, alpha, eps = Q.c, Q.alpha, Q.eps
    der.add("Scale the loss",
            "Multiplying the loss by $c > 0$ multiplies every gradient by $c$. The averages are "
            "linear in $g$ and in $g^2$ respectively, so they scale by $c$ and $c^2$; the bias "
            "corrections are unchanged.",
            Equation.of(Tex(r"g_t'"), Tex(r"c\,g_t")),
            Equation.of(Tex(r"\hat m_t'"), c * MHAT), Equation.of(Tex(r"\hat v_t'"), c ** 2 * VHAT))
    scaled = -alpha * c * MHAT / (sympy.sqrt(c ** 2 * VHAT) + eps)
    simplified = -alpha * MHAT / (sympy.sqrt(VHAT) + eps / c)
    check = sympy.simplify(scaled - simplified)
    ratio = sympy.simplify((scaled / (-alpha * MHAT / sympy.sqrt(VHAT))).subs(eps, 0)) \
        if not (Q.eps_given and eps != 0) else None
    der.add("The step under the scaled loss",
            "$\\sqrt{c^2\\hat v_t} = c\\sqrt{\\hat v_t}$ because $c > 0$; dividing numerator "
            "and denominator by $c$ shows the only trace of $c$ is in $\\varepsilon/c$"
            + (" (the difference of the two forms simplifies to "
               f"${to_latex(check)}$)." if check == 0 else "."),
            Equation.of(Tex(r"\Delta\theta_t'"), scaled, simplified))
    answers = [answer("scaled_update", r"\Delta\theta_t'", simplified)]
    if ratio is not None:
        der.add("At epsilon = 0",
                "With $\\varepsilon = 0$ the factor $c$ cancels completely: the whole trajectory "
                "is the same for every $c > 0$. Plain SGD's step would instead be $c$ times "
                "larger.", Equation.of(Tex(r"\Delta\theta_t' / \Delta\theta_t"), ratio))
        answers.append(answer("ratio_eps0", r"\Delta\theta_t' / \Delta\theta_t", ratio,
                              note="at epsilon = 0, every coordinate and step"))
        answers.append(answer("the updates change", r"\Delta\theta_t' \ne \Delta\theta_t",
                              sympy.true if ratio != 1 else sympy.false,
                              quantity=asked.CHANGES.key, note="at epsilon = 0"))
    elif Q.eps_given:
        # eps > 0: the only trace of c is eps/c, so the steps change unless c = 1
        changes = sympy.Ne(c, 1) if c.free_symbols else (sympy.true if c != 1 else sympy.false)
        der.add("With epsilon > 0",
                "With $\\varepsilon > 0$ the scaled run is the unscaled one with "
                "$\\varepsilon$ replaced by $\\varepsilon/c$: every step with a non-zero "
                "gradient changes, unless $c = 1$.",
                Equation.of(Tex(r"\varepsilon'"), eps / c))
        answers.append(answer("the updates change", r"\Delta\theta_t' \ne \Delta\theta_t",
                              changes, quantity=asked.CHANGES.key,
                              note=f"at epsilon = {sympy.sstr(eps)}: epsilon becomes epsilon/c"))
    if isinstance(Q.g, sympy.MatrixBase) and Q.numeric("alpha", "c", "beta2"):
        answers += given.scaled_first_step(spec, Q, der)
    summary = ("Scaling the loss by $c > 0$ leaves Adam's update unchanged when $\\varepsilon = 0$ "
               f"(ratio $1$); in general $\\Delta\\theta_t' = {to_latex(simplified)}$, i.e. "
               "$\\varepsilon$ is effectively divided by $c$.")
    interp = ("Adam is invariant to the scale of the loss (and of each coordinate's gradient), "
              "so the learning rate does not need retuning when a loss is multiplied by a "
              "constant. The invariance breaks only through $\\varepsilon$: a tiny loss scale "
              "($c\\sqrt{\\hat v} \\lesssim \\varepsilon$) makes Adam behave like SGD with step "
              "$\\alpha c/\\varepsilon$.")
    return AskResult(answers, summary, interp)


def _equivalent_eps(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> AskResult:
    """Adam on c L with eps runs exactly as Adam on L with eps/c (same alpha and betas)."""
    answer = answers_of(asked.EQUIVALENT_EPS, spec)
    c, alpha, eps = Q.c, Q.alpha, Q.eps
    scaled = -alpha * c * MHAT / (sympy.sqrt(c ** 2 * VHAT) + eps)
    equivalent = sympy.simplify(eps / c)
    der.add("The same run with another epsilon",
            "On $cL$ every gradient is $c\\,g_t$, so $\\hat m_t' = c\\hat m_t$ and "
            "$\\sqrt{\\hat v_t'} = c\\sqrt{\\hat v_t}$ ($c > 0$). Dividing numerator and "
            "denominator by $c$ gives Adam's step on $L$ with $\\varepsilon$ replaced by "
            "$\\varepsilon/c$, at every step, so the two runs are the same.",
            Equation.of(Tex(r"\Delta\theta_t'"), scaled,
                        -alpha * MHAT / (sympy.sqrt(VHAT) + equivalent)),
            Equation.of(Tex(r"\varepsilon'"), equivalent))
    answers = [answer("equivalent epsilon", r"\varepsilon'", equivalent,
                      note="Adam on L with this epsilon runs exactly as Adam on cL")]
    summary = ("Running Adam on $cL$ equals running it on $L$ with "
               f"$\\varepsilon' = {to_latex(equivalent)}$.")
    interp = ("Loss scaling is invisible to Adam except through $\\varepsilon$: a larger loss "
              "makes $\\varepsilon$ relatively smaller, exactly as dividing it by $c$.")
    return AskResult(answers, summary, interp)


# --------------------------------------------------------------------------- sign limit

def _sign_limit(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> AskResult:
    """beta1 = beta2 = 0, eps = 0: m_t = g_t, v_t = g_t^2, step -alpha sign(g_t)."""
    answer = answers_of(asked.SIGN_LIMIT, spec)
    alpha = Q.alpha
    gt = Q.g if isinstance(Q.g, sympy.MatrixBase) else sympy.Symbol("g_t", real=True,
                                                                     nonzero=True)
    if spec.entry is O.RMSPROP:
        der.add("No memory", "With the decay $\\rho = \\beta_2 = 0$ the running average forgets "
                "everything but the current squared gradient (RMSprop has no first moment and "
                "no bias correction).", Equation.of(Tex("v_t"), _ew(lambda x: x ** 2, gt)))
    else:
        der.add("No memory", "With $\\beta_1 = \\beta_2 = 0$ both averages forget everything "
                "but the current gradient, and the bias corrections are $1 - 0^t = 1$.",
                Equation.of(Tex(r"\hat m_t"), Tex("m_t"), gt),
                Equation.of(Tex(r"\hat v_t"), Tex("v_t"), _ew(lambda x: x ** 2, gt)))
    general = (sympy.Matrix([-alpha * x / (sympy.Abs(x) + Q.eps) for x in gt])
               if isinstance(gt, sympy.MatrixBase) else -alpha * gt / (sympy.Abs(gt) + Q.eps))
    step = -alpha * _sign(gt)
    der.add("The step", "$\\sqrt{g_t^2} = |g_t|$, so at $\\varepsilon = 0$ each coordinate moves "
            "by exactly $\\alpha$ against the sign of its gradient.",
            Equation.of(Tex(r"\theta_{t+1} - \theta_t"), general),
            Equation.chain(Tex(r"\theta_{t+1} - \theta_t"), ("=", step),
                           (r"\quad\text{at}\quad", Tex(r"\varepsilon = 0"))))
    der.add("Which steepest descent this is",
            "Minimising the linear model over an $\\ell_\\infty$ ball of radius $\\eta$ puts "
            "every coordinate at the boundary against its gradient (Hölder: "
            "$g^\\top d \\ge -\\eta\\lVert g\\rVert_1$, with equality at $d = -\\eta\\operatorname"
            "{sign}(g)$). With $\\eta = \\alpha$ this is the step above.",
            Equation.of(Tex(r"\arg\min_{\lVert d\rVert_\infty \le \eta} g^\top d"),
                        Tex(r"-\eta\operatorname{sign}(g)")))
    summary = ((f"With $\\rho = 0$ and $\\varepsilon = 0$, RMSprop's step is " if spec.entry is
                O.RMSPROP else f"With $\\beta_1 = \\beta_2 = 0$ and $\\varepsilon = 0$, Adam's step is ")
               + f"${inline_latex(step)}$: sign gradient descent with step $\\alpha$.")
    interp = ("Sign descent is the constraint form of $\\ell_\\infty$ steepest descent with "
              "radius $\\eta = \\alpha$ (see the steepest-descent family). Adam with memory "
              "($\\beta_1, \\beta_2 > 0$) is a smoothed version: the sign is replaced by the "
              "ratio $\\hat m/\\sqrt{\\hat v}$, which is close to $\\pm 1$ when the gradient's "
              "sign is consistent and small when it is noisy.")
    answers = [answer("sign_limit_step", r"\theta_{t+1} - \theta_t", step,
                      note="beta1 = beta2 = 0, epsilon = 0")]
    if isinstance(gt, sympy.MatrixBase):    # the same update for any g_t ('write the update')
        g_any = sympy.Symbol("g_t", real=True, nonzero=True)
        answers.append(answer("sign_limit_step_any_gradient", r"\theta_{t+1} - \theta_t",
                              -Q.lr * sympy.sign(g_any),
                              note="for any g_t, entrywise, beta1 = beta2 = 0, epsilon = 0"))
    return AskResult(answers, summary, interp)


def _first_step_method(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> AskResult:
    """The first step at eps = 0 moves every coordinate by the same eta against the sign of its
    gradient: one step of sign descent with eta = alpha (RMSprop: alpha/sqrt(1 - beta2))."""
    if asked.SIGN_LIMIT.key in spec.asks:       # the sign limit names the method itself
        return AskResult([], "", "")
    if spec.is_rmsprop_form:
        der.add("Which method this is",
                "With $\\beta_1 = 0$ the first moment is the current gradient, $m_t = g_t$, and "
                "without bias correction the step divides by $\\sqrt{v_t}$ itself: this is "
                "RMSprop, with smoothing constant $\\rho = \\beta_2$ and learning rate "
                "$\\alpha$.",
                Equation.of(Tex(r"v_t"), Tex(r"\beta_2 v_{t-1} + (1-\beta_2)\,g_t^2")),
                Equation.of(Tex(r"\theta_t - \theta_{t-1}"),
                            Tex(r"-\alpha\,\frac{g_t}{\sqrt{v_t} + \varepsilon}")))
        return AskResult([], f"Adam with $\\beta_1 = 0$ and no bias correction is RMSprop with "
                             f"$\\rho = \\beta_2 = {to_latex(Q.beta2)}$.", "")
    eta = Q.alpha if spec.entry is not O.RMSPROP else \
        sympy.simplify(Q.alpha / sympy.sqrt(1 - Q.beta2))
    der.add("Which method the first step is",
            "At $\\varepsilon = 0$ the first step is $-\\eta\\operatorname{sign}(g_1)$ with the "
            "same $\\eta$ in every coordinate: exactly one step of sign gradient descent, the "
            "minimiser of the linear model $g_1^\\top d$ over the $\\ell_\\infty$ ball of radius "
            "$\\eta$ (Hölder: $g^\\top d \\ge -\\eta\\lVert g\\rVert_1$, with equality at "
            "$d = -\\eta\\operatorname{sign}(g)$). Later steps differ: the moments then mix "
            "several gradients.",
            Equation.of(Tex(r"\theta_1 - \theta_0"), Tex(r"-\eta\operatorname{sign}(g_1)")),
            Equation.of(Tex(r"\eta"), eta))
    return AskResult([], f"The first step is one step of sign gradient descent with "
                         f"$\\eta = {to_latex(eta)}$.", "")


# --------------------------------------------------------------------------- step bound

def step_bound_expr(alpha: Any, b1: Any, b2: Any, t: Any) -> Any:
    """B_t = alpha (1-b1)/(1-b1^t) sqrt((1-b2^t)/(1-b2)) sqrt(sum_{k<t} (b1^2/b2)^k)."""
    gamma = b1 ** 2 / b2
    total = geometric_sum(gamma, t)
    closed = t if gamma == 1 else (1 - gamma ** t) / (1 - gamma)
    if not gamma.free_symbols and not (t.free_symbols if hasattr(t, "free_symbols") else ()):
        closed = total
    elif sympy.simplify(total - closed) != 0:
        raise ArithmeticError("geometric sum does not match its closed form")
    return (alpha * (1 - b1) / (1 - b1 ** t) * sympy.sqrt((1 - b2 ** t) / (1 - b2))
            * sympy.sqrt(closed))


TEXTBOOK_BOUND = Tex(r"\alpha\frac{1-\beta_1}{\sqrt{1-\beta_2}}")
"""The Adam paper's rule-of-thumb step bound, shown beside the exact worst case."""


def _step_bound(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> AskResult:
    """The exact worst case of |Delta theta_{t,i}| over all gradient sequences (Cauchy-Schwarz)."""
    answer = answers_of(asked.STEP_BOUND, spec)
    alpha, b1, b2, t = Q.alpha, Q.beta1, Q.beta2, Q.t
    der.add("The step of one coordinate",
            "$\\varepsilon > 0$ only shrinks the step, so the worst case is $\\varepsilon = 0$. "
            "Write the unrolled averages with $k = t - s$ steps back.",
            Equation.of(Tex(r"|\Delta\theta_{t}|"),
                        Tex(r"\alpha\,\frac{1-\beta_1}{1-\beta_1^t}\sqrt{\frac{1-\beta_2^t}"
                            r"{1-\beta_2}}\;\frac{\bigl|\sum_{k=0}^{t-1}\beta_1^{k} g_{t-k}\bigr|}"
                            r"{\sqrt{\sum_{k=0}^{t-1}\beta_2^{k} g_{t-k}^2}}")))
    der.add("Cauchy-Schwarz",
            "Split $\\beta_1^k = (\\beta_1^k/\\beta_2^{k/2})\\,\\beta_2^{k/2}$ and apply "
            "Cauchy-Schwarz: the gradient-dependent ratio is at most the root of a geometric sum "
            "in $\\gamma = \\beta_1^2/\\beta_2$ (this needs $\\beta_2 > 0$). Equality holds when "
            "$g_{t-k} \\propto (\\beta_1/\\beta_2)^k$, so the bound is attained, not just an "
            "upper estimate.",
            Equation.chain(Tex(r"\frac{\bigl|\sum_k\beta_1^{k} g_{t-k}\bigr|}{\sqrt{\sum_k"
                               r"\beta_2^{k} g_{t-k}^2}}"),
                           (r"\le", Tex(r"\sqrt{\sum_{k=0}^{t-1}\gamma^{k}}")),
                           ("=", sympy.sqrt(geometric_sum(sympy.Symbol("gamma", positive=True),
                                                          sympy.Symbol("t", integer=True,
                                                                       positive=True))))))
    B = step_bound_expr(alpha, b1, b2, t)
    if not t.free_symbols:
        B = sympy.simplify(B)
    der.add("The exact bound", "Multiplying the two factors gives the supremum of the step over "
            "all gradient sequences, for each step $t$.",
            Equation.of(Tex(r"B_t"), B))
    B1 = sympy.simplify(step_bound_expr(alpha, b1, b2, 1))
    gamma = b1 ** 2 / b2
    answers = [answer("bound", r"\sup|\Delta\theta_{t,i}|", B), answer("bound_t1", r"B_1", B1)]
    lim_condition = sympy.simplify(gamma < 1) if not gamma.free_symbols else None
    if lim_condition is None or lim_condition is sympy.true:
        Binf = alpha * (1 - b1) / sympy.sqrt((1 - b2) * (1 - gamma))
        if lim_condition is not None:
            Binf = sympy.simplify(Binf)
        der.add("Long run", "For $\\beta_1^2 < \\beta_2$ the geometric sum converges and "
                "$\\beta^t \\to 0$: the bound tends to a finite limit. (For $\\beta_1^2 \\ge "
                "\\beta_2$ it grows without bound in $t$.)",
                Equation.of(Tex(r"\lim_{t\to\infty} B_t"), Binf))
        answers.append(answer("bound_limit", r"\lim_{t\to\infty} B_t", Binf,
                              note="" if lim_condition is not None else
                              "valid when beta1^2 < beta2"))
    else:
        Binf = sympy.oo
        der.add("Long run", f"Here $\\beta_1^2/\\beta_2 = {to_latex(gamma)} \\ge 1$, so the sum "
                "grows without bound: adversarial gradient sequences make the step as large as "
                "we like for large $t$.", Equation.of(Tex(r"\lim_{t\to\infty} B_t"), sympy.oo))
        answers.append(answer("bound_limit", r"\lim_{t\to\infty} B_t", sympy.oo, "unbounded",
                              note="beta1^2 >= beta2: no finite bound as t grows"))
    kb = alpha * (1 - b1) / sympy.sqrt(1 - b2)
    der.add("Compared with the usual statement",
            "The Adam paper's rule of thumb is $|\\Delta\\theta| \\le \\alpha(1-\\beta_1)/"
            "\\sqrt{1-\\beta_2}$ when $1-\\beta_1 > \\sqrt{1-\\beta_2}$ and $\\lesssim \\alpha$ "
            "otherwise. Neither is a worst-case bound for every step: $B_\\infty$ exceeds "
            "$\\alpha(1-\\beta_1)/\\sqrt{1-\\beta_2}$ by the factor $1/\\sqrt{1-\\gamma} > 1$ "
            "whenever $\\beta_1 > 0$. What does hold exactly is $B_1 = \\alpha$ (first step), and "
            "the typical-case statement: for stationary gradients $\\mathbb{E}[\\hat m]^2 = \\mu^2 "
            "\\le \\nu = \\mathbb{E}[\\hat v]$, so the ratio of expectations is at most $1$ and "
            "steps are $\\lesssim \\alpha$ on average.",
            Equation.of(TEXTBOOK_BOUND, kb))
    if spec.textbook_bound:     # the text writes that expression and asks its value
        der.add("The bound the text writes",
                "At these values the paper's expression is the size of the first step without "
                "bias correction for any non-zero gradient: $m_1/\\sqrt{v_1} = (1-\\beta_1)g/"
                "(\\sqrt{1-\\beta_2}\\,|g|)$.", Equation.of(TEXTBOOK_BOUND, kb))
        answers.append(answer("bound_textbook", r"\alpha\frac{1-\beta_1}{\sqrt{1-\beta_2}}", kb,
                              note="the bound as the text writes it (Kingma & Ba)"))
    num = Q.numeric("alpha", "beta1", "beta2")
    example = ""
    if num and Binf is not sympy.oo:
        example = (f" Here $B_\\infty \\approx {float(Binf):.4g}$ while the paper's expression "
                   f"gives ${float(kb):.4g}$.")
    summary = (f"Exact worst case per coordinate (at $\\varepsilon = 0$): $|\\Delta\\theta_{{t,i}}| "
               f"\\le B_t = {to_latex(B)}$, attained by $g_{{t-k}} \\propto (\\beta_1/\\beta_2)^k$; "
               f"$B_1 = {to_latex(B1)}$" + (f", $B_\\infty = {to_latex(Binf)}$" if Binf is not sympy.oo
                                    else ", unbounded as $t \\to \\infty$") + "." + example)
    interp = ("The step is bounded by a multiple of $\\alpha$ that depends only on "
              "$\\beta_1, \\beta_2$ and $t$, never on the gradients' scale: Adam's learning rate "
              "is a trust-region radius per coordinate. The worst case needs gradients that grow "
              "geometrically and then stop; typical steps are about $\\alpha$ or smaller.")
    return AskResult(answers, summary, interp)


# --------------------------------------------------------------------------- weight decay

def _weight_decay(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> AskResult:
    """L2 inside Adam: decay alpha lam/(sqrt(vhat_i)+eps); AdamW: alpha lam for every coordinate."""
    answer = answers_of(asked.WEIGHT_DECAY, spec)
    alpha, lam, eps = Q.alpha, Q.lam, Q.eps
    gi, thi = sympy.Symbol("ghat_i", real=True), sympy.Symbol("theta_i", real=True)
    der.add("L2 regularisation inside Adam",
            "Adding $\\tfrac{\\lambda}{2}\\lVert\\theta\\rVert^2$ to the loss (what "
            "PyTorch's Adam(weight_decay=$\\lambda$) does) adds $\\lambda\\theta$ to the gradient "
            "before the moment estimates see it.",
            Equation.of(Tex(r"\tilde g_t"), Tex(r"g_t + \lambda\theta_{t-1}")))
    kappa_l2 = alpha * lam / (sympy.sqrt(VHAT_I) + eps)
    step_l2 = -alpha * (gi + lam * thi) / (sympy.sqrt(VHAT_I) + eps)
    der.add("Its decay is preconditioned",
            "Assume $\\beta_1 = 0$ (then $\\hat m_t = \\tilde g_t$ exactly), or a steady state in "
            "which $\\theta$ changes little over the averaging window $1/(1-\\beta_1)$ (then "
            "$\\hat m_t \\approx \\hat g + \\lambda\\theta$, with $\\hat g$ the averaged loss "
            "gradient). The decay term is divided by the same $\\sqrt{\\hat v_i} + \\varepsilon$ "
            "as the gradient, and $\\hat v_i$ is built from $\\tilde g$.",
            Equation.of(Tex(r"\Delta\theta_i"), step_l2),
            Equation.of(Tex(r"\kappa_i^{\mathrm{L2}}"), kappa_l2))
    kappa_w = alpha * lam
    der.add("Decoupled weight decay (AdamW)",
            "AdamW shrinks the weights directly, outside the adaptive step (PyTorch: "
            "$p \\leftarrow p\\,(1 - \\mathrm{lr}\\cdot\\mathrm{weight\\_decay})$, then the Adam "
            "step on $g_t$ alone); $\\hat v$ never sees $\\lambda\\theta$.",
            Equation.of(Tex(r"\theta_t"), Tex(r"(1-\alpha\lambda)\,\theta_{t-1} - \alpha\,"
                                              r"\frac{\hat m_t}{\sqrt{\hat v_t}+\varepsilon}")),
            Equation.of(Tex(r"\kappa_i^{\mathrm{W}}"), kappa_w))
    ratio = sympy.simplify(kappa_l2 / kappa_w)
    der.add("Compare", "The ratio is the per-coordinate preconditioner itself.",
            Equation.of(Tex(r"\kappa_i^{\mathrm{L2}} / \kappa_i^{\mathrm{W}}"), ratio))
    answers = [answer("decay_L2", r"\kappa_i^{\mathrm{L2}}", kappa_l2,
                      note="beta1 = 0 (exact) or steady state"),
               answer("decay_AdamW", r"\kappa_i^{\mathrm{W}}", kappa_w, subject=O.ADAMW.key),
               answer("decay_ratio", r"\kappa_i^{\mathrm{L2}} / \kappa_i^{\mathrm{W}}", ratio,
                 subject=None)]
    if spec.shrink_factor:   # asked: the factor AdamW multiplies the weights by at every step
        answers.insert(2, answer("shrink_AdamW", r"1 - \kappa^{\mathrm{W}}", 1 - kappa_w,
                                 subject=O.ADAMW.key, note="the factor AdamW multiplies the "
                                                           "weights by at every step"))
    if spec.decay_steps is not None:    # asked: what AdamW's decay alone keeps after N steps
        n = spec.decay_steps
        kept = sympy.Pow(1 - kappa_w, n, evaluate=False)   # unexpanded: (1 - αλ)^1000 exactly
        der.add(f"The decay alone over {n} steps",
                "Counting only the decoupled decay, each step multiplies the weight by the same "
                "factor $1 - \\alpha\\lambda$, so after $N$ steps the weight is that factor to "
                "the power $N$ times its start.",
                Equation.of(Tex(r"\theta_N / \theta_0"), Tex(r"(1 - \alpha\lambda)^N"), kept))
        answers.insert(2 + bool(spec.shrink_factor), answer(
            "decay_fraction_AdamW", rf"(1 - \kappa^{{\mathrm{{W}}}})^{{{n}}}", kept,
            subject=O.ADAMW.key, note=f"the fraction of a weight the decay alone keeps after {n} "
                                      "steps"))
    if spec.decay_halving:   # asked: the steps AdamW's decay alone takes to halve a weight
        answers.append(_halving_steps(answer, kappa_w, der))
    if spec.theta0 is not None and isinstance(Q.g, sympy.MatrixBase):
        answers += given.decay_first_steps(spec, Q, der)
    summary = (f"With L2 inside Adam each coordinate decays at rate $\\kappa_i = "
               f"{to_latex(kappa_l2)}$ per step; with AdamW at ${to_latex(kappa_w)}$ for every "
               "coordinate.")
    interp = ("Under L2-in-Adam, weights whose gradients are large (large $\\hat v_i$) are "
              "barely regularised and weights with small gradients are regularised strongly - "
              "the opposite of a uniform prior. AdamW restores the uniform shrinkage "
              "$(1-\\alpha\\lambda)$ of SGD with weight decay, which is why the two are not "
              "equivalent for adaptive methods although they coincide for plain SGD.")
    return AskResult(answers, summary, interp)


def _halving_steps(answer: Any, kappa_w: Any, der: Derivation) -> Any:
    """The smallest N with (1 - kappa)^N <= 1/2, checked exactly on both sides of N."""
    q = 1 - kappa_w
    if not (q.is_number and 0 < q < 1):
        raise ValueError("decay_halving: needs a number 0 < alpha*lambda < 1")
    n = int(sympy.ceiling(sympy.log(sympy.Rational(1, 2)) / sympy.log(q)))
    while q ** n > sympy.Rational(1, 2):      # exact guards against rounding of the logs
        n += 1
    while n > 1 and q ** (n - 1) <= sympy.Rational(1, 2):
        n -= 1
    der.add("Steps to halve the weight",
            "With no gradient the weight only decays: after $N$ steps it is $(1-\\alpha\\lambda)^N$ "
            "times its start. The first $N$ with $(1-\\alpha\\lambda)^N \\le 1/2$ is "
            "$\\lceil \\ln(1/2) / \\ln(1-\\alpha\\lambda) \\rceil$; the powers at $N$ and $N-1$ are "
            "compared exactly.",
            Equation.of(Tex(r"N"), Tex(r"\left\lceil \frac{\ln 2}{-\ln(1-\alpha\lambda)} "
                                       r"\right\rceil"), sympy.Integer(n)))
    return answer("halving_steps_AdamW", r"N_{1/2}", sympy.Integer(n), subject=O.ADAMW.key,
                  note="the first step count at which decoupled decay alone has brought the "
                       "weight to at most half its start")


# --------------------------------------------------------------------------- entry point

RULES = {asked.BIAS_CORRECTION.key: _bias_correction, asked.FIRST_STEP.key: _first_step,
         asked.LOSS_SCALING.key: _loss_scaling, asked.SIGN_LIMIT.key: _sign_limit,
         asked.STEP_BOUND.key: _step_bound, asked.WEIGHT_DECAY.key: _weight_decay,
         asked.THETA_T.key: given.theta_t, asked.LAST_STEP.key: given.last_step,
         asked.BIAS_FACTORS.key: given.bias_factors, asked.M_HAT.key: given.corrected_moment("m"),
         asked.V_HAT.key: given.corrected_moment("v"),
         asked.STEP_NO_BIAS_CORRECTION.key: given.step_no_bias_correction,
         asked.SGD_LOSS_SCALING.key: given.sgd_loss_scaling,
         asked.EQUIVALENT_EPS.key: _equivalent_eps,
         asked.IDENTIFICATION.key: _first_step_method,
         asked.STEP_LIMIT.key: given.step_limit, asked.GRADIENT_T.key: given.gradient_t,
         asked.EFFECTIVE_GRADIENT.key: given.effective_gradient}
"""The rule of every ask but the update rule (which also fills the facts)."""

TITLES = {asked.UPDATE_RULE.key: "The update rule", asked.BIAS_CORRECTION.key: "Bias correction",
          asked.FIRST_STEP.key: "The first step", asked.LOSS_SCALING.key: "Rescaling the loss",
          asked.SIGN_LIMIT.key: "The sign-descent limit",
          asked.STEP_BOUND.key: "How large a step can be",
          asked.WEIGHT_DECAY.key: "L2 regularisation vs decoupled weight decay",
          asked.THETA_T.key: "Where the iterate is", asked.LAST_STEP.key: "The last step",
          asked.BIAS_FACTORS.key: "The bias-correction factors",
          asked.M_HAT.key: "The corrected first moment",
          asked.V_HAT.key: "The corrected second moment",
          asked.STEP_NO_BIAS_CORRECTION.key: "The step without bias correction",
          asked.SGD_LOSS_SCALING.key: "Plain SGD under a scaled loss",
          asked.EQUIVALENT_EPS.key: "The equivalent epsilon",
          asked.IDENTIFICATION.key: "The method",
          asked.STEP_LIMIT.key: "The step in the long run",
          asked.GRADIENT_T.key: "The gradient",
          asked.EFFECTIVE_GRADIENT.key: "The effective gradient"}


def _analysis(spec: AdamMechanicsSpec, Q: Quantities) -> Analysis:
    def val(x: Any) -> str:
        return "" if sympy.sympify(x).free_symbols else f" (given: ${to_latex(x)}$)"

    rms = spec.entry is O.RMSPROP
    vs = [Variable(r"\theta_t", "parameters after step $t$ (every operation is per coordinate)",
                   r"\mathbb{R}^{d}"),
          Variable("g_t", "stochastic gradient at step $t$", r"\mathbb{R}^{d}"),
          Variable(sympy.latex(Q.lr), "learning rate" + val(Q.alpha), r"\mathbb{R}_{>0}")]
    if not rms:
        vs.append(Variable(r"\beta_1", "first-moment decay" + val(Q.beta1), "[0, 1)"))
    vs.append(Variable(r"\beta_2", "second-moment decay" + val(Q.beta2), "[0, 1)"))
    vs.append(Variable(r"\varepsilon", "denominator constant" + (val(Q.eps) if Q.eps_given else
                                                                 " (not given)"),
                       r"\mathbb{R}_{\ge 0}"))
    if "weight-decay" in spec.asks:
        vs.append(Variable(r"\lambda", "L2 / weight-decay coefficient" + val(Q.lam),
                           r"\mathbb{R}_{>0}"))
    if "loss-scaling" in spec.asks:
        vs.append(Variable("c", "factor multiplying the loss" + val(Q.c), r"\mathbb{R}_{>0}"))
    if "bias-correction" in spec.asks:
        vs += [Variable(r"\mu", "$\\mathbb{E}[g_t]$ per coordinate (stationary)", r"\mathbb{R}"),
               Variable(r"\nu", "$\\mathbb{E}[g_t^2]$ per coordinate (stationary)",
                        r"\mathbb{R}_{\ge 0}")]
    assumptions = ["PyTorch's conventions: $m_0 = v_0 = 0$, bias-corrected $\\hat m_t = m_t/(1-"
                   "\\beta_1^t)$ and $\\hat v_t = v_t/(1-\\beta_2^t)$, and $\\varepsilon$ added "
                   "after the square root."]
    if rms:
        assumptions.append("RMSprop (PyTorch, not centred, no momentum): $\\theta_t = "
                           "\\theta_{t-1} - \\alpha g_t/(\\sqrt{v_t} + \\varepsilon)$, i.e. "
                           "$\\beta_1 = 0$ and no bias correction of $v_t$.")
    if not Q.eps_given:
        assumptions.append("$\\varepsilon$ is not given: it is kept as a symbol, and results "
                           "stated 'at $\\varepsilon = 0$' are its limit.")
    if isinstance(Q.t, sympy.Symbol):
        assumptions.append("$t \\ge 1$ is the step index (a symbol).")
    return Analysis(tuple(vs), tuple(assumptions), None,
                    "Answer, with derivations: " + "; ".join(TITLES[a].lower() for a in spec.asks)
                    + ".")


FIGURE_ASKS = (asked.STEP_BOUND.key, asked.BIAS_CORRECTION.key, asked.BIAS_FACTORS.key)


def _figures(spec: AdamMechanicsSpec, Q: Quantities) -> tuple[list[Figure], list[str]]:
    """The mechanics figure when the part asks about the step bound or bias correction and the
    hyper-parameters are numbers; a figure that cannot be drawn is a diagnostic."""
    if not set(FIGURE_ASKS) & set(spec.asks) or not Q.numeric("alpha", "beta1", "beta2"):
        return [], []
    try:
        from optiproof.families.adam_mechanics.figures import mechanics_figure

        return [mechanics_figure(float(Q.alpha), float(Q.beta1), float(Q.beta2))], []
    except Exception as exc:  # noqa: BLE001 - a figure must never break a solved part
        return [], [f"figure not drawn: {type(exc).__name__}: {exc}"]


def solve(spec: AdamMechanicsSpec, *, figures: bool = True) -> PartSolution:
    """Each ask's derivation and answers, in the order asked, with the mechanics figure when
    ``figures`` and it applies."""
    Q = quantities(spec)
    der = Derivation()
    answers: list[Answer] = []
    summaries, interps = [], []
    facts = AdamMechanicsFacts()
    identified = None
    note = ""
    for ask in spec.asks:
        before = len(der.steps)
        if ask == asked.UPDATE_RULE.key:
            result = _update_rule(spec, Q, der, facts)
        else:
            result = RULES[ask](spec, Q, der)
        if len(der.steps) == before:     # an ask another ask answers adds nothing
            continue
        der.steps[before] = Step(f"{TITLES[ask]}: {der.steps[before].title.lower()}",
                                 der.steps[before].text, der.steps[before].equations)
        answers += result.answers
        summaries.append(result.summary)
        interps.append(result.interpretation)
        if ask == asked.IDENTIFICATION.key and identified is None and spec.is_rmsprop_form:
            identified = O.RMSPROP
            note = ("With $\\beta_1 = 0$ and no bias correction, Adam's update is RMSprop's: "
                    "$v_t = \\beta_2 v_{t-1} + (1-\\beta_2) g_t^2$, "
                    "$\\theta_t = \\theta_{t-1} - \\alpha g_t/(\\sqrt{v_t} + \\varepsilon)$.")
        elif ask == asked.IDENTIFICATION.key and identified is None:
            identified = O.SIGN_GD
            note = ("The first step at $\\varepsilon = 0$ is $-\\eta\\operatorname{sign}(g_1)$: "
                    "one step of sign gradient descent (the constraint form of $\\ell_\\infty$ "
                    "steepest descent).")
        if ask == asked.SIGN_LIMIT.key:
            identified = O.SIGN_GD
            note = ("$\\theta_{t+1} = \\theta_t - \\alpha\\operatorname{sign}(g_t)$: the constraint "
                    "form of $\\ell_\\infty$ steepest descent, $\\arg\\min_{\\lVert d\\rVert_\\infty"
                    " \\le \\eta} g^\\top d$, with $\\eta = \\alpha$.")
    identifications = [identification(identified, spec.optimizer, note)] if identified else []
    if identified is None and asked.UPDATE_RULE.key in spec.asks:
        identified = spec.entry
    drawn, diagnostics = _figures(spec, Q) if figures else ([], [])
    return PartSolution(
        label=spec.label, family=KEY, question=spec.question, analysis=_analysis(spec, Q),
        steps=der.steps, answers=answers, asked=list(spec.asks), identifications=identifications,
        identified_as=identified.name if identified else None, identification_note=note,
        interpretation=" ".join(interps), summary=" ".join(summaries), facts=facts,
        figures=drawn, diagnostics=diagnostics)
