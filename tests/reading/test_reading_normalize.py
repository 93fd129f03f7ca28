"""Normalisation and number reading: one canonical form for Unicode, ASCII, LaTeX, PDF garble."""

from __future__ import annotations

from fractions import Fraction

import pytest

from optiproof.core.errors import BadInput
from optiproof.core.text.numbers import array_text, iter_arrays, parse_number, spec_array
from optiproof.reading.normalize import normalize
from optiproof.reading.parts import split_parts


@pytest.mark.parametrize("raw, canonical", [
    ("g^T Δθ + 1/α // Δθ // 2∞.", "‖Δθ‖_∞^2"),
    ("// Δθ // 2\n2.", "‖Δθ‖_2^2"),
    (r"$\|x\|_\infty^2$", "‖x‖_∞^2"),
    (r"\|d\|_{2}^{2}", "‖d‖_2^2"),
    ("||d||_inf", "‖d‖_∞"),
    ("‖d‖²", "‖d‖^2"),
    ("Give Δ∗ in closed form.", "Give Δ^* in"),
    ("so x∗ = (1, 2) and", "x^* = (1, 2)"),
    ("the nuclear norm ‖G‖_∗ of G", "‖G‖_∗"),
    ("∥d∥₁", "‖d‖_1"),
    ("alpha > 0 and theta_0", "α > 0 and θ_0"),
    (r"$\theta_0 = \mathbf{0}$", "θ_0 = 0"),
    (r"\frac{1}{\alpha}", "(1/α)"),
    (r"$G = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}$", "G = [[1, 2], [3, 4]]"),
    (r"\begin{pmatrix} 1 \\ 2 \\ 3 \end{pmatrix}", "[1, 2, 3]"),
    ("step-sizes αt > 0", "α_t > 0"),
    ("u = argmin\nΔθ\ngT Δθ", "argmin_Δθ g^T Δθ"),
    ("+ 1\nα\n‖d‖", "(1/α)"),
    ("recall ‖x‖∞ = maxi |x_i|", "‖x‖_∞ = max_i"),
    ("**(a)** bold", "(a) bold"),
    ("x − y", "x - y"),
])
def test_canonical_forms(raw, canonical):
    assert canonical in normalize(raw).text


def test_pdf_debris_is_dropped_and_listed():
    raw = "Intro\nLinear Improvement!\n\nl\n}\nPrint Image\n(3)\n1. Figure 2: A ring. Source: x\nEnd"
    out = normalize(raw)
    assert "Print Image" not in out.text and "Linear Improvement" not in out.text
    assert "Figure 2" not in out.text and "(3)" not in out.text
    assert any("Print Image" in r for r in out.removed)


@pytest.mark.parametrize("text, value", [
    ("[1, 0.1, 0.01]", [1, 0.1, 0.01]), ("(3, -1, 2)^T", [3, -1, 2]), ("[1 0 2]", [1, 0, 2]),
    ("[1; 2; 3]", [1, 2, 3]), ("[[1, 2], [3, 4]]", [[1, 2], [3, 4]]),
    ("[1, 2; 3, 4]", [[1, 2], [3, 4]]), ("[2x10^4, 1e-3, 10^-2, 1/4]", [20000, 0.001, 0.01, 0.25]),
])
def test_arrays(text, value):
    (start, end, got), = iter_arrays(text)
    assert spec_array(got) == value
    assert array_text(got).startswith("[")


def test_equation_numbers_are_not_vectors():
    assert iter_arrays("see (14) and (2)") == ()


@pytest.mark.parametrize("text, exact", [("1/3", Fraction(1, 3)), ("4/121", Fraction(4, 121)),
                                         ("-2/7", Fraction(-2, 7)), ("10/6", Fraction(5, 3))])
def test_non_terminating_fraction_stays_exact(text, exact):
    """A written fraction is kept as the exact fraction (never rounded to a decimal), and the
    spec's number field reads it back to the same value."""
    from optiproof.core.fields import check_number

    value = parse_number(text).spec_value()
    assert isinstance(value, str) and Fraction(check_number(value)) == exact


def test_array_entry_limit():
    with pytest.raises(BadInput, match="more than 10000"):
        iter_arrays("[" + "1, " * 10_001 + "1]")


