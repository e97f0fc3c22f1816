"""Incidents: cues set by ``escalation_incidents`` in, :class:`Incident` records out.

Pure functions. Each cue becomes a :class:`Mention` (weapon, location, date, casualties,
perpetrator, target read from the cue's zone only), then mentions of one event are merged
(``merge_mentions``) and each cluster becomes one validated record.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from escalation_cli import dates
from escalation_cli import lexicon as lx
from escalation_cli.extractors.docinfo import date_expressions, doc_text, ents_in
from escalation_cli.gazetteer import Gazetteer
from escalation_cli.models import Evidence, Incident
from escalation_cli.pipeline.incidents import IncidentCue, weapon_of

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


@dataclass
class Mention:
    cue: IncidentCue
    order: int
    weapon: str = "unknown"
    weapon_count: int | None = None
    base: str | None = None  # base id
    province: str | None = None  # province id
    place: str | None = None
    country: str | None = None
    countries: frozenset[str] = frozenset()
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    date_rule: str | None = None  # "anaphoric", "earlier_today", or None when resolved
    killed: int | None = None
    killed_qualifier: str | None = None
    wounded: int | None = None
    wounded_qualifier: str | None = None
    casualty_group: str | None = None
    perpetrator: str | None = None
    perpetrator_alignment: str | None = None
    attribution: str | None = None
    target: str | None = None
    intercepted: bool | None = None
    evidence: tuple[int, int] = (0, 0)

    @property
    def located(self) -> bool:
        return bool(self.base or self.province or self.place or self.country)

    @property
    def informative(self) -> bool:
        return bool(
            self.located
            or self.date
            or self.killed is not None
            or self.wounded is not None
            or self.weapon != "unknown"
        )


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)

    def value(self, name: str):
        for mention in self.mentions:
            value = getattr(mention, name)
            if value not in (None, "unknown"):
                return value
        return None

    @property
    def last_order(self) -> int:
        return self.mentions[-1].order


# ---- reading one mention ---------------------------------------------------------------------


def read_mentions(doc: Doc, gazetteer: Gazetteer, published: str | None) -> list[Mention]:
    mentions = []
    cues = doc._.incident_cues or []
    for order, cue in enumerate(cues):
        mention = Mention(cue=cue, order=order)
        zone = [doc[i] for i in cue.zone]
        triggers = [doc[i] for i in cue.triggers]
        mention.perpetrator, mention.perpetrator_alignment, mention.attribution = read_perpetrator(
            doc, cue, gazetteer
        )
        mention.weapon, mention.weapon_count = read_weapon(
            zone, triggers, mention.perpetrator_alignment
        )
        mention.intercepted = read_intercepted(zone, triggers, mention.weapon)
        read_location(doc, cue, gazetteer, mention)
        text = zone_text(doc, cue.zone)
        read_casualties(text, mention)
        if mention.killed is None and mention.wounded is None and cue.alone:
            # one event in the sentence: its figures are that event's, whatever the parse says
            read_casualties(zone_text(doc, tuple(range(*cue.sentence))), mention)
        mention.target = read_target(triggers)
        sent = doc[cue.sentence[0] : cue.sentence[1]]
        mention.evidence = (sent.start_char, sent.end_char)
        read_date(doc, cue, published, mention, mentions)
        mentions.append(mention)
    return mentions


def zone_text(doc: Doc, zone: tuple[int, ...]) -> str:
    """The zone's tokens as text; a gap between runs becomes ' … ' so phrases do not join."""
    parts = []
    previous = None
    for i in zone:
        if previous is not None and i != previous + 1:
            parts.append(" \u2026 ")
        token = doc[i]
        parts.append(_masked(token) + (token.whitespace_ if i + 1 in zone else ""))
        previous = i
    return "".join(parts)


_NAME_LABELS = frozenset(
    {
        "BASE",
        "PROVINCE",
        "PLACE",
        "ACTOR",
        "DATE",
        "TIME",
        "ORG",
        "FAC",
        "PRODUCT",
        "LAW",
        "EVENT",
        "WORK_OF_ART",
    }
)


