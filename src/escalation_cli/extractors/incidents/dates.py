"""Dates of events: an explicit date in the zone, else one derived from related events."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from escalation_cli import dates
from escalation_cli import lexicon as lx
from escalation_cli.extractors.docinfo import date_expressions, doc_text
from escalation_cli.extractors.incidents.mention import Cluster, Mention
from escalation_cli.pipeline.incidents import IncidentCue


def read_date(
    doc: Doc, cue: IncidentCue, published: str | None, mention: Mention, earlier: list[Mention]
) -> None:
    """Explicit date in the zone, else one derived from the relation to another event or
    to a dated statement; left None when the text does not fix it."""
    expressions = (
        _zone_dates(doc, cue.zone) or _time_clause_dates(doc, cue) or _heading_dates(doc, cue)
    )
    triggers = cue.triggers
    if cue.governs and cue.anaphoric:
        # "The strikes came in response to attacks on US troops earlier in the week and late
        # last month": told after the events it answers, a date is theirs (a mention that
        # refers back has its date from the event it refers to)
        first = min(cue.governs)
        expressions = [e for e in expressions if e[0] < first]
    if expressions:
        # the most explicit phrase, then the nearest: "on Monday night (February 15)"
        # "..., the group said Friday" dates the statement: the event's own phrases first
        expressions.sort(
            key=lambda item: (
                _after_telling(doc, item[0]),
                _EXPLICITNESS.get(item[1].kind, 9),
                min(abs(item[0] - t) for t in triggers),
            )
        )
        token, expr = expressions[0]
        mention.date_text = expr.text
        mention.date_told = _after_telling(doc, token)
        if expr.kind == "anaphoric":
            # "on the same day", "later that night": the day told last before (a mention
            # between that names no day does not break the thread)
            previous = next((m for m in reversed(earlier) if m.date_precision == "day"), None)
            if previous is not None:
                mention.date, mention.date_precision = previous.date, "day"
            return
        reference = _reference(doc, token, cue, published)
        if expr.kind == "earlier_today" or (
            expr.kind == "relative" and expr.phrase in _SPEAKERS_DAY and _quoted(doc, token)
        ):
            # "the attack earlier today", a quoted "tonight": the day of the statement, which is
            # the day the text last named
            reference = _latest_day_before(doc, cue.sentence[0], reference) or reference
        mention.date, mention.date_precision = dates.resolve(expr, reference)
        mention.date_hint = date_hint(expr)
        if mention.date is None and not (mention.date_hint and mention.date_hint[0] == "weekday"):
            # a weekday the text cannot place ("early Monday" in an undated article) is kept as
            # words: a reader, and the grouping of events, can still use it
            mention.date_text = None
        return
    # "Y came a day after X": X is a day before Y's date
    if cue.relation_role == "earlier" and cue.relation_head is not None:
        head_date = _clause_date(doc, cue.relation_head, cue, published)
        if (
            head_date is None
            and cue.relation_offset_days is not None
            and _is_statement_clause(doc[cue.relation_head])
        ):
            # "Ryder's comments came a day after ...": the comments were dated earlier on
            head_date = _latest_day_before(doc, cue.sentence[0], published)
        if head_date and cue.relation_offset_days is not None:
            mention.date, mention.date_precision = (
                dates.shift(head_date, -cue.relation_offset_days),
                "day",
            )
            mention.date_text = _relation_text(doc, cue)
            return
    if cue.relation_role == "earlier":
        return  # "X announced Tuesday ..., days after a drone strike": Tuesday is not its day
    if cue.reporting_head is not None and not cue.anaphoric:
        # "Washington said on February 2 that it had struck ...": a new event told on the day
        found = _clause_date_at(doc, cue.reporting_head, cue, published, own_only=True)
        if found:
            # "..., the spokesman said Tuesday": the day it was told, the event's day only
            # where nothing else dates it; "On Wednesday, sources announced that ...": the day
            mention.date, mention.date_precision = found[0], "day"
            mention.date_told = _after_telling(doc, found[1])
            return
    teller = _telling_head(doc, cue)
    if teller is not None:
        # "Biden, addressing the airstrikes, stated on Friday ...": the day it was told, kept
        # only where nothing better dates the event
        head_date = _clause_date(doc, teller, cue, published, own_only=True)
        if head_date:
            mention.date, mention.date_precision, mention.date_told = head_date, "day", True
            return
    if _statement_heads(doc, cue):
        # "The group released a statement on Tuesday claiming responsibility for a drone
        # attack": the one day the sentence names outside its events is the day of the claim,
        # kept only where nothing better dates the event
        day = _day_outside_events(doc, cue, published)
        if day:
            mention.date, mention.date_precision, mention.date_told = day, "day", True


def _heading_dates(doc: Doc, cue: IncidentCue):
    """A date standing alone just before the event's sentence, as a timeline's item heading
    ("- Oct. 26: The United States struck ..."), dates it."""
    start = cue.sentence[0]
    first = start - 1  # where the sentence before begins, looked for over a few tokens only
    while first > 0 and not doc[first].is_sent_start and start - first <= 12:
        first -= 1
    if first < 0 or start - first > 12:
        return []
    before = doc[first:start]
    words = [t for t in before if not (t.is_punct or t.is_space)]
    if not words or len(words) > 6:
        return []
    found = [(s, last, expr) for s, last, expr in _placed_dates(doc) if first <= last < start]
    if len(found) != 1:
        return []
    phrase_start, last, expr = found[0]
    if any(not phrase_start <= t.i <= last for t in words):
        return []  # more than a date: not a heading
    return [(phrase_start, expr)]


def _day_outside_events(doc: Doc, cue: IncidentCue, published: str | None) -> str | None:
    """The only day a sentence names outside the zones and phrases of its events, and outside
    the events it answers ("a response to attacks that began on Oct. 17")."""
    start, end = cue.sentence
    taken: set[int] = set()
    for other in doc._.incident_cues or ():
        if other.sentence == cue.sentence:
            taken.update(other.zone)
            for t in other.triggers:
                taken.update(x.i for x in doc[t].subtree)
    for t in cue.governs:
        taken.update(x.i for x in doc[t].subtree)
    own = set(cue.triggers)
    for token in doc[start:end]:
        if token.lower_ in lx.RELATION_WORDS and token.pos_ not in ("VERB", "AUX"):
            below = {x.i for x in token.subtree}
            if not below & own:
                taken.update(below)
    outside = tuple(i for i in range(start, end) if i not in taken)
    days = set()
    for _, expr in _zone_dates(doc, outside):
        if expr.kind in ("explicit", "weekday"):
            iso, precision = dates.resolve(expr, published)
            if iso and precision == "day":
                days.add(iso)
    return days.pop() if len(days) == 1 else None


_STATEMENT_VERBS = frozenset({"issue", "release", "publish", "post", "claim", "announce"})


def _statement_heads(doc: Doc, cue: IncidentCue) -> list[int]:
    """The verbs of telling or of issuing a statement above an event in its sentence ("released
    a statement on Tuesday claiming responsibility for the attack")."""
    found = []
    head = doc[cue.triggers[0]]
    for _ in range(6):
        if head.head.i == head.i:
            break
        head = head.head
        lemma = head.lemma_.lower()
        if head.pos_ == "VERB" and (lemma in lx.REPORTING_VERBS or lemma in _STATEMENT_VERBS):
            found.append(head.i)
    return found


def _telling_head(doc: Doc, cue: IncidentCue) -> int | None:
    """The verb of telling an event's clause hangs on: "Biden, addressing the airstrikes,
    stated ...", "CENTCOM said the strikes ..."."""
    from escalation_cli.pipeline.incidents import _anchor

    anchor, relation = _anchor(doc[cue.triggers[0]])
    if relation is not None:
        return None
    head = anchor
    for _ in range(3):
        if head.head.i == head.i:
            return None
        if (
            head.dep_ in ("ccomp", "advcl", "xcomp")
            and head.head.lemma_.lower() in lx.REPORTING_VERBS
        ):
            return head.head.i
        head = head.head
    return None


def _after_telling(doc: Doc, start: int) -> bool:
    """A date phrase right after a verb of telling ("said Friday", "told reporters on Monday")."""
    for i in range(start - 1, max(-1, start - 4), -1):
        token = doc[i]
        if token.pos_ == "VERB":
            return token.lemma_.lower() in lx.REPORTING_VERBS and token.i < start
        if not (
            token.lower_ in ("on", "late", "early", "reporters", "journalists") or token.is_punct
        ):
            return False
    return False


_TIME_MARKS = frozenset({"when", "as", "while", "whilst"})


def _time_clause_dates(doc: Doc, cue: IncidentCue):
    """Date phrases of the clause that sets the event's time:

    - the event is told in a "when" clause of a dated one ("five were wounded Thursday when a
      drone hit the base"): the date of the main clause;
    - the event's clause is timed by another ("The last time an American was killed ... in
      December 2019, Washington also responded with air strikes"): the date of that clause.

    Phrases inside other events' zones are not this event's.
    """
    from escalation_cli.pipeline.incidents import _anchor

    others = {i for c in doc._.incident_cues or () if c is not cue for i in c.zone}
    own = set(cue.zone)
    anchor, relation = _anchor(doc[cue.triggers[0]])
    if relation is not None or anchor.pos_ not in ("VERB", "AUX"):
        return []
    places: list[set[int]] = []
    if anchor.dep_ == "advcl" and any(
        c.dep_ in ("advmod", "mark") and c.lower_ in _TIME_MARKS for c in anchor.children
    ):
        head = anchor.head
        below = {t.i for t in anchor.subtree}
        places.append({t.i for t in head.subtree} - below)
    for child in anchor.children:
        if child.dep_ in ("npadvmod", "advcl", "prep") and any(
            t.lower_ == "time" or (t.lower_ in _TIME_MARKS and t.dep_ in ("advmod", "mark"))
            for t in child.subtree
        ):
            places.append({t.i for t in child.subtree})
    for tokens in places:
        tokens -= own
        found = _zone_dates(doc, tuple(sorted(i for i in tokens if i not in others)))
        found += _zone_dates(doc, tuple(sorted(i for i in tokens if i in others)))
        if found:
            return found[:1] if found else []
    return []


_EXPLICITNESS = {"explicit": 0, "weekday": 1, "earlier_today": 2, "relative": 2, "month": 3}
_SPEAKERS_DAY = frozenset({"today", "tonight", "this morning", "this afternoon", "this evening"})
_FULL_DATE = "explicit"


def _reference(doc: Doc, token: int, cue: IncidentCue, published: str | None) -> str | None:
    """The date a phrase resolves against: the article's, except in a photo caption that
    carries its own full date ("A picture taken on January 13, 2020 ... last week")."""
    from escalation_cli.extractors.sections import CAPTION, section_at, sections_of

    start = doc[cue.sentence[0]].idx
    if section_at(doc, start) != CAPTION:
        return published
    section = next(s for s in sections_of(doc) if s.start <= start < s.end)
    text = doc_text(doc)[section.start : section.end]
    for expr in dates.find_date_expressions(text):
        if expr.kind == _FULL_DATE and expr.year is not None:
            iso, _ = dates.resolve(expr, None)
            if iso:
                return iso
    return published


def _quoted(doc: Doc, token: int) -> bool:
    spans = doc.spans["quotes"] if "quotes" in doc.spans else ()
    return any(span.start <= token < span.end for span in spans)


_STATEMENT_NOUNS = frozenset(
    {
        "comment",
        "comments",
        "remark",
        "remarks",
        "statement",
        "statements",
        "announcement",
        "speech",
        "words",
        "warning",
        "briefing",
        "interview",
        "visit",
        "meeting",
        "call",
        "decision",
    }
)


def _is_statement_clause(verb: Token) -> bool:
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _STATEMENT_NOUNS for c in verb.children
    )


