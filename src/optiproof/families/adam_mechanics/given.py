"""Asks answered from given numbers or step indices: where the iterate is after the given
gradients, the bias-correction factors and corrected moments, the last step, the step without
bias correction, and plain SGD under a scaled loss.

Each rule is ``(spec, Q, Derivation) -> AskResult`` like the rules of :mod:`.solve`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import sympy

from optiproof.catalogue import optimizers as O
from optiproof.catalogue import quantities as asked
from optiproof.core.errors import BadInput
from optiproof.core.exact import inline_latex, to_latex
from optiproof.core.solution import Derivation, Equation, Tex
from optiproof.families.adam_mechanics.rules import (AskResult, answers_of, exact_run,
                                                     theta0_of)
from optiproof.families.adam_mechanics.spec import AdamMechanicsSpec
from optiproof.families.adam_mechanics.symbols import M_T, V_T, Quantities


def _steps_equations(run: Any) -> list[Equation]:
    """theta_k - theta_{k-1} for each given gradient (the first few)."""
    return [Equation.of(Tex(rf"\theta_{{{k}}} - \theta_{{{k - 1}}}"), step)
            for k, step in enumerate(run.steps[:6], start=1)]


DECAY_TITLE = "Weight decay inside the run"


def decay_in_run(spec: AdamMechanicsSpec, der: Derivation) -> None:
    """Say (once) how the part's weight decay enters the run: L2 feeds g + lam theta to Adam,
    decoupled decay shrinks the weights apart from the adaptive step."""
    if not spec.decay or any(step.title.endswith(DECAY_TITLE.lower()) or step.title == DECAY_TITLE
                             for step in der.steps):
        return
    if spec.decay == "penalty":
        der.add(DECAY_TITLE,
                "With an L2 penalty $\\tfrac{\\lambda}{2}\\lVert\\theta\\rVert^2$ in the loss, "
                "Adam is fed the gradient of the penalised loss: the moments average "
                "$g_k + \\lambda\\theta_{k-1}$ (PyTorch: Adam(weight_decay=$\\lambda$)).",
                Equation.of(Tex(r"\tilde g_k"), Tex(r"g_k + \lambda\theta_{k-1}")))
    else:
        der.add(DECAY_TITLE,
                "With decoupled weight decay (AdamW) the moments see the data gradient $g_k$ "
                "alone and the weights are shrunk apart from the adaptive step.",
                Equation.of(Tex(r"\theta_k"), Tex(r"(1-\alpha\lambda)\,\theta_{k-1} - \alpha\,"
                                                   r"\frac{\hat m_k}{\sqrt{\hat v_k}+\varepsilon}")))


def theta_t(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> AskResult:
    """theta_T = theta_0 + sum_k (theta_k - theta_{k-1}) over the given gradients."""
    decay_in_run(spec, der)
    run = exact_run(spec, Q)
    theta0 = theta0_of(spec, run.m.rows)
    theta = theta0 + run.total
    der.add("The iterate after the given gradients",
            f"Each of the {run.T} steps is the update rule evaluated on its gradient (at "
            + ("the given $\\varepsilon$" if Q.eps_given else "$\\varepsilon = 0$") + "); "
            "the iterate is the start plus their sum.",
            Equation.of(Tex(r"\theta_0"), theta0), *_steps_equations(run),
            Equation.of(Tex(rf"\theta_{{{run.T}}}"), Tex(r"\theta_0 + \sum_k (\theta_k - "
                                                       r"\theta_{k-1})"), theta))
    answer = answers_of(asked.THETA_T, spec)
    earlier = []
    if spec.loss is not None:       # a run on a loss: every iterate on the way (one parameter)
        partial = theta0
        for k, step in enumerate(run.steps[:-1], start=1):
            partial = partial + step
            earlier.append(answer(f"theta_{k}", rf"\theta_{{{k}}}", partial))
    return AskResult([*earlier, answer(f"theta_{run.T}", rf"\theta_{{{run.T}}}", theta)],
                     f"After the {run.T} given gradients $\\theta_{{{run.T}}} = "
                     f"{inline_latex(theta)}$.",
                     "AdaGrad divides by the root of the sum of every squared gradient so far, so "
                     "its steps shrink as the gradients accumulate." if spec.entry is O.ADAGRAD else
                     "Adam moves each coordinate by about $\\alpha$ per step whatever the "
                     "gradient's size, so after $T$ steps the iterate has moved at most about "
                     "$T\\alpha$ per coordinate.")


def gradient_t(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> AskResult:
    """g_T: the loss's derivative at theta_{T-1}, on the run from theta0."""
    run = exact_run(spec, Q)
    T = run.T
    der.add("The gradient at the current iterate",
            "Each gradient is the loss's derivative at the iterate the previous step reached.",
            *[Equation.of(Tex(rf"g_{{{k}}}"), Tex(rf"f'(\theta_{{{k - 1}}})"), g)
              for k, g in enumerate(run.gradients[:6], start=1)])
    answer = answers_of(asked.GRADIENT_T, spec)
    return AskResult([answer(f"g_{T}", rf"g_{{{T}}}", run.gradients[-1])],
                     f"$g_{{{T}}} = {inline_latex(run.gradients[-1])}$.", "")


