"""Who speaks (issue 11): anonymous sources, organisations by their own name, titles given
alone, descriptions of organisations, and quotations that are not quotes. Texts written for
these tests."""

from __future__ import annotations

import pytest


def quotes_of(records_of, text):
    return records_of(text)[0]


def claims_of(records_of, text):
    return records_of(text)[1]


# ---- anonymous sources -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("\u201cThe runway was not hit,\u201d a US defense official said.", "US defense official"),
        ("\u201cThe runway was not hit,\u201d security sources told AFP.", "security sources"),
        (
            "\u201cThe runway was not hit,\u201d an official in the security services said.",
            "official in the security services",
        ),
    ],
)
def test_anonymous_sources_speak_by_their_description(records_of, text, speaker):
    (quote,) = quotes_of(records_of, text)
    assert (quote.speaker, quote.speaker_anonymous) == (speaker, True)


def test_named_speakers_are_not_anonymous(records_of):
    text = (
        "\u201cThe runway was not hit,\u201d Pentagon spokesman Jonathan Hoffman said.\n\n"
        "\u201cWe are investigating,\u201d the ministry said."
    )
    quotes = quotes_of(records_of, text)
    assert [(q.speaker, q.speaker_anonymous) for q in quotes] == [
        ("Jonathan Hoffman", False),
        ("ministry", False),
    ]


def test_a_later_mention_of_an_anonymous_source_is_the_same_source(records_of):
    text = (
        "A US defense official told reporters that a rocket hit the base.\n\n"
        "The American defense official added that \u201cno injuries\u201d were reported."
    )
    quotes, claims = records_of(text)
    assert [c.claimant for c in claims][0] == "US defense official"
    assert quotes[0].speaker == "US defense official" and quotes[0].speaker_anonymous


# ---- organisations and their people ----------------------------------------------------------


def test_an_organisation_keeps_its_own_name(records_of):
    text = "The UK Ministry of Defence confirmed it was aware of an incident at the camp."
    (claim,) = claims_of(records_of, text)
    assert claim.claimant == "UK Ministry of Defence"


def test_spellings_of_one_actor_are_one_canonical_name(records_of):
    text = (
        "U.S. Central Command said two drones were shot down.\n\n"
        "CENTCOM said a third struck the compound."
    )
    assert [c.claimant for c in claims_of(records_of, text)] == ["US Central Command"] * 2


def test_a_person_at_the_head_wins_over_the_organisation(records_of):
    text = (
        "Pentagon spokesman Jonathan Hoffman said that the wounded had returned to duty.\n\n"
        "The Iraqi army spokesman, Karim Saleh, said the launchers were found.\n\n"
        "General Karim Saleh, spokesperson for Prime Minister Mohammed Shia al-Sudani, said "
        "the strikes broke the law."
    )
    assert [c.claimant for c in claims_of(records_of, text)] == [
        "Jonathan Hoffman",
        "Karim Saleh",
        "Karim Saleh",
    ]


def test_a_title_given_alone_is_the_person_named_with_it(records_of):
    text = (
        "The Interior Minister of the Kurdistan Region said the toll rose to two.\n\n"
        "The attackers came from outside the region, said Dara Khalil, the region\u2019s "
        "Interior Minister.\n\n"
        "At least four troops were hurt, the Pentagon\u2019s top spokesman said.\n\n"
        "Air Force Maj. Gen. Pat Ryder, the Pentagon\u2019s top spokesman, said the number "
        "could grow."
    )
    claimants = [c.claimant for c in claims_of(records_of, text)]
    assert claimants == ["Dara Khalil", "Dara Khalil", "Patrick Ryder", "Patrick Ryder"]


def test_a_description_shares_no_title_with_an_unrelated_person(records_of):
    text = (
        "Lloyd Austin, the US Secretary of Defense, said the strikes were over.\n\n"
        "A US defense official said more strikes were possible."
    )
    assert [c.claimant for c in claims_of(records_of, text)] == [
        "Lloyd Austin",
        "US defense official",
    ]


@pytest.mark.parametrize(
    "text, claimant",
    [
        (
            "The Islamic Resistance in Iraq launched two drones on Sunday.\n\n"
            "The group said the drones hit their targets.",
            "Islamic Resistance in Iraq",
        ),
        (
            "A fighter was killed, the group he belonged to said.\n\n"
            "Kataib Hezbollah later named him.",
            "Kataib Hezbollah",
        ),
        (
            "Rockets were fired at the US embassy in Baghdad on Friday.\n\n"
            "The mission said nobody was hurt.",
            "US Embassy in Baghdad",
        ),
        (
            "The Counter-Terrorism Service in the Kurdistan Region released details.\n\n"
            "The agency said a drone hit the airport.",
            "Counter-Terrorism Service in the Kurdistan Region",
        ),
    ],
)
def test_organisations_described(records_of, text, claimant):
    assert claims_of(records_of, text)[-1].claimant == claimant


def test_a_description_with_no_organisation_to_stand_for_stays_itself(records_of):
    text = "The television network said three people were killed."
    (claim,) = claims_of(records_of, text)
    assert claim.claimant == "television network"


def test_iran_backed_groups_are_not_iran(records_of):
    text = "Iran-backed militant groups have claimed responsibility for the attacks."
    (claim,) = claims_of(records_of, text)
    assert claim.claimant == "Iran-backed militant groups"


def test_it_is_the_subject_named_before_it(records_of):
    text = (
        "Iran fired missiles at the base in an operation it dubbed a response to the "
        "killing of its commander."
    )
    claim = next(c for c in claims_of(records_of, text) if c.cue == "dubbed")
    assert claim.claimant == "Iran"
    assert claim.content.startswith("a response to the killing")


