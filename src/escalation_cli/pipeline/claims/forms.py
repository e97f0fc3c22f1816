"""Claim forms beyond "X said that ...": verbs whose object is the assertion ("denied any
role"), claims of responsibility, accusations with the accused, naming ("X calls Y Z"),
agentless passives ("X is believed to have ..."), hearsay words ("reportedly", "alleged ties to
..."), and headline style ("Washington says militias likely behind launches")."""

from __future__ import annotations

import re

from spacy.tokens import Token

from escalation_cli import lexicon as lx
from escalation_cli.pipeline.claims.cue import ClaimCue
from escalation_cli.pipeline.claims.syntax import (
    clause_span,
    content_span,
    cue_words,
    is_distancing,
    is_negated,
    is_passive,
    noun_before,
    prep_object,
    quotation_only,
    relay_of,
    speaker_of,
    strip_span,
    until_semicolon,
)

_DOUBT = re.compile("|".join(lx.DOUBT_PHRASES), re.I)


def _object_of(verb: Token) -> Token | None:
    """What a verb of communication asserts when it takes no clause: its object ("denied any
    role"), or a gerund ("reported seeing jets")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        obj = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG"), None)
    return obj


def object_claim(verb: Token, quoted: set[int]) -> ClaimCue | None:
    """ "X denied any role", "X confirmed the death toll", "X announced plans to ...",
    "X reported seeing ...": the object is the assertion."""
    obj = _object_of(verb)
    if (
        obj is None
        or obj.i < verb.i
        or obj.pos_ == "PRON"
        or obj.lemma_.lower() in lx.CONTENTLESS_OBJECTS
        or is_passive(verb)
        or is_negated(verb)
    ):
        return None
    claimant = speaker_of(verb)
    if claimant is None:
        return None
    end = obj.right_edge.i + 1
    extended = False
    for child in verb.children:
        # "threatened Iran with a decisive response", "warned Washington of consequences",
        # "warned the BBC to steer away from ..."
        if (
            child.dep_ == "prep"
            and child.lower_ in ("with", "of", "against")
            or child.dep_ == "xcomp"
        ) and child.i == end:
            end = child.right_edge.i + 1
            extended = True
    if verb.lemma_.lower() in lx.ADDRESSEE_VERBS and not extended:
        return None  # "warned his supporters": whom, not what
    span = until_semicolon(verb.doc, strip_span(verb.doc, obj.left_edge.i, end))
    if span is None or span[1] - span[0] < 2 or quotation_only(verb.doc, span, quoted):
        return None
    return ClaimCue(
        cue=cue_words(verb),
        content=span,
        claimant=claimant.i,
        kind="object",
        distanced=is_distancing(verb),
        via=relay_of(verb),
    )


def responsibility_claim(verb: Token, quoted: set[int]) -> ClaimCue | None:
    """ "X claimed responsibility for the attack", "the group that has claimed all recent
    attacks": a claim of responsibility (the stock phrase, not doubt)."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or is_negated(verb):
        return None
    noun = obj.lemma_.lower()
    if noun in lx.RESPONSIBILITY_NOUNS:
        end = obj.right_edge.i + 1
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "for" and prep.i == end:
                end = prep.right_edge.i + 1
        span = strip_span(verb.doc, obj.i, end)
    elif verb.lemma_.lower() == "claim" and noun in lx.ATTACK_NOUNS:
        span = content_span(obj)
    else:
        return None
    if span is None or span[1] <= span[0] or quotation_only(verb.doc, span, quoted):
        return None
    claimant = speaker_of(verb)
    if claimant is not None and (
        claimant.lower_ in ("nobody", "none", "noone")
        or any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in claimant.children)
    ):
        return None  # "No group has taken responsibility for the attack": nobody claims
    return ClaimCue(
        cue=cue_words(verb),
        content=span,
        claimant=claimant.i if claimant is not None else None,
        kind="responsibility",
        distanced=False,
        responsibility=True,
    )


