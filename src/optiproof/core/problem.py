"""The fields every part spec has; each family's spec model subclasses :class:`PartSpec`.

The Problem model that unites the registered families' specs lives with the registry, in
:mod:`optiproof.families.problem`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class PartSpec(BaseModel):
    """Fields every part has. Families subclass this with ``family: Literal[<their key>]``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field("main", max_length=20, description="Part label: a, b, c ... or main.")
    question: str = Field("", max_length=4000, description="The part's question, as stated.")
