"""Questions about one phase of the ring all-reduce, in wordings of our own: the phase read as
its own scheme, "in total" as the whole ring beside it, and the refusals (a phase of another
scheme, a phase mixed with a question it does not answer, a total asked of the phase)."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from optiproof.core.errors import BadInput
from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, read_report

RS, AG, RING = "ring-reduce-scatter", "ring-all-gather", "ring-allreduce"


def _solved(text: str) -> dict:
    reading = read_report(text)
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    data = solution.to_dict()
    assert solution.exit_code == 0, data
    return data


def _answers(data: dict) -> dict[tuple[str, str], dict]:
    return {(a["quantity"], a["subject"]): a for p in data["parts"] for a in p["answers"]}


def _schemes(text: str) -> list[list[str]]:
    reading = read_report(text)
    return [r.value("schemes") for r in reading.parts]


def _refusal(text: str) -> str:
    reading = read_report(text)
    with pytest.raises((ReadingIncomplete, BadInput)) as err:
        reading.to_problem()
    return "\n".join(reading.unread()) or str(err.value)


def _value(answer: dict) -> int:
    return int(sp.Rational(str(answer["value"])))


@settings(max_examples=6, deadline=None)
@given(st.integers(2, 12), st.integers(1, 50))
def test_messages_per_phase_and_in_total(n, units):
    p = n * units
    # 102 … 109 read like a power of ten whose exponent a PDF flattened (10^5): refused, not read
    assume(not (100 < p < 110))
    text = (f"Gradients of p = {p} entries are averaged across n = {n} workers by a ring "
            "all-reduce.\n(a) Count the messages exchanged during the all-gather phase, "
            "those exchanged in the reduce-scatter phase, and the number in total.")
    got = _answers(_solved(text))
    # one message per worker per step, n - 1 steps per phase (counted here, not by the solver)
    per_phase = sum(1 for _step in range(n - 1) for _worker in range(n))
    assert _value(got[("messages", RS)]) == per_phase
    assert _value(got[("messages", AG)]) == per_phase
    assert _value(got[("messages", RING)]) == 2 * per_phase


@pytest.mark.parametrize("question, scheme", [
    ("How many values does a single worker send over the reduce-scatter stage alone?", RS),
    ("During the all-gather, how many elements does each worker send?", AG),
    ("How many elements does each worker send within the ring's all-gather phase?", AG),
])
def test_values_one_worker_sends_in_a_phase(question, scheme):
    n, p = 6, 600
    text = (f"A ring all-reduce averages a vector of p = {p} gradient entries over n = {n} "
            f"GPUs.\n(a) {question}")
    assert _schemes(text) == [[scheme]]
    got = _answers(_solved(text))
    assert _value(got[("values-sent", scheme)]) == (n - 1) * (p // n)


def test_rounds_of_a_phase_as_its_subject():
    text = ("Sixteen workers (n = 16) run ring all-reduce on p = 1600 parameters.\n"
            "(a) How many steps does the all-gather phase need?")
    got = _answers(_solved(text))
    assert _value(got[("rounds", AG)]) == 15


def test_each_phase_is_both_phases():
    text = ("With a ring all-reduce over n workers and a gradient of p entries:\n"
            "(a) What is the total volume moved in each phase?")
    assert _schemes(text) == [[RS, AG]]


OTHER_SCHEMES = {
    "tree": "Workers n = 8 run a binomial tree all-reduce on a gradient of p = 1024 entries.\n"
            "(a) How many messages are sent during the reduce phase and during the broadcast?",
    "Rabenseifner": "Workers n = 8 run Rabenseifner's algorithm on a gradient of p = 1024 "
                    "entries.\n(a) How many messages are sent during the reduce-scatter phase?",
}
RING_TEXT = "A ring all-reduce over n = 4 workers and p = 64 entries.\n(a) "
UNCLEAR = {
    "names no phase": "How many messages are sent during the reduce-scatter? What is the time "
                      "of the whole operation?",
    "same clause": "How many rounds does the all-gather take altogether?",
    "both phases": "How many messages are sent during the reduce-scatter and all-gather?",
}


@pytest.mark.parametrize("scheme", sorted(OTHER_SCHEMES))
def test_a_phase_of_another_scheme_is_refused(scheme):
    why = _refusal(OTHER_SCHEMES[scheme])
    assert "not counted on their own" in why or 'could not place "during the reduce phase"' in why


@pytest.mark.parametrize("why", sorted(UNCLEAR))
def test_an_unclear_phase_question_is_refused(why):
    assert why in _refusal(RING_TEXT + UNCLEAR[why])
