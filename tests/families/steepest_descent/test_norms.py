"""Norm catalogue: dual norms and dual maximisers checked against numpy, exactly where possible."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from optiproof.core.errors import BadInput
from optiproof.families.steepest_descent.norms import (
    L1,
    L2,
    Frobenius,
    LInf,
    Lp,
    Nuclear,
    Quadratic,
    Spectral,
    check_spd,
    rms,
    rms_to_rms,
)

ints = st.integers(min_value=-6, max_value=6)
vectors = st.lists(ints, min_size=1, max_size=6)
matrices = st.integers(1, 4).flatmap(
    lambda m: st.integers(1, 4).flatmap(
        lambda n: st.lists(st.lists(ints, min_size=n, max_size=n), min_size=m, max_size=m)))


def _col(v):
    return sp.Matrix([[sp.Integer(x)] for x in v])


def _numpy_dual(key: str, g: np.ndarray, p: float | None = None) -> float:
    """Dual norms straight from numpy, independently of the catalogue."""
    if key == "l2":
        return np.linalg.norm(g, 2)
    if key == "l1":
        return np.linalg.norm(g, np.inf)
    if key == "linf":
        return np.linalg.norm(g, 1)
    if key == "lp":
        return np.linalg.norm(g, p / (p - 1))
    raise KeyError(key)


@settings(max_examples=60, deadline=None)
@given(vectors, st.sampled_from(["l2", "l1", "linf", "lp"]))
def test_sharp_attains_dual_norm_exactly(v, key):
    norm = {"l2": L2(), "l1": L1(), "linf": LInf(), "lp": Lp(3)}[key]
    g = _col(v)
    s = norm.sharp(g)
    dual = norm.dual().value(g)
    inner = sum((a * b for a, b in zip(g, s.representative, strict=True)), sp.S.Zero)
    assert abs(sp.N(inner - dual, 60)) < 1e-45  # exact radicals, compared at 60 digits
    gn = np.array(v, float)
    assert float(dual) == pytest.approx(_numpy_dual(key, gn, 3.0), rel=1e-12, abs=1e-12)
    if any(v):
        assert abs(sp.N(norm.value(s.representative) - 1, 60)) < 1e-45
        assert s.contains(np.array([float(x) for x in s.representative]), 1e-9)


@settings(max_examples=40, deadline=None)
@given(vectors, st.sampled_from(["l2", "l1", "linf", "lp"]), st.integers(0, 2**32 - 1))
def test_no_unit_vector_beats_sharp(v, key, seed):
    """Brute force: random points of the unit ball never give a larger <g, s>."""
    norm = {"l2": L2(), "l1": L1(), "linf": LInf(), "lp": Lp(3)}[key]
    g = np.array(v, float)
    best = float(norm.dual().value(_col(v)))
    rng = np.random.default_rng(seed)
    s = rng.standard_normal((500, len(v)))
    ords = {"l2": 2, "l1": 1, "linf": np.inf, "lp": 3}
    s /= np.linalg.norm(s, ords[key], axis=1, keepdims=True)
    assert np.max(s @ g) <= best + 1e-9


def test_linf_zero_entries_are_free_and_set_valued():
    s = LInf().sharp(_col([3, 0, -2]))
    assert not s.unique
    assert s.contains(np.array([1.0, 0.4, -1.0]), 1e-9)
    assert s.contains(np.array([1.0, -1.0, -1.0]), 1e-9)
    assert not s.contains(np.array([1.0, 1.2, -1.0]), 1e-9)
    assert not s.contains(np.array([0.9, 0.0, -1.0]), 1e-9)


def test_l1_ties_are_set_valued():
    s = L1().sharp(_col([3, -3, 1]))
    assert not s.unique
    assert s.contains(np.array([0.5, -0.5, 0.0]), 1e-9)
    assert not s.contains(np.array([0.5, 0.5, 0.0]), 1e-9)
    assert not s.contains(np.array([0.5, -0.4, 0.1]), 1e-9)


def test_rms_and_its_dual():
    g = _col([3, -1, 2])
    n = rms(3)
    assert sp.simplify(n.value(g) - sp.sqrt(14) / sp.sqrt(3)) == 0
    assert sp.simplify(n.dual().value(g) - sp.sqrt(3) * sp.sqrt(14)) == 0
    assert sp.simplify(n.value(n.sharp(g).representative) - 1) == 0


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(1, 9), min_size=1, max_size=4), vectors)
def test_quadratic_dual_matches_numpy(diag, v):
    v = (v + [1] * len(diag))[: len(diag)]
    D = sp.diag(*diag)
    q = Quadratic(D)
    g = _col(v)
    expected = np.sqrt(np.array(v, float) @ np.linalg.solve(np.diag(np.array(diag, float)),
                                                            np.array(v, float)))
    assert float(q.dual().value(g)) == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_non_spd_is_refused():
    with pytest.raises(BadInput, match="positive definite"):
        check_spd(sp.Matrix([[1, 2], [2, 1]]))
    with pytest.raises(BadInput, match="symmetric"):
        check_spd(sp.Matrix([[1, 2], [0, 1]]))


@settings(max_examples=30, deadline=None)
@given(matrices)
def test_matrix_norms_match_numpy(rows):
    G = sp.Matrix(rows)
    Gn = np.array(rows, float)
    assert float(Frobenius().value(G)) == pytest.approx(np.linalg.norm(Gn, "fro"), abs=1e-12)
    assert float(Spectral().value(G)) == pytest.approx(np.linalg.norm(Gn, 2), abs=1e-10)
    assert float(Nuclear().value(G)) == pytest.approx(np.linalg.norm(Gn, "nuc"), abs=1e-10)
    if np.any(Gn):
        s = Spectral().sharp(G)
        S = np.array(s.representative.tolist(), float)
        assert np.linalg.norm(S, 2) == pytest.approx(1.0, abs=1e-12)
        assert np.sum(Gn * S) == pytest.approx(np.linalg.norm(Gn, "nuc"), abs=1e-10)
        top = Nuclear().sharp(G)
        T = np.array(top.representative.tolist(), float)
        assert np.linalg.norm(T, "nuc") == pytest.approx(1.0, abs=1e-10)
        assert np.sum(Gn * T) == pytest.approx(np.linalg.norm(Gn, 2), abs=1e-10)


def test_spectral_sharp_is_polar_factor():
    G = np.array([[1.0, 2.0], [3.0, 4.0], [0.0, 1.0]])
    U, _, Vt = np.linalg.svd(G, full_matrices=False)
    S = np.array(Spectral().sharp(sp.Matrix([[1, 2], [3, 4], [0, 1]])).representative.tolist(),
                 float)
    np.testing.assert_allclose(S, U @ Vt, atol=1e-13)


def test_rms_to_rms_scaling():
    n = rms_to_rms((3, 2))
    G = sp.Matrix([[1, 2], [3, 4], [5, 6]])
    expected = np.sqrt(2 / 3) * np.linalg.norm(np.array(G.tolist(), float), 2)
    assert float(n.value(G)) == pytest.approx(expected, rel=1e-12)


def test_lp_rejects_p_at_most_one():
    with pytest.raises(BadInput):
        Lp(1)
