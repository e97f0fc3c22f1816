"""Events: the incidents of many articles grouped into real-world events.

Pure functions over records (the dicts of ``incidents.jsonl`` and ``articles.jsonl``): no spaCy,
no I/O. The writer calls :func:`group_events`; ``stats``, ``evaluate`` and the tests can call it
directly. Gazetteer facts (which province a base is in, which side an actor is on) come in as
plain data, a :class:`Reference`.

The rules, as a reader would apply them (README, "Events"):

1. Two incidents of one article are never one event.
2. Candidates are of the same kind (an attack on US or coalition forces, a strike by US or
   coalition forces, or an act of another party, of one side) and share a country.
3. Dates are compatible at their precision: two days at most one day apart (local and US
   time), a month with a day inside it, a year with what lies inside it.
4. A report with no date joins only when the rest is specific: it names a base or a town, a
   person killed, or the death toll of an attack on US forces; what it joins happened by the
   day after its article was published and at most :data:`UNDATED_WINDOW_DAYS` before (a
   person killed identifies a strike at any distance); two undated reports share what they
   name and were published within :data:`UNDATED_PAIR_DAYS`. A report that nothing places in
   time (no date, no publication date) joins only on a person killed or a death toll, or on
   the weekday its text names ("early Monday") with a base or town (a province, for a
   strike): then only an event of the same place on a day within one day of that weekday.
5. Locations are compatible along base -> town -> province -> country (a base is compatible
   with its own province and country, two different bases are not). A strike wave hits
   several places in one country on one day, so strikes only need the country to agree.
6. Weapons are compatible when they are the same, when one is ``unknown``, or when outlets
   commonly name one weapon two ways (rocket/missile/mortar/artillery; drone/airstrike).
7. Every pair inside one event is compatible (no chaining: A~B and B~C do not put A with C).

Reports are taken in the order they were published (then article id, then reading order), and
those that nothing places in time last; the incidents of one article are paired one to one
with the events they fit best, and the rest start new events. A vague report (a month, or no
date) joins only when exactly one event fits it. A report published later never changes an
earlier decision, so an event keeps its id and its members when a later report joins it. The
id is a hash of the incident that started the event: its earliest report.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from escalation_cli import dates
from escalation_cli.models import Event

UNDATED_WINDOW_DAYS = 31  # an undated report is about the month before it was published
UNDATED_PAIR_DAYS = 7  # two undated reports of one base: published within a week of each other
INDIRECT_FIRE = frozenset({"rocket", "missile", "mortar", "artillery"})
AIR = frozenset({"drone", "airstrike"})
GEO_ORDER = ("base", "place", "province", "country")
US_FORCES = "Military Forces of the United States"
ATTRIBUTION_STRENGTH = ("claimed_responsibility", "stated", "alleged", "suspected")
WEAPON_ORDER = (
    "drone",
    "rocket",
    "missile",
    "mortar",
    "airstrike",
    "artillery",
    "ied",
    "small_arms",
    "unknown",
)

# Words of generic attributions ("Iran-backed groups", "US-led coalition") that tell the side
# when the name is not in the gazetteer.
_IRAN_SIDE = re.compile(
    r"\biran|\bresistance\b|\bmilitia|\bhezbollah|\bhashd\b|\bpmf\b|\bpmu\b|\bproxies\b", re.I
)
_US_SIDE = re.compile(
    r"\bu\.?s\.?\b|\bunited states\b|\bamerican|\bcoalition\b|\bcentcom\b|\bpentagon\b", re.I
)
_NON_WORD = re.compile(r"[^\w']+")
_BACKER = re.compile(
    r"\b[\w']+[\s\-\u2010-\u2014]+(?:backed|aligned|linked|affiliated|allied|sponsored)\b", re.I
)


_MISSING = object()

# ---- reference data --------------------------------------------------------------------------


@dataclass(frozen=True)
class Base:
    name: str
    province: str | None
    country: str | None


@dataclass(frozen=True)
class Actor:
    name: str
    alignment: str
    country: str | None
    type: str


@dataclass(frozen=True)
class Reference:
    """What the rules need to know about places and actors, keyed by normalised spelling
    (:func:`key`). Built from the gazetteer by :func:`reference_from_gazetteer`; plain data."""

    bases: Mapping[str, Base] = field(default_factory=dict)
    provinces: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # -> (name, country)
    places: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # -> (name, province)
    actors: Mapping[str, Actor] = field(default_factory=dict)
    _memo: dict = field(default_factory=dict, compare=False, repr=False)  # lookups, cached

    def memo(self, what: tuple, compute):
        """``compute()`` once per ``what``: the same names come back in report after report."""
        found = self._memo.get(what, _MISSING)
        if found is _MISSING:
            found = self._memo[what] = compute()
        return found

    def actor(self, text: str | None) -> Actor | None:
        return self.actors.get(key(text)) if text else None

    def actor_in(self, text: str | None, types: Iterable[str] | None = None) -> Actor | None:
        """The first gazetteer actor named inside a phrase ("five Kataib Hezbollah sites")."""
        found = self.actors_in(text, types)
        return found[0] if found else None

    def actors_in(self, text: str | None, types: Iterable[str] | None = None) -> list[Actor]:
        """The gazetteer actors named inside a phrase, longest names first, left to right."""
        if not text:
            return []
        wanted = frozenset(types) if types is not None else None
        return self.memo(("actors in", text, wanted), lambda: self._actors_in(text, wanted))

    def _actors_in(self, text: str, wanted: frozenset[str] | None) -> list[Actor]:
        words = key(text).split()
        taken: set[int] = set()
        found: list[tuple[int, Actor]] = []
        for size in range(min(6, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                span = set(range(start, start + size))
                if span & taken:
                    continue
                name = " ".join(words[start : start + size])
                if name in self.bases or name in self.provinces or name in self.places:
                    taken |= span  # "Ain al-Assad base" names a base, not Bashar al-Assad
                    continue
                actor = self.actors.get(name)
                if actor is not None and (wanted is None or actor.type in wanted):
                    taken |= span
                    found.append((start, actor))
        return [actor for _, actor in sorted(found, key=lambda pair: pair[0])]


@functools.lru_cache(maxsize=1 << 16)
def key(text: str | None) -> str:
    """Normalised spelling: case, dashes, apostrophes and punctuation folded."""
    if not text:
        return ""
    text = text.casefold().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\-\u2010-\u2014]", " ", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def reference_from_gazetteer(gazetteer) -> Reference:
    """The plain-data view of a :class:`escalation_cli.gazetteer.Gazetteer`."""
    provinces: dict[str, tuple[str, str]] = {}
    for entry in gazetteer.provinces.values():
        for spelling in entry.spellings():
            provinces.setdefault(key(spelling), (entry.name, entry.country))
    bases: dict[str, Base] = {}
    for entry in gazetteer.bases.values():
        province = gazetteer.provinces.get(entry.province) if entry.province else None
        fact = Base(entry.name, province.name if province else None, entry.country)
        for spelling in entry.spellings():
            bases.setdefault(key(spelling), fact)
    places: dict[str, tuple[str, str]] = {}
    for place in gazetteer.places.values():
        province = gazetteer.provinces[place.province]
        places.setdefault(key(place.name), (place.name, province.name))
    actors: dict[str, Actor] = {}
    for entry in gazetteer.actors.values():
        fact = Actor(entry.name, entry.alignment, entry.country, entry.type)
        for spelling in entry.spellings():
            actors.setdefault(key(spelling), fact)
    return Reference(bases, provinces, places, actors)


# ---- one report, normalised ------------------------------------------------------------------


@dataclass
class Report:
    """An incident as the rules see it."""

    incident: dict
    article: dict
    article_id: str
    order: tuple
    kind: str
    side: str | None  # alignment of the perpetrator (or the side inferred)
    days: tuple[int, int] | None  # first and last possible day (ordinals); None: undated
    precision: str | None
    published_last: int | None  # last day of the article's publication date
    weapon: str
    countries: frozenset[str]
    provinces: frozenset[str]
    base: str | None
    place: str | None  # a gazetteer town
    victims: frozenset[str]  # named people the incident killed or targeted
    killed: int | None
    wounded: int | None
    perpetrator: str | None
    in_scope: bool | None
    weekday: int | None = None  # the weekday an undated report's text names (0: Monday)
    timeless: bool = False  # neither the incident nor its article has a date
    anchors: tuple[tuple, ...] = ()  # what makes it specific without a date (see _anchors)

    placement: tuple = ()  # everything placed_compatible reads, besides the kind

    def __post_init__(self) -> None:
        self.timeless = self.days is None and self.published_last is None
        self.anchors = _anchors(self)
        self.placement = (
            self.days,
            self.precision,
            self.published_last,
            self.countries,
            self.provinces,
            self.base,
            self.place,
            self.victims,
            self.anchors,
            self.weekday,
        )


def _anchors(report: Report) -> tuple[tuple, ...]:
    """What makes a report specific without a date: the person killed, the death toll of an
    attack on US forces (rare, and every report gives it), and, when the article's date places
    the report in time, the base or town."""
    out: list[tuple] = [("victim", v) for v in sorted(report.victims)]
    if report.killed and report.kind == "attack":
        out.extend(("killed", report.killed, c) for c in sorted(report.countries))
    if not report.timeless:
        if report.base:
            out.append(("base", report.base))
        if report.place:
            out.append(("place", report.place))
    return tuple(out)


def date_interval(value: str | None) -> tuple[tuple[int, int], str] | None:
    """(first day, last day) as ordinals, and the precision, of YYYY, YYYY-MM or YYYY-MM-DD."""
    if not value:
        return None
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value).toordinal()
            return (day, day), "day"
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            first = dt.date(year, month, 1)
            following = dt.date(year + (month == 12), month % 12 + 1, 1)
            return (first.toordinal(), following.toordinal() - 1), "month"
        if len(value) == 4:
            year = int(value)
            return (dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()), "year"
    except ValueError:
        return None
    return None


def _name(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) and value.strip() else None


def side_of(name: str | None, reference: Reference) -> str | None:
    """The alignment of an actor named in a record: the gazetteer's, else from generic words."""
    if not name:
        return None
    return reference.memo(("side", name), lambda: _side_of(name, reference))


