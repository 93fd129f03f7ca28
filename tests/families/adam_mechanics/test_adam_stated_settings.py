"""Settings stated the way forum posts and PyTorch users state them: a gradient given as one
number 'at every step' is a constant gradient of that value; 'betas=(0, 0)' sets both decays to
zero; 'w after the first step with Adam + weight_decay' runs that one decay method (a decay
named with λ read but not applied is refused, never run without it); a primed ε written with a
prime sign (ε′) is the equivalent epsilon."""

from __future__ import annotations

import pytest
import sympy

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _part(text, index=0):
    reading = read_report(text)
    problem = reading.to_problem()
    sol = solve_problem(problem, SolveOptions(figures=False))
    return problem.parts[index], sol.parts[index]


def _theta(spart):
    a = next(a for a in spart.answers if a.quantity == "theta-t")
    return [float(x) for x in a.expr]


AFTER = 2 * 0.999 ** 10
"""A zero gradient moves nothing; AdamW multiplies by 1 − lr·λ = 0.999 each step."""
COUPLED = 2 - 0.1 * 0.02 / (0.02 + 1e-8)
"""g = λθ₀ = 0.02, m̂ = 0.02, √v̂ = 0.02: θ₁ = 2 − 0.1·0.02/(0.02 + 1e-8)."""
ZERO_GRADIENT = [
    ("one scalar weight, w0 = 2.0, lr = 0.1, betas = (0.9, 0.999), eps = 1e-8, weight_decay = "
     "0.01, and the data-loss gradient = 0 at every step.\n(1) What is w after 10 steps with "
     "AdamW?", "decoupled", AFTER),
    ("Adam with decoupled weight decay (AdamW): θ₀ = 2, lr = 0.1, β₁ = 0.9, β₂ = 0.999, "
     "ε = 10⁻⁸, λ = 0.01. The gradient of the data loss is 0 at every step.\n(a) Find θ_10 for "
     "AdamW.", "decoupled", AFTER),
    ("AdamW, w_0 = 2, lr = 0.1, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, lambda = 0.01; "
     "gradient = 0 for all steps.\n1) AdamW: w_10 = ?", "decoupled", AFTER),
    ("w0 = 2.0, lr = 0.1, betas = (0.9, 0.999), eps = 1e-8, weight_decay = 0.01, data-loss "
     "gradient = 0 at every step.\n(1) What is w after the first step with Adam + weight_decay "
     "(coupled)?", "penalty", COUPLED),
    ("θ₀ = 2, lr = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸, λ = 0.01, and the gradient of the data "
     "loss is 0 at every step.\n(a) Adam + L2: what is θ after the first step?", "penalty",
     COUPLED),
]


@pytest.mark.parametrize(("text", "decay", "theta"), ZERO_GRADIENT)
def test_a_zero_gradient_at_every_step_with_each_decay(text, decay, theta):
    part, spart = _part(text)
    assert part.decay == decay
    assert spart.verified
    assert _theta(spart) == pytest.approx([theta], rel=1e-12)


@pytest.mark.parametrize("text", [
    "Adam, lr = 0.1, eps = 0, weight_decay = 0.01, g_1 = (1, 2). If I set betas=(0, 0), what "
    "optimizer does Adam reduce to?",
    "torch.optim.Adam(params, lr=0.1, betas=(0, 0), eps=0): which optimizer is this really?",
    "Adam, lr: 0.1, eps: 0, betas: (0.0, 0.0). Which optimizer does it become?",
])
def test_both_decays_at_zero_is_sign_descent(text):
    _, spart = _part(text)
    assert spart.verified
    assert spart.identified_as and "sign" in spart.identified_as.lower()


def test_a_decay_named_but_not_applied_is_refused():
    text = ("Adam with weight decay λ = 0.01 and AdamW, θ₀ = (1, 2), lr = 0.1, β₁ = 0.9, "
            "β₂ = 0.999, ε = 0, g_1 = (0.5, 0.5), g_2 = (0.5, 0.5). Compute θ_2 under both.")
    reading = read_report(text)
    assert not reading.complete


@pytest.mark.parametrize("prime", ["ε′", "ε'", "ε’"])
def test_a_primed_epsilon_is_the_equivalent_epsilon(prime):
    text = (f"Adam with ε > 0. Multiply the loss by a constant c > 0. The iterates are those of "
            f"unscaled Adam with another constant {prime}. Find {prime}.")
    part, spart = _part(text)
    assert part.asks == ["equivalent-eps"]
    assert spart.verified


