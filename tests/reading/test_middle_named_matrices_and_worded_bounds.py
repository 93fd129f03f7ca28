"""Matrices drawn with bracket pieces side by side whose names sit on the middle line (as a
pretty-printer writes them), and an error bound stated in words ("is ‖θ_k − θ*‖ guaranteed to
be at most 10^-6 ‖θ_0 − θ*‖"). The numbers are checked against what the text states; names on
two different lines are left as written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.reading import read_report
from optiproof.reading.normalize import normalize


@settings(max_examples=20, deadline=None)
@given(a=st.integers(1, 9), b=st.integers(-3, 3), d=st.integers(1, 9),
       u=st.integers(-9, 9), v=st.integers(-9, 9))
def test_names_on_the_middle_line_label_the_matrices_beside_them(a, b, d, u, v):
    raw = (f"      ⎡ {a}  {b}  0 ⎤          ⎡ {u} ⎤\n"
           f"  Q = ⎢ {b}  {d}  0 ⎥ ,   r = ⎢ {v} ⎥ .\n"
           f"      ⎣ 0  0  1 ⎦          ⎣ 0 ⎦\n")
    text = normalize(raw).text
    assert f"Q = [[{a}, {b}, 0], [{b}, {d}, 0], [0, 0, 1]]" in text, text
    assert f"r = [{u}, {v}, 0]" in text, text


def test_names_on_two_lines_are_left_as_written():
    raw = ("  P = ⎡ 1  0 ⎤   ⎡ 2 ⎤\n"
           "      ⎣ 0  1 ⎦ , ⎣ 3 ⎦ = s\n")
    assert "⎡" in normalize(raw).text


@pytest.mark.parametrize("bound, eps", [
    ("is ‖θ_k − θ*‖ guaranteed to be at most 10^-6 ‖θ_0 − θ*‖", 1e-6),
    ("will ‖x_t − x*‖ be below 10^-4 ‖x_0 − x*‖", 1e-4),
    ("does ‖w_k − w*‖ stay under 0.001 ‖w_0 − w*‖", 1e-3),
])
def test_a_bound_in_words_gives_the_tolerance(bound, eps):
    text = ("Gradient descent on a quadratic whose Hessian has eigenvalues 1 and 9, at the "
            f"optimal step.\n(a) After how many iterations {bound}?")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert float(reading.parts[0].fields["epsilon"].value) == pytest.approx(eps)
