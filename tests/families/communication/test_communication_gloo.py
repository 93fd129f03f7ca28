"""Real torch.distributed (gloo) runs on loopback: counts exact, average matches all_reduce.

These start real processes (a few seconds each: every process imports torch); they run in the
normal suite, marked slow so they can be deselected with -m "not slow".
"""

from __future__ import annotations

import sympy as sp
import pytest

from optiproof.core.options import SolveOptions
from optiproof.families.problem import make_problem
from optiproof.families.communication import gloo
from optiproof.families.communication.gloo import GlooJob, GlooRunError, run_gloo
from optiproof.pipeline import solve_part

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]


def part_of(**fields):
    return make_problem({"family": "communication", **fields}).parts[0]


def test_gloo_engine_n4_seed_schemes_with_progress() -> None:
    lines: list[str] = []
    spec = part_of(n=4, p=24, schemes=["all-to-all", "parameter-server", "ring-allreduce"],
                   quantities=["messages", "message-size", "busiest-sent"])
    part = solve_part(spec, SolveOptions(engine="gloo", progress=lines.append))
    check = next(c for c in part.checks if c.method == "torch.distributed (gloo) run")
    assert check.passed, check.detail
    assert check.max_error is not None and check.max_error < 1e-5
    assert "all-to-all: 12 messages" in check.detail
    assert "parameter-server: 8 messages" in check.detail
    assert "ring-allreduce: 24 messages" in check.detail
    assert any("process group ready (5 processes)" in x for x in lines), lines
    assert part.verified


def test_gloo_n4_counts_exact_and_matches_all_reduce() -> None:
    """Two levels of the tree schemes at the largest n the memory budget lets gloo run."""
    jobs = [GlooJob("ring-allreduce", 4, 64), GlooJob("tree-allreduce", 4, 64),
            GlooJob("rabenseifner", 4, 64), GlooJob("recursive-doubling", 4, 64)]
    results = run_gloo(jobs, seed=3, timeout_s=200)
    n = sp.Integer(4)
    expected = {"ring-allreduce": (2 * 4 * 3, 2 * 3 * 64, 16, 16),
                "tree-allreduce": (6, 6 * 64, 64, 64),
                "rabenseifner": (2 * 4 * 2, 2 * 3 * 64, 16, 32),
                "recursive-doubling": (4 * 2, 4 * 2 * 64, 64, 64)}
    for r in results:
        messages, volume, smallest, largest = expected[r.job.scheme]
        assert (r.messages, r.elements, r.size_min, r.size_max) == (messages, volume, smallest,
                                                                    largest), r.job.scheme
        assert r.max_abs_error <= 1e-5 * max(1.0, r.scale) * int(n), r
    ring = results[0]
    assert ring.busiest_sent == ring.busiest_received == 2 * 3 * 64 // 4


def test_gloo_failure_to_start_is_never_success(monkeypatch: pytest.MonkeyPatch) -> None:
    """A child that cannot start makes the run fail (and leaves no process behind)."""
    monkeypatch.setattr(gloo, "_MODULE", "optiproof.no_such_module_for_test")
    started: list = []
    real_popen = gloo.subprocess.Popen

    def tracking_popen(*args, **kwargs):
        proc = real_popen(*args, **kwargs)
        started.append(proc)
        return proc

    monkeypatch.setattr(gloo.subprocess, "Popen", tracking_popen)
    with pytest.raises(GlooRunError) as err:
        run_gloo([GlooJob("ring-allreduce", 2, 4)], timeout_s=60)
    assert err.value.stage == "start"
    assert started and all(p.poll() is not None for p in started)


def test_gloo_witness_reports_start_failure_as_not_passed(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.setattr(gloo, "_MODULE", "optiproof.no_such_module_for_test")
    part = solve_part(part_of(n=2, p=4, schemes=["ring-allreduce"]),
                      SolveOptions(engine="gloo"))
    check = next(c for c in part.checks if c.method == "torch.distributed (gloo) run")
    assert check.status == "inconclusive" and "could not start" in check.detail


def test_gloo_timeout_kills_children(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run over its deadline raises and every child is killed and reaped."""
    started: list = []
    real_popen = gloo.subprocess.Popen

    def tracking_popen(*args, **kwargs):
        proc = real_popen(*args, **kwargs)
        started.append(proc)
        return proc

    monkeypatch.setattr(gloo.subprocess, "Popen", tracking_popen)
    with pytest.raises(GlooRunError):
        run_gloo([GlooJob("ring-allreduce", 2, 4)], timeout_s=0.5)
    assert started and all(p.poll() is not None for p in started)
