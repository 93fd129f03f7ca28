"""Every quantity a family answers, on random instances (hypothesis): the exact answer and an
independent numeric computation agree.

For each family a strategy draws specs that ask every quantity the family answers. The exact
answers are compared with the witnesses run on them (the real optimizers, schedule counts,
numpy spectra and norms, convex solvers - never the solver's code) and with the family's
Measurer wherever it measures the answer; names (identifications) are checked against what
the computed step does numerically. A meta-test keeps the strategies complete: a quantity a
family declares and no strategy asks fails it.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from optiproof.catalogue import quantities as Q
from optiproof.core.options import SolveOptions
from optiproof.families import FAMILIES
from optiproof.families.base import NotMeasurable
from optiproof.families.derived import Solved
from optiproof.families.problem import make_problem
from optiproof.pipeline import solve_part

SETTINGS = settings(max_examples=4, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
small = st.integers(-3, 3)
nonzero = st.sampled_from([-3, -2, -1, 1, 2, 3])


# --------------------------------------------------------------------------- strategies

@st.composite
def steepest_descent(draw):
    """A numeric gradient, an l_p-family norm, and every ask of the family."""
    norm = draw(st.sampled_from(["l1", "l2", "linf", {"name": "lp", "p": 3}]))
    form = draw(st.sampled_from(["penalty-squared", "constraint"]))
    grad = [draw(nonzero) for _ in range(draw(st.integers(2, 4)))]
    weight = draw(st.sampled_from([0.5, 1.25, 2]))
    asks = ["update", "identification", "min-value", "dual-norm", "holder-conjugate",
            {"kind": "step-length", "measure": "l2"}, {"kind": "compare", "other": "l2"},
            "model-decrease"]
    if norm in ("l2", "linf") and form == "penalty-squared":
        asks.append("effective-step")
    return {"family": "steepest-descent", "norm": norm, "form": form, "gradient": grad,
            "alpha": weight, "eta": weight, "asks": asks}


@st.composite
def steepest_threshold(draw):
    """The plain-norm penalty, whose asks include the threshold on alpha."""
    grad = [draw(nonzero) for _ in range(3)]
    return {"family": "steepest-descent", "norm": draw(st.sampled_from(["l1", "l2"])),
            "form": "penalty", "gradient": grad, "alpha": 0.05,
            "asks": ["update", "threshold", "uniqueness"]}


@st.composite
def steepest_l1_coordinate(draw):
    """The l1 ball with one largest |g_i|, whose step moves that one coordinate."""
    grad = [draw(st.sampled_from([-1, 1])) for _ in range(3)]
    grad[draw(st.integers(0, 2))] = draw(st.sampled_from([-3, 3]))
    return {"family": "steepest-descent", "norm": "l1", "form": "constraint", "gradient": grad,
            "eta": 0.5, "asks": ["update", "which-coordinate", "coordinates-moved",
                      "uniqueness"]}


@st.composite
def steepest_matrix_rank(draw):
    """A diagonal matrix gradient with distinct entries under the nuclear norm: a rank-1 step,
    and the gradient's singular values."""
    a, b = draw(st.sampled_from([(3, 1), (2, -1), (-4, 2)]))
    return {"family": "steepest-descent", "norm": "nuclear", "form": "penalty-squared",
            "gradient": [[a, 0], [0, b]], "alpha": 0.5,
            "asks": ["update", "rank", "singular-values"]}


@st.composite
def steepest_spectral(draw):
    """A matrix gradient under the squared spectral-norm penalty: its orthogonalised gradient,
    the step as a multiple of it, the effective learning rate, existence, the first-order change,
    the dual norm by name and which of two norms decreases the model most."""
    a, b = draw(st.sampled_from([(3, 1), (2, -1), (-4, 2)]))
    return {"family": "steepest-descent", "norm": "spectral", "form": "penalty-squared",
            "gradient": [[a, 0], [0, b], [1, 1]], "alpha": 0.5,
            "asks": ["update", "orthogonalised-gradient", "multiple-of-polar", "existence", "linear-change", "which-norm",
                     {"kind": "which-solution", "among": ["spectral", "frobenius"],
                      "largest": True}]}


