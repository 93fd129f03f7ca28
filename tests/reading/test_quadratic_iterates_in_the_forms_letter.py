"""Iterates named by the written form's own variable ('u_2' of h(u) = ½ uᵀBu), started from
'u_0 = …'; an index said again as a step count must agree; the function's value at an iterate
is not answered as the iterate; a PDF copy's 'x > Hx − c > x' is the form xᵀHx − cᵀx."""

from __future__ import annotations

from optiproof.reading import read_report
from optiproof.reading.normalize import normalize


def _parts(text: str):
    return {p.label: p for p in read_report(text).parts}


def test_iterates_in_the_forms_variable_are_computed_from_its_start():
    parts = _parts("Let h(u) = ½ uᵀBu with B = diag(2, 6), and run gradient descent with step "
                   "0.1 from u_0 = (1, 2).\n(a) Give u_1 and u_2.")
    a = parts["a"]
    assert not a.missing, [m.reason for m in a.missing]
    assert a.value("asks") == ["theta-t"]
    assert a.value("steps") == [1, 2]
    assert a.value("theta0") == [1, 2]


def test_an_adam_letter_as_the_forms_variable_is_its_iterate():
    parts = _parts("Let p(v) = 1/2 v^T M v with M = [[2, 1], [1, 2]]. Run gradient descent "
                   "v = v - lr * M @ v with lr = 0.5 from v0 = [0, 1].\n"
                   "(a) The iterate v_2 after two steps.\n(b) The value p(v_2).")
    a, b = parts["a"], parts["b"]
    assert a.family == "quadratic-dynamics"
    assert not a.missing, [m.reason for m in a.missing]
    assert a.value("steps") == [2]
    assert any("p(v_2)" in m.reason for m in b.missing), [m.reason for m in b.missing]
    assert b.value("asks") != ["theta-t"]


def test_a_step_count_that_disagrees_with_the_index_is_refused():
    parts = _parts("Let h(u) = ½ uᵀBu with B = diag(2, 6), gradient descent with step 0.1 from "
                   "u_0 = (1, 2).\n(a) Give u_2 after three steps.")
    assert any(m.name == "steps" for m in parts["a"].missing)


def test_a_pdf_greater_than_between_a_variable_and_its_matrix_is_a_transpose():
    text = normalize("f (y) = (1/2) y > Ay - c > y, A = [[2, 0], [0, 4]]").text
    assert "y^T Ay - c^T y" in text
    assert "a > b" in normalize("if a > b then stop").text
