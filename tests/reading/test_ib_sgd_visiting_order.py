"""SGD's visiting order written out ('in the order 1, 2, 1, 2, …') is the cyclic order the method
runs in and is read as such; another order is refused with its phrase."""

from __future__ import annotations

from reading_helpers import refused, solved

TEXT = ("Problem 2. Cycling SGD\n\nTwo examples a_1 = (1, 0, 2), y_1 = 3 and a_2 = (0, 1, 1), "
        "y_2 = 1; loss L(w) = 1/2 Σ_i (a_i^T w - y_i)^2. SGD with step size 0.1 takes the examples "
        "{order}, from w_0 = 0.\n\n(a) Where does SGD converge?\n")


def test_cyclic_order_from_the_first_is_read():
    reading, _ = solved(TEXT.format(order="in the order 1, 2, 1, 2, …"))
    assert any(c.name == "order" for p in reading.parts for c in p.conventions)
    assert reading.unused == []


def test_another_order_is_refused():
    refused(TEXT.format(order="in the order 2, 1, 2, 1, …"), "2, 1, 2, 1")