@st.composite
def implicit_bias(draw):
    """An underdetermined full-row-rank system and a momentum method at its optimal beta."""
    d = draw(st.integers(2, 4))
    a = [draw(nonzero)] + [draw(small) for _ in range(d - 1)]
    return {"family": "implicit-bias", "a": a, "b": draw(nonzero),
            "theta0": [draw(small) for _ in range(d)],
            "method": {"name": draw(st.sampled_from(["heavy-ball", "nesterov"])),
                       "beta": "optimal"},
            "asks": ["limit", "min-norm-solution", "is-min-norm", "optimal-momentum",
                     "optimal-rate", "distance-to-min-norm", "changes", "norm-value",
                     "which-norm"]}


@st.composite
def implicit_ridge(draw):
    """Weight decay on a random system: the limit and its lambda -> 0 limit."""
    d = draw(st.integers(2, 4))
    return {"family": "implicit-bias", "a": [draw(nonzero) for _ in range(d)],
            "b": draw(nonzero), "method": {"name": "ridge", "lam": draw(
                st.sampled_from([0.1, 1, 3]))}, "asks": ["limit", "ridgeless-limit"]}


@st.composite
def implicit_sign_steps(draw):
    """Constant-step sign descent on one sample whose residual is a whole number of steps:
    how many steps until the loss is exactly 0, and where it stops."""
    a = draw(st.sampled_from([[2, 1], [1, 1, 2], [1, -2]]))
    lr = draw(st.sampled_from([0.5, 0.25]))
    steps = draw(st.integers(1, 5))
    return {"family": "implicit-bias", "a": a, "b": steps * lr * sum(map(abs, a)),
            "theta0": [0] * len(a), "method": {"name": "sign-gd", "lr0": lr, "schedule": "constant"},
            "asks": ["iterations", "limit"]}


@st.composite
def implicit_max_step(draw):
    """Gradient descent on a random full-row-rank least-squares system: the largest constant
    step at which it converges, whether it converges at a drawn trial step, and the limit."""
    u, v = draw(st.integers(-2, 2)), draw(st.integers(1, 3))
    return {"family": "implicit-bias", "X": [[1, u, 0], [0, v, 1]],
            "y": [draw(nonzero), draw(nonzero)], "theta0": [0, 0, 0],
            "method": {"name": "gd"}, "asks": ["max-step", "converges", "limit"],
            "trial_steps": [draw(st.sampled_from([0.01, 0.05, 0.1, 2, 5]))]}


@st.composite
def implicit_preconditioned(draw):
    """Preconditioned GD with a random positive diagonal P: the limit and the P it is."""
    d = draw(st.integers(2, 4))
    return {"family": "implicit-bias", "a": [draw(nonzero) for _ in range(d)],
            "b": draw(nonzero), "theta0": [0] * d,
            "method": {"name": "preconditioned",
                       "P": [draw(st.sampled_from([1, 2, 4, 5])) for _ in range(d)]},
            "asks": ["limit", "preconditioner"]}


@st.composite
def communication(draw):
    """Numeric n, p and two schemes, every cost and the identification."""
    n = draw(st.sampled_from([2, 4, 8]))
    schemes = draw(st.lists(st.sampled_from(["ring", "tree", "all-to-all", "parameter-server",
                                             "recursive-doubling", "rabenseifner"]),
                            min_size=1, max_size=2, unique=True))
    return {"family": "communication", "n": n, "p": n * draw(st.integers(1, 6)),
            "schemes": schemes, "alpha": draw(st.sampled_from([0.001, 2])),
            "bandwidth": draw(st.sampled_from([1, 1000])),
            "quantities": ["messages", "message-size", "message-bytes", "total-volume",
                           "busiest-sent", "busiest-received", "busiest-bytes-sent",
                           "busiest-bytes-received", "rounds", "time",
                           "bandwidth-ratio", "identification"]}


@st.composite
def communication_nodes(draw):
    """What one worker and one server send and receive, in values and in bytes."""
    n = draw(st.sampled_from([2, 4, 8]))
    return {"family": "communication", "n": n, "p": n * draw(st.integers(1, 6)),
            "schemes": ["parameter-server", "ring"], "alpha": 0.001, "bandwidth": 1000,
            "quantities": ["values-sent", "values-received", "sent-plus-received", "bytes-sent",
                           "bytes-received", "bytes-sent-plus-received", "total-bytes",
                           "server-values-sent", "server-values-received",
                           "server-sent-plus-received", "server-bytes-sent",
                           "server-bytes-received", "server-bytes-sent-plus-received",
                           "messages-per-worker", "busiest-traffic", "latency-time", "faster",
                           "holds-sum", "gradient-bytes"]}


