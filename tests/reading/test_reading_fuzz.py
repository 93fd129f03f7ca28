"""Bounded parsing: random and adversarial text never raises anything but BadInput /
NotRecognised, and no case hangs (the timings themselves: benchmarks/bench_reading.py)."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optiproof.core.errors import OptiproofError
from optiproof.reading import read_report
from optiproof.core.text.numbers import iter_arrays
from optiproof.reading.normalize import normalize

HANG_GUARD_S = 5.0
"""A bound that catches hangs (catastrophic backtracking takes minutes) without timing a noisy
machine; the under-a-second figures are measured by benchmarks/bench_reading.py."""

ALPHABET = st.sampled_from(list("()[]{}|‖/\\$^_=+-*.,;:0123456789 \n\tαθη∞ΔabgnpuxXyθ") +
                           ["argmin", "‖x‖_2^2", "(a)", "[1, 2]", "θ_0 = 0", "workers",
                            "\\frac{1}{", "\\begin{bmatrix}", "// d // 2∞", "Print Image"])
SEED = "Steepest descent: argmin g^T d + (1/α)‖d‖_2^2; SGD converges; n workers send messages.\n"


def _read(text: str) -> float:
    start = time.perf_counter()
    try:
        read_report(text)
    except OptiproofError:
        pass
    return time.perf_counter() - start


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=300).map("".join))
def test_random_text_is_read_or_refused(text):
    assert _read(SEED + text) < HANG_GUARD_S


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=400))
def test_any_unicode_is_read_or_refused(text):
    assert _read(text) < HANG_GUARD_S


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit=ALPHABET, reps=st.integers(1000, 12000))
def test_long_runs_stay_fast(unit, reps):
    assert _read(SEED + unit * reps) < HANG_GUARD_S


ADVERSARIAL = ["(", "[", "|", "‖", "/", "//", "1,", "(1,", "[1 ", "-", "(a)\n", "\\", "{",
               "0.1,", "‖x‖ 2 ", "argmin\n", "Size of each message of ring: ", "10^", "not "]


@pytest.mark.parametrize("unit", ADVERSARIAL)
def test_adversarial_run_near_the_reading_limit(unit):
    text = SEED + unit * (38_000 // len(unit))
    assert _read(text) < HANG_GUARD_S


@pytest.mark.parametrize("unit", ["(", "1,", "\n", "\\"])
def test_adversarial_run_at_the_input_limit(unit):
    assert _read(SEED + unit * (190_000 // len(unit.encode()))) < HANG_GUARD_S


def test_normalize_and_arrays_are_linear():
    text = "(" * 100_000 + "[1" * 50_000
    start = time.perf_counter()
    normalize(text)
    iter_arrays(text)
    assert time.perf_counter() - start < HANG_GUARD_S
