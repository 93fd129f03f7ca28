"""The blind scorer finds a part an author labelled 'Q1' (or 'Part 2') among parts the reader
labels 1, 2.1, 2.2: by its number, the split parts answering together."""

from blind_scoring import missing_values

EXPECTED = {"family": "quadratic-dynamics", "parts": [
    {"label": "Q1", "expected": [{"quantity": "kappa", "value": "100"}]},
    {"label": "Q2", "expected": [{"quantity": "k GD", "value": "461"},
                                 {"quantity": "k HB", "value": "46"}]}]}


def _answer(v):
    return {"name": "x", "quantity": "q", "expr": str(v), "value": v}


def test_q_labels_find_the_numbered_parts_and_their_splits():
    data = {"parts": [{"label": "1", "answers": [_answer(100)]},
                      {"label": "2.1", "answers": [_answer(461)]},
                      {"label": "2.2", "answers": [_answer(46)]}]}
    assert missing_values(EXPECTED, data) == []


def test_a_wrong_value_under_a_q_label_is_still_missing():
    data = {"parts": [{"label": "1", "answers": [_answer(99)]},
                      {"label": "2.1", "answers": [_answer(461)]},
                      {"label": "2.2", "answers": [_answer(46)]}]}
    assert missing_values(EXPECTED, data) == ["(1) kappa = 100"]
