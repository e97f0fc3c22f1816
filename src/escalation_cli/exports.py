"""Exports: records to CSV (flat columns), ACLED-style CSV and GeoJSON.

Streams the JSONL through :func:`escalation_cli.stats.iter_records`; imports no spaCy. The
ACLED export writes one row per event where there are events (events.jsonl). CSV text cells
that a spreadsheet would read as a formula are neutralised unless ``raw`` is asked for
(:func:`escalation_cli.untrusted.csv_cell`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from escalation_cli.untrusted import csv_cell

# ---- flat CSV --------------------------------------------------------------------------------

CSV_COLUMNS = {
    "articles": [
        "article_id",
        "source",
        "title",
        "published",
        "published_precision",
        "published_source",
        "outlet",
        "author",
        "url",
        "words",
        "incidents",
        "quotes",
        "claims",
        "bases",
        "provinces",
        "actors",
    ],
    "incidents": [
        "incident_id",
        "article_id",
        "date",
        "date_precision",
        "date_text",
        "weapon",
        "base",
        "place",
        "province",
        "country",
        "latitude",
        "longitude",
        "geo_precision",
        "perpetrator",
        "perpetrator_attribution",
        "target",
        "killed",
        "killed_qualifier",
        "wounded",
        "wounded_qualifier",
        "casualty_group",
        "intercepted",
        "mentions",
        "evidence",
        "evidence_start",
        "evidence_end",
    ],
    "quotes": [
        "quote_id",
        "article_id",
        "text",
        "start",
        "end",
        "speaker",
        "speaker_mention",
        "speaker_title",
        "speaker_actor",
        "cue",
        "partial",
        "speaker_anonymous",
    ],
    "events": [
        "event_id",
        "kind",
        "date",
        "date_precision",
        "weapon",
        "base",
        "place",
        "province",
        "country",
        "latitude",
        "longitude",
        "geo_precision",
        "perpetrator",
        "perpetrator_attribution",
        "target_actor",
        "killed",
        "killed_max",
        "wounded",
        "wounded_max",
        "intercepted",
        "disputed",
        "n_articles",
        "n_outlets",
        "first_reported",
        "outlets",
        "incident_ids",
    ],
    "claims": [
        "claim_id",
        "article_id",
        "claimant",
        "claimant_mention",
        "cue",
        "content",
        "start",
        "end",
        "distanced",
        "via",
        "responsibility_claim",
        "accused",
    ],
}


def flatten(kind: str, record: dict) -> dict:
    row = {column: record.get(column) for column in CSV_COLUMNS[kind]}
    if kind == "articles":
        entities = [e for e in record.get("entities", []) if isinstance(e, dict)]
        for label, column in (("BASE", "bases"), ("PROVINCE", "provinces"), ("ACTOR", "actors")):
            row[column] = "; ".join(e.get("name", "") for e in entities if e.get("label") == label)
    if kind == "events":
        sources = [x for x in record.get("sources") or [] if isinstance(x, dict)]
        row["disputed"] = "; ".join(str(d) for d in record.get("disputed") or [])
        row["outlets"] = "; ".join(
            dict.fromkeys(str(x.get("outlet")) for x in sources if x.get("outlet"))
        )
        row["incident_ids"] = "; ".join(str(x.get("incident_id")) for x in sources)
    if kind == "incidents":
        evidence = record.get("evidence") or []
        first = evidence[0] if evidence and isinstance(evidence[0], dict) else {}
        row["evidence"] = first.get("text")
        row["evidence_start"] = first.get("start")
        row["evidence_end"] = first.get("end")
    return {k: _cell(v) for k, v in row.items()}


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return value.get("name", "")
    return value


def write_csv_files(
    records: Iterable[tuple[str, dict]], directory: Path, raw: bool = False
) -> dict[str, int]:
    """One CSV per record type, streamed; each file replaces the old one when complete."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = {kind: directory / f"{kind}.csv" for kind in CSV_COLUMNS}
    handles = {
        kind: path.with_suffix(".csv.tmp").open("w", encoding="utf-8", newline="")
        for kind, path in paths.items()
    }
    counts = dict.fromkeys(CSV_COLUMNS, 0)
    try:
        writers = {
            kind: csv.DictWriter(handle, fieldnames=CSV_COLUMNS[kind], lineterminator="\n")
            for kind, handle in handles.items()
        }
        for writer in writers.values():
            writer.writeheader()
        for kind, record in records:
            writers[kind].writerow(_safe_row(flatten(kind, record), raw))
            counts[kind] += 1
    finally:
        for handle in handles.values():
            handle.close()
    for path in paths.values():
        path.with_suffix(".csv.tmp").replace(path)
    return counts