@st.composite
def quadratic(draw):
    """A diagonal spectrum, a method, the step and momentum questions."""
    eigs = sorted({draw(st.integers(1, 12)) for _ in range(draw(st.integers(2, 3)))} | {1})
    method = draw(st.sampled_from(["gd", "heavy-ball", "nesterov"]))
    asks = ["max-step", "optimal-step", "optimal-rate", "condition-number", "iteration-matrix"]
    if method != "gd":
        asks.append("optimal-momentum")
    return {"family": "quadratic-dynamics", "eigenvalues": eigs, "method": method,
            "asks": asks}


@st.composite
def quadratic_given_step(draw):
    """A given step and momentum: rate, regime, iterations, zero curvature, PyTorch."""
    L = draw(st.integers(2, 10))
    return {"family": "quadratic-dynamics", "H": [[L, 0, 0], [0, 1, 0], [0, 0, 0]],
            "method": "heavy-ball", "alpha": round(draw(st.floats(0.2, 1.5)) / L, 4),
            "beta": draw(st.sampled_from([0.3, 0.6])), "epsilon": 1e-4,
            "asks": ["rate", "regime", "iterations", "zero-curvature", "pytorch",
                     "effective-step", "strong-convexity-constant"]}


@st.composite
def quadratic_function(draw):
    """A function written out: its Hessian, eigenvalues, minimiser, convergence and the slowest
    direction at a step (a trace of at most 18 never ties two directions at these steps), and
    the first iterates from a start, with the function's value at the last one."""
    a, d = draw(st.integers(2, 9)), draw(st.integers(2, 9))
    c = draw(st.integers(-1, 1))
    b1, b2 = draw(st.integers(-3, 3)), draw(st.integers(-3, 3))
    return {"family": "quadratic-dynamics", "H": [[a, c], [c, d]], "b": [b1, b2],
            "function": f"{a}/2*x^2 + ({c})*x*y + {d}/2*y^2 - ({b1})*x - ({b2})*y",
            "variables": ["x", "y"], "method": "gd",
            "alpha": draw(st.sampled_from([0.05, 0.1, 0.3])),  # never on |1 - αλ| = 1
            "theta0": [draw(st.integers(-2, 2)), draw(st.integers(-2, 2))],
            "steps": (steps := sorted({draw(st.integers(1, 6)) for _ in range(2)})),
            "value_steps": steps[-1:],
            "asks": ["hessian", "eigenvalues", "objective-minimiser", "converges", "theta-t",
                     "value-t", "smoothness-constant", "strong-convexity-constant",
                     "slowest-direction"]}


@st.composite
def adam(draw):
    """Given gradients, a start, numeric hyper-parameters, and every ask of the family but the
    corrected moments (asked by the strategies below: beside the weight-decay comparison they
    are refused, since L2 and AdamW feed Adam different gradients)."""
    d = draw(st.integers(1, 3))
    grads = [[draw(nonzero) * draw(st.sampled_from([0.1, 1, 10])) for _ in range(d)]
             for _ in range(draw(st.integers(1, 3)))]
    return {"family": "adam-mechanics", "alpha": draw(st.sampled_from([0.001, 0.1])),
            "beta1": draw(st.sampled_from([0, 0.5, 0.9])),
            "beta2": draw(st.sampled_from([0.5, 0.999])), "lam": 0.1, "c": 5, "t": 3,
            "gradients": grads, "gradient": grads[0], "theta0": [draw(small) for _ in range(d)],
            "asks": ["update-rule", "bias-correction", "first-step", "loss-scaling",
                     "sign-limit", "step-bound", "weight-decay", "theta-t", "last-step",
                     "bias-factors", "step-no-bias-correction",
                     "sgd-loss-scaling", "equivalent-eps"]}


@st.composite
def adam_constant(draw):
    """A constant gradient written as a symbol: its corrected moments in t and the step's
    limit; the method of the first step."""
    return {"family": "adam-mechanics", "alpha": draw(st.sampled_from([0.001, 0.1])),
            "beta1": draw(st.sampled_from([0, 0.5, 0.9])),
            "beta2": draw(st.sampled_from([0.5, 0.999])), "eps": 0, "constant": True,
            "asks": ["m-hat", "v-hat", "step-limit", "first-step", "identification"]}


