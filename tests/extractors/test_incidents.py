"""Incidents on short texts written for these tests (one behaviour each)."""

from __future__ import annotations

import pytest

from escalation_cli.extract import doc_to_records
from escalation_cli.readers import Document


@pytest.fixture(scope="module")
def incidents_of(nlp):
    from escalation_cli.nlp import gazetteer_of

    gazetteer = gazetteer_of(nlp)

    def run(text: str, published: str | None = "2023-03-26"):
        document = Document(
            source="t.txt",
            text=text,
            published=published,
            published_precision="day" if published else None,
        )
        return doc_to_records(nlp(text), document, gazetteer).incidents

    return run


def one(incidents):
    assert len(incidents) == 1, [(i.weapon, i.date, i.base, i.evidence[0].text) for i in incidents]
    return incidents[0]


# ---- dates -----------------------------------------------------------------------------------


def test_day_month_resolves_against_the_article_date(incidents_of):
    inc = one(incidents_of("A drone struck the Conoco gas field base on 23 March, officials said."))
    assert (inc.date, inc.date_precision, inc.date_text) == ("2023-03-23", "day", "23 March")


def test_weekday_is_the_last_such_day_before_publication(incidents_of):
    # 5 February 2024 is a Monday: "on Sunday" is the 4th.
    inc = one(incidents_of("Rockets hit the al-Omar base on Sunday, a monitor said.", "2024-02-05"))
    assert inc.date == "2024-02-04"


def test_weekday_with_month_and_day(incidents_of):
    inc = one(
        incidents_of(
            "US jets carried out air raids in Deir ez-Zor province on Tuesday, "
            "August 23, the military said.",
            "2022-08-25",
        )
    )
    assert (inc.date, inc.weapon, inc.province) == ("2022-08-23", "airstrike", "Deir ez-Zor")


def test_last_week_is_a_month_when_it_lies_in_one(incidents_of):
    # 26 March 2023 is a Sunday: last week is 13-19 March
    inc = one(incidents_of("Last week's drone attack on the al-Tanf garrison caused no damage."))
    assert (inc.date, inc.date_precision) == ("2023-03", "month")
    # 2 March 2023 is a Thursday: last week ran from 20 to 26 February
    inc = one(
        incidents_of(
            "Last week's drone attack on the al-Tanf garrison caused no damage.", "2023-03-02"
        )
    )
    assert (inc.date, inc.date_precision) == ("2023-02", "month")
    # 1 March 2023 is a Wednesday: this week ran from 27 February, over two months
    inc = one(
        incidents_of(
            "This week's drone attack on the al-Tanf garrison caused no damage.", "2023-03-01"
        )
    )
    assert inc.date is None


def test_a_day_after_a_dated_statement(incidents_of):
    text = (
        "The spokesman said on 14 May that the army would stay.\n\n"
        "His comments came a day after US warplanes struck targets in the eastern city of "
        "Deir Ezzor."
    )
    inc = one(incidents_of(text, "2023-05-16"))
    assert (inc.date, inc.weapon, inc.place) == ("2023-05-13", "airstrike", "Deir Ezzor")


def test_later_that_night_after_an_undated_attack_stays_undated(incidents_of):
    text = (
        "A rocket attack targeted the Green Village base. Later that night, the Conoco base was "
        "targeted in a second operation."
    )
    found = incidents_of(text)
    assert len(found) == 2
    assert all(i.date is None for i in found)


def test_hours_after_gives_no_day(incidents_of):
    text = (
        "Hours after the US bombardment, militants bombarded the Harir base in Erbil with drones."
    )
    found = [i for i in incidents_of(text, "2024-02-05") if i.base == "Harir"]
    assert one(found).date is None and found[0].weapon == "drone"


def test_dates_never_depend_on_today(incidents_of):
    assert one(incidents_of("Rockets hit the al-Omar base on Sunday.", None)).date is None


# ---- casualties ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, killed, killed_q, wounded, wounded_q",
    [
        (
            "A drone attack on the Tower 22 outpost killed three soldiers and wounded at least 34 "
            "others.",
            3,
            "exact",
            34,
            "at_least",
        ),
        (
            "A drone strike on the Harir base killed a US contractor and injured several others.",
            1,
            "exact",
            None,
            None,
        ),
        (
            "Rockets fired at the al-Omar base killed 2 fighters and wounded more than 10 people.",
            2,
            "exact",
            10,
            "more_than",
        ),
        (
            "About a dozen rockets hit the Conoco base, but the strikes did not result in "
            "casualties.",
            0,
            "exact",
            0,
            "exact",
        ),
        ("A rocket attack on Victory Base wounded about seven people.", None, None, 7, "about"),
    ],
)
def test_casualty_figures(incidents_of, sentence, killed, killed_q, wounded, wounded_q):
    inc = one(incidents_of(sentence))
    assert (inc.killed, inc.killed_qualifier, inc.wounded, inc.wounded_qualifier) == (
        killed,
        killed_q,
        wounded,
        wounded_q,
    )


def test_casualties_attach_to_their_own_incident(incidents_of):
    text = (
        "The US bombing was in response to a drone strike on its base in Hasakah's Kharab "
        "al-Jir military airport, which killed a US contractor on 23 March."
    )
    found = incidents_of(text)
    drone = one([i for i in found if i.weapon == "drone"])
    assert (drone.killed, drone.base, drone.province, drone.date) == (
        1,
        "Kharab al-Jir",
        "al-Hasakah",
        "2023-03-23",
    )
    assert all(i.killed is None for i in found if i.weapon != "drone")