def _masked(token: Token) -> str:
    """Numbers that belong to names and dates ("Tower 22", "23 March") are not figures."""
    if token.ent_type_ in _NAME_LABELS and (token.like_num or any(c.isdigit() for c in token.text)):
        return "#" * len(token.text)
    return token.text


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
    # multi-word weapons: "air strike", "air raid", "unmanned aerial vehicle"
    lowered = " ".join(t.lower_ for t in zone)
    for phrase, weapon in lx.WEAPON_WORDS.items():
        if " " in phrase and re.search(rf"\b{re.escape(phrase)}s?\b", lowered):
            found.append((0, weapon, zone[0]))
    count = None
    if found:
        found.sort(key=lambda item: item[0])
        weapon, token = found[0][1], found[0][2]
        for child in token.children:
            if child.dep_ == "nummod":
                count = _number(child.lower_)
        return weapon, count
    lemmas = {t.lemma_.lower() for t in triggers} | {t.lower_ for t in triggers}
    if alignment in ("us_led", "israel") and lemmas & lx.AIR_POWER_WORDS:
        return "airstrike", None
    if lemmas & {"shelling", "shell"}:
        return "artillery", None
    return "unknown", None


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


def read_intercepted(zone: list[Token], triggers: list[Token], weapon: str) -> bool | None:
    if weapon not in ("drone", "rocket", "missile", "mortar"):
        return None
    text = " ".join(t.lower_ for t in zone)
    if re.search(
        r"\b(intercepted|shot down|downed|destroyed (?:before|in the air|mid-air)|"
        r"thwarted|repelled|foiled|engaged and destroyed|were destroyed)\b",
        text,
    ):
        return True
    return None


# ---- location --------------------------------------------------------------------------------


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


# ---- casualties ------------------------------------------------------------------------------

_NUM = (
    r"\b(?P<num>\d[\d,]*|a dozen|dozens|an?|one|two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|several|some|many"
    r"|scores)\b"
)
_QUAL = (
    r"(?:(?P<qual>at least|no fewer than|more than|over|upwards of|in excess of|about"
    r"|around|nearly|almost|approximately|roughly|up to|an estimated|close to|some)\s+)?"
)
_GAP = r"(?:(?!(?:and|or|but|while|as|that|which|who|whom|whose|of)\b)[\w'\u2019-]+,?\s+){0,4}?"
_ADVERB = (
    r"(?:(?:reportedly|allegedly|also|later|instantly|immediately|pronounced|declared"
    r"|confirmed|seriously|critically|slightly|lightly|badly|severely|moderately|all)\s+)?"
)
_KILL_PATTERNS = [
    re.compile(
        _QUAL + _NUM + r"\s+" + _GAP + r"(?:(?:were|was|have been|had been|are|being|got)"
        r"\s+)?" + _ADVERB + r"(?:killed|dead|died|slain|martyred)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:killed|killing|kills|kill|claimed the lives of|left)\s+"
        + _QUAL
        + _NUM
        + r"\b(?!\s+(?:drones?|rockets?|missiles?))",
        re.I,
    ),
    re.compile(r"\bdeaths? of\s+" + _QUAL + _NUM + r"\b", re.I),
    re.compile(_QUAL + _NUM + r"\s+(?:[\w-]+\s+){0,2}?(?:martyrs|dead|fatalities|deaths)\b", re.I),
]
_WOUND_PATTERNS = [
    re.compile(
        _QUAL + _NUM + r"\s+" + _GAP + r"(?:(?:were|was|have been|had been|are|being|got)"
        r"\s+)?" + _ADVERB + r"(?:wounded|injured|hurt)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:wounded|wounding|wounds|injured|injuring|injures|hurt|injuries to)\s+"
        + _QUAL
        + _NUM
        + r"\b",
        re.I,
    ),
    re.compile(
        _QUAL + _NUM + r"\s+" + _GAP + r"(?:suffered|sustained|received)\s+(?:[\w-]+\s+)?"
        r"(?:injuries|wounds)\b",
        re.I,
    ),
]
_NO_CASUALTIES = [re.compile(p, re.I) for p in lx.NO_CASUALTY_PATTERNS]
_GROUP_AFTER = re.compile(r"^\s*(?:[\w'\u2019.-]+\s+){0,3}?(?P<noun>[a-z-]+?)s?\b", re.I)


