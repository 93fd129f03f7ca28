"""The blind batch's scoring rules, on a solution's JSON data: is every expected value there?

The same comparisons as the batch's scorer (``score.py`` of the blind-set brief): a named answer
(an optimizer, a scheme) matches ``identified_as`` or an identification answer through the
catalogue; a value matches an answer's numeric value (relative 1e-4) or, when symbolic, its
expression at three random points. Expected values are parsed with the project's own safe
parser. A list expected for one question may also be answered as consecutive answers, one per
entry, in the order asked (each quantity its own answer, as the JSON contract asks).
"""

from __future__ import annotations

import random
import re
from typing import Any

import sympy

from optiproof.catalogue import NORMS, OPTIMIZERS, SCHEMES
from optiproof.core.mathparse import try_parse_math


def _parse(text: str) -> Any:
    """An expected value or an answer's expression as SymPy (None if it does not parse)."""
    t = str(text).strip()
    if t.startswith("Matrix(") and t.endswith(")"):
        t = t[len("Matrix("):-1]
    return try_parse_math(t)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 + 1e-4 * max(abs(a), abs(b))


def _flat(value: Any) -> list[float] | None:
    """Numbers of a JSON value (number, list, list of lists), flattened; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return [float(value)]
    if isinstance(value, list):
        out: list[float] = []
        for x in value:
            sub = _flat(x)
            if sub is None:
                return None
            out += sub
        return out
    return None


def _values(expr: Any, env: dict) -> list[float]:
    """Real values of an expression or matrix at ``env`` (ValueError if complex)."""
    items = list(expr) if isinstance(expr, sympy.MatrixBase) else [expr]
    vals = [complex(sympy.N(sympy.sympify(x).subs(env))) for x in items]
    if any(abs(v.imag) > 1e-9 for v in vals):
        raise ValueError("complex value")
    return [v.real for v in vals]


def _approx_matches(approx: Any, answers: list[dict]) -> bool:
    """True when an answer's numbers equal the author's numeric value (used only when no
    written form of the expected value parses, e.g. a scalar times a nested list)."""
    want = _flat(approx)
    if not want:
        return False
    return any((got := _flat(a.get("value"))) is not None and len(got) == len(want)
               and all(_close(x, y) for x, y in zip(got, want)) for a in answers)


def value_matches(expected: str, answer: dict) -> bool:
    """True when one answer's value (or expression) equals the expected value; an expected
    yes/no is a yes-no answer's JSON true/false."""
    if expected.strip().lower() in ("yes", "no"):
        return isinstance(answer.get("value"), bool) and \
            answer["value"] == (expected.strip().lower() == "yes")
    want = _parse(expected)
    if want is None:
        return False
    free = sorted(getattr(want, "free_symbols", set()), key=str)
    got = _flat(answer.get("value"))
    if not free and got is not None:
        try:
            w = _values(want, {})
        except (TypeError, ValueError):
            return False
        return len(got) == len(w) and all(_close(a, b) for a, b in zip(got, w))
    ours = _parse(answer.get("expr") or "")
    if ours is None:
        return False
    names = {str(s) for s in free} | {str(s) for s in getattr(ours, "free_symbols", set())}
    rnd = random.Random(0)
    for _ in range(3):
        env = {sympy.Symbol(n): rnd.uniform(1.5, 3.5) for n in names}
        try:
            a, b = _values(want, env), _values(ours, env)
        except (TypeError, ValueError, ZeroDivisionError):
            return False
        if len(a) != len(b) or not all(_close(x, y) for x, y in zip(a, b)):
            return False
    return True


_RANGE = re.compile(r"^\s*(?:0\s*<\s*)?[A-Za-zα-ωη_]\w*\s*<\s*(?P<hi>[^<>=]+?)\s*$")


def range_matches(expected: str, answer: dict) -> bool:
    """An expected open range of steps ``0 < eta < 1/3`` (or ``eta < 1/3``) is the answer of a
    *bound* quantity (the largest stable step: "converges iff 0 < α < α_max") equal to its upper
    end."""
    from optiproof.catalogue import QUANTITIES

    m = _RANGE.match(expected)
    entry = QUANTITIES.get(answer.get("quantity") or "")
    return bool(m and entry is not None and entry.bound and value_matches(m.group("hi"), answer))


def _list_as_answers(expected: str, answers: list[dict]) -> bool:
    """A list ``[a, b, c]`` answered as consecutive answers a, b, c."""
    want = _parse(expected)
    if not isinstance(want, sympy.MatrixBase) or want.shape[1] != 1 or want.shape[0] < 2:
        return False
    items = [str(x) for x in want]
    return any(all(value_matches(e, a) for e, a in zip(items, answers[i:i + len(items)]))
               for i in range(len(answers) - len(items) + 1))


