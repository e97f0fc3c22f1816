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
    words: int = Field(ge=0)
    entities: list[EntityCount] = Field(default_factory=list)
    incidents: int = Field(default=0, ge=0)
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
    date_text: str | None = Field(default=None, description="the words the date came from")
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
    intercepted: bool | None = None
    evidence: list[Evidence] = Field(min_length=1)
    mentions: int = Field(ge=1)


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
