"""Bad input: a clear error naming the field (exit code 2 through BadInput)."""

from __future__ import annotations

import pytest

from optiproof.core.errors import BadInput
from optiproof.families.problem import make_problem


def _part(**kw):
    return {"title": "t", "parts": [{"label": "a", "family": "implicit-bias", **kw}]}


CASES = [
    ("dimension mismatch X/y", dict(X=[[1, 2, 3]], y=[1, 2], method="gd"),
     "X has 1 rows but y has 2"),
    ("dimension mismatch theta0", dict(a=[1, 2, 3], b=1, theta0=[0, 0], method="gd"),
     "theta0 has 2 entries"),
    ("empty data", dict(a=[], b=1, method="gd"), "non-empty"),
    ("no data", dict(method="gd"), "no data"),
    ("X without y", dict(X=[[1, 2]], method="gd"), "y is missing"),
    ("both forms", dict(X=[[1, 2]], y=[1], a=[1, 2], b=1, method="gd"), "either X and y"),
    ("nan", dict(a=[1, float("nan")], b=1, method="gd"), "finite"),
    ("inf text", dict(a=[1, "inf"], b=1, method="gd"), "finite"),
    ("ragged", dict(X=[[1, 2], [1]], y=[1, 1], method="gd"), "rectangular"),
    ("non-SPD P", dict(a=[1, 2], b=1, method={"name": "preconditioned", "P": [[1, 2], [2, 1]]}),
     "not positive definite"),
    ("non-symmetric P", dict(a=[1, 2], b=1, method={"name": "preconditioned",
                                                    "P": [[2, 1], [0, 2]]}), "symmetric"),
    ("P size", dict(a=[1, 2], b=1, method={"name": "preconditioned", "P": [1, 2, 3]}),
     "method.P is 3x3"),
    ("beta = 1", dict(a=[1, 2], b=1, method={"name": "heavy-ball", "beta": 1}),
     "beta = 1 is outside [0, 1)"),
    ("beta < 0", dict(a=[1, 2], b=1, method={"name": "nesterov", "beta": -0.1}), "beta"),
    ("lambda <= 0", dict(a=[1, 2], b=1, method={"name": "ridge", "lam": 0}), "lam must be > 0"),
    ("unknown method", dict(a=[1, 2], b=1, method="lion"), "unknown method"),
    ("all-zero data", dict(a=[0, 0], b=1, method="gd"), "all zeros"),
    ("inconsistent", dict(X=[[1, 2], [2, 4]], y=[1, 3], method="gd"),
     "no zero-loss point exists"),
    ("inconsistent sgd", dict(X=[[1, 2], [2, 4]], y=[1, 3], presume_zero_loss=False,
                              method="sgd"), "do not converge on an inconsistent system"),
    ("d too large", dict(a=[1] * 10_001, b=1, method="gd"), "limit is 10000"),
    ("gamma out of range", dict(a=[1, 2], b=1, method={"name": "sign-gd", "gamma": 0.3}),
     "gamma"),
]


@pytest.mark.parametrize("name,part,needle", CASES, ids=[c[0] for c in CASES])
def test_bad_input_names_the_problem(name, part, needle):
    with pytest.raises(BadInput) as err:
        make_problem(_part(**part))
    assert err.value.exit_code == 2
    assert needle in str(err.value), str(err.value)


def test_inconsistent_message_reports_least_squares_limit():
    with pytest.raises(BadInput) as err:
        make_problem(_part(X=[[1, 2], [2, 4]], y=[1, 3], method="gd"))
    msg = str(err.value)
    assert "least-squares" in msg and "presume_zero_loss: false" in msg


def test_inconsistent_least_squares_limit_when_allowed():
    from optiproof.pipeline import solve_part

    problem = make_problem(_part(X=[[1, 2], [2, 4]], y=[1, 3], theta0=[1, 1],
                                 presume_zero_loss=False, method="gd"))
    sol = solve_part(problem.parts[0])
    import numpy as np

    X, y, t0 = np.array([[1, 2], [2, 4.0]]), np.array([1, 3.0]), np.array([1, 1.0])
    expected = t0 + np.linalg.pinv(X) @ (y - X @ t0)
    np.testing.assert_allclose(np.array(sol.answers[0].value), expected, atol=1e-12)
    assert "least-squares" in sol.identified_as
    assert sol.verified, [c.to_dict() for c in sol.checks]


def test_spec_imports_light():
    import subprocess
    import sys

    code = ("import sys; import optiproof.families.implicit_bias as m; "
            "bad = [k for k in ('torch', 'sympy', 'matplotlib', 'numpy') if k in sys.modules]; "
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
