"""Every row of the attack surface (tests/security_cases.py) ends within the deadline with exit 2
or a correct result, runs no payload, stays within the memory budget and leaves nothing
running (the gloo engine's own containment: tests/families/communication)."""

from __future__ import annotations

from pathlib import Path

import pytest
from security_cases import (
    CASES,
    DEADLINE_S,
    MEMORY_BUDGET_MB,
    START_MARGIN_S,
    Case,
    run,
)

HANG_GUARD_S = 4 * DEADLINE_S


@pytest.mark.timeout(HANG_GUARD_S)
@pytest.mark.parametrize("case", [pytest.param(c, marks=[pytest.mark.slow] if c.slow else [],
                                               id=f"row{c.row}-{c.name}") for c in CASES])
def test_attack_ends_cleanly(case: Case, tmp_path: Path) -> None:
    out = run(case, tmp_path)
    shown = f"exit {out.exit} after {out.seconds:.1f} s; stderr: {out.stderr[-600:]!r}"
    assert not out.payload_ran, f"a payload ran: {shown}"
    assert not out.timed_out and out.seconds <= DEADLINE_S + START_MARGIN_S, f"slow: {shown}"
    assert out.exit in case.exits, f"unexpected exit: {shown}"
    assert out.peak_mb <= MEMORY_BUDGET_MB, f"peak memory {out.peak_mb:.0f} MB: {shown}"
    assert not out.leftover, f"processes left running {out.leftover}: {shown}"
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr, shown
    if out.exit == 2 and case.stdout != "broken":
        assert out.stderr.startswith("error: bad input: "), shown
        assert len(out.stderr.strip().splitlines()) <= 2, shown
    problem = case.check(tmp_path, out)
    assert problem is None, f"{problem}: {shown}"
