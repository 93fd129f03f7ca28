"""SymPy formulas vs counts taken from the message schedules, and the exact simulator."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.families.communication.formulas import (
    CostSymbols,
    ring_allreduce_uneven_costs,
    scheme_costs,
)
from optiproof.families.communication.schedules import (
    Schedule,
    build_schedule,
    count_schedule,
)
from optiproof.families.communication.simulate import simulate
from optiproof.families.communication.spec import POWER_OF_TWO_SCHEMES

SYM = CostSymbols.named()
SCHEMES = ("all-to-all", "parameter-server", "ring-allreduce", "tree-allreduce",
           "recursive-doubling", "rabenseifner", "sharded-parameter-server")
ALPHA, BANDWIDTH = Fraction(3, 100), Fraction(7, 2)
COSTS = {s: scheme_costs(s, SYM) for s in SCHEMES}


def counted(scheme: str, n: int, p: int, k: int = 1) -> dict[str, Fraction]:
    c = count_schedule(build_schedule(scheme, n, p, k))
    b = SYM.bytes_per_element
    return {
        "messages": Fraction(c.messages), "message-size": Fraction(c.size_max),
        "message-bytes": Fraction(b * c.size_max), "total-volume": Fraction(c.volume),
        "busiest-sent": Fraction(c.busiest_sent), "busiest-received": Fraction(c.busiest_received),
        "rounds": Fraction(c.rounds), "time": c.time(ALPHA, Fraction(b) / BANDWIDTH),
        "bandwidth-ratio": Fraction(max(c.busiest_sent, c.busiest_received))
        / Fraction(2 * (n - 1) * p, n),
        "size-min": Fraction(c.size_min),
    }


def formula_values(scheme: str, n: int, p: int, k: int = 1) -> dict[str, Fraction]:
    costs = COSTS[scheme]
    subs = {SYM.n: n, SYM.p: p, SYM.k: k, SYM.alpha: sp.Rational(3, 100),
            SYM.B: sp.Rational(7, 2)}
    out = {}
    for q, expr in [*costs.values.items(), ("size-min", costs.size_min)]:
        v = sp.nsimplify(sp.simplify(sp.sympify(expr).subs(subs)), rational=True)
        assert v.is_Rational, f"{scheme} {q} at n={n}, p={p}: {v} is not a rational number"
        out[q] = Fraction(int(v.p), int(v.q))
    return out


def assert_same(scheme: str, n: int, p: int, k: int = 1) -> None:
    want, got = counted(scheme, n, p, k), formula_values(scheme, n, p, k)
    bad = {q: (got[q], want[q]) for q in want if got[q] != want[q]}
    assert not bad, f"{scheme} n={n} p={p} k={k}: formula vs schedule {bad}"


@pytest.mark.parametrize("n", range(2, 65))
@pytest.mark.parametrize("scheme", ["all-to-all", "parameter-server", "ring-allreduce",
                                    "tree-allreduce"])
def test_formulas_equal_schedule_counts_any_n(scheme: str, n: int) -> None:
    for p in (n, 5 * n):
        assert_same(scheme, n, p)


@pytest.mark.parametrize("n", [2, 4, 8, 16, 32, 64])
@pytest.mark.parametrize("scheme", ["recursive-doubling", "rabenseifner"])
def test_formulas_equal_schedule_counts_powers_of_two(scheme: str, n: int) -> None:
    for p in (n, 3 * n):
        assert_same(scheme, n, p)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 24), k=st.integers(1, 12), m=st.integers(1, 6))
def test_sharded_server_formulas_equal_schedule_counts(n: int, k: int, m: int) -> None:
    assert_same("sharded-parameter-server", n, k * m, k)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 40), data=st.data())
def test_uneven_ring_formulas_hold_at_every_p_of_the_same_remainder(n: int, data) -> None:
    """The uneven-chunk formulas are built at one p and must hold at every p' = p mod n (the
    simulator evaluates them at a smaller p'): n = 512, p = 10^6 once said 2p' - 3906."""
    r = data.draw(st.integers(1, n - 1), label="p mod n")
    p, p2 = data.draw(st.integers(1, 60)) * n + r, data.draw(st.integers(1, 60)) * n + r
    costs = ring_allreduce_uneven_costs(SYM, n, p)
    subs = {SYM.n: n, SYM.p: p2}
    want = counted("ring-allreduce", n, p2)
    for q in ("messages", "message-size", "total-volume", "busiest-sent", "busiest-received"):
        got = costs.values[q].subs(subs)
        assert got == want[q], f"n={n}, built at p={p}, at p={p2}: {q} {got} vs {want[q]}"
    assert costs.size_min.subs(subs) == want["size-min"]


def test_seed_counts_from_schedules() -> None:
    """The seed table, read off the schedules for a few n: n(n-1), 2n, 2n(n-1)."""
    for n in (3, 4, 7):
        p = 6 * n
        assert counted("all-to-all", n, p)["messages"] == n * (n - 1)
        assert counted("all-to-all", n, p)["message-size"] == p
        assert counted("parameter-server", n, p)["messages"] == 2 * n
        assert counted("parameter-server", n, p)["message-size"] == p
        assert counted("ring-allreduce", n, p)["messages"] == 2 * n * (n - 1)
        assert counted("ring-allreduce", n, p)["message-size"] == Fraction(p, n)


SIMULATED = [(scheme, n) for scheme in SCHEMES for n in (2, 3, 4, 5, 8, 13, 16)
             if n & (n - 1) == 0 or scheme not in POWER_OF_TWO_SCHEMES]
"""Every scheme on a range of n (the power-of-two schemes on powers of two only)."""


@pytest.mark.parametrize("scheme,n", SIMULATED)
def test_simulator_every_worker_ends_with_exact_sum(scheme: str, n: int) -> None:
    result = simulate(build_schedule(scheme, n, 4 * n, 3), seed=n)
    assert result.exact, f"{scheme} n={n}: workers {result.wrong_workers} wrong"
    counts = count_schedule(build_schedule(scheme, n, 4 * n, 3))
    assert result.messages == counts.messages and result.elements == counts.volume


def test_simulator_uneven_ring_and_large_values() -> None:
    result = simulate(build_schedule("ring-allreduce", 6, 10), seed=1, low=-10**12,
                      high=10**12)
    assert result.exact and result.size_min == 1 and result.size_max == 2


def test_simulator_detects_a_broken_schedule() -> None:
    """Dropping the last all-gather round must leave some worker without the exact sum."""
    good = build_schedule("ring-allreduce", 5, 20)
    rounds = list(good.rounds)[:-1]
    broken = Schedule(good.scheme, good.n, good.p, good.nodes, lambda: iter(rounds),
                      good.size_hint, good.chunk_bounds)
    result = simulate(broken)
    assert not result.exact and result.wrong_workers
