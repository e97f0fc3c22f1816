"""Events: the grouping rules, one by one, on small records written for these tests."""

from __future__ import annotations

import itertools
import json
import random

import pytest

from escalation_cli.events import (
    Actor,
    Base,
    Reference,
    group_events,
    kind_of,
    reference_from_gazetteer,
)
from escalation_cli.models import Event

REFERENCE = Reference(
    bases={
        "ain al asad": Base("Ain al-Asad", "Anbar", "Iraq"),
        "al asad airbase": Base("Ain al-Asad", "Anbar", "Iraq"),
        "al tanf": Base("al-Tanf", "Homs", "Syria"),
        "harir": Base("Harir", "Erbil", "Iraq"),
        "tower 22": Base("Tower 22", None, "Jordan"),
        "al omar": Base("al-Omar", "Deir ez-Zor", "Syria"),
        "conoco": Base("Conoco", "Deir ez-Zor", "Syria"),
    },
    provinces={
        "anbar": ("Anbar", "Iraq"),
        "homs": ("Homs", "Syria"),
        "erbil": ("Erbil", "Iraq"),
        "deir ez zor": ("Deir ez-Zor", "Syria"),
        "deir ezzor": ("Deir ez-Zor", "Syria"),
        "baghdad": ("Baghdad", "Iraq"),
    },
    places={
        "al mayadeen": ("al-Mayadeen", "Deir ez-Zor"),
        "al bukamal": ("al-Bukamal", "Deir ez-Zor"),
    },
    actors={
        "united states": Actor("United States", "us_led", "United States", "state"),
        "iran": Actor("Iran", "iran_aligned", "Iran", "state"),
        "kataib hezbollah": Actor("Kataib Hezbollah", "iran_aligned", "Iraq", "militia"),
        "israel": Actor("Israel", "israel", "Israel", "state"),
        "qassem soleimani": Actor("Qassem Soleimani", "iran_aligned", "Iran", "official"),
        "soleimani": Actor("Qassem Soleimani", "iran_aligned", "Iran", "official"),
    },
)

_ids = itertools.count()


def article(published: str | None = "2024-01-21", outlet: str | None = None) -> dict:
    n = next(_ids)
    return {
        "article_id": f"{n:016x}",
        "source": f"a{n}.txt",
        "published": published,
        "outlet": outlet or f"Outlet {n}",
        "url": f"https://example.invalid/{n}",
    }


def incident(art: dict, **fields) -> dict:
    n = next(_ids)
    record = {
        "incident_id": f"{n:016x}",
        "article_id": art["article_id"],
        "date": None,
        "weapon": "unknown",
        "evidence": [{"text": f"report {n}", "start": n, "end": n + 1}],
        "mentions": 1,
    }
    record.update(fields)
    return record


def group(incidents: list[dict], articles: list[dict]) -> list[Event]:
    return group_events(incidents, {a["article_id"]: a for a in articles}, REFERENCE)


def partition(events: list[Event]) -> set[frozenset[str]]:
    return {frozenset(s.incident_id for s in e.sources) for e in events}


def together(events: list[Event], *records: dict) -> bool:
    ids = {r["incident_id"] for r in records}
    return any(ids <= part for part in partition(events))


ASAD = {"base": "Ain al-Asad", "province": "Anbar", "country": "Iraq"}


# ---- rule 1: one article's incidents are never one event -------------------------------------


def test_two_incidents_of_one_article_stay_two_events():
    a = article()
    first = incident(a, date="2024-01-20", weapon="rocket", **ASAD)
    second = incident(a, date="2024-01-20", weapon="rocket", **ASAD)
    assert len(group([first, second], [a])) == 2


# ---- rule 2: kind and country ----------------------------------------------------------------


def test_same_attack_in_two_outlets_is_one_event():
    a, b = article("2024-01-21"), article("2024-01-22")
    one = incident(a, date="2024-01-20", weapon="rocket", perpetrator="Kataib Hezbollah", **ASAD)
    two = incident(b, date="2024-01-20", weapon="rocket", base="al Asad airbase", country="Iraq")
    events = group([one, two], [a, b])
    assert len(events) == 1
    assert events[0].n_articles == 2 and events[0].n_outlets == 2
    assert events[0].kind == "attack"


def test_an_attack_and_a_strike_on_the_same_day_are_two_events():
    a, b = article(), article()
    attack = incident(a, date="2024-01-20", weapon="drone", province="Anbar", country="Iraq")
    strike = incident(
        b,
        date="2024-01-20",
        weapon="drone",
        province="Anbar",
        country="Iraq",
        perpetrator="United States",
        target="Kataib Hezbollah positions",
    )
    events = group([attack, strike], [a, b])
    assert len(events) == 2
    assert {e.kind for e in events} == {"attack", "strike"}


