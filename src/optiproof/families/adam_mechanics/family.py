"""The Adam-mechanics family: the update rules of Adam, RMSprop and AdamW, derived exactly."""

from __future__ import annotations

from optiproof.catalogue import optimizers as O
from optiproof.catalogue import quantities as Q
from optiproof.families.adam_mechanics.facts import AdamMechanicsFacts
from optiproof.families.base import Family, imported
from optiproof.witnesses.torch_start import START_TORCH

KEY = "adam-mechanics"
OPTIMIZERS = (O.ADAM, O.RMSPROP, O.ADAGRAD)
"""The catalogue optimizers whose update rule a part may ask about (AdaGrad: only a run on
given gradients, its iterate and last step)."""
ASKS = (Q.UPDATE_RULE, Q.BIAS_CORRECTION, Q.FIRST_STEP, Q.LOSS_SCALING, Q.SIGN_LIMIT,
        Q.STEP_BOUND, Q.WEIGHT_DECAY, Q.THETA_T, Q.LAST_STEP, Q.BIAS_FACTORS, Q.M_HAT, Q.V_HAT,
        Q.STEP_NO_BIAS_CORRECTION, Q.SGD_LOSS_SCALING, Q.EQUIVALENT_EPS, Q.IDENTIFICATION,
        Q.STEP_LIMIT, Q.GRADIENT_T, Q.EFFECTIVE_GRADIENT)
"""The quantities a part may ask, in the catalogue."""

ADAM_MECHANICS = Family(
    key=KEY, title="The mechanics of Adam",
    spec=imported(f"{__package__}.spec:AdamMechanicsSpec"),
    solver=imported(f"{__package__}.solve:solve"),
    witness=imported(f"{__package__}.witness:witnesses"),
    answers=(*ASKS, Q.FIRST_MOMENT, Q.SECOND_MOMENT, Q.DISPLACEMENT, Q.OPPOSITE_COORDINATES,
             Q.CHANGES),
    entries=(*OPTIMIZERS, O.ADAMW, O.SIGN_GD, O.SGD), facts=AdamMechanicsFacts,
    measure=imported(f"{__package__}.measure:measure"),
    reader=f"{__package__}.reader", checker=f"{__package__}.check",
    problems=("problems/texts/adam-mechanics.txt",), warm_up=START_TORCH)
