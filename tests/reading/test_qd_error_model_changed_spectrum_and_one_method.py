"""Iteration counts under a stated rate model ('the worst-case bound ‖x_k‖ ≤ ρ^k ‖x_0‖', 'as the
error model ‖x_k‖ ≈ ρ^k ‖x_0‖') are counted as ρ^k ≤ ε; a part that repeats earlier numbered
parts ('Repeat 2. and 3.') for one method only ('(heavy ball only)') with one end of the
spectrum changed ('the smallest eigenvalue is 2 instead of 1') is read with that change; a
change that does not fit the spectrum is refused by name; 'what (asymptotic) rate do they
give?' asks the optimal rate; a LaTeX set \\{1,\\ 4\\} is its elements."""

from __future__ import annotations

from optiproof.reading.normalize import normalize

from reading_helpers import refused, solved_verified

SHEET = (r"Let $f(x) = \tfrac12 x^\top H x$ where $H$ has eigenvalues $\{1,\ 3,\ 9\}$." "\n\n"
         "1. Give the step that minimises the worst-case contraction factor of gradient "
         "descent, and that factor.\n"
         "2. For Polyak's heavy ball method give the optimal α, β and the resulting rate.\n"
         "3. With the rates ρ from 1. and 2. and the worst-case bound ‖x_k‖ ≤ ρ^k ‖x_0‖, how "
         "many iterations does each method need to shrink the error by a factor 10^3?\n"
         "4. Repeat 2. and 3. (heavy ball only) when the largest eigenvalue is 4 instead of 9.\n")


def _answers(text: str) -> dict[str, dict[str, float]]:
    data = solved_verified(text)
    return {p["label"]: {a["quantity"]: a["value"] for a in p["answers"]} for p in data["parts"]}


def test_latex_set_braces_are_the_elements():
    assert "eigenvalues 1, 3, 9" in normalize(r"eigenvalues $\{1,\ 3,\ 9\}$ here").text
    assert "max(a, b)" in normalize(r"$\max\{a, b\}$").text.replace(" (", "(")


def test_counts_under_the_stated_bound_and_a_repeat_with_the_largest_eigenvalue_changed():
    got = _answers(SHEET)
    # GD: κ = 9, ρ = 8/10; HB: √κ = 3, ρ = 1/2. ρ^k ≤ 10^-3: 31 and 10 steps
    assert got["1"]["optimal-rate"] == 0.8 and got["2"]["optimal-rate"] == 0.5
    assert sorted([got["3.1"]["iterations"], got["3.2"]["iterations"]]) == [10, 31]
    four = got["4"]
    # spectrum 1, 3, 4: κ = 4, √κ = 2: α = 4/(1 + 2)^2, β = (1/3)^2, ρ = 1/3; ρ^k ≤ 10^-3: 7
    assert abs(four["optimal-step"] - 4 / 9) < 1e-12
    assert abs(four["optimal-momentum"] - 1 / 9) < 1e-12
    assert abs(four["optimal-rate"] - 1 / 3) < 1e-12
    assert four["iterations"] == 7
    assert "4.1" not in got and "4.2" not in got   # heavy ball only: one reading


def test_a_changed_end_that_is_not_that_end_is_refused_by_name():
    text = SHEET.replace("largest eigenvalue is 4 instead of 9",
                         "smallest eigenvalue is 4 instead of 1")
    refused(text, "smallest eigenvalue is 4 instead of 1")   # 4 is not the smallest of 4, 3, 9
    refused(SHEET.replace("instead of 9", "instead of 8"), "instead of 8")


def test_what_rate_do_they_give_is_the_optimal_rate():
    text = ("Gradient descent on f(x, y) = 0.5x^2 + 4.5y^2.\n"
            "(a) For heavy-ball momentum, what are the optimal step size and momentum, and what "
            "(linear) rate do they give?\n")
    got = _answers(text)
    assert abs(got["a"]["optimal-rate"] - 0.5) < 1e-12
