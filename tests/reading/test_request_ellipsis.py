"""Coordinated and elliptic requests: a format instruction asks nothing new, "the total over all
workers as well" inherits the request before it summed over the nodes, a bracketed list of asks
has a subject that is no ask, "and how many by the tree scheme?" asks again of another subject,
"what α, β should I use" after "tune … optimally" asks the optimal values, and a '?' that a PDF
copy put for a lost star does not end the sentence."""

from __future__ import annotations

import pytest

from optiproof.core.text.match import sentences
from optiproof.reading.normalize import flatten, normalize
from optiproof.reading.questions import read_questions


def _flat(text: str) -> str:
    return flatten(normalize(text).text)


def _requests(text: str):
    return read_questions(_flat(text)).requests


def _keys(text: str) -> list[str | None]:
    return [a.quantity for r in _requests(text) for a in r.asks]


@pytest.mark.parametrize("text", [
    "What is T_ring / T_tree? Give the exact fraction and a decimal.",
    "Find the ratio of the two times. State it both as a reduced fraction and as a decimal "
    "approximation.",
    "(d) what's the speed-up? give an exact value, and a decimal",
    r"Compute $\kappa$. Express it as a simplified fraction or a decimal.",
    "How many messages does the ring send in total? Express it also as a function of n.",
])
def test_a_list_of_answer_forms_asks_nothing(text):
    requests = _requests(text)
    assert requests and all(r.asks for r in requests), requests


@pytest.mark.parametrize("text, per_node, total", [
    ("What is the total number of entries sent by one worker? Give the total over all workers "
     "as well.", "values-sent", "total-volume"),
    ("How many floats does each GPU send? And the sum over all GPUs?", "values-sent",
     "total-volume"),
    ("2. How many messages does each worker send during the ring? Also give the total across "
     "all workers, too.", "messages-per-worker", "messages"),
])
def test_the_total_over_all_nodes_inherits_the_request_before(text, per_node, total):
    assert _keys(text) == [per_node, total]


def test_a_total_over_nodes_of_bytes_is_the_total_bytes():
    assert _keys("How many bytes does each GPU send? What about the total across all 8 GPUs, "
                 "too?") == ["bytes-sent", "total-bytes"]


def test_a_total_with_no_one_node_before_stays_unplaced():
    requests = _requests("How many rounds does the ring take? Give the total over all workers "
                         "as well.")
    assert requests[0].asks and not requests[1].asks


@pytest.mark.parametrize("text", [
    "Give, as an ordered list [number of messages, bytes per message, total bytes sent], the "
    "cost of one averaging round.",
    "As a list [number of messages, total bytes], give the costs for one all-reduce step.",
    r"Report, as a triple $[\text{number of rounds}, \text{number of messages}, \text{total "
    r"bytes}]$, the figures for the parameter server.",
])
def test_the_subject_of_a_list_of_asks_is_not_an_ask(text):
    requests = _requests(text)
    assert len(requests[0].asks) >= 2 and not requests[0].unplaced, requests


def test_a_further_item_after_a_list_is_still_an_ask():
    r = _requests("Give, as a list [number of messages, total bytes], the cost of one round, "
                  "and the norm of the update.")[0]
    assert r.unplaced == ("the norm of the update.",)


@pytest.mark.parametrize("text, subject", [
    ("How many bytes are moved in total by the all-to-all scheme, and how many by the tree "
     "scheme?", "how many by the tree scheme?"),
    ("How many messages does the ring send, and how many for the parameter server?",
     "how many for the parameter server?"),
])
def test_an_elliptic_item_is_a_request_of_its_own(text, subject):
    requests = _requests(text)
    assert requests[0].asks and not requests[0].unplaced
    assert requests[1].sentence == subject and not requests[1].asks


@pytest.mark.parametrize("text, keys", [
    ("If I tune the step size α and momentum β optimally for this function, what α, β should I "
     "use?", ["optimal-step", "optimal-momentum"]),
    ("Suppose we pick the learning rate eta and the momentum beta optimally: which eta and beta "
     "do we get?", ["optimal-step", "optimal-momentum"]),
    (r"With the best choice of the step size $\gamma$, what $\gamma$ should one pick?",
     ["optimal-step"]),
])
def test_symbols_tuned_optimally_ask_their_optimal_values(text, keys):
    assert list(dict.fromkeys(_keys(text))) == keys  # "tune ... optimally" may name one twice


