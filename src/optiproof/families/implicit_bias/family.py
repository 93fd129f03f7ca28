"""The implicit-bias family: where an optimizer converges on least squares from a given start."""

from __future__ import annotations

from optiproof.catalogue import optimizers as O
from optiproof.catalogue import quantities as Q
from optiproof.families.base import Family, imported
from optiproof.families.implicit_bias.facts import ImplicitBiasFacts
from optiproof.witnesses.torch_start import START_TORCH

KEY = "implicit-bias"
METHODS = (O.GD, O.SGD, O.HEAVY_BALL, O.NESTEROV, O.PRECONDITIONED, O.RESCALED_SGD,
           O.EPOCHWISE, O.SIGN_GD, O.ADAM, O.RMSPROP, O.ADAGRAD, O.RIDGE)
"""The catalogue optimizers a part may name."""
ASKS = (Q.LIMIT, Q.RIDGELESS_LIMIT, Q.MIN_NORM_SOLUTION, Q.IS_MIN_NORM, Q.OPTIMAL_MOMENTUM,
        Q.OPTIMAL_RATE, Q.DISTANCE_TO_MIN_NORM, Q.CHANGES,
        Q.NORM_VALUE, Q.WHICH_NORM, Q.PRECONDITIONER, Q.MAX_STEP, Q.ITERATIONS,
        Q.CONVERGES)
"""The quantities a part may ask, in the catalogue."""

IMPLICIT_BIAS = Family(
    key=KEY, title="Implicit bias on least squares",
    spec=imported(f"{__package__}.spec:ImplicitBiasSpec"),
    solver=imported(f"{__package__}.solve:solve"),
    witness=imported(f"{__package__}.witness:witnesses"),
    answers=ASKS, entries=METHODS, facts=ImplicitBiasFacts,
    measure=imported(f"{__package__}.measure:measure"),
    reader=f"{__package__}.reader",
    problems=("problems/texts/optimizer-convergence.txt",
              "problems/optimizer-convergence.yaml"),
    warm_up=START_TORCH)
