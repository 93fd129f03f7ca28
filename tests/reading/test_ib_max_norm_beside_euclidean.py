"""'Give ‖w‖_2 and ‖w‖_∞ of the limit': the max (or ℓ1) norm asked beside the Euclidean norm in
one request is answered too, as the norm of the limit, never dropped from an answer shown as
verified."""

from __future__ import annotations

import pytest

from reading_helpers import quantity_values

TEXT = ("One example a = (2, 1), target b = 10, loss L(w) = 1/2 (a^T w - b)^2, start w_0 = 0.\n\n"
        "(a) Gradient descent with a small step: what is lim w_t? Give {norms} of the limit.\n")


@pytest.mark.parametrize("norms, want", [
    ("||w||_2 and ||w||_inf", {"norm-value": 2 * 5 ** 0.5, "norm-of": 4.0}),
    ("||w||_2 and ||w||_1", {"norm-value": 2 * 5 ** 0.5, "norm-of": 6.0}),
])
def test_other_norm_beside_the_euclidean_one(norms, want):
    # limit a b / ||a||^2 = (4, 2)
    values = dict(quantity_values(TEXT.format(norms=norms))["a"])
    assert values["limit"] == pytest.approx([4, 2])
    for k, v in want.items():
        assert float(values[k]) == pytest.approx(v)
