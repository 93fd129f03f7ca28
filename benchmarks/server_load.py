"""A real ``optiproof serve`` on loopback, and a bounded load against it: a fixed number of
read/solve/check requests of the bundled problems from concurrent clients, with latencies,
status codes, the cache hit rate and the server's memory. Used by ``bench_server.py`` and by
the load test; it sends nothing anywhere but 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "src" / "optiproof" / "problems" / "texts"
CORPUS = ROOT / "tests" / "checking" / "corpus"
ANSWERS = {"distributed-training": "wrong-ring-size.md",
           "optimizer-convergence": "wrong-chat-transcript.md",
           "penalized-linear-improvement": "correct-plain.txt"}
"""The problem texts the check requests use, each with an answer from the checker's corpus."""
START_LIMIT_S = 180.0
"""Longest wait for a started server to answer its health check."""
SLOW_PART = {"family": "communication", "n": 4096, "p": 4194304,
             "schemes": ["ring-allreduce", "tree-allreduce", "recursive-doubling",
                         "rabenseifner"], "quantities": ["messages", "busiest-sent", "rounds"]}
SLOW_SPEC = {"title": "Large rings", "parts": [{"label": label, **SLOW_PART}
                                               for label in "abcdefghijklmnopqrstuvwx"]}
"""A problem whose witnesses simulate 4096 workers 24 times: minutes of one core, so it always
runs past the time limit."""


def free_port() -> int:
    """A port of 127.0.0.1 nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process in MB (Linux's /proc; None elsewhere)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux's /proc; empty elsewhere)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


@dataclass
class Server:
    """A running server: its address, process and log file."""

    base: str
    process: subprocess.Popen
    log: Path

    def health(self) -> dict:
        return httpx.get(f"{self.base}/api/health", timeout=10).json()

    def rss_mb(self) -> float | None:
        return rss_mb(self.process.pid)

    def worker_pids(self) -> list[int]:
        """The pool's worker processes."""
        return [pid for pid in children(self.process.pid) if _is_worker(pid)]

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def _is_worker(pid: int) -> bool:
    try:
        return b"optiproof.runtime.pool" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


@contextmanager
def running_server(workdir: Path, *options: str, cache: Path | None = None
                   ) -> Iterator[Server]:
    """``optiproof serve`` on a free loopback port with ``options``, until the block ends;
    the cache at ``cache`` (default: a file in ``workdir``)."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = workdir / f"server-{port}.log"
    cache_file = cache or workdir / "cache.sqlite3"
    command = [sys.executable, "-m", "optiproof", "serve", "--port", str(port), "--cache",
               str(cache_file), *options]
    env = {**os.environ, "XDG_CACHE_HOME": str(workdir / "xdg-cache")}
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=env)
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_until_up(server)
        yield server
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + START_LIMIT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server exited ({server.process.returncode}):\n"
                               f"{server.output()}")
        try:
            if httpx.get(f"{server.base}/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {START_LIMIT_S:g} s:\n"
                       f"{server.output()}")


def bundled_texts() -> dict[str, str]:
    """The bundled problem texts by name."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(TEXTS.glob("*.txt"))}


