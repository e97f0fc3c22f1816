"""What a claim cue records: token spans of cue, content, claimant, relay and accused."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClaimCue:
    cue: tuple[int, int]  # token span of the cue words
    content: tuple[int, int]  # token span of the content
    claimant: int | None  # head token of the claimant, None when unattributed
    # "verb", "noun", "according", "passive", "said_to", "as_per", "trailing", "object",
    # "responsibility", "accusation", "naming", "belief", "hearsay", "headline"
    kind: str
    distanced: bool
    via: int | None = None  # head token of the relay ("as reported by Reuters")
    accused: int | None = None  # head token of whom an accusation names
    responsibility: bool = False  # "X claimed responsibility for ..."
