"""A sharded parameter server named by what is divided over what ("the parameters are sharded
evenly over 8 parameter servers", "a PS split across S = 4 server machines") is the sharded
server with that many shards, never the single server or the scheme of the part before; server
machines are not workers; "inbound bytes at the server" and "outgoing traffic of each GPU" are
one node's bytes received and sent; a cost of one phase of the server is answered only when
that phase moves the whole step's cost."""

from __future__ import annotations

from optiproof.catalogue import QUANTITIES
from optiproof.reading import read_report

from reading_helpers import quantity_values, refused

_SETTING = ("Exercise 3\n\nA 500 million parameter model is trained data-parallel on 16 GPUs; "
            "gradients travel in fp16. Use 1 GB = 10^9 bytes.\n\n")


def test_a_server_sharded_over_machines_in_other_words():
    # each of k servers receives 16 gradient shards of 1e9/k bytes
    for setup, k in (("(a) With ring all-reduce, how many GB does each GPU send?\n"
                      "(b) If the parameters are sharded evenly over 4 parameter servers, how many "
                      "GB does each server receive per step?", 4),
                     ("(a) With ring all-reduce, how many GB does each GPU send?\n"
                      "(b) Now the PS is split across $S = 8$ server machines, each owning $1/S$ "
                      "of the weights. How many GB does each server receive?", 8),
                     ("(a) ring all-reduce: GB sent per GPU?\n"
                      "(b) model partitioned into 2 shards held by separate parameter servers -- "
                      "how many GB does each server receive?", 2)):
        got = quantity_values(_SETTING + setup)
        assert ("ratio", 16 / k) in got["b"], (setup, got["b"])
        reading = read_report(_SETTING + setup)
        part = reading.to_problem().parts[1]
        assert part.schemes == ["sharded-parameter-server"] and part.n == 16 and part.servers == k


def test_inbound_and_outbound_bytes_name_one_nodes_traffic():
    for sentence, key in (("the inbound bytes at the single server", "bytes-received"),
                          ("incoming traffic per worker, in gb", "bytes-received"),
                          ("the outgoing data of each gpu", "bytes-sent"),
                          ("egress bytes per node", "bytes-sent")):
        assert key in [m.entry.key for m in QUANTITIES.mentions(sentence)], sentence
    text = (_SETTING + "(a) With a single parameter server, how many GB does the server receive?\n"
            "(b) With ring all-reduce, how many GB does each GPU send?\n"
            "(c) Give the ratio of the inbound bytes at the server in (a) to the bytes sent per "
            "GPU in (b).")
    got = quantity_values(text)
    # 16 GB over 2 * 15/16 GB
    assert [round(v, 9) for q, v in got["c"] if q == "ratio"] == [round(16 / (30 / 16), 9)]


def test_a_cost_of_one_phase_of_the_server():
    push = quantity_values(_SETTING + "(a) With a single parameter server, how many GB does each "
                                      "GPU send in the push phase?")
    assert ("ratio", 1.0) in push["a"]
    refused(_SETTING + "(a) With a single parameter server, how many GB does the server send "
                       "during the push step?", "push phase alone")
    refused(_SETTING + "(a) With a single parameter server, how many GB does each GPU send "
                       "in the pull phase?", "pull phase alone")
