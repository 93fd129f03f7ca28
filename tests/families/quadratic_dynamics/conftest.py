"""Shared fixtures of the quadratic-dynamics tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def _torch_threads():
    """Tiny problems: one intra-op thread is fastest and keeps parallel workers from fighting."""
    import torch

    torch.set_num_threads(1)
    yield
