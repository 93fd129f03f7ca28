"""The witness worker pool: results, exceptions and progress come back; a job past its time
limit or a worker that dies fails only that job, and the replaced worker runs the next one."""

from __future__ import annotations

import math
import operator
import os
import time

import pytest

from optiproof.core.options import SolveOptions
from optiproof.families.problem import make_problem
from optiproof import pipeline
from optiproof.pipeline import solve_part, solve_problem
from optiproof.runtime.pool import JobOutOfMemory, JobTimeout, WorkerDied, WorkerPool, report

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def pool():
    pool = WorkerPool(1)
    yield pool
    pool.close()


def test_result_exception_and_progress_come_back(pool):
    assert pool.submit(math.factorial, 10).result() == 3628800
    with pytest.raises(ZeroDivisionError):
        pool.submit(operator.truediv, 1, 0).result()
    lines: list[str] = []
    assert pool.submit(report, "half way", progress=lines.append).result() is None
    assert lines == ["half way"]


def test_a_job_past_its_limit_times_out_and_the_next_job_runs(pool):
    with pytest.raises(JobTimeout):
        pool.submit(time.sleep, 30, timeout_s=0.5).result()
    assert pool.submit(math.factorial, 5).result() == 120


def test_a_dying_worker_fails_its_job_only(pool):
    with pytest.raises(WorkerDied):
        pool.submit(os._exit, 3).result()
    assert pool.submit(math.factorial, 4).result() == 24


def test_pooled_witnesses_equal_those_run_in_process(monkeypatch):
    problem = make_problem({"family": "adam-mechanics", "asks": ["step-bound", "first-step"],
                            "beta1": 0.9, "beta2": 0.999})
    local = solve_part(problem.parts[0], SolveOptions()).checks

    def not_here(*args):
        raise AssertionError("a torch family's witnesses ran in the main process")

    monkeypatch.setattr(pipeline, "witness_part", not_here)
    pooled = solve_problem(problem).parts[0].checks
    assert [(c.method, c.status, c.max_error) for c in pooled] == \
        [(c.method, c.status, c.max_error) for c in local]


def test_a_job_out_of_memory_fails_alone_and_its_worker_is_replaced(pool):
    before = pool.submit(os.getpid).result()
    with pytest.raises(JobOutOfMemory):
        pool.submit(bytearray, 1 << 50).result()
    after = pool.submit(os.getpid).result()
    assert after != before


def solve_here(spec: dict) -> list[str]:
    """In a worker: solve a torch family's problem; the methods of its checks."""
    return [c.method for c in solve_problem(make_problem(spec)).parts[0].checks]


def test_a_solve_inside_a_worker_runs_its_witnesses_there(pool):
    spec = {"family": "adam-mechanics", "asks": ["first-step"], "beta1": 0.9, "beta2": 0.999}
    methods = pool.submit(solve_here, spec, timeout_s=240).result()
    assert methods and all(isinstance(m, str) for m in methods)
