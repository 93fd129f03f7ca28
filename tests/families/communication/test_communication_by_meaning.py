"""Communication texts read by meaning: the counts whatever their letters (a tree of n = 2^k − 1
nodes, a gradient in ℝ^d, a buffer of m = 4 · 10^8 bytes), the schemes a part names by a label,
by a reference to earlier parts or by "both algorithms", an elliptic "And scheme A?", and costs
asked in other words ("the α-β time", "MB sent per GPU"). Each mechanism is checked on several
phrasings of our own, in different styles."""

from __future__ import annotations

import pytest
import sympy as sp

from optiproof.catalogue import QUANTITIES
from optiproof.reading import read_report
from optiproof.reading.normalize import normalize

from test_communication_wordings import _refusal, _solved


def _parts(text: str):
    return read_report(text).parts


def _answers(data: dict) -> dict[tuple[str, str, str | None], object]:
    return {(p["label"], a["quantity"], a["subject"]): a for p in data["parts"]
            for a in p["answers"]}


# -- roles: the counts by meaning ----------------------------------------------------------------

@pytest.mark.parametrize("setup", [
    "n workers each hold a gradient of p floats. The workers form a binomial tree with "
    "n = 2ᵏ − 1 nodes.",
    "We have $n$ workers, each with a gradient of $p$ entries, arranged as a binomial tree on "
    "$n = 2^k - 1$ nodes.",
    "n workers, gradients of p floats each; binomial tree, n = 2^k - 1 nodes, root = worker 0.",
])
def test_a_letter_set_to_an_expression_is_that_letter(setup):
    text = setup + "\n\n(a) Give the number of messages.\n(b) Let n = 15. How many messages?"
    a, b = _parts(text)
    assert a.value("n") == "n" and a.value("p") == "p", a.missing
    assert b.value("n") == 15, b.missing  # 15 = 2^4 − 1: no power of two is claimed


def test_two_letters_for_the_workers_are_refused_naming_both():
    text = ("m workers each hold a gradient of p floats, arranged as a binomial tree with "
            "n = 2^k - 1 nodes. How many messages are sent in total?")
    why = _refusal(text)
    assert "different letters" in why and "m workers" in why and "2^k - 1 nodes" in why


@pytest.mark.parametrize("text", [
    "Each of n GPUs holds a gradient g_i ∈ ℝ^d. With ring all-reduce, how many messages does "
    "each GPU send, and what is the total volume?",
    "n workers; every worker has a gradient vector $g_i \\in \\mathbb{R}^{d}$. Ring all-reduce: "
    "number of messages and total volume?",
    "n nodes, local gradients g_i in R^d, ring allreduce. How many messages does each node "
    "send? total volume?",
])
def test_a_gradient_in_r_d_has_d_parameters(text):
    (part,) = _parts(text)
    assert part.value("p") == "d", part.missing


@pytest.mark.parametrize("text, p", [
    ("8 GPUs each hold a gradient buffer of M = 2 × 10^8 bytes. With ring all-reduce, how many "
     "bytes does each GPU send?", 2 * 10**8),
    ("Consider n = 16 nodes, each holding a gradient buffer of\nm = 4 · 108 bytes. Ring "
     "all-reduce: how many bytes does each node send?", 4 * 10**8),
    ("16 ranks; the gradient tensor has size S = 3 × 10^6 bytes. Ring all-reduce: how many "
     "bytes does each rank send?", 3 * 10**6),
])
def test_a_buffer_of_bytes_named_by_a_letter(text, p):
    (part,) = _parts(text)
    assert part.value("p") == p and part.value("dtype") == "byte", part.missing


# -- schemes: by label, by reference, by "both" --------------------------------------------------

@pytest.mark.parametrize("text", [
    "n workers hold gradients of p floats.\n\nScheme A — ring all-reduce.\nScheme B — parameter "
    "server.\n\n(a) For scheme B, give the number of messages.",
    "n workers, p parameters.\nOption 1: a parameter server collects and returns the average.\n"
    "Option 2: ring all-reduce.\n(a) How many messages does option 1 send in total?",
    "$n$ workers with $p$ entries each.\n\n**Method A** uses a ring all-reduce; **method B** is a "
    "parameter server.\n\n1. Number of messages for method A?\n2. Number of messages for method B?",
])
def test_a_label_names_the_scheme_it_was_defined_with(text):
    parts = _parts(text)
    assert parts[-1].value("schemes") == ["parameter-server"], parts[-1].missing


