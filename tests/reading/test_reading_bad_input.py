"""Bad input: empty, binary, undecodable, too large, huge arrays -> clear BadInput, quickly."""

from __future__ import annotations

import time
from fractions import Fraction

import pytest

from optiproof.core.errors import BadInput
from optiproof.core.limits import LIMITS
from optiproof.reading import read_problem, read_report

HANG_GUARD_S = 5.0
"""A bound that catches hangs (catastrophic backtracking takes minutes) without timing a noisy
machine; the under-a-second figures are measured by benchmarks/bench_reading.py."""


@pytest.mark.parametrize("data, says", [
    ("", "empty"),
    ("\n \t\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("abc\x00def", "NUL"),
    (b"caf\xe9 au lait", "not UTF-8"),
    ("\x01\x02\x03\x04" * 40, "binary"),
])
def test_unreadable_input(data, says):
    with pytest.raises(BadInput) as info:
        read_problem(data)
    assert says in str(info.value)


def test_text_over_the_limit():
    text = "Let g be the gradient. " * (LIMITS.max_text_bytes // 20)
    with pytest.raises(BadInput, match="kB"):
        read_report(text)


def test_vector_with_a_million_entries_is_refused_by_size():
    text = "g = [" + "1, " * 10**6 + "1]"
    start = time.perf_counter()
    with pytest.raises(BadInput, match="kB"):
        read_problem(text)
    assert time.perf_counter() - start < HANG_GUARD_S


def test_vector_over_the_entry_limit_is_refused():
    text = "Find u = argmin_d g^T d + (1/α)‖d‖_2^2 with g = [" + "1," * 12_000 + "1]."
    start = time.perf_counter()
    with pytest.raises(BadInput, match="more than 10000 entries"):
        read_problem(text)
    assert time.perf_counter() - start < HANG_GUARD_S


def test_wrong_type():
    with pytest.raises(BadInput):
        read_problem(12)  # type: ignore[arg-type]


SD_TEXT = ("Let g = [3, -1, 2] be the gradient and alpha = {value}. Find "
           "u = argmin_d g^T d + (1/alpha) ||d||_inf^2.")


@pytest.mark.parametrize("value", ["2*3", "5 - 1", "1 - 2", "1 + 2i", "10^(10^10)", "2^(3^2)",
                                   "1/(2*3)", "2(3)", "1e-99999999", "2 × 3", "0.5^2"])
def test_a_value_written_as_an_expression_is_refused_not_cut_to_its_first_number(value):
    with pytest.raises(BadInput, match="written as an expression"):
        read_problem(SD_TEXT.format(value=value))


@pytest.mark.parametrize("value, alpha", [("0.5", "0.5"), ("6", "6"), ("1e-3", "0.001"),
                                          ("10^-3", "0.001"), ("2×10^-3", "0.002"),
                                          ("1/4", "0.25"), ("0.5 (the weight)", "0.5")])
def test_a_value_written_as_one_number_is_read(value, alpha):
    from fractions import Fraction

    part = read_problem(SD_TEXT.format(value=value)).parts[0]
    assert Fraction(str(part.alpha)) == Fraction(alpha)


def test_a_penalty_whose_weight_is_not_a_number_is_refused_not_a_crash():
    from optiproof.reading.normalize import normalize
    from optiproof.reading.parts import split_parts
    from optiproof.families.quadratic_dynamics import reader as quad
    from optiproof.core.text.record import PartReading

    flat = "minimise L(w) + .‖w‖^2 with gradient descent; largest stable step?"
    r = PartReading("main", "quadratic-dynamics", own_text=flat)
    quad._read_decay(flat, r)
    assert any("penalty" in m.reason for m in r.missing)
    assert split_parts(normalize(flat).text).parts   # and the whole text reads without error


@pytest.mark.parametrize("factor, exact", [("3", Fraction(1, 3)), ("7", Fraction(1, 7)),
                                           ("12", Fraction(1, 12))])
def test_a_reduction_factor_that_is_not_a_decimal_is_read_exactly(factor, exact):
    """"Reduce the error by a factor of 3" is the tolerance 1/3 exactly, never a rounded
    decimal."""
    from optiproof.core.fields import check_number
    from optiproof.reading import read_report

    reading = read_report("Gradient descent on f(x, y) = x^2 + 9y^2 with step 0.1. How many "
                          f"iterations reduce the error by a factor of {factor}?")
    assert reading.complete, [m.reason for p in reading.parts for m in p.missing]
    (part,) = reading.parts
    eps = [f.value for f in part.fields.values() if "factor" in f.source]
    assert [Fraction(check_number(v)) for v in eps] == [exact], part.fields
