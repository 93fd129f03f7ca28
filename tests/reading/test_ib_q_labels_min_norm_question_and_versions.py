"""Parts named 'Q1' in a request ('Is Q1's answer equal to it?', 'the norm of the point from
Q2'), 'what is the min-norm interpolating solution' asking for that solution (not whether
something is it), 'what's the norm of' asking a norm, and a software version or GPU model
('torch 2.1', 'GTX 1080') set aside."""

from __future__ import annotations

import numpy as np
import pytest

from reading_helpers import solved

TEXT = ("Toy question about GD\n\nSetup on my GTX 1080 with torch 2.1: one example a = (1, 2), b = 5, "
        "loss L(w) = 1/2 (a^T w - b)^2, full-batch GD from w0 = (1, 1).\n\n"
        "Q1: where does GD end up?\n"
        "Q2: what is the min-norm interpolating solution, and its norm? Is Q1's answer the "
        "same as it?\n"
        "Q3: what's the norm of the point from Q1?\n")


def test_labels_min_norm_and_versions():
    reading, solution = solved(TEXT)
    assert reading.unused == []
    parts = {p["label"]: {a["quantity"]: a["value"] for a in p["answers"]}
             for p in solution.to_dict()["parts"]}
    a, w0 = np.array([1.0, 2.0]), np.array([1.0, 1.0])
    limit = w0 + (5 - a @ w0) / 5 * a
    assert parts["2"]["min-norm-solution"] == pytest.approx([1.0, 2.0])
    assert float(parts["2"]["norm-of"]) == pytest.approx(np.sqrt(5))
    assert parts["2"]["same-as"] in (False, "no")
    assert float(parts["3"]["norm-value"]) == pytest.approx(np.linalg.norm(limit))


def test_what_is_the_min_norm_solution_is_no_yes_no_question():
    from optiproof.reading.questions import read_questions

    asks = [a.quantity for r in read_questions("What is the min-norm interpolating solution?")
            .requests for a in r.asks]
    assert asks == ["min-norm-solution"]
    asks = [a.quantity for r in read_questions("Is the limit the min-norm solution?")
            .requests for a in r.asks]
    assert asks == ["is-min-norm"]