def accusation_claim(verb: Token, quoted: set[int]) -> ClaimCue | None:
    """ "X accused Y of Z", "X blamed Y for Z", "X blamed Z on Y" (also "Z that X blamed on
    Y" and "Z was pinned on Y"), "X held Y responsible for Z": Z is the content, Y the
    accused."""
    lemma = verb.lemma_.lower()
    doc = verb.doc
    if lemma == "charge" and is_passive(verb):
        return None  # "the Speaker is charged with ensuring order": a duty
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    obj = objects[0] if objects else None
    # (a name the parse splits into several objects, "accused Harakat al-Nujaba of ...", hangs
    # the "of" phrase on its last word)
    near = list(verb.children) + [g for o in objects for g in o.children]
    if lemma == "hold":
        responsible = next((c for c in near if c.lower_ in ("responsible", "accountable")), None)
        if responsible is None:
            return None
        near += list(responsible.children)
    content: tuple[int, int] | None = None
    accused = None
    relative = False
    on = next(
        (t for t in verb.subtree if t.i > verb.i and t.dep_ == "prep" and t.lower_ == "on"),
        None,
    )
    marker = {"accuse": ("of",), "charge": ("with", "of")}.get(lemma, ("for",))
    prep = next((c for c in near if c.dep_ == "prep" and c.lower_ in marker), None)
    if prep is not None and lemma != "pin":
        target = prep_object(prep)
        if target is not None:
            content = content_span(target)
            accused = obj
            if accused is None and is_passive(verb):
                # "Iran was accused of supplying the drones": the subject is accused
                accused = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    elif on is not None and lemma in ("blame", "pin"):
        # "X blamed Z on Y", "Z that X blamed on Y", "Z have been pinned on Y"
        accused = prep_object(on)
        blamed = obj
        if blamed is None or blamed.lower_ in ("that", "which"):
            blamed = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if blamed is None and is_passive(verb):
            blamed = noun_before(verb)  # a subject the parse hung elsewhere
        relative = blamed is None and verb.dep_ == "relcl"
        if relative:
            blamed = verb.head
            skip = {t.i for t in verb.subtree}
            content = content_span(blamed, skip)
        elif blamed is not None:
            content = content_span(blamed)
    if content is None or is_negated(verb) or quotation_only(doc, content, quoted):
        return None
    claimant = speaker_of(verb)
    if claimant is not None and claimant.dep_ == "nsubjpass":
        claimant = None
    if relative and claimant is not None and claimant.i == verb.head.i:
        claimant = None  # "fuel shortages that ... blamed": the relative's head is the content
    return ClaimCue(
        cue=cue_words(verb),
        content=content,
        claimant=claimant.i if claimant is not None else None,
        kind="accusation",
        distanced=is_distancing(verb) or _doubted(verb, accused, quoted),
        via=relay_of(verb),
        accused=accused.i if accused is not None else None,
    )


def _doubted(verb: Token, accused: Token | None, quoted: set[int]) -> bool:
    """The author doubts an accusation: "pinned, absent any evidence, on “Iranian proxies”"."""
    sent = verb.sent
    if _DOUBT.search(sent.text):
        return True
    return accused is not None and accused.i in quoted


