"""A summary's statement of an answer is its cell under the answer's label, not a remark
after the table that only mentions a word of it; a cell whose row plainly names a quantity the
part does not ask states that quantity; a method name qualifying a property ("the GD limit"),
a verdict ("that is fine") and a remark labelled as a side note do not identify the update."""

from __future__ import annotations

from conftest import finding_kinds, graded_part

QUAD = "src/optiproof/problems/texts/quadratic-dynamics.txt"
PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"

_D = ("## (d)\nTuned heavy ball: $\\alpha^\\star = 4/(1+\\sqrt{10})^2 \\approx 0.231$, "
      "$\\beta^\\star = ((\\sqrt{10}-1)/(\\sqrt{10}+1))^2 \\approx 0.270$, with rate "
      "$\\rho^\\star = (\\sqrt{10}-1)/(\\sqrt{10}+1) \\approx 0.519$.\n\n## Summary\n\n"
      "| Part | Quantity | Value |\n|---|---|---|\n"
      "| (d) | $\\alpha^\\star$, $\\beta^\\star$, rate | $0.231$, ${BETA}$, $0.519$ |\n\n")


def test_a_remark_after_the_table_does_not_contradict_the_body(solved):
    text = _D.replace("{BETA}", "0.270") + \
        "Momentum speeds the rate up from $0.818$ to $0.519$ overall.\n"
    part = graded_part(solved, QUAD, text, "d")
    assert "inconsistency" not in finding_kinds(part), part.findings


def test_a_table_cell_that_disagrees_with_the_body_is_still_caught(solved):
    part = graded_part(solved, QUAD, _D.replace("{BETA}", "0.309"), "d")
    assert "inconsistency" in finding_kinds(part), part.findings


_B = ("## (b)\n$\\alpha^\\star = 2/(\\mu+L) = 2/11 \\approx 0.1818$ and "
      "$\\rho^\\star = 9/11 \\approx 0.8182$.\n\n"
      "Comparison:\n\n| | GD at $\\alpha^\\star$ | Momentum |\n|---|---|---|\n"
      "| rate | $0.818$ | $0.520$ |\n| iterations until the error is below $10^{-6}$ | $\\approx 69$ | "
      "$\\approx 22$ |\n")


def test_a_row_of_iteration_counts_states_no_step_size(solved):
    part = graded_part(solved, QUAD, _B, "b")
    assert part.findings == [] or "inconsistency" not in finding_kinds(part), part.findings
    assert part.verdict == "correct", part.findings


def test_a_wrong_rate_in_the_same_table_is_still_caught(solved):
    part = graded_part(solved, QUAD, _B.replace("$0.818$", "$0.905$"), "b")
    assert part.verdict == "incorrect", part.findings


def test_a_method_qualifying_a_limit_is_not_an_identification(solved):
    text = _D.replace("{BETA}", "0.270") + (
        "Observe that $\\alpha^\\star \\approx 0.23$ is above the GD limit $0.2$ of (a) — that "
        "is fine, momentum enlarges the region of stability.\n")
    part = graded_part(solved, QUAD, text, "d")
    assert "over-reach" not in finding_kinds(part), part.findings


def test_a_remark_labelled_a_side_note_is_not_an_identification(solved):
    text = ("(b) D = ||d||_inf^2\n  u = -(a/2) ||g||_1 sign(g)\n"
            "  -> signSGD / sign descent, scaled by ||g||_1\n"
            "  (Adam having no momentum and eps=0 also returns sign(g), but that is a side note)\n")
    part = graded_part(solved, PLI, text, "b")
    assert "over-reach" not in finding_kinds(part), part.findings


def test_a_wrong_identification_outside_a_side_note_is_still_caught(solved):
    text = ("(b) D = ||d||_inf^2\n  u = -(a/2) ||g||_1 sign(g)\n"
            "  -> this is exactly AdaGrad.\n")
    part = graded_part(solved, PLI, text, "b")
    assert "over-reach" in finding_kinds(part), part.findings
