"""The mechanics of Adam drawn from its hyper-parameters: the bias-correction factors
1/(1 − β₁ᵗ), 1/(1 − β₂ᵗ) and the worst-case per-coordinate step B_t against the step t."""

from __future__ import annotations

import numpy as np

from optiproof.core.plots import iteration_axis, png, pyplot
from optiproof.core.solution import Figure

MAX_STEPS = 20000


def _horizon(beta2: float) -> int:
    """Steps shown: long enough for the slower average (β₂) to forget its start."""
    return int(min(MAX_STEPS, max(100, 8 / max(1 - beta2, 1e-6))))


def step_bound(t: np.ndarray, alpha: float, beta1: float, beta2: float) -> np.ndarray:
    """B_t = α (1−β₁)/(1−β₁ᵗ) · √((1−β₂ᵗ)/(1−β₂)) · √(Σ_{k<t} (β₁²/β₂)ᵏ), summed term by term."""
    gamma = beta1 ** 2 / beta2
    partial = np.cumsum(gamma ** np.arange(len(t), dtype=float))
    return (alpha * (1 - beta1) / (1 - beta1 ** t) * np.sqrt((1 - beta2 ** t) / (1 - beta2))
            * np.sqrt(partial))


def mechanics_figure(alpha: float, beta1: float, beta2: float) -> Figure:
    """Two panels over t: the bias-correction factors, and the step bound with its start α."""
    plt = pyplot()
    t = np.arange(1, _horizon(beta2) + 1, dtype=float)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.0, 3.4))
    left.plot(t, 1 / (1 - beta1 ** t), label=rf"$1/(1-\beta_1^t)$, $\beta_1 = {beta1:g}$")
    left.plot(t, 1 / (1 - beta2 ** t), label=rf"$1/(1-\beta_2^t)$, $\beta_2 = {beta2:g}$")
    left.set_yscale("log")
    left.set_ylabel("correction factor")
    left.set_title("Bias-correction factors")
    left.legend(fontsize=8)
    bound = step_bound(t, alpha, beta1, beta2)
    right.plot(t, bound, label=r"$B_t$ (worst case over gradient sequences)")
    right.axhline(alpha, color="0.5", linestyle="--", linewidth=0.8,
                  label=rf"$\alpha = {alpha:g}$")
    right.set_ylabel(r"$\sup\,|\Delta\theta_{t,i}|$")
    right.set_title("Largest possible step")
    right.legend(fontsize=8, loc="upper left")
    for ax in (left, right):
        iteration_axis(ax, "step $t$ (log scale)", log=True)
    fig.tight_layout()
    return Figure("Adam's mechanics against the step", "Left: the factors that undo the "
                  "zero start of the two moving averages fade to 1, the second one much later. "
                  "Right: the worst-case per-coordinate step starts at α and settles at its "
                  "limit.", png(fig))