def naming_claim(verb: Token, quoted: set[int]) -> ClaimCue | None:
    """ "X calls Y Z", "an operation X dubbed a response to ...", "X brands Y as Z", "X
    identified Y as Z": what is named and what it is named."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    complement = next((c for c in verb.children if c.dep_ in ("oprd", "xcomp", "attr")), None)
    as_prep = next(
        (
            c
            for c in list(verb.children) + list(obj.children if obj is not None else [])
            if c.dep_ == "prep" and c.lower_ == "as"
        ),
        None,
    )
    if obj is None or obj.i < verb.i or is_negated(verb) or is_passive(verb):
        return None
    if complement is not None and complement.i > obj.i:
        end = complement.right_edge.i + 1
    elif as_prep is not None:
        end = as_prep.right_edge.i + 1
    elif verb.lemma_.lower() == "dub" or verb.dep_ == "relcl":
        end = obj.right_edge.i + 1  # "an operation it dubbed a response to ..."
    else:
        return None
    span = strip_span(verb.doc, obj.left_edge.i, end)
    if span is None or span[1] - span[0] < 2 or quotation_only(verb.doc, span, quoted):
        return None
    claimant = speaker_of(verb)
    if claimant is None and verb.pos_ == "NOUN":
        claimant = next((c for c in verb.children if c.dep_ == "compound"), None)
    if claimant is None:
        return None
    return ClaimCue(
        cue=(verb.i, verb.i + 1),
        content=span,
        claimant=claimant.i,
        kind="naming",
        distanced=False,
    )


def belief_claim(verb: Token, quoted: set[int]) -> ClaimCue | None:
    """Agentless passives: "The attack was believed to have been carried out by ...", "X are
    often suspected in such incidents", "X is said to ...". The content is the whole clause,
    subject included; nobody is the claimant."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.lower_ in ("it", "this", "that", "which", "who"):
        return None
    if any(c.dep_ == "agent" for c in verb.children):
        return None
    span = clause_span(verb, subject)
    if span is None or quotation_only(verb.doc, span, quoted):
        return None
    lemma = verb.lemma_.lower()
    aux = [c.i for c in verb.children if c.dep_ == "auxpass"]
    return ClaimCue(
        cue=(min([verb.i, *aux]), verb.i + 1),
        content=span,
        claimant=None,
        kind="said_to" if lemma == "say" else "belief",
        distanced=lemma in lx.DOUBTING_PASSIVES,
    )


def hearsay_clause(adverb: Token, quoted: set[int]) -> ClaimCue | None:
    """ "a drone was reportedly shot down", "X allegedly fired ...": a clause the author
    attributes to nobody in particular."""
    verb = adverb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in lx.CLAIM_VERBS:
        return None  # "X reportedly said": the verb's own claim
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in ("which", "who", "that"):
        return None
    span = clause_span(verb, subject)
    if span is None or span[1] - span[0] < 3 or quotation_only(verb.doc, span, quoted):
        return None
    return _hearsay(adverb, span)


def hearsay_noun(adjective: Token, quoted: set[int]) -> ClaimCue | None:
    """ "a militia with alleged ties to Iran", "on alleged training missions": the noun phrase
    after the adjective is an assertion the author attributes to nobody and doubts."""
    noun = adjective.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i < adjective.i:
        return None
    span = strip_span(adjective.doc, adjective.i + 1, noun.right_edge.i + 1)
    if span is None or span[1] - span[0] < 2 or quotation_only(adjective.doc, span, quoted):
        return None
    return _hearsay(adjective, span)


def _hearsay(word: Token, span: tuple[int, int]) -> ClaimCue:
    """Attributed to nobody by ``word``; doubted unless the word is "reportedly"."""
    return ClaimCue(
        cue=(word.i, word.i + 1),
        content=span,
        claimant=None,
        kind="hearsay",
        distanced=word.lower_ not in lx.NOT_DISTANCED_HEARSAY,
    )


def headline_claim(verb: Token, quoted: set[int]) -> ClaimCue | None:
    """Headline style, where "says" takes a clause without a verb: "Washington says
    Iran-backed militias likely behind launches; ...". Only in a line with no full stop."""
    doc = verb.doc
    sent = verb.sent
    if sent.text.rstrip().endswith((".", "?", "!")) or verb.i in quoted:
        return None
    claimant = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if claimant is None:
        return None
    end = next((t.i for t in doc[verb.i + 1 : sent.end] if t.text in (";", "|")), sent.end)
    span = strip_span(doc, verb.i + 1, end)
    if span is None or span[1] - span[0] < 3 or quotation_only(doc, span, quoted):
        return None
    if not any(t.pos_ in ("NOUN", "PROPN") for t in doc[span[0] : span[1]]):
        return None
    return ClaimCue(
        cue=(verb.i, verb.i + 1),
        content=span,
        claimant=claimant.i,
        kind="headline",
        distanced=False,
    )
