"""In plain notes a line that is one equation and nothing else (``  Δθ = -(α/2) g``) is a
result written on its own, as a display is: a final line concluding another value
(``Final: u = -2α g``) contradicts it, an inconsistency. The next line of notes does not
run on into it."""

from __future__ import annotations

from conftest import finding_kinds, graded_part

from optiproof.checking.statements import bare_equation

PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"
_A = ("(a) D = ||Δθ||₂²\n  derivative: g + (2/α) Δθ = 0\n  Δθ = -(α/2) g\n"
      "  check: 2nd derivative (2/α) I > 0 so it's a min.\n  → this is plain gradient descent "
      "(SGD)\n\n  Final: u = {final}, SGD.\n")


def test_a_final_line_against_the_equation_line_is_an_inconsistency(solved):
    part = graded_part(solved, PLI, _A.format(final="-2α g"), "a")
    assert "inconsistency" in finding_kinds(part), part.findings


def test_the_same_value_concluded_is_right(solved):
    part = graded_part(solved, PLI, _A.format(final="-(α/2) g"), "a")
    assert finding_kinds(part) == [], part.findings


def test_what_a_bare_equation_line_is():
    assert bare_equation("  Δθ = -(α/2) g")
    assert bare_equation("x = sqrt(2)")
    assert not bare_equation("  derivative: g + (2/α) Δθ = 0")
    assert not bare_equation("u = -2α g, so this is SGD.")
    assert not bare_equation("k = 85 iterations")
