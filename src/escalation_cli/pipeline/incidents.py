"""``escalation_incidents``: finds the clauses that report a concrete violent event.

For every sentence the component

1. finds trigger words (attack nouns, attack verbs, weapon verbs with a weapon),
2. drops those that are not one concrete event (generic, habitual, hypothetical, negated,
   a name in quotation marks),
3. groups the rest into events and cuts each event's zone out of the parse, so that the
   dates, places and casualty figures of one event are not read into another
   ("the US bombing was in response to a drone strike ... which killed ...").

It sets ``doc.spans["incident_mentions"]`` (one span per event mention, from its first to its
last trigger) and ``doc._.incident_cues`` (what the extractors need: triggers, zone, relation
to other events). Turning cues into records is :mod:`escalation_cli.extractors.incidents`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from escalation_cli import lexicon as lx
from escalation_cli.extensions import register_extensions
from escalation_cli.pipeline.candidates import by_sentence, tokens_with

SPAN_KEY = "incident_mentions"
# A sentence of news tells a handful of events; one with more attack words than this is a list
# or hostile text, and cutting its zones apart grows with the square of their number.
MAX_TRIGGERS_PER_SENTENCE = 24
LOCATION_LABELS = ("BASE", "PROVINCE", "PLACE")
_MILITARY_CONTEXT = frozenset(
    {
        "base",
        "bases",
        "garrison",
        "outpost",
        "forces",
        "force",
        "troops",
        "troop",
        "soldiers",
        "personnel",
        "convoy",
        "position",
        "positions",
        "site",
        "sites",
        "facility",
        "facilities",
        "headquarters",
        "depot",
        "warehouse",
        "vehicle",
        "vehicles",
        "militia",
        "militias",
        "fighters",
        "military",
        "airport",
        "airfield",
        "field",
        "embassy",
        "target",
        "targets",
        "camp",
        "compound",
        "installation",
        "point",
        "advisors",
        "advisers",
        "groups",
        "group",
        "center",
        "centers",
        "centres",
        "stores",
        "occupation",
        "patrol",
        "unit",
        "units",
    }
)
_NON_VIOLENT_ATTACK_MODIFIERS = frozenset(
    {"cyber", "verbal", "heart", "panic", "personal", "rhetorical", "media", "political", "asthma"}
)
_QUOTE_OPEN = "\"\u201c\u2018'"
_QUOTE_CLOSE = "\"\u201d\u2019'"


@dataclass(frozen=True)
class IncidentCue:
    """One mention of one event, as the parse shows it."""

    triggers: tuple[int, ...]
    zone: tuple[int, ...]
    sentence: tuple[int, int]  # token start/end of the sentence
    anaphoric: bool = False  # "the attack", "this aggression", "the same base"
    novel: bool = False  # "another attack", "a similar attack", "later that night"
    counted: bool = False  # "a third barrage": one of several told apart by number
    indefinite: bool = False  # "a US drone strike": introduced as new to the reader
    definite: bool = False  # "the rocket attack on al-Asad": told as known to the reader
    plural: bool = False  # "the attacks": told with plural nouns only
    relation: str | None = None  # relation word this event is governed by ("after", ...)
    relation_role: str | None = None  # "earlier": this event came before the governing one
    relation_offset_days: int | None = None  # "a day after" -> 1
    relation_head: int | None = None  # token of the governing predicate
    governs: tuple[int, ...] = field(default_factory=tuple)  # triggers of events it governs
    reporting_head: int | None = None  # reporting verb whose complement this event is
    alone: bool = False  # the only attack word in its sentence: the sentence is all about it
    answers_previous: bool = False  # "In response, US forces struck ...": what was told before


@Language.factory(
    "escalation_incidents",
    assigns=["doc.spans", "doc._.incident_cues", "token.pos", "token.tag"],
    requires=["token.dep", "token.lemma", "token.pos", "doc.sents", "doc.ents"],
)
def make_incident_component(nlp: Language, name: str) -> IncidentComponent:
    return IncidentComponent()


TRIGGER_LEMMAS = (
    lx.ATTACK_NOUNS
    | lx.ATTACK_VERBS
    | lx.WEAPON_VERBS
    | {"fire", "shoot", "bring", "airstrike", "airstrikes"}
)


class IncidentComponent:
    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        cues: list[IncidentCue] = []
        candidates = tokens_with(doc, LEMMA, TRIGGER_LEMMAS)
        for i in candidates:
            retag_noun(doc[i])
        quoted = quoted_names(doc) if candidates else set()
        for sent, indices in by_sentence(doc, candidates):
            if len(indices) > MAX_TRIGGERS_PER_SENTENCE:
                continue  # a list or a page of spam, not a sentence of news (and quadratic)
            found = [t for t in find_triggers(sent, indices) if t.i not in quoted]
            triggers = [t for t in found if not is_non_event(t)]
            # words of dropped triggers still bound the zones of the others
            cues.extend(build_cues(sent, group_triggers(triggers), {t.i for t in found}))
        cues = [c for c in cues if not is_generic(doc, c)]
        doc._.incident_cues = cues
        doc.spans[SPAN_KEY] = [
            Span(doc, min(c.triggers), max(c.triggers) + 1, label="INCIDENT") for c in cues
        ]
        return doc


# ---- 1. triggers -----------------------------------------------------------------------------


def weapon_of(token: Token) -> str | None:
    """The weapon class a single token names, if any."""
    lemma = token.lemma_.lower()
    text = token.text.lower()
    # a capitalised plural at the start of a sentence is sometimes tagged a proper noun, whose
    # lemma keeps the plural: "Rockets were launched ..."
    singular = text[:-1] if text.endswith("s") and len(text) > 4 else text
    for key in (text, lemma, singular):
        if key in lx.WEAPON_WORDS and " " not in key:
            if key == "mine" and token.pos_ != "NOUN":
                return None
            return lx.WEAPON_WORDS[key]
    return None


_NOUN_SLOTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


def retag_noun(token: Token) -> None:
    """An attack noun the tagger took for a verb in a noun's slot ("Retaliatory U.S. airstrikes
    in Syria ... killed eight fighters": "airstrikes" tagged VBZ, yet the subject of "killed")
    is a noun again, so that no rule reads it as a verb in the present tense."""
    if (
        token.pos_ == "VERB"
        and token.tag_ == "VBZ"
        and token.dep_ in _NOUN_SLOTS
        and token.lemma_.lower() in lx.ATTACK_NOUNS | {"airstrike"}
    ):
        token.pos_, token.tag_ = "NOUN", "NNS"


def find_triggers(sent: Span, candidates: list[int] | None = None) -> list[Token]:
    """Trigger words of one sentence (only the candidate token indices, when given)."""
    found = []
    doc = sent.doc
    tokens = sent if candidates is None else (doc[i] for i in candidates)
    for token in tokens:
        lemma = token.lemma_.lower()
        if token.pos_ in ("NOUN", "PROPN") and lemma in lx.ATTACK_NOUNS:
            if _marks_relation(token):
                continue  # "in retaliation for", "in response to": a relation, not an event
            found.append(token)
        elif (
            token.pos_ == "NOUN"
            and lemma == "fire"
            and (
                any(weapon_of(c) for c in token.children if c.dep_ in ("compound", "amod"))
                or token.head.lower_ == "under"
            )
        ):
            found.append(token)  # "came under rocket fire", "mortar fire"
        elif token.pos_ == "VERB" and lemma in lx.ATTACK_VERBS:
            if lemma == "down" or (lemma == "shoot" and _has_child(token, "down")):
                found.append(token)
            elif lemma != "down":
                found.append(token)
        elif token.pos_ == "VERB" and lemma in ("shoot", "bring") and _has_child(token, "down"):
            found.append(token)  # "shot down a drone", "the drone was brought down"
        elif token.pos_ == "VERB" and lemma in lx.WEAPON_VERBS and _has_weapon_argument(token):
            found.append(token)
        elif token.pos_ in ("NOUN", "VERB") and token.text.lower() in ("airstrikes", "airstrike"):
            found.append(token)
    return found


def _marks_relation(token: Token) -> bool:
    """ "in retaliation for US support", "as revenge for": the noun relates the event to its
    cause; it is not another event."""
    return (
        token.lemma_.lower() in lx.RELATION_WORDS
        and token.dep_ == "pobj"
        and token.head.lower_ in ("in", "as")
        and any(c.dep_ == "prep" and c.lower_ in ("for", "to", "against") for c in token.children)
    )


def _has_child(token: Token, text: str) -> bool:
    return any(c.text.lower() == text for c in token.children)


def _names_weapon(token: Token) -> bool:
    """ "rockets", or "mortar rounds", "Katyusha shells": the weapon in a compound, or "a wave of
    missiles", "a barrage of rockets": the weapon in an amount."""
    if weapon_of(token):
        return True
    if token.lower_ in ("rounds", "round", "shells", "shell", "projectiles", "projectile"):
        return any(weapon_of(c) for c in token.children if c.dep_ in ("compound", "amod"))
    if token.lemma_.lower() in lx.VOLLEY_NOUNS:
        return any(
            weapon_of(g)
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        )
    return False


