"""Reported speech: "X said (that) ...", "..., X said", "according to X, ...", "as per X's
statement, ...", "its statement that ...", "amid reports that ...". The verb dispatches to the
other forms of ``forms``."""

from __future__ import annotations

from spacy.tokens import Span, Token

from escalation_cli import lexicon as lx
from escalation_cli.pipeline.claims.cue import ClaimCue
from escalation_cli.pipeline.claims.forms import (
    accusation_claim,
    belief_claim,
    headline_claim,
    naming_claim,
    object_claim,
    responsibility_claim,
)
from escalation_cli.pipeline.claims.syntax import (
    closes_sentence,
    content_span,
    cue_words,
    doc_tokens_from,
    frames_quotation,
    is_distancing,
    is_negated,
    is_passive,
    prep_object,
    quotation_only,
    relay_of,
    semicolon_between,
    skip_dateline,
    speaker_of,
    strip_end,
    strip_span,
    that_clause,
    until_semicolon,
)

# verbs that may close a sentence as its attribution: "..., the Pentagon said in a statement"
TRAILING_VERBS = lx.CLAIM_VERBS - lx.ACCUSATION_VERBS - lx.NAMING_VERBS - lx.PASSIVE_BELIEF_VERBS

TRAILING_VERBS = TRAILING_VERBS | {"say", "claim"}


def trailing_claim(sent: Span, quoted: set[int]) -> ClaimCue | None:
    """ "CONTENT, The New York Times reported Friday." when the parse missed the link; also
    "CONTENT, the group he was loyal to said", "CONTENT, X tweeted, saying ..."."""
    doc = sent.doc
    if len(sent) < 6:
        return None
    for verb in reversed(sent):
        if (
            verb.pos_ != "VERB"
            or verb.lemma_.lower() not in TRAILING_VERBS
            and verb.lower_ not in ("said", "says")
            or verb.tag_ == "VBG"
        ):
            continue  # (", saying ...": a claim of its own after the trailing verb)
        inverted = _inverted_speaker(verb, sent)
        if verb.i in quoted or any(
            c.dep_ == "ccomp"
            and c.lemma_.lower() not in _SOURCE_VERBS
            and (inverted is None or c.i > verb.i)
            for c in verb.children
        ):
            return None
        if is_passive(verb) or any(c.dep_ == "agent" for c in verb.children):
            return None  # "..., an explosion was reported", "..., claims denied by Labour"
        speaker = inverted
        if speaker is None and not _ends_clause(verb, sent):
            continue
        if speaker is not None:
            # "CONTENT, reported Dubai-based Al Hadath news channel": the speaker after the verb
            start = skip_dateline(doc, sent.start, verb.i - 1)
            span = (start, verb.i - 1)
            if span[1] - span[0] < 3 or quotation_only(doc, span, quoted):
                return None
            return ClaimCue(
                cue=(verb.i, verb.i + 1),
                content=span,
                claimant=speaker.i,
                kind="trailing",
                distanced=is_distancing(verb),
            )
        if any(
            c.i > verb.i
            and (c.dep_ == "dobj" and verb.lemma_.lower() != "tell" or c.dep_ == "xcomp")
            for c in verb.children
        ):
            return None  # "..., the group announced the targeting of ...": its own object
        comma = next((t for t in reversed(doc[sent.start : verb.i]) if t.text == ","), None)
        if comma is None or verb.i - comma.i > 14:
            return None
        region = [t for t in doc[comma.i + 1 : verb.i] if not t.is_space]
        if (
            not region
            or region[0].pos_ not in ("DET", "PROPN", "NOUN", "ADJ", "PRON", "NUM")
            or any(t.i in quoted for t in region)
            or not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in region)
        ):
            return None
        start = skip_dateline(doc, sent.start, comma.i)
        span = (start, comma.i)
        if span[1] - span[0] < 3 or quotation_only(doc, span, quoted):
            return None
        return ClaimCue(
            cue=(verb.i, verb.i + 1),
            content=span,
            claimant=_region_head(region, verb).i,
            kind="trailing",
            distanced=is_distancing(verb),
        )
    return None


