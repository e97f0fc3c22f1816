"""Perpetrators and sides (extractors/incidents/perpetrator.py)."""

from __future__ import annotations

import pytest

# ---- perpetrator ---------------------------------------------------------------------------------


def test_stated_perpetrator(incidents_of, one):
    inc = one(
        incidents_of("US warplanes struck three facilities in Deir ez-Zor province on Friday.")
    )
    assert (inc.perpetrator, inc.perpetrator_attribution) == ("United States", "stated")


def test_claimed_responsibility(incidents_of, one):
    inc = one(
        incidents_of(
            "The Islamic Resistance in Iraq released a video showing the moment "
            "of striking the al-Omar base on Sunday."
        )
    )
    assert inc.perpetrator == "Islamic Resistance in Iraq"
    assert inc.perpetrator_attribution == "claimed_responsibility"


def test_defender_is_not_the_perpetrator(incidents_of, one):
    inc = one(
        incidents_of(
            "US forces shot down three drones heading toward Ain al-Asad air base on Wednesday."
        )
    )
    assert inc.perpetrator is None and inc.intercepted is True and inc.weapon == "drone"


# ---- who the text says did it ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, perpetrator, attribution",
    [
        (
            "The Islamic Resistance in Iraq claimed responsibility for the drone attack on the "
            "Harir base on Friday.",
            "Islamic Resistance in Iraq",
            "claimed_responsibility",
        ),
        (
            "The minister blamed Kataib Hezbollah for the rocket attack on the al-Omar base on "
            "Sunday.",
            "Kataib Hezbollah",
            "alleged",
        ),
        (
            "Kataib Hezbollah was likely behind the drone attack on the Tanf garrison on Sunday.",
            "Kataib Hezbollah",
            "suspected",
        ),
        (
            "The drone attack on the Tanf garrison on Sunday was believed to have been carried "
            "out by Kataib Hezbollah.",
            "Kataib Hezbollah",
            "suspected",
        ),
        (
            "The airstrikes, which were executed by US fighter jets, hit positions in Deir "
            "ez-Zor on Friday.",
            "United States",
            "stated",
        ),
    ],
)
def test_told_perpetrators(incidents_of, one, text, perpetrator, attribution):
    inc = one(incidents_of(text))
    assert (inc.perpetrator, inc.perpetrator_attribution) == (perpetrator, attribution)


def test_a_denied_claim_names_nobody(incidents_of, one):
    inc = one(
        incidents_of(
            "Rockets hit the Conoco base on Monday. No group claimed responsibility for the attack."
        )
    )
    assert inc.perpetrator is None


def test_the_author_of_a_response(incidents_of):
    found = incidents_of(
        "Rockets hit the Conoco base on Tuesday. The US responded to the attack with "
        "airstrikes in Deir ez-Zor province."
    )
    strike = next(i for i in found if i.weapon == "airstrike")
    rockets = next(i for i in found if i.weapon == "rocket")
    assert strike.perpetrator == "United States" and rockets.perpetrator is None


def test_the_teller_is_not_the_perpetrator(incidents_of, one):
    inc = one(
        incidents_of(
            "“A rocket attack was launched at the Harir base on Friday,” a US official said."
        )
    )
    assert inc.perpetrator is None


def test_a_definite_mention_of_an_earlier_event_shares_its_author(incidents_of):
    found = incidents_of(
        "The Islamic Resistance in Iraq claimed drone strikes on the Tanf garrison on Friday. "
        "The strikes also targeted the Harir base."
    )
    assert sorted(i.base for i in found) == ["Harir", "al-Tanf"]
    assert {i.perpetrator for i in found} == {"Islamic Resistance in Iraq"}
    assert {i.weapon for i in found} == {"drone"}


def test_party_and_side(gazetteer):
    from types import SimpleNamespace

    from escalation_cli.extractors.incidents.perpetrator import (
        ON_US,
        OTHER,
        US_STRIKE,
        party_of,
        side_of,
    )

    assert party_of("Pentagon", gazetteer) == party_of("United States", gazetteer)
    assert party_of("Kataib Hezbollah", gazetteer) == "Kataib Hezbollah"

    def mention(**fields):
        base = dict(
            perpetrator=None, perpetrator_alignment=None, base=None, target=None, weapon="unknown"
        )
        return SimpleNamespace(**{**base, **fields})

    assert side_of(mention(perpetrator_alignment="us_led"), gazetteer) == US_STRIKE
    assert side_of(mention(base="al_tanf"), gazetteer) == ON_US
    hamas = mention(perpetrator="Hamas", perpetrator_alignment="iran_aligned")
    assert side_of(hamas, gazetteer) == OTHER
    assert side_of(mention(), gazetteer) is None


