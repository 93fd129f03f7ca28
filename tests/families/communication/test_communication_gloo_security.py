"""The gloo engine is contained: its store listens on loopback only, its children import
nothing from the working folder or the environment and die with their parent, and a run's
memory is bounded before anything starts."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest
from security_cases import kill_tagged, tagged_processes

HANG_GUARD_S = 120


def _listeners(port: int) -> list[str]:
    """Local addresses (hex, as in /proc/net/tcp*) of the sockets listening on ``port``."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, state = fields[1], fields[3]
            if state == "0A" and int(address.rsplit(":", 1)[1], 16) == port:
                found.append(address.rsplit(":", 1)[0])
    return found


@pytest.mark.slow
@pytest.mark.timeout(HANG_GUARD_S)
@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc/net/tcp")
def test_gloo_store_listens_on_loopback_only() -> None:
    from optiproof.families.communication.gloo import GlooJob, run_gloo

    seen: list[list[str]] = []

    def progress(message: str) -> None:
        if "rendezvous on 127.0.0.1:" in message:
            port = int(message.split("127.0.0.1:")[1].split(";")[0])
            seen.append(_listeners(port))

    run_gloo([GlooJob("ring-allreduce", 2, 8)], timeout_s=120, progress=progress)
    assert seen and seen[0], "the store's listening socket was not found"
    assert set(seen[0]) == {"0100007F"}, f"listening beyond 127.0.0.1: {seen[0]}"


PARENT = textwrap.dedent("""
    import sys
    from optiproof.families.communication.gloo import GlooJob, run_gloo

    def progress(message):
        if "process group ready" in message:
            print("READY", flush=True)

    run_gloo([GlooJob("ring-allreduce", 2, 1000, repeats=10**7)], timeout_s=600,
             progress=progress)
""")


@pytest.mark.slow
@pytest.mark.timeout(HANG_GUARD_S)
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_gloo_children_die_with_their_parent(signum: int, tmp_path: Path) -> None:
    tag = uuid.uuid4().hex
    env = {**os.environ, "OPTIPROOF_SECURITY_TAG": tag}
    parent = subprocess.Popen([sys.executable, "-c", PARENT], cwd=tmp_path, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert parent.stdout is not None
        assert parent.stdout.readline().strip() == "READY"
        children = [p for p in tagged_processes(tag) if p != parent.pid]
        assert len(children) == 2, children
        parent.send_signal(signum)
        parent.wait(timeout=30)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and tagged_processes(tag):
            time.sleep(0.2)
        assert not tagged_processes(tag), "children outlived their parent"
    finally:
        parent.kill()
        kill_tagged(tag)


def test_gloo_children_import_nothing_from_the_working_folder_or_environment(
        tmp_path: Path) -> None:
    from optiproof.families.communication import gloo

    marker = tmp_path / "PWNED"
    (tmp_path / "json.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n")
    (tmp_path / "importlib.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n")
    env = {**gloo._child_env(), "PYTHONPATH": str(tmp_path), "PYTHONSTARTUP": str(
        tmp_path / "json.py")}
    proc = subprocess.run(gloo._child_command("not a config"), cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and '"event": "error"' in proc.stdout, proc.stderr[-500:]
    assert not marker.exists()


def test_gloo_run_memory_is_bounded_before_start() -> None:
    from optiproof.families.communication.gloo import (
        RUN_MEMORY_BUDGET_MB,
        GlooJob,
        largest_n,
        run_memory_mb,
        validate_jobs,
    )

    small, big = GlooJob("ring-allreduce", 4, 1000), GlooJob("all-to-all", 16, 10**7)
    assert run_memory_mb([small]) < RUN_MEMORY_BUDGET_MB < run_memory_mb([big])
    assert run_memory_mb([GlooJob("all-to-all", 16, 10**6)]) > run_memory_mb(
        [GlooJob("ring-allreduce", 16, 10**6)])
    with pytest.raises(ValueError, match="MB of memory"):
        validate_jobs([big])
    # the ranks import torch: past 5 processes the run passes the 1 GB budget of one input
    with pytest.raises(ValueError, match="MB of memory"):
        validate_jobs([GlooJob("ring-allreduce", 16, 16)])
    assert RUN_MEMORY_BUDGET_MB == 1024 and largest_n([GlooJob("ring-allreduce", 16, 16)]) == 5
