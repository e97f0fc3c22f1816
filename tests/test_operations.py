"""Cron-grade operation, with real processes: incremental runs, kills, locks, bad input."""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
EXE = str(Path(sys.executable).with_name("escalation"))
KINDS = ("articles", "incidents", "quotes", "claims")
OUTPUTS = (*KINDS, "events")  # events.jsonl is made from the records, in the same generation


def make_corpus(directory: Path, copies: int = 6) -> Path:
    """Sample articles, each copy with its own title so that article ids differ."""
    directory.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in RAW.iterdir() if p.suffix == ".txt") + sorted(FIXTURES.iterdir())
    for n in range(copies):
        for source in sources:
            text = source.read_text(encoding="utf-8")
            target = directory / f"{n:02d}_{source.name}"
            target.write_text(f"Copy {n}: {text}", encoding="utf-8")
    return directory


def run(*args, timeout=300, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [EXE, *map(str, args)], capture_output=True, text=True, timeout=timeout, **kwargs
    )


def outputs(out: Path) -> dict[str, bytes]:
    return {kind: (out / f"{kind}.jsonl").read_bytes() for kind in OUTPUTS}


def assert_consistent(out: Path) -> None:
    """Every line parses, every record belongs to an article of the same generation, and every
    incident of that generation is in exactly one of its events."""
    ids = set()
    for line in (out / "articles.jsonl").read_text().splitlines():
        ids.add(json.loads(line)["article_id"])
    incidents = []
    for kind in KINDS[1:]:
        for line in (out / f"{kind}.jsonl").read_text().splitlines():
            record = json.loads(line)
            assert record["article_id"] in ids
            if kind == "incidents":
                incidents.append(record["incident_id"])
    in_events = [
        source["incident_id"]
        for line in (out / "events.jsonl").read_text().splitlines()
        for source in json.loads(line)["sources"]
    ]
    assert sorted(in_events) == sorted(incidents)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("reference")
    result = run("extract", corpus, "--out", out, "--quiet")
    assert result.returncode == 0, result.stderr
    return outputs(out)


# ---- incremental -----------------------------------------------------------------------------


def test_incremental_run_equals_a_clean_run(tmp_path):
    corpus = make_corpus(tmp_path / "in", copies=2)
    out = tmp_path / "out"
    first = run("extract", corpus, "--out", out)
    assert first.returncode == 0, first.stderr
    again = run("extract", corpus, "--out", out)
    files = len(list(corpus.iterdir()))
    assert f"processed 0, unchanged {files}" in again.stderr
    # add, change and remove files
    (corpus / "zz_new.txt").write_text(
        "Rockets hit the Conoco base\n\nSeveral rockets hit the "
        "Conoco gas field base on Monday, a monitor said.\n"
    )
    changed = sorted(corpus.glob("01_*.txt"))[0]
    changed.write_text(
        changed.read_text() + "\n\nA drone attack on the Harir base on Sunday "
        "wounded two soldiers.\n"
    )
    removed = sorted(corpus.glob("00_*.txt"))[0]
    removed.unlink()
    kept = run("extract", corpus, "--out", out)  # without --prune the removed file's records stay
    assert "processed 2," in kept.stderr, kept.stderr
    assert removed.name in (out / "articles.jsonl").read_text()
    pruned = run("extract", corpus, "--out", out, "--prune")
    assert pruned.returncode == 0 and "pruned 1" in pruned.stderr
    clean = tmp_path / "clean"
    assert run("extract", corpus, "--out", clean).returncode == 0
    assert outputs(out) == outputs(clean)
    forced = run("extract", corpus, "--out", out, "--force")
    assert f"processed {files}," in forced.stderr
    assert outputs(out) == outputs(clean)
    assert_consistent(out)