def _side_of(name: str, reference: Reference) -> str | None:
    actor = reference.actor(name)
    if actor is not None:
        return actor.alignment
    if _IRAN_SIDE.search(name):  # "Iran-backed groups", "Iraqi resistance factions"
        return "iran_aligned"
    if _US_SIDE.search(name):
        return "us_led"
    actor = reference.actor_in(name)
    return actor.alignment if actor is not None else None


_TOLD_SIDE = {"us_strike": "strike", "on_us": "attack", "other": "other"}


def kind_of(incident: dict, reference: Reference) -> tuple[str, str | None]:
    """``attack`` (on US or coalition forces), ``strike`` (by US or coalition forces) or
    ``other`` (by another party), with the side that acted.

    The perpetrator's side decides; without one, the side that was hit (a militia struck is a
    strike, a base or US troops hit is an attack); without either, an air strike is a strike
    and anything else an attack."""
    told = _TOLD_SIDE.get(incident.get("side") or "")
    side = side_of(_name(incident.get("perpetrator")), reference)
    if told is not None and (side is None or told != "other"):
        # the extractor read which way it went from the whole article (the base hit, the
        # victims, the perpetrator's place in the theatre)
        return told, side
    if side == "us_led":
        return "strike", side
    if side in ("iran_aligned", "syrian_government"):
        return "attack", side
    if side is not None:
        return "other", side
    hit = _hit_iran_side(incident, reference)
    if hit is True or (hit is None and incident.get("weapon") == "airstrike"):
        return "strike", None
    return "attack", None


