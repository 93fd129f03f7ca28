"""A method the problem defines itself (no one catalogue name in the verified part): a plain
statement that it *is* a named optimizer ("O is just AdaGrad") is compared with what the
verified part knows of it (its subject, and what its derivation says it is), and a name outside
that is over-reach. The same names in likenesses, contrasts, hypotheticals and offers, or the
name the derivation itself gives, are no finding."""

from __future__ import annotations

import pytest
from conftest import finding_kinds, graded_part

OC = "src/optiproof/problems/texts/optimizer-convergence.txt"
_LIMIT = "(b) The iterates of O approach θ = (100/111)(1, 1, 1) ≈ (0.9009, 0.9009, 0.9009). "


@pytest.mark.parametrize("text, over_reach", [
    (_LIMIT + "Method O is just AdaGrad, run until the residual vanishes.", True),
    (_LIMIT + "Here O is nothing but RMSprop with a decaying step.", True),
    (_LIMIT + "In other words, the method is literally normalized gradient descent.", True),
    (_LIMIT + "Seen this way, O is precisely Adam with its first moment switched off.", True),
    (_LIMIT + "\n\nO resembles AdaGrad, but it rebuilds M from scratch at every epoch.", False),
    (_LIMIT + "\n\nWith a single example per epoch, O is exactly sign descent, which is why it "
     "moves along sign(a).", False),
    (_LIMIT + "\n\nUnlike Adam or AdaGrad, O forgets all past gradients when an epoch ends.",
     False),
    (_LIMIT + "\n\nAdaGrad would instead keep accumulating squared gradients over all steps.",
     False),
    (_LIMIT + "\n\nWould you like me to work out where AdaGrad itself ends up?", False),
    (_LIMIT + "\n\nIt is not AdaGrad: nothing accumulates across epochs.", False),
])
def test_naming_the_problems_own_method_as_another_optimizer_is_over_reach(solved, text,
                                                                         over_reach):
    part = graded_part(solved, OC, text + "\n", "b")
    if over_reach:
        assert part.verdict == "incorrect", part.findings
        assert "over-reach" in finding_kinds(part), part.findings
    else:
        assert part.verdict == "correct", part.findings
