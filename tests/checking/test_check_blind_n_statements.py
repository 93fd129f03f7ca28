"""Planted statements of blind batch N the checker missed, each tried in phrasings of my own,
both ways:

- a start quantified by a participle ("initialised at an arbitrary point, gradient descent
  reaches the minimum-norm solution") is a start for every point, refuted as the other
  phrasings are; a start named with its condition ("started at any point of the row space")
  stays no finding;
- a rule over every norm said as a direction ("for any norm, the step still points straight
  along −g") is refuted by the verified steps of the other norms; the same words about one
  norm are no finding;
- a cost said to fade as the cluster grows ("the traffic through the server shrinks as more
  workers join") is refuted when the verified cost of that scheme grows with n; a bottleneck
  said to vanish for a scheme with no central node is no finding;
- the part's own method said plainly to be an optimizer the catalogue does not relate to it
  ("here the recursion is precisely Nesterov's method" of a heavy-ball part) is over-reach even
  where the right name stands in the heading; a contrast, or the right name, is no finding;
- two methods said to become the same under a hyper-parameter setting ("with β1 = 0, Adam with
  L2 and AdamW become the same, because …") are refuted when their verified answers still
  differ with that setting; a negation inside the reason given hedges nothing, and a setting
  of the state ("v̂ = 1") decides nothing.
"""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

OC = "src/optiproof/problems/texts/optimizer-convergence.txt"
SDN = "src/optiproof/problems/steepest-descent-numeric.yaml"
DT = "src/optiproof/problems/texts/distributed-training.txt"
QD = "src/optiproof/problems/texts/quadratic-dynamics.txt"
ADAM = "src/optiproof/problems/texts/adam-mechanics.txt"

_LIMIT_A = "(a) θ = x/‖x‖² ≈ [0.990, 0.0990, 0.00990], the minimum-norm solution. "
_STEP_A = "(a) u = (−0.75, 0.25, −0.5), optimal value −1.75. This is gradient descent.\n\n"
_TABLE = ("All-to-all sends n(n-1) messages, each of size p. The parameter server sends 2n "
          "messages of size p. Ring all-reduce sends 2n(n-1) messages of size p/n.\n")
_DECAY_E = ("(e) With L2 the decay on coordinate i is αλθ_i/(√v̂_i + ε). AdamW's decay is "
            "αλθ_i = 10⁻⁵·θ_i, the same for every weight. ")
_HEAVY_BALL = "(d) Polyak heavy ball: α* ≈ 0.2309, β* ≈ 0.2699, optimal rate ≈ 0.5195.\n"

FLAGGED = [
    # (problem, answer before the statement, part, statement, finding)
    (OC, _LIMIT_A, "a", "Plain gradient descent, initialised at an arbitrary point, always ends "
     "at the min-norm solution.", "false-claim"),
    (OC, _LIMIT_A, "a", "For least squares, SGD starting from any vector converges to the "
     "minimum-norm interpolant.", "false-claim"),
    (SDN, _STEP_A, "a", "Note that for any norm in the penalty, the best step still points "
     "straight along $-g$; the norm just rescales it.", "false-claim"),
    (SDN, _STEP_A, "a", "Whatever norm is chosen, the minimiser always lies exactly along the "
     "negative gradient.", "false-claim"),
    (DT, _TABLE, "main", "With a parameter server, the traffic through the server shrinks as "
     "more workers join.", "false-claim"),
    (DT, _TABLE, "main", "Because the uploads are spread across links, the server bottleneck "
     "simply vanishes for large numbers of workers.", "false-claim"),
    (QD, _HEAVY_BALL, "d", "Here the recursion is precisely Nesterov's accelerated gradient.",
     "over-reach"),
    (QD, _HEAVY_BALL, "d", "With the tuned constants this update is simply Nesterov momentum.",
     "over-reach"),
    (ADAM, _DECAY_E, "e", "With β_1 = 0, Adam with L2 and AdamW become the same, because the "
     "penalty is no longer averaged into m.", "false-claim"),
    (ADAM, _DECAY_E, "e", "Setting β1 = 0 makes them agree: L2-regularised Adam and AdamW are "
     "then identical.", "false-claim"),
]
CLEAN = [
    (OC, _LIMIT_A, "a", "Gradient descent started at any point of the row space ends at the "
     "minimum-norm solution."),
    (OC, _LIMIT_A, "a", "Gradient descent started at the origin ends at the minimum-norm "
     "solution."),
    (SDN, _STEP_A, "a", "With the squared Euclidean norm the step points exactly along $-g$."),
    (DT, _TABLE, "main", "In the ring all-reduce the bottleneck disappears for large n, since no "
     "node is central."),
    (QD, _HEAVY_BALL, "d", "Unlike Nesterov's accelerated gradient, the gradient is taken at the "
     "current iterate."),
    (QD, _HEAVY_BALL, "d", "With the tuned constants this update is exactly heavy-ball "
     "momentum."),
    (ADAM, _DECAY_E, "e", "With v̂ = 1 and ε = 0, Adam with L2 and AdamW are identical."),
    (ADAM, _DECAY_E, "e", "For plain SGD, L2 regularisation and decoupled weight decay are the "
     "same, because SGD does not rescale the gradient."),
]


@pytest.mark.parametrize("problem, answer, label, statement, kind", FLAGGED)
def test_the_statement_is_reported(solved, problem, answer, label, statement, kind):
    part = graded_part(solved, problem, answer + statement + "\n", label)
    assert kind in finding_kinds(part), part.findings


@pytest.mark.parametrize("problem, answer, label, statement", CLEAN)
def test_the_statement_is_no_finding(solved, problem, answer, label, statement):
    part = graded_part(solved, problem, answer + statement + "\n", label)
    assert part.verdict == "correct" and not part.findings, part.findings