def _hit_iran_side(incident: dict, reference: Reference) -> bool | None:
    """True when the target is on Iran's side, False when it is US or coalition, else None."""
    target = _name(incident.get("target"))
    group = incident.get("casualty_group")
    if group in ("US troops", "contractor"):
        return False
    if incident.get("base"):
        return False
    return reference.memo(("hit", target, group), lambda: _target_side(target, group, reference))


def _target_side(target: str | None, group: str | None, reference: Reference) -> bool | None:
    if not target:
        return True if group == "militants" else None
    actor = reference.actor_in(target)
    if actor is not None and actor.alignment in ("iran_aligned", "syrian_government"):
        return True
    if actor is not None and actor.alignment == "us_led":
        return False
    if _IRAN_SIDE.search(target):
        return True
    if _US_SIDE.search(target):
        return False
    if group == "militants" and re.match(r"(its|their)\b", target, re.I):
        return True  # "its base", where those killed were the group's fighters
    if re.search(r"\bbases?\b|\btroops\b|\bembassy\b", target, re.I):
        return False
    return None


def make_report(incident: dict, article: dict | None, reference: Reference) -> Report:
    article = article or {}
    interval = date_interval(incident.get("date"))
    published = date_interval(article.get("published"))
    kind, side = kind_of(incident, reference)
    base_fact = reference.bases.get(key(_name(incident.get("base"))))
    base = base_fact.name if base_fact else _name(incident.get("base"))
    provinces: set[str] = set()
    for part in (_name(incident.get("province")) or "").split("|"):
        fact = reference.provinces.get(key(part))
        if fact:
            provinces.add(fact[0])
        elif part.strip():
            provinces.add(part.strip())
    countries = {c.strip() for c in (_name(incident.get("country")) or "").split("|") if c.strip()}
    place = None
    place_text = _name(incident.get("place"))
    if place_text:
        for part in place_text.split(";"):
            k = key(part)
            if k in reference.places:
                name, province = reference.places[k]
                place = place or name
                provinces.add(province)
            elif k in reference.provinces:
                provinces.add(reference.provinces[k][0])
    if base_fact:
        if base_fact.province:
            provinces.add(base_fact.province)
        if base_fact.country:
            countries.add(base_fact.country)
    for province in list(provinces):
        fact = reference.provinces.get(key(province))
        if fact and not countries:
            countries.add(fact[1])
    victims = reference.actors_in(_name(incident.get("target")), types=("official",))
    killed = incident.get("killed") if isinstance(incident.get("killed"), int) else None
    wounded = incident.get("wounded") if isinstance(incident.get("wounded"), int) else None
    evidence = incident.get("evidence") or []
    start = evidence[0].get("start", 0) if evidence and isinstance(evidence[0], dict) else 0
    published_order = published[0][0] if published else None
    return Report(
        incident=incident,
        article=article,
        article_id=incident.get("article_id", ""),
        order=(
            published_order is None,
            published_order or 0,
            incident.get("article_id", ""),
            start,
            incident.get("incident_id", ""),
        ),
        kind=kind,
        side=side,
        days=interval[0] if interval else None,
        precision=interval[1] if interval else None,
        published_last=published[0][1] if published else None,
        weapon=incident.get("weapon") or "unknown",
        countries=frozenset(countries),
        provinces=frozenset(provinces),
        base=base,
        place=place,
        victims=frozenset(a.name for a in victims),
        killed=killed,
        wounded=wounded,
        perpetrator=_name(incident.get("perpetrator")),
        in_scope=incident.get("in_scope") if isinstance(incident.get("in_scope"), bool) else None,
        weekday=None if interval else named_weekday(_name(incident.get("date_text"))),
    )


