"""A gradient stated for a range of steps from the first ('g_t = (1, -2) for t = 1, 2, 3',
'$g_t = 0.4$ for $t \\in \\{1,2,3,4\\}$', 'g = 3 at steps 1 to 3', 'for the first three steps') is
the same at each of those steps, so an iterate up to the last of them is a run on it; one after
the range is refused by name. The parameter may be called ``p`` as PyTorch calls it ('where is p
after 3 steps', 'p_3 - p_2')."""

from __future__ import annotations

import math

import pytest

from optiproof.reading import read_report
from reading_helpers import solved_verified


def _adam(g: float, steps: int, lr=0.01, b1=0.9, b2=0.999, eps=1e-8, start=0.0) -> list[float]:
    theta, m, v, out = start, 0.0, 0.0, []
    for t in range(1, steps + 1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        theta -= lr * (m / (1 - b1 ** t)) / (math.sqrt(v / (1 - b2 ** t)) + eps)
        out.append(theta)
    return out


def _values(part: dict, quantity: str) -> list:
    return [a["value"] for a in part["answers"] if a["quantity"] == quantity and a["value"]]


@pytest.mark.parametrize("text,steps,g", [
    ("A scalar weight w starts at w_0 = 1 and is trained with Adam (lr = 0.01, beta1 = 0.9, "
     "beta2 = 0.999, eps = 1e-8, bias correction, moments start at zero). The gradient does not "
     "change at first: g_t = -0.5 for t = 1, 2, 3.\n(a) What is w_3?\n", 3, -0.5),
    (r"One parameter $\theta$ with $\theta_0 = 1$ is updated by Adam with $\eta = 0.01$, "
     r"$\beta_1 = 0.9$, $\beta_2 = 0.999$, $\epsilon = 10^{-8}$ and bias correction. Suppose "
     r"$g_t = 2$ for $t \in \{1, 2, 3, 4\}$." "\n(a) Compute $\\theta_4$.\n", 4, 2.0),
    ("single param p, p_0 = 1. adam w/ lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8, standard bias "
     "correction. grad is g_t = 3 for the first three steps.\n1) where is p after 3 adam "
     "steps?\n", 3, 3.0),
    ("**Setup.** A weight starts at w_0 = 1; Adam with learning rate 0.01, β1 = 0.9, "
     "β2 = 0.999, ε = 1e-8, bias-corrected moments from zero. **The gradient is g = 0.25 at steps "
     "1 to 3.**\n\n(a) Give w_2.\n", 2, 0.25),
])
def test_iterate_within_the_stated_steps(text: str, steps: int, g: float):
    data = solved_verified(text)
    (part,) = data["parts"]
    got = _values(part, "theta-t")
    assert got and got[0][0] == pytest.approx(_adam(g, steps, start=1.0)[-1], rel=1e-12)


def test_update_named_by_p_differences_and_a_coordinate():
    data = solved_verified("Two parameters p = (p1, p2) start at (1, 1) and are trained with Adam: lr = 0.1, "
                  "beta1 = 0.9, beta2 = 0.999, eps = 1e-8, bias correction on. The gradient is "
                  "g_t = (0.5, -4) for t = 1, 2, 3.\n(a) Give the update p_3 - p_2.\n")
    (part,) = data["parts"]
    (step,) = _values(part, "last-step")
    want = [a - b for a, b in zip(*[[_adam(g, 3, lr=0.1)[k] for g in (0.5, -4)] for k in (2, 1)])]
    assert step == pytest.approx(want, rel=1e-12)


def test_an_iterate_after_the_stated_steps_is_refused_by_name():
    reading = read_report("A weight w starts at w_0 = 0; Adam with lr = 0.01, beta1 = 0.9, "
                          "beta2 = 0.999, eps = 1e-8. The gradient is g_t = 1 for t = 1, 2.\n"
                          "(a) What is w_4?\n")
    assert not reading.complete
    (gap,) = [u for u in reading.unread() if "gradients" in u]
    assert "first 2 steps only" in gap and "steps 3 to 4" in gap
