"""The optimizer a part names: a hyphenated name (``gradient-descent step``) is the name, and a
negated remark closed in its own parentheses or emphasis (``(Note it is not ….) Optimizer:
sign descent``) does not negate the identification after it, in several styles; a wrong name
in the same places is still found."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"

_UPDATE = "$$u = -\\frac{{\\alpha}}{{2}} g.$$\n\n"  # (a format template)
_HYPHENATED = {
    "latex": "(a) " + _UPDATE + "That is a {name}-descent step with learning rate $\\alpha/2$.\n",
    "plain": "(a) u = -(alpha/2) g, i.e. a plain {name}-descent update with step alpha/2.\n",
    "markdown": "**(a)** $u = -\\tfrac{{\\alpha}}{{2}}g$ — this is **{name}-descent** (step α/2).\n",
}


@pytest.mark.parametrize("style", sorted(_HYPHENATED))
def test_a_hyphenated_name_identifies_the_optimizer(solved, style):
    part = graded_part(solved, PLI, _HYPHENATED[style].format(name="gradient"), "a")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("style", sorted(_HYPHENATED))
def test_a_hyphenated_wrong_name_is_found(solved, style):
    part = graded_part(solved, PLI, _HYPHENATED[style].format(name="coordinate"), "a")
    assert part.verdict != "correct", part.findings
    assert set(finding_kinds(part)) & {"over-reach", "unanswered"}, part.findings


_CLOSED = {
    "parentheses": "(a) " + _UPDATE + "(Note it is *not* $-\\alpha g$.) Optimizer: **{name}**.\n",
    "emphasis": "(a) " + _UPDATE + "*It is not $-\\alpha g$ (that misses the 2).* Optimizer: {name}.\n",
    "plain": "(a) u = -(alpha/2) g (not -alpha g, which forgets the factor 2.) This is {name}.\n",
}


@pytest.mark.parametrize("style", sorted(_CLOSED))
def test_a_negation_closed_before_the_identification_does_not_negate_it(solved, style):
    part = graded_part(solved, PLI, _CLOSED[style].format(name="gradient descent"), "a")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("style", sorted(_CLOSED))
def test_a_wrong_identification_after_a_closed_negation_is_found(solved, style):
    part = graded_part(solved, PLI, _CLOSED[style].format(name="sign descent"), "a")
    assert part.verdict == "incorrect", part.findings
    assert "over-reach" in finding_kinds(part), part.findings


@pytest.mark.parametrize("sentence", [
    "Gradient descent, by contrast, always moves along g itself.",
    "Coordinate descent never changes more than one entry per step.",
    "Adam rescales every coordinate by its own running RMS.",
])
def test_a_clause_opening_with_a_name_that_speaks_of_every_case_is_no_identification(
        solved, sentence):
    text = ("(b) $u = -\\frac{\\alpha}{2}\\|g\\|_1\\operatorname{sign}(g)$: sign descent.\n\n"
            + sentence + "\n")
    part = graded_part(solved, PLI, text, "b")
    assert part.verdict == "correct", part.findings