def incidents_with_articles(
    records: Iterable[tuple[str, dict]], articles: dict[str, dict]
) -> Iterator[dict]:
    """Incidents as they stream by; the articles seen so far (without their text) are kept in
    ``articles`` for the ACLED ``source`` column (an output directory lists articles first)."""
    for kind, record in records:
        if kind == "articles":
            record.pop("text", None)
            articles[record.get("article_id")] = record
        elif kind == "incidents":
            yield record


# ---- ACLED -----------------------------------------------------------------------------------

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
]

REMOTE = "Explosions/Remote violence"
ACLED_TYPES = {
    "drone": (REMOTE, "Air/drone strike"),
    "airstrike": (REMOTE, "Air/drone strike"),
    "rocket": (REMOTE, "Shelling/artillery/missile attack"),
    "missile": (REMOTE, "Shelling/artillery/missile attack"),
    "mortar": (REMOTE, "Shelling/artillery/missile attack"),
    "artillery": (REMOTE, "Shelling/artillery/missile attack"),
    "ied": (REMOTE, "Remote explosive/landmine/IED"),
    "small_arms": ("Battles", "Armed clash"),
    "unknown": (REMOTE, ""),
}
INTERCEPTED = ("Strategic developments", "Disrupted weapons use")
TIME_PRECISION = {"day": 1, "month": 3, "year": 3}
US_FORCES = "Military Forces of the United States"
GEO_PRECISION = {"base": 1, "place": 1, "province": 3, "country": 3}


def _acled_type(record: dict) -> tuple[str, str]:
    """ACLED's event type and sub-event type of an incident or event record."""
    if record.get("intercepted"):
        return INTERCEPTED
    return ACLED_TYPES.get(record.get("weapon") or "unknown", ACLED_TYPES["unknown"])


def _location(record: dict) -> str:
    return (
        _cell(record.get("place"))
        or _cell(record.get("base"))
        or _cell(record.get("province"))
        or _cell(record.get("country"))
    )


def acled_row(incident: dict, article: dict | None, reference=None) -> dict:
    """One incident record as an ACLED row (``export --records``, or a stream without
    events). ``reference`` (:class:`escalation_cli.events.Reference`) names the actors."""
    event_type, sub_event_type = _acled_type(incident)
    date = incident.get("date")
    evidence = incident.get("evidence") or []
    note = evidence[0].get("text") if evidence and isinstance(evidence[0], dict) else ""
    if incident.get("weapon") == "unknown" and not incident.get("intercepted"):
        note = f"[weapon not stated] {note}"
    source = None
    if article:
        source = article.get("outlet") or article.get("source")
    actor1, actor2 = incident_actors(incident, reference)
    return {
        "event_id_cnty": incident.get("incident_id"),
        "event_date": date or "",
        "year": date[:4] if date else "",
        "time_precision": TIME_PRECISION.get(incident.get("date_precision") or "", ""),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor1,
        "actor2": actor2,
        "country": _cell(incident.get("country")),
        "admin1": _cell(incident.get("province")),
        "location": _location(incident),
        "latitude": _cell(incident.get("latitude")),
        "longitude": _cell(incident.get("longitude")),
        "geo_precision": GEO_PRECISION.get(incident.get("geo_precision") or "", ""),
        "source": source or "",
        "notes": note,
        "fatalities": incident.get("killed") if isinstance(incident.get("killed"), int) else 0,
    }


