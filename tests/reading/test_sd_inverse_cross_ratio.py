"""A part that redoes an earlier step under another norm ("Repeat (a) with ‖u‖_2 in place of
‖u‖_∞") and asks the ratio with the earlier step on top (‖u*_∞‖_2 / ‖u*_2‖_2) keeps its own norm
and answers the ratio the way it is written (the part's own step below), in clean, LaTeX and
Markdown wording; the spec's inverse compare is the reciprocal of the plain one, witnessed."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from optiproof.core.options import SolveOptions
from optiproof.loading import load_problem
from optiproof.pipeline import solve_problem
from reading_helpers import solved_verified

_A = "Let g = {g} and consider m(u) = g^T u + (lam/2) ||u||_inf^2 with lam = 2.\n\n(a) Find the minimiser u*.\n\n"


def _linf_step(g):
    g = np.array(g, float)
    return -np.abs(g).sum() / 2 * np.sign(g)


@pytest.mark.parametrize("b, other", [
    ("(b) Repeat (a) with ||u||_2 in place of ||u||_inf. Then give ||u*_inf||_2 / ||u*_2||_2.", 2),
    (r"(b) Redo (a) using $\|u\|_2$ instead of $\|u\|_\infty$ and report the ratio "
     r"$\|u^\star_\infty\|_2 / \|u^\star_2\|_2$.", 2),
    ("**(b)** Same as (a) but with ‖u‖_1 in place of ‖u‖_∞; what is ‖u*_∞‖_2 / ‖u*_1‖_2?", 1),
])
@pytest.mark.parametrize("g", [(3, -1, 2), (1, -4, 2, 2)])
def test_earlier_step_on_top(b, other, g):
    parts = {p["label"]: p for p in solved_verified(_A.format(g=g) + b)["parts"]}
    (ratio,) = [a for a in parts["b"]["answers"] if a["quantity"] == "compare"]
    gv = np.array(g, float)
    if other == 2:
        mine = -gv / 2
    else:   # the l1 step moves one coordinate, the largest |g_i|, by ‖g‖_∞ / 2
        i = int(np.argmax(np.abs(gv)))
        mine = np.zeros_like(gv)
        mine[i] = -np.abs(gv).max() / 2 * np.sign(gv[i])
    if other == 1 and (np.abs(gv) == np.abs(gv).max()).sum() > 1:
        pytest.skip("set-valued l1 step")
    expected = np.linalg.norm(_linf_step(g)) / np.linalg.norm(mine)
    assert float(sp.sympify(ratio["expr"])) == pytest.approx(expected)


def test_inverse_compare_is_the_reciprocal():
    part = {"family": "steepest-descent", "label": "a", "form": "constraint", "norm": "l2",
            "eta": "1/2", "gradient": [2, -1, 2]}
    values = []
    for inverse in (False, True):
        ask = {"kind": "compare", "other": "linf", "measure": "l2", "inverse": inverse}
        sol = solve_problem(load_problem({"title": "t", "parts": [{**part, "asks": [ask]}]}),
                            SolveOptions(figures=False))
        (p,) = sol.to_dict()["parts"]
        (a,) = [x for x in p["answers"] if x["quantity"] == "compare"]
        assert p["verified"]
        values.append(sp.sympify(a["expr"]))
    assert sp.simplify(values[0] * values[1]) == 1 and values[1] == sp.sqrt(3)
