"""Weapon and interception: which weapon an event's zone names, and whether it was intercepted."""

from __future__ import annotations

import re

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from escalation_cli import lexicon as lx
from escalation_cli.extractors.incidents.casualties import number_of
from escalation_cli.pipeline.candidates import by_sentence, tokens_with
from escalation_cli.pipeline.incidents import is_non_event, weapon_of


def read_weapon(zone: list[Token], triggers: list[Token], alignment: str | None):
    found: list[tuple[int, str, Token]] = []
    trigger_ids = [t.i for t in triggers]
    for token in zone:
        weapon = weapon_of(token)
        if weapon is None:
            continue
        if _names_equipment(token):
            continue  # "missile defense system", "rocket and missile storage sites"
        if weapon == "drone" and _is_target_drone(token):
            continue
        distance = min(abs(token.i - t) for t in trigger_ids)
        found.append((distance, weapon, token))
    # multi-word weapons: "air strike", "air raid", "unmanned aerial vehicle", at the distance
    # of their last word ("the drone was shot down by a fighter jet": the drone is nearer)
    lowered = " ".join(t.lower_ for t in zone)
    starts = []  # where each zone token begins in ``lowered``
    at = 0
    for token in zone:
        starts.append(at)
        at += len(token.lower_) + 1
    for phrase, weapon in lx.WEAPON_WORDS.items():
        if " " not in phrase:
            continue
        for match in re.finditer(rf"\b{re.escape(phrase)}s?\b", lowered):
            last = zone[max(n for n, start in enumerate(starts) if start < match.end())]
            found.append((min(abs(last.i - t) for t in trigger_ids), weapon, last))
    count = None
    if found:
        found.sort(key=lambda item: item[0])
        weapon, token = found[0][1], found[0][2]
        listed = _listed_with(token)
        if len({weapon_of(t) for t in listed}) > 1:
            if any(t.lower_ == "or" for t in token.doc[listed[0].i : listed[-1].i]):
                return "unknown", None  # "drone or rocket attacks": the text does not know
            # "rocket and ballistic missile attack", "missile and drone strikes": the heaviest
            # weapon named leads, as coders record it
            token = min(listed, key=lambda t: _WEIGHT.index(weapon_of(t)))
            weapon = weapon_of(token)
        for child in token.children:
            if child.dep_ == "nummod":
                count = number_of(child)
        return weapon, count
    lemmas = {t.lemma_.lower() for t in triggers} | {t.lower_ for t in triggers}
    if alignment in ("us_led", "israel") and lemmas & lx.AIR_POWER_WORDS:
        return "airstrike", None
    if lemmas & {"shelling", "shell"}:
        return "artillery", None
    return "unknown", None


_WEIGHT = (
    "missile",
    "airstrike",
    "drone",
    "rocket",
    "artillery",
    "mortar",
    "ied",
    "small_arms",
    "unknown",
)


def _listed_with(token: Token) -> list[Token]:
    """The weapon words coordinated with this one ("missile and drone", "drone or rocket"),
    itself included, in text order."""
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    listed = [first, *first.conjuncts] if weapon_of(first) else [token]
    return sorted((t for t in listed if weapon_of(t)), key=lambda t: t.i)


_NOT_THE_WEAPON = frozenset(
    {
        "defense",
        "defence",
        "system",
        "systems",
        "battery",
        "batteries",
        "shield",
        "storage",
        "depot",
        "depots",
        "site",
        "sites",
        "facility",
        "facilities",
        "factory",
        "factories",
        "launcher",
        "launchers",
        "production",
        "warehouse",
        "warehouses",
        "program",
        "programme",
        "capabilities",
        "capability",
        "unit",
        "units",
        "base",
        "bases",
        "maker",
        "makers",
        "technology",
        "parts",
        "components",
        "shipment",
        "shipments",
        "cell",
        "cells",
        "team",
        "teams",
        "operator",
        "operators",
        "expert",
        "experts",
        "pilot",
        "pilots",
    }
)


def _names_equipment(token: Token) -> bool:
    """The weapon word modifies a noun for a thing that is not the weapon used."""
    doc = token.doc
    for j in range(token.i + 1, min(len(doc), token.i + 5)):
        word = doc[j]
        if word.lower_ in _NOT_THE_WEAPON:
            return True
        if (
            word.lower_ in ("and", "or", "-", "/", ",")
            or weapon_of(word)
            or word.dep_ == "compound"
        ):
            continue
        break
    return False


def _is_target_drone(token: Token) -> bool:
    words = {c.lower_ for c in token.children} | {token.nbor(-1).lower_ if token.i else ""}
    if words & lx.TARGET_DRONE_WORDS:
        return True
    head = token.head
    return (
        head.lemma_.lower() in ("down", "shoot", "intercept")
        and token.dep_ == "dobj"
        and bool({c.lower_ for c in token.children} & lx.TARGET_DRONE_WORDS)
    )


# Weapons fired at a target, which air defences can intercept.
PROJECTILES = frozenset({"drone", "rocket", "missile", "mortar"})


def read_intercepted(zone: list[Token], triggers: list[Token], weapon: str) -> bool | None:
    if weapon not in PROJECTILES:
        return None
    text = " ".join(t.lower_ for t in zone)
    if re.search(
        r"\b(intercepted|shot down|downed|destroyed (?:before|in the air|mid-air)|"
        r"thwarted|repelled|foiled|engaged and destroyed|were destroyed)\b",
        text,
    ):
        return True
    return None


# ---- interceptions told apart from the event ----------------------------------------------------


_INTERCEPTION_VERBS = frozenset({"intercept", "shoot", "down", "destroy", "thwart", "repel"})
_GENERIC_PROJECTILES = frozenset({"munition", "projectile", "round", "shell"})


def interceptions_told_after(doc: Doc) -> list[int]:
    """Sentences that tell the projectiles of an event told before were intercepted: "Most of
    the missiles were intercepted by the base's air defences", "Most of the munitions were
    intercepted, but some struck their targets". The weapon is named as known (the, most of
    the, one of the, both): it refers back. Their start tokens."""
    found = []
    candidates = tokens_with(doc, LEMMA, _INTERCEPTION_VERBS)
    for sent, indices in by_sentence(doc, candidates):
        for verb in (doc[i] for i in indices):
            if verb.pos_ != "VERB":
                continue
            if verb.lemma_.lower() == "shoot" and not any(
                c.lower_ == "down" for c in verb.children
            ):
                continue
            if is_non_event(verb) or any(
                c.lower_ in ("no", "not", "never") for c in verb.head.children
            ):
                continue  # "there was no effort to shoot down the drone", "failed to down"
            subject = next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")), None)
            if subject is not None and _refers_to_projectiles(subject):
                found.append(sent.start)
                break
    return found


def _refers_to_projectiles(phrase: Token) -> bool:
    """ "the missiles", "most of the rockets", "one of the drones", "both drones", and a bare
    count of what was just told ("Two drones targeted the base. One was shot down")."""
    head = phrase
    if phrase.lower_ in ("most", "some", "all", "one", "two", "three", "several", "many", "both"):
        if not any(True for _ in phrase.children):
            return True
        of = next((c for c in phrase.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        head = next((g for g in of.children if g.dep_ == "pobj"), None) if of else None
        if head is None:
            return False
    if weapon_of(head) not in PROJECTILES and head.lemma_.lower() not in _GENERIC_PROJECTILES:
        return False
    return any(
        c.dep_ in ("det", "predet") and c.lower_ in ("the", "these", "those", "both", "all")
        for c in head.children
    )
