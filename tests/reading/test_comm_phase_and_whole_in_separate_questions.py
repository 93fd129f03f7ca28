"""A phase of the ring all-reduce and the whole all-reduce asked in two questions of one part
("how many floats does one worker send during the reduce-scatter phase alone? … during the
whole all-reduce (reduce-scatter + all-gather)?"): the phase and the whole ring, each its own
answer; the phases named beside the whole are read as its two phases."""

from __future__ import annotations

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_TEXT = ("Ring traffic\n\nn workers each hold a gradient of p floats.\n\n"
         "(a) Ring all-reduce, the gradient split into n chunks:\n"
         "- how many floats does one worker send during the reduce-scatter phase alone?\n"
         "- how many floats does one worker send {whole}?\n")


def test_the_phase_and_the_whole_each_answered():
    reading = read_report(_TEXT.format(whole="during the whole all-reduce (reduce-scatter + "
                                             "all-gather)"))
    assert reading.complete, "\n".join(reading.unread())
    assert reading.parts[0].value("schemes") == ["ring-reduce-scatter", "ring-allreduce"]
    data = solve_problem(reading.to_problem(),
                         SolveOptions(figures=False, run_witnesses=False)).to_dict()
    assert [a["expr"] for a in data["parts"][0]["answers"]] == ["p*(n - 1)/n", "2*p*(n - 1)/n"]


def test_a_question_naming_neither_is_still_refused():
    reading = read_report(_TEXT.format(whole="to its neighbour"))
    assert any("is asked beside a question that names no phase" in line
               for line in reading.unread())
