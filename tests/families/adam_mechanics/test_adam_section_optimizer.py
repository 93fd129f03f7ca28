"""A text cut into settings ("Setting 1 — Adam …", "Setting 2 — RMSprop …") runs, in each part,
the optimizer its own setting names, not the first one the shared text names (checked against
torch.optim.RMSprop and torch.optim.Adam)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _torch_first_step(cls_name: str, g: float, lr: float, smoothing: float) -> float:
    import torch

    p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = (torch.optim.RMSprop([p], lr=lr, alpha=smoothing, eps=0.0)
           if cls_name == "RMSprop" else
           torch.optim.Adam([p], lr=lr, betas=(0.9, smoothing), eps=0.0))
    p.grad = torch.tensor([g], dtype=torch.float64)
    opt.step()
    return float(p.detach()[0])


@settings(max_examples=4, deadline=None)
@given(g=st.sampled_from([-3, -0.5, 2, 4]), lr=st.sampled_from([0.01, 0.001]),
       rho=st.sampled_from([0.9, 0.99]))
def test_each_setting_runs_the_optimizer_it_names(g, lr, rho):
    text = ("We compare Adam and RMSprop on one scalar weight."
            "\n\nSetting 1 — Adam with bias correction: β_1 = 0.9, β_2 = "
            f"{rho}, lr = {lr}, ε = 0. The first gradient is g_1 = {g}.\n\n"
            "(a) What is the first update Δθ_1?\n\n"
            f"Setting 2 — RMSprop: smoothing constant ρ = {rho}, lr = {lr}, eps = 0, no momentum, "
            f"v_0 = 0. The first gradient is g_1 = {g}.\n\n"
            "(b) What is the first update Δθ_1?\n")
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert [p.fields["optimizer"].value for p in reading.parts] == ["adam", "rmsprop"]
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False,
                                                                run_witnesses=False))
    values = [next(a.to_dict()["value"] for a in part.answers if a.value is not None)
              for part in solution.parts]
    steps = [float(v[0] if isinstance(v, list) else v) for v in values]
    assert abs(steps[0] - _torch_first_step("Adam", g, lr, rho)) < 1e-12
    assert abs(steps[1] - _torch_first_step("RMSprop", g, lr, rho)) < 1e-12
