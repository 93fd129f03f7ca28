"""A run asked in a part of a text whose shared setting names the weight-decay method (and λ)
runs with that decay, as torch.optim.Adam(weight_decay=λ) or torch.optim.AdamW does; a shared
text naming both methods with a part naming neither is refused, never run without decay."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report


def _torch_iterate(kind, grads, theta0, lr, lam):
    import torch

    p = torch.tensor(theta0, dtype=torch.float64, requires_grad=True)
    cls = torch.optim.AdamW if kind == "adamw" else torch.optim.Adam
    opt = cls([p], lr=lr, betas=(0.9, 0.999), eps=0.0, weight_decay=lam)
    for g in grads:
        p.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
    return p.detach().numpy().copy()


def _iterate(text):
    reading = read_report(text)
    assert reading.complete, reading.unread()
    (part,) = solve_problem(reading.to_problem(), SolveOptions(figures=False)).parts
    assert part.verified
    value = next(a.to_dict()["value"] for a in part.answers if a.quantity == "theta-t")
    return np.array(value, dtype=float).ravel()


_SETTINGS = {
    "adam": ["Adam with an L2 penalty in the loss (λ = {lam})", "Adam + L2 (λ = {lam})",
             "Adam with L2 regularisation, coefficient λ = {lam},"],
    "adamw": ["AdamW with decoupled weight decay λ = {lam}", "AdamW (λ = {lam})"],
}
_NUMBER = st.sampled_from([-1.5, -0.2, 0.3, 2])


@settings(max_examples=8, deadline=None)
@given(kind=st.sampled_from(["adam", "adamw"]), which=st.integers(0, 2),
       lam=st.sampled_from([0.05, 0.1, 0.3]), g1=st.tuples(_NUMBER, _NUMBER),
       g2=st.tuples(_NUMBER, _NUMBER), steps=st.sampled_from([1, 2]))
def test_shared_decay_method_is_run(kind, which, lam, g1, g2, steps):
    method = _SETTINGS[kind][which % len(_SETTINGS[kind])].format(lam=lam)
    grads = [list(g1), list(g2)][:steps]
    given_ = " and ".join(f"g_{k} = ({g[0]}, {g[1]})" for k, g in enumerate(grads, start=1))
    text = (f"A two-weight model is trained by {method} with lr = 0.1, β_1 = 0.9, β_2 = 0.999, "
            f"ε = 0, from θ_0 = (1, -2). The data gradients are {given_}.\n\n"
            f"(a) Where is the iterate after step {steps}? Give θ_{steps}.\n")
    want = _torch_iterate(kind, grads, [1.0, -2.0], 0.1, lam)
    assert np.allclose(_iterate(text), want, rtol=0, atol=1e-12)


@pytest.mark.parametrize("shared", [
    "We compare AdamW with Adam + L2 regularisation (λ = 0.1)",
    "Both decoupled weight decay (AdamW) and an L2 penalty inside Adam are used, λ = 0.1,",
])
def test_shared_text_naming_both_methods_is_refused(shared):
    text = (f"{shared} with lr = 0.1, β_1 = 0.9, β_2 = 0.999, ε = 0, from θ_0 = (2, -1); the data "
            "gradient is g_1 = (0.5, 0.05).\n\n(a) Compute θ_1.\n")
    assert not read_report(text).complete
