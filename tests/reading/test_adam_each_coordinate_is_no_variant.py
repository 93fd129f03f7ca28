"""'For each of the three coordinates' asks a vector's entries, not the same question of several
variants: the part is read as one run (variants are still refused)."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

_ADAM = ("Adam with lr = 0.01, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, m_0 = v_0 = 0.\n"
         "(a) At t = 1 the gradient is g_1 = (2, -0.5, 4). ")


@pytest.mark.parametrize("ask", [
    "Compute the update Δθ_1 for each of the three coordinates.",
    "Give Δθ_1 for each of its coordinates.",
    "Compute the update Delta theta_1 for each of the 3 entries (keep eps).",
])
def test_each_coordinate_is_one_run(ask):
    reading = read_report(_ADAM + ask)
    assert reading.complete, reading.unread()
    assert reading.parts[0].asked[:1] == ["first-step"]


def test_each_variant_is_still_refused():
    reading = read_report(_ADAM + "Compute Δθ_1 for each of the two variants.")
    assert not reading.complete
