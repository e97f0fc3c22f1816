"""Dates: the one place where date words become ISO dates.

Everything resolves against a reference date the caller passes in (the article's own
publication date), never against today, so a rerun next year gives the same answer.
Common shapes are parsed with regular expressions; ``dateparser`` is only asked about what
they do not cover, with English only and a fixed relative base.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

MONTHS = {
    name.lower(): index
    for index in range(1, 13)
    for name in (calendar.month_name[index], calendar.month_abbr[index])
}
MONTHS["sept"] = 9
WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}

_MONTH = r"(?P<month>" + "|".join(sorted((m for m in MONTHS), key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(calendar.day_name) + r")"
# weekdays as headers abbreviate them: "Fri, 02/26/2021", "Wed 22 Nov 2023"
WEEKDAY_ABBREVIATIONS = {
    **{calendar.day_abbr[i].lower(): i for i in range(7)},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
_HEADER_WEEKDAY = (
    r"(?P<weekday>"
    + "|".join([*calendar.day_name, *sorted(WEEKDAY_ABBREVIATIONS, key=len, reverse=True)])
    + r")\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Whole-string header dates: "March 26 2023", "March 25, 2023", "26 March 2023",
# "Sunday, March 26, 2023", "2023-03-26", "2023-03-26T10:00:00+00:00", "March 2023".
# "02/26/2021", "26.02.2021", "05-01-2024": month and day told apart by their values or the
# weekday (else by the article's own way of writing dates, see numeric_date_readings)
_NUMERIC_HEADER = re.compile(
    rf"(?:{_HEADER_WEEKDAY},?\s+)?(?P<first>[0-3]?\d)(?P<sep>[/.-])(?P<second>[0-3]?\d)"
    rf"(?P=sep){_YEAR}\b",
    re.I,
)
_HEADER_PATTERNS = [
    re.compile(rf"(?:{_HEADER_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"(?:{_HEADER_WEEKDAY},?\s+)?{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(
        r"(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)"
        r"(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?(?=\s|$)"
    ),
    re.compile(r"(?P<year>(?:19|20)\d\d)/(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)\b"),
    _NUMERIC_HEADER,
]
# What may stand before a header date on its line: wires and outlets ("AFP , AP ,"), a label
# ("Published:"), separators, a time ("Updated 0705 GMT (1505 HKT)", "10:05 GMT,").
# Capitalised words, times and punctuation only, a few of them.
_LEAD_TOKEN = r"(?:[A-Z][\w&.'-]*|[,|/:()\u2013\u2014-]|\d{1,2}[:.]\d{2}|[01]\d[0-5]\d|[ap]\.?m\.?)"
_HEADER_LEAD = re.compile(rf"^{_LEAD_TOKEN}(?:\s*{_LEAD_TOKEN})*\s*$")
# What may follow it: a time, a zone, an "Updated: <date>" note.
_HEADER_TAIL = re.compile(
    r"^[\s,|\u2013\u2014-]*(?:(?:updated|modified|last updated|edited)\b.*)?$", re.I
)
_HEADER_MONTH_ONLY = re.compile(rf"^{_MONTH}\s+{_YEAR}$", re.I)
_HEADER_PREFIX = re.compile(
    r"^\s*(?:published|posted|updated|last updated|date|on)\s*(?:on|at)?\s*:?\s*", re.I
)
_HEADER_SUFFIX = re.compile(
    r"(?:\s*[|,-]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|gmt|utc|[+-]\d{2}:?\d{2})?.*)$", re.I
)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_number(token: str) -> int | None:
    return MONTHS.get(token.lower().rstrip("."))


def _header_core(raw: str) -> str:
    """A header line without its label ("Published:") and the time after its date ("March 25,
    2023 10:05 GMT"); a time before the date stays, as a lead ("10:05 GMT, 3 February")."""
    raw = _HEADER_PREFIX.sub("", raw)
    return _HEADER_SUFFIX.sub("", raw).strip(" ,.-|") or raw


@lru_cache(maxsize=4096)
def parse_header_date(text: str) -> tuple[str, str] | None:
    """A header or metadata string that is a date: ``(iso, precision)`` or None.

    Strict on purpose: a header line is a date only when (almost) all of it is one.
    """
    raw = " ".join(text.split())
    if not raw or len(raw) > 60:
        return None
    raw = _header_core(raw)
    for pattern in _HEADER_PATTERNS:
        match = pattern.search(raw)
        if not match:
            continue
        lead, tail = raw[: match.start()], raw[match.end() :]
        if lead.strip() and (not _HEADER_LEAD.match(lead) or len(lead.split()) > 6):
            return None  # a sentence that mentions a date, not a date line
        if (
            len(tail.split()) > 2
            and not _HEADER_TAIL.match(tail)
            and not pattern.fullmatch(tail.strip(" ,|"))  # "3 Feb 2024 3 Feb 2024": printed twice
        ):
            return None
        return _header_match_date(match.groupdict())
    match = _HEADER_MONTH_ONLY.match(raw)
    if match:
        month = _month_number(match.group("month"))
        return (f"{int(match.group('year')):04d}-{month:02d}", "month") if month else None
    return _dateparser_header(raw)


def _header_match_date(groups: dict) -> tuple[str, str] | None:
    if groups.get("first"):
        readings = _numeric_readings(groups)
        # 02/03/2021 is February or March: without a weekday to tell, no date rather than a guess
        return (readings[0], "day") if len(readings) == 1 else None
    year = int(groups["year"])
    month = int(groups["mnum"]) if groups.get("mnum") else _month_number(groups["month"])
    if month is None:
        return None
    iso = _iso(year, month, int(groups["day"]))
    return (iso, "day") if iso else None


def _numeric_readings(groups: dict) -> tuple[str, ...]:
    """The dates a numeric header date can be: month first (US), then day first."""
    year, first, second = int(groups["year"]), int(groups["first"]), int(groups["second"])
    readings = tuple(
        dict.fromkeys(r for r in (_iso(year, first, second), _iso(year, second, first)) if r)
    )
    weekday = groups.get("weekday")
    weekday = weekday and (
        WEEKDAYS.get(weekday.lower()) or WEEKDAY_ABBREVIATIONS.get(weekday.lower().rstrip("."))
    )
    if weekday is not None:
        readings = tuple(r for r in readings if dt.date.fromisoformat(r).weekday() == weekday)
    return readings


def numeric_date_readings(text: str) -> tuple[str, ...]:
    """For a header line that is a numeric date ``parse_header_date`` cannot settle
    ("05-01-2024"): its two readings, month first and day first; else ()."""
    match = _NUMERIC_HEADER.fullmatch(_header_core(" ".join(text.split())))
    if match is None:
        return ()
    readings = _numeric_readings(match.groupdict())
    return readings if len(readings) == 2 else ()


_DAY_FIRST = re.compile(rf"\b[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?![\w.])", re.I)
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+[0-3]?\d(?:st|nd|rd|th)?\b(?!\s*%)", re.I)


def settle_numeric_date(readings: tuple[str, ...], text: str) -> str | None:
    """Of a numeric header date's two readings, the one the article's own way of writing dates
    tells: "3 January" (day first) or "January 3" (month first) in its text, when it writes
    dates only one way; None when it does not say."""
    if len(readings) != 2:
        return None
    day_first = bool(_DAY_FIRST.search(text))
    month_first = bool(_MONTH_FIRST.search(text))
    if day_first == month_first:
        return None
    return readings[1] if day_first else readings[0]


def _dateparser_header(raw: str) -> tuple[str, str] | None:
    if not re.search(r"\d", raw) or len(raw.split()) > 6:
        return None
    parsed = _dateparser_parse(raw, "2000-01-01")
    if parsed is None:
        return None
    # dateparser fills missing parts from the base: accept only when a year is written.
    if not re.search(r"\b(19|20)\d\d\b", raw):
        return None
    return parsed.date().isoformat(), "day"


@lru_cache(maxsize=8192)
def _dateparser_parse(text: str, base_iso: str):
    import dateparser  # slow import; only reached for unusual shapes

    base = dt.datetime.fromisoformat(base_iso)
    return dateparser.parse(
        text,
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "STRICT_PARSING": True,
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )


# ---- publication date inferred from the text -------------------------------------------------

_WEEKDAY_DATE = re.compile(
    rf"\b{_WEEKDAY},?\s+(?:(?:{_MONTH}\s+{_DAY})|(?:(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<month2>"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?))(?!,?\s*(?:19|20)\d\d)\b",
    re.I,
)
_FULL_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+{_DAY},?\s+{_YEAR}|(?P<day2>[0-3]?\d)\s+(?P<month2>"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?,?\s+(?P<year2>(?:19|20)\d\d))\b",
    re.I,
)
_BARE_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
_TODAY_BEFORE = re.compile(r"\b(today|tonight|this (morning|afternoon|evening))\W*$", re.I)


