"""The run budget: an input that passes its time or memory ends as OverBudget (exit 2), in
the process itself or, when stuck in one C call, by its supervising parent."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest

from optiproof.core.resources import OverBudget, RunBudget, run_budget


@pytest.mark.timeout(60)
def test_a_wait_past_the_deadline_is_stopped() -> None:
    start = time.monotonic()
    with pytest.raises(OverBudget, match="time budget") as err:
        with run_budget(RunBudget(wall_s=0.3)):
            time.sleep(30)
    assert time.monotonic() - start < 5 and err.value.exit_code == 2


@pytest.mark.timeout(60)
def test_a_computation_past_the_deadline_is_stopped_and_not_swallowed() -> None:
    def busy() -> None:
        while True:
            try:
                sum(range(10_000))
            except Exception:  # noqa: BLE001 - a solver's broad except must not swallow it
                pass

    with pytest.raises(OverBudget):
        with run_budget(RunBudget(wall_s=0.3)):
            busy()


@pytest.mark.timeout(60)
def test_each_item_gets_the_whole_budget() -> None:
    with run_budget(RunBudget(wall_s=0.6)) as budget:
        for k in range(3):
            budget.next_item(f"item {k}")
            time.sleep(0.4)


SCRIPT = textwrap.dedent("""
    import sys, time
    from optiproof.core.resources import OverBudget, RunBudget, run_budget, run_supervised

    LIMITS = RunBudget(wall_s=float(sys.argv[2]), memory_mb=300, grace_s=1)

    def command():
        try:
            with run_budget(LIMITS, whole_process=True) as budget:
                budget.next_item("the test input")
                if sys.argv[1] == "allocate":
                    blocks = [bytearray(50 * 2**20) for _ in range(40)]
                elif sys.argv[1] == "stuck-in-c":
                    3 ** (10 ** 9)
                else:
                    time.sleep(60)
        except OverBudget as err:
            print("error: bad input:", err, file=sys.stderr)
            return err.exit_code
        return 0

    sys.exit(run_supervised(command, LIMITS))
""")


@pytest.mark.timeout(120)
@pytest.mark.parametrize("what,wall_s,needle", [("allocate", 15, "memory budget"),
                                                ("stuck-in-c", 1, "time budget"),
                                                ("sleep", 1, "time budget")])
def test_a_supervised_command_ends_with_exit_2(what: str, wall_s: int, needle: str) -> None:
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", SCRIPT, what, str(wall_s)],
                          capture_output=True, text=True, timeout=100)
    assert proc.returncode == 2, proc.stderr[-500:]
    assert needle in proc.stderr and "too large: the run on the test input" in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert time.monotonic() - start < 30


def _load(monkeypatch: pytest.MonkeyPatch, per_cpu: float) -> None:
    """The 1-minute load average seen by the budget: ``per_cpu`` times the CPU count."""
    import os

    monkeypatch.setattr(os, "getloadavg", lambda: ((os.cpu_count() or 1) * per_cpu,) * 3)


@pytest.mark.parametrize("per_cpu,share", [(0.5, 1.0), (1.0, 1.0), (2.0, 0.5), (3.0, 1 / 3),
                                           (40.0, 0.25)])
def test_the_cpu_share_is_the_cpus_over_the_load_floored_at_a_quarter(
        monkeypatch: pytest.MonkeyPatch, per_cpu: float, share: float) -> None:
    from optiproof.core.resources import cpu_share

    _load(monkeypatch, per_cpu)
    assert cpu_share() == pytest.approx(share)


@pytest.mark.timeout(60)
def test_a_busy_machine_does_not_make_a_normal_input_too_large(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _load(monkeypatch, 8.0)     # a quarter of a CPU: 0.5 s of waiting counts about 0.125 s
    with run_budget(RunBudget(wall_s=0.3)):
        time.sleep(0.5)


@pytest.mark.timeout(60)
def test_a_busy_machine_still_ends_a_stuck_input(monkeypatch: pytest.MonkeyPatch) -> None:
    _load(monkeypatch, 8.0)
    start = time.monotonic()
    with pytest.raises(OverBudget, match="time budget"):
        with run_budget(RunBudget(wall_s=0.3)):
            time.sleep(30)
    assert 1.0 <= time.monotonic() - start < 10   # at most four times the budget, and more than it


def test_the_exit_handle_is_ready_exactly_when_the_process_ended():
    """The supervising parent waits on a handle that becomes ready when the child ends, so
    it notices the exit at once instead of at the next tick of a sleep."""
    import select

    from optiproof.core.resources import _exit_handle, _wait_for_exit

    proc = subprocess.Popen(["sleep", "30"])
    handle = _exit_handle(proc.pid)
    try:
        if handle is None:
            pytest.skip("no pidfd on this system: the parent polls")
        assert select.select([handle], [], [], 0)[0] == []
        proc.kill()
        _wait_for_exit(handle, 30.0)
        assert select.select([handle], [], [], 0)[0] == [handle]
    finally:
        proc.kill()
        proc.wait()
        if handle is not None:
            os.close(handle)