def test_parts_and_references():
    layout = split_parts("Title\n\nShared data.\n(a) First? Compare with (b) later.\n(b) Second.")
    assert [p.label for p in layout.parts] == ["a", "b"]
    assert "Compare with (b) later" in layout.parts[0].own
    assert layout.context == "Shared data."
    assert split_parts("No parts here.").parts[0].label == "main"


@pytest.mark.parametrize("raw, canonical", [
    ("Data: X = ⎡1 0 1 0⎤ ,  y = ⎡2⎤\n          ⎣0 1 1 1⎦        ⎣3⎦\nand more.",
     "X = [[1, 0, 1, 0], [0, 1, 1, 1]] , y = [2, 3]"),
    ("A = ⎡2 1⎤  b = ⎡ 1⎤  c = ⎡0.5⎤\n    ⎢1 3⎥      ⎢-1⎥      ⎢1/2⎥\n    ⎣0 1⎦      ⎣ 4⎦      ⎣ 2 ⎦",
     "A = [[2, 1], [1, 3], [0, 1]] b = [1, -1, 4] c = [0.5, 1/2, 2]"),
    ("M = ⎛1 2⎞ , v = ⎛5⎞\n    ⎝3 4⎠     ⎝6⎠", "M = [[1, 2], [3, 4]] , v = [5, 6]"),
])
def test_bracket_piece_matrices_side_by_side_become_one_line(raw, canonical):
    assert canonical in " ".join(normalize(raw).text.split())


@pytest.mark.parametrize("raw", [
    "X = ⎡1 0⎤ , y = ⎡2⎤\n    ⎣0 1 1⎦   ⎣3⎦",          # ragged rows: left as written
    "X = ⎡1 0⎤ , y = ⎡2⎤\n    ⎣0 1⎦  and z ⎣3⎦",        # text between lower groups
])
def test_side_by_side_matrices_that_do_not_line_up_are_left_alone(raw):
    assert "[[" not in normalize(raw).text


@pytest.mark.parametrize("raw, matrix", [
    ("the gradient be\n\n        G = ∇W L =   1   3\n                     3   1\n\nWe", "[[1, 3], [3, 1]]"),
    ("H =    2   0\n       0   8\n", "[[2, 0], [0, 8]]"),
    ("  A =\t4  1\n      \t1  3", "[[4, 1], [1, 3]]"),
])
def test_stacked_rows_after_a_wide_gap_are_a_matrix(raw, matrix):
    assert matrix in normalize(raw).text


@pytest.mark.parametrize("raw, canonical", [
    ("the Ho¨lder exponent", "the Hölder exponent"),          # spacing diaeresis after o
    ("by Mo \u0308bius", "by Möbius"),                         # combining one, set off
    ("the H¨older exponent", "the Hölder exponent"),          # before its vowel
    ("Schro\u0308dinger", "Schrödinger"),                      # already well formed
])
def test_a_diaeresis_a_pdf_copy_moved_joins_its_vowel(raw, canonical):
    assert canonical in normalize(raw).text


def test_a_diaeresis_between_words_is_left_alone():
    assert "ö" not in normalize("a ¨ b").text


@pytest.mark.parametrize("footer", ["c 2023 — draft, do not circulate              Page 7",
                                    "© 2021 Some Lecturer                      12"])
def test_copyright_footer_of_a_pdf_is_dropped(footer: str) -> None:
    text = normalize("(a) Find x when 2x = 6.\n\n" + footer + "\n")
    assert "20" not in text.text and "(a) Find x when 2x = 6." in text.text


def test_a_parameter_given_its_value_in_words_is_an_assignment():
    from optiproof.reading.normalize import normalize

    for written, meant in [("with λ equal to two, for", "with λ = 2, for"),
                           ("and λ equals 0.5.", "and λ = 0.5."),
                           ("the step size η is set to 0.1.", "the step size η = 0.1."),
                           ("with n equal to eight workers", "with n = 8 workers"),
                           ("λ equal to one half", "λ = 1/2")]:
        assert normalize(written).text == meant
    for kept in ["η equal to 2 times the old one", "λ equals 10% of α", "u equals zero"]:
        assert normalize(kept).text == kept
