"""Process-wide bounds of one command: wall time, CPU time and memory per input, so that an
input no specific check caught still ends as exit 2 "too large" instead of a hang or an
exhausted machine.

Two layers. The command runs in a child process (:func:`run_supervised`) that carries the
limits:

- ``RLIMIT_DATA`` caps its heap (an allocation past it fails with MemoryError; ``RLIMIT_AS`` is
  not used: importing torch alone maps about 1 GB of address space it never touches), and
  ``RLIMIT_CPU`` its CPU time per input;
- a watchdog thread (:func:`run_budget`) stops an input that passes its deadline or whose
  resident memory passes the budget, by raising :class:`OverBudget` in the main thread - a
  BaseException, like KeyboardInterrupt, so no ``except Exception`` in a solver or witness
  swallows it, and cleanup (killing gloo ranks) still runs.

A thread cannot interrupt one long C call that holds the interpreter lock (a huge integer power,
a regular expression backtracking). So the parent, which does nothing but watch, ends a child
still running a grace period after its deadline, or over its memory, and reports exit 2 itself.
The child dies with the parent. Each input of a long command (a problem of ``demo``, an answer
of a batch ``check``) gets the whole budget again through :meth:`Budget.next_item`, which the
child also tells the parent.

Embedded runs (tests, a Python caller) get only the watchdog and its main-thread signal: no
limits, no fork.
"""

from __future__ import annotations

import os
import resource
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

EXIT_TOO_LARGE = 2
_ITEM_PIPE: int | None = None
"""In a supervised child: the pipe on which each new input's name goes to the parent."""


@dataclass(frozen=True)
class RunBudget:
    """What one input may use: 28 s and a 2 s grace, so that with the interpreter's start the
    command ends within 30 s (wall seconds on a quiet machine; on a busy one they are counted
    at the CPU share the command gets, see :class:`ShareClock`)."""

    wall_s: float = 28.0
    cpu_s: float = 28.0
    memory_mb: int = 1024
    grace_s: float = 2.0
    """How long the child has to stop after its deadline before the parent ends it."""
    poll_s: float = 0.05


class OverBudget(BaseException):
    """An input used more time or memory than its budget (exit code 2)."""

    exit_code = EXIT_TOO_LARGE

    def __init__(self, what: str, budget: RunBudget, item: str = ""):
        self.what = what
        where = f" on {item}" if item else ""
        super().__init__(f"too large: the run{where} passed its {what} budget (at most "
                         f"{budget.wall_s + budget.grace_s:.0f} s and {budget.memory_mb} MB per "
                         "input); make the problem or answer smaller")


