"""The blind scorer reads an expected value written with a unit ("2.6 GB", "0.312 s"): it is
an answer in the base unit (bytes, seconds), or the same number answered in that unit."""

from blind_scoring import missing_values

EXPECTED = {"family": "communication", "parts": [{"label": "a", "expected": [
    {"quantity": "message size", "value": "2.6 GB"},
    {"quantity": "time", "value": "0.312 s", "also_accept": ["312 ms"]},
    {"quantity": "total bytes", "value": "2.08e10 bytes"}]}]}


def _part(*answers):
    return {"parts": [{"label": "a", "answers": [
        {"name": n, "quantity": "q", "expr": str(v), "value": v} for n, v in answers]}]}


def test_values_in_the_base_unit_match():
    data = _part(("size of each message (bytes)", 2.6e9), ("alpha-beta time", 0.312),
                 ("total bytes over the network", 2.08e10))
    assert missing_values(EXPECTED, data) == []


def test_a_number_answered_in_the_unit_named_matches():
    data = _part(("size of each message in bytes in GB (ring)", 2.6),
                 ("time in the alpha-beta model in ms (ring)", 312.0),
                 ("total bytes over the network", 2.08e10))
    assert missing_values(EXPECTED, data) == []


def test_the_bare_number_of_an_answer_in_another_unit_does_not_match():
    data = _part(("size of each message (bytes)", 2.6), ("alpha-beta time", 312.0),
                 ("total bytes over the network", 2.08e10 * 1024))
    assert missing_values(EXPECTED, data) == [
        "(a) message size = 2.6 GB", "(a) time = 0.312 s", "(a) total bytes = 2.08e10 bytes"]


def test_binary_units_are_powers_of_two():
    expected = {"family": "communication", "parts": [{"label": "a", "expected": [
        {"quantity": "size", "value": "1.5 GiB"}]}]}
    assert missing_values(expected, _part(("bytes", 1.5 * 2 ** 30))) == []
    assert missing_values(expected, _part(("bytes", 1.5e9))) == ["(a) size = 1.5 GiB"]


def test_an_expected_chain_of_equal_forms_matches_any_side():
    expected = {"family": "implicit-bias", "parts": [{"label": "a", "expected": [
        {"quantity": "distance", "value": "1/sqrt(3) = sqrt(3)/3"},
        {"quantity": "dual norm", "value": "||g||_1 = 18"}]}]}
    assert missing_values(expected, _part(("distance", 3 ** 0.5 / 3), ("dual norm", 18))) == []
    assert missing_values(expected, _part(("distance", 0.5), ("dual norm", 17))) == [
        "(a) distance = 1/sqrt(3) = sqrt(3)/3", "(a) dual norm = ||g||_1 = 18"]
