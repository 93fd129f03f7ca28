"""β restated as a time per kB, MB or GB beside the bandwidth ("bandwidth 10 GB/s (so beta = 0.1 s
per GB)", "5 GB/s, i.e. β = 0.2 ms/MB") restates that bandwidth; a β that is not one over it
stays unused (so never stamped verified)."""

from __future__ import annotations

from optiproof.reading import read_report


def _text(link: str) -> str:
    return ("Sync exercise\n\n8 workers average a gradient of 10^8 parameters in fp32. Each link "
            f"has latency alpha = 5 us and {link}. Use 1 GB = 10^9 bytes and 1 MB = 10^6 bytes.\n\n"
            "(a) With ring all-reduce, what is the time of one all-reduce in seconds?")


def _unused(link: str) -> list[str]:
    return [u.text for u in read_report(_text(link)).numbers if u.status == "unused"]


def test_beta_per_unit_restates_the_bandwidth():
    for link in ("bandwidth 10 GB/s (so beta = 0.1 s per GB)",
                 "bandwidth 5 GB/s, i.e. β = 0.2 ms/MB",
                 "bandwidth 2 GB/s (that is, beta = 500 us per MB)"):
        reading = read_report(_text(link))
        assert reading.complete, (link, reading.unread())
        assert _unused(link) == [], link


def test_a_beta_that_is_not_one_over_the_bandwidth_stays_unused():
    assert "0.5" in _unused("bandwidth 10 GB/s (so beta = 0.5 s per GB)")
