"""Sizes asked by their unit ("total GB sent", "how many MB does the server send"), each in the
unit its own ask names; a unit defined in words ("counting GB as 10^9 bytes"); "param server";
a ratio whose first operand is "this" (the part's own answer); and a ratio the part cannot
read stays refused even when the part also asks a size in a unit."""

from __future__ import annotations

import pytest

from optiproof.core.options import SolveOptions
from optiproof.pipeline import solve_problem
from optiproof.reading import read_report

_SETUP = ("Eight GPUs (n = 8) train a model with p = 2 x 10^7 parameters, gradients in fp32 "
          "(4 bytes each){unit}.\n"
          "Schemes: all-to-all, a parameter server (an extra machine), and ring all-reduce.\n\n")


def _answers(text: str) -> dict[str, dict[str, float]]:
    reading = read_report(text)
    assert reading.complete, reading.unread()
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    reading.attach(solution)
    data = solution.to_dict()
    assert all(p["verified"] for p in data["parts"]), [p["label"] for p in data["parts"]]
    return {p["label"]: {a["name"]: a["value"] for a in p["answers"]} for p in data["parts"]}


@pytest.mark.parametrize("unit", ["", ", counting GB as 10^9 bytes", "; a GB is 10^9 bytes"])
@pytest.mark.parametrize("ask", [
    "(a) For the ring: total GB sent over all GPUs, and how much each GPU sends (in MB)?",
    "(a) Ring all-reduce: give the total GB sent summed over the GPUs, and how many MB each GPU "
    "sends.",
])
def test_each_size_takes_the_unit_its_own_ask_names(unit: str, ask: str) -> None:
    got = _answers(_SETUP.format(unit=unit) + ask + "\n")["a"]
    values = sorted(v for k, v in got.items() if " in " in k)
    # total 2(n-1)p * 4 bytes = 1.12 GB; per GPU 2(n-1)/n p * 4 bytes = 140 MB
    assert values == pytest.approx([1.12, 140.0])


@pytest.mark.parametrize("ask", [
    "(b) param server: how many messages and total GB?",
    "(b) For the param-server, the number of messages and the total GB sent.",
])
def test_param_server_is_the_parameter_server(ask: str) -> None:
    text = _SETUP.format(unit="") + "(a) all-to-all: how many messages?\n" + ask + "\n"
    reading = read_report(text)
    assert reading.complete, reading.unread()
    assert reading.parts[1].value("schemes") == ["parameter-server"]
    got = _answers(text)["b"]
    assert 2 * 8 * 2e7 * 4 / 1e9 in got.values()   # 1.28 GB


@pytest.mark.parametrize("ratio", [
    "What is the ratio between this and your answer to (a)?",
    "Give the ratio between this value and your answer to (a).",
])
def test_this_is_the_parts_own_answer(ratio: str) -> None:
    text = (_SETUP.format(unit="") +
            "(a) How many bytes (in MB) does each GPU send in one ring all-reduce?\n"
            f"(b) How many MB does the parameter server send per step? {ratio}\n")
    got = _answers(text)["b"]
    # server sends n p 4 bytes = 640 MB; a ring GPU 2(n-1)/n p 4 bytes = 140 MB
    assert 640.0 in got.values()
    assert any(v == pytest.approx(640 / 140) for v in got.values())


def test_an_unread_ratio_is_not_covered_by_a_size_in_a_unit() -> None:
    text = (_SETUP.format(unit="") +
            "(a) How many bytes (in MB) does each GPU send in one ring all-reduce?\n"
            "(b) How many MB does the parameter server send per step? What is the ratio between "
            "the two of them and the moon?\n")
    reading = read_report(text)
    assert not reading.complete
    assert any("ratio" in line for line in reading.unread())


# -- more requests read by meaning -------------------------------------------------------------

_SYMBOLIC = "m workers each hold a gradient of d floats (n = m workers, p = d).\n\n"


def _read(text: str):
    reading = read_report(text)
    assert reading.complete, reading.unread()
    return reading


@pytest.mark.parametrize("question", [
    "(a) In the all-gather phase of the ring all-reduce, every worker forwards one chunk of p/n "
    "floats per step. How many floats does each worker send during this phase?",
    "(a) Consider the reduce-scatter stage of a ring all-reduce on n workers. How many floats "
    "does one worker send in that stage?",
])
def test_this_phase_is_the_phase_the_part_names(question: str) -> None:
    reading = _read("n workers each hold a gradient of p floats.\n\n" + question + "\n")
    (scheme,) = reading.parts[0].value("schemes")
    assert scheme in ("ring-all-gather", "ring-reduce-scatter")
    assert scheme.split("-", 1)[1].replace("-", " ") in question.replace("-", " ")


def test_this_phase_with_both_phases_named_is_not_guessed() -> None:
    text = ("n workers each hold a gradient of p floats.\n\n(a) The reduce-scatter phase and the "
            "all-gather phase of the ring all-reduce differ. How many floats does each worker "
            "send in this phase?\n")
    assert read_report(text).parts[0].value("schemes") != ["ring-reduce-scatter"]


@pytest.mark.parametrize("ask, want", [
    ("Give the number of floats each worker sends in a ring all-reduce, and the total over all "
     "workers.", ["values-sent", "total-volume"]),
    ("For the ring all-reduce, give the number of bytes each worker sends and the total number "
     "of bytes sent by all workers.", ["bytes-sent", "total-bytes"]),
])
def test_the_total_after_what_each_worker_sends(ask: str, want: list[str]) -> None:
    text = "8 workers, p = 10^6 parameters as 4-byte floats.\n\n(a) " + ask + "\n"
    assert _read(text).parts[0].value("quantities") == want


