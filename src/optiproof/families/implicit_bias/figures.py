"""Figures drawn from the data: coordinates vs iteration, and (d = 2 or 3) the solution set with
the trajectory and the limits of the methods compared."""

from __future__ import annotations

import numpy as np

from optiproof.core.plots import iteration_axis, png, pyplot
from optiproof.core.solution import Figure

MAX_COORDS = 8


def trajectory_figure(steps: list[int], history: list[np.ndarray], limit: np.ndarray,
                      method: str) -> Figure:
    """theta_j(t) for the first few coordinates, with the limit as dashed lines."""
    plt = pyplot()
    H = np.array(history)
    d = H.shape[1]
    show = list(range(min(d, MAX_COORDS)))
    fig, ax = plt.subplots(figsize=(6.0, 3.4))
    for j in show:
        line, = ax.plot(steps, H[:, j], marker="." if len(steps) < 30 else None,
                        label=rf"$\theta_{{{j + 1}}}$")
        ax.axhline(limit[j], color=line.get_color(), linestyle="--", linewidth=0.8)
    iteration_axis(ax, "iteration $t$" if "epoch" not in method else "epoch")
    ax.set_ylabel("coordinate value")
    ax.set_title(f"{method}: coordinates vs iteration (dashed: limit)")
    if len(show) <= 8:
        ax.legend(fontsize=8, ncol=min(4, len(show)))
    caption = (f"Coordinates of θ_t under {method}" +
               (f" (first {len(show)} of {d})" if d > len(show) else "") +
               "; dashed lines mark the reported limit.")
    return Figure(f"Trajectory ({method})", caption, png(fig))


def solution_set_figure(X: np.ndarray, y: np.ndarray, theta0: np.ndarray,
                        history: list[np.ndarray], limits: dict[str, np.ndarray],
                        method: str) -> Figure | None:
    """For d = 2 or 3: the zero-loss set {X theta = y}, the path, and each method's limit."""
    d = X.shape[1]
    if d not in (2, 3):
        return None
    plt = pyplot()
    H = np.array(history)
    pts = np.vstack([H, theta0[None, :], *[v[None, :] for v in limits.values()]])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    pad = 0.15 * np.maximum(hi - lo, 1e-3)
    lo, hi = lo - pad, hi + pad
    particular, *_ = np.linalg.lstsq(X, y, rcond=None)
    _, sv, vt = np.linalg.svd(X)
    rank = int((sv > 1e-12 * sv.max()).sum())
    null = vt[rank:].T  # d x k
    if d == 3:
        fig = plt.figure(figsize=(6.0, 5.0))
        ax = fig.add_subplot(projection="3d")
    else:
        fig, ax = plt.subplots(figsize=(5.5, 4.5))
    k = null.shape[1]
    if k >= 1:
        coords = (pts - particular) @ null
        u_lo, u_hi = coords.min(axis=0), coords.max(axis=0)
        span = np.maximum(u_hi - u_lo, 1e-3)
        u_lo, u_hi = u_lo - 0.2 * span, u_hi + 0.2 * span
        if k == 1:
            u = np.linspace(u_lo[0], u_hi[0], 50)
            seg = particular[None, :] + u[:, None] * null[:, 0][None, :]
            ax.plot(*seg.T, color="0.5", linewidth=2, label=r"solution set $X\theta = y$")
        elif k == 2 and d == 3:
            g1, g2 = np.meshgrid(np.linspace(u_lo[0], u_hi[0], 12),
                                 np.linspace(u_lo[1], u_hi[1], 12))
            P = particular[None, None, :] + g1[..., None] * null[:, 0] + g2[..., None] * null[:, 1]
            ax.plot_surface(P[..., 0], P[..., 1], P[..., 2], color="0.6", alpha=0.25,
                            linewidth=0)
            ax.plot([], [], color="0.6", linewidth=6, alpha=0.4, label=r"solution set $X\theta = y$")
    ax.plot(*H.T, color="C0", marker="." if len(H) < 40 else None, label=f"{method} path")
    ax.scatter(*theta0, color="black", marker="o", label=r"$\theta_0$")
    for i, (name, v) in enumerate(limits.items()):
        ax.scatter(*v, marker="*", s=120, color=f"C{i + 1}", label=name)
    ax.set_xlabel(r"$\theta_1$")
    ax.set_ylabel(r"$\theta_2$")
    if d == 3:
        ax.set_zlabel(r"$\theta_3$")
    if d == 3:
        fig.legend(fontsize=7, loc="lower center", ncol=2, bbox_to_anchor=(0.5, -0.08))
    else:
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.02, 1.0))
    ax.set_title("Solution set, path and limits")
    caption = ("The zero-loss set (grey), the path of " + method + " from θ₀, and the limits "
               "of the methods compared: " + ", ".join(limits) + ".")
    return Figure("Solution set and limits", caption, png(fig))
