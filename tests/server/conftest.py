"""A real ``optiproof serve`` on a free loopback port for the server tests (see
benchmarks/server_load.py, which the load benchmark shares)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from server_load import Server, running_server  # noqa: E402

TIME_LIMIT_S = 60


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the API and browser tests: two workers, a 60 s limit, its own cache."""
    with running_server(tmp_path_factory.mktemp("server"), "--workers", "2", "--time-limit",
                        str(TIME_LIMIT_S)) as running:
        yield running
