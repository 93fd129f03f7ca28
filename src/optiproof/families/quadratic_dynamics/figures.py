"""Figures drawn from the data: error vs iteration (log scale) for several step sizes, the
rate of gradient descent against the step size with the optimum marked, and the (α, β)
stability region of momentum with the optimum marked."""

from __future__ import annotations

from typing import Any

import numpy as np

from optiproof.catalogue import optimizers as O
from optiproof.core.plots import error_axis, iteration_axis, png, pyplot
from optiproof.core.solution import Figure

MAX_STEPS = 200


def _errors(lams: np.ndarray, method: str, a: float, b: float, steps: int) -> np.ndarray:
    """‖e_t‖ for e_0 = (1, ..., 1) in the eigenbasis, by the update rule (numpy)."""
    x = np.ones_like(lams)
    xp = x.copy()
    out = [float(np.linalg.norm(x))]
    for _ in range(steps):
        if method == O.GD.key:
            nxt = x - a * lams * x
        elif method == O.HEAVY_BALL.key:
            nxt = x - a * lams * x + b * (x - xp)
        else:
            y = x + b * (x - xp)
            nxt = y - a * lams * y
        xp, x = x, nxt
        out.append(float(np.linalg.norm(x)))
        if not np.isfinite(out[-1]) or out[-1] > 1e6:
            break
    return np.array(out)


