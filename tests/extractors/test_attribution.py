"""Quotes and claims on short texts written for these tests."""

from __future__ import annotations

import pytest


def quotes_of(records_of, text):
    return records_of(text)[0]


def claims_of(records_of, text):
    return records_of(text)[1]


# ---- quotes ----------------------------------------------------------------------------------


def test_curly_quote_with_cue_after(records_of):
    text = (
        "Pentagon Press Secretary Brigadier General Patrick Ryder spoke on Friday.\n\n"
        "\u201cWe don\u2019t seek conflict with Iran. Our focus is ISIS,\u201d Ryder said."
    )
    (quote,) = quotes_of(records_of, text)
    assert quote.text == "We don\u2019t seek conflict with Iran. Our focus is ISIS"
    assert text[quote.start : quote.end].rstrip(",") == quote.text
    assert (quote.speaker, quote.cue, quote.partial) == ("Patrick Ryder", "said", False)
    assert quote.speaker_mention == "Ryder"
    assert quote.speaker_actor == "Pentagon"
    assert "Press Secretary" in quote.speaker_title


def test_straight_quotes_and_inverted_cue(records_of):
    (quote,) = quotes_of(records_of, '"The base was not damaged," said John Kirby.')
    assert (quote.text, quote.speaker) == ("The base was not damaged", "John Kirby")


def test_pronoun_and_description_resolve_to_the_last_speaker(records_of):
    text = (
        "\u201cWe will respond,\u201d Ryder said.\n\n"
        "\u201cThese groups are destabilising the region,\u201d he added.\n\n"
        "The US official went on to say that the coalition is \u201cfocused on stability.\u201d"
    )
    quotes = quotes_of(records_of, text)
    assert [q.speaker for q in quotes] == ["Patrick Ryder"] * 3
    assert [q.cue for q in quotes] == ["said", "added", "went on to say"]
    assert [q.partial for q in quotes] == [False, False, True]


def test_description_speaker_and_its_later_mention(records_of):
    text = (
        "A senior Iranian advisor told a news website that \u201cthe targets were food "
        "stores.\u201d\n\n\u201cWe are fully aware of their pretexts,\u201d the top Iranian "
        "advisor said."
    )
    quotes = quotes_of(records_of, text)
    assert [q.speaker for q in quotes] == ["senior Iranian advisor"] * 2
    assert quotes[0].partial and not quotes[1].partial


def test_single_curly_marks_and_apostrophes(records_of):
    text = (
        "US President Joe Biden says the US will \u2018protect its personnel\u2019 in Syria "
        "and won\u2019t stop."
    )
    (quote,) = quotes_of(records_of, text)
    assert (quote.text, quote.speaker, quote.partial) == (
        "protect its personnel",
        "Joe Biden",
        True,
    )


def test_quote_over_several_paragraphs_and_a_continuing_paragraph(records_of):
    text = (
        "Spokeswoman Maria Lopez said: \u201cThe first part of what I say.\n\n"
        "\u201cThe second part, still mine.\u201d\n\n"
        "\u201cAnd a third paragraph without a cue.\u201d\n\n"
        "Lopez added that the talks would go on."
    )
    quotes = quotes_of(records_of, text)
    assert len(quotes) == 2
    assert quotes[0].text == "The first part of what I say.\n\nThe second part, still mine."
    assert [q.speaker for q in quotes] == ["Maria Lopez", "Maria Lopez"]
    assert quotes[1].cue is None
    (claim,) = claims_of(records_of, text)
    assert claim.claimant == "Maria Lopez"


def test_cue_before_the_quote(records_of):
    text = "Asked about retaliation, Biden replied, \u201cWe\u2019re not going to stop.\u201d"
    (quote,) = quotes_of(records_of, text)
    assert (quote.speaker, quote.cue, quote.partial) == ("Joe Biden", "replied", False)


def test_organisation_speakers(records_of):
    text = (
        "According to a report released by the Lebanese daily Al-Akhbar on Monday, \u201cthere "
        "is coordination against the US presence.\u201d\n\nA Department of Defense statement "
        "claimed that the casualties fell \u201cafter a one-way drone struck a maintenance "
        "facility.\u201d"
    )
    quotes = quotes_of(records_of, text)
    assert [q.speaker for q in quotes] == ["Al-Akhbar", "Pentagon"]
    assert [q.cue for q in quotes] == ["according to", "claimed"]


def test_names_in_quotation_marks_are_not_quotes(records_of):
    text = (
        "A drone hit the outpost known as \u201cTower 22\u201d and later the \u201cHarir\u201d "
        "base, officials said."
    )
    assert quotes_of(records_of, text) == []


