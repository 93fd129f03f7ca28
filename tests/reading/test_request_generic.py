"""Elliptic, generic and format-only requests: a count asked "in total" or "summed over all
workers" is the total of that count; a count of one phase stays unplaced; "Write the update."
asks the part's main result; "Give the same ordered list." repeats the earlier part; a
remark or instruction on the form of the answers asks nothing; a narrative wish to understand
asks nothing; a yes/no clause beside a placed question is refused alone."""

from __future__ import annotations

import pytest

from optiproof.catalogue import TRANSFORMS
from optiproof.core.text.match import sentences
from optiproof.reading.questions import read_questions
from reading_helpers import asked_in as _asked
from reading_helpers import flat_text as _flat


@pytest.mark.parametrize("text, quantity", [
    ("How many entries does one worker send, and how many in total?", "total-volume"),
    ("How many messages are exchanged per round, and how many altogether?", "messages"),
    ("How many floats are sent over the whole network, summed over all GPUs?", "total-volume"),
    ("ok and how many values get sent across all workers combined??", "total-volume"),
    (r"\item How many entries are transferred, summed over all ranks?", "total-volume"),
])
def test_a_count_asked_in_total_is_the_total(text, quantity):
    asked, unplaced = _asked(text)
    assert quantity in asked and not unplaced, (asked, unplaced)


@pytest.mark.parametrize("text", [
    "How many messages are sent in the reduce-scatter phase?",
    "How many floats does one worker send during the all-gather phase, and how many in total?",
    "- how many msgs in the broadcast stage?",
])
def test_a_count_of_one_phase_stays_unplaced(text):
    asked, unplaced = _asked(text)
    assert any("phase" in u or "stage" in u for u in unplaced) or not any(asked), (asked, unplaced)


@pytest.mark.parametrize("text, quantity", [
    # a generic "the update" asks the part's main result
    ("Write the update.", "primary"),
    ("Then give the resulting update.", "primary"),
    ("**5.** What does RMSprop reduce to when β = 0? Write down the update.", "primary"),
    ("Write the update rule.", "update-rule"),
    # a diaeresis a PDF copy put before its vowel
    ("Give the H¨older conjugate exponent q of p.", "holder-conjugate"),
    ("Give the H ¨older conjugate exponent q of p.", "holder-conjugate"),
    ("State the H\u0308older conjugate exponent.", "holder-conjugate"),
    # ... or after its vowel, spacing or set off by a space
    ("What is the Ho¨lder conjugate q of p = 4?", "holder-conjugate"),
    ("Find the Ho \u0308lder conjugate exponent.", "holder-conjugate"),
    # where an optimizer is after a step: the iterate
    ("Also, if the second gradient is again (2, -0.5), where is RMSprop after step 2?", "theta-t"),
    ("where will Adam be after two steps?", "theta-t"),
    ("Where are the parameters after the 3rd update?", "theta-t"),
    # is it the same as some optimizer: which optimizer
    ("and is this the same thing as some optimizer we know?", "identification"),
    ("Is it identical to plain sign descent?", "identification"),
    ("is that the same as any optimizer from the lecture, e.g. an adam variant?", "identification"),
    # the α at which a zero step stops being the minimiser
    ("(4) at exactly which α does d = 0 stop being the unique minimiser?", "threshold"),
    ("At what value of α does the zero step cease to be optimal?", "threshold"),
    (r"at which $\alpha$ does $u = 0$ stop being the minimiser", "threshold"),
    # is it fair to call this X: which optimizer
    ('And (2) is it fair to call this "preconditioned gradient descent"?', "identification"),
    ("is it right to call it sign descent", "identification"),
    ("Would it be accurate to call this Adam?", "identification"),
    # the actual minimiser: the part's main result
    ("so (1) can somebody tell me what the actual minimiser is?", "primary"),
    ("What is the exact minimizer then?", "primary"),
    ("I need the resulting minimiser.", "primary"),
])
def test_asks_the_quantity(text, quantity):
    asked, _ = _asked(text)
    assert quantity in asked and None not in asked, asked


@pytest.mark.parametrize("text", [
    "Give the same ordered list.",
    "Same triple for the tree, please.",
    r"\item Report the same bracketed list for scheme B.",
])
def test_the_same_list_repeats_the_earlier_part(text):
    assert any(m.entry.key == "back-reference" for m in TRANSFORMS.mentions(_flat(text)))


@pytest.mark.parametrize("text", [
    "Give it as a multiple of a standard norm.",
    "Express the result as a scalar multiple of the learning rate.",
    "write it as a multiple of the l2 norm",
    "(exact fractions please, I want to compare with my simulation)",
    "(decimals please, 4 digits is fine)",
    "(numbers only, no derivation needed)",
])
def test_a_form_instruction_asks_nothing(text):
    asked, unplaced = _asked(text)
    assert not asked and not unplaced, (asked, unplaced)


