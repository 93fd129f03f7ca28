"""Adam steps named the way other authors name them: Δ with a step index alone ('Δ_1',
'Delta_2') is the update at that step; a question about 'a general gradient g' asks a formula in
a gradient symbol, not the run on the gradients the text gives."""

from __future__ import annotations

import pytest
import sympy

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _solve(text):
    """The problem read completely (every number used) and its solution."""
    reading = read_report(text)
    problem = reading.to_problem()
    assert reading.unused == []
    return problem, solve_problem(problem, SolveOptions(figures=False))


BARE_DELTA = {
    "clean": "Adam with β₁ = 0.9, β₂ = 0.999, α = 0.01 and ε = 0 receives g₁ = (2, −0.5).\n"
             "(a) Find the first update Δ₁ = θ₁ − θ₀.\n(b) The loss is scaled by 50, so g₁ "
             "becomes (100, −25). What is Δ₁ then?",
    "ascii": "Adam, lr = 0.01, beta1 = 0.9, beta2 = 0.999, eps = 0, gradient g_1 = [2, -0.5].\n"
             "a) Compute Delta_1 := theta_1 - theta_0.\nb) Give Delta_1 once more after "
             "multiplying the loss by 50.",
    "latex": "Adam ($\\alpha = 0.01$, $\\beta_1 = 0.9$, $\\beta_2 = 0.999$, $\\epsilon = 0$) "
             "sees $g_1 = (2, -0.5)$.\n\\begin{enumerate}\\item[(a)] Give $\\Delta_1$.\n"
             "\\item[(b)] Multiply the loss by $50$. What is $\\Delta_1$ now?\\end{enumerate}",
}


@pytest.mark.parametrize("text", BARE_DELTA.values(), ids=BARE_DELTA.keys())
def test_delta_with_an_index_alone_is_the_step(text):
    problem, sol = _solve(text)
    for part, spart in zip(problem.parts, sol.parts):
        assert part.asks[0] == "first-step"
        assert spart.verified
        step = next(a for a in spart.answers if a.name == "first_step")
        # the first Adam step at ε = 0 is −α sign(g₁), whatever the scale of the loss
        assert [float(x) for x in step.value] == pytest.approx([-0.01, 0.01])


GENERAL_GRADIENT = {
    "clean": "Adam with α = 0.01, β₁ = 0.9, β₂ = 0.999, ε = 0; the first gradient is g₁ = (3, −1).\n"
             "(a) Give the first update.\n(b) Now set β₁ = β₂ = 0. What is the update for a "
             "general gradient g, and which method is it?",
    "ascii": "Adam: lr = 0.01, beta1 = 0.9, beta2 = 0.999, eps = 0, g_1 = [3, -1].\n"
             "1. First update w_1 - w_0?\n2. With beta1 = beta2 = 0, what does the step "
             "w_t - w_{t-1} become for an arbitrary gradient g_t? Name the method.",
    "forum": "quick Adam question: lr=0.01, betas 0.9/0.999, eps=0, my first grad is g_1 = (3, -1).\n"
             "(a) what's the first update?\n(b) if I put beta1 = beta2 = 0, what's the update for "
             "any gradient g? is that a known method?",
}


@pytest.mark.parametrize("style", sorted(GENERAL_GRADIENT))
def test_a_general_gradient_is_a_symbol(style):
    problem, sol = _solve(GENERAL_GRADIENT[style])
    b = problem.parts[1]
    assert b.asks == ["sign-limit"]
    assert isinstance(b.gradient, str)
    assert sol.parts[1].verified
    limit = sol.parts[1].answers[0]
    g = next(iter(limit.expr.free_symbols))
    # m_t = g_t, v_t = g_t²: the step is −α g/|g| = −α sign(g), for either sign of g
    assert limit.expr.subs(g, 7) == sympy.Rational(-1, 100)
    assert limit.expr.subs(g, -0.5) == sympy.Rational(1, 100)
    # the given gradient still drives part (a)
    assert problem.parts[0].gradient == [3, -1]


