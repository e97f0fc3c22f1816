"""Perpetrator and target: who carried an event out, and what it was aimed at."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from escalation_cli import dates
from escalation_cli import lexicon as lx
from escalation_cli.extractors.docinfo import ents_in
from escalation_cli.extractors.incidents.weapon import _is_target_drone
from escalation_cli.gazetteer import Gazetteer
from escalation_cli.pipeline.incidents import IncidentCue, weapon_of

_GROUP_NOUNS = frozenset(
    {
        "groups",
        "group",
        "militias",
        "militia",
        "militants",
        "factions",
        "fighters",
        "gunmen",
        "rebels",
        "proxies",
        "forces",
        "insurgents",
        "cells",
        "elements",
        "operatives",
        "resistance",
    }
)
# group nouns that never name a state's own forces ("Iraqi militias" are not Iraq)
_NON_STATE_NOUNS = _GROUP_NOUNS - {"forces", "elements", "cells", "groups", "group"}
_DEFENCE_VERBS = frozenset({"intercept", "down", "shoot", "repel", "thwart", "foil", "destroy"})
_CLAIM_VERBS = frozenset({"claim", "announce", "release", "publish", "say", "declare", "admit"})


def read_perpetrator(doc: Doc, cue: IncidentCue, gazetteer: Gazetteer):
    """(canonical name, alignment, attribution) of who carried the event out, if stated."""
    sentence = doc[cue.sentence[0] : cue.sentence[1]]
    lowered = sentence.text.lower()
    attribution = "stated"
    if re.search(r"\b(allegedly|alleged|accused|blamed|blames|accuses)\b", lowered):
        attribution = "alleged"
    elif re.search(r"\b(suspected|believed|likely|probably|presumably)\b", lowered):
        attribution = "suspected"
    for i in cue.triggers:
        trigger = doc[i]
        told = _told_perpetrator(trigger, gazetteer)
        if told is not None:
            return told
        candidates: list[Token] = []
        if (
            trigger.pos_ == "VERB"
            and trigger.lemma_.lower() in _DEFENCE_VERBS
            and any(c.dep_ in ("auxpass", "agent") for c in trigger.children)
            and not any(_is_target_drone(c) for c in trigger.children)
        ):
            continue  # "two rockets were intercepted by a US system": the agent defended
        if (
            trigger.pos_ == "VERB"
            and trigger.lemma_.lower() in _DEFENCE_VERBS
            and any(
                (weapon_of(c) and not _is_target_drone(c)) or c.lemma_.lower() in lx.ATTACK_NOUNS
                for verb in (trigger, *trigger.conjuncts)
                for c in verb.children
                if c.dep_ in ("dobj", "nsubjpass")
            )
        ):
            continue  # "US forces shot down three drones", "air defences intercepted and shot
            # down a drone", "the rockets were intercepted by a US system", "C-RAM intercepted
            # rocket attacks": the subject (or agent) defended (but "Iran downed a US spy
            # drone" attacked)
        if trigger.pos_ == "VERB":
            candidates += _agents(trigger)
            candidates += [c for c in trigger.children if c.dep_ == "nsubj"]
            head = trigger
            while (
                not candidates
                and head.dep_ in ("advcl", "xcomp", "conj", "pcomp")
                and head.head.i != head.i
                and not any(c.dep_ == "mark" for c in head.children)
            ):
                head = head.head
                if head.dep_ == "prep":
                    head = head.head
                candidates += [c for c in head.children if c.dep_ == "nsubj"]
        else:
            modifiers = [
                c for c in trigger.children if c.dep_ in ("compound", "amod", "poss", "nmod")
            ]
            # "the Jordan drone strike": the weapon word's own modifiers modify the event
            modifiers += [
                g
                for c in modifiers
                if c.dep_ == "compound" and weapon_of(c)
                for g in c.children
                if g.dep_ in ("compound", "amod", "nmod")
            ]
            candidates += [
                c
                for c in modifiers
                if not (c.dep_ == "compound" and weapon_of(c))
                and not _is_place_modifier(c, gazetteer)
                and not _defence_between(c, trigger)
            ]
            candidates += [
                g
                for c in trigger.children
                if c.dep_ == "prep" and c.lower_ == "by"
                for g in c.children
            ]
            # "the airstrikes which were executed by US jets", "the attack that X carried out"
            for clause in (c for c in trigger.children if c.dep_ in ("relcl", "acl")):
                if clause.lemma_.lower() in lx.LIGHT_VERBS:
                    candidates += _agents(clause)
                    candidates += [
                        c for c in clause.children if c.dep_ == "nsubj" and c.tag_ != "WDT"
                    ]
            head = trigger.head
            if trigger.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
                # "the attack was believed to have been carried out by Iran-backed forces"
                for verb in (head, *(c for c in head.children if c.dep_ in ("xcomp", "ccomp"))):
                    if verb.lemma_.lower() in lx.LIGHT_VERBS:
                        candidates += _agents(verb)
            if trigger.dep_ in ("dobj", "nsubjpass", "pobj") and head.pos_ == "VERB":
                lemma = head.lemma_.lower()
                if lemma in lx.LIGHT_VERBS and lemma not in lx.UNDERGO_VERBS:
                    candidates += [c for c in head.children if c.dep_ == "nsubj"]
                    # "the attacks were initiated by Iran-aligned militias"
                    candidates += _agents(head)
                    # "the group reported launching strikes": the subject of the telling
                    clause = head
                    while (
                        not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
                        and clause.tag_ in ("VBG", "VB")
                        and clause.dep_ in ("xcomp", "advcl", "pcomp")
                        and clause.head.pos_ == "VERB"
                    ):
                        clause = clause.head
                        candidates += [c for c in clause.children if c.dep_ == "nsubj"]
                elif lemma in _CLAIM_VERBS and trigger.dep_ == "dobj":
                    for c in head.children:
                        if c.dep_ == "nsubj":
                            actor = _actor_in(c, gazetteer)
                            if actor:
                                return actor[0], actor[1], "claimed_responsibility"
        candidates = [_resolve_group(_resolve_pronoun(c), gazetteer) for c in candidates]
        for candidate in candidates:
            if weapon_of(candidate) and candidate.dep_ == "nsubj":
                actor = _actor_in(candidate, gazetteer)  # "US warplanes", "US F-15 jets"
            else:
                actor = _actor_in(candidate, gazetteer)
            if actor:
                return actor[0], actor[1], attribution
    # "The Islamic Resistance released a video showing the moment of striking ..."
    root = sentence.root
    objects = {c.lemma_.lower() for c in root.children if c.dep_ in ("dobj", "advcl", "npadvmod")}
    if (
        root.lemma_.lower() in ("release", "publish", "broadcast", "post", "air")
        and objects & {"video", "recording", "footage", "statement", "clip"}
    ) or (root.lemma_.lower() == "claim" and "responsibility" in objects):
        for c in root.children:
            if c.dep_ == "nsubj":
                actor = _actor_in(c, gazetteer)
                if actor:
                    return actor[0], actor[1], "claimed_responsibility"
    return None, None, None


def _agents(verb: Token) -> list[Token]:
    """The "by" phrase of a passive verb: who did it."""
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _resolve_group(token: Token, gazetteer: Gazetteer) -> Token:
    """ "the group", "the militia": the armed group named last before it."""
    if token.lower_ not in _GROUP_NOUNS or not any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children
    ):
        return token
    if any(c.dep_ in ("compound", "amod", "prep") for c in token.children):
        return token  # "the Iran-backed group", "the group of fighters": it says which
    for ent in reversed(ents_in(token.doc, max(0, token.i - 200), token.i)):
        actor = gazetteer.actors.get(ent.kb_id_) if ent.label_ == "ACTOR" else None
        if actor is not None and actor.type in ("militia", "armed_group"):
            return ent.root
    return token


def _told_perpetrator(trigger: Token, gazetteer: Gazetteer):
    """Who the text says did it, in the phrases news use to say so around the event word:

    - "X claimed responsibility for the attack" (X's own claim),
    - "X blamed Y for the attack", "blamed the attack on Y", "attributed the attack to Y",
      "held Y responsible for the attack", "an attack blamed on Y" (an accusation),
    - "Y was (likely) behind the attack" (a suspicion),
    - "X responded to ... with airstrikes", "X retaliated with strikes" (the answer's author).

    Negated ("No group has claimed responsibility for the attack") it says nothing.
    """
    # "a drone attack blamed on Iranian proxy groups", "the strike attributed to X", "the
    # attack, which Washington blamed on X", "the attack on the base, which was blamed on X"
    # (the parse hangs the clause on the nearest noun; a place is not blamed on anyone)
    targets = [g for c in trigger.children if c.dep_ == "prep" for g in c.children]
    for clause in [*trigger.children, *(c for g in targets for c in g.children)]:
        if clause.lemma_.lower() not in ("blame", "attribute", "pin"):
            continue
        if (clause.dep_ == "acl" and clause.tag_ == "VBN") or (
            clause.dep_ == "relcl"
            and any(
                c.dep_ in ("dobj", "nsubjpass") and c.lower_ in ("which", "that")
                for c in clause.children
            )
            and not any(c.dep_ == "neg" for c in clause.children)
        ):
            for prep in clause.children:
                if prep.dep_ in ("prep", "agent") and prep.lower_ in ("on", "to"):
                    for person in (g for g in prep.children if g.dep_ == "pobj"):
                        actor = _actor_in(person, gazetteer)
                        if actor:
                            return actor[0], actor[1], "alleged"
    if trigger.dep_ not in ("pobj", "dobj", "pcomp"):
        return None
    prep = trigger.head
    verb, role = None, None
    if trigger.dep_ in ("pobj", "pcomp") and prep.lower_ == "for":
        owner = prep.head
        if owner.lemma_.lower() in ("responsibility", "credit") and owner.dep_ == "dobj":
            verb, role = owner.head, "nsubj"  # claimed responsibility for
        elif owner.lemma_.lower() in lx.BLAME_VERBS:
            verb, role = owner, "dobj"  # blamed Y for
        elif owner.lower_ == "responsible" and owner.head.lemma_.lower() in ("hold", "find"):
            verb, role = owner.head, "dobj"  # held Y responsible for
    elif trigger.dep_ == "dobj" and prep.lemma_.lower() in ("blame", "attribute", "pin"):
        verb, role = prep, "on|to"  # blamed the attack on Y, attributed it to Y
    elif trigger.dep_ == "pobj" and prep.lower_ == "behind":
        verb, role = prep.head, "nsubj"  # Y was behind the attack
    elif trigger.dep_ == "pobj" and prep.lower_ in lx.INSTRUMENT_PREPS:
        owner = prep.head
        if owner.pos_ == "NOUN" and owner.dep_ == "pobj" and owner.head.lower_ in ("to", "for"):
            owner = owner.head.head  # "responded to the attack with airstrikes", misattached
        if owner.lemma_.lower() in lx.RESPONSE_VERBS:
            verb, role = owner, "nsubj"
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    if role == "on|to":
        people = [
            g
            for c in verb.children
            if c.dep_ in ("prep", "dative") and c.lower_ in ("on", "to")
            for g in c.children
            if g.dep_ == "pobj"
        ]
    else:
        people = [c for c in verb.children if c.dep_ == role]
    people = [p for p in people if not any(d.lower_ == "no" for d in p.children)]
    attribution = {
        "nsubj": "claimed_responsibility"
        if verb.lemma_.lower() in lx.RESPONSIBILITY_VERBS | {"accept", "admit"}
        and (verb.lemma_.lower() == "claim" or prep.head.lemma_.lower() == "responsibility")
        else "stated",
    }.get(role, "alleged")
    if prep.lower_ == "behind":
        attribution = "suspected"
    for person in people:
        # "Washington blamed the group for the drone strike": the group named before
        actor = _actor_in(_resolve_group(_resolve_pronoun(person), gazetteer), gazetteer)
        if actor:
            return actor[0], actor[1], attribution
    return None


def _is_place_modifier(token: Token, gazetteer: Gazetteer) -> bool:
    """ "the Jordan attack" is where, "the US strikes" and "the Iranian attack" are who."""
    if token.ent_type_ != "ACTOR" or token.dep_ != "compound":
        return False
    alias = gazetteer.resolve(token.text, ("ACTOR",))
    if alias is None:
        return False
    actor = gazetteer.actors[alias.id]
    if actor.type != "state" or token.text in actor.demonyms:
        return False
    return actor.id not in lx.STRIKING_STATES


def _resolve_pronoun(token: Token) -> Token:
    """ "Washington said that it had struck ...": the pronoun is the speaker."""
    if token.lower_ not in ("it", "they", "we", "its", "their"):
        return token
    head = token.head
    for _ in range(4):
        if head.dep_ in ("ccomp",) and head.head.lemma_.lower() in lx.REPORTING_VERBS:
            speaker = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
            return speaker if speaker is not None else token
        if head.head.i == head.i:
            break
        head = head.head
    return token


_DEFENCE_WORDS = re.compile(
    r"(foil|thwart|repel|intercept|down|stop|avert|block|prevent|repulse)(s|ed|led|ped)?$"
)


def _defence_between(modifier: Token, trigger: Token) -> bool:
    """A word of defence between a modifier and its attack noun: a headline's parse of
    "Syrian Troops Foil Drone Attack" hangs the defenders on the attack."""
    low, high = sorted((modifier.i, trigger.i))
    return any(_DEFENCE_WORDS.match(t.lower_) for t in modifier.doc[low + 1 : high])


def _after_pro(ent) -> bool:
    """An actor named after "pro-" ("pro-Iranian militias") describes others."""
    doc = ent.doc
    before = [doc[i].lower_ for i in range(max(0, ent.start - 2), ent.start)]
    return before[-1:] == ["pro"] or before == ["pro", "-"]


def _actor_in(token: Token, gazetteer: Gazetteer) -> tuple[str, str | None] | None:
    doc = token.doc
    if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in token.children):
        return None  # "No group claimed responsibility": nobody
    # "militant groups operating in Syria and Iraq", "militias that are based in Iraq": where
    # they are, not who they are
    described = {t.i for c in token.children if c.dep_ in ("acl", "relcl") for t in c.subtree}
    subtree = [t for t in token.subtree if t.i not in described]
    if len(subtree) > 12:
        subtree = [t for t in subtree if abs(t.i - token.i) <= 4]
    ids = {t.i for t in subtree}
    nearby = ents_in(doc, min(ids), max(ids) + 1)
    for ent in nearby:
        if ent.start in ids and ent.label_ == "ACTOR" and ent.kb_id_:
            actor = gazetteer.actors.get(ent.kb_id_)
            if actor is None:
                continue
            if token.lower_ in _GROUP_NOUNS and (
                _after_pro(ent)
                # "Iraqi resistance fighters", "Syrian militias": not the state's forces
                or (actor.type == "state" and token.lower_ in _NON_STATE_NOUNS)
                or (
                    ent.root.dep_ in ("npadvmod", "amod", "compound")
                    and any(
                        t.lower_ in ("backed", "aligned", "linked", "allied", "affiliated", "proxy")
                        for t in subtree
                    )
                )
            ):
                # "Iran-backed groups", "pro-Iranian militias": the groups, not Iran
                break
            if actor.type == "media":
                continue
            return actor.name, actor.alignment
    owner = next(
        (c for c in token.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None
    )
    if owner is not None:
        speaker = _resolve_pronoun(owner)
        if speaker.i != owner.i:
            actor = _actor_in(speaker, gazetteer)  # "its fighters" of the group that said so
            if actor:
                return actor
    if token.pos_ in ("NOUN", "PROPN") and token.lower_ in _GROUP_NOUNS:
        left = token.left_edge.i
        while doc[left].lower_ in ("the", "a", "an", "\u201c", '"') and left < token.i:
            left += 1
        text = doc[left : token.i + 1].text.strip('\u201c\u201d"')
        alignment = "iran_aligned" if re.search(r"\biran", text, re.I) else None
        return text, alignment
    for ent in nearby:
        if (
            ent.start in ids
            and ent.label_ in ("ORG", "NORP", "GPE")
            and not any(weapon_of(t) for t in ent)  # "Two Katyusha rockets": a weapon's name
        ):
            return ent.text, None
    return None


def read_target(triggers: list[Token]) -> str | None:
    for trigger in triggers:
        objects = []
        if trigger.pos_ == "VERB":
            objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
            objects += [
                g
                for c in trigger.children
                if c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "towards", "toward")
                for g in c.children
                if g.dep_ == "pobj"
            ]
        else:
            holders = [trigger]
            if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.pos_ in ("VERB", "AUX"):
                holders.append(trigger.head)  # "an explosion was reported at a coalition base"
            objects = [
                g
                for holder in holders
                for c in holder.children
                if c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "targeting")
                for g in c.children
                if g.dep_ == "pobj"
            ]
        for obj in objects:
            if weapon_of(obj) and not _is_target_drone(obj):
                continue
            if obj.ent_type_ in ("DATE", "TIME") or obj.lower_ in dates.WEEKDAYS:
                continue
            end = obj.i
            for conj in obj.conjuncts:
                if conj.i > end and conj.i - obj.i < 8:
                    end = conj.i
            start = obj.left_edge.i
            text = obj.doc[start : end + 1].text
            text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I).strip('\u201c\u201d" ')
            if text:
                return text[:200]
    return None


# ---- side ------------------------------------------------------------------------------------

US_STRIKE, ON_US = "us_strike", "on_us"  # a strike by the US and its allies; an attack on them
_US_WORDS = frozenset(
    {"us", "u.s.", "american", "americans", "coalition", "u.s.-led", "us-led", "embassy"}
)


OTHER = "other"  # a conflict of its own: Hamas on Israel, the Houthis at sea


def side_of(mention, gazetteer: Gazetteer | None = None) -> str | None:
    """Which way an event went, as far as its mention tells: a strike by the US-led side, an
    attack on it (on a base that hosts its forces, or on its troops), or neither."""
    alignment = mention.perpetrator_alignment
    if alignment == "us_led":
        return US_STRIKE
    if alignment is not None and gazetteer is not None:
        from escalation_cli.extractors.incidents.scope import theatre

        alias = gazetteer.resolve(mention.perpetrator or "", ("ACTOR",))
        actor = gazetteer.actors.get(alias.id) if alias else None
        if actor is not None and actor.country and actor.country not in theatre(gazetteer):
            return OTHER
    if alignment is not None:
        return ON_US if alignment in ("iran_aligned", "isis") else None
    if mention.base:
        return ON_US
    target = (mention.target or "").lower().replace("-", " ").split()
    if _US_WORDS & set(target) and mention.weapon != "airstrike":
        return ON_US
    if mention.weapon == "airstrike":
        return US_STRIKE
    return None


def party_of(name: str | None, gazetteer: Gazetteer) -> str | None:
    """The party a perpetrator belongs to: a state's forces and offices count as the state ("US
    military", "Pentagon" and "United States" are one party); anything else is itself."""
    if not name:
        return None
    alias = gazetteer.resolve(name, ("ACTOR",))
    actor = gazetteer.actors.get(alias.id) if alias else None
    if actor is None:
        return name
    if actor.type in ("state", "armed_force", "government_body", "official") and actor.country:
        return actor.country
    return actor.name
