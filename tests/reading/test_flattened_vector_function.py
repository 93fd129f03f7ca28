"""A function of one vector whose entries' sub- and superscripts a PDF copy set inline
(``f(θ) = (1/2) θ 2 1 + 50θ 2 2`` for ½θ₁² + 50θ₂²), the vector's entries declared elsewhere
(``θ = (θ 1 , θ 2 )``, ``θ ∈ R 2``): read as the one quadratic its scripts can mean; refused
naming the formula when a coefficient may be a fraction that lost its bar, or the entries are
not declared. A stacked ½ whose ``=``, ``1`` and ``2`` stand on lines of their own is (1/2)."""

from __future__ import annotations

from fractions import Fraction

from optiproof.core.text.objects import flattened_vector_quadratic, vector_indices
from optiproof.reading import read_report
from optiproof.reading.normalize import normalize

_QUESTION = "(a) Compute the condition number and the largest stable step size.\n"


def _part(text: str):
    reading = read_report(text)
    return next(p for p in reading.parts), reading


def test_the_entries_of_a_vector_are_declared_by_a_list_or_a_space():
    assert vector_indices("θ", "θ = (θ 1 , θ 2 ) ∈ R 2 .") == ({1, 2}, "θ = (θ 1 , θ 2 ) ∈ R 2")
    assert vector_indices("w", "where w ∈ R^3 is the weight") == ({1, 2, 3}, "w ∈ R^3")
    assert vector_indices("θ", "θ = (θ_1, θ_2) ∈ R^3") is None      # they disagree
    assert vector_indices("θ", "the weights θ") is None


def test_the_order_of_inline_scripts_that_gives_a_quadratic_is_read():
    text = "θ = (θ 1 , θ 2 ) ∈ R 2 ."
    got = flattened_vector_quadratic("f (θ) = (1/2) θ 2 1 + 50θ 2 2", text)
    # independently: ½θ₁² + 50θ₂² has Hessian diag(1, 100)
    assert got.form.H == ((Fraction(1), Fraction(0)), (Fraction(0), Fraction(100)))
    # the other order (subscript first), with a lone index as a linear term
    got = flattened_vector_quadratic("f(θ) = 3θ 1 2 + θ 2 2 - θ 1", text)
    assert got.form.H == ((Fraction(6), Fraction(0)), (Fraction(0), Fraction(2)))
    assert got.form.b == (Fraction(1), Fraction(0))


def test_undeclared_entries_or_two_numbers_side_by_side_are_not_guessed():
    assert flattened_vector_quadratic("f(θ) = θ 2 1 + 50θ 2 2", "no vector declared") is None
    got = flattened_vector_quadratic("f(θ) = 1 2 θ 2 1 + 50θ 2 2", "θ ∈ R 2")
    assert got.form is None and "1 2" in got.refusal


def test_a_stacked_half_on_lines_of_its_own_is_one_half():
    out = normalize("Consider\nf (θ) =\n1\n2\nθ 2 1 + 50θ 2 2 ,\nθ = (θ 1 , θ 2 ) ∈ R 2 .\n")
    assert "= (1/2) θ 2 1 + 50θ 2 2" in out.text


def test_a_pdf_copy_of_the_function_gives_its_hessian():
    part, reading = _part("Consider\nf (θ) =\n1\n2\nθ 2 1 + 50θ 2 2 ,\nθ = (θ 1 , θ 2 ) ∈ R 2 .\n"
                    + _QUESTION)
    assert part.value("H") == [[1, 0], [0, 100]], [m.reason for m in part.missing]
    assert not [u.text for u in reading.numbers if u.status == "unused"]   # θ's entries too


def test_a_coefficient_that_may_have_lost_its_bar_is_refused():
    part, _ = _part("Consider f(θ) = 12 θ 2 1 + 50θ 2 2 with θ = (θ 1 , θ 2 ).\n" + _QUESTION)
    assert part.value("H") is None
    assert any("12" in m.reason for m in part.missing if m.name == "H")
