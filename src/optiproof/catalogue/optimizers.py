"""Optimizers and update rules: each declared once, with the names people use for it.

``name`` is the one precise identification optiproof gives (``identified_as`` in the JSON);
``aliases`` are the spec values and other names that denote the same rule; ``phrases`` find it
in prose. Relations state exact conditions under which one rule becomes another.
"""

from __future__ import annotations

from dataclasses import dataclass

from optiproof.catalogue.base import Entry, Registry, Relation


@dataclass(frozen=True)
class OptimizerEntry(Entry):
    """An optimizer or update rule; ``torch`` names its ``torch.optim`` class where one exists;
    ``named`` is False for a description of a method (preconditioned gradient descent) rather
    than a named algorithm (Adam, Lion)."""

    torch: str = ""
    named: bool = True
    tuned_rate_on: str = ""
    """The objectives on which its (tuned) linear rate is guaranteed, when only some are
    (``quadratics`` for heavy ball: Polyak's tuning can fail to converge on a strongly convex
    smooth function that is not quadratic, Lessard, Recht & Packard 2016; ``strongly convex``
    for gradient descent: on a smooth non-convex function it reaches a stationary point, with
    no linear rate to a global minimum); empty when no such limit is known."""
    may_fail_on: str = ""
    """A class of objectives on which the method with constant hyper-parameters is known not to
    converge to the optimum on every member (``convex`` for Adam and RMSprop: Reddi, Kale &
    Kumar 2018 give a one-dimensional online convex problem on which Adam with β1 < √β2, the
    defaults included, moves away from the optimum); empty when convergence on the class is
    guaranteed or no counterexample is known."""
    needs_decay: bool = False
    """Its step does not shrink as the gradient does (a sign or a normalised gradient), so with
    a constant step size it keeps moving by about the step size and oscillates around the
    solution instead of converging: it converges only with decaying step sizes."""
    coordinatewise: bool = False
    """It scales each coordinate on its own (a sign, a per-coordinate second moment): its step
    is not the same in rotated coordinates, so it is invariant to rescaling each coordinate at
    best, never to every invertible linear reparametrisation (Newton's method is)."""
    curvature_bound: bool = False
    """Its constant step must stay below 2/L on a loss of curvature L: one step multiplies the
    error along an eigen-direction of curvature λ by 1 − ηλ, so a larger step diverges (plain
    gradient steps). A claim that it converges for every step size is false."""
    limit_as: str = ""
    """The optimizer whose limit it shares on a least-squares problem from the same start, when
    its iterates stay in the span of the gradients as that one's do (heavy ball and Nesterov
    momentum: gradient descent's, the minimum-norm solution from zero); empty when unknown."""


OPTIMIZERS: Registry[OptimizerEntry] = Registry("optimizer")
_add = OPTIMIZERS.add

GD = _add(OptimizerEntry(
    "gd", "gradient descent", r"\theta \leftarrow \theta - \alpha \nabla f(\theta)",
    aliases=("gradient-descent", "full-batch gradient descent", "vanilla gradient descent",
             "steepest descent in the l2 norm"),
    phrases=(r"\b(?:full[- ]batch |plain |vanilla |ordinary |standard )?gradient[- ]descent\b",
             r"\bgd\b"),
    torch="SGD", tuned_rate_on="strongly convex", curvature_bound=True))
SGD = _add(OptimizerEntry(
    "sgd", "stochastic gradient descent", r"\theta \leftarrow \theta - \alpha \nabla f_i(\theta)",
    aliases=("stochastic-gradient-descent", "vanilla sgd"),
    phrases=(r"\bsgd\b(?! with momentum)", r"\bstochastic gradient descent"),
    relations=(Relation("same-update", "gd", "the same step on a stochastic gradient"),),
    torch="SGD", curvature_bound=True))
NORMALIZED_GD = _add(OptimizerEntry(
    "normalized-gd", "normalized gradient descent",
    r"\theta \leftarrow \theta - \eta\, g / \|g\|_2",
    aliases=("normalised gradient descent", "normalized-gradient-descent", "ngd"),
    phrases=(r"\bnormali[sz]ed (?:gradient descent|gd|sgd)\b",), needs_decay=True))
