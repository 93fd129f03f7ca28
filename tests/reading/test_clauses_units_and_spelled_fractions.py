"""Clauses that ask something of their own are answered or refused by name, never dropped while
the part shows verified: a request verb after 'and' ('and write w_∞ − w† explicitly'), 'is he
right?' after a classmate's claim, 'and what is the operation on G called?'. A part that swaps
its norm ('with ‖u‖_2 in place of ‖u‖_∞') keeps that norm even when it also asks a ratio whose
numerator is the other step. 'Total bytes sent per worker' is one worker's count; a time asked
'(in us)' in the sentence that asks it is given in microseconds; 'seven hundredths' is 7/100."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report
from optiproof.reading.normalize import normalize
from reading_helpers import quantity_values, refused

IB = ("Least squares with X = [[1, 1, 0], [0, 1, 1]] and y = (2, 2), loss (1/2)‖Xw − y‖², gradient "
      "descent with a small step from w_0 = (1, 0, 0).\n\n"
      "(a) Find the minimum-norm interpolant w† and {tail}\n")


def test_a_request_verb_after_and_is_an_item_to_place():
    refused(IB.format(tail="write w_∞ − w† explicitly."), "write w_∞")


def test_is_he_right_after_a_claim_is_refused_by_name():
    text = IB.format(tail="the limit w_∞. (A classmate claims that w_∞ = w†. Is he right here?)")
    refused(text, "Is he right here")


def test_a_name_asked_after_and_is_an_item_to_place():
    text = ("Let G = [[2, 0], [0, 1]] be the gradient of a weight matrix and consider "
            "min_U ⟨G, U⟩ subject to ‖U‖_2 ≤ 0.1 in the spectral norm.\n\n"
            "(a) Which optimizer applies this update to hidden layers, and what is the operation "
            "on G called?\n")
    refused(text, "what is the operation on G called")


def test_a_swapped_norm_is_kept_beside_an_inverse_ratio():
    text = ("Let g = (4, -2, 1, -1) and minimise m(u) = g^T u + (λ/2)‖u‖_∞^2 with λ = 2.\n\n"
            "(a) Find the minimiser u*.\n(b) What is m(u*)?\n"
            "(c) Repeat (a) and (b) with ‖u‖_2 in place of ‖u‖_∞, and give the ratio "
            "‖u*_∞‖_2 / ‖u*_2‖_2 of the two steps' Euclidean lengths.\n")
    reading = read_report(text)
    part = next(p for p in reading.parts if p.label == "c")
    assert part.value("norm") == "l2"
    assert not reading.complete   # the inverse ratio is named as not read, not answered wrong


def test_total_bytes_sent_per_worker_is_one_workers_count():
    text = ("P = 8 workers hold a vector of M = 8 kB each (1 kB = 1000 bytes) and run ring "
            "all-reduce.\n\nQ1 Number of rounds and total bytes sent per worker.\n")
    values = quantity_values(text)
    (answers,) = values.values()
    quantities = [q for q, _ in answers]
    assert "total-bytes" not in quantities and "bytes-sent" in quantities, answers


def test_a_time_in_microseconds_asked_in_its_sentence():
    text = ("P = 16 workers, each with a vector of M = 4 kB (1 kB = 1000 bytes); a round where a "
            "worker sends m bytes costs alpha + m*beta with alpha = 5 us and beta = 1 ns per "
            "byte. Ring all-reduce takes 2(P-1) rounds of M/P bytes each, recursive doubling "
            "log2(P) rounds of M bytes.\n\n"
            "Q1 For M = 4 kB: time of each algorithm (in us) and the ratio T_ring / T_rd.\n")
    values = quantity_values(text)
    (answers,) = values.values()
    numbers = {round(float(v), 6) for _, v in answers if isinstance(v, (int, float))}
    assert {157.5, 36.0} <= numbers, answers   # the times in µs beside those in seconds


@pytest.mark.parametrize("written, read", [
    ("the radius is η = seven hundredths.", "η = 7/100"),
    ("a learning rate of one quarter", "of 1/4"),
    ("lr is three tenths", "is 3/10"),
])
def test_a_spelled_fraction_is_read_as_its_value(written, read):
    assert read in normalize(written).text


def test_an_ordinal_is_not_a_fraction():
    assert "a third worker" in normalize("then a third worker joins").text


_PS = ("A {size}-billion-parameter model is trained with synchronous data parallelism on eight "
       "workers. Gradients are exchanged in fp16.{aside} Use 1 GB = 10^9 bytes.\n\n"
       "(a) With a single parameter server, how many GB does each worker push per step?\n")


@pytest.mark.parametrize("size", ["1.2", "$1.2$"])
def test_a_hyphened_billion_parameter_model_counts_its_parameters(size):
    part = read_report(_PS.format(size=size, aside="")).parts[0]
    assert part.value("p") == 1_200_000_000


def test_each_worker_push_asks_what_it_sends():
    values = quantity_values(_PS.format(size="1.2", aside=""))
    (answers,) = values.values()
    assert 2.4 in {round(float(v), 6) for _, v in answers if isinstance(v, (int, float))}, answers


def test_data_never_communicated_is_a_remark():
    aside = " (Each worker also stores fp32 Adam states, about 14.4 GB, which are never communicated.)"
    assert "14.4" not in read_report(_PS.format(size="1.2", aside=aside)).unused
    kept = read_report(_PS.format(size="1.2", aside=" (Each worker also stores 14.4 GB of states.)"))
    assert "14.4" in kept.unused


def test_the_number_of_messages_each_worker_sends_is_one_workers_count():
    text = ("P = 8 workers run ring all-reduce on a gradient of 10^6 fp32 values.\n\n"
            "(a) Give the number of messages each worker sends per all-reduce.\n")
    values = quantity_values(text)
    (answers,) = values.values()
    assert [q for q, _ in answers][:1] == ["messages-per-worker"] and answers[0][1] == 14, answers


def test_give_it_in_mb_after_a_size_asks_that_size_in_mb():
    text = ("P = 8 workers run ring all-reduce on a gradient of 10^8 fp32 values; use 1 MB = 10^6 "
            "bytes.\n\n(a) How many bytes does each worker send per all-reduce? Give it in MB.\n")
    values = quantity_values(text)
    (answers,) = values.values()
    assert 700 in {round(float(v), 6) for _, v in answers if isinstance(v, (int, float))}, answers


@pytest.mark.parametrize("written, read", [
    ("a model with two hundred fifty million parameters", "250 million parameters"),
    ("two hundred and twenty-five thousand steps", "225000 steps"),
])
def test_hundreds_and_tens_before_a_scale_are_one_number(written, read):
    assert read in normalize(written).text
