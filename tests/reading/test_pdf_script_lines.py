"""PDF copies that set every sub- and superscript, and each half of a stacked fraction, on a line
of its own: read back into the formula where the layout decides, left as written where not."""

from __future__ import annotations

import pytest

from optiproof.reading.normalize import normalize
from optiproof.reading.pdflines import rejoin_scripts

# A quadratic in the layout: ½(x₁² + 9x₂²), then an iteration with indices below the line.
QUADRATIC = ("Let the loss be q(x) =\n1\n2\n(x\n2\n1 + 9 x\n2\n2\n) on R\n2\n"
             "and run x\nk+1 = x\nk − η∇q(x\nk\n) from x\n0 = (2, 2)\n>\n.\n"
             "(a) Find the largest stable η.\n(b) What is x\n1\n?\n")


def test_stacked_half_and_squares_with_their_indices():
    text = normalize(QUADRATIC).text
    assert "q(x) = (1/2) (x_1^2 + 9 x_2^2) on R^2" in text
    assert "x_k+1 = x_k - η∇q(x_k) from x_0 = (2, 2)^T." in text
    assert "What is x_1?" in text          # the question's own mark stays one


def test_stacked_pair_is_left_when_either_order_could_be_meant():
    # z₃² or z₂³: neither index nor power is 1, the text defines no z_2 or z_3
    raw = "Set p(z) =\n1\n2\n(z\n2\n3 + z\n2\n2\n) and\nw\n0 = 0, w\nt+1 = w\nt − η g\nt\n."
    out = rejoin_scripts(raw, [])
    assert "z 2 3" in out and "z_2^2" in out and "w_t+1 = w_t" in out


def test_decay_power_over_its_index_decided_by_the_defined_index():
    raw = ("Keep m\nt = β\n1m\nt−1 + (1 − β\n1\n)g\nt\n, v\nt = β\n2\nv\nt−1 + (1 − β\n2\n)g\n2\nt\n"
           "and divide by (1 − β\nt\n2\n) and (1 − β\nt\n1\n). Use β\n1 = 0.8, β\n2 = 0.99.\n")
    text = normalize(raw).text
    assert "m_t = β_1 m_t-1 + (1 - β_1)g_t" in text
    assert "(1 - β_2)g_t^2" in text
    assert "(1 - β_2^t) and (1 - β_1^t)" in text
    assert "β_1 = 0.8, β_2 = 0.99" in text


@pytest.mark.parametrize("raw, canonical", [
    ("the model g\n>d +\nμ\n2\nkdk\n2\n2\n, with g\n>d and x\n0 = 1, x\n1 = 2.", "g^T d + (μ/2) ‖d‖_2^2,"),
    ("min\nd\ng\n>d +\n1\nβ\nkdk\n2\n∞\nfor x\n0 = 0, x\nt = 1, x\nk = 2.", "(1/β) ‖d‖_∞^2 for"),
    ("Let F(w) = 1\n2\nkAw − bk\n2\n2\nwith w\n0 = 0, w\nt = 1 and w\nk = 2.", "F(w) = (1/2) ‖Aw - b‖_2^2 with"),
    ("for the norm k · k = k · k\n1\n, with v\n0 = 0, v\nt = 1 and v\nk = 2.", "‖·‖ = ‖·‖_1,"),
])
def test_fractions_and_norm_scripts(raw, canonical):
    assert canonical in normalize(raw).text


def test_lone_two_after_a_vector_norm_stays_ambiguous():
    raw = "Compute kv\n∞\nk\n2\n. Here v\n0 = 0, v\nt = 1 and v\nk = 2."
    text = normalize(raw).text
    assert "‖v_∞‖ 2" in text and "_2" not in text.split("‖v_∞‖")[1][:3]


def test_closing_bar_right_after_a_script():
    raw = "Find the limit v\n∞ and kv\n∞k1. Start at v\n0 = 0 with v\nt = 1, v\nk = 2."
    assert "the limit v_∞ and ‖v_∞‖_1." in normalize(raw).text


def test_star_and_dagger_above_and_question_mark_kept():
    raw = ("We call the minimiser d\n?\nthe step and set d\n? = 0, x\n0 = 1, x\nt = 2. The pseudo-"
           "inverse solution is w\n†\n.\n(a) Is w\nk = w\n†\n?\n(b) What is the limit w\n?\n(c) Done.")
    text = rejoin_scripts(raw, [])
    assert "d^* the step" in text and "d^* = 0" in text and "w^†." in text
    assert "w_k = w^†?" in text and "What is the limit w\n?" in text


def test_power_of_a_declared_variable_and_of_ten():
    raw = "Let h(a, b) = a\n2 + 4b\n2\n. Reduce the error by 10\n6\n, with b\n0 = 1, a\nk = 2, a\nt = 3."
    text = normalize(raw).text
    assert "h(a, b) = a^2 + 4b^2." in text and "10^6," in text


def test_wrapped_text_without_the_layout_is_left_alone():
    raw = ("We run SGD on the vector w\n2 times, then Adam with step t\n= 3, and the norm of x\n"
           "1 more time.")
    assert rejoin_scripts(raw, []) == raw


