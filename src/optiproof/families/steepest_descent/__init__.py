"""Steepest descent under a norm: argmin_d g^T d + (1/alpha) D(d), or the constrained form."""
