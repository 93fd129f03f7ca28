"""Sub-questions written as a bare list of symbols ('mhat_2 and vhat_2, and w_2.', 'w_3 (6
significant digits).') ask every symbol listed; a part that scales the data loss runs the
weight-decay variants on the scaled data gradient (the λθ term unscaled)."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import ReadingIncomplete, read_problem, read_report

RUN = ("Adam, scalar w: w_0 = 0, lr = 0.01, beta1 = 0.9, beta2 = 0.999, eps = 0, m_0 = v_0 = 0,\n"
       "w_t = w_{t-1} - lr * mhat_t / sqrt(vhat_t).\nGradients: g_1 = 1, g_2 = -1, g_3 = 2.\n\n")


def _answers(text):
    reading = read_report(text)
    assert reading.unused == []
    sol = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert all(p.verified for p in sol.parts)
    return [{a.name: a.value for a in p.answers} for p in sol.parts]


def _theta(part):
    return next(float(v if not hasattr(v, "__len__") else v[0]) for k, v in part.items()
                if k.startswith("theta"))


@pytest.mark.parametrize("parts", [
    "a) mhat_2 and vhat_2, and w_2.\nb) w_3 (6 significant digits).",
    "a) w_2, mhat_2 and vhat_2.\nb) w_3.",
    "(a) mhat_2, vhat_2 and w_2 (exact).\n(b) w_3?",
])
def test_every_listed_symbol_is_answered(parts):
    a, b = _answers(RUN + parts)
    assert len(a) == 3
    assert _theta(a) == pytest.approx(-9 / 950)
    assert _theta(b) == pytest.approx(-0.01445610565)


@pytest.mark.parametrize("parts", ["a) mhat_2 and z_2.", "a) w_1 and w_3."])
def test_a_listed_symbol_not_placed_is_refused(parts):
    with pytest.raises(ReadingIncomplete):
        read_problem(RUN + parts)


DECAY = ("Parameters θ₀ = (−1, −2), gradient of the data loss at θ₀: ∇L(θ₀) = (0.05, 0.5).\n"
         "Adam hyper-parameters: α = 0.01, β₁ = 0.9, β₂ = 0.999, ε = 0, m₀ = v₀ = 0.\n"
         "Regularisation strength λ = 0.1.\n\n")


@pytest.mark.parametrize("own, want", [
    ("(a) The data loss is now multiplied by 1000 (λ unchanged). Recompute θ₁ for Adam + L2.",
     [-1.01, -2.01]),
    ("(a) The data loss is now scaled by 1000 (λ unchanged). Compute θ₁ for the \"Adam + L2\" "
     "variant.", [-1.01, -2.01]),
    ("(a) Suppose the loss is then multiplied by 1000, λ unchanged. For AdamW, compute θ₁.",
     [-1.009, -2.008]),
    ("(a) Multiply the data loss by 1000 (keep λ). Compute θ₁ with AdamW.", [-1.009, -2.008]),
])
def test_a_scaled_data_loss_scales_the_data_gradient_only(own, want):
    (a,) = _answers(DECAY + own)
    assert [float(x) for x in next(v for k, v in a.items() if k.startswith("theta"))] == \
        pytest.approx(want)


@pytest.mark.parametrize("sentence", [
    "Suppose the loss is suddenly multiplied by 1000.",
    "The data loss is accidentally scaled by 1000.",
    "Now the loss was again multiplied by 1000.",
])
def test_a_loss_scaled_with_an_adverb_is_a_scaling(sentence):
    from optiproof.catalogue import TRANSFORMS
    from optiproof.catalogue import transforms as T
    assert any(m.entry.key == T.SCALE_LOSS.key for m in TRANSFORMS.mentions(sentence))
