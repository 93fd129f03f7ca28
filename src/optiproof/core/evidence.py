"""Evidence: the result of one independent check of a part's answers."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal

CheckStatus = Literal["passed", "failed", "inconclusive"]


@dataclass(frozen=True)
class Check:
    """One witness run: what was compared, how far apart, and whether it passed.

    ``status`` is three-valued on purpose: a witness that could not run or did not converge is
    ``inconclusive`` - never counted as a pass and never as proof the answer is wrong.
    """

    method: str
    status: CheckStatus
    detail: str
    max_error: float | None = None
    runtime_s: float = 0.0
    compared: str = ""

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def to_dict(self) -> dict:
        return {
            "method": self.method,
            "passed": self.passed,
            "max_error": None if self.max_error is None else float(self.max_error),
            "detail": self.detail,
            "status": self.status,
            "runtime_s": round(float(self.runtime_s), 4),
        }


@dataclass
class Stopwatch:
    """Measures the runtime of a witness; ``elapsed`` is read after the ``with`` block."""

    start: float = field(default_factory=time.perf_counter)
    elapsed: float = 0.0


@contextmanager
def stopwatch() -> Iterator[Stopwatch]:
    watch = Stopwatch()
    try:
        yield watch
    finally:
        watch.elapsed = time.perf_counter() - watch.start


def run_witness(method: str, fn: Callable[[], Check]) -> Check:
    """Run a witness; any exception becomes an ``inconclusive`` check naming the error.

    A witness that crashes has not verified anything, so it must not pass - but it has not shown
    the answer wrong either.
    """
    start = time.perf_counter()
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - a witness failure must never escape as a pass
        return Check(
            method=method,
            status="inconclusive",
            detail=f"witness could not run: {type(exc).__name__}: {exc}",
            runtime_s=time.perf_counter() - start,
        )
