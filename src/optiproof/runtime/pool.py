"""The witness worker pool: processes that import what the witnesses need (torch) while the
main process derives, then run jobs, each with an optional time limit.

A worker is a fresh interpreter (``python -P -m optiproof.runtime.pool``) talking pickles over a
socket pair: it inherits no threads or locks, so the pool is safe inside a threaded server, it
never re-runs the caller's main script (as multiprocessing's ``spawn`` would), and it inherits
the parent's resource limits. One driver thread per worker sends it jobs from a shared queue and
reads its messages: progress lines, then the result or the job's exception. A worker that dies,
passes a job's time limit or runs out of memory is killed and replaced, and that job's future
gets :class:`WorkerDied`, :class:`JobTimeout` or :class:`JobOutOfMemory`.
"""

from __future__ import annotations

import importlib
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

_CONNECTION: Any = None
"""In a worker: its end of the socket pair (progress goes through it); None elsewhere."""


class WorkerDied(RuntimeError):
    """The worker process ended while running the job (crash, out of memory, killed)."""


class JobTimeout(TimeoutError):
    """The job ran past its time limit; its worker was killed and replaced."""


class JobOutOfMemory(MemoryError):
    """The job ran out of memory (its worker's limit); the worker was replaced."""


def in_worker() -> bool:
    """True inside a pool worker (which runs what its job needs in place)."""
    return _CONNECTION is not None


def report(message: str) -> None:
    """A progress line from the job running in this worker to the caller's progress sink."""
    if _CONNECTION is not None:
        _CONNECTION.send(("progress", message))


def run_path(path: str) -> Any:
    """Call the function named ``module:function``."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)()


def _serve(connection: Any, warm_ups: list[str]) -> None:
    """A worker: run the warm-ups (a failing one only costs its time), then every job received
    until told to stop, answering each with its result or its exception. Interrupts are left
    to the parent, which ends its workers when it exits."""
    import signal

    global _CONNECTION
    _CONNECTION = connection
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for path in warm_ups:
        try:
            run_path(path)
        except Exception:  # noqa: BLE001, S110 - a job needing it will raise the real error
            pass
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        fn, args = job
        try:
            outcome = ("done", fn(*args))
        except MemoryError as exc:
            outcome = ("error", JobOutOfMemory(str(exc) or "out of memory"))
        except Exception as exc:  # noqa: BLE001 - handed back to the caller's future
            outcome = ("error", exc)
        try:
            connection.send(outcome)
        except OSError:  # the parent has gone (it exited or closed its end): nothing to answer
            return
        except Exception as exc:  # noqa: BLE001 - an unpicklable result or exception
            try:
                connection.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
            except OSError:
                return


@dataclass
class _Job:
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    timeout_s: float | None
    progress: Callable[[str], None]
    future: Future = field(default_factory=Future)


@dataclass
class _Worker:
    """A worker process and the parent's end of its socket pair."""

    process: Any
    connection: Any

    def stop(self) -> None:
        """Ask the worker to stop; kill it if it does not within a second."""
        import subprocess

        try:
            self.connection.send(None)
        except OSError:
            pass
        try:
            self.process.wait(1.0)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.connection.close()


