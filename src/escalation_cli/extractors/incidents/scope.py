"""Scope: is an event part of the US–Iran escalation, the theatre the gazetteer describes?

The theatre is the countries of the gazetteer's provinces and bases (Syria, Iraq, Jordan and the
Gulf states that host US forces) and Iran. An event is in scope when

1. it happened in a country of the theatre (a base, province, place or country named); or,
   when the text names no country for it,
2. its perpetrator is Iran or an armed group of a theatre country; or
3. its target is US forces, or its sentences name something of the theatre (a base, a
   province or town, an armed party of a theatre country or its officials), as a US strike
   on a militia leader does.

It is out of scope when it happened in another country (Israel, Gaza, Yemen, the Red Sea, the
United Kingdom), when its perpetrator is an actor from outside the theatre (Hamas, the
Houthis, Israel), or when nothing ties it to the theatre (a passing "the attack, which killed
five" in a story about something else).
"""

from __future__ import annotations

from collections.abc import Iterable

from escalation_cli.gazetteer import Gazetteer

_THEATRE_KEY = "_theatre_cache"


def theatre(gazetteer: Gazetteer) -> frozenset[str]:
    """The countries of the theatre, from the gazetteer itself."""
    cached = getattr(gazetteer, _THEATRE_KEY, None)
    if cached is None:
        countries = {p.country for p in gazetteer.provinces.values()}
        countries |= {b.country for b in gazetteer.bases.values()}
        countries.add("Iran")
        cached = frozenset(countries)
        setattr(gazetteer, _THEATRE_KEY, cached)
    return cached


# Actors whose naming ties an event to the theatre: the armed parties and their officials,
# not a state named in passing ("Syria's denials").
_PARTIES = frozenset({"militia", "armed_group", "armed_force", "official"})


def in_scope(
    countries: Iterable[str],
    perpetrator_id: str | None,
    named_ids: Iterable[tuple[str, str]],
    gazetteer: Gazetteer,
    target_is_us: bool = False,
) -> bool:
    """``countries``: where the text places the event; ``perpetrator_id``: the actor entry of
    its perpetrator; ``named_ids``: (label, id) of the gazetteer entries its sentences name."""
    places = theatre(gazetteer)
    countries = {c for value in countries for c in value.split("|") if c}
    if countries:
        return bool(countries & places)
    actor = gazetteer.actors.get(perpetrator_id) if perpetrator_id else None
    if actor is not None and actor.alignment != "us_led":
        if actor.country in places:
            return True
        if actor.country is not None:
            return False  # Hamas, the Houthis, Israel: a conflict of its own
    # the US side strikes elsewhere too: its strikes are in scope where the text ties them
    # to the theatre
    if target_is_us:
        return True
    us_side = actor is not None and actor.alignment == "us_led"
    for label, entry_id in named_ids:
        if label in ("BASE", "PROVINCE", "PLACE"):
            return True
        named = gazetteer.actors.get(entry_id) if label == "ACTOR" else None
        if named is None or named.country not in places or named.type == "media":
            continue
        # a US strike "against Iranian-backed forces" is tied by any actor of the theatre; an
        # attack by nobody known only by an armed party, not by a state named in passing
        if us_side or named.type in _PARTIES:
            return True
    return False
