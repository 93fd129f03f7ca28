"""A link rate found by its unit alone and restated in other units ("transmits B = 25 GB/s =
2.5×10^10 bytes/s") is one bandwidth, its restatement read with it (the exponent of
"2.5×10^10" is not a second rate of 10^10 bytes/s); a disagreeing restatement leaves two rates
and is refused. A LaTeX tie after inline math ("$B = 25$~GB/s") is a space."""

from __future__ import annotations

from optiproof.reading import read_report
from optiproof.reading.normalize import normalize

_TEXT = ("A model with p = 2.5 × 10^7 parameters is trained on n = 16 workers in half precision "
         "(2 bytes per entry). Every link transmits B = 25 GB/s = {again} bytes/s; ignore "
         "latency.\n\n(a) How long does one ring all-reduce take?")


def _bandwidth(text: str):
    reading = read_report(text)
    return reading, [p.value("bandwidth") for p in reading.parts]


def test_a_restated_rate_is_one_bandwidth():
    reading, got = _bandwidth(_TEXT.format(again="2.5×10^10"))
    assert reading.complete, "\n".join(reading.unread())
    assert got == [25_000_000_000]


def test_a_disagreeing_restatement_is_refused():
    reading, _ = _bandwidth(_TEXT.format(again="2.5×10^9"))
    assert not reading.complete
    assert any("no bandwidth is stated" in line for line in reading.unread())


def test_a_tie_after_inline_math_is_a_space():
    assert "B = 25 GB/s" in normalize(r"links of $B = 25$~GB/s each").text
    assert "Fig. 2" in normalize(r"see Fig.~2 and $x$").text
