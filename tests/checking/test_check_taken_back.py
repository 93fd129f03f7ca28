"""Notes write decimals without the leading zero (``rate .85``) and take a value back on the
line that states it ("= 9/10 ... no, k+1 = 11 -> 9/11"): the bare decimal is its value, and
the value taken back is not the claim, the corrected one is."""

from __future__ import annotations

from fractions import Fraction

from conftest import bundled_problem, finding_kinds, graded_part

QUADRATIC = bundled_problem("quadratic-dynamics.txt")
KAPPA = 10  # H = diag(1, 10)
RATE = Fraction(KAPPA - 1, KAPPA + 1)


def test_a_decimal_without_its_leading_zero(solved):
    right = graded_part(solved, QUADRATIC, "(c) a = .15: factors .85 and .5 -> rate .85\n"
                        "    .85^k <= 1e-6 -> k = 86\n", "c")
    assert right.verdict == "correct", right.findings
    wrong = graded_part(solved, QUADRATIC, "(c) a = .15: factors .85 and .5 -> rate .95\n"
                        "    .95^k <= 1e-6 -> k = 86\n", "c")
    assert wrong.verdict != "correct", wrong.findings


def test_a_value_taken_back_and_corrected_on_its_line(solved):
    for marker in ("... no,", "-- oops,", "(wrong:"):
        text = (f"(b) a* = 2/11 ~ 0.1818\n    rate = (k-1)/(k+1) = 9/10 {marker} k+1 = 11 -> "
                f"{RATE.numerator}/{RATE.denominator} ~ {float(RATE):.3f}\n")
        part = graded_part(solved, QUADRATIC, text, "b")
        assert part.verdict == "correct", (marker, part.findings)


def test_a_wrong_correction_is_still_wrong(solved):
    text = "(b) a* = 2/11 ~ 0.1818\n    rate = 9/11 ... no, k+1 = 10 -> 8/10\n"
    assert "wrong-answer" in finding_kinds(graded_part(solved, QUADRATIC, text, "b"))


def test_a_value_without_a_retraction_stays_the_claim(solved):
    text = "(b) a* = 2/11 ~ 0.1818\n    rate = (k-1)/(k+1) = 9/10. No other rate is smaller.\n"
    assert "wrong-answer" in finding_kinds(graded_part(solved, QUADRATIC, text, "b"))