def _has_weapon_argument(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr") and _names_weapon(child):
            return True
        if child.dep_ == "prep":
            if any(weapon_of(g) for g in child.children if g.dep_ == "pobj"):
                return True
    return False


def quoted_names(doc: Doc) -> set[int]:
    """Tokens inside short quotations (names and scare quotes: “Tower 22”, “escalatory attack”)."""
    inside: set[int] = set()
    open_at: int | None = None
    marks = tokens_with(doc, ORTH, set(_QUOTE_OPEN + _QUOTE_CLOSE) | {"\n\n", "\n"})
    for token in (doc[i] for i in marks):
        if token.text in _QUOTE_OPEN and open_at is None and token.text != "'":
            open_at = token.i
        elif token.text in _QUOTE_CLOSE and open_at is not None and token.text != "'":
            words = [t for t in doc[open_at + 1 : token.i] if not t.is_punct]
            # a name (“Tower 22”, “Operation X”), not a scare-quoted term (“precision strikes”)
            if 0 < len(words) <= 4 and all(t.is_title or t.is_digit or t.is_upper for t in words):
                inside.update(range(open_at + 1, token.i))
            open_at = None
        elif token.text == "\n\n" or token.is_space and "\n" in token.text:
            open_at = None
    return inside


# ---- 2. not an event -------------------------------------------------------------------------


def is_non_event(trigger: Token) -> bool:
    """Hypothetical, negated, intended, not violent at all, or a drill."""
    lemma = trigger.lemma_.lower()
    if _in_drill(trigger):
        return True
    if trigger.pos_ == "NOUN":
        mods = {c.lower_ for c in trigger.children if c.dep_ in ("amod", "compound")}
        if mods & _NON_VIOLENT_ATTACK_MODIFIERS:
            return True
        if mods & lx.UNREALISED_MODIFIERS:
            return True  # "braces for a possible Iranian retaliation": not yet an event
    if any(c.dep_ == "neg" for c in trigger.children):
        return True
    if trigger.pos_ == "VERB":
        if any(c.lower_ in lx.MODAL_AUX for c in trigger.children if c.dep_ == "aux"):
            return True
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children) and not (
            trigger.tag_ == "VBN"
            and any(c.dep_ == "aux" and c.lower_ == "have" for c in trigger.children)
        ):
            # "seeking to attack", "to launch future strikes" (but "claimed to have targeted
            # the base": a past event, as its perpetrator tells it)
            return True
        if lemma in ("attack", "hit", "target", "strike") and not _military_context(trigger):
            return True
    # governed by a hypothetical head or a conditional within the clause chain
    below = trigger
    for depth, head in enumerate(_ancestors(trigger)):
        if depth > 3 or _factual_clause(below):
            break  # "will respond after a drone attack killed three": the attack happened
        below = head
        if head.lemma_.lower() in lx.HYPOTHETICAL_HEADS and head.lemma_.lower() not in ("respond",):
            return True
        if any(c.dep_ == "mark" and c.lower_ in lx.CONDITIONAL_MARKS for c in head.children):
            return True
        if head.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "aux" and c.lower_ in lx.MODAL_AUX for c in head.children
        ):
            return True
        if (
            head.pos_ == "VERB"
            and any(c.dep_ == "neg" for c in head.children)
            and depth == 0
            and head.lemma_.lower() in lx.LIGHT_VERBS | lx.ATTACK_VERBS
        ):
            return True  # "did not launch an attack" (but "the strikes did not result in ...")
    return False