def _adam_steps(grads, alpha, b1, b2, steps=None, rms=False):
    """An independent Adam / RMSprop run (floats), its steps."""
    m = [0.0] * len(grads[0])
    v = [0.0] * len(grads[0])
    out = []
    for t, g in enumerate(grads[:steps], start=1):
        m = [b1 * a + (1 - b1) * x for a, x in zip(m, g)]
        v = [b2 * a + (1 - b2) * x * x for a, x in zip(v, g)]
        if rms:
            out.append([-alpha * x / b ** 0.5 for x, b in zip(g, v)])
        else:
            out.append([-alpha * (a / (1 - b1 ** t)) / (b / (1 - b2 ** t)) ** 0.5
                        for a, b in zip(m, v)])
    return out


ORDINAL_STEP = {
    "clean": "Adam with α = 0.05, β₁ = 0.9, β₂ = 0.999, ε = 0. The gradients are g₁ = (1, 2), "
             "g₂ = (−3, 2), g₃ = (0.5, 2), g₄ = (1, 1).\n(a) What is its third update?\n"
             "(b) What is the fourth update Δθ_4 = θ_4 − θ_3?",
    "latex": "Adam, $\\alpha = 0.05$, $\\beta_1 = 0.9$, $\\beta_2 = 0.999$, $\\epsilon = 0$, "
             "gradients $g_1 = (1, 2)$, $g_2 = (-3, 2)$, $g_3 = (0.5, 2)$, $g_4 = (1, 1)$.\n"
             "\\begin{enumerate}\\item[(a)] Give the third update.\n\\item[(b)] What is the "
             "fourth update $\\Delta w_4 = w_4 - w_3$?\\end{enumerate}",
    "forum": "adam, lr=0.05, betas 0.9/0.999, eps=0. grads: g_1 = (1, 2), g_2 = (-3, 2), "
             "g_3 = (0.5, 2), g_4 = (1, 1)\n(a) whats my 3rd step?\n(b) and what is "
             "Delta w_4 = w_4 - w_3?",
}


@pytest.mark.parametrize("text", ORDINAL_STEP.values(), ids=ORDINAL_STEP.keys())
def test_an_ordinal_names_the_step(text):
    problem, sol = _solve(text)
    want = _adam_steps([[1, 2], [-3, 2], [0.5, 2], [1, 1]], 0.05, 0.9, 0.999)
    assert len(problem.parts) == 2
    for k in (3, 4):    # (a) the third step, (b) the fourth
        part, spart = problem.parts[k - 3], sol.parts[k - 3]
        assert part.asks == ["last-step"]
        assert len(part.gradients) == k
        assert spart.verified
        step = next(a for a in spart.answers if a.quantity == "last-step")
        assert [float(x) for x in step.value] == pytest.approx(want[k - 1], rel=1e-9)


def test_a_constant_coordinate_is_explained():
    """The second coordinate's gradient never changes: its step is exactly −α, and the
    interpretation says why."""
    text = ("Adam with α = 0.05, β₁ = 0.9, β₂ = 0.999, ε = 0; g₁ = (1, 2), g₂ = (−3, 2), "
            "g₃ = (0.5, 2). What is the third update? Why is its second coordinate −α?")
    _, sol = _solve(text)
    step = next(a for a in sol.parts[0].answers if a.quantity == "last-step")
    assert float(step.value[1]) == pytest.approx(-0.05, rel=1e-12)
    assert "Coordinate 2 saw the same gradient" in sol.parts[0].interpretation


