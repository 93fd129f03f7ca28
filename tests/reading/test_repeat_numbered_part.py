"""'Repeat 1 with ‖d‖∞² in place of ‖d‖₂²': a part named by its bare number to be done again.
The part reads the named part's questions (not the previous part's), its number is a label, and
it is answered even when a part between them is not."""

from __future__ import annotations

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

TEXT = ("Exercise\n\nThe gradient is g = (2, -1, 2).\n\n"
        "1. Find u = argmin_d gᵀd + (1/α)‖d‖_2^2 for α = 1, and give the optimal value.\n"
        "2. Which fruit is the best for this problem?\n"
        "3. Repeat 1 with ‖d‖_1^2 in place of ‖d‖_2^2 (same α).")


def test_the_numbered_part_is_the_one_repeated():
    reading = read_report(TEXT)
    three = next(p for p in reading.parts if p.label == "3")
    assert three.missing == []
    assert three.value("norm") == "l1" and three.value("asks") == ["update", "min-value"]
    assert all(u.status != "unused" for u in three.numbers)


def test_it_is_answered_while_the_part_between_is_not():
    reading = read_report(TEXT)
    assert not reading.complete
    sol = solve_problem(reading.answerable_problem(), SolveOptions(figures=False))
    reading.attach(sol)
    three = next(p for p in sol.to_dict()["parts"] if p["label"] == "3")
    assert three["verified"]
    got = {a["quantity"]: a["expr"] for a in three["answers"]}
    # ℓ1 squared penalty: only the largest |g_i| moves (a tie here: the minimiser is a set)
    assert got["min-value"] == "-1"


def test_a_repeat_count_is_not_a_label():
    reading = read_report("Notes\n\nGradient descent on f(w) = ½wᵀHw, H = diag(2, 8), with α = 0.1."
                          "\n(a) Repeat 3 times the step from w_0 = (1, 1): what is the rate?")
    a = reading.parts[0]
    assert not any(u.text == "3" and u.status == "label" for u in a.numbers)


def test_same_as_a_numbered_part_that_restates_its_setting_is_answered():
    text = ("Exercise\n\nThe gradient is g = (2, -1, 2).\n\n"
            "1. Solve argmin_d gᵀd subject to ‖d‖_∞ ≤ η with η = 0.5. Give the update.\n"
            "2. Which fruit is the best for this problem?\n"
            "3. Same as 1 but with ‖d‖_2 ≤ η, η = 0.3. Update, value, optimizer name?")
    reading = read_report(text)
    sol = solve_problem(reading.answerable_problem(), SolveOptions(figures=False))
    reading.attach(sol)
    three = next(p for p in sol.to_dict()["parts"] if p["label"] == "3")
    assert three["verified"]
    got = {a["quantity"]: a["expr"] for a in three["answers"]}
    assert got["update"] == "Matrix([[-1/5], [1/10], [-1/5]])"
    assert got["min-value"] == "-9/10"
    assert three["identified_as"]
