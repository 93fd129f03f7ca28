"""Quadratic-dynamics requests that name the parameters by their symbols: 'the tuned γ and b'
asks the optimal step and momentum, each letter's role read from the update the text writes
(else the convention α, η, γ, lr: step; β: momentum); a letter the text writes as the buffer's
coefficient ('v ← m·v + g') is PyTorch's momentum; 'what lr gives the fastest rate' asks the
optimal step; 'the biggest eigenvalue is 3' is one eigenvalue, not the spectrum. Phrasings are
our own; the optima are checked against the iteration itself (numpy spectral radii, the real
torch.optim.SGD run)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from optiproof.core.options import SolveOptions
from optiproof.families.quadratic_dynamics.parameters import (MOMENTUM, STEP, parameter_role,
                                                              tuned_symbols)
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, read_report


def _solved(text: str):
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    for part in solution.parts:
        assert part.verified, [(c.method, c.detail) for c in part.checks]
    return solution


def _value(part, key: str) -> float:
    return float(sympy.nsimplify(next(a for a in part.answers if a.quantity == key).expr))


def _heavy_ball_radius(step: float, momentum: float, eigenvalues) -> float:
    """The spectral radius of heavy ball's 2x2 iteration matrices, one per eigenvalue."""
    return max(max(abs(np.linalg.eigvals(np.array([[1 + momentum - step * lam, -momentum],
                                                   [1.0, 0.0]]))))
               for lam in eigenvalues)


def _is_tuned(step: float, momentum: float, eigenvalues) -> None:
    """(step, momentum) minimises the worst spectral radius: no nearby pair does better."""
    best = _heavy_ball_radius(step, momentum, eigenvalues)
    for ds in (-0.02, 0.0, 0.02):
        for dm in (-0.02, 0.0, 0.02):
            assert _heavy_ball_radius(step * (1 + ds), momentum + dm, eigenvalues) >= best - 1e-9


# -- the roles of the letters ------------------------------------------------------------------

@pytest.mark.parametrize("symbol, text, role", [
    ("γ", "x_{t+1} = x_t − γ∇f(x_t) + b(x_t − x_{t−1})", STEP),
    ("b", "x_{t+1} = x_t − γ∇f(x_t) + b(x_t − x_{t−1})", MOMENTUM),
    ("m", "v ← m·v + g, w ← w − lr·v", MOMENTUM),
    ("lr", "v ← m·v + g, w ← w − lr·v", STEP),
    ("h", "gradient descent with step size h", STEP),
    ("c", "heavy ball with momentum coefficient c", MOMENTUM),
    ("η", "nothing written", STEP),
    ("β", "nothing written", MOMENTUM),
])
def test_a_letter_has_the_role_the_text_writes(symbol, text, role):
    assert parameter_role(symbol, (text,)) == role


@pytest.mark.parametrize("symbol, text", [
    ("m", "nothing written"),                            # m is also a curvature letter
    ("β", "x ← x − β∇f(x) + β(x − x_prev)"),             # two roles: not guessed
    ("q", "the tuned q"),
])
def test_a_letter_without_one_role_has_none(symbol, text):
    assert parameter_role(symbol, (text,)) is None


@pytest.mark.parametrize("text, symbols", [
    ("Give the tuned η and β, then the rate.", ["η", "β"]),
    ("what are the optimal lr, m and the rate", ["lr", "m"]),
    ("report the best heavy-ball parameters γ and b", ["γ", "b"]),
])
def test_the_symbols_a_tuning_names(text, symbols):
    assert [s for s in tuned_symbols(text) if s in symbols] == symbols


# -- tuned symbols asked -----------------------------------------------------------------------

TUNED = [
    "A quadratic has Hessian eigenvalues between μ = 1 and L = 16. Heavy ball reads "
    "x_{t+1} = x_t − γ∇f(x_t) + b(x_t − x_{t−1}). Give the tuned γ and b, and the rate.",
    "Eigenvalues of the Hessian: 1 and 16. If we add heavy-ball momentum, what are the tuned "
    "lr and β, and which rate do we get?",
    "The Hessian's eigenvalues are 1, 4 and 16. Polyak's method: w_{k+1} = w_k − s·∇f(w_k) + "
    "c(w_k − w_{k−1}). State the tuned s and c, and the rate.",
]


