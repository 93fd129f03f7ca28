"""A one-line summary that gives several schemes' answers clause by clause (boxed LaTeX with
words between the values, a plain "Answer:" line, a bold "Final:" lead-in): each value is read
with the words of its own clause (the scheme named last before it, the quantity named right
before it), so a right summary stays correct and a wrong value is found on its own quantity.
And a sentence that totals a count ("That's n × n = n² messages in total") states the part's
answer, not the per-worker count before it."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

DT = "src/optiproof/problems/texts/distributed-training.txt"

_BODY = ("All-to-all: every worker sends its full gradient to each of the other n-1 workers.\n\n"
         "Parameter server: n uploads and n downloads.\n\n"
         "Ring all-reduce: 2(n-1) rounds in which every worker sends one chunk of the "
         "gradient.\n\n")

_SUMMARIES = {
    "latex": ("$$\\boxed{\\text{all-to-all: } n(n-1) \\text{ messages of size } p;\\quad "
              "\\text{PS: } 2n \\text{ messages, size } %s;\\quad \\text{ring: } 2n(n-1) "
              "\\text{ messages, size } p/n}$$\n"),
    "plain": ("Answer: all-to-all: n(n-1) messages of size p; PS: 2n messages, size %s; "
              "ring: 2n(n-1) messages, size p/n\n"),
    "markdown": ("**Final:** all-to-all — $n(n-1)$ messages of size $p$; PS — $2n$ messages, "
                 "size $%s$; ring — $2n(n-1)$ messages, size $p/n$.\n"),
    "boxed-words": ("\n| | messages | size |\n|---|---|---|\n| all-to-all | $n(n-1)$ | $p$ |\n"
                    "| parameter server | $2n$ | $p$ |\n| ring all-reduce | $2n(n-1)$ | $p/n$ |\n\n"
                    "$$\\boxed{\\text{all-to-all: } n(n-1) \\text{ messages};\\quad "
                    "\\text{PS: size } %s;\\quad \\text{ring: size } p/n}$$\n"),
}


@pytest.mark.parametrize("style", sorted(_SUMMARIES))
def test_a_right_clause_by_clause_summary_is_correct(solved, style):
    part = graded_part(solved, DT, _BODY + _SUMMARIES[style] % "p", "main")
    assert part.verdict == "correct", part.findings


@pytest.mark.parametrize("style", sorted(_SUMMARIES))
def test_a_wrong_value_in_one_clause_is_found_on_its_quantity(solved, style):
    part = graded_part(solved, DT, _BODY + _SUMMARIES[style] % "p/n", "main")
    assert part.verdict == "incorrect"
    wrong = [f for f in part.findings if f.kind in ("wrong-answer", "inconsistency")]
    assert wrong and all("parameter server: size" in f.message for f in wrong), part.findings


_TABLE = ("\n| | messages | size |\n|---|---|---|\n| all-to-all | $%s$ | $p$ |\n"
          "| parameter server | $2n$ | $p$ |\n| ring all-reduce | $2n(n-1)$ | $p/n$ |\n")

_TOTALS = {
    "latex": ("**All-to-all.** Each of the $n$ workers sends $n-1$ messages. That's "
              "$n \\times (n-1) = %s$ messages in total, each of size $p$.\n\n"
              "**Parameter server.** The $2n$ messages are $n$ uploads and $n$ downloads; "
              "each message has size $p$.\n\n**Ring all-reduce.** So $2n(n-1)$ messages, each "
              "of size $p/n$.\n"),
    "plain": ("All-to-all: each of the n workers sends n-1 messages, so that is "
              "n*(n-1) = %s messages altogether, each of size p.\n"
              "Parameter server: the 2n messages are n uploads and n downloads; each message "
              "has size p.\nRing all-reduce: 2n(n-1) messages, each of size p/n.\n"),
    "terse": ("- all-to-all: n-1 messages per worker; in total %s, size p\n"
              "- parameter server: 2n messages; each message has size p\n"
              "- ring: 2n(n-1) messages, size p/n\n"),
}


@pytest.mark.parametrize("style", sorted(_TOTALS))
def test_a_total_after_a_per_worker_count_is_the_answer(solved, style):
    right = _TOTALS[style] % "n(n-1)"
    assert graded_part(solved, DT, right, "main").verdict == "correct"
    assert graded_part(solved, DT, right + _TABLE % "n(n-1)", "main").verdict == "correct"


@pytest.mark.parametrize("style", sorted(_TOTALS))
def test_a_wrong_total_agreeing_with_the_table_is_a_wrong_answer(solved, style):
    part = graded_part(solved, DT, _TOTALS[style] % "n^2" + _TABLE % "n^2", "main")
    assert part.verdict == "incorrect"
    assert "wrong-answer" in finding_kinds(part), part.findings
    assert "inconsistency" not in finding_kinds(part), part.findings
