"""The steepest-descent family: argmin_d g^T d + (1/alpha) D(d), or the constrained form, for
every norm of the catalogue."""

from __future__ import annotations

from optiproof.catalogue import norms as N
from optiproof.catalogue import quantities as Q
from optiproof.families.base import Family, imported
from optiproof.families.steepest_descent.facts import SteepestDescentFacts

KEY = "steepest-descent"
ASKS = (Q.UPDATE, Q.IDENTIFICATION, Q.MIN_VALUE, Q.STEP_LENGTH, Q.THRESHOLD, Q.COMPARE,
        Q.HOLDER_CONJUGATE, Q.DUAL_NORM, Q.UNIQUENESS, Q.WHICH_COORDINATE,
        Q.RANK, Q.WHICH_NORM, Q.EXISTENCE, Q.LINEAR_CHANGE, Q.ORTHOGONALISED,
        Q.MULTIPLE_OF_POLAR, Q.WHICH_SOLUTION, Q.EFFECTIVE_STEP, Q.MODEL_DECREASE,
        Q.SINGULAR_VALUES, Q.COORDINATES_MOVED)
"""The quantities a steepest-descent part may ask, in the catalogue."""

STEEPEST_DESCENT = Family(
    key=KEY, title="Steepest descent under a norm",
    spec=imported(f"{__package__}.spec:SteepestDescentSpec"),
    solver=imported(f"{__package__}.solve:solve"),
    witness=imported(f"{__package__}.witness:witnesses"),
    answers=ASKS,
    entries=tuple(N.NORMS), facts=SteepestDescentFacts,
    measure=imported(f"{__package__}.measure:measure"),
    reader=f"{__package__}.reader", checker=f"{__package__}.check",
    problems=("problems/texts/penalized-linear-improvement.txt",
              "problems/penalized-linear-improvement.yaml",
              "problems/steepest-descent-numeric.yaml"))
