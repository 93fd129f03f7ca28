"""Formulas are data: code-shaped text is refused cleanly, random text never escapes the
parser's own error, and nothing written in a formula ever runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optiproof.checking.formula import parse_value as checker_parse
from optiproof.core.errors import BadInput
from optiproof.core.mathparse import MathParseError, parse_math, parse_relation


def payloads(marker: Path) -> list[str]:
    """Text that creates ``marker`` if any layer ever evaluates it as Python."""
    touch = f"__import__('os').system('touch {marker}')"
    opener = f"open('{marker}', 'w')"
    return [
        touch,
        f"x._eval_lseries(x).gi_frame.f_builtins['__import__']('os').system('touch {marker}')",
        "x._eval_lseries(x).gi_frame.f_builtins",
        f"(lambda: {touch})()",
        f"lambda: {touch}",
        f'f"{{{touch}}}"',
        f"{opener}[0]",
        f"sqrt(2)[0]({touch})",
        f"().__class__.__bases__[0].__subclasses__()",
        f"__builtins__.open('{marker}', 'w')",
        f"eval(\"{touch}\")",
        f"exec('{touch}')",
        f"getattr(__import__('os'), 'system')('touch {marker}')",
        f"Symbol('x').__class__",
        f"n.__class__.__mro__",
        f"\\frac{{{touch}}}{{1}}",
        f"\\operatorname{{__import__}}('os')",
        f"\\text{{{touch}}}",
        f"ｅｖａｌ('{touch}')",  # fullwidth letters: Python's parser would fold them to eval
        f"2n(n-1); {touch}",
        f"n\n{touch}",
        f"$n$ + {touch}",
        f"{{{{{touch}}}}}",
    ]


def test_code_shaped_text_is_refused_and_never_runs(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "PWNED"
    for text in payloads(marker):
        with pytest.raises(MathParseError) as err:
            parse_math(text)
        assert isinstance(err.value, BadInput) and err.value.exit_code == 2
        assert str(err.value).startswith("formula: cannot read")
        assert checker_parse(text) is None
        with pytest.raises(MathParseError):
            parse_relation(text)
    assert not marker.exists()
    assert not any(tmp_path.iterdir())


def test_spec_formulas_refuse_code(tmp_path: Path) -> None:
    import sympy as sp

    from optiproof.families.communication.given import parse_formula

    marker = tmp_path / "PWNED"
    names = {"n": sp.Symbol("n"), "p": sp.Symbol("p")}
    for text in ["n.__class__", "p.n", "log.func", "max.__call__(n)", "n.p.n",
                 "__import__('os')", f"open('{marker}')"] + payloads(marker):
        with pytest.raises(BadInput):
            parse_formula(text, names, field="given[0].value")
    assert not marker.exists()


SOUP = st.sampled_from(
    list("()[]{}\\|*_^=:,;.-+/ '\"`0123456789abegnpxθ∞‖⟨⟩ᵀ²₁√½&\n") + [
        "\\frac", "\\begin{bmatrix}", "\\end{bmatrix}", "\\begin{pmatrix}", "\\end{vmatrix}",
        "\\\\", "\\sqrt", "\\sqrt[", "\\|", "\\left(", "\\right)", "\\left.", "^{", "_{", "}",
        "\\operatorname{sign}", "sign(", "max(", "diag(", "\\top", "^T", "\\alpha", "\\infty",
        "10^", "e-5", "1e", "\\nabla f", "\\mathbf{", "\\hat{", "[[", "]]", "\\text{",
        "\\lVert", "\\rVert", "\\cdot", "**", "9**9**9", "(64^5)", "log_2", "\\log", "\\,",
        "__", "lambda", "import", ".__class__", "eval(", "\\langle", "\\rangle", "\\pm",
        "\\sum", "ᵀ[", "[1 -2; 3 4]", "(1, 2)", "1/0", "0^-1", "x_{t+1}", "\\theta^*"])
HANG_GUARD_S = 60


@pytest.mark.timeout(HANG_GUARD_S)
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SOUP, max_size=80).map("".join))
def test_token_soup_only_raises_the_parsers_error(text: str) -> None:
    for parse in (parse_math, parse_relation):
        try:
            parse(text)
        except MathParseError:
            pass


def _nested(depth: int) -> st.SearchStrategy[str]:
    leaf = st.sampled_from(["x", "2", "0.5", "n", "\\alpha", "θ₀", "1e-3", "[1, 2]"])
    wrappers = st.sampled_from([
        "(@)", "[@]", "\\frac{@}{2}", "\\sqrt{@}", "‖@‖_1", "|@|", "@^2", "@^{-1}",
        "\\left(@\\right)", "-@", "@ + 1", "2@", "@ᵀ", "sign(@)", "e^{@}", "(@)^(@)",
        "\\begin{bmatrix}@ & 1\\\\ 1 & 1\\end{bmatrix}", "\\|@\\|_\\infty^2", "@/(@ - 1)"])

    @st.composite
    def build(draw: st.DrawFn) -> str:
        text = draw(leaf)
        for _ in range(draw(st.integers(0, depth))):
            text = draw(wrappers).replace("@", text)
            if len(text) > 5000:
                break
        return text

    return build()


@pytest.mark.timeout(HANG_GUARD_S)
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_nested(80))
def test_random_nesting_is_bounded(text: str) -> None:
    try:
        parse_math(text)
    except MathParseError as err:
        assert err.reason  # refused with a reason: too deep, too large, or not a formula


@pytest.mark.timeout(HANG_GUARD_S)
def test_worst_sizes_finish() -> None:
    """The largest inputs within the limits parse or are refused (the time is benchmarked)."""
    big = [
        "(" * 40 + "x" + ")" * 40,
        "-" * 9_999 + "x",
        " + ".join(f"x_{k}" for k in range(2000)),
        "[" + ", ".join(["0.123"] * 1400) + "]",
        r"\begin{bmatrix}" + r"\\".join(" & ".join(["1/3"] * 40) for _ in range(40))
        + r"\end{bmatrix}",
        "max(" + ",".join(f"x_{k}" for k in range(16)) + ")",
        "gᵀ" * 40 + "d",
        "((a+b+c+d)^10 (a-b)^10 + c^20)^2",
        "x" * 10_000,
    ]
    for text in big:
        try:
            parse_math(text)
        except MathParseError:
            pass
