"""One event, one record (extractors/incidents/merge.py)."""

from __future__ import annotations

import pytest

# ---- one event, one record -----------------------------------------------------------------------


def test_two_tellings_of_one_attack_merge(incidents_of, one):
    text = (
        "Officials said the drone that attacked the American base killed three soldiers and "
        "wounded at least 40 others.\n\nThe strikes came in response to a drone attack that "
        "killed three soldiers and wounded more than 40 others at the Tower 22 outpost in "
        "Jordan."
    )
    drones = [i for i in incidents_of(text) if i.weapon == "drone"]
    inc = one(drones)
    assert (inc.base, inc.country, inc.killed, inc.wounded, inc.mentions) == (
        "Tower 22",
        "Jordan",
        3,
        40,
        2,
    )
    assert inc.wounded_qualifier == "at_least"  # the first report's figure stands
    assert len(inc.evidence) == 2
    assert all(text[e.start : e.end] == e.text for e in inc.evidence)


def test_a_similar_attack_is_a_new_incident(incidents_of):
    text = (
        "The targeting of the al-Omar base, which occurred on Sunday, was preceded by a similar "
        "attack on the Kharab al-Jir base."
    )
    found = incidents_of(text, "2024-02-05")
    assert sorted(i.base for i in found) == ["Kharab al-Jir", "al-Omar"]
    assert {i.base: i.date for i in found} == {"al-Omar": "2024-02-04", "Kharab al-Jir": None}


def test_ids_are_stable(incidents_of):
    text = "Rockets hit the al-Omar base on Sunday."
    assert incidents_of(text)[0].incident_id == incidents_of(text)[0].incident_id


# ---- head, captions and body -----------------------------------------------------------------


def test_a_headline_retelling_the_story_is_one_incident(incidents_of, one):
    text = (
        "Rockets hit Ain al-Asad base\n\n"
        "Three rockets hit the Ain al-Asad air base in Anbar province on Monday afternoon, the "
        "coalition said in a statement."
    )
    inc = one(incidents_of(text))
    assert inc.mentions == 2 and inc.evidence[0].text.startswith("Three rockets")


def test_the_definite_place_refers_back(incidents_of, one):
    text = (
        "US officials said 15 rockets hit Camp Taji on Wednesday. The Iraqi military said 10 "
        "rockets had hit the base."
    )
    assert one(incidents_of(text, "2020-03-11")).base == "Camp Taji"


def test_a_day_apart_with_the_place_shared_is_one_event(incidents_of, one):
    text = (
        "US jets struck militia sites in Jurf al-Sakhar early Wednesday. Officials said the "
        "jets struck Jurf al-Sakhar on Tuesday."
    )
    assert one(incidents_of(text, "2023-11-22")).date == "2023-11-22"


def test_a_week_apart_is_two_events(incidents_of):
    text = "Rockets hit the Harir base on March 1. Rockets hit the Harir base again on March 8."
    assert len(incidents_of(text, "2023-03-26")) == 2


# ---- counted, new and several ----------------------------------------------------------------


def test_ordinals(incidents_of):
    text = (
        "Rockets hit the Victory base on Tuesday. This is the second attack on the Victory "
        "base in two months."
    )
    assert len(incidents_of(text, "2024-09-18")) == 1
    text = "Rockets hit the Conoco base on Tuesday, and a second barrage hit the Shaddadi base."
    assert sorted(i.base for i in incidents_of(text, "2024-11-13")) == ["Conoco", "al-Shaddadi"]


def test_attacks_on_several_named_bases_are_one_incident_each(incidents_of):
    text = "Militants launched drone strikes on the Tanf garrison and the Shaddadi base on Friday."
    assert sorted(i.base for i in incidents_of(text)) == ["al-Shaddadi", "al-Tanf"]


def test_counted_places_in_another_country(incidents_of):
    text = (
        "Drones were launched twice against the Ain al-Asad base and three bases in Syria on "
        "Friday."
    )
    found = incidents_of(text)
    assert sorted((i.country, i.base) for i in found) == [
        ("Iraq", "Ain al-Asad"),
        ("Syria", None),
    ]


def test_a_us_wave_over_two_countries_stays_one(incidents_of, one):
    inc = one(incidents_of("US jets struck militia sites in Iraq and Syria on Friday."))
    assert inc.country == "Iraq|Syria"


