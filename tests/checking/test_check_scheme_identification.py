"""A scheme of the part's table said to be another scheme ("This ring procedure is exactly the
recursive-doubling all-reduce", "(this is the butterfly all-reduce)" under the all-to-all
heading) is an over-reach, right values or not; naming another scheme in a comparison, a
negation, or a clause about none of the table's schemes is not."""

from __future__ import annotations

import pytest
from conftest import finding_kinds

from optiproof.checking import check_answer

DT = "src/optiproof/problems/texts/distributed-training.txt"
_TABLE = ("\n| scheme | # messages | size |\n|---|---|---|\n| all-to-all | n(n-1) | p |\n"
          "| parameter server | 2n | p |\n| ring all-reduce | 2n(n-1) | p/n |\n")


@pytest.mark.parametrize("remark", [
    "### Ring all-reduce\nThis ring procedure is exactly the recursive-doubling (butterfly) "
    "all-reduce used in MPI.\n",
    "all-to-all:\n  every worker -> every other worker\n  (this is the recursive-doubling / "
    "butterfly all-reduce)\n",
    "### All-to-all\nEvery worker sends its gradient to every other worker; this is just the "
    "butterfly all-reduce.\n",
])
def test_a_scheme_said_to_be_another_is_an_over_reach(solved, remark):
    part = check_answer(solved(DT), remark + _TABLE).parts[0]
    assert "over-reach" in finding_kinds(part), part.findings
    assert part.verdict == "incorrect"


@pytest.mark.parametrize("remark", [
    "### Ring all-reduce\nThe ring is not the recursive-doubling all-reduce: it needs no power "
    "of two.\n",
    "### Ring all-reduce\nUnlike the butterfly all-reduce, the ring sends chunks of p/n.\n",
    "### Ring all-reduce\nFor n a power of two one could instead use recursive doubling.\n",
    "### Ring all-reduce\nThe ring all-reduce is a reduce-scatter followed by an all-gather.\n",
    "Note: for comparison, the tree all-reduce is another option.\n",
])
def test_another_scheme_named_without_identifying_is_no_finding(solved, remark):
    part = check_answer(solved(DT), remark + _TABLE).parts[0]
    assert part.verdict == "correct", part.findings
