"""Adam's second moment written with an elementwise square in LaTeX (``g_t^{\\odot 2}``,
``g_t \\odot g_t``): the 2 is the square, no number of the problem, so the parts stay verified."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


@pytest.mark.parametrize("square", [r"g_t^{\odot 2}", r"g_t^{\odot2}", r"g_t \odot g_t"])
def test_the_elementwise_square_is_structure(square):
    text = (r"Adam with $\alpha = 0.01$, $\beta_1 = 0.5$, $\beta_2 = 0.75$, $\epsilon = 0$:"
            "\n\\[ m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t,\\quad "
            f"v_t = \\beta_2 v_{{t-1}} + (1-\\beta_2) {square}, \\]\n"
            r"with $m_0 = v_0 = 0$, $\theta_0 = (1, 2)^\top$ and $g_1 = (3, -1)^\top$."
            "\n(a) Compute $\\theta_1$.")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert not reading.unused, reading.unused
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    reading.attach(solution)
    part = solution.to_dict()["parts"][0]
    assert part["verified"]
    theta = next(a for a in part["answers"] if a["quantity"] == "theta-t")
    assert theta["value"] == pytest.approx([0.99, 2.01])


def test_a_pdf_stacked_square_is_structure():
    from optiproof.reading.coverage import account

    flat = "v_t ← β2 · vt-1 + (1 - β2) · g 2 t , where g 2 t is the elementwise square"
    assert [u.status for u in account(flat, []) if u.text == "2"] == ["structure", "structure"]
    assert [u.status for u in account("the step count is 2 t = 5", [])
            if u.text == "2"] == ["unused"]