def _in_drill(trigger: Token) -> bool:
    """ "fires a howitzer during a live-fire exercise": training, not an attack."""
    anchor = trigger
    for _ in range(3):
        if anchor.pos_ == "VERB" or anchor.head.i == anchor.i:
            break
        anchor = anchor.head
    return any(
        t.lemma_.lower() in lx.DRILL_WORDS
        # "struck a training facility", "a militia training camp": a place, not a drill
        and not (t.dep_ in ("compound", "amod", "nmod") and t.head.lemma_.lower() in _DRILL_PLACES)
        for t in anchor.subtree
    )


_DRILL_PLACES = frozenset(
    {
        *("facility", "camp", "centre", "center", "site", "base", "ground", "compound"),
        *("school", "academy", "area", "complex", "headquarters", "range"),
    }
)


def _military_context(verb: Token) -> bool:
    sent = verb.sent
    window = sent.doc[max(sent.start, verb.i - 8) : min(sent.end, verb.i + 9)]
    for token in window:
        if weapon_of(token) or token.lower_ in _MILITARY_CONTEXT:
            return True
        if token.ent_type_ in LOCATION_LABELS:
            return True
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.ent_type_ in ("ACTOR", "NORP", "ORG"):
            return True
    return False


_FACTUAL_MARKS = frozenset({"after", "since", "because", "following"})


def _factual_clause(token: Token) -> bool:
    """A clause told as fact whatever the clause above it says: "after", "since", "because"."""
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _FACTUAL_MARKS for c in token.children
    )


def _ancestors(token: Token):
    seen = 0
    while token.head.i != token.i and seen < 12:
        token = token.head
        seen += 1
        yield token


# ---- 3. events and zones ---------------------------------------------------------------------


_ANCHORS = ("escalation", "anchors")


def _anchor(trigger: Token) -> tuple[Token, Token | None]:
    """The clause a trigger belongs to, and the relation word crossed to reach it (if any).
    Asked many times per trigger: remembered per Doc."""
    cache = trigger.doc.user_data.setdefault(_ANCHORS, {})
    found = cache.get(trigger.i)
    if found is None:
        found = cache[trigger.i] = _find_anchor(trigger)
    return found


