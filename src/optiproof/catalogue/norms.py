"""Norms: every vector and matrix norm optiproof knows, declared once.

``index`` lists the subscripts that name the norm in ``‖x‖_<index>`` notation (after the reader's
normalisation: ``∞``, ``F``, ``*``, ``op``); ``dual`` is the key of the dual norm; ``params``
names the parameters the norm needs (``p`` for lp, ``D`` for the quadratic norm).
"""

from __future__ import annotations

from dataclasses import dataclass

from optiproof.catalogue.base import Entry, Registry, Relation


@dataclass(frozen=True)
class NormEntry(Entry):
    """A norm: vector or matrix, its dual, its subscripts and parameters."""

    is_matrix: bool = False
    dual: str = ""
    index: tuple[str, ...] = ()
    params: tuple[str, ...] = ()


NORMS: Registry[NormEntry] = Registry("norm")
_add = NORMS.add

L2 = _add(NormEntry(
    "l2", "Euclidean norm", r"\|x\|_2", aliases=("2", "euclidean", "ell2", "l_2", "two-norm"),
    phrases=(r"(?<!non-)(?<!non )(?<!non)\beuclidean\b", r"\bl[ _-]?2\b(?![.\d])", r"(?<![\w.])2[- ]norm", r"\bℓ_?2",
             r"\btwo[- ]norm"),
    dual="l2", index=("2",),
    description="the square root of the sum of squared entries"))
L1 = _add(NormEntry(
    "l1", "l1 norm", r"\|x\|_1", aliases=("1", "ell1", "manhattan", "taxicab", "l_1"),
    phrases=(r"\bl[ _-]?1\b(?![.\d])", r"(?<![\w.])1[- ]norm", r"\btaxicab\b", r"\bmanhattan\b",
             r"\bℓ_?1\b"),
    dual="linf", index=("1",),
    description="the sum of absolute entries"))
LINF = _add(NormEntry(
    "linf", "max norm", r"\|x\|_\infty",
    aliases=("inf", "infinity", "max", "l_inf", "ellinf", "chebyshev", "l-infinity", "sup",
             "max-norm", "infinity norm"),
    phrases=(r"\bl[ _-]?∞", r"(?<![\w])∞[ -]?norm", r"\bmax(?:imum)?[ -]norm",
             r"\bsup(?:remum)?[ -]norm", r"\bchebyshev\b", r"\buniform norm",
             r"\binfinity[ -]norm", r"\bℓ_?∞", r"\bl[ _-]?inf(?:inity)?\b"),
    dual="l1", index=("∞", "inf", "infty", "max"),
    description="the largest absolute entry"))
LP = _add(NormEntry(
    "lp", "lp norm", r"\|x\|_p", aliases=("p", "l_p", "ellp", "p-norm"),
    phrases=(r"\bl[ _-]?p\b", r"\bp[ -]norm", r"\bℓ_?p\b"),
    dual="lp", index=("p",), params=("p",),
    description="the p-th root of the sum of |x_i|^p, 1 < p < inf; its dual is l_q, 1/p + 1/q = 1"))
RMS = _add(NormEntry(
    "rms", "RMS norm", r"\|x\|_{\mathrm{RMS}}", aliases=("root-mean-square",),
    phrases=(r"\brms[ -]norm", r"\broot[- ]mean[- ]square norm"),
    index=("rms", "RMS"),
    description="the Euclidean norm divided by the square root of the dimension"))
QUADRATIC = _add(NormEntry(
    "quadratic", "weighted (quadratic) norm", r"\|x\|_D",
    aliases=("mahalanobis", "weighted", "energy"),
    phrases=(r"\bweighted (?:euclidean )?norm", r"\bmahalanobis", r"\bquadratic norm",
             r"\benergy norm", r"√ ?\(?[a-z]\^?T ?[A-Z] ?[a-z]\)?"),
    index=("D", "A", "H", "P", "M"), params=("D",),
    description="sqrt(x^T D x) for a symmetric positive definite D; its dual uses D^{-1}"))
FROBENIUS = _add(NormEntry(
    "frobenius", "Frobenius norm", r"\|X\|_F", is_matrix=True, aliases=("fro", "f"),
    phrases=(r"\bfrobenius\b(?! (?:inner |dot |scalar )?product)",), dual="frobenius", index=("F", "fro", "Fro"),
    description="the Euclidean norm of the matrix's entries"))
SPECTRAL = _add(NormEntry(
    "spectral", "spectral norm", r"\|X\|_{2\to 2}", is_matrix=True,
    aliases=("operator", "op", "schatten-inf", "induced-2"),
    phrases=(r"\bspectral\b(?! radius)", r"\boperator[ -]norm", r"\binduced 2[- ]norm",
             r"\bschatten[- ]?∞", r"\bℓ_?2 ?(?:→|->|to) ?ℓ_?2"),
    dual="nuclear", index=("op", "2→2", "S∞", "S_∞", "σ", "spec", "2->2"),
    description="the largest singular value"))
NUCLEAR = _add(NormEntry(
    "nuclear", "nuclear norm", r"\|X\|_*", is_matrix=True,
    aliases=("trace", "schatten-1", "trace-norm"),
    phrases=(r"\bnuclear\b", r"\btrace[ -]norm", r"\bschatten[- ]?1\b"),
    dual="spectral", index=("*", "nuc", "tr", "S1", "S_1"),
    description="the sum of singular values"))
RMS_RMS = _add(NormEntry(
    "rms-rms", "RMS-to-RMS operator norm", r"\|X\|_{\mathrm{RMS}\to\mathrm{RMS}}",
    is_matrix=True, aliases=("rms->rms", "rms_to_rms", "rms-to-rms"),
    phrases=(r"\brms[ -]?(?:→|to|->)[ -]?rms\b", r"\brms operator norm"),
    index=("RMS→RMS", "rms→rms"),
    relations=(Relation("special-case", "spectral",
                        r"$\|X\|_{\mathrm{RMS}\to\mathrm{RMS}} = \sqrt{d_{in}/d_{out}}\,\|X\|_2$"),),
    description="the spectral norm scaled by sqrt(d_in / d_out)"))

VECTOR = tuple(e for e in NORMS if not e.is_matrix)
MATRIX = tuple(e for e in NORMS if e.is_matrix)
LP_FAMILY = (L1, L2, LP, LINF)
"""The l_p norms, 1 <= p <= oo: each has a Hölder conjugate exponent."""


def by_index(subscript: str) -> NormEntry | None:
    """The norm named by a ``‖x‖_<subscript>`` subscript (``∞`` -> max norm), or None."""
    s = subscript.strip().strip("{}() ")
    for entry in NORMS:
        if s in entry.index or s.lower() in {i.lower() for i in entry.index if len(i) > 1}:
            return entry
    return None