SIGN_GD = _add(OptimizerEntry(
    "sign-gd", "sign gradient descent", r"\theta \leftarrow \theta - \eta\,\operatorname{sign}(g)",
    aliases=("signsgd", "signgd", "sign-descent", "sign descent", "sign-sgd",
             "signed gradient descent"),
    phrases=(r"\bsign[- ]?sgd\b", r"\bsigngd\b", r"\bsign(?:ed)? gradient descent",
             r"\bsign[- ]descent", r"\bsign[- ]based (?:gradient )?descent"),
    needs_decay=True, coordinatewise=True,
    relations=(Relation("special-case", "adam",
                        r"Adam with $\beta_1 = \beta_2 = 0$ and $\epsilon = 0$",
                        without=(r"momentum|first[- ]moment|averag|moving[- ]averag|emas?\b",
                                 r"averag|second[- ]moment|moving[- ]averag|emas?\b")),
               Relation("constrained-form", "linf", r"the $\ell_\infty$-ball constrained step"))))
SIGNUM = _add(OptimizerEntry(
    "signum", "sign momentum (Signum)", aliases=("sign-momentum", "sign momentum"),
    phrases=(r"\bsignum\b", r"\bsign momentum\b"),
    relations=(Relation("applied-to-momentum", "sign-gd", "the sign of a momentum buffer"),)))
COORDINATE_DESCENT = _add(OptimizerEntry(
    "coordinate-descent", "greedy coordinate descent",
    aliases=("greedy-coordinate-descent", "gauss-southwell", "gauss southwell"),
    phrases=(r"\b(?:greedy )?coordinate descent\b", r"\bgauss[- ]southwell\b")))
LP_DESCENT = _add(OptimizerEntry(
    "lp-descent", "steepest descent in the l_p norm",
    aliases=("lp steepest descent", "l_p steepest descent"),
    phrases=(r"\bsteepest descent in (?:the )?l_?p\b",), named=False))
DIAG_PRECONDITIONED = _add(OptimizerEntry(
    "diag-preconditioned-gd", "diagonally preconditioned gradient descent",
    aliases=("diagonal preconditioning", "diagonally-preconditioned-gd",
             "diagonally preconditioned gd", "diagonally preconditioned sgd"),
    phrases=(r"\bdiagonal(?:ly)? precondition\w*",), named=False))
PRECONDITIONED = _add(OptimizerEntry(
    "preconditioned", "preconditioned (Newton-like) gradient descent",
    aliases=("preconditioned gradient descent", "preconditioned-gd", "newton-like"),
    phrases=(r"\bpreconditioned(?: gradient descent| gd)?\b", r"\bpreconditioner\b"), named=False))
ORTHOGONALIZED = _add(OptimizerEntry(
    "orthogonalized-gd", "orthogonalised gradient descent",
    aliases=("orthogonalized gradient descent", "orthogonalised-gd", "spectral descent",
             "spectral gradient descent"),
    phrases=(r"\borthogonali[sz]ed (?:gradient descent|update|gd)\b",
             r"\bspectral (?:gradient )?descent\b"),
    relations=(Relation("reduces-to", "muon",
                        "Muon is the constraint form of the spectral step applied to a momentum "
                        r"buffer, with $UV^\top$ approximated by Newton-Schulz iterations"),
               Relation("special-case", "shampoo",
                        r"Shampoo on the current gradient alone, $(GG^\top)^{-1/4} G "
                        r"(G^\top G)^{-1/4} = UV^\top$, without accumulating its preconditioners",
                        without=(r"accumulat",)))))
MUON = _add(OptimizerEntry(
    "muon", "Muon", phrases=(r"\bmuon\b",),
    relations=(Relation("constrained-form", "spectral",
                        "the spectral-norm constrained step on a momentum buffer with "
                        "Newton-Schulz orthogonalisation"),)))
TOP_SINGULAR = _add(OptimizerEntry(
    "top-singular", "rank-one top-singular-pair update",
    aliases=("rank-one update", "top singular pair"),
    phrases=(r"\brank[- ]one (?:top[- ]singular|update)",), named=False))
HEAVY_BALL = _add(OptimizerEntry(
    "heavy-ball", "heavy-ball (Polyak) momentum",
    r"\theta_{k+1} = \theta_k - \alpha \nabla f(\theta_k) + \beta(\theta_k - \theta_{k-1})",
    aliases=("polyak", "momentum", "polyak momentum", "heavy ball", "heavy-ball momentum",
             "sgd with momentum", "gradient descent with momentum"),
    phrases=(r"\bheavy[- ]ball(?: momentum)?", r"\bpolyak(?:'s)?(?: momentum)?",
             r"\b(?:sgd|gradient descent|gd) with momentum", r"\bmomentum\b"),
    torch="SGD", tuned_rate_on="quadratics", limit_as="gd"))
