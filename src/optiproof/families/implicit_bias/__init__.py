"""Implicit bias on least squares: where an optimizer converges from a given start.

Closed forms where they exist (GD, momentum, preconditioning, feature rescaling, sign descent on
one equation, ridge); the real optimizer run to convergence always.
"""
