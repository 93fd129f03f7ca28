"""A random seed and a dataset size written with digit groups ('12,000 samples') are set aside
as numbers no answer depends on; the grouped number is never read as its last group (which
would state '000' data rows against the data)."""

from __future__ import annotations

from optiproof.reading import read_report

_TEXT = ("hi all, quick one. I run full-batch gradient descent (torch, seed {seed}) on the toy "
         "least squares x = (1, 2), y = 5, loss = 0.5*(x.w - y)^2, from w0 = (0, 0). My real "
         "dataset has 12,000 samples but this is the reduced version.\n\n"
         "Q1: what is the limit of GD here?\n")


def test_seed_and_grouped_dataset_size_are_set_aside():
    reading = read_report(_TEXT.format(seed=1234))
    assert reading.complete, "\n".join(reading.unread())
    data = reading.to_dict() if hasattr(reading, "to_dict") else None
    ignored = " ".join(getattr(reading, "ignored", []) or (data or {}).get("ignored", []))
    assert "1234" in ignored and "12,000" in ignored
    assert not any("data rows" in line for line in reading.unread())


def test_a_seed_word_far_from_the_number_does_not_hide_it():
    text = _TEXT.format(seed="fixed") + "Q2: is the limit 2.5 away from the origin, seed aside?\n"
    reading = read_report(text)
    assert "2.5" not in " ".join(getattr(reading, "ignored", []) or [])
