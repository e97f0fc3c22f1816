"""Gazetteer: the pattern files under ``patterns/`` (bases, provinces, actors).

The files are data, validated on load by pydantic models with ``extra="forbid"`` so a typo in
a key names its file and entry. This module imports nothing from spaCy: it turns the files
into plain lookup tables and into token patterns that :mod:`escalation_cli.pipeline.gazetteer`
feeds to a matcher.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

LABELS = ("BASE", "PROVINCE", "ACTOR")
PLACE = "PLACE"  # towns listed under a province; not a file of their own
FILE_FOR_LABEL = {"BASE": "bases.yaml", "PROVINCE": "provinces.yaml", "ACTOR": "actors.yaml"}

Id = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", min_length=1, max_length=80)]
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]

Alignment = Literal[
    "us_led",
    "iran_aligned",
    "syrian_government",
    "russia",
    "turkey",
    "israel",
    "isis",
    "sdf",
    "other",
]
ActorType = Literal[
    "state",
    "armed_force",
    "government_body",
    "militia",
    "armed_group",
    "official",
    "media",
    "international_org",
    "other",
]


class GazetteerError(ValueError):
    """A pattern file that cannot be used; the message is one line naming file and entry."""


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    ambiguous: list[str] = Field(default_factory=list)
    notes: str | None = None

    @field_validator("aliases", "ambiguous")
    @classmethod
    def _no_blank_alias(cls, values: list[str]) -> list[str]:
        if any(not v.strip() for v in values):
            raise ValueError("blank alias")
        return values

    def spellings(self) -> list[str]:
        """The canonical name and every alias as written (case variants kept), in file order."""
        return list(dict.fromkeys((self.name, *self.aliases)))


class BaseEntry(_Entry):
    country: str
    province: Id | None = None
    kind: Literal[
        "base", "airfield", "outpost", "oil_field", "gas_field", "diplomatic", "camp", "port"
    ] = "base"
    lat: Latitude
    lon: Longitude


class ProvinceEntry(_Entry):
    country: str
    kind: Literal["governorate", "province", "region"] = "province"
    lat: Latitude
    lon: Longitude
    places: list[str] = Field(default_factory=list)
    # A capital whose name alone stands for a government ("Damascus said"): tagged as that
    # actor, but "in Damascus" still locates an event in this province.
    capital: str | None = None

    def spellings(self) -> list[str]:
        """A province named after its capital ("Baghdad") is not matched by that name alone:
        the bare name is the government's (see ``capital``)."""
        names = super().spellings()
        if self.capital and normalise_alias(self.capital) == normalise_alias(self.name):
            return [n for n in names if normalise_alias(n) != normalise_alias(self.name)]
        return names


class ActorEntry(_Entry):
    type: ActorType
    alignment: Alignment
    country: str | None = None
    affiliation: Id | None = None
    titles: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list)

    lat: Latitude | None = None  # states: a point to map country-level events
    lon: Longitude | None = None

    def spellings(self) -> list[str]:
        return list(dict.fromkeys((self.name, *self.aliases, *self.demonyms)))


ENTRY_MODEL: dict[str, type[_Entry]] = {
    "BASE": BaseEntry,
    "PROVINCE": ProvinceEntry,
    "ACTOR": ActorEntry,
}


class _PatternFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: Literal["BASE", "PROVINCE", "ACTOR"]
    entries: list[dict]


@dataclass(frozen=True)
class Place:
    """A town listed under a province: its mention locates an event in that province."""

    id: str
    name: str
    province: str


@dataclass(frozen=True)
class Alias:
    """One spelling and the entry it names."""

    text: str
    label: str
    id: str
    ambiguous: bool = False


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
_DASHES = re.compile(r"[\-\u2010\u2011\u2012\u2013\u2014]+")


def normalise_alias(text: str) -> str:
    """The key two spellings share when they are the same name: case, dashes, apostrophes."""
    text = text.translate(_APOSTROPHES).casefold()
    text = _DASHES.sub(" ", text)
    return " ".join(text.split())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", normalise_alias(text)).strip("_")


