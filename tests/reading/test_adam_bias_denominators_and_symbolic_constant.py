"""'The bias-correction denominators 1 - β^t at t = k' are the bias-correction factors (their
weights 1 - β1^k and 1 - β2^k are answered), not the expectation argument; a part that says the
gradient is 'the same constant vector g at every step' asks in terms of that symbol g, with the
shared text's numeric first gradient left to the other parts: m̂_t = g, v̂_t = g²."""

from __future__ import annotations

import pytest
import sympy


from reading_helpers import solved

_SHARED = ("We run Adam (β1 = {b1}, β2 = {b2}, learning rate 0.1, bias correction on). The first "
           "gradient seen is g1 = (2, -3).\n\n")


def _solve(text: str) -> dict:
    reading, solution = solved(text, witnesses=True)
    reading.attach(solution)
    return solution.to_dict()


@pytest.mark.parametrize("b1, b2, k", [("0.8", "0.99", 5), ("0.5", "0.9", 3)])
@pytest.mark.parametrize("ask", [
    "(a) Evaluate the bias-correction denominators 1 - β1^t and 1 - β2^t for t = {k}.",
    "(a) What are the bias correction denominators at step t = {k}?"])
def test_bias_correction_denominators_are_the_factors(b1, b2, k, ask):
    data = _solve(_SHARED.format(b1=b1, b2=b2) + ask.format(k=k))
    (part,) = data["parts"]
    assert part["asked"] == ["bias-factors"]
    assert part["verified"]
    values = [a["value"] for a in part["answers"]]
    for beta in (b1, b2):
        want = 1 - float(beta) ** k
        assert any(isinstance(v, float) and abs(v - want) < 1e-12 for v in values), (beta, values)


@pytest.mark.parametrize("say", ["the gradient is the same constant vector g at every step",
                                 "the gradient stays a fixed vector g at every step",
                                 "a constant gradient g is seen at every step"])
def test_a_constant_symbol_gradient_is_not_the_shared_numbers(say):
    text = (_SHARED.format(b1="0.9", b2="0.999") + "(a) Give the first update.\n"
            f"(b) Suppose {say}. What are m_hat_t and v_hat_t (in terms of g) for every t?\n")
    data = _solve(text)
    first, second = data["parts"]
    assert first["verified"] and second["verified"]
    got = {a["quantity"]: sympy.sympify(a["expr"]) for a in second["answers"]}
    g = sympy.Symbol("g")
    assert sympy.simplify(got["m-hat"].subs({s: g for s in got["m-hat"].free_symbols}) - g) == 0
    assert sympy.simplify(got["v-hat"].subs({s: g for s in got["v-hat"].free_symbols}) - g**2) == 0