def test_the_statement_with_nobody_named_yet_is_the_next_organisation_to_claim(records_of):
    text = (
        "Two fighters were hurt in the attack, the statement added.\n\n"
        "US Central Command on Friday announced that three drones attacked the garrison."
    )
    claims = claims_of(records_of, text)
    assert [c.claimant for c in claims] == ["US Central Command"] * 2


def test_a_statement_issued_by_a_named_official(records_of):
    text = (
        "A statement issued by the assistant secretary for public affairs, Daniel Ortega "
        "Price, said, the militias must stop their attacks."
    )
    (claim,) = claims_of(records_of, text)
    assert claim.claimant == "Daniel Ortega Price"
    assert claim.content.startswith("the militias must stop")


# ---- quotations and their speakers -----------------------------------------------------------


def test_of_two_cues_the_named_speaker(records_of):
    text = (
        "Commander of the task force said, \u201cSuch attacks endanger civilians,\u201d "
        "Brennan said. \u201cWe will protect our forces.\u201d"
    )
    quotes, claims = records_of(text)
    assert [q.speaker for q in quotes] == ["Brennan", "Brennan"]
    assert claims == []  # the frame of a quote is no claim


def test_a_quote_continues_after_the_previous_quotes_attribution(records_of):
    text = (
        "\u201cWe felt the blast,\u201d said Air Force Lt. Col. Dana Reyes, according to a "
        "report in the Journal in mid-January. \u201cThey wanted to hit our aircraft.\u201d"
    )
    quotes = quotes_of(records_of, text)
    assert [q.speaker for q in quotes] == ["Dana Reyes", "Dana Reyes"]
    assert quotes[1].cue is None


def test_a_quote_whose_speaker_claimed_the_attack_just_before(records_of):
    text = (
        "The Islamic Resistance in Iraq claimed responsibility for the attack.\n\n"
        "It said the rockets \u201cdirectly hit their targets.\u201d"
    )
    (quote,) = quotes_of(records_of, text)
    assert quote.speaker == "Islamic Resistance in Iraq"


def test_a_participle_reports_for_its_according_to_source(records_of):
    text = (
        "Drones were launched at two bases, according to a US military official speaking "
        "anonymously, reporting \u201cno casualties and no damage.\u201d"
    )
    (quote,) = quotes_of(records_of, text)
    assert quote.speaker == "US military official"


def test_the_words_of_an_accusation(records_of):
    text = (
        "Washington\u2019s new sanctions came with an accusation of \u201cweapons "
        "proliferation\u201d against the firms."
    )
    (quote,) = quotes_of(records_of, text)
    assert (quote.speaker, quote.cue) == ("United States", "accusation")


def test_a_quotation_cut_off_at_the_end_of_the_text(records_of):
    text = (
        "\u201cWe call for calm,\u201d the spokesman said.\n\n"
        "\u201cThis act undermines years of cooperation and violates our sovereignty and"
    )
    quotes = quotes_of(records_of, text)
    assert [q.speaker for q in quotes] == ["spokesman", "spokesman"]
    assert quotes[1].text.startswith("This act undermines")


def test_an_unclosed_mark_inside_the_text_is_still_dropped(records_of):
    text = "\u201cThis never closes and is not a quote at all\n\nThe army said it was calm."
    assert quotes_of(records_of, text) == []


def test_quoted_names_of_things_are_not_quotes(records_of):
    text = (
        "The strikes hit a depot in the \u201cgrain centre\u201d and \u201crural development "
        "centre\u201d of the city, activists said."
    )
    assert quotes_of(records_of, text) == []


def test_somebodys_word_after_an_indefinite_article_is_a_quote(records_of):
    text = (
        "The spokeswoman said that the strike on the base was an \u201cescalatory attack,\u201d "
        "and threatened Iran with a \u201cdecisive response.\u201d"
    )
    quotes = quotes_of(records_of, text)
    assert [q.text for q in quotes] == ["escalatory attack", "decisive response."]
    assert {q.speaker for q in quotes} == {"spokeswoman"}


def test_a_group_called_by_its_name_is_that_group(records_of):
    text = (
        "The Syrian Democratic Forces said the base was hit.\n\n"
        "The loose-knit group of Iranian-backed militias called Islamic Resistance in Iraq (IRI) "
        "claimed credit for Monday's attack."
    )
    claims = claims_of(records_of, text)
    assert claims[-1].claimant == "Islamic Resistance in Iraq"


def test_title_abbreviations_do_not_cut_the_speaker(records_of):
    text = (
        "The fighters were killed when two jets struck facilities near Deir ez-Zor, according "
        "to Pentagon press secretary Brig. Gen. Pat Ryder."
    )
    (claim,) = claims_of(records_of, text)
    assert claim.claimant == "Patrick Ryder"


@pytest.mark.parametrize(
    "text, claimant",
    [
        (
            "At least nine rockets were fired at a US base near the Conoco gas field, reported "
            "Al Hadath news channel.",
            "Al Hadath",
        ),
        (
            "US helicopters have been patrolling the area in search of the attackers, reported "
            "TASS citing a local channel.",
            "TASS",
        ),
    ],
)
def test_an_attribution_told_verb_first(records_of, text, claimant):
    (claim,) = claims_of(records_of, text)
    assert claim.claimant == claimant and claim.content.startswith(text.split(",")[0][:20])


def test_quoted_by_the_media_as_saying_is_the_persons_words(records_of):
    text = (
        "Prime Minister Mohammed Shia al-Sudani was quoted by state media as saying that the "
        'government "will end the presence of the coalition".'
    )
    (quote,) = quotes_of(records_of, text)
    assert quote.speaker == "Mohammed Shia al-Sudani"
    text = "The minister was quoted as saying the base would close."
    (claim,) = claims_of(records_of, text)
    assert claim.claimant == "minister"
