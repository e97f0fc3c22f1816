"""Casualty figures (extractors/incidents/casualties.py)."""

from __future__ import annotations

import pytest

# ---- casualties ----------------------------------------------------------------------------------


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
def test_casualty_figures(incidents_of, sentence, killed, killed_q, wounded, wounded_q, one):
    inc = one(incidents_of(sentence))
    assert (inc.killed, inc.killed_qualifier, inc.wounded, inc.wounded_qualifier) == (
        killed,
        killed_q,
        wounded,
        wounded_q,
    )


def test_casualties_attach_to_their_own_incident(incidents_of, one):
    text = (
        "The US bombing was in response to a drone strike on its base in Hasakah's Kharab "
        "al-Jir military airport, which killed a US contractor on 23 March."
    )
    found = incidents_of(text)
    drone = one([i for i in found if i.weapon == "drone"])
    assert (drone.killed, drone.base, drone.province, drone.date) == (
        1,
        "Kharab al-Jir",
        "Hasakah",
        "2023-03-23",
    )
    assert all(i.killed is None for i in found if i.weapon != "drone")


# ---- figures read from the parse -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, killed, wounded",
    [
        # conjoined groups are added up, each with its own number
        (
            "A US contractor was killed and four service members and one contractor were "
            "wounded when a drone hit a coalition base near Hasakah on Monday.",
            1,
            5,
        ),
        # participles of the event's clause
        (
            "A drone struck the Tower 22 outpost on Sunday, killing two soldiers and wounding "
            "at least 25.",
            2,
            25,
        ),
        # injuries suffered are wounds
        (
            "Twenty-one service members suffered concussions and brain injuries in the missile "
            "attack on the al-Asad base on Tuesday.",
            None,
            21,
        ),
        # left ... dead / injured
        (
            "The airstrikes on Deir ez-Zor on Friday left six militiamen dead and nine injured.",
            6,
            9,
        ),
        # the victims themselves as a counted noun
        ("US strikes near al-Bukamal on Friday resulted in four martyrs.", 4, None),
        # the death of a named person is one
        (
            "A US drone strike near Baghdad airport on Monday caused the death of Karim Nasser.",
            1,
            None,
        ),
    ],
)
def test_figures_from_the_parse(incidents_of, one, text, killed, wounded):
    inc = one(incidents_of(text))
    assert (inc.killed, inc.wounded) == (killed, wounded)


@pytest.mark.parametrize(
    "text, killed, wounded",
    [
        ("A rocket attack on the Conoco base on Monday caused no injuries.", 0, 0),
        ("Rockets hit the Conoco base on Monday without causing casualties.", 0, 0),
        ("Drones targeted the Tanf garrison on Monday, but no one was hurt.", 0, 0),
        # a group said to be unhurt says nothing of the dead
        ("Drones targeted the Tanf garrison on Monday. No US troops were injured.", None, 0),
        # reports that are not available deny nothing
        (
            "Drones targeted the Tanf garrison on Monday. Reports on casualties from the attack "
            "were not available.",
            None,
            None,
        ),
    ],
)
def test_denials(incidents_of, one, text, killed, wounded):
    inc = one(incidents_of(text))
    assert (inc.killed, inc.wounded) == (killed, wounded)


def test_vague_amounts_give_no_number(incidents_of, one):
    inc = one(
        incidents_of(
            "A rocket attack on the al-Omar base on Monday wounded several soldiers and killed "
            "dozens of fighters."
        )
    )
    assert (inc.killed, inc.wounded) == (None, None)
    # a group without a number makes the total unknown
    inc = one(
        incidents_of(
            "During the attack on the al-Asad base on Monday, a number of US troops suffered "
            "brain injuries and at least one Iraqi soldier was wounded."
        )
    )
    assert inc.wounded is None


def test_figure_told_in_a_later_sentence(incidents_of, one):
    inc = one(incidents_of("Rockets hit the Harir base on Monday. The attack killed two guards."))
    assert inc.killed == 2


def test_also_adds_a_group_and_a_toll_replaces(incidents_of, one):
    inc = one(
        incidents_of(
            "At least three US soldiers suffered brain injuries in the attack on the al-Asad base "
            "on Monday. At least one Iraqi soldier was also wounded in the attack."
        )
    )
    assert (inc.wounded, inc.wounded_qualifier) == (4, "at_least")
    inc = one(
        incidents_of(
            "A guard died of wounds from the rocket attack on Erbil airport on Monday, bringing "
            "the death toll to three."
        )
    )
    assert inc.killed == 3


