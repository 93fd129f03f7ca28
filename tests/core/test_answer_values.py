"""Answers that are not numbers: a name (what a subject is) and a yes/no, written to LaTeX,
expression strings and JSON from the one value."""

from __future__ import annotations

import json

import sympy as sp

from optiproof.core.exact import Name, to_expr_string, to_latex, to_value
from optiproof.core.solution import Analysis, Answer, PartSolution


def test_a_name_is_text_in_latex_its_key_in_the_expression_and_no_number():
    name = Name("lp-descent", "steepest descent in the l_p norm & 100% #1")
    assert to_latex(name) == r"\text{steepest descent in the l\_p norm \& 100\% \#1}"
    assert to_expr_string(name) == "lp-descent"
    assert to_value(name) is None
    assert str(name) == name.name


def test_a_yes_no_answer_is_a_json_boolean_that_reads_back():
    for truth, words in ((sp.true, "yes"), (sp.false, "no")):
        assert to_latex(truth) == rf"\text{{{words}}}"
        assert to_value(truth) is bool(truth)
        assert sp.S(to_expr_string(truth)) == truth


def test_identifications_follow_the_answers_in_json():
    update = Answer("update", "u", sp.Matrix([1, 2]), quantity="update", subject="l2")
    ident = Answer("identification", "", Name("gd", "gradient descent"),
                   quantity="identification", subject="l2")
    part = PartSolution("a", "f", "q", Analysis(), [], [update], asked=["update"],
                        identifications=[ident])
    answers = json.loads(json.dumps(part.to_dict()))["answers"]
    assert [(a["quantity"], a["expr"], a["value"]) for a in answers] == [
        ("update", "Matrix([[1], [2]])", [1.0, 2.0]), ("identification", "gd", None)]
