"""Shared helpers for the implicit-bias tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def _torch_threads():
    """Small problems: one intra-op thread is fastest and keeps two test workers from fighting."""
    import torch

    torch.set_num_threads(1)
    yield
