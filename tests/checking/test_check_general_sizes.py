"""General statements that relate catalogue entities by size, judged by their content: a scheme
said to send the fewest messages or move the least data (of the three), a step named by its
optimizer or its part said to be shorter or longer than another, and a general factor between
two steps' lengths. Each is compared with the verified answers; the same entities in true
statements, hedges, denials, questions and offers give no finding."""

from __future__ import annotations

import itertools

import pytest
from conftest import finding_kinds, graded_part

DT = "src/optiproof/problems/texts/distributed-training.txt"
PLI = "src/optiproof/problems/texts/penalized-linear-improvement.txt"
SD = "src/optiproof/problems/steepest-descent-numeric.yaml"

_TABLE = ("| scheme | messages | size of each message |\n|---|---|---|\n"
          "| all-to-all | n(n-1) | p |\n| parameter server | 2n | p |\n"
          "| ring all-reduce | 2n(n-1) | p/n |\n\n")

# the costs as the problem text defines the schemes (independent of the solver): every worker
# to every other; n up and n down through the server; 2(n-1) rounds of n chunks of size p/n
_MESSAGES = {"all-to-all": lambda n: n * (n - 1), "the parameter server": lambda n: 2 * n,
             "ring all-reduce": lambda n: 2 * n * (n - 1)}
_SIZE = {"all-to-all": lambda n, p: p, "the parameter server": lambda n, p: p,
         "ring all-reduce": lambda n, p: p / n}


def _cost(scheme: str, what: str, n: int) -> float:
    count = _MESSAGES[scheme](n)
    return count if what == "messages" else count * _SIZE[scheme](n, 60 * n)


def _superlative_is_false(scheme: str, low: bool, what: str, always: bool) -> bool:
    """At no worker count n is the scheme's cost the lowest (highest); with "always", at
    some n another's is strictly lower (higher)."""
    beaten = []
    for n in range(2, 17):
        mine = _cost(scheme, what, n)
        beaten.append(any((_cost(o, what, n) < mine) if low else (_cost(o, what, n) > mine)
                          for o in _MESSAGES if o != scheme))
    return any(beaten) if always else all(beaten)


_SAID = {("messages", True): "sends the fewest messages", ("messages", False):
         "sends the most messages", ("data", True): "moves the least data in total",
         ("data", False): "moves the most data in total"}


@pytest.mark.parametrize("scheme, what, low, always", list(itertools.product(
    sorted(_MESSAGES), ("messages", "data"), (True, False), (True, False))))
def test_a_superlative_over_the_schemes_is_false_exactly_when_the_costs_refute_it(
        solved, scheme, what, low, always):
    sentence = (f"Of the three schemes, {scheme} {'always ' if always else ''}"
                f"{_SAID[what, low]}.")
    part = graded_part(solved, DT, _TABLE + sentence[0].upper() + sentence[1:] + "\n", "main")
    assert ("false-claim" in finding_kinds(part)) is _superlative_is_false(
        scheme, low, what, always), (sentence, part.findings)


@pytest.mark.parametrize("sentence", [
    "The server itself is the busiest node: it handles the most data per step.",
    "Per worker, the parameter server's central machine receives the most messages.",
    "Would you like me to work out which scheme sends the fewest messages for n = 8?",
    "At most 2n messages ever pass through the parameter server.",
    "Ring all-reduce is usually preferred because it moves the least data through any "
    "single link.",
])
def test_superlatives_about_one_node_or_in_offers_are_no_finding(solved, sentence):
    part = graded_part(solved, DT, _TABLE + sentence + "\n", "main")
    assert part.verdict == "correct", (sentence, part.findings)


_PLI = ("(a) $u = -\\frac{\\alpha}{2} g$, gradient descent.\n\n"
        "(b) $u = -\\frac{\\alpha}{2}\\|g\\|_1 \\operatorname{sign}(g)$, sign descent.\n\n")
_SD_B = ("(b) $u = (-1.5, 1.5, -1.5)$, sign descent, about 2.78 times as long as the step "
         "of (a).\n")
_STEPS = {PLI: _PLI, SD: _SD_B}


@pytest.mark.parametrize("problem, sentence, false", [
    # a step named by its optimizer or its part
    (PLI, "The signSGD step is always shorter than the gradient-descent step in the Euclidean "
          "norm.", True),
    (PLI, "Whatever g is, the step of part (b) is smaller in ℓ2 length than the step of part "
          "(a).", True),
    (PLI, "So sign descent never takes a longer step than gradient descent does.", True),
    (PLI, "The sign-descent step is never shorter in Euclidean length than the gradient step of "
          "(a).", False),
    (PLI, "For this reason the step of (b) is longer than the step of (a) in the ℓ2 norm.",
     False),
    (PLI, "Whether the sign step is shorter than the gradient-descent step is worth checking.",
     False),
    (PLI, "Shall I show that the sign-descent step is longer than the gradient-descent step?",
     False),
    # a general factor between two steps' lengths, at the problem's dimension
    (SD, "In general the ℓ∞ step is √n times longer than the ℓ2 step, n being the dimension.",
     True),
    (SD, "The max-norm step is always 3 times longer than the Euclidean one.", True),
    (SD, "The ℓ2 step is always sqrt(n) times shorter than the ℓ∞ step (n = dimension).", True),
    (SD, "Here the ℓ∞ step is about 2.78 times longer than the ℓ2 step.", False),
    (SD, "In general the ℓ∞ step is at least √n times longer than the ℓ2 step (n = dimension).",
     False),
    (SD, "For a gradient with equal entries the ℓ∞ step would be √n times longer than the ℓ2 "
         "step.", False),
    (SD, "The ℓ∞ step is not √n times longer than the ℓ2 step here, n being the dimension.",
     False),
])
def test_a_comparison_of_two_steps_is_false_only_when_the_verified_steps_refute_it(
        solved, problem, sentence, false):
    part = graded_part(solved, problem, _STEPS[problem] + sentence + "\n", "b")
    if false:
        assert "false-claim" in finding_kinds(part), (sentence, part.findings)
    else:
        assert part.verdict == "correct", (sentence, part.findings)