@st.composite
def adam_loss(draw):
    """A run on a polynomial loss of one parameter, its gradients taken at each iterate."""
    return {"family": "adam-mechanics", "alpha": draw(st.sampled_from([0.01, 0.1])),
            "beta1": draw(st.sampled_from([0, 0.9])), "beta2": 0.999, "eps": 0,
            "loss": [0, draw(st.integers(-2, 2)), draw(st.integers(1, 3))], "theta0": 1,
            "t": draw(st.integers(1, 3)),
            "asks": ["theta-t", "gradient-t", "m-hat", "v-hat", "last-step"]}


@st.composite
def adam_l2_run(draw):
    """A run of Adam with an L2 penalty inside on given gradients: the gradient it is fed, the
    iterate, the last step and the corrected moments."""
    nonzero = st.sampled_from([-2, -0.5, 0.25, 1, 3])
    d = draw(st.integers(1, 3))
    return {"family": "adam-mechanics", "alpha": draw(st.sampled_from([0.01, 0.1])),
            "beta1": draw(st.sampled_from([0, 0.9])), "beta2": 0.999, "eps": 0,
            "lam": draw(st.sampled_from([0.01, 0.1])), "decay": "penalty",
            "theta0": [draw(nonzero) for _ in range(d)],
            "gradients": [[draw(nonzero) for _ in range(d)]
                          for _ in range(draw(st.integers(1, 3)))],
            "asks": ["effective-gradient", "theta-t", "last-step", "m-hat", "v-hat"]}


@st.composite
def derived(draw):
    """Two collectives' costs and every derived quantity between them."""
    n = draw(st.sampled_from([4, 8]))
    return {"family": "communication", "n": n, "p": n * draw(st.integers(1, 5)),
            "alpha": "alpha", "bandwidth": draw(st.sampled_from([1, 100])),
            "schemes": ["ring", "tree"], "quantities": ["time", "busiest-sent",
                                                        "busiest-received"],
            "derived": [{"kind": "ratio", "of": "time[tree]", "to": "time[ring]"},
                        {"kind": "speedup", "of": "time[ring]", "to": "time[tree]"},
                        {"kind": "difference", "of": "time[tree]", "to": "time[ring]"},
                        {"kind": "sum", "of": "busiest-sent[ring]",
                         "to": "busiest-received[ring]"},
                        {"kind": "distance", "of": "busiest-sent[tree]",
                         "to": "busiest-sent[ring]", "norm": "l1"},
                        {"kind": "norm-of", "of": "time[ring]", "label": "|T_ring|"},
                        {"kind": "ratio", "of": {"quantity": "norm-of", "name": "|T_ring|"},
                         "to": "time[tree]"},
                        {"kind": "crossover", "of": "time[tree]", "to": "time[ring]",
                         "solve_for": "alpha"},
                        {"kind": "depends-on", "of": "time[ring]", "parameter": "alpha"},
                        {"kind": "same-as", "of": "time[tree]", "to": "time[tree]"},
                        {"kind": "differs", "of": "time[tree]", "to": "time[ring]"},
                        {"kind": "which-of", "by": "smallest",
                         "among": ["busiest-sent[tree]", "busiest-sent[ring]"]},
                        {"kind": "value-at", "of": "time[ring]", "formula": "3*T^2 + c",
                         "variable": "T", "data": {"c": 2}},
                        {"kind": "order", "of": "busiest-sent[tree]",
                         "to": "busiest-sent[ring]"},
                        {"kind": "limit-of", "of": "time[ring]", "parameter": "alpha"}]}


STRATEGIES = {"steepest-descent": [steepest_descent, steepest_threshold, steepest_l1_coordinate,
                                   steepest_matrix_rank, steepest_spectral],
              "implicit-bias": [implicit_bias, implicit_ridge, implicit_preconditioned,
                                implicit_sign_steps, implicit_max_step],
              "communication": [communication, communication_nodes], "quadratic-dynamics": [quadratic,
                                                                       quadratic_given_step,
                                                                       quadratic_function],
              "adam-mechanics": [adam, adam_constant, adam_loss, adam_l2_run], "derived": [derived]}
"""The strategies of each family (``derived``: the quantities computed from answers)."""


# --------------------------------------------------------------------------- the checks

