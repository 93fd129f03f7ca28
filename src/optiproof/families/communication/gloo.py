"""Real runs of the message schedules on torch.distributed (gloo backend, loopback).

``run_gloo(jobs)`` starts one OS process per node on 127.0.0.1. Rank 0 opens the rendezvous
store on a socket it binds to 127.0.0.1 itself, on a free port chosen by the kernel (port 0),
and reports the port, so no port is ever guessed and nothing listens beyond loopback; the other
ranks then join. Every rank executes the schedule's point-to-point messages with
``dist.isend``/``dist.irecv`` (a round's sends all read the buffer as it was at the round's
start, exactly as in the simulator), counts the messages and elements it sends and receives, and
compares its final average with ``dist.all_reduce`` of the same gradients.

Fail-closed: a run that does not start, crashes or exceeds its deadline raises
:class:`GlooRunError` (the witness reports it; it never passes), and every child process is
killed and reaped in all cases.

Contained: the children run isolated (``python -I``: no environment variables, user site or
working folder on the import path; the package is imported from its own folder), in one process
group that the parent kills on every exit, and each child polls its parent and ends itself if
the parent is gone (even after SIGKILL). A run's memory is estimated from its schedule before
anything starts (:func:`run_memory_mb`) and refused past RUN_MEMORY_BUDGET_MB.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from optiproof.catalogue import schemes as S

MAX_PROCESSES = 20
"""Most processes one run may start (16 workers plus servers)."""
MAX_WORKERS = 16
MAX_ELEMENTS_PER_RANK = 10**7 + 10**6
"""Largest gradient (elements) a real run moves per process."""
EVENT = "@@optiproof "
RUN_MEMORY_BUDGET_MB = 1024
"""Most memory one input may take (the per-input budget of every command): the command, its
witness worker and every rank of the real run together."""
PROCESS_BASELINE_MB = 160
"""Memory of one rank before its tensors (the interpreter, torch, gloo): about 167 MB of
proportional set size measured per rank."""
COMMAND_BASELINE_MB = 120
"""Memory of the command and its witness worker beside the ranks (about 90 MB measured)."""
PARENT_POLL_S = 0.5

_MODULE = "optiproof.families.communication.gloo"
_CHILD_CODE = ("import sys, importlib; root = sys.argv[1]\n"
               "if root not in sys.path: sys.path.insert(0, root)\n"
               "sys.exit(importlib.import_module(sys.argv[2])._child_main(sys.argv[2:]))")
"""What ``python -I -c`` runs in a child: the package from its own folder, then one rank."""


class GlooRunError(RuntimeError):
    """A real run that did not complete: ``stage`` is start, crash or timeout."""

    def __init__(self, stage: str, message: str):
        self.stage = stage
        super().__init__(f"gloo run failed ({stage}): {message}")


@dataclass(frozen=True)
class GlooJob:
    """One scheme to run: n workers, p elements per gradient, servers for sharded PS."""

    scheme: str
    n: int
    p: int
    servers: int = 1
    repeats: int = 1

    @property
    def nodes(self) -> int:
        if self.scheme == S.PARAMETER_SERVER.key:
            return self.n + 1
        if self.scheme == S.SHARDED_PS.key:
            return self.n + self.servers
        return self.n


@dataclass
class GlooJobResult:
    """What the real processes did: counts summed over ranks, error vs all_reduce, timings."""

    job: GlooJob
    messages: int = 0
    elements: int = 0
    size_min: int | None = None
    size_max: int = 0
    sent: list[int] = field(default_factory=list)
    received: list[int] = field(default_factory=list)
    rounds: int = 0
    max_abs_error: float = 0.0
    scale: float = 0.0
    seconds: float = 0.0
    allreduce_seconds: float = 0.0

    @property
    def busiest_sent(self) -> int:
        return max(self.sent) if self.sent else 0

    @property
    def busiest_received(self) -> int:
        return max(self.received) if self.received else 0


# --------------------------------------------------------------------------- parent side


def _emit(payload: dict) -> None:
    sys.stdout.write(EVENT + json.dumps(payload) + "\n")
    sys.stdout.flush()


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "GLOO_SOCKET_IFNAME": "lo",
                "TORCH_CPP_LOG_LEVEL": "ERROR"})
    return env


def _child_command(cfg: str) -> list[str]:
    """The isolated interpreter command of one rank (unbuffered, -I, package path explicit)."""
    root = str(Path(__file__).resolve().parents[3])
    return [sys.executable, "-I", "-u", "-c", _CHILD_CODE, root, _MODULE, cfg]


def run_memory_mb(jobs: list[GlooJob]) -> int:
    """Estimated memory of a run (MB): the command's own, and per rank its baseline plus
    float32 tensors - the gradient, the working buffer, the all_reduce reference, and the
    largest round of incoming chunks - summed over the ranks of the largest job."""
    from optiproof.families.communication.schedules import build_schedule

    worst = 0
    for job in jobs:
        incoming = [0] * job.nodes
        for rnd in build_schedule(job.scheme, job.n, job.p, job.servers).rounds:
            per_rank = [0] * job.nodes
            for d, a, b in zip(rnd.dst, rnd.start, rnd.stop):
                per_rank[int(d)] += int(b) - int(a)
            incoming = [max(x, y) for x, y in zip(incoming, per_rank)]
        tensors = sum(4 * (3 * job.p + inc) for inc in incoming)
        worst = max(worst, job.nodes * PROCESS_BASELINE_MB + tensors // 2 ** 20)
    return COMMAND_BASELINE_MB + worst


def largest_n(jobs: list[GlooJob]) -> int:
    """The largest number of workers (at most the jobs' own n) whose run of the same schemes
    and p fits RUN_MEMORY_BUDGET_MB; 1 when none does."""
    from dataclasses import replace

    for n in range(max(job.n for job in jobs), 1, -1):
        try:
            if run_memory_mb([replace(job, n=n) for job in jobs]) <= RUN_MEMORY_BUDGET_MB:
                return n
        except ValueError:  # p does not split over this n
            continue
    return 1


def _reader(rank: int, stream: Any, out: "queue.Queue[tuple[int, Any]]") -> None:
    try:
        for line in stream:
            if line.startswith(EVENT):
                try:
                    out.put((rank, json.loads(line[len(EVENT):])))
                except json.JSONDecodeError:
                    pass
    except (OSError, ValueError):
        pass
    out.put((rank, None))


def _stderr_tail(files: list[Any], limit: int = 600) -> str:
    tails = []
    for rank, f in enumerate(files):
        try:
            f.seek(0)
            text = f.read().decode("utf-8", "replace").strip()
        except (OSError, ValueError):
            continue
        if text:
            lines = [ln for ln in text.splitlines() if ln.strip()]
            tails.append(f"rank {rank}: " + " | ".join(lines[-3:]))
    return ("; ".join(tails))[-limit:] or "no error output"


def validate_jobs(jobs: list[GlooJob]) -> int:
    """The world size of a run; raises ValueError for jobs beyond the real-process limits."""
    if not jobs:
        raise ValueError("no jobs to run")
    for job in jobs:
        if job.n > MAX_WORKERS:
            raise ValueError(f"n = {job.n} workers exceeds the real-process limit of "
                             f"{MAX_WORKERS}")
        if job.p > MAX_ELEMENTS_PER_RANK:
            raise ValueError(f"p = {job.p} elements exceeds the real-process limit of "
                             f"{MAX_ELEMENTS_PER_RANK} per process")
    world = max(job.nodes for job in jobs)
    if world > MAX_PROCESSES:
        raise ValueError(f"{world} processes exceed the limit of {MAX_PROCESSES}")
    need = run_memory_mb(jobs)
    if need > RUN_MEMORY_BUDGET_MB:
        raise ValueError(f"the run would need about {need:,} MB of memory, over the budget of "
                         f"{RUN_MEMORY_BUDGET_MB:,} MB")
    return world


def run_gloo(jobs: list[GlooJob], *, seed: int = 0, timeout_s: float = 120.0,
             progress: Callable[[str], None] = lambda message: None) -> list[GlooJobResult]:
    """Run every job in one gloo process group; raise GlooRunError unless all ranks finish."""
    world = validate_jobs(jobs)
    deadline = time.monotonic() + timeout_s
    collective_timeout = max(10.0, min(timeout_s, 300.0))
    base = {"world": world, "seed": seed, "timeout_s": collective_timeout,
            "parent": os.getpid(), "jobs": [job.__dict__ for job in jobs]}
    events: queue.Queue[tuple[int, Any]] = queue.Queue()
    procs: list[subprocess.Popen] = []
    errs: list[Any] = []
    env = _child_env()

    def start(rank: int, port: int | None) -> None:
        err = tempfile.TemporaryFile()
        errs.append(err)
        cfg = json.dumps({**base, "rank": rank, "port": port})
        proc = subprocess.Popen(_child_command(cfg), stdout=subprocess.PIPE, stderr=err,
                                stdin=subprocess.DEVNULL, env=env, text=True,
                                process_group=procs[0].pid if procs else 0)
        procs.append(proc)
        threading.Thread(target=_reader, args=(rank, proc.stdout, events), daemon=True).start()

    def next_event(stage: str) -> tuple[int, Any]:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise GlooRunError(stage, f"no progress within {timeout_s:.0f} s; "
                                          + _stderr_tail(errs))
            try:
                rank, event = events.get(timeout=min(remaining, 0.5))
            except queue.Empty:
                for r, proc in enumerate(procs):
                    code = proc.poll()
                    if code not in (None, 0):
                        raise GlooRunError("start" if stage == "start" else "crash",
                                           f"rank {r} exited with code {code}; "
                                           + _stderr_tail(errs))
                continue
            if event is None:
                code = procs[rank].wait(timeout=max(1.0, deadline - time.monotonic()))
                if code != 0:
                    raise GlooRunError("start" if stage == "start" else "crash",
                                       f"rank {rank} exited with code {code}; "
                                       + _stderr_tail(errs))
                continue
            if event.get("event") == "error":
                raise GlooRunError("start" if stage == "start" else "crash",
                                   f"rank {rank}: {event.get('message', '')[:300]}")
            return rank, event

    results = [GlooJobResult(job, sent=[0] * world, received=[0] * world) for job in jobs]
    try:
        progress(f"gloo: starting rank 0 of {world} processes on 127.0.0.1")
        start(0, None)
        port = None
        while port is None:
            rank, event = next_event("start")
            if event.get("event") == "port":
                port = int(event["port"])
        progress(f"gloo: rendezvous on 127.0.0.1:{port}; starting ranks 1..{world - 1}")
        for rank in range(1, world):
            start(rank, port)
        ready: set[int] = set()
        while len(ready) < world:
            rank, event = next_event("start")
            if event.get("event") == "ready":
                ready.add(rank)
        progress(f"gloo: process group ready ({world} processes)")
        pending = {i: set(range(world)) for i in range(len(jobs))}
        done: set[int] = set()
        while len(done) < world:
            rank, event = next_event("timeout")
            kind = event.get("event")
            if kind == "job":
                i = int(event["job"])
                _merge(results[i], rank, event)
                pending[i].discard(rank)
                if not pending[i]:
                    r = results[i]
                    progress(f"gloo: {r.job.scheme} n={r.job.n} p={r.job.p}: {r.messages} "
                             f"messages, max |error| vs all_reduce {r.max_abs_error:.2e}")
            elif kind == "done":
                done.add(rank)
        for proc in procs:
            proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        return results
    except subprocess.TimeoutExpired:
        raise GlooRunError("timeout", "processes did not exit in time") from None
    finally:
        if procs:
            try:
                os.killpg(procs[0].pid, signal.SIGKILL)
            except OSError:
                pass
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            if proc.stdout is not None:
                proc.stdout.close()
        for err in errs:
            err.close()


def _merge(result: GlooJobResult, rank: int, event: dict) -> None:
    result.messages += int(event["sent_messages"])
    result.elements += int(event["sent_elements"])
    result.sent[rank] = int(event["sent_elements"])
    result.received[rank] = int(event["recv_elements"])
    if event["size_min"] is not None:
        result.size_min = (int(event["size_min"]) if result.size_min is None
                           else min(result.size_min, int(event["size_min"])))
    result.size_max = max(result.size_max, int(event["size_max"]))
    result.rounds = max(result.rounds, int(event["rounds"]))
    result.max_abs_error = max(result.max_abs_error, float(event["err"]))
    result.scale = max(result.scale, float(event["scale"]))
    result.seconds = max(result.seconds, float(event["seconds"]))
    result.allreduce_seconds = max(result.allreduce_seconds, float(event["allreduce_seconds"]))


# --------------------------------------------------------------------------- child side


def _run_child(cfg: dict) -> None:
    from datetime import timedelta

    import torch
    import torch.distributed as dist

    from optiproof.families.communication.schedules import build_schedule

    torch.set_num_threads(1)
    rank, world = int(cfg["rank"]), int(cfg["world"])
    timeout = timedelta(seconds=float(cfg["timeout_s"]))
    if rank == 0:
        listener = loopback_listener()
        store = dist.TCPStore("127.0.0.1", listener.getsockname()[1], world, True,
                              timeout=timeout, wait_for_workers=False,
                              master_listen_fd=listener.fileno())
        _emit({"event": "port", "port": store.port})
    else:
        store = dist.TCPStore("127.0.0.1", int(cfg["port"]), world, False, timeout=timeout)
    dist.init_process_group("gloo", store=store, rank=rank, world_size=world, timeout=timeout)
    _emit({"event": "ready"})
    for index, spec in enumerate(cfg["jobs"]):
        job = GlooJob(**spec)
        schedule = build_schedule(job.scheme, job.n, job.p, job.servers)
        plan = []
        for rnd in schedule.rounds:
            outs = [(int(d), int(a), int(b)) for s, d, a, b in
                    zip(rnd.src, rnd.dst, rnd.start, rnd.stop) if s == rank]
            ins = [(int(s), int(a), int(b)) for s, d, a, b in
                   zip(rnd.src, rnd.dst, rnd.start, rnd.stop) if d == rank]
            plan.append((rnd.op, outs, ins))
        gen = torch.Generator().manual_seed(int(cfg["seed"]) * 7919 + rank)
        data = (torch.randn(job.p, generator=gen) if rank < job.n
                else torch.zeros(job.p))
        times = []
        for _ in range(max(1, int(job.repeats))):
            buf = data.clone()
            sent_m = sent_e = recv_m = recv_e = 0
            size_min, size_max = None, 0
            dist.barrier()
            t0 = time.perf_counter()
            for tag, (op, outs, ins) in enumerate(plan):
                requests = []
                incoming = []
                for dst, a, b in outs:
                    requests.append(dist.isend(buf[a:b], dst, tag=tag))
                    sent_m += 1
                    sent_e += b - a
                    size_min = b - a if size_min is None else min(size_min, b - a)
                    size_max = max(size_max, b - a)
                for src, a, b in ins:
                    tmp = torch.empty(b - a)
                    incoming.append((a, b, tmp))
                    requests.append(dist.irecv(tmp, src, tag=tag))
                    recv_m += 1
                    recv_e += b - a
                for req in requests:
                    req.wait()
                for a, b, tmp in incoming:
                    if op == "add":
                        buf[a:b] += tmp
                    else:
                        buf[a:b] = tmp
            times.append(time.perf_counter() - t0)
        reference = data.clone()
        dist.barrier()
        t0 = time.perf_counter()
        dist.all_reduce(reference, op=dist.ReduceOp.SUM)
        allreduce_seconds = time.perf_counter() - t0
        if rank < job.n:
            err = float((buf / job.n - reference / job.n).abs().max()) if job.p else 0.0
            scale = float((reference / job.n).abs().max()) if job.p else 0.0
        else:
            err = scale = 0.0
        times.sort()
        _emit({"event": "job", "job": index, "sent_messages": sent_m, "sent_elements": sent_e,
               "recv_messages": recv_m, "recv_elements": recv_e, "size_min": size_min,
               "size_max": size_max, "rounds": len(plan), "err": err, "scale": scale,
               "seconds": times[len(times) // 2], "allreduce_seconds": allreduce_seconds})
    dist.barrier()
    dist.destroy_process_group()
    _emit({"event": "done"})


def loopback_listener() -> socket.socket:
    """A TCP socket listening on 127.0.0.1 only, on a port the kernel picks."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(MAX_PROCESSES * 4)
    return listener


def _exit_with_parent(parent: int) -> None:
    """End this process as soon as its parent is gone: at once where the kernel can tell it
    (Linux), else by polling for the re-parenting."""
    from optiproof.core.resources import die_with_parent

    die_with_parent()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_S)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _child_main(argv: list[str]) -> int:
    try:
        cfg = json.loads(argv[1])
        _exit_with_parent(int(cfg["parent"]))
        _run_child(cfg)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which fails the run
        _emit({"event": "error", "message": f"{type(exc).__name__}: {exc}"})
        return 1
    return 0
