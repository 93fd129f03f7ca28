"""The seed problem, given cells, bad input, rendering of every formula, light imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp

from optiproof.core.errors import BadInput
from optiproof.core.options import SolveOptions
from optiproof.families.problem import make_problem
from optiproof.loading import load_problem_file
from optiproof.core.solution import Solution
from optiproof.pipeline import solve_part, solve_problem
from optiproof.rendering.mathsegments import solution_formulas

SEED = Path(__file__).resolve().parents[3] / "src/optiproof/problems/distributed-training.yaml"
ALL = ["all-to-all", "parameter-server", "sharded-parameter-server", "ring-allreduce",
       "tree-allreduce", "recursive-doubling", "rabenseifner"]
QUANTITIES = ["messages", "message-size", "message-bytes", "total-volume", "busiest-sent",
              "busiest-received", "rounds", "time", "bandwidth-ratio"]
n, p = sp.symbols("n p", positive=True, integer=True)


def part_of(**fields):
    return make_problem({"family": "communication", **fields}).parts[0]


@pytest.fixture(scope="module")
def seed_solution() -> Solution:
    return solve_problem(load_problem_file(SEED), SolveOptions())


def test_seed_answers(seed_solution: Solution) -> None:
    part = seed_solution.parts[0]
    got = {a.name: a.expr for a in part.answers}
    expected = {
        "all-to-all: number of messages": n * (n - 1),
        "all-to-all: size of each message (elements)": p,
        "parameter server: number of messages": 2 * n,
        "parameter server: size of each message (elements)": p,
        "ring all-reduce: number of messages": 2 * n * (n - 1),
        "ring all-reduce: size of each message (elements)": p / n,
    }
    assert list(got) == list(expected)
    for name, want in expected.items():
        assert sp.simplify(got[name] - want) == 0, f"{name}: {got[name]} != {want}"


def test_seed_verified_given_confirmed_and_figure(seed_solution: Solution) -> None:
    part = seed_solution.parts[0]
    assert part.verified, [c.detail for c in part.checks]
    methods = {c.method: c.status for c in part.checks}
    assert methods == {"message-schedule counts": "passed", "exact simulator": "passed",
                       "given cells vs schedules": "passed"}
    assert [g[3] for g in part.facts.given] == [True, True, True]
    assert part.figures and part.figures[0].png.startswith(b"\x89PNG")
    assert "n = 3" in part.figures[0].title
    html = seed_solution.to_html()
    assert "data:image/png;base64," in html and "Ring all-reduce step diagram" in html
    assert seed_solution.exit_code == 0


def test_every_formula_renders_with_katex(seed_solution: Solution) -> None:
    import pykatex

    full = solve_part(part_of(n=8, p=1024, servers=4, schemes=ALL, quantities=QUANTITIES,
                              alpha="0.00001", bandwidth=10**9),
                      SolveOptions(run_witnesses=False))
    symbolic = solve_part(part_of(schemes=ALL, quantities=QUANTITIES, given=[
        {"scheme": "recursive-doubling", "quantity": "messages", "value": "n log n"},
        {"scheme": "all-to-all", "quantity": "messages", "value": "n^2"}]),
        SolveOptions(run_witnesses=False))
    uneven = solve_part(part_of(n=6, p=10, chunks="uneven", schemes=["ring-allreduce"],
                                quantities=QUANTITIES), SolveOptions(run_witnesses=False))
    formulas = []
    for part in (seed_solution.parts[0], full, symbolic, uneven):
        formulas += solution_formulas(Solution("t", [part]))
    assert len(formulas) > 300
    for latex, display in formulas:
        pykatex.renderToString(latex, displayMode=display, output="mathml", throwOnError=True)


def test_wrong_given_cell_is_flagged_with_reason() -> None:
    part = solve_part(part_of(schemes=["all-to-all", "ring-allreduce"], given=[
        {"scheme": "all-to-all", "quantity": "messages", "value": "n^2"},
        {"scheme": "ring-allreduce", "quantity": "messages", "value": "n(n-1)"},
        {"scheme": "ring-allreduce", "quantity": "message-size", "value": "p/n"}]))
    verdicts = [g[3] for g in part.facts.given]
    assert verdicts == [False, False, True]
    text = " ".join(s.text for s in part.steps)
    assert "WRONG, it differs from the derived value by $n$" in text
    assert "WRONG, it is off by a factor of $\\frac{1}{2}$" in text
    assert part.verified  # the answers are right; the given-cell witness agrees with the flags
    given_check = next(c for c in part.checks if c.method == "given cells vs schedules")
    assert given_check.passed and "flagged" in given_check.detail


def test_numeric_instance_and_uneven_variant() -> None:
    part = solve_part(part_of(n=4, p=10, chunks="uneven", schemes=["ring-allreduce"],
                              quantities=["messages", "message-size", "busiest-sent"]))
    values = [a.value for a in part.answers]
    assert values == [24.0, 3.0, 16.0]
    assert "uneven" in " ".join(part.diagnostics) and part.verified


@pytest.mark.parametrize("n, p", [(24, 24 * 40 + 5), (24, 24 * 40 + 23)])
def test_uneven_ring_verified_when_the_simulator_moves_a_smaller_p(n: int, p: int) -> None:
    """Regression (n = 512, p = 10^6 was NOT VERIFIED): the simulator moves data at a smaller
    p of the same remainder mod n, and the busiest-node formula must hold there too."""
    part = solve_part(part_of(n=n, p=p, chunks="uneven", schemes=["ring-allreduce"],
                              quantities=["busiest-sent", "message-size"]))
    sim = next(c for c in part.checks if c.method == "exact simulator")
    assert sim.passed and f"p = {n * 16 + p % n} instead of {p}" in sim.detail, sim.detail
    assert part.verified


def test_simulator_memory_is_bounded_at_a_large_p() -> None:
    """n = 8, p = 10^6 once peaked at 2 GB: the simulator now moves a smaller p of the same
    chunk structure at every n, in bounded slices."""
    import tracemalloc

    spec = part_of(n=8, p=10**6, schemes=["parameter-server", "ring-allreduce"],
                   quantities=["messages", "busiest-sent"])
    tracemalloc.start()
    try:
        part = solve_part(spec)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert part.verified and peak < 200 * 2**20, peak


def test_alpha_beta_time_numeric() -> None:
    part = solve_part(part_of(n=8, p=800, schemes=["ring-allreduce", "parameter-server"],
                              quantities=["time"], alpha="0.001", bandwidth=1000))
    ring, ps = (a.expr for a in part.answers)
    assert ring == sp.Rational(14, 1000) + sp.Rational(14 * 100 * 4, 1000)
    assert ps == 2 * 8 * (sp.Rational(1, 1000) + sp.Rational(800 * 4, 1000))
    assert part.verified


@pytest.mark.parametrize("fields, where", [
    ({"n": 1}, "at least 2 workers"),
    ({"n": 5000}, "simulator's limit of 4096"),
    ({"p": 0}, "at least 1 parameter"),
    ({"n": 6, "schemes": ["recursive-doubling"]}, "not a power of two"),
    ({"n": 12, "schemes": ["rabenseifner"]}, "not a power of two"),
    ({"n": 4, "p": 10, "schemes": ["ring-allreduce"]}, "chunks: uneven"),
    ({"n": 4, "p": 10, "schemes": ["rabenseifner"]}, "pad p to 12"),
    ({"n": 4, "p": 10, "servers": 4, "schemes": ["sharded-parameter-server"]}, "servers"),
    ({"schemes": ["hypercube"]}, "unknown scheme"),
    ({"quantities": ["latency-ish"]}, "unknown quantity"),
    ({"given": [{"scheme": "all-to-all", "quantity": "messages", "value": "x+1"}]},
     "unknown names ['x']"),
    ({"given": [{"scheme": "all-to-all", "quantity": "messages",
                 "value": "__import__('os').system('true')"}]}, "not a formula"),
    ({"given": [{"scheme": "tree-allreduce", "quantity": "messages", "value": "n"}]},
     "not among schemes"),
    ({"n": "gamma"}, "SymPy function name"),
    ({"n": True}, "boolean"),
])
def test_bad_input_names_the_field(fields: dict, where: str) -> None:
    with pytest.raises(BadInput) as err:
        make_problem({"family": "communication", **fields})
    assert where in str(err.value)
    assert err.value.exit_code == 2


def test_bad_given_formula_power_is_refused_before_evaluation() -> None:
    spec = part_of(given=[{"scheme": "all-to-all", "quantity": "messages", "value": "9^9^9"}])
    with pytest.raises(BadInput, match=r"given\[0\]\.value: .*too large: the exponent"):
        solve_part(spec, SolveOptions(run_witnesses=False))


def test_gloo_engine_refuses_too_many_processes() -> None:
    spec = part_of(n=32, p=64, schemes=["ring-allreduce"])
    with pytest.raises(BadInput, match="n: n = 32 workers"):
        solve_part(spec, SolveOptions(engine="gloo"))
    spec = part_of(n=4, p=10**8, schemes=["ring-allreduce"])
    with pytest.raises(BadInput, match="p: p = 100000000"):
        solve_part(spec, SolveOptions(engine="gloo"))


def test_spec_import_is_light() -> None:
    code = ("import sys, optiproof.families.communication as c; "
            "heavy = [m for m in ('sympy', 'numpy', 'torch', 'matplotlib') if m in sys.modules];"
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