def _inverted_speaker(verb: Token, sent: Span) -> Token | None:
    """The speaker of an attribution told verb first, right after the comma ("..., reported
    Al Hadath news channel", "..., said Col. Joe Buccino"): a named noun phrase after the
    verb, which has no subject before it."""
    doc = sent.doc
    if verb.i - 1 <= sent.start or doc[verb.i - 1].text != ",":
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i for c in verb.children):
        return None
    children = list(verb.children)
    for child in verb.children:
        if child.dep_ == "ccomp" and child.lemma_.lower() in _SOURCE_VERBS:
            # "..., reported TASS citing a local channel": the parse makes TASS the subject of
            # "citing"
            children += [c for c in child.children if c.dep_ == "nsubj" and c.i < child.i]
    for child in children:
        if child.i > verb.i and child.dep_ in ("dobj", "nsubj", "attr", "npadvmod"):
            words = list(child.subtree)
            rest = doc[words[-1].i + 1 : sent.end]
            ends = all(t.is_punct or t.is_space for t in rest) or (
                rest[0].text == "," or rest[0].lemma_.lower() in _SOURCE_VERBS
            )
            if ends and any(
                t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "PERSON", "ACTOR") for t in words
            ):
                return child
    return None


def _ends_clause(verb: Token, sent: Span) -> bool:
    """Only a few words of its own follow the verb ("said in a statement on Friday"), then
    the sentence ends or a participle adds more (", saying ...")."""
    doc = sent.doc
    tail = 0
    for token in doc[verb.i + 1 : sent.end]:
        if token.text in (",", ";"):
            return True
        if token.is_space or token.is_punct:
            continue
        tail += 1
        if tail > 10 or token.pos_ == "VERB" and token.lemma_.lower() not in _SOURCE_VERBS:
            return False
    return True


# "..., officials said, citing preliminary information", "speaking on condition of anonymity"
_SOURCE_VERBS = frozenset({"cite", "quote", "speak"})


def _region_head(region: list[Token], verb: Token) -> Token:
    """The speaker in the words between the comma and a trailing verb: the verb's subject,
    else the word the others hang on ("the group he was loyal to")."""
    inside = {t.i for t in region}
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i in inside), None)
    if subject is not None:
        return subject
    heads = [t for t in region if t.pos_ in ("NOUN", "PROPN", "PRON") and t.head.i not in inside]
    return heads[0] if heads else region[-1]


def verb_claim(verb: Token, quoted: set[int]) -> ClaimCue | None:
    lemma = verb.lemma_.lower()
    if lemma in lx.ACCUSATION_VERBS:
        return accusation_claim(verb, quoted)
    if lemma in lx.NAMING_VERBS:
        named = naming_claim(verb, quoted)
        if named is not None:
            return named
    content_head = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if content_head is None:
        content_head = that_clause(verb)
    exclude: set[int] = set()
    if (
        content_head is None
        and verb.dep_ == "parataxis"
        and verb.head.i > verb.i + 1
        and verb.nbor(1).text in (",", ":")
        and verb.head.pos_ in ("VERB", "AUX")
    ):
        # "A statement issued by X said, Iran must stop ...": the clause the parse hung it on
        content_head = verb.head
        exclude = {t.i for t in verb.subtree} | {verb.i + 1}
    if content_head is not None and semicolon_between(verb, content_head):
        content_head = None  # "Washington says ...; Iraqi PM pans incident": another clause
    if content_head is None:
        if lemma in lx.PASSIVE_BELIEF_VERBS and is_passive(verb):
            return belief_claim(verb, quoted)
        if lemma in lx.RESPONSIBILITY_VERBS:
            claimed = responsibility_claim(verb, quoted)
            if claimed is not None or lemma != "claim":
                return claimed
        if lemma in lx.OBJECT_CLAIM_VERBS:
            return object_claim(verb, quoted)
        if lemma == "say":
            return headline_claim(verb, quoted)
        return None
    if content_head.pos_ not in ("VERB", "AUX", "NOUN", "PROPN", "ADJ"):
        return None
    if frames_quotation(content_head, quoted):
        return None
    if content_head.pos_ not in ("VERB", "AUX") and not any(
        c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" for c in content_head.children
    ):
        return None  # (a parse of "that the airstrikes targeted X" as a noun is still a clause)
    # "X claimed that A and reiterated that B": B is a claim of its own
    # and "X said that A, adding that B": B is a claim of its own
    own_claims = exclude | {
        t.i
        for c in content_head.subtree
        if c.dep_ in ("conj", "advcl")
        and c.pos_ == "VERB"
        and c.lemma_.lower() in lx.CLAIM_VERBS
        and c.i > content_head.i
        and (any(g.dep_ == "ccomp" for g in c.children) or that_clause(c) is not None)
        for t in doc_tokens_from(c)
    }
    span = content_span(content_head, own_claims)
    if span is None:
        return None
    if span[0] < verb.i < span[1] and content_head.i > verb.i:
        # "..., which it claimed had “inflicted no damage”": the claim starts after the verb
        span = (verb.i + 1, span[1])
    if span[1] - span[0] < 2 or quotation_only(verb.doc, span, quoted):
        return None
    claimant = speaker_of(verb)
    kind = "verb"
    if claimant is None and not is_passive(verb):
        return None  # "It is worth noting that ...": the author's own words
    if claimant is not None and claimant.lower_ == "it" and is_passive(verb):
        claimant = None  # "it was reported that"
        kind = "passive"
    elif claimant is None and is_passive(verb):
        kind = "passive"
    return ClaimCue(
        cue=cue_words(verb),
        content=span,
        claimant=claimant.i if claimant is not None else None,
        kind=kind,
        distanced=is_distancing(verb),
        via=relay_of(verb),
    )