def _find_anchor(trigger: Token) -> tuple[Token, Token | None]:
    current = trigger
    previous = trigger
    while True:
        if (
            current is not trigger
            and current.pos_ == "VERB"
            and (current.lemma_.lower() in lx.RESPONSE_VERBS)
        ):
            # "retaliated with air strikes" is the response itself; "responded to the attack"
            # crosses into the event answered
            if previous.lower_ in lx.INSTRUMENT_PREPS:
                return current, None
            return current, current
        if (
            current is not trigger
            and previous.lower_ in lx.INSTRUMENT_PREPS
            and current.dep_ == "pobj"
            and current.head.lower_ in ("to", "for")
            and current.head.head.lemma_.lower() in lx.RESPONSE_VERBS
        ):
            # a parse that hangs "with airstrikes" on the attack in "responded to the attack
            # with airstrikes": the airstrikes are still the response
            return current.head.head, None
        if (
            current is not trigger
            and current.pos_ == "VERB"
            and current.lemma_.lower() in ("precede", "follow")
            and previous.dep_ in ("nsubj", "nsubjpass")
        ):
            return current, None  # "The targeting ... was preceded by X": the later event
        if (
            current is not trigger
            and current.pos_ == "VERB"
            and current.lemma_.lower() in ("precede", "follow")
            and previous.dep_ in ("dobj", "agent")
        ):
            return current, current  # "This explosion follows an earlier attack on ..."
        if current is not trigger and current.lower_ in lx.RELATION_WORDS:
            return current, current
        if (
            current is not trigger
            and current.lemma_.lower() in lx.RELATION_WORDS
            and current.pos_ in ("VERB", "NOUN")
        ):
            return current, current
        if current.pos_ in ("VERB", "AUX") and current is not trigger:
            lemma = current.lemma_.lower()
            if (
                lemma in lx.LIGHT_VERBS
                or lemma in lx.ATTACK_VERBS
                or lemma in lx.WEAPON_VERBS
                or current.pos_ == "AUX"
                or lemma in ("be", "result", "occur", "take", "happen", "cause", "leave")
            ):
                # a light or attack verb: the event is the whole clause; keep climbing only
                # through verb-to-verb links that do not cross a relation word
                head = current.head
                if (
                    current.dep_ in ("advcl", "xcomp", "conj")
                    and head.i != current.i
                    and not _has_relation_mark(current)
                    and _is_event_verb(head)
                ):
                    current = head
                    continue
                return current, None
            return current, None
        if current.pos_ == "VERB" and current is trigger:
            head = current.head
            own_subject = current.dep_ == "conj" and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in current.children
            )
            if (
                current.dep_ in ("advcl", "xcomp", "conj", "acl", "relcl")
                and head.i != current.i
                and not _has_relation_mark(current)
                and not own_subject  # "rockets hit A, and a barrage hit B": two events
            ):
                if (
                    _is_event_verb(head)
                    or (current.dep_ == "acl" and head.pos_ == "NOUN")
                    or (current.dep_ == "relcl" and head.lemma_.lower() in lx.ATTACK_NOUNS)
                ):
                    current = head
                    continue
            return current, None
        if current.head.i == current.i:
            return current, None
        previous = current
        current = current.head