def _solved(data: dict, *, witnesses: bool = True) -> Solved:
    spec = make_problem({"parts": [data]}).parts[0]
    return Solved(spec, solve_part(spec, SolveOptions(figures=False, run_witnesses=witnesses)))


def _agrees_with_measurement(solved: Solved) -> list[str]:
    """Exact answers against the family's Measurer at the given numbers, where it measures."""
    family = FAMILIES[solved.spec.family]
    measurer = family.measure()(solved.spec, solved.solution)
    problems = []
    for answer in solved.solution.answers:
        if answer.value is None or isinstance(answer.value, bool):
            continue
        try:
            got = measurer.value(answer, {})
        except NotMeasurable:
            continue
        exact = np.asarray(answer.value, dtype=float).reshape(-1)
        measured = np.asarray(got.value, dtype=float).reshape(-1)
        err = float(np.max(np.abs(exact - measured)))
        if err > got.accuracy + 1e-12 * (1 + float(np.max(np.abs(exact)))):
            problems.append(f"{answer.name}: exact {exact}, measured {measured}")
    return problems


def _identification_matches_the_step(solved: Solved) -> list[str]:
    """The named optimizer's rule, applied to the gradient in numpy, is the computed step."""
    spec = solved.spec
    if spec.family != "steepest-descent" or not solved.solution.identifications:
        return []
    g = np.array([float(v) for v in spec.gradient])
    u = np.array(next(a for a in solved.solution.answers if a.quantity == Q.UPDATE.key).value)
    key = solved.solution.identifications[0].expr.key
    direction = {"gd": -g, "normalized-gd": -g, "sign-gd": -np.sign(g)}.get(key)
    if key == "coordinate-descent":
        return [] if np.count_nonzero(u) == 1 else [f"{key}: {u} moves several coordinates"]
    if key == "lp-descent":
        direction = -np.sign(g) * np.abs(g) ** (1 / (3 - 1))  # q - 1 = 1/2 for p = 3
    scale = float(u @ direction) / float(direction @ direction)
    return [] if np.allclose(u, scale * direction, atol=1e-12) and scale > 0 else [
        f"{key}: the step {u} is not along {direction}"]


def _check_random_instance(data: dict) -> None:
    solved = _solved(data)
    part = solved.solution
    report = [(c.method, c.status, c.detail[:200]) for c in part.checks]
    assert part.verified and not any(c.status == "failed" for c in part.checks), report
    problems = _agrees_with_measurement(solved) + _identification_matches_the_step(solved)
    assert not problems, problems


@pytest.mark.parametrize("strategy", [s for group in STRATEGIES.values() for s in group],
                         ids=lambda s: s.__name__)
def test_exact_answers_agree_with_independent_numbers_on_random_instances(strategy):
    @SETTINGS
    @given(strategy())
    def check(data: dict) -> None:
        _check_random_instance(data)

    check()


BRANCHES = {quadratic: lambda d: d["method"] == "heavy-ball",
            steepest_descent: lambda d: d["norm"] == "linf" and d["form"] == "penalty-squared"}
"""Which example of a strategy the meta-test solves (the simplest one otherwise)."""


def test_the_strategies_ask_every_quantity_each_family_answers():
    """Every quantity a family declares is asked, or carried by an answer, in an example."""
    for key, family in FAMILIES.items():
        seen: set[str] = set()
        for strategy in STRATEGIES[key]:
            example = find(strategy(), BRANCHES.get(strategy, lambda d: True),
                           settings=settings(database=None))
            part = _solved(example, witnesses=False).solution
            seen |= set(part.asked) | {a.quantity for a in [*part.answers,
                                                            *part.identifications]}
        missing = {q.key for q in family.answers} - seen
        assert not missing, (key, sorted(missing))
    example = find(derived(), lambda d: True, settings=settings(database=None))
    assert {q.key for q in Q.DERIVED} <= set(_solved(example, witnesses=False).solution.asked)


def test_a_wrong_exact_answer_is_caught_by_the_same_comparison():
    """The comparison can fail: a step scaled by 2 disagrees with the measurement."""
    solved = _solved({"family": "steepest-descent", "norm": "l2", "gradient": [3, -1, 2],
                      "alpha": 0.5}, witnesses=False)
    update = solved.solution.answers[0]
    solved.solution.answers[0] = type(update)(**{**vars(update), "expr": 2 * update.expr})
    assert _agrees_with_measurement(solved)
