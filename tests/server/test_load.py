"""Load on the real server (loopback only, a fixed number of requests): 200 read/solve/check
requests from 20 concurrent clients get no 5xx, the repeated solves come from the cache and the
server's memory stays bounded; one slow request past the time limit gets its 504 while the
others keep being served by the rest of the pool. The figures are written to
``test-artifacts/server/load.txt`` (``benchmarks/bench_server.py`` prints the same)."""

from __future__ import annotations

from pathlib import Path

import pytest

from server_load import LoadReport, run_load

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "server"
RSS_GROWTH_MB = 200
"""How much the server process (not its workers) may grow over a load run."""


def _keep(report: LoadReport, title: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with (ARTIFACTS / "load.txt").open("a", encoding="utf-8") as out:
        out.write(f"== {title}\n" + "\n".join(report.lines()) + "\n\n")


def _note(line: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with (ARTIFACTS / "load.txt").open("a", encoding="utf-8") as out:
        out.write(line + "\n\n")


def _others_throughput(report: LoadReport) -> float:
    start = min(r.started for r in report.results)
    end = max(r.started + r.seconds for r in report.results)
    return len(report.results) / (end - start)


def test_200_requests_from_20_clients(server):
    report = run_load(server, count=200, clients=20)
    _keep(report, "200 requests, 20 clients")
    assert len(report.results) == 200
    assert not report.server_errors(), [(r.kind, r.status, r.message)
                                        for r in report.server_errors()]
    assert all(r.status == 200 for r in report.results)
    assert report.cache_hits + report.cache_misses == sum(r.kind != "read"
                                                          for r in report.results)
    assert report.hit_rate >= 0.9
    assert report.rss_after_mb - report.rss_before_mb < RSS_GROWTH_MB


def test_a_slow_request_does_not_hold_up_the_rest_of_the_pool(server):
    time_limit = server.health()["time_limit_s"]
    baseline = run_load(server, count=60, clients=10)
    report = run_load(server, count=60, clients=10, slow=True)
    _keep(report, "60 requests, 10 clients, one slow request")
    assert report.slow is not None and report.slow.status == 504
    assert "time limit" in report.slow.message
    assert not report.server_errors()
    assert len(report.during_slow()) >= 30
    assert max(r.seconds for r in report.results) < time_limit
    # The throughput share is a speed figure, noisy on a small shared machine: it is written
    # to the artifact (benchmarks/bench_server.py prints the throughput of each run), not asserted.
    share = _others_throughput(report) / _others_throughput(baseline)
    _note(f"throughput of the others while one worker was busy: {share:.0%} of the baseline "
          "(the pool's share is 50%)")
