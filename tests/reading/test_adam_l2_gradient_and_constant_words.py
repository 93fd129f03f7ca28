"""An Adam run with the L2 penalty written into the gradient ('grad = g_1 + 0.05*θ_0') or named
with its coefficient in words ('an L2 term of strength 0.05'): the penalty run, with λ read
from it (checked against torch.optim.Adam(weight_decay=λ)). A gradient said to be constant in
words ('the gradient of the training loss is constant') repeats for the steps a run asks
(checked against torch.optim.AdamW). A LaTeX gradient '\\nabla\\mathcal L(\\theta) = g = …'
is the gradient."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _torch_run(g: list[float], theta0: list[float], steps: int, *, lam: float,
               decoupled: bool) -> list[float]:
    import torch

    p = torch.tensor(theta0, dtype=torch.float64, requires_grad=True)
    cls = torch.optim.AdamW if decoupled else torch.optim.Adam
    opt = cls([p], lr=0.01, betas=(0.9, 0.999), eps=0.0, weight_decay=lam)
    for _ in range(steps):
        p.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
    return p.detach().tolist()


def _answer(text: str, name: str) -> list[float]:
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert not reading.unused, reading.unused
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False,
                                                                run_witnesses=False))
    return next(a.to_dict()["value"] for a in solution.parts[0].answers if a.name == name)


_L2 = [
    "Use Adam with the L2 penalty folded into the gradient, grad = g_1 + {lam}*θ_0. Find θ_1.",
    "Add an L2 term of strength {lam} to the loss and run one Adam step: what is θ_1?",
    "Put the {lam} into the gradient as L2 (g_t ← g + {lam}·θ) and report θ_1.",
]


@pytest.mark.parametrize("ask", _L2)
@settings(max_examples=3, deadline=None)
@given(lam=st.sampled_from([0.05, 0.5, 2]), x=st.integers(-3, 3).filter(bool),
       w=st.integers(-4, 4))
def test_an_l2_penalty_written_into_the_gradient_is_the_penalty_run(ask, lam, x, w):
    assume(x + lam * w != 0)   # a zero total gradient with ε = 0 is 0/0: torch's step is NaN
    text = (f"A scalar weight starts at θ_0 = {w}; the data-loss gradient is g_1 = {x}. Adam has "
            "learning rate 0.01, β_1 = 0.9, β_2 = 0.999 and ε = 0.\n\n"
            f"(a) {ask.format(lam=lam)}\n")
    got = _answer(text, "theta_1")
    assert got == pytest.approx(_torch_run([x], [w], 1, lam=lam, decoupled=False), abs=1e-12)


@pytest.mark.parametrize("setting, ask, why", [
    ("λ = 0.3", "Fold it into the gradient as L2, grad = g_1 + 0.1*θ_0. Find θ_1.",
     "one L2 coefficient"),
    ("the gradient stays the same", "With L2, grad = g + 0.1*θ_0, what is θ_3?", "at θ_0"),
])
def test_an_l2_gradient_that_cannot_be_placed_is_refused(setting, ask, why):
    text = ("A scalar weight starts at θ_0 = 1 and the gradient is g = 2. Adam has learning rate 0.01, "
            f"β_1 = 0.9, β_2 = 0.999, ε = 0, and {setting}.\n\n(a) {ask}\n")
    reading = read_report(text)
    assert not reading.complete
    assert any(why in line for line in reading.unread()), reading.unread()


@settings(max_examples=6, deadline=None)
@given(said=st.sampled_from(("The gradient of the training loss is constant, g = ({x}, {y}).",
                             "Its gradient is the constant g = ({x}, {y}) at every point.",
                             "The gradient remains the same throughout: g = ({x}, {y}).")),
       steps=st.integers(2, 4), x=st.integers(-3, 3).filter(bool),
       y=st.integers(-3, 3).filter(bool))
def test_a_gradient_said_constant_in_words_repeats_for_the_asked_steps(said, steps, x, y):
    text = (f"Weights start at θ_0 = (1, -1). {said.format(x=x, y=y)} AdamW runs with learning "
            "rate 0.01, β_1 = 0.9, β_2 = 0.999, ε = 0 and weight decay λ = 0.2.\n\n"
            f"(a) Compute θ_{steps} for AdamW.\n")
    got = _answer(text, f"theta_{steps}")
    assert got == pytest.approx(_torch_run([x, y], [1, -1], steps, lam=0.2, decoupled=True),
                                abs=1e-12)


@pytest.mark.parametrize("font", [r"\mathcal", r"\mathsf", r"\mathtt"])
def test_a_latex_gradient_in_a_font_is_the_gradient(font):
    text = (r"Adam with learning rate $0.01$, $\beta_1 = 0.9$, $\beta_2 = 0.999$, $\epsilon = 0$; "
            rf"the gradient is $\nabla{font} L(\theta) = (3, -1)^\top$ and $\theta_0 = (0, 0)$."
            "\n\n(a) Compute $\\theta_1$.\n")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert reading.parts[0].fields["gradient"].value == [3, -1]


@settings(max_examples=6, deadline=None)
@given(said=st.sampled_from((
    "AdamW first multiplies the weights by a constant factor and then takes the Adam step. "
    "What is this factor?",
    "Before each step AdamW shrinks the parameters by a fixed factor. What is that factor?",
    "With decoupled weight decay the update rescales θ by some factor before the Adam step. "
    "What is this factor?")), lam=st.sampled_from([0.1, 0.02, 0.5]))
def test_the_factor_adamw_multiplies_the_weights_by_is_the_shrink_factor(said, lam):
    text = (f"Adam with learning rate 0.01, β_1 = 0.9, β_2 = 0.999, ε = 0 and λ = {lam} starts "
            "from θ_0 = (1, 1) with gradient g_1 = (1, -2).\n\n"
            f"(a) {said}\n")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert reading.parts[0].fields["shrink_factor"].value is True
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False,
                                                                run_witnesses=False))
    got = next(a.to_dict()["value"] for a in solution.parts[0].answers
               if a.name == "shrink_AdamW")
    assert got == pytest.approx(1 - 0.01 * lam, abs=1e-15)
