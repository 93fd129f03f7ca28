"""A loss scale written as a count in words ('multiply my loss by one thousand', 'the loss
rescaled by a hundred', 'scaling our training loss by ten') is the scale c: the step asked is
the step on c times the given gradient (checked here by hand: Adam's first step barely moves,
ε aside)."""

from __future__ import annotations

import pytest

from reading_helpers import solved_verified


@pytest.mark.parametrize("said,c", [("Suppose I multiply my loss by one thousand.", 1000),
                                    ("Now the loss is rescaled by a hundred.", 100),
                                    ("What if we scale our training loss by ten?", 10)])
def test_scale_in_words(said: str, c: int):
    data = solved_verified("A weight starts at w_0 = 0.5; Adam with lr = 1e-3, beta1 = 0.9, "
                           "beta2 = 0.999, eps = 1e-8, bias correction on. The first gradient is "
                           f"g_1 = 0.2.\n(a) {said} What is the first update w_1 - w_0 then?\n")
    (part,) = data["parts"]
    (step,) = [a["value"] for a in part["answers"] if a["name"] == "first_step_eps"]
    assert step[0] == pytest.approx(-1e-3 * 0.2 * c / (0.2 * c + 1e-8), rel=1e-12)
