"""Starting torch ahead of the witnesses that run it (in a worker of the witness pool)."""

from __future__ import annotations


def start_torch() -> None:
    """Import torch and take one optimizer step: the first step imports torch._dynamo (and with
    it SymPy), about half of torch's start-up."""
    import torch

    p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    p.grad = torch.ones(1, dtype=torch.float64)
    torch.optim.SGD([p], lr=0.1).step()


START_TORCH = f"{__name__}:{start_torch.__name__}"
"""The warm-up of the families whose witnesses run torch (see ``Family.warm_up``)."""
