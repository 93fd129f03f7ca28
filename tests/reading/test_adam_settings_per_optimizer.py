"""A text that gives each optimizer its own settings ('RMSprop: ρ = 0.9, α = 0.01 … Adam: β₂ =
0.999, α = 10⁻³') sets each part with those of the optimizer the part runs: its learning rate,
its second-moment decay (the recurrence written for the other one does not set it) and its bias
correction ('no bias correction' said of RMSprop does not switch Adam's off). Different values
for one setting that cannot be told apart so are refused, naming them."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

SECTIONS = [
    ("RMSprop (no momentum, no bias correction): v_t = ρ v_{{t-1}} + (1-ρ) g_t^2, "
     "θ_t = θ_{{t-1}} - α g_t/(sqrt(v_t)+ε), with ρ = {rho}, α = {a_rms}, ε = 0, v_0 = 0.\n"
     "Adam (with bias correction) with β1 = 0.9, β2 = {b2}, α = {a_adam}, ε = 0, "
     "m_0 = v_0 = 0.\n"),
    ("Adam (with bias correction) with β1 = 0.9, β2 = {b2}, α = {a_adam}, ε = 0, "
     "m_0 = v_0 = 0.\n"
     "RMSprop (no momentum, no bias correction): v_t = ρ v_{{t-1}} + (1-ρ) g_t^2, "
     "with ρ = {rho}, α = {a_rms}, ε = 0, v_0 = 0.\n"),
]
PARTS = ("(a) For RMSprop with g_1 = 1, compute θ_1 - θ_0.\n"
         "(b) For Adam with gradients g_1 = 1, g_2 = -1, g_3 = 2, compute m̂_3 and v̂_3.\n"
         "(c) Compute the Adam update Δθ_3 = θ_3 - θ_2.\n")


@pytest.mark.parametrize("shared", SECTIONS)
@pytest.mark.parametrize("rho,a_rms,b2,a_adam", [("0.9", "0.01", "0.999", "0.001"),
                                                 ("0.95", "0.1", "0.99", "0.002")])
def test_each_part_takes_the_settings_of_its_optimizer(shared, rho, a_rms, b2, a_adam):
    text = shared.format(rho=rho, a_rms=a_rms, b2=b2, a_adam=a_adam) + PARTS
    reading = read_report(text)
    by = {p.label: p for p in reading.parts}
    assert by["a"].value("optimizer") == "rmsprop"
    assert float(by["a"].value("alpha")) == float(a_rms)
    assert float(by["a"].value("beta2")) == float(rho)
    for label in ("b", "c"):
        assert by[label].value("optimizer") == "adam"
        assert float(by[label].value("alpha")) == float(a_adam), label
        assert float(by[label].value("beta2")) == float(b2), label
    assert "step-no-bias-correction" not in (by["c"].value("asks") or [])
    assert "last-step" in by["c"].value("asks")


def test_different_values_without_their_optimizers_are_refused_naming_them():
    text = ("Adam with β1 = 0.9, β2 = 0.999, ε = 0 and α = 0.01; later α = 0.05 is used too.\n"
            "(a) For g_1 = 1, compute θ_1 - θ_0.\n")
    reading = read_report(text)
    assert not reading.complete
    why = "\n".join(reading.unread())
    assert '"α = 0.01"' in why and '"α = 0.05"' in why and "expected" in why