def request_mix(count: int) -> list[tuple[str, dict]]:
    """``count`` requests cycling read, solve, check over the bundled problems."""
    texts = bundled_texts()
    checks = [(texts[name], (CORPUS / name / answer).read_text(encoding="utf-8"))
              for name, answer in ANSWERS.items()]
    names = list(texts)
    out = []
    for i in range(count):
        kind = ("read", "solve", "check")[i % 3]
        if kind == "check":
            problem, answer = checks[(i // 3) % len(checks)]
            out.append((kind, {"problem": problem, "answers": [{"name": "answer.md",
                                                                 "text": answer}]}))
        else:
            out.append((kind, {"problem": texts[names[(i // 3) % len(names)]]}))
    return out


@dataclass
class Result:
    kind: str
    status: int
    seconds: float
    started: float
    message: str = ""


@dataclass
class LoadReport:
    """What one load run measured."""

    results: list[Result]
    wall_s: float
    cache_hits: int
    cache_misses: int
    rss_before_mb: float | None
    rss_after_mb: float | None
    workers_rss_mb: float | None
    slow: Result | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def throughput(self) -> float:
        return len(self.results) / self.wall_s

    def percentile(self, q: float, kind: str | None = None) -> float:
        times = sorted(r.seconds for r in self.results if kind in (None, r.kind))
        if not times:
            return float("nan")
        return times[min(len(times) - 1, round(q * (len(times) - 1)))]

    @property
    def hit_rate(self) -> float:
        total = self.cache_hits + self.cache_misses
        return self.cache_hits / total if total else 0.0

    def server_errors(self) -> list[Result]:
        return [r for r in self.results if r.status >= 500]

    def during_slow(self) -> list[Result]:
        """The requests that started while the slow request ran."""
        if self.slow is None:
            return []
        end = self.slow.started + self.slow.seconds
        return [r for r in self.results if self.slow.started <= r.started < end]

    def lines(self) -> list[str]:
        aside = " (the slow one aside)" if self.slow is not None else ""
        out = [f"requests: {len(self.results)} in {self.wall_s:.1f} s{aside}, throughput "
               f"{self.throughput:.1f} requests/s",
               f"latency: p50 {self.percentile(0.5):.3f} s, p95 {self.percentile(0.95):.3f} s"]
        for kind in ("read", "solve", "check"):
            out.append(f"  {kind:5}: p50 {self.percentile(0.5, kind):.3f} s, p95 "
                       f"{self.percentile(0.95, kind):.3f} s")
        out.append(f"cache: {self.cache_hits} hits, {self.cache_misses} misses, hit rate "
                   f"{self.hit_rate:.0%}")
        codes: dict[int, int] = {}
        for r in self.results:
            codes[r.status] = codes.get(r.status, 0) + 1
        out.append("status codes: " + ", ".join(f"{c}: {n}" for c, n in sorted(codes.items())))
        if self.rss_before_mb is not None and self.rss_after_mb is not None:
            out.append(f"server RSS: {self.rss_before_mb:.0f} MB before, "
                       f"{self.rss_after_mb:.0f} MB after (its workers: "
                       f"{self.workers_rss_mb or 0:.0f} MB together)")
        if self.slow is not None:
            during = self.during_slow()
            median = statistics.median(r.seconds for r in during) if during else float("nan")
            out.append(f"slow request: HTTP {self.slow.status} after {self.slow.seconds:.1f} s; "
                       f"{len(during)} other requests started meanwhile, median "
                       f"{median:.3f} s, longest "
                       f"{max((r.seconds for r in during), default=float('nan')):.3f} s")
        return out + self.notes


async def _send(client: httpx.AsyncClient, kind: str, body: dict, origin: float) -> Result:
    start = time.perf_counter()
    try:
        response = await client.post(f"/api/{kind}", json=body)
        status, message = response.status_code, ""
        if status >= 400:
            message = response.json().get("message", "")
    except httpx.HTTPError as err:
        status, message = 599, f"{type(err).__name__}: {err}"
    return Result(kind, status, time.perf_counter() - start, start - origin, message)


async def _load(base: str, mix: list[tuple[str, dict]], clients: int, slow: dict | None
                ) -> tuple[list[Result], float, Result | None]:
    queue: asyncio.Queue[tuple[str, dict]] = asyncio.Queue()
    for item in mix:
        queue.put_nowait(item)
    results: list[Result] = []
    limits = httpx.Limits(max_connections=clients + 1)
    async with httpx.AsyncClient(base_url=base, timeout=600, limits=limits) as client:
        origin = time.perf_counter()

        async def one_client() -> None:
            while not queue.empty():
                kind, body = queue.get_nowait()
                results.append(await _send(client, kind, body, origin))

        slow_task = asyncio.create_task(_send(client, "solve", slow, origin)) if slow else None
        if slow_task is not None:
            await asyncio.sleep(0.5)
        await asyncio.gather(*(one_client() for _ in range(clients)))
        wall = time.perf_counter() - origin
        slow_result = await slow_task if slow_task is not None else None
    return results, wall, slow_result


def run_load(server: Server, count: int = 200, clients: int = 20, slow: bool = False
             ) -> LoadReport:
    """``count`` requests from ``clients`` concurrent clients (and, with ``slow``, one slow
    solve sent first); the report."""
    before = server.health()["counts"]
    rss_before = server.rss_mb()
    results, wall, slow_result = asyncio.run(_load(
        server.base, request_mix(count), clients, {"spec": SLOW_SPEC} if slow else None))
    after = server.health()["counts"]
    return LoadReport(results, wall,
                      after.get("cache hits", 0) - before.get("cache hits", 0),
                      after.get("cache misses", 0) - before.get("cache misses", 0),
                      rss_before, server.rss_mb(),
                      sum(rss_mb(pid) or 0 for pid in server.worker_pids()), slow_result)
