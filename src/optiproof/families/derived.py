"""Derived quantities: computed exactly from the solved answers they name, written as a
derivation step of their part, and verified by recomputing them from the numbers the
referenced parts' witnesses measure (:class:`~optiproof.families.base.Measurer`), an
independent path.

    ratio, speedup   X / Y          difference   X - Y        sum   X + Y
    distance         ||X - Y||      norm-of      ||X||   (l2, l1, linf, lp, Frobenius, RMS)
    crossover        x*: X(x*) = Y(x*)  (SymPy solve)
    depends-on       yes iff dX/d(eta) is not identically 0  (SymPy diff, simplified)
    limit-of         lim X as eta -> infinity  (SymPy limit)
    same-as, differs yes iff X - Y is (is not) 0, exactly
    value-at         q(X): a formula the text writes, at the answer X (derived_formula)
    order            X larger, smaller or equal to Y: the sign of X - Y, exactly
    which-of         the item of X_1, ..., X_k that is smallest, largest (vectors by their
                     norm) or equal to Y, decided exactly (a tie names every item tied)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy

from optiproof.catalogue import QUANTITIES
from optiproof.catalogue import norms as N
from optiproof.catalogue import quantities as Q
from optiproof.core.errors import BadInput
from optiproof.core.exact import Name, exact_rational, to_latex
from optiproof.core.solution import Answer, Equation, PartSolution, Step, Tex
from optiproof.families.base import Measurer, NotMeasurable
from optiproof.families.derived_spec import DerivedAsk, Reference

_DERIVED_KEYS = frozenset(q.key for q in Q.DERIVED)
ROUNDING = 1e-12
"""Relative float64 rounding allowed on top of the measurements' own accuracy."""


@dataclass
class Solved:
    """A part as solved: its spec and solution (and, once asked for, its measurer)."""

    spec: Any
    solution: PartSolution
    _measurer: Any = field(default=None, repr=False)

    def measurer(self) -> Measurer:
        """The family's measurer of this part (NotMeasurable when the family has none)."""
        if self._measurer is None:
            from optiproof.families import FAMILIES

            family = FAMILIES[self.spec.family]
            if family.measure is None:
                raise NotMeasurable(f"the {family.title.lower()} family measures nothing")
            self._measurer = family.measure()(self.spec, self.solution)
        return self._measurer


@dataclass(frozen=True)
class Operand:
    """One operand: the answer it refers to (and its part), or a literal value."""

    text: str
    expr: Any
    symbol: str
    answer: Answer | None = None
    part: Solved | None = None
    derived: "Derived | None" = None
    """When the answer is itself a derived answer of this part: how it was derived (its
    witness recomputes it from its own operands)."""


@dataclass(frozen=True)
class Derived:
    """A derived quantity as computed: its ask, operands and answer."""

    ask: DerivedAsk
    operands: tuple[Operand, ...]
    answer: Answer
    solved_for: Any = None


# --------------------------------------------------------------------------- operands

def _referenced(ref: Reference, here: Solved, earlier: dict[str, Solved], where: str
                ) -> tuple[Answer, Solved]:
    """The one answer ``ref`` names, in this part or an earlier one."""
    part = here if ref.part in (None, here.solution.label) else earlier.get(ref.part)
    if part is None:
        raise BadInput(f"refers to part {ref.part!r}, which is not an earlier part",
                       field=where, expected="the label of this part or of an earlier one")
    found = [a for a in part.solution.answers if a.quantity == ref.quantity
             and (ref.subject is None or a.subject == ref.subject)
             and (ref.name is None or a.name == ref.name)]
    if not found:
        offered = sorted({f"{a.quantity}[{a.subject}]" if a.subject else a.quantity
                          for a in part.solution.answers})
        raise BadInput(f"part ({part.solution.label}) has no answer {str(ref)!r}", field=where,
                       expected="one of " + ", ".join(offered))
    primary = [a for a in found if a.name == ref.quantity.replace("-", "_")]
    if len(found) > 1 and ref.name is None and ref.subject is None and len(primary) == 1:
        found = primary     # the quantity's own answer ('first_step'), not its companions
    if len(found) > 1:
        names = ", ".join(repr(a.name) for a in found)
        raise BadInput(f"{str(ref)!r} names {len(found)} answers of part "
                       f"({part.solution.label}): {names}", field=where,
                       expected="a subject or an answer name that picks one")
    return found[0], part


