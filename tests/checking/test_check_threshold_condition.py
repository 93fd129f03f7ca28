"""A condition on the very symbol whose threshold a part asks ("the step stays 0 while
α < 1/6, and for α > 1/6 it is unbounded below") states the threshold, in several styles: a
right one is correct, a wrong one a wrong answer."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

SDN = "src/optiproof/problems/steepest-descent-numeric.yaml"

_STYLES = {
    "latex": ("**(d)** Along $-t\\,\\mathrm{{sign}}(g)$ the objective is $t(1/\\alpha - 6)$, so the step "
              "stays $0$ while $\\alpha < {t}$ and for $\\alpha > {t}$ it is unbounded below. At "
              "$\\alpha = 0.5$ there is no minimiser.\n"),
    "plain": ("d) the step is 0 while alpha < {t}; for alpha > {t} the objective is unbounded "
              "below. At alpha = 0.5: unbounded, no minimiser.\n"),
    "markdown": ("(d)\n- zero step if $\\alpha \\le {t}$\n- unbounded below if $\\alpha > {t}$, so "
                 "at $\\alpha = 0.5$ there is no minimiser\n"),
}


@pytest.mark.parametrize("style", sorted(_STYLES))
def test_a_condition_on_the_asked_symbol_states_its_threshold(solved, style):
    part = graded_part(solved, SDN, _STYLES[style].format(t="1/6"), "d")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("style", sorted(_STYLES))
def test_a_wrong_threshold_condition_is_a_wrong_answer(solved, style):
    part = graded_part(solved, SDN, _STYLES[style].format(t="1/3"), "d")
    assert part.verdict == "incorrect", part.findings
    assert "wrong-answer" in finding_kinds(part)