_CLAIM_OF = frozenset({"claim", "report", "allegation"})


def noun_claim(noun: Token, quoted: set[int]) -> ClaimCue | None:
    """ "repeated its statement that ...", "amid reports that ...", "despite Iraqi claims there
    had been no casualties", "amid unconfirmed reports of more fatalities"."""
    lemma = noun.lemma_.lower()
    content_head = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp")
            and c.i > noun.i
            and (
                any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)
                or lemma in _CLAIM_OF
                and c.pos_ in ("VERB", "AUX")
                and any(m.dep_ in ("nsubj", "nsubjpass", "expl") for m in c.children)
            )
        ),
        None,
    )
    following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if (
        content_head is None
        and lemma in _CLAIM_OF
        and following is not None
        and following.dep_ in ("nsubj", "nsubjpass", "expl")
        and following.head.i > noun.i
        and following.head.pos_ in ("VERB", "AUX")
    ):
        # "despite Iraqi claims there had been no casualties", the clause hung elsewhere
        span = strip_span(noun.doc, following.i, following.head.right_edge.i + 1)
    elif content_head is not None:
        span = content_span(content_head)
    elif lemma in _CLAIM_OF and not _denied_noun(noun):
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        target = prep_object(of) if of is not None else None
        if target is None or target.pos_ not in ("NOUN", "PROPN"):
            return None
        if noun.tag_ != "NNS" and not _doubt_modifier(noun):
            return None  # "the report of the committee"
        span = content_span(target)
    else:
        return None
    if span is None or quotation_only(noun.doc, span, quoted):
        return None
    verb = noun.head
    claimant = next((c for c in noun.children if c.dep_ == "poss"), None)
    if claimant is None:
        claimant = next(
            (
                c
                for c in noun.children
                if c.dep_ in ("amod", "compound") and c.ent_type_ in ("ACTOR", "ORG", "NORP")
            ),
            None,
        )
    if claimant is None and lemma not in _CLAIM_OF and verb.pos_ in ("VERB", "AUX"):
        claimant = speaker_of(verb)
    if claimant is None and lemma == "report":
        claimant = noun  # "amid reports that ...": unnamed reports
    return ClaimCue(
        cue=(verb.i, noun.i + 1)
        if verb.i < noun.i and noun.i - verb.i <= 3 and verb.pos_ in ("VERB", "AUX")
        else (noun.i, noun.i + 1),
        content=span,
        claimant=claimant.i if claimant is not None else None,
        kind="noun",
        distanced=lemma in ("claim", "allegation") or _doubt_modifier(noun),
    )


def _doubt_modifier(noun: Token) -> bool:
    return any(c.lower_ in lx.DOUBT_WORDS for c in noun.children if c.dep_ == "amod")


def _denied_noun(noun: Token) -> bool:
    """ "no reports of ...", "reports ... are not available"."""
    if any(c.lower_ == "no" for c in noun.children if c.dep_ == "det"):
        return True
    return noun.head.pos_ in ("VERB", "AUX") and is_negated(noun.head)


def according_claim(according: Token, quoted: set[int]) -> ClaimCue | None:
    to = according.nbor(1)
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    fronted = _fronted_according(according, source, quoted)
    if fronted is not None:
        return fronted
    head = according.head
    while head.dep_ in ("prep", "pobj") and head.head.i != head.i:
        head = head.head
    if head.i == according.i or head.pos_ not in ("VERB", "AUX", "NOUN"):
        return None
    if head.lemma_.lower() in lx.CLAIM_VERBS and speaker_of(head) is not None:
        return None  # "X said ..., according to a press conference": a relay for X's claim
    skip = {t.i for t in according.subtree}
    # leave out a reporting clause hung on the same verb ("as reported by Reuters")
    for child in head.children:
        if child.dep_ in ("advcl",) and child.lemma_.lower() in ("report", "quote", "cite"):
            skip.update(t.i for t in child.subtree)
    if head.dep_ == "conj" and according.i > head.i and closes_sentence(according):
        # "A happened, but B happened, according to X": X vouches for both
        while head.dep_ == "conj" and head.head.i < head.i:
            head = head.head
    span = content_span(head, skip)
    if span is None:
        return None
    if according.i >= span[0] and according.i < span[1]:
        # "X happened, according to Y": the content stops before "according"
        span = (span[0], strip_end(head.doc, span[0], according.i))
    span = until_semicolon(head.doc, span)
    if span is None or span[1] - span[0] < 2 or quotation_only(head.doc, span, quoted):
        return None
    return ClaimCue(
        cue=(according.i, to.i + 1),
        content=(skip_dateline(head.doc, span[0], span[1]), span[1]),
        claimant=source.i,
        kind="according",
        distanced=False,
        via=relay_of(head, skip=according),
    )


