"""A quantity asked of the answer before it ('..., and what fraction of η is that?', 'and how
many times the plain step is it?') is a request of its own: answered when a family places it,
else refused naming it; it is never dropped as a restatement of the ask before (which left the
part verified without it)."""

from __future__ import annotations

import pytest

from optiproof.reading.questions import read_questions
from reading_helpers import refused

ADAM = ("Adam with learning rate η = 0.001, β1 = 0.9, β2 = 0.999 and ε = 1e-6. A single weight "
        "has a constant gradient g = 2e-6.\n\n"
        "(a) How large is its first Adam update, and {item}\n")


@pytest.mark.parametrize("item", ["what fraction of η is that?",
                                  "what percentage of the learning rate is that?",
                                  "what multiple of the learning rate is that?"])
def test_the_relative_item_stays_to_place(item):
    sentence = f"How large is its first Adam update, and {item}"
    (request,) = read_questions(sentence).requests
    assert any(item.rstrip("?") in u for u in request.unplaced), request


def test_an_unplaced_relative_item_refuses_the_part_by_name():
    refused(ADAM.format(item="what fraction of the weight norm is that?"),
            "what fraction of the weight norm is that")


def test_a_subject_ellipsis_is_still_split_off():
    sentence = "How many bytes does the ring send, and how many for the tree scheme?"
    requests = read_questions(sentence).requests
    assert len(requests) == 2, requests


def test_an_amount_of_change_asked_by_how_much_is_not_dropped():
    sentence = ("What is the minimiser and by how much does the linear model predict the loss "
                "will fall?")
    (request,) = read_questions(sentence).requests
    assert any("by how much" in u for u in request.unplaced) or any(
        "by how much" in a.phrase for a in request.asks), request
