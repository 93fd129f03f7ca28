"""Shared helpers of the reading tests: exact, order-preserving comparison of specs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from optiproof.core.exact import exact_rational

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
REPO = HERE.parents[1]
EXAMPLES = HERE / "examples"
BUNDLED = REPO / "src" / "optiproof" / "problems"


def canon(value: Any) -> Any:
    """Numbers -> exact rationals (0.1 == "0.1" == 1/10); drops ``question``; recursive."""
    if isinstance(value, dict):
        return {k: canon(v) for k, v in value.items() if k != "question"}
    if isinstance(value, (list, tuple)):
        return [canon(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return exact_rational(value)
    if isinstance(value, str):
        try:
            return exact_rational(value)
        except Exception:  # noqa: BLE001 - not a number: compare as text
            return value
    return value


def merged_parts(spec: dict) -> list[dict]:
    """The parts of a spec mapping with ``context`` merged in (the part's own value wins)."""
    ctx = spec.get("context") or {}
    return [canon({**ctx, **p}) for p in spec["parts"]]


def problem_parts(problem: Any) -> list[dict]:
    """Every part of a Problem as a canonical dict (all fields, defaults included)."""
    return [canon(p.model_dump()) for p in problem.parts]


def diff(a: list[dict], b: list[dict]) -> str:
    """A readable list of the differing fields, for assertion messages."""
    out = []
    if len(a) != len(b):
        out.append(f"{len(a)} parts vs {len(b)} parts")
    for pa, pb in zip(a, b):
        for k in sorted(set(pa) | set(pb)):
            if pa.get(k) != pb.get(k):
                out.append(f"part {pa.get('label')}: {k}: read {pa.get(k)!r} expected {pb.get(k)!r}")
    return "; ".join(out)


def flat_text(text: str) -> str:
    """A problem text normalised and flattened as the reader reads it."""
    from optiproof.reading.normalize import flatten, normalize

    return flatten(normalize(text).text)


def asked_in(text: str) -> tuple[list[str | None], list[str]]:
    """The quantities the requests of ``text`` ask (None for a symbol left to the family) and
    their unplaced items."""
    from optiproof.reading.questions import read_questions

    requests = read_questions(flat_text(text)).requests
    return ([a.quantity for r in requests for a in r.asks],
            [u for r in requests for u in r.unplaced])


def solved(text: str, witnesses: bool = False) -> tuple[Any, Any]:
    """The reading of ``text`` (asserted complete) and its solution (witnesses run if asked)."""
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem
    from optiproof.reading import read_report

    reading = read_report(text)
    assert reading.complete, reading.unread()
    return reading, solve_problem(reading.to_problem(),
                                  SolveOptions(figures=False, run_witnesses=witnesses))


def quantity_values(text: str) -> dict[str, list[tuple[str, Any]]]:
    """Part label -> (quantity, value) of every answer of ``text`` read completely and solved
    without witnesses."""
    _, solution = solved(text)
    return {p["label"]: [(a["quantity"], a["value"]) for a in p["answers"]]
            for p in solution.to_dict()["parts"]}


def answer_value(part: Any, *, name: str | None = None, quantity: str | None = None) -> Any:
    """The value of the first answer of ``part`` with that name (or of that quantity, with a
    value)."""
    for a in part.answers:
        d = a.to_dict()
        if (name is not None and a.name == name) or (
                quantity is not None and d["quantity"] == quantity and d["value"] is not None):
            return d["value"]
    raise AssertionError(f"no answer {name or quantity} in {[a.name for a in part.answers]}")


def refused(text: str, needle: str, field: str | None = None, part: int = 0) -> Any:
    """The reading of ``text``, asserted refused with a line naming ``needle``, and (when
    ``field`` is given) that field of part ``part`` not read."""
    from optiproof.reading import read_report

    reading = read_report(text)
    assert not reading.complete
    assert any(needle in line for line in reading.unread()), reading.unread()
    if field is not None:
        assert field not in reading.parts[part].fields
    return reading


def witnessed(part: Any, method_words: str) -> None:
    """Assert ``part`` is verified and a passed check's method names ``method_words``."""
    assert part.verified, [(c.method, c.passed) for c in part.checks]
    assert any(method_words in c.method and c.passed for c in part.checks), \
        [c.method for c in part.checks]


def solved_verified(text: str) -> dict:
    """The JSON of a text read completely, solved and verified (exit 0)."""
    from optiproof.core.options import SolveOptions
    from optiproof.pipeline import solve_problem
    from optiproof.reading import read_report

    reading = read_report(text)
    assert reading.complete, "\n".join(reading.unread())
    solution = solve_problem(reading.to_problem(), SolveOptions(figures=False))
    assert solution.exit_code == 0
    return solution.to_dict()
