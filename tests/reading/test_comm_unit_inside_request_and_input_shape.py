"""A unit set inside the request ("how large (in MB) is the gradient", "the size, in GB, of one
gradient") asks the same size, scaled; a sequence length or tokens per sample is no datum of
the communication (the gradient has p entries whatever the input); a server's bytes asked in a
unit beside a ring are asked of the server's scheme only."""

from __future__ import annotations

from optiproof.reading import read_report

from reading_helpers import quantity_values

_SETTING = "We train a 300 million parameter model in fp16 on 4 GPUs.\n\n"


def test_a_unit_set_inside_the_request_of_the_gradient_size():
    for ask in ("(a) How large (in MB) is the gradient message each GPU contributes per step?",
                "(a) What is the size, in MB, of the gradient that every worker sends?",
                "(a) how big (MB) is one worker's gradient buffer?",
                r"(a) Compute how large $(\text{in MB})$ is the gradient vector $G$."):
        got = quantity_values(_SETTING + ask)
        assert got["a"] == [("gradient-bytes", 6e8), ("ratio", 600.0)], ask


def test_a_sequence_length_is_no_datum_of_the_communication():
    for remark in ("Each GPU sees batches of 16 sequences, sequence length 4096.",
                   "Inputs are 1024-token sequences.",
                   "(context length: 8192 tokens)",
                   "seq len = 512, micro-batch 8"):
        text = (f"Exercise 4\n\nWe train a 300 million parameter model in fp16 on 4 GPUs. {remark}\n\n"
                "(a) What is the gradient size in MB?")
        reading = read_report(text)
        assert reading.complete, (remark, reading.unread())
        assert [u.text for u in reading.numbers if u.status == "unused"] == [], remark


def test_a_server_cost_in_a_unit_beside_a_ring_is_the_servers_scheme():
    text = (_SETTING + "(a) Total traffic over all GPUs for ring all-reduce, in GB. Compare with a "
            "single parameter server: how many GB does the server receive per step?")
    labels = [d.label for p in read_report(text).to_problem().parts for d in p.derived]
    assert not any("server" in l and "ring" in l for l in labels), labels
    # the server receives 4 gradients of 6e8 bytes
    assert 2.4 in [v for q, v in quantity_values(text)["a"] if q == "ratio"]
