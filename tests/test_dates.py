import pytest

from escalation_cli import dates
from escalation_cli.dates import infer_published, parse_header_date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("March 26 2023", ("2023-03-26", "day")),
        ("March 25, 2023", ("2023-03-25", "day")),
        ("25 March 2023", ("2023-03-25", "day")),
        ("Sunday, March 26, 2023", ("2023-03-26", "day")),
        ("Jan. 28, 2020", ("2020-01-28", "day")),
        ("2024-02-03T08:15:00Z", ("2024-02-03", "day")),
        ("2024-02-03", ("2024-02-03", "day")),
        ("Published: 4 February 2024 | 10:32 GMT", ("2024-02-04", "day")),
        ("November 2023", ("2023-11", "month")),
        # a time before the date, a date printed twice
        ("Updated 0705 GMT (1505 HKT) February 3, 2024", ("2024-02-03", "day")),
        ("Published: 10:05 GMT, 3 February 2024", ("2024-02-03", "day")),
        ("Published On 3 Feb 2024 3 Feb 2024", ("2024-02-03", "day")),
    ],
)
def test_header_dates(text, expected):
    assert parse_header_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Source: Agencies",
        "By Al Mayadeen English",
        "February 30, 2023",
        "The attack took place on March 3, 2023, near the base and was reported widely by media",
        "10:05 GMT",
        "The attack on 3 February 2024 killed three",
        "3 Feb 2024 rockets hit the base again",
    ],
)
def test_not_header_dates(text):
    assert parse_header_date(text) is None


def test_weekday_with_month_day_fixes_year_from_years_in_text():
    text = (
        "Officials said in 2019 that the group was defeated. Strikes were carried out on "
        "Tuesday, August 23, in the east of the country."
    )
    # 23 August is a Tuesday in 2022, the first such year from 2019 on; only the month is known.
    assert infer_published(text) == ("2022-08", "month")


def test_today_with_weekday_fixes_the_day():
    text = (
        "The photo was taken on January 23, 2024. The group released today, Monday, "
        "February 5, a video of the attack."
    )
    assert infer_published(text) == ("2024-02-05", "day")


def test_explicit_full_date_bounds_the_year():
    # 5 February is a Monday in 2018 and 2024; the full date in the text rules out 2018.
    text = "It began on October 7, 2023. On Monday, February 5, rockets hit the base."
    assert infer_published(text) == ("2024-02", "month")


def test_no_weekday_date_means_no_inference():
    assert infer_published("In October 2018, Russia sent S-300 systems to Syria.") is None


def test_weekday_date_without_any_year_is_not_guessed():
    assert infer_published("The strike came on Tuesday, August 23, officials said.") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("struck on the night of March 23", ("2023-03-23", "day")),
        ("in the early hours of March 24, 2023", ("2023-03-24", "day")),
        ("rockets fell in March 2023", ("2023-03", "month")),
        ("the drone attack of March", ("2023-03", "month")),
    ],
)
def test_a_month_phrase_followed_by_a_day_is_a_day(text, expected):
    found = dates.find_date_expressions(text)
    assert len(found) == 1
    assert dates.resolve(found[0], "2023-03-25") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Two days ago, a drone hit the base", ("2023-03-23", "day")),
        ("rockets fell 3 days ago", ("2023-03-22", "day")),
        ("a drone attack a day ago", ("2023-03-24", "day")),
        ("the day before yesterday, rockets fell", ("2023-03-23", "day")),
        ("rockets fell yesterday", ("2023-03-24", "day")),
        ("a drone hit the base ten days ago", ("2023-03-15", "day")),
        # the night before a story of the morning, dated as the day it began
        ("jets struck targets near Damascus overnight", ("2023-03-24", "day")),
        ("an overnight rocket attack", ("2023-03-24", "day")),
    ],
)
def test_days_ago_count_back_from_the_article_date(text, expected):
    found = dates.find_date_expressions(text)
    assert len(found) == 1
    assert dates.resolve(found[0], "2023-03-25") == expected
    assert dates.resolve(found[0], "2023-03") == (None, None)  # no day to count from


def test_vague_spans_ago_are_not_days():
    assert dates.find_date_expressions("a drone hit the base several days ago") == []
    assert dates.find_date_expressions("a drone hit the base weeks ago") == []


def test_a_weekday_beside_overnight_is_more_explicit():
    found = dates.find_date_expressions("rockets struck overnight Saturday")
    assert [x.kind for x in found] == ["relative", "weekday"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a drone hit the base on the 10th, a monitor said", ("2023-11-10", "day")),
        ("rockets fell on the night of the 14th.", ("2023-10-14", "day")),  # after the 13th
        ("on the 13th when rockets fell", ("2023-11-13", "day")),
    ],
)
def test_the_nth_is_a_day_of_the_articles_month_or_the_one_before(text, expected):
    (found,) = dates.find_date_expressions(text)
    assert dates.resolve(found, "2023-11-13") == expected
    assert dates.resolve(found, "2023-11") == (None, None)


@pytest.mark.parametrize("text", ["on the 3rd floor", "on the 10th anniversary of the war"])
def test_an_ordinal_that_is_no_day(text):
    assert dates.find_date_expressions(text) == []