def name_matches(expected: str, alternatives: list[str], part: dict) -> bool:
    """True when the part identifies the expected optimizer or scheme (any of its names), or
    names the expected norm in a which-norm answer."""
    candidates = [part.get("identified_as") or ""] + [
        a.get("expr", "") for a in part.get("answers", []) if a.get("quantity") == "identification"]
    for a in part.get("answers", []):   # which-of: the item named, by its key (a part's label)
        if a.get("quantity") == "which-of":
            candidates += str(a.get("expr", "")).split("|")
    named_norms = [a.get("expr", "") for a in part.get("answers", [])
                   if a.get("quantity") in ("which-norm", "which-solution")]
    wants = [expected, *alternatives]
    for w in list(wants):   # "sign descent (signSGD / sign gradient descent)": each of its names
        wants += [re.sub(r"\s+", " ", n).strip() for n in re.split(r"[()/]", w) if n.strip()]
        wants.append(re.sub(r"\s+", " ", re.sub(r"[()]", " ", w)).strip())   # "(greedy) ..."
    for registry in (OPTIMIZERS, SCHEMES):
        entries = {registry.get(w) for w in wants} - {None}
        if any(registry.get(c) in entries for c in candidates if c):
            return True
    if named_norms:   # a norm named by a which-norm answer, through the norm catalogue
        entries = {NORMS.get(w) or NORMS.get(re.sub(r"\s*norm$", "", w.strip(), flags=re.I))
                   for w in wants} - {None}
        if any(NORMS.get(c) in entries for c in named_norms if c):
            return True
    labels = {c for c in candidates if re.fullmatch(r"[a-h]|\d{1,2}|[ivx]{1,4}", c or "")}
    if any(re.match(rf"^\(?{re.escape(c)}\)(?![\w])|^{re.escape(c)}$", w.strip()) for c in labels
           for w in wants):
        return True   # "(a)", "a", "1) (gradient descent)": the part named by its label
    letters = lambda s: re.sub(r"[^a-z]", "", s.lower())  # noqa: E731
    return any(letters(c) and letters(c) == letters(w) for c in candidates for w in wants)


def _is_name(value: str) -> bool:
    """An expected name (an optimizer or scheme), not a formula: several words, or one word the
    catalogue knows ("Muon"; the batch scorer read it as a symbol and could never match it)."""
    if OPTIMIZERS.get(value) is not None or SCHEMES.get(value) is not None:
        return True
    head = re.split(r"[(,:;]", value)[0].strip()   # "sign descent (signSGD), scaled by ‖g‖_1/λ"
    if head and (OPTIMIZERS.get(head) is not None or SCHEMES.get(head) is not None):
        return True
    if re.search(r"\bnorm$", value.strip()) and NORMS.get(value) is not None:
        return True   # a norm by its catalogue name ("l1 norm"), answered by a which-norm answer
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z \-'()]*", value)) and value not in ("yes", "no") \
        and not re.fullmatch(r"[a-zA-Z_]\w*", value)


_NAMED = ("optimizer", "optimizer identification")
"""Expected quantities whose value is always a name, even one written with a formula in it
("preconditioned gradient descent with preconditioner D^{-1}")."""


def missing_values(expected: dict, data: dict) -> list[str]:
    """Each expected value the solution's JSON does not contain, as a short line."""
    parts = data["parts"]
    out = []
    for i, ep in enumerate(expected["parts"]):
        if ep.get("explanation"):
            continue
        label = str(ep["label"]).strip("() ").lower()
        if not any(p["label"] == label or p["label"].startswith(f"{label}.") for p in parts):
            label = re.sub(r"^(?:part|q)\s*", "", label)   # "Q1" is read as part 1
        part = next((p for p in parts if p["label"] == label), None)
        if part is None and len(parts) == len(expected["parts"]):
            part = parts[i]
        if part is None and len(parts) == 1:
            part = parts[0]
        subparts = [p for p in parts if p["label"].startswith(f"{label}.")]
        if part is None and subparts:  # one reading per method: the sub-parts answer together
            part = {**subparts[0], "answers": [a for p in subparts for a in p["answers"]]}
        if part is None:
            out.append(f"part {label} missing")
            continue
        aliases = {**_ALIASES, **(_RATE_ALIASES if expected.get("family") in _RATE_FAMILIES else {})}
        for item in ep.get("expected", []):
            value = str(item["value"])
            alternatives = [str(a) for a in item.get("also_accept") or []]
            if _is_name(value) or item.get("quantity") in _NAMED:
                ok = name_matches(value, alternatives, part)
            elif any(_is_name(a) for a in alternatives) and name_matches(value, alternatives, part):
                ok = True   # "3) (AdaGrad)", also "AdaGrad": the item a which-of names
            elif value.strip().lower() in ("yes", "no") and _SAME.search(str(item.get("quantity"))):
                flipped = "no" if value.strip().lower() == "yes" else "yes"   # "same?" = not "changes?"
                ok = any(value_matches(flipped, a) for a in part["answers"]
                         if a.get("quantity") == "changes") or \
                    any(value_matches(value, a) for a in part["answers"]   # "is it the same?"
                        if a.get("quantity") == "same-as")
            else:
                written = [side for c in [value, *alternatives] for side in _sides(c)]
                stated = [c for c in written if _in_unit(c) is not None]
                if stated and any(_unit_matches(c, a) for c in stated for a in part["answers"]):
                    continue   # "2.6 GB": 2.6e9 bytes, or 2.6 answered in GB
                wants = [_aliased(c, aliases) for c in written]
                wants += [w for c in written   # the text's own letter, kept
                          for w in (_aliased(c, _ALIASES),) if w not in wants]
                answers = [_magnitude(a) if _SIZE.search(str(item.get("quantity"))) else a
                           for a in part["answers"]]
                ok = any(value_matches(c, a) or range_matches(c, a) for c in wants
                         for a in answers) or _list_as_answers(wants[0], answers)
                if not ok and _parse(value) is None:
                    ok = _approx_matches(item.get("approx"), answers)   # "-(1/10)[[3, 4], ...]"
            if not ok:
                out.append(f"({label}) {item.get('quantity')} = {value}")
    return out


