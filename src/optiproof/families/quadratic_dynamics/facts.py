"""What the quadratic-dynamics solver hands its witnesses: the spectrum, the hyper-parameters
and the exact quantities the asks produced."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class QuadraticDynamicsFacts:
    """The spectrum of H (``quad``) and the given alpha, beta as read; where asked, the optimal
    (alpha, beta, rho), the design residuals of the optimal tuning (all 0), the per-direction
    (lambda, |z|, regime) rows, the rate at the given step, epsilon, PyTorch's (lr, momentum,
    dampening, heavy-ball step, effective step) and the number of zero-curvature directions."""

    quad: Any
    alpha: Any
    beta: Any
    optimal: tuple[Any, Any, Any] | None = None
    optimal_at_step: bool = False
    """``optimal`` is the best momentum at the given alpha, not the joint optimum."""
    design_residuals: list[Any] | None = None
    regimes: list[tuple[Any, Any, str]] | None = None
    rate: Any = None
    epsilon: Any = None
    pytorch: tuple[Any, Any, Any, Any, Any] | None = None
    zero_curvature: int | None = None