@pytest.mark.parametrize("last", [
    "(c) Write down the α-β time of both algorithms as functions of n, p, α, β.",
    "(c) Give the alpha-beta times of the two methods.",
    "(c) Which one is faster for n = 16, p = 10^6, α = 1e-5 s, β = 1e-9 s per float?",
])
def test_several_schemes_referred_to_are_those_of_the_earlier_parts(last):
    text = ("n = 2^k workers, each with p floats; a round moving messages of m floats costs "
            "α + m β.\n\n(a) Recursive doubling: number of rounds?\n(b) Ring all-reduce: number "
            "of rounds?\n" + last)
    parts = _parts(text)
    assert parts[2].value("schemes") == ["recursive-doubling", "ring-allreduce"], parts[2].missing


_PS = "n workers each hold a gradient of p entries.\n\n(a) Parameter server: give the messages.\n"
_RD = "n = 2^k workers, p floats each.\n\n(a) Recursive doubling: give the number of messages.\n"


@pytest.mark.parametrize("first, second, scheme", [
    (_PS, "(b) For the same scheme, how many entries pass through the server in total?",
     "parameter-server"),
    (_PS, "(b) In this scheme, how much data passes through the server?", "parameter-server"),
    (_PS, "(b) same algorithm: how many floats go through the server node?", "parameter-server"),
    (_RD, "(b) How many rounds does (a) take?", "recursive-doubling"),
    (_RD, "(b) Number of rounds of the schedule in (a)?", "recursive-doubling"),
    (_RD, "(b) For (a): how many communication rounds?", "recursive-doubling"),
])
def test_the_same_scheme_or_a_part_by_its_label_gives_that_part_s_scheme(first, second, scheme):
    a, b = _parts(first + second)
    assert b.value("schemes") == [scheme], b.missing


@pytest.mark.parametrize("last,ratio", [
    ("(c) What is the number of messages of (a) minus that of (b)?", False),
    ("(c) Total messages in (a) divided by total messages in (b) = ?", True),
    ("(c) total volume (a) divided by total volume (b)?", True),
])
def test_two_answers_combined_are_a_derived_ratio_or_refused(last, ratio):
    """'X divided by Y' of two parts is read as their ratio; a combination no derived
    quantity reads ('minus that of') is refused, never answered as its operands."""
    text = ("n workers, each with a gradient of p floats.\n\n(a) Ring all-reduce: number of "
            "messages and total volume.\n(b) Parameter server: number of messages and total "
            "volume.\n" + last)
    if not ratio:
        assert "combines two answers" in _refusal(text)
        return
    (entry,) = read_report(text).parts[-1].value("derived")
    assert entry["kind"] == "ratio" and entry["of"]["part"] == "a" and entry["to"]["part"] == "b"


@pytest.mark.parametrize("question", [
    "How many messages are sent in total with the ring? And the parameter server?",
    "Scheme A is a ring all-reduce and scheme B is a parameter server. How many messages does "
    "scheme A send in total? And scheme B?",
    "Total number of messages for ring all-reduce and for a parameter server? What about the "
    "parameter server?",
])
def test_a_request_naming_only_a_scheme_repeats_the_request(question):
    data = _solved("n workers each hold a gradient of p floats. " + question)
    got = _answers(data)
    assert {s for (_, q, s) in got if q == "messages"} == {"ring-allreduce",
                                                            "parameter-server"}


@pytest.mark.parametrize("text", [
    "n = 15 workers form a complete binary tree. Reduce then broadcast: how many rounds?",
    "Workers arranged as a binary tree (heap-shaped), 8 GPUs, gradient of p floats: what is the "
    "largest number of floats sent by a single node?",
    "n workers; binary-tree reduce then broadcast of p floats. Number of rounds?",
])
def test_a_binary_tree_is_not_answered_as_a_binomial_tree_where_they_differ(text):
    assert "binomial tree" in _refusal(text + " Each worker holds p floats.")


@pytest.mark.parametrize("text", [
    "n = 8 workers, each with a gradient of p floats, form a complete binary tree; reduce then "
    "broadcast. How many messages in total?",
    "16 GPUs, binary-tree reduce followed by a binary-tree broadcast of a gradient of p floats; "
    "give the total volume.",
    "n workers, each holding a vector of p floats, reduce along a binary tree and then "
    "broadcast down it. What is the total number of messages?",
])
def test_a_binary_tree_has_the_messages_and_volume_of_a_binomial_tree(text):
    data = _solved(text)
    assert any(q in ("messages", "total-volume") for (_, q, _) in _answers(data))


# -- costs asked in other words --------------------------------------------------------------------

