"""The steepest-descent programs as conic programs for Clarabel, built from the norm's catalogue
entry (written from each norm's definition, never from the family's norm objects).

Variables z = (x, t, aux): x the step (a matrix flattened row by row), t >= ||x|| its size.
Clarabel solves  min 1/2 z^T P z + q^T z  s.t.  A z + s = b, s in K, so a cone member u = M z + c
is the row block A = -M, b = c. The epigraph ||x|| <= tau (tau = t, or eta in the constraint
form) is, per norm:

    l2, Frobenius, RMS, quadratic   (tau', W x) in the second-order cone, W = I, sqrt(D) or L^T
                                    (D = L L^T), tau' = sqrt(d) tau for RMS;
    linf                            tau - x_i >= 0 and tau + x_i >= 0;
    l1                              y_i - x_i >= 0, y_i + x_i >= 0, tau - sum y >= 0;
    lp                              sum r = tau and (r_i, tau, x_i) in the power cone of
                                    exponent 1/p, i.e. |x_i|^p <= r_i tau^(p-1).

Objectives: g^T x (constraint form), g^T x + t / alpha (penalty) and g^T x + t^2 / alpha
(penalty-squared, with P_tt = 2 / alpha); the Euclidean-type norms take the squared form as the
quadratic x^T W^T W x / alpha with no cone, as a QP is solved to full accuracy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from optiproof.catalogue import norms as N

EUCLIDEAN = (N.L2, N.FROBENIUS, N.RMS, N.QUADRATIC)
"""Norms ||x|| = ||W x||_2: the squared penalty is a quadratic form."""
CONIC_NORMS = (*EUCLIDEAN, N.L1, N.LINF, N.LP)
"""The norms built here; the SDP norms (spectral, nuclear, RMS->RMS) stay with cvxpy."""


@dataclass
class ConicProgram:
    """min 1/2 z^T P z + q^T z s.t. A z + s = b, s in cones; x is z[:size]."""

    P: Any
    q: np.ndarray
    A: Any
    b: np.ndarray
    cones: list[Any]
    size: int


class _Rows:
    """Cone blocks u = M z + c, collected in order with their Clarabel cones."""

    def __init__(self, width: int):
        self.width = width
        self.M: list[Any] = []
        self.c: list[np.ndarray] = []
        self.cones: list[Any] = []

    def add(self, M: Any, c: np.ndarray, cones: list[Any]) -> None:
        import scipy.sparse as sp

        self.M.append(sp.csr_matrix(M))
        self.c.append(np.asarray(c, dtype=float))
        self.cones += cones

    def select(self, start: int, d: int) -> Any:
        """The d x width matrix picking z[start:start + d]."""
        import scipy.sparse as sp

        return sp.csr_matrix((np.ones(d), (np.arange(d), start + np.arange(d))),
                             shape=(d, self.width))


def _weights(spec: Any, d: int) -> Any:
    """W with ||x|| = ||W x||_2 for the Euclidean-type norms (sparse or dense)."""
    import scipy.sparse as sp

    entry = spec.entry
    if entry is N.RMS:
        return sp.identity(d, format="csr") / math.sqrt(d)
    if entry is N.QUADRATIC:
        if isinstance(spec.D[0], (list, tuple)):
            D = np.array([[float(v) for v in row] for row in spec.D], dtype=float)
            return sp.csr_matrix(np.linalg.cholesky((D + D.T) / 2).T)
        return sp.diags(np.sqrt([float(v) for v in spec.D]), format="csr")
    return sp.identity(d, format="csr")


def _epigraph(rows: _Rows, spec: Any, d: int, tau: np.ndarray, tau0: float, aux: int) -> None:
    """Rows for ||x|| <= tau . z + tau0 (tau a row over z); auxiliaries start at z[aux]."""
    import clarabel
    import scipy.sparse as sp

    entry = spec.entry
    x = rows.select(0, d)
    T = sp.csr_matrix(tau.reshape(1, -1))
    ones = sp.csr_matrix(np.ones((d, 1)))
    if entry in EUCLIDEAN:
        rows.add(sp.vstack([T, _weights(spec, d) @ x]), np.r_[tau0, np.zeros(d)],
                 [clarabel.SecondOrderConeT(d + 1)])
    elif entry is N.LINF:
        rows.add(sp.vstack([ones @ T - x, ones @ T + x]), np.full(2 * d, tau0),
                 [clarabel.NonnegativeConeT(2 * d)])
    elif entry is N.L1:
        y = rows.select(aux, d)
        rows.add(sp.vstack([y - x, y + x, T - ones.T @ y]), np.r_[np.zeros(2 * d), tau0],
                 [clarabel.NonnegativeConeT(2 * d + 1)])
    elif entry is N.LP:
        r = rows.select(aux, d)
        rows.add(T - ones.T @ r, np.array([tau0]), [clarabel.ZeroConeT(1)])
        triples = sp.vstack([r, ones @ T, x]).tocsr()  # rows r_i, tau, x_i ...
        order = np.arange(3 * d).reshape(3, d).T.reshape(-1)  # ... interleaved per i
        rows.add(triples[order], np.tile([0.0, tau0, 0.0], d),
                 [clarabel.PowerConeT(1.0 / float(spec.p))] * d)
    else:
        raise ValueError(f"no conic form for the {spec.name} norm")


def conic_program(form: str, spec: Any, g: np.ndarray, weight: float) -> ConicProgram:
    """The program of ``form`` with gradient g and alpha (or eta) = weight, as Clarabel data."""
    import scipy.sparse as sp

    d = g.size
    entry = spec.entry
    quadratic = form == "penalty-squared" and entry in EUCLIDEAN
    has_t = form != "constraint" and not quadratic
    aux = d + int(has_t)
    width = aux + (d if entry in (N.L1, N.LP) and not quadratic else 0)
    q = np.zeros(width)
    q[:d] = g.reshape(-1)
    P = sp.csc_matrix((width, width))
    rows = _Rows(width)
    if quadratic:
        W = _weights(spec, d)
        block = (W.T @ W) * (2.0 / weight)
        P = sp.block_diag([sp.triu(block), sp.csc_matrix((width - d, width - d))], format="csc")
    else:
        tau = np.zeros(width)
        if has_t:
            tau[d] = 1.0
            if form == "penalty":
                q[d] = 1.0 / weight
            else:
                P = sp.csc_matrix(([2.0 / weight], ([d], [d])), shape=(width, width))
        _epigraph(rows, spec, d, tau, 0.0 if has_t else weight, aux)
    if rows.M:
        A = -sp.vstack(rows.M, format="csc")
        b = np.concatenate(rows.c)
    else:
        A, b = sp.csc_matrix((0, width)), np.zeros(0)
    return ConicProgram(P, q, A, b, rows.cones, d)
