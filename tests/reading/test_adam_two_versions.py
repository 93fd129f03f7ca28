"""A shared text that switches bias correction off, then a part that asks about that run beside
bias-corrected Adam ('what does my version take, and what would proper Adam take?'): the two runs
are not answered as one (the corrected run alone would leave the other question unanswered under
a verified badge); the part is refused, and when read as Adam the refusal names both versions."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

_SHARED = ("Adam on a scalar parameter with β1 = 0.9, β2 = 0.99, lr = 0.01, ε = 0, m_0 = v_0 = 0 and "
           "the constant gradient g = {g}. {off}\n\n")
_OFF = ["My implementation skips the bias correction entirely.",
        "The code has no bias correction.",
        "Bias correction was left out of this implementation."]
_BOTH = ["(a) What step does my version take at t = 2, and what would proper Adam take at t = 2?",
         "(a) Compare the step at t = 2 of the buggy code with that of bias-corrected Adam.",
         "(a) Give the t = 2 step of both versions: this one and Adam with bias correction."]


@pytest.mark.parametrize("off", _OFF)
@pytest.mark.parametrize("part", _BOTH)
@pytest.mark.parametrize("g", [2, 5])
def test_two_versions_in_one_part_are_not_answered_as_one(off, part, g):
    reading = read_report(_SHARED.format(g=g, off=off) + part)
    assert not reading.complete
    (pr,) = reading.parts
    if pr.family == "adam-mechanics":
        assert any(m.name == "versions" for m in pr.missing), reading.unread()


@pytest.mark.parametrize("off", _OFF)
def test_the_corrected_run_alone_is_still_read(off):
    reading = read_report(_SHARED.format(g=3, off=off) +
                          "(a) What is the step at t = 2 with bias correction?")
    assert reading.complete, reading.unread()
