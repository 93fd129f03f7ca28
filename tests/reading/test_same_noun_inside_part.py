"""'the same <noun>' whose noun the part's own text names before it ("Reduce up a tree to a
root, then broadcast down the same tree") refers inside the part, not to an earlier one: the
part is answered even when an earlier part is not; 'the same' of a noun the part has not named
("the same setting", "the same for the tree") still goes on from an earlier part."""

from __future__ import annotations

import pytest

from optiproof.reading import ReadingIncomplete, read_report

_TEXT = ("Collectives\n\nn workers each hold a gradient of p floats.\n\n"
         "(a) How many floats does one worker send during the reduce-scatter phase alone, and how "
         "many during the whole all-reduce?\n\n"
         "(b) Binary tree: reduce up a tree to a root, then broadcast down {same}, always sending "
         "full gradients. Give the total number of messages.")


def _answered(text: str) -> list[str]:
    reading = read_report(text)
    assert not reading.complete
    try:
        return [p.label for p in reading.answerable_problem().parts]
    except ReadingIncomplete:   # no part answerable
        return []


def test_the_same_noun_of_the_part_itself():
    assert _answered(_TEXT.format(same="the same tree")) == ["b"]


@pytest.mark.parametrize("same", ["the same setting", "the same tree as before"])
def test_a_same_that_names_no_noun_of_the_part_goes_on_from_an_earlier_one(same):
    text = _TEXT.format(same=same).replace("reduce up a tree to a root", "reduce to a root")
    assert _answered(text) == []