def test_plural_references_start_nothing(incidents_of):
    assert incidents_of("These attacks come amid rising tension, officials said.") == []


@pytest.mark.parametrize(
    "later",
    [
        "The strikes near al-Mayadin killed five fighters, a monitoring group said.",
        # the parse reads "The precision" as a noun phrase of its own
        "The precision strikes near al-Mayadin were a response to a string of attacks on US "
        "troops, the minister said. A monitoring group said five fighters were killed.",
    ],
)
def test_a_definite_mention_names_the_place_of_an_unplaced_strike(incidents_of, one, later):
    text = (
        "American warplanes struck two depots in eastern Syria early Thursday, the Pentagon "
        f"said. {later}"
    )
    inc = one(incidents_of(text, published="2023-03-24"))
    assert (inc.date, inc.place, inc.province, inc.killed) == (
        "2023-03-23",
        "al-Mayadin",
        "Deir ez-Zor",
        5,
    )


def test_a_new_strike_elsewhere_is_not_made_definite(incidents_of):
    text = (
        "American warplanes struck two depots in eastern Syria early Thursday. A day later, "
        "a drone strike near al-Mayadin killed a militia commander."
    )
    assert len(incidents_of(text, published="2023-03-24")) == 2


def test_a_headline_on_us_strikes_joins_the_drone_strike_it_sums_up(incidents_of, one):
    text = (
        "US strikes in Iraq kill militia commander\n\n"
        "A US drone strike in Baghdad on Wednesday killed a senior commander of Kataib "
        "Hezbollah, the US military said."
    )
    inc = one(incidents_of(text, published="2024-02-08"))
    assert (inc.weapon, inc.date, inc.mentions) == ("drone", "2024-02-07", 2)


def test_a_drone_attack_on_us_troops_and_a_us_air_strike_stay_apart(incidents_of):
    text = (
        "A drone attack hit the Tower 22 base in Jordan on Sunday, killing three US soldiers. "
        "US jets struck militia sites in Syria on Sunday."
    )
    assert len(incidents_of(text, published="2024-01-30")) == 2


def test_the_fighter_jet_that_downs_the_drone_is_not_the_weapon(incidents_of, one):
    text = (
        "A drone targeted the al-Tanf garrison in southern Syria on Sunday, the coalition said. "
        "The drone was shot down by a US fighter jet near the base. There were no injuries."
    )
    inc = one(incidents_of(text, published="2024-01-15", out_of_scope=True))
    assert (inc.weapon, inc.intercepted, inc.killed, inc.wounded) == ("drone", True, 0, 0)


def test_a_headline_naming_the_prominent_dead_joins_the_story_and_its_toll(incidents_of, one):
    text = (
        "Israeli strike on Iran's consulate in Damascus kills top commander\n\n"
        "An Israeli air strike destroyed Iran's consulate in Damascus on Monday, killing seven "
        "officers of the Islamic Revolutionary Guard Corps, Iran said."
    )
    inc = one(incidents_of(text, published="2024-04-01", out_of_scope=True))
    assert (inc.killed, inc.mentions) == (7, 2)


@pytest.mark.parametrize(
    "later, intercepted",
    [
        ("Most of the missiles were intercepted by the base's air defences.", True),
        ("Most of the projectiles were shot down, but some hit the runway.", True),
        ("Both missiles were downed before they reached the base.", True),
        # no interception told
        ("There was no attempt to shoot down the missiles.", None),
        ("Air defences failed to intercept the missiles.", None),
    ],
)
def test_an_interception_told_after_the_attack(incidents_of, later, intercepted):
    text = f"Militants fired missiles at the Ain al-Asad air base on Saturday evening. {later}"
    inc = next(i for i in incidents_of(text, published="2024-01-21") if i.base == "Ain al-Asad")
    assert inc.intercepted is intercepted


def test_one_of_the_drones_told_as_a_bare_count_was_intercepted(incidents_of, one):
    text = (
        "Two drones targeted the al-Asad air base in western Iraq on Tuesday. One was shot down; "
        "the other caused minor injuries."
    )
    assert one(incidents_of(text, published="2023-10-18")).intercepted is True