@dataclass
class Gazetteer:
    bases: dict[str, BaseEntry] = field(default_factory=dict)
    provinces: dict[str, ProvinceEntry] = field(default_factory=dict)
    actors: dict[str, ActorEntry] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    sources: list[Path] = field(default_factory=list)

    # ---- lookups -------------------------------------------------------------------------
    def table(self, label: str) -> dict:
        return {
            "BASE": self.bases,
            "PROVINCE": self.provinces,
            "ACTOR": self.actors,
            PLACE: self.places,
        }[label]

    def get(self, label: str, entry_id: str):
        return self.table(label).get(entry_id)

    def name_of(self, label: str, entry_id: str) -> str | None:
        entry = self.get(label, entry_id)
        return entry.name if entry is not None else None

    def province_of_capital(self, text: str) -> str | None:
        key = normalise_alias(text)
        for province in self.provinces.values():
            if province.capital and normalise_alias(province.capital) == key:
                return province.id
        return None

    def counts(self) -> dict[str, int]:
        return {
            "BASE": len(self.bases),
            "PROVINCE": len(self.provinces),
            "ACTOR": len(self.actors),
            PLACE: len(self.places),
            "aliases": len(self.aliases()),
        }

    def aliases(self) -> list[Alias]:
        """Every spelling with the entry it names, in file order."""
        out: list[Alias] = []
        for label in LABELS:
            for entry in self.table(label).values():
                marked = {normalise_alias(a) for a in entry.ambiguous}
                for text in entry.spellings():
                    out.append(Alias(text, label, entry.id, normalise_alias(text) in marked))
        for place in self.places.values():
            out.append(Alias(place.name, PLACE, place.id))
        return out

    def resolve(self, text: str, labels: Iterable[str] = (*LABELS, PLACE)) -> Alias | None:
        """The entry a spelling names (first declared when shared), or None."""
        key = normalise_alias(text)
        index = self._index()
        for alias in index.get(key, ()):
            if alias.label in labels:
                return alias
        return None

    def _index(self) -> dict[str, list[Alias]]:
        cached = getattr(self, "_index_cache", None)
        if cached is None:
            cached = {}
            for alias in self.aliases():
                cached.setdefault(normalise_alias(alias.text), []).append(alias)
            self._index_cache = cached
        return cached

    def ruler_patterns(self, tokenize: Callable[[str], list[str]]) -> list[dict]:
        """Token patterns for a spaCy matcher, one per spelling variant.

        Multi-token names match case-insensitively; a single-token name (Tanf, RLZ, US,
        Pentagon) matches as written, so "us" the pronoun is never the United States.
        Dash and apostrophe variants are generated here, not listed in the files.
        """
        patterns: list[dict] = []
        seen: set[tuple] = set()
        for alias in self.aliases():
            for variant in _variants(alias.text):
                tokens = [t for t in tokenize(variant) if t.strip()]
                if not tokens:
                    continue
                if len(tokens) == 1:
                    pattern = [{"ORTH": tokens[0]}]
                else:
                    pattern = [{"LOWER": t.lower()} for t in tokens]
                key = (alias.label, alias.id, tuple(tuple(p.items())[0] for p in pattern))
                if key in seen:
                    continue
                seen.add(key)
                patterns.append({"label": alias.label, "id": alias.id, "pattern": pattern})
        return patterns


def _variants(text: str) -> list[str]:
    out = [text]
    if "-" in text:
        out.append(text.replace("-", " "))
    for form in list(out):
        if "'" in form:
            out.append(form.replace("'", "\u2019"))
        if "\u2019" in form:
            out.append(form.replace("\u2019", "'"))
    return list(dict.fromkeys(out))


# ---- loading ---------------------------------------------------------------------------------


def shipped_patterns_dir() -> Path:
    """The pattern directory that ships with the tool.

    ``ESCALATION_PATTERNS_DIR`` wins; then the checkout's ``patterns/`` (editable install);
    then the copy a wheel installs under ``share/escalation-cli/patterns``.
    """
    env = os.environ.get("ESCALATION_PATTERNS_DIR")
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parents[2] / "patterns"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "escalation-cli" / "patterns"


