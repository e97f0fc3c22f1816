"""Claim classes of news reporting (issue 11), each with its negatives, on texts written for
these tests."""

from __future__ import annotations

import pytest


def claims_of(records_of, text, title=None):
    return records_of(text, title)[1]


def only(claims, start):
    """The one claim whose content starts with ``start``."""
    found = [c for c in claims if c.content.startswith(start)]
    assert len(found) == 1, [c.content for c in claims]
    return found[0]


# ---- responsibility --------------------------------------------------------------------------


def test_claimed_responsibility_is_a_claim_not_doubt(records_of):
    text = (
        "The Islamic Resistance in Iraq claimed responsibility for the drone attack on the "
        "outpost, saying its fighters hit every target."
    )
    claims = claims_of(records_of, text)
    claim = only(claims, "responsibility")
    assert claim.content == "responsibility for the drone attack on the outpost"
    assert (claim.claimant, claim.responsibility_claim, claim.distanced) == (
        "Islamic Resistance in Iraq",
        True,
        False,
    )
    saying = only(claims, "its fighters")
    assert saying.responsibility_claim is False


def test_claiming_attacks_is_a_responsibility_claim(records_of):
    text = (
        "Kataib Hezbollah, the group that has claimed all recent attacks on the bases, vowed more."
    )
    claim = only(claims_of(records_of, text), "all recent attacks")
    assert claim.responsibility_claim is True
    assert claim.claimant == "Kataib Hezbollah"


@pytest.mark.parametrize(
    "text",
    [
        "No group has claimed responsibility for the rocket attack on the airport.",
        "The faction did not claim responsibility for the blast.",
        "There was no immediate claim of responsibility for the attack.",
        "No group has taken responsibility for the attack on Camp Taji.",
        "No one has yet assumed responsibility for the drone strike.",
    ],
)
def test_no_claim_of_responsibility(records_of, text):
    assert claims_of(records_of, text) == []


# ---- verbs whose object is the claim -----------------------------------------------------------


@pytest.mark.parametrize(
    "text, claimant, cue, content",
    [
        ("Tehran denied any role in the strikes on the bases.", "Iran", "denied", "any role"),
        (
            "A militia official confirmed the death toll on Tuesday.",
            "militia official",
            "confirmed",
            "the death toll",
        ),
        (
            "The Electricity Ministry announced plans to build two new power stations.",
            "Electricity Ministry",
            "announced",
            "plans to build two new power stations",
        ),
        (
            "Local activists have reported seeing warplanes over the town.",
            "Local activists",
            "reported",
            "seeing warplanes over the town",
        ),
        (
            "The monitor documented no explosions in the province.",
            "monitor",
            "documented",
            "no explosions in the province",
        ),
        (
            "The secretary threatened Iran with a swift response if the attacks continue.",
            "secretary",
            "threatened",
            "Iran with a swift response",
        ),
    ],
)
def test_object_claims(records_of, text, claimant, cue, content):
    claim = only(claims_of(records_of, text), content.split()[0])
    assert (claim.claimant, claim.cue) == (claimant, cue)
    assert claim.content.startswith(content)
    assert text[claim.start : claim.end] == claim.content


@pytest.mark.parametrize(
    "text",
    [
        "The ministry did not confirm the death toll.",
        "The agency released details of the attack on Sunday.",
        "The spokesman warned his supporters on Sunday.",
        "The army confirmed it.",
    ],
)
def test_objects_that_assert_nothing(records_of, text):
    assert claims_of(records_of, text) == []


def test_told_an_outlet_and_estimated(records_of):
    text = (
        "A US defense official told Reuters that two rockets landed inside the perimeter.\n\n"
        "US officials estimated that 40 service members were hurt."
    )
    claims = claims_of(records_of, text)
    assert [(c.claimant, c.cue, c.content) for c in claims] == [
        ("US defense official", "told", "two rockets landed inside the perimeter"),
        ("US officials", "estimated", "40 service members were hurt"),
    ]


