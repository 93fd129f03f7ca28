"""Steepest descent under a norm: argmin_d g^T d + (1/alpha) D(d), or the constrained form."""

from optiproof.families.steepest_descent.spec import SteepestDescentSpec as Spec

FAMILY = "steepest-descent"

__all__ = ["Spec", "FAMILY"]
