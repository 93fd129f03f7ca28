"""Assignments listed with spaces only ("β1=0.9 β2=0.999 lr=1e-3", "L = 10 mu = 1"): each is
its own relation, never a chain of products (0.9·β2 = 0.999·lr = ...) whose last number would
be given to the first symbol. A product after a value stays a product."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.text.mathobjects import extract


def _assigned(flat: str) -> dict[str, object]:
    return {a.name: a.value for a in extract(flat).assignments}


@settings(max_examples=25, deadline=None)
@given(values=st.lists(st.fractions(min_value=0, max_value=10, max_denominator=8).map(
    lambda f: Fraction(round(float(f), 3)).limit_denominator(1000)), min_size=2, max_size=4),
    spaced=st.booleans())
def test_each_assignment_of_a_spaced_list_keeps_its_own_value(values, spaced):
    names = ["β1", "β2", "lr", "eps"][:len(values)]
    eq = " = " if spaced else "="
    flat = "settings: " + " ".join(f"{n}{eq}{float(v):g}" for n, v in zip(names, values))
    got = _assigned(flat)
    keys = {"β1": "beta_1", "β2": "beta_2", "lr": "lr", "eps": "eps"}
    for n, v in zip(names, values):
        assert Fraction(str(got[keys[n]])) == Fraction(f"{float(v):g}"), (flat, got)


@pytest.mark.parametrize("flat, want", [
    ("with L = 10 μ = 1 on the quadratic", {"L": 10, "mu": 1}),
    ("adam: β1=0.9 β2=0.999 lr=1e-3 eps=0, that's it", {"beta_1": Fraction(9, 10),
                                                       "beta_2": Fraction(999, 1000),
                                                       "lr": Fraction(1, 1000), "eps": 0}),
])
def test_written_lists_are_read_one_by_one(flat, want):
    got = _assigned(flat)
    assert {k: Fraction(str(got[k])) for k in want} == want


def test_a_product_after_a_value_stays_a_product():
    got = _assigned("let x = 3 y, with y free")
    assert str(got["x"]) == "3*y"
