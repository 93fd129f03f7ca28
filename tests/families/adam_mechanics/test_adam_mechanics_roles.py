"""Adam texts whose settings are found by their role: the learning rate is the symbol in front of
the written-out step, whatever its letter; a step asked 'without bias correction' is the step of
the uncorrected run; raw moments 'with no bias correction yet' are the raw moments; the factors
'1 − β_1^3' are asked at step 3; a PDF copy's hats and powers are put back in place."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_problem

RATE_BY_ROLE = [
    # clean Unicode
    "Adam with bias correction: θ_t = θ_{t-1} − γ m̂_t/(√v̂_t + ε). Take β₁ = 0.9, β₂ = 0.999, "
    "γ = 0.05, ε = 0 and the gradients g₁ = (1, −1), g₂ = (2, 0). Compute θ₂ − θ₁.",
    # ASCII
    "Adam update: w_t = w_{t-1} - eta * m_hat_t / (sqrt(v_hat_t) + eps), with eta = 0.05, "
    "beta1 = 0.9, beta2 = 0.999, eps = 0.\nGradients g_1 = (1, -1), g_2 = (2, 0).\n"
    "What is w_2 - w_1?",
    # PDF-garbled
    "Adam optimiser, θt = θt−1 − γ m\nˆ t/(√vˆt + ε), β1 = 0.9, β2 = 0.999, γ = 0.05 and\n"
    "ε = 0. The gradients are g1 = (1, −1)>, g2 = (2, 0)>. Compute the update ∆θ2 = θ2 − θ1.",
]


@pytest.mark.parametrize("text", RATE_BY_ROLE)
def test_the_symbol_in_front_of_the_step_is_the_learning_rate(text):
    part = read_problem(text).parts[0]
    assert float(part.alpha) == 0.05
    assert "last-step" in part.asks
    assert part.gradients == [[1, -1], [2, 0]]


def test_a_symbol_without_a_number_is_not_taken_as_the_rate():
    text = ("Adam: θ_t = θ_{t-1} − γ m̂_t/(√v̂_t + ε) with β₁ = 0.9, β₂ = 0.999, ε = 0; the "
            "gradients are g₁ = (1, −1), g₂ = (2, 0). Compute θ₂ − θ₁.")
    with pytest.raises(Exception):
        solve_problem(read_problem(text), SolveOptions(figures=False))


NO_CORRECTION_STEP = [
    "Adam with α = 0.01, β₁ = 0.9, β₂ = 0.99, ε = 0 sees g₁ = (1, 2) and g₂ = (−1, 0).\n"
    "(a) Compute Δθ₂.\n(b) A buggy implementation drops the bias correction. What is Δθ₂ now?",
    "Adam, lr = 0.01, beta1 = 0.9, beta2 = 0.99, eps = 0; g_1 = (1, 2), g_2 = (-1, 0).\n"
    "(a) What is theta_2 - theta_1?\n(b) Same, but without bias correction: theta_2 - theta_1?",
    "\\begin{enumerate}\\item[(a)] Adam with $\\alpha=0.01$, $\\beta_1=0.9$, $\\beta_2=0.99$, "
    "$\\epsilon=0$ and $g_1=(1,2)$, $g_2=(-1,0)$: give $\\Delta\\theta_2$.\n"
    "\\item[(b)] If one forgets the bias correction, what is $\\Delta\\theta_2$?\\end{enumerate}",
]


@pytest.mark.parametrize("text", NO_CORRECTION_STEP)
def test_a_later_step_without_bias_correction(text):
    problem = read_problem(text)
    b = problem.parts[1]
    assert b.asks == ["step-no-bias-correction"]
    assert b.gradients == [[1, 2], [-1, 0]]
    sol = solve_problem(problem, SolveOptions(figures=False)).parts[1]
    assert sol.verified
    raw = next(a for a in sol.answers if a.name.startswith("step 2 without"))
    m2 = [0.9 * 0.1 * 1 + 0.1 * -1, 0.9 * 0.1 * 2]
    v2 = [0.99 * 0.01 * 1 + 0.01 * 1, 0.99 * 0.01 * 4]
    want = [-0.01 * m / v ** 0.5 for m, v in zip(m2, v2)]
    assert [float(x) for x in raw.value] == pytest.approx(want, rel=1e-9)


RAW_MOMENTS = {
    "clean": "Adam with β₁ = 0.9, β₂ = 0.99 and ε = 0 gets g₁ = (1, −2), g₂ = (3, 0). Give m₂ "
             "and v₂ (no bias correction yet).",
    "ascii": "Adam, beta1 = 0.9, beta2 = 0.99, eps = 0, gradients g_1 = (1, -2), g_2 = (3, 0). "
             "Compute m_2 and v_2 without bias correction.",
    "latex": "Adam ($\\beta_1 = 0.9$, $\\beta_2 = 0.99$, $\\epsilon = 0$), $g_1 = (1, -2)$, "
             "$g_2 = (3, 0)$. Give $m_2$ and $v_2$, before any bias correction is applied.",
}


@pytest.mark.parametrize("text", RAW_MOMENTS.values(), ids=RAW_MOMENTS.keys())
def test_raw_moments_said_to_be_uncorrected(text):
    part = read_problem(text).parts[0]
    assert part.asks == ["update-rule"]
    assert part.gradients == [[1, -2], [3, 0]]


FACTORS_AT = [
    pytest.param("Adam with β₁ = 0.5 and β₂ = 0.75. Compute the bias-correction factors 1 − β₁³ "
                 "and 1 − β₂³.", id="clean"),
    pytest.param("Adam, beta1 = 0.5, beta2 = 0.75. What are 1 - beta_1^3 and 1 - beta_2^3 (the "
                 "bias-correction factors)?", id="ascii"),
    pytest.param("Adam optimiser with β1 = 0.5, β2 = 0.75.\nCompute the two bias-correction "
                 "factors 1 − β31 and 1 − β32 .", id="pdf"),
]


@pytest.mark.parametrize("text", FACTORS_AT)
def test_bias_factors_at_the_written_step(text):
    part = read_problem(text).parts[0]
    assert (part.asks, part.t) == (["bias-factors"], 3)
    sol = solve_problem(read_problem(text), SolveOptions(figures=False)).parts[0]
    assert sol.verified
    values = sorted(float(a.value) for a in sol.answers)
    assert values == pytest.approx(sorted([8 / 7, 64 / 37, 7 / 8, 37 / 64]))


def test_factors_written_at_two_steps_are_refused():
    from optiproof.reading import ReadingIncomplete
    with pytest.raises(ReadingIncomplete, match="different steps"):
        read_problem("Adam with β₁ = 0.5 and β₂ = 0.75. Compute the bias-correction factors "
                     "1 − β₁³ and 1 − β₂².")


GARBLED_HATS = [
    ("Adam, β1 = 0.5, β2 = 0.75, g1 = (2, −1)>, g2 = (0, 3)>. Compute m\nˆ 2 and vˆ2.",
     ["m-hat", "v-hat"]),
    ("Adam, β1 = 0.5, β2 = 0.75, g1 = (2, −1)>, g2 = (0, 3)>. Compute vˆ2.", ["v-hat"]),
    ("Adam, β1 = 0.5, β2 = 0.75, g1 = (2, −1)>, g2 = (0, 3)>. Compute m ˆ2.", ["m-hat"]),
]


@pytest.mark.parametrize(("text", "asks"), GARBLED_HATS)
def test_a_hat_after_its_letter(text, asks):
    part = read_problem(text).parts[0]
    assert part.asks == asks
    assert part.gradients == [[2, -1], [0, 3]]


@pytest.mark.parametrize(("text", "letter"), [
    ("Adam with α = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 0 and g₁ = (1, −2). Give the first update; "
     "what is the first update for an arbitrary g₁ with non-zero entries?", "alpha"),
    ("Adam (lr = 1e-3, betas 0.9/0.999, eps = 0), g_1 = (1, -2): what's the first step, "
     "numerically and as a formula for a general g_1?", "lr"),     # the text's own letter
    ("Adam with $\\alpha = 10^{-3}$, $\\beta_1 = 0.9$, $\\beta_2 = 0.999$, $\\epsilon = 0$ and "
     "$g_1 = (1, -2)$. Compute the first update $\\Delta\\theta_1$.", "alpha"),
])
def test_the_first_step_for_any_gradient(text, letter):
    sol = solve_problem(read_problem(text), SolveOptions(figures=False)).parts[0]
    assert sol.verified
    general = next(a for a in sol.answers if a.name == "first_step_any_gradient")
    assert str(general.expr) == f"-{letter}*sign(g_1)"


OWN_LETTER = [
    pytest.param("RMSprop: s_t = rho*s_{t-1} + (1-rho)*g_t^2, w_t = w_{t-1} - lr*g_t/sqrt(s_t), "
                 "s_0 = 0, rho = 0.5, lr = 0.1, eps = 0, w_0 = 1. Gradients g_1 = 2, g_2 = -1. "
                 "Give s_2 and w_2.", id="ascii"),
    pytest.param("RMSprop keeps $r_t = \\rho\\, r_{t-1} + (1-\\rho)\\, g_t^2$ with $r_0 = 0$, "
                 "$\\rho = 0.5$, $\\alpha = 0.1$, $\\epsilon = 0$, $w_0 = 1$; the gradients are "
                 "$g_1 = 2$, $g_2 = -1$. Compute $r_2$ and $w_2$.", id="latex"),
    pytest.param("RMSprop with the average qₜ = ρ qₜ₋₁ + (1 − ρ) gₜ², q₀ = 0, ρ = 0.5, lr = 0.1, "
                 "ε = 0, w₀ = 1 and gradients g₁ = 2, g₂ = −1. What are q₂ and w₂?", id="clean"),
]


@pytest.mark.parametrize("text", OWN_LETTER)
def test_a_moment_under_the_texts_own_letter(text):
    problem = read_problem(text)
    sol = solve_problem(problem, SolveOptions(figures=False)).parts[0]
    assert sol.verified
    v2 = 0.5 * 0.5 * 4 + 0.5 * 1      # independent: the recurrence by hand
    w2 = 1 - 0.1 * 2 / (0.5 * 4) ** 0.5 + 0.1 * 1 / v2 ** 0.5
    values = [a.value for a in sol.answers if a.value is not None]
    assert any(v == pytest.approx([v2]) for v in values)
    assert any(v == pytest.approx([w2]) for v in values)


CONTINUED = (
    ("Adam, lr = 0.01, beta1 = 0.9, beta2 = 0.999, eps = 0, g_1 = 2.\nWithout bias correction, "
     "what is the first step w_1 - w_0? And with the usual bias correction?"),
    ("Adam ($\\alpha = 0.01$, $\\beta_1 = 0.9$, $\\beta_2 = 0.999$, $\\epsilon = 0$), $g_1 = 2$. "
     "If the bias correction is switched off, what is the first step? What about with the bias "
     "correction?"),
    ("Adam with α = 0.01, β₁ = 0.9, β₂ = 0.999, ε = 0 and g₁ = 2: give the first update without "
     "bias correction. And with bias correction?"),
)


@pytest.mark.parametrize("text", CONTINUED, ids=("ascii", "latex", "clean"))
def test_and_with_the_usual_bias_correction_continues_the_question(text):
    problem = read_problem(text)
    assert problem.parts[0].asks == ["step-no-bias-correction", "first-step"]
    sol = solve_problem(problem, SolveOptions(figures=False)).parts[0]
    assert sol.verified
    values = [a.value for a in sol.answers if a.value is not None]
    assert [-0.01] in values                                    # -lr sign(g_1)
    assert any(v == pytest.approx([-0.01 * 0.1 / 0.001 ** 0.5]) for v in values)


def test_an_adaptive_method_the_family_does_not_compute_is_refused():
    text = ("Adam with lr = 0.01, beta1 = 0.9, beta2 = 0.999, eps = 0; g_1 = 2, w_0 = 1.\n"
            "(a) Give w_1.\n(b) AMSGrad, v_hat_t = max(v_hat_{t-1}, v_t): give w_1.")
    from optiproof.reading import read_report
    assert any("AMSGrad" in line and "does not compute" in line
               for line in read_report(text).unread())


def test_an_adagrad_part_beside_adam_runs_adagrad():
    text = ("Adam with lr = 0.01, beta1 = 0.9, beta2 = 0.999, eps = 0; g_1 = 2, w_0 = 1.\n"
            "(a) Give w_1.\n(b) Adagrad, G_t = G_{t-1} + g_t^2, w_t = w_{t-1} - lr*g_t/sqrt(G_t): "
            "give w_1.")
    parts = read_problem(text).parts
    assert [p.optimizer for p in parts] == ["adam", "adagrad"]


RMS_FIRST = {
    "clean": "RMSprop without bias correction, v_t = ρ v_{t-1} + (1 − ρ) g_t², ρ = 0.99, "
             "α = 0.001, ε = 0, one scalar parameter with gradient g_1 = 3. What is the length "
             "of the first step?",
    "forum": "RMSprop (no momentum, no bias correction), rho = 0.99, lr = 1e-3, eps = 0, "
             "g_1 = -2 on a single weight: how long is the very first step?",
    "latex": "A single scalar parameter, RMSprop with $\\rho = 0.99$, $\\alpha = 10^{-3}$, "
             "$\\epsilon = 0$ and no bias correction; $g_1 = 5$. What is the length of the first "
             "step?",
}


@pytest.mark.parametrize("style", RMS_FIRST)
def test_the_length_of_rmsprops_first_step_on_one_parameter(style):
    sol = solve_problem(read_problem(RMS_FIRST[style]), SolveOptions(figures=False)).parts[0]
    assert sol.verified
    size = next(a for a in sol.answers if a.name == "first_step_size")
    assert float(size.value) == pytest.approx(1e-3 / 0.1)      # α/√(1 − ρ)


COORDINATE_CHANGE = {
    "latex": "Adam with $\\eta = 0.01$, $\\beta_1 = 0.9$, $\\beta_2 = 0.99$, $\\epsilon = 0$, "
             "$\\theta_0 = (1, 1)$, $\\mathbf g_1 = (1, -2)$, $\\mathbf g_2 = (3, 0)$. Although "
             "$g_{2,2} = 0$, by how much does $\\theta_{\\cdot,2}$ change in step 2?",
    "clean": "Adam, η = 0.01, β₁ = 0.9, β₂ = 0.99, ε = 0, θ₀ = (1, 1), g₁ = (1, −2), g₂ = (3, 0). "
             "By how much does the second coordinate change in step 2?",
    "ascii": "Adam lr = 0.01, beta1 = 0.9, beta2 = 0.99, eps = 0, theta_0 = (1, 1), "
             "g_1 = (1, -2), g_2 = (3, 0). How much does the second coordinate change during "
             "step 2?",
}


@pytest.mark.parametrize("style", COORDINATE_CHANGE)
def test_how_much_one_coordinate_changes_in_a_step(style):
    sol = solve_problem(read_problem(COORDINATE_CHANGE[style]), SolveOptions(figures=False))
    part = sol.parts[0]
    assert part.verified
    change = next(a for a in part.answers if a.name == "change of coordinate 2")
    m2 = 0.9 * 0.1 * -2 + 0.1 * 0       # independent: two Adam steps by hand, coordinate 2
    v2 = 0.99 * 0.01 * 4
    want = -0.01 * (m2 / (1 - 0.9 ** 2)) / (v2 / (1 - 0.99 ** 2)) ** 0.5
    assert float(change.value) == pytest.approx(want, rel=1e-9)


def test_a_restated_entry_that_does_not_match_is_refused():
    text = COORDINATE_CHANGE["latex"].replace("g_{2,2} = 0", "g_{2,2} = 1")
    from optiproof.reading import read_report
    assert any("does not match" in line for line in read_report(text).unread())


def test_a_hat_over_a_bold_symbol_is_the_corrected_moment():
    text = ("Adam, $\\beta_1 = 0.9$, $\\beta_2 = 0.99$, $\\mathbf g_1 = (1, -2)$, "
            "$\\mathbf g_2 = (3, 0)$. Give the bias-corrected $\\hat{\\mathbf m}_2$ and "
            "$\\hat{\\boldsymbol{v}}_2$.")
    assert {"m-hat", "v-hat"} <= set(read_problem(text).parts[0].asks)
