"""The quadratic-dynamics family: gradient descent and momentum on f(θ) = ½θᵀHθ − bᵀθ."""

from __future__ import annotations

from optiproof.catalogue import optimizers as O
from optiproof.catalogue import quantities as Q
from optiproof.families.base import Family, imported
from optiproof.families.quadratic_dynamics.facts import QuadraticDynamicsFacts
from optiproof.witnesses.torch_start import START_TORCH

KEY = "quadratic-dynamics"
METHODS = (O.GD, O.HEAVY_BALL, O.NESTEROV)
"""The catalogue optimizers a part may study."""
ASKS = (Q.MAX_STEP, Q.OPTIMAL_STEP, Q.OPTIMAL_MOMENTUM, Q.OPTIMAL_RATE, Q.CONDITION_NUMBER,
        Q.RATE, Q.ITERATIONS, Q.REGIME, Q.ITERATION_MATRIX, Q.EFFECTIVE_STEP, Q.PYTORCH,
        Q.ZERO_CURVATURE, Q.EIGENVALUES, Q.CONVERGES, Q.HESSIAN, Q.MINIMISER, Q.THETA_T, Q.VALUE_T,
        Q.SMOOTHNESS, Q.STRONG_CONVEXITY, Q.SLOWEST_DIRECTION)
"""The quantities a part may ask, in the catalogue."""

QUADRATIC_DYNAMICS = Family(
    key=KEY, title="Step sizes and momentum on quadratics",
    spec=imported(f"{__package__}.spec:QuadraticDynamicsSpec"),
    solver=imported(f"{__package__}.solve:solve"),
    witness=imported(f"{__package__}.witness:witnesses"),
    answers=(*ASKS, Q.ITERATION_EIGENVALUES, Q.EQUIVALENT_STEP,
             Q.EQUIVALENT_MOMENTUM, Q.IDENTIFICATION),
    entries=METHODS, facts=QuadraticDynamicsFacts,
    measure=imported(f"{__package__}.measure:measure"),
    reader=f"{__package__}.reader", checker=f"{__package__}.check",
    problems=("problems/texts/quadratic-dynamics.txt",),
    warm_up=START_TORCH)