# ---- accusations -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, claimant, content, accused",
    [
        (
            "Washington blamed Iran-backed militias for the rocket attacks on its embassy.",
            "United States",
            "the rocket attacks on its embassy",
            "Iran-backed militias",
        ),
        (
            "The ministry blamed the outage on a fire at the power plant.",
            "ministry",
            "the outage",
            "fire at the power plant",
        ),
        (
            "Officials are investigating the attack that the U.S. blamed on Kataib Hezbollah.",
            "United States",
            "the attack",
            "Kataib Hezbollah",
        ),
        (
            "Damascus accused the United States of looting Syrian oil.",
            "Syrian government",
            "looting Syrian oil",
            "United States",
        ),
        (
            "The spokeswoman held the Houthis responsible for the strike on the ship.",
            "spokeswoman",
            "the strike on the ship",
            "Houthis",
        ),
        # a name the parse splits into several objects
        (
            "The Pentagon, in a statement, accused Harakat al-Nujaba of planning attacks on US "
            "troops.",
            "Pentagon",
            "planning attacks on US troops",
            "Harakat al-Nujaba",
        ),
    ],
)
def test_accusations_name_the_accused(records_of, text, claimant, content, accused):
    claim = only(claims_of(records_of, text), content.split()[0])
    assert (claim.claimant, claim.content, claim.accused) == (claimant, content, accused)
    assert claim.distanced is False


def test_passive_accusation_by_nobody(records_of):
    text = "Iran was accused of supplying the drones that hit the base."
    (claim,) = claims_of(records_of, text)
    assert (claim.claimant, claim.accused) == (None, "Iran")
    assert claim.content.startswith("supplying the drones")


def test_accusation_the_author_doubts(records_of):
    text = (
        "Recent rocket attacks on the bases have been pinned, without any evidence, on "
        "\u201cIranian proxies.\u201d"
    )
    claim = only(claims_of(records_of, text), "Recent rocket attacks")
    assert claim.claimant is None
    assert claim.distanced is True
    assert claim.accused == "Iranian proxies"


def test_a_plain_claim_names_nobody_accused(records_of):
    (claim,) = claims_of(records_of, "The army said two rockets hit the base.")
    assert claim.accused is None and claim.responsibility_claim is False


# ---- naming ----------------------------------------------------------------------------------


def test_naming_claims(records_of):
    text = (
        "Damascus calls the US military presence an occupation.\n\n"
        "US officials identified the outpost as the site of the attack."
    )
    claims = claims_of(records_of, text)
    assert [(c.claimant, c.cue, c.content) for c in claims] == [
        ("Syrian government", "calls", "the US military presence an occupation"),
        ("US officials", "identified", "the outpost as the site of the attack"),
    ]


def test_calling_on_someone_is_no_naming(records_of):
    assert claims_of(records_of, "The spokesperson called on Baghdad to protect the base.") == []


# ---- unattributed ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, cue, content, distanced",
    [
        (
            "The attack was believed to have been carried out by Iran-backed forces.",
            "was believed",
            "The attack was believed to have been carried out by Iran-backed forces",
            False,
        ),
        (
            "No group has claimed the blast, though Iran-backed militias are often suspected "
            "in such attacks.",
            "are often suspected",
            "Iran-backed militias are often suspected in such attacks",
            False,
        ),
        (
            "The blast followed an attack on another base, where a drone was reportedly shot down.",
            "reportedly",
            "a drone was reportedly shot down",
            False,
        ),
        (
            "A militia with alleged ties to Iran fired the rockets.",
            "alleged",
            "ties to Iran",
            True,
        ),
    ],
)
def test_claims_attributed_to_nobody(records_of, text, cue, content, distanced):
    claim = only(claims_of(records_of, text), content.split()[0])
    assert (claim.claimant, claim.cue, claim.content, claim.distanced) == (
        None,
        cue,
        content,
        distanced,
    )


@pytest.mark.parametrize(
    "text",
    [
        "The talks are expected to resume next week.",
        "An alleged attack was reported.",
        "The base is known as Tower 22.",
    ],
)
def test_no_unattributed_claim(records_of, text):
    assert [c for c in claims_of(records_of, text) if c.claimant is None] == []


def test_the_authors_qualifier_inside_a_claim_is_part_of_it(records_of):
    text = "The US military said it struck back after an alleged drone attack on its troops."
    (claim,) = claims_of(records_of, text)
    assert claim.claimant == "US military"
    assert claim.content.startswith("it struck back")


# ---- where the claim is and where it stops ---------------------------------------------------


def test_trailing_attributions(records_of):
    text = (
        "Three rockets landed near the airport, the U.S.-led coalition announced in a "
        "statement.\n\n"
        "A fighter was killed in the strike, the militant group he belonged to said Friday.\n\n"
        "The drones were shot down, a spokesman tweeted, saying nobody was hurt."
    )
    claims = claims_of(records_of, text)
    assert [(c.claimant, c.cue) for c in claims] == [
        ("US-led coalition", "announced"),
        ("militant group", "said"),
        ("spokesman", "tweeted"),
        ("spokesman", "saying"),
    ]
    assert claims[0].content == "Three rockets landed near the airport"


