"""A part's own element type over the shared text's ('switch to fp16: how many bytes then?'),
and LaTeX accents that make a symbol of their own (\\tilde{θ} is not θ). Expected values are
counted here: a ring all-reduce worker sends 2(n-1)/n of the gradient; the GD limit from θ_0
is θ_0 + X⁺(y - Xθ_0) (numpy)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report
from optiproof.reading.normalize import normalize


def _solved(text: str) -> dict:
    reading = read_report(text)
    assert reading.complete, reading.unread()
    return solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()


@settings(max_examples=4, deadline=None)
@given(n=st.sampled_from([4, 8, 16]), millions=st.sampled_from([2, 5, 30]),
       wording=st.sampled_from([
           "(b) Suppose we move to fp16 gradients instead. How many bytes does each worker send?",
           "(b) With half-precision gradients, how many bytes does each worker send now?",
       ]))
def test_a_part_that_states_its_element_type_overrides_the_shared_one(n, millions, wording):
    p = millions * 10**6
    text = (f"We all-reduce fp32 gradients of p = {millions}e6 entries over n = {n} GPUs with a "
            "ring all-reduce.\n(a) How many bytes does each worker send?\n" + wording + "\n")
    data = _solved(text)
    sent = {part["label"]: a["value"] for part in data["parts"] for a in part["answers"]
            if a["quantity"] == "bytes-sent"}
    values = 2 * (n - 1) * p // n
    assert sent == {"a": values * 4, "b": values * 2}


@pytest.mark.parametrize("source, symbol", [
    (r"$\tilde{\boldsymbol\theta}_\infty$", "θ\u0303"),
    (r"$\tilde\theta$", "θ\u0303"),
    (r"$\tilde{w}_0$", "w\u0303"),
])
def test_a_tilde_keeps_its_symbol_apart(source: str, symbol: str) -> None:
    assert symbol in normalize(source).text


def test_the_distance_between_a_tilde_limit_and_the_plain_one_is_not_zero() -> None:
    text = (r"Let $X = \begin{bmatrix} 1 & 1 & 0 \\ 0 & 1 & 1 \end{bmatrix}$, "
            r"$y = \begin{bmatrix} 2 \\ 1 \end{bmatrix}$ and $L(\theta) = \tfrac12\|X\theta - y\|_2^2$."
            "\n\\begin{enumerate}\n"
            r"\item Gradient descent starts at $\theta_0 = 0$. Find its limit $\theta_\infty$."
            "\n"
            r"\item Gradient descent now starts at $\theta_0 = (1, 0, 0)^\top$. Find its limit "
            r"$\tilde\theta_\infty$."
            "\n"
            r"\item Compute $\|\tilde\theta_\infty - \theta_\infty\|_2$."
            "\n\\end{enumerate}\n")
    X, y = np.array([[1.0, 1, 0], [0, 1, 1]]), np.array([2.0, 1])
    first = np.linalg.pinv(X) @ y
    start = np.array([1.0, 0, 0])
    second = start + np.linalg.pinv(X) @ (y - X @ start)
    data = _solved(text)
    (dist,) = [a["value"] for part in data["parts"] if part["label"] == "3"
               for a in part["answers"] if a["quantity"] == "distance"]
    assert dist == pytest.approx(np.linalg.norm(second - first)) and dist > 0.1