def infer_published(text: str) -> tuple[str, str] | None:
    """The publication date a careful reader infers from the text, or None.

    A weekday with a month and day ("Tuesday, August 23") is only that weekday in some
    years; the earliest such year not before the latest explicit date (or year) in the text
    is taken. "today, Monday, February 5" fixes the day; otherwise only the month is known.
    """
    anchors = []
    for match in _WEEKDAY_DATE.finditer(text):
        g = match.groupdict()
        month = _month_number(g["month"] or g["month2"] or "")
        day = int(g["day"] or g["day2"])
        if month is None or not 1 <= day <= 31:
            continue
        weekday = WEEKDAYS[g["weekday"].lower()]
        today = bool(_TODAY_BEFORE.search(text[max(0, match.start() - 25) : match.start()]))
        anchors.append((month, day, weekday, today))
    if not anchors:
        return None
    floor = _year_floor(text)
    if floor is None:
        return None
    for month, day, weekday, today in sorted(anchors, key=lambda a: not a[3]):
        for year in range(floor[0], floor[0] + 12):
            iso = _iso(year, month, day)
            if iso is None or dt.date.fromisoformat(iso).weekday() != weekday:
                continue
            if iso < floor[1]:
                continue
            if today:
                return iso, "day"
            return iso[:7], "month"
    return None


