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
