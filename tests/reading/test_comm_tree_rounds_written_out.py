"""A tree's reduce written out round by round ("round 1: worker 2 → 1 and 4 → 3; round 2: 3 →
1") is recorded as read when it is a reduce to one root in log2 n rounds, every other worker
sending once after it has received (what the binomial tree answered does); any other schedule
is refused, naming it. A logarithm whose base a PDF copy moved to the next line ("log\\n2 n")
is log_2 n."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report
from optiproof.reading.normalize import normalize

_TEXT = ("n = 4 workers all-reduce a gradient of p = 1000 parameters. Tree all-reduce: a reduce in "
         "log_2 n rounds ({rounds}), each message carrying the full gradient, then the mirror-image "
         "broadcast.\n\n(a) How many messages does the tree all-reduce send?")


@pytest.mark.parametrize("rounds", ["round 1: worker 2 → 1 and 4 → 3; round 2: 3 → 1",
                                    "round 0: 1 -> 0, 3 -> 2; round 1: 2 -> 0"])
def test_a_binomial_reduce_written_out_is_read(rounds):
    reading = read_report(_TEXT.format(rounds=rounds))
    assert reading.complete, "\n".join(reading.unread())


@pytest.mark.parametrize("rounds", ["round 1: worker 2 → 1 and 3 → 1; round 2: 4 → 1",
                                    "round 1: 2 → 1; round 2: 3 → 1; round 3: 4 → 1",
                                    "round 1: worker 2 → 1 and 4 → 3; round 2: 1 → 3 and 3 → 1"])
def test_another_schedule_is_refused_naming_it(rounds):
    reading = read_report(_TEXT.format(rounds=rounds))
    assert any("the rounds written out are not a reduce to one root" in line and
               rounds.split(";")[0] in line for line in reading.unread())


def test_a_log_base_on_the_next_line_is_a_subscript():
    got = normalize("a binary tree reduce in log\n2 n rounds, then another log\n2 n rounds")
    assert "log_2 n rounds" in got.text and "log\n2" not in got.text
    assert normalize("take the log\n2 apples").text.count("log_2") == 0
