"""A limit asked as the limit of the iterates ("Find lim_{t→∞} θ_t") names the symbol with the
index ∞ (θ_∞) that later requests use ("Is θ_∞ = θ_mn?", "‖θ_∞ − θ_mn‖_2"); and a PDF copy that
set the norm ‖w_∞‖_2 on four lines ('kw', '∞', 'k', '2') reads as that norm."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

_DATA = ("Data: X = [[1, 0, 2], [0, 1, 1]], y = (1, 3). Loss L(θ) = 1/2 ||Xθ - y||^2, start "
         "θ_0 = (1, 0, -1). Gradient descent with a small constant step.\n\n")


@pytest.mark.parametrize("first, later", [
    ("(a) Find lim_{t->inf} θ_t.", "(b) Find the minimum-norm solution θ_mn. Is θ_∞ = θ_mn? "
                                   "Compute ||θ_∞ - θ_mn||_2."),
    ("(a) Where does gradient descent converge, i.e. lim_{k→∞} θ_k?",
     "(b) Give the minimum-norm solution θ_mn. Is θ_inf equal to θ_mn?"),
])
def test_the_limit_of_the_iterates_names_theta_infinity(first: str, later: str) -> None:
    reading = read_report(_DATA + first + "\n" + later + "\n")
    assert reading.complete, reading.unread()
    derived = reading.parts[1].value("derived")
    assert derived and all(d["of"] == {"part": "a", "quantity": "limit"} for d in derived)


def test_another_letter_is_not_the_limit() -> None:
    reading = read_report(_DATA + "(a) Find lim_{t->inf} θ_t.\n(b) Find the minimum-norm "
                                  "solution θ_mn. Is v_∞ = θ_mn?\n")
    assert not reading.complete


def test_a_norm_set_on_four_lines_by_a_pdf_copy() -> None:
    text = ("Consider one example x = (1, 2), y = 4 and loss L(w) = (x^T w - y)^2, gradient "
            "descent from w_0 = 0.\n(i) Find the limit w_∞.\n(ii) Compute kw\n∞\nk\n2\n.\n")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert reading.parts[1].value("asks") == ["norm-value"]


@pytest.mark.parametrize("shape, used", [("(2 x 3, one example per row)", True),
                                         ("(a 2 × 3 matrix)", True),
                                         ("(3 x 2, one example per row)", False)])
def test_a_stated_shape_of_x_is_read_when_it_is_the_datas(shape: str, used: bool) -> None:
    text = (f"Data: X = [[1, 0, 2], [0, 1, 1]] {shape}, y = (1, 3). Loss L(θ) = 1/2 "
            "||Xθ - y||^2, start θ_0 = 0. Gradient descent with a small step.\n\n"
            "(a) Find the limit θ_∞.\n")
    reading = read_report(text)
    part = reading.parts[0]
    assert any("shape of X" in (c.note or "") for c in part.conventions) == used
    assert bool(reading.unused) != used   # a shape that is not the data's stays unused


@pytest.mark.parametrize("ask", [
    "Does it converge to the same point as GD (yes/no)?",
    "Does SGD end up at the same limit as gradient descent?",
])
def test_the_same_point_as_gd_is_the_earlier_gd_run(ask: str) -> None:
    text = (_DATA + "(a) Find lim_{t->inf} θ_t.\n(b) Compute ||θ_∞||_2.\n"
            f"(c) Now run SGD instead, cycling through the examples from the same θ_0 with a small "
            f"step. {ask}\n")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    c = reading.parts[2]
    assert c.value("method") == "sgd"
    assert {"kind": "same-as", "of": "limit", "to": "a.limit"} in c.value("derived")


def test_the_same_point_as_gd_from_another_start_is_not_compared() -> None:
    text = (_DATA + "(a) Find lim_{t->inf} θ_t.\n(b) Now run SGD from θ_0 = (0, 0, 0) instead "
                    "with a small step. Does it converge to the same point as GD?\n")
    reading = read_report(text)
    assert not reading.complete or not reading.parts[1].value("derived")