@pytest.mark.parametrize(
    "text, kind, figure",
    [
        (
            "A drone hit the Harir base on Sunday, wounding eight soldiers. The number of "
            "soldiers injured in the attack rose to at least 20, officials said on Tuesday.",
            "wounded",
            (20, "at_least"),
        ),
        (
            "Rockets struck the al-Omar base on Monday. The number of contractors wounded has "
            "climbed to 12.",
            "wounded",
            (12, "exact"),
        ),
        (
            "US jets struck militia sites near al-Qaim on Friday, killing nine fighters and "
            "bringing the number of militants killed in a week to 31.",
            "killed",
            (31, "exact"),
        ),
        (
            "Rockets struck the Harir base on Monday. The number of wounded stood at five.",
            "wounded",
            (5, "exact"),
        ),
        # not given: the figure told before stands
        (
            "Rockets struck the Harir base on Monday, wounding three guards. The number of "
            "wounded is not yet known.",
            "wounded",
            (3, "exact"),
        ),
        # "a number of" is a vague amount, not a tally
        (
            "Rockets struck the Harir base on Monday. A number of guards wounded in the attack "
            "were taken to hospital.",
            "wounded",
            (None, None),
        ),
    ],
)
def test_a_running_tally_of_the_victims(incidents_of, one, text, kind, figure):
    inc = one(incidents_of(text, published="2024-01-30"))
    assert (getattr(inc, kind), getattr(inc, f"{kind}_qualifier")) == figure


def test_whose_figure_it_is(incidents_of):
    found = incidents_of(
        "US jets struck militia positions near al-Bukamal on Friday, a day after rockets hit "
        "the Conoco base. Kataib Hezbollah said 12 of its fighters were killed."
    )
    strike = next(i for i in found if i.weapon == "airstrike")
    rockets = next(i for i in found if i.weapon == "rocket")
    # fighters fall to the strike, not to the attack told last
    assert (strike.killed, strike.casualty_source) == (12, "Kataib Hezbollah")
    assert rockets.killed is None


def test_restatements_and_descriptions_add_nothing(incidents_of, one):
    inc = one(
        incidents_of(
            "Rockets hit the Harir base on Monday, wounding three contractors. Two wounded "
            "contractors were flown to Germany, and the contractors who were wounded are stable."
        )
    )
    assert inc.wounded == 3


# ---- pure parts ------------------------------------------------------------------------------


def test_combine_rules():
    from escalation_cli.extractors.incidents.casualties import Figure, combine

    first = Figure(("wounded",), 9, token=1)
    later = Figure(("wounded",), 1, token=5)
    denial = Figure(("killed", "wounded"), 0, token=0)
    also = Figure(("wounded",), 2, "at_least", token=7, also=True)
    toll = Figure(("killed",), 2, token=8, total=True)
    died = Figure(("killed",), 1, token=3)
    result = combine([denial, first, died, later, also, toll])
    # the first number stands, a positive beats an earlier denial, "also" adds, a toll replaces
    assert (result.wounded, result.wounded_qualifier) == (11, "at_least")
    assert (result.killed, result.killed_qualifier) == (2, "exact")
    assert combine([denial]).killed == 0 and combine([]).killed is None


def test_number_words(parse):
    from escalation_cli.extractors.incidents.casualties import count_victims, number_of

    doc = parse("Thirty-four soldiers and a dozen contractors and 1,200 people")
    assert number_of(doc[2]) == 34  # "Thirty - four": the tens are a compound of the units
    soldiers = next(t for t in doc if t.lower_ == "soldiers")
    assert count_victims(soldiers).number == 34 + 12 + 1200


def test_people_killed_alongside_the_victim_count_and_are_named(incidents_of, one):
    # my own wording of a common construction: a named victim, then those killed with him
    text = (
        "Mourners marked the anniversary of the assassination of Jamal Haddad, the militia's "
        "founder, killed in a US drone strike alongside General Karim Nasser near Baghdad "
        "airport in January 2020."
    )
    inc = one(incidents_of(text))
    assert inc.killed == 2
    assert "Jamal Haddad" in inc.target and "Karim Nasser" in inc.target
    assert "killed in" not in inc.target