@pytest.mark.parametrize("text", TUNED)
def test_tuned_symbols_ask_the_optimal_step_and_momentum(text):
    part = _solved(text).parts[0]
    step, momentum = _value(part, "optimal-step"), _value(part, "optimal-momentum")
    _is_tuned(step, momentum, [1.0, 16.0])
    assert _value(part, "optimal-rate") == pytest.approx(_heavy_ball_radius(step, momentum,
                                                                            [1.0, 16.0]), abs=1e-6)


# -- a letter written as the buffer's coefficient is PyTorch's momentum ------------------------

PYTORCH = [
    "The Hessian eigenvalues lie between μ = 1 and L = 16.\n(a) Heavy ball: θ_{k+1} = θ_k − "
    "η∇f(θ_k) + β(θ_k − θ_{k−1}). Report the optimal η and β.\n(b) PyTorch's SGD (dampening 0) "
    "updates v ← m·v + g, w ← w − lr·v. Which lr and m give the iteration of (a)?",
    "Hessian eigenvalues: 1 and 16.\n1. Find the optimal step size and momentum of heavy "
    "ball.\n2. In torch.optim.SGD with dampening = 0 the update is u ← m·u + g, x ← x − lr·u. Which "
    "lr and m reproduce the heavy ball of (1)?",
    "Eigenvalues of H are between μ = 1 and L = 16.\n(i) Give the optimal η and β of heavy "
    "ball x_{t+1} = x_t − η∇f(x_t) + β(x_t − x_{t−1}).\n(ii) With PyTorch SGD, dampening 0, "
    "b ← m·b + g and θ ← θ − lr·b: which lr and m match (i)?",
]