_RELAY_VERBS = frozenset({"report", "quote", "cite", "carry"})


def _fronted_according(according: Token, source: Token, quoted: set[int]) -> ClaimCue | None:
    """ "According to X, CONTENT." and "... that according to X, as reported by Y, CONTENT":
    what follows the comma, to the end of the sentence, whatever the parse made of it."""
    doc = according.doc
    sent = according.sent
    before = [t for t in doc[sent.start : according.i] if not (t.is_space or t.is_punct)]
    if before and not (
        before[-1].lower_ == "that"
        or len(before) <= 2
        and all(t.pos_ in ("ADV", "CCONJ", "SCONJ") for t in before)
    ):
        return None
    i = source.right_edge.i + 1
    via = None
    while i < sent.end and doc[i].text == ",":
        i += 1
        relay = doc[i] if i < sent.end else None
        if relay is not None and relay.lower_ == "as" and i + 1 < sent.end:
            verb = doc[i + 1]
            if verb.lemma_.lower() in _RELAY_VERBS:
                agent = next(
                    (t for t in doc[verb.i + 1 : min(sent.end, verb.i + 4)] if t.lower_ == "by"),
                    None,
                )
                if agent is None:
                    return None
                pobj = next((t for t in doc[agent.i + 1 : sent.end] if not t.is_space), None)
                if pobj is None:
                    return None
                via = pobj.i
                i = next((t.i for t in doc[pobj.i : sent.end] if t.text == ","), sent.end)
                continue
        break
    else:
        return None
    span = until_semicolon(doc, strip_span(doc, i, sent.end))
    if span is None or span[1] - span[0] < 3 or quotation_only(doc, span, quoted):
        return None
    return ClaimCue(
        cue=(according.i, according.i + 2),
        content=span,
        claimant=source.i,
        kind="according",
        distanced=False,
        via=via,
    )


_AS_PER_NOUNS = frozenset(
    {"claim", "allegation", "statement", "report", "account", "announcement", "source", "data"}
)


def as_per_claim(per: Token, quoted: set[int]) -> ClaimCue | None:
    """ "... were intercepted, as per claims by the US forces" (a distancing phrase), "As per
    CENTCOM's statement, the attack struck ..." (a source)."""
    doc = per.doc
    noun = next((t for t in doc[per.i + 1 : min(len(doc), per.i + 4)] if t.pos_ == "NOUN"), None)
    if noun is None or noun.lemma_.lower() not in _AS_PER_NOUNS:
        return None
    # "claims by X", "a statement issued by X", "X's statement"
    issued = [g for c in noun.children if c.dep_ == "acl" for g in c.children]
    by = next((c for c in list(noun.children) + issued if c.lower_ in ("by", "of", "from")), None)
    source = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if source is None:
        source = next((c for c in noun.children if c.dep_ == "poss"), None)
    sent = per.sent
    first = sent.start
    while first < per.i and (doc[first].is_punct or doc[first].is_space):
        first += 1
    if first == per.i - 1:
        # fronted: "As per X's statement, CONTENT"
        comma = next((t for t in doc[noun.i : sent.end] if t.text == ","), None)
        if comma is None:
            return None
        span = strip_span(doc, comma.i + 1, sent.end)
    else:
        start = sent.start
        end = strip_end(doc, start, per.i - 1 if per.i - 1 > start else per.i)
        span = strip_span(doc, start, end)
    span = until_semicolon(doc, span)
    if span is None or span[1] - span[0] < 2 or quotation_only(doc, span, quoted):
        return None
    return ClaimCue(
        cue=(per.i - 1, noun.i + 1),
        content=span,
        claimant=source.i if source is not None else None,
        kind="as_per",
        distanced=noun.lemma_.lower() in ("claim", "allegation"),
    )
