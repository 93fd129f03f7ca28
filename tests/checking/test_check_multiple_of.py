"""A value written as a multiple comparing two things ("each message is n times smaller",
"n× lighter", "twice as large" spelled with a number) states a ratio, not the value of either
thing: it is no statement of a count or size the part asks, whatever the clause around it
names; a ratio the part asks is still stated by it."""

from __future__ import annotations

import pytest
from conftest import assert_outcome, graded_part

from optiproof.checking.associate import _A_MULTIPLE

DISTRIBUTED = "src/optiproof/problems/texts/distributed-training.txt"
_DOC = """## Parameter server

- Every worker uploads its gradient (n sends) and receives the new weights (n sends).
- Total: $2n$ messages, each of $p$ floats.

## Summary

| Scheme | Number of messages sent | Size of each message |
|---|---|---|
| All-to-all | $n(n-1)$ | $p$ |
| Parameter server | $2n$ | $p$ |
| Ring all-reduce | $2n(n-1)$ | $p/n$ |

Mind that the ring sends more messages than the parameter server ($2n(n-1) \\ge 2n$); {tail}
"""


@pytest.mark.parametrize("tail, expected", [
    ("what it gains is that each message is $n$ times smaller.", "correct"),
    ("what it gains is that each message is $n$ times lighter than a server message.",
     "correct"),
    ("in exchange each message is $n$-fold smaller.", "correct"),
    ("in exchange each message is $n$× as small.", "correct"),
    # a count, not a multiple: the note contradicts the table
    ("the server itself only takes part in $n$ messages.", "inconsistency"),
])
def test_a_multiple_states_no_count(solved, tail, expected):
    text = _DOC.replace("{tail}", tail)
    assert_outcome(graded_part(solved, DISTRIBUTED, text, "main"), expected)


@pytest.mark.parametrize("after, multiple", [
    (" times smaller and the load is even", True),
    ("× bigger", True),
    (" times as long", True),
    ("-fold fewer", True),
    (" times the gradient", False),  # a product, not a comparison
    (" messages in total", False),
])
def test_words_that_make_a_value_a_multiple(after, multiple):
    assert bool(_A_MULTIPLE.match(after)) is multiple
