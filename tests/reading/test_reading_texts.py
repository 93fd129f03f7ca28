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


def test_symbol_lists_with_spaced_commas_and_after_a_named_item():
    from optiproof.reading.questions import read_questions

    def asked(text: str) -> list[str]:
        return [a.phrase for r in read_questions(text).requests for a in r.asks]

    assert asked("With the tuned step: report the step, ρ and k.")[-2:] == ["ρ", "k"]
    assert asked("Then give α , β , ρ and k .") == ["α", "β", "ρ", "k"]
    # a setting with commas, then the request after a colon
    assert asked("Momentum with η = 0.1, β = 0.5, whose rate is known : give β , ρ and t .") == \
        ["β", "ρ", "t"]