def error_figure(lams: np.ndarray, method: str, runs: list[tuple[str, float, float]]) -> Figure:
    """Error norm vs iteration, log scale, one curve per (label, α, β)."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.0, 3.6))
    start = 1.0
    for label, a, b in runs:
        e = _errors(lams, method, a, b, MAX_STEPS)
        start = float(e[0])
        ax.plot(np.arange(len(e)), e, label=label)
    iteration_axis(ax)
    error_axis(ax, start, r"$\|e_t\|$ (log scale)")
    ax.set_title("Error vs iteration")
    ax.legend(fontsize=8)
    return Figure("Error vs iteration", "Norm of the error θ_t − θ* on a log scale for several "
                  "step sizes (e_0 has equal components along every eigenvector); a straight "
                  "line has slope log ρ; the axis stops at machine precision.", png(fig))


def rate_figure(mu: float, L: float) -> Figure:
    """ρ(α) = max(|1 − αμ|, |1 − αL|) of gradient descent over step sizes, optimum marked."""
    plt = pyplot()
    alphas = np.linspace(0.0, 2.2 / L, 400)
    rho = np.maximum(np.abs(1 - alphas * mu), np.abs(1 - alphas * L))
    best = 2 / (mu + L)
    fig, ax = plt.subplots(figsize=(6.0, 3.4))
    ax.plot(alphas, rho, label=r"$\rho(\alpha) = \max(|1-\alpha\mu|, |1-\alpha L|)$")
    ax.axhline(1.0, color="0.5", linestyle="--", linewidth=0.8)
    ax.axvline(2 / L, color="C3", linestyle=":", label=r"$\alpha_{\max} = 2/L$")
    ax.plot([best], [(L - mu) / (L + mu)], marker="*", color="red", markersize=13,
            label=r"$\alpha^\star = 2/(\mu+L)$")
    ax.set_xlabel(r"step size $\alpha$")
    ax.set_ylabel(r"rate $\rho$")
    ax.set_ylim(0, 1.2)
    ax.set_title("Convergence rate against step size")
    ax.legend(fontsize=8)
    return Figure("Rate against step size", f"Contraction factor of gradient descent on the "
                  f"spectrum [{mu:g}, {L:g}]: below the dashed line it converges; the star marks "
                  "the optimal step, where the two extreme eigendirections contract equally.",
                  png(fig))


def region_figure(method: str, mu: float, L: float, opt: tuple[float, float] | None) -> Figure:
    """Contour of the spectral radius over (αL, β), the stable region ρ < 1 and the optimum."""
    plt = pyplot()
    h = np.linspace(0.0, 4.2, 220)
    bs = np.linspace(0.0, 0.999, 200)
    A, B = np.meshgrid(h / L, bs)
    rho = np.zeros_like(A)
    for lam in (mu, L):
        if method == O.HEAVY_BALL.key:
            tr, det = 1 + B - A * lam, B
        else:
            tr, det = (1 + B) * (1 - A * lam), B * (1 - A * lam)
        disc = tr ** 2 - 4 * det
        sq = np.sqrt(np.abs(disc))
        r = np.where(disc >= 0, np.maximum(np.abs(tr + sq), np.abs(tr - sq)) / 2,
                     np.sqrt(np.abs(det)))
        rho = np.maximum(rho, r)
    fig, ax = plt.subplots(figsize=(5.6, 4.2))
    cs = ax.contourf(A * L, B, np.minimum(rho, 1.2), levels=24, cmap="viridis")
    ax.contour(A * L, B, rho, levels=[1.0], colors="white", linewidths=1.5)
    fig.colorbar(cs, ax=ax, label="spectral radius ρ (capped at 1.2)")
    if opt is not None:
        ax.plot([opt[0] * L], [opt[1]], marker="*", color="red", markersize=14,
                label=r"optimal $(\alpha, \beta)$")
        ax.legend(fontsize=8, loc="lower left")
    ax.set_xlabel(r"$\alpha L$")
    ax.set_ylabel(r"$\beta$")
    ax.set_title(r"Stability region (white: $\rho = 1$)")
    return Figure("Stability region in (α, β)", "Worst-case spectral radius of the momentum "
                  f"iteration over the spectrum [{mu:g}, {L:g}]; inside the white curve the "
                  "method converges; the star marks the optimal tuning.", png(fig))


def figures_for(c: Any) -> list[Figure]:
    """The figures of a solved part (numeric spectra only; symbolic ones use μ = 1, L = 10)."""
    quad = c.quad
    if quad.symbolic:
        lams = np.array([1.0, 5.5, 10.0])
        mu, L = 1.0, 10.0
    else:
        lams = np.array(sorted({float(v) for v in quad.positive}))
        mu, L = float(lams.min()), float(lams.max())
    method = c.method
    runs: list[tuple[str, float, float]] = []
    b = float(c.beta) if c.beta is not None else 0.0
    if method == O.GD.key:
        for frac in (0.5, 1.0, 1.05):
            runs.append((rf"$\alpha = {frac:g} \cdot 2/L$", frac * 2 / L, 0.0))
        runs.insert(0, (r"$\alpha^\star = 2/(\mu+L)$", 2 / (mu + L), 0.0))
        if c.alpha is not None and not quad.symbolic:
            runs.insert(0, (rf"$\alpha = {float(c.alpha):.4g}$ (given)", float(c.alpha), 0.0))
    else:
        s = np.sqrt(L / mu)
        if method == O.HEAVY_BALL.key:
            oa, ob = 4 / (np.sqrt(L) + np.sqrt(mu)) ** 2, ((s - 1) / (s + 1)) ** 2
        else:
            r = np.sqrt(3 * L / mu + 1)
            oa, ob = 4 / (3 * L + mu), (r - 2) / (r + 2)
        runs = [(r"optimal $(\alpha, \beta)$", oa, ob),
                (r"$\alpha = 1/L,\ \beta = 0$ (plain GD)", 1 / L, 0.0),
                (r"$\alpha = 1/L,\ \beta = 0.9$", 1 / L, 0.9)]
        if c.alpha is not None and c.beta is not None and not quad.symbolic:
            runs.insert(0, (rf"given $\alpha = {float(c.alpha):.4g},\ \beta = {b:.4g}$",
                            float(c.alpha), b))
    out = [error_figure(lams, method, runs)]
    if method == O.GD.key:
        out.append(rate_figure(mu, L))
    if method != O.GD.key:
        out.append(region_figure(method, mu, L, (runs[-3][1], runs[-3][2])))
    return out
