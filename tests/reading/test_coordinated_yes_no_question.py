"""A yes/no question coordinated with a request ('..., and would the iteration still be useful
in practice?', 'and is that limit unique?') asks something of its own: it is placed by a family
or refused naming it, never dropped while the part shows verified. An elliptic amount ('and how
many does the ring need?') or a question with its own ask is not such an item."""

from __future__ import annotations

import pytest

from optiproof.reading.questions import read_questions
from reading_helpers import refused

QD = ("Gradient descent on f(x) = ½ xᵀHx with H = diag(1, 10).\n\n"
      "(a) What is the largest step size for which gradient descent converges, and {item}\n")


@pytest.mark.parametrize("item", ["would the iteration still be useful in practice?",
                                  "can this method be run on a GPU cluster?",
                                  "does the iteration also work on a nonconvex loss?"])
def test_the_yes_no_item_stays_to_place(item):
    sentence = f"What is the largest step size for which gradient descent converges, and {item}"
    (request,) = read_questions(sentence).requests
    assert any(item.rstrip("?") in u for u in request.unplaced), request


def test_an_unplaced_yes_no_item_refuses_the_part_by_name():
    refused(QD.format(item="would the iteration still be useful in practice?"),
            "would the iteration still be useful in practice")


@pytest.mark.parametrize("sentence", [
    "How many rounds does the tree need, and how many does the ring need?",
    "Where does it converge, and what is the training loss there?",
])
def test_other_coordinated_questions_are_not_yes_no_items(sentence):
    for request in read_questions(sentence).requests:
        assert not any(u.lower().startswith(("would", "can", "is", "does")) for u in
                       request.unplaced), request
