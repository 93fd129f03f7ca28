"""A textbook example copied from a PDF: a running header or footer that carries its section
number ("9.3. COST MODELS     207", "207     CHAPTER 9. DISTRIBUTED TRAINING") is debris; a
first line that runs on into the next as one sentence is no title; β written as one over the
bandwidth read ("β = 1/(25 · 109) s/byte", its exponent flattened as the text's GB is) is a
restatement, another value refused; a batch size is no data of the communication; "how large
(in bytes) is each one" after "how many messages does each GPU send" asks the size of each
message, and "how many messages does each GPU send" is the per-GPU count only."""

from __future__ import annotations

from optiproof.reading import read_report
from optiproof.reading.normalize import normalize
from optiproof.reading.parts import split_title

_EXAMPLE = """207                    CHAPTER 9. DISTRIBUTED TRAINING

Example 9.3. We train a 1.2B-parameter transformer with data parallelism
on eight GPUs. The global batch size is 1024 sequences and gradients are sent
in fp16. Gradients are averaged with ring all-reduce.
Questions.
1. How many messages does each GPU send, and how large (in bytes) is each one?
2. Sending a message of m bytes costs α + mβ, with latency α = 5 µs and link bandwidth
25 GB/s (1 GB = 109 bytes), so β = 1/({beta}) s/byte. Estimate the time of one all-reduce.

9.3. COST MODELS                                                       207
"""


def test_the_example_reads_completely():
    reading = read_report(_EXAMPLE.format(beta="25 · 109"))
    assert reading.complete, "\n".join(reading.unread())
    first, second = reading.parts
    assert first.value("quantities") == ["messages-per-worker", "message-bytes"]
    assert second.value("bandwidth") == 25 * 10**9
    assert any("running footer" in r for r in reading.removed)


def test_a_beta_that_is_not_one_over_the_bandwidth_is_refused():
    reading = read_report(_EXAMPLE.format(beta="12.5 · 109"))
    assert any('"β = 1/(12.5 · 109) s/byte" is not one over the bandwidth' in line
               for line in reading.unread())


def test_running_lines_with_section_numbers_are_debris():
    text = normalize("n = 4 workers\n\n9.3. COST MODELS                                    207\n").text
    assert "COST MODELS" not in text and "n = 4 workers" in text
    text = normalize("n = 4 workers.\n\n207                  CHAPTER 9. DISTRIBUTED TRAINING\n\n"
                     "Questions.").text
    assert "CHAPTER" not in text


def test_a_first_line_running_on_is_no_title():
    assert split_title("We train a model with data parallelism\non eight GPUs.")[0] is None
    assert split_title("Exercise 7: ring all-reduce\n\nn = 4 workers")[1] == \
        "Exercise 7: ring all-reduce"
