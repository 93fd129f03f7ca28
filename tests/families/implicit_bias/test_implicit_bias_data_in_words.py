"""Least-squares data written in words, lists and vector tables: each layout in several phrasings
of our own, random data rendered in every layout reads back exactly, and a layout that could be
read two ways (or leaves a number unplaced) is refused naming its phrase."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.families.implicit_bias import datawords
from optiproof.reading import read_report

_ORDINALS = ["first", "second", "third", "fourth", "fifth"]


def _part(text: str, index: int = 0):
    reading = read_report(text)
    return reading, reading.parts[index]


def _values(part) -> dict:
    return {k: f.value for k, f in part.fields.items()}


def _vec(row) -> str:
    return "(" + ", ".join(str(v) for v in row) + ")"


def _markdown_table(X, y, head=("n", "features", "label")) -> str:
    lines = ["We fit these examples:", "", f"| {head[0]} | {head[1]} | {head[2]} |", "|:-:|:-:|:-:|"]
    lines += [f"| {i} | {_vec(r)} | {t} |" for i, (r, t) in enumerate(zip(X, y), 1)]
    return "\n".join(lines)


def _ascii_table(X, y) -> str:
    rule = "+----+-------------+-----+"
    lines = ["Training set", "", rule, "| #  | x_i         | y_i |", rule]
    lines += [f"| {i}  | {' '.join(str(v) for v in r)} | {t} |" for i, (r, t) in
              enumerate(zip(X, y), 1)]
    return "\n".join(lines + [rule])


def _listed(X, y) -> str:
    vs = ", ".join(_vec(r) for r in X[:-1]) + " and " + _vec(X[-1])
    ts = ", ".join(str(t) for t in y[:-1]) + " and " + str(y[-1])
    return f"The inputs are {vs}, with targets {ts} respectively."


def _indexed_with_target_vector(X, y) -> str:
    xs = ", ".join(f"x_{i} = {_vec(r)}" for i, r in enumerate(X, 1))
    return f"Our samples are {xs}; the targets are collected in y = {_vec(y)}."


def _described(X, y) -> str:
    lines = [f"We fit a linear model with weights w ∈ R^{len(X[0])} on the samples below.", ""]
    for k, (row, t) in enumerate(zip(X, y)):
        nz = [(j + 1, v) for j, v in enumerate(row) if v != 0]
        bits = ", ".join(f"a {v} in feature {j}" for j, v in nz) or "nothing"
        if not nz:
            lines.append(f"- the {_ORDINALS[k]} sample has zeros in all the other features, "
                         f"label {t}")
            continue
        lines.append(f"- the {_ORDINALS[k]} sample has {bits}, zeros elsewhere, label {t}")
    return "\n".join(lines)


LAYOUTS = [_markdown_table, _ascii_table, _listed, _indexed_with_target_vector, _described]
_TAIL = "\n\nSquared loss. Gradient descent starts at the origin. Where does it converge?"


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 4).flatmap(lambda d: st.tuples(
    st.lists(st.lists(st.integers(-5, 5), min_size=d, max_size=d).filter(any),
             min_size=2, max_size=3, unique_by=tuple),
    st.lists(st.integers(-9, 9), min_size=3, max_size=3))),
    st.sampled_from(LAYOUTS))
def test_random_data_in_every_layout_reads_back_exactly(data, layout):
    X, y = data
    y = y[:len(X)]
    reading, part = _part(layout(X, y) + _TAIL)
    got = _values(part)
    assert got.get("X") == X and got.get("y") == y, (layout.__name__, got, reading.unread())


WORDED = [
    ("Three unknowns (3 weights). The first observation has a 1 in slot 1 and a 2 in slot 3, "
     "with the remaining slots equal to zero, target 5. The second observation has a 1 in the "
     "second slot and zeros elsewhere, target -1.", [[1, 0, 2], [0, 1, 0]], [5, -1]),
    ("θ ∈ R^4.\n* Example 1: ones in positions 1 and 4 and zeros elsewhere; y = 2\n"
     "* Example 2: a 3 in the third position, zeros elsewhere; y = 6",
     [[1, 0, 0, 1], [0, 0, 3, 0]], [2, 6]),
    ("Two points in the plane: the first point has first coordinate equal to 2 and second "
     "coordinate equal to 1, response 3; the second point has first coordinate equal to 0 and "
     "second coordinate equal to 4, response 8.", [[2, 1], [0, 4]], [3, 8]),
    ("Feature vectors (2, 0, 1) and (1, 1, 0) with labels 3 and 2.",
     [[2, 0, 1], [1, 1, 0]], [3, 2]),
    ("Data below.\n\n| point | input | output |\n|---|---|---|\n| A | [1, -1] | 0 |\n| B | [2, 1] | 3 |",
     None, None),
]


@pytest.mark.parametrize("text, X, y", WORDED[:4])
def test_data_in_words(text, X, y):
    reading, part = _part(text + _TAIL)
    assert reading.complete, reading.unread()
    assert _values(part)["X"] == X and _values(part)["y"] == y


@pytest.mark.parametrize("text, phrase", [
    # a number of a description the reader cannot place
    ("θ ∈ R^3. The first example has ones in features 1 and 2 and weight 7, zeros elsewhere, "
     "target 1. The second example has a one in feature 3, zeros elsewhere, target 2.", "7"),
    # zeros elsewhere, but how many unknowns there are is not stated
    ("The first example has ones in features 1 and 2, zeros elsewhere, target 1. The second "
     "example has a 1 in feature 2, zeros elsewhere, target 0.", "number of unknowns"),
    # an entry set twice to different values
    ("θ ∈ R^2. The first sample has a 1 in feature 1 and a 2 in feature 1, target 1. The second "
     "sample has ones in features 1 and 2, target 0.", "a 2 in feature 1"),
    # two targets for one example
    ("θ ∈ R^2. The first sample has ones in features 1 and 2, target 1, target 3. The second "
     "sample has a 1 in feature 2, zeros elsewhere, target 0.", "target"),
    # an example whose entries are not all stated
    ("θ ∈ R^3. The first sample has ones in features 1 and 2, target 1. The second sample has a "
     "1 in feature 3, zeros elsewhere, target 0.", "every entry"),
    # vectors and targets that do not pair up
    ("The inputs are (1, 0), (0, 1) and (1, 1), with targets 1 and 2.", "3 feature vectors but 2"),
    # a table column that is not the features, the target or an index
    ("Data below.\n\n| i | x | weight | y |\n|---|---|---|---|\n| 1 | (1, 0) | 2 | 1 |\n| 2 | (0, 1) | 1 | 3 |",
     "weight"),
    # the text states two different numbers of unknowns
    ("θ ∈ R^3 and there are 4 weights. The first example has a 1 in feature 1, zeros elsewhere, "
     "target 1. The second example has a 1 in feature 2, zeros elsewhere, target 2.",
     "different numbers of unknowns"),
])
def test_data_in_words_that_cannot_be_placed_is_refused_naming_it(text, phrase):
    reading, part = _part(text + _TAIL)
    assert not reading.complete
    data = [m.reason for m in part.missing if m.name == "data"]
    assert data and any(phrase in reason for reason in data), data


def test_an_ascii_table_with_a_vector_column():
    text = WORDED[4][0]
    got = datawords.vector_table_rows(text)
    assert isinstance(got, datawords.Rows)
    assert got.X == ((1, -1), (2, 1)) and got.y == (0, 3)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.lists(st.integers(-3, 3), min_size=3, max_size=3).filter(any), min_size=2,
                max_size=2, unique_by=tuple).filter(
                    lambda X: np.linalg.matrix_rank(np.array(X, dtype=float)) == 2),
       st.lists(st.integers(-5, 5), min_size=2, max_size=2))
def test_the_limit_from_a_described_dataset_is_the_pseudo_inverse_solution(X, y):
    """End to end: the data written as a description solves to X⁺y (numpy), the GD limit from
    zero."""
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem

    reading = read_report(_described(X, y) + _TAIL)
    problem = reading.to_problem()
    solution = solve_problem(problem, SolveOptions(figures=False, run_witnesses=False))
    answer = solution.to_dict()["parts"][0]["answers"][0]
    got = np.array([float(Fraction(str(v))) for v in np.ravel(answer["value"])])
    want = np.linalg.pinv(np.array(X, dtype=float)) @ np.array(y, dtype=float)
    assert np.allclose(got, want, atol=1e-9)


@pytest.mark.parametrize("template", [
    "Least squares with Φ = {X} and targets y = {y}.",
    "Fit the system M w = v with M = {X} and v = {y} in the least-squares sense.",
    "We solve A w = c approximately, A = {X}, c = {y}, minimising the squared residual.",
])
@settings(max_examples=6, deadline=None)
@given(st.lists(st.lists(st.integers(-4, 4), min_size=3, max_size=3).filter(any), min_size=2,
                max_size=2, unique_by=tuple),
       st.lists(st.integers(-5, 5), min_size=2, max_size=2))
def test_a_data_matrix_named_by_another_letter_is_read_by_its_role(template, X, y):
    text = template.format(X=X, y="(" + ", ".join(map(str, y)) + ")") + \
        " Gradient descent starts at the origin. Where does it converge?"
    reading, part = _part(text)
    assert reading.complete, reading.unread()
    assert _values(part)["X"] == X and _values(part)["y"] == y


def test_two_systems_naming_different_matrices_are_not_read_as_one():
    text = ("Least squares: M w = v and B w = c, M = [[1, 0, 1], [0, 1, 1]], v = (2, 1), "
            "B = [[1, 1, 1]], c = (2). GD from zero. Where does it converge?")
    reading, _ = _part(text)
    assert not reading.complete
