"""A forum post's own working ("My own attempt: ... 2 * 500 MB * 64 = 64 GB per GPU??") is the
asker's claim, not data; "per-GPU bytes sent" is one node's bytes sent; "bytes sent per GPU and
total over the 16 GPUs, in GB" asks the total too, in the unit named; a training rate ("3
steps/sec") and the worker counts a post scales between ("from 8 to 16 GPUs") are no unused
data."""

from __future__ import annotations

from optiproof.catalogue import QUANTITIES
from optiproof.reading import read_report

from reading_helpers import quantity_values

_POST = ("[Q] ring all-reduce traffic?\n\nWe scale a 100M-param model (fp16 grads, 200 MB of "
         "gradient, 1 MB = 10^6 bytes) from 8 to 16 GPUs at about 2.5 steps/sec. {attempt}\n\n"
         "Could someone check:\n"
         "  - (1) per-GPU bytes sent in one ring all-reduce with 16 GPUs (in MB)\n"
         "  - (2) naive all-to-all of full gradients with 16 GPUs: bytes sent per GPU and total "
         "over the 16 GPUs, in GB\n")


def test_the_askers_working_is_no_data_and_the_counts_are_read():
    for attempt in ("My own attempt: every GPU talks to all others, so 2 * 200 MB * 16 = 6.4 GB per "
                    "GPU?? Seems huge.",
                    "My attempt: 200 MB x 15 = 3 GB per GPU for the naive one, right?",
                    "my working so far: (16-1)*200 = 3000 MB?"):
        text = _POST.format(attempt=attempt)
        reading = read_report(text)
        assert reading.complete, (attempt, reading.unread())
        assert [u.text for u in reading.numbers if u.status == "unused"] == [], attempt
        got = quantity_values(text)
        # ring: 2 * 15/16 * 200 MB; all-to-all: 15 * 0.2 GB per GPU, 16 times that in total
        assert ("ratio", 375.0) in got["1"], attempt
        assert ("ratio", 3.0) in got["2"] and ("ratio", 48.0) in got["2"], attempt


def test_per_node_bytes_sent_in_other_words():
    for sentence in ("per-gpu bytes sent in one all-reduce", "the per-worker bytes transmitted",
                     "per rank bytes pushed per step"):
        assert "bytes-sent" in [m.entry.key for m in QUANTITIES.mentions(sentence)], sentence