def test_different_countries_are_two_events():
    a, b = article(), article()
    iraq = incident(a, date="2024-01-20", weapon="rocket", country="Iraq")
    syria = incident(b, date="2024-01-20", weapon="rocket", country="Syria")
    assert len(group([iraq, syria], [a, b])) == 2


def test_kind_of_reads_the_perpetrator_then_the_side_that_was_hit():
    assert kind_of({"perpetrator": "United States"}, REFERENCE)[0] == "strike"
    assert kind_of({"perpetrator": "Iran-backed groups"}, REFERENCE)[0] == "attack"
    assert kind_of({"perpetrator": "Iraqi resistance factions"}, REFERENCE)[0] == "attack"
    assert kind_of({"perpetrator": "Israel"}, REFERENCE) == ("other", "israel")
    assert kind_of({"weapon": "drone", "target": "a Kataib Hezbollah commander"}, REFERENCE)[0] == (
        "strike"
    )
    assert kind_of({"weapon": "drone", "target": "US troops"}, REFERENCE)[0] == "attack"
    assert kind_of({"weapon": "airstrike"}, REFERENCE)[0] == "strike"
    assert kind_of({"weapon": "rocket"}, REFERENCE)[0] == "attack"


def test_acts_of_two_other_parties_are_not_merged():
    a, b = article(), article()
    israel = incident(
        a, date="2024-01-20", weapon="airstrike", country="Syria", perpetrator="Israel"
    )
    turkey = incident(
        b, date="2024-01-20", weapon="airstrike", country="Syria", perpetrator="Turkey"
    )
    actors = {**REFERENCE.actors, "turkey": Actor("Turkey", "turkey", "Turkey", "state")}
    reference = Reference(REFERENCE.bases, REFERENCE.provinces, REFERENCE.places, actors)
    events = group_events([israel, turkey], {x["article_id"]: x for x in (a, b)}, reference)
    assert [e.kind for e in events] == ["other", "other"]


# ---- rule 3: dates at their precision --------------------------------------------------------


def test_a_day_apart_is_one_event_two_days_apart_is_not():
    a, b, c = article("2024-01-25"), article("2024-01-25"), article("2024-01-25")
    us_time = incident(a, date="2024-01-20", weapon="drone", **ASAD)
    local = incident(b, date="2024-01-21", weapon="drone", **ASAD)
    later = incident(c, date="2024-01-23", weapon="drone", **ASAD)
    events = group([us_time, local, later], [a, b, c])
    assert together(events, us_time, local)
    assert not together(events, local, later)
    merged = next(e for e in events if len(e.sources) == 2)
    assert merged.date == "2024-01-20" and "date" in merged.disputed


def test_two_attacks_on_the_same_base_a_week_apart_stay_two_events():
    a, b = article("2024-01-14"), article("2024-01-21")
    first = incident(a, date="2024-01-13", weapon="rocket", killed=0, **ASAD)
    second = incident(b, date="2024-01-20", weapon="rocket", killed=0, **ASAD)
    assert len(group([first, second], [a, b])) == 2


def test_a_month_fits_a_day_inside_it_not_outside():
    a, b, c = article("2024-02-10"), article("2024-02-01"), article("2024-02-01")
    month = incident(a, date="2024-01", weapon="drone", base="Harir", country="Iraq")
    inside = incident(b, date="2024-01-20", weapon="drone", base="Harir", country="Iraq")
    events = group([month, inside], [a, b])
    assert len(events) == 1
    assert (events[0].date, events[0].date_precision) == ("2024-01-20", "day")
    outside = incident(c, date="2023-12-31", weapon="drone", base="Harir", country="Iraq")
    assert len(group([month, outside], [a, c])) == 2


def test_a_vague_report_joins_only_when_one_event_fits():
    a, b, c = article("2024-01-31"), article("2024-01-31"), article("2024-02-05")
    first = incident(a, date="2024-01-10", weapon="drone", base="Harir", country="Iraq")
    second = incident(b, date="2024-01-24", weapon="drone", base="Harir", country="Iraq")
    month = incident(c, date="2024-01", weapon="drone", base="Harir", country="Iraq")
    events = group([first, second, month], [a, b, c])
    assert len(events) == 3  # January held two attacks on Harir: which one is not known


# ---- rule 4: no date -------------------------------------------------------------------------