def test_no_trailing_attribution_from_a_reduced_passive(records_of):
    text = "The posters prompted accusations of bias, claims denied by the party."
    assert claims_of(records_of, text) == []


def test_fronted_according_to_with_a_relay(records_of):
    text = (
        "It is worth noting that according to the Pentagon, as reported by Reuters, US jets, "
        "which flew from Qatar, struck depots in Deir Ezzor."
    )
    (claim,) = claims_of(records_of, text)
    assert (claim.claimant, claim.via) == ("Pentagon", "Reuters")
    assert claim.content.startswith("US jets")


def test_according_to_covers_both_coordinated_clauses(records_of):
    text = (
        "Coalition forces shot down two drones, but one struck the compound, according to the "
        "statement."
    )
    claim = only(claims_of(records_of, text), "Coalition forces")
    assert claim.content == "Coalition forces shot down two drones, but one struck the compound"


def test_as_per_a_source_is_not_doubt(records_of):
    text = "As per CENTCOM\u2019s statement, the failed attack struck the base with three rockets."
    (claim,) = claims_of(records_of, text)
    assert (claim.claimant, claim.distanced) == ("US Central Command", False)
    assert claim.content == "the failed attack struck the base with three rockets"


def test_headline_style_standfirst(records_of):
    title = "Rockets target embassy"
    text = (
        f"{title}\n\nNo injuries reported; Washington says Iran-backed militias likely behind "
        "launches; prime minister condemns attack\n\nRockets struck the compound on Friday."
    )
    (claim,) = claims_of(records_of, text, title)
    assert (claim.claimant, claim.cue) == ("United States", "says")
    assert claim.content == "Iran-backed militias likely behind launches"


def test_the_headline_itself_is_left_out_but_a_first_sentence_is_not(records_of):
    headline = "Washington says militias behind embassy attack"
    assert claims_of(records_of, f"{headline}\n\nThe embassy was hit.", headline) == []
    sentence = "Two drones hit the base on Monday, the Pentagon said."
    (claim,) = claims_of(records_of, f"{sentence}\n\nNobody was hurt.", sentence)
    assert claim.claimant == "Pentagon"


def test_evidence_that_suggests_is_part_of_the_speakers_claim(records_of):
    text = (
        "The official said the preliminary accounts suggest the drone was mistaken for an "
        "American one."
    )
    (claim,) = claims_of(records_of, text)
    assert claim.claimant == "official"
    assert claim.content.startswith("the preliminary accounts suggest")


def test_a_claim_in_a_relative_clause_is_its_own(records_of):
    text = (
        "The statement claimed that the strikes answered an attack on a patrol base, which "
        "it claimed had caused no damage."
    )
    claims = claims_of(records_of, text)
    assert [c.content.split()[0] for c in claims] == ["the", "had"]
    assert all(c.distanced for c in claims)


def test_claims_and_reports_as_nouns(records_of):
    text = (
        "The toll rose despite Iraqi claims there had been no casualties.\n\n"
        "The number is expected to rise amid unconfirmed reports of more deaths.\n\n"
        "There were no reports of damage."
    )
    claims = claims_of(records_of, text)
    assert [(c.claimant, c.content, c.distanced) for c in claims] == [
        ("Iraq", "there had been no casualties", True),
        ("unconfirmed reports", "more deaths", True),
    ]


def test_time_of_the_event_stays_in_the_claim(records_of):
    text = "In a statement, the agency said that at 19:15 local time, a drone hit the airport."
    (claim,) = claims_of(records_of, text)
    assert claim.content.startswith("at 19:15 local time")


def test_an_accused_named_in_scare_quotes_is_named_without_them(records_of):
    text = 'The counter-terrorism service blamed "outlaw groups" for the attack on the base.'
    claim = only(claims_of(records_of, text), "the attack")
    assert claim.accused == "outlaw groups"


@pytest.mark.parametrize("verb", ["took", "assumed"])
def test_taking_responsibility_is_a_responsibility_claim(records_of, verb):
    text = f"Kataib Sayyid al-Shuhada {verb} responsibility for the drone attack on the Harir base."
    claim = only(claims_of(records_of, text), "responsibility")
    assert (claim.claimant, claim.responsibility_claim) == ("Kataib Sayyid al-Shuhada", True)


def test_a_group_whose_name_the_parse_splits_keeps_its_whole_name(records_of):
    text = "Harakat al-Nujaba said it was behind a rocket attack on the Ain al-Asad base."
    claim = only(claims_of(records_of, text), "it was behind")
    assert claim.claimant == "Harakat al-Nujaba"