# ---- location --------------------------------------------------------------------------------


def test_base_gives_province_country_and_coordinates(incidents_of):
    inc = one(incidents_of("Two rockets landed inside the Rmeilan base on Monday."))
    assert (inc.base, inc.province, inc.country, inc.geo_precision) == (
        "Kharab al-Jir",
        "al-Hasakah",
        "Syria",
        "base",
    )
    assert inc.latitude and inc.longitude


def test_city_near_base_gives_province(incidents_of):
    inc = one(
        incidents_of(
            "A one-way drone struck a maintenance facility on a Coalition base "
            "near Hasakah in northeast Syria on Thursday."
        )
    )
    assert (inc.province, inc.place, inc.country, inc.geo_precision) == (
        "al-Hasakah",
        "Hasakah",
        "Syria",
        "province",
    )


def test_governorate_phrase(incidents_of):
    inc = one(
        incidents_of(
            "Militants struck the American al-Omar oil field base east of Deir "
            "Ezzor governorate on Sunday.",
            "2024-02-05",
        )
    )
    assert (inc.base, inc.province) == ("al-Omar", "Deir ez-Zor")


def test_where_the_jets_came_from_is_not_where_they_struck(incidents_of):
    inc = one(
        incidents_of(
            "US F-15 jets that flew out of al-Udeid Air Base in Qatar targeted "
            "facilities in Deir Ezzor on Thursday."
        )
    )
    assert inc.base is None and inc.province == "Deir ez-Zor" and inc.weapon == "airstrike"


# ---- perpetrator -----------------------------------------------------------------------------


def test_stated_perpetrator(incidents_of):
    inc = one(
        incidents_of("US warplanes struck three facilities in Deir ez-Zor province on Friday.")
    )
    assert (inc.perpetrator, inc.perpetrator_attribution) == ("United States", "stated")


def test_claimed_responsibility(incidents_of):
    inc = one(
        incidents_of(
            "The Islamic Resistance in Iraq released a video showing the moment "
            "of striking the al-Omar base on Sunday."
        )
    )
    assert inc.perpetrator == "Islamic Resistance in Iraq"
    assert inc.perpetrator_attribution == "claimed_responsibility"


def test_defender_is_not_the_perpetrator(incidents_of):
    inc = one(
        incidents_of(
            "US forces shot down three drones heading toward Ain al-Asad air base on Wednesday."
        )
    )
    assert inc.perpetrator is None and inc.intercepted is True and inc.weapon == "drone"


# ---- one event, one record -------------------------------------------------------------------


def test_two_tellings_of_one_attack_merge(incidents_of):
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


# ---- not incidents ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Attacks against US bases in Syria have become much more regular.",
        "The base has been targeted with drones at least five times already this year.",
        "The US has carried out several air strikes in Syria since the president came to power.",
        "If our people are threatened, we will strike back hard.",
        "The militias are seeking to attack US forces in the region.",
        "Russia sent S-300 surface-to-air missile systems to Syria in October 2018.",
        "The outpost, known as “Tower 22”, hosts about 350 troops.",
        "Officials described the sanctions as an attack on the economy.",
        "The US military base at al-Tanf has been repeatedly attacked.",
        "The US has struck government positions in response to alleged attacks.",
    ],
)
def test_not_incidents(incidents_of, text):
    assert incidents_of(text) == []


# ---- more of the language of such reports ----------------------------------------------------


def test_came_under_rocket_fire(incidents_of):
    inc = one(
        incidents_of(
            "US forces at the Green Village came under rocket fire on Sunday evening.", "2024-01-20"
        )
    )
    assert (inc.weapon, inc.base, inc.date, inc.perpetrator) == (
        "rocket",
        "Green Village",
        "2024-01-14",
        None,
    )


def test_mortar_rounds_landed(incidents_of):
    inc = one(incidents_of("Three mortar rounds landed near Victory Base overnight, police said."))
    assert (inc.weapon, inc.base, inc.province) == ("mortar", "Victory Base", "Baghdad")


def test_backed_groups_are_the_perpetrator_not_their_backer(incidents_of):
    inc = one(
        incidents_of(
            "Iran-backed militants fired three rockets at Ain al-Asad air base on "
            "Tuesday, injuring two American contractors.",
            "2024-01-20",
        )
    )
    assert (inc.perpetrator, inc.wounded, inc.casualty_group) == (
        "Iran-backed militants",
        2,
        "contractor",
    )


def test_capital_as_a_place(incidents_of):
    inc = one(
        incidents_of(
            "A US airstrike killed a militia commander in Baghdad on Wednesday.", "2024-01-20"
        )
    )
    assert (inc.province, inc.place, inc.country, inc.killed) == (
        "Baghdad",
        "Baghdad",
        "Iraq",
        1,
    )


def test_since_a_date_does_not_date_the_event(incidents_of):
    inc = one(
        incidents_of(
            "The rocket attack on the Conoco base, the 150th on US forces since "
            "October 17, caused no injuries."
        )
    )
    assert inc.date is None and (inc.killed, inc.wounded) == (0, 0)
