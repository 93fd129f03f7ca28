"""A power of ten spelled out ('three times ten to the minus four', 'ten to the minus eight',
'2.5 times ten to the power of six') is read as the number it names, with a note."""

from __future__ import annotations

from optiproof.reading import read_report
from optiproof.reading.normalize import normalize


def test_spelled_powers_become_numbers():
    assert "lr = 3e-4," in normalize("Adam with lr = three times ten to the minus four, and "
                                     "more").text
    assert "of 10^-8." in normalize("a stability constant of ten to the minus eight.").text
    assert "2.5e6 samples" in normalize("trained on 2.5 times ten to the power of six "
                                        "samples").text
    out = normalize("a step of seven times ten to the negative three")
    assert "7e-3" in out.text and any("seven times ten to the negative three" in n
                                      for n in out.notes)


def test_a_learning_rate_spelled_as_a_power_is_read():
    reading = read_report("Adam with learning rate two times ten to the minus three, β1 = 0.9, "
                          "β2 = 0.99, ε = 1e-8. The gradient at step 1 is g = (0.5, -2). What is "
                          "the first step?\n")
    inputs = {i["name"]: i["value"] for p in reading.to_dict()["parts"] for i in p["inputs"]}
    assert inputs["alpha"] == 0.002