def named_weekday(text: str | None) -> int | None:
    """The weekday an undated incident's date words name ("early Monday": 0)."""
    if not text:
        return None
    for expr in dates.find_date_expressions(text):
        if expr.kind == "weekday":
            return expr.weekday
    return None


def weekday_of(report: Report) -> int | None:
    """The weekday of a report's day, or the one its words name when it has no date."""
    if report.days is not None:
        return dt.date.fromordinal(report.days[0]).weekday() if report.precision == "day" else None
    return report.weekday


def _weekday_places(report: Report) -> tuple[str, ...]:
    """Where a weekday places a report: its base and town, and for a strike its provinces."""
    provinces = sorted(report.provinces) if report.kind == "strike" else []
    return tuple(p for p in (report.base, report.place, *provinces) if p)


# ---- the rules -------------------------------------------------------------------------------


def weapons_compatible(a: str, b: str) -> bool:
    if a == b or "unknown" in (a, b):
        return True
    return {a, b} <= INDIRECT_FIRE or {a, b} <= AIR


_FITTING_WEAPONS = {
    w: frozenset(v for v in WEAPON_ORDER if weapons_compatible(w, v)) for w in WEAPON_ORDER
}


def dates_compatible(a: Report, b: Report) -> bool:
    """Rule 3, for two dated reports."""
    if a.precision == "day" and b.precision == "day":
        return abs(a.days[0] - b.days[0]) <= 1
    return a.days[0] <= b.days[1] and b.days[0] <= a.days[1]


def undated_compatible(a: Report, b: Report) -> bool:
    """Rule 4, when one report (or both) has no date: the undated one is specific (it has an
    anchor: see :func:`_anchors`); two undated reports, or a report without a country, share
    one; and the other report fits the time the undated one's article allows. A weekday named
    without a date must fit (:func:`weekdays_compatible`), and with a shared place it is
    enough."""
    if not weekdays_compatible(a, b):
        return False
    if _met_on_weekday(a, b):
        return _within_undated_bound(a, b) and _within_undated_bound(b, a)
    for undated in (a, b):
        if undated.days is None and not undated.anchors:
            return False
    if (a.days is None and b.days is None) or not a.countries or not b.countries:
        if not shared_anchor(a, b):
            return False
    return _within_undated_bound(a, b) and _within_undated_bound(b, a)


def _within_undated_bound(undated: Report, other: Report) -> bool:
    """An undated report is about something that happened by the day after it was published;
    unless it names the person killed, about something recent (the month before)."""
    if undated.days is not None or undated.published_last is None:
        return True
    latest = undated.published_last + 1
    earliest = undated.published_last - UNDATED_WINDOW_DAYS
    if other.days is not None:
        first, last = other.days
    elif other.published_last is not None:
        # two undated reports: the same attack only when they were published close together
        if undated.victims & other.victims:
            return True
        return abs(undated.published_last - other.published_last) <= UNDATED_PAIR_DAYS
    else:
        return True
    if first > latest:
        return False
    if undated.victims & other.victims:
        return True
    return last >= earliest


def weekdays_compatible(a: Report, b: Report) -> bool:
    """A weekday named without a date ("early Monday") and the other report's day (or named
    weekday) are at most one day apart; anything else does not contradict it."""
    if (a.weekday is None and b.weekday is None) or (a.days is not None and b.days is not None):
        return True
    first, second = weekday_of(a), weekday_of(b)
    if first is None or second is None:
        return True
    return (first - second) % 7 in (0, 1, 6)


def _met_on_weekday(a: Report, b: Report) -> bool:
    """Every undated one of the two names a weekday that fits the other's day or weekday, and
    both name the same base, town or province."""
    for report in (a, b):
        if report.days is None and report.weekday is None:
            return False
    if weekday_of(a) is None or weekday_of(b) is None:
        return False
    if a.base and b.base:
        return a.base == b.base
    if a.place and b.place:
        return a.place == b.place
    # a province holds many bases: enough for a strike wave, not for one attack
    return a.kind == "strike" and bool(a.provinces & b.provinces)


def shared_anchor(a: Report, b: Report) -> bool:
    """What lets an undated report meet another: the same base or town (when both are placed
    in time), the same person killed, or the same death toll of an attack in one country."""
    return bool(set(a.anchors) & set(b.anchors))


def locations_compatible(a: Report, b: Report) -> bool:
    """Rule 5 along base -> town -> province -> country."""
    if a.countries and b.countries and not a.countries & b.countries:
        return False
    if a.kind == "strike":
        return True  # a strike wave: several places in one country
    if a.base and b.base:
        return a.base == b.base
    if a.place and b.place and a.place != b.place:
        return False
    if a.provinces and b.provinces and not a.provinces & b.provinces:
        return False
    return True


