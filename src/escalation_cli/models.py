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
    text: str = Field(description="the article text that all character offsets refer to")
