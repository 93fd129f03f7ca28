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
from optiproof.runtime.pool import JobTimeout, WorkerDied, WorkerPool, report

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


def test_a_script_without_a_main_guard_runs_once(tmp_path):
    """Workers are fresh interpreters: they never re-run the caller's script (multiprocessing's
    spawn would, and there the script's own pool start fails and the run hangs)."""
    import subprocess
    import sys

    script = tmp_path / "script.py"
    script.write_text("import optiproof\n"
                      "sol = optiproof.solve({'family': 'adam-mechanics', 'asks': ['first-step']})\n"
                      "print('verified', sol.verified)\n")
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=280, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["verified", "True"]


def test_a_worker_whose_parent_has_gone_ends_quietly():
    """A parent that exits while its job runs (a refused input, an interrupt) leaves the worker
    nothing to answer: it ends without a traceback instead of writing one to the user's
    terminal."""
    import socket
    import subprocess
    import sys
    from multiprocessing.connection import Connection

    ours, theirs = socket.socketpair()
    with theirs:
        worker = subprocess.Popen([sys.executable, "-P", "-m", "optiproof.runtime.pool",
                                   str(theirs.fileno())], pass_fds=(theirs.fileno(),),
                                  stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    connection = Connection(ours.detach())
    connection.send((time.sleep, (1.0,)))
    connection.close()
    _, stderr = worker.communicate(timeout=60)
    assert worker.returncode == 0
    assert "Traceback" not in stderr, stderr