class WorkerPool:
    """``size`` worker processes running ``warm_ups`` (``module:function`` paths) at start."""

    def __init__(self, size: int = 1, warm_ups: tuple[str, ...] = ()):
        self._warm_ups = warm_ups
        self._warmed = set(warm_ups)
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._workers: dict[int, _Worker] = {}
        self._closing = False
        self._drivers = [threading.Thread(target=self._drive, args=(i,), daemon=True,
                                          name=f"optiproof-worker-{i}") for i in range(size)]
        for driver in self._drivers:
            driver.start()

    def _start(self, slot: int) -> _Worker:
        """A new worker process in ``slot``."""
        import socket
        import subprocess
        import sys
        from multiprocessing.connection import Connection

        ours, theirs = socket.socketpair()
        with theirs:
            process = subprocess.Popen(
                [sys.executable, "-P", "-m", __name__, str(theirs.fileno()), *self._warm_ups],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL)
        worker = _Worker(process, Connection(ours.detach()))
        self._workers[slot] = worker
        return worker

    def submit(self, fn: Callable[..., Any], *args: Any, timeout_s: float | None = None,
               progress: Callable[[str], None] = lambda message: None) -> Future:
        """Run ``fn(*args)`` in a worker (``fn`` and ``args`` must pickle and be importable
        there); ``progress`` receives the job's ``report`` lines in a driver thread."""
        job = _Job(fn, args, timeout_s, progress)
        self._jobs.put(job)
        return job.future

    def warm(self, warm_ups: tuple[str, ...]) -> None:
        """Queue each warm-up not run yet, ahead of the jobs submitted after it."""
        for path in warm_ups:
            if path not in self._warmed:
                self._warmed.add(path)
                self.submit(run_path, path)

    def _drive(self, slot: int) -> None:
        """Feed jobs to the worker in ``slot``, replacing it when it dies or a job times out."""
        try:
            worker: _Worker | None = self._start(slot)
        except OSError:
            worker = None  # tried again with the first job, which gets the error if it fails
        while True:
            job = self._jobs.get()
            if job is None or self._closing:
                if worker is not None:
                    worker.stop()
                return
            if not job.future.set_running_or_notify_cancel():
                continue
            try:
                worker = worker or self._start(slot)
                worker.connection.send((job.fn, job.args))
                kind, value = self._await(job, worker)
            except (EOFError, OSError):
                code = None if worker is None else worker.process.poll()
                kind, value = "error", WorkerDied(f"the witness worker ended (exit code {code})")
            except Exception as exc:  # noqa: BLE001 - e.g. the job's arguments do not pickle
                kind, value = "error", exc
            replace = isinstance(value, (WorkerDied, JobTimeout, JobOutOfMemory))
            if replace and worker is not None:
                worker.stop()
                worker = self._replacement(slot)
            if kind == "done":
                job.future.set_result(value)
            else:
                job.future.set_exception(value)

    def _replacement(self, slot: int) -> _Worker | None:
        """A new worker for ``slot``, started now so that its warm-ups run before the next job
        (None when the pool is closing, or it cannot start: the next job tries again)."""
        if self._closing:
            return None
        try:
            return self._start(slot)
        except OSError:
            return None

    @staticmethod
    def _await(job: _Job, worker: _Worker) -> tuple[str, Any]:
        """The job's outcome, forwarding its progress; a timeout once its limit passes."""
        import time

        deadline = None if job.timeout_s is None else time.monotonic() + job.timeout_s
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not worker.connection.poll(left):
                return "error", JobTimeout(f"the job ran past its {job.timeout_s:g} s limit")
            kind, value = worker.connection.recv()
            if kind != "progress":
                return kind, value
            job.progress(value)

    def close(self) -> None:
        """Stop every worker once the queued jobs are done."""
        for _ in self._drivers:
            self._jobs.put(None)
        for driver in self._drivers:
            driver.join()

    def kill(self) -> None:
        """Stop now: end every worker, running or not (at exit, or after an interrupt)."""
        self._closing = True
        for worker in list(self._workers.values()):
            if worker.process.poll() is None:
                worker.process.kill()
            worker.process.wait()
        for _ in self._drivers:
            self._jobs.put(None)


_SHARED: list[WorkerPool] = []


def shared_pool() -> WorkerPool:
    """This process's pool of one worker, started on first use and reused by every later run
    (solve, demo, batch check); ended when the process exits."""
    if not _SHARED:
        import atexit

        _SHARED.append(WorkerPool(1))
        atexit.register(_SHARED[0].kill)
    return _SHARED[0]


if __name__ == "__main__":
    import sys
    from multiprocessing.connection import Connection

    from optiproof.core.errors import warnings_as_notes
    from optiproof.core.resources import die_with_parent
    from optiproof.runtime import pool  # the module jobs see (``report``), not this __main__

    die_with_parent()
    warnings_as_notes()
    pool._serve(Connection(int(sys.argv[1])), sys.argv[2:])