@pytest.mark.parametrize("ask", [
    "Write down the α-β time of the ring.",
    "Give the alpha-beta cost of one ring all-reduce.",
    "Time of one ring all-reduce (in ms)?",
])
def test_the_time_asked_in_other_words(ask):
    text = ("We average a gradient of 10^8 parameters in fp32 over 8 GPUs with ring all-reduce; "
            "latency α = 5 µs, bandwidth 100 GB/s. " + ask)
    got = _answers(_solved(text))
    value = got[("main", "time", "ring-allreduce")]
    # by hand: 14 steps of α + (10^8 · 4 / 8 bytes) / 10^11 B/s
    want = 14 * (sp.Rational(5, 10**6) + sp.Rational(4 * 10**8 // 8, 10**11))
    assert sp.Rational(value["expr"]) == want


@pytest.mark.parametrize("ask, key", [
    ("give the total number of floats communicated", "total-volume"),
    ("give [number of rounds, floats sent per worker]", "values-sent"),
    ("what is the largest number of floats sent by a single node?", "busiest-sent"),
])
def test_counts_asked_in_other_words(ask, key):
    text = "n workers each hold a gradient of p floats. For ring all-reduce, " + ask
    (part,) = _parts(text)
    assert key in (part.value("quantities") or []), (part.value("quantities"), part.missing)


@pytest.mark.parametrize("ask", [
    "- MB sent per GPU = ? (1 MB = 10^6 bytes)",
    "How many MB sent per GPU?",
    "megabytes sent per worker: ?",
])
def test_a_size_asked_by_its_unit(ask):
    text = ("Ring allreduce on 8 GPUs, a model of 25.6M params in fp32.\n" + ask)
    got = _answers(_solved(text))
    mb = [a for (_, q, s), a in got.items() if q == "ratio"]
    # by hand: 2 (n - 1)/n · 25.6e6 · 4 bytes = 179.2 MB
    assert any(sp.nsimplify(a["expr"]) == sp.Rational(1792, 10) for a in mb), got.keys()


@pytest.mark.parametrize("raw, read", [
    ("a buffer of m = 4 · 108 bytes", "4 · 10^8"),
    ("M = 2.5 · 109 bytes", "2.5 · 10^9"),
    ("S = 6 × 1012 bytes", "6 × 10^12"),
])
def test_a_flattened_power_of_ten_after_a_product_sign(raw, read):
    assert read in normalize(raw).text


def test_a_product_of_plain_numbers_is_not_a_power():
    assert normalize("2 · 101 = 202 and 3 · 100").text == "2 · 101 = 202 and 3 · 100"


@pytest.mark.parametrize("text", [
    "Ring all-reduce over n workers with p floats each.\n\n(a) Give the messages.\n(b) Write "
    "down the α-β time of both algorithms.",
    "We use a ring allreduce; n GPUs, gradient of p floats.\n1. Number of messages?\n2. Which "
    "one is faster, in the α-β model?",
    "n workers, p floats, parameter server.\n(a) number of messages?\n(b) the two times?",
])
def test_several_schemes_referred_to_where_one_is_named_are_refused(text):
    assert "refers to several schemes" in _refusal(text)


@pytest.mark.parametrize("text, p, dtype", [
    ("Ring all-reduce on 8 GPUs. The gradient is M = 4×10^8 bytes. How many bytes does each GPU "
     "send?", 4 * 10**8, "byte"),
    ("ring allreduce, 8 gpus, the gradient is 400 MB -- how many bytes does each gpu send?",
     4 * 10**8, "byte"),
    ("Eight GPUs average gradients of 1.5 GB with a ring all-reduce. How many bytes does one GPU "
     "send?", 15 * 10**8, "byte"),
    ("A 350M-parameter model in fp32 (the gradient is 1.4 GB) on 16 GPUs, ring all-reduce. How "
     "many bytes does each GPU send?", 350 * 10**6, "float32"),
])
def test_the_gradient_s_size_in_bytes(text, p, dtype):
    reading = read_report(text)
    (part,) = reading.parts
    assert (part.value("p"), part.value("dtype")) == (p, dtype), part.missing
    assert reading.unused == []


def test_a_gradient_size_in_megabytes_of_2_20_bytes_is_not_read_as_powers_of_ten():
    text = ("Ring all-reduce, 8 GPUs, gradients of 400 MB (1 MB = 2^20 bytes). How many bytes "
            "does each GPU send?")
    assert "number of parameters is not stated" in _refusal(text)


@pytest.mark.parametrize("text, p", [
    ("k workers, each with a d-dimensional gradient, use ring all-reduce. Total volume?", "d"),
    ("n workers average a 4096-dimensional gradient vector with ring all-reduce. Total volume?",
     4096),
    ("n GPUs; D-dimensional local gradients; ring allreduce. total volume?", "D"),
])
def test_a_d_dimensional_gradient_has_d_parameters(text, p):
    (part,) = _parts(text)
    assert part.value("p") == p, part.missing


@pytest.mark.parametrize("text", [
    "There are 2^k - 1 nodes in a binomial tree, each with a gradient of p floats. How many "
    "messages in total?",
    "A binomial tree of $2^{k} - 1$ workers holds gradients of $p$ entries. Total messages?",
    "2ᵏ − 1 GPUs (binomial tree), p floats each: number of messages?",
])
def test_a_worker_count_written_as_an_expression_with_no_letter_is_refused(text):
    assert "written as an expression" in _refusal(text)


@pytest.mark.parametrize("ask, want", [
    ("How much data (in GB) does each GPU send?", sp.Rational(21, 16)),
    ("How many gigabytes does each GPU send?", sp.Rational(21, 16)),
    ("how much data does one GPU send, in MB?", sp.Rational(2625, 2)),
])
def test_a_size_asked_in_a_larger_unit_of_bytes(ask, want):
    data = _solved("Ring all-reduce, 16 GPUs, 350M params in fp16. " + ask)
    got = _answers(data)
    # by hand: 2 (n - 1)/n · 350e6 · 2 bytes = 1.3125e9 bytes
    assert sp.Integer(got[("main", "bytes-sent", "ring-allreduce")]["expr"]) == 1_312_500_000
    assert got[("main", "ratio", "ring-allreduce")]["expr"] == str(want)


_RD_RING = ("8 GPUs, a model of 25 million parameters in fp32. Recursive doubling: in round k "
            "GPU i swaps its whole buffer with GPU i XOR 2^k. Ring all-reduce: reduce-scatter "
            "then all-gather.\n\n1. bytes sent by one GPU in recursive doubling?\n2. bytes sent "
            "by one GPU in ring all-reduce?\n3. ")


@pytest.mark.parametrize("ask, want", [
    # bytes per GPU is what one GPU sends: 3 · 10^8 / (2 · 7/8 · 10^8) = 12/7
    ("ratio (bytes per GPU, recursive doubling) / (bytes per GPU, ring) -- exact fraction",
     sp.Rational(12, 7)),
    ("(bytes per worker with recursive doubling) divided by (bytes per worker with ring)?",
     sp.Rational(12, 7)),
    ("ratio (MB per node, recursive doubling) / (MB per node, ring)?", sp.Rational(12, 7)),
    # the size of one message: 10^8 / (10^8 / 8) = 8
    ("ratio (bytes per message, recursive doubling) / (bytes per message, ring)?",
     sp.Integer(8)),
])
def test_bytes_per_gpu_in_a_ratio_is_what_one_gpu_sends(ask, want):
    got = _answers(_solved(_RD_RING + ask))
    ratios = [a for (p, q, s), a in got.items() if p == "3" and q == "ratio" and s is None]
    assert [sp.Rational(a["expr"]) for a in ratios] == [want], got.keys()


@pytest.mark.parametrize("sentence", [
    "bytes per GPU", "megabytes per worker", "bytes (sent) per node",
])
def test_bytes_per_node_is_bytes_sent(sentence):
    assert [m.entry.key for m in QUANTITIES.mentions(sentence)] == ["bytes-sent"]


def test_bytes_per_node_received_is_not_bytes_sent():
    assert "bytes-sent" not in [m.entry.key for m in
                                QUANTITIES.mentions("bytes per GPU received")]


def _unread(text: str) -> list[str]:
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    reading = read_report(text)
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    reading.attach(solution)
    assert solution.parts[-1].answers
    return [u for p in solution.parts for u in p.unread]


_MODEL = ("n workers each hold a gradient with p entries. Ring all-reduce: n − 1 reduce-scatter "
          "steps followed by n − 1 all-gather steps, in each of which every worker sends one chunk "
          "to its successor on the ring. In the α–β model one synchronous step in which each "
          "worker sends a message of m numbers costs α + βm. ")


@pytest.mark.parametrize("ask, phrase", [
    ("Give the time of ring all-reduce as a function of n, p, α, β, and evaluate it for n = 64, "
     "p = 6.4 · 10^7, α = 10^-5 s and β = 10^-9 s per number.", "as a function of n, p, α, β"),
    ("Give the time of ring all-reduce in terms of n and p, and evaluate it for n = 8, p = 10^6, "
     "α = 10^-5 s and β = 10^-9 s per number.", "in terms of n and p"),
    ("Symbolically, what is the time of ring all-reduce? Take n = 16, p = 10^6, α = 1 µs and "
     "β = 1 ns per number.", "Symbolically"),
])
def test_a_formula_asked_is_never_answered_by_a_number_alone(ask, phrase):
    unread = _unread(_MODEL + ask)
    assert any(f"'{phrase}'" in u and "every answer of this part is a number" in u
               for u in unread), unread


@pytest.mark.parametrize("ask", [
    "Give the time of ring all-reduce as a function of n, p, α, β.",
    "Give the time of ring all-reduce for n = 64, p = 6.4 · 10^7, α = 10^-5 s and "
    "β = 10^-9 s per number.",
    "What is the time of ring all-reduce in terms of n, p, α and β?",
])
def test_a_formula_or_a_number_asked_alone_is_answered(ask):
    assert not any("is a number" in u for u in _unread(_MODEL + ask))
