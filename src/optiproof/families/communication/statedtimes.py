"""A time formula the text states for a scheme ("ring time = 2(N-1)*alpha + 2(N-1)/N * M * beta",
"T_{\\text{tree}} = 2\\log_2 N(\\alpha + M\\beta)"): the time optiproof answers is its own model's,
so a stated formula must give the same time at the part's numbers, else the part is refused
naming the formula (the text's model and optiproof's then answer different questions; a stated
"PS time = 2α + 2NMβ" counts two latencies where the server's 2N messages take 2N).

The formula is read by the one math parser; its letters are the part's counts by meaning: the
letter of the workers, α (alpha), β (beta, seconds per byte) or B (bytes per second), the letter
of the parameters, and a letter for the gradient's bytes (M or S, or the letter the text sets in
bytes). A formula in other letters, or one the parser cannot read, is refused by name too.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

import sympy as sp

from optiproof.core.mathparse import try_parse_math
from optiproof.core.text.match import rx
from optiproof.core.text.record import PartReading, phrase
from optiproof.catalogue import SCHEMES as CATALOGUE_SCHEMES
from optiproof.catalogue import schemes as S
from optiproof.families.communication.formulas import CostSymbols, scheme_costs
from optiproof.families.communication.spec import DTYPE_BYTES

_SUBSCRIPT = {"ring": S.RING.key, "tree": S.TREE.key, "rd": S.RECURSIVE_DOUBLING.key,
              "rab": S.RABENSEIFNER.key, "ps": S.PARAMETER_SERVER.key, "server": S.PARAMETER_SERVER.key,
              "a2a": S.ALL_TO_ALL.key}
_STATED = (r"(?<![\w\\])(?:T_?\{?(?:\\text\{|\\mathrm\{|\\rm )?(?P<sub>[A-Za-z][A-Za-z0-9]{1,11})\}?\}?"
           r"|(?P<name>(?:ring|tree|parameter[- ]server|server|ps|recursive[- ]doubling|rabenseifner|"
           r"all[- ]to[- ]all)(?:[- ]all[- ]?reduce)?) (?:time|cost))"
           r" ?(?:=|:=) ?(?P<f>[^,;=\n$]{3,120})")
_END = re.compile(r"\s(?:\((?=[^)]*\b[a-z]{3,}\b[^)]*\))|and\b|so\b|while\b|where\b|for\b|with\b|"
                  r"(?:compute|give|find|what|which)\b)|\.(?:\s|$)|\s?\(?(?:see|cf)\b|\s?[•▪‣◦●■]", re.I)
"""Where a stated formula ends: a bracket of words ("(the server link is ...)"), the next
clause, the sentence's end, the next item of a list flattened onto its line ("• tree: ...")."""
_BYTE_LETTERS = ("M", "S")



def _scheme(m: re.Match) -> str | None:
    if m.group("sub"):
        return _SUBSCRIPT.get(m.group("sub").lower())
    name = m.group("name").lower().replace("-", " ")
    if "ring" in name:
        return S.RING.key
    if "tree" in name:
        return S.TREE.key
    if "server" in name or name.startswith("ps"):
        return S.PARAMETER_SERVER.key
    if "doubling" in name:
        return S.RECURSIVE_DOUBLING.key
    named = CATALOGUE_SCHEMES.mentions(name)
    if named and named[0].entry.key == S.RABENSEIFNER.key:
        return named[0].entry.key
    if "all" in name:
        return S.ALL_TO_ALL.key
    return None


def _exact(value: Any) -> sp.Rational | None:
    try:
        return sp.Rational(str(value)) if not isinstance(value, Fraction) else \
            sp.Rational(value.numerator, value.denominator)
    except (TypeError, ValueError):
        return None


def _letter_of(source: str | None) -> str | None:
    m = rx(r"(?<![\w^_/])([A-Za-z]) ?=").search(source or "")
    return m.group(1) if m else None


