"""Figures a person reads: whole-number iteration ticks, error axes that stop at machine
precision, math in legends, and the figures of Adam's mechanics and of quadratic dynamics."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.plots import MACHINE_EPSILON, error_axis, iteration_axis, pyplot


def test_iteration_ticks_are_whole_numbers() -> None:
    fig, ax = pyplot().subplots()
    ax.plot([0, 7.5], [1, 2])
    iteration_axis(ax)
    fig.canvas.draw()
    ticks = [t for t in ax.get_xticks() if 0 <= t <= 7.5]
    assert len(ticks) >= 3 and all(float(t).is_integer() for t in ticks)
    iteration_axis(ax, log=True)
    ax.set_xlim(1, 5000)
    fig.canvas.draw()
    shown = [label.get_text() for label in ax.get_xticklabels()
             if 1 <= label.get_position()[0] <= 5000]
    assert shown == ["1", "10", "100", "1000"]
    pyplot().close(fig)


def test_error_axis_stops_at_machine_precision() -> None:
    fig, ax = pyplot().subplots()
    ax.plot(np.arange(100), 10.0 ** -np.arange(100))
    error_axis(ax, 1.0, r"$\|e_t\|$")
    assert ax.get_yscale() == "log" and ax.get_ylim()[0] == pytest.approx(MACHINE_EPSILON)
    pyplot().close(fig)


def test_adam_step_bound_meets_the_exact_bound() -> None:
    from optiproof.families.adam_mechanics.figures import step_bound

    t = np.arange(1, 20001, dtype=float)
    bound = step_bound(t, 1e-3, 0.9, 0.999)
    assert bound[0] == pytest.approx(1e-3)
    assert bound[-1] == pytest.approx(np.sqrt(2590) / 7000, rel=1e-6)  # the solver's B_inf


@pytest.mark.slow
@pytest.mark.parametrize(("name", "parts_with_figures"), [
    ("adam-mechanics.txt", {"b", "d"}), ("quadratic-dynamics.txt", {"a", "b", "c", "d"})])
def test_bundled_problems_draw_their_figures(name: str, parts_with_figures: set[str]) -> None:
    from optiproof.core.options import SolveOptions
    from optiproof.loading import bundled_problems, problem_and_reading
    from optiproof.pipeline import solve_problem

    problem, _ = problem_and_reading(dict(bundled_problems())[name], name)
    solution = solve_problem(problem, SolveOptions(run_witnesses=False))
    drawn = {p.label for p in solution.parts if p.figures}
    assert drawn == parts_with_figures
    titles = {f.title for p in solution.parts for f in p.figures}
    assert titles & {"Adam's mechanics against the step", "Rate against step size"}
    assert all(f.png.startswith(b"\x89PNG") for p in solution.parts for f in p.figures)
