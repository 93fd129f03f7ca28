"""Size and time bounds, in one frozen object, so no input can hang or exhaust the machine."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Every bound optiproof enforces. Change them by constructing a new ``Limits``."""

    max_vector_entries: int = 10**6
    """Largest vector accepted in a spec (entries)."""
    max_matrix_side: int = 4096
    """Largest side of a matrix accepted in a spec."""
    exact_max_entries: int = 4096
    """Above this many entries, closed forms are evaluated in float64 instead of exact arithmetic."""
    solver_max_entries: int = 200_000
    """Largest vector the convex-solver witness attempts."""
    solver_max_matrix_side: int = 24
    """Largest matrix side the convex-solver witness attempts for SDP-based norms."""
    solver_time_s: float = 60.0
    """Time budget of one convex-solver witness run."""
    max_text_bytes: int = 200_000
    """Largest problem or answer text accepted."""


LIMITS = Limits()