@pytest.mark.parametrize("text", PYTORCH)
def test_a_buffer_coefficient_letter_is_pytorchs_momentum(text):
    import torch

    solution = _solved(text)
    step, momentum = (_value(solution.parts[0], k) for k in ("optimal-step", "optimal-momentum"))
    lr, m = (_value(solution.parts[1], k) for k in ("equivalent-step", "equivalent-momentum"))
    # independent: the real optimizer with (lr, m) follows heavy ball (step, momentum) after
    # its first step, on f = ½ θᵀ diag(1, 16) θ
    H = torch.diag(torch.tensor([1.0, 16.0], dtype=torch.float64))
    w = torch.tensor([1.0, 1.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr, momentum=m)
    seen = []
    for _ in range(6):
        opt.zero_grad()
        (0.5 * w @ H @ w).backward()
        opt.step()
        seen.append(w.detach().numpy().copy())
    Hn = np.diag([1.0, 16.0])
    for k in range(2, len(seen)):
        want = seen[k - 1] - step * Hn @ seen[k - 1] + momentum * (seen[k - 1] - seen[k - 2])
        assert np.allclose(seen[k], want)


def test_a_letter_no_update_defines_is_not_pytorchs_momentum():
    text = ("Hessian eigenvalues: 1 and 16.\n(a) Find the optimal heavy-ball step η and momentum "
            "β.\n(b) In PyTorch's SGD (dampening 0), which lr and m reproduce (a)?")
    reading = read_report(text)
    with pytest.raises(ReadingIncomplete):
        reading.to_problem()
    assert any("'m'" in u for u in reading.unread())


# -- the optimal step asked by 'what lr ... to get the fastest rate' ---------------------------

@pytest.mark.parametrize("text", [
    "GD on a quadratic whose Hessian has eigenvalues 2 and 6. What lr should we choose to get "
    "the fastest convergence rate?",
    "Gradient descent on a quadratic with Hessian eigenvalues 2 and 6. Which step size do I "
    "need for the best worst-case rate?",
    "Hessian eigenvalues 2 and 6, plain GD. What η would you use to reach the smallest "
    "contraction factor?",
])
def test_what_step_to_get_the_fastest_rate_is_the_optimal_step(text):
    step = _value(_solved(text).parts[0], "optimal-step")
    grid = np.linspace(0.01, 0.99, 981)
    worst = [max(abs(1 - a * 2), abs(1 - a * 6)) for a in grid]
    assert step == pytest.approx(grid[int(np.argmin(worst))], abs=1e-3)


# -- one eigenvalue named is not the spectrum --------------------------------------------------

@pytest.mark.parametrize("word", ["biggest", "greatest", "top", "leading"])
def test_the_biggest_eigenvalue_is_not_the_spectrum(word):
    text = (f"We minimise f(θ) = 1/2 θ^T A θ with A = [[2, 1], [1, 2]] by gradient descent; the "
            f"{word} eigenvalue is 3. Which step size gives the fastest worst-case rate?")
    step = _value(_solved(text).parts[0], "optimal-step")
    lam = np.linalg.eigvalsh(np.array([[2.0, 1.0], [1.0, 2.0]]))
    assert step == pytest.approx(2 / (lam.min() + lam.max()))


# -- 'the range of η', 'say whether it converges' ----------------------------------------------

@pytest.mark.parametrize("text", [
    "f(θ) = ½ θᵀAθ with A = diag(2, 5, 8). Give the range of η for which gradient descent "
    "converges from any start.",
    "The Hessian of the quadratic is H = diag(2, 5, 8). What is the range of γ over which GD "
    "converges?",
    "Hessian H = diag(2, 5, 8); GD with step α. State the range of α that makes GD converge.",
])
def test_the_range_of_a_step_symbol_is_the_stability_bound(text):
    bound = _value(_solved(text).parts[0], "max-step")
    # independent: the iteration from a generic start converges just below the bound, not at it
    H = np.diag([2.0, 5.0, 8.0])
    for step, converges in ((bound * 0.99, True), (bound * 1.01, False)):
        x = np.ones(3)
        for _ in range(4000):
            x = x - step * H @ x
        assert (np.linalg.norm(x) < 1e-6) == converges


@pytest.mark.parametrize("text, step", [
    ("f(θ) = ½ θᵀHθ with H = diag(1, 3). Run GD with η = 0.5 from θ_0 = (1, 1). Compute θ_2 "
     "and say whether it converges.", 0.5),
    ("f(θ) = ½ θᵀHθ, H = diag(1, 3). Take α = 0.8 and θ_0 = (1, 1). Compute θ_1, then state "
     "whether the iteration converges.", 0.8),
    ("f(θ) = ½ θᵀHθ where H = diag(1, 3); gradient descent with step 0.6 from θ_0 = (1, 1). "
     "Find θ_2 and tell whether or not GD converges.", 0.6),
])
def test_say_whether_it_converges_asks_convergence(text, step):
    part = _solved(text).parts[0]
    got = next(a for a in part.answers if a.quantity == "converges")
    x = np.array([1.0, 1.0])
    for _ in range(300):
        x = x - step * np.diag([1.0, 3.0]) @ x
    assert bool(sympy.sympify(got.expr)) == (np.linalg.norm(x) < 1e-6)


# -- one request asked for each of several steps -----------------------------------------------

@pytest.mark.parametrize("text", [
    "H = diag(1, 10). For η = 0.1 the contraction is 0.9; for η = 2/11 it is 9/11. For each "
    "choice, how many iterations until the error is below 10^-3?",
    "H = diag(1, 10). Take α = 0.1 and α = 0.15. In each case, give the number of iterations "
    "to reduce the error by 1000.",
    "H = diag(1, 10), GD with lr = 0.05 or lr = 0.1. For both learning rates, how many steps "
    "shrink the error by a factor 1000?",
])
def test_a_request_for_each_of_several_steps_is_refused(text):
    reading = read_report(text)
    with pytest.raises(ReadingIncomplete):
        reading.to_problem()
    assert any("step sizes" in u for u in reading.unread())


# -- 'the resulting rate' after the part's own request for an optimum ----------------------------

def test_the_resulting_rate_of_the_parts_own_optimum_is_answered_beside_a_refused_part():
    text = ("The Hessian eigenvalues lie between μ = 1 and L = 16.\n(a) Give the optimal η and β "
            "of heavy ball and the resulting rate.\n(b) Sketch the loss curve of heavy ball.")
    reading = read_report(text)
    assert not reading.complete
    problem = reading.answerable_problem()
    assert [p.label for p in problem.parts] == ["a"]
    part = solve_problem(problem, SolveOptions(figures=False)).parts[0]
    step, momentum = _value(part, "optimal-step"), _value(part, "optimal-momentum")
    _is_tuned(step, momentum, [1.0, 16.0])
