"""A count given with its noun only, continuing the count before it ("How many messages does each
GPU send, and how many bytes?": the bytes each GPU sends); a ratio whose second operand is a
scheme's possessive ("the ratio between the butterfly's per-GPU bytes and the ring's": the
same cost of the ring, the cost the part asks); and the training's length stated beside the
costs of one step ("Training runs for 10,000 steps in total"), not data unless a question is
about the whole run."""

from __future__ import annotations

from fractions import Fraction as Fr

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_SETUP = ("A model with 10^6 parameters is trained on N = 8 GPUs; gradients are sent in fp16 (2 "
          "bytes per parameter). Training runs for 10,000 steps in total.\n\n"
          "1. A butterfly all-reduce runs log_2 N rounds; in each round every GPU exchanges its "
          "full vector with one partner. How many messages does each GPU send, and how many "
          "bytes?\n")
_BYTES = 2 * 10**6


def _solved(text: str) -> dict:
    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    assert [u.text for u in reading.numbers if u.status == "unused"] == []
    return solve_problem(reading.to_problem(),
                         SolveOptions(figures=False, run_witnesses=False)).to_dict()


def test_a_bare_count_continues_the_count_before_it():
    (part,) = _solved(_SETUP)["parts"]
    got = {a["quantity"]: Fr(a["expr"]) for a in part["answers"]}
    assert got == {"messages-per-worker": 3, "bytes-sent": 3 * _BYTES}


def test_the_possessive_second_operand():
    text = _SETUP + ("2. For ring all-reduce, how many bytes does each GPU send? What is the ratio "
                     "between the butterfly's per-GPU bytes and the ring's?\n")
    part = _solved(text)["parts"][-1]
    (ratio,) = [a for a in part["answers"] if a["quantity"] == "ratio"]
    assert Fr(ratio["expr"]) == Fr(3 * _BYTES, 2 * 7 * _BYTES // 8)


def test_the_training_length_is_data_of_a_question_about_the_whole_run():
    text = _SETUP.replace("and how many bytes?", "and how many bytes over the whole training?")
    reading = read_report(text)
    assert not reading.complete
    assert not [c for c in reading.parts[0].conventions if "10,000" in c.source]