GRADIENT_TABLE = {
    "markdown": "Adam with $\\alpha = 0.1$, $\\beta_1 = 0.9$, $\\beta_2 = 0.99$, $\\epsilon = 0$.\n\n"
                "| step $t$ | $g_t$ |\n|---|---|\n| 1 | $(2, -1)$ |\n| 2 | $(1, 1)$ |\n\n"
                "Compute $\\theta_2 - \\theta_1$.",
    "plain": "Adam, lr = 0.1, beta1 = 0.9, beta2 = 0.99, eps = 0. Gradients:\n"
             "| t | g_t |\n| --- | --- |\n| 1 | (2, -1) |\n| 2 | (1, 1) |\nWhat is the second update?",
    "aligned": "Exercise 3.\n\nAdam (α = 0.1, β₁ = 0.9, β₂ = 0.99, ε = 0) sees these gradients:\n"
               "| k | g_k |\n|:-:|:--|\n| 1 | (2, −1) |\n| 2 | (1, 1) |\n\nFind Δθ₂ = θ₂ − θ₁.",
}


@pytest.mark.parametrize("text", GRADIENT_TABLE.values(), ids=GRADIENT_TABLE.keys())
def test_a_table_of_gradients_per_step(text):
    problem, sol = _solve(text)
    assert problem.parts[0].gradients == [[2, -1], [1, 1]]
    step = next(a for a in sol.parts[0].answers if a.quantity == "last-step")
    want = _adam_steps([[2, -1], [1, 1]], 0.1, 0.9, 0.99)[-1]
    assert [float(x) for x in step.value] == pytest.approx(want, rel=1e-9)


def test_a_table_that_is_not_indexed_by_step_stays():
    from optiproof.reading.normalize import normalize

    text = "| name | value |\n|---|---|\n| a | large |\n"   # not a step index, not a number
    assert "|" in normalize(text).text


RMS_BY_RECURRENCE = {
    "clean": "Adam with α = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 0 sees g₁ = (1, −2), g₂ = (3, 1).\n"
             "(a) Give θ₂ − θ₁.\n(b) Now RMSprop, v_t = 0.9 v_{t-1} + 0.1 g_t², "
             "θ_t = θ_{t-1} − α g_t/√v_t, same α, v₀ = 0: what is its second update?",
    "ascii": "Adam: lr = 0.1, beta1 = 0.9, beta2 = 0.999, eps = 0; g_1 = (1, -2), g_2 = (3, 1).\n"
             "a) theta_2 - theta_1?\nb) RMSprop with v_t = 0.9*v_{t-1} + 0.1*g_t^2 and the same "
             "lr (no momentum, v_0 = 0). What is its second update?",
    "latex": "Adam ($\\alpha = 0.1$, $\\beta_1 = 0.9$, $\\beta_2 = 0.999$, $\\epsilon = 0$), "
             "$g_1 = (1, -2)$, $g_2 = (3, 1)$.\n\\begin{enumerate}\\item[(a)] Give "
             "$\\theta_2 - \\theta_1$.\n\\item[(b)] RMSprop, $v_t = 0.9\\, v_{t-1} + 0.1\\, g_t^2$, "
             "same $\\alpha$, $v_0 = 0$. What is the second update?\\end{enumerate}",
}


@pytest.mark.parametrize("text", RMS_BY_RECURRENCE.values(), ids=RMS_BY_RECURRENCE.keys())
def test_a_decay_written_in_the_recurrence(text):
    problem, sol = _solve(text)
    b = problem.parts[1]
    assert b.optimizer == "rmsprop" and float(b.beta2) == 0.9
    step = next(a for a in sol.parts[1].answers if a.quantity == "last-step")
    want = _adam_steps([[1, -2], [3, 1]], 0.1, 0.9, 0.9, rms=True)[-1]
    assert [float(x) for x in step.value] == pytest.approx(want, rel=1e-9)


