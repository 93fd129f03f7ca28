"""One phase of the ring all-reduce on its own: the exact formulas against the counts of the
ring schedule filtered to that phase's rounds."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.families.communication.formulas import (
    CostSymbols,
    ring_allreduce_costs,
    ring_phase_costs,
)
from optiproof.families.communication.schedules import (
    RING_PHASES,
    count_schedule,
    phase_schedule,
    ring_allreduce_schedule,
    tree_allreduce_schedule,
)

SYM = CostSymbols.named()


def _at(expr, n, p):
    return sp.sympify(expr).subs({SYM.n: n, SYM.p: p})


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 14), st.integers(1, 9), st.sampled_from(RING_PHASES))
def test_phase_formulas_match_the_filtered_schedule(n, units, phase):
    p = n * units
    counted = count_schedule(phase_schedule(ring_allreduce_schedule(n, p), phase))
    v = ring_phase_costs(SYM, phase).values
    assert _at(v["messages"], n, p) == counted.messages
    assert _at(v["rounds"], n, p) == counted.rounds
    assert _at(v["message-size"], n, p) == counted.size_max == counted.size_min
    assert _at(v["total-volume"], n, p) == counted.volume
    assert {int(x) for x in counted.sent} == {int(_at(v["values-sent"], n, p))}
    assert {int(x) for x in counted.received} == {int(_at(v["values-received"], n, p))}
    assert {int(x) for x in counted.sent_messages} == {int(_at(v["messages-per-worker"], n, p))}
    assert _at(v["busiest-sent"], n, p) == max(int(x) for x in counted.sent)
    # the critical path: one message latency per round (each port carries one message)
    assert _at(ring_phase_costs(SYM, phase).latency_rounds, n, p) == sum(
        max(c for c, _ in loads) for loads in counted.round_port_loads)


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 12), st.integers(1, 6))
def test_the_two_phases_add_up_to_the_whole_ring(n, units):
    p = n * units
    whole = ring_allreduce_costs(SYM).values
    parts = [ring_phase_costs(SYM, ph).values for ph in RING_PHASES]
    for q in ("messages", "rounds", "total-volume", "values-sent", "messages-per-worker"):
        assert sp.simplify(sum(x[q] for x in parts) - whole[q]) == 0
    counts = [count_schedule(phase_schedule(ring_allreduce_schedule(n, p), ph))
              for ph in RING_PHASES]
    assert sum(c.messages for c in counts) == count_schedule(
        ring_allreduce_schedule(n, p)).messages


def test_a_phase_the_schedule_lacks_is_refused():
    with pytest.raises(ValueError, match="no 'all-gather' phase"):
        phase_schedule(tree_allreduce_schedule(4, 8), "all-gather")
    with pytest.raises(ValueError, match="no 'broadcast' phase"):
        ring_phase_costs(SYM, "broadcast")


def test_no_bandwidth_ratio_for_half_an_all_reduce():
    assert "bandwidth-ratio" not in ring_phase_costs(SYM, "reduce-scatter").values