def test_one_victim_killed_alone_is_one(incidents_of, one):
    text = "A US drone strike near Baghdad airport killed the commander, Jamal Haddad, in 2020."
    inc = one(incidents_of(text))
    assert inc.killed == 1


@pytest.mark.parametrize(
    "sentence, killed, wounded",
    [
        ("Rockets hit a base housing US troops in Iraq, inflicting two minor injuries.", None, 2),
        ("The drone attack on the Harir base resulted in three deaths.", 3, None),
        (
            "A rocket attack on the al-Omar base killed one soldier while four others were "
            "left wounded.",
            1,
            4,
        ),
        # no number on the injuries: no figure
        ("Rockets hit the Conoco base in Syria, causing injuries.", None, None),
    ],
)
def test_counted_injuries_and_those_left_wounded(incidents_of, one, sentence, killed, wounded):
    inc = one(incidents_of(sentence))
    assert (inc.killed, inc.wounded) == (killed, wounded)


def test_in_the_attack_refers_to_the_attack_told_last(incidents_of):
    text = (
        "Militants fired rockets at the Conoco base in Syria on Friday. The strikes were in "
        "response to a drone attack on a US base in Hasakah on Thursday. In the attack, one US "
        "contractor was killed."
    )
    incidents = sorted(incidents_of(text, published="2023-03-25"), key=lambda i: i.date)
    hasakah = next(i for i in incidents if i.province == "Hasakah")
    conoco = next(i for i in incidents if i.base == "Conoco")
    assert hasakah.killed == 1 and conoco.killed is None


def test_those_the_us_side_killed_are_not_casualties_of_the_attack_on_it(incidents_of, one):
    text = (
        "Rockets hit near the Green Village base in Syria on Wednesday. CENTCOM said US forces "
        "responded by destroying three vehicles used to launch the rockets, killing two "
        "militants."
    )
    inc = one(incidents_of(text, published="2022-08-25"))
    assert inc.base == "Green Village" and inc.killed is None


def test_a_figure_in_the_next_sentence_without_an_event_word_counts(incidents_of, one):
    text = (
        "Rockets hit the Conoco base in Syria on Wednesday. One US service member was treated "
        "for a minor injury and has returned to duty."
    )
    inc = one(incidents_of(text, published="2022-08-25"))
    assert inc.wounded == 1


def test_counted_injuries_beside_damage_count_the_injuries_only(incidents_of, one):
    text = (
        "US forces were attacked by ballistic missiles at the Ain al-Asad air base, resulting in "
        "eight injuries and minor infrastructure damage."
    )
    inc = one(incidents_of(text))
    assert inc.wounded == 8


def test_a_loose_figure_that_a_later_event_states_is_that_events(incidents_of):
    text = (
        "Over 15 rockets targeted US bases in Syria throughout the night. At least five were "
        "wounded and one contractor was pronounced dead.\n\n"
        "The US strikes came in response to a drone attack on the Kharab al-Jir base, which "
        "killed one contractor and wounded five service members."
    )
    incidents = incidents_of(text, published="2023-03-24")
    rockets = next(i for i in incidents if i.weapon == "rocket")
    drone = next(i for i in incidents if i.weapon == "drone")
    assert (rockets.killed, rockets.wounded) == (None, None)
    assert (drone.killed, drone.wounded) == (1, 5)


def test_pronounced_dead_is_killed(incidents_of, one):
    text = (
        "A drone hit the Kharab al-Jir base in Syria on Thursday. One contractor was "
        "pronounced dead."
    )
    inc = one(incidents_of(text, published="2023-03-24"))
    assert inc.killed == 1


@pytest.mark.parametrize(
    "text, killed, wounded",
    [
        # after US strikes, the US side's own losses are not the strikes' victims
        (
            "US jets struck militia depots near al-Qaim on Friday. A US official said there were "
            "no casualties among US forces.",
            None,
            None,
        ),
        # after an attack on them, they are
        (
            "Rockets hit the Harir base on Friday. A US official said there were no casualties "
            "among US forces.",
            0,
            0,
        ),
    ],
)
def test_a_denial_for_the_us_side(incidents_of, one, text, killed, wounded):
    inc = one(incidents_of(text, published="2024-01-20"))
    assert (inc.killed, inc.wounded) == (killed, wounded)