def test_a_recurrence_whose_weights_do_not_sum_to_one_is_refused():
    from optiproof.reading import ReadingIncomplete

    text = ("RMSprop with lr = 0.1, v_t = 0.9 v_{t-1} + 0.2 g_t^2, eps = 0, v_0 = 0 and "
            "g_1 = (1, 2), g_2 = (0, 1). What is the second update?")
    with pytest.raises(ReadingIncomplete):
        read_report(text).to_problem()


LOSS_FACTOR = {
    "clean": "Adam with α = 0.01, β₁ = 0.9, β₂ = 0.999, ε = 0; g₁ = (1, −3), g₂ = (2, 1).\n"
             "(a) What is θ₂ − θ₁?\n(b) If the loss (and so each gradient) is multiplied by 16, "
             "by what factor does θ₂ − θ₁ change?",
    "forum": "Using Adam with eps = 0 and a static loss scale of 512 (the loss is multiplied by "
             "512 and I forgot to unscale). By what factor does the update change vs the unscaled "
             "run? And what would the factor be for plain SGD instead?",
    "latex": "Adam with step size $\\alpha$, decays $\\beta_1, \\beta_2 \\in [0, 1)$ and "
             "$\\epsilon = 0$. If the loss is scaled by a constant $c > 0$, by what factor do the "
             "Adam updates change?",
}


@pytest.mark.parametrize("style", sorted(LOSS_FACTOR))
def test_the_factor_of_a_scaled_loss(style):
    problem, sol = _solve(LOSS_FACTOR[style])
    part, spart = problem.parts[-1], sol.parts[-1]
    assert "loss-scaling" in part.asks
    assert spart.verified
    ratio = next(a for a in spart.answers if a.name == "ratio_eps0")
    assert ratio.expr == 1     # m̂ scales by c, √v̂ by c: at ε = 0 the step is unchanged
    if style == "forum":       # the SGD step is linear in the gradient: c times larger
        assert "sgd-loss-scaling" in part.asks
        sgd = next(a for a in spart.answers if a.name == "SGD factor")
        assert sgd.expr == 512


THETA_AFTER = {
    "clean": "Adam, α = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 0, θ₀ = (1, 1), gradient g₁ = (0.5, −2). "
             "What is θ after the first step?",
    "ascii": "Adam: lr = 0.1, beta1 = 0.9, beta2 = 0.999, eps = 0, theta_0 = (1, 1), "
             "g_1 = (0.5, -2). Where is theta after one step?",
    "forum": "adam with lr=0.1, betas (0.9, 0.999), eps=0, theta_0 = (1, 1), first grad "
             "g_1 = (0.5, -2) -- what's theta after 1 step?",
}


@pytest.mark.parametrize("style", sorted(THETA_AFTER))
def test_theta_after_a_stated_number_of_steps(style):
    problem, sol = _solve(THETA_AFTER[style])
    assert problem.parts[0].asks == ["theta-t"] and problem.parts[0].t == 1
    theta = next(a for a in sol.parts[0].answers if a.quantity == "theta-t")
    assert [float(x) for x in theta.value] == pytest.approx([0.9, 1.1])   # θ₀ − α sign(g₁)


RMS_WORDS = {
    "clean": "Adam with β₁ = 0.9, β₂ = 0.999, α = 0.01, ε = 0 and g₁ = (2, −1).\n(a) First update?\n"
             "(b) RMSprop (smoothing constant 0.9, no momentum, ε = 0, v₀ = 0), same α: what is its "
             "first update given g₁?",
    "ascii": "Adam: lr = 0.01, beta1 = 0.9, beta2 = 0.999, eps = 0, g_1 = (2, -1).\na) first update?\n"
             "b) RMSprop with decay rate 0.9 (eps = 0, v_0 = 0) and the same lr: its first update "
             "using g_1?",
}


