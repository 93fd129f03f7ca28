"""Notes shorten the name of the optimal value ("opt value", "min. val", "val ="): the value
so named is graded as the minimum value, right or wrong."""

from __future__ import annotations

from conftest import bundled_problem, finding_kinds, graded_part

NUMERIC = bundled_problem("steepest-descent-numeric.txt")


def test_abbreviated_names_state_the_value(solved):
    for name in ("opt value", "min. val", "val", "opt. val"):
        right = graded_part(solved, NUMERIC, f"(a) u = (-0.75, 0.25, -0.5)\n    {name} = -7/4\n", "a")
        assert right.verdict == "correct", (name, right.findings)
        wrong = graded_part(solved, NUMERIC, f"(a) u = (-0.75, 0.25, -0.5)\n    {name} = -3.5\n", "a")
        assert "wrong-answer" in finding_kinds(wrong), (name, wrong.findings)


def test_interval_is_not_a_value(solved):
    part = graded_part(solved, NUMERIC, "(a) u = (-0.75, 0.25, -0.5)\n    interval = -3.5\n", "a")
    assert "wrong-answer" not in finding_kinds(part), part.findings