@pytest.mark.parametrize(("text", "factor"), [
    ("AdamW with learning rate η = 0.01 and weight decay λ = 0.1. By what factor does AdamW "
     "shrink the weights at each step?", "999/1000"),
    ("AdamW, lr = 0.001, weight_decay = 0.05. What is the per-step shrinkage factor applied to "
     "the weights?", "19999/20000"),
    ("Consider AdamW with learning rate $\\eta$ and decoupled weight decay $\\lambda$. Give the "
     "shrinking factor of the weights per iteration.", "1 - eta*lamda"),
])
def test_the_per_step_shrinkage_factor_of_adamw(text, factor):
    """AdamW multiplies the weights by 1 − ηλ each step (checked on torch.optim.AdamW)."""
    _, spart = _part(text)
    assert spart.verified
    shrink = next(a for a in spart.answers if a.name == "shrink_AdamW")
    assert sympy.simplify(shrink.expr - sympy.sympify(factor, locals={
        "eta": sympy.Symbol("eta", positive=True), "lamda": sympy.Symbol("lamda", positive=True)})) == 0


@pytest.mark.parametrize("text", [
    "Adam, α = 0.01, β1 = 0.9, β2 = 0.999, ε = 0, θ0 = (1, −2), g1 = (0.5, 0.1). With the L2 "
    "regulariser (λ/2)‖θ‖² and λ = 0.1, compute θ1 (bias correction on).",
    "Adam + L2 (lambda = 0.1), lr = 0.01, beta1 = 0.9, beta2 = 0.999, eps = 0, w_0 = [1, -2], "
    "g_1 = [0.5, 0.1]. w_1 = ? (bias correction enabled)",
    "Adam with L2 regularisation $\\lambda = 0.1$, $\\alpha = 0.01$, $\\beta_1 = 0.9$, "
    "$\\beta_2 = 0.999$, $\\epsilon = 0$, $\\theta_0 = (1, -2)$, $g_1 = (0.5, 0.1)$. Compute "
    "$\\theta_1$ (bias correction switched on).",
])
def test_a_parenthesis_that_switches_a_setting_does_not_name_the_symbol(text):
    """'θ1 (bias correction on)' asks θ1 with the correction, not the bias correction."""
    part, spart = _part(text)
    assert part.asks == ["theta-t"] and part.decay == "penalty"
    assert spart.verified
    # g + λθ₀ = (0.6, −0.1): the first step is −α sign(·) = (−0.01, 0.01)
    assert _theta(spart) == pytest.approx([0.99, -1.99], rel=1e-12)


def _adam_l2_first_step(theta0, grad, lr, lam):
    """Independent: Adam's first step with ε = 0 on g + λθ₀ (bias-corrected m̂ = g', v̂ = g'²)."""
    import numpy as np
    g = np.array(grad) + lam * np.array(theta0)
    return list(np.array(theta0) - lr * g / np.abs(g))


@pytest.mark.parametrize("text", [
    "Adam is run with learning rate $\\alpha = 0.01$, $\\beta_1=0.9$, $\\beta_2=0.999$, $\\epsilon=0$, "
    "bias correction. The parameters start at $\\theta_0 = (-1, 2)^\\top$ and the gradient of the "
    "data loss at $\\theta_0$ is $\\nabla L(\\theta_0) = (0.05, 0.5)^\\top$; $\\lambda = 0.1$.\n"
    "\\begin{enumerate}\\item[(a)] \\emph{L$_2$ regularisation:} Adam is applied to "
    "$L(\\theta)+\\frac{\\lambda}{2}\\|\\theta\\|_2^2$. Compute $\\theta_1$.\\end{enumerate}",
    "Adam, lr = 0.01, beta1 = 0.9, beta2 = 0.999, eps = 0; theta_0 = (-1, 2), data-loss gradient "
    "at theta_0 = (0.05, 0.5), lambda = 0.1.\n(a) Adam applied to L(θ) + (λ/2)‖θ‖²: what is θ_1?",
    "Adam (α = 0.01, β₁ = 0.9, β₂ = 0.999, ε = 0) starts at θ₀ = (−1, 2) where the data gradient is "
    "(0.05, 0.5); λ = 0.1.\n(a) With L_2 regularization (coupled, inside the gradient), give θ₁.",
])
def test_l2_regularisation_written_in_any_form_is_applied(text):
    part, spart = _part(text)
    assert part.decay == "penalty"
    assert spart.verified
    assert _theta(spart) == pytest.approx(_adam_l2_first_step([-1, 2], [0.05, 0.5], 0.01, 0.1))