def resident_mb(pid: int | str = "self") -> float | None:
    """Resident memory of a process now (MB), from /proc; None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            pages = int(fh.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 2 ** 20


MIN_SHARE = 0.25
"""The smallest share of a CPU the wall clock assumes: however busy the machine, an input ends
within four times its wall budget."""


def cpu_share() -> float:
    """The share of a CPU a process gets now: 1 on a machine with a core to spare, else the
    number of CPUs over the 1-minute load average (at least :data:`MIN_SHARE`)."""
    try:
        load = os.getloadavg()[0]
    except OSError:
        return 1.0
    cpus = os.cpu_count() or 1
    return 1.0 if load <= cpus else max(MIN_SHARE, cpus / load)


class ShareClock:
    """Seconds of wall time counted at the CPU share the process gets (:func:`cpu_share`,
    sampled at each reading): on a quiet machine the wall clock itself; on a busy one slower,
    so that an input is not "too large" only because others held the CPUs. The CPU-time limit
    still bounds what the input computes."""

    def __init__(self) -> None:
        self.last = time.monotonic()
        self.elapsed = 0.0
        self.lock = threading.Lock()

    def now(self) -> float:
        with self.lock:
            t = time.monotonic()
            self.elapsed += (t - self.last) * cpu_share()
            self.last = t
            return self.elapsed


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Budget:
    """The running budget of one command, inside the process that runs it."""

    def __init__(self, limits: RunBudget, whole_process: bool):
        self.limits = limits
        self.in_main = threading.current_thread() is threading.main_thread()
        self.whole_process = whole_process and self.in_main
        self.item = ""
        self.clock = ShareClock()
        self.deadline = self.clock.now() + limits.wall_s
        self.cpu_deadline = _cpu_s() + limits.cpu_s
        self.reason: str | None = None
        self.raised = False
        self.done = threading.Event()
        self.watcher = threading.Thread(target=self._watch, name="optiproof-budget", daemon=True)
        self.saved_limits: dict[int, tuple[int, int]] = {}
        self.saved_handlers: dict[int, Any] = {}

    def next_item(self, name: str = "") -> None:
        """Give the next input (a problem, an answer file) the whole budget again."""
        self.item = name
        self.reason, self.raised = None, False
        self.deadline = self.clock.now() + self.limits.wall_s
        self.cpu_deadline = _cpu_s() + self.limits.cpu_s
        if self.whole_process:
            self._soft_limit(resource.RLIMIT_CPU, int(self.cpu_deadline) + 1)
        if _ITEM_PIPE is not None:
            try:
                os.write(_ITEM_PIPE, (" ".join(name.split())[:200] + "\n").encode())
            except OSError:
                pass

    def error(self) -> OverBudget:
        return OverBudget(self.reason or "time", self.limits, self.item)

    def start(self) -> None:
        if self.in_main:
            self.saved_handlers[signal.SIGUSR1] = signal.signal(signal.SIGUSR1, self._signalled)
        if self.whole_process:
            self.saved_handlers[signal.SIGXCPU] = signal.signal(signal.SIGXCPU, self._signalled)
            self._soft_limit(resource.RLIMIT_DATA, self.limits.memory_mb * 2 ** 20)
            self._soft_limit(resource.RLIMIT_CPU, int(self.cpu_deadline) + 1)
        self.watcher.start()

    def stop(self) -> None:
        """Stop watching, then put back the limits and handlers found at the start."""
        self.done.set()
        self.watcher.join()
        for which, limits in self.saved_limits.items():
            resource.setrlimit(which, limits)
        for signum, handler in self.saved_handlers.items():
            signal.signal(signum, handler)

    def _soft_limit(self, which: int, value: int) -> None:
        soft, hard = resource.getrlimit(which)
        self.saved_limits.setdefault(which, (soft, hard))
        if hard == resource.RLIM_INFINITY or value < hard:
            resource.setrlimit(which, (value, hard))

    def _signalled(self, signum: int, frame: Any) -> None:
        """In the main thread: raise OverBudget once (SIGXCPU, or SIGUSR1 from the watchdog)."""
        if signum == signal.SIGXCPU and self.reason is None:
            self.reason = "CPU time"
            self._soft_limit(resource.RLIMIT_CPU, int(_cpu_s() + self.limits.grace_s) + 2)
        if self.reason is None or self.raised or self.done.is_set():
            return
        self.raised = True
        raise self.error()

    def _over(self) -> str | None:
        if self.clock.now() > self.deadline:
            return "time"
        if (resident_mb() or 0.0) > self.limits.memory_mb:
            return "memory"
        if _cpu_s() > self.cpu_deadline + 1:
            return "CPU time"
        return None

    def _watch(self) -> None:
        while not self.done.wait(self.limits.poll_s):
            if self.reason is None:
                self.reason = self._over()
                if self.reason is not None and self.in_main:
                    signal.pthread_kill(threading.main_thread().ident, signal.SIGUSR1)


@contextmanager
def run_budget(limits: RunBudget | None = None, *, whole_process: bool = False
               ) -> Iterator[Budget]:
    """Bound the enclosed command by ``limits`` from inside its process (see the module
    docstring); ``whole_process`` also sets the rlimits."""
    budget = Budget(limits or RunBudget(), whole_process)
    budget.start()
    try:
        yield budget
    except MemoryError:
        budget.reason = budget.reason or "memory"
        raise budget.error() from None
    finally:
        budget.stop()


# -- the supervising parent -----------------------------------------------------------------------

def run_supervised(command: Callable[[], int], limits: RunBudget | None = None) -> int:
    """Run ``command`` in a forked child and return its exit code; end the child and return 2
    with a message when it outlives its deadline by the grace period or passes its memory."""
    limits = limits or RunBudget()
    if not hasattr(os, "fork"):
        return command()
    read_end, write_end = os.pipe()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _run_child(command, write_end)
    os.close(write_end)
    return _watch_child(pid, read_end, limits)


def _run_child(command: Callable[[], int], pipe: int) -> None:
    """In the forked child: die with the parent, run the command, exit with its code."""
    global _ITEM_PIPE
    _ITEM_PIPE = pipe
    die_with_parent()
    code = 1
    try:
        code = command()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        _run_exit_handlers()
        for stream in (sys.stdout, sys.stderr):
            try:
                if stream is not None:
                    stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)


def _run_exit_handlers() -> None:
    """The ``atexit`` handlers of the command (``os._exit`` skips them): they end what the
    command started, such as the witness worker, now rather than when it notices."""
    import atexit

    try:
        atexit._run_exitfuncs()
    except BaseException:  # noqa: BLE001, S110 - exiting anyway
        pass


def die_with_parent() -> None:
    """Ask the kernel to kill this process when the thread that started it ends (Linux; a
    no-op elsewhere)."""
    parent = os.getppid()
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os._exit(1)


def _watch_child(pid: int, items: int, limits: RunBudget) -> int:
    """In the parent: follow the child's inputs and end it past its deadline or memory. A
    SIGTERM is passed on to the child; Ctrl-C reaches the child from the terminal itself."""
    def forward(signum: int, frame: Any) -> None:
        try:
            os.kill(pid, signum)
        except OSError:
            pass

    previous = {signal.SIGTERM: signal.signal(signal.SIGTERM, forward),
                signal.SIGINT: signal.signal(signal.SIGINT, signal.SIG_IGN)}
    slack = limits.wall_s + limits.grace_s
    clock = ShareClock()
    deadline, item, reading = clock.now() + slack, "", True
    ended = _exit_handle(pid)
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return _child_exit(status, limits, item)
            if not reading:
                _wait_for_exit(ended, 0.1)
            elif select.select([items], [], [], 0.1)[0]:
                data = os.read(items, 4096)
                if not data:
                    reading = False
                else:
                    item = data.decode("utf-8", "replace").strip().split("\n")[-1]
                    deadline = clock.now() + slack
            over = "time" if clock.now() > deadline else (
                "memory" if (resident_mb(pid) or 0.0) > limits.memory_mb * 1.25 else None)
            if over:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return _report(OverBudget(over, limits, item))
    finally:
        os.close(items)
        if ended is not None:
            os.close(ended)
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _exit_handle(pid: int) -> int | None:
    """A descriptor that becomes readable when process ``pid`` ends (Linux's pidfd), or None
    where there is none."""
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):
        return None


def _wait_for_exit(handle: int | None, timeout_s: float) -> None:
    """Wait until the process of ``handle`` ends, at most ``timeout_s``: the child's exit is
    noticed at once, not at the next tick of a sleep."""
    if handle is None:
        time.sleep(timeout_s)
    else:
        select.select([handle], [], [], timeout_s)


def _child_exit(status: int, limits: RunBudget, item: str) -> int:
    """The command's exit code; a child killed by SIGKILL (the kernel's memory or CPU limit)
    is reported as too large, another signal as an internal error."""
    if os.WIFEXITED(status):
        return os.WEXITSTATUS(status)
    signum = os.WTERMSIG(status)
    if signum == signal.SIGKILL:
        return _report(OverBudget("memory or CPU time", limits, item))
    if signum in (signal.SIGINT, signal.SIGTERM):
        return 130
    os.write(2, f"internal error: the command ended by signal {signum}\n".encode())
    return 1


def _report(err: OverBudget) -> int:
    os.write(2, f"error: bad input: {err}\n".encode("utf-8", "replace"))
    return err.exit_code
