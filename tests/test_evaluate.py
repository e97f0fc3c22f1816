"""The matching rules of shared/eval/README.md, on small hand-made gold and output."""

import json

import pytest

from escalation_cli.evaluate import evaluate, normalise


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


@pytest.fixture
def case(tmp_path):
    def make(gold: dict, article: dict | None = None, **records):
        out = tmp_path / "out"
        out.mkdir(exist_ok=True)
        art = {"article_id": "a" * 16, "source": "dir/x.txt", "published": None, "entities": []}
        art.update(article or {})
        write_jsonl(out / "articles.jsonl", [art])
        for kind in ("incidents", "quotes", "claims"):
            rows = [{"article_id": "a" * 16, **r} for r in records.get(kind, [])]
            write_jsonl(out / f"{kind}.jsonl", rows)
        g = {
            "source": "x.txt",
            "published": None,
            "incidents": [],
            "quotes": [],
            "claims": [],
            "bases": [],
            "provinces": [],
        }
        g.update(gold)
        write_jsonl(tmp_path / "gold.jsonl", [g])
        return evaluate(tmp_path / "gold.jsonl", out)

    return make


def test_normalisation():
    assert normalise("U.S. Iran-backed \u2018groups\u2019") == [
        "u",
        "s",
        "iran",
        "backed",
        "'groups'",
    ]


def test_bases_with_gazetteer(tmp_path, gazetteer):
    out = tmp_path / "out"
    out.mkdir()
    write_jsonl(
        out / "articles.jsonl",
        [
            {
                "article_id": "b" * 16,
                "source": "x.txt",
                "entities": [
                    {"label": "BASE", "name": "RLZ"},
                    {"label": "BASE", "name": "Al-Omar base"},
                    {"label": "BASE", "name": "al-Tanf"},
                    {"label": "PROVINCE", "name": "Deir Ezzor governorate"},
                ],
            }
        ],
    )
    write_jsonl(
        tmp_path / "gold.jsonl",
        [{"source": "x.txt", "bases": ["Kharab al-Jir", "al-Omar"], "provinces": ["Deir ez-Zor"]}],
    )
    report = evaluate(tmp_path / "gold.jsonl", out, gazetteer)
    assert (report.bases.tp, report.bases.fp, report.bases.fn) == (2, 1, 0)
    assert (report.provinces.tp, report.provinces.fp, report.provinces.fn) == (1, 0, 0)


def test_published_stated_inferable_and_none(case):
    assert (
        case({"published": "2023-03-26"}, {"published": "2023-03-26"})
        .published["stated_exact"]
        .right
        == 1
    )
    r = case({"published_inferable": "2022-08"}, {"published": "2022-08"})
    assert r.published["inferable_consistent"].right == 1
    r = case({"published_inferable": "2022-08"}, {"published": "2022-09"})
    assert r.published["inferable_consistent"].right == 0
    r = case({"published_inferable": None}, {"published": "2024-11-18"})
    assert r.published["none_when_none"].right == 0


def test_incident_matching_merges_nothing_and_counts_duplicates(case):
    gold_incident = {
        "date": "2023-03-23",
        "weapon": "drone",
        "base": "Kharab al-Jir",
        "province": "al-Hasakah",
        "country": "Syria",
        "killed": 1,
        "wounded": None,
        "perpetrator": None,
        "intercepted": None,
        "optional": False,
    }
    pred = {
        "date": "2023-03-24",
        "weapon": "drone",
        "base": {"name": "Kharab al-Jir"},
        "province": "al-Hasakah",
        "country": "Syria",
        "killed": 1,
        "wounded": None,
        "perpetrator": None,
        "intercepted": None,
    }
    report = case({"incidents": [gold_incident]}, incidents=[pred, dict(pred, weapon="unknown")])
    assert (report.incidents.tp, report.incidents.fp, report.incidents.fn) == (1, 1, 0)
    assert report.incident_fields["date"].right == 0  # within a day matches, but not exact
    assert report.incident_fields["killed"].right == 1


def test_incident_weapon_conflict_and_location_conflict_do_not_match(case):
    gold = {
        "date": None,
        "weapon": "rocket",
        "base": "al-Omar",
        "province": "Deir ez-Zor",
        "country": "Syria",
        "optional": False,
    }
    report = case(
        {"incidents": [gold]}, incidents=[dict(gold, weapon="drone"), dict(gold, base="al-Tanf")]
    )
    assert (report.incidents.tp, report.incidents.fp, report.incidents.fn) == (0, 2, 1)


