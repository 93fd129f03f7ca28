"""A crossover set up in one sentence and asked in the next ("both algorithms take the same time
for a certain message size M. Find that M in KB.") is the crossover, in the unit its asking
sentence names, never the size of each message nor the size in bytes shown as the answer."""

from __future__ import annotations

from reading_helpers import quantity_values

_SETTING = ("Problem 3\n\nP = 8 workers each hold a gradient of M = 32 MB (1 MB = 10^6 bytes). "
            "Ring all-reduce takes 2(P-1) steps of M/P bytes; recursive doubling takes log2 P rounds "
            "of M bytes.\n\n")


def test_a_crossover_named_then_asked_in_its_unit():
    # 14 a + 7/4 M b = 3 a + 3 M b  ->  M = 11 a / (5/4 b) = 8.8 a / b
    for ask in ("(a) With alpha = 10 microseconds per step and beta = 1 ns per byte, both algorithms "
                "take the same time for a certain message size M. Find that M in KB (1 KB = 10^3 "
                "bytes).",
                "(a) Under alpha = 10 us and beta = 1 ns per byte the two schemes need equal time at "
                "one particular buffer size M. Give that M in kB (1 kB = 1000 bytes)."):
        got = quantity_values(_SETTING + ask)
        ratios = [round(v, 9) for q, v in got["a"] if q == "ratio"]
        assert ratios == [88.0], (ask, got["a"])
        assert "message-size" not in [q for q, _ in got["a"]]
