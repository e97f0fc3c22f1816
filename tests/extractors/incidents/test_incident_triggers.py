"""What is an incident and what is not (pipeline/incidents.py)."""

from __future__ import annotations

import pytest

# ---- not incidents -------------------------------------------------------------------------------


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
        "Washington is bracing for a possible Iranian retaliation against its bases in Iraq.",
        "Officials in Baghdad fear an imminent drone attack on the Ain al-Asad base.",
        "US troops in Syria braced for retaliatory strikes by Iran-backed militias.",
    ],
)
def test_not_incidents(incidents_of, text):
    assert incidents_of(text) == []


# ---- more of the language of such reports --------------------------------------------------------


def test_came_under_rocket_fire(incidents_of, one):
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


def test_mortar_rounds_landed(incidents_of, one):
    inc = one(incidents_of("Three mortar rounds landed near Victory Base overnight, police said."))
    assert (inc.weapon, inc.base, inc.province) == ("mortar", "Victory Base", "Baghdad")


def test_backed_groups_are_the_perpetrator_not_their_backer(incidents_of, one):
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


def test_capital_as_a_place(incidents_of, one):
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


def test_since_a_date_does_not_date_the_event(incidents_of, one):
    inc = one(
        incidents_of(
            "The rocket attack on the Conoco base, the 150th on US forces since "
            "October 17, caused no injuries."
        )
    )
    assert inc.date is None and (inc.killed, inc.wounded) == (0, 0)


# ---- words of attacks and words that only look like them -------------------------------------


def test_assassination_and_shoot_down(incidents_of, one):
    inc = one(
        incidents_of(
            "The US assassinated a militia commander in Baghdad in January 2020.", "2024-01-05"
        )
    )
    assert (inc.killed, inc.province, inc.date) == (1, "Baghdad", "2020-01")
    inc = one(incidents_of("The drone was brought down over Diyala province on Sunday."))
    assert inc.province == "Diyala"


@pytest.mark.parametrize(
    "text",
    [
        "A general fires a howitzer during a live-fire exercise at the al-Asad base.",
        "Officials weighed the likelihood of an attack on a British target.",
        "The attack on Iraq made the region less safe, the columnist wrote.",
        "Drones have hit US bases twice this year.",
    ],
)
def test_not_attacks(incidents_of, text):
    assert incidents_of(text) == []


def test_a_motive_is_no_event_and_no_place(incidents_of, one):
    inc = one(
        incidents_of(
            "Militants launched drones at the Harir base on Friday in retaliation for US "
            "support of the war in Gaza."
        )
    )
    assert (inc.base, inc.country) == ("Harir", "Iraq")


def test_repeated_attacks_on_a_named_base_are_one_incident(incidents_of, one):
    inc = one(incidents_of("Rockets were fired twice at the Ain al-Asad base on Friday."))
    assert inc.base == "Ain al-Asad"


def test_a_list_of_attack_words_is_no_sentence_of_news(incidents_of):
    # more attack words in one sentence than news ever packs in: skipped, not cut apart
    text = " ".join(["rockets hit the base and drones attacked the garrison and"] * 30) + " so on."
    assert incidents_of(text) == []


def test_an_attack_noun_tagged_as_a_verb_is_still_an_event(incidents_of, one):
    # the tagger reads "airstrikes" after "Retaliatory U.S." as a verb in the present tense
    text = (
        "Retaliatory U.S. airstrikes in Syria targeting Iran-backed militants last week killed "
        "eight fighters, the Pentagon said Thursday."
    )
    inc = one(incidents_of(text, published="2023-03-30"))
    assert (inc.weapon, inc.country, inc.killed) == ("airstrike", "Syria", 8)


def test_claimed_to_have_targeted_is_a_past_event(incidents_of, one):
    text = (
        "The Islamic Resistance in Iraq released a statement in which the group claimed to have "
        "targeted the Tal Baidar base west of Hasakah on Sunday."
    )
    inc = one(incidents_of(text, published="2023-11-06"))
    assert (inc.date, inc.province) == ("2023-11-05", "Hasakah")


def test_seeking_to_attack_is_no_event(incidents_of):
    text = "The militia is seeking to attack the al-Tanf base in Syria."
    assert incidents_of(text) == []


def test_plural_strikes_on_one_facility_are_one_event(incidents_of, one):
    text = (
        "Iraqi resistance fighters launched drone strikes on a military facility occupied by US "
        "forces in northeastern Syria."
    )
    inc = one(incidents_of(text))
    assert (inc.weapon, inc.country, inc.perpetrator) == (
        "drone",
        "Syria",
        "Iraqi resistance fighters",
    )


def test_strikes_on_three_bases_are_a_tally(incidents_of):
    text = "Iraqi resistance forces launched drone strikes on three US-occupied bases in Syria."
    assert incidents_of(text) == []


def test_a_drone_has_targeted_a_base_is_news(incidents_of, one):
    text = "An unmanned aerial vehicle has targeted a major base in Iraq's Kurdistan region."
    inc = one(incidents_of(text))
    assert inc.country == "Iraq"


def test_militias_have_attacked_bases_is_a_habit(incidents_of):
    text = "Iran-backed militias have attacked US bases in Iraq and Syria."
    assert incidents_of(text) == []


def test_an_attack_in_an_after_clause_of_a_promise_happened(incidents_of, one):
    text = (
        "The president said the US shall respond after three American troops were killed in a "
        "drone strike on the Tower 22 base in Jordan."
    )
    inc = one(incidents_of(text))
    assert (inc.base, inc.killed) == ("Tower 22", 3)


def test_the_attack_placed_elsewhere_by_a_denial_is_the_same_attack(incidents_of, one):
    text = (
        "A drone attack killed three US soldiers at the Tower 22 base in Jordan on Sunday. "
        "Jordanian officials said the attack was not on their soil but in Syria."
    )
    inc = one(incidents_of(text, published="2024-01-29"))
    assert inc.base == "Tower 22"


def test_a_wave_of_strikes_on_many_targets_is_one_event(incidents_of, one):
    text = (
        "A US drone strike killed a militia commander in Baghdad on Wednesday. The strike came "
        "days after the U.S. launched airstrikes on more than 85 targets in Iraq and Syria on "
        "Friday."
    )
    found = incidents_of(text, published="2024-02-08")
    inc = one([i for i in found if i.weapon == "airstrike"])
    assert (inc.date, inc.country) == ("2024-02-02", "Iraq|Syria")


@pytest.mark.parametrize(
    "text",
    [
        "US fighter jets struck a training facility near Albu Kamal on Sunday, the Pentagon said.",
        "US jets bombed a militia training camp in Jurf al-Sakhar on Sunday.",
    ],
)
def test_a_training_facility_is_a_target_not_a_drill(incidents_of, one, text):
    assert one(incidents_of(text, published="2023-11-13")).weapon == "airstrike"


def test_an_exercise_is_still_a_drill(incidents_of):
    text = "US troops fired rockets during a training exercise near the al-Tanf base on Sunday."
    assert incidents_of(text, published="2023-11-13") == []