def _year_floor(text: str) -> tuple[int, str] | None:
    """The latest explicit full date in the text, else the latest bare year, as a floor."""
    full = []
    for match in _FULL_DATE.finditer(text):
        g = match.groupdict()
        month = _month_number(g["month"] or g["month2"] or "")
        year = int(g["year"] or g["year2"])
        day = int(g["day"] or g["day2"])
        iso = _iso(year, month, day) if month else None
        if iso:
            full.append(iso)
    if full:
        latest = max(full)
        return int(latest[:4]), latest
    years = [int(y) for y in _BARE_YEAR.findall(text)]
    if years:
        return max(years), f"{max(years):04d}-01-01"
    return None


# ---- date expressions inside article text ----------------------------------------------------

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_NAMES = "|".join(calendar.day_name)
_DATE_EXPRESSIONS = re.compile(
    r"(?P<md>\b(?:(?P<md_wd>"
    + _WEEKDAY_NAMES
    + r"),?\s+)?(?P<md_m>"
    + _MONTH_NAMES
    + r")\.?\s+(?P<md_d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<md_y>(?:19|20)\d\d)\b)?(?!\s*%))"
    r"|(?P<dm>\b(?:(?P<dm_wd>" + _WEEKDAY_NAMES + r"),?\s+)?(?P<dm_d>[0-3]?\d)(?:st|nd|rd|th)?\s+"
    r"(?:of\s+)?(?P<dm_m>" + _MONTH_NAMES + r")\b\.?(?:,?\s+(?P<dm_y>(?:19|20)\d\d)\b)?)"
    r"|(?P<my>\b(?:in|during|since|of|last|early|mid|late)[\s-]+(?P<my_m>"
    + _MONTH_NAMES
    # "the night of March 23" is a day: the month phrase stops where a day follows
    + r")\b(?!\.?\s+[0-3]?\d(?:st|nd|rd|th)?\b)\.?(?:,?\s+(?P<my_y>(?:19|20)\d\d)\b)?)"
    r"|(?P<wd>\b(?P<wd_pre>last\s+|this\s+|on\s+|late\s+|early\s+)?(?P<wd_d>"
    + _WEEKDAY_NAMES
    + r")(?:'s)?\b(?!,?\s+(?:"
    + _MONTH_NAMES
    + r")\b)(?!,?\s+[0-3]?\d\b)"
    r"(?P<wd_part>\s+(?:morning|afternoon|evening|night))?)"
    r"|(?P<rel>\b(?:yesterday|today|tonight|last night|overnight|this morning|this afternoon"
    r"|this evening"
    r"|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|[1-9]|[12]\d|30) days? ago"
    r"|the day before yesterday"
    r"|earlier (?:in the day|today|this morning|on the same day)"
    r"|(?:later|earlier) that (?:night|day|evening|morning|afternoon)"
    r"|that (?:night|day|evening|morning|afternoon)|the same (?:day|night)"
    r"|the (?:next|following) (?:day|morning|night)|hours later"
    r"|last (?:week|month|year)|this (?:week|month|year)|earlier this (?:week|month|year)"
    r"|(?:at the (?:start|beginning|end) of|earlier|late|early) (?:this|last) (?:month|year))\b)"
    r"|(?P<y>\b(?:in|since|during|of)\s+(?P<y_y>(?:19|20)\d\d)\b)"
    # "on the 10th", "the night of the 14th": a day of the article's month (or the one before)
    # (but not "on the 3rd floor": the day ends its phrase)
    r"|(?P<dom>\b(?:on|of)\s+the\s+(?P<dom_d>[1-3]?\d)(?:st|nd|rd|th)\b"
    r"(?=\s*(?:[,.;:)\u2013\u2014-]|$)|\s+(?:and|when|at|in|near|as|after|before|while)\b))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateExpression:
    """A date phrase found in text, before it is resolved against a reference date."""

    start: int
    end: int
    text: str
    kind: str  # "explicit", "weekday", "relative", "month", "year", "anaphoric", "earlier_today"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    phrase: str | None = None


def find_date_expressions(text: str) -> list[DateExpression]:
    found = []
    for m in _DATE_EXPRESSIONS.finditer(text):
        g = m.groupdict()
        if (
            m.group(0).lower().startswith("since")
            or re.search(
                r"\b(?:since|until|till)\s+(?:(?:early|late|mid)[\s-]*)?$", text[: m.start()], re.I
            )
        ) and not re.match(r",?\s+when\b", text[m.end() :]):
            continue  # "since October 17" bounds a tally, it does not date an event (but "since
            # January, when rockets landed" dates the rockets)
        if g["md"] or g["dm"]:
            p = "md" if g["md"] else "dm"
            month = _month_number(g[f"{p}_m"])
            day = int(g[f"{p}_d"])
            if month is None or not 1 <= day <= 31:
                continue
            if g[f"{p}_m"].lower() == "may" and g[f"{p}_m"][0].islower():
                continue  # the verb "may"
            year = int(g[f"{p}_y"]) if g[f"{p}_y"] else None
            wd = WEEKDAYS.get((g[f"{p}_wd"] or "").lower())
            found.append(
                DateExpression(m.start(), m.end(), m.group(0), "explicit", year, month, day, wd)
            )
        elif g["my"]:
            if g["my_m"].lower() == "may" and g["my_m"][0].islower():
                continue
            month = _month_number(g["my_m"])
            if month is None:
                continue
            year = int(g["my_y"]) if g["my_y"] else None
            kind = "last_month_name" if m.group(0).lower().startswith("last") else "month"
            found.append(DateExpression(m.start(), m.end(), m.group(0), kind, year, month))
        elif g["wd"]:
            pre = (g["wd_pre"] or "").strip().lower()
            if pre == "this":
                pre = ""
            found.append(
                DateExpression(
                    m.start(),
                    m.end(),
                    m.group(0),
                    "weekday",
                    weekday=WEEKDAYS[g["wd_d"].lower()],
                    phrase=pre,
                )
            )
        elif g["rel"]:
            phrase = " ".join(m.group(0).lower().split())
            found.append(
                DateExpression(
                    m.start(), m.end(), m.group(0), _relative_kind(phrase), phrase=phrase
                )
            )
        elif g["y"]:
            found.append(DateExpression(m.start(), m.end(), m.group(0), "year", year=int(g["y_y"])))
        elif g["dom"] and 1 <= int(g["dom_d"]) <= 31:
            found.append(
                DateExpression(m.start(), m.end(), m.group(0), "explicit", day=int(g["dom_d"]))
            )
    return found


def _relative_kind(phrase: str) -> str:
    if re.match(r"(later |earlier )?that |the same |hours later", phrase):
        return "anaphoric"
    if phrase.startswith("earlier") and (
        "day" in phrase or "today" in phrase or "morning" in phrase
    ):
        return "earlier_today"
    return "relative"


# "overnight" in a story of the morning is the night before it, dated as the day it began (as
# "last night" is)
_DAYS_BACK = {"yesterday": 1, "last night": 1, "overnight": 1, "the day before yesterday": 2}
_DAYS_AGO_NUMBERS = {
    **{
        w: n
        for n, w in enumerate(
            ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), 1
        )
    },
    **{str(n): n for n in range(1, 31)},
    "a": 1,
}