def effective_gradient(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> AskResult:
    """g~_T = g_T + lam theta_{T-1}: the gradient of the penalised loss that Adam's moments
    average at the last given step (an L2 penalty inside Adam)."""
    decay_in_run(spec, der)
    run = exact_run(spec, Q)
    T = run.T
    theta_before = theta0_of(spec, run.m.rows) + sum(run.steps[:-1], sympy.zeros(run.m.rows, 1))
    fed = run.fed[-1]
    der.add("The effective gradient",
            "The penalty's gradient $\\lambda\\theta$ is taken at the iterate the step starts "
            "from and added to the data gradient; this sum is what both moments see.",
            Equation.of(Tex(rf"\theta_{{{T - 1}}}"), theta_before),
            Equation.of(Tex(rf"\tilde g_{{{T}}}"), Tex(rf"g_{{{T}}} + \lambda\theta_{{{T - 1}}}"),
                        fed))
    answer = answers_of(asked.EFFECTIVE_GRADIENT, spec)
    return AskResult([answer(f"gtilde_{T}", rf"\tilde g_{{{T}}}", fed)],
                     f"The effective gradient is $\\tilde g_{{{T}}} = {inline_latex(fed)}$.",
                     "The penalty pulls each coordinate's fed gradient towards the sign of the "
                     "weight, so where the data gradient is small the decay can flip the "
                     "direction Adam moves.")


def last_step(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> AskResult:
    """theta_T - theta_{T-1}: the update rule at the last given gradient."""
    decay_in_run(spec, der)
    run = exact_run(spec, Q)
    der.add("The last step",
            "The step at the last given gradient uses the moments accumulated over the whole "
            "sequence.", *_steps_equations(run)[:-1],
            Equation.of(Tex(rf"\theta_{{{run.T}}} - \theta_{{{run.T - 1}}}"), run.steps[-1]))
    answer = answers_of(asked.LAST_STEP, spec)
    i = spec.coordinate
    coordinate = [answer(f"change of coordinate {i}", rf"\theta_{{{run.T},{i}}} - "
                         rf"\theta_{{{run.T - 1},{i}}}", run.steps[-1][i - 1])] \
        if i is not None and i <= run.steps[-1].rows else []
    if i is not None and not coordinate:
        raise BadInput(f"coordinate {i}: the parameter has {run.steps[-1].rows} coordinates",
                       field="coordinate", expected=f"1 to {run.steps[-1].rows}")
    dependence = _step_t_dependence(spec, Q, run, der, answer) if spec.step_t_dependence else []
    return AskResult([answer("last step", rf"\theta_{{{run.T}}} - \theta_{{{run.T - 1}}}",
                             run.steps[-1]), *coordinate, *dependence],
                     f"The last step is ${inline_latex(run.steps[-1])}$.", _constant_coordinates(spec, run))


def _step_t_dependence(spec: AdamMechanicsSpec, Q: Quantities, run: Any, der: Derivation,
                       answer: Any) -> list:
    """'Does the update depend on t?' of Adam with bias correction on a constant gradient: no.
    m_t = (1 − β₁^t) g and v_t = (1 − β₂^t) g² exactly, so m̂_t = g and v̂_t = g² at every t and
    the step −α g/(|g| + ε) is the same; any other run (RMSprop, weight decay, gradients that
    change) is refused."""
    first = run.gradients[0]
    if spec.entry is not O.ADAM or spec.decay or spec.loss is not None or \
            any(g != first for g in run.gradients):
        raise BadInput("step_t_dependence: answered for Adam with bias correction on one constant "
                       "gradient, without weight decay", field="step_t_dependence",
                       expected="optimizer adam, constant: true, no decay")
    t = sympy.Symbol("t", positive=True, integer=True)
    m_hat = sympy.simplify((1 - Q.beta1 ** t) * first / (1 - Q.beta1 ** t))
    v_hat = sympy.simplify((1 - Q.beta2 ** t) * first.applyfunc(lambda x: x ** 2)
                           / (1 - Q.beta2 ** t))
    step = first.applyfunc(lambda x: -Q.alpha * x / (sympy.Abs(x) + run.eps))
    der.add("Does the step depend on t?",
            "With the same gradient at every step the averages are $m_t = (1-\\beta_1^t)\\,g$ and "
            "$v_t = (1-\\beta_2^t)\\,g^2$; the bias correction divides exactly these factors out, "
            "so $\\hat m_t$, $\\hat v_t$ and the step are the same at every $t$.",
            Equation.of(Tex(r"\hat m_t"), m_hat), Equation.of(Tex(r"\hat v_t"), v_hat),
            Equation.of(Tex(r"\theta_t - \theta_{t-1}"), step))
    depends = bool(m_hat.free_symbols & {t} or v_hat.free_symbols & {t})
    if depends or any(sympy.simplify(s - step) != sympy.zeros(*step.shape) for s in run.steps):
        raise BadInput("step_t_dependence: the exact steps of the run differ from the closed "
                       "form", field="step_t_dependence")
    return [answer("step depends on t", r"\partial_t(\theta_t - \theta_{t-1}) \neq 0",
                   sympy.false, quantity=asked.DEPENDS_ON.key,
                   note="the bias-corrected step is the same at every t for a constant gradient")]


def _constant_coordinates(spec: AdamMechanicsSpec, run: Any) -> str:
    """Why a coordinate whose gradient never changed moves by exactly ∓α (Adam, ε = 0, no weight
    decay): m_t = (1 − β₁^t) g and v_t = (1 − β₂^t) g², so the correction gives m̂ = g, v̂ = g²."""
    if spec.entry is not O.ADAM or spec.decay or run.eps != 0 or run.T < 2 or spec.loss is not None:
        return ""
    first = run.gradients[0]
    same = [i for i in range(first.rows) if first[i] != 0 and
            all(g[i] == first[i] for g in run.gradients)]
    if not same:
        return ""
    which = ", ".join(str(i + 1) for i in same)
    return (f"Coordinate{'s' if len(same) > 1 else ''} {which} saw the same gradient at every "
            r"step, so there $m_t = (1 - \beta_1^t) g$ and $v_t = (1 - \beta_2^t) g^2$: the bias "
            r"correction gives exactly $\hat m_t = g$ and $\hat v_t = g^2$, and the step is "
            r"$-\alpha\, g/|g| = -\alpha\,\mathrm{sign}(g)$.")


def _no_correction(spec: AdamMechanicsSpec, what: str) -> None:
    """RMSprop has no bias correction: asking for what it corrects is bad input."""
    if spec.entry is O.RMSPROP:
        raise BadInput(f"{spec.entry.name} has no bias correction, so it has no {what}",
                       field="asks", expected=f"optimizer {O.ADAM.key}")


def bias_factors(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> AskResult:
    """1/(1 - beta1^t) and 1/(1 - beta2^t): what the bias correction multiplies m_t, v_t by."""
    _no_correction(spec, "bias-correction factors")
    f1 = sympy.simplify(1 / (1 - Q.beta1 ** Q.t))
    f2 = sympy.simplify(1 / (1 - Q.beta2 ** Q.t))
    der.add("The bias-correction factors",
            "The averages put total weight $1 - \\beta^t$ on the gradients seen so far, so the "
            "correction multiplies them by the reciprocal.",
            Equation.of(Tex(r"\frac{1}{1 - \beta_1^t}"), f1),
            Equation.of(Tex(r"\frac{1}{1 - \beta_2^t}"), f2))
    answer = answers_of(asked.BIAS_FACTORS, spec)
    w1, w2 = sympy.simplify(1 - Q.beta1 ** Q.t), sympy.simplify(1 - Q.beta2 ** Q.t)
    settled = [] if spec.bias_below is None else [
        answer(f"first t with beta{k}^t {'<=' if spec.bias_inclusive else '<'} threshold",
               rf"t^*_{{\beta_{k}}}", sympy.Integer(n),
               note=f"from step {n} on 1 - beta{k}^t is within the threshold of 1")
        for k, n in ((1, settled_step(Q.beta1, spec)), (2, settled_step(Q.beta2, spec)))]
    if settled:
        der.add("When the correction stops mattering",
                r"$\beta^t$ falls with $t$, so the first $t$ with $\beta^t$ below the threshold "
                r"$\delta$ is $\lfloor \ln\delta / \ln\beta \rfloor + 1$ (the powers at "
                r"$t$ and $t - 1$ are compared exactly).",
                *[Equation.of(Tex(a.symbol), a.expr) for a in settled])
    return AskResult([answer("first-moment correction factor", r"\frac{1}{1-\beta_1^t}", f1),
                      answer("second-moment correction factor", r"\frac{1}{1-\beta_2^t}", f2),
                      answer("first-moment weight (the factor divided out)", r"1-\beta_1^t", w1),
                      answer("second-moment weight (the factor divided out)", r"1-\beta_2^t",
                             w2), *settled],
                     f"Bias-correction factors ${to_latex(f1)}$ and ${to_latex(f2)}$.",
                     "The factors are largest at $t = 1$ and tend to $1$ as $t$ grows.")


def settled_step(beta: Any, spec: AdamMechanicsSpec) -> int:
    """The smallest t >= 1 with beta^t below spec.bias_below (at or below it when
    spec.bias_inclusive), found from the logs and fixed by exact comparisons at t and t - 1."""
    delta = sympy.nsimplify(spec.bias_below, rational=True)
    beta = sympy.nsimplify(beta, rational=True)
    if not (beta.is_number and 0 < beta < 1):
        raise BadInput(f"bias_below: needs a number 0 < beta < 1, got {beta}", field="beta1",
                       expected="a number in (0, 1)")

    def below(t: int) -> bool:
        return bool(beta ** t <= delta) if spec.bias_inclusive else bool(beta ** t < delta)

    n = max(1, int(sympy.floor(sympy.log(delta) / sympy.log(beta))) + 1)
    if n > MAX_SETTLED_STEPS:
        raise BadInput(f"bias_below: beta = {beta} first falls below {delta} after {n} steps, "
                       f"more than the {MAX_SETTLED_STEPS} a check runs", field="bias_below",
                       expected=f"a threshold reached within {MAX_SETTLED_STEPS} steps")
    while not below(n):
        n += 1
    while n > 1 and below(n - 1):
        n -= 1
    return n


MAX_SETTLED_STEPS = 200_000
"""The most steps until a bias correction is negligible that is answered (the check runs them)."""


def corrected_moment(which: str) -> Any:
    """The rule of m-hat (``which = 'm'``) or v-hat (``'v'``) after the given gradients."""

    def rule(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> AskResult:
        """mhat_T = m_T/(1 - beta1^T), vhat_T = v_T/(1 - beta2^T) on the given gradients."""
        first = which == "m"
        _no_correction(spec, "bias-corrected moments")
        decay_in_run(spec, der)
        if spec.symbolic_constant:
            return _constant_moment(spec, Q, der, first)
        run = exact_run(spec, Q)
        raw, beta = (run.m, Q.beta1) if first else (run.v, Q.beta2)
        hat = raw / (1 - beta ** run.T)
        sym, index = ("m", "1") if first else ("v", "2")
        der.add(f"The bias-corrected {'first' if first else 'second'} moment",
                f"Run the average over the {run.T} given gradients and divide by the weight "
                "it has put on them.",
                Equation.of(Tex(rf"{sym}_{{{run.T}}}"), raw),
                Equation.of(Tex(rf"\hat {sym}_{{{run.T}}}"),
                            Tex(rf"\frac{{{sym}_{{{run.T}}}}}{{1 - \beta_{index}^{{{run.T}}}}}"),
                            hat))
        quantity = asked.M_HAT if first else asked.V_HAT
        answer = answers_of(quantity, spec)
        i = spec.coordinate
        if i is not None and i > hat.rows:
            raise BadInput(f"coordinate {i}: the parameter has {hat.rows} coordinates",
                           field="coordinate", expected=f"1 to {hat.rows}")
        coordinate = [] if i is None else [   # 'm̂_2 for the first coordinate': its entry too
            answer(f"{sym}hat_{run.T} of coordinate {i}", rf"\hat {sym}_{{{run.T},{i}}}",
                   hat[i - 1])]
        return AskResult([answer(f"{sym}hat_{run.T}", rf"\hat {sym}_{{{run.T}}}", hat),
                          *coordinate],
                         f"$\\hat {sym}_{{{run.T}}} = {inline_latex(hat)}$.", "")

    return rule


def _constant_moment(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation,
                     first: bool) -> AskResult:
    """Under a constant gradient g the average after t steps is (1 - beta^t) times g (or g^2):
    the geometric weights sum to 1 - beta^t, which the correction divides out exactly."""
    beta, power = (Q.beta1, 1) if first else (Q.beta2, 2)
    sym, index = ("m", "1") if first else ("v", "2")
    if not spec.constant:       # t = 1: one gradient, g_1
        Q = replace(Q, g=sympy.Symbol("g_1", real=True, nonzero=True))
    k = sympy.Symbol("k", integer=True, nonnegative=True)
    raw = sympy.simplify((1 - beta) * sympy.summation(beta ** k, (k, 0, Q.t - 1))) * Q.g ** power
    if isinstance(raw, sympy.Piecewise):
        raw = next(e for e, c in raw.args if c is sympy.true)
    hat = sympy.simplify(raw / (1 - beta ** Q.t))
    der.add(f"The bias-corrected {'first' if first else 'second'} moment of a constant gradient",
            f"With $g_s = g$ at every step the unrolled average is $(1-\\beta_{index})"
            f"\\sum_{{k=0}}^{{t-1}}\\beta_{index}^k$ times ${'g' if first else 'g^2'}$; the "
            "geometric sum is $(1-\\beta^t)/(1-\\beta)$, so the raw average is a fraction "
            "$1-\\beta^t$ of it and the correction divides exactly that fraction out, at every "
            "step $t$.",
            Equation.of(Tex(rf"{sym}_t"), Tex(rf"(1-\beta_{index})\sum_{{k=0}}^{{t-1}}"
                                             rf"\beta_{index}^k\,g^{{{power}}}"), raw),
            Equation.of(Tex(rf"\hat {sym}_t"), Tex(rf"\frac{{{sym}_t}}{{1 - \beta_{index}^t}}"),
                        hat))
    quantity = asked.M_HAT if first else asked.V_HAT
    return AskResult([answers_of(quantity, spec)(f"{sym}hat_t", rf"\hat {sym}_t", hat,
                                                 note="constant gradient g_t = g, every t"
                                                 if spec.constant else "")],
                     f"Under a constant gradient $\\hat {sym}_t = {inline_latex(hat)}$ for every "
                     "$t$.", "The bias correction is exact for a constant gradient: it removes "
                     "the weight the average still puts on its zero start.")


def step_limit(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> AskResult:
    """Under a constant gradient g the step at t (with the correction, without it, RMSprop's)
    tends to -alpha g/(|g| + eps): every beta^t -> 0 (0 <= beta < 1); at eps = 0, -alpha sign(g)."""
    t = sympy.Symbol("t", integer=True, positive=True)
    p1, p2 = sympy.Symbol("P_1", nonnegative=True), sympy.Symbol("P_2", nonnegative=True)
    g = Q.g if isinstance(Q.g, sympy.MatrixBase) else sympy.Symbol("g", real=True, nonzero=True)
    eps = Q.eps if Q.eps_given else sympy.Symbol("epsilon", nonnegative=True)

    def entrywise(f: Any) -> Any:
        return g.applyfunc(f) if isinstance(g, sympy.MatrixBase) else f(g)

    rms = spec.entry is O.RMSPROP
    # the step at t with beta1^t = P_1 and beta2^t = P_2 kept as symbols
    raw = entrywise(lambda x: -Q.alpha * (1 - p1) * x / (sympy.sqrt(1 - p2) * abs(x) + eps)
                    if x != 0 else sympy.Integer(0))
    rms_step = entrywise(lambda x: -Q.alpha * x / (sympy.sqrt(1 - p2) * abs(x) + eps)
                         if x != 0 else sympy.Integer(0))
    limit = entrywise(lambda x: -Q.alpha * x / (abs(x) + eps) if x != 0 else sympy.Integer(0))
    at_zero = entrywise(lambda x: -Q.alpha * sympy.sign(x))
    powers = {p1: Q.beta1 ** t, p2: Q.beta2 ** t}
    for step in ((rms_step,) if rms else (raw,)):
        gap = (step.subs({p1: 0, p2: 0}) - limit)
        gap = gap.applyfunc(sympy.simplify) if isinstance(gap, sympy.MatrixBase) else \
            sympy.simplify(gap)
        if gap != 0 and not (isinstance(gap, sympy.MatrixBase) and gap.is_zero_matrix):
            raise ArithmeticError("the step does not tend to the stated limit")
    eqs = [Equation.of(Tex(r"m_t"), Tex(r"(1-\beta_1^t)\,g")),
           Equation.of(Tex(r"v_t"), Tex(r"(1-\beta_2^t)\,g^2"))]
    if rms:
        eqs.append(Equation.of(Tex(r"\theta_t - \theta_{t-1}"), rms_step.subs(powers)))
        text = ("RMSprop divides $g$ by $\\sqrt{v_t} = \\sqrt{1-\\beta_2^t}\\,|g|$ (no "
                "correction), so early steps are larger than $\\alpha$; as $\\beta_2^t \\to 0$ "
                "the step tends to its limit.")
    else:
        eqs += [Equation.of(Tex(r"\Delta\theta_t"), Tex(r"-\alpha\frac{\hat m_t}{\sqrt{\hat "
                                                       r"v_t}+\varepsilon}"), limit),
                Equation.of(Tex(r"\Delta\theta_t^{\mathrm{raw}}"), raw.subs(powers))]
        text = ("With the correction $\\hat m_t = g$ and $\\hat v_t = g^2$ exactly, so every "
                "step is already the limit. Without it the step carries the factor $(1-"
                "\\beta_1^t)/\\sqrt{1-\\beta_2^t}$ (at $\\varepsilon = 0$), which tends to 1: "
                "both versions end at the same step.")
    der.add("The step under a constant gradient",
            "With $g_s = g$ at every step the averages are geometric sums, a fraction "
            "$1-\\beta^t$ of $g$ and of $g^2$. " + text, *eqs)
    der.add("The limit", "For $0 \\le \\beta < 1$, $\\beta^t \\to 0$ as $t \\to \\infty$.",
            Equation.of(Tex(r"\lim_{t\to\infty}\Delta\theta_t"), limit),
            Equation.chain(Tex(r"\lim_{t\to\infty}\Delta\theta_t"), ("=", at_zero),
                           (r"\quad\text{at}\quad", Tex(r"\varepsilon = 0"))))
    answer = answers_of(asked.STEP_LIMIT, spec)
    zero = not Q.eps_given or Q.eps == 0
    answers = [answer("step limit", r"\lim_{t\to\infty}\Delta\theta_t",
                      at_zero if zero else limit, note="at epsilon = 0" if zero else ""),
               *([answer("step limit size", r"\lim_{t\to\infty}|\Delta\theta_{t,i}|", Q.alpha,
                         note="per coordinate with g_i != 0, at epsilon = 0")] if zero else [])]
    return AskResult(answers, "Under a constant gradient the step tends to "
                              f"${inline_latex(at_zero if zero else limit)}$"
                              + (" (at $\\varepsilon = 0$)" if zero else "") + ".",
                     "Whatever the early steps do, a constant gradient ends with steps of size "
                     "$\\alpha$ per coordinate: the averages forget their zero start.")


def step_no_bias_correction(spec: AdamMechanicsSpec, Q: Quantities,
                            der: Derivation) -> AskResult:
    """-alpha m_T/(sqrt(v_T) + eps) on the given gradients; symbolically, the step without
    correction is (1 - beta1^t)/sqrt(1 - beta2^t) times the corrected one at eps = 0."""
    _no_correction(spec, "step without it")
    answer = answers_of(asked.STEP_NO_BIAS_CORRECTION, spec)
    ratio = sympy.simplify((1 - Q.beta1 ** Q.t) / sympy.sqrt(1 - Q.beta2 ** Q.t))
    formula = -Q.alpha * M_T / (sympy.sqrt(V_T) + Q.eps)
    eqs = [Equation.of(Tex(r"\Delta\theta_t^{\mathrm{raw}}"), formula),
           Equation.chain(Tex(r"\frac{\Delta\theta_t^{\mathrm{raw}}}{\Delta\theta_t}"),
                          ("=", Tex(r"\frac{1 - \beta_1^t}{\sqrt{1 - \beta_2^t}}")),
                          ("=", ratio), (r"\quad\text{at}\quad", Tex(r"\varepsilon = 0")))]
    answers = [answer("step without bias correction", r"\Delta\theta_t^{\mathrm{raw}}", formula),
               answer("ratio to the corrected step", r"\Delta\theta_t^{\mathrm{raw}} / "
                      r"\Delta\theta_t", ratio, note="at epsilon = 0")]
    if spec.gradients is not None or not spec.gradient_is_symbolic:
        run = exact_run(spec, Q)
        raw = sympy.Matrix([-Q.alpha * run.m[i] / (sympy.sqrt(run.v[i]) + run.eps)
                            if run.m[i] != 0 else 0 for i in range(run.m.rows)])
        eqs.append(Equation.of(Tex(rf"\Delta\theta_{{{run.T}}}^{{\mathrm{{raw}}}}"), raw))
        sizes = {sympy.Abs(x) for x in raw if x != 0}
        size = []
        if len(sizes) == 1:
            one = sizes.pop()
            size.append(answer(f"size of each coordinate's step {run.T} without bias correction",
                               rf"|\Delta\theta_{{{run.T},i}}^{{\mathrm{{raw}}}}|", one,
                               note="every coordinate with a non-zero gradient"))
            if Q.alpha.is_number and Q.alpha != 0:
                size.append(answer(f"size of each coordinate's step {run.T} as a multiple of alpha",
                                   rf"|\Delta\theta_{{{run.T},i}}^{{\mathrm{{raw}}}}|",
                                   sympy.nsimplify(one / Q.alpha) * Q.lr,
                                   note="every coordinate with a non-zero gradient"))
        answers = [answer(f"step {run.T} without bias correction",
                          rf"\Delta\theta_{{{run.T}}}^{{\mathrm{{raw}}}}", raw,
                          note="" if Q.eps_given else "at epsilon = 0"), *size,
                   *_iterate_without_correction(spec, Q, run, eqs), answers[1]]
    elif (spec.constant or Q.t == 1) and not (Q.eps_given and Q.eps != 0):
        answers[1:1] = _sign_step_no_correction(spec, Q, ratio, eqs)
    der.add("Without bias correction",
            "Dropping the correction divides $m_t$ and $v_t$ by nothing: the numerator is "
            "smaller by $1 - \\beta_1^t$ and the denominator by $\\sqrt{1 - \\beta_2^t}$, so at "
            "$\\varepsilon = 0$ the step changes by their ratio (early on, for $\\beta_2$ close "
            "to 1, a much larger step).", *eqs)
    return AskResult(answers, f"Without bias correction the step is ${to_latex(ratio)}$ times "
                              "the corrected one (at $\\varepsilon = 0$).", "")


def _iterate_without_correction(spec: AdamMechanicsSpec, Q: Quantities, run: Any,
                                eqs: list) -> list:
    """theta_T without the correction (theta_0 plus every uncorrected step) when theta_0 is
    given, and whether it differs from theta_T with the correction."""
    if spec.theta0 is None:
        return []
    theta0 = theta0_of(spec, run.m.rows)
    raw = theta0 + sum(run.raw_steps, sympy.zeros(run.m.rows, 1))
    corrected = theta0 + run.total
    differs = any(sympy.simplify(a - b) != 0 for a, b in zip(raw, corrected))
    T = run.T
    eqs += [Equation.of(Tex(rf"\theta_{{{T}}}^{{\mathrm{{raw}}}}"),
                        Tex(rf"\theta_0 + \sum_{{k=1}}^{{{T}}}\Delta\theta_k^{{\mathrm{{raw}}}}"),
                        raw),
            Equation.of(Tex(rf"\theta_{{{T}}}"), corrected)]
    answer = answers_of(asked.STEP_NO_BIAS_CORRECTION, spec)
    note = "" if Q.eps_given else "at epsilon = 0"
    return [answer(f"theta_{T} without bias correction", rf"\theta_{{{T}}}^{{\mathrm{{raw}}}}",
                   raw, note=note),
            answer("differs from the corrected iterate", rf"\theta_{{{T}}}^{{\mathrm{{raw}}}} "
                   rf"\ne \theta_{{{T}}}", sympy.true if differs else sympy.false,
                   quantity=asked.CHANGES.key, note=note)]


def _sign_step_no_correction(spec: AdamMechanicsSpec, Q: Quantities, ratio: Any,
                             eqs: list) -> list:
    """At t = 1, or at any t under a constant gradient g, m_t = (1 - beta1^t) g and
    v_t = (1 - beta2^t) g^2, so at eps = 0 the uncorrected step is -alpha times the ratio times
    sign(g): one size for every coordinate."""
    answer = answers_of(asked.STEP_NO_BIAS_CORRECTION, spec)
    g = sympy.Symbol("g_1" if Q.t == 1 and not spec.constant else "g", real=True, nonzero=True)
    step = -Q.alpha * ratio * sympy.sign(g)
    size = sympy.simplify(Q.alpha * ratio)
    eqs.append(Equation.chain(Tex(r"\Delta\theta_t^{\mathrm{raw}}"),
                              ("=", Tex(r"-\alpha\frac{(1-\beta_1^t)\,g}{\sqrt{(1-\beta_2^t)\,"
                                        r"g^2}}")), ("=", step),
                              (r"\quad\text{at}\quad", Tex(r"\varepsilon = 0"))))
    where = "t = 1" if Q.t == 1 and not spec.constant else "constant gradient g"
    general = []
    if Q.numeric("beta1", "beta2"):     # the formula in beta1, beta2 before their values
        b1, b2 = sympy.Symbol("beta1", nonnegative=True), sympy.Symbol("beta2", nonnegative=True)
        general.append(answer("uncorrected step (sign form, in the betas)",
                              r"\Delta\theta_t^{\mathrm{raw}}", -Q.alpha * (1 - b1 ** Q.t) /
                              sympy.sqrt(1 - b2 ** Q.t) * sympy.sign(g),
                              note=f"{where}, at epsilon = 0"))
    out = [*general, answer("uncorrected step (sign form)", r"\Delta\theta_t^{\mathrm{raw}}", step,
                            note=f"{where}, at epsilon = 0"),
           answer("size of each coordinate's step without bias correction",
                  r"|\Delta\theta_{t,i}^{\mathrm{raw}}|", size, note=f"{where}, at epsilon = 0")]
    if Q.alpha.is_number and Q.alpha != 0:
        out.append(answer("size of each coordinate's step without bias correction, as a "
                          "multiple of alpha", r"|\Delta\theta_{t,i}^{\mathrm{raw}}|",
                          sympy.simplify(ratio) * Q.lr, note=f"{where}, at epsilon = 0"))
    return out


def sgd_loss_scaling(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> AskResult:
    """Plain SGD on c f: theta <- theta - alpha c g, c times its step on f."""
    g = Q.g
    step = -Q.alpha * Q.c * g
    der.add("Plain SGD under the scaled loss",
            "SGD's step is the learning rate times the gradient, and the gradient of $c f$ is "
            "$c\\,g$: the step grows by the factor $c$, unlike Adam's.",
            Equation.of(Tex(r"\Delta\theta^{\mathrm{SGD}}"), Tex(r"-\alpha\,c\,g"), step),
            Equation.of(Tex(r"\Delta\theta^{\mathrm{SGD}}_c / \Delta\theta^{\mathrm{SGD}}_1"),
                        Q.c),
            Equation.of(Tex(r"\alpha'"), Q.c * Q.alpha))
    sgd = O.SGD.key
    return AskResult([answers_of(asked.SGD_LOSS_SCALING, spec)(
                          "SGD step on the scaled loss", r"\Delta\theta^{\mathrm{SGD}}", step,
                          subject=sgd),
                      answers_of(asked.SGD_LOSS_SCALING, spec)(
                          "SGD factor", r"\Delta\theta^{\mathrm{SGD}}_c / "
                          r"\Delta\theta^{\mathrm{SGD}}_1", Q.c, subject=sgd),
                      answers_of(asked.SGD_LOSS_SCALING, spec)(
                          "equivalent SGD learning rate", r"\alpha'", Q.c * Q.alpha, subject=sgd,
                          note="SGD on the unscaled loss with this learning rate takes the "
                               "same steps")],
                     f"Plain SGD's step on the scaled loss is ${inline_latex(step)}$, $c$ times "
                     "larger.", "")


L2_STEP = r"\theta_1^{\mathrm{L2}}"
"""The symbol of theta_1 with L2 regularisation inside the optimizer."""
DECOUPLED_STEP = r"\theta_1^{\mathrm{W}}"
"""The symbol of theta_1 with decoupled weight decay."""
L2_FIRST_STEP = r"\theta_1^{\mathrm{L2}} - \theta_0"
"""The symbol of the first step with L2 regularisation inside the optimizer."""
DECOUPLED_FIRST_STEP = r"\theta_1^{\mathrm{W}} - \theta_0"
"""The symbol of the first step with decoupled weight decay."""


def first_step_on(spec: AdamMechanicsSpec, Q: Quantities, g: sympy.Matrix) -> sympy.Matrix:
    """The first step on the gradient g: -alpha g_i/(|g_i| + eps) for Adam (the moments are
    exactly g and g^2 after correction), -alpha g_i/(sqrt(1-beta2)|g_i| + eps) for RMSprop;
    0 where g_i = 0 (eps = 0 when not given)."""
    eps = Q.eps if Q.eps_given else sympy.Integer(0)
    scale = sympy.sqrt(1 - Q.beta2) if spec.entry is O.RMSPROP else sympy.Integer(1)
    return g.applyfunc(lambda x: -Q.alpha * x / (scale * abs(x) + eps) if x != 0 else 0)


def scaled_first_step(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> list:
    """The first step on the given gradient of the scaled loss, c g."""
    step = first_step_on(spec, Q, Q.c * Q.g)
    der.add("On the given gradient",
            "The first step on the scaled gradient $c\\,g$, coordinate by coordinate.",
            Equation.of(Tex(r"\theta_1' - \theta_0"), step))
    return [answers_of(asked.LOSS_SCALING, spec)("first step on the scaled loss",
                                                 r"\theta_1' - \theta_0", step,
                                                 note="" if Q.eps_given else "at epsilon = 0")]


def decay_first_steps(spec: AdamMechanicsSpec, Q: Quantities, der: Derivation) -> list:
    """theta_1 with L2 inside the optimizer (first step on g + lam theta0) and with decoupled
    decay ((1 - alpha lam) theta0 plus the first step on g), and the coordinates whose L2 step
    goes against the plain step on g."""
    theta0 = theta0_of(spec, Q.g.rows)
    plain = first_step_on(spec, Q, Q.g)
    l2 = theta0 + first_step_on(spec, Q, Q.g + Q.lam * theta0)
    decoupled = (1 - Q.alpha * Q.lam) * theta0 + plain
    against = [i + 1 for i in range(Q.g.rows)
               if sympy.sign((l2 - theta0)[i]) * sympy.sign(plain[i]) < 0]
    der.add("One step from the given numbers",
            "With L2 inside the optimizer the first step is taken on $g + \\lambda\\theta_0$; "
            "with decoupled decay the weights shrink by $1 - \\alpha\\lambda$ and the step is "
            "taken on $g$ alone. A coordinate whose decay term outweighs its gradient moves the "
            "other way under L2.",
            Equation.of(Tex(r"g + \lambda\theta_0"), Q.g + Q.lam * theta0),
            Equation.of(Tex(r"\theta_1^{\mathrm{L2}}"), l2),
            Equation.of(Tex(r"\theta_1^{\mathrm{W}}"), Tex(r"(1 - \alpha\lambda)\theta_0 - "
                                                           r"\alpha\frac{g}{|g| + \varepsilon}"),
                        decoupled))
    theta = answers_of(asked.THETA_T, spec)
    opposite = answers_of(asked.OPPOSITE_COORDINATES, spec)
    w_subject = O.ADAMW.key if spec.entry is O.ADAM else spec.optimizer
    steps = []
    if {asked.FIRST_STEP.key, asked.DISPLACEMENT.key} & set(spec.asks):
        # the first step asked of each method ('give w_1 - w_0 in both cases'): the move from
        # theta0 with the decay, not the plain step on the data gradient alone
        step = answers_of(asked.FIRST_STEP, spec)
        steps = [step("first step with L2", L2_FIRST_STEP, l2 - theta0),
                 step("first step with decoupled weight decay", DECOUPLED_FIRST_STEP,
                      decoupled - theta0, subject=w_subject)]
    return steps + [theta("theta_1 with L2", L2_STEP, l2),
            theta("theta_1 with decoupled weight decay", DECOUPLED_STEP, decoupled,
                  subject=w_subject),
            opposite("coordinates moving the other way under L2", "i",
                     sympy.Matrix(against) if against else None,
                     "unique" if against else "none",
                     note="1-based indices whose L2 step has the opposite sign of the plain "
                          "step on g" if against else "every coordinate moves as on g alone")]
