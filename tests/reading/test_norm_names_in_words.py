"""A norm asked in words of an answer ('the max norm of the limit from (a)', 'the ℓ∞ norm of
the limit') is the norm named, never the Euclidean one by default; a norm qualified by a word
the reading does not know ('the weighted norm of ...') is refused naming it. Checked against
numpy's norms of the limit computed independently (θ∞ = X⁺y from a zero start)."""

from __future__ import annotations

import numpy as np
import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_TEXT = ("One example x = (1, 2, 2), y = 3, loss L(w) = 1/2 (x^T w - y)^2. Gradient descent is "
         "run with a small step.\n(a) Starting from w_0 = 0, where does GD converge?\n{ask}\n")
LIMIT = np.linalg.pinv(np.array([[1.0, 2.0, 2.0]])) @ np.array([3.0])


def _norms(ask: str) -> list[float]:
    reading = read_report(_TEXT.format(ask=ask))
    assert reading.complete, "\n".join(reading.unread())
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    (b,) = [p for p in data["parts"] if p["label"] == "b"]
    return [float(a["value"]) for a in b["answers"]
            if a["quantity"] in ("norm-of", "norm-value")]


@pytest.mark.parametrize("ask, order", [
    ("(b) What is the max norm of the limit from (a)?", np.inf),
    ("(b) Compute the ℓ∞ norm of the limit from (a).", np.inf),
    ("(b) Compute the l∞ norm of the limit.", np.inf),
    ("(b) Compute the infinity norm of the limit from (a).", np.inf),
    ("(b) Compute the l_1 norm of the limit from (a).", 1),
    ("(b) Compute the Euclidean norm of the limit from (a).", 2),
    ("(b) What is the norm of the limit from (a)?", 2),
])
def test_a_norm_named_in_words_is_that_norm(ask, order):
    assert _norms(ask) == pytest.approx([np.linalg.norm(LIMIT, order)])


@pytest.mark.parametrize("ask", ["(b) What is the weighted norm of the limit from (a)?",
                                 "(b) Give the operator norm of the limit."])
def test_a_norm_qualified_by_an_unknown_word_is_refused(ask):
    reading = read_report(_TEXT.format(ask=ask))
    assert not reading.complete