def compatible(a: Report, b: Report) -> bool:
    """Every rule for one pair of reports."""
    return same_kind(a, b) and placed_compatible(a, b)


def same_kind(a: Report, b: Report) -> bool:
    """Rules 1, 2 and 6: two articles, one kind of event (and one side for acts of another
    party), the same scope, compatible weapons."""
    if a.article_id == b.article_id:
        return False
    if a.kind != b.kind or (a.kind == "other" and a.side != b.side):
        return False
    if a.in_scope is not None and b.in_scope is not None and a.in_scope != b.in_scope:
        return False
    return weapons_compatible(a.weapon, b.weapon)


def placed_compatible(a: Report, b: Report) -> bool:
    """Rules 3, 4 and 5: where and when."""
    if not locations_compatible(a, b):
        return False
    if a.days is None or b.days is None:
        return undated_compatible(a, b)
    if (not a.countries or not b.countries) and not shared_anchor(a, b):
        return False  # no country: only a shared base, town or person places it
    return dates_compatible(a, b)


def affinity(a: Report, b: Report) -> float:
    """How well two compatible reports agree, to choose between events that both fit."""
    score = 0.0
    if a.days is not None and b.days is not None:
        if a.days == b.days:
            score += 3 if a.precision == "day" else 1
        else:
            score -= 0.5 * min(abs(a.days[0] - b.days[0]), 30) / 30
    elif a.days is None and b.days is None:
        score -= 1
    else:  # the most recent event before an undated report's publication
        undated, dated = (a, b) if a.days is None else (b, a)
        if undated.published_last is not None:
            score -= 0.5 * min(abs(undated.published_last - dated.days[1]), 365) / 365
    score += 2 * (a.base is not None and a.base == b.base)
    score += a.place is not None and a.place == b.place
    score += bool(a.provinces & b.provinces)
    score += a.weapon == b.weapon != "unknown"
    score += 2 * (bool(a.killed) and a.killed == b.killed)
    score += a.wounded is not None and a.wounded == b.wounded
    score += 3 * bool(a.victims & b.victims)
    score += a.perpetrator is not None and key(a.perpetrator) == key(b.perpetrator)
    return score


# ---- grouping --------------------------------------------------------------------------------


@dataclass
class _Group:
    """An event being built, with what all its members agree on (for a quick first check)."""

    seq: int
    members: list[Report] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    base: str | None = None
    place: str | None = None
    provinces: frozenset[str] | None = None
    allowed: frozenset[str] = frozenset(WEAPON_ORDER)  # weapons that fit every member
    scopes: set[bool] = field(default_factory=set)
    # one member for each distinct "where and when": placed_compatible looks at nothing else
    placements: dict[tuple, Report] = field(default_factory=dict)

    def add(self, report: Report) -> None:
        self.members.append(report)
        self.placements.setdefault(report.placement, report)
        if report.in_scope is not None:
            self.scopes.add(report.in_scope)
        self.articles.add(report.article_id)
        self.base = self.base or report.base
        self.place = self.place or report.place
        if report.provinces:
            self.provinces = (
                report.provinces if self.provinces is None else self.provinces & report.provinces
            )
        self.allowed = self.allowed & _FITTING_WEAPONS[report.weapon]

    def may_fit(self, report: Report) -> bool:
        """:func:`same_kind` with every member (exactly), and a quick look at where: False
        when the report cannot fit; True says "compare with each member"."""
        first = self.members[0]
        if report.article_id in self.articles or report.kind != first.kind:
            return False
        if report.kind == "other" and report.side != first.side:
            return False
        if report.in_scope is not None and self.scopes - {report.in_scope}:
            return False
        if report.weapon not in self.allowed:
            return False
        if report.kind == "strike":
            return True
        if report.base and self.base and report.base != self.base:
            return False
        if report.place and self.place and report.place != self.place:
            return False
        return not (report.provinces and self.provinces and not report.provinces & self.provinces)


