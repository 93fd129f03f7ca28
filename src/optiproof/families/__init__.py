"""Problem families, and the one registry of them: :data:`FAMILIES`, family key -> Family.

Each family is a package ``families/<name>/`` whose ``family.py`` declares its
:class:`~optiproof.families.base.Family`; registering it here is the only line outside its
folder. Nothing outside ``families/`` names a family: the pipeline, the command line and the
renderers look families up by the ``family`` field of a spec.
"""

from __future__ import annotations

from optiproof.families.adam_mechanics.family import ADAM_MECHANICS
from optiproof.families.base import Family
from optiproof.families.communication.family import COMMUNICATION
from optiproof.families.implicit_bias.family import IMPLICIT_BIAS
from optiproof.families.quadratic_dynamics.family import QUADRATIC_DYNAMICS
from optiproof.families.steepest_descent.family import STEEPEST_DESCENT

FAMILIES: dict[str, Family] = {f.key: f for f in (
    STEEPEST_DESCENT, COMMUNICATION, IMPLICIT_BIAS, QUADRATIC_DYNAMICS, ADAM_MECHANICS)}
"""Every registered family, by key (the ``family`` value of its specs)."""

__all__ = ["FAMILIES", "Family"]
