"""``escalation_claims``: finds attributed assertions that are not direct quotations.

"X said (that) ...", "according to X, ...", "X accused Y of ...", "X held Y responsible for
...", "X claimed ...", "X told Y that ...", "it was reported that ...", "... is said to ...",
"as per claims by X"; verbs whose object is the assertion ("denied any role", "confirmed the
death toll", "announced plans to ..."); "X claimed responsibility for ..."; naming ("X calls Y
Z", "X identified Y as Z"); agentless passives ("X is believed to have ..."); hearsay adverbs
and adjectives ("reportedly", "alleged ties to ..."); headline-style "X says Y likely behind Z".
For each it records the cue, the claimant's head token, the content (which stops where the
clause stops), the relay ("as reported by Reuters") and, for an accusation, the accused.

Sets ``doc.spans["claims"]`` (the content spans) and ``doc._.claim_cues``.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from escalation_cli import lexicon as lx
from escalation_cli.extensions import register_extensions
from escalation_cli.pipeline.candidates import by_sentence, tokens_with
from escalation_cli.pipeline.quotes import quoted_tokens

CLAIMS_KEY = "claims"


@dataclass(frozen=True)
class ClaimCue:
    cue: tuple[int, int]  # token span of the cue words
    content: tuple[int, int]  # token span of the content
    claimant: int | None  # head token of the claimant, None when unattributed
    # "verb", "noun", "according", "passive", "said_to", "as_per", "trailing", "object",
    # "responsibility", "accusation", "naming", "belief", "hearsay", "headline"
    kind: str
    distanced: bool
    via: int | None = None  # head token of the relay ("as reported by Reuters")
    accused: int | None = None  # head token of whom an accusation names
    responsibility: bool = False  # "X claimed responsibility for ..."


@Language.factory(
    "escalation_claims",
    assigns=["doc.spans", "doc._.claim_cues"],
    requires=["token.dep", "token.lemma", "doc.sents"],
)
def make_claim_component(nlp: Language, name: str) -> ClaimComponent:
    return ClaimComponent()


class ClaimComponent:
    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        quoted = quoted_tokens(doc)
        cues: list[ClaimCue] = []
        candidates = sorted(
            set(tokens_with(doc, LEMMA, CUE_LEMMAS)) | set(tokens_with(doc, LOWER, CUE_WORDS))
        )
        for sent, indices in by_sentence(doc, candidates):
            cues.extend(find_claims(sent, quoted, indices))
        cues = drop_nested(dedupe(cues), doc)
        doc._.claim_cues = cues
        doc.spans[CLAIMS_KEY] = [Span(doc, c.content[0], c.content[1], label="CLAIM") for c in cues]
        return doc


# ---- finding ---------------------------------------------------------------------------------


CUE_LEMMAS = lx.CLAIM_VERBS | lx.CLAIM_NOUNS | lx.PASSIVE_BELIEF_VERBS
# "said" is sometimes left unlemmatised ("the group he belonged to said")
CUE_WORDS = (
    frozenset({"according", "per", "said", "says"}) | lx.HEARSAY_ADVERBS | lx.HEARSAY_ADJECTIVES
)
# verbs that may close a sentence as its attribution: "..., the Pentagon said in a statement"
TRAILING_VERBS = lx.CLAIM_VERBS - lx.ACCUSATION_VERBS - lx.NAMING_VERBS - lx.PASSIVE_BELIEF_VERBS
TRAILING_VERBS = TRAILING_VERBS | {"say", "claim"}
_DOUBT = re.compile("|".join(lx.DOUBT_PHRASES), re.I)


def find_claims(
    sent: Span, quoted: set[int], candidates: list[int] | None = None
) -> list[ClaimCue]:
    """Claims of one sentence (looking only at the candidate token indices, when given)."""
    found: list[ClaimCue] = []
    trailing = _trailing_claim(sent, quoted)
    if trailing is not None:
        found.append(trailing)
    tokens = sent if candidates is None else (sent.doc[i] for i in candidates)
    for token in tokens:
        if trailing is not None and token.i == trailing.cue[0]:
            continue
        if token.i in quoted:
            continue
        lemma = token.lemma_.lower()
        if token.lower_ in lx.HEARSAY_ADJECTIVES and token.dep_ == "amod":
            cue = _hearsay_noun(token, quoted)
        elif token.lower_ in lx.HEARSAY_ADVERBS:
            cue = _hearsay_clause(token, quoted)
        elif token.pos_ in ("VERB", "AUX") and lemma in lx.CLAIM_VERBS:
            cue = _verb_claim(token, quoted)
        elif token.pos_ == "VERB" and lemma in lx.PASSIVE_BELIEF_VERBS and _passive(token):
            cue = _belief_claim(token, quoted)
        elif (
            token.pos_ == "NOUN"
            and lemma in lx.NAMING_VERBS
            and any(c.dep_ == "dobj" for c in token.children)
        ):
            cue = _naming_claim(token, quoted)  # "Damascus brands X as Y" parsed as a noun
        elif token.pos_ == "NOUN" and lemma in lx.CLAIM_NOUNS:
            cue = _noun_claim(token, quoted)
        elif (
            token.lower_ == "according"
            and token.i + 1 < len(token.doc)
            and token.nbor(1).lower_ == "to"
        ):
            cue = _according_claim(token, quoted)
        elif token.lower_ == "per" and token.i > sent.start and token.nbor(-1).lower_ == "as":
            cue = _as_per_claim(token, quoted)
        else:
            cue = None
        if cue is not None:
            found.append(cue)
    return found


def _trailing_claim(sent: Span, quoted: set[int]) -> ClaimCue | None:
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
        if verb.i in quoted or any(c.dep_ == "ccomp" for c in verb.children):
            return None
        if _passive(verb) or any(c.dep_ == "agent" for c in verb.children):
            return None  # "..., an explosion was reported", "..., claims denied by Labour"
        if not _ends_clause(verb, sent):
            continue
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
        start = _skip_dateline(doc, sent.start, comma.i)
        span = (start, comma.i)
        if span[1] - span[0] < 3 or _quotation_only(doc, span, quoted):
            return None
        return ClaimCue(
            cue=(verb.i, verb.i + 1),
            content=span,
            claimant=_region_head(region, verb).i,
            kind="trailing",
            distanced=_distancing(verb),
        )
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


_DASHES = ("\u2014", "\u2013", "-", "--")


def _skip_dateline(doc: Doc, start: int, end: int) -> int:
    """ "BAGHDAD, Iraq \u2014 Salvoes of rockets ...": the claim starts after the dateline."""
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    for i in range(start, min(end, start + 8)):
        token = doc[i]
        if token.text in _DASHES and i > start:
            if (
                all(
                    t.is_punct or t.is_space or t.pos_ == "PROPN" or t.is_upper or t.like_num
                    for t in doc[start:i]
                )
                and i + 1 < end
            ):
                return i + 1
            break
        if token.pos_ in ("VERB", "AUX"):
            break
    return start


def _content_span(head: Token, exclude: set[int] = frozenset()) -> tuple[int, int] | None:
    tokens = [t.i for t in head.subtree if t.i not in exclude]
    if not tokens:
        return None
    start, end = min(tokens), max(tokens) + 1
    doc = head.doc
    while start < end and (
        doc[start].dep_ in ("mark", "advmod")
        and doc[start].lower_ in ("that", "whether")
        or doc[start].is_punct
        and doc[start].text not in ("\u201c", '"')
        or doc[start].is_space
    ):
        start += 1
    start = _skip_fronted_adjunct(doc, head, start, end)
    while end > start and (
        doc[end - 1].is_punct
        and doc[end - 1].text not in ("\u201d", '"', ")")
        or doc[end - 1].is_space
    ):
        end -= 1
    if end - start < 2:
        return None
    return start, end


def doc_tokens_from(token: Token) -> list[Token]:
    """The token, everything to its right in its subtree, and the "and" or comma before it."""
    tokens = [t for t in token.subtree if t.i >= token.i]
    i = token.i - 1
    while i >= 0 and (token.doc[i].dep_ == "cc" or token.doc[i].is_punct):
        tokens.append(token.doc[i])
        i -= 1
    return tokens


def _opens_with_quote(doc: Doc, span: tuple[int, int], quoted: set[int]) -> bool:
    """ "X said that “...”": the words are a quotation, not a claim in the author's words."""
    first = doc[span[0]]
    return first.i in quoted or first.text in ("\u201c", '"', "\u2018", "'")


