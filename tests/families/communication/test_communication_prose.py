"""Counts, sizes and schemes written in prose: a model size with spaces around its hyphen
("a 7 · 10^9 -parameter model"), values counted per holder ("p numbers per gradient", "2^20
floats per worker"), and schemes named by what they do ("every worker sends its gradient to a
central machine", "each node talks to its two neighbours"), with the server's own quantities
asked of the node the description names. Each is checked on several phrasings of our own."""

from __future__ import annotations

import pytest
import sympy as sp

from optiproof.core.text.record import PartReading
from optiproof.families.communication.roles import read_role

from test_communication_wordings import _answers, _solved


def _counts(text: str) -> tuple[object, object]:
    r = PartReading("a", "communication")
    read_role(text, "", r, "n", "workers", minimum=2)
    read_role(text, "", r, "p", "parameters", minimum=1)
    return r.value("n"), r.value("p")


@pytest.mark.parametrize("text, n, p", [
    ("We train a 7 · 10^9 -parameter model on 8 GPUs.", 8, 7 * 10**9),
    ("a 3 x 10^8 - parameter net, sixteen workers", 16, 3 * 10**8),
    ("Our 1.3B -parameter LM runs on 32 nodes.", 32, 1_300_000_000),
    ("n workers (n a power of 2), p numbers per gradient", "n", "p"),
    ("16 workers, 2^20 floats per worker", 16, 2**20),
    ("Each of the 4 GPUs: m values in each gradient.", 4, "m"),
    ("8 ranks and 10^6 entries per vector", 8, 10**6),
])
def test_counts_in_prose(text, n, p):
    assert _counts(text) == (n, p)


def test_values_per_message_do_not_count_the_parameters():
    assert _counts("8 GPUs; 500 values per message")[1] is None


@pytest.mark.parametrize("setup", [
    "A 1.3 billion parameter network is trained on sixteen machines; every worker sends its full "
    "gradient to a central machine, which sends the average back. Gradients are 2 bytes per number.",
    "Data parallel, 16 GPUs, model with 1.3 × 10^9 params in fp16. All gradients go to a separate "
    "server node, which returns the updated weights.",
    "16 workers push their fp16 gradients (1.3B parameters) to one dedicated aggregator machine "
    "that averages them and sends the result back.",
    "There are 16 GPUs and 1.3e9 fp16 parameters. A separate server node receives each worker's "
    "gradient and sends the new weights back to every worker.",
    "16 GPUs, 1.3 × 10^9 parameters, bf16; one extra machine acts as server: it gets every "
    "gradient and returns the average.",
])
@pytest.mark.parametrize("ask", [
    "How many bytes does the central machine receive per round?",
    "How many bytes does the server receive per step?",
])
def test_a_parameter_server_named_by_its_description(setup, ask):
    data = _solved(setup + "\n(a) " + ask)
    got = [a for a in _answers(data).values()]
    assert len(got) == 1, got  # exit 0: solved and verified
    assert float(got[0]["value"]) == 16 * 1.3e9 * 2  # what the server receives, not one worker


@pytest.mark.parametrize("setup", [
    "8 GPUs each hold a gradient of 10^6 floats; each node talks to its two neighbours only, "
    "reduce-scatter then all-gather.",
    "There are 8 workers, p = 10^6 parameters. Every worker communicates only with its two "
    "adjacent neighbours (2(n-1) steps of p/n values).",
    "n = 8 GPUs, gradient of 1e6 entries; each gpu exchanges chunks with its neighbours in "
    "2(n-1) steps.",
])
def test_a_ring_named_by_its_description(setup):
    data = _solved(setup + "\n(a) How many values does each GPU send?")
    got = list(_answers(data).values())
    assert len(got) == 1 and float(got[0]["value"]) == 2 * 7 * 10**6 / 8, got


def test_a_server_node_mentioned_in_a_request_names_no_scheme():
    from optiproof.reading import read_report
    text = ("There are n workers and p parameters.\n(a) Ring all-reduce with a dedicated server "
            "node watching: how many values does each worker send?")
    assert read_report(text).parts[0].value("schemes") == ["ring-allreduce"]


@pytest.mark.parametrize("text, p", [
    ("n = 8 nodes each hold a gradient of M bytes, M = 100 MB.", 10**8),
    ("8 workers; buffer of S bytes where S = 2 GB", 2 * 10**9),
    ("There are 8 GPUs and the gradient has N bytes (N = 512 kB).", 512_000),
])
def test_a_size_assigned_with_a_byte_unit_is_scaled(text, p):
    assert _counts(text)[1] == p


COST = ("Sending one message of m bytes costs α + mβ. There are n nodes, each with a gradient "
        "of M bytes, and the all-reduce uses Rabenseifner's algorithm.\n"
        "(a) Give the time T(n, M).\n"
        "(b) Take n = 16, α = 5 μs, β = 10^-10 s/byte and M = 10^8 bytes. Evaluate T.\n")


@pytest.mark.parametrize("ask", [
    "(c) Evaluate the Rabenseifner time for the setting of part (b).",
    "(c) What is the all-reduce time with the numbers of (b)?",
    "(c) Using the values from question b, give the Rabenseifner completion time in seconds.",
])
def test_a_time_for_the_setting_of_an_earlier_part(ask):
    data = _solved(COST + ask)
    got = [a for p in data["parts"] if p["label"] == "c" for a in p["answers"]]
    # by hand: 2 log2(16) α + 2 (15/16) M β = 8·5e-6 + 0.01875
    assert len(got) == 1 and abs(float(got[0]["value"]) - 0.01879) < 1e-12, got