def _relation_text(doc: Doc, cue: IncidentCue) -> str | None:
    if cue.relation_head is None:
        return None
    for i in range(min(cue.triggers) - 1, max(cue.sentence[0] - 1, min(cue.triggers) - 8), -1):
        if doc[i].lower_ == cue.relation:
            start = max(cue.sentence[0], i - 2)
            return doc[start : i + 1].text
    return cue.relation


def _zone_dates(doc: Doc, zone: tuple[int, ...]):
    """(token index, DateExpression) for each date phrase that ends inside the zone. The phrases
    are found once in the whole text, so that their context counts ("since January, when ...")
    even where the zone cuts it."""
    if not zone:
        return []
    members = set(zone)
    low, high = min(zone), max(zone)
    return [
        (start, expr)
        for start, last_word, expr in _placed_dates(doc)
        if low <= last_word <= high and last_word in members
    ]


_PLACED = ("escalation", "placed_dates")


def _placed_dates(doc: Doc) -> list[tuple[int, int, dates.DateExpression]]:
    """Every date phrase of the text with its first token and its last word token (found
    once per doc: the zones of every event ask)."""
    placed = doc.user_data.get(_PLACED)
    if placed is None:
        placed = []
        for expr in date_expressions(doc):
            span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
            words = [t.i for t in span if not t.is_punct] if span is not None else []
            if words:
                placed.append((span.start, words[-1], expr))
        doc.user_data[_PLACED] = placed
    return placed


