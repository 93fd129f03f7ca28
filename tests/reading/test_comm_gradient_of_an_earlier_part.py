"""'The gradient from part (a)' names that part's parameters and element type, not its whole
setting: a later part with another scheme takes them (its own numbers win), and is not refused
for reading other schemes than the part it names; a label no earlier part has is refused."""

from __future__ import annotations

from optiproof.reading import read_report

_TEXT = ("Eight workers train together. Use 1 GB = 10^9 bytes.\n\n"
         "(a) A network has 2.4 billion weights stored in fp16. How large is one full gradient, "
         "in GB?\n\n"
         "(b) The gradient from part (a) is averaged with a ring all-reduce over the eight "
         "workers. How many GB does each worker send?\n\n")


def test_the_gradient_of_an_earlier_part_gives_its_size_and_type():
    reading = read_report(_TEXT)
    b = reading.parts[1]
    assert reading.complete, "\n".join(reading.unread())
    assert b.value("p") == 2_400_000_000 and b.value("dtype") == "float16"
    assert b.value("schemes") == ["ring-allreduce"]


def test_the_part_s_own_size_wins():
    text = _TEXT.replace("The gradient from part (a) is averaged",
                         "The gradient from part (a), here cut to 8 * 10^8 weights, is averaged")
    assert read_report(text).parts[1].value("p") == 800_000_000


def test_a_label_no_earlier_part_has_is_refused():
    text = _TEXT.replace("from part (a)", "from part (d)")
    reasons = " ".join(m.reason for m in read_report(text).parts[1].missing)
    assert "part (d)" in reasons
