"""The steepest-descent family: argmin_d g^T d + (1/alpha) D(d), or the constrained form, for
every norm of the catalogue."""

from __future__ import annotations

from optiproof.catalogue import norms as N
from optiproof.catalogue import quantities as Q
from optiproof.families.base import Family, imported
from optiproof.families.steepest_descent.facts import SteepestDescentFacts

KEY = "steepest-descent"

STEEPEST_DESCENT = Family(
    key=KEY, title="Steepest descent under a norm",
    spec=imported(f"{__package__}.spec:SteepestDescentSpec"),
    solver=imported(f"{__package__}.solve:solve"),
    witness=imported(f"{__package__}.witness:witnesses"),
    answers=(Q.UPDATE, Q.IDENTIFICATION, Q.MIN_VALUE, Q.STEP_LENGTH, Q.THRESHOLD, Q.COMPARE),
    entries=tuple(N.NORMS), facts=SteepestDescentFacts,
    reader="optiproof.reading.steepest_descent", checker=f"{__package__}.check",
    problems=("problems/texts/penalized-linear-improvement.txt",
              "problems/penalized-linear-improvement.yaml",
              "problems/steepest-descent-numeric.yaml"))
