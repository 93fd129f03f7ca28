"""A run of blank lines separates paragraphs as one blank line does: normalisation keeps one
(a pasted text of thousands of empty lines is read as its few lines of content)."""

from optiproof.reading import read_report
from optiproof.reading.normalize import normalize


def test_a_run_of_blank_lines_becomes_one():
    assert normalize("Find u.\n\n \n\t\n\n\nThe gradient is g = (1, 2).").text == \
        "Find u.\n\nThe gradient is g = (1, 2)."


def test_a_text_padded_with_empty_lines_reads_as_the_text():
    text = ("Let g = (3, -4) and u* = argmin_u g^T u + (1/2)||u||_2^2.\n"
            "What is u*?")
    padded = text.replace("\n", "\n" + "\n" * 5000)
    assert read_report(padded).spec_dict() == read_report(text).spec_dict()
