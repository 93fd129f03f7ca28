"""The memory of the machine a text runs on ('8 GB RAM', '16GB of RAM', '24 GB of GPU memory')
is set aside with its reason; a size of data in the same units is not."""

from __future__ import annotations

import pytest

from optiproof.reading.coverage import account


@pytest.mark.parametrize("text, number", [
    ("running on my old laptop, 8 GB RAM, so toy problems only", "8"),
    ("a box with 16GB of RAM and one GPU", "16"),
    ("the card has 24 GB of GPU memory", "24"),
])
def test_machine_memory_is_an_aside(text: str, number: str):
    got = {u.text: u for u in account(text, [])}
    assert got[number].status == "aside"
    assert "memory" in got[number].source


@pytest.mark.parametrize("text, number", [
    ("each worker sends 8 GB to the server", "8"),
    ("the model has 4 GB of parameters in fp32", "4"),
])
def test_a_data_size_is_not_an_aside(text: str, number: str):
    got = {u.text: u for u in account(text, [])}
    assert got[number].status == "unused"
