"""'After how many AdamW steps has the weight first fallen to half its starting value?' of a
weight no gradient moves: the smallest N with (1 - αλ)^N ≤ 1/2 (checked here by counting), the
torch.optim.AdamW run on zero gradients as witness. Asked of a weight a gradient also moves, the
decay's count alone is not the weight's: refused, naming the phrase."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

from reading_helpers import solved

_TEXT = ("One weight starts at w0 = {w0}; its gradient is exactly zero at every step. AdamW with "
         "lr = {lr}, β1 = 0.9, β2 = 0.999, ε = 1e-8 and weight decay λ = {lam}.\n\n"
         "(a) {ask}\n")
_ASKS = ["After how many AdamW steps has the weight first fallen to at most half its starting "
         "value?",
         "How many steps does it take until the weight has halved?"]


def _count(lr: float, lam: float) -> int:
    n, w = 0, 1.0
    while w > 0.5:
        w *= 1 - lr * lam
        n += 1
    return n


@pytest.mark.parametrize("ask", _ASKS)
@pytest.mark.parametrize("w0, lr, lam", [(4, 0.01, 0.05), (-1, 0.003, 0.2)])
def test_steps_for_decay_to_halve_a_weight(ask, w0, lr, lam):
    reading, solution = solved(_TEXT.format(w0=w0, lr=lr, lam=lam, ask=ask), witnesses=True)
    (part,) = solution.parts
    assert part.verified, [c.detail for c in part.checks]
    got = [a for a in part.answers if a.name == "halving_steps_AdamW"]
    assert got and int(got[0].expr) == _count(lr, lam)
    assert any("half" in c.method for c in part.checks)


def test_halving_asked_of_a_moving_weight_is_refused():
    text = _TEXT.format(w0=4, lr=0.01, lam=0.05, ask=_ASKS[0]).replace(
        "its gradient is exactly zero at every step", "its gradient is g = 0.3 at every step")
    reading = read_report(text)
    assert not reading.complete
    assert any("halves a weight" in u for u in reading.unread())