def _operand(value: Any, here: Solved, earlier: dict[str, Solved], where: str,
             made: dict[int, "Derived"] | None = None) -> Operand:
    """A reference resolved to its answer, or a literal made exact (a list is a column); a
    derived answer is an operand only in its own part, after it is made (``made``: id of the
    answer -> how it was derived)."""
    if isinstance(value, Reference):
        answer, part = _referenced(value, here, earlier, where)
        source = (made or {}).get(id(answer)) if part is here else None
        if answer.quantity in _DERIVED_KEYS and source is None:
            raise BadInput(f"{str(value)!r} is a derived answer of part ({part.solution.label});"
                           " a derived answer is an operand only of a later derived quantity of "
                           "its own part", field=where,
                           expected="an answer the family solves, or an earlier derived entry "
                                    "of this part")
        # a truth value has no value to compute with; a symbol (a norm equal to η) does,
        # though SymPy's Symbol is also a Boolean
        if answer.expr is None or isinstance(answer.expr, Name) or (
                isinstance(answer.expr, sympy.logic.boolalg.Boolean) and
                not isinstance(answer.expr, sympy.Expr)):
            raise BadInput(f"{str(value)!r} has no value to compute with ({answer.status})",
                           field=where, expected="an answer that is a number, vector or formula")
        symbol = answer.symbol or to_latex(answer.expr)
        if part is not here:
            symbol = f"{{{symbol}}}^{{({part.solution.label})}}"
        return Operand(str(value) if value.name is None else value.name, answer.expr, symbol,
                       answer, part, source)
    if isinstance(value, list):
        expr = sympy.Matrix([exact_rational(v, field=where) for v in value])
    else:
        expr = exact_rational(value, field=where)
    return Operand(str(value), expr, to_latex(expr))


def _is_norm(subjects: set) -> bool:
    """True when the one subject is a norm of the catalogue."""
    from optiproof.catalogue import norms as N

    return len(subjects) == 1 and N.NORMS.get(next(iter(subjects)) or "") is not None


def _zero_as_vector(ops: list[Operand]) -> list[Operand]:
    """A literal 0 beside a vector or matrix answer is the zero of its shape (``θ_0 = 0`` in
    ``‖θ_∞ − θ_0‖``); any other number beside a vector stays a number (and is refused)."""
    shapes = [op.expr.shape for op in ops if isinstance(op.expr, sympy.MatrixBase)]
    if len(shapes) != 1:
        return ops
    return [Operand(op.text, sympy.zeros(*shapes[0]), op.symbol) if op.part is None and
            not isinstance(op.expr, sympy.MatrixBase) and op.expr == 0 else op for op in ops]


def _unified(exprs: Sequence[Any]) -> list[Any]:
    """The expressions with every free symbol of one name made the same symbol (the first)."""
    by_name: dict[str, sympy.Symbol] = {}
    for e in exprs:
        for s in sorted(getattr(e, "free_symbols", ()), key=str):
            by_name.setdefault(s.name, s)
    out = []
    for e in exprs:
        swap = {s: by_name[s.name] for s in getattr(e, "free_symbols", ()) if s.name in by_name}
        out.append(e.xreplace(swap) if swap else e)
    return out


def _symbol_named(expr: Any, name: str) -> sympy.Symbol | None:
    """The free symbol of ``expr`` called ``name``, or None."""
    return next((s for s in getattr(expr, "free_symbols", ()) if s.name == name), None)


# --------------------------------------------------------------------------- exact rules

def _scalar(op: Operand, kind: str, where: str) -> Any:
    """The operand's value, which must be a number or formula (not a vector)."""
    if isinstance(op.expr, sympy.MatrixBase):
        raise BadInput(f"{op.text!r} is a vector or matrix; a {kind} needs numbers or formulas",
                       field=where)
    return op.expr


