"""The alpha-beta model of communication texts (latency and bandwidth in their usual wordings),
scheme phases, and the shared reading fixes they needed."""

from __future__ import annotations

from fractions import Fraction

import pytest

from optiproof.core.text.record import PartReading
from optiproof.families.communication.costmodel import read_cost_model
from optiproof.reading import read_report
from optiproof.reading.normalize import normalize
from optiproof.reading.questions import is_request, read_questions


def _model(own: str, context: str = "", element_bytes: int = 4) -> PartReading:
    r = PartReading("a", "communication")
    read_cost_model(own, context, r, element_bytes, "alpha", "bandwidth")
    return r


@pytest.mark.parametrize("text, alpha, bandwidth", [
    ("Each message has a start-up cost alpha = 3 us; links run at bandwidth 40 GB/s.",
     Fraction(3, 10**6), 40 * 10**9),
    ("latency α = 0.5 ms and bw = 2 GB/s (2*10^9 bytes/s)", Fraction(1, 2000), 2 * 10**9),
    ("with α = 8 µs = 8*10^-6 s and 1/β = 12.5 GB/s", Fraction(8, 10**6), 12_500_000_000),
    ("α = 1 ns; β = 2 ns per float", Fraction(1, 10**9), 2 * 10**9),  # 4 bytes / 2 ns
    ("α = 1 s and β = 10^-9 s/byte", 1, 10**9),
])
def test_numbers_with_units(text: str, alpha: Fraction, bandwidth: int) -> None:
    r = _model(text)
    assert Fraction(str(r.value("alpha"))) == alpha
    assert Fraction(str(r.value("bandwidth"))) == bandwidth


@pytest.mark.parametrize("text, bandwidth", [
    ("A message of k values costs α + kβ.", "4/beta"),
    ("Sending a message of m bytes costs α + m β.", "1/beta"),
    ("β is the transfer time per parameter.", "4/beta"),
    ("Links have bandwidth B.", "B"),
    ("Using the alpha-beta model (latency α per message, β seconds per float).", "4/beta"),
    ("with β sec per byte and latency α", "1/beta"),
    ("latency α, and β s per element sent", "4/beta"),
])
def test_symbols(text: str, bandwidth: str) -> None:
    r = _model(text)
    assert r.value("bandwidth") == bandwidth
    assert r.value("alpha") == ("alpha" if "α" in text else None)  # no latency: refused


def test_own_part_before_context_and_the_gigabyte() -> None:
    r = _model("Now α = 4 μs and the per-link bandwidth is 100 GB/s (1 GB = 10^9 bytes).",
               "A message of m entries costs α + mβ.")
    assert r.value("bandwidth") == 100 * 10**9
    assert any("10^9" in c.source for c in r.conventions)
    r = _model("bandwidth 10 GB/s, 1 GB = 2^30 bytes, α = 1 us")
    assert r.value("bandwidth") is None


def test_latex_tie_and_page_number() -> None:
    text = normalize("The link runs at $25~\\mathrm{GB/s}$.\n\n" + " " * 40 + "3\n").text
    assert "25 GB/s" in text and not text.strip().endswith("3")


def test_form_instruction_and_evaluate_setting() -> None:
    assert not is_request("Express your answer in terms of n, p and k.")
    assert is_request("Express the answer in bytes.")  # a unit, not a form: still asked
    q = read_questions("Evaluate for n = 8 GPUs and p = 10^6 parameters: how many bytes does "
                       "each GPU send?")
    assert [a.quantity for a in q.asks] == ["bytes-sent"] and not q.requests[0].unplaced


TEXT = """Eight GPUs average a gradient of 2^20 fp32 values.

(a) With ring all-reduce, how many messages are sent in total?
(b) How many bytes does each GPU send?
(c) Repeat (a) and (b) for recursive doubling.
(d) Same two quantities for Rabenseifner's algorithm (recursive-halving reduce-scatter, then an
all-gather by recursive doubling).
"""