def load_gazetteer(extra_dirs: Sequence[Path | str] = (), *, shipped: bool = True) -> Gazetteer:
    """Load the shipped pattern files, then each extra directory on top of them.

    An entry in a later directory with the id of an earlier one replaces it; new ids are added.
    Raises :class:`GazetteerError` with a one-line message naming file and entry.
    """
    dirs = ([shipped_patterns_dir()] if shipped else []) + [Path(d) for d in extra_dirs]
    gaz = Gazetteer()
    for directory in dirs:
        if not directory.is_dir():
            raise GazetteerError(f"{directory}: not a directory of pattern files")
        files = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
        if not files:
            raise GazetteerError(f"{directory}: no *.yaml pattern files")
        for path in files:
            _load_file(path, gaz)
    _check_references(gaz)
    _check_aliases(gaz)
    return gaz


def _load_file(path: Path, gaz: Gazetteer) -> None:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"{path}: cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise GazetteerError(f"{path}:{where}: {problem}") from exc
    try:
        doc = _PatternFile.model_validate(raw)
    except ValidationError as exc:
        raise GazetteerError(f"{path}: {_first_error(exc)}") from exc
    model = ENTRY_MODEL[doc.label]
    table = gaz.table(doc.label)
    seen_here: set[str] = set()
    for position, item in enumerate(doc.entries, start=1):
        ident = item.get("id") if isinstance(item, dict) else None
        who = f"entry {ident!r}" if ident else f"entry #{position}"
        try:
            entry = model.model_validate(item)
        except ValidationError as exc:
            raise GazetteerError(f"{path}: {who}: {_first_error(exc)}") from exc
        if entry.id in seen_here:
            raise GazetteerError(f"{path}: {who}: duplicate id {entry.id!r}")
        seen_here.add(entry.id)
        table[entry.id] = entry
    gaz.sources.append(path)
    if doc.label == "PROVINCE":
        _index_places(gaz)


def _index_places(gaz: Gazetteer) -> None:
    gaz.places.clear()
    for province in gaz.provinces.values():
        for name in province.places:
            place_id = slug(name)
            gaz.places.setdefault(place_id, Place(place_id, name, province.id))


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err.get("loc", ()) if p != "__root__")
    msg = err.get("msg", "invalid")
    if err.get("type") == "extra_forbidden":
        msg = "unknown key"
    return f"{loc}: {msg}" if loc else msg


def _check_references(gaz: Gazetteer) -> None:
    for base in gaz.bases.values():
        if base.province is not None and base.province not in gaz.provinces:
            raise GazetteerError(
                f"{_file_of(gaz, 'BASE')}: entry {base.id!r}: unknown province {base.province!r}"
            )
    for actor in gaz.actors.values():
        if actor.affiliation is not None and actor.affiliation not in gaz.actors:
            raise GazetteerError(
                f"{_file_of(gaz, 'ACTOR')}: entry {actor.id!r}: "
                f"unknown affiliation {actor.affiliation!r}"
            )


def _check_aliases(gaz: Gazetteer) -> None:
    claims: dict[str, list[Alias]] = {}
    for alias in gaz.aliases():
        claims.setdefault(normalise_alias(alias.text), []).append(alias)
    for owners in claims.values():
        distinct = {(a.label, a.id) for a in owners}
        if len(distinct) < 2:
            continue
        if all(a.ambiguous for a in owners):
            continue
        first = owners[0]
        second = next(a for a in owners if (a.label, a.id) != (first.label, first.id))
        raise GazetteerError(
            f"{_file_of(gaz, second.label)}: entry {second.id!r}: alias {second.text!r} is "
            f"already claimed by {first.label.lower()} {first.id!r} "
            f"(list it under 'ambiguous' in both to allow this)"
        )


def _file_of(gaz: Gazetteer, label: str) -> str:
    label = "PROVINCE" if label == PLACE else label
    name = FILE_FOR_LABEL[label]
    for path in reversed(gaz.sources):
        if path.name == name:
            return str(path)
    return name