def _is_event_verb(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return token.pos_ in ("VERB", "AUX") and (
        lemma in lx.ATTACK_VERBS or lemma in lx.LIGHT_VERBS or lemma in lx.WEAPON_VERBS
    )


def _has_relation_mark(verb: Token) -> bool:
    return any(c.dep_ in ("mark", "prep") and c.lower_ in lx.RELATION_WORDS for c in verb.children)


def group_triggers(triggers: list[Token]) -> list[list[Token]]:
    """Triggers that share a clause anchor (without crossing a relation word) are one event."""
    groups: dict[int, list[Token]] = {}
    order: list[int] = []
    for trigger in triggers:
        anchor, relation = _anchor(trigger)
        key = -1 - relation.i if relation is not None else anchor.i
        # a trigger inside the subtree of another trigger of the same anchor joins it
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(trigger)
    # a trigger that is itself the anchor of another group joins that group
    merged: dict[int, list[Token]] = {}
    for key in order:
        members = groups[key]
        target = next((k for k in merged if any(t.i == key for t in merged[k])), None)
        if target is None:
            target = next((k for k, ms in merged.items() if any(m.i == key for m in ms)), None)
        if target is not None:
            merged[target].extend(members)
        else:
            merged[key] = list(members)
    return [sorted(ms, key=lambda t: t.i) for ms in merged.values()]


def build_cues(
    sent: Span, groups: list[list[Token]], bounds: set[int] = frozenset()
) -> list[IncidentCue]:
    doc = sent.doc
    all_triggers = {t.i for g in groups for t in g} | set(bounds)
    cues = []
    answers_previous = _answers_previous(sent) if groups else False
    for group in groups:
        others = all_triggers - {t.i for t in group}
        zone = _zone(group, others, sent)
        relation, role, offset, head = _relation(group, sent)
        governs = tuple(sorted(i for i in others if _governed_by(doc[i], group, sent)))
        cues.append(
            IncidentCue(
                triggers=tuple(t.i for t in group),
                zone=tuple(sorted(zone)),
                sentence=(sent.start, sent.end),
                anaphoric=_anaphoric(group, zone, doc),
                novel=_novel(group, zone, doc),
                counted=_counted(group),
                indefinite=any(
                    c.dep_ == "det" and c.lower_ in ("a", "an") for t in group for c in t.children
                ),
                plural=_plural(group),
                definite=any(_definite(t) for t in group),
                relation=relation,
                relation_role=role,
                relation_offset_days=offset,
                relation_head=head,
                governs=governs,
                reporting_head=_reporting_head(group),
                alone=len(groups) == 1 and set(bounds) <= {t.i for t in group},
                answers_previous=answers_previous,
            )
        )
    return cues


_ANSWER_NOUNS = frozenset({"response", "retaliation", "reprisal", "return"})


def _answers_previous(sent: Span) -> bool:
    """A sentence opening "In response," or "In retaliation," answers the event told before it
    (with no "to"/"for" phrase naming another)."""
    words = [t for t in sent if not t.is_space][:3]
    if len(words) < 3 or words[0].lower_ != "in" or words[1].lower_ not in _ANSWER_NOUNS:
        return False
    return words[2].text == "," and not any(c.dep_ == "prep" for c in words[1].children)


def _zone(group: list[Token], others: set[int], sent: Span) -> set[int]:
    """Tokens that describe this event: the triggers' subtrees and the anchor clause,
    minus the subtrees of relation phrases and of other events' triggers."""
    doc = sent.doc
    zone: set[int] = set()
    blocked: set[int] = set()
    own = {t.i for t in group}
    for i in others:
        sub = {t.i for t in doc[i].subtree}
        if not sub & own:  # an event nested in ours is cut out; one around ours is not
            blocked.update(sub)
    for trigger in group:
        anchor, relation = _anchor(trigger)
        roots = [trigger]
        if relation is None and anchor is not trigger:
            roots.append(anchor)
        if trigger.dep_ == "amod" and trigger.head.pos_ in ("NOUN", "PROPN"):
            # a parse that makes "targeted" an adjective: "initially targeted facilities in X"
            zone.update(t.i for t in trigger.head.subtree)
        if trigger.dep_ in ("relcl", "acl") and trigger.head.pos_ in ("NOUN", "PROPN"):
            # "the drone that attacked the base": the antecedent is part of the event
            antecedent = trigger.head
            zone.update(t.i for t in antecedent.subtree if t.i <= antecedent.i)
        for root in roots:
            zone.add(root.i)
            for child in root.children:
                if child.lower_ in lx.RELATION_WORDS and not any(
                    t.i in {x.i for x in child.subtree} for t in group
                ):
                    continue
                if (
                    root is not trigger
                    and child.dep_ in ("nsubj", "nsubjpass")
                    and root.lemma_.lower() in lx.TELLING_VERBS
                    and not any(t.i in {x.i for x in child.subtree} for t in group)
                ):
                    continue  # "The service in the Kurdistan Region released details about
                    # the attack": who tells is not where it happened
                if child.dep_ in ("ccomp", "parataxis") and root is not trigger:
                    continue
                if (
                    root is not trigger
                    and child.pos_ == "VERB"
                    and child.lemma_.lower() in lx.REPORTING_VERBS
                    and not any(t.i in {x.i for x in child.subtree} for t in group)
                ):
                    continue  # "X was killed in the strike, the group said Friday": the day
                    # it was said
                sub = {t.i for t in child.subtree}
                if sub & others and not any(t.i in sub for t in group):
                    # keep the part of the child that is not another event
                    sub -= blocked
                zone.update(sub)
    zone -= blocked - {t.i for t in group}
    # remove relation phrases that lead to other events or times ("in the wake of tensions
    # following the events of October 7"), but not a time of this event ("after midnight")
    for i in list(zone):
        token = doc[i]
        if token.pos_ in ("VERB", "AUX"):
            continue  # "preceded" as this event's own verb
        if token.lower_ not in lx.RELATION_WORDS or token.lower_ in ("between", "than", "like"):
            continue
        sub = {t.i for t in token.subtree}
        if sub & {t.i for t in group}:
            continue
        objects = [c for c in token.children if c.dep_ in ("pobj", "dobj", "pcomp")]
        if sub & others or not any(o.ent_type_ in ("TIME",) for o in objects):
            zone -= sub
    return {i for i in zone if sent.start <= i < sent.end}


def _relation(group: list[Token], sent: Span):
    """How this event is governed by a relation word: (word, role, offset_days, head)."""
    for trigger in group:
        anchor, relation = _anchor(trigger)
        if relation is None:
            # "... came a day after US warplanes launched strikes": the mark is on the verb
            verb = anchor if anchor.pos_ in ("VERB", "AUX") else None
            relation = (
                next(
                    (
                        c
                        for c in verb.children
                        if c.dep_ == "mark" and c.lower_ in lx.RELATION_WORDS and c.i < verb.i
                    ),
                    None,
                )
                if verb
                else None
            )
            if relation is None:
                continue
            relation = _RelationOnVerb(relation, verb)
        word = relation.lower_ if relation.lower_ in lx.RELATION_WORDS else relation.lemma_.lower()
        role = (
            "earlier"
            if word in lx.EARLIER_RELATIONS
            else (
                "later"
                if word in ("before", "prior", "ahead", "preceded") and word != "preceded"
                else None
            )
        )
        if word == "preceded":
            role = "earlier"
        offset = _offset_before(relation)
        head = relation.head
        if isinstance(relation, _RelationOnVerb):
            head = relation.verb.head
            relation = relation.token
            word = relation.lower_
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        return word, role, offset, head.i
    return None, None, None, None


class _RelationOnVerb:
    """A relation word that marks a verb ("after" in "a day after X launched")."""

    def __init__(self, token: Token, verb: Token) -> None:
        self.token, self.verb = token, verb
        self.lower_, self.lemma_, self.i, self.doc = token.lower_, token.lemma_, token.i, token.doc
        self.head = verb.head


def _offset_before(relation) -> int | None:
    doc = relation.doc
    left = doc[max(0, relation.i - 3) : relation.i].text.lower()
    match = re.search(r"\b(a|one|two|three|four|five|six|seven|\d+)\s+(day|days)\s*$", left)
    if match:
        word = match.group(1)
        return int(word) if word.isdigit() else lx.NUMBER_WORDS.get(word)
    if re.search(r"\b(the )?(next|following) day\s*$", left):
        return 1
    return None


def _governed_by(token: Token, group: list[Token], sent: Span) -> bool:
    anchor, relation = _anchor(token)
    if relation is None:
        return False
    group_ids = {t.i for t in group}
    if any(_anchor(t)[0].i == relation.i for t in group):
        return True  # "the US responded to the attack with airstrikes": the verb is theirs
    head = relation.head
    for _ in range(6):
        if head.i in group_ids:
            return True
        anchor_head, _rel = _anchor(head) if head.pos_ != "VERB" else (head, None)
        if anchor_head.i in group_ids or any(_anchor(t)[0].i == head.i for t in group):
            return True
        if head.head.i == head.i:
            break
        head = head.head
    return False


def _definite(trigger: Token) -> bool:
    """ "the rocket attack", "this strike", "its raid", also where the parse hangs the article
    on the noun before ("The precision strikes" read as "The precision" + "strikes")."""
    if any(c.dep_ in ("det", "poss") and c.lower_ in lx.ANAPHORIC_DETS for c in trigger.children):
        return True
    first = trigger.left_edge
    return (
        trigger.pos_ == "NOUN"
        and first.dep_ == "det"
        and first.lower_ in lx.ANAPHORIC_DETS
        and first.head.i < trigger.i
        and first.head.head.i == trigger.i
        and first.head.pos_ == "NOUN"
    )


def _anaphoric(group: list[Token], zone: set[int], doc: Doc) -> bool:
    for trigger in group:
        dets = [c for c in trigger.children if c.dep_ in ("det", "poss", "amod")]
        if (
            trigger.pos_ in ("NOUN", "PROPN")
            and any(d.lower_ in lx.ANAPHORIC_DETS for d in dets)
            and not any(d.lower_ in lx.NOVELTY_WORDS for d in dets)
        ):
            # "the drone strike on its base in Hasakah, which killed" is definite but new
            # information; only the bare definite refers back
            if not any(doc[i].ent_type_ in LOCATION_LABELS for i in zone):
                return True
            if any(d.lower_ in ("this", "that", "these", "those", "same") for d in dets):
                return True
    for trigger in group:
        # "The drone was shot down": a weapon already told of
        for child in trigger.children:
            if (
                child.dep_ in ("nsubj", "nsubjpass", "dobj")
                and weapon_of(child)
                and any(
                    d.lower_ in ("the", "this", "that", "these", "those")
                    for d in child.children
                    if d.dep_ == "det"
                )
                and not any(doc[i].ent_type_ in LOCATION_LABELS for i in zone)
            ):
                return True
    for trigger in group:
        # "10 rockets had hit the base": a place already told of, named by a bare noun
        for target in _targets(trigger):
            if (
                target.lemma_.lower() in lx.INSTALLATION_NOUNS
                and any(
                    d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in target.children
                )
                and not any(doc[i].ent_type_ in LOCATION_LABELS for i in zone)
            ):
                return True
    text = " ".join(doc[i].lower_ for i in sorted(zone))
    return bool(re.search(r"\bthe same (base|attack|strike|site|facility|target)", text))


def _targets(trigger: Token) -> list[Token]:
    """What an event word says was hit: its object, or the object of "on", "at", "against"."""
    found = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    found += [
        g
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ in ("on", "at", "against", "into", "inside")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return found


def _novel(group: list[Token], zone: set[int], doc: Doc) -> bool:
    for trigger in group:
        words = {c.lower_ for c in trigger.children if c.dep_ in ("det", "amod")}
        if words & (lx.NOVELTY_WORDS - lx.ORDINAL_NOVELTY):
            return True

    sent_start = doc[min(group, key=lambda t: t.i).i].sent.start
    opening = doc[sent_start : min(sent_start + 4, len(doc))].text.lower()
    return bool(re.match(r"(later|hours later|then|subsequently|meanwhile|in a separate)", opening))


def _plural(group: list[Token]) -> bool:
    """Told in the plural: "the attacks", or a verb of plural weapons ("drones were launched")
    or repeated ("launched twice")."""
    nouns = [t for t in group if t.pos_ in ("NOUN", "PROPN")]
    if nouns:
        return all(t.tag_ in ("NNS", "NNPS") for t in nouns)
    for verb in group:
        if any(c.lower_ in lx.COUNT_WORDS for c in verb.children):
            return True
        if any(
            c.dep_ in ("nsubjpass", "dobj") and c.tag_ == "NNS" and weapon_of(c)
            for c in verb.children
        ):
            return True
    return False


def _counted(group: list[Token]) -> bool:
    """ "a second attack", "a third barrage": an event counted among others. Definite ordinals
    describe the event told ("the second attack on the base this month")."""
    for trigger in group:
        words = {c.lower_ for c in trigger.children if c.dep_ in ("det", "amod")}
        definite = words & {"the", "this", "that"} or trigger.dep_ == "attr"
        if words & lx.ORDINAL_NOVELTY and not definite:
            return True
    return False


def _reporting_head(group: list[Token]) -> int | None:
    for trigger in group:
        anchor, relation = _anchor(trigger)
        if relation is not None:
            continue
        verb = anchor if anchor.pos_ in ("VERB", "AUX") else None
        if verb is None:
            continue
        head = verb
        for _ in range(3):
            if head.dep_ in ("ccomp", "xcomp") and head.head.lemma_.lower() in lx.REPORTING_VERBS:
                return head.head.i
            if head.head.i == head.i:
                break
            head = head.head
    return None


# ---- generic statements ----------------------------------------------------------------------


def is_generic(doc: Doc, cue: IncidentCue) -> bool:
    """Habitual or generic statements ("attacks have become more regular")."""
    zone_tokens = [doc[i] for i in cue.zone]
    words = {t.lower_ for t in zone_tokens}
    triggers = [doc[i] for i in cue.triggers]
    has_location = any(t.ent_type_ in LOCATION_LABELS for t in zone_tokens)
    has_date = any(t.ent_type_ in ("DATE", "TIME") for t in zone_tokens)
    habitual = words & lx.HABITUAL_WORDS
    if habitual - lx.COUNT_WORDS or (habitual and not has_location):
        # "twice" and "three times" count attacks on one named place ("launched twice against
        # the Ain al-Asad airbase"): one incident that repeats, not a habit
        return True
    # the tally words ("since mid-October") sit in relation phrases the zone leaves out
    clause = sorted(set(cue.zone) | {t.i for i in cue.triggers for t in _anchor(doc[i])[0].subtree})
    clause_text = " ".join(doc[i].lower_ for i in clause if cue.sentence[0] <= i < cue.sentence[1])
    if re.search(r"\b(since|for) (years|months|decades|the start|the beginning)\b", clause_text):
        return True
    if re.search(
        r"\bsince (\w+ )?(came|took|mid|early|late|the|last|\d{4}|january|february|march"
        r"|april|may|june|july|august|september|october|november|december)",
        clause_text,
    ):
        # "have targeted American bases since mid-October": a tally, not one event
        if (
            any(
                t.tag_ in ("VBN",) and any(c.lemma_ == "have" for c in t.children)
                for t in zone_tokens
            )
            or "most" in words
            or "several" in words
        ):
            return True
    for trigger in triggers:
        if trigger.pos_ in ("NOUN", "PROPN") and trigger.tag_ in ("NNS", "NNPS"):
            mods = {c.lower_ for c in trigger.children}
            if mods & {
                "frequent",
                "regular",
                "repeated",
                "numerous",
                "countless",
                "constant",
                "future",
                "possible",
                "potential",
                "more",
                "further",
                "any",
                "such",
                "most",
                "many",
                "extensive",
                "continued",
                "ongoing",
                "recurring",
                "all",
            } or ("recent" in mods and not mods & {"the", "these", "this", "those"}):
                return True  # "recent attacks" are a tally, "the recent US airstrikes" are not
            if (
                _is_bare_plural(trigger)
                and not has_location
                and not has_date
                and not _told_as_past_event(trigger)
            ):
                return True
            if any(c.lower_ == "like" for c in trigger.children):
                return True
            targets = [
                g
                for c in trigger.children
                if c.dep_ == "prep" and c.lower_ in ("on", "against")
                for g in c.children
                if g.dep_ == "pobj"
            ]
            if any(
                m.lower_ in ("several", "multiple", "various", "many", "numerous")
                or (m.dep_ == "nummod" and t.tag_ == "NNS" and (_number(m) or 0) > 1)
                for t in targets
                if t.lemma_.lower() in _GARRISON_NOUNS or t.lower_ in _GARRISON_NOUNS
                for m in t.children
            ):
                return True  # "attacks on several bases", "on three bases": a tally of events
                # (but "airstrikes on more than 85 targets" is one wave)
        if trigger.pos_ == "VERB":
            perfect = any(
                c.lower_ in ("has", "have", "'ve") and c.dep_ in ("aux", "auxpass")
                for c in trigger.children
            )
            if (
                perfect
                and not has_date
                and not any(doc[i].ent_type_ == "BASE" for i in cue.zone)
                and not any(_one_thing(c) for c in trigger.children)
            ):
                return True  # "militias have attacked US bases" (but "a drone has targeted
                # a base in Kurdistan": one event, told as news)
            if (
                trigger.tag_ in ("VBZ", "VBP")
                and not has_date
                and not (trigger.i > 0 and weapon_of(doc[trigger.i - 1]))
            ):
                return True  # present tense: "militias attack US bases" (but "drone strikes"
                # tagged as a verb is a noun)
            arguments = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
            if (
                not has_date
                and not has_location
                and arguments
                and not any(_is_specific(a) for a in arguments)
            ):
                return True  # "as Syria occupation bases get hit"
        head = trigger.head
        if head.lower_ == "of" and head.head.lower_ in (
            "most",
            "many",
            "some",
            "campaign",
            "series",
            "wave",
            "string",
            "spate",
        ):
            return True
        if (
            trigger.lower_ in ("attacks", "strikes")
            and head.lower_ in ("of",)
            and head.head.lemma_ in ("campaign", "series", "wave", "string", "spate")
        ):
            return True
    return False


# Where forces are posted: attacks on several of them are several events.
_GARRISON_NOUNS = frozenset(
    {
        *("base", "airbase", "garrison", "outpost", "camp", "embassy", "consulate"),
        *("bases", "airbases", "garrisons", "outposts", "camps", "embassies", "consulates"),
        *("installation", "installations"),
    }
)

_SMALL_NUMBERS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}


def _number(token: Token) -> int | None:
    """A numeral's value: digits or a small number word."""
    text = token.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    return _SMALL_NUMBERS.get(text)


def _told_as_past_event(trigger: Token) -> bool:
    """ "The U.S. retaliated with air strikes": a bare plural in a clause told in the simple
    past, with a named subject, is one event ("militias attack bases" is not)."""
    anchor, relation = _anchor(trigger)
    if relation is not None or anchor.tag_ != "VBD":
        return False
    if any(
        t.tag_ in ("NN", "NNP")
        and any(c.dep_ == "det" for c in t.children)
        or t.ent_type_ == "BASE"
        for t in _targets(trigger)
    ):
        return True  # "launched drone strikes on a military facility": one target, one event
    subject = next((c for c in anchor.children if c.dep_ == "nsubj"), None)
    return subject is not None and (
        subject.ent_type_ != ""
        or subject.pos_ == "PROPN"
        # "Iraqi resistance fighters", "US jets": named by who they are
        or any(c.ent_type_ in ("ACTOR", "NORP") for c in subject.children)
    )


def _is_specific(token: Token) -> bool:
    """A noun phrase that points at particular things: a determiner, a number, a name."""
    if token.pos_ in ("PRON", "PROPN") or token.ent_type_:
        return True
    if token.tag_ in ("NN",):
        return True
    return any(c.dep_ in ("det", "nummod", "poss") for c in token.children)


def _one_thing(token: Token) -> bool:
    """A subject or object that is one particular thing: "a drone", "the base"."""
    return (
        token.dep_ in ("nsubj", "nsubjpass", "dobj")
        and token.tag_ == "NN"
        and any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in token.children)
    )


def _is_bare_plural(token: Token) -> bool:
    for child in token.children:
        if child.dep_ in ("det", "poss", "nummod"):
            return False
        if child.dep_ == "compound" and child.ent_type_ in ("ACTOR", "NORP", "GPE"):
            return False
        if child.dep_ == "amod" and child.ent_type_ in ("ACTOR", "NORP"):
            return False
    return True