def test_a_pro_actor_modifier_names_the_group_not_the_state(incidents_of, one):
    text = "Nine rockets were fired at the Conoco base in Syria by pro-Iranian Shiite militias."
    inc = one(incidents_of(text))
    assert inc.perpetrator == "pro-Iranian Shiite militias"


def test_defenders_in_a_headline_are_not_the_perpetrators(incidents_of):
    text = (
        "US, Syrian Troops Foil Drone Attack on Base Housing American Forces\n\n"
        "Coalition forces stopped a drone attack on the al-Omar base in Syria on Sunday."
    )
    incidents = incidents_of(text)
    assert incidents and all(i.perpetrator is None for i in incidents)


def test_an_attack_blamed_on_a_group(incidents_of, one):
    text = (
        "A drone attack blamed on Iranian proxy groups killed three US soldiers at the Tower 22 "
        "base in Jordan."
    )
    inc = one(incidents_of(text))
    assert (inc.perpetrator, inc.perpetrator_attribution) == ("Iranian proxy groups", "alleged")


@pytest.mark.parametrize(
    "text, perpetrator",
    [
        (
            "Three soldiers died in the drone attack on the Tower 22 base, which Washington "
            "blamed on Iran-backed militias.",
            "Iran-backed militias",
        ),
        (
            "The rocket attack on the Harir base, which was blamed on Kataib Hezbollah, wounded "
            "two guards.",
            "Kataib Hezbollah",
        ),
        # denied, it names nobody
        (
            "The rocket attack on the Harir base, which officials have not blamed on any group, "
            "wounded two guards.",
            None,
        ),
    ],
)
def test_an_attack_blamed_on_a_group_in_a_relative_clause(incidents_of, one, text, perpetrator):
    inc = one(incidents_of(text))
    assert inc.perpetrator == perpetrator
    assert inc.perpetrator_attribution == ("alleged" if perpetrator else None)


@pytest.mark.parametrize(
    "text",
    [
        "Two rockets aimed at the Green Zone in Baghdad were intercepted by a US-deployed "
        "defence system on Tuesday.",
        "The C-RAM system intercepted rocket attacks on the Green Zone in Baghdad on Tuesday.",
    ],
)
def test_the_defender_is_no_perpetrator(incidents_of, one, text):
    inc = one(incidents_of(text, published="2020-09-15"))
    assert inc.perpetrator is None and inc.intercepted is True


@pytest.mark.parametrize(
    "text, perpetrator",
    [
        # a country named before the weapon word says where, as before the event word
        (
            "Iran denies role in deadly Jordan drone strike\n\nIran on Monday rejected "
            "accusations that it was behind a drone attack that killed three American troops at "
            "Tower 22.",
            None,
        ),
        ("Two fighters died in a US drone strike near al-Qaim on Sunday.", "United States"),
    ],
)
def test_the_modifiers_of_the_weapon_word(incidents_of, one, text, perpetrator):
    assert one(incidents_of(text)).perpetrator == perpetrator


def test_where_the_attackers_operate_does_not_name_them(incidents_of, one):
    text = (
        "Three American troops were killed in a drone attack in Jordan on Sunday. Biden said "
        "the attack was carried out by militant groups operating in Syria and Iraq."
    )
    inc = one(incidents_of(text, published="2024-01-29"))
    assert (inc.country, inc.perpetrator) == ("Jordan", "militant groups")


def test_the_resistance_of_a_country_is_not_its_state(incidents_of, one):
    text = (
        "Iraqi resistance targets US base in Syria for third time in 24 hours\n\n"
        "The Islamic Resistance in Iraq said it targeted the Rmelan base in Hasakah province with "
        "two drones on Monday."
    )
    inc = one(incidents_of(text, published="2023-11-21"))
    assert (inc.perpetrator, inc.mentions) == ("Islamic Resistance in Iraq", 2)


def test_the_group_blamed_is_the_group_named_before(incidents_of, one):
    text = (
        "Kataib Hezbollah announced Tuesday that it is suspending attacks, days after Washington "
        "blamed the group for a drone strike that killed three American soldiers in Jordan."
    )
    inc = one(incidents_of(text, published="2024-01-31"))
    assert (inc.perpetrator, inc.perpetrator_attribution) == ("Kataib Hezbollah", "alleged")


def test_a_weapons_name_is_no_perpetrator(incidents_of, one):
    text = "Two Katyusha rockets targeted the Victory base near Baghdad airport on Thursday."
    assert one(incidents_of(text, published="2024-02-15")).perpetrator is None


def test_taking_responsibility_is_claiming_it(incidents_of, one):
    text = "Kataib Sayyid al-Shuhada took responsibility for a drone attack on the Harir base."
    inc = one(incidents_of(text))
    assert (inc.perpetrator, inc.perpetrator_attribution) == (
        "Kataib Sayyid al-Shuhada",
        "claimed_responsibility",
    )
