"""A Markdown table of settings (two columns: a setting and its number) is read as the
assignments it lists, and a bulleted list of assignments ("- g_1 = (1, -2)") as separate
assignments, never a difference with the line before. Checked on an Adam run whose step is
computed here from the recurrence; a table of anything else, and a formula continued on a
line starting with '-', are left as they are."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.core.text.record import flatten
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.normalize import normalize

_TEXT = """## Adam by hand

We train with Adam; the settings are:

| {head} | value |
|---|---|
| {lr_name} | {lr} |
| β_1 | {b1} |
| β_2 | {b2} |
| ε | 0 |

and the gradients of the first steps are

- g_1 = ({x1}, {y1})
- g_2 = ({x2}, {y2})

**(a)** What is the second update θ_2 - θ_1?
"""


def _second_step(g1, g2, b1, b2, lr):
    m = [0.0, 0.0]
    v = [0.0, 0.0]
    step = []
    for t, g in ((1, g1), (2, g2)):
        m = [b1 * a + (1 - b1) * x for a, x in zip(m, g)]
        v = [b2 * a + (1 - b2) * x * x for a, x in zip(v, g)]
        step = [-lr * (a / (1 - b1 ** t)) / math.sqrt(b / (1 - b2 ** t)) for a, b in zip(m, v)]
    return step


@pytest.mark.parametrize("head, lr_name", [("hyper-parameter", "learning rate α"),
                                           ("setting", "lr"),
                                           ("symbol", "η")])
@settings(max_examples=4, deadline=None)
@given(lr=st.sampled_from([0.1, 0.01, 0.05]), b1=st.sampled_from([0.5, 0.8, 0.9]),
       b2=st.sampled_from([0.9, 0.99, 0.999]),
       g=st.lists(st.integers(-4, 4).filter(bool), min_size=4, max_size=4))
def test_a_settings_table_and_bulleted_gradients_are_read(head, lr_name, lr, b1, b2, g):
    text = _TEXT.format(head=head, lr_name=lr_name, lr=lr, b1=b1, b2=b2, x1=g[0], y1=g[1],
                        x2=g[2], y2=g[3])
    reading = read_report(text)
    assert reading.complete, reading.unread()
    fields = {k: f.value for k, f in reading.parts[0].fields.items()}
    assert (fields["alpha"], fields["beta1"], fields["beta2"], fields["eps"]) == (lr, b1, b2, 0)
    assert fields["gradients"] == [[g[0], g[1]], [g[2], g[3]]]
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False,
                                                                run_witnesses=False))
    got = next(a.to_dict()["value"] for a in solution.parts[0].answers
               if a.quantity == "last-step")
    assert got == pytest.approx(_second_step(g[:2], g[2:], b1, b2, lr), rel=1e-9)


@pytest.mark.parametrize("table", [
    "| method | rate |\n|---|---|\n| GD | fast |\n| Adam | faster |\n",
    "| step | loss | note |\n|---|---|---|\n| 1 | 0.5 | ok |\n| 2 | 0.25 | ok |\n",
    "| x | y |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n",
])
def test_a_table_of_anything_else_stays(table):
    assert normalize("Data:\n\n" + table).text.count("|") >= 6


@pytest.mark.parametrize("text, bullets", [
    ("The gradients:\n- g_1 = (1, 2)\n- g_2 = (0, 3)\n", 2),
    ("Given\n- x = 4\n- lr = 0.1\n", 2),
])
def test_a_bulleted_assignment_is_not_a_difference(text, bullets):
    assert flatten(text).count("•") == bullets


def test_a_formula_continued_on_a_line_starting_with_minus_stays_one():
    assert "•" not in flatten("x_{t+1} = x_t\n- h g_t, the update")


@pytest.mark.parametrize("row, assigned", [
    ("| β1, β2 | 0.8, 0.99 |", "β1 = 0.8, β2 = 0.99"),
    ("| β_1, β_2 | 0.5, 0.75 |", "β_1 = 0.5, β_2 = 0.75"),
])
def test_a_row_of_two_settings_is_two_assignments(row, assigned):
    text = normalize("Settings:\n\n| name | value |\n|---|---|\n| lr α | 0.1 |\n" + row + "\n")
    assert "|" not in text.text and f"α = 0.1, {assigned}" in text.text, text.text