@pytest.mark.parametrize("text", [
    "Give the step as a multiple of lr.",
    "(What is the rate?)",
    "(exact fractions please) And what is the rate?",
])
def test_a_real_request_beside_a_form_is_kept(text):
    asked, _ = _asked(text)
    assert asked, asked


def test_a_remark_before_the_next_sentence_is_its_own_sentence():
    flat = _flat("First: where does SGD converge? (exact fractions please, I want to compare "
                 "with my sim) Second, my optimiser uses P = diag(1, 2). Where does it converge?")
    pieces = [s for _, s in sentences(flat)]
    assert "(exact fractions please, I want to compare with my sim)" in pieces
    assert any(p.startswith("Second, my optimiser") for p in pieces)


@pytest.mark.parametrize("text", [
    "With lr = 0.5 it converges, with lr = 0.7 it blows up, and I'd like to actually understand "
    "the numbers instead of guessing.",
    "ps. i'd like to properly understand these numbers, not just plug in",
    "I would like to get a feel for these numbers.",
])
def test_a_wish_to_understand_asks_nothing(text):
    asked, unplaced = _asked(text)
    assert not asked and not unplaced and not [
        r for r in read_questions(_flat(text)).requests], (asked, unplaced)


@pytest.mark.parametrize("text, clause", [
    ("- is 0.5 actually the best constant lr here, and what's the best rate?",
     "- is 0.5 actually the best constant lr here"),
    ("Is η = 0.1 really the optimal step size, and what is the optimal rate?",
     "Is η = 0.1 really the optimal step size"),
    ("is lr=0.3 the best lr; how many iterations does it need?", "is lr=0.3 the best lr"),
])
def test_a_yes_no_clause_is_refused_alone(text, clause):
    asked, unplaced = _asked(text)
    assert unplaced == [clause] and len(asked) >= 2, (asked, unplaced)


@pytest.mark.parametrize("text, inner", [
    ("and is this the same thing as some optimizer we know (my guess is preconditioned GD but "
     "with which preconditioner?)", "preconditioner"),   # placed: the equivalent preconditioner
    ("Where does GD converge (and how many epochs until it gets there?)",
     "how many epochs until it gets there"),
    ("Compute u (what matrix is it a multiple of?) and the optimal value.",
     "what matrix is it a multiple of"),
])
def test_a_question_inside_a_parenthesis_is_not_dropped(text, inner):
    asked, unplaced = _asked(text)
    assert asked and (inner in unplaced or inner in asked), (asked, unplaced)


@pytest.mark.parametrize("text, quantity", [
    ("(c) Where does preconditioned GD θt+1 = θt − γP ∇f (θt) with the fixed matrix P = "
     "diag(1, 1, 4) converge (γ small)?", "limit"),
    (r"Where does the iteration $w_{k+1} = w_k - \eta D^{-1} \nabla L(w_k)$ with "
     r"$D = \mathrm{diag}(2, 1, 1)$ and a tiny $\eta$ end up converging?", "limit"),
    ("so where does theta <- theta - lr * P * grad(theta), P = diag(1, 1/4), converge to "
     "eventually??", "limit"),
])
def test_a_formula_inside_a_request_is_one_word(text, quantity):
    asked, _ = _asked(text)
    assert quantity in asked, asked


@pytest.mark.parametrize("text", [
    "Let θ_{t+1} = θ_t − γ P ∇f(θ_t) with P = diag(1, 2) and a small γ.",
    "Consider w <- w - lr * grad(w) for lr = 0.1 and start at w = 0.",
])
def test_a_formula_in_a_setup_asks_nothing(text):
    asked, _ = _asked(text)
    assert not asked, asked


@pytest.mark.parametrize("text, item", [
    ('Is it fair to call this "preconditioned gradient descent", and if so with which '
     'weighting scheme?', "if so with which weighting scheme?"),
    ("Which optimizer is this, and if yes, with what damping?", "if yes, with what damping?"),
    ("Name the method, and under which assumption on H?", "under which assumption on H?"),
])
def test_an_item_that_asks_which_is_not_a_setting(text, item):
    _, unplaced = _asked(text)
    assert item in unplaced, unplaced


def test_an_item_the_family_read_as_its_own_ask_is_taken():
    from optiproof.reading import read_report

    reading = read_report("GD diverges\n\nOn f(x, y) = 2x^2 + y^2/2, I used learning rate 0.6 "
                          "and x explodes.\n(a) Tell me what the best lr is and what contraction "
                          "it gives?\n")
    reading.to_problem()   # the family took "contraction it gives": nothing is left unplaced
    assert {"optimal-step", "optimal-rate"} <= set(reading.parts[0].asked)
