"""Worker and parameter counts of communication texts, read by meaning (not by letter)."""

from __future__ import annotations

import pytest

from optiproof.core.text.record import PartReading
from optiproof.families.communication.roles import read_role


def _read(own: str, context: str = "") -> PartReading:
    r = PartReading("a", "communication")
    read_role(own, context, r, "n", "workers", minimum=2)
    read_role(own, context, r, "p", "parameters", minimum=1)
    return r


@pytest.mark.parametrize("text, n, p", [
    ("We train a network with 10^8 parameters on 8 GPUs.", 8, 10**8),
    ("A 250M-parameter transformer is trained on sixteen accelerators.", 16, 250 * 10**6),
    ("Four machines share a model of 3.5 billion weights.", 4, 3_500_000_000),
    ("Each of the 12 nodes holds a gradient vector of 2,048 floats.", 12, 2048),
    ("Gradients of dimension d = 4096 are averaged over 32 ranks.", 32, 4096),
    ("There are 64 devices; every device keeps a buffer with 5 × 10^6 fp16 values.", 64,
     5 * 10**6),
    ("Take 24 replicas and 40k params.", 24, 40_000),
])
def test_numbers(text: str, n: int, p: int) -> None:
    r = _read(text)
    assert r.value("n") == n and r.value("p") == p, r.missing


@pytest.mark.parametrize("text, n, p", [
    ("q workers each hold a gradient of m entries.", "q", "m"),
    ("p workers each hold a gradient of n entries.", "p", "n"),  # letters swapped
    ("Every node owns a 1/k shard of a vector of D floats.", "k", "D"),
    ("We have n ≥ 2 machines and a model with p parameters.", "n", "p"),
    ("Each of the other n − 1 workers receives the vector of p elements.", "n", "p"),
])
def test_letters(text: str, n: str, p: str) -> None:
    r = _read(text)
    assert r.value("n") == n and r.value("p") == p, r.missing


def test_expression_keeps_the_letter_and_a_later_number_wins() -> None:
    ctx = "Let n = 2^k processes each hold a vector of p entries."
    assert _read("How many rounds?", ctx).value("n") == "n"
    assert _read("Now take n = 64.", ctx).value("n") == 64
    r = _read("Now take n = 48.", ctx)
    assert r.value("n") is None and "power of two" in r.missing[0].reason


def test_garbled_power_is_not_thousands_of_workers() -> None:
    r = _read("Let n = 2k nodes each hold a gradient of p floats.")
    assert r.value("n") == "n"


def test_own_part_overrides_the_context() -> None:
    ctx = "n workers, p parameters, n = 4."
    assert _read("(e) Now n = 10 and p = 5*10^7.", ctx).value("n") == 10


def test_conflicting_numbers_are_refused_naming_both() -> None:
    r = _read("A model with 10^8 parameters on 8 GPUs; later we say the model has 2 × 10^8 "
              "parameters.")
    assert r.value("p") is None
    assert "10^8 parameters" in r.missing[0].reason and "2 × 10^8" in r.missing[0].reason


@pytest.mark.parametrize("text", [
    "Sending a message of m parameters between two workers costs α + mβ; n workers, p "
    "parameters.",
    "One worker sends to one other worker; the gradient of p entries lives on n GPUs.",
])
def test_counts_that_are_not_the_setting(text: str) -> None:
    r = _read(text)
    assert r.value("n") == "n" and r.value("p") == "p", r.missing


@pytest.mark.parametrize("text, n, p", [
    ("Here m denotes the number of workers and d the number of model parameters.", "m", "d"),
    ("Notation: k is the number of GPUs, and q is the total number of trainable weights.",
     "k", "q"),
    ("Throughout, r represents the number of nodes; s stands for the number of parameters.",
     "r", "s"),
])
def test_letter_defined_as_the_count(text: str, n: str, p: str) -> None:
    r = _read(text)
    assert r.value("n") == n and r.value("p") == p, r.missing


def test_letter_defined_as_the_count_then_given_a_number() -> None:
    ctx = "We write p for the number of workers and n for the number of parameters."
    r = _read("Take p = 16 workers and n = 5 × 10^6 parameters.", ctx)
    assert r.value("n") == 16 and r.value("p") == 5 * 10**6, r.missing