def test_references_to_several_parts_and_chains() -> None:
    reading = read_report(TEXT)
    parts = {p.label: p for p in reading.parts}
    assert parts["c"].value("schemes") == ["recursive-doubling"]
    assert parts["c"].asked == ["messages", "bytes-sent"]
    assert parts["d"].value("schemes") == ["rabenseifner"]
    assert parts["d"].asked == ["messages", "bytes-sent"]


def test_one_phase_alone_is_refused() -> None:
    reading = read_report("n = 8 workers, p = 800 parameters.\n\n(a) Ring all-gather only: how "
                          "many rounds does it take?\n")
    assert "one phase" in " ".join(m.reason for m in reading.parts[0].missing)


CROSS = """Sixteen nodes all-reduce a vector of q floats, comparing a binomial tree with a ring.
A message of m floats costs α + mβ with α = 20 us and β = 2 ns per float.

(a) Give T_tree and T_ring as functions of q.
(b) Above which q is the ring faster?
"""


def test_crossover_of_the_two_times() -> None:
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    reading = read_report(CROSS)
    part = reading.parts[1]
    assert part.value("derived")[0]["solve_for"] == "q"
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    cross = [a for a in solution.to_dict()["parts"][1]["answers"]
             if a["quantity"] == "crossover"][0]
    # tree: 2*4*(α + qβ); ring: 30*(α + qβ/16) -> 8α + 8qβ = 30α + (15/8) qβ -> q = 22α/(49β/8)
    assert Fraction(cross["expr"]) == Fraction(22 * 20 * 8, 49 * 2) * 1000


def test_crossover_for_another_letter_is_refused() -> None:
    text = CROSS.replace("(b) Above which q is the ring faster?",
                         "(b) For which n is the ring faster?")
    assert read_report(text).parts[1].missing


@pytest.mark.parametrize("text", ["We ignore latency; bandwidth 10 GB/s.",
                                  "alpha = 0, bw = 1 GB/s", "latency is negligible, bw = 1 GB/s"])
def test_a_zero_latency_is_a_pure_bandwidth_model(text: str) -> None:
    r = _model(text)
    assert r.value("alpha") == 0 and not r.missing


@pytest.mark.parametrize("text", ["bandwidth 10 GB/s and α → 0",
                                  "latency α = 2 µs; now ignore latency; bw = 1 GB/s"])
def test_a_latency_limit_or_a_contradiction_is_refused(text: str) -> None:
    r = _model(text)
    assert r.value("alpha") is None and "zero" in r.missing[0].reason


@pytest.mark.parametrize("text, alpha, bandwidth", [
    # the cost formula gives the letters their roles, whatever the letters are
    ("A single point-to-point message of x bytes costs a + b*x seconds, with a = 2 microseconds "
     "(latency) and b = 1e-9 s/byte (i.e. 1 GB/s).", Fraction(2, 10**6), 10**9),
    ("Each message of k floats takes t_s + k t_w, where t_s = 5 us and t_w = 2 ns per float.",
     Fraction(5, 10**6), 2 * 10**9),
    ("Model: one message of n bytes costs L + n*g. Here L = 10 microseconds, g = 10^-10 s/byte.",
     Fraction(1, 10**5), 10**10),
])
def test_the_cost_formula_names_latency_and_bandwidth(text, alpha, bandwidth) -> None:
    r = _model(text)
    assert Fraction(str(r.value("alpha"))) == alpha
    assert Fraction(str(r.value("bandwidth"))) == bandwidth


def test_a_letter_outside_the_cost_formula_is_not_a_latency() -> None:
    r = _model("Set a = 3 us and b = 1 ns per byte; the latency is α = 2 us and the bandwidth "
               "10 GB/s.")
    assert Fraction(str(r.value("alpha"))) == Fraction(2, 10**6)
    assert Fraction(str(r.value("bandwidth"))) == 10**10


