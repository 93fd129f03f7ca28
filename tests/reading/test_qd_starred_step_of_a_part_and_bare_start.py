"""A later part that takes the optimal step another part asks for by its starred symbol ('with η*
from (a)') and starts from a bare point after a starting verb ('starting from (2, -1)'): both are
read, so the iterates it asks are computed; two bare points after starting verbs name no start."""

from __future__ import annotations

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

TEXT = ("Let f(u, v) = 2u^2 + 8v^2, minimised by gradient descent.\n"
        "(a) Give the step η* that minimises the worst-case contraction factor.\n"
        "(b) With η* from (a), starting from (2, -1), compute the iterate after one step.\n")


def test_the_starred_step_of_a_part_and_the_bare_start_are_read():
    reading = read_report(TEXT)
    assert reading.complete, reading.unread()
    b = reading.parts[1]
    assert str(b.value("alpha")) == "1/10"   # 2/(μ + L) = 2/(4 + 16)
    assert [float(x) for x in b.value("theta0")] == [2.0, -1.0]
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    it = next(a for a in solution.to_dict()["parts"][1]["answers"] if a["quantity"] == "theta-t")
    assert it["value"] == [1.2, 0.6]   # (2 − 0.1·8, −1 + 0.1·16)
    assert solution.exit_code == 0


def test_two_bare_points_after_starting_verbs_name_no_start():
    reading = read_report("Let f(u, v) = 2u^2 + 8v^2, gradient descent with step 0.1 starting "
                          "at (1, 1); a friend started at (3, 0).\n"
                          "(a) Compute the iterate after one step.\n")
    assert not reading.complete
    assert any("start" in m.reason for m in reading.parts[0].missing)
