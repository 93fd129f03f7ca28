"""'Compute the update Δθ at step 3. Does the update depend on t?' of Adam on a constant
gradient: the step at step 3, and no (the corrected moments are g and g² at every t), checked
by a long torch.optim.Adam run; asked with the correction off, it is refused by name."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_RUN = ("A single weight is trained with Adam: β1 = 0.7, β2 = 0.95, step size 0.005, ε = 0. "
        "Its gradient is constant, g_t = -3 for every t.\n")


def test_the_step_at_step_four_and_its_independence_of_t():
    reading = read_report(_RUN + "Compute the bias-corrected m̂4 and the update Δθ at "
                                 "step 4. Does the update depend on t?\n")
    assert reading.complete, reading.unread()
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    part = data["parts"][0]
    assert part["verified"]
    values = {a["name"]: a["value"] for a in part["answers"]}
    assert values["last step"] == pytest.approx([0.005])
    assert values["step depends on t"] is False
    assert any(c["passed"] and "does not depend on t" in c["method"] for c in part["checks"])


def test_without_the_correction_the_dependence_is_not_answered():
    reading = read_report(_RUN + "Without bias correction, compute the raw m4 and the "
                                 "update Δθ at step 4. Does the update depend on t?\n")
    assert not reading.complete
    assert any("depend on" in line for line in reading.unread())
