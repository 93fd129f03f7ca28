"""A quotient of Adam's moments asked as a value ('Find m_2 / sqrt(v_2) without bias
correction') is refused naming the quotient: the part answers the moments and the steps, not the
quotient itself; the same quotient written inside an update rule is no request."""

from __future__ import annotations

from optiproof.reading import read_report


def test_a_quotient_of_the_moments_asked_as_a_value_is_refused_by_name():
    reading = read_report("Adam with lr = 0.01, beta1 = 0.8, beta2 = 0.9, eps = 0 and the "
                          "gradient g_t = 2 at every step; m_0 = v_0 = 0.\n(a) Find m_2 / sqrt(v_2) "
                          "without bias correction.\n")
    assert not reading.complete
    assert any("m_2 / sqrt(v_2)" in line for line in reading.unread())


def test_the_quotient_inside_an_update_rule_is_no_request():
    reading = read_report("Adam updates theta <- theta - lr * m_t/sqrt(v_t) with lr = 0.01, "
                          "beta1 = 0.8, beta2 = 0.9, eps = 0, from theta_0 = 1; the gradients are "
                          "g_1 = 2 and g_2 = 1.\n(a) Find theta_2.\n")
    assert not any("quotient" in line for line in reading.unread())
