"""Above the exact-arithmetic limit the same derivation is evaluated in float64 (stated), and
the witnesses still verify it; large matrices are written elided."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

import optiproof
from optiproof.core.exact import LATEX_MAX_ENTRIES, to_latex, to_value
from optiproof.core.limits import LIMITS

D = LIMITS.exact_max_entries + 1
NORMS = ["l2", "l1", "linf", {"name": "lp", "p": 3}, "rms"]


def _gradient(seed: int = 0) -> list[float]:
    return np.round(np.random.default_rng(seed).normal(size=D), 6).tolist()


@pytest.mark.parametrize("norm", NORMS, ids=str)
@pytest.mark.parametrize("form", ["penalty-squared", "constraint"])
def test_above_the_exact_limit_the_float64_answer_is_stated_and_verified(norm, form):
    sol = optiproof.steepest_descent(_gradient(), norm=norm, alpha=0.5, eta=0.25, form=form,
                                     asks=["update", "min-value"])
    part = sol.parts[0]
    assert part.steps[-1].title == "Evaluate in float64"
    assert f"{D} entries" in part.steps[-1].text
    assert part.verified, [(c.method, c.status, c.detail[:300]) for c in part.checks]
    update, minimum = part.answers
    assert len(update.value) == D and r"\vdots" in update.latex
    assert minimum.value < 0


def test_float64_agrees_with_exact_arithmetic_just_below_the_limit():
    """The same gradient less one entry is solved exactly: values meet to float64 precision."""
    g = _gradient(1)
    big = optiproof.steepest_descent(g, norm="linf", alpha=0.5, asks=["update", "min-value"])
    small = optiproof.steepest_descent(g[:-1], norm="linf", alpha=0.5,
                                       asks=["update", "min-value"], run_witnesses=False)
    scale = sum(abs(v) for v in g) / sum(abs(v) for v in g[:-1])
    u_big, u_small = np.array(big.parts[0].answers[0].value), np.array(
        small.parts[0].answers[0].value)
    np.testing.assert_allclose(u_big[:-1], u_small * scale, rtol=1e-12)
    assert not any(s.title == "Evaluate in float64" for s in small.parts[0].steps)


def test_a_wrong_float64_answer_is_caught():
    from optiproof.core.evidence import run_witness
    from optiproof.families.steepest_descent.float64 import solve_float64
    from optiproof.families.steepest_descent.spec import SteepestDescentSpec
    from optiproof.families.steepest_descent.witness import witnesses
    from optiproof.core.options import SolveOptions

    spec = SteepestDescentSpec.model_validate({"norm": "l2", "gradient": _gradient(2),
                                               "alpha": 0.5})
    part = solve_float64(spec)
    part.facts.update = part.facts.update * 1.001
    checks = [run_witness(m, fn) for m, fn in witnesses(spec, part, SolveOptions())]
    assert any(c.status == "failed" for c in checks), [(c.method, c.status) for c in checks]


def test_large_matrices_are_elided_small_ones_are_not():
    small = sp.Matrix([1, 2, 3])
    assert r"\vdots" not in to_latex(small)
    big = sp.Matrix(LATEX_MAX_ENTRIES + 1, 1, lambda i, j: i)
    assert to_latex(big).count(r"\\") == 5 and r"\vdots" in to_latex(big)
    wide = sp.Matrix(9, 9, lambda i, j: i + j)
    assert r"\ddots" in to_latex(wide) and r"\cdots" in to_latex(wide)
    array = np.linspace(0, 1, 100)
    assert r"\vdots" in to_latex(array) and to_value(array) == array.tolist()
