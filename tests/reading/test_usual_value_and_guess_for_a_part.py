"""Two kinds of numbers that are not data: the usual value named in parentheses right after the
setting a text uses instead ('eps = 0 to keep it clean (normally 1e-8)', 'β2 = 0.99 (usually
0.999)'), and the asker's guess for a part named by its label ('My guess for 3) is that …',
'my answer to (b) was 0.3 - right?'), dropped as a claim to check."""

from __future__ import annotations

import pytest

from optiproof.reading import read_report

_BASE = ("A weight starts at w_0 = 0. Adam: lr = 0.01, beta1 = 0.9, {b2}, {eps}, bias "
         "correction on. The first gradient is g_1 = 0.5.\n(a) What is w_1?\n(b) What is the "
         "first step without bias correction?\n{tail}")


@pytest.mark.parametrize("b2,eps", [
    ("beta2 = 0.999", "let's take eps = 0 to keep things simple (normally 1e-8)"),
    ("β2 = 0.99 (usually 0.999)", "ε = 1e-8"),
    ("beta2 = 0.98 (the default is 0.999)", "eps = 0"),
])
def test_usual_value_in_parentheses_is_an_aside(b2: str, eps: str):
    reading = read_report(_BASE.format(b2=b2, eps=eps, tail=""))
    assert reading.complete, reading.unread()
    assert reading.unused == [] and all(p.unused == [] for p in reading.parts)


def test_a_parenthesis_without_a_setting_before_it_is_not_an_aside():
    reading = read_report(_BASE.format(b2="beta2 = 0.999", eps="eps = 1e-8", tail="") + (
        "We also trained it for a while (normally 5).\n"))
    assert "5" in reading.unused + [u for p in reading.parts for u in p.unused]


@pytest.mark.parametrize("tail", [
    "\nMy guess for (b) is that it is about 0.05, ten times smaller... is that right?\n",
    "\nmy answer to Q2 was 3.2e-3 - correct?\n",
    "\nOur hunch on part b) is that the step is 0.1 times lr because m_1 = 0.1 g.\n",
])
def test_guess_for_a_labelled_part_is_dropped(tail: str):
    text = _BASE.format(b2="beta2 = 0.999", eps="eps = 1e-8", tail=tail)
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert all(p.unused == [] for p in reading.parts), [p.unused for p in reading.parts]
    assert any("attempt" in x for x in reading.removed)