def test_no_date_joins_when_it_names_the_base_and_fits_its_article_date():
    dated, undated = article("2024-01-29"), article("2024-02-03")
    attack = incident(dated, date="2024-01-28", weapon="drone", base="Tower 22", country="Jordan")
    later = incident(undated, weapon="drone", base="Tower 22", country="Jordan", killed=3)
    assert len(group([attack, later], [dated, undated])) == 1


def test_no_date_and_nothing_specific_stays_alone():
    dated, undated = article("2024-01-29"), article("2024-02-03")
    attack = incident(dated, date="2024-01-28", weapon="drone", country="Jordan")
    vague = incident(undated, weapon="drone", country="Jordan", target="US troops")
    assert len(group([attack, vague], [dated, undated])) == 2


def test_no_date_never_joins_an_event_after_its_publication_or_long_before():
    early, attack_article, late = (
        article("2024-01-10"),
        article("2024-01-21"),
        article("2024-04-01"),
    )
    attack = incident(attack_article, date="2024-01-20", weapon="rocket", **ASAD)
    before = incident(early, weapon="rocket", **ASAD)  # published before the attack happened
    long_after = incident(late, weapon="rocket", **ASAD)  # a new attack, not this one
    events = group([attack, before, long_after], [early, attack_article, late])
    assert len(events) == 3


def test_two_undated_reports_of_one_base_meet_only_when_published_close_together():
    monday, wednesday, later = article("2024-01-22"), article("2024-01-24"), article("2024-02-07")
    first = incident(monday, weapon="drone", base="Harir", country="Iraq")
    second = incident(wednesday, weapon="drone", base="Harir", country="Iraq")
    third = incident(later, weapon="drone", base="Harir", country="Iraq")
    events = group([first, second, third], [monday, wednesday, later])
    assert together(events, first, second)
    assert not together(events, second, third)  # two weeks on: perhaps another attack


def test_a_named_person_killed_identifies_a_strike_at_any_distance():
    a, b = article("2020-01-04"), article("2021-02-26")
    strike = incident(
        a,
        date="2020-01-03",
        weapon="drone",
        perpetrator="United States",
        target="Qassem Soleimani",
        killed=1,
        province="Baghdad",
        country="Iraq",
    )
    recalled = incident(
        b, weapon="airstrike", perpetrator="United States", target="General Soleimani", killed=1
    )
    assert len(group([strike, recalled], [a, b])) == 1


def test_a_report_nothing_places_in_time_joins_only_on_a_death_toll_or_a_person():
    dated, timeless, timeless_base = article("2024-01-29"), article(None), article(None)
    attack = incident(
        dated, date="2024-01-28", weapon="drone", base="Tower 22", country="Jordan", killed=3
    )
    toll = incident(timeless, weapon="drone", country="Jordan", killed=3)
    base_only = incident(timeless_base, weapon="drone", base="Tower 22", country="Jordan")
    events = group([attack, toll, base_only], [dated, timeless, timeless_base])
    assert together(events, attack, toll)
    assert not together(events, attack, base_only)  # Tower 22 was attacked more than once


def test_a_weekday_and_a_base_place_an_undated_report_on_the_only_event_that_fits():
    # 2024-01-20 was a Saturday
    dated, timeless = article("2024-01-21"), article(None)
    attack = incident(dated, date="2024-01-20", weapon="rocket", **ASAD)
    saturday = incident(timeless, date_text="on Saturday evening", weapon="missile", **ASAD)
    events = group([attack, saturday], [dated, timeless])
    assert together(events, attack, saturday)
    assert events[0].date == "2024-01-20"


def test_a_weekday_that_does_not_fit_the_day_keeps_the_report_alone():
    dated, timeless = article("2024-01-21"), article(None)
    attack = incident(dated, date="2024-01-20", weapon="rocket", **ASAD)  # a Saturday
    tuesday = incident(timeless, date_text="early Tuesday", weapon="rocket", **ASAD)
    assert not together(group([attack, tuesday], [dated, timeless]), attack, tuesday)


def test_a_weekday_joins_nothing_when_two_events_fit_it():
    first, second, timeless = article("2024-01-14"), article("2024-01-21"), article(None)
    week_one = incident(first, date="2024-01-13", weapon="rocket", **ASAD)  # Saturdays
    week_two = incident(second, date="2024-01-20", weapon="rocket", **ASAD)
    saturday = incident(timeless, date_text="Saturday", weapon="rocket", **ASAD)
    events = group([week_one, week_two, saturday], [first, second, timeless])
    assert len(events) == 3


def test_a_weekday_in_the_same_province_is_not_enough_for_an_attack():
    dated, timeless = article("2024-01-21"), article(None)
    attack = incident(dated, date="2024-01-20", weapon="rocket", province="Anbar", country="Iraq")
    saturday = incident(timeless, date_text="Saturday", weapon="rocket", **ASAD)
    assert not together(group([attack, saturday], [dated, timeless]), attack, saturday)