def test_the_killing_a_sentence_mentions_as_a_motive_is_no_toll(incidents_of, one):
    text = (
        "Rockets hit the Harir base on Friday. The attack comes as Washington braces for "
        "retaliation for the killing of a militia commander in Baghdad last week."
    )
    inc = one(incidents_of(text, published="2024-08-10"))
    assert (inc.base, inc.killed) == ("Harir", None)


def test_the_killing_told_with_the_strike_after_it_is_that_strikes_toll(incidents_of):
    text = (
        "Iran fired missiles at the Ain al-Asad base in what it called a response to the killing "
        "of Qasem Soleimani, the Quds Force commander, in a January 3 US drone strike near "
        "Baghdad airport."
    )
    found = incidents_of(text, published="2020-01-10")
    strike = next(i for i in found if i.weapon == "drone")
    missiles = next(i for i in found if i.weapon == "missile")
    assert (strike.killed, missiles.killed) == (1, None)


def test_the_victim_told_again_with_others_is_the_fuller_count(incidents_of, one):
    text = (
        "A US drone strike in Baghdad on Wednesday killed a senior militia commander. The strike "
        "hit a car in eastern Baghdad, killing the commander and two other people."
    )
    assert one(incidents_of(text, published="2024-02-08")).killed == 3


def test_others_alone_are_no_fuller_count(incidents_of, one):
    text = (
        "A drone hit the Harir base on Monday, wounding six soldiers. The militia said 25 of its "
        "fighters were killed and 51 others injured in US strikes last month."
    )
    assert one([i for i in incidents_of(text) if i.base == "Harir"]).wounded == 6


def test_the_figure_of_a_saying_clause_is_its_subjects(incidents_of, one):
    text = (
        "The Syrian government condemned US air strikes in Deir ez-Zor on Friday, saying they "
        "killed nine people."
    )
    inc = one(incidents_of(text, published="2024-02-03"))
    assert (inc.killed, inc.casualty_source) == (9, "Syrian government")


@pytest.mark.parametrize(
    "later",
    [
        "More than 10,000 Palestinians have been killed in Gaza since October 7, officials said.",
        "Over 300 people have been killed across Syria since January, a monitor said.",
        "Some 1,400 people were killed in Israel, officials said.",
    ],
)
def test_a_toll_of_another_place_or_period_is_not_the_attacks(incidents_of, later):
    text = (
        "Rockets targeted US forces at the al-Omar oil field in eastern Syria on Tuesday, causing "
        f"no casualties, a US official said. The attacks come amid the war in Gaza. {later}"
    )
    inc = next(i for i in incidents_of(text, published="2023-11-08") if i.base == "al-Omar")
    assert (inc.killed, inc.wounded) == (0, 0)


def test_a_later_toll_in_the_events_own_place_still_counts(incidents_of, one):
    text = (
        "Rockets hit the al-Omar oil field in Deir ez-Zor on Tuesday. Two guards were killed in "
        "Deir ez-Zor, a monitor said."
    )
    assert one(incidents_of(text, published="2023-11-08")).killed == 2


@pytest.mark.parametrize("where", ["in Anbar", "in Iraq", "in western Iraq"])
def test_a_later_toll_in_the_province_or_country_of_the_base_counts(incidents_of, one, where):
    text = (
        "Rockets hit the Ain al-Asad air base on Tuesday, officials said. Two contractors were "
        f"killed {where}, a spokesman said."
    )
    assert one(incidents_of(text, published="2023-11-08")).killed == 2


@pytest.mark.parametrize(
    "text, figure",
    [
        (
            "Two rockets hit the Victory base on Thursday. The rockets fell in an open area "
            "without "
            "causing any human or material losses.",
            (0, 0),
        ),
        ("Two rockets hit the Victory base on Thursday, causing no human losses.", (0, 0)),
        # material losses alone say nothing of people
        ("Two rockets hit the Victory base on Thursday, causing no material losses.", (None, None)),
    ],
)
def test_human_losses(incidents_of, one, text, figure):
    inc = one(incidents_of(text, published="2024-02-15"))
    assert (inc.killed, inc.wounded) == figure