_ALIASES = {"eps": "epsilon"}
"""One symbol the authors and the solutions spell differently (ε is 'eps' or 'epsilon')."""
_RATE_FAMILIES = ("adam-mechanics", "quadratic-dynamics")
_RATE_ALIASES = {"eta": "alpha", "lr": "alpha", "gamma": "alpha"}
"""Where η, lr, γ and α all name the learning rate (not in steepest descent, where α is the
penalty weight and η a radius)."""
_SAME = re.compile(r"\b(?:same|unchanged|identical|invarian)", re.I)
_SIZE = re.compile(r"\b(?:magnitude|size)\b|\|", re.I)


def _sides(expected: str) -> list[str]:
    """An expected value written as a chain of equal forms ("1/sqrt(3) = sqrt(3)/3",
    "||g||_1 = 18"): the whole and each side (a side that names a formula matches nothing)."""
    sides = [s.strip() for s in expected.split(" = ")]
    return [expected, *sides] if 1 < len(sides) <= 3 else [expected]


def _aliased(expected: str, aliases: dict[str, str]) -> str:
    """An expected formula with the authors' spellings of shared symbols replaced."""
    return re.sub(r"[A-Za-z_]\w*", lambda m: aliases.get(m.group(0), m.group(0)), expected)


def _magnitude(answer: dict) -> dict:
    """An answer's absolute value (an expected magnitude compared with a signed step)."""
    got = _flat(answer.get("value"))
    if got is None:
        return answer
    return {**answer, "value": [abs(x) for x in got] if len(got) > 1 else abs(got[0])}


_UNIT_SCALE = {"bytes": 1, "byte": 1, "B": 1, "s": 1, "sec": 1, "secs": 1, "second": 1,
               "seconds": 1, "ms": 1e-3, "msec": 1e-3, "millisecond": 1e-3, "milliseconds": 1e-3,
               "μs": 1e-6, "µs": 1e-6, "us": 1e-6, "microsecond": 1e-6, "microseconds": 1e-6,
               "ns": 1e-9}
"""Units an expected value may carry, to the base unit the answers use (bytes, seconds)."""
_WITH_UNIT = re.compile(r"^\s*(?P<num>[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*"
                        r"(?P<unit>[A-Za-zμµ]{1,12})\s*$")


def _in_unit(expected: str) -> tuple[float, float, str] | None:
    """An expected number written with a unit ("2.6 GB", "0.312 s", "6.5e8 bytes"): the
    number, the unit's size in the base unit (decimal kB/MB/GB/TB, binary KiB/MiB/GiB), and
    the unit as written; None for anything else."""
    m = _WITH_UNIT.match(str(expected))
    if m is None:
        return None
    unit = m.group("unit")
    scale = _UNIT_SCALE.get(unit)
    prefixed = re.fullmatch(r"([kKMGT])(i?)B", unit)
    if scale is None and prefixed:
        power = "kMGT".index(prefixed.group(1).replace("K", "k")) + 1
        scale = 2 ** (10 * power) if prefixed.group(2) else 10 ** (3 * power)
    return None if scale is None else (float(m.group("num")), float(scale), unit)


def _unit_matches(expected: str, answer: dict) -> bool:
    """An expected value with a unit is an answer's value in the base unit (bytes, seconds),
    or the number itself when the answer says it is in that unit ("... in GB")."""
    number, scale, unit = _in_unit(expected)
    got = _flat(answer.get("value"))
    if got is None or len(got) != 1:
        return False
    if _close(got[0], number * scale):
        return True
    named = re.search(rf"\bin {re.escape(unit)}(?![\w])|\({re.escape(unit)}\)",
                      str(answer.get("name", "")), re.I)
    return bool(named) and _close(got[0], number)