def test_a_later_report_joins_an_event_and_keeps_its_id(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    shutil.copy(RAW / "2024-01-29_tower22_drone_attack.txt", corpus)
    out = tmp_path / "out"
    assert run("extract", corpus, "--out", out, "--quiet").returncode == 0

    def tower22() -> dict:
        events = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
        return next(e for e in events if e["date"] == "2024-01-28")

    before = tower22()
    (corpus / "zz_later.txt").write_text(
        "Jordan attack: Pentagon names the dead\n\nFebruary 2, 2024\n\nThe Pentagon named the "
        "three US soldiers killed in the drone attack on Tower 22 in Jordan on January 28.\n"
    )
    assert run("extract", corpus, "--out", out, "--quiet").returncode == 0
    after = tower22()
    assert after["event_id"] == before["event_id"]
    assert after["n_articles"] == before["n_articles"] + 1
    clean = tmp_path / "clean"
    assert run("extract", corpus, "--out", clean, "--quiet").returncode == 0
    assert outputs(out) == outputs(clean)


# ---- killed, interrupted ---------------------------------------------------------------------


def test_sigkill_at_random_points_then_a_normal_run(corpus, reference, tmp_path):
    rng = random.Random(20231023)
    kills = 0
    for trial in range(4):
        out = tmp_path / f"out{trial}"
        if trial % 2:
            # a previous complete run: after the kill its outputs must still be whole
            assert run("extract", corpus, "--out", out, "--quiet").returncode == 0
            (corpus / "00_01_rockets.txt").touch()
            run("extract", corpus, "--out", out, "--force", "--quiet")
        for _ in range(2):
            process = subprocess.Popen(
                [EXE, "extract", str(corpus), "--out", str(out), "--force", "--quiet"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(rng.uniform(0.5, 4.0))
            process.send_signal(signal.SIGKILL)
            process.wait()
            kills += 1
            if (out / "articles.jsonl").exists():
                assert_consistent(out)
        result = run("extract", corpus, "--out", out, "--quiet")
        assert result.returncode == 0, result.stderr
        assert outputs(out) == reference
    assert kills == 8


def test_sigterm_stops_cleanly_and_keeps_finished_work(tmp_path):
    corpus = make_corpus(tmp_path / "in", copies=30)
    reference = tmp_path / "reference"
    assert run("extract", corpus, "--out", reference, "--quiet").returncode == 0
    out = tmp_path / "out"
    process = subprocess.Popen(
        [EXE, "extract", str(corpus), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.time() + 60
    state = out / ".escalation.sqlite"
    while time.time() < deadline and not state.exists():
        time.sleep(0.1)
    time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.skip("the run finished before SIGTERM arrived")
    assert process.returncode == 143, stderr
    assert "stopped by SIGTERM" in stderr
    assert_consistent(out)
    finished = len((out / "articles.jsonl").read_text().splitlines())
    result = run("extract", corpus, "--out", out)
    assert result.returncode == 0
    assert f"unchanged {finished}" in result.stderr or finished == 0
    assert outputs(out) == outputs(reference)


# ---- locking ---------------------------------------------------------------------------------


def test_two_runs_on_one_output_directory(corpus, reference, tmp_path):
    # the lock is taken before the model is loaded, so the first run holds it for a while
    out = tmp_path / "out"
    first = subprocess.Popen(
        [EXE, "extract", str(corpus), "--out", str(out), "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lock = out / ".escalation.lock"
    deadline = time.time() + 60
    while time.time() < deadline and not (lock.exists() and lock.read_text().strip()):
        time.sleep(0.05)
    busy = run("extract", corpus, "--out", out)
    waited = run("extract", corpus, "--out", out, "--wait", "300")
    first.wait(timeout=300)
    assert first.returncode == 0
    assert busy.returncode == 3, busy.stderr
    assert busy.stderr.count("\n") == 1 and "another escalation run" in busy.stderr
    assert waited.returncode == 0, waited.stderr
    assert outputs(out) == reference


# ---- reporting -------------------------------------------------------------------------------


def test_quiet_and_json_logs(tmp_path):
    corpus = tmp_path / "in"
    shutil.copytree(FIXTURES, corpus)
    (corpus / "bad.txt").write_bytes(b"\x00\x00binary")
    quiet = run("extract", corpus, "--out", tmp_path / "q", "--quiet")
    assert quiet.returncode == 1
    assert quiet.stderr.strip().splitlines() == [
        f"Error: {corpus / 'bad.txt'}: binary file (contains NUL bytes), not an article"
    ]
    logged = run(
        "extract",
        corpus,
        "--out",
        tmp_path / "j",
        "--log-json",
        env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "1"},
    )
    events = [json.loads(line) for line in logged.stderr.splitlines()]
    assert [e["event"] for e in events] == ["error", "summary"]
    assert events[0]["source"].endswith("bad.txt")
    assert events[1]["processed"] == 2 and events[1]["failed"] == 1
    assert events[1]["records"]["articles"] == 2
    assert "\x1b[" not in logged.stderr


# ---- bad input -------------------------------------------------------------------------------


def _bad_inputs(directory: Path) -> dict[str, str]:
    """File name -> the reason its one-line error must give."""
    directory.mkdir()
    (directory / "good.txt").write_text(
        "Rockets hit the Conoco base\n\nRockets hit the Conoco base on Monday.\n"
    )
    (directory / "empty.txt").write_bytes(b"")
    (directory / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (directory / "huge.txt").write_bytes(b"Title\n\n" + b"word " * 300_000)
    (directory / "broken.json").write_text('{"text": "unterminated')
    (directory / "lines.jsonl").write_text('{"text": "Drones hit Harir."}\n{oops\n')
    (directory / "nobody.html").write_text("<html><head><title>x</title></head></html>")
    (directory / "mixed.txt").write_bytes("Title\n\nCaf\u00e9 ".encode() + b"na\xefve \x93ok\x94\n")
    os.symlink("loop_b.txt", directory / "loop_a.txt")
    os.symlink("loop_a.txt", directory / "loop_b.txt")
    os.symlink(".", directory / "again")
    return {
        "empty.txt": "empty file",
        "binary.txt": "binary file",
        "huge.txt": "over the --max-bytes limit",
        "broken.json": "invalid JSON at line 1",
        "lines.jsonl:2": "invalid JSON on line 2",
        "nobody.html": "no article text",
        "loop_a.txt": "Too many levels of symbolic links",
        "loop_b.txt": "Too many levels of symbolic links",
        "again": "directory loop",
        "missing.txt": "no such file or directory",
    }


def test_every_bad_input_is_one_line_and_the_rest_goes_on(tmp_path):
    expected = _bad_inputs(tmp_path / "in")
    out = tmp_path / "out"
    result = run(
        "extract",
        tmp_path / "in",
        tmp_path / "in" / "missing.txt",
        "--out",
        out,
        "--max-bytes",
        "1000000",
    )
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert "Traceback" not in result.stderr
    for name, reason in expected.items():
        line = next((e for e in errors if f"/{name}: " in e), None)
        assert line is not None, (name, errors)
        assert reason in line, (name, line)
    assert len(errors) == len(expected)
    titles = [
        json.loads(line)["title"] for line in (out / "articles.jsonl").read_text().splitlines()
    ]
    assert "Rockets hit the Conoco base" in titles  # good.txt
    assert "Title" in titles  # mixed encodings are decoded, not refused
    assert any(
        json.loads(line)["source"].endswith("lines.jsonl:1")
        for line in (out / "articles.jsonl").read_text().splitlines()
    )


def test_nothing_could_be_processed(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    result = run("extract", tmp_path / "in", "--out", tmp_path / "out")
    assert result.returncode == 4
    result = run("extract", tmp_path / "nowhere", "--out", tmp_path / "out")
    assert result.returncode == 4 and "no such file or directory" in result.stderr


def test_usage_error():
    result = run("extract", "--no-such-option")
    assert result.returncode == 2


def test_unreadable_file_and_directory(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "ok.txt").write_text("Rockets hit the Conoco base\n\nRockets hit it on Monday.\n")
    (root / "secret.txt").write_text("Hidden\n\nText.\n")
    (root / "closed").mkdir()
    (root / "closed" / "inside.txt").write_text("Inside\n\nText.\n")
    out = tmp_path / "out"
    out.mkdir()
    os.chmod(root / "secret.txt", 0)
    os.chmod(root / "closed", 0)
    prefix = []
    if os.geteuid() == 0:
        # root reads everything: run without the capabilities that let it
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv to drop CAP_DAC_OVERRIDE")
        caps = "-dac_override,-dac_read_search"
        prefix = ["setpriv", "--bounding-set", caps, "--inh-caps", caps]
    try:
        result = subprocess.run(
            [*prefix, EXE, "extract", str(root), "--out", str(out)],
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        os.chmod(root / "closed", 0o755)
        os.chmod(root / "secret.txt", 0o644)
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert any("secret.txt: Permission denied" in e for e in errors), errors
    assert any("closed: cannot list directory: Permission denied" in e for e in errors), errors
    assert "Rockets hit the Conoco base" in (out / "articles.jsonl").read_text()


def _small_files():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def test_full_disk_keeps_the_previous_outputs(corpus, tmp_path):
    out = tmp_path / "out"
    assert run("extract", corpus, "--out", out, "--quiet").returncode == 0
    before = outputs(out)
    # writes over 20 kB fail as on a full disk (EFBIG instead of ENOSPC)
    result = run("extract", corpus, "--out", out, "--force", preexec_fn=_small_files)
    assert result.returncode == 4, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and "cannot write outputs" in errors[0], result.stderr
    assert "Traceback" not in result.stderr
    assert outputs(out) == before
    assert not list(out.glob(".gen-*/../*.tmp"))
    assert run("extract", corpus, "--out", out, "--quiet").returncode == 0
    assert outputs(out) == before


# ---- workers and the relevance gate ------------------------------------------------------------


def test_two_workers_give_the_same_outputs(corpus, reference, tmp_path):
    out = tmp_path / "out"
    result = run("extract", corpus, "--out", out, "--workers", "2", "--quiet")
    assert result.returncode == 0, result.stderr
    assert outputs(out) == reference