NESTEROV = _add(OptimizerEntry(
    "nesterov", "Nesterov momentum",
    aliases=("nag", "nesterov accelerated gradient", "nesterov momentum"),
    phrases=(r"\bnesterov(?:'s)?(?: momentum| accelerated gradient| acceleration)?", r"\bnag\b"),
    torch="SGD", limit_as="gd"))
RESCALED_SGD = _add(OptimizerEntry(
    "rescaled-sgd", "SGD on rescaled features",
    aliases=("rescaled sgd", "feature rescaling", "SGD on rescaled features, mapped back"),
    phrases=(r"\brescal\w* (?:the |every |each |all )?(?:input )?features?",
             r"\b(?:standardi[sz]|normali[sz])\w* (?:the |every |each |all )?(?:input )?features?",
             r"\b(?:rescal|normali[sz]|standardi[sz])\w*(?: features?)?(?: ?\+ ?|[- ]then[- ]| and | ?→ ?"
             r"| ?-> ?)(?:sgd|gd)\b",
             r"\brescaled (?:sgd|gd)\b",
             r"\b(?:rescal|normali[sz]|standardi[sz])\w* (?:the |every |each |all )?(?:input )?"
             r"(?:inputs?|features?),? (?:and )?then (?:run |apply |use )?(?:sgd|gd)\b"), named=False))
EPOCHWISE = _add(OptimizerEntry(
    "epochwise-adaptive", "SGD with epoch-wise diagonal (Adam-like) scaling",
    aliases=("epochwise", "epoch-wise adaptive", "simplified adam",
             "epoch-wise diagonally scaled method", "epoch-wise diagonal (Adam-like) method"),
    phrases=(r"\bsimplified adam\b", r"\badam[- ](?:like|style|type)\b"), named=False,
    needs_decay=True))
ADAM = _add(OptimizerEntry(
    "adam", "Adam", aliases=("torch-adam",),
    phrases=(r"\badam\b(?![- ](?:style|like|type)|w)",), torch="Adam", may_fail_on="convex",
    coordinatewise=True))
ADAMW = _add(OptimizerEntry(
    "adamw", "AdamW", aliases=("adam with decoupled weight decay", "torch-adamw"),
    phrases=(r"\badamw\b", r"\bdecoupled weight decay\b"), torch="AdamW", coordinatewise=True))
RMSPROP = _add(OptimizerEntry(
    "rmsprop", "RMSprop", aliases=("torch-rmsprop", "rms-prop"),
    phrases=(r"\brms[- ]?prop\b",), torch="RMSprop", may_fail_on="convex", coordinatewise=True,
    relations=(Relation("special-case", "adam", r"Adam with $\beta_1 = 0$, without bias "
                                                 "correction"),)))
ADAGRAD = _add(OptimizerEntry(
    "adagrad", "AdaGrad", aliases=("torch-adagrad",), phrases=(r"\badagrad\b",),
    torch="Adagrad", coordinatewise=True))
AMSGRAD = _add(OptimizerEntry("amsgrad", "AMSGrad", phrases=(r"\bamsgrad\b",)))
LION = _add(OptimizerEntry("lion", "Lion", phrases=(r"\blion\b",)))
SHAMPOO = _add(OptimizerEntry("shampoo", "Shampoo", phrases=(r"\bshampoo\b",)))
ADAFACTOR = _add(OptimizerEntry("adafactor", "Adafactor", phrases=(r"\badafactor\b",)))
LARS = _add(OptimizerEntry(
    "lars", "LARS", aliases=("layer-wise adaptive rate scaling",),
    phrases=(r"\blars\b", r"\blayer[- ]?wise adaptive rate scaling\b")))
LAMB = _add(OptimizerEntry(
    "lamb", "LAMB", aliases=("layer-wise adaptive moments",),
    phrases=(r"\blamb\b(?![- ]?da)", r"\blayer[- ]?wise adaptive moments\b")))
SIGN_ADAM = _add(OptimizerEntry("signadam", "SignAdam", phrases=(r"\bsign[- ]?adam\b",)))
RIDGE = _add(OptimizerEntry(
    "ridge", "gradient descent with weight decay",
    aliases=("tikhonov", "ridge regression", "l2-regularised least squares", "weight decay",
             "ridge regression (lambda -> 0)"),
    phrases=(r"\bridge(?: regression)?\b", r"\btikhonov\b"), named=False))
NEWTON = _add(OptimizerEntry("newton", "Newton's method", aliases=("newton-method",),
                             phrases=(r"\bnewton'?s method\b", r"\bnewton step\b",
                                      r"\b(?:diagonal |exact |damped )?newton (?:method|step|update)s?\b")))
