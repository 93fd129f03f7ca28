"""The element type of a message is the one said of what is sent: a text that keeps weights or
optimizer states in one precision and ships gradients in another sizes the messages by the
shipped one, and a text that names types of different sizes without saying which one travels
is refused, naming them. Expected values are plain arithmetic here (bytes per element times the
ring chunk p/n, or the parameter server's 2n messages of p elements), never the solver."""

from __future__ import annotations

from fractions import Fraction
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, read_report

_SIZE = {"fp16": 2, "bf16": 2, "fp32": 4, "fp64": 8}

_MIXED = [
    # (setting with {kept} and {sent} types, the type sent)
    "Each of the {n} workers holds {kept} optimizer moments and {kept} master parameters, but "
    "what goes over the network are {sent} gradients.",
    "We store the model in {kept}; gradients, however, are transmitted in {sent}.",
    "Weights live in {kept} on every device while the all-reduce runs on {sent} gradients.",
    "Master copies are {kept}. The gradient messages are exchanged in {sent}.",
]


def _ring_message_bytes(n: int, p: int, size: int) -> int:
    assert p % n == 0
    return p // n * size


def _answers(text: str) -> dict[str, float]:
    report = read_report(text)
    assert report.complete, report.unread()
    solution = solve_problem(report.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    return {a["quantity"]: a["value"] for p in solution.to_dict()["parts"] for a in p["answers"]}


@settings(max_examples=12, deadline=None)
@given(setting=st.sampled_from(_MIXED), n=st.sampled_from([2, 4, 5, 8]),
       chunk=st.integers(1, 10**6),
       types=st.sampled_from([("fp32", "fp16"), ("fp32", "bf16"), ("fp64", "fp32"),
                              ("fp16", "fp32")]))
def test_ring_message_is_sized_by_the_type_sent(setting, n, chunk, types):
    kept, sent = types
    p = n * chunk
    text = (f"Data-parallel training of a model with p = {p} parameters on n = {n} workers. "
            + setting.format(n=n, kept=kept, sent=sent)
            + " The gradients are averaged by ring all-reduce.\n\n"
              "(a) How many bytes per message does the ring send?")
    got = _answers(text)
    assert got["message-bytes"] == _ring_message_bytes(n, p, _SIZE[sent])


@pytest.mark.parametrize("kept, sent", [("fp32", "fp16"), ("fp16", "fp64")])
def test_parameter_server_time_uses_the_type_sent(kept, sent):
    n, p, alpha, bandwidth = 4, 3 * 10**6, Fraction(1, 10**5), 2 * 10**9
    text = (f"A model of p = {p} parameters is trained on n = {n} GPUs with a parameter server. "
            f"Adam states stay in {kept} on each GPU, but the gradients are communicated in "
            f"{sent}. A message of s bytes takes α + s/B with α = 10 μs and B = 2 GB/s "
            "(1 GB = 10^9 bytes).\n\n"
            "(a) What is the time of one step under the latency-bandwidth model?")
    want = 2 * n * (alpha + Fraction(p * _SIZE[sent], bandwidth))
    assert _answers(text)["time"] == pytest.approx(float(want), rel=1e-12)


_UNSAID = ("Weights are kept in fp32 and activations in fp16.",
           "The model is trained in mixed precision: fp32 master weights, fp16 forward pass.")
_NEEDS_BYTES = ("What is the size of each message in bytes?",
                "With α = 1 μs and B = 1 GB/s (1 GB = 10^9 bytes), what is the time in the α-β "
                "model?")


@pytest.mark.parametrize("setting, question", list(product(_UNSAID, _NEEDS_BYTES)))
def test_types_of_different_sizes_without_the_one_sent_are_refused(setting, question):
    text = ("Eight workers (n = 8) train a model of p = 8000 parameters with ring all-reduce. "
            + setting + "\n\n(a) " + question)
    report = read_report(text)
    with pytest.raises(ReadingIncomplete):
        report.to_problem()
    unread = "\n".join(report.unread())
    assert "fp32" in unread and "fp16" in unread
