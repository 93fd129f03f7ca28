"""A summary that states the verified answer in another form than the body is no
inconsistency: an update with its bias correction written inline in the body and with hatted
moments in a summary row that drops the step index (``θ ← θ − α m̂/(√v̂ + ε)``) both state the
verified update. A summary row that states another update still disagrees with the body."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"
_BODIES = (
    "### (a)\n\n$$\\theta_t = \\theta_{t-1} - \\alpha\\,\\frac{m_t/(1-\\beta_1^t)}"
    "{\\sqrt{v_t/(1-\\beta_2^t)} + \\epsilon}$$\n\nwith $m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t$ "
    "and $v_t = \\beta_2 v_{t-1} + (1-\\beta_2) g_t^2$. Dividing by the root of v equalises the "
    "coordinates' scales.\n\n",
    "(a) m_t = β1·m_{t-1} + (1-β1)·g_t, v_t = β2·v_{t-1} + (1-β2)·g_t², and\n"
    "    θ_t = θ_{t-1} - α·(m_t/(1-β1^t)) / (sqrt(v_t/(1-β2^t)) + ε).\n"
    "    The square root of v rescales each coordinate to unit size.\n\n",
)
_ROWS = {
    "hatted, no index": "| Adam update | $\\theta \\leftarrow \\theta - \\alpha\\,\\hat m/"
                        "(\\sqrt{\\hat v}+\\epsilon)$ |",
    "plain text": "| update rule | θ ← θ − α·m̂/(√v̂ + ε) |",
    "indexed": "| update | $\\theta_t = \\theta_{t-1} - \\alpha \\hat m_t/(\\sqrt{\\hat v_t} + "
               "\\epsilon)$ |",
}
_WRONG_ROW = "| update | $\\theta \\leftarrow \\theta - \\alpha\\, m/(\\sqrt{v}+\\epsilon)$ |"


def _answer(body: str, row: str) -> str:
    return body + "## Summary\n\n| quantity | answer |\n|---|---|\n" + row + "\n"


@pytest.mark.parametrize("body", _BODIES)
@pytest.mark.parametrize("row", sorted(_ROWS))
def test_a_summary_in_another_form_of_the_same_update_agrees_with_the_body(solved, body, row):
    part = graded_part(solved, ADAM, _answer(body, _ROWS[row]), "a")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("body", _BODIES)
def test_a_summary_that_drops_the_bias_correction_still_disagrees(solved, body):
    part = graded_part(solved, ADAM, _answer(body, _WRONG_ROW), "a")
    assert "inconsistency" in finding_kinds(part), part.findings