class _Index:
    """Blocking, so that a report is compared with a handful of events, not all of them.

    Events are filed by where (kind, country, province, base; ``*`` for any province or base:
    strikes, and reports without one, look there; ``-`` for none given) and when: a member's
    day (and its week), the month or year of a coarser date, the week of publication of an
    undated member. They are also filed under what makes a member specific (its anchors). A
    report looks up the days (or weeks) its date, or its article's date, allows, and its
    anchors."""

    def __init__(self) -> None:
        self.places: dict[tuple, dict[tuple, list[_Group]]] = {}
        self.anchors: dict[tuple, list[_Group]] = {}

    @staticmethod
    def _file(bucket: list[_Group], group: _Group) -> None:
        if not bucket or bucket[-1] is not group:
            bucket.append(group)

    def add(self, report: Report, group: _Group) -> None:
        units = _filing_units(report)
        if units:
            where = _where(report.kind, report.countries, report.provinces, report.base, True)
            for prefix in where:
                by_time = self.places.setdefault(prefix, {})
                for unit in units:
                    self._file(by_time.setdefault(unit, []), group)
        for anchor in report.anchors:
            self._file(self.anchors.setdefault((report.kind, *anchor), []), group)
        weekday = weekday_of(report)
        if weekday is not None:  # for reports that name only a weekday (rule 4)
            for where in _weekday_places(report):
                key = (report.kind, "weekday at", where, weekday)
                self._file(self.anchors.setdefault(key, []), group)
        if report.killed and report.kind == "attack":  # the toll, where it was counted
            for place in (report.base, *report.provinces):
                if place:
                    key = (report.kind, "killed at", report.killed, place)
                    self._file(self.anchors.setdefault(key, []), group)

    @staticmethod
    def _anchor_keys(report: Report) -> list[tuple]:
        """The anchors a report looks up; a death toll where it is most precise (a base, a
        province), so that a toll does not fetch every event of a country."""
        keys = []
        place = report.base or min(report.provinces, default=None)
        for anchor in report.anchors:
            if anchor[0] == "killed" and place:
                keys.append((report.kind, "killed at", report.killed, place))
            else:
                keys.append((report.kind, *anchor))
        if report.days is None and report.weekday is not None:
            for where in _weekday_places(report):
                for shift in (-1, 0, 1):
                    keys.append((report.kind, "weekday at", where, (report.weekday + shift) % 7))
        return keys

    def candidates(self, report: Report) -> list[_Group]:
        if report.days is None and not report.anchors and report.weekday is None:
            return []  # an undated report that names nothing specific joins nothing
        found: dict[int, _Group] = {}
        if report.timeless or not report.countries:
            # nothing places it in time, or nothing places it on the map: only an anchor can
            keys = self._anchor_keys(report)
        else:
            keys = [(report.kind, *a) for a in report.anchors if a[0] == "victim"]
            if report.days is not None:
                first, last = report.days[0] - 1, report.days[1] + 1
            else:
                first = report.published_last - UNDATED_WINDOW_DAYS
                last = report.published_last + 1
            units = _lookup_units(report.precision == "day", first, last)
            where = _where(report.kind, report.countries, report.provinces, report.base, False)
            for prefix in where:
                by_time = self.places.get(prefix)
                if by_time is None:
                    continue
                for unit in units:
                    for group in by_time.get(unit, ()):
                        found[group.seq] = group
        for key in keys:
            for group in self.anchors.get(key, ()):
                found[group.seq] = group
        return [found[s] for s in sorted(found)]