def test_symbols_not_tuned_are_asked_bare():
    assert _keys("For the step size α and momentum β of heavy ball, which α should I use?") == \
        [None]


@pytest.mark.parametrize("text, count", [
    ("(b) What is the optimal value ⟨G, D?⟩ in (a)?", 1),
    ("(d) Give the optimal heavy-ball parameters α? , β ? and the rate ρHB .", 1),
    ("What is the rate? What is the step?", 2),
    ("Is it stable? Give the rate.", 2),
    ("(c) How many GD iterations at η ? are needed to reduce the error by 10^6?", 1),
    ("(a) Find the minimiser d? and name the optimiser.", 1),
    ("(c) Compute the ratio ‖d?RMS‖_2 / ‖d?∞‖_2 of the two lengths.", 1),
    ("what is the rate? i think it's 0.5", 2),
    ("What is x? Is it 2?", 2),
])
def test_a_lost_star_does_not_end_a_sentence(text, count):
    assert len(sentences(_flat(text))) == count


@pytest.mark.parametrize("text", [
    "If I tune a and b optimally for this quadratic, what values do they take?",
    "Suppose we choose the step and the momentum optimally - what values would they take?",
    "if you pick alpha and beta optimally what are they",
])
def test_their_values_after_a_tuned_pair_are_the_tuning_asked(text):
    requests = _requests(text + ("" if text.endswith("?") else "?"))
    asks = [a for r in requests for a in r.asks]
    assert asks and all(a.quantity for a in asks), asks


@pytest.mark.parametrize("text", [
    "(c) Find the step size η* that minimises the contraction factor max_i |1 - η λ_i|, and the "
    "value of that factor.",
    "Which γ minimises the worst-case contraction factor? Also give the exact value of this "
    "factor.",
    r"Find the $\eta$ minimising the contraction factor, and the numerical value of that factor.",
])
def test_the_value_of_that_factor_is_the_factor_named_before(text):
    requests = _requests(text)
    assert not [u for r in requests for u in r.unplaced]
    assert {"rate", "optimal-rate"} & {a.quantity for r in requests for a in r.asks}


@pytest.mark.parametrize("text, keys", [
    ("How many messages does one worker send in the push phase, and how many floats are in "
     "each of them?", ["messages-per-worker", "message-size"]),
    ("ring: messages sent by each worker, and how many bytes go in each one?",
     ["messages-per-worker", "message-bytes"]),
])
def test_how_many_values_in_each_one_is_the_size_of_each(text, keys):
    requests = _requests(text)
    assert [a.quantity for r in requests for a in r.asks] == keys
    assert not [u for r in requests for u in r.unplaced]


@pytest.mark.parametrize("text, key", [
    ("For (R) give the triple [number of rounds, bytes sent by one GPU in total, time in "
     "seconds].", "time"),
    ("Report [rounds, messages per worker, total bytes] for the ring.", "total-bytes"),
    (r"Give $[\text{number of messages}, \text{time in seconds}]$ for the tree.", "time"),
])
def test_a_listed_noun_phrase_names_its_quantity(text, key):
    requests = _requests(text)
    assert key in [a.quantity for r in requests for a in r.asks]
    assert not [u for r in requests for u in r.unplaced]


@pytest.mark.parametrize("text", [
    "What is the convergence factor max_i |1 - ηλ_i| for η = 0.15?",
    "Give the per-iteration convergence factor of GD at this step.",
    r"Compute the convergence factor $\max_i |1-\eta\lambda_i|$.",
])
def test_a_convergence_factor_is_the_rate(text):
    assert "rate" in _keys(text)


@pytest.mark.parametrize("text", [
    "Keeping n, α and β fixed, for what number of fp32 parameters p do the two algorithms take "
    "exactly the same time?",
    "For which value of p does the tree take the same time as the ring?",
    "at what gradient size S would both schemes need the same time?",
])
def test_the_size_where_two_times_agree_is_the_crossover(text):
    assert "crossover" in _keys(text)
