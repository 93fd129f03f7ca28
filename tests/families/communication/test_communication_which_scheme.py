"""'Which scheme ...' with a criterion (the smallest per-worker volume, the scheme that
minimises the most any one node sends) is a which-of over the part's schemes, decided from the
part's answers; 'the maximum number of bytes sent by any single node' counts a server too; a
part naming its scheme by the abbreviation the text defines ('parameter server (PS)') answers
that scheme only. Expected values come from messages listed here one by one (no package
code): every node's bytes are summed over its sends."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_NAMES = {"all-to-all": "all-to-all", "parameter-server": "parameter server",
          "ring-allreduce": "ring all-reduce"}


def _sent(scheme: str, n: int, p: int) -> Counter:
    """Values each node sends in one step (node 'S' is the server), message by message."""
    out: Counter = Counter()
    if scheme == "all-to-all":
        for i in range(n):
            for j in range(n):
                if i != j:
                    out[i] += p
    elif scheme == "parameter-server":
        for i in range(n):
            out[i] += p          # push
            out["S"] += p        # pull
    else:
        for _ in range(2 * (n - 1)):
            for i in range(n):
                out[i] += p // n
    return out


def _winner(costs: dict[str, int], least: bool = True) -> str:
    best = min(costs.values()) if least else max(costs.values())
    return "|".join(k for k, v in costs.items() if v == best)


def _solved(text: str, label: str) -> dict:
    report = read_report(text)
    assert report.complete, report.unread()
    solution = solve_problem(report.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    return next(p for p in solution.to_dict()["parts"] if p["label"] == label)


def _setting(n: int, p: int) -> str:
    return (f"A network with p = {p} parameters is trained on n = {n} workers; each value is "
            "float32 (4 bytes). Three ways to synchronise: all-to-all, where each worker sends "
            "its whole gradient to each of the others; a parameter server on an extra machine, "
            "which receives every gradient and sends the sum back to every worker; and ring "
            "all-reduce (reduce-scatter then all-gather, chunks of p/n values).\n\n")


_MAX_NODE = [
    "Which scheme minimizes the largest number of bytes sent by any one node, the server "
    "counted, and what is that number for each scheme?",
    "Which scheme minimises the maximum number of bytes sent by a single node (including the "
    "server), and what is this maximum under every scheme?",
]


@settings(max_examples=8, deadline=None)
@given(n=st.sampled_from([3, 4, 6, 8, 16]), chunk=st.integers(1, 10**5),
       question=st.sampled_from(_MAX_NODE))
def test_the_most_any_node_sends_counts_the_server(n, chunk, question):
    p = n * chunk
    part = _solved(_setting(n, p) + "(a) " + question, "a")
    want = {s: 4 * max(_sent(s, n, p).values()) for s in _NAMES}
    got = {a["subject"]: a["value"] for a in part["answers"] if a["quantity"] != "which-of"}
    assert got == want
    assert [a["expr"] for a in part["answers"] if a["quantity"] == "which-of"] == [_winner(want)]


@pytest.mark.parametrize("question", [
    "Looking at the workers only, which scheme has the smallest per-worker send volume?",
    "Which scheme gives the lowest per-worker send volume (the server aside)?",
])
@pytest.mark.parametrize("n", [4, 8])
def test_which_scheme_sends_least_per_worker(question, n):
    p = 1000 * n
    part = _solved(_setting(n, p) + "(a) " + question, "a")
    want = {s: _sent(s, n, p)[0] for s in _NAMES}
    assert [a["expr"] for a in part["answers"] if a["quantity"] == "which-of"] == [_winner(want)]
    got = {a["subject"]: a["value"] for a in part["answers"] if a["quantity"] != "which-of"}
    assert got == want


@pytest.mark.parametrize("follow", ["PS: the same two quantities.",
                                    "For the PS, the same two quantities."])
def test_a_part_naming_its_scheme_by_the_abbreviation_answers_that_scheme(follow):
    scheme = "parameter-server"
    text = ("n workers each hold a gradient of p floats. Schemes: all-to-all (A2A), every worker sends its "
            "gradient to every other worker; parameter server (PS), one extra server receives "
            "each gradient and returns the sum to each worker; ring all-reduce, 2(n-1) steps "
            "of chunks of p/n values.\n\n"
            "(a) Ring: number of messages and size of each message.\n"
            f"(b) {follow}")
    part = _solved(text, "b")
    assert {a["subject"] for a in part["answers"]} == {scheme}
    n, p = 6, 60   # the formulas, checked at one point against the messages listed here
    count = {"parameter-server": 2 * n, "all-to-all": n * (n - 1)}[scheme]
    messages = next(a for a in part["answers"] if a["quantity"] == "messages")
    import sympy
    assert sympy.sympify(messages["expr"]).subs({"n": n, "p": p}) == count
    sent = _sent(scheme, n, p)
    assert sum(sent.values()) == count * p   # every message carries p values
