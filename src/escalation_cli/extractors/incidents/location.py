"""Location: base, place, province and country of an event, from the gazetteer's entities in
its zone."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from escalation_cli import lexicon as lx
from escalation_cli.extractors.docinfo import ents_in
from escalation_cli.extractors.incidents.mention import Mention
from escalation_cli.gazetteer import Gazetteer
from escalation_cli.pipeline.incidents import IncidentCue

LOCATIVE_PREPS = frozenset(
    {
        "in",
        "inside",
        "into",
        "near",
        "at",
        "on",
        "across",
        "over",
        "around",
        "outside",
        "within",
        "of",
        "east",
        "west",
        "north",
        "south",
        "towards",
        "toward",
        "against",
        "targeting",
        "hit",
    }
)


def read_location(doc: Doc, cue: IncidentCue, gazetteer: Gazetteer, mention: Mention) -> None:
    """Base, provinces, place and countries from the gazetteer's entities in the zone.

    The entity nearest the trigger wins. A place that only serves as a reference point ("27km
    north of Baghdad", "west of the capital") locates nothing but its country; a region made of
    provinces (the Kurdistan Region) gives the country, not a province; an origin ("drones
    launched from Iraq") is not where the event happened.
    """
    zone = set(cue.zone)
    triggers = cue.triggers
    candidates = []
    for ent in ents_in(doc, min(zone), max(zone) + 1) if zone else []:
        if ent.start not in zone or _is_origin(ent) or _describes_attacker(ent):
            continue
        distance = min(abs(ent.start - t) for t in triggers)
        candidates.append((distance, ent))
    candidates.sort(key=lambda item: (item[0], item[1].start))
    for _, ent in candidates:
        if ent.label_ == "BASE" and mention.base is None:
            mention.base = ent.kb_id_
    # "in the vicinity of Union III and the Baghdad embassy complex": every base it names
    mention.bases = tuple(
        dict.fromkeys(
            e.kb_id_ for _, e in sorted(candidates, key=lambda c: c[1].start) if e.label_ == "BASE"
        )
    )
    base_province = gazetteer.bases[mention.base].province if mention.base else None
    found: list[tuple[int, str]] = []  # (text position, province id)
    place_ends: list[int] = []
    for _, ent in candidates:
        province_id, place = _province_of(ent, gazetteer)
        if province_id is None:
            continue
        if _is_reference_point(ent):
            continue
        entry = gazetteer.provinces[province_id]
        if entry.kind == "region":
            mention.country = mention.country or entry.country
            continue
        if base_province and province_id != base_province:
            continue  # the base fixes the province; other names are about something else
        found.append((ent.start, province_id))
        place_ends.append(ent.end)
        if place and mention.place is None:
            mention.place = place
    if found:
        mention.province = found[0][1] if not base_province else base_province
        ordered = [p for _, p in sorted(found)]
        mention.provinces = tuple(dict.fromkeys(ordered))
    elif base_province:
        mention.province = base_province
        mention.provinces = (base_province,)
    if mention.base:
        mention.country = gazetteer.bases[mention.base].country
    if mention.province and not mention.country:
        mention.country = gazetteer.provinces[mention.province].country
    if mention.place is None:
        for _, ent in candidates:
            if ent.label_ in ("LOC", "FAC", "GPE") and not _state(gazetteer, ent.text):
                mention.place = re.sub(r"^(the)\s+", "", ent.text, flags=re.I)
                break
    named, beside = [], []
    for _, ent in sorted(candidates, key=lambda item: item[1].start):
        country = _state(gazetteer, ent.text) if ent.label_ in ("ACTOR", "GPE") else None
        if country and _locative(ent):
            named.append(country)
            if _counted_places(ent):
                mention.counted_countries = (*mention.counted_countries, country)
            if any(0 <= ent.start - end <= 3 for end in place_ends):
                beside.append(country)
    if beside and mention.province and not mention.base and mention.country not in beside:
        # "Al-Qaim, eastern Syria": the text places the town in another country than the
        # gazetteer does; keep what the text says and no province
        mention.province, mention.provinces, mention.country = None, (), None
    if mention.country is None and named:
        mention.country = named[0]
    mention.countries = frozenset(named) | ({mention.country} if mention.country else set())
    if not (mention.base or mention.provinces or mention.place):
        mention.state_target = any(
            _is_target(ent, triggers) for _, ent in candidates if _state(gazetteer, ent.text)
        )


def _counted_places(ent) -> bool:
    """ "three bases in Syria": a country holding places the text counts."""
    root = ent.root
    if root.dep_ != "pobj" or root.head.dep_ != "prep":
        return False
    holder = root.head.head
    return holder.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in holder.children)


def _is_target(ent, triggers) -> bool:
    """ "the attack on Iraq", "attacked Syria": a whole state as what was hit."""
    root = ent.root
    if root.dep_ == "dobj" and root.head.i in triggers:
        return True
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ in ("on", "against") and prep.head.i in triggers


def _province_of(ent, gazetteer: Gazetteer) -> tuple[str | None, str | None]:
    """(province id, place name as written) that an entity locates, if any."""
    if ent.label_ == "PROVINCE":
        entry = gazetteer.provinces.get(ent.kb_id_)
        if entry is None:
            return None, None
        doc = ent.doc
        after = doc[ent.end].lower_ if ent.end < len(doc) else ""
        named_as_unit = after in ("province", "governorate", "region") or re.search(
            r"province|governorate|region", ent.text.lower()
        )
        return entry.id, None if named_as_unit else ent.text
    if ent.label_ == "PLACE":
        place = gazetteer.places.get(ent.kb_id_)
        return (place.province if place else None), ent.text
    if ent.label_ == "ACTOR":
        # "in Baghdad": a capital that otherwise stands for the government (but "the
        # government in Baghdad" is the government still)
        province_id = gazetteer.province_of_capital(ent.text)
        if province_id and _locative(ent) and not _seat_of(ent):
            return province_id, ent.text
    return None, None


_SEATED = frozenset(
    {"government", "authorities", "parliament", "administration", "leadership", "officials"}
)


def _seat_of(ent) -> bool:
    """ "the government in Baghdad", "officials in Damascus": the capital seats someone."""
    prep = ent.root.head
    return ent.root.dep_ == "pobj" and prep.head.lemma_.lower() in _SEATED


_DIRECTIONS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
    }
)


def _is_reference_point(ent) -> bool:
    """ "27km north of Baghdad", "100 miles west of the capital Baghdad", "20 km from Kirkuk":
    a place used to say where something else is."""
    head = ent.root
    if head.dep_ == "appos":
        head = head.head  # "the capital Baghdad"
    if head.dep_ != "pobj":
        return False
    prep = head.head
    if prep.lower_ == "of" and prep.head.lower_ in _DIRECTIONS:
        return True
    if prep.lower_ == "from" and any(
        t.ent_type_ == "QUANTITY" or t.lower_ in ("km", "kilometers", "kilometres", "miles")
        for t in prep.head.subtree
    ):
        return True
    return False


def capital_places(doc: Doc, gazetteer: Gazetteer) -> list[tuple[object, str]]:
    """(span, province id) for each capital the text uses as a place ("south of Baghdad",
    "Baghdad's Green Zone"), not as its government ("Baghdad and Washington agreed")."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "ACTOR":
            continue
        province_id = gazetteer.province_of_capital(ent.text)
        if province_id and _locative(ent):
            found.append((ent, province_id))
    return found


def _state(gazetteer: Gazetteer, text: str) -> str | None:
    alias = gazetteer.resolve(text, ("ACTOR",))
    if alias is None:
        return None
    actor = gazetteer.actors[alias.id]
    if actor.type == "state" and actor.country and text not in actor.demonyms:
        return actor.country
    return None


def _is_origin(ent) -> bool:
    """ "drones launched from Iraq", "jets that flew out of al-Udeid Air Base in Qatar"."""
    head = ent.root.head
    for _ in range(4):
        if head.lower_ in lx.ORIGIN_PREPS or (head.lower_ == "of" and head.head.lower_ == "out"):
            return True
        if head.head.i == head.i:
            break
        head = head.head
    return False


def _describes_attacker(ent) -> bool:
    """ "carried out by militant groups operating in Syria and Iraq", "launched by militias
    based in Iraq": where the attackers are, said of them, is not where the event was."""
    token = ent.root
    for _ in range(6):
        head = token.head
        if head.i == token.i:
            return False
        if (
            token.dep_ in ("acl", "relcl")
            and head.dep_ == "pobj"
            and head.head.dep_ == "agent"
            and head.pos_ in ("NOUN", "PROPN")
        ):
            return True
        token = head
    return False


def _locative(ent) -> bool:
    root = ent.root
    if root.dep_ in ("poss", "compound") and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head.ent_type_ in ("BASE", "PROVINCE", "PLACE") or root.head.lower_ in (
            "airport",
            "streets",
            "outskirts",
            "suburbs",
            "countryside",
            "province",
            "governorate",
            "territory",
            "territories",
            "border",
            "soil",
            "desert",
            "east",
            "west",
            "north",
            "south",
            "northeast",
            "northwest",
            "southeast",
            "southwest",
        )
    head = root.head
    if root.dep_ in ("pobj", "conj", "appos"):
        while head.dep_ in ("conj", "appos") and head.head.i != head.i:
            head = head.head
        if head.dep_ == "pobj":
            head = head.head
        return head.lower_ in LOCATIVE_PREPS
    return False
