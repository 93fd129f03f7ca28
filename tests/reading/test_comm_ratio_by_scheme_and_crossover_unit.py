"""A ratio written as two parentheses whose second names only a scheme ("ratio (bytes sent per
worker, tree) / (ring)") divides the same cost of the two schemes; a crossover size asked in a
unit beside bytes ("M* (in bytes, and in kB)"), the gradient counted in bytes, is also given in
that unit."""

from __future__ import annotations

from reading_helpers import quantity_values

_SETTING = ("N = 8 workers hold a buffer of M = 16 MB (1 MB = 10^6 bytes, 1 kB = 10^3 bytes). "
            "A message of n bytes costs alpha + n/B, alpha = 20 us, B = 10^10 bytes/s.\n\n"
            "  Recursive doubling: every round each worker exchanges its whole buffer.\n"
            "  Ring: reduce-scatter + all-gather with chunks of size M/N.\n\n")


def test_a_ratio_whose_second_operand_names_only_a_scheme():
    got = quantity_values(_SETTING + "(a) Number of rounds for each scheme.\n(b) Ratio (bytes sent per "
                                     "worker, ring) / (recursive doubling).")
    # ring 2 * 7/8 * 16e6 = 28e6 bytes; recursive doubling 3 * 16e6 = 48e6
    assert any(q == "ratio" and abs(v - 28 / 48) < 1e-12 for q, v in got["b"])


def test_a_crossover_size_in_bytes_and_in_a_larger_unit():
    got = quantity_values(_SETTING + "(a) Number of rounds for each scheme.\n(b) Using T_rd = log2(N)*(alpha + M/B) and T_ring = "
                                     "2(N-1)*alpha + 2(N-1)/N * M/B, find the size M* (in bytes, "
                                     "and in kB) above which ring is faster.")
    # 3a + 3M/B = 14a + (7/4)M/B: M = (44/5) a B = 1.76e6 bytes
    assert ("crossover", 1.76e6) in got["b"]
    assert any(q == "ratio" and abs(v - 1760.0) < 1e-9 for q, v in got["b"])