def test_optional_gold_is_neither_miss_nor_false_positive(case):
    gold = {"date": "2024-01-23", "weapon": "airstrike", "country": "Yemen", "optional": True}
    assert case({"incidents": [gold]}).incidents.fn == 0
    report = case(
        {"incidents": [gold]},
        incidents=[{"date": "2024-01-23", "weapon": "airstrike", "country": "Yemen"}],
    )
    assert (report.incidents.tp, report.incidents.fp) == (0, 0)


def test_perpetrator_folding(case):
    gold = {
        "date": None,
        "weapon": "airstrike",
        "country": "Syria",
        "perpetrator": "United States",
        "optional": False,
    }
    report = case({"incidents": [gold]}, incidents=[dict(gold, perpetrator="Pentagon")])
    assert report.incident_fields["perpetrator"].right == 1


def test_quotes_start_words_and_speaker(case):
    gold = [
        {
            "speaker": "Patrick Ryder",
            "start_words": "we don't seek conflict or war",
            "optional": False,
        },
        {"speaker": "Al-Akhbar", "start_words": "there is undeclared", "optional": False},
    ]
    preds = [
        {"text": "We don\u2019t seek conflict or war with Iran.", "speaker": {"name": "Ryder"}},
        {"text": "there is undeclared coordination", "speaker": "Reuters"},
        {"text": "Something else entirely", "speaker": "Ryder"},
    ]
    report = case({"quotes": gold}, quotes=preds)
    assert (report.quotes.tp, report.quotes.fp, report.quotes.fn) == (2, 1, 0)
    assert (report.quote_speaker.right, report.quote_speaker.total) == (1, 2)


def test_claims_first_three_words_claimant_and_distanced(case):
    gold = [
        {
            "claimant": "US Central Command",
            "start_words": "the airstrikes targeted iran",
            "distanced": True,
            "optional": False,
        },
        {
            "claimant": None,
            "start_words": "about a dozen rockets were",
            "distanced": False,
            "optional": False,
        },
    ]
    preds = [
        {
            "content": "that the airstrikes targeted Iran backed groups",
            "claimant": "CENTCOM Central Command",
            "distanced": True,
        },
        {"content": "about a dozen rockets were fired", "claimant": None, "distanced": True},
    ]
    report = case({"claims": gold}, claims=preds)
    assert report.claims.tp == 2
    assert report.claim_claimant.right == 2
    assert (report.claim_distanced.tp, report.claim_distanced.fp) == (1, 1)


# ---- events: B-cubed (events.README.md) ------------------------------------------------------


def test_bcubed_by_hand():
    from escalation_cli.evaluate import bcubed

    # gold: {1, 2, 3}, {4}; predicted: {1, 2}, {3, 4}
    items = [("g1", "p1"), ("g1", "p1"), ("g1", "p2"), ("g2", "p2")]
    precision, recall = bcubed(items)
    assert precision == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert bcubed([("g", "p"), ("h", "q")]) == (1.0, 1.0)


def two_articles(tmp_path, events, *, second_incident=None):
    """Two gold files of one article each, an output directory with their incidents and
    ``events`` (lists of incident ids), and an events gold that puts both in one event."""
    incident = {"date": "2024-01-20", "weapon": "rocket", "base": "Harir", "country": "Iraq"}
    out = tmp_path / "out"
    out.mkdir()
    articles, incidents = [], []
    for n, name in enumerate(("one.txt", "two.txt")):
        aid = f"{n:016x}"
        articles.append({"article_id": aid, "source": f"in/{name}", "entities": []})
        incidents.append({"incident_id": f"{n + 10:016x}", "article_id": aid, **incident})
        gold = {"source": name, "incidents": [dict(incident, optional=False)]}
        if n == 1 and second_incident is not None:
            gold["incidents"].append(second_incident)
        write_jsonl(tmp_path / f"gold{n}.jsonl", [gold])
    write_jsonl(out / "articles.jsonl", articles)
    write_jsonl(out / "incidents.jsonl", incidents)
    write_jsonl(
        out / "events.jsonl",
        [
            {"event_id": f"{k:016x}", "sources": [{"incident_id": i} for i in members]}
            for k, members in enumerate(events)
        ],
    )
    members = [{"source": "one.txt", "incident": 0}, {"source": "two.txt", "incident": 0}]
    gold_events = [{"event": "2024-01-20_harir", "members": members, "certain": True}]
    if second_incident is not None:
        members = [{"source": "two.txt", "incident": 1}]
        gold_events.append({"event": "vague", "members": members, "certain": False})
    write_jsonl(tmp_path / "events.gold.jsonl", gold_events)
    return out