@pytest.mark.parametrize("style", sorted(RMS_WORDS))
def test_rmsprop_decay_in_words(style):
    problem, sol = _solve(RMS_WORDS[style])
    b = problem.parts[1]
    assert b.optimizer == "rmsprop" and float(b.beta2) == 0.9
    step = next(a for a in sol.parts[1].answers if a.name == "first_step")
    # v_1 = 0.1 g², so the step is −α g/(√0.1 |g|) = −α sign(g)/√0.1
    assert [float(x) for x in step.value] == pytest.approx([-0.01 / 0.1 ** 0.5, 0.01 / 0.1 ** 0.5])


NO_CORRECTION_ITERATES = {
    "clean": "Adam, α = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 0, θ₀ = 1, gradients g₁ = 2, g₂ = −1.\n"
             "(a) Compute θ₁ and θ₂.\n(b) Switch the bias correction off and recompute θ₁ and θ₂.",
    "ascii": "Adam: lr = 0.1, beta1 = 0.9, beta2 = 0.999, eps = 0, theta_0 = 1, g_1 = 2, g_2 = -1.\n"
             "a) theta_1 and theta_2?\nb) Without bias correction, recompute theta_1 and theta_2.",
    "latex": "Adam with $\\alpha = 0.1$, $\\beta_1 = 0.9$, $\\beta_2 = 0.999$, $\\epsilon = 0$, "
             "$\\theta_0 = 1$, $g_1 = 2$, $g_2 = -1$.\n\\begin{enumerate}\\item[(a)] Compute "
             "$\\theta_1$ and $\\theta_2$.\n\\item[(b)] Drop the bias correction and recompute "
             "$\\theta_1$ and $\\theta_2$.\\end{enumerate}",
}


@pytest.mark.parametrize("style", sorted(NO_CORRECTION_ITERATES))
def test_iterates_recomputed_without_bias_correction(style):
    problem, sol = _solve(NO_CORRECTION_ITERATES[style])
    later = [(p, s) for p, s in zip(problem.parts, sol.parts) if p.label.startswith("b.")]
    assert [p.label for p, _ in later] == ["b.1", "b.2"]
    m = v = 0.0
    theta = 1.0
    for k, (part, spart) in enumerate(later, start=1):
        g = [2.0, -1.0][k - 1]
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
        theta -= 0.1 * m / v ** 0.5
        assert part.asks == ["step-no-bias-correction"]     # never the corrected θ_k
        raw = next(a for a in spart.answers if a.name.startswith("theta_") and "raw" in a.symbol)
        assert float(raw.value[0]) == pytest.approx(theta, rel=1e-12)


DOES_NOT_DEPEND = {
    "latex": "Adam with step size $\\alpha$, decays $\\beta_1, \\beta_2 \\in [0, 1)$, $\\epsilon = 0$, "
             "$m_0 = v_0 = 0$.\n\\begin{enumerate}\\item Show that the first update does not depend "
             "on $\\beta_1$ and $\\beta_2$: give $\\theta_1 - \\theta_0$ in terms of $\\alpha$ and "
             "$g_1$.\\end{enumerate}",
    "clean": "Adam (step size α, decays β₁, β₂ ∈ [0, 1), ε = 0, m₀ = v₀ = 0). Give the first step "
             "θ₁ − θ₀. Does it depend on β₁?",
    "ascii": "Adam with lr alpha, beta1, beta2 in [0, 1), eps = 0, m_0 = v_0 = 0.\n"
             "(a) What is theta_1 - theta_0? Is it independent of beta_2?",
}


@pytest.mark.parametrize("style", sorted(DOES_NOT_DEPEND))
def test_the_first_step_does_not_depend_on_the_decays(style):
    reading = read_report(DOES_NOT_DEPEND[style])
    problem = reading.to_problem()
    sol = solve_problem(problem, SolveOptions(figures=False))
    part = sol.parts[0]
    assert part.verified
    dependence = [a for a in part.answers if a.quantity == "depends-on"]
    assert dependence and all(a.expr == sympy.false for a in dependence)    # m̂₁ = g₁, v̂₁ = g₁²

