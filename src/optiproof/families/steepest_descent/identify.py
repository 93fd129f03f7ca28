"""One canonical optimizer name per (norm, form); related optimizers only with exact conditions."""

from __future__ import annotations

from typing import Any


def identify(inst: Any) -> tuple[str | None, str]:
    """Return (canonical name, note) for the update of a solved instance."""
    from optiproof.families.steepest_descent.norms import Quadratic, Scaled

    form = inst.spec.form
    norm = inst.norm
    key = norm.key
    if form == "penalty":
        return None, ("The plain (non-squared) penalty does not produce a step-size rule, so it "
                      "recovers no optimizer: the step is either 0 or unbounded.")
    constrained = form == "constraint"
    if key in ("l2", "frobenius"):
        if constrained:
            return "normalized gradient descent", (
                "$u = -\\eta\\, g / \\|g\\|_2$: a step of fixed length $\\eta$ along the negative "
                "gradient.")
        return "gradient descent", ("$u = -\\frac{\\alpha}{2} g$: plain gradient descent with "
                                    "learning rate $\\alpha/2$.")
    if key == "rms":
        if constrained:
            return "normalized gradient descent", (
                "$u = -\\eta \\sqrt{d}\\, g / \\|g\\|_2$: fixed RMS step size $\\eta$ along the "
                "negative gradient.")
        return "gradient descent", ("$u = -\\frac{\\alpha d}{2} g$: gradient descent with "
                                    "learning rate $\\alpha d / 2$.")
    if key == "linf":
        if constrained:
            return "sign gradient descent", (
                "$u = -\\eta\\, \\operatorname{sign}(g)$: sign descent with fixed step $\\eta$. "
                "Adam with $\\beta_1 = \\beta_2 = 0$, $\\epsilon = 0$ and learning rate $\\eta$ "
                "gives exactly this update.")
        return "sign gradient descent", (
            "$u = -\\frac{\\alpha}{2}\\|g\\|_1 \\operatorname{sign}(g)$: sign descent whose step "
            "size $\\frac{\\alpha}{2}\\|g\\|_1$ scales with the gradient's $\\ell_1$ norm. "
            "(Adam with $\\beta_1 = \\beta_2 = 0$ and $\\epsilon = 0$ reduces to sign descent "
            "with a fixed step, i.e. the constrained form, not this one.)")
    if key == "l1":
        return "greedy coordinate descent", (
            "Only the coordinate with the largest $|g_i|$ moves (the Gauss-Southwell rule), "
            "against the sign of its gradient entry.")
    if key == "lp":
        return "steepest descent in the l_p norm", (
            "No standard optimizer coincides with it for this $p$; it becomes gradient descent "
            "at $p = 2$ and approaches sign descent as $p \\to \\infty$.")
    if isinstance(norm, Quadratic):
        name = ("diagonally preconditioned gradient descent" if norm.diagonal
                else "preconditioned (Newton-like) gradient descent")
        note = ("$u = -\\frac{\\alpha}{2} D^{-1} g$" if not constrained
                else "$u = -\\eta\\, D^{-1} g / \\sqrt{g^\\top D^{-1} g}$")
        note += ("; with $D$ equal to the Hessian of the loss this is a damped Newton step."
                 if not norm.diagonal else
                 "; each coordinate's step is divided by its own weight $D_{ii}$.")
        return name, note
    if key in ("spectral", "rms-rms"):
        scale = "" if key == "spectral" else " scaled by $\\sqrt{d_{out}/d_{in}}$"
        if constrained:
            return "orthogonalised gradient descent", (
                f"$u = -\\eta\\, U V^\\top${scale}. Muon is this constrained form applied to a "
                "momentum buffer, with $U V^\\top$ approximated by five quintic Newton-Schulz "
                "steps.")
        return "orthogonalised gradient descent", (
            f"$u = -\\frac{{\\alpha}}{{2}}\\|G\\|_* U V^\\top${scale}: the orthogonalised "
            "direction scaled by the nuclear norm of the gradient. Muon uses the constrained "
            "form instead (fixed step, no nuclear-norm factor), applied to a momentum buffer "
            "with a Newton-Schulz approximation of $U V^\\top$.")
    if key == "nuclear":
        return "rank-one top-singular-pair update", (
            "$u \\propto -u_1 v_1^\\top$: only the top singular pair of the gradient is used.")
    if isinstance(norm, Scaled):
        return None, ""
    return None, ""
