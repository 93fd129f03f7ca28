"""The communication family: the cost of one synchronisation step of data-parallel training,
each collective scheme a message schedule."""

from __future__ import annotations

from optiproof.catalogue import quantities as Q
from optiproof.catalogue import schemes as S
from optiproof.families.base import Family, imported
from optiproof.families.communication.facts import CommunicationFacts

KEY = "communication"
COSTS = (Q.MESSAGES, Q.MESSAGE_SIZE, Q.MESSAGE_BYTES, Q.TOTAL_VOLUME, Q.BUSIEST_SENT,
         Q.BUSIEST_RECEIVED, Q.ROUNDS, Q.TIME, Q.BANDWIDTH_RATIO)
"""The costs (table columns) a part may ask of each scheme, in the catalogue."""
ASKS = (*COSTS, Q.IDENTIFICATION)
"""Everything a part may ask of each scheme: its costs and which scheme it is."""

COMMUNICATION = Family(
    key=KEY, title="Communication cost of data-parallel training",
    spec=imported(f"{__package__}.spec:CommunicationSpec"),
    solver=imported(f"{__package__}.solve:solve"),
    witness=imported(f"{__package__}.witness:witnesses"),
    answers=ASKS, entries=tuple(S.SCHEMES), facts=CommunicationFacts,
    measure=imported(f"{__package__}.measure:measure"),
    reader=f"{__package__}.reader",
    problems=("problems/texts/distributed-training.txt", "problems/distributed-training.yaml"))
