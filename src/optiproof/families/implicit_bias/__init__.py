"""Implicit bias on least squares: where an optimizer converges from a given start.

Closed forms where they exist (GD, momentum, preconditioning, feature rescaling, sign descent on
one equation, ridge); the real optimizer run to convergence always.
"""

from optiproof.families.implicit_bias.spec import ImplicitBiasSpec as Spec

FAMILY = "implicit-bias"

__all__ = ["Spec", "FAMILY"]
