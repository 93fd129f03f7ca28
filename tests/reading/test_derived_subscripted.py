"""A ratio of symbols the text never defines but the catalogue names ('T_tree / T_ring': the time
of the tree and of the ring): each is the part about that scheme that asks that quantity."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

TEXTS = {
    "clean": "A model of 10^8 parameters in fp32 (4 bytes) is trained on n = 16 workers; latency "
             "α = 2·10⁻⁵ s, bandwidth 10^10 bytes/s.\n(a) Time of one ring all-reduce in the α-β "
             "model.\n(b) The same for a parameter server.\n(c) What is T_ps / T_ring?",
    "ascii": "p = 10^8 params, fp32 (4 bytes), n = 16 workers, alpha = 2e-5 s, bandwidth 1e10 bytes/s.\n"
             "a) time of a ring all-reduce (alpha-beta model)?\nb) same quantity for a parameter "
             "server\nc) by what factor is the ring faster (T_ps / T_ring)?",
    "markdown": "**Setup.** $p = 10^8$ parameters in fp32 (4 bytes), $n = 16$ workers, latency "
                "$\\alpha = 2 \\times 10^{-5}$ s, bandwidth $10^{10}$ bytes/s.\n\n1. Time of one "
                "ring all-reduce in the $\\alpha$-$\\beta$ model.\n2. Same quantity for a "
                "parameter server.\n3. Compute the ratio $T_{ps}/T_{ring}$.",
}


@pytest.mark.parametrize("style", sorted(TEXTS))
def test_undefined_subscripted_symbols_name_the_scheme_parts(style):
    reading = read_report(TEXTS[style])
    problem = reading.to_problem()
    sol = solve_problem(problem, SolveOptions(figures=False))
    times = [float(next(a for a in p.answers if a.quantity == "time").value) for p in sol.parts[:2]]
    ratio = next(a for a in sol.parts[2].answers if a.quantity == "ratio")
    assert sol.parts[2].verified
    assert float(ratio.value) == pytest.approx(times[1] / times[0], rel=1e-9)


NORM_RATIO = {
    "clean": "Let G = [[1, 2], [2, 1]] be the gradient of a matrix parameter and η > 0.\n"
             "(a) Solve min ⟨G, D⟩ subject to ‖D‖_op ≤ η. Give the minimiser D*.\n"
             "(b) Solve min ⟨G, D⟩ subject to ‖D‖_F ≤ η. Give the minimiser.\n"
             "(c) Compute the ratio of the Frobenius norms of the two minimisers found in (a) "
             "and (b).",
    "garbled": "Let G = [[1, 2], [2, 1]] and η > 0.\n(a) Solve min ⟨G, D⟩ subject to ‖D‖_op ≤ η "
               "and give the minimiser D*.\n(b) Repeat (a) with the Frobenius norm ‖D‖_F ≤ η.\n"
               "(c) Compute the ratio ‖D?op‖_F / ‖D?F‖_F of the Frobenius norms of the two "
               "minimisers from (a) and (b).",
    "latex": "Let $G = \\begin{pmatrix}1 & 2\\\\ 2 & 1\\end{pmatrix}$ and $\\eta > 0$.\n"
             "\\begin{enumerate}\\item[(a)] Solve $\\min \\langle G, D\\rangle$ s.t. "
             "$\\|D\\|_{op} \\le \\eta$; give the minimiser.\n\\item[(b)] Solve $\\min \\langle G, "
             "D\\rangle$ s.t. $\\|D\\|_F \\le \\eta$; give the minimiser.\n\\item[(c)] Give the "
             "ratio of the Frobenius norms of the minimisers in (a) and (b).\\end{enumerate}",
}


@pytest.mark.parametrize("style", sorted(NORM_RATIO))
def test_a_ratio_of_norms_of_two_parts_answers_named_in_words(style):
    import sympy

    reading = read_report(NORM_RATIO[style])
    problem = reading.to_problem()
    sol = solve_problem(problem, SolveOptions(figures=False))
    part = sol.parts[-1]
    assert part.verified
    ratio = next(a for a in part.answers if a.quantity == "ratio")
    # ‖−η U Vᵀ‖_F = √2 η (G has two nonzero singular values), ‖−η G/‖G‖_F‖_F = η
    assert sympy.simplify(ratio.expr - sympy.sqrt(2)) == 0