def _same_shape(x: Any, y: Any, kind: str, where: str) -> None:
    """Both operands are numbers, or vectors and matrices of one shape."""
    shape = [getattr(e, "shape", None) for e in (x, y)]
    if shape[0] != shape[1]:
        raise BadInput(f"a {kind} needs operands of the same shape, got {shape[0] or 'a number'}"
                       f" and {shape[1] or 'a number'}", field=where)


def _tidy(e: Any) -> Any:
    """Simplified entrywise (SymPy), exact numbers kept as they are."""
    if isinstance(e, sympy.MatrixBase):
        return e.applyfunc(_tidy)
    return sympy.simplify(e) if getattr(e, "free_symbols", None) or not e.is_Rational else e


def norm_value(d: sympy.MatrixBase, norm: str, p: Any) -> Any:
    """||d|| exactly: l2 and frobenius sqrt(sum d^2), l1 sum |d|, linf max |d|, rms
    sqrt(sum d^2 / n) over the n entries, lp (sum |d|^p)^(1/p)."""
    entries = list(d)
    if norm == N.RMS.key:
        return sympy.sqrt(sum((e ** 2 for e in entries), sympy.Integer(0)) / len(entries))
    if norm in (N.L2.key, N.FROBENIUS.key):
        return sympy.sqrt(sum((e ** 2 for e in entries), sympy.Integer(0)))
    if norm == N.L1.key:
        return sum((sympy.Abs(e) for e in entries), sympy.Integer(0))
    if norm == N.LINF.key:
        return sympy.Max(*[sympy.Abs(e) for e in entries])
    return sum((sympy.Abs(e) ** p for e in entries), sympy.Integer(0)) ** (1 / p)


def _check_distance_p(p: Any, gap: Any, field: str) -> None:
    """Refuse an lp distance whose exact powers |d_i|^p and root of order p would be huge:
    p with numerator and denominator up to LP_MAX_EXPONENT_PART, |d_i|^p within the
    exact-digit budget -- before anything is computed."""
    from optiproof.core.budget import check_exact_power, rational_digits
    from optiproof.families.steepest_descent.solve import LP_MAX_EXPONENT_PART

    if max(abs(p.p), p.q) > LP_MAX_EXPONENT_PART:
        raise BadInput(f"the exact lp distance with p = {p} needs powers and roots of order "
                       f"{max(abs(p.p), p.q)}, over the limit of {LP_MAX_EXPONENT_PART}",
                       field=field, expected="p with numerator and denominator up to "
                                             f"{LP_MAX_EXPONENT_PART} (e.g. 3, 1.5)")
    numbers = [e for e in gap if e.is_Rational and e != 0]
    if numbers:
        widest = max(numbers, key=rational_digits)
        check_exact_power(widest, p.p, field=field, what=f"the exact lp distance with p = {p}")


def _norm_tex(norm: str, p: Any) -> str:
    """The subscript of the norm's LaTeX."""
    return {N.L2.key: "2", N.L1.key: "1", N.LINF.key: r"\infty", N.FROBENIUS.key: "F",
            N.RMS.key: r"\mathrm{RMS}"}.get(
        norm, to_latex(p))