def test_events_scored_over_two_gold_files(tmp_path):
    ids = [f"{10:016x}", f"{11:016x}"]
    out = two_articles(tmp_path, [ids])
    golds = [tmp_path / "gold0.jsonl", tmp_path / "gold1.jsonl"]
    report = evaluate(golds, out, events_gold=tmp_path / "events.gold.jsonl")
    events = report.as_dict()["events"]
    assert (events["precision"], events["recall"], events["items"]) == (1.0, 1.0, 2)
    assert (events["events_predicted"], events["events_gold"]) == (1, 1)


def test_an_event_split_in_two_halves_the_recall(tmp_path):
    vague = {"date": None, "weapon": "rocket", "country": "Iraq", "optional": False}
    out = two_articles(tmp_path, [[f"{10:016x}"], [f"{11:016x}"]], second_incident=vague)
    golds = [tmp_path / "gold0.jsonl", tmp_path / "gold1.jsonl"]
    report = evaluate(golds, out, events_gold=tmp_path / "events.gold.jsonl")
    events = report.as_dict()["events"]
    assert (events["precision"], events["recall"], events["items"]) == (1.0, 0.5, 2)
    assert events["events_gold"] == 2 and events["events_predicted"] == 2
    assert any(e["type"] == "event-split" for e in report.errors.items)


def test_events_gold_needs_every_gold_file(tmp_path):
    from escalation_cli.evaluate import EvaluationError

    out = two_articles(tmp_path, [[f"{10:016x}", f"{11:016x}"]])
    with pytest.raises(EvaluationError, match="two.txt is in none of the gold files"):
        evaluate(tmp_path / "gold0.jsonl", out, events_gold=tmp_path / "events.gold.jsonl")
    (out / "events.jsonl").unlink()
    with pytest.raises(EvaluationError, match="events.jsonl: missing"):
        evaluate(tmp_path / "gold0.jsonl", out, events_gold=tmp_path / "events.gold.jsonl")


def test_evaluate_cli_with_two_gold_files_and_events(tmp_path):
    from typer.testing import CliRunner

    from escalation_cli.cli import app

    out = two_articles(tmp_path, [[f"{10:016x}", f"{11:016x}"]])
    args = ["evaluate", str(tmp_path / "gold0.jsonl"), str(out)]
    args += [
        "--gold",
        str(tmp_path / "gold1.jsonl"),
        "--events",
        str(tmp_path / "events.gold.jsonl"),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "events (B-cubed)" in result.stdout
    result = CliRunner().invoke(app, [*args, "--json"])
    assert json.loads(result.stdout)["events"]["f1"] == 1.0


def test_two_spellings_of_one_gazetteer_actor_are_one_speaker(tmp_path, gazetteer):
    gold = {
        "source": "x.txt",
        "published": None,
        "incidents": [],
        "quotes": [
            {"speaker": "CENTCOM", "start_words": "the strikes hit", "optional": False},
            {"speaker": "CENTCOM", "start_words": "no damage was", "optional": False},
        ],
        "claims": [],
        "bases": [],
        "provinces": [],
    }
    out = tmp_path / "out"
    out.mkdir()
    write_jsonl(tmp_path / "gold.jsonl", [gold])
    write_jsonl(out / "articles.jsonl", [{"article_id": "a" * 16, "source": "x.txt"}])
    write_jsonl(out / "incidents.jsonl", [])
    write_jsonl(out / "claims.jsonl", [])
    quotes = [
        {"article_id": "a" * 16, "text": "The strikes hit depots", "speaker": "US Central Command"},
        {"article_id": "a" * 16, "text": "No damage was done", "speaker": "Pentagon"},
    ]
    write_jsonl(out / "quotes.jsonl", quotes)
    with_gazetteer = evaluate(tmp_path / "gold.jsonl", out, gazetteer)
    assert (with_gazetteer.quote_speaker.right, with_gazetteer.quote_speaker.total) == (1, 2)
    without = evaluate(tmp_path / "gold.jsonl", out)
    assert without.quote_speaker.right == 0
