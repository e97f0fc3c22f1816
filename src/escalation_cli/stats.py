"""Stats: a summary of extracted records, streamed from JSONL.

Never imports spaCy or the pipeline, so ``escalation stats`` starts at once. Reads an output
directory (the four record files and events.jsonl), one JSONL file, or a stream (``-``) such
as the one ``escalation extract --out -`` writes (records with a ``"type"`` field).

Where there are events, incidents are counted as events (one per real-world event, however
many articles report it); ``records=True`` counts the incident records instead.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from escalation_cli.writers import RECORD_TYPES
from escalation_cli.writers import SINGULAR as WRITER_SINGULAR

KINDS = RECORD_TYPES
SINGULAR = {one: kind for kind, one in WRITER_SINGULAR.items()}  # "incident" -> "incidents"
NONE = "(none)"
INCIDENT_FIELDS = (
    "weapon",
    "base",
    "province",
    "country",
    "place",
    "perpetrator",
    "perpetrator_attribution",
    "casualty_group",
    "month",
    "year",
    "target",
)
BREAKDOWNS = (*INCIDENT_FIELDS, "speaker", "speaker_actor", "claimant")
# what an event record has of the incident breakdowns, and its own
EVENT_FIELDS = (
    "weapon",
    "base",
    "province",
    "country",
    "place",
    "perpetrator",
    "perpetrator_attribution",
    "month",
    "year",
    "kind",
    "target_actor",
)
EVENTS = "events"


class StatsError(ValueError):
    """Input that cannot be summarised at all; the message is one line."""


@dataclass(frozen=True)
class LineError:
    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


# ---- reading ---------------------------------------------------------------------------------


def sources_of(target: str) -> list[tuple[str, str | None]]:
    """(path or "-", kind or None when each line says its own type)."""
    if target == "-":
        return [("-", None)]
    path = Path(target)
    if path.is_dir():
        found = [
            (str(path / f"{kind}.jsonl"), kind)
            for kind in KINDS
            if (path / f"{kind}.jsonl").is_file()
        ]
        if found and (path / f"{EVENTS}.jsonl").is_file():
            found.append((str(path / f"{EVENTS}.jsonl"), EVENTS))
        if not found:
            raise StatsError(
                f"{path}: no articles/incidents/quotes/claims.jsonl here "
                f"(run escalation extract first)"
            )
        if all(
            (path / f"{kind}.jsonl").stat().st_size == 0
            for kind in KINDS
            if (path / f"{kind}.jsonl").is_file()
        ):
            raise StatsError(f"{path}: the record files are empty")
        return found
    if path.is_file():
        kind = path.stem if path.stem in (*KINDS, EVENTS) else None
        return [(str(path), kind)]
    raise StatsError(f"{path}: no such output directory or file")


def iter_records(target: str, on_error: Callable[[LineError], None]) -> Iterator[tuple[str, dict]]:
    """(kind, record) for every line, articles first, streaming; bad lines go to on_error."""
    for path, kind in sources_of(target):
        handle: IO[str]
        if path == "-":
            handle = sys.stdin
            name = "<stdin>"
        else:
            handle = open(path, encoding="utf-8")  # noqa: SIM115 (closed below)
            name = path
        try:
            for lineno, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    on_error(LineError(name, lineno, f"invalid JSON: {exc.msg}"))
                    continue
                except RecursionError:  # a hostile line of deeply nested brackets
                    on_error(LineError(name, lineno, "invalid JSON: nested too deeply"))
                    continue
                if not isinstance(record, dict):
                    on_error(LineError(name, lineno, "not a JSON object"))
                    continue
                record_kind = kind or SINGULAR.get(str(record.get("type"))) or _guess(record)
                if record_kind is None:
                    on_error(
                        LineError(name, lineno, "not an article, incident, quote, claim or event")
                    )
                    continue
                yield record_kind, record
        finally:
            if handle is not sys.stdin:
                handle.close()


def _guess(record: dict) -> str | None:
    for key, kind in (
        ("event_id", EVENTS),
        ("incident_id", "incidents"),
        ("quote_id", "quotes"),
        ("claim_id", "claims"),
        ("words", "articles"),
    ):
        if key in record:
            return kind
    return None


# ---- summarising -----------------------------------------------------------------------------


@dataclass
class Filters:
    since: str | None = None
    until: str | None = None

    def admits(self, date: str | None) -> bool:
        if self.since is None and self.until is None:
            return True
        if not date:
            return False
        # a month or a year is in range when it overlaps it
        if self.since and date < self.since[: len(date)]:
            return False
        if self.until and date[: len(self.until)] > self.until:
            return False
        return True


@dataclass
class Summary:
    articles: int = 0
    relevant: int = 0
    incidents: int = 0
    quotes: int = 0
    claims: int = 0
    distanced: int = 0
    killed: int = 0
    wounded: int = 0
    no_killed_figure: int = 0
    no_wounded_figure: int = 0
    by: dict[str, Counter] = field(default_factory=lambda: {b: Counter() for b in BREAKDOWNS})
    events: EventTally = field(default_factory=lambda: EventTally())
    records: bool = False  # count incident records even where there are events

    @property
    def counted(self) -> str:
        """What incidents are counted as: "events" where there are any, else "incidents"."""
        return "events" if self.events.seen and not self.records else "incidents"

    def as_dict(self, top: int | None = None) -> dict:
        if self.counted == "events":
            return self._events_dict(top)
        return {"counted": "incidents", **self._records_dict(top)}

    def _events_dict(self, top: int | None) -> dict:
        e = self.events
        records = self._records_dict(top)
        return {
            "counted": "events",
            "articles": records["articles"],
            "events": {
                "total": e.total,
                "incident_records": self.incidents,
                "by_weapon": _ranked(e.by["weapon"], top),
                "by_base": _ranked(e.by["base"], top),
                "by_province": _ranked(e.by["province"], top),
                "by_country": _ranked(e.by["country"], top),
                "by_perpetrator": _ranked(e.by["perpetrator"], top),
                "by_kind": _ranked(e.by["kind"], top),
                "by_month": dict(sorted(e.by["month"].items())),
                "reported_by_several_articles": e.several,
            },
            "casualties": {
                "killed": e.killed,
                "killed_max": e.killed_max,
                "wounded": e.wounded,
                "wounded_max": e.wounded_max,
                "events_without_killed_figure": e.no_killed_figure,
                "events_without_wounded_figure": e.no_wounded_figure,
                "events_with_disputed_figures": e.disputed_figures,
            },
            "quotes": records["quotes"],
            "claims": records["claims"],
        }

    def _records_dict(self, top: int | None) -> dict:
        def ranked(counter: Counter) -> dict:
            return _ranked(counter, top)

        return {  # the incident records, one per article that reports an event
            "articles": {"total": self.articles, "relevant": self.relevant},
            "incidents": {
                "total": self.incidents,
                "by_weapon": ranked(self.by["weapon"]),
                "by_base": ranked(self.by["base"]),
                "by_province": ranked(self.by["province"]),
                "by_country": ranked(self.by["country"]),
                "by_perpetrator": ranked(self.by["perpetrator"]),
                "by_month": dict(sorted(self.by["month"].items())),
            },
            "casualties": {
                "killed": self.killed,
                "wounded": self.wounded,
                "incidents_without_killed_figure": self.no_killed_figure,
                "incidents_without_wounded_figure": self.no_wounded_figure,
            },
            "quotes": {"total": self.quotes, "top_speakers": ranked(self.by["speaker"])},
            "claims": {
                "total": self.claims,
                "distanced": self.distanced,
                "distanced_share": round(self.distanced / self.claims, 4) if self.claims else None,
                "by_claimant": ranked(self.by["claimant"]),
            },
        }


@dataclass
class EventTally:
    """Events counted once each, with the lowest and highest casualty figures of their
    reports."""

    seen: bool = False  # the input holds events (some may be filtered out)
    total: int = 0
    several: int = 0  # reported by more than one article
    killed: int = 0
    killed_max: int = 0
    wounded: int = 0
    wounded_max: int = 0
    no_killed_figure: int = 0
    no_wounded_figure: int = 0
    disputed_figures: int = 0
    by: dict[str, Counter] = field(default_factory=lambda: {b: Counter() for b in EVENT_FIELDS})

    def add(self, event: dict, date: str | None) -> None:
        self.total += 1
        self.several += (event.get("n_articles") or 1) > 1
        for name in EVENT_FIELDS:
            self.by[name][_value(event, name, date)] += 1
        for figure in ("killed", "wounded"):
            low, high = event.get(figure), event.get(f"{figure}_max")
            if isinstance(low, int):
                setattr(self, figure, getattr(self, figure) + low)
                high = high if isinstance(high, int) else low
                setattr(self, f"{figure}_max", getattr(self, f"{figure}_max") + high)
            else:
                name = f"no_{figure}_figure"
                setattr(self, name, getattr(self, name) + 1)
        disputed = event.get("disputed") or []
        self.disputed_figures += "killed" in disputed or "wounded" in disputed


def _value(record: dict, name: str, date: str | None) -> str:
    """What a record counts under in one breakdown (month and year from ``date``)."""
    if name == "month":
        return date[:7] if date and len(date) >= 7 else NONE
    if name == "year":
        return date[:4] if date else NONE
    return _name(record.get(name))


def _ranked(counter: Counter, top: int | None) -> dict:
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return dict(items[:top] if top else items)


def _name(value) -> str:
    if isinstance(value, dict):
        value = value.get("name")
    if value is None or value == "":
        return NONE
    return str(value)


def summarise(
    records: Iterable[tuple[str, dict]], filters: Filters | None = None, count_records: bool = False
) -> Summary:
    """Summarise a stream of (kind, record). Where the stream holds events, incidents are
    counted as events unless ``count_records``."""
    filters = filters or Filters()
    summary = Summary(records=count_records)
    published: dict[str, str | None] = {}
    for kind, record in records:
        if kind == "articles":
            date = record.get("published")
            published[record.get("article_id")] = date
            if not filters.admits(date):
                continue
            summary.articles += 1
            if record.get("relevant", True):
                summary.relevant += 1
        elif kind == "incidents":
            date = record.get("date") or published.get(record.get("article_id"))
            if not filters.admits(date):
                continue
            summary.incidents += 1
            for name in INCIDENT_FIELDS:
                summary.by[name][_value(record, name, date)] += 1
            killed, wounded = record.get("killed"), record.get("wounded")
            if isinstance(killed, int):
                summary.killed += killed
            else:
                summary.no_killed_figure += 1
            if isinstance(wounded, int):
                summary.wounded += wounded
            else:
                summary.no_wounded_figure += 1
        elif kind == "quotes":
            if not filters.admits(published.get(record.get("article_id"))):
                continue
            summary.quotes += 1
            summary.by["speaker"][_name(record.get("speaker"))] += 1
            summary.by["speaker_actor"][_name(record.get("speaker_actor"))] += 1
        elif kind == "claims":
            if not filters.admits(published.get(record.get("article_id"))):
                continue
            summary.claims += 1
            summary.distanced += bool(record.get("distanced"))
            summary.by["claimant"][_name(record.get("claimant"))] += 1
        elif kind == EVENTS:
            summary.events.seen = True
            date = record.get("date") or record.get("first_reported")
            if filters.admits(date):
                summary.events.add(record, date)
    return summary


def breakdown(summary: Summary, by: str, top: int | None = None) -> dict:
    counters = summary.by
    if summary.counted == "events" and by in INCIDENT_FIELDS + ("kind", "target_actor"):
        if by not in EVENT_FIELDS:
            raise StatsError(
                f"--by {by}: a field of incident records, not of events (add --records)"
            )
        counters = summary.events.by
    elif by in ("kind", "target_actor"):
        raise StatsError(f"--by {by}: a field of events, and there are none here")
    if by not in counters:
        known = ", ".join(dict.fromkeys((*BREAKDOWNS, "kind", "target_actor")))
        raise StatsError(f"--by {by}: unknown field (one of {known})")
    counter = counters[by]
    if by in ("month", "year"):
        return dict(sorted(counter.items()))
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return dict(items[:top] if top else items)