def _that_clause(verb: Token) -> Token | None:
    """A misparsed "said ... that CLAUSE": the first "that" after the verb that marks a verb."""
    for token in verb.subtree:
        if token.i <= verb.i or token.i - verb.i > 12:
            continue
        if (
            token.lower_ == "that"
            and token.dep_ in ("mark", "advmod")
            and token.head.pos_ in ("VERB", "AUX")
            and token.head.i > token.i
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.head.children)
            and not _claim_verb_between(token.head, verb)
        ):
            return token.head
    return None


def _skip_fronted_adjunct(doc: Doc, head: Token, start: int, end: int) -> int:
    """ "In the case of Iraq and Syria, these groups have ...": the claim starts at its subject."""
    if head.pos_ not in ("VERB", "AUX"):
        return start
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.left_edge.i <= start:
        return start
    comma = subject.left_edge.i - 1
    if (
        comma > start
        and doc[comma].text == ","
        and subject.left_edge.i < end
        and all(
            doc[i].dep_
            in (
                "prep",
                "pobj",
                "det",
                "amod",
                "compound",
                "cc",
                "conj",
                "advmod",
                "npadvmod",
                "punct",
                "nummod",
                "poss",
                "case",
            )
            or doc[i].head.i in range(start, comma)
            for i in range(start, comma)
        )
        # "at 19:15 local time, a drone attacked": when it happened is part of the claim
        and not any(
            doc[i].ent_type_ in ("DATE", "TIME") or any(ch.isdigit() for ch in doc[i].text)
            for i in range(start, comma)
        )
    ):
        return subject.left_edge.i
    return start