def test_a_weekday_in_the_same_province_places_a_strike_wave():
    # strikes overnight: Thursday's wave told as "the early hours of Friday"
    dated, timeless = article("2023-03-24"), article(None)
    wave = incident(
        dated,
        date="2023-03-23",
        weapon="airstrike",
        perpetrator="United States",
        province="Deir ez-Zor",
        country="Syria",
    )
    friday = incident(
        timeless,
        date_text="early hours of Friday",
        weapon="airstrike",
        perpetrator="United States",
        province="Deir ez-Zor",
        country="Syria",
    )
    assert together(group([wave, friday], [dated, timeless]), wave, friday)


# ---- rule 5: locations -----------------------------------------------------------------------


def test_a_base_fits_its_own_province_and_country_not_another():
    a, b, c, d = article(), article(), article(), article()
    base = incident(a, date="2024-01-20", weapon="rocket", **ASAD)
    province = incident(b, date="2024-01-20", weapon="rocket", province="Anbar", country="Iraq")
    events = group([base, province], [a, b])
    assert len(events) == 1 and events[0].base == "Ain al-Asad" and events[0].province == "Anbar"
    elsewhere = incident(c, date="2024-01-20", weapon="rocket", province="Baghdad", country="Iraq")
    other_base = incident(d, date="2024-01-20", weapon="rocket", base="Harir", country="Iraq")
    assert len(group([base, elsewhere, other_base], [a, c, d])) == 3


def test_attacks_on_two_bases_the_same_day_are_two_events():
    a, b = article(), article()
    omar = incident(a, date="2024-11-12", weapon="rocket", base="al-Omar", country="Syria")
    conoco = incident(b, date="2024-11-12", weapon="rocket", base="Conoco", country="Syria")
    assert len(group([omar, conoco], [a, b])) == 2


def test_the_same_strike_wave_told_by_a_wire_and_a_local_outlet_is_one_event():
    wire, local = article("2024-11-14", "Wire"), article("2024-11-13", "Local")
    told_by_wire = incident(
        wire,
        date="2024-11-13",
        weapon="airstrike",
        perpetrator="United States",
        province="Deir ez-Zor",
        country="Syria",
        target="Iran-backed militia sites",
        killed=3,
    )
    told_locally = incident(
        local,
        date="2024-11-12",
        weapon="airstrike",
        place="al-Bukamal",
        country="Syria",
        target="positions of militias",
        killed=5,
    )
    events = group([told_by_wire, told_locally], [wire, local])
    assert len(events) == 1
    event = events[0]
    assert (event.killed, event.killed_max) == (3, 5)
    assert set(event.disputed) == {"killed", "date"}
    assert event.first_reported == "2024-11-13"
    assert [s.outlet for s in event.sources] == ["Local", "Wire"]  # in order of publication
    assert event.target_actor == "Iran-backed militias"


# ---- rule 6: weapons -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        ("rocket", "unknown", True),
        ("rocket", "missile", True),
        ("drone", "airstrike", True),
        ("drone", "rocket", False),
        ("mortar", "drone", False),
    ],
)
def test_weapons(first, second, merged):
    a, b = article(), article()
    one = incident(a, date="2024-01-20", weapon=first, **ASAD)
    two = incident(b, date="2024-01-20", weapon=second, **ASAD)
    assert (len(group([one, two], [a, b])) == 1) is merged


# ---- rule 7: no chaining ---------------------------------------------------------------------


def test_every_pair_of_an_event_is_compatible():
    a, b, c = article("2024-01-25"), article("2024-01-25"), article("2024-01-25")
    day1 = incident(a, date="2024-01-20", weapon="rocket", **ASAD)
    day2 = incident(b, date="2024-01-21", weapon="rocket", **ASAD)
    day3 = incident(c, date="2024-01-22", weapon="rocket", **ASAD)
    events = group([day1, day2, day3], [a, b, c])
    assert len(events) == 2  # day 2 fits day 1 and day 3, but day 1 and day 3 are not one
    assert not together(events, day1, day3)


# ---- the record ------------------------------------------------------------------------------