def _compute(ask: DerivedAsk, ops: list[Operand], here: Solved, where: str
             ) -> tuple[Any, str, str, list[Equation], Any]:
    """(value, status, note, equations, the symbol solved for) of one derived quantity."""
    kind = ask.kind
    X = ops[0].expr
    Y = ops[1].expr if len(ops) > 1 else None
    sx, sy = ops[0].symbol, (ops[1].symbol if len(ops) > 1 else "")
    if kind in (Q.RATIO.key, Q.SPEEDUP.key):
        x, y = _scalar(ops[0], kind, where), _scalar(ops[1], kind, where)
        if sympy.simplify(y) == 0:
            raise BadInput(f"{ops[1].text!r} is 0: no ratio", field=where)
        value = _tidy(x / y)
        return value, "unique", "", [Equation.of(Tex(rf"\frac{{{sx}}}{{{sy}}}"), value)], None
    if kind in (Q.DIFFERENCE.key, Q.SUM.key):
        _same_shape(X, Y, kind, where)
        value = _tidy(X - Y if kind == Q.DIFFERENCE.key else X + Y)
        sign = "-" if kind == Q.DIFFERENCE.key else "+"
        return value, "unique", "", [Equation.of(Tex(f"{sx} {sign} {sy}"), value)], None
    if kind == Q.DISTANCE.key:
        _same_shape(X, Y, kind, where)
        norm = ask.norm or N.L2.key
        p = exact_rational(ask.p, field=f"{where}.p") if ask.p is not None else None
        gap = X - Y if isinstance(X, sympy.MatrixBase) else sympy.Matrix([X - Y])
        if p is not None:
            _check_distance_p(p, gap, f"{where}.p")
        value = _tidy(norm_value(gap, norm, p))
        sub = _norm_tex(norm, p)
        return value, "unique", "", [
            Equation.of(Tex(f"{sx} - {sy}"), _tidy(gap)),
            Equation.of(Tex(rf"\left\lVert {sx} - {sy} \right\rVert_{{{sub}}}"), value)], None
    if kind == Q.NORM_OF.key:
        norm = ask.norm or N.L2.key
        p = exact_rational(ask.p, field=f"{where}.p") if ask.p is not None else None
        vec = X if isinstance(X, sympy.MatrixBase) else sympy.Matrix([X])
        if min(vec.shape) > 1 and norm != N.FROBENIUS.key:
            raise BadInput(f"{ops[0].text!r} is a matrix: its {norm} norm is not the norm of its "
                           "entries as a vector", field=where,
                           expected="the Frobenius norm of a matrix, or a vector operand")
        if p is not None:
            _check_distance_p(p, vec, f"{where}.p")
        value = _tidy(norm_value(vec, norm, p))
        sub = _norm_tex(norm, p)
        return value, "unique", "", [
            Equation.of(Tex(rf"\left\lVert {sx} \right\rVert_{{{sub}}}"), value)], None
    if kind == Q.VALUE_AT.key:
        from optiproof.core.mathparse import parse_math
        from optiproof.families import derived_formula as F

        expr = parse_math(ask.formula, field=f"{where}.formula")
        value = _tidy(F.evaluate(expr, F.bindings(ask.variable, X, ask.data, F.EXACT), F.EXACT,
                                 where))
        return value, "unique", "", [Equation.of(Tex(rf"q\left({sx}\right)"), value)], None
    if kind == Q.WHICH_OF.key:
        return _which(ask, ops, where)
    if kind == Q.CROSSOVER.key:
        return _crossover(ask, ops, where)
    if kind in (Q.SAME_AS.key, Q.DIFFERS.key):
        return _equality(kind, ops, where)
    if kind == Q.ORDER.key:
        return _order(ops, where)
    if kind == Q.LIMIT_OF.key:
        return _limit(ask, ops[0], where)
    return _dependence(ask, ops[0], here, where)


def _parameter(ask: DerivedAsk, op: Operand) -> str:
    """The symbol name the operand's answer uses for the ask's parameter."""
    try:
        return op.part.measurer().parameter(ask.parameter, op.answer)
    except NotMeasurable:
        return ask.parameter