def test_a_setting_of_a_part_that_does_not_exist_is_refused():
    from test_communication_wordings import _refusal
    assert "(f)" in _refusal(COST + "(c) Evaluate the Rabenseifner time for the setting of (f).")


PS = ("Data parallel on n = 8 GPUs, p = 10^8 parameters in fp16. A parameter server receives "
      "every worker's gradient and sends the averaged gradient back to each worker.\n")


@pytest.mark.parametrize("ask, key, bytes_", [
    ("(a) Give the number of bytes the server itself sends + receives per step.",
     "server-bytes-sent-plus-received", 3.2e9),
    ("(a) Report the number of bytes that the server sends plus receives in one step.",
     "server-bytes-sent-plus-received", 3.2e9),
    ("(a) how many bytes land on the server per iteration?", "server-bytes-received", 1.6e9),
    ("(a) How many bytes arrive at the server each step?", "server-bytes-received", 1.6e9),
])
def test_the_server_s_own_traffic(ask, key, bytes_):
    data = _solved(PS + ask)
    got = [a for p in data["parts"] for a in p["answers"]]
    assert [a["quantity"] for a in got] == [key] and float(got[0]["value"]) == bytes_, got


@pytest.mark.parametrize("setup", [
    "32 GPUs, model has 1.3B params, grads in fp32, ring allreduce. Each GPU can push 100 Gbit/s.",
    "Ring all-reduce over $n = 32$ accelerators of a $1.3\\times10^{9}$-parameter model (fp32); "
    "every link moves $12.5$ GB/s.",
    "we run ring all-reduce on 32 nodes with 1.3e9 float32 params; NICs do 100 gbps each.",
])
@pytest.mark.parametrize("ask", [
    "If we ignore latency completely, how long does the ring take per step (seconds)?",
    "Ignoring latency, how long does one all-reduce take?",
])
def test_a_rate_read_by_its_unit_and_how_long_it_takes(setup, ask):
    data = _solved(setup + "\n(a) " + ask)
    got = [a for p in data["parts"] for a in p["answers"]]
    # by hand: 2·31/32 · 1.3e9 · 4 bytes / 1.25e10 bytes/s
    assert [a["quantity"] for a in got] == ["time"] and abs(float(got[0]["value"]) - 0.806) < 1e-12


def test_two_different_rates_are_not_guessed():
    from test_communication_wordings import _refusal
    text = ("32 GPUs, 1.3B params in fp32, ring all-reduce; some links do 100 Gbit/s, others "
            "25 GB/s.\n(a) Ignoring latency, how long does one all-reduce take?")
    assert "bandwidth" in _refusal(text)


@pytest.mark.parametrize("setup, bytes_", [
    ("Our 8 GPUs all-reduce 16-bit gradients of a 10^8-parameter model with ring all-reduce.", 2),
    ("Ring all-reduce on 8 workers; the $10^8$ weights are stored as 4-byte floats.", 4),
    ("we have 8 nodes, ring allreduce, 1e8 params kept in 64-bit precision.", 8),
])
def test_bytes_per_entry_from_the_precision_in_words(setup, bytes_):
    data = _solved(setup + "\n(a) How many bytes does each GPU send in one all-reduce?")
    got = [a for p in data["parts"] for a in p["answers"]]
    assert float(got[0]["value"]) == 2 * 7 / 8 * 10**8 * bytes_, got


@pytest.mark.parametrize("ask", [
    "How many values does the parameter server receive per iteration (symbolic)?",
    "How many floats does the dedicated server receive in one step?",
    "how many values does the parameter-server receive each round",
])
def test_values_received_by_the_server_named_with_its_adjective(ask):
    text = ("n workers each hold a gradient of p floats; a parameter server averages them.\n(a) "
            + ask)
    data = _solved(text)
    got = [a for p in data["parts"] for a in p["answers"]]
    assert [a["quantity"] for a in got] == ["server-values-received"]
    assert sp.simplify(sp.sympify(got[0]["expr"]) - sp.sympify("n*p")) == 0


@pytest.mark.parametrize("again", [
    "(b) Evaluate the three triples for n = 4 and p = 1.2 × 10^7.",
    "(b) Now compute these quantities for $n=4$, $p=1.2\\times 10^{7}$.",
    "(b) evaluate both counts with n = 4, p = 12000000",
])
def test_evaluating_an_earlier_part_s_quantities_with_numbers(again):
    text = ("n workers, a model with p parameters, all-to-all and ring all-reduce.\n"
            "(a) For each scheme give the number of messages and the total volume in terms of n "
            "and p.\n" + again)
    data = _solved(text)
    got = {(a["quantity"], a["subject"]): float(a["value"]) for p in data["parts"]
           if p["label"] == "b" for a in p["answers"]}
    # by hand at n = 4: all-to-all 12 messages, 12p values; ring 2n(n-1) = 24, 2(n-1)p = 6p
    p = 1.2e7
    assert got == {("messages", "all-to-all"): 12, ("total-volume", "all-to-all"): 12 * p,
                   ("messages", "ring-allreduce"): 24, ("total-volume", "ring-allreduce"): 6 * p}
