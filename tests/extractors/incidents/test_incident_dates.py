"""Dates of events (extractors/incidents/dates.py)."""

from __future__ import annotations

import pytest

# ---- dates ---------------------------------------------------------------------------------------


def test_day_month_resolves_against_the_article_date(incidents_of, one):
    inc = one(incidents_of("A drone struck the Conoco gas field base on 23 March, officials said."))
    assert (inc.date, inc.date_precision, inc.date_text) == ("2023-03-23", "day", "23 March")


def test_weekday_is_the_last_such_day_before_publication(incidents_of, one):
    # 5 February 2024 is a Monday: "on Sunday" is the 4th.
    inc = one(incidents_of("Rockets hit the al-Omar base on Sunday, a monitor said.", "2024-02-05"))
    assert inc.date == "2024-02-04"


def test_weekday_with_month_and_day(incidents_of, one):
    inc = one(
        incidents_of(
            "US jets carried out air raids in Deir ez-Zor province on Tuesday, "
            "August 23, the military said.",
            "2022-08-25",
        )
    )
    assert (inc.date, inc.weapon, inc.province) == ("2022-08-23", "airstrike", "Deir ez-Zor")


def test_last_week_is_a_month_when_it_lies_in_one(incidents_of, one):
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


def test_a_day_after_a_dated_statement(incidents_of, one):
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


def test_hours_after_gives_no_day(incidents_of, one):
    text = (
        "Hours after the US bombardment, militants bombarded the Harir base in Erbil with drones."
    )
    found = [i for i in incidents_of(text, "2024-02-05") if i.base == "Harir"]
    assert one(found).date is None and found[0].weapon == "drone"


def test_dates_never_depend_on_today(incidents_of, one):
    assert one(incidents_of("Rockets hit the al-Omar base on Sunday.", None)).date is None


# ---- which phrase dates the event ------------------------------------------------------------


def test_an_explicit_date_beats_a_weekday(incidents_of, one):
    inc = one(
        incidents_of("Rockets hit the Harir base on Monday night (February 15).", "2021-02-22")
    )
    assert (inc.date, inc.date_precision) == ("2021-02-15", "day")


def test_this_week_gives_the_month(incidents_of, one):
    inc = one(incidents_of("This week's rocket attack on the Conoco base caused no damage."))
    assert (inc.date, inc.date_precision) == ("2023-03", "month")


def test_since_a_month_when_dates_the_event(incidents_of):
    found = incidents_of(
        "Wednesday's rocket attack was the second on Camp Taji since January, when several "
        "rockets landed in the base.",
        "2020-03-11",
    )
    assert sorted(i.date for i in found) == ["2020-01", "2020-03-11"]


def test_a_caption_resolves_against_its_own_date(incidents_of, one):
    text = (
        "A picture taken on March 2, 2022 shows the Ain al-Asad air base, which militants hit "
        "with a wave of rockets last week. (Photo: Agency)"
    )
    inc = one(incidents_of(text, "2023-05-10"))
    assert (inc.date, inc.date_precision) == ("2022-02", "month")


def test_an_answer_is_dated_between_the_attack_and_the_article(incidents_of):
    found = incidents_of(
        "Rockets hit the Conoco base on Tuesday. Sources said the US responded to the attack "
        "with airstrikes in Deir ez-Zor province.",
        "2024-11-12",
    )
    strike = next(i for i in found if i.weapon == "airstrike")
    assert (strike.date, strike.date_precision) == ("2024-11-12", "day")


def test_the_clause_that_times_the_event(incidents_of, one):
    inc = one(
        incidents_of(
            "Five soldiers were wounded Thursday when a drone hit a base near Hasakah.",
            "2023-03-24",
        )
    )
    assert inc.date == "2023-03-23"


def test_the_day_it_was_said_is_not_the_day_it_happened(incidents_of, one):
    inc = one(
        incidents_of(
            "US jets struck militia positions near al-Bukamal late Thursday. A fighter was "
            "killed in the strike, the group said Friday.",
            "2024-02-17",
        )
    )
    assert inc.date == "2024-02-15"


def test_unresolved_dates_still_tell_events_apart(incidents_of):
    found = incidents_of(
        "Three rockets hit the Ain al-Asad base on Monday. The base was also hit by a rocket "
        "on June 20.",
        None,
    )
    assert len(found) == 2 and all(i.base == "Ain al-Asad" for i in found)


def test_a_weekday_an_undated_article_cannot_place_is_kept_as_words(incidents_of, one):
    text = "Drones attacked US-led forces at the al-Tanf garrison in Syria early Monday."
    inc = one(incidents_of(text, published=None))
    assert (inc.date, inc.date_precision, inc.date_text) == (None, None, "early Monday")
    dated = one(incidents_of(text, published="2022-08-16"))
    assert (dated.date, dated.date_precision) == ("2022-08-15", "day")