def _limit(ask: DerivedAsk, op: Operand, where: str
           ) -> tuple[Any, str, str, list[Equation], Any]:
    """lim X as the parameter tends to infinity (SymPy); an answer without the parameter is
    refused (nothing tends anywhere); a limit that is infinite or does not exist is answered
    as such."""
    x = _scalar(op, Q.LIMIT_OF.key, where)
    name = _parameter(ask, op) if op.part is not None else ask.parameter
    var = _symbol_named(x, name)
    if var is None:
        raise BadInput(f"{op.text!r} does not contain {ask.parameter}: its limit as "
                       f"{ask.parameter} grows is not asked of it", field=where,
                       expected="an answer that is a formula in the parameter")
    value = _tidy(sympy.limit(x, var, sympy.oo))
    lhs = Tex(rf"\lim_{{{to_latex(var)} \to \infty}} {op.symbol}")
    if value.has(sympy.AccumBounds) or value.has(sympy.Limit) or value.has(sympy.nan):
        return None, "none", f"{op.symbol} has no limit as {to_latex(var)} grows", [], var
    if value in (sympy.oo, -sympy.oo):
        return value, "unbounded", f"{op.symbol} grows without bound", [
            Equation.of(lhs, value)], var
    return value, "unique", "", [Equation.of(lhs, value)], var


def _equality(kind: str, ops: list[Operand], where: str
              ) -> tuple[Any, str, str, list[Equation], Any]:
    """Is X = Y (same-as) or X != Y (differs), decided exactly on X - Y; answers with
    floating-point numbers in them are not decided."""
    X, Y = ops[0].expr, ops[1].expr
    _same_shape(X, Y, kind, where)
    gap = _tidy(X - Y)
    eq = Equation.of(Tex(f"{ops[0].symbol} - {ops[1].symbol}"), gap)
    entries = list(gap) if isinstance(gap, sympy.MatrixBase) else [gap]
    if any(e.has(sympy.Float) for e in entries):
        return None, "none", "the answers are numerical; equality is not decided", [eq], None
    same = all(e == 0 for e in entries)
    note = "X - Y is 0" if same else "X - Y is not 0"
    return sympy.true if same == (kind == Q.SAME_AS.key) else sympy.false, "unique", note, \
        [eq], None


ORDER_NAMES = {1: "larger", -1: "smaller", 0: "equal"}
"""The answer of an order comparison: X is larger than, smaller than or equal to Y."""


def _order(ops: list[Operand], where: str) -> tuple[Any, str, str, list[Equation], Any]:
    """X larger, smaller or equal to Y: the sign of X - Y decided exactly (numbers or
    formulas whose symbols' assumptions decide it; vectors are not ordered)."""
    x, y = _scalar(ops[0], Q.ORDER.key, where), _scalar(ops[1], Q.ORDER.key, where)
    gap = _tidy(x - y)
    sign = _sign(gap)
    if sign is None:
        raise BadInput(f"whether {ops[0].text} is larger than {ops[1].text} depends on the values "
                       "of the symbols", field=where,
                       expected="numbers for the symbols the answers contain")
    word = ORDER_NAMES[sign]
    return Name(word, word), "unique", f"X - Y is {'positive' if sign > 0 else 'negative' if sign < 0 else '0'}", \
        [Equation.of(Tex(f"{ops[0].symbol} - {ops[1].symbol}"), gap)], None


def item_names(ops: Sequence[Operand]) -> list[Name]:
    """How compared answers are named: by their part (``(a)``, its scheme or method shown)
    when they are answers of different parts, else by their scheme, optimizer or norm."""
    from optiproof.catalogue import KINDS

    def subject(op: Operand) -> Any:
        key = op.answer.subject if op.answer is not None else None
        return next((KINDS[k].get(key) for k in ("scheme", "optimizer", "norm")
                     if key and KINDS[k].get(key) is not None), None)

    labels = [op.part.solution.label if op.part is not None else None for op in ops]
    if len(set(labels)) == len(labels) and None not in labels:
        return [Name(label, f"({label})" + (f" {subject(op).name}" if subject(op) else ""))
                for label, op in zip(labels, ops)]
    subjects = [subject(op) for op in ops]
    if len({x.key for x in subjects if x}) < len(ops):   # two values of one method's answers
        subjects = [None] * len(ops)
    return [Name(x.key, x.name) if x else Name(op.text, op.text)
            for x, op in zip(subjects, ops)]