def test_scare_quote_without_speaker_is_not_a_quote(records_of):
    text = "The US has long used the alleged \u201cISIS threat\u201d as a pretext to stay."
    assert quotes_of(records_of, text) == []


def test_unbalanced_mark_loses_nothing_else(records_of):
    text = (
        "Officials said \u201cthe base was hit and then nothing closes this.\n\n"
        "Later, \u201cA later quote,\u201d Kirby said.\n\nThe ministry said that talks went on."
    )
    quotes, claims = records_of(text)
    assert [q.text for q in quotes] == ["A later quote"]
    assert any(c.content.startswith("talks went on") for c in claims)


# ---- claims ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, claimant, cue, content, distanced",
    [
        (
            "Pentagon Press Secretary Patrick Ryder said on Friday that Washington is focused on "
            "the fight against ISIS.",
            "Patrick Ryder",
            "said",
            "Washington is focused on the fight against ISIS",
            False,
        ),
        (
            "The US claims its presence in Syria aims to deter ISIS.",
            "United States",
            "claims",
            "its presence in Syria aims to deter ISIS",
            True,
        ),
        (
            "Syrian and Russian officials have accused Washington of encouraging the group's "
            "activity.",
            "Syrian and Russian officials",
            "accused",
            "encouraging the group's activity",
            False,
        ),
        (
            "The deputy spokeswoman held Iran responsible for the attack on the base.",
            "deputy spokeswoman",
            "held",
            "the attack on the base",
            False,
        ),
        (
            "The Islamic Resistance in Iraq claimed responsibility for the attack and said that "
            "more would follow.",
            "Islamic Resistance in Iraq",
            "said",
            "more would follow",
            False,
        ),
        (
            "The minister told reporters that the strikes had hit empty buildings.",
            "minister",
            "told",
            "the strikes had hit empty buildings",
            False,
        ),
        (
            "The New York Times reported that the air defence system failed.",
            "The New York Times",
            "reported",
            "the air defence system failed",
            False,
        ),
        (
            "It was reported that about a dozen rockets were fired at the base.",
            None,
            "It was reported",
            "about a dozen rockets were fired at the base",
            False,
        ),
        (
            "Support for the militants is said to take place near the garrison.",
            None,
            "is said",
            "Support for the militants is said to take place near the garrison",
            True,
        ),
        (
            "According to Rudaw, the base has been targeted with drones five times.",
            "Rudaw",
            "According to",
            "the base has been targeted with drones five times",
            False,
        ),
        (
            "Three drones were intercepted, as per claims by the US forces.",
            "US military",
            "as per claims",
            "Three drones were intercepted",
            True,
        ),
    ],
)
def test_claim_forms(records_of, text, claimant, cue, content, distanced):
    claims = claims_of(records_of, text)
    claim = next(c for c in claims if c.content.startswith(content.split()[0]))
    assert claim.claimant == claimant
    assert claim.cue == cue
    assert claim.content == content
    assert claim.distanced is distanced
    assert text[claim.start : claim.end] == claim.content


def test_relays(records_of):
    text = (
        "According to the Pentagon, as reported by Reuters, US jets targeted facilities in "
        "Deir Ezzor.\n\nReuters quoted US officials estimating that Iran manufactured the "
        "drone."
    )
    claims = claims_of(records_of, text)
    assert [(c.claimant, c.via) for c in claims] == [
        ("Pentagon", "Reuters"),
        ("US officials", "Reuters"),
    ]


def test_content_stops_where_the_claim_stops(records_of):
    text = (
        "The ministry said that the strike killed two fighters, adding that an "
        "investigation had begun."
    )
    claims = claims_of(records_of, text)
    assert [c.content for c in claims] == [
        "the strike killed two fighters",
        "an investigation had begun",
    ]
    assert [c.claimant for c in claims] == ["ministry", "ministry"]


def test_quoted_words_are_a_quote_not_a_claim(records_of):
    text = (
        "The minister demanded a withdrawal, saying that \u201cthe US state is the side "
        "which supports terrorism.\u201d"
    )
    quotes, claims = records_of(text)
    assert [q.text for q in quotes] == ["the US state is the side which supports terrorism."]
    assert claims == []


def test_reported_speech_with_a_quoted_phrase_is_both(records_of):
    text = "The statement claimed that \u201cprecision strikes\u201d inside Syria were defensive."
    quotes, claims = records_of(text)
    assert [c.content for c in claims] == [
        "\u201cprecision strikes\u201d inside Syria were defensive"
    ]
    assert claims[0].distanced is True
