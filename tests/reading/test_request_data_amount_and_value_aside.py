"""Two things a forum post does around its questions.

An amount of data asked with its unit in parentheses ("How much data (GB) does the server
receive per iteration?", "how much traffic (in MB) does each GPU send?") asks the bytes that node
receives (sends), whatever unit is named; the server's answer is checked against n·p·(bytes per
value), computed here.

An aside after a request that offers the asker's own number ("(I got 9.6 GB but that seems like
it ignores the n-1 thing?)") is the asker's claim: set aside and shown, neither a further
question nor data. The same words with no request before them are not set aside."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_PS = ("{n} GPUs train a model with {p} parameters, gradients in fp32 (4 bytes each). "
       "Every GPU pushes its full gradient to a single parameter server each iteration.\n\n"
       "1. {ask}\n")


@pytest.mark.parametrize("ask", [
    "How much data (GB) does the server receive per iteration?",
    "how much data (in MB) does the parameter server receive?",
    "How much traffic (bytes) will the server actually receive each step?",
])
@pytest.mark.parametrize("n, p", [(8, 1200), (5, 10**6)])
def test_the_data_a_server_receives_in_a_named_unit(ask, n, p):
    reading = read_report(_PS.format(n=n, p=p, ask=ask))
    assert reading.complete, "\n".join(reading.unread())
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    (answer,) = [a for part in data["parts"] for a in part["answers"]
                 if a["quantity"] == "server-bytes-received"]
    assert answer["value"] == n * p * 4


@pytest.mark.parametrize("ask", [
    "how much data (GB) does each GPU send per iteration?",
    "How much traffic (in MB) will one worker push per step?",
])
def test_the_data_one_node_sends_in_a_named_unit(ask):
    reading = read_report(_PS.format(n=8, p=1000, ask=ask))
    assert reading.complete, "\n".join(reading.unread())
    assert reading.parts[0].value("quantities") == ["bytes-sent"]


_RING = ("setup: {n} GPUs, a model with {p} parameters, gradients in fp32 (4 bytes each). "
         "They all-reduce the gradient with a ring all-reduce.\n\n"
         "1. how many bytes does EACH gpu send per iteration? {aside}\n"
         "2. how many communication steps does the ring take in total?\n")


@pytest.mark.parametrize("aside", [
    "(I got 9.6 GB but that seems like it ignores the n-1 thing?)",
    "(I'm getting about 2.5 MB, is that right?)",
    "(my answer was 4800 bytes but my friend says otherwise?)",
])
def test_an_aside_with_the_askers_number_is_set_aside(aside):
    reading = read_report(_RING.format(n=8, p=1200, aside=aside))
    assert reading.complete, "\n".join(reading.unread())
    assert [p.value("quantities") for p in reading.parts] == [["bytes-sent"], ["rounds"]]
    assert any("own attempt" in r and aside[1:12] in r for r in reading.removed)
    data = solve_problem(reading.to_problem(), SolveOptions(figures=False)).to_dict()
    (sent,) = [a for a in data["parts"][0]["answers"] if a["quantity"] == "bytes-sent"]
    assert sent["value"] == 2 * (8 - 1) * 1200 // 8 * 4   # 2(n-1) chunks of p/n values


def test_the_same_words_before_any_request_are_not_an_attempt():
    text = ("(I got 9.6 GB of gradients per step from the profiler.)\n\n" +
            _RING.format(n=8, p=1200, aside=""))
    reading = read_report(text)
    assert not any("9.6 GB" in r and "own attempt" in r for r in reading.removed)