@pytest.mark.parametrize("question", [
    "How many point-to-point messages would a naive all-to-all exchange need?",
    "What is the total number of individual messages in the all-to-all exchange?",
    "how many p2p messages does all-to-all send in total",
])
def test_messages_with_an_adjective(question: str) -> None:
    text = f"Exchange\n\n8 workers each hold a gradient of 1000 floats.\n\n(a) {question}\n"
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert reading.parts[0].asked == ["messages"]


@pytest.mark.parametrize("question, quantity", [
    ("Give the total number of bytes transferred.", "total-bytes"),
    ("What is the total amount of bytes exchanged in one step?", "total-bytes"),
    ("total number of bytes communicated = ?", "total-bytes"),
    ("Give the number of bytes sent by each individual worker.", "bytes-sent"),
    ("How large is the count of bytes sent by a single GPU?", "bytes-sent"),
    ("Report the bytes sent by every worker", "bytes-sent"),
])
def test_bytes_in_other_words(question: str, quantity: str) -> None:
    text = (f"Exchange\n\n8 workers each hold a gradient of 1000 fp32 values.\n\n"
            f"(a) Ring all-reduce. {question}\n")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert reading.parts[0].asked == [quantity]


@pytest.mark.parametrize("text, bandwidth", [
    ("β = 1/(10 GB/s) = 10^-10 s/byte", 10**10),
    ("$\\beta = \\frac{1}{25\\ \\text{GB/s}}$", 25 * 10**9),
    ("beta = 1 / (2 GB/s)", 2 * 10**9),
])
def test_beta_as_the_reciprocal_of_a_bandwidth(text: str, bandwidth: int) -> None:
    r = _model("latency α = 1 us, " + normalize(text).text)
    assert Fraction(str(r.value("bandwidth"))) == bandwidth


@pytest.mark.parametrize("question, asked", [
    ("How many sequential communication steps does ring all-reduce need, and how many bytes "
     "does each message carry?", ["rounds", "message-bytes"]),
    ("Ring all-reduce: how many parallel steps, and how many bytes are carried in each message?",
     ["rounds", "message-bytes"]),
    ("For the ring, how many synchronous rounds are there?", ["rounds"]),
])
def test_steps_and_bytes_per_message_in_other_words(question: str, asked: list) -> None:
    text = (f"Exchange\n\n8 GPUs, a model of 10^6 parameters in fp16.\n\n(a) {question}\n")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert reading.parts[0].asked == asked


@pytest.mark.parametrize("ask", [
    "Keep n, α and β fixed but let p vary. Find p^* at which T_ring = T_tree.",
    "Now let p be free: for which p are the ring and the tree equally fast?",
    "Let p vary. Above which p is the ring faster than the tree?",
])
def test_a_part_that_lets_the_parameter_count_vary(ask: str) -> None:
    text = ("Exchange\n\nn = 8 GPUs, p = 10^6 fp32 parameters, latency α = 5 us, bandwidth "
            "10 GB/s; ring all-reduce versus binomial-tree all-reduce.\n\n"
            "(a) Compute both times.\n\n(b) " + ask + "\n")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    b = reading.parts[1]
    assert b.value("p") == "p" and b.value("derived")[0]["kind"] == "crossover"
    assert reading.parts[0].value("p") == 10**6


@pytest.mark.parametrize("ask", [
    "Keeping n, α and β fixed, below which gradient size M (in bytes) is the tree faster than "
    "the ring? Give the crossover M^*.",
    "Keep everything else constant. For which buffer size M are ring and tree equally fast?",
    "keeping n fixed, find the gradient size M where T_ring = T_tree",
    "Now let the gradient size M (in bytes) vary. Above which M is the ring faster than the "
    "tree?",
])
def test_a_part_that_varies_the_gradient_size_in_bytes(ask: str) -> None:
    text = ("Exchange\n\n16 GPUs, a 350M-parameter model in fp16; a message of m bytes costs "
            "α + mβ with α = 5 us and bandwidth 25 GB/s.\n\n- Ring all-reduce: 2(n-1) steps, "
            "each GPU sends M/n bytes per step, where M is the gradient size in bytes.\n"
            "- Tree all-reduce: a binomial-tree reduce then broadcast.\n\n"
            "(a) What is the time of one ring all-reduce?\n\n(b) " + ask + "\n")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    b = reading.parts[1]
    assert (b.value("p"), b.value("dtype")) == ("M", "byte")
    crossover = b.value("derived")[0]   # the two times in the order the part names them
    assert (crossover["kind"], crossover["solve_for"]) == ("crossover", "M")
    assert {crossover["of"], crossover["to"]} == {"time[ring-allreduce]", "time[tree-allreduce]"}
    assert reading.parts[0].value("dtype") == "float16"


