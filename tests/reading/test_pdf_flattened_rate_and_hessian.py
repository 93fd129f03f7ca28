"""Exponents a PDF copy set on the line: 'ρ k ≤ 10^-3' is the bound ρ^k ≤ 10^-3 on the error
(the factor an iteration count is asked for), '∇ 2 f' is the Hessian ∇²f."""

from __future__ import annotations

from optiproof.reading import read_report
from optiproof.reading.normalize import normalize


def test_a_flattened_power_of_the_rate_bounds_the_error():
    reading = read_report("Let f(x, y) = x^2 + 9y^2 and run gradient descent with the optimal "
                          "step.\n(a) Find the smallest k with ρ k ≤ 10^-3.")
    part = reading.parts[0]
    assert part.value("epsilon") == 0.001, [m.reason for m in part.missing]


def test_nabla_two_before_a_function_is_its_hessian():
    assert "eigenvalues of ∇^2 f," in normalize("the eigenvalues of ∇ 2 f, and κ").text
    assert "∇^2 L(θ)" in normalize("where ∇2 L(θ) is").text
    assert normalize("∇ 2 (3)").text == "∇ 2 (3)"
