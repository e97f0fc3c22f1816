"""What one mention of an event says, and a cluster of mentions of one event.

A :class:`Mention` is filled by the field readers of this package (weapon, location, dates,
casualties, perpetrator), each reading only the mention's zone of the parse.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from escalation_cli.pipeline.incidents import IncidentCue


@dataclass
class Mention:
    cue: IncidentCue
    order: int
    weapon: str = "unknown"
    weapon_count: int | None = None
    base: str | None = None  # base id
    bases: tuple[str, ...] = ()  # every base the mention names
    province: str | None = None  # province id
    provinces: tuple[str, ...] = ()  # every province the mention names, in text order
    place: str | None = None
    country: str | None = None
    countries: frozenset[str] = frozenset()
    counted_countries: tuple[str, ...] = ()  # "three bases in Syria": counted places there
    state_target: bool = False  # "the attack on Iraq": a war told in passing, not an incident
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    date_rule: str | None = None  # "anaphoric", "earlier_today", or None when resolved
    date_hint: tuple | None = None  # what the date phrase names, resolved or not (dates.py)
    date_told: bool = False  # the day it was said ("said Friday"), a stand-in for the event's
    killed: int | None = None
    killed_qualifier: str | None = None
    wounded: int | None = None
    wounded_qualifier: str | None = None
    casualty_group: str | None = None
    casualty_source: str | None = None
    figures: list = field(default_factory=list)  # casualties.Figure, in text order
    perpetrator: str | None = None
    perpetrator_alignment: str | None = None
    # the party behind the perpetrator: "US military" and "United States" are one
    perpetrator_party: str | None = None
    attribution: str | None = None
    target: str | None = None
    intercepted: bool | None = None
    evidence: tuple[int, int] = (0, 0)
    section: str = "body"  # sections.HEAD, CAPTION or BODY: where in the article it is told
    side: str | None = None  # perpetrator.US_STRIKE or ON_US: which way the violence went

    @property
    def located(self) -> bool:
        return bool(self.base or self.province or self.place or self.country)

    @property
    def informative(self) -> bool:
        return bool(
            self.located
            or self.date
            or self.killed is not None
            or self.wounded is not None
            or self.weapon != "unknown"
        )


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    # (date, precision, words) known only from the events it is related to
    related_date: tuple[str, str, str | None] | None = None

    def value(self, name: str):
        for mention in self.mentions:
            value = getattr(mention, name)
            if value not in (None, "unknown"):
                return value
        return None

    @property
    def last_order(self) -> int:
        return self.mentions[-1].order

    def date(self) -> tuple[str, str, str | None] | None:
        """(date, precision, words): the most precise its mentions give, else a related one."""
        dated = [m for m in self.mentions if m.date]
        if dated:
            best = max(dated, key=lambda m: (not m.date_told, len(m.date), -m.order))
            return best.date, best.date_precision, best.date_text
        return self.related_date

    def unplaced_day(self) -> str | None:
        """The words of a weekday no date places ("early Monday" in an undated article)."""
        return next(
            (
                m.date_text
                for m in self.mentions
                if not m.date and m.date_text and m.date_hint and m.date_hint[0] == "weekday"
            ),
            None,
        )


def zone_text(doc: Doc, zone: tuple[int, ...]) -> str:
    """The zone's tokens as text; a gap between runs becomes ' … ' so phrases do not join."""
    parts = []
    previous = None
    for i in zone:
        if previous is not None and i != previous + 1:
            parts.append(" \u2026 ")
        token = doc[i]
        parts.append(_masked(token) + (token.whitespace_ if i + 1 in zone else ""))
        previous = i
    return "".join(parts)


_NAME_LABELS = frozenset(
    {
        "BASE",
        "PROVINCE",
        "PLACE",
        "ACTOR",
        "DATE",
        "TIME",
        "ORG",
        "FAC",
        "PRODUCT",
        "LAW",
        "EVENT",
        "WORK_OF_ART",
    }
)


def _masked(token: Token) -> str:
    """Numbers that belong to names and dates ("Tower 22", "23 March") are not figures."""
    if token.ent_type_ in _NAME_LABELS and (token.like_num or any(c.isdigit() for c in token.text)):
        return "#" * len(token.text)
    return token.text
