"""The communication family: the cost of one synchronisation step of data-parallel training,
each collective scheme a message schedule."""

from __future__ import annotations

from optiproof.catalogue import quantities as Q
from optiproof.catalogue import schemes as S
from optiproof.families.base import Family, imported
from optiproof.families.communication.facts import CommunicationFacts

KEY = "communication"
WORKER_COSTS = (Q.VALUES_SENT, Q.VALUES_RECEIVED, Q.SENT_PLUS_RECEIVED, Q.BYTES_SENT,
                Q.BYTES_RECEIVED, Q.BYTES_SENT_PLUS_RECEIVED, Q.WORKER_MESSAGES)
"""What one worker sends or receives: asked of a scheme whose workers all do the same."""
SERVER_COSTS = (Q.SERVER_VALUES_SENT, Q.SERVER_VALUES_RECEIVED, Q.SERVER_SENT_PLUS_RECEIVED,
                Q.SERVER_BYTES_SENT, Q.SERVER_BYTES_RECEIVED, Q.SERVER_BYTES_SENT_PLUS_RECEIVED)
"""What one server node sends or receives: asked of a parameter-server scheme."""
COSTS = (Q.MESSAGES, Q.MESSAGE_SIZE, Q.MESSAGE_BYTES, Q.TOTAL_VOLUME, Q.BUSIEST_SENT,
         Q.BUSIEST_RECEIVED, Q.BUSIEST_TRAFFIC, Q.BUSIEST_BYTES_SENT,
         Q.BUSIEST_BYTES_RECEIVED, Q.ROUNDS, Q.TIME, Q.LATENCY_TIME, Q.BANDWIDTH_RATIO, Q.TOTAL_BYTES, *WORKER_COSTS,
         *SERVER_COSTS)
"""The costs (table columns) a part may ask of each scheme, in the catalogue."""
IN_BYTES = {Q.MESSAGE_BYTES.key: Q.MESSAGE_SIZE.key, Q.TOTAL_BYTES.key: Q.TOTAL_VOLUME.key,
            Q.BUSIEST_BYTES_SENT.key: Q.BUSIEST_SENT.key,
            Q.BUSIEST_BYTES_RECEIVED.key: Q.BUSIEST_RECEIVED.key,
            Q.BYTES_SENT.key: Q.VALUES_SENT.key, Q.BYTES_RECEIVED.key: Q.VALUES_RECEIVED.key,
            Q.SERVER_BYTES_SENT.key: Q.SERVER_VALUES_SENT.key,
            Q.SERVER_BYTES_RECEIVED.key: Q.SERVER_VALUES_RECEIVED.key,
            Q.BYTES_SENT_PLUS_RECEIVED.key: Q.SENT_PLUS_RECEIVED.key,
            Q.SERVER_BYTES_SENT_PLUS_RECEIVED.key: Q.SERVER_SENT_PLUS_RECEIVED.key}
"""A cost in bytes -> the same cost in elements (times the element type's bytes)."""
ON_SERVER = {Q.VALUES_SENT.key: Q.SERVER_VALUES_SENT.key,
             Q.VALUES_RECEIVED.key: Q.SERVER_VALUES_RECEIVED.key,
             Q.SENT_PLUS_RECEIVED.key: Q.SERVER_SENT_PLUS_RECEIVED.key,
             Q.BYTES_SENT.key: Q.SERVER_BYTES_SENT.key,
             Q.BYTES_RECEIVED.key: Q.SERVER_BYTES_RECEIVED.key,
             Q.BYTES_SENT_PLUS_RECEIVED.key: Q.SERVER_BYTES_SENT_PLUS_RECEIVED.key}
"""A per-node cost asked of a worker -> the same asked of a server."""
SCHEME_FREE = (Q.GRADIENT_BYTES.key,)
"""What a part may ask with no scheme: the size of one full gradient in bytes (p entries times
the element's bytes), the same whatever the scheme."""
ASKS = (*COSTS, Q.IDENTIFICATION, Q.HOLDS_SUM, Q.FASTER, Q.GRADIENT_BYTES)
"""Everything a part may ask of each scheme: its costs, which scheme it is, and that every
worker ends with the sum (the exact simulator's check); and the size of one full gradient."""

COMMUNICATION = Family(
    key=KEY, title="Communication cost of data-parallel training",
    spec=imported(f"{__package__}.spec:CommunicationSpec"),
    solver=imported(f"{__package__}.solve:solve"),
    witness=imported(f"{__package__}.witness:witnesses"),
    answers=ASKS, entries=tuple(S.SCHEMES), facts=CommunicationFacts,
    measure=imported(f"{__package__}.measure:measure"),
    reader=f"{__package__}.reader", checker=f"{__package__}.check",
    problems=("problems/texts/distributed-training.txt", "problems/distributed-training.yaml"))