def _claim_verb_between(token: Token, verb: Token) -> bool:
    """Another reporting verb between a clause and the cue ("claimed responsibility and said
    that ..." belongs to "said")."""
    current = token.head
    while current.i != verb.i and current.head.i != current.i:
        if current.pos_ == "VERB" and current.lemma_.lower() in lx.CLAIM_VERBS:
            return True
        current = current.head
    return False


def _quotation_only(doc: Doc, span: tuple[int, int], quoted: set[int]) -> bool:
    """ "X said that “...”": the words are a direct quotation (a quote record), not a claim in
    the author's words. A claim that only quotes a phrase of it stays a claim."""
    if not _opens_with_quote(doc, span, quoted):
        return False
    # the quotation that opens the content: does it run over most of it?
    i = span[0] + (1 if doc[span[0]].i not in quoted else 0)
    while i < span[1] and (i in quoted or doc[i].is_space):
        i += 1
    return i - span[0] >= 0.6 * (span[1] - span[0])


def _frames_quotation(head: Token, quoted: set[int]) -> bool:
    """ "Commander of X said, “...”": the content is itself a reporting verb introducing a
    quotation, the frame of a quote rather than an assertion."""
    if head.lemma_.lower() not in lx.QUOTE_VERBS or not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in head.children
    ):
        return False
    doc = head.doc
    after = [t for t in doc[head.i + 1 : min(len(doc), head.i + 4)] if not t.is_space]
    return any(t.i in quoted for t in after)


def _verb_claim(verb: Token, quoted: set[int]) -> ClaimCue | None:
    lemma = verb.lemma_.lower()
    if lemma in lx.ACCUSATION_VERBS:
        return _accusation_claim(verb, quoted)
    if lemma in lx.NAMING_VERBS:
        named = _naming_claim(verb, quoted)
        if named is not None:
            return named
    content_head = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if content_head is None:
        content_head = _that_clause(verb)
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
    if content_head is not None and _semicolon_between(verb, content_head):
        content_head = None  # "Washington says ...; Iraqi PM pans incident": another clause
    if content_head is None:
        if lemma in lx.PASSIVE_BELIEF_VERBS and _passive(verb):
            return _belief_claim(verb, quoted)
        if lemma in lx.RESPONSIBILITY_VERBS:
            claimed = _responsibility_claim(verb, quoted)
            if claimed is not None or lemma != "claim":
                return claimed
        if lemma in lx.OBJECT_CLAIM_VERBS:
            return _object_claim(verb, quoted)
        if lemma == "say":
            return _headline_claim(verb, quoted)
        return None
    if content_head.pos_ not in ("VERB", "AUX", "NOUN", "PROPN", "ADJ"):
        return None
    if _frames_quotation(content_head, quoted):
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
        and (any(g.dep_ == "ccomp" for g in c.children) or _that_clause(c) is not None)
        for t in doc_tokens_from(c)
    }
    span = _content_span(content_head, own_claims)
    if span is None:
        return None
    if span[0] < verb.i < span[1] and content_head.i > verb.i:
        # "..., which it claimed had “inflicted no damage”": the claim starts after the verb
        span = (verb.i + 1, span[1])
    if span[1] - span[0] < 2 or _quotation_only(verb.doc, span, quoted):
        return None
    claimant = _subject(verb)
    kind = "verb"
    if claimant is None and not _passive(verb):
        return None  # "It is worth noting that ...": the author's own words
    if claimant is not None and claimant.lower_ == "it" and _passive(verb):
        claimant = None  # "it was reported that"
        kind = "passive"
    elif claimant is None and _passive(verb):
        kind = "passive"
    return ClaimCue(
        cue=_cue_words(verb),
        content=span,
        claimant=claimant.i if claimant is not None else None,
        kind=kind,
        distanced=_distancing(verb),
        via=_relay(verb),
    )


