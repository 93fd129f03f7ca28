"""Assignments written one per line are separate assignments, not one product chain: after
flattening, ``α = 0.1⏎β = 0.9`` must not read as ``α = 0.1·β = 0.9`` (which would give α the
value 0.9). A chain on one line (``u = −α g = (..)``) stays one relation."""

from __future__ import annotations

import pytest
import sympy

from optiproof.core.text.mathobjects import extract
from optiproof.core.text.record import flatten
from optiproof.reading.normalize import normalize


def _values(raw: str) -> dict[str, object]:
    flat = flatten(normalize(raw).text)
    return {a.name: (a.value.tolist() if isinstance(a.value, sympy.MatrixBase) else a.value)
            for a in extract(flat).assignments}


@pytest.mark.parametrize("raw, expected", [
    ("Use\n  alpha = 0.1\n  beta = 0.9\nthroughout.", {"alpha": sympy.Rational(1, 10),
                                                       "beta": sympy.Rational(9, 10)}),
    ("Hyper-parameters: lr = 0.01\n   beta1 = 0.9\n   beta2 = 0.999",
     {"lr": sympy.Rational(1, 100), "beta_1": sympy.Rational(9, 10),
      "beta_2": sympy.Rational(999, 1000)}),
    ("The first two gradients are\n\n  g_1 = [1, -2, 0.5]\n  g_2 = [-1, -2, 1.5]\n",
     {"g_1": [[1], [-2], [sympy.Rational(1, 2)]], "g_2": [[-1], [-2], [sympy.Rational(3, 2)]]}),
    ("θ₀ = (1, 2)\ng = (3, 4)", {"theta_0": [[1], [2]], "g": [[3], [4]]}),
    ("H = [[1, 0], [0, 10]]\nb = [1, 1]", {"H": [[1, 0], [0, 10]], "b": [[1], [1]]}),
    ("with\n n = 8\n p = 10^6", {"n": 8, "p": 10 ** 6}),
])
def test_assignments_one_per_line_stay_apart(raw, expected):
    got = _values(raw)
    assert {k: got.get(k) for k in expected} == expected


def test_a_chain_on_one_line_stays_one_relation():
    got = _values("so u = -α g = (-0.3, 0.1) here")
    assert list(got) == ["u"] and got["u"] == [[sympy.Rational(-3, 10)], [sympy.Rational(1, 10)]]


def test_a_formula_broken_after_an_operator_is_joined():
    # a line ending in an operator or a letter goes on: no separator is inserted
    assert "," not in flatten("θ_t+1 = θ_t − α\n∇f(θ_t)")
    assert flatten("The gradient is\ng = (1, 2)") == "The gradient is g = (1, 2)"


def test_a_stacked_matrix_label_is_not_split():
    # PDF copy of a typeset matrix: 'X=' on its own line between rows is not a new assignment
    assert flatten("1 1 0 0 2\n X= , y= ,\n0 1 1 1 3") == "1 1 0 0 2 X= , y= , 0 1 1 1 3"