def _number(word: str) -> int | None:
    word = word.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    if word in ("a dozen",):
        return 12
    if word in lx.VAGUE_NUMBERS or word == "dozens":
        return None
    return lx.NUMBER_WORDS.get(word)


_CASUALTY_HINT = re.compile(
    r"kill|dead|death|die|martyr|slain|wound|injur|hurt|casualt|fatalit|lives", re.I
)


def read_casualties(text: str, mention: Mention) -> None:
    if not _CASUALTY_HINT.search(text):
        return
    for attribute, patterns in (("killed", _KILL_PATTERNS), ("wounded", _WOUND_PATTERNS)):
        for pattern in patterns:
            match = pattern.search(text)
            if not match:
                continue
            raw = match.group("num")
            if raw.lower() in ("a", "an") and not _PERSON_AFTER.match(text[match.end() :]):
                continue  # "killed a US contractor" is one; "killed a way" is not
            number = _number(raw)
            if number is None:
                continue
            qualifier = lx.QUALIFIERS.get((match.group("qual") or "").lower(), "exact")
            setattr(mention, attribute, number)
            setattr(mention, f"{attribute}_qualifier", qualifier)
            if mention.casualty_group is None:
                mention.casualty_group = _casualty_group(text, match)
            break
    if mention.killed is None and mention.wounded is None:
        if any(p.search(text) for p in _NO_CASUALTIES):
            mention.killed, mention.wounded = 0, 0
            mention.killed_qualifier = mention.wounded_qualifier = "exact"


_PERSON_AFTER = re.compile(
    r"\s*(?:[\w.'-]+\s+){0,2}?(?:contractor|soldier|service|civilian|member|person|child|woman"
    r"|man|officer|fighter|marine|sailor|airman|guard|commander|leader|official|journalist"
    r"|worker|resident|militant|militiaman|advis[eo]r|general|colonel|operative|american"
    r"|employee|driver|guard|policeman|trooper)\b",
    re.I,
)


def _casualty_group(text: str, match: re.Match) -> str | None:
    """Who was hit: the first group word after the figure ("two American contractors")."""
    window = text[match.start() : match.end() + 40].lower()
    american = bool(re.search(r"\b(us|u\.s\.|american|coalition)\b", window))
    found = []
    for word, group in lx.CASUALTY_GROUPS.items():
        hit = re.search(rf"\b{word}s?\b", window)
        if hit:
            # "American" is an adjective when another group word follows it
            found.append((hit.start() + (100 if word == "american" else 0), word, group))
    if not found:
        return None
    _, word, group = min(found)
    if group == "US troops" and not american:
        return "troops"
    return group


# ---- perpetrator and target ------------------------------------------------------------------

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
    }
)
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
        candidates: list[Token] = []
        if (
            trigger.pos_ == "VERB"
            and trigger.lemma_.lower() in _DEFENCE_VERBS
            and any(
                weapon_of(c) and not _is_target_drone(c)
                for c in trigger.children
                if c.dep_ in ("dobj", "nsubjpass")
            )
        ):
            continue  # "US forces shot down three drones": the subject defended
            # (but "Iran downed a US spy drone": the subject attacked)
        if trigger.pos_ == "VERB":
            candidates += [c for c in trigger.children if c.dep_ == "agent"]
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
            candidates += [
                c
                for c in trigger.children
                if c.dep_ in ("compound", "amod", "poss", "nmod")
                and not _is_place_modifier(c, gazetteer)
            ]
            candidates += [
                g
                for c in trigger.children
                if c.dep_ == "prep" and c.lower_ == "by"
                for g in c.children
            ]
            head = trigger.head
            if trigger.dep_ in ("dobj", "nsubjpass", "pobj") and head.pos_ == "VERB":
                lemma = head.lemma_.lower()
                if lemma in lx.LIGHT_VERBS and lemma not in lx.UNDERGO_VERBS:
                    candidates += [c for c in head.children if c.dep_ == "nsubj"]
                elif lemma in _CLAIM_VERBS and trigger.dep_ == "dobj":
                    for c in head.children:
                        if c.dep_ == "nsubj":
                            actor = _actor_in(c, gazetteer)
                            if actor:
                                return actor[0], actor[1], "claimed_responsibility"
        candidates = [_resolve_pronoun(c) for c in candidates]
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


