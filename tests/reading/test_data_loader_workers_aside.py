"""How many processes load the input data ('3 data-loader workers', 'num_workers=4', '6 worker
processes for the DataLoader') is beside the point of every answer: the number is accounted as
an aside, not reported unused. A bare count of workers is not such an aside."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

_ADAM = ("One weight starts at w_0 = 0 and is trained with Adam, lr = 0.01, beta1 = 0.9, "
         "beta2 = 0.999, eps = 1e-8, moments m_0 = v_0 = 0, bias correction on{aside}. The "
         "first gradient is g_1 = 0.4.\n(a) What is w_1?\n")


@pytest.mark.parametrize("aside", [
    " (minibatches of 128, 5 data-loader workers)",
    "; the DataLoader runs with num_workers=4",
    ", and the input pipeline uses 12 CPU threads",
    r" (8 worker processes for the data loader)",
    ", with $6$ dataloader workers",
])
def test_loader_worker_count_is_an_aside(aside: str):
    reading = read_report(_ADAM.format(aside=aside))
    assert reading.complete, reading.unread()
    assert reading.unused == []


def test_a_bare_worker_count_stays_unused():
    reading = read_report(_ADAM.format(aside=" (we also have 5 workers)"))
    assert reading.unused == ["5"]