def test_figures_dispute_and_sources():
    a, b, c = article("2024-01-21", "A"), article("2024-01-22", "B"), article("2024-01-23", "A")
    one = incident(
        a, date="2024-01-20", weapon="rocket", killed=2, wounded=5, intercepted=False, **ASAD
    )
    two = incident(b, date="2024-01-20", weapon="rocket", killed=3, intercepted=True, **ASAD)
    three = incident(
        c,
        date="2024-01-20",
        weapon="rocket",
        killed=2,
        perpetrator="Kataib Hezbollah",
        perpetrator_attribution="claimed_responsibility",
        casualty_source="the group",
        **ASAD,
    )
    (event,) = group([one, two, three], [a, b, c])
    assert (event.killed, event.killed_max, event.wounded, event.wounded_max) == (2, 3, 5, 5)
    assert event.disputed == ["killed", "intercepted"]
    assert event.intercepted is None
    assert event.perpetrator == "Kataib Hezbollah"
    assert event.perpetrator_attribution == "claimed_responsibility"
    assert (event.n_articles, event.n_outlets) == (3, 2)
    assert [s.killed for s in event.sources] == [2, 3, 2]
    assert event.sources[2].casualty_source == "the group"
    assert event.target_actor == "Military Forces of the United States"
    Event.model_validate(json.loads(event.model_dump_json()))


def test_in_scope_is_optional_and_never_mixed():
    a, b, c = article(), article(), article()
    without = incident(a, date="2024-01-20", weapon="rocket", **ASAD)
    inside = incident(b, date="2024-01-20", weapon="rocket", in_scope=True, **ASAD)
    outside = incident(c, date="2024-01-20", weapon="rocket", in_scope=False, **ASAD)
    events = group([without, inside, outside], [a, b, c])
    assert not together(events, inside, outside)
    assert len(events) == 2


# ---- ids and order ---------------------------------------------------------------------------


def reports_of_one_attack() -> tuple[list[dict], list[dict]]:
    articles = [article(f"2024-01-2{n}") for n in range(1, 5)]
    incidents = [incident(a, date="2024-01-20", weapon="drone", **ASAD) for a in articles]
    return incidents, articles


def test_an_event_keeps_its_id_when_a_later_report_joins():
    incidents, articles = reports_of_one_attack()
    (before,) = group(incidents[:3], articles[:3])
    (after,) = group(incidents, articles)
    assert after.event_id == before.event_id
    assert len(after.sources) == 4
    # its id is that of its earliest report
    (alone,) = group(incidents[:1], articles[:1])
    assert alone.event_id == before.event_id


def test_the_order_of_the_input_does_not_matter():
    incidents, articles = reports_of_one_attack()
    a, b = article("2024-01-22"), article("2024-01-23")
    incidents += [
        incident(a, date="2024-01-21", weapon="drone", base="Harir", country="Iraq"),
        incident(b, weapon="drone", base="Harir", country="Iraq"),
    ]
    articles += [a, b]
    reference = [e.model_dump() for e in group(incidents, articles)]
    rng = random.Random(4)
    for _ in range(5):
        rng.shuffle(incidents)
        rng.shuffle(articles)
        assert [e.model_dump() for e in group(incidents, articles)] == reference


def test_every_incident_is_in_exactly_one_event():
    rng = random.Random(9)
    articles = [article(f"2024-01-{rng.randint(10, 28)}") for _ in range(30)]
    incidents = []
    for a in articles:
        for _ in range(rng.randint(1, 3)):
            incidents.append(
                incident(
                    a,
                    date=rng.choice([None, "2024-01", f"2024-01-{rng.randint(1, 9):02d}"]),
                    weapon=rng.choice(["drone", "rocket", "unknown"]),
                    base=rng.choice(["Ain al-Asad", "Harir", None]),
                    country="Iraq",
                )
            )
    events = group(incidents, articles)
    seen = [s.incident_id for e in events for s in e.sources]
    assert sorted(seen) == sorted(i["incident_id"] for i in incidents)


def test_the_shipped_gazetteer_gives_the_reference(gazetteer):
    reference = reference_from_gazetteer(gazetteer)
    assert reference.bases["al asad airbase"].province == "Anbar"
    assert reference.actor("Kataib Hezbollah").alignment == "iran_aligned"
    assert [a.name for a in reference.actors_in("five Kataib Hezbollah sites")] == [
        "Kataib Hezbollah"
    ]
    # a base named after a person is a base
    assert reference.actors_in("the Ain al-Assad air base", types=("official",)) == []


def test_a_strike_on_a_groups_own_base_that_killed_its_fighters_is_a_strike():
    a = article()
    record = incident(
        a, date="2023-11-22", target="its base", casualty_group="militants", country="Iraq"
    )
    assert kind_of(record, REFERENCE)[0] == "strike"
    on_us = incident(a, date="2023-11-22", target="the base", country="Iraq")
    assert kind_of(on_us, REFERENCE)[0] == "attack"
