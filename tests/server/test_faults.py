"""Faults of a real server: a worker killed mid-request fails that request with a 500 and a
message while the next request succeeds; a request past the memory limit gets a 504 and a new
worker, on which the next request succeeds; a corrupted cache file is rebuilt at start, and the
server says so."""

from __future__ import annotations

import os
import signal
import threading
import time

import httpx
import pytest

from server_load import CORPUS, SLOW_PART, running_server

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

STEP = ("Let g = [3, -1, 2] be the gradient and alpha = 0.5. Find "
        "u = argmin_d g^T d + (1/alpha) ||d||_inf^2. Which optimizer is this?")
SLOW = {"spec": {"title": "A large ring", "parts": [{"label": "a", **SLOW_PART}]}}


def _read(server) -> httpx.Response:
    return httpx.post(f"{server.base}/api/read", json={"problem": STEP}, timeout=300)


def test_a_worker_killed_mid_request_fails_that_request_and_the_next_succeeds(tmp_path):
    with running_server(tmp_path, "--workers", "1", "--time-limit", "300") as server:
        assert _read(server).status_code == 200
        (worker,) = server.worker_pids()
        answer: list[httpx.Response] = []
        slow = threading.Thread(target=lambda: answer.append(httpx.post(
            f"{server.base}/api/solve", json=SLOW, timeout=300)))
        slow.start()
        time.sleep(3)
        os.kill(worker, signal.SIGKILL)
        slow.join(timeout=120)
        assert answer and answer[0].status_code == 500
        body = answer[0].json()
        assert body["error"] == "worker died" and "ended unexpectedly" in body["message"]
        assert _read(server).status_code == 200
        assert server.worker_pids() != [worker]
        assert server.health()["counts"]["worker deaths"] == 1


def test_a_request_past_the_memory_limit_is_504_and_its_worker_replaced(tmp_path):
    """512 MB of address space is less than a worker with torch loaded has mapped already (about
    750 MB), so a request that needs more memory (a 300 kB answer to check) passes the limit:
    it gets its 504 and its worker is replaced at once; a small read, which needs no more than
    the worker holds, then succeeds on the new worker."""
    answer = (CORPUS / "penalized-linear-improvement" / "correct-plain.txt").read_text()
    large = {"bundled": "penalized-linear-improvement.txt",
             "answers": [{"text": (answer + "\n") * (300_000 // len(answer))}]}
    with running_server(tmp_path, "--workers", "1", "--memory-limit", "512") as server:
        (worker,) = server.worker_pids()
        response = httpx.post(f"{server.base}/api/check", json=large, timeout=300)
        assert response.status_code == 504, response.text
        body = response.json()
        assert body["error"] == "memory limit" and "512 MB memory limit" in body["message"]
        assert "Traceback" not in response.text
        replacements = server.worker_pids()
        assert len(replacements) == 1 and worker not in replacements
        small = _read(server)
        assert small.status_code == 200, small.text
        assert server.worker_pids() == replacements
        assert server.health()["counts"]["out of memory"] == 1


def test_a_corrupted_cache_file_is_rebuilt_and_said(tmp_path):
    cache = tmp_path / "results.sqlite3"
    cache.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    with running_server(tmp_path / "run", cache=cache) as server:
        assert "rebuilt it empty" in server.output()
        assert "rebuilt" in server.health()["cache"]["note"]
        first = httpx.post(f"{server.base}/api/solve", json={"problem": STEP}, timeout=300)
        again = httpx.post(f"{server.base}/api/solve", json={"problem": STEP}, timeout=300)
        assert first.status_code == again.status_code == 200
        assert "cached" not in first.json() and "cached" in again.json()
