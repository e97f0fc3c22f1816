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
    zone = set(cue.zone)
    triggers = cue.triggers
    candidates = []
    for ent in ents_in(doc, min(zone), max(zone) + 1) if zone else []:
        if ent.start not in zone:
            continue
        if _is_origin(ent):
            continue
        distance = min(abs(ent.start - t) for t in triggers)
        candidates.append((distance, ent))
    candidates.sort(key=lambda item: (item[0], item[1].start))
    for _, ent in candidates:
        if ent.label_ == "BASE" and mention.base is None:
            mention.base = ent.kb_id_
    for _, ent in candidates:
        if ent.label_ == "PROVINCE" and mention.province is None:
            entry = gazetteer.provinces.get(ent.kb_id_)
            if mention.base and gazetteer.bases[mention.base].province not in (None, ent.kb_id_):
                continue
            mention.province = ent.kb_id_
            after = doc[ent.end].lower_ if ent.end < len(doc) else ""
            words = ent.text.lower()
            if (
                entry is not None
                and after not in ("province", "governorate", "region")
                and not re.search(r"province|governorate|region", words)
            ):
                mention.place = mention.place or ent.text
        elif ent.label_ == "PLACE" and mention.place is None:
            place = gazetteer.places.get(ent.kb_id_)
            mention.place = ent.text
            if place and mention.province is None:
                mention.province = place.province
    if mention.base:
        base = gazetteer.bases[mention.base]
        mention.province = base.province or mention.province
        mention.country = base.country
    if mention.province and not mention.country:
        mention.country = gazetteer.provinces[mention.province].country
    if mention.place is None:
        for _, ent in candidates:
            if ent.label_ in ("LOC", "FAC", "GPE") and not _state(gazetteer, ent.text):
                mention.place = re.sub(r"^(the)\s+", "", ent.text, flags=re.I)
                break
    if mention.province is None:
        for _, ent in candidates:
            # "in Baghdad": a capital that otherwise stands for the government
            province_id = gazetteer.province_of_capital(ent.text) if ent.label_ == "ACTOR" else None
            if province_id and _locative(ent):
                mention.province, mention.place = province_id, mention.place or ent.text
                mention.country = mention.country or gazetteer.provinces[province_id].country
                break
    named = []
    for _, ent in sorted(candidates, key=lambda item: item[1].start):
        country = _state(gazetteer, ent.text) if ent.label_ in ("ACTOR", "GPE") else None
        if country and _locative(ent):
            named.append(country)
    if mention.country is None and named:
        mention.country = named[0]
    mention.countries = frozenset(named) | ({mention.country} if mention.country else set())


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
    head = ent.root.head
    for _ in range(2):
        if head.lower_ in lx.ORIGIN_PREPS or (head.lower_ == "of" and head.head.lower_ == "out"):
            return True
        if head.head.i == head.i:
            break
        head = head.head
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
