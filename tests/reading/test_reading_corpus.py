"""The reading corpus: every text reads into its expected spec; every refusal says why."""

from __future__ import annotations

import pytest
import yaml

from optiproof.core.errors import BadInput, NotRecognised
from optiproof.loading import load_problem_text
from optiproof.reading import ReadingIncomplete, ReadingInvalid, describe, read_problem, read_report

from reading_helpers import CORPUS, diff, merged_parts, problem_parts

READ = sorted(p for p in (CORPUS / "read").iterdir() if not p.name.endswith(".expected.yaml"))
REFUSALS = yaml.safe_load((CORPUS / "refuse" / "refusals.yaml").read_text(encoding="utf-8"))
ERRORS = {"BadInput": BadInput, "ReadingIncomplete": ReadingIncomplete,
          "ReadingInvalid": ReadingInvalid, "NotRecognised": NotRecognised}


def test_corpus_is_big_enough():
    assert len(READ) >= 30
    assert len(REFUSALS) >= 10
    families = {p.name[:2] for p in READ}
    assert {"sd", "ib", "cm"} <= families


@pytest.mark.parametrize("path", READ, ids=lambda p: p.name)
def test_corpus_text_reads_as_expected(path):
    expected = yaml.safe_load(path.with_name(path.stem + ".expected.yaml").read_text("utf-8"))
    reading = read_report(path.read_text(encoding="utf-8"))
    assert reading.complete, describe(reading)
    got, want = merged_parts(reading.spec_dict()), merged_parts(expected)
    assert got == want, diff(got, want)
    assert reading.title == expected["title"]
    problem = reading.to_problem()
    again = load_problem_text(reading.to_spec_yaml())
    assert problem_parts(again) == problem_parts(problem)


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_corpus_text_is_refused(name):
    want = REFUSALS[name]
    text = (CORPUS / "refuse" / name).read_text(encoding="utf-8")
    with pytest.raises(ERRORS[want["error"]]) as info:
        read_problem(text)
    message = str(info.value)
    for phrase in want["says"]:
        assert phrase in message, message
    if isinstance(info.value, (ReadingIncomplete, ReadingInvalid)):
        spec = info.value.reading.to_spec_yaml()
        assert spec.startswith("# Spec written by")
        yaml.safe_load(spec)  # the partial spec is valid YAML, ready to edit


def test_incomplete_message_lists_read_and_unread():
    with pytest.raises(ReadingIncomplete) as info:
        read_problem((CORPUS / "refuse" / "r07-ib-no-start.txt").read_text("utf-8"))
    err = info.value
    assert err.exit_code == 3
    text = str(err)
    assert "Not read:" in text and "Read:" in text and "--write-spec" in text
    assert "a = [1, 2]" in text and "theta0" in text
    spec = err.reading.to_spec_yaml()
    assert "# TODO theta0:" in spec and "method: gd" in spec


def test_invalid_data_is_bad_input():
    with pytest.raises(ReadingInvalid) as info:
        read_problem((CORPUS / "refuse" / "r13-ib-inconsistent.txt").read_text("utf-8"))
    assert info.value.exit_code == 2
    assert "X = " not in str(info.value) or "What was read" in str(info.value)