def _filing_units(report: Report) -> tuple[tuple, ...]:
    """When a report is filed: its day and week, its month or year, or the week its undated
    article was published (an undated report that names nothing specific: never)."""
    if report.days is None:
        if not report.anchors or report.published_last is None:
            return ()
        return (("published week", report.published_last // 7),)
    if report.precision == "day":
        return (("day", report.days[0]), ("week", report.days[0] // 7))
    first = dt.date.fromordinal(report.days[0])
    if report.precision == "month":
        return (("month", first.year * 12 + first.month),)
    return (("year", first.year),)


@functools.lru_cache(maxsize=1 << 14)
def _lookup_units(by_day: bool, first: int, last: int) -> tuple[tuple, ...]:
    """When to look, for a report that can be between days ``first`` and ``last``: those days
    (or weeks), their months and years, and the weeks of publication of undated reports that
    can be about them (published by the day after, at most a window before)."""
    if by_day:
        units = [("day", d) for d in range(first, last + 1)]
    else:
        units = [("week", w) for w in range(first // 7, last // 7 + 1)]
    units += [("month", m) for m in _months(first, last)]
    units += [("year", y) for y in _years(first, last)]
    weeks = range((first - 1) // 7, (last + UNDATED_WINDOW_DAYS + 1) // 7 + 1)
    units += [("published week", w) for w in weeks]
    return tuple(units)


@functools.lru_cache(maxsize=1 << 14)
def _where(
    kind: str, countries: frozenset, provinces: frozenset, base: str | None, filing: bool
) -> tuple[tuple, ...]:
    """Where a report is filed, or looked up: (kind, country, province, base), with ``*``
    for "any" and ``-`` for "none given"; strikes only by country (a wave)."""
    out = []
    for country in sorted(countries):
        everywhere = (kind, country, "*", "*")
        if kind == "strike":
            out.append(everywhere)
            continue
        names = sorted(provinces)
        if filing:
            out.append(everywhere)
            for province in names or ["-"]:
                out.append((kind, country, province, "*"))
                out.append((kind, country, province, base or "-"))
        elif not names:
            out.append(everywhere)
        else:
            out.append((kind, country, "-", "*"))  # partners with no province
            for province in names:
                if base:
                    out.append((kind, country, province, base))
                    out.append((kind, country, province, "-"))
                else:
                    out.append((kind, country, province, "*"))
    return tuple(out)


def _months(first: int, last: int) -> range:
    a, b = dt.date.fromordinal(first), dt.date.fromordinal(last)
    return range(a.year * 12 + a.month, b.year * 12 + b.month + 1)


def _years(first: int, last: int) -> range:
    return range(dt.date.fromordinal(first).year, dt.date.fromordinal(last).year + 1)


def cluster(reports: list[Report]) -> list[list[Report]]:
    """Rules 1-7: the reports in groups, each group in report order, groups in order of their
    first report. Reports that something places in time (a date, or their article's date) are
    taken first, in publication order; reports that nothing places in time come last, and join
    an event only when exactly one fits them."""
    placed_in_time = [r for r in reports if not r.timeless]
    timeless = [r for r in reports if r.timeless]
    groups: list[_Group] = []
    index = _Index()
    for phase in (placed_in_time, timeless):
        by_article: dict[str, list[Report]] = {}
        for report in sorted(phase, key=lambda r: r.order):
            by_article.setdefault(report.article_id, []).append(report)
        for article_id, members in by_article.items():
            _place_article(article_id, members, groups, index)
    return [g.members for g in groups]


def _fits_all(report: Report, group: _Group) -> bool:
    """Rule 7: the report fits every member (one of each distinct place and time)."""
    for other in group.placements.values():
        if not placed_compatible(report, other):
            return False
    return True


def _place_article(
    article_id: str, members: list[Report], groups: list[_Group], index: _Index
) -> None:
    """One article's reports, paired one to one with the events they fit best (best pairs
    first); the others start events of their own."""
    fits: list[list[_Group]] = []
    for report in members:
        vague = report.precision != "day"
        found: list[_Group] = []
        for group in index.candidates(report):
            if group.may_fit(report) and _fits_all(report, group):
                found.append(group)
                if vague and len(found) > 1:
                    found = []  # a vague report (no day) joins only when one event fits it
                    break
        fits.append(found)
    wanted = Counter(group.seq for found in fits for group in found)
    pairs = []
    for r, found in enumerate(fits):
        for group in found:
            score = 0.0
            if len(found) > 1 or wanted[group.seq] > 1:  # a choice to make
                report = members[r]
                score = sum(affinity(report, o) for o in group.members) / len(group.members)
            pairs.append((-score, group.seq, r))
    pairs.sort()
    taken: set[int] = set()
    chosen: dict[int, _Group] = {}
    for _, seq, r in pairs:
        if seq in taken or r in chosen:
            continue
        taken.add(seq)
        chosen[r] = groups[seq]
    for r, report in enumerate(members):
        group = chosen.get(r)
        if group is None:
            group = _Group(len(groups))
            groups.append(group)
        group.add(report)
        index.add(report, group)


def event_id(first: dict) -> str:
    """Stable: the hash of the incident that started the event (its earliest report)."""
    return hashlib.sha256(f"event|{first.get('incident_id')}".encode()).hexdigest()[:16]


def group_events(
    incidents: Iterable[dict], articles: Mapping[str, dict], reference: Reference
) -> list[Event]:
    """Every incident in exactly one event; events sorted by date (undated last), then id."""
    reports = [make_report(i, articles.get(i.get("article_id")), reference) for i in incidents]
    events = [build_event(members, reference) for members in cluster(reports)]
    return sorted(events, key=lambda e: (e.date is None, e.date or "", e.event_id))


# ---- the event record ------------------------------------------------------------------------


def build_event(members: list[Report], reference: Reference) -> Event:
    first = members[0]
    date, precision, date_disputed = _event_date(members)
    disputed: list[str] = []
    killed = [m.killed for m in members if m.killed is not None]
    wounded = [m.wounded for m in members if m.wounded is not None]
    if len(set(killed)) > 1:
        disputed.append("killed")
    if len(set(wounded)) > 1:
        disputed.append("wounded")
    if date_disputed:
        disputed.append("date")
    perpetrator, attribution, perpetrator_disputed = _perpetrator(members, reference)
    if perpetrator_disputed:
        disputed.append("perpetrator")
    intercepted_values = {
        m.incident.get("intercepted")
        for m in members
        if isinstance(m.incident.get("intercepted"), bool)
    }
    if len(intercepted_values) > 1:
        disputed.append("intercepted")
    intercepted = next(iter(intercepted_values)) if len(intercepted_values) == 1 else None
    location = _location(members)
    outlets = {m.article.get("outlet") or f"article {m.article_id}" for m in members}
    published = sorted(p for p in (m.article.get("published") for m in members) if p)
    in_scope_values = {m.in_scope for m in members if m.in_scope is not None}
    return Event.model_validate(
        dict(
            event_id=event_id(first.incident),
            kind=first.kind,  # every member has the same kind
            date=date,
            date_precision=precision,
            weapon=_weapon(members),
            **location,
            perpetrator=perpetrator,
            perpetrator_attribution=attribution,
            target_actor=target_actor_of([m.incident for m in members], first.kind, reference),
            killed=min(killed) if killed else None,
            killed_max=max(killed) if killed else None,
            wounded=min(wounded) if wounded else None,
            wounded_max=max(wounded) if wounded else None,
            intercepted=intercepted,
            in_scope=False if in_scope_values == {False} else (True if in_scope_values else None),
            disputed=disputed,
            sources=[_source(m) for m in members],  # dicts: the event is validated as a whole
            n_articles=len({m.article_id for m in members}),
            n_outlets=len(outlets),
            first_reported=published[0] if published else None,
        )
    )


def _event_date(members: list[Report]) -> tuple[str | None, str | None, bool]:
    """The overlap of the members' dates, as precise as they allow; disputed when two days
    differ (local and US time)."""
    dated = [m for m in members if m.days is not None]
    if not dated:
        return None, None, False
    days = sorted({m.days[0] for m in dated if m.precision == "day"})
    if days:
        return dt.date.fromordinal(days[0]).isoformat(), "day", len(days) > 1
    first = max(m.days[0] for m in dated)
    last = min(m.days[1] for m in dated)
    precise = min(dated, key=lambda m: m.days[1] - m.days[0])
    if first > last:  # cannot happen for compatible members; keep the most precise
        return precise.incident.get("date"), precise.precision, True
    start, end = dt.date.fromordinal(first), dt.date.fromordinal(last)
    if start.year == end.year and start.month == end.month:
        return start.strftime("%Y-%m"), "month", False
    return str(start.year), "year", False


def _weapon(members: list[Report]) -> str:
    named = Counter(m.weapon for m in members if m.weapon != "unknown")
    if not named:
        return "unknown"
    return min(named, key=lambda w: (-named[w], WEAPON_ORDER.index(w)))


def _location(members: list[Report]) -> dict:
    def first(getter):
        return next((v for v in (getter(m) for m in members) if v), None)

    base = first(lambda m: m.base)
    place = first(lambda m: _name(m.incident.get("place")))
    countries = [m.countries for m in members if m.countries]
    common = frozenset.intersection(*countries) if countries else frozenset()
    country = "|".join(sorted(common)) if common else None
    provinces = [m.provinces for m in members if m.provinces]
    province_set = frozenset.intersection(*provinces) if provinces else frozenset()
    province = "|".join(sorted(province_set)) if province_set else None
    best = min(
        (m for m in members if isinstance(m.incident.get("latitude"), int | float)),
        key=lambda m: GEO_ORDER.index(m.incident.get("geo_precision") or "country"),
        default=None,
    )
    return {
        "base": base,
        "place": place,
        "province": province,
        "country": country,
        "latitude": best.incident.get("latitude") if best else None,
        "longitude": best.incident.get("longitude") if best else None,
        "geo_precision": (best.incident.get("geo_precision") if best else None),
    }


def _perpetrator(
    members: list[Report], reference: Reference
) -> tuple[str | None, str | None, bool]:
    """The perpetrator most reports name (a named group before a generic description); disputed
    when reports name two different groups from the gazetteer, or two sides."""
    named = [m for m in members if m.perpetrator]
    if not named:
        return None, None, False
    counts = Counter(key(m.perpetrator) for m in named)
    specific = {k for k in counts if reference.actor(k) is not None}

    def rank(m: Report):
        k = key(m.perpetrator)
        return (k not in specific, -counts[k], m.order)

    chosen = min(named, key=rank)
    same = [m for m in named if key(m.perpetrator) == key(chosen.perpetrator)]
    attributions = [
        m.incident.get("perpetrator_attribution")
        for m in same
        if m.incident.get("perpetrator_attribution") in ATTRIBUTION_STRENGTH
    ]
    attribution = min(attributions, key=ATTRIBUTION_STRENGTH.index) if attributions else None
    sides = {side_of(m.perpetrator, reference) for m in named} - {None}
    disputed = len(specific) > 1 or len(sides) > 1
    return chosen.perpetrator, attribution, disputed


def target_actor_of(incidents: list[dict], kind: str, reference: Reference) -> str:
    """The side that was hit, as an actor (ACLED's actor2): US forces for an attack on them;
    for a strike or an act of another party, the group named in the targets, else the
    generic side, else an unidentified group."""
    if kind == "attack":
        return US_FORCES
    for incident in incidents:
        target = _BACKER.sub(" ", _name(incident.get("target")) or "")  # not Iran in "Iran-backed"
        for actor in reference.actors_in(target):
            if actor.type not in ("official", "media") and actor.alignment != "us_led":
                return actor.name
    for incident in incidents:
        if _IRAN_SIDE.search(_name(incident.get("target")) or ""):
            return "Iran-backed militias"
    country = next((_name(i.get("country")) for i in incidents if _name(i.get("country"))), None)
    return f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"


def _source(m: Report) -> dict:
    """One report of the event (an :class:`EventSource`)."""
    evidence = m.incident.get("evidence") or []
    first = evidence[0] if evidence and isinstance(evidence[0], dict) else {}
    return {
        "article_id": m.article_id,
        "incident_id": m.incident.get("incident_id", ""),
        "outlet": m.article.get("outlet"),
        "url": m.article.get("url"),
        "source": m.article.get("source"),
        "published": m.article.get("published"),
        "date": m.incident.get("date"),
        "killed": m.killed,
        "wounded": m.wounded,
        "perpetrator": m.perpetrator,
        "intercepted": m.incident.get("intercepted"),
        "casualty_source": m.incident.get("casualty_source"),
        "evidence": first.get("text"),
    }
