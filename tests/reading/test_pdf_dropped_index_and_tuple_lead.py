"""PDF copies that drop an iterate's subscript onto the next line ("θ\\n0 = (0, 0)"), print a
transpose as '>' after a tuple, or print a star as '?' right before the question's own mark;
and a request whose leading setting holds a tuple ("With θ_0 = (0, 0), compute θ_1"). Each
both ways: repaired or read, and left alone where it must be."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.normalize import normalize
from optiproof.reading.questions import is_request


def _norm(text: str) -> str:
    return normalize(text).text


@pytest.mark.parametrize("text, want", [
    ("With η = 0.1 and θ\n0 = (0, 0) , compute θ1.", "θ_0 = (0, 0)"),
    ("We run gradient descent θ\nk+1 = θk − η∇f (θk ).", "θ_{k+1} = θk"),
    ("start at w\n0 = (1, 2).", "w_0 = (1, 2)"),
])
def test_an_index_dropped_onto_the_next_line_is_the_iterates(text, want):
    assert want in _norm(text)


@pytest.mark.parametrize("text", [
    "the matrix is θ\n0.5 times the identity.",
    "we take θ\nsmall, and 2 = 2.",
    "Let x\n0 = 1.",   # x is also a coordinate's name: left alone
])
def test_a_line_break_without_an_index_and_assignment_is_left_alone(text):
    assert "_" not in _norm(text)


@pytest.mark.parametrize("text, want", [
    ("With θ0 = (0, 0)> , compute θ1.", "(0, 0)^T ,"),
    ("with θ = (x, y)> .", "(x, y)^T ."),
    ("where θ = (x, y)>", "(x, y)^T"),
])
def test_a_transpose_printed_as_greater_than_after_a_tuple(text, want):
    assert want in _norm(text)


@pytest.mark.parametrize("text", ["if (a, b) > 0, stop.", "when (x, y)> (1, 1) holds"])
def test_a_comparison_after_a_tuple_stays(text):
    assert "^T" not in _norm(text)


def test_a_star_printed_as_a_question_mark_before_the_questions_own_mark():
    assert "θ^* ?" in _norm("What is the minimiser θ? ?")
    assert "^*" not in _norm("What is θ? Give it exactly.")


@pytest.mark.parametrize("sentence, asks", [
    ("With η = 0.25 and θ_0 = (0, 0), compute θ_1 and θ_2.", True),
    ("Starting from w_0 = (1, -1), find w_3.", True),
    ("With θ_0 = (0, 0) the iterates stay bounded, as shown in (a).", False),
])
def test_a_request_after_a_setting_that_holds_a_tuple(sentence, asks):
    assert is_request(sentence) is asks


_GARBLED = """Let f : R2 → R be given by
f (x, y) = 2x2 + 2xy + 2y 2 − 6x − 6y.
We run gradient descent θ
k+1 = θk − η∇f (θk ) with θ = (x, y)> .
1. With η = 1/4 and θ
0 = (0, 0)> , compute θ1 and θ2 . What is the minimiser θ? ?
"""


def test_a_garbled_pdf_part_asking_iterates_and_the_minimiser_is_read_and_answered():
    reading = read_report(_GARBLED)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    answers = {a["quantity"]: a["value"] for a in solution.to_dict()["parts"][0]["answers"]}
    assert answers["objective-minimiser"] == [1, 1]
    assert solution.exit_code == 0