@pytest.mark.parametrize("ratio, of, to", [
    ("Ratio (total data plan A) / (total data plan B).", "total-volume[all-to-all]",
     "total-volume[ring-allreduce]"),
    ("Give the ratio (per-worker floats, plan B) / (per-worker floats, plan A).",
     "values-sent[ring-allreduce]", "values-sent[all-to-all]"),
    ("Give the ratio (per-GPU values, all-to-all) / (per-GPU values, ring all-reduce).",
     "values-sent[all-to-all]", "values-sent[ring-allreduce]"),
])
def test_ratio_operands_named_by_label_or_per_worker_noun(ratio: str, of: str, to: str) -> None:
    text = ("8 workers, p = 10^6 parameters as 4-byte floats.\n"
            "Plan A (all-to-all): every worker sends its gradient to every other worker.\n"
            "Plan B (ring all-reduce): reduce-scatter then all-gather.\n\n"
            "(a) For plan A: the total data sent and the data sent per worker.\n"
            f"(b) {ratio}\n")
    ratios = [d for d in _read(text).parts[1].value("derived") if d["kind"] == "ratio"]

    def cell(x):
        return f"{x['quantity']}[{x['subject']}]" if isinstance(x, dict) else x

    assert [(cell(d["of"]), cell(d["to"])) for d in ratios] == [(of, to)]


@pytest.mark.parametrize("latency", ["latency L = 20 us", "latency t_0 = 20 us",
                                     "latency α = 20 us", "a latency of 20 us"])
def test_latency_under_its_own_letter(latency: str) -> None:
    text = ("n = 4 GPUs, p = 10^6 parameters in fp32.\n\n(a) Each message costs its latency plus "
            f"bytes/B, with {latency} and bandwidth B = 10 GB/s. How long does a ring all-reduce "
            "take?\n")
    assert _read(text).parts[0].value("alpha") == pytest.approx(2e-5)


@pytest.mark.parametrize("setup", [
    "One of the eight workers also acts as the parameter server.",
    "The parameter server is co-located on worker 3.",
    "The parameter server runs on one of the GPUs.",
])
def test_a_server_on_a_worker_is_refused(setup: str) -> None:
    text = (f"8 workers, p = 10^6 parameters as 4-byte floats. {setup}\n\n(a) Parameter server: "
            "how many messages are sent per step?\n")
    reading = read_report(text)
    assert not reading.complete
    assert any("on one of the workers" in line for line in reading.unread())


@pytest.mark.parametrize("setup", [
    "An extra machine (not one of the eight workers) acts as the parameter server.",
    "A separate node, none of the workers, serves as the parameter server.",
])
def test_a_server_said_not_to_be_a_worker_is_the_extra_node(setup: str) -> None:
    text = (f"8 workers, p = 10^6 parameters as 4-byte floats. {setup}\n\n(a) Parameter server: "
            "how many messages are sent per step?\n")
    assert not any("on one of the workers" in line for line in read_report(text).unread())


def test_a_power_wrapped_onto_the_next_line() -> None:
    text = ("Eight workers (n = 8) train a model with p = 3 × 10\n7 parameters as 4-byte floats.\n\n"
            "(a) Ring all-reduce: how many values does each worker send?\n")
    assert _read(text).parts[0].value("p") == 3 * 10**7


@pytest.mark.parametrize("clause", ["and in the ring all workers send at the same time in each step",
                                    "and all the GPUs transmit their chunks in parallel in every "
                                    "round"])
def test_concurrent_sends_state_the_rings_rounds(clause: str) -> None:
    text = ("8 workers, p = 10^6 parameters as 4-byte floats.\n\n(a) If every message costs "
            f"alpha + (bytes)/B with alpha = 5 microseconds and B = 10 GB/s, {clause}, how long "
            "does the ring all-reduce take?\n")
    got = _answers(text)["a"]
    # 2(n-1) rounds of alpha + (p/n) 4 bytes / B = 14 (5 us + 50 us)
    assert any(v == pytest.approx(14 * 55e-6) for v in got.values())


def test_concurrent_sends_to_a_server_stay_unplaced() -> None:
    text = ("8 workers, p = 10^6 parameters as 4-byte floats.\n\n(a) If every message costs "
            "alpha + (bytes)/B with alpha = 5 microseconds and B = 10 GB/s, and all workers send "
            "at the same time in each step, how long does the parameter server take?\n")
    assert not read_report(text).complete


@pytest.mark.parametrize("ask", ["What is the speed-up T_PS / T_ring?",
                                 "Give the speedup T_ps/T_ring of the ring over the server."])
def test_a_speed_up_is_the_ratio_of_the_two_times(ask: str) -> None:
    text = ("n = 4 GPUs, p = 10^6 parameters in fp32, each message costs α + bytes/B with "
            "α = 10 us and B = 10 GB/s.\n\n(a) " + ask + "\n")
    reading = _read(text)
    (ratio,) = [d for d in reading.parts[0].value("derived") if d["kind"] == "ratio"]
    assert (ratio["of"], ratio["to"]) == ("time[parameter-server]", "time[ring-allreduce]")


def test_a_speed_up_without_its_two_times_is_refused() -> None:
    text = ("n = 4 GPUs, p = 10^6 parameters in fp32, each message costs α + bytes/B with "
            "α = 10 us and B = 10 GB/s.\n\n(a) What is the speed-up?\n")
    assert not read_report(text).complete
