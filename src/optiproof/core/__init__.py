"""Core objects shared by every family: problem specs, solutions, evidence, errors, limits."""