def compared_value(op: Operand, ask: DerivedAsk, where: str) -> Any:
    """What a which-of compares of one item: the number, or a vector's norm."""
    if isinstance(op.expr, sympy.MatrixBase):
        norm = ask.norm or N.L2.key
        p = exact_rational(ask.p, field=f"{where}.p") if ask.p is not None else None
        return _tidy(norm_value(op.expr, norm, p))
    if ask.norm is not None:
        return _tidy(sympy.Abs(op.expr))
    return op.expr


def _sign(e: Any) -> int | None:
    """The sign of an exact expression (its symbols' assumptions used), None when undecided."""
    e = _tidy(e)
    if e == 0:
        return 0
    if e.is_positive:
        return 1
    if e.is_negative:
        return -1
    return None


def _which(ask: DerivedAsk, ops: list[Operand], where: str
           ) -> tuple[Any, str, str, list[Equation], Any]:
    """The item that is smallest, largest or equal to the target, decided exactly; ties name
    every item tied; an order the symbols leave open is refused."""
    items = ops[:len(ask.among or [])]
    names = item_names(items)
    if len({n.key for n in names}) != len(names):
        raise BadInput("the answers compared are not told apart by their part or subject",
                       field=where, expected="answers of different parts, schemes, "
                                             "optimizers or norms")
    eqs: list[Equation] = []
    if ask.by == "equal":
        target = ops[-1]
        winners = []
        for op, name in zip(items, names):
            _same_shape(op.expr, target.expr, ask.kind, where)
            gap = _tidy(op.expr - target.expr)
            entries = list(gap) if isinstance(gap, sympy.MatrixBase) else [gap]
            if any(e.has(sympy.Float) for e in entries):
                raise BadInput("the answers are numerical; equality is not decided",
                               field=where, expected="exact answers")
            eqs.append(Equation.of(Tex(f"{op.symbol} - {target.symbol}"), gap))
            if all(e == 0 for e in entries):
                winners.append(name)
        how = f"equal to ${target.symbol}$"
    else:
        values = [compared_value(op, ask, where) for op in items]
        for op, v in zip(items, values):
            shown = (rf"\left\lVert {op.symbol} \right\rVert" if isinstance(op.expr,
                                                                          sympy.MatrixBase)
                     else op.symbol)
            eqs.append(Equation.of(Tex(shown), v))
        best = 0
        for i in range(1, len(values)):
            sign = _sign(values[i] - values[best])
            if sign is None:
                raise BadInput(f"which of {names[best]} and {names[i]} is {ask.by} depends on "
                               "the values of the symbols", field=where,
                               expected="numbers for the symbols the answers contain")
            if (sign < 0) == (ask.by == "smallest") and sign != 0:
                best = i
        winners = [n for n, v in zip(names, values) if _sign(v - values[best]) == 0]
        how = f"the {ask.by}"
    if not winners:
        return Name("none", "none of them"), "unique", f"none is {how}", eqs, None
    if len(winners) > 1:
        tie = " and ".join(n.name for n in winners)
        return Name("|".join(n.key for n in winners), f"{tie} (tied)"), "unique", \
            f"{tie} are all {how}", eqs, None
    return winners[0], "unique", f"{winners[0].name} is {how}", eqs, None


def _crossover(ask: DerivedAsk, ops: list[Operand], where: str
               ) -> tuple[Any, str, str, list[Equation], Any]:
    """The admissible solutions x of X(x) = Y(x), by SymPy's solve."""
    x, y = _scalar(ops[0], ask.kind, where), _scalar(ops[1], ask.kind, where)
    var = _symbol_named(x, ask.solve_for) or _symbol_named(y, ask.solve_for)
    if var is None:
        raise BadInput(f"neither operand contains the symbol {ask.solve_for!r}", field=where,
                       expected="a symbol of the operands' formulas")
    # solved over the reals (a crossover size need not be an integer, even when p is)
    real = sympy.Dummy(var.name, positive=True) if var.is_positive else sympy.Dummy(var.name,
                                                                                    real=True)
    try:
        solved = sympy.solve(sympy.Eq(x, y).xreplace({var: real}), real)
    except NotImplementedError:
        raise BadInput(f"the crossover {ops[0].symbol} = {ops[1].symbol} in {ask.solve_for} has "
                       f"no closed form (the equation mixes {ask.solve_for} with functions of it "
                       "such as a ceiling or a logarithm)", field=where,
                       expected="a crossover in a symbol the two formulas are algebraic in "
                                "(e.g. the message size p)") from None
    roots = [r for r in solved if r.is_real is not False]
    eq = Equation.of(Tex(ops[0].symbol), Tex(ops[1].symbol))
    if not roots:
        return None, "none", f"the two never meet for admissible {ask.solve_for}", [eq], var
    value = _tidy(roots[0]) if len(roots) == 1 else sympy.Matrix([_tidy(r) for r in roots])
    return value, "unique", _smaller_side(x, y, var, len(roots)), [
        eq, Equation.of(Tex(rf"{to_latex(var)}^\star"), value)], var


