"""Pydantic records: what the tool writes. Imports nothing from the project."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Precision = Literal["day", "month", "year"]
EntityLabel = Literal["BASE", "PROVINCE", "PLACE", "ACTOR"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EntityCount(_Record):
    """A gazetteer entry an article mentions, and how often."""

    label: EntityLabel
    id: str
    name: str
    count: int = Field(ge=1)


class Article(_Record):
    """One article as read and tagged."""

    article_id: str = Field(pattern=r"^[0-9a-f]{16}$", description="hash of the normalised text")
    source: str = Field(description="file the article came from (with #N or :LINE inside JSON)")
    title: str | None = None
    published: str | None = Field(
        default=None,
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="publication date, as precise as known (YYYY-MM-DD, YYYY-MM or YYYY)",
    )
    published_precision: Precision | None = None
    published_source: Literal["header", "inferred"] | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    dateline: str | None = Field(
        default=None, description="where the story was filed, as its dateline says (BAGHDAD)"
    )
    words: int = Field(ge=0)
    entities: list[EntityCount] = Field(default_factory=list)
    incidents: int = Field(default=0, ge=0, description="incidents in scope")
    quotes: int = Field(default=0, ge=0)
    claims: int = Field(default=0, ge=0)
    relevant: bool = Field(
        default=True,
        description="false when the article showed no sign of the conflict (no base, province "
        "or place named, no actor of the conflict with attack vocabulary) and was not run "
        "through the model",
    )
    text: str = Field(description="the article text that all character offsets refer to")


Weapon = Literal[
    "drone", "rocket", "missile", "mortar", "airstrike", "artillery", "ied", "small_arms", "unknown"
]
Qualifier = Literal["exact", "at_least", "more_than", "about"]
Attribution = Literal["stated", "claimed_responsibility", "alleged", "suspected"]
GeoPrecision = Literal["base", "place", "province", "country"]


class Evidence(_Record):
    """A sentence that reports the record, with character offsets into the article text."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Incident(_Record):
    """One concrete violent event an article reports (all its mentions merged)."""

    incident_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    article_id: str
    date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    date_precision: Precision | None = None
    date_text: str | None = Field(
        default=None,
        description=(
            "the words the date came from; with no date, a weekday the text names but nothing "
            'places ("early Monday" in an undated article)'
        ),
    )
    weapon: Weapon = "unknown"
    base: str | None = Field(default=None, description="canonical base name")
    place: str | None = Field(default=None, description="town, city or area as written")
    province: str | None = None
    country: str | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    geo_precision: GeoPrecision | None = None
    perpetrator: str | None = None
    perpetrator_attribution: Attribution | None = None
    target: str | None = None
    killed: int | None = Field(default=None, ge=0)
    killed_qualifier: Qualifier | None = None
    wounded: int | None = Field(default=None, ge=0)
    wounded_qualifier: Qualifier | None = None
    casualty_group: str | None = None
    side: Literal["us_strike", "on_us", "other"] | None = Field(
        default=None,
        description="which way the violence went: a strike by the US and its allies, an attack "
        "on them, or a conflict of its own (Hamas, the Houthis); null when the text does not say",
    )
    casualty_source: str | None = Field(
        default=None, description="whose figures they are, when the text attributes them"
    )
    intercepted: bool | None = None
    evidence: list[Evidence] = Field(min_length=1)
    mentions: int = Field(ge=1)
    in_scope: bool = Field(
        default=True,
        description="part of the US-Iran escalation theatre (countries and actors of the "
        "gazetteer); out-of-scope incidents are written only with --out-of-scope",
    )


class Quote(_Record):
    """A direct quotation and who said it."""

    quote_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    article_id: str
    text: str = Field(description="the quoted words, without the quotation marks")
    start: int = Field(ge=0, description="offset of the first quoted character in the text")
    end: int = Field(ge=0)
    speaker: str | None = Field(default=None, description="canonical full name or organisation")
    speaker_mention: str | None = Field(default=None, description="the words in the text")
    speaker_title: str | None = None
    speaker_actor: str | None = Field(default=None, description="organisation or state")
    cue: str | None = Field(default=None, description="reporting verb")
    partial: bool = Field(description="a fragment inside the author's own sentence")
    speaker_anonymous: bool = Field(
        default=False,
        description="the speaker is an unnamed source, given by its description "
        '("US defense official", "security sources")',
    )


class Claim(_Record):
    """An attributed assertion that is not a direct quotation."""

    claim_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    article_id: str
    claimant: str | None = Field(default=None, description="canonical; null when unattributed")
    claimant_mention: str | None = None
    cue: str
    content: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    distanced: bool = Field(description="the author signals doubt (claimed, alleged, ...)")
    via: str | None = Field(default=None, description="the relay, e.g. the outlet that reported")
    responsibility_claim: bool = Field(
        default=False,
        description='"X claimed responsibility for ...": a group claims an attack (not distanced)',
    )
    accused: str | None = Field(
        default=None,
        description='whom an accusation names: Y in "X accused Y of Z", "X blamed Z on Y" '
        "(canonical where the gazetteer knows it)",
    )


# ---- events: one record per real-world event, over the incidents of many articles ----------

EventKind = Literal["attack", "strike", "other"]
Disputed = Literal["killed", "wounded", "date", "perpetrator", "intercepted"]


class EventSource(_Record):
    """One report of an event: the incident record and the article it comes from."""

    article_id: str
    incident_id: str
    outlet: str | None = None
    url: str | None = None
    source: str | None = Field(default=None, description="the file the article came from")
    published: str | None = None
    date: str | None = Field(default=None, description="the date this report gives")
    killed: int | None = Field(default=None, ge=0, description="this report's own figure")
    wounded: int | None = Field(default=None, ge=0, description="this report's own figure")
    perpetrator: str | None = None
    intercepted: bool | None = None
    casualty_source: str | None = Field(default=None, description="whose figure it is")
    evidence: str | None = Field(default=None, description="the first sentence that reports it")


class Event(_Record):
    """One real-world event: the incidents of every article that reports it."""

    event_id: str = Field(
        pattern=r"^[0-9a-f]{16}$", description="hash of the incident of its earliest report"
    )
    kind: EventKind = Field(
        description="attack (on US or coalition forces), strike (by US or coalition forces), "
        "other (by another party)"
    )
    date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    date_precision: Precision | None = Field(
        default=None, description="the overlap of the members' dates"
    )
    weapon: Weapon = "unknown"
    base: str | None = None
    place: str | None = None
    province: str | None = None
    country: str | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    geo_precision: GeoPrecision | None = Field(
        default=None, description="the most precise location the members agree on"
    )
    perpetrator: str | None = None
    perpetrator_attribution: Attribution | None = None
    target_actor: str | None = Field(default=None, description="the side that was hit, as an actor")
    killed: int | None = Field(default=None, ge=0, description="the lowest figure any report gives")
    killed_max: int | None = Field(default=None, ge=0)
    wounded: int | None = Field(
        default=None, ge=0, description="the lowest figure any report gives"
    )
    wounded_max: int | None = Field(default=None, ge=0)
    intercepted: bool | None = Field(default=None, description="null when reports disagree")
    in_scope: bool | None = None
    disputed: list[Disputed] = Field(
        default_factory=list, description="the fields the reports disagree on"
    )
    sources: list[EventSource] = Field(min_length=1)
    n_articles: int = Field(ge=1)
    n_outlets: int = Field(ge=1)
    first_reported: str | None = Field(
        default=None, description="the earliest publication date among the reports"
    )