@pytest.mark.parametrize("ask, scale", [
    ("Time of one ring all-reduce (in ms).", "1/1000"),
    ("What is the time of one ring all-reduce, in milliseconds?", "1/1000"),
    ("Compute the time of the all-reduce in μs.", "1/1000000"),
])
def test_a_time_asked_in_a_smaller_unit(ask: str, scale: str) -> None:
    text = ("Exchange\n\n8 GPUs all-reduce 10^6 fp32 parameters with ring all-reduce; latency "
            "α = 5 us, bandwidth 10 GB/s.\n\n(a) " + ask + "\n")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    derived = reading.parts[0].value("derived")
    assert [(d["of"], str(d["to"])) for d in derived] == [("time[ring-allreduce]", scale)]


@pytest.mark.parametrize("text, bandwidth, source_end", [
    ("a link bandwidth of 100 GB/s, i.e. β = 10^-11 s/byte", 10**11, "s/byte"),
    ("bandwidth 25 GB/s (i.e. beta = 4*10^-11 s/byte)", 25 * 10**9, "s/byte)"),
    ("bandwidth 10 GB/s, i.e., β = 1e-10 s/byte.", 10**10, "s/byte"),
    ("bandwidth 10 GB/s, i.e. β = 10^-9 s/byte", 10**10, "GB/s"),   # disagrees: not taken
])
def test_a_bandwidth_restated_as_beta(text: str, bandwidth: int, source_end: str) -> None:
    r = _model("latency α = 1 us, " + text)
    assert Fraction(str(r.value("bandwidth"))) == bandwidth
    assert r.fields["bandwidth"].source.endswith(source_end)


@pytest.mark.parametrize("own", [
    "(d) How many messages are sent in total if instead each of the n = 10 workers sends its "
    "full gradient directly to every other worker?",
    "(d) And if every one of the 10 GPUs ships its local gradient straight to all other GPUs, "
    "how many messages is that?",
    "(d) Suppose instead all workers send their whole vector to every other worker. Number of "
    "messages?",
])
def test_a_scheme_described_in_words_is_the_part_s_scheme(own):
    text = ("n = 10 workers each hold a gradient of p floats. Parameter server: each worker sends "
            "its gradient to the server, which sends the average back. Ring all-reduce: "
            "reduce-scatter then all-gather.\n(a) Give the number of messages of both schemes.\n"
            + own)
    part = read_report(text).to_problem().parts[1]
    assert part.schemes == ["all-to-all"]


@pytest.mark.parametrize("definition", ["(10^9 bytes = 1 GB)", "(GB = 10^9 bytes)",
                                        "where 1000000000 bytes = 1 GB"])
def test_the_gigabyte_defined_in_either_order_is_read_for_a_time(definition: str) -> None:
    reading = read_report("Four accelerators all-reduce 10^6 float32 weights with a ring; every "
                          "step costs α + (bytes sent in that step)/B with α = 2 µs and link "
                          f"bandwidth B = 20 GB/s {definition}.\n(a) How long does the all-reduce "
                          "take?\n(b) How many steps does the ring need?\n")
    assert reading.complete, reading.unread()
    part = reading.parts[0]
    assert part.value("bandwidth") == 20 * 10**9
    assert any(c.name == "gigabyte" for c in part.conventions)
