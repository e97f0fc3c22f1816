"""stats, export, schema and show, on the records extracted from the fixture articles and on
records made up for the purpose."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from escalation_cli.cli import app

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    """Records from the shipped sample articles and the fixtures (many incidents and quotes)."""
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(app, ["extract", str(RAW), str(FIXTURES), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def rows(out: Path, kind: str) -> list[dict]:
    return [json.loads(line) for line in (out / f"{kind}.jsonl").read_text().splitlines()]


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


# ---- stats -----------------------------------------------------------------------------------


def test_stats_json_matches_counts_from_the_jsonl(out_dir):
    result = invoke("stats", str(out_dir), "--json", "--records")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["counted"] == "incidents"
    incidents = rows(out_dir, "incidents")
    quotes = rows(out_dir, "quotes")
    claims = rows(out_dir, "claims")
    assert data["articles"]["total"] == len(rows(out_dir, "articles"))
    assert data["incidents"]["total"] == len(incidents) > 5
    assert data["incidents"]["by_weapon"] == dict(
        sorted(Counter(i["weapon"] for i in incidents).items(), key=lambda kv: (-kv[1], kv[0]))
    )
    assert sum(data["incidents"]["by_base"].values()) == len(incidents)
    assert data["incidents"]["by_base"].get("Harir") == sum(i["base"] == "Harir" for i in incidents)
    # the timeline uses the incident's date, else the date of the article that reports it
    published = {a["article_id"]: a["published"] for a in rows(out_dir, "articles")}
    dates = [i["date"] or published[i["article_id"]] for i in incidents]
    months = Counter(d[:7] if d and len(d) >= 7 else "(none)" for d in dates)
    assert data["incidents"]["by_month"] == dict(sorted(months.items()))
    assert data["casualties"]["killed"] == sum(i["killed"] or 0 for i in incidents)
    assert data["casualties"]["incidents_without_killed_figure"] == sum(
        i["killed"] is None for i in incidents
    )
    assert data["quotes"]["total"] == len(quotes)
    assert data["quotes"]["top_speakers"]["Patrick Ryder"] == sum(
        q["speaker"] == "Patrick Ryder" for q in quotes
    )
    assert data["claims"]["distanced"] == sum(c["distanced"] for c in claims)


def test_stats_counts_events_by_default_and_says_so(out_dir):
    result = invoke("stats", str(out_dir), "--json")
    assert result.exit_code == 0, result.output
    assert "counting events" in result.stderr
    data = json.loads(result.stdout)
    events = rows(out_dir, "events")
    assert data["counted"] == "events" and "incidents" not in data
    assert data["events"]["total"] == len(events) < len(rows(out_dir, "incidents"))
    assert data["events"]["incident_records"] == len(rows(out_dir, "incidents"))
    assert data["events"]["reported_by_several_articles"] == sum(
        e["n_articles"] > 1 for e in events
    )
    assert data["events"]["by_kind"] == dict(
        sorted(Counter(e["kind"] for e in events).items(), key=lambda kv: (-kv[1], kv[0]))
    )
    casualties = data["casualties"]
    assert casualties["killed"] == sum(e["killed"] or 0 for e in events)
    assert casualties["killed_max"] == sum(e["killed_max"] or 0 for e in events)
    by = invoke("stats", str(out_dir), "--json", "--by", "kind")
    assert json.loads(by.stdout)["counts"] == data["events"]["by_kind"]
    wrong = invoke("stats", str(out_dir), "--by", "casualty_group")
    assert wrong.exit_code == 1 and "--records" in wrong.stderr
    records = invoke("stats", str(out_dir), "--by", "casualty_group", "--records")
    assert records.exit_code == 0 and "counting events" not in records.stderr


def test_stats_on_a_stream_with_events(out_dir):
    stream = "".join(
        json.dumps({"type": kind[:-1], **row}) + "\n"
        for kind in ("articles", "incidents", "events")
        for row in rows(out_dir, kind)
    )
    result = CliRunner().invoke(app, ["stats", "-", "--json"], input=stream)
    assert json.loads(result.stdout)["events"]["total"] == len(rows(out_dir, "events"))


def test_stats_by_top_and_dates(out_dir):
    incidents = rows(out_dir, "incidents")
    result = invoke("stats", str(out_dir), "--json", "--by", "weapon", "--top", "2")
    data = json.loads(result.stdout)
    assert data["by"] == "weapon" and len(data["counts"]) == 2
    result = invoke(
        "stats", str(out_dir), "--json", "--since", "2024-01", "--until", "2024-01", "--records"
    )
    data = json.loads(result.stdout)
    january = [i for i in incidents if (i["date"] or "").startswith("2024-01")]
    assert data["incidents"]["total"] >= len(january) >= 1
    assert all(k.startswith("2024-01") for k in data["incidents"]["by_month"])


@pytest.mark.parametrize(("option", "unit"), [((), "Events"), (("--records",), "Incidents")])
def test_stats_table_for_people(out_dir, option, unit):
    result = invoke("stats", str(out_dir), *option)
    assert result.exit_code == 0
    for heading in (
        "Overview",
        f"{unit} by weapon",
        f"{unit} by month",
        "Most quoted speakers",
        "Claims by claimant",
    ):
        assert heading in result.stdout
    assert "\u2588" in result.stdout  # the timeline bars


def test_stats_reads_one_file_and_stdin(out_dir):
    result = invoke("stats", str(out_dir / "incidents.jsonl"), "--json")
    assert json.loads(result.stdout)["incidents"]["total"] == len(rows(out_dir, "incidents"))
    stream = "".join(json.dumps({"type": "quote", **q}) + "\n" for q in rows(out_dir, "quotes"))
    result = CliRunner().invoke(app, ["stats", "-", "--json"], input=stream)
    assert json.loads(result.stdout)["quotes"]["total"] == len(rows(out_dir, "quotes"))


def test_stats_errors(tmp_path, out_dir):
    result = invoke("stats", str(tmp_path / "nope"))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "no such output directory" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("stats", str(empty))
    assert result.exit_code == 1 and "run escalation extract first" in result.stderr
    bad = tmp_path / "bad"
    shutil.copytree(out_dir, bad)
    with (bad / "quotes.jsonl").open("a") as handle:
        handle.write("{not json\n")
    lines = len((bad / "quotes.jsonl").read_text().splitlines())
    result = invoke("stats", str(bad), "--json")
    assert result.exit_code == 1
    assert f"quotes.jsonl:{lines}: invalid JSON" in result.stderr
    assert json.loads(result.stdout)["quotes"]["total"] == lines - 1


def test_stats_never_imports_spacy(out_dir):
    code = (
        "import sys; from escalation_cli.cli import main; sys.argv=['escalation','stats',"
        f"{str(out_dir)!r},'--json']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# ---- export ----------------------------------------------------------------------------------


def test_acled_columns_and_codes(out_dir):
    result = invoke("export", str(out_dir), "--format", "acled", "--records")
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(table[0]) == [
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
    incidents = {i["incident_id"]: i for i in rows(out_dir, "incidents")}
    assert len(table) == len(incidents)
    for row in table:
        incident = incidents[row["event_id_cnty"]]
        if incident["intercepted"]:
            assert (row["event_type"], row["sub_event_type"]) == (
                "Strategic developments",
                "Disrupted weapons use",
            )
        elif incident["weapon"] in ("drone", "airstrike"):
            assert row["sub_event_type"] == "Air/drone strike"
        elif incident["weapon"] in ("rocket", "missile", "mortar", "artillery"):
            assert row["sub_event_type"] == "Shelling/artillery/missile attack"
        assert (
            row["time_precision"]
            == {"day": "1", "month": "3", "year": "3", None: ""}[incident["date_precision"]]
        )
        assert row["geo_precision"] in ("1", "2", "3", "")
        assert row["fatalities"] == str(incident["killed"] or 0)
        assert row["admin1"] == (incident["province"] or "")
        assert row["actor2"] and row["actor2"] != (incident["target"] or "")  # an actor


def test_acled_one_row_per_event_with_every_source(out_dir):
    result = invoke("export", str(out_dir), "--format", "acled")
    assert result.exit_code == 0, result.output
    assert "one row per event" in result.stderr
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    events = {e["event_id"]: e for e in rows(out_dir, "events")}
    assert [row["event_id_cnty"] for row in table] == list(events)
    articles = {a["article_id"]: a for a in rows(out_dir, "articles")}
    for row in table:
        event = events[row["event_id_cnty"]]
        for source in event["sources"]:
            name = articles[source["article_id"]]["outlet"] or Path(source["source"]).name
            assert name in row["source"]
        assert row["fatalities"] == str(event["killed"] or 0)
        if event["disputed"]:
            assert "sources disagree" in row["notes"]
        assert row["actor2"] == event["target_actor"]


def test_acled_actors_are_actors_not_place_phrases(tmp_path):
    from escalation_cli.exports import acled_event_row, incident_actors

    attack = {
        "perpetrator": None,
        "weapon": "rocket",
        "target": 'occupation" bases',
        "country": "Syria",
    }
    assert incident_actors(attack) == (
        "Unidentified Armed Group (Syria)",
        "Military Forces of the United States",
    )
    strike = {
        "perpetrator": "United States",
        "weapon": "airstrike",
        "target": "Kataib Hezbollah sites",
    }
    actor1, actor2 = incident_actors(strike)
    assert actor1 == "Military Forces of the United States" and actor2 != strike["target"]
    event = {
        "event_id": "0" * 16,
        "kind": "attack",
        "date": "2024-01-20",
        "date_precision": "day",
        "weapon": "rocket",
        "perpetrator": "Islamic Resistance in Iraq",
        "target_actor": "Military Forces of the United States",
        "killed": 1,
        "killed_max": 2,
        "disputed": ["killed"],
        "n_outlets": 2,
        "sources": [
            {"article_id": "a", "outlet": "Wire", "killed": 1, "evidence": "Rockets hit the base."},
            {"article_id": "b", "outlet": "Local", "killed": 2, "evidence": "Two died."},
        ],
    }
    row = acled_event_row(event)
    assert (row["actor1"], row["actor2"]) == (
        "Islamic Resistance in Iraq",
        "Military Forces of the United States",
    )
    assert row["source"] == "Wire; Local" and row["fatalities"] == 1
    assert "killed 1-2 (Wire 1; Local 2)" in row["notes"]


def test_geojson_parses_with_valid_coordinates(out_dir, tmp_path):
    target = tmp_path / "incidents.geojson"
    result = invoke("export", str(out_dir), "--format", "geojson", "--out", str(target))
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text())
    assert data["type"] == "FeatureCollection" and data["features"]
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point"
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["weapon"]


def test_csv_export_one_file_per_type(out_dir, tmp_path):
    result = invoke("export", str(out_dir), "--out", str(tmp_path / "csv"))
    assert result.exit_code == 0, result.output
    for kind in ("articles", "incidents", "quotes", "claims"):
        table = list(csv.DictReader((tmp_path / "csv" / f"{kind}.csv").open()))
        assert len(table) == len(rows(out_dir, kind))
    first = next(csv.DictReader((tmp_path / "csv" / "incidents.csv").open()))
    assert first["evidence"] and first["evidence_start"].isdigit()


# ---- schema ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, kind",
    [
        ("article", "articles"),
        ("incident", "incidents"),
        ("quote", "quotes"),
        ("claim", "claims"),
        ("event", "events"),
    ],
)
def test_schemas_validate_what_the_extractor_wrote(out_dir, name, kind):
    jsonschema = pytest.importorskip("jsonschema")
    result = invoke("schema", name)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    records = rows(out_dir, kind)
    assert records
    for record in records:
        jsonschema.validate(record, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**records[0], "unexpected": 1}, schema)


def test_schema_describes_who_claims_and_who_is_accused():
    claim = json.loads(invoke("schema", "claim").stdout)["properties"]
    quote = json.loads(invoke("schema", "quote").stdout)["properties"]
    assert claim["responsibility_claim"]["type"] == "boolean"
    assert {t["type"] for t in claim["accused"]["anyOf"]} == {"string", "null"}
    assert "accusation" in claim["accused"]["description"]
    assert quote["speaker_anonymous"]["type"] == "boolean"


def test_schema_usage_error():
    result = invoke("schema", "bogus")
    assert result.exit_code == 2 and "expected one of" in result.stderr


# ---- show ------------------------------------------------------------------------------------


def test_show_in_the_terminal(out_dir):
    result = invoke("show", "2024-01-29_tower22", "--out", str(out_dir))
    assert result.exit_code == 0, result.output
    assert "Three US soldiers killed" in result.stdout
    assert "Incidents" in result.stdout and "Quotes" in result.stdout
    # the Tower 22 attack is also told by the article on the strikes that answered it
    assert "Events" in result.stdout and "Sample Wire" in result.stdout


def test_show_unknown_article(out_dir):
    result = invoke("show", "no-such-article", "--out", str(out_dir))
    assert result.exit_code == 1 and "no article" in result.stderr


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (.ci/run installs it)")
def test_show_html_renders_in_a_headless_browser(out_dir, tmp_path):
    page = tmp_path / "article.html"
    result = invoke("show", "2024-01-29_tower22", "--out", str(out_dir), "--html", str(page))
    assert result.exit_code == 0, result.output
    profile = tmp_path / "profile"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--dump-dom",
        page.as_uri(),
    ]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=120).stdout
    assert "Three US soldiers killed" in dom
    for label in ("INCIDENT", "QUOTE", "BASE", "ACTOR"):
        assert label in dom, label
    shot = tmp_path / "shot.png"
    command[-2:] = [f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri()]
    subprocess.run(command, capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000
