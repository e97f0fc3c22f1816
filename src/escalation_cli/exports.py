"""Exports: records to CSV (flat columns), ACLED-style CSV and GeoJSON.

Streams the JSONL through :func:`escalation_cli.stats.iter_records`; imports no spaCy.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

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


def write_csv_files(records: Iterable[tuple[str, dict]], directory: Path) -> dict[str, int]:
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
            writers[kind].writerow(flatten(kind, record))
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
GEO_PRECISION = {"base": 1, "place": 1, "province": 3, "country": 3}


def acled_row(incident: dict, article: dict | None) -> dict:
    if incident.get("intercepted"):
        event_type, sub_event_type = INTERCEPTED
    else:
        event_type, sub_event_type = ACLED_TYPES.get(
            incident.get("weapon") or "unknown", ACLED_TYPES["unknown"]
        )
    date = incident.get("date")
    evidence = incident.get("evidence") or []
    note = evidence[0].get("text") if evidence and isinstance(evidence[0], dict) else ""
    if incident.get("weapon") == "unknown" and not incident.get("intercepted"):
        note = f"[weapon not stated] {note}"
    source = None
    if article:
        source = article.get("outlet") or article.get("source")
    location = (
        _cell(incident.get("place"))
        or _cell(incident.get("base"))
        or _cell(incident.get("province"))
        or _cell(incident.get("country"))
    )
    return {
        "event_id_cnty": incident.get("incident_id"),
        "event_date": date or "",
        "year": date[:4] if date else "",
        "time_precision": TIME_PRECISION.get(incident.get("date_precision") or "", ""),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": _cell(incident.get("perpetrator")),
        "actor2": _cell(incident.get("target")),
        "country": _cell(incident.get("country")),
        "admin1": _cell(incident.get("province")),
        "location": location,
        "latitude": _cell(incident.get("latitude")),
        "longitude": _cell(incident.get("longitude")),
        "geo_precision": GEO_PRECISION.get(incident.get("geo_precision") or "", ""),
        "source": source or "",
        "notes": note,
        "fatalities": incident.get("killed") if isinstance(incident.get("killed"), int) else 0,
    }


def write_acled(incidents: Iterable[dict], articles: dict[str, dict], handle: IO[str]) -> int:
    writer = csv.DictWriter(handle, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for incident in incidents:
        writer.writerow(acled_row(incident, articles.get(incident.get("article_id"))))
        n += 1
    return n


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