def check_stated_times(text: str, r: PartReading, fields: Any) -> None:
    """Refuse a part whose time of a scheme the text states otherwise (see the module)."""
    quantities = set(r.value(fields.quantities) or [])
    derived = " ".join(str(d.get("of", "")) + str(d.get("to", "")) for d in
                       r.value(fields.derived) or [] if isinstance(d, dict))
    schemes = list(r.value(fields.schemes) or [])
    if "time" not in quantities and "time[" not in derived:
        return
    dtype = r.value(fields.dtype) or "float32"
    element = DTYPE_BYTES.get(dtype, 4)
    s = CostSymbols.named(bytes_per_element=element)
    n, p = _value(r.value(fields.n), s.n), _value(r.value(fields.p), s.p)
    alpha, bandwidth = _value(r.value(fields.alpha), s.alpha), _value(r.value(fields.bandwidth), s.B)
    for m in rx(_STATED).finditer(text):
        scheme = _scheme(m)
        if scheme is None or scheme not in schemes:
            continue
        raw = m.group("f")
        if rx(r"^\s?T\b|^\s?T_").search(raw):
            continue   # "T_ring = T_tree": two times set equal, no formula of either
        end = _END.search(raw)
        formula = raw[:end.start()] if end else raw
        formula = formula.strip().rstrip(".").replace("\\,", " ").replace("\\;", " ")
        source = phrase(text, m.start(), m.start("f") + len(formula))
        name = CATALOGUE_SCHEMES[scheme].name
        if None in (n, p, alpha, bandwidth):
            r.miss("time model", f'"{source}" states the time of the {name}, which optiproof '
                                 "cannot confirm against its own model (the workers, parameters, "
                                 "latency or bandwidth are not read)")
            continue
        per_element = bool(rx(r"\bper element\b").search(r.fields[fields.bandwidth].note or "")) \
            if fields.bandwidth in r.fields else False
        values = {"alpha": alpha, "beta": (element if per_element else 1) / bandwidth,
                  "B": bandwidth}
        letter_n = _letter_of(r.fields[fields.n].source) if fields.n in r.fields else None
        p_source = r.fields[fields.p].source if fields.p in r.fields else ""
        letter_p = _letter_of(p_source) or (r.value(fields.p) if isinstance(r.value(fields.p), str)
                                            else None)
        if letter_n:
            values.setdefault(letter_n, n)
        if letter_p:   # "M = 64 MB" names the bytes, "p = 10^6" the values
            values.setdefault(letter_p, p * element if rx(r"\b(?:bytes|[kKMGT]B)\b").search(
                p_source or "") else p)
        for letter in ("n", "N", "P"):
            values.setdefault(letter, n)
        values.setdefault("p", p)
        for letter in _BYTE_LETTERS:
            values.setdefault(letter, p * element)
        symbols = {k: sp.Symbol(k) for k in values}
        got = try_parse_math(formula, symbols=symbols, field="time")
        theirs = None
        if isinstance(got, sp.Expr) and got.free_symbols <= set(symbols.values()):
            theirs = got.subs({symbols[k]: v for k, v in values.items()}, simultaneous=True)
        if theirs is None:
            r.miss("time model", f'"{source}": the time the text states for the {name} could '
                                 "not be read as a formula in the workers, α, β and the "
                                 "gradient's bytes, so optiproof cannot confirm its own model "
                                 "is the text's")
            continue
        ours = scheme_costs(scheme, s).values["time"].subs({s.n: n, s.p: p, s.alpha: alpha,
                                                             s.B: bandwidth}, simultaneous=True)
        differs = _differs(theirs, ours, s)
        if differs:
            r.miss("time model", f'"{source}" is not the time optiproof\'s model gives the '
                                 f"{name} ({differs}), so the part is not answered (expected a "
                                 "time under the latency-bandwidth model the text does not "
                                 "restate otherwise)")


def _value(value: Any, symbol: sp.Symbol) -> Any:
    """A field's value as SymPy: a number exactly, a letter as the model's symbol."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float, Fraction)):
        return _exact(value)
    exact = _exact(value)
    return exact if exact is not None else symbol


_INSTANCES = [{"n": 4, "p": 12, "alpha": sp.Rational(1, 10), "B": 7},
              {"n": 16, "p": 48, "alpha": sp.Rational(3, 1), "B": sp.Rational(1, 2)}]


def _differs(theirs: Any, ours: Any, s: CostSymbols) -> str:
    """'' when the two times agree at every instance of the symbols left (the part's numbers
    when none is left), else the two values where they differ."""
    for inst in _INSTANCES:
        at = {s.n: inst["n"], s.p: inst["p"], s.alpha: inst["alpha"], s.B: inst["B"]}
        try:
            a, b = float(sp.N(theirs.subs(at))), float(sp.N(ours.subs(at)))
        except (TypeError, ValueError):
            return "the two could not be compared"
        if not abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-300):
            shown = "" if theirs.free_symbols or ours.free_symbols else " s"
            return f"the text's formula gives {a:.6g}{shown}, the model {b:.6g}{shown}"
    return ""