def _actor_in(token: Token, gazetteer: Gazetteer) -> tuple[str, str | None] | None:
    doc = token.doc
    subtree = list(token.subtree)
    if len(subtree) > 12:
        subtree = [t for t in subtree if abs(t.i - token.i) <= 4]
    ids = {t.i for t in subtree}
    nearby = ents_in(doc, min(ids), max(ids) + 1)
    for ent in nearby:
        if ent.start in ids and ent.label_ == "ACTOR" and ent.kb_id_:
            actor = gazetteer.actors.get(ent.kb_id_)
            if actor is None:
                continue
            if (
                token.lower_ in _GROUP_NOUNS
                and ent.root.dep_ in ("npadvmod", "amod", "compound")
                and any(
                    t.lower_ in ("backed", "aligned", "linked", "allied", "affiliated")
                    for t in subtree
                )
            ):
                # "Iran-backed groups": the groups, not Iran
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
        if ent.start in ids and ent.label_ in ("ORG", "NORP", "GPE"):
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
            objects = [
                g
                for c in trigger.children
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
                return text[:120]
    return None


# ---- dates -----------------------------------------------------------------------------------


def read_date(
    doc: Doc, cue: IncidentCue, published: str | None, mention: Mention, earlier: list[Mention]
) -> None:
    """Explicit date in the zone, else one derived from the relation to another event or
    to a dated statement; left None when the text does not fix it."""
    expressions = _zone_dates(doc, cue.zone)
    triggers = cue.triggers
    if expressions:
        expressions.sort(key=lambda item: min(abs(item[0] - t) for t in triggers))
        _, expr = expressions[0]
        mention.date_text = expr.text
        if expr.kind == "anaphoric":
            previous = earlier[-1] if earlier else None
            if previous is not None and previous.date_precision == "day":
                mention.date, mention.date_precision = previous.date, "day"
            return
        if expr.kind == "earlier_today":
            ref = _latest_day_before(doc, cue.sentence[0], published) or published
            mention.date, mention.date_precision = dates.resolve(expr, ref)
            return
        mention.date, mention.date_precision = dates.resolve(expr, published)
        if mention.date is None:
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
    if cue.reporting_head is not None and not cue.anaphoric:
        # "Washington said on February 2 that it had struck ...": a new event told on the day
        head_date = _clause_date(doc, cue.reporting_head, cue, published, own_only=True)
        if head_date:
            mention.date, mention.date_precision = head_date, "day"
            return


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
    """(token index, DateExpression) for each date phrase inside the zone's contiguous runs."""
    out = []
    runs: list[list[int]] = []
    for i in zone:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        span = doc[run[0] : run[-1] + 1]
        for expr in dates.find_date_expressions(span.text):
            char = span.start_char + expr.start
            token = next((t.i for t in span if t.idx >= char), span.start)
            out.append((token, expr))
    return out


def _clause_date(
    doc: Doc, head: int, cue: IncidentCue, published: str | None, own_only: bool = False
) -> str | None:
    """An explicit day date attached to the clause of ``head`` (not inside other events)."""
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
    for _, expr in sorted(_zone_dates(doc, zone), key=lambda item: abs(item[0] - head)):
        if expr.kind in ("explicit", "weekday", "relative", "earlier_today"):
            reference = published
            if expr.kind == "earlier_today":
                reference = _latest_day_before(doc, cue.sentence[0], published) or published
            iso, precision = dates.resolve(expr, reference)
            if iso and precision == "day":
                return iso
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


# ---- merging ---------------------------------------------------------------------------------


def _close(a: int | None, b: int | None) -> bool:
    """Two figures for one event: equal, or within the rounding of "at least"/"more than"."""
    if a is None or b is None:
        return True
    return abs(a - b) <= max(1, 0.1 * max(a, b))


def compatible(cluster: Cluster, m: Mention, gazetteer: Gazetteer) -> bool:
    weapon = cluster.value("weapon")
    if weapon and m.weapon != "unknown" and weapon != m.weapon:
        return False
    base, province, country = (
        cluster.value("base"),
        cluster.value("province"),
        cluster.value("country"),
    )
    if base and m.base and base != m.base:
        return False
    if province and m.province and province != m.province:
        return False
    countries = frozenset().union(*(x.countries for x in cluster.mentions))
    if (
        country
        and m.country
        and country != m.country
        and not ((m.countries & countries) and (len(m.countries) > 1 or len(countries) > 1))
    ):
        return False  # an operation "in Iraq and Syria" takes in both
    date = cluster.value("date")
    if date and m.date and not (date.startswith(m.date) or m.date.startswith(date)):
        return False
    if not _close(cluster.value("killed"), m.killed) or not _close(
        cluster.value("wounded"), m.wounded
    ):
        return False
    if not _close(cluster.value("weapon_count"), m.weapon_count):
        return False
    alignment = cluster.value("perpetrator_alignment")
    if alignment and m.perpetrator_alignment and alignment != m.perpetrator_alignment:
        return False
    return True


def strong_match(cluster: Cluster, m: Mention) -> bool:
    weapon = cluster.value("weapon")
    same_weapon = weapon is not None and m.weapon != "unknown" and weapon == m.weapon
    if m.base and cluster.value("base") == m.base:
        return True
    if m.province and cluster.value("province") == m.province and same_weapon:
        return True
    if (
        m.date
        and m.date_precision == "day"
        and cluster.value("date") == m.date
        and (same_weapon or m.weapon == "unknown" or weapon is None)
    ):
        return True
    if m.killed and cluster.value("killed") == m.killed:
        return True
    if (
        m.perpetrator
        and cluster.value("perpetrator") == m.perpetrator
        and (same_weapon or m.weapon == "unknown" or weapon is None)
    ):
        return True
    if (
        m.province
        and cluster.value("province") == m.province
        and (m.weapon == "unknown" or weapon is None)
    ):
        return True
    cluster_located = any(cluster.value(k) for k in ("base", "province", "place"))
    counted = m.killed is not None or m.wounded is not None
    cluster_counted = cluster.value("killed") is not None or cluster.value("wounded") is not None
    if (
        same_weapon
        and not (cluster_located and (m.base or m.province or m.place))
        and not (counted and not cluster_counted)
    ):
        # one side says where, the other only what: one event (but figures are too telling
        # to hang on a mention that only shares the weapon)
        return True
    return False


def merge_mentions(mentions: list[Mention], gazetteer: Gazetteer) -> list[Cluster]:
    clusters: list[Cluster] = []
    by_trigger = {t: other for other in mentions for t in other.cue.triggers}
    for m in mentions:
        fits = [c for c in clusters if compatible(c, m, gazetteer)]
        # "The strikes came in response to a drone attack ...": an event is not the one it
        # answers, so it does not join a cluster that the answered event matches
        governed = [by_trigger[t] for t in m.cue.governs if t in by_trigger]
        fits = [c for c in fits if not any(strong_match(c, g) for g in governed)]
        target = None
        if m.cue.novel:
            target = None
        elif m.cue.anaphoric or m.cue.relation == "during":
            strong = [c for c in fits if strong_match(c, m)]
            pool = strong or fits
            target = max(pool, key=lambda c: c.last_order) if pool else None
        else:
            strong = [c for c in fits if strong_match(c, m)]
            target = max(strong, key=lambda c: c.last_order) if strong else None
        if target is not None:
            target.mentions.append(m)
            continue
        if _can_start_incident(m):
            clusters.append(Cluster([m]))
    return clusters


def _can_start_incident(m: Mention) -> bool:
    if m.cue.anaphoric:
        return bool(m.located or m.date or m.killed is not None or m.wounded is not None)
    return m.informative and (
        m.located
        or m.date
        or m.killed is not None
        or m.wounded is not None
        or m.weapon != "unknown"
    )


# ---- records ---------------------------------------------------------------------------------


def incident_records(
    doc: Doc, article_id: str, gazetteer: Gazetteer, published: str | None
) -> list[Incident]:
    mentions = read_mentions(doc, gazetteer, published)
    clusters = merge_mentions(mentions, gazetteer)
    records = []
    for cluster in clusters:
        records.append(_record(doc, cluster, article_id, gazetteer))
    return records


def _record(doc: Doc, cluster: Cluster, article_id: str, gazetteer: Gazetteer) -> Incident:
    first = cluster.mentions[0]
    # the mention with the most precise location speaks for the place and the casualties
    located = sorted(
        cluster.mentions, key=lambda m: (not m.base, not m.province, not m.place, m.order)
    )
    best = located[0]
    base_id = cluster.value("base")
    province_id = best.province if best.province else cluster.value("province")
    if base_id:
        province_id = gazetteer.bases[base_id].province or province_id
    place = best.place or cluster.value("place")
    country = best.country or cluster.value("country")
    lat = lon = None
    precision = None
    if base_id:
        base = gazetteer.bases[base_id]
        lat, lon, precision = base.lat, base.lon, "base"
    elif province_id:
        province = gazetteer.provinces[province_id]
        lat, lon, precision = province.lat, province.lon, "province"
    elif country:
        state = next(
            (a for a in gazetteer.actors.values() if a.type == "state" and a.country == country),
            None,
        )
        if state is not None and state.lat is not None:
            lat, lon, precision = state.lat, state.lon, "country"

    def casualty(name: str):
        for m in located:
            if getattr(m, name) is not None:
                return getattr(m, name), getattr(m, f"{name}_qualifier")
        return None, None

    killed, killed_q = casualty("killed")
    wounded, wounded_q = casualty("wounded")
    dated = next((m for m in cluster.mentions if m.date), None)
    perpetrator = next((m for m in cluster.mentions if m.perpetrator), None)
    evidence = []
    seen = set()
    for m in cluster.mentions:
        if m.evidence in seen:
            continue
        seen.add(m.evidence)
        start, end = m.evidence
        evidence.append(Evidence(text=doc_text(doc)[start:end], start=start, end=end))
    ident = hashlib.sha256(f"{article_id}:{first.evidence[0]}:{first.cue.triggers[0]}".encode())
    return Incident(
        incident_id=ident.hexdigest()[:16],
        article_id=article_id,
        date=dated.date if dated else None,
        date_precision=dated.date_precision if dated else None,
        date_text=dated.date_text if dated else None,
        weapon=cluster.value("weapon") or "unknown",
        base=gazetteer.bases[base_id].name if base_id else None,
        place=place,
        province=gazetteer.provinces[province_id].name if province_id else None,
        country=country,
        latitude=lat,
        longitude=lon,
        geo_precision=precision,
        perpetrator=perpetrator.perpetrator if perpetrator else None,
        perpetrator_attribution=perpetrator.attribution if perpetrator else None,
        target=cluster.value("target"),
        killed=killed,
        killed_qualifier=killed_q,
        wounded=wounded,
        wounded_qualifier=wounded_q,
        casualty_group=cluster.value("casualty_group"),
        intercepted=cluster.value("intercepted"),
        evidence=evidence,
        mentions=len(cluster.mentions),
    )


__all__ = ["Mention", "incident_records", "merge_mentions", "read_mentions"]
