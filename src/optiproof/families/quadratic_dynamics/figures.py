"""Figures drawn from the data: error vs iteration (log scale) for several step sizes, and the
(α, β) stability region of momentum with the optimum marked."""

from __future__ import annotations

import io
from typing import Any

import numpy as np

from optiproof.catalogue import optimizers as O
from optiproof.core.solution import Figure

MAX_STEPS = 200


def _png(fig: Any) -> bytes:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return plt


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
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.0, 3.6))
    for label, a, b in runs:
        e = _errors(lams, method, a, b, MAX_STEPS)
        ax.semilogy(np.arange(len(e)), np.maximum(e, 1e-300), label=label)
    ax.set_xlabel("iteration t")
    ax.set_ylabel("‖e_t‖ (log scale)")
    ax.set_title("Error vs iteration")
    ax.legend(fontsize=8)
    return Figure("Error vs iteration", "Norm of the error θ_t − θ* on a log scale for several "
                  "step sizes (e_0 has equal components along every eigenvector); a straight "
                  "line has slope log ρ.", _png(fig))


def region_figure(method: str, mu: float, L: float, opt: tuple[float, float] | None) -> Figure:
    """Contour of the spectral radius over (αL, β), the stable region ρ < 1 and the optimum."""
    plt = _pyplot()
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
                label="optimal (α, β)")
        ax.legend(fontsize=8, loc="lower left")
    ax.set_xlabel("α·L")
    ax.set_ylabel("β")
    ax.set_title("Stability region (white: ρ = 1)")
    return Figure("Stability region in (α, β)", "Worst-case spectral radius of the momentum "
                  f"iteration over the spectrum [{mu:g}, {L:g}]; inside the white curve the "
                  "method converges; the star marks the optimal tuning.", _png(fig))


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
            runs.append((f"α = {frac:g} · 2/L", frac * 2 / L, 0.0))
        runs.insert(0, ("α* = 2/(μ+L)", 2 / (mu + L), 0.0))
        if c.alpha is not None and not quad.symbolic:
            runs.insert(0, (f"α = {float(c.alpha):.4g} (given)", float(c.alpha), 0.0))
    else:
        s = np.sqrt(L / mu)
        if method == O.HEAVY_BALL.key:
            oa, ob = 4 / (np.sqrt(L) + np.sqrt(mu)) ** 2, ((s - 1) / (s + 1)) ** 2
        else:
            r = np.sqrt(3 * L / mu + 1)
            oa, ob = 4 / (3 * L + mu), (r - 2) / (r + 2)
        runs = [("optimal (α, β)", oa, ob), ("α = 1/L, β = 0 (plain GD)", 1 / L, 0.0),
                ("α = 1/L, β = 0.9", 1 / L, 0.9)]
        if c.alpha is not None and c.beta is not None and not quad.symbolic:
            runs.insert(0, (f"given α = {float(c.alpha):.4g}, β = {b:.4g}", float(c.alpha), b))
    out = [error_figure(lams, method, runs)]
    if method != O.GD.key:
        out.append(region_figure(method, mu, L, (runs[-3][1], runs[-3][2])))
    return out
