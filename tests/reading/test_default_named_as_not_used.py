"""A default value the text contrasts with its own setting ('beta2 = 0.98 (not the usual default
0.999)', 'instead of the default 0.9') is set aside as no data, so it does not keep the parts
from being verified; the setting itself is what the parts use."""

from __future__ import annotations

from optiproof.reading.coverage import account


def _status(text: str, number: str) -> str:
    flat = " ".join(text.split())
    return next(u.status for u in account(flat, []) if u.text == number)


def test_a_default_said_not_to_be_used_is_set_aside():
    assert _status("RMSprop with rho = 0.95 (not the usual default 0.99), lr = 0.01.",
                   "0.99") == "aside"
    assert _status("Take beta1 = 0.8 instead of the default 0.9 for this sheet.", "0.9") == "aside"


def test_a_default_that_is_used_stays_data():
    assert _status("Use the default beta2 = 0.999 and lr = 0.001.", "0.999") == "unused"
    assert _status("beta2 = 0.98 (not the usual default 0.999)", "0.98") == "unused"