def _negated(verb: Token) -> bool:
    """ "did not confirm", "No group has claimed", "has yet to claim"."""
    for child in verb.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and (
            child.lower_ in ("nobody", "none")
            or any(d.lower_ == "no" for d in child.children if d.dep_ == "det")
        ):
            return True
    head = verb.head
    return verb.dep_ == "xcomp" and any(c.lower_ == "yet" for c in head.children)


def _semicolon_between(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.i, b.i))
    return any(t.text == ";" for t in a.doc[lo:hi])


def _object_of(verb: Token) -> Token | None:
    """What a verb of communication asserts when it takes no clause: its object ("denied any
    role"), or a gerund ("reported seeing jets")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        obj = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG"), None)
    return obj


def _object_claim(verb: Token, quoted: set[int]) -> ClaimCue | None:
    """ "X denied any role", "X confirmed the death toll", "X announced plans to ...",
    "X reported seeing ...": the object is the assertion."""
    obj = _object_of(verb)
    if (
        obj is None
        or obj.i < verb.i
        or obj.pos_ == "PRON"
        or obj.lemma_.lower() in lx.CONTENTLESS_OBJECTS
        or _passive(verb)
        or _negated(verb)
    ):
        return None
    claimant = _subject(verb)
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
    span = _until_semicolon(verb.doc, _strip_span(verb.doc, obj.left_edge.i, end))
    if span is None or span[1] - span[0] < 2 or _quotation_only(verb.doc, span, quoted):
        return None
    return ClaimCue(
        cue=_cue_words(verb),
        content=span,
        claimant=claimant.i,
        kind="object",
        distanced=_distancing(verb),
        via=_relay(verb),
    )


def _responsibility_claim(verb: Token, quoted: set[int]) -> ClaimCue | None:
    """ "X claimed responsibility for the attack", "the group that has claimed all recent
    attacks": a claim of responsibility (the stock phrase, not doubt)."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or _negated(verb):
        return None
    noun = obj.lemma_.lower()
    if noun in lx.RESPONSIBILITY_NOUNS:
        end = obj.right_edge.i + 1
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "for" and prep.i == end:
                end = prep.right_edge.i + 1
        span = _strip_span(verb.doc, obj.i, end)
    elif verb.lemma_.lower() == "claim" and noun in lx.ATTACK_NOUNS:
        span = _content_span(obj)
    else:
        return None
    if span is None or span[1] <= span[0] or _quotation_only(verb.doc, span, quoted):
        return None
    claimant = _subject(verb)
    return ClaimCue(
        cue=_cue_words(verb),
        content=span,
        claimant=claimant.i if claimant is not None else None,
        kind="responsibility",
        distanced=False,
        responsibility=True,
    )


def _accusation_claim(verb: Token, quoted: set[int]) -> ClaimCue | None:
    """ "X accused Y of Z", "X blamed Y for Z", "X blamed Z on Y" (also "Z that X blamed on
    Y" and "Z was pinned on Y"), "X held Y responsible for Z": Z is the content, Y the
    accused."""
    lemma = verb.lemma_.lower()
    doc = verb.doc
    if lemma == "charge" and _passive(verb):
        return None  # "the Speaker is charged with ensuring order": a duty
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    near = list(verb.children) + (list(obj.children) if obj is not None else [])
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
        target = _prep_object(prep)
        if target is not None:
            content = _content_span(target)
            accused = obj
    elif on is not None and lemma in ("blame", "pin"):
        # "X blamed Z on Y", "Z that X blamed on Y", "Z have been pinned on Y"
        accused = _prep_object(on)
        blamed = obj
        if blamed is None or blamed.lower_ in ("that", "which"):
            blamed = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if blamed is None and _passive(verb):
            blamed = _noun_before(verb)  # a subject the parse hung elsewhere
        relative = blamed is None and verb.dep_ == "relcl"
        if relative:
            blamed = verb.head
            skip = {t.i for t in verb.subtree}
            content = _content_span(blamed, skip)
        elif blamed is not None:
            content = _content_span(blamed)
    if content is None or _negated(verb) or _quotation_only(doc, content, quoted):
        return None
    claimant = _subject(verb)
    if claimant is not None and claimant.dep_ == "nsubjpass":
        claimant = None
    if relative and claimant is not None and claimant.i == verb.head.i:
        claimant = None  # "fuel shortages that ... blamed": the relative's head is the content
    return ClaimCue(
        cue=_cue_words(verb),
        content=content,
        claimant=claimant.i if claimant is not None else None,
        kind="accusation",
        distanced=_distancing(verb) or _doubted(verb, accused, quoted),
        via=_relay(verb),
        accused=accused.i if accused is not None else None,
    )


