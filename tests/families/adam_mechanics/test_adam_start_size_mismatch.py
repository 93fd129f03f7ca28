"""A start θ₀ whose size differs from the gradient's is bad input naming both sizes, whatever
is asked (not a crash in the solver)."""

from __future__ import annotations

import pytest

from optiproof.core.errors import BadInput
from optiproof.families.problem import make_problem


@pytest.mark.parametrize("asks", [["step-no-bias-correction"], ["first-step"], ["update-rule"]])
@pytest.mark.parametrize("grads", [{"gradients": [[1], [1], [1]]}, {"gradient": [1, 2, 3]}])
def test_a_start_of_another_size_is_bad_input(asks, grads):
    with pytest.raises(BadInput) as info:
        make_problem({"family": "adam-mechanics", "asks": asks, "alpha": 0.01, "beta1": 0.9,
                      "beta2": 0.99, "eps": 0, "t": 3, "theta0": [2, -8], **grads})
    assert info.value.exit_code == 2
    assert "theta0 has 2 entries" in str(info.value)
