"""Accuracy floors on the seed gold (../shared/eval), measured by `escalation evaluate`.

A regression below a floor fails CI. Raise a floor when the extractor gets better.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from escalation_cli.cli import app


@pytest.fixture(scope="module")
def scores(shared_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds-out")
    result = CliRunner().invoke(app, ["extract", str(shared_dir / "seeds"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(
        app, ["evaluate", str(shared_dir / "eval" / "seeds.gold.jsonl"), str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_all_seed_articles_found(scores):
    assert scores["articles"]["found"] == scores["articles"]["gold"] == 5


def test_bases_and_provinces(scores):
    assert scores["bases"]["f1"] >= 0.95, scores["bases"]
    assert scores["provinces"]["f1"] >= 0.95, scores["provinces"]


def test_publication_dates(scores):
    published = scores["published"]
    assert published["stated_exact"] == {"right": 2, "total": 2, "accuracy": 1.0}
    assert published["inferable_consistent"] == {"right": 2, "total": 2, "accuracy": 1.0}
    # the seed with nothing to infer from must not take the date of its "Check Also" trailer
    assert published["none_when_none"] == {"right": 1, "total": 1, "accuracy": 1.0}


def test_incidents(scores):
    incidents = scores["incidents"]
    assert incidents["f1"] >= 0.95, incidents
    fields = incidents["fields"]
    # each field over the matched incidents whose gold gives a value (the seeds' level when
    # the dev-set work began: none of them may fall)
    floors = {
        "date": 0.88,
        "weapon": 0.95,
        "base": 0.88,
        "province": 0.95,
        "killed": 0.95,
        "wounded": 0.95,
        "perpetrator": 0.77,
    }
    for name, floor in floors.items():
        assert fields[name]["accuracy"] >= floor, (name, fields[name])
    assert incidents["figure_given_where_none"]["accuracy"] <= 0.05


def test_quotes(scores):
    quotes = scores["quotes"]
    assert quotes["f1"] >= 1.0, quotes
    assert quotes["speaker"]["accuracy"] >= 1.0, quotes["speaker"]


def test_claims(scores):
    claims = scores["claims"]
    assert claims["f1"] >= 0.97, claims
    assert claims["claimant"]["accuracy"] >= 0.97, claims["claimant"]
    assert claims["distanced"]["f1"] >= 0.95, claims["distanced"]


# ---- the development set: 30 real articles nobody tuned the seeds' rules to ------------------


@pytest.fixture(scope="module")
def dev_scores(shared_dir, tmp_path_factory):
    dev = shared_dir / "eval" / "dev"
    if not (dev / "raw").is_dir() or not (dev / "gold.jsonl").is_file():
        pytest.skip(f"no development set in {dev}")
    out = tmp_path_factory.mktemp("dev-out")
    result = CliRunner().invoke(app, ["extract", str(dev / "raw"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["evaluate", str(dev / "gold.jsonl"), str(out), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_dev_publication_dates_from_the_header(dev_scores):
    published = dev_scores["published"]
    assert published["stated_exact"]["right"] == published["stated_exact"]["total"] == 18
    assert published["none_when_none"]["accuracy"] == 1.0


def test_dev_incidents(dev_scores):
    incidents = dev_scores["incidents"]
    assert incidents["precision"] >= 0.85 and incidents["recall"] >= 0.85, incidents
    assert incidents["f1"] >= 0.88, incidents
    fields = incidents["fields"]
    floors = {
        "date": 0.85,
        "killed": 0.85,
        "wounded": 0.85,
        "perpetrator": 0.80,
        "base": 0.90,
        "province": 0.90,
    }
    for name, floor in floors.items():
        assert fields[name]["accuracy"] >= floor, (name, fields[name])
    # a number where the text gives none is worse than no number
    assert incidents["figure_given_where_none"]["accuracy"] <= 0.05


def test_general_news_gives_no_incidents(shared_dir, tmp_path):
    corpus = shared_dir / "bench" / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"no benchmark corpus in {corpus}")
    result = CliRunner().invoke(app, ["extract", str(corpus), "--out", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    incidents = (tmp_path / "incidents.jsonl").read_text(encoding="utf-8").splitlines()
    assert incidents == [], incidents[:3]


# ---- events: seeds and dev set together (../shared/eval/dev/events.gold.jsonl) --------------


@pytest.fixture(scope="module")
def dev_dir(shared_dir):
    dev = shared_dir / "eval" / "dev"
    needed = (dev / "raw", dev / "gold.jsonl", dev / "events.gold.jsonl")
    if not all(path.exists() for path in needed):
        pytest.skip(f"the dev set with its events gold is not in {dev}")
    return dev


def test_events_on_seeds_and_dev_set(shared_dir, dev_dir, tmp_path_factory):
    """B-cubed of events.jsonl over the seed and dev articles extracted into one directory:
    the issue's floor, F1 >= 0.93 with recall >= 0.90 and the number of events within 10% of
    the gold (measured: P 0.99, R 0.93, F1 0.96, 64 events for 62)."""
    out = tmp_path_factory.mktemp("seeds-dev-out")
    result = CliRunner().invoke(
        app, ["extract", str(shared_dir / "seeds"), str(dev_dir / "raw"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(
        app,
        [
            "evaluate",
            str(dev_dir / "gold.jsonl"),
            str(out),
            "--gold",
            str(shared_dir / "eval" / "seeds.gold.jsonl"),
            "--events",
            str(dev_dir / "events.gold.jsonl"),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    assert events["events_gold"] == 62
    assert events["precision"] >= 0.95, events
    assert events["recall"] >= 0.90, events
    assert events["f1"] >= 0.93, events
    assert abs(events["events_predicted"] - events["events_gold"]) <= 0.10 * events["events_gold"]


def test_event_rules_on_the_gold_incidents(shared_dir, dev_dir, gazetteer):
    """The grouping rules alone: the gold incidents themselves, as an extractor that found
    every field right would write them, grouped and scored as events.README.md says.

    Measured: P 1.00, R 0.91, F1 0.95, 68 events for 62. What the rules leave apart are
    reports that nothing places in time (their article has no publication date, their text no
    date) and that name no person killed and no death toll: 12 of the 35 gold articles have no
    publication date."""
    from escalation_cli.evaluate import read_jsonl, score_gold_events
    from escalation_cli.events import group_events, reference_from_gazetteer

    golds = read_jsonl(shared_dir / "eval" / "seeds.gold.jsonl")
    golds += read_jsonl(dev_dir / "gold.jsonl")
    reference = reference_from_gazetteer(gazetteer)
    scores = score_gold_events(
        read_jsonl(dev_dir / "events.gold.jsonl"),
        golds,
        lambda incidents, articles: group_events(incidents, articles, reference),
    ).as_dict()
    assert scores["items"] == 84, scores  # 86 incidents, 2 of them in uncertain events
    assert scores["precision"] >= 0.97, scores
    assert scores["recall"] >= 0.88, scores
    assert scores["f1"] >= 0.93, scores
    assert abs(scores["events_predicted"] - scores["events_gold"]) <= 0.15 * scores["events_gold"]


def test_dev_quotes_and_claims(dev_scores):
    """Issue 11: every attributed assertion, with the right speaker, on unseen news."""
    quotes, claims = dev_scores["quotes"], dev_scores["claims"]
    assert quotes["f1"] >= 0.95, quotes
    assert quotes["speaker"]["accuracy"] >= 0.90, quotes["speaker"]
    assert claims["f1"] >= 0.85, claims
    assert claims["recall"] >= 0.80, claims
    assert claims["claimant"]["accuracy"] >= 0.85, claims["claimant"]
    assert claims["distanced"]["f1"] >= 0.90, claims["distanced"]
