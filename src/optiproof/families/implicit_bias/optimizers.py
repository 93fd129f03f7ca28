"""Optimizers that ``torch.optim`` lacks, as proper ``torch.optim.Optimizer`` subclasses.

- :class:`EpochwiseDiagonal`: the seed problem's simplified Adam,
  ``theta <- theta - lr * M_k * grad f_i(theta)`` with ``M_k = diag(1 / sqrt(mean_i g_{i,j}^2))``
  recomputed at the start of every epoch from the per-example gradients at that point
  (``1/sqrt(0)`` is read as 0: a coordinate with no gradient signal does not move).
- :class:`SignSGD`: ``theta <- theta - lr * sign(grad)``.
- :class:`PreconditionedSGD`: ``theta <- theta - lr * P grad`` with a fixed SPD matrix ``P``.

Learning rates are the ``lr`` of each param group, so ``torch.optim.lr_scheduler`` schedules
(``ExponentialLR`` for geometric decay) apply unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import torch
from torch.optim import Optimizer


class EpochwiseDiagonal(Optimizer):
    """Diagonal scaling by the inverse root-mean-square gradient of the epoch, then a step.

    Call :meth:`begin_epoch` with one closure per example (each computes that example's loss and
    calls ``backward``) at the start of every epoch, then :meth:`step` once per example.
    """

    def __init__(self, params: Iterable[torch.Tensor], lr: float):
        if lr <= 0:
            raise ValueError(f"lr must be > 0, got {lr}")
        super().__init__(params, {"lr": lr})

    @torch.no_grad()
    def begin_epoch(self, example_closures: Sequence[Callable[[], torch.Tensor]]) -> None:
        """M = diag(1/sqrt((1/m) sum_i g_i^2)) from the per-example gradients at the current point."""
        params = [p for g in self.param_groups for p in g["params"]]
        sums = {p: torch.zeros_like(p) for p in params}
        for closure in example_closures:
            self.zero_grad()
            with torch.enable_grad():
                closure()
            for p in params:
                if p.grad is not None:
                    sums[p].add_(p.grad * p.grad)
        m = max(1, len(example_closures))
        for p in params:
            mean_sq = sums[p] / m
            self.state[p]["scale"] = torch.where(mean_sq > 0, mean_sq.rsqrt(),
                                                 torch.zeros_like(mean_sq))
        self.zero_grad()

    @torch.no_grad()
    def step(self, closure: Callable[[], torch.Tensor] | None = None) -> torch.Tensor | None:
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                scale = self.state[p].get("scale")
                if scale is None:
                    raise RuntimeError("EpochwiseDiagonal.step before begin_epoch: the scaling "
                                       "M of the epoch is not known yet")
                p.add_(p.grad * scale, alpha=-group["lr"])
        return loss


class SignSGD(Optimizer):
    """theta <- theta - lr * sign(grad)."""

    def __init__(self, params: Iterable[torch.Tensor], lr: float):
        if lr <= 0:
            raise ValueError(f"lr must be > 0, got {lr}")
        super().__init__(params, {"lr": lr})

    @torch.no_grad()
    def step(self, closure: Callable[[], torch.Tensor] | None = None) -> torch.Tensor | None:
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    p.add_(torch.sign(p.grad), alpha=-group["lr"])
        return loss


class PreconditionedSGD(Optimizer):
    """theta <- theta - lr * P grad for a single parameter vector and a fixed SPD matrix P."""

    def __init__(self, params: Iterable[torch.Tensor], lr: float, P: torch.Tensor):
        if lr <= 0:
            raise ValueError(f"lr must be > 0, got {lr}")
        super().__init__(params, {"lr": lr, "P": P})

    @torch.no_grad()
    def step(self, closure: Callable[[], torch.Tensor] | None = None) -> torch.Tensor | None:
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            P = group["P"]
            for p in group["params"]:
                if p.grad is not None:
                    p.sub_((P @ p.grad.reshape(-1)).reshape(p.shape), alpha=group["lr"])
        return loss
