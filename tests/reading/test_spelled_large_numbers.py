"""A large number spelled out in words before what it counts ("one hundred million parameters",
"two billion weights") is read as its value, like its digits; a small number word alone ("eight
GPUs"), or a number that counts nothing named ("a factor of one thousand"), is left to the
readers that read it in words."""

from __future__ import annotations

from optiproof.reading.normalize import normalize

from reading_helpers import quantity_values


def test_spelled_scales_become_digits_with_their_scale_word():
    # thousands become plain digits (every count reader reads "200000"); larger scales keep
    # their word ("45 million"), which the readers read as a scale
    assert normalize("a net of two hundred thousand weights").text == \
        "a net of 200000 weights"
    assert normalize("forty-five million values").text == "45 million values"
    assert normalize("a billion floats").text == "1 billion floats"


def test_a_small_number_word_alone_is_left_as_written():
    assert normalize("six GPUs and one server").text == "six GPUs and one server"


def test_a_large_number_that_counts_nothing_named_is_left_in_words():
    for text in ("shrink it by a factor of one thousand?", "at most one in a million.",
                 "one million times smaller"):
        assert normalize(text).text == text


def test_a_model_size_in_words_is_the_parameter_count():
    got = quantity_values("Four GPUs train a model of three hundred million parameters in fp16.\n\n"
                          "(a) With ring all-reduce, how many bytes does each GPU send?")
    # 2 (n-1)/n p values of 2 bytes: 1.5 * 3e8 * 2
    assert got["a"] == [("bytes-sent", 9e8)]
