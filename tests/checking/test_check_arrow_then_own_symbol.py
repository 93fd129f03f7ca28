"""An update worked out behind an arrow (``⇒``, ``→``, ``=>``, ``\\Rightarrow``) is ranked as a
conclusion; a later plain statement of the asked quantity under the problem's own symbol that
gives another value is not silenced by that rank: the part gets a finding, never 'correct'."""

from __future__ import annotations

import pytest

from conftest import finding_kinds, graded_part

PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"

ARROWS = ["=>", "⇒", "→", "$\\Rightarrow$"]
BETWEEN = ["", "That is ordinary gradient descent.\n", "We recover the usual gradient step.\n"]
LATER = ["u = -3 g", "u = -2α g", "u = α g"]


@pytest.mark.parametrize("arrow", ARROWS)
@pytest.mark.parametrize("between", BETWEEN)
@pytest.mark.parametrize("later", LATER)
def test_a_later_own_symbol_value_contradicting_the_arrow_step_is_flagged(solved, arrow, between,
                                                                          later):
    text = (f"(a) Minimising f(d) = g^T d + (1/α)||d||^2 over d\n"
            f"{arrow} Δθ = -(α/2) g\n{between}{later}\n")
    part = graded_part(solved, PLI, text, "a")
    assert part.verdict != "correct"
    assert {"inconsistency", "wrong-answer"} & set(finding_kinds(part)), part.findings


@pytest.mark.parametrize("arrow", ARROWS)
def test_a_later_own_symbol_restating_the_arrow_step_stays_correct(solved, arrow):
    text = (f"(a) Minimising f(d) = g^T d + (1/α)||d||^2 over d\n"
            f"{arrow} Δθ = -(α/2) g\nThat is ordinary gradient descent.\nu = -α g / 2\n")
    part = graded_part(solved, PLI, text, "a")
    assert part.verdict == "correct" and not part.findings, part.findings
