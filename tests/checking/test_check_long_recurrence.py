"""A whole derivation read as one weight recurrence states no per-step decay: it is not
expanded (expanding a long chain of bias corrections took minutes and sent a 7 kB answer past
its time budget); a short update still gives its decay."""

from __future__ import annotations

import sympy

from optiproof.checking.associate import _decay_of


class _Number:
    kind = "number"


def test_a_short_update_gives_its_decay():
    alpha, lam, theta, m, v = sympy.symbols("alpha lambda theta_0 mhat_1 vhat_1")
    update = theta - alpha * (m / sympy.sqrt(v) + lam * theta)
    assert sympy.simplify(_decay_of(update, theta, _Number()) - alpha * lam) == 0


def test_a_long_chain_states_no_decay():
    alpha, lam, theta = sympy.symbols("alpha lambda theta_0")
    m = sympy.symbols("mhat_1:40")
    chain = theta - alpha * lam * theta + sum(alpha * x / (1 - sympy.Rational(9, 10) ** i)
                                              for i, x in enumerate(m, 1))
    assert sympy.count_ops(chain) > 60
    assert _decay_of(chain, theta, _Number()) is None
