"""How the server runs, in one frozen object."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from optiproof.core.limits import LIMITS

MAX_ANSWER_FILES = 20
"""Answer documents one check request may carry."""


def default_workers() -> int:
    """Worker processes: one per CPU core."""
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class ServerSettings:
    """Where to listen, the pool's size, each request's limits and the result cache.

    ``time_limit_s`` bounds one read/solve/check job (HTTP 504 past it); ``memory_limit_mb``
    bounds the address space of the worker running it (torch and SymPy loaded take about 1 GB);
    ``cache`` is the result cache's file (None: no cache); ``max_body_bytes`` bounds a request
    body (HTTP 413 past it).
    """

    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    time_limit_s: float = 60.0
    memory_limit_mb: int = 4096
    cache: Path | None = None
    max_body_bytes: int = LIMITS.max_text_bytes + 10_000_000

    @property
    def memory_limit_bytes(self) -> int:
        return self.memory_limit_mb * 1024 * 1024
