"""The demo's own problem texts (src/optiproof/problems/texts) read into the bundled specs."""

from __future__ import annotations

import pytest

import optiproof
from optiproof.reading import read_problem, read_report

from reading_helpers import BUNDLED, diff, problem_parts

NAMES = ["penalized-linear-improvement", "optimizer-convergence", "distributed-training"]


@pytest.mark.parametrize("name", NAMES)
def test_bundled_text_reads_as_bundled_spec(name):
    text = (BUNDLED / "texts" / f"{name}.txt").read_text(encoding="utf-8")
    read = read_problem(text)
    bundled = optiproof.load_problem(BUNDLED / f"{name}.yaml")
    got, want = problem_parts(read), problem_parts(bundled)
    assert got == want, diff(got, want)
    assert read.title == bundled.title


def test_every_bundled_text_reads_completely():
    """The seed texts match their specs (above); every other bundled text must read fully."""
    texts = sorted(p.stem for p in (BUNDLED / "texts").glob("*.txt"))
    assert set(NAMES) <= set(texts)
    for name in texts:
        reading = read_report((BUNDLED / "texts" / f"{name}.txt").read_text(encoding="utf-8"))
        assert reading.complete, name