def _clause_date(
    doc: Doc, head: int, cue: IncidentCue, published: str | None, own_only: bool = False
) -> str | None:
    """An explicit day date attached to the clause of ``head`` (not inside other events)."""
    found = _clause_date_at(doc, head, cue, published, own_only)
    return found[0] if found else None


def _clause_date_at(
    doc: Doc, head: int, cue: IncidentCue, published: str | None, own_only: bool = False
) -> tuple[str, int] | None:
    """:func:`_clause_date` with the token where its phrase starts."""
    verb = doc[head]
    tokens: set[int] = {verb.i}
    own = set(cue.zone) | {t for i in cue.triggers for t in (x.i for x in doc[i].subtree)}
    for child in verb.children:
        if child.dep_ in ("ccomp", "advcl", "xcomp", "conj", "relcl") and own_only:
            continue
        sub = {t.i for t in child.subtree}
        if sub & own:
            continue
        tokens |= sub
    zone = tuple(sorted(tokens))
    for start, expr in sorted(_zone_dates(doc, zone), key=lambda item: abs(item[0] - head)):
        if expr.kind in ("explicit", "weekday", "relative", "earlier_today"):
            reference = published
            if expr.kind == "earlier_today":
                reference = _latest_day_before(doc, cue.sentence[0], published) or published
            iso, precision = dates.resolve(expr, reference)
            if iso and precision == "day":
                return iso, start
    return None