@pytest.mark.parametrize("raw, canonical", [
    ("X =\n\n2 0 1\n1 1 0\n\n,  b =\n\n3\n1\n\n. Find the limit.", "X = [[2, 0, 1], [1, 1, 0]]"),
    ("X =\n\n2 0 1\n1 1 0\n\n,  b =\n\n3\n1\n\n. Find the limit.", "b = [3, 1]"),
    ("B =\n 4 1\n1 3 \n, c =\n 1\n−2\n\n.", "B = [[4, 1], [1, 3]]"),
    ("B =\n 4 1\n1 3 \n, c =\n 1\n−2\n\n.", "c = [1, -2]"),
    ("Let A =\n 3 0\n1 2\n\n, b =\n 5\n4\n\nand f(x) = ‖Ax − b‖^2.", "b = [5, 4]"),
])
def test_bare_rows_under_a_name(raw, canonical):
    assert canonical in normalize(raw).text


def test_bare_rows_need_the_sentence_to_go_on_with_punctuation():
    for raw in ("The data are X =\n2 0\n1 1\nWe then run GD.", "with X =\n2 0\n1 1\nand more"):
        assert "[[2, 0], [1, 1]]" not in normalize(raw).text


@pytest.mark.parametrize("raw, canonical", [
    ("A model with d = 3 × 10\n7 weights is trained.", "3 × 10^7 weights"),
    ("each of size 2.5 × 10\n5\n, sent as floats.", "2.5 × 10^5"),
    ("Compare the `1 step with the `∞ step.", "l_1 step with the l_∞ step"),
])
def test_powers_broken_across_lines_and_ell(raw, canonical):
    assert canonical in normalize(raw).text


def test_ten_times_a_number_on_the_next_line_is_not_a_power_without_a_word():
    assert "10^" not in normalize("the product 4 × 10\n12 + 3 is large").text


@pytest.mark.parametrize("footer", [
    "212 CHAPTER 6. ADAPTIVE METHODS",
    "Page 3 of 7                         Optimisation — Exercise sheet 2",
    "Course notes — Deep Learning Optimisation 41",
    "EE 512 / Fall — Lecture 9 page 12",
])
def test_running_footer_on_the_last_line_is_dropped(footer):
    out = normalize(f"Let g = (1, 2).\n(a) Find the step with η = 0.1.\n{footer}\n")
    assert footer.split()[0] not in out.text.split("\n")[-1]
    assert any("running footer" in r for r in out.removed)


def test_last_line_that_asks_is_no_footer():
    out = normalize("Let g = (1, 2).\n(a) What is the update after page 3 of the notes, step 4?\n")
    assert "step 4?" in out.text


@pytest.mark.parametrize("raw, canonical", [
    ("take u* = argmin g^T u + lam*||u||_1 with lam = 0.5", "λ*‖u‖_1 with λ = 0.5"),
    ("ridge with lmbda=0.1; how does the limit move as lmbda → 0?", "as λ → 0"),
])
def test_short_greek_names_set_as_symbols(raw, canonical):
    assert canonical in normalize(raw).text


def test_short_name_never_set_stays_a_word():
    assert "lam" in normalize("the lam of the step (no symbol here), eta = 0.1").text


def test_ratio_displayed_as_a_fraction_of_words():
    raw = ("(d) Compare (b) and (c), then give the ratio\nvalues received by the server in (b)\n"
           "values received by one worker in (c)\n.\n")
    text = normalize(raw).text
    assert ("give the ratio (values received by the server in (b))/(values received by one "
            "worker in (c)).") in text


def test_ratio_lines_that_end_sentences_are_left():
    raw = "Give the ratio\nof the two times.\nThen compare them.\n.\n"
    assert "(of the two times" not in normalize(raw).text


@pytest.mark.parametrize("raw, canonical", [
    ("Give the step and its Euclidean length kdk\n2\n. Here d\n0 = 0, d\nt = 1, d\nk = 2.",
     "its Euclidean length ‖d‖_2."),
    ("Compute the ratio ‖a‖ 2/‖b‖ 2 of the Euclidean lengths of the two steps.", "‖a‖_2/‖b‖_2 of"),
])
def test_lone_two_in_a_sentence_about_a_euclidean_length(raw, canonical):
    assert canonical in normalize(raw).text


def test_lone_two_beside_a_squared_euclidean_norm_is_left():
    assert "‖a‖ 2" in normalize("Give the squared Euclidean norm ‖a‖ 2 of the step.").text


def test_wide_hats_printed_as_b_after_the_moments():
    raw = "Set mb t ← mt/(1 − β1^t) and vbt ← vt/(1 − β2^t).\n(a) Compute mb 3 and vb3."
    text = normalize(raw).text
    assert "m̂_t ←" in text and "v̂_t ←" in text and "Compute m̂_3 and v̂_3." in text


def test_a_lone_mb_is_a_unit():
    assert "5 mb 2 times" in normalize("send 5 mb 2 times").text


def test_algorithm_float_label_number_is_dropped():
    out = normalize("Algorithm 2 RMSprop. Keep v_t = ρ v_t-1 + (1 - ρ) g_t^2.\n(a) Compute v_1.")
    assert out.text.startswith("Algorithm RMSprop.") and any("Algorithm 2" in r for r in out.removed)
    assert "Algorithm 2 of the notes" in normalize("Use Algorithm 2 of the notes.\n(a) Go.").text


def test_long_layout_is_read_in_linear_time():
    import time

    def run(n: int) -> float:
        raw = "Let x\n0 = 1, x\nt = 2, x\nk = 3 and " + "θ\nk\n+ " * n + "1."
        start = time.monotonic()
        assert rejoin_scripts(raw, []).count("θ_k") > 0.9 * n   # a line stops growing at a cap
        return time.monotonic() - start

    small, large = run(1500), run(6000)
    assert large < 8 * max(small, 0.05)     # four times the input, about four times the time