def resolve(expr: DateExpression, reference: str | None) -> tuple[str | None, str | None]:
    """Resolve a date expression against the article's date: ``(iso, precision)``.

    ``reference`` is an ISO date (YYYY-MM-DD, or YYYY-MM / YYYY when less is known). What the
    reference cannot fix is left None rather than guessed.
    """
    ref = _parse_reference(reference)
    if expr.kind == "explicit" and expr.month is None:
        # "on the 10th": this month's, or last month's when the article is earlier in its month
        if ref is None or ref[2] is None or expr.day is None:
            return None, None
        year, month = ref[0], ref[1]
        if expr.day > ref[2]:
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        iso = _iso(year, month, expr.day)
        return (iso, "day") if iso else (None, None)
    if expr.kind == "explicit":
        if expr.year is not None:
            iso = _iso(expr.year, expr.month, expr.day)
            return (iso, "day") if iso else (None, None)
        if ref is None:
            return None, None
        year = ref[0]
        iso = _iso(year, expr.month, expr.day)
        if iso is None:
            return None, None
        # a date after the article is from the year before ("on 28 December" in January)
        if ref[1] is not None and (expr.month, expr.day) > (ref[1], ref[2] or 31):
            if expr.month - ref[1] > 1 or ref[2] is not None:
                iso = _iso(year - 1, expr.month, expr.day)
        return iso, "day"
    if expr.kind in ("month", "last_month_name"):
        if expr.year is not None:
            return f"{expr.year:04d}-{expr.month:02d}", "month"
        if ref is None or ref[1] is None:
            return None, None
        year = ref[0]
        if expr.month > ref[1] or (expr.kind == "last_month_name" and expr.month >= ref[1]):
            year -= 1
        return f"{year:04d}-{expr.month:02d}", "month"
    if expr.kind == "year":
        return f"{expr.year:04d}", "year"
    if expr.kind == "weekday":
        if ref is None or ref[2] is None:
            return None, None
        base = dt.date(*ref)
        delta = (base.weekday() - expr.weekday) % 7
        if expr.phrase == "last" and delta == 0:
            delta = 7
        return (base - dt.timedelta(days=delta)).isoformat(), "day"
    if expr.kind in ("relative", "earlier_today"):
        phrase = expr.phrase or ""
        if ref is None:
            return None, None
        if (
            phrase in ("today", "tonight", "this morning", "this afternoon", "this evening")
            or expr.kind == "earlier_today"
        ):
            return (dt.date(*ref).isoformat(), "day") if ref[2] else (None, None)
        back = _DAYS_BACK.get(phrase)
        if back is None and phrase.endswith("ago"):
            back = _DAYS_AGO_NUMBERS.get(phrase.split()[0])  # "two days ago"
        if back is not None:
            if ref[2] is None:
                return None, None
            return (dt.date(*ref) - dt.timedelta(days=back)).isoformat(), "day"
        if phrase.endswith("month"):
            if ref[1] is None:
                return None, None
            if phrase.startswith("last") or " last " in phrase:
                year, month = (ref[0], ref[1] - 1) if ref[1] > 1 else (ref[0] - 1, 12)
                return f"{year:04d}-{month:02d}", "month"
            return f"{ref[0]:04d}-{ref[1]:02d}", "month"
        if phrase.endswith("year"):
            if phrase.startswith("last") or " last " in phrase:
                return f"{ref[0] - 1:04d}", "year"
            return f"{ref[0]:04d}", "year"
        if phrase.endswith("week") and ref[2] is not None:
            # a week has no day; it has a month when it lies within one
            base = dt.date(*ref)
            monday = base - dt.timedelta(days=base.weekday())
            if phrase.startswith("last") or " last " in phrase:
                first, last = monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
            else:
                first, last = monday, base
            if (first.year, first.month) == (last.year, last.month):
                return f"{first.year:04d}-{first.month:02d}", "month"
        return None, None
    return None, None


def shift(iso: str | None, days: int) -> str | None:
    if not iso or len(iso) != 10:
        return None
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=days)).isoformat()


def _parse_reference(reference: str | None) -> tuple[int, int | None, int | None] | None:
    if not reference:
        return None
    parts = reference.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
    except ValueError:
        return None
    return year, month, day
