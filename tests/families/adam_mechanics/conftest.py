"""Shared helpers for the adam-mechanics tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def _torch_threads():
    """Tiny tensors: one intra-op thread is fastest and keeps parallel test workers apart."""
    import torch

    torch.set_num_threads(1)
    yield