def _noun_before(verb: Token) -> Token | None:
    """The noun phrase that ends right before a verb's auxiliaries ("all recent attacks on
    bases housing troops have been pinned"), when the parse gave the verb no subject."""
    doc = verb.doc
    first = min([verb.i] + [c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")])
    j = first - 1
    while j >= verb.sent.start and doc[j].is_space:
        j -= 1
    if j < verb.sent.start:
        return None
    current = doc[j]
    while (
        current.dep_ in ("pobj", "prep", "acl", "relcl", "dobj", "amod", "compound", "nmod")
        and current.head.i < current.i
        and current.head.right_edge.i == j
    ):
        current = current.head
    return current if current.pos_ in ("NOUN", "PROPN") else None


def _prep_object(prep: Token) -> Token | None:
    """The noun a preposition introduces; through a gerund ("on strangling sanctions")."""
    target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if target is not None and target.tag_ == "VBG" and prep.lower_ == "on":
        target = next((c for c in target.children if c.dep_ == "dobj"), target)
    return target


def _doubted(verb: Token, accused: Token | None, quoted: set[int]) -> bool:
    """The author doubts an accusation: "pinned, absent any evidence, on “Iranian proxies”"."""
    sent = verb.sent
    if _DOUBT.search(sent.text):
        return True
    return accused is not None and accused.i in quoted


def _naming_claim(verb: Token, quoted: set[int]) -> ClaimCue | None:
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
    if obj is None or obj.i < verb.i or _negated(verb) or _passive(verb):
        return None
    if complement is not None and complement.i > obj.i:
        end = complement.right_edge.i + 1
    elif as_prep is not None:
        end = as_prep.right_edge.i + 1
    elif verb.lemma_.lower() == "dub" or verb.dep_ == "relcl":
        end = obj.right_edge.i + 1  # "an operation it dubbed a response to ..."
    else:
        return None
    span = _strip_span(verb.doc, obj.left_edge.i, end)
    if span is None or span[1] - span[0] < 2 or _quotation_only(verb.doc, span, quoted):
        return None
    claimant = _subject(verb)
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


def _belief_claim(verb: Token, quoted: set[int]) -> ClaimCue | None:
    """Agentless passives: "The attack was believed to have been carried out by ...", "X are
    often suspected in such incidents", "X is said to ...". The content is the whole clause,
    subject included; nobody is the claimant."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.lower_ in ("it", "this", "that", "which", "who"):
        return None
    if any(c.dep_ == "agent" for c in verb.children):
        return None
    span = _clause_span(verb, subject)
    if span is None or _quotation_only(verb.doc, span, quoted):
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


def _clause_span(verb: Token, subject: Token) -> tuple[int, int] | None:
    """From a clause's subject to the end of its complements (not its coordinated or adverbial
    clauses)."""
    end = verb.i + 1
    for child in verb.children:
        if child.i > verb.i and child.dep_ in (
            "xcomp",
            "ccomp",
            "prep",
            "advmod",
            "agent",
            "oprd",
            "attr",
            "acomp",
            "dobj",
            "prt",
            "npadvmod",
        ):
            end = max(end, child.right_edge.i + 1)
    return _until_semicolon(verb.doc, _strip_span(verb.doc, subject.left_edge.i, end))


def _hearsay_clause(adverb: Token, quoted: set[int]) -> ClaimCue | None:
    """ "a drone was reportedly shot down", "X allegedly fired ...": a clause the author
    attributes to nobody in particular."""
    verb = adverb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in lx.CLAIM_VERBS:
        return None  # "X reportedly said": the verb's own claim
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in ("which", "who", "that"):
        return None
    span = _clause_span(verb, subject)
    if span is None or span[1] - span[0] < 3 or _quotation_only(verb.doc, span, quoted):
        return None
    return ClaimCue(
        cue=(adverb.i, adverb.i + 1),
        content=span,
        claimant=None,
        kind="hearsay",
        distanced=adverb.lower_ not in lx.NOT_DISTANCED_HEARSAY,
    )


def _hearsay_noun(adjective: Token, quoted: set[int]) -> ClaimCue | None:
    """ "a militia with alleged ties to Iran", "on alleged training missions": the noun phrase
    after the adjective is an assertion the author attributes to nobody and doubts."""
    noun = adjective.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i < adjective.i:
        return None
    span = _strip_span(adjective.doc, adjective.i + 1, noun.right_edge.i + 1)
    if span is None or span[1] - span[0] < 2 or _quotation_only(adjective.doc, span, quoted):
        return None
    return ClaimCue(
        cue=(adjective.i, adjective.i + 1),
        content=span,
        claimant=None,
        kind="hearsay",
        distanced=adjective.lower_ not in lx.NOT_DISTANCED_HEARSAY,
    )


def _headline_claim(verb: Token, quoted: set[int]) -> ClaimCue | None:
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
    span = _strip_span(doc, verb.i + 1, end)
    if span is None or span[1] - span[0] < 3 or _quotation_only(doc, span, quoted):
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


def _strip_span(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    end = _strip_end(doc, start, end)
    return (start, end) if end > start else None


def _until_semicolon(doc: Doc, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A content stops where its clause does: never across a semicolon."""
    if span is None:
        return None
    for token in doc[span[0] : span[1]]:
        if token.text == ";":
            return _strip_span(doc, span[0], token.i)
    return span


_CLAIM_OF = frozenset({"claim", "report", "allegation"})


def _noun_claim(noun: Token, quoted: set[int]) -> ClaimCue | None:
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
        span = _strip_span(noun.doc, following.i, following.head.right_edge.i + 1)
    elif content_head is not None:
        span = _content_span(content_head)
    elif lemma in _CLAIM_OF and not _denied_noun(noun):
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        target = _prep_object(of) if of is not None else None
        if target is None or target.pos_ not in ("NOUN", "PROPN"):
            return None
        if noun.tag_ != "NNS" and not _doubt_modifier(noun):
            return None  # "the report of the committee"
        span = _content_span(target)
    else:
        return None
    if span is None or _quotation_only(noun.doc, span, quoted):
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
        claimant = _subject(verb)
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
    return noun.head.pos_ in ("VERB", "AUX") and _negated(noun.head)


def _according_claim(according: Token, quoted: set[int]) -> ClaimCue | None:
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
    if head.lemma_.lower() in lx.CLAIM_VERBS and _subject(head) is not None:
        return None  # "X said ..., according to a press conference": a relay for X's claim
    skip = {t.i for t in according.subtree}
    # leave out a reporting clause hung on the same verb ("as reported by Reuters")
    for child in head.children:
        if child.dep_ in ("advcl",) and child.lemma_.lower() in ("report", "quote", "cite"):
            skip.update(t.i for t in child.subtree)
    if head.dep_ == "conj" and according.i > head.i and _closes_sentence(according):
        # "A happened, but B happened, according to X": X vouches for both
        while head.dep_ == "conj" and head.head.i < head.i:
            head = head.head
    span = _content_span(head, skip)
    if span is None:
        return None
    if according.i >= span[0] and according.i < span[1]:
        # "X happened, according to Y": the content stops before "according"
        span = (span[0], _strip_end(head.doc, span[0], according.i))
    span = _until_semicolon(head.doc, span)
    if span is None or span[1] - span[0] < 2 or _quotation_only(head.doc, span, quoted):
        return None
    return ClaimCue(
        cue=(according.i, to.i + 1),
        content=(_skip_dateline(head.doc, span[0], span[1]), span[1]),
        claimant=source.i,
        kind="according",
        distanced=False,
        via=_relay(head, skip=according),
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
    span = _until_semicolon(doc, _strip_span(doc, i, sent.end))
    if span is None or span[1] - span[0] < 3 or _quotation_only(doc, span, quoted):
        return None
    return ClaimCue(
        cue=(according.i, according.i + 2),
        content=span,
        claimant=source.i,
        kind="according",
        distanced=False,
        via=via,
    )


def _closes_sentence(token: Token) -> bool:
    """The phrase of ``token`` runs to the end of its sentence."""
    sent = token.sent
    return all(t.is_punct or t.is_space for t in token.doc[token.right_edge.i + 1 : sent.end])


_AS_PER_NOUNS = frozenset(
    {"claim", "allegation", "statement", "report", "account", "announcement", "source", "data"}
)


def _as_per_claim(per: Token, quoted: set[int]) -> ClaimCue | None:
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
        span = _strip_span(doc, comma.i + 1, sent.end)
    else:
        start = sent.start
        end = _strip_end(doc, start, per.i - 1 if per.i - 1 > start else per.i)
        span = _strip_span(doc, start, end)
    span = _until_semicolon(doc, span)
    if span is None or span[1] - span[0] < 2 or _quotation_only(doc, span, quoted):
        return None
    return ClaimCue(
        cue=(per.i - 1, noun.i + 1),
        content=span,
        claimant=source.i if source is not None else None,
        kind="as_per",
        distanced=noun.lemma_.lower() in ("claim", "allegation"),
    )


def _strip_end(doc: Doc, start: int, end: int) -> int:
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return end


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _subject(verb: Token, quoted: Collection[int] = ()) -> Token | None:
    """The speaker of a cue verb, climbing through "adding that", "went on to say", conj.
    A subject inside a quotation is not the speaker (a misparse of "“... [KSS],” said the
    statement")."""
    current = verb
    if (
        verb.dep_ in ("conj", "advcl")
        and verb.head.dep_ == "ccomp"
        and verb.head.head.lemma_.lower() in lx.CLAIM_VERBS
    ):
        # "X claimed that A and reiterated that B", "X said that A, adding that B": X speaks
        current = verb.head.head
    for _ in range(4):
        subjects = [
            c for c in current.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in quoted
        ]
        # "People's Dispatch, The US Central Command claimed": the subject next to the verb
        subject = max(subjects, key=lambda c: c.i if c.i < current.i else -c.i, default=None)
        if subject is not None:
            if subject.dep_ == "nsubjpass":
                agent = next((c for c in current.children if c.dep_ == "agent"), None)
                if agent is not None:
                    return next((c for c in agent.children if c.dep_ == "pobj"), subject)
            if subject.lower_ in ("who", "that", "which") and current.dep_ == "relcl":
                return current.head
            return _past_dateline(subject)
        if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN"):
            return current.head  # "US officials estimating that ..."
        if current.dep_ in ("advcl", "xcomp", "conj", "pcomp") and current.head.i != current.i:
            current = current.head
            if current.dep_ == "prep":
                current = current.head
            continue
        break
    # a misparse that left the verb without a subject: "US President Joe Biden warned ..."
    before = verb.i - 1
    while before >= verb.sent.start and verb.doc[before].pos_ in ("ADV", "AUX", "PART"):
        before -= 1
    if (
        before >= verb.sent.start
        and verb.doc[before].pos_ in ("PROPN", "NOUN")
        and verb.doc[before].dep_ not in ("pobj", "dobj")
    ):
        return verb.doc[before]
    return None


_DASH_TEXTS = frozenset({"\u2013", "\u2014", "-", "--"})


def _past_dateline(subject: Token) -> Token:
    """ "ERBIL (Kurdistan24) \u2013 Major General X, ..., said": the parse took the dateline
    for the subject; the speaker is the name after the dash."""
    dash = next((c for c in subject.children if c.text in _DASH_TEXTS and c.i > subject.i), None)
    if dash is None:
        return subject
    after = next(
        (c for c in subject.children if c.dep_ in ("conj", "appos") and c.i > dash.i), None
    )
    return after if after is not None else subject


def _cue_words(verb: Token) -> tuple[int, int]:
    """ "said", "went on to say", "pointed out", "it was reported"."""
    start, end = verb.i, verb.i + 1
    for child in verb.children:
        if child.dep_ == "prt" and child.i == end:
            end = child.i + 1
    head = verb.head
    if (
        verb.dep_ in ("xcomp", "advcl")
        and head.lemma_.lower() in ("go", "continue")
        and 0 < verb.i - head.i <= 3
    ):
        start = head.i  # "went on to say"
    if _passive(verb):
        aux = [
            c.i
            for c in verb.children
            if c.dep_ in ("auxpass", "nsubjpass")
            and c.lower_ in ("it", "was", "is", "were", "been", "be")
        ]
        if aux:
            start = min(start, *aux)
    return start, end


def _distancing(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in ("claim", "allege", "purport"):
        # "claimed responsibility" is the stock phrase, not doubt
        return not any(c.lower_ == "responsibility" for c in verb.children)
    # "X allegedly said": the adverb next to the verb, not one of a later clause
    return any(
        c.lower_ in ("allegedly", "supposedly", "purportedly") and c.i <= verb.i + 1
        for c in verb.children
    )


def _relay(head: Token, skip: Token | None = None) -> int | None:
    """ "..., as reported by Reuters" / "Reuters quoted US officials estimating ..." /
    "X said ..., according to a recorded press conference"."""
    for child in head.children:
        if (
            child.lower_ == "according"
            and (skip is None or child.i != skip.i)
            and child.i + 1 < len(child.doc)
        ):
            pobj = next((c for c in child.nbor(1).children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj.i
        if child.dep_ == "advcl" and child.lemma_.lower() in ("report", "quote", "cite"):
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            if agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj.i
    current = head
    for _ in range(3):
        if (
            current.dep_ == "acl"
            and current.head.dep_ == "dobj"
            and current.head.head.lemma_.lower() in ("quote", "cite")
        ):
            quoter = next((c for c in current.head.head.children if c.dep_ == "nsubj"), None)
            return quoter.i if quoter is not None else None
        if current.head.i == current.i:
            break
        current = current.head
    return None


def _cut_at_trailing(cue: ClaimCue, trailing: list[ClaimCue]) -> ClaimCue:
    """A content stops before a trailing ", the report said" of its sentence."""
    for t in trailing:
        if t is cue:
            continue
        comma = t.content[1]
        if cue.content[0] < comma < cue.content[1] and t.cue[0] < cue.content[1] + 2:
            return replace(cue, content=(cue.content[0], comma))
    return cue


def dedupe(cues: list[ClaimCue]) -> list[ClaimCue]:
    """One claim per content ("repeated its statement that ..." is found by verb and noun)."""
    seen: dict[tuple[int, int], ClaimCue] = {}
    for cue in cues:
        kept = seen.get(cue.content)
        if kept is None or (kept.claimant is None and cue.claimant is not None):
            seen[cue.content] = cue
    return sorted(seen.values(), key=lambda c: (c.content[0], c.cue[0]))


# inner claims that do not make their outer claim a mere relay: the outer claimant vouches
# for them ("officials said the attack was believed to ...", "X said, according to Y")
_NOT_RELAYED = frozenset({"according", "trailing", "belief", "hearsay"})


def drop_nested(cues: list[ClaimCue], doc: Doc | None = None) -> list[ClaimCue]:
    """When a claim's content is itself, for the most part, another attributed claim, keep the
    inner one and record the outer claimant as its relay ("X explained that ..., the report
    said"). Evidence that "suggests" something inside a claim is part of that claim."""
    trailing = [c for c in cues if c.kind == "trailing"]
    cues = [_cut_at_trailing(c, trailing) for c in cues]
    # "X said it struck back at an alleged attack": the author's qualifier inside X's claim;
    # "... and we will announce a timetable, he stressed": the speaker's own words
    cues = [
        c
        for c in cues
        if not (
            c.kind in ("hearsay", "belief")
            or doc is not None
            and c.claimant is not None
            and doc[c.claimant].lower_ in ("we", "i")
        )
        or not any(_nested(c, o) for o in cues if o is not c)
    ]
    cues = [c for c in cues if not _same_speaker_within(c, cues)]
    if doc is not None:
        cues = [
            c
            for c in cues
            if not (_evidential(doc, c) and any(_nested(c, o) for o in cues if o is not c))
        ]
    kept = []
    for outer in cues:
        inner = next(
            (
                c
                for c in cues
                if c is not outer
                and _nested(c, outer)
                and c.kind not in _NOT_RELAYED
                and _covers(c, outer)
            ),
            None,
        )
        if inner is not None and outer.kind in ("verb", "passive", "trailing"):
            continue
        kept.append(outer)
    result = []
    for cue in kept:
        outer = next(
            (c for c in cues if c not in kept and c.content[0] <= cue.cue[0] < c.content[1]), None
        )
        if outer is not None and cue.via is None and outer.claimant is not None:
            cue = replace(cue, via=outer.claimant)
        result.append(cue)
    return result


def _same_speaker_within(inner: ClaimCue, cues: list[ClaimCue]) -> bool:
    """ "X stressed that A and we will announce B": B is part of X's claim A."""
    return inner.claimant is not None and any(
        o is not inner and o.claimant == inner.claimant and _nested(inner, o) for o in cues
    )


def _nested(inner: ClaimCue, outer: ClaimCue) -> bool:
    return (
        outer.content[0] <= inner.cue[0] < outer.content[1]
        and inner.content[0] >= outer.content[0]
        and inner.content[1] <= outer.content[1] + 1
    )


def _covers(inner: ClaimCue, outer: ClaimCue) -> bool:
    """The inner claim, with its cue, is most of the outer one's content (not a relative
    clause at its end: "..., which it claimed had ...")."""
    start = min(inner.cue[0], inner.content[0], inner.claimant if inner.claimant else inner.cue[0])
    return inner.content[1] - start >= 0.6 * (outer.content[1] - outer.content[0])


def _evidential(doc: Doc, cue: ClaimCue) -> bool:
    """ "the preliminary accounts suggest ...": evidence, not a speaker."""
    verb = doc[cue.cue[0]]
    if verb.lemma_.lower() not in lx.EVIDENTIAL_VERBS or cue.claimant is None:
        return False
    claimant = doc[cue.claimant]
    return (
        not claimant.ent_type_
        and claimant.lemma_.lower() not in lx.PERSON_NOUNS
        and claimant.pos_ != "PRON"
    )
