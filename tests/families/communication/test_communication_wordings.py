"""Communication texts in wordings the reader learned: a zero latency, a ratio asked as a
comparison, n = 2^k, "every worker ends with the sum", definitions, labels and numbering."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from optiproof.core.errors import BadInput
from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, read_report
from optiproof.reading.parts import _sections, split_parts


def _solved(text: str) -> dict:
    reading = read_report(text)
    problem = reading.to_problem()
    solution = solve_problem(problem, SolveOptions(figures=False))
    reading.attach(solution)
    data = solution.to_dict()
    assert solution.exit_code == 0, data
    return data


def _answers(data: dict) -> dict[tuple[str, str | None], object]:
    return {(a["quantity"], a["subject"]): a for p in data["parts"] for a in p["answers"]}


def _refusal(text: str) -> str:
    reading = read_report(text)
    with pytest.raises((ReadingIncomplete, BadInput)) as err:
        reading.to_problem()
    return "\n".join(reading.unread()) or str(err.value)


SETUP = ("We average a gradient of p = 64,000,000 parameters in fp32 over n = 8 GPUs with ring "
         "all-reduce. Each GPU sends at 10 GB/s. ")


@pytest.mark.parametrize("clause", [
    "Ignore latency. How long does one all-reduce take?",
    "Assume the latency is negligible. How long does one all-reduce take?",
    "Neglecting latency, what is the total time in seconds?",
    "With zero latency, how long does the all-reduce take?",
])
def test_a_zero_latency_is_a_pure_bandwidth_time(clause):
    data = _solved(SETUP + clause)
    got = _answers(data)[("time", "ring-allreduce")]
    # by hand: each GPU sends 2(n-1) chunks of p/n floats of 4 bytes at 10^10 bytes/s
    want = Fraction(2 * 7 * 8_000_000 * 4, 10**10)
    assert sp.Rational(got["expr"]) == sp.Rational(want.numerator, want.denominator)


@pytest.mark.parametrize("clause", [
    "Give the time as a function of α and p, and its value when the latency is ignored.",
    "What does the time tend to as α → 0?",
    "With latency α = 5 µs, ignore latency: how long does it take?",
])
def test_a_zero_latency_with_a_latency_variable_is_refused(clause):
    assert "latency" in _refusal(SETUP + clause)


def test_a_negated_zero_latency_is_not_read_as_zero():
    reading = read_report(SETUP + "Do not ignore latency (α = 5 µs). How long does it take?")
    problem = reading.to_problem()
    assert problem.parts[0].alpha != 0


@pytest.mark.parametrize("question, want", [
    ("How many times more data does the server receive than a single GPU sends in the ring?",
     Fraction(8 * 8, 2 * 7)),
    ("By what factor is the number of bytes the server receives larger than what one worker "
     "sends with ring all-reduce?", Fraction(8 * 8, 2 * 7)),
    ("How many times more bytes does one worker send in the parameter server scheme than in "
     "the ring?", Fraction(8, 2 * 7)),
])
def test_a_ratio_asked_as_a_comparison_of_two_nodes(question, want):
    text = ("8 workers train a model with 1,000,000 parameters in fp16. Option 1: a parameter "
            "server (a separate machine) receives every gradient and sends the average back. "
            "Option 2: ring all-reduce. How many bytes does the server receive in option 1? "
            "How many bytes does each worker send in option 2? " + question)
    data = _solved(text)
    ratio = [a for p in data["parts"] for a in p["answers"] if a["quantity"] == "ratio"]
    assert len(ratio) == 1 and sp.Rational(ratio[0]["expr"]) == sp.Rational(
        want.numerator, want.denominator)


def test_a_comparison_naming_no_one_node_is_refused():
    text = ("8 workers, 1,000,000 parameters in fp16, parameter server versus ring all-reduce. "
            "How many bytes does the server receive? How many times more data moves in total "
            "in the parameter server than in the ring?")
    assert "ratio" in _refusal(text)


@pytest.mark.parametrize("power", ["n = 2^k", "n = 2**k", "n = 2ᵏ"])
def test_n_a_power_of_two_writes_the_answers_in_its_exponent(power):
    text = (f"There are {power} workers, each with a gradient of p floats. Binomial tree "
            "all-reduce (reduce to worker 0, then broadcast). Give the number of rounds and "
            "the number of messages.")
    data = _solved(text)
    got = _answers(data)
    k, n = sp.Symbol("k"), sp.Symbol("n")
    assert sp.sympify(got[("rounds", "tree-allreduce")]["expr"]) == 2 * k
    assert sp.simplify(sp.sympify(got[("messages", "tree-allreduce")]["expr"]) - 2 * (n - 1)) == 0


def test_n_a_power_of_two_clashing_with_the_servers_letter_is_refused():
    text = ("n = 2^k workers and k parameter server shards hold p parameters. How many messages "
            "are sent?")
    reading = read_report(text)
    with pytest.raises((ReadingIncomplete, BadInput)):
        reading.to_problem()


@pytest.mark.parametrize("proof", [
    "Show that after these rounds every rank holds the full sum.",
    "Prove that at the end each worker has the complete sum of the gradients.",
    "Verify that all GPUs end up with the same sum.",
])
def test_every_worker_ends_with_the_sum_is_answered_and_simulated(proof):
    text = ("n workers each hold a gradient of p floats. Recursive doubling: in round i every worker exchanges "
            f"its vector with the partner whose rank differs in bit i. How many rounds? {proof}")
    data = _solved(text)
    part = data["parts"][0]
    held = [a for a in part["answers"] if a["quantity"] == "holds-sum"]
    assert held and held[0]["value"] is True
    assert any(c["method"] == "exact simulator" and c["passed"] for c in part["checks"])


def test_a_definition_clause_is_not_an_ask():
    from optiproof.reading.questions import read_questions

    asks = [a.quantity for r in read_questions(
        "Give the total volume, where the total volume is the sum of the sizes of all "
        "messages.").requests for a in r.asks]
    assert "sum" not in asks and "total-volume" in asks
    asks = [a.quantity for r in read_questions("What is the sum of the two totals?").requests
            for a in r.asks]
    assert "sum" in asks


def test_labels_numbering_and_a_model_size_are_read_not_left_unused():
    text = ("16 GPUs (ranks 0..15) train a 350M model (350M parameters) in fp16. Option 1 is "
            "a binomial tree all-reduce rooted at rank 0; option 2 is ring all-reduce. For "
            "option 1 and option 2, how many messages are sent?")
    reading = read_report(text)
    reading.to_problem()
    assert reading.unused == []


def test_a_model_size_that_disagrees_with_the_parameter_count_is_refused():
    text = ("A 100M model with 200M parameters is trained on 8 GPUs with ring all-reduce. How "
            "many messages are sent?")
    assert "parameters" in _refusal(text)


@pytest.mark.parametrize("text", [
    "n workers each hold a gradient of p floats; ring all-reduce. How many messages are sent in total, and "
    "what is the size of each?",
    "n workers each hold a gradient of p floats; ring all-reduce. Count the messages and give the size of "
    "each.",
])
def test_the_size_of_each_after_messages_is_the_message_size(text):
    asked = read_report(text).to_problem().parts[0].quantities
    assert asked == ["messages", "message-size"]


def test_one_message_takes_alpha_plus_m_beta_and_run_time_and_presentation():
    text = ("n workers each hold a gradient of p floats; recursive doubling. In the alpha-beta model (one "
            "message of m floats takes alpha + m*beta), what is the run time of the whole "
            "all-reduce? Give answers in terms of n and p.")
    part = read_report(text).to_problem().parts[0]
    assert part.quantities == ["time"] and part.bandwidth == "4/beta"


TWO = ("n = 16 workers each hold a gradient of 1,000,000 fp32 values. A message of m bytes "
       "costs alpha + beta*m with alpha = 10 us and beta = 10^-10 s/byte. Schemes: ring "
       "all-reduce and recursive doubling. ")


@pytest.mark.parametrize("clause", [
    "For a tiny gradient (ignore the beta terms), how long does each scheme take?",
    "Using only the alpha terms, what is the total time of each?",
    "In a latency-only model, what is the time of each scheme?",
])
def test_a_time_with_the_bandwidth_terms_dropped_is_its_latency_part(clause):
    data = _solved(TWO + clause)
    got = _answers(data)
    # by hand: the ring has 2(n-1) = 30 steps, recursive doubling log2 16 = 4 rounds
    assert sp.Rational(got[("latency-time", "ring-allreduce")]["expr"]) == sp.Rational(30, 10**5)
    assert sp.Rational(got[("latency-time", "recursive-doubling")]["expr"]) == sp.Rational(4, 10**5)
    assert ("time", "ring-allreduce") not in got


@pytest.mark.parametrize("question, faster", [
    ("Which one is faster?", "ring all-reduce"),
    ("Which of the two algorithms is faster?", "ring all-reduce"),
])
def test_which_scheme_is_faster_is_the_least_exact_time(question, faster):
    data = _solved(TWO + "What is the time of each scheme? " + question)
    part = data["parts"][0]
    times = {a["subject"]: sp.Rational(a["expr"]) for a in part["answers"]
             if a["quantity"] == "time"}
    # by hand: ring 30(1e-5 + 62500*4e-10) = 1.05e-3 s; doubling 4(1e-5 + 4e6*1e-10) = 1.64e-3 s
    assert times["ring-allreduce"] == sp.Rational(105, 10**5)
    assert times["recursive-doubling"] == sp.Rational(164, 10**5)
    assert part["identified_as"] == faster
    assert any(c["method"] == "faster scheme vs schedule times" and c["passed"]
               for c in part["checks"])


def test_which_is_faster_with_one_scheme_is_refused():
    text = ("n = 16 workers each hold a gradient of 1,000,000 fp32 values; ring all-reduce, "
            "alpha = 10 us, bandwidth 10 GB/s. Which one is faster?")
    assert "two schemes" in _refusal(text)


def test_the_fraction_of_the_time_due_to_latency():
    text = ("Ring all-reduce on n = 8 GPUs of a gradient of 8,000,000 fp32 values, latency "
            "alpha = 4 us, bandwidth 16 GB/s. (a) What is the total time? (b) What fraction "
            "of the time is due to latency?")
    data = _solved(text)
    ratio = [a for p in data["parts"] for a in p["answers"] if a["quantity"] == "ratio"][0]
    # by hand: 14 steps of 4e-6 + 4e6 B/16e9 = 14*(4e-6 + 2.5e-4); latency share 4/254
    assert sp.Rational(ratio["expr"]) == sp.Rational(4, 254)


def test_a_part_named_as_the_setting_must_share_its_values():
    base = ("n = 16 workers each hold a gradient of 1,000,000 fp32 values; ring all-reduce and "
            "recursive doubling; bandwidth 10 GB/s, alpha = 10 us.\n")
    same = base + "(a) Compute both times.\n(b) Which one is faster in case (a)?\n"
    _solved(same)
    other = base + ("(a) Ignore the beta terms: what is the time of each?\n(b) Which one is "
                    "faster in case (a)?\n")
    assert "setting" in _refusal(other)


def test_a_restated_size_in_bytes_is_read():
    text = ("n = 8 workers each hold a gradient of 10^6 fp32 values (S = 4×10^6 bytes). Ring "
            "all-reduce. How many messages are sent?")
    reading = read_report(text)
    reading.to_problem()
    assert reading.unused == []


TRAFFIC = ("There are n workers and p parameters. The traffic of a node is what it sends plus "
           "what it receives in one step.\n")


@pytest.mark.parametrize("scheme, want", [
    ("ring all-reduce", "4*p*(n - 1)/n"),          # every worker: 2(n-1)p/n out and in
    ("all-to-all", "2*p*(n - 1)"),                 # every worker: (n-1)p out and in
    ("a parameter server (a separate node)", "2*n*p"),  # the server: np in, np out
])
def test_the_busiest_node_traffic_when_traffic_is_defined(scheme, want):
    data = _solved(TRAFFIC + f"With {scheme}, what is the traffic of the busiest node?")
    got = [a for p in data["parts"] for a in p["answers"] if a["quantity"] == "busiest-traffic"]
    assert got and sp.simplify(sp.sympify(got[0]["expr"]) - sp.sympify(want)) == 0


def test_the_busiest_node_traffic_undefined_is_refused():
    text = "There are n workers and p parameters; ring all-reduce. What is the traffic of the busiest node?"
    assert "traffic is not defined" in _refusal(text)


def test_a_comparison_of_two_earlier_parts_in_this_parts_setting():
    text = (TRAFFIC + "(a) Parameter server with a dedicated server node: what is the traffic "
            "of the busiest node?\n(b) Ring all-reduce: the same quantity.\n(c) For n = 16, how "
            "many times larger is the traffic of the busiest node in (a) than in (b)?\n")
    data = _solved(text)
    ratio = [a for p in data["parts"] for a in p["answers"] if a["quantity"] == "ratio"][0]
    # by hand at n = 16: server 2*16 p over ring 4*15 p/16
    assert sp.Rational(ratio["expr"]) == sp.Rational(32 * 16, 60)


@pytest.mark.parametrize("ask", [
    "Write T_tree(p) and T_ring(p), then find the message size p* above which the ring is faster.",
    "Give T_tree and T_ring; above what vector size p does the ring become faster than the tree?",
])
def test_time_symbols_name_the_schemes_and_a_size_above_which_is_a_crossover(ask):
    text = ("n = 8 workers all-reduce a gradient of p parameters; a message of m parameters "
            "costs alpha + m*beta with alpha = 10 us and beta = 1 ns per parameter. Binomial "
            "tree: reduce in log2 n rounds, then broadcast. Ring: reduce-scatter + all-gather. "
            + ask)
    data = _solved(text)
    cross = [a for p in data["parts"] for a in p["answers"] if a["quantity"] == "crossover"][0]
    # by hand: 6(α + pβ) = 14α + (14/8)pβ  ->  p = 8α / (4.25β) = 8e-5 / 4.25e-9
    assert sp.Rational(cross["expr"]) == sp.Rational(8 * 10**4 * 100, 425)
    assert "message-size" not in data["parts"][0]["asked"]


@pytest.mark.parametrize("scheme, want", [
    ("ring all-reduce", 2 * 7), ("recursive doubling", 3), ("Rabenseifner's algorithm", 6),
    ("all-to-all", 7),
])
def test_messages_sent_by_one_worker(scheme, want):
    text = (f"8 GPUs average a gradient of 8,000,000 values with {scheme}. How many separate "
            "messages does each GPU send?")
    got = _answers(_solved(text))
    assert [a["value"] for (q, _), a in got.items() if q == "messages-per-worker"] == [want]


def test_messages_sent_by_one_worker_of_a_tree_is_refused():
    text = ("8 GPUs average a gradient of 8,000,000 values with a binomial tree all-reduce. How "
            "many messages does each GPU send?")
    assert _refusal(text)


def test_the_other_workers_and_all_workers_restate_n():
    text = ("Setup: 4 GPUs, a 25M parameter model in fp16 (2 bytes per number), ring "
            "all-reduce, each GPU passing 1/4 of the buffer to its neighbour. How many bytes go "
            "over the links in total (summed over all 4 GPUs)? And if every GPU just sends its "
            "full gradient to each of the other 3 GPUs, how many bytes does each GPU send?")
    reading = read_report(text)
    problem = reading.to_problem()
    assert reading.unused == [] and problem.parts[0].schemes == ["ring-allreduce", "all-to-all"]
    wrong = text.replace("other 3 GPUs", "other 5 GPUs")
    assert "n - 1" in _refusal(wrong)


@pytest.mark.parametrize("clause", ["with p measured in bytes", "where p is in bytes",
                                    "sizes are counted in bytes"])
def test_p_measured_in_bytes_makes_an_element_one_byte(clause):
    text = (f"n workers each hold a gradient of p values; ring all-reduce. A message of m bytes costs "
            f"alpha + beta*m. Give the total time, {clause}.")
    data = _solved(text)
    got = _answers(data)[("time", "ring-allreduce")]
    n, p, a, b = sp.symbols("n p alpha beta", positive=True)
    want = 2 * (n - 1) * (a + b * p / n)
    assert sp.simplify(sp.sympify(got["expr"], locals={"beta": b, "alpha": a, "n": n, "p": p})
                       - want) == 0


def test_a_count_that_may_be_a_flattened_power_is_refused():
    text = ("Let n = 32 workers hold p = 109 parameters in bf16; alpha = 2 us, beta = 4 · "
            "10−11 s/byte. Ring all-reduce: how many bytes does each worker send?")
    assert "flattened" in _refusal(text)


@pytest.mark.parametrize("ask, scale", [
    ("What is the total traffic in MB?", 10**6),
    ("How many bytes does each GPU send, in GB (1 GB = 10^9 bytes)?", 10**9),
    ("How many bytes does each GPU send, in MiB?", 2**20),
])
def test_a_size_asked_in_a_larger_unit(ask, scale):
    text = "8 GPUs each hold a gradient of 1,048,576 fp32 values; ring all-reduce. " + ask
    data = _solved(text)
    scaled = [a for p in data["parts"] for a in p["answers"] if a["quantity"] == "ratio"]
    inbytes = [a for p in data["parts"] for a in p["answers"]
               if a["quantity"] in ("total-bytes", "bytes-sent")]
    assert len(scaled) == 1 and len(inbytes) == 1
    assert sp.Rational(scaled[0]["expr"]) == sp.Rational(inbytes[0]["expr"]) / scale


def test_a_unit_defined_otherwise_is_refused():
    text = ("8 GPUs each hold a gradient of 1,048,576 fp32 values; ring all-reduce. What is the total traffic "
            "in MB (1 MB = 2^20 bytes)?")
    assert "not supported" in _refusal(text)


BUFFER = ("A buffer of V bytes is all-reduced over n GPUs with ring all-reduce; sending a message "
          "of m bytes takes alpha + beta*m.\n(a) Give the total time T_ring in terms of alpha, "
          "beta, n and V.\n")


@pytest.mark.parametrize("evaluate", [
    "(b) Evaluate it for n = 8, V = 8×10^6 bytes, alpha = 1 us and beta = 10^-9 s/byte. Give "
    "the answer in seconds.\n",
    "(b) Now compute it with n = 8, V = 8×10^6 bytes, alpha = 1 us, beta = 10^-9 s/byte.\n",
])
def test_a_byte_count_and_evaluating_an_earlier_formula(evaluate):
    data = _solved(BUFFER + evaluate)
    got = [a for a in data["parts"][1]["answers"] if a["quantity"] == "time"][0]
    # by hand: 14 steps of 1e-6 + 10^6 bytes * 1e-9 (N counts bytes: no element size)
    assert sp.Rational(got["expr"]) == 14 * (sp.Rational(1, 10**6) + sp.Rational(1, 1000))
    n, V, a, b = sp.symbols("n V alpha beta", positive=True)
    general = [x for x in data["parts"][0]["answers"] if x["quantity"] == "time"][0]
    assert sp.simplify(sp.sympify(general["expr"], locals={"V": V, "beta": b, "n": n,
                                                          "alpha": a}) -
                       2 * (n - 1) * (a + b * V / n)) == 0


@pytest.mark.parametrize("ask", [
    "(b) As n → ∞, what does the bandwidth term of T_ring tend to?",
    "(b) What does the time tend to as n goes to infinity?",
])
def test_a_limit_is_refused(ask):
    assert "limit" in _refusal(BUFFER + ask)


@pytest.mark.parametrize("question, want", [
    ("How many times more messages does all-to-all send than the ring?", sp.Rational(8 * 7, 2 * 8 * 7)),
    ("By what factor is the data all-to-all moves larger than the data the ring moves?",
     sp.Rational(8 * 7, 2 * 7)),
])
def test_a_comparison_of_two_schemes_totals(question, want):
    text = ("8 workers each hold a gradient of 1,000,000 values; the schemes are all-to-all and "
            "ring all-reduce. " + question)
    data = _solved(text)
    ratio = [a for p in data["parts"] for a in p["answers"] if a["quantity"] == "ratio"]
    assert len(ratio) == 1 and sp.Rational(ratio[0]["expr"]) == want


def test_a_byte_count_beside_a_parameter_count_restates_it():
    text = ("We average the fp32 gradient of a 100M-parameter model, S bytes (S = 4 × 10^8 "
            "bytes), over n = 16 GPUs with ring all-reduce. How many bytes does each GPU send?")
    reading = read_report(text)
    part = reading.to_problem().parts[0]
    assert (part.p, part.dtype) == (10**8, "float32") and reading.unused == []
    wrong = read_report(text.replace("4 × 10^8", "8 × 10^8"))  # disagrees: left unused
    assert wrong.unused


@pytest.mark.parametrize("follow_up", [
    "(b) How many messages does one worker send in (a)?",
    "(b) For the scheme of (a), what is the size of each message?",
])
def test_a_part_naming_no_scheme_takes_the_one_of_the_part_it_refers_to(follow_up):
    data = _solved("n workers average a gradient of p entries.\n"
                   "(a) With ring all-reduce, how many messages are sent in total?\n"
                   f"{follow_up}\n")
    part_b = next(p for p in data["parts"] if p["label"] == "b")
    assert {a["subject"] for a in part_b["answers"]} == {"ring-allreduce"}


def test_a_part_naming_no_scheme_and_two_parts_takes_the_schemes_of_both():
    text = ("n workers average a gradient of p entries.\n"
            "(a) With ring all-reduce, how many messages are sent in total?\n"
            "(b) With a parameter server, how many messages are sent in total?\n"
            "(c) How many messages does one worker send in (a) and in (b)?\n")
    part_c = next(p for p in _solved(text)["parts"] if p["label"] == "c")
    assert {a["subject"] for a in part_c["answers"]} == {"ring-allreduce", "parameter-server"}


def test_a_part_referring_to_a_part_of_another_setting_is_refused():
    text = ("n workers average a gradient of p entries.\n"
            "(a) Let n = 8. With ring all-reduce, how many messages are sent in total?\n"
            "(b) Let n = 16. How many messages does one worker send in (a)?\n")
    assert "differ from this part's" in _refusal(text)


# -- sections, a scheme named in passing, a coordinated second scheme, n a power of two ----

def _by_part(data: dict) -> dict[str, dict[str, object]]:
    return {p["label"]: {a["quantity"]: a for a in p["answers"]} for p in data["parts"]}


SECTIONED = [
    # clean, headings "Part 1 — ..." with items numbered across the sections
    ("n workers each hold a gradient of p numbers; all must end with the average.\n\n"
     "Part 1 — Parameter server\nA separate server collects every gradient and sends the "
     "mean back.\n\n1. How many messages are sent per iteration?\n2. What is the total volume?"
     "\n\nPart 2 — Ring all-reduce\nThe workers form a ring and pass chunks of p/n to the right."
     "\n\n3. How many messages are sent in total?\n4. What is the total volume?\n"),
    # ASCII, "Section A:" headings, terse items
    ("Setting: n workers, p parameters, average the gradients.\n\n"
     "Section A: ring all-reduce\n1) How many messages in total?\n2) What is the total volume?"
     "\n\nSection B: parameter server (one extra server node)\n3) How many messages in total?\n"
     "4) What is the total volume?\n"),
    # markdown headings, the scheme described in the section's prose
    ("# Averaging gradients\n\nWe have n workers and a model with p parameters.\n\n"
     "## Part 1 - the tree\nGradients are reduced up a binomial tree and broadcast back.\n\n"
     "1. How many messages are sent?\n2. What is the total volume?\n\n"
     "## Part 2 - all-to-all\nEvery worker sends its full gradient to every other worker.\n\n"
     "3. How many messages are sent?\n4. What is the total volume?\n"),
]
WANT = {  # by hand: per scheme (messages, total volume)
    "parameter-server": (2 * sp.Symbol("n"), 2 * sp.Symbol("n") * sp.Symbol("p")),
    "ring-allreduce": (2 * sp.Symbol("n") * (sp.Symbol("n") - 1),
                       2 * (sp.Symbol("n") - 1) * sp.Symbol("p")),
    "tree-allreduce": (2 * (sp.Symbol("n") - 1), 2 * (sp.Symbol("n") - 1) * sp.Symbol("p")),
    "all-to-all": (sp.Symbol("n") * (sp.Symbol("n") - 1),
                   sp.Symbol("n") * (sp.Symbol("n") - 1) * sp.Symbol("p")),
}
ORDER = [("parameter-server", "ring-allreduce"), ("ring-allreduce", "parameter-server"),
         ("tree-allreduce", "all-to-all")]


@pytest.mark.parametrize("text,schemes", list(zip(SECTIONED, ORDER)))
def test_a_section_heading_sets_the_scheme_of_its_items_only(text, schemes):
    layout = split_parts(text)
    assert [p.label for p in layout.parts] == ["1", "2", "3", "4"]
    data = _solved(text)
    parts = _by_part(data)
    n, p = sp.symbols("n p")
    for labels, scheme in zip((("1", "2"), ("3", "4")), schemes):
        msgs, vol = WANT[scheme]
        assert parts[labels[0]]["messages"]["subject"] == scheme
        assert sp.simplify(sp.sympify(parts[labels[0]]["messages"]["expr"],
                                      locals={"n": n, "p": p}) - msgs) == 0
        assert sp.simplify(sp.sympify(parts[labels[1]]["total-volume"]["expr"],
                                      locals={"n": n, "p": p}) - vol) == 0


def test_part_headings_without_numbered_items_stay_the_parts():
    text = ("Let f(x) = x^2.\n\nPart A. What is the minimiser?\n\nPart B. What is the largest "
            "stable step size?\n")
    assert [p.label for p in split_parts(text).parts] == ["a", "b"]


def test_numbering_that_restarts_in_each_section_is_not_read_as_sections():
    text = ("Intro.\n\nPart 1 — ring\n1. messages?\n2. volume?\n\nPart 2 — tree\n1. messages?\n"
            "2. volume?\n")
    assert _sections(text) == ([], [])


@pytest.mark.parametrize("text", [
    "n = 8 workers, p = 10^6 fp32 parameters. How many bytes are moved in total by the ring "
    "all-reduce, and how many by the tree scheme?",
    "With n = 8 GPUs and p = 10^6 parameters in float32: how many bytes are sent in total with "
    "a ring all-reduce, and how many with the tree algorithm?",
    "n=8 nodes, p=1000000 params (fp32). how many bytes get transferred in total by ring "
    "allreduce and how many for the tree scheme?",
])
def test_a_second_scheme_in_a_coordinated_clause_is_asked_the_same(text):
    data = _solved(text)
    got = {a["subject"]: sp.Integer(a["expr"]) for p in data["parts"] for a in p["answers"]
           if a["quantity"] == "total-bytes"}
    # by hand: ring 2(n-1) p floats, tree 2(n-1) p floats, 4 bytes each
    assert got == {"ring-allreduce": 2 * 7 * 10**6 * 4, "tree-allreduce": 2 * 7 * 10**6 * 4}


@pytest.mark.parametrize("text", [
    "There are n workers, each with a gradient of p numbers; assume n is a power of two. A binomial-tree reduce to worker 0 is "
    "followed by a broadcast. How many communication rounds does it take?",
    "We use a power-of-two number of workers n, a model of p parameters and a tree all-reduce (reduce then broadcast "
    "from rank 0). How many sequential rounds are needed?",
    "n GPUs (n is a power of 2), tree all-reduce, p parameters. number of rounds?",
])
def test_n_assumed_a_power_of_two_writes_the_tree_depth_as_log2_n(text):
    data = _solved(text)
    (rounds,) = [a for p in data["parts"] for a in p["answers"] if a["quantity"] == "rounds"]
    n = sp.Symbol("n", positive=True)
    got = sp.sympify(rounds["expr"].replace("log2(n)", "log(n)/log(2)"), locals={"n": n})
    assert "ceiling" not in rounds["expr"]
    for k in range(1, 7):   # by hand: log2 n rounds up the tree and as many down
        assert sp.simplify(got.subs(n, 2**k)) == 2 * k


def test_n_assumed_a_power_of_two_refuses_a_number_that_is_not():
    from optiproof.families.communication.spec import CommunicationSpec
    with pytest.raises(ValueError):
        CommunicationSpec(n=6, p="p", schemes=["tree-allreduce"], quantities=["rounds"],
                          n_power_of_two=True)


@pytest.mark.parametrize("text,n,p", [
    ("The number of workers n is a power of two and the number of parameters is p. Ring "
     "all-reduce: how many messages are sent?", "n", "p"),
    ("The number of GPUs is 8 and the number of parameters is 1000000 (fp32). Ring all-reduce: "
     "how many bytes per message?", 8, 1000000),
    ("number of nodes: N... no wait, the number of nodes equals 4; a gradient of 4096 floats. "
     "Ring all-reduce, size of each message?", 4, 4096),
])
def test_a_count_named_as_the_number_of_workers_or_parameters(text, n, p):
    reading = read_report(text)
    (part,) = reading.parts
    assert (part.value("n"), part.value("p")) == (n, p)


@pytest.mark.parametrize("model", [
    "Sending one message of m bytes takes α + m·β seconds.",
    "In the α-β model a single message of m bytes costs α + β·m.",
    "Cost model: any message of m bytes needs alpha + m × beta seconds.",
])
def test_a_cost_formula_with_a_product_dot_gives_beta_per_byte(model):
    text = (f"{model} A buffer of M bytes is all-reduced over n nodes with a ring all-reduce. "
            "Give the time.")
    reading = read_report(text)
    (part,) = reading.parts
    assert part.value("bandwidth") == "1/beta" and part.value("alpha") == "alpha"


SAME = ("A buffer of M bytes is all-reduced over n nodes; one message of m bytes takes α + mβ "
        "seconds.\n\n(a) With n = 8, α = 10 μs and β = 10^-9 s/byte, below which M is recursive "
        "doubling faster than the ring?\n\n")


@pytest.mark.parametrize("follow_up,n", [
    ("(b) For the same n, α, β, what is the time of the ring all-reduce for M = 10^6 bytes?", 8),
    ("(b) Using the same α and β (and n), how long does the ring all-reduce take for M = 10^6 "
     "bytes?", 8),
    ("(b) keep the same alpha, beta but n = 4: how long does the ring all-reduce take for M = "
     "10^6 bytes?", 4),
])
def test_the_same_letters_take_the_values_of_the_earlier_part(follow_up, n):
    data = _solved(SAME + follow_up)
    got = next(a for p in data["parts"] if p["label"] == "b" for a in p["answers"]
               if a["quantity"] == "time")
    # by hand: 2(n-1) messages of M/n bytes, each α + (M/n)β
    m = 10**6
    want = 2 * (n - 1) * (sp.Rational(1, 10**5) + sp.Rational(m, n) / 10**9)
    assert sp.Rational(got["expr"]) == want


@pytest.mark.parametrize("request_", [
    "Give [number of messages, size of each message, total volume], the cost of one averaging "
    "round.",
    "For the cost of a single synchronisation step, list the number of messages and the total "
    "volume.",
    "number of messages and total volume? (i.e. the total cost of one gradient exchange)",
])
def test_the_cost_of_one_round_is_the_scope_of_the_counts_asked(request_):
    text = f"n workers, p parameters, parameter server (a separate node). {request_}"
    got = _answers(_solved(text))
    n, p = sp.symbols("n p")
    assert sp.simplify(sp.sympify(got[("messages", "parameter-server")]["expr"]) - 2 * n) == 0
    assert sp.simplify(sp.sympify(got[("total-volume", "parameter-server")]["expr"]) -
                       2 * n * p) == 0


def test_the_cost_of_one_round_alone_is_not_a_question_placed():
    assert "could not place" in _refusal("n workers, p parameters, ring all-reduce. What is the "
                                         "cost of one averaging round?")


LED = [
    ("We have n workers, each with a gradient of p entries.\n\n"
     "Ring all-reduce = reduce-scatter then all-gather around the ring.\n\n"
     "1. How many messages does each worker send?\n2. How many entries does one worker send?\n\n"
     "Parameter server: a separate server receives every gradient and sends the mean back.\n\n"
     "3. How many entries does the server receive?\n"),
    ("Setting: n GPUs and a p-parameter model.\n\n"
     "(a) Ring all-reduce -- the gradient is cut into n chunks passed around a ring.\n"
     "How many messages does each worker send?\n\n"
     "(b) How many entries does one worker send?\n\n"
     "Parameter server -- one extra server node collects and redistributes the gradients.\n\n"
     "(c) How many entries does the server receive?\n"),
]


@pytest.mark.parametrize("text", LED)
def test_a_paragraph_led_by_a_scheme_name_is_the_setting_of_the_parts_after_it(text):
    parts = {p.label: p for p in split_parts(text).parts}
    last = list(parts)[-1]
    assert "Parameter server" in parts[last].context
    assert "Parameter server" not in parts[list(parts)[1]].own
    data = _solved(text)
    n, p = sp.symbols("n p")
    by = {(pp["label"], a["quantity"]): a for pp in data["parts"] for a in pp["answers"]}
    first, second, third = list(parts)
    assert sp.simplify(sp.sympify(by[(second, "values-sent")]["expr"]) - 2 * (n - 1) * p / n) == 0
    assert by[(second, "values-sent")]["subject"] == "ring-allreduce"
    assert sp.simplify(sp.sympify(by[(third, "server-values-received")]["expr"]) - n * p) == 0


def test_a_hint_paragraph_between_parts_is_not_a_section():
    text = ("n workers, p parameters, ring all-reduce.\n\nRing all-reduce = reduce-scatter then "
            "all-gather.\n\n1. How many messages in total?\n\nHint: count per step.\n\n"
            "2. What is the total volume?\n")
    assert all("Ring all-reduce =" in p.context for p in split_parts(text).parts)


def test_the_total_over_all_workers_is_refused_when_a_server_also_sends():
    text = ("n workers, p parameters, parameter server. How many entries does one worker send? "
            "Give the total over all workers as well.")
    assert "total over all workers" in _refusal(text)


@pytest.mark.parametrize("question,want", [
    ("What is the total number of entries sent by one worker? Give the total over all workers "
     "as well.", ("values-sent", "total-volume")),
    ("What is the total number of values sent per worker?", ("values-sent",)),
    ("How many entries does *each* worker send?", ("values-sent",)),
])
def test_a_total_by_one_worker_is_that_workers_count(question, want):
    text = f"n workers, p parameters, ring all-reduce. {question}"
    got = _answers(_solved(text))
    n, p = sp.symbols("n p")
    exact = {"values-sent": 2 * (n - 1) * p / n, "total-volume": 2 * (n - 1) * p}
    assert {q for q, _ in got} >= set(want)
    for q in want:
        assert sp.simplify(sp.sympify(got[(q, "ring-allreduce")]["expr"]) - exact[q]) == 0


RATIO = ("n workers, p parameters.\n\n(a) Ring all-reduce: how many entries does one worker send,"
         " and what is the total volume?\n\n(b) Parameter server (separate node): how many entries"
         " does the server send plus receive?\n\n")


@pytest.mark.parametrize("question", [
    "(c) What is the ratio between the server's traffic (from b) and the per-worker *sent* "
    "volume of the ring (from a)?",
    "(c) Compute the ratio between the server's send-plus-receive traffic (from b) and the "
    "volume sent per worker in the ring (from a).",
    "(c) ratio between the server traffic (see b) and the values sent per worker of the ring "
    "(see a)?",
])
def test_a_ratio_between_two_named_answers_of_earlier_parts(question):
    got = _answers(_solved(RATIO + question))
    n = sp.Symbol("n")
    # by hand: 2np / (2(n-1)p/n) = n^2/(n-1)
    assert sp.simplify(sp.sympify(got[("ratio", None)]["expr"]) - n**2 / (n - 1)) == 0


@pytest.mark.parametrize("question", [
    "(c) Keeping n, α and β fixed, for what number of fp32 parameters p do the two algorithms "
    "take exactly the same time?",
    "(c) For which value of p do ring and recursive doubling need the same time (same n, α, "
    "β)?",
    "(c) at what number of params p would both algorithms take equal time?",
])
def test_a_crossover_in_the_parameter_count_the_text_fixed(question):
    text = ("n = 8 GPUs, p = 10^8 parameters in fp32, latency α = 10 μs, bandwidth 10 GB/s. "
            "Ring all-reduce vs recursive doubling.\n\n(a) How long does the ring all-reduce "
            "take?\n\n(b) How long does recursive doubling take?\n\n" + question)
    got = _answers(_solved(text))
    (cross,) = [a for (q, _), a in got.items() if q == "crossover"]
    # by hand, β = 1e-10 s/byte: ring 14α + 14·(p/8)·4β = 14α + 7pβ, rd 3α + 3·4pβ:
    # 11α = 5pβ  =>  p = 11e-5 / 5e-10 = 220000
    assert sp.Rational(cross["expr"]) == 220000


TREE_RING = ("n = 16 workers, a gradient of p = 2048 numbers; a message of m numbers costs "
             "alpha + m*beta with alpha = 0 (ignore latency) and beta = 10^-9 s per number. "
             "Tree all-reduce = binomial-tree reduce to worker 0, then broadcast from worker 0. "
             "Ring all-reduce = reduce-scatter + all-gather.\n\n")


@pytest.mark.parametrize("question", [
    "What is T_tree / T_ring? Give the exact fraction and a decimal.",
    "By what factor is the ring faster than the tree (T_tree / T_ring)?",
    "Compute T_{tree}/T_{ring}. Please give it as an exact fraction.",
])
def test_a_quotient_of_two_schemes_times_is_their_ratio(question):
    got = _answers(_solved(TREE_RING + "(a) " + question))
    # by hand (α = 0): tree 2·log2(16)·p·β = 8pβ, ring 2·15·(p/16)·β = (15/8)pβ: 64/15
    assert sp.Rational(got[("ratio", None)]["expr"]) == sp.Rational(64, 15)


@pytest.mark.parametrize("question,quantity,want", [
    ("How many numbers pass through worker 0 (received + sent) during the tree all-reduce?",
     "busiest-traffic", 2 * 4 * 2048),
    ("How many numbers does worker 0 receive in the tree all-reduce?", "busiest-received",
     4 * 2048),
    ("In the tree all-reduce, how many values does the root send?", "busiest-sent", 4 * 2048),
])
def test_a_count_of_the_trees_root_is_the_busiest_nodes(question, quantity, want):
    got = _answers(_solved("n = 16 workers, a gradient of p = 2048 numbers. Tree all-reduce = "
                           "binomial-tree reduce to worker 0, then broadcast from worker 0.\n\n"
                           "(a) " + question))
    # by hand: the root receives one full vector in each of the log2(16) = 4 reduce rounds and
    # sends one in each of the 4 broadcast rounds
    assert sp.Integer(got[(quantity, "tree-allreduce")]["expr"]) == want


@pytest.mark.parametrize("sentence,form", [
    ("Give the exact fraction and a decimal.", True),
    ("Round to 3 significant figures.", True),
    ("Express the answer as a fraction.", True),
    ("Give the time of the ring.", False),
    ("Give the exact value of p.", False),
])
def test_a_sentence_asking_only_the_form_of_the_answers(sentence, form):
    from optiproof.reading.accounting import _format_only
    assert _format_only(sentence) is form


@pytest.mark.parametrize("text", [
    "Ring all-reduce over n = 8 workers of p = 109 parameters in fp32. How many bytes does each "
    "worker send?",
    "A parameter server with n = 4 workers averages a model of 108 parameters (fp16). How many "
    "bytes does the server receive?",
    "Tree all-reduce over n = 16 GPUs of a gradient with 107 entries, α = 10−5 s. How many rounds, "
    "and how many floats does one GPU send?",
])
def test_a_count_written_10d_may_be_a_flattened_power_and_is_refused(text):
    assert "may be 10^" in _refusal(text)


@pytest.mark.parametrize("text, p", [
    ("Ring all-reduce over n = 8 workers of p = 1024 parameters. How many floats does each "
     "worker send?", 1024),
    ("Ring all-reduce over n = 8 workers of p = 10^9 parameters. How many floats does each "
     "worker send?", 10**9),
    ("Ring all-reduce over n = 8 workers of p = 96 parameters. How many floats does each "
     "worker send?", 96),
])
def test_a_count_not_of_the_form_10d_is_read(text, p):
    data = _solved(text)
    sent = [a for part in data["parts"] for a in part["answers"]]
    assert sent and all(a["value"] == Fraction(2 * 7 * p, 8) for a in sent if a["value"] is not None)
