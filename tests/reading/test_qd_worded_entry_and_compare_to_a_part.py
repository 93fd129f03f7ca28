"""A number word among a list's numeric entries ('H = diag(4, twenty five)' is not one, 'diag(1,
one thousand)' is), and 'Compare the rate to (b).' after a tuned heavy ball: the order of this
part's rate (its optimal rate) against part (b)'s, confirmed by a search over (α, β)."""

from __future__ import annotations

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.normalize import normalize


def test_a_number_word_among_numeric_entries_is_read():
    got = normalize("Take A = diag(1, one thousand) and start at (zero, 2).")
    assert "diag(1, 1000)" in got.text and "(0, 2)" in got.text
    assert any("one thousand" in n for n in got.notes)


def test_a_list_of_words_alone_is_prose():
    assert "(one, two)" in normalize("The cases (one, two) differ.").text
    assert "diag(1, lots)" in normalize("Take diag(1, lots).").text


def test_comparing_a_rate_with_another_parts_rate():
    text = ("g(w) = 0.5 * w^T Q w with Q = diag(4, thirty six).\n"
            "(a) What is the condition number?\n"
            "(b) Optimal constant lr for GD and its contraction factor.\n"
            "(c) Heavy ball with optimally tuned lr and momentum: give them and the asymptotic "
            "rate. Compare the rate to (b).\n")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    c = reading.parts[2]
    assert c.value("derived") == [{"kind": "order", "of": {"quantity": "optimal-rate"},
                                   "to": {"part": "b", "quantity": "optimal-rate"}}]
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    data = solution.to_dict()["parts"][2]
    order = next(a for a in data["answers"] if a["quantity"] == "order")
    assert order["expr"] in ("smaller", "less") or "smaller" in order["latex"]   # 1/2 < 4/5
    assert data["verified"], [c for c in data["checks"] if not c["passed"]]