def _smaller_side(x: Any, y: Any, var: Any, roots: int) -> str:
    """Which operand is the smaller on each side of a single crossover of two linear formulas
    ('for which p is A faster?' is answered by the crossover and this side), when the slope's
    sign is decided by the symbols' assumptions; else empty."""
    slope = _tidy(sympy.diff(x - y, var))
    if roots != 1 or slope.has(var):
        return ""
    if slope.is_positive:
        return "X < Y below the crossover, X > Y above it"
    if slope.is_negative:
        return "X > Y below the crossover, X < Y above it"
    return ""


def _dependence(ask: DerivedAsk, op: Operand, here: Solved, where: str
                ) -> tuple[Any, str, str, list[Equation], Any]:
    """Yes iff the derivative of X in the parameter is not identically 0."""
    try:
        name = op.part.measurer().parameter(ask.parameter, op.answer)
    except NotMeasurable:
        name = ask.parameter
    var = _symbol_named(op.expr, name)
    wrt = ask.parameter
    if var is None:
        return (sympy.false, "unique", f"the solved ${op.symbol}$ contains no {wrt}: it is the "
                "same for every value", [Equation.of(
                    Tex(rf"\frac{{\partial {op.symbol}}}{{\partial {wrt}}}"), 0)], None)
    derivative = _tidy(sympy.diff(op.expr, var))
    zero = (derivative.is_zero_matrix if isinstance(derivative, sympy.MatrixBase)
            else derivative == 0)
    note = f"its derivative in {wrt} " + ("simplifies to 0" if zero else
                                           "is not identically 0")
    return (sympy.false if zero else sympy.true, "unique", note,
            [Equation.of(Tex(rf"\frac{{\partial {op.symbol}}}{{\partial {to_latex(var)}}}"),
                         derivative)], var)


def _symbol_of(ask: DerivedAsk, ops: list[Operand], var: Any) -> str:
    """The LaTeX symbol of the derived answer, in its operands' symbols."""
    if ask.kind in (Q.RATIO.key, Q.SPEEDUP.key):
        return rf"\frac{{{ops[0].symbol}}}{{{ops[1].symbol}}}"
    if ask.kind == Q.DIFFERENCE.key:
        return f"{ops[0].symbol} - {ops[1].symbol}"
    if ask.kind == Q.SUM.key:
        return f"{ops[0].symbol} + {ops[1].symbol}"
    if ask.kind == Q.DISTANCE.key:
        return rf"\left\lVert {ops[0].symbol} - {ops[1].symbol} \right\rVert"
    if ask.kind == Q.NORM_OF.key:
        return rf"\left\lVert {ops[0].symbol} \right\rVert"
    if ask.kind == Q.CROSSOVER.key:
        return rf"{to_latex(var) if var is not None else ask.solve_for}^\star"
    if ask.kind == Q.VALUE_AT.key:
        return rf"q\left({ops[0].symbol}\right)"
    if ask.kind == Q.LIMIT_OF.key:
        at = to_latex(var) if var is not None else ask.parameter
        return rf"\lim_{{{at} \to \infty}} {ops[0].symbol}"
    return ""