def _latest_day_before(doc: Doc, token_index: int, published: str | None) -> str | None:
    """The last explicit day-date the text gives before this point (the passage's anchor)."""
    limit = doc[token_index].idx if token_index < len(doc) else len(doc_text(doc))
    for expr in reversed(date_expressions(doc)):
        if expr.end > limit:
            continue
        if expr.kind in ("explicit", "weekday"):
            iso, precision = dates.resolve(expr, published)
            if iso and precision == "day":
                return iso
    return None


def date_from_relations(clusters: list[Cluster], published: str | None) -> None:
    """An undated event that answers a dated one ("the US responded to the attack with
    airstrikes"; "In response, US forces struck ..." after the attack) happened between that
    date and the article's: the same day when both are
    one day, the same month when both fall in one month."""
    if not published:
        return
    owner = {t: c for c in clusters for m in c.mentions for t in m.cue.triggers}
    ordered = sorted(((m.order, c) for c in clusters for m in c.mentions), key=lambda x: x[0])
    for cluster in clusters:
        if cluster.date() is not None:
            continue
        for mention in cluster.mentions:
            answered = [owner.get(t) for t in mention.cue.governs]
            if mention.cue.answers_previous:
                # "In response, US forces struck ...": the event told just before
                answered += [
                    next(
                        (
                            c
                            for order, c in reversed(ordered)
                            if order < mention.order and c is not cluster
                        ),
                        None,
                    )
                ]
            for other in answered:
                known = other.date() if other is not None and other is not cluster else None
                if not known:
                    continue
                earlier, precision, _ = known
                if precision == "day" and earlier == published:
                    cluster.related_date = (earlier, "day", None)
                elif earlier[:7] == published[:7]:
                    cluster.related_date = (earlier[:7], "month", None)
                if cluster.related_date:
                    break
            if cluster.related_date:
                break


def date_hint(expr: dates.DateExpression) -> tuple | None:
    """What a date phrase says even when it cannot be resolved (no article date): its kind and
    the calendar parts it names."""
    if expr.kind in ("explicit", "month", "last_month_name"):
        return ("calendar", expr.year, expr.month, expr.day)
    if expr.kind == "weekday":
        return ("weekday", expr.weekday)
    return None


def hints_conflict(a: tuple | None, b: tuple | None) -> bool:
    """Two unresolved date phrases that cannot name one day: different weekdays, different
    calendar months or days, or a weekday beside a calendar date (news name the days of this
    week and date the older events)."""
    if a is None or b is None:
        return False
    if a[0] != b[0]:
        calendar_hint, weekday_hint = (a, b) if a[0] == "calendar" else (b, a)
        _, year, month, day = calendar_hint
        if year and month and day:
            # "on Friday" beside "December 8, 2023" (a Friday): one day
            iso = dates.resolve(dates.DateExpression(0, 0, "", "explicit", year, month, day), None)[
                0
            ]
            return iso is None or dt.date.fromisoformat(iso).weekday() != weekday_hint[1]
        return True
    if a[0] == "weekday":
        return a[1] != b[1]
    (_, year_a, month_a, day_a), (_, year_b, month_b, day_b) = a, b
    if year_a and year_b and year_a != year_b:
        return True
    if month_a != month_b:
        return True
    return bool(day_a and day_b and day_a != day_b)
