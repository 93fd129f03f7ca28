"""The size of one full gradient in bytes is askable ("What is the gradient size G in MB?", "How
large is one full gradient?"): p entries times the element's bytes, the same whatever the
scheme, so a part that asks only it needs no scheme; torch's element size is its witness. A
size set for the problem ("for a gradient size of 8 MB") asks nothing."""

from __future__ import annotations

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.questions import read_questions

from reading_helpers import quantity_values

_SETTING = "Sixteen GPUs train a network of 250 million parameters in bf16.\n\n"


def test_the_size_of_one_gradient_asked_alone_needs_no_scheme():
    got = quantity_values(_SETTING + "(a) How big is a single full gradient, in MB?")
    assert got["a"] == [("gradient-bytes", 5e8), ("ratio", 500.0)]


def test_the_size_of_one_gradient_beside_a_scheme_cost():
    got = quantity_values(_SETTING + "(a) What is the gradient size in bytes? With ring "
                                     "all-reduce, how many bytes does each GPU send?")
    # 2 (n-1)/n of the gradient: 15/8 * 5e8
    assert ("gradient-bytes", 5e8) in got["a"] and ("bytes-sent", 9.375e8) in got["a"]


def test_the_gradient_size_is_witnessed_by_torch():
    reading = read_report(_SETTING + "(a) How big is a single full gradient, in bytes?")
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    (part,) = solution.parts
    assert part.verified
    assert [c.method for c in part.checks] == ["gradient size vs torch element size"]


def test_a_gradient_size_set_for_the_problem_asks_nothing():
    for sentence in ("For a gradient size of 8 MB, what is the ring time?",
                     "What is the ring time at the gradient size G = 8 MB?",
                     "Below which gradient size is the tree faster?"):
        asked = {a.quantity for q in read_questions(sentence).requests for a in q.asks}
        assert "gradient-bytes" not in asked, sentence


def test_a_part_asking_a_scheme_cost_still_needs_a_scheme():
    reading = read_report(_SETTING + "(a) How many bytes does each GPU send?")
    assert not reading.complete
    assert any("no communication scheme named" in line for line in reading.unread())