def _in_words(ask: DerivedAsk, ops: list[Operand]) -> str:
    """The derived quantity in the spec's own terms (``time[tree] / time[ring]``)."""
    x = ops[0].text
    y = ops[1].text if len(ops) > 1 else ""
    return {Q.RATIO.key: f"{x} / {y}", Q.SPEEDUP.key: f"{x} / {y}",
            Q.DIFFERENCE.key: f"{x} - {y}", Q.SUM.key: f"{x} + {y}",
            Q.DISTANCE.key: f"||{x} - {y}||", Q.NORM_OF.key: f"||{x}||",
            Q.CROSSOVER.key: f"{x} = {y}", Q.VALUE_AT.key: f"{ask.formula} at {x}",
            Q.SAME_AS.key: f"is {x} = {y}", Q.DIFFERS.key: f"is {x} != {y}",
            Q.ORDER.key: f"{x} against {y}",
            Q.LIMIT_OF.key: f"{x} as {ask.parameter} -> infinity",
            Q.WHICH_OF.key: f"which of {', '.join(op.text for op in ops[:len(ask.among or [])])}"
                            f" is {ask.by}" + (f" to {ops[-1].text}" if ask.to is not None
                                               else "")}.get(
        ask.kind, f"does {x} depend on {ask.parameter}")


def derive(spec: Any, solution: PartSolution, earlier: Sequence[Solved]) -> list[Derived]:
    """Compute the part's derived quantities exactly; add their answers, derivation steps and
    asked keys to ``solution``; return them for their witnesses."""
    here = Solved(spec, solution)
    by_label = {s.solution.label: s for s in earlier}
    out: list[Derived] = []
    made: dict[int, Derived] = {}
    for j, ask in enumerate(getattr(spec, "derived", ())):
        where = f"derived[{j}]"
        raw = [_operand(ref, here, by_label, f"{where}.among[{i}]", made)
               for i, ref in enumerate(ask.among or [])]
        if ask.of is not None:
            raw.append(_operand(ask.of, here, by_label, f"{where}.of", made))
        if ask.to is not None:
            raw.append(_operand(ask.to, here, by_label, f"{where}.to", made))
        raw = _zero_as_vector(raw)
        exprs = _unified([op.expr for op in raw])
        ops = [Operand(op.text, e, op.symbol, op.answer, op.part, op.derived)
               for op, e in zip(raw, exprs)]
        value, status, note, eqs, var = _compute(ask, ops, here, where)
        entry = QUANTITIES[ask.kind]
        what = ask.label or f"{entry.name}: {_in_words(ask, ops)}"
        if ask.kind == Q.WHICH_OF.key:
            among = ops[:len(ask.among or [])]
            operands = ", ".join(f"$X_{{{i + 1}}} = {op.symbol}$ ({name})"
                                 for i, (op, name) in enumerate(zip(among, item_names(among))))
            operands += f", $Y = {ops[-1].symbol}$" if ask.to is not None else ""
        else:
            operands = f"$X = {ops[0].symbol}$" + (f", $Y = {ops[1].symbol}$" if len(ops) > 1
                                                   else "")
        solution.steps.append(Step(
            f"{entry.name[:1].upper()}{entry.name[1:]}",
            f"Computed exactly from the solved answers ({entry.name}, ${entry.formula}$ with "
            f"{operands})." + (f" Answer: {note}." if note else ""), tuple(eqs)))
        subjects = {op.answer.subject for op in ops if op.answer is not None} \
            if ask.kind != Q.WHICH_OF.key else set()
        if ask.kind == Q.NORM_OF.key and ask.norm and _is_norm(subjects):
            subjects = {ask.norm}   # the norm taken, not the norm of the operand's problem
        answer = Answer(what, _symbol_of(ask, ops, var), value, status, note=note,
                        quantity=ask.kind, subject=subjects.pop() if len(subjects) == 1 else None)
        solution.answers.append(answer)
        if ask.kind not in solution.asked:
            solution.asked.append(ask.kind)
        out.append(Derived(ask, tuple(ops), answer, var))
        made[id(answer)] = out[-1]
    return out
