"""Plain gradient descent named beside a momentum method with a reference to the part that tuned
it, the part labelled by a roman numeral ('each of GD (from (ii)) and heavy ball (from (iii))',
'GD (part iv) or Nesterov'): both methods are read, one reading each."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

_SETUP = ("The quadratic has Hessian eigenvalues between mu = 1 and L = 16.\n"
          "(i) What is the condition number?\n"
          "(ii) Give the optimal step of gradient descent and its rate.\n"
          "(iii) Give the optimal heavy-ball alpha and beta and the resulting rate.\n")


@pytest.mark.parametrize("ask", [
    "(iv) How many iterations does each of GD (from (ii)) and heavy ball (from (iii)) need to "
    "shrink the error by 10^-3?",
    "(iv) Iterations needed by GD (as in (ii)) and by heavy ball (as in (iii)) to reach an "
    "error of 10^-3?",
    "(iv) how many iterations for GD (see (ii)) vs heavy ball (see (iii)) until the error is 1e-3",
])
def test_both_methods_are_read(ask: str):
    parts = {p.label: p for p in read_report(_SETUP + ask).parts}
    methods = sorted(p.value("method") for label, p in parts.items() if label.startswith("iv"))
    assert methods == ["gd", "heavy-ball"], {k: p.value("method") for k, p in parts.items()}
