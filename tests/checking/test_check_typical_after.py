"""A typical-case remark is read as one whether the qualifier comes before the value as a
label ("Typical case: …") or right after it ("… ≲ α typically", "≈ α (in practice)"): the
worst-case bound the part asks stays the claim, and a wrong bound beside it is still wrong."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"

_STYLES = {
    "label": ("### (d)\n\n* **Worst case:** $|\\Delta_t| \\le \\alpha(1-\\beta_1)/\\sqrt{{1-\\beta_2}}"
              " \\approx {v}$ for a gradient that was zero for long.\n"
              "* **Typical case:** $|\\Delta_t| \\approx \\alpha = 0.001$.\n"),
    "trailing word": ("(d)\n\n| case | step |\n|---|---|\n| worst | $\\le {v}$ (sparse); "
                      "$\\lesssim \\alpha$ typically |\n"),
    "parenthesis": ("(d) Worst case: $|\\Delta_t| \\le \\alpha(1-\\beta_1)/\\sqrt{{1-\\beta_2}} "
                    "\\approx {v}$.\n\nFor dense gradients $|\\Delta_t| \\approx \\alpha$ (in "
                    "practice).\n"),
}


@pytest.mark.parametrize("style", sorted(_STYLES))
def test_a_typical_value_beside_the_bound_is_a_remark(solved, style):
    part = graded_part(solved, ADAM, _STYLES[style].format(v="0.00316"), "d")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("style", sorted(_STYLES))
def test_a_wrong_bound_beside_a_typical_value_is_still_wrong(solved, style):
    part = graded_part(solved, ADAM, _STYLES[style].format(v="0.0316"), "d")
    assert part.verdict == "incorrect", part.findings
    assert {"wrong-answer", "inconsistency"} & set(finding_kinds(part)), part.findings


def test_a_bound_followed_by_a_typical_remark_stays_the_claim(solved):
    text = ("(d) Largest step per coordinate: $\\alpha(1-\\beta_1)/\\sqrt{1-\\beta_2} \\approx "
            "0.00316$ (usually $\\approx \\alpha$).\n")
    part = graded_part(solved, ADAM, text, "d")
    assert part.verdict == "correct", part.findings
