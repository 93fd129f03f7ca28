"""The per-eigendirection maps of gradient descent, heavy ball and Nesterov on a quadratic,
built by applying each update rule to unit states (never from a closed form), and their
spectral radius: the numerical side of every rate claim about these methods."""

from __future__ import annotations

from typing import Any

import numpy as np

from optiproof.catalogue import optimizers as O


def _update(method: str, a: Any, b: Any, lam: Any, x: Any, xprev: Any) -> Any:
    """One step of the method on the scalar quadratic ½λx² (error coordinates)."""
    if method == O.GD.key:
        return x - a * lam * x
    if method == O.HEAVY_BALL.key:
        return x - a * lam * x + b * (x - xprev)
    y = x + b * (x - xprev)
    return y - a * lam * y


def direction_maps(method: str, a: Any, b: Any, lam: Any) -> np.ndarray:
    """The 2x2 map (x_t, x_{t-1}) -> (x_{t+1}, x_t), built by applying the update to unit
    states; vectorised over broadcast a, b, lam (shape (..., 2, 2))."""
    a, b, lam = np.broadcast_arrays(np.asarray(a, float), np.asarray(b, float),
                                    np.asarray(lam, float))
    out = np.zeros(a.shape + (2, 2))
    one, zero = np.ones_like(a), np.zeros_like(a)
    out[..., 0, 0] = _update(method, a, b, lam, one, zero)
    out[..., 0, 1] = _update(method, a, b, lam, zero, one)
    out[..., 1, 0] = 1.0
    return out


def radius(method: str, lams: np.ndarray, a: Any, b: Any) -> np.ndarray:
    """Spectral radius over the given eigenvalues (numpy eigvals of the per-direction maps)."""
    M = direction_maps(method, np.asarray(a)[..., None], np.asarray(b)[..., None], lams)
    if method == O.GD.key:
        return np.abs(M[..., 0, 0]).max(axis=-1)
    return np.abs(np.linalg.eigvals(M)).max(axis=(-1, -2))
