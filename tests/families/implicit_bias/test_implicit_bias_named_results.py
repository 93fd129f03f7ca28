"""A part about the results of earlier parts: 'is the answer of (b) the minimum-‖w‖_2
interpolant?' (the norm written as a symbol inside the compound), 'the point from part 2
minimises a certain weighted quadratic; write it', 'among all solutions of Xw = y' (the set the
norm is minimised over, a statement): each part named gives its own method, not the one the
shared text names."""

from __future__ import annotations

import pytest
import sympy as sp

from optiproof.reading import read_report

STEM = ("Data X = [[1, 1, 1], [1, 0, -1]], y = [3, 1], loss ½‖Xw − y‖². Gradient descent is "
        "always started at zero with a small step.\n"
        "(a) Where does gradient descent converge?\n"
        "(b) Multiply the first feature by 2, train with gradient descent and map the weights back "
        "to the original units. Which w?\n")


def _parts(ask: str):
    reading = read_report(STEM + ask)
    assert reading.complete, [(m.name, m.reason) for p in reading.parts for m in p.missing]
    return [p for p in reading.parts if p.label.startswith("c")]


@pytest.mark.parametrize("ask", [
    "(c) Is the answer of (b) the minimum-‖w‖_2 interpolating solution?",
    "(c) Is the limit from (b) the minimum-$\\|w\\|$ solution?",
    "(c) is the w of (b) the min-||w||_2 interpolant??",
])
def test_is_min_norm_with_the_norm_written_as_a_symbol(ask):
    (c,) = _parts(ask)
    assert "is-min-norm" in c.asked
    assert isinstance(c.value("method"), dict) and c.value("method")["name"] == "preconditioned"


@pytest.mark.parametrize("ask", [
    "(c) Among all solutions of Xw = y, the point from part (b) minimises a certain weighted "
    "quadratic. Write it in terms of w1, w2, w3.",
    "(c) The limit of (b) minimises some weighted quadratic form among the solutions of "
    "$Xw = y$. Give it in terms of $w_1, w_2, w_3$.",
    "(c) among all interpolating solutions, the result of (b) minimizes a certain quadratic -- "
    "write it in w1, w2, w3",
])
def test_the_weighted_quadratic_an_earlier_result_minimises(ask):
    (c,) = _parts(ask)
    assert "which-norm" in c.asked and c.value("method")["name"] == "preconditioned"
    from optiproof.families.implicit_bias.solve import solve
    spec = read_report(STEM + ask).to_problem().parts[2]
    form = next(a for a in solve(spec, figures=False).answers if a.quantity == "which-norm")
    w1, w2, w3 = sp.symbols("w1 w2 w3")
    # independent: θ = S v with S = diag(2, 1, 1) minimises ‖v‖² = (w1/2)² + w2² + w3²
    ratio = sp.simplify(form.expr.subs({s: sp.Symbol(s.name) for s in form.expr.free_symbols})
                        / (w1 ** 2 / 4 + w2 ** 2 + w3 ** 2))
    assert ratio.is_number and ratio > 0
