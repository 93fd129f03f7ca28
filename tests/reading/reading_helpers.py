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
