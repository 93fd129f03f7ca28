"""The server's jobs in a real pool worker: a solve there runs its witnesses in that worker, and
what the user can fix comes back as a 422 outcome."""

from __future__ import annotations

import pytest

from optiproof.runtime.pool import WorkerPool
from optiproof.server import jobs

pytestmark = pytest.mark.timeout(300)

LIMITS = jobs.JobLimits(memory_bytes=None, cache=None)


@pytest.fixture(scope="module")
def pool():
    pool = WorkerPool(1)
    yield pool
    pool.close()


def test_a_solve_in_a_worker_runs_its_torch_witnesses_there(pool):
    spec = {"title": "Adam", "parts": [{"family": "adam-mechanics", "asks": ["first-step"],
                                        "beta1": 0.9, "beta2": 0.999}]}
    outcome = pool.submit(jobs.run, "solve", {"spec": spec}, LIMITS, timeout_s=240).result()
    assert outcome.status == 200
    part = outcome.body["parts"][0]
    assert part["verified"] and any("torch" in c["method"] for c in part["checks"])


def test_a_bad_spec_is_a_422_outcome_naming_the_field(pool):
    spec = {"parts": [{"family": "adam-mechanics", "asks": ["first-step"], "beta1": "x y"}]}
    outcome = pool.submit(jobs.run, "solve", {"spec": spec}, LIMITS).result()
    assert outcome.status == 422 and "parts[0].beta1" in outcome.body["message"]
