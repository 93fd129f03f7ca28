"""Values met on the way to the first step are not its claim.

A part that asks for the first step is answered by the step, however the answer gets there:
the root second moment named by its own symbol (``√v̂₁ = …``), a vector the words call by a
name the part does not ask ("the entrywise magnitudes are …"), each marked as a conclusion
("so …"), then the step named by its symbol, by the head noun "step", or by "the first
update". Whatever the intermediate vector, a right step is graded correct; a wrong step after
the same intermediates is still a wrong answer.
"""

from __future__ import annotations

import pytest
from conftest import graded_part, finding_kinds
from hypothesis import given, settings
from hypothesis import strategies as st

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
RIGHT = (-0.001, 0.001, -0.001)

_STYLES = {
    "latex-symbol": ("(c) Bias correction gives $\\hat m_1 = g_1$ and $\\hat v_1 = g_1^2$; hence "
                     "$\\sqrt{{\\hat v_1}} = {inter}$.\n\nThe update is then $\\theta_1 - \\theta_0 "
                     "= -\\alpha\\,\\mathrm{{sign}}(g_1) = {final}$.\n"),
    "plain-head-noun": ("c) mhat_1 = g_1 and vhat_1 = g_1^2, so the entrywise magnitudes are "
                        "{inter}\n   step = -alpha*sign(g_1) = {final}\n"),
    "plain-root": ("c) corrected moments: mhat1 = g1, vhat1 = g1^2, so sqrt(vhat1) = {inter}\n"
                   "   step: -α sign(g1) = {final}\n"),
    "prose": ("(c) After the correction each coordinate is divided by its own root second "
              "moment, so the divisors are {inter}.\nThe first update is therefore {final}, "
              "one learning rate against the sign of each gradient entry.\n"),
}

_ENTRY = st.integers(-60, 60).map(lambda k: k / 20)
_VECTOR = st.tuples(_ENTRY, _ENTRY, _ENTRY)
_WRONG = st.tuples(*[st.integers(-9, 9)] * 3).map(lambda v: tuple(k / 1000 for k in v)).filter(
    lambda v: v != RIGHT)


def _shown(vector: tuple[float, ...]) -> str:
    return "[" + ", ".join(f"{x:g}" for x in vector) + "]"


def _part(solved, style: str, inter: tuple[float, ...], final: tuple[float, ...]):
    text = _STYLES[style].format(inter=_shown(inter), final=_shown(final))
    return graded_part(solved, ADAM, text, "c")


@pytest.mark.parametrize("style", sorted(_STYLES))
def test_the_gradient_magnitudes_on_the_way_are_not_the_step(solved, style):
    part = _part(solved, style, (3, 0.5, 2), RIGHT)
    graded = {c.name: c.value for c in part.claimed}
    assert "0.5" not in graded.get("first_step", "0.5"), part.claimed  # the step, not |g₁|
    assert not [f for f in part.findings if f.answer.startswith("first_step")], part.findings


@pytest.mark.parametrize("style", sorted(_STYLES))
@settings(max_examples=8, deadline=None)
@given(inter=_VECTOR)
def test_any_intermediate_vector_before_a_right_step_is_no_finding(solved, style, inter):
    part = _part(solved, style, inter, RIGHT)
    assert not [f for f in part.findings if f.answer.startswith("first_step")], part.findings


@pytest.mark.parametrize("style", sorted(_STYLES))
@settings(max_examples=8, deadline=None)
@given(inter=_VECTOR, wrong=_WRONG)
def test_a_wrong_step_after_the_intermediates_is_still_wrong(solved, style, inter, wrong):
    part = _part(solved, style, inter, wrong)
    assert "wrong-answer" in finding_kinds(part), part.findings


@pytest.mark.parametrize("text", [
    "c) the step is [-0.001, 0.001, -0.001]\n   It is not -α g1, which would be plain SGD.\n",
    "c) step = -α sign(g1) = [-0.001, 0.001, -0.001]\n   It equals α in size per coordinate.\n",
    "c) first we get the step [-0.001, 0.001, -0.001]\n   it moves every coordinate by α.\n",
])
def test_a_pronoun_opening_the_next_clause_is_no_count_unit(solved, text):
    """``it`` right after a value abbreviates "iterations" only when no verb follows it."""
    part = graded_part(solved, ADAM, text, "c")
    assert not [f for f in part.findings if f.answer.startswith("first_step")], part.findings


def test_the_bare_head_noun_names_the_asked_quantity_only_where_the_part_asks_it():
    from optiproof.checking.headnoun import with_heads
    from optiproof.catalogue.quantities import label_scores

    step = label_scores("step")
    assert "first-step" in with_heads(step, frozenset({"first-step", "loss-scaling"}))
    # nothing to add when the words already name an asked quantity, or name something longer
    assert with_heads(step, frozenset({"update"})) == step
    assert "first-step" not in with_heads(label_scores("step bound"),
                                          frozenset({"first-step"}))
    # a quantity whose name is no short noun phrase has no head noun
    assert "step-bound" not in with_heads(step, frozenset({"step-bound"}))
