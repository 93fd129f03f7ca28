"""Communication questions that refer to what the text already set: 'for each scheme' (every
scheme of the shared text), 'that of all-to-all' in a ratio (the same quantity, of the other
scheme), 'evaluate this threshold' (the crossover of the earlier part, at new numbers). The
derived values are checked against the schemes' costs recomputed here."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

SHARED = ("n = 8 workers average a gradient of p = 10^6 entries (fp32) with either all-to-all "
          "(every worker sends its whole gradient to each other worker) or ring all-reduce "
          "(2(n-1) steps, each worker sends one chunk of p/n entries per step).\n\n")


def _solution(text: str):
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    return solution


@pytest.mark.parametrize("question", [
    "(a) By what factor is the total volume of ring all-reduce smaller than that of all-to-all?",
    "(a) How many times smaller is the total traffic of the ring all-reduce than that of "
    "all-to-all?",
    "(a) by what factor is the all-to-all total volume larger than that of the ring all-reduce?",
])
def test_that_of_a_scheme_is_the_same_quantity_of_that_scheme(question):
    solution = _solution(SHARED + question)
    ratio = [a for a in solution.parts[0].answers if a.quantity == "ratio"]
    n, p = 8, 10**6
    assert len(ratio) == 1
    assert float(ratio[0].value) == pytest.approx((n * (n - 1) * p) / (2 * (n - 1) * p))


@pytest.mark.parametrize("question", [
    "(a) For each scheme, what is the total volume?",
    "(a) Give the total volume for all the schemes.",
    "(a) for every scheme: total volume? (the ring one is the interesting one)",
])
def test_each_scheme_is_every_scheme_of_the_shared_text(question):
    reading = read_report(SHARED + question)
    assert reading.complete, reading.unread()
    assert set(reading.parts[0].value("schemes")) == {"all-to-all", "ring-allreduce"}


def test_bytes_of_the_busiest_node_with_a_server_are_the_servers():
    from optiproof.families.communication.schedules import build_schedule, count_schedule
    from optiproof.families.communication.solve import solve

    text = ("n = 4 workers, p = 10^6 entries in fp32, with a parameter server (separate machine) "
            "or ring all-reduce.\n\n(a) For each scheme, how many bytes does the busiest node "
            "send? (for the parameter server the busiest node is the server)")
    part = read_report(text).to_problem().parts[0]
    assert part.quantities == ["busiest-bytes-sent"]
    got = {a.subject: a.value for a in solve(part, figures=False).answers}
    for scheme, value in got.items():
        counts = count_schedule(build_schedule(scheme, 4, 10**6))
        assert value == 4 * int(counts.sent.max())
    assert got["parameter-server"] == 4 * int(count_schedule(
        build_schedule("parameter-server", 4, 10**6)).sent[4])   # node 4: the server


CROSSOVER = ("n workers hold gradients of p entries each. Ring all-reduce: 2(n-1) steps, in each "
             "step every worker sends a chunk of p/n entries. All-to-all: n-1 steps in which every "
             "worker sends its full gradient. In the latency-bandwidth model a step in which every "
             "worker sends m entries costs α + β m.\n\n"
             "(a) Give the times T_ring and T_a2a, and find the p (as a function of n, α, β) at "
             "which both take the same time.\n")


@pytest.mark.parametrize("follow", [
    "(b) Evaluate this threshold for n = 8, α = 2·10^-5 s and β = 10^-9 s per entry.",
    "(b) Now evaluate that crossover for n = 8, α = 2e-5 s, β = 1e-9 s per entry.",
    "(b) Take n = 8, α = 2·10^-5 s and β = 10^-9 s per entry; what is the break-even point "
    "numerically? Use the same threshold as above.",
])
def test_this_threshold_is_the_earlier_crossover_at_new_numbers(follow):
    solution = _solution(CROSSOVER + follow)
    got = [a for a in solution.parts[1].answers if a.quantity == "crossover"]
    n, alpha, beta = 8, 2e-5, 1e-9
    # ring 2(n-1)(α + β p/n) = all-to-all (n-1)(α + β p)  ->  p = α n / (β (n - 2))
    assert len(got) == 1 and float(got[0].value) == pytest.approx(alpha * n / (beta * (n - 2)))


@pytest.mark.parametrize("text, n", [
    ("We average a model of 10^6 parameters over n = 2^k workers with k = 3, "
     "using ring all-reduce. How many messages are sent in total?", 8),
    ("Ring all-reduce over $n = 2^k$ GPUs, $k = 4$, gradient of $p = 1600$ entries. How many "
     "messages are sent in total?", 16),
    ("ring allreduce, n = 2^k nodes (k = 2), model with 100 parameters. how many messages in "
     "total?", 4),
])
def test_a_power_of_two_with_its_exponent_given_is_a_number(text, n):
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert reading.parts[0].value("n") == n
    solution = _solution(text)
    got = [a for a in solution.parts[0].answers if a.quantity == "messages"]
    assert got and int(got[0].value) == 2 * n * (n - 1)   # ring: 2(n-1) steps of n messages


def test_a_power_of_two_without_its_exponent_stays_symbolic():
    reading = read_report("Ring all-reduce over n = 2^k GPUs, gradient of p = 1000 entries. "
                          "How many messages are sent in total?")
    assert reading.parts[0].value("n") == "n"
