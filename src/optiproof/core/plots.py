"""How every figure reads: a headless backend, integer iteration ticks, error axes clipped at
machine precision, and PNG bytes out. Families draw their own data; matplotlib is imported on
first use."""

from __future__ import annotations

import io
from typing import Any

MACHINE_EPSILON = 2.220446049250313e-16
"""Relative errors below this are rounding, not information: an error axis stops here."""


def pyplot() -> Any:
    """matplotlib's pyplot on the headless Agg backend."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return plt


def png(fig: Any) -> bytes:
    """The figure as PNG bytes; the figure is closed."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    pyplot().close(fig)
    return buf.getvalue()


def iteration_axis(ax: Any, label: str = "iteration $t$", *, log: bool = False) -> None:
    """An x axis of iterations: whole-number ticks only (1, 10, 100, ... on a log scale)."""
    from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter

    ax.set_xlabel(label)
    if log:
        ax.set_xscale("log")
        ax.xaxis.set_major_locator(LogLocator(base=10))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}"))
        ax.xaxis.set_minor_formatter(NullFormatter())
    else:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def error_axis(ax: Any, largest: float, label: str) -> None:
    """A log-scale error axis that stops at machine precision relative to ``largest`` (the
    starting error)."""
    ax.set_yscale("log")
    ax.set_ylim(bottom=max(largest, 1.0) * MACHINE_EPSILON)
    ax.set_ylabel(label)
