"""A count abbreviated right after its number (``86 its``, ``86 iters``) names the iterations,
also in a cell whose column names another quantity: a right count stays correct beside the
rate, a wrong one is a wrong iteration count (not an inconsistency of the rate)."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"

_STYLES = {
    "table": ("(c) Rate $\\rho = \\max(0.85, 0.5) = 0.85$; $0.85^k \\le 10^{{-6}}$ needs "
              "$k \\ge 85.01$, so **86 iterations**.\n\n| | step | rate |\n|---|---|---|\n"
              "| (c) GD, $\\alpha = 0.15$ | $0.15$ | $0.85$, {n} its |\n"),
    "plain": "(c) rate 0.85, so {n} iters to reach 1e-6\n",
    "terse": "(c) rho = 0.85 => {n} it.\n",
}


@pytest.mark.parametrize("style", sorted(_STYLES))
def test_an_abbreviated_right_count_is_the_iterations(solved, style):
    part = graded_part(solved, QD, _STYLES[style].format(n=86), "c")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("style", sorted(_STYLES))
def test_an_abbreviated_wrong_count_is_a_wrong_iteration_count(solved, style):
    part = graded_part(solved, QD, _STYLES[style].format(n=60), "c")
    assert part.verdict == "incorrect", part.findings
    assert any(f.kind in ("wrong-answer", "inconsistency") and "iterations" in f.message
               for f in part.findings), part.findings
    assert not any("rate" in f.message for f in part.findings), part.findings
