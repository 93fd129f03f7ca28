"""A link rate in Gb/s is gigabits when the text says so ('25 Gb/s, gigabits per second', '1 Gb =
10^9 bits'): a byte is 8 of them; 'the size S of one gradient in MB' asks the gradient's bytes;
'a 2.5 B-parameter model' (the B set apart from a number typeset in math) counts 2.5 × 10^9
parameters; 'In the ring all-reduce, how many ... and what is ...' asks both of the ring."""

from __future__ import annotations

from fractions import Fraction

from optiproof.reading import read_report

_SETUP = ("A $2.5$B-parameter network is trained on P = 32 accelerators with gradients in fp16. "
          "The latency is 5 us per message and every link runs at 25 Gb/s (gigabits per second, "
          "1 Gb = 10^9 bits). Take 1 MB = 10^6 bytes.\n\n")


def _part(ask: str):
    return read_report(_SETUP + "(a) " + ask).parts[0]


def test_gigabits_per_second_are_an_eighth_of_the_bytes():
    part = _part("Give the time of a ring all-reduce in the alpha-beta model.")
    assert Fraction(str(part.value("bandwidth"))) == Fraction(25 * 10**9, 8), \
        [m.reason for m in part.missing]


def test_gigabytes_per_second_stay_bytes():
    text = _SETUP.replace("25 Gb/s (gigabits per second, 1 Gb = 10^9 bits)", "25 GB/s")
    part = read_report(text + "(a) Give the time of a ring all-reduce in the alpha-beta "
                              "model.").parts[0]
    assert Fraction(str(part.value("bandwidth"))) == 25 * 10**9


def test_the_size_with_its_letter_asks_the_gradient_bytes_and_the_parameters_keep_their_scale():
    part = _part("What is the size S of one gradient in MB?")
    assert part.value("p") == 2_500_000_000
    assert "gradient-bytes" in part.value("quantities"), [m.reason for m in part.missing]
    assert not part.missing


def test_a_scheme_named_before_two_requests_is_their_subject():
    part = _part("In the ring all-reduce, how many MB does each accelerator send, and what is "
                 "the total traffic summed over all accelerators?")
    assert not part.missing, [m.reason for m in part.missing]
    assert part.value("schemes") == ["ring-allreduce"]