def write_acled(
    incidents: Iterable[dict],
    articles: dict[str, dict],
    handle: IO[str],
    reference=None,
    raw: bool = False,
) -> int:
    writer = csv.DictWriter(handle, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for incident in incidents:
        row = acled_row(incident, articles.get(incident.get("article_id")), reference)
        writer.writerow(_safe_row(row, raw))
        n += 1
    return n


# ---- ACLED, one row per event ----------------------------------------------------------------


def _actor1(perpetrator: str | None, kind: str, country: str | None) -> str:
    """ACLED's actor1: the perpetrator; US forces for a strike by them."""
    if kind == "strike":
        return US_FORCES
    if perpetrator:
        return perpetrator
    return f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"


def incident_actors(incident: dict, reference=None) -> tuple[str, str]:
    """(actor1, actor2) of one incident record: who acted and the side that was hit, as
    actors, never a place phrase."""
    from escalation_cli.events import Reference, kind_of, target_actor_of

    reference = reference if reference is not None else Reference()
    kind, _ = kind_of(incident, reference)
    country = _cell(incident.get("country")) or None
    actor1 = _actor1(_cell(incident.get("perpetrator")) or None, kind, country)
    return actor1, target_actor_of([incident], kind, reference)


def acled_event_row(event: dict) -> dict:
    """One event as one ACLED row: every source in ``source``, what they disagree on in
    ``notes``, the lowest death toll in ``fatalities``."""
    event_type, sub_event_type = _acled_type(event)
    date = event.get("date")
    sources = [s for s in event.get("sources") or [] if isinstance(s, dict)]
    names = dict.fromkeys(
        s.get("outlet") or Path(str(s.get("source") or s.get("article_id"))).name for s in sources
    )
    first = next((s.get("evidence") for s in sources if s.get("evidence")), "") or ""
    notes = [first]
    if event.get("weapon") == "unknown" and not event.get("intercepted"):
        notes.insert(0, "[weapon not stated]")
    disputed = event.get("disputed") or []
    if disputed:
        notes.append(f"[sources disagree: {_dispute(event, sources, disputed)}]")
    if len(sources) > 1:
        notes.append(f"[{len(sources)} reports, {event.get('n_outlets')} outlets]")
    killed = event.get("killed")
    return {
        "event_id_cnty": event.get("event_id"),
        "event_date": date or "",
        "year": date[:4] if date else "",
        "time_precision": TIME_PRECISION.get(event.get("date_precision") or "", ""),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": _actor1(event.get("perpetrator"), event.get("kind") or "", event.get("country")),
        "actor2": _cell(event.get("target_actor")),
        "country": _cell(event.get("country")),
        "admin1": _cell(event.get("province")),
        "location": _location(event),
        "latitude": _cell(event.get("latitude")),
        "longitude": _cell(event.get("longitude")),
        "geo_precision": GEO_PRECISION.get(event.get("geo_precision") or "", ""),
        "source": "; ".join(names),
        "notes": " ".join(n for n in notes if n),
        "fatalities": killed if isinstance(killed, int) else 0,
    }


def _dispute(event: dict, sources: list[dict], disputed: list[str]) -> str:
    """ "killed 7-8 (SANA 7; SOHR 8); date" """
    parts = []
    for name in disputed:
        if name in ("killed", "wounded"):
            each = "; ".join(
                f"{s.get('outlet') or s.get('article_id')} {s.get(name)}"
                for s in sources
                if isinstance(s.get(name), int)
            )
            parts.append(f"{name} {event.get(name)}-{event.get(name + '_max')} ({each})")
        else:
            parts.append(name)
    return ", ".join(parts)


def write_acled_events(events: Iterable[dict], handle: IO[str], raw: bool = False) -> int:
    writer = csv.DictWriter(handle, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for event in events:
        writer.writerow(_safe_row(acled_event_row(event), raw))
        n += 1
    return n


def _safe_row(row: dict, raw: bool) -> dict:
    """Text cells that start like a formula get a leading ' (numbers stay numbers)."""
    return row if raw else {k: csv_cell(v) for k, v in row.items()}


# ---- GeoJSON ---------------------------------------------------------------------------------


def geojson_feature(incident: dict) -> dict | None:
    lat, lon = incident.get("latitude"), incident.get("longitude")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return None
    properties = {
        k: v for k, v in incident.items() if k not in ("evidence", "latitude", "longitude")
    }
    evidence = incident.get("evidence") or []
    if evidence and isinstance(evidence[0], dict):
        properties["evidence"] = evidence[0].get("text")
    return {
        "type": "Feature",
        "id": incident.get("incident_id"),
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }


def write_geojson(incidents: Iterable[dict], handle: IO[str]) -> tuple[int, int]:
    """A FeatureCollection, written feature by feature; returns (written, without coordinates)."""
    handle.write('{"type":"FeatureCollection","features":[\n')
    written = skipped = 0
    for incident in incidents:
        feature = geojson_feature(incident)
        if feature is None:
            skipped += 1
            continue
        if written:
            handle.write(",\n")
        handle.write(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
        written += 1
    handle.write("\n]}\n")
    return written, skipped
