"""A PDF copy's first line can be its running header ('Optimisation for ML — Exercise Sheet 3
<many spaces> 7'): dropped and reported, its page number no datum. A precision ('to 4 digits') is a label, not an
unused number."""

from __future__ import annotations

from optiproof.reading.coverage import account
from optiproof.reading.normalize import normalize


def _status(flat: str, number: str) -> str:
    return next(u.status for u in account(flat, []) if u.text == number)


def test_first_line_running_header_is_dropped():
    raw = ("Optimisation for ML — Exercise Sheet 3" + " " * 30 + "7\n\n"
           "2 Adam with decay\nA weight starts at w0 = 1.\n(a) Give w1.\n")
    got = normalize(raw)
    assert "Exercise Sheet" not in got.text
    assert any(r.startswith("running header") for r in got.removed)


def test_a_single_line_or_a_line_with_data_stays():
    assert "Sheet" in normalize("Exercise Sheet 3 with lr = 0.1" + " " * 20 + "7").text
    raw = "Sheet 3: use lr = 0.1" + " " * 20 + "7\n(a) Give w1.\n"
    assert "lr = 0.1" in normalize(raw).text


def test_precision_is_a_label():
    flat = "A weight starts at w0 = 1. Give w1 to 4 digits."
    assert _status(flat, "4") == "label"
    assert _status("Each of the 4 digits of the code.", "4") != "label"
