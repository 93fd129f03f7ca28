"""One catalogue optimizer per (norm, form); related optimizers only with exact conditions."""

from __future__ import annotations

from typing import Any

from optiproof.catalogue import OptimizerEntry
from optiproof.catalogue import norms as N
from optiproof.catalogue import optimizers as O


def identify(inst: Any) -> tuple[OptimizerEntry | None, str]:
    """Return (the optimizer the update is, note) for a solved instance."""
    from optiproof.families.steepest_descent.norms import Quadratic

    form = inst.spec.form
    norm = inst.norm
    entry = norm.entry
    if form == "penalty":
        return None, ("The plain (non-squared) penalty does not produce a step-size rule, so it "
                      "recovers no optimizer: the step is either 0 or unbounded.")
    constrained = form == "constraint"
    if entry in (N.L2, N.FROBENIUS):
        if constrained:
            return O.NORMALIZED_GD, (
                "$u = -\\eta\\, g / \\|g\\|_2$: a step of fixed length $\\eta$ along the negative "
                "gradient.")
        return O.GD, ("$u = -\\frac{\\alpha}{2} g$: plain gradient descent with "
                      "learning rate $\\alpha/2$.")
    if entry is N.RMS:
        if constrained:
            return O.NORMALIZED_GD, (
                "$u = -\\eta \\sqrt{d}\\, g / \\|g\\|_2$: fixed RMS step size $\\eta$ along the "
                "negative gradient.")
        return O.GD, ("$u = -\\frac{\\alpha d}{2} g$: gradient descent with "
                      "learning rate $\\alpha d / 2$.")
    if entry is N.LINF:
        if constrained:
            return O.SIGN_GD, (
                "$u = -\\eta\\, \\operatorname{sign}(g)$: sign descent with fixed step $\\eta$. "
                "Adam with $\\beta_1 = \\beta_2 = 0$, $\\epsilon = 0$ and learning rate $\\eta$ "
                "gives exactly this update.")
        return O.SIGN_GD, (
            "$u = -\\frac{\\alpha}{2}\\|g\\|_1 \\operatorname{sign}(g)$: sign descent whose step "
            "size $\\frac{\\alpha}{2}\\|g\\|_1$ scales with the gradient's $\\ell_1$ norm. "
            "(Adam with $\\beta_1 = \\beta_2 = 0$ and $\\epsilon = 0$ reduces to sign descent "
            "with a fixed step, i.e. the constrained form, not this one.)")
    if entry is N.L1:
        return O.COORDINATE_DESCENT, (
            "Only the coordinate with the largest $|g_i|$ moves (the Gauss-Southwell rule), "
            "against the sign of its gradient entry.")
    if entry is N.LP:
        return O.LP_DESCENT, (
            "No standard optimizer coincides with it for this $p$; it becomes gradient descent "
            "at $p = 2$ and approaches sign descent as $p \\to \\infty$.")
    if isinstance(norm, Quadratic):
        found = O.DIAG_PRECONDITIONED if norm.diagonal else O.PRECONDITIONED
        note = ("$u = -\\frac{\\alpha}{2} D^{-1} g$" if not constrained
                else "$u = -\\eta\\, D^{-1} g / \\sqrt{g^\\top D^{-1} g}$")
        note += ("; with $D$ equal to the Hessian of the loss this is a damped Newton step."
                 if not norm.diagonal else
                 "; each coordinate's step is divided by its own weight $D_{ii}$.")
        return found, note
    if entry in (N.SPECTRAL, N.RMS_RMS):
        scale = "" if entry is N.SPECTRAL else " scaled by $\\sqrt{d_{out}/d_{in}}$"
        if constrained:
            return O.ORTHOGONALIZED, (
                f"$u = -\\eta\\, U V^\\top${scale}. Muon is this constrained form applied to a "
                "momentum buffer, with $U V^\\top$ approximated by five quintic Newton-Schulz "
                "steps.")
        return O.ORTHOGONALIZED, (
            f"$u = -\\frac{{\\alpha}}{{2}}\\|G\\|_* U V^\\top${scale}: the orthogonalised "
            "direction scaled by the nuclear norm of the gradient. Muon uses the constrained "
            "form instead (fixed step, no nuclear-norm factor), applied to a momentum buffer "
            "with a Newton-Schulz approximation of $U V^\\top$.")
    if entry is N.NUCLEAR:
        return O.TOP_SINGULAR, (
            "$u \\propto -u_1 v_1^\\top$: only the top singular pair of the gradient is used.")
    return None, ""