def test_other_unplaced_words_are_not_kept(incidents_of, one):
    text = "Rockets hit the Ain al-Asad air base in Iraq later that night."
    inc = one(incidents_of(text, published=None))
    assert inc.date is None and inc.date_text is None


def test_the_day_a_spokesman_said_it_does_not_split_the_event(incidents_of, one):
    text = (
        "A rocket attack killed a contractor at an airfield in Iraq on Monday, the military said. "
        "Of 14 rockets fired, three hit Irbil International Airport, a coalition spokesman said "
        "Tuesday in a statement."
    )
    inc = one(incidents_of(text, published="2021-02-16"))
    assert (inc.date, inc.base, inc.killed) == ("2021-02-15", "Erbil air base", 1)


def test_a_day_told_before_the_announcement_dates_the_event(incidents_of):
    text = (
        "Drones targeted the Harir base in Iraq on Friday. On Wednesday, Iraqi sources announced "
        "that the Harir base was targeted in a drone attack."
    )
    dates = sorted(i.date for i in incidents_of(text, published="2023-10-21"))
    assert dates == ["2023-10-18", "2023-10-20"]


def test_the_day_of_a_claim_dates_the_attack_it_claims(incidents_of, one):
    text = (
        "The Islamic Resistance in Iraq released a statement on Tuesday claiming responsibility "
        "for a drone attack on the Ain al-Asad airbase in western Iraq."
    )
    inc = one(incidents_of(text, published="2023-10-31"))
    assert inc.date == "2023-10-31"


def test_the_day_of_the_events_answered_is_not_the_days_of_the_answer(incidents_of, one):
    # "said" is a statement above the strikes, but the only day of the sentence belongs to the
    # attacks the strikes answer
    text = (
        "The precision strikes near al-Mayadin were a response to a string of attacks on US "
        "troops that started on March 2, the minister said."
    )
    inc = one(incidents_of(text, published="2023-03-24"))
    assert inc.date is None and inc.weapon == "airstrike"


@pytest.mark.parametrize(
    "published, date",
    [("2023-12-25", "2023-12-25"), ("2023-12-26", "2023-12")],
)
def test_in_response_answers_the_event_told_before(incidents_of, published, date):
    text = (
        "A drone struck the Erbil air base on Monday, wounding two US soldiers. In response, US "
        "forces conducted strikes on three facilities used by Kataib Hezbollah in Iraq."
    )
    found = incidents_of(text, published=published)
    strike = next(i for i in found if i.weapon == "airstrike")
    assert strike.date == date


def test_in_response_to_another_event_is_not_an_answer_to_the_last(incidents_of):
    text = (
        "A drone struck the Erbil air base on Monday, wounding two US soldiers. In response to "
        "the killing of three soldiers in Jordan, US forces conducted strikes on sites in Syria."
    )
    found = incidents_of(text, published="2024-02-05")
    strike = next(i for i in found if i.weapon == "airstrike")
    assert strike.date is None


def test_the_day_of_an_announcement_does_not_date_the_event_days_before_it(incidents_of, one):
    text = (
        "Kataib Hezbollah announced Tuesday that it is suspending attacks, days after Washington "
        "blamed the group for a drone strike that killed three American soldiers in Jordan."
    )
    inc = one(incidents_of(text, published="2024-01-31"))
    assert (inc.date, inc.killed) == (None, 3)


def test_a_timeline_items_date_heading_dates_its_event(incidents_of):
    text = (
        "Here is a timeline of recent attacks:\n"
        "- Oct. 19: Rockets were fired at the Ain al-Asad air base.\n"
        "- Oct. 26:\nThe United States struck two facilities in eastern Syria used by the IRGC.\n"
    )
    found = incidents_of(text, published="2023-10-27")
    assert sorted(i.date for i in found) == ["2023-10-19", "2023-10-26"]


def test_a_sentence_that_is_more_than_a_date_is_no_heading(incidents_of, one):
    text = (
        "Officials met on Oct. 20.\n"
        "The United States struck two facilities in eastern Syria used by the IRGC.\n"
    )
    assert one(incidents_of(text, published="2023-10-27")).date is None


def test_a_date_told_after_the_events_a_mention_answers_is_theirs(incidents_of, one):
    text = (
        "US jets struck a weapons depot near Albu Kamal on Sunday, the Pentagon said. The strikes "
        "came in response to attacks on US troops earlier in the week and late last month."
    )
    inc = one([i for i in incidents_of(text, published="2023-11-13") if i.weapon == "airstrike"])
    assert (inc.date, inc.mentions) == ("2023-11-12", 2)


def test_the_same_day_is_the_day_told_last_even_past_an_undated_mention(incidents_of):
    text = (
        "A drone hit the Harir base in Erbil on Monday. The Islamic Resistance in Iraq also "
        "claimed the attack. Harakat al-Nujaba said it was behind a separate rocket attack on Ain "
        "al-Asad on the same day."
    )
    found = incidents_of(text, published="2024-01-02")
    rockets = next(i for i in found if i.weapon == "rocket")
    assert rockets.date == "2024-01-01"
