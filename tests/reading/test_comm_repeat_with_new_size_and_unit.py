"""A part that repeats an earlier one with a new size ("Repeat Q2 for M = 400 MB (times in
seconds)", "Same for a tiny buffer M = 4 kB — give the times in microseconds this time") is
answered at the new size, in the unit its own words name, never at the repeated part's size
or unit; a size picked out by a condition ("the message size M* at which the two algorithms
take the same time") is the crossover; formulas listed as bullets end at the next bullet;
"1 MB = 10^6 B" defines the unit; a Markdown-escaped star ("M^\\*") is a star."""

from __future__ import annotations

from optiproof.reading import read_report
from optiproof.catalogue import QUANTITIES

from reading_helpers import quantity_values

_MODEL = ("P = 8 workers, each with a buffer of M bytes to all-reduce. A step sending m bytes costs "
          "alpha + m*beta with alpha = 2 us and beta = 1 ns per byte. Algorithms: ring all-reduce "
          "and recursive doubling. Use 1 kB = 1000 bytes.\n\n")


def _times(got: list) -> list:
    return sorted(v for q, v in got if q == "time")


def test_a_repeat_at_a_new_size_in_its_own_unit():
    # ring: 14 alpha + 14/8 M beta; recursive doubling: 3 (alpha + M beta)
    for repeat, scale in (("(c) Redo (b) for M = 8 MB, with the times in seconds this time.", 1),
                          ("(c) Same as (b) but M = 8 MB — give both times in microseconds.", 10**6),
                          ("(c) repeat part (b) with M = 8 MB (answers in ms)", 10**3)):
        text = _MODEL + ("(a) For M = 2 kB: how many rounds does each algorithm take?\n"
                         "(b) What is the time of each algorithm for M = 2 kB, in us?\n" + repeat)
        got = quantity_values(text)
        ring, rd = 14 * 2e-6 + 14 / 8 * 8e6 * 1e-9, 3 * (2e-6 + 8e6 * 1e-9)
        assert [round(t, 9) for t in _times(got["c"])] == [round(ring, 9), round(rd, 9)], repeat
        scaled = sorted(v for q, v in got["c"] if q == "ratio")
        if scale == 1:
            assert scaled == [], repeat
        else:
            assert [round(v, 6) for v in scaled] == [round(ring * scale, 6), round(rd * scale, 6)], repeat


def test_a_size_picked_out_by_a_condition_is_the_crossover():
    for sentence in ("find the message size m^* (in mb) at which the two algorithms take exactly the same time.",
                     "at what message size do the two collectives need identical time?",
                     "give the message size m for which both schemes take equal time"):
        keys = [m.entry.key for m in QUANTITIES.mentions(sentence)]
        assert "crossover" in keys and "message-size" not in keys, (sentence, keys)
    assert "message-size" in [m.entry.key for m in QUANTITIES.mentions("what is the message size of the ring?")]


def test_stated_formulas_listed_as_bullets_and_units_in_b():
    text = ("# Ring or recursive doubling?\n\nWe have **P = 8** GPUs; sending $n$ bytes costs "
            "$\\alpha + n\\beta$ with $\\alpha = 2\\,\\mu s$ and bandwidth $1$ GB/s. "
            "(Units: 1 kB = $10^3$ B, 1 GB = $10^9$ B.)\n\nTimes for a buffer of $M$ bytes:\n\n"
            "- ring: $T_{\\text{ring}} = 2(P-1)\\alpha + \\frac{2(P-1)}{P} M \\beta$\n"
            "- recursive doubling: $T_{\\text{rd}} = \\log_2 P \\,(\\alpha + M\\beta)$\n\n"
            "1. Compute both times for $M = 2$ kB, in microseconds.\n"
            "2. Find the size $M^\\*$ (in kB) where the two times are equal.\n")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert [u.text for u in reading.numbers if u.status == "unused"] == []
    got = quantity_values(text)
    # 14 alpha + 7/4 M beta = 3 alpha + 3 M beta  ->  M = 11 alpha / (5/4 beta) = 17.6 kB
    assert ("ratio", 17.6) in [(q, round(v, 9)) for q, v in got["2"] if q == "ratio"]
