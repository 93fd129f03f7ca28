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
