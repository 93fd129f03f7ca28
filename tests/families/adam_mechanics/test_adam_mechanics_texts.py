"""Problem texts solve end to end: read -> solve with witnesses -> every part verified; and the
reader refuses what it cannot read."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, ReadingInvalid, read_problem

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO / "tests" / "reading" / "corpus" / "read"
TEXTS = sorted(p for p in CORPUS.glob("am*") if not p.name.endswith(".expected.yaml"))
DEMO = REPO / "src" / "optiproof" / "problems" / "texts" / "adam-mechanics.txt"


def test_enough_texts():
    assert len(TEXTS) >= 6


@pytest.mark.parametrize("path", [*TEXTS, DEMO], ids=lambda p: p.name)
def test_text_solves_and_verifies(path):
    problem = read_problem(path.read_text(encoding="utf-8"))
    assert all(p.family == "adam-mechanics" for p in problem.parts)
    solution = solve_problem(problem)
    for part in solution.parts:
        assert part.verified, (part.label, [(c.method, c.status, c.detail) for c in part.checks])


GARBLED = """adam question!!
with Adam(lr=1e-3, betas=(0.9, 0.99)) and eps=0 what's the 1st... sorry, the first update
if g = (2, -1e-6)?"""


def test_betas_tuple_and_scientific_notation():
    problem = read_problem(GARBLED)
    part = problem.parts[0]
    assert part.asks == ["first-step"]
    assert float(part.alpha) == 1e-3 and float(part.beta1) == 0.9 and float(part.beta2) == 0.99
    assert [float(x) for x in part.gradient] == [2, -1e-6]


def test_implicit_bias_adam_texts_stay_implicit_bias():
    text = "Fit [1, 0.5]θ = 1 with squared loss from θ_0 = 0. Where does Adam converge?"
    assert read_problem(text).parts[0].family == "implicit-bias"


@pytest.mark.parametrize(("text", "error", "says"), [
    ("Adam with β1 = 0.9 and β2 = 1.5: what is the first step?", ReadingInvalid, ["beta2"]),
    ("Adam with learning rate α = -0.01: what is the first step?", ReadingInvalid, ["alpha"]),
    ("Adam with β1 = 0.9 and β2 = 0.999 is popular. Discuss its history and its authors.",
     ReadingIncomplete, ["asks", "no question about Adam"]),
])
def test_refusals(text, error, says):
    with pytest.raises(error) as info:
        read_problem(text)
    for s in says:
        assert s in str(info.value), str(info.value)


@pytest.mark.parametrize("text", [
    "Adam with α = 0.1, β2 = 0.9, ε = 0 and g1 = (1, -2).\n"
    "Suppose we set β1 = 0 and drop bias correction entirely. Which classical optimizer is "
    "this, and what is its first update θ1 − θ0?",
    r"Consider Adam with $\alpha = 0.1$, $\beta_2 = 0.9$, $\epsilon = 0$ and $g_1 = (1, -2)$. "
    r"Set $\beta_1 = 0$ and switch off the bias correction. Which well-known optimizer do you "
    r"get? Give its first step for $g_1$.",
    "adam, lr=0.1, beta2=0.9, eps=0, g_1 = [1, -2]. if I put beta1 = 0 and turn off bias "
    "correction, what optimizer is that? and what's the first update?",
])
def test_adam_without_momentum_and_correction_is_rmsprop(text):
    problem = read_problem(text)
    (part,) = problem.parts
    assert set(part.asks) == {"identification", "step-no-bias-correction"}
    solution = solve_problem(problem)
    (solved,) = solution.parts
    assert solved.identified_as == "RMSprop" and solved.verified, \
        [(c.method, c.status, c.detail) for c in solved.checks]


def test_same_adam_repeats_the_adam_part_settings():
    text = ("Learning rate γ = 0.01, ε = 0, gradients g₁ = (0.2, −5), g₂ = (0.2, 5).\n"
            "1. RMSprop with ρ = 0.9: what is the first update θ₁ − θ₀?\n"
            "2. Adam with β₁ = 0.9, β₂ = 0.99 and bias correction. What is θ₁ − θ₀?\n"
            "3. Same Adam, second step: give m̂₂ and θ₂ − θ₁.\n")
    third = read_problem(text).parts[2]
    assert third.optimizer == "adam" and float(third.beta1) == 0.9 and float(third.beta2) == 0.99


SHARED_DECAY = ("Adam with learning rate 0.1, β1 = 0.9, β2 = 0.999, ε = 0 and weight-decay "
                "coefficient λ = 0.01. Start at w0 = (1, -2); the data-loss gradient at w0 is "
                "(0.5, 0.01).\n")


@pytest.mark.parametrize(("own", "decay"), [
    ("(a) For Adam + L2, what are the bias-corrected moments m̂_1 and v̂_1, and what is w_1?",
     "penalty"),
    ("(a) With an L2 penalty added to the loss, compute w_1 and m_hat_1.", "penalty"),
    ("(a) what is w_1 for AdamW (decoupled decay)?", "decoupled"),
])
def test_a_part_running_one_weight_decay_method_runs_it(own, decay):
    problem = read_problem(SHARED_DECAY + own)
    (part,) = problem.parts
    assert part.decay == decay and "weight-decay" not in part.asks
    (solved,) = solve_problem(problem).parts
    assert solved.verified, [(c.method, c.status, c.detail) for c in solved.checks]
    w1 = next(a for a in solved.answers if a.name == "theta_1")
    want = [0.9, -1.9] if decay == "penalty" else [0.899, -2.098]
    assert [float(x) for x in w1.expr] == pytest.approx(want)


@pytest.mark.parametrize("own", ["(a) Give w_1 under Adam + L2 and under AdamW.",
                                 "(a) What is w_1 with L2 regularisation, and with AdamW?"])
def test_a_part_naming_both_methods_is_the_comparison(own):
    problem = read_problem(SHARED_DECAY + own)
    (part,) = problem.parts
    assert part.decay is None and "weight-decay" in part.asks


@pytest.mark.parametrize("text", [
    "One weight starts at w_0 = 1; the gradients are g_1 = 2, g_2 = -1, g_3 = 2 and lr = 0.01, "
    "eps = 0.\n(b) Adagrad: G_t = G_{t-1} + g_t^2, w_t = w_{t-1} - lr*g_t/sqrt(G_t), G_0 = 0. "
    "Give w_3.",
    r"Run AdaGrad with $\eta = 0.01$, $\epsilon = 0$ from $w_0 = 1$ on $g_1 = 2$, $g_2 = -1$, "
    r"$g_3 = 2$. What is $w_3$?",
    "AdaGrad (lr 0.01, eps = 0), w0 = 1, gradients g1 = 2, g2 = -1, g3 = 2 -- where is the "
    "weight after the third update, i.e. what is w_3?",
])
def test_an_adagrad_run_is_answered_and_measured(text):
    problem = read_problem(text)
    (part,) = problem.parts
    assert part.optimizer == "adagrad" and part.asks == ["theta-t"]
    (solved,) = solve_problem(problem).parts
    assert solved.verified
    (w3,) = [a for a in solved.answers if a.name == "theta_3"]
    assert sp.nsimplify(w3.expr[0]) == sp.Rational(59, 60) + sp.sqrt(5) / 500


def test_adagrad_asks_beyond_a_run_are_refused():
    with pytest.raises(ReadingInvalid, match="AdaGrad"):
        read_problem("AdaGrad with lr = 0.01 and eps = 0 and g_1 = (2, -1). What is the first "
                     "step?")


@pytest.mark.parametrize("own", [
    "(b) How large is each coordinate's step, as a multiple of the learning rate?",
    "(b) How far does each coordinate move?",
    "(b) What is the size of each coordinate's step?",
])
def test_the_coordinate_step_of_one_gradient_is_its_first_step(own):
    text = ("RMSprop with learning rate 0.001, rho = 0.99 and eps = 0. The first gradient is "
            "g_1 = (4, -0.5).\n(a) What is theta_1 - theta_0?\n" + own)
    problem = read_problem(text)
    assert problem.parts[1].asks == ["first-step"]
    (_, second) = solve_problem(problem).parts
    size = next(a for a in second.answers if a.name == "first_step_size")
    assert second.verified and size.expr == sp.Rational(1, 100)
