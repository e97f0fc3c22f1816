"""``escalation_claims``: finds attributed assertions that are not direct quotations.

"X said (that) ...", "according to X, ...", "X accused Y of ...", "X held Y responsible for
...", "X claimed ...", "X told Y that ...", "it was reported that ...", "... is said to ...",
"as per claims by X". For each it records the cue, the claimant's head token, the content
(which stops where the clause stops) and the relay ("as reported by Reuters").

Sets ``doc.spans["claims"]`` (the content spans) and ``doc._.claim_cues``.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    kind: str  # "verb", "noun", "according", "passive", "said_to", "as_per"
    distanced: bool
    via: int | None = None  # head token of the relay ("as reported by Reuters")


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
            set(tokens_with(doc, LEMMA, CUE_LEMMAS))
            | set(tokens_with(doc, LOWER, ("according", "per")))
        )
        for sent, indices in by_sentence(doc, candidates):
            cues.extend(find_claims(sent, quoted, indices))
        cues = drop_nested(dedupe(cues))
        doc._.claim_cues = cues
        doc.spans[CLAIMS_KEY] = [Span(doc, c.content[0], c.content[1], label="CLAIM") for c in cues]
        return doc


# ---- finding ---------------------------------------------------------------------------------


CUE_LEMMAS = lx.CLAIM_VERBS | lx.CLAIM_NOUNS


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
        if token.pos_ in ("VERB", "AUX") and lemma in lx.CLAIM_VERBS:
            cue = _verb_claim(token, quoted)
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
    """ "CONTENT, The New York Times reported Friday." when the parse missed the link."""
    doc = sent.doc
    if len(sent) < 6:
        return None
    tokens = [t for t in sent[-10:] if not t.is_space]
    for verb in reversed(tokens[-8:]):
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in (
            "say",
            "report",
            "tell",
            "add",
            "write",
            "state",
            "claim",
        ):
            continue
        if any(c.dep_ == "ccomp" for c in verb.children) or verb.i in quoted:
            return None
        comma = next((t for t in reversed(doc[sent.start : verb.i]) if t.text == ","), None)
        if comma is None or verb.i - comma.i > 6:
            return None
        subject = [t for t in doc[comma.i + 1 : verb.i]]
        if not subject or not all(
            t.pos_ in ("DET", "PROPN", "NOUN", "ADJ", "PRON", "PART") for t in subject
        ):
            return None
        start = sent.start
        while start < comma.i and (doc[start].is_space or doc[start].is_punct):
            start += 1
        span = (start, comma.i)
        if span[1] - span[0] < 3 or _quotation_only(doc, span, quoted):
            return None
        return ClaimCue(
            cue=(verb.i, verb.i + 1),
            content=span,
            claimant=subject[-1].i,
            kind="trailing",
            distanced=_distancing(verb),
        )
    return None


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


def _verb_claim(verb: Token, quoted: set[int]) -> ClaimCue | None:
    lemma = verb.lemma_.lower()
    content_head = None
    kind = "verb"
    if lemma in ("accuse", "blame", "charge"):
        # X accused Y of Z: the content is Z
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for"):
                content_head = next((c for c in prep.children if c.dep_ in ("pcomp", "pobj")), None)
    elif lemma == "hold":
        near = list(verb.children) + [
            g for c in verb.children if c.dep_ == "dobj" for g in c.children
        ]
        responsible = next((c for c in near if c.lower_ in ("responsible", "accountable")), None)
        if responsible is None:
            return None
        for prep in list(responsible.children) + list(verb.children):
            if prep.dep_ == "prep" and prep.lower_ == "for":
                content_head = next((c for c in prep.children if c.dep_ in ("pcomp", "pobj")), None)
    else:
        content_head = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if content_head is None:
            content_head = _that_clause(verb)
        if content_head is None and lemma == "say" and _passive(verb):
            xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if xcomp is not None and subject is not None:
                # "X is said to take place ...": the content is X plus what it is said to do
                span = _content_span(subject)
                rest = _content_span(xcomp)
                if span and rest:
                    return ClaimCue(
                        cue=(
                            verb.i - 1 if verb.i and verb.nbor(-1).lemma_ == "be" else verb.i,
                            verb.i + 1,
                        ),
                        content=(span[0], rest[1]),
                        claimant=None,
                        kind="said_to",
                        distanced=True,
                    )
        if content_head is None and lemma == "claim":
            return None
    if content_head is None or content_head.pos_ not in ("VERB", "AUX", "NOUN", "PROPN", "ADJ"):
        return None
    if (
        lemma not in ("accuse", "blame", "charge", "hold")
        and content_head.pos_
        not in (
            "VERB",
            "AUX",
        )
        and not any(c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" for c in content_head.children)
    ):
        return None  # (a parse of "that the airstrikes targeted X" as a noun is still a clause)
    # "X claimed that A and reiterated that B": B is a claim of its own
    # and "X said that A, adding that B": B is a claim of its own
    own_claims = {
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
    if span is None or _quotation_only(verb.doc, span, quoted):
        return None
    claimant = _subject(verb)
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


def _noun_claim(noun: Token, quoted: set[int]) -> ClaimCue | None:
    content_head = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp")
            and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)
        ),
        None,
    )
    if content_head is None:
        return None
    span = _content_span(content_head)
    if span is None or _quotation_only(noun.doc, span, quoted):
        return None
    verb = noun.head
    claimant = _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
    if claimant is None:
        claimant = next((c for c in noun.children if c.dep_ == "poss"), None)
    return ClaimCue(
        cue=(verb.i, noun.i + 1)
        if verb.i < noun.i and noun.i - verb.i <= 3
        else (noun.i, noun.i + 1),
        content=span,
        claimant=claimant.i if claimant is not None else None,
        kind="noun",
        distanced=noun.lemma_.lower() in ("claim", "allegation"),
    )


def _according_claim(according: Token, quoted: set[int]) -> ClaimCue | None:
    to = according.nbor(1)
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
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
    span = _content_span(head, skip)
    if span is None:
        return None
    if according.i >= span[0] and according.i < span[1]:
        # "X happened, according to Y": the content stops before "according"
        span = (span[0], _strip_end(head.doc, span[0], according.i))
    if span[1] - span[0] < 2 or _quotation_only(head.doc, span, quoted):
        return None
    return ClaimCue(
        cue=(according.i, to.i + 1),
        content=span,
        claimant=source.i,
        kind="according",
        distanced=False,
        via=_relay(head, skip=according),
    )


def _as_per_claim(per: Token, quoted: set[int]) -> ClaimCue | None:
    """ "... were intercepted, as per claims by the US forces" (a distancing phrase)."""
    doc = per.doc
    noun = next((t for t in doc[per.i + 1 : min(len(doc), per.i + 4)] if t.pos_ == "NOUN"), None)
    if noun is None or noun.lemma_.lower() not in ("claim", "allegation"):
        return None
    by = next((c for c in noun.children if c.lower_ in ("by", "of", "from")), None)
    source = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    sent = per.sent
    start = sent.start
    end = _strip_end(doc, start, per.i - 1 if per.i - 1 > start else per.i)
    span = (start, end)
    while span[0] < span[1] and (doc[span[0]].is_punct or doc[span[0]].is_space):
        span = (span[0] + 1, span[1])
    if span[1] - span[0] < 2 or _quotation_only(doc, span, quoted):
        return None
    return ClaimCue(
        cue=(per.i - 1, noun.i + 1),
        content=span,
        claimant=source.i if source is not None else None,
        kind="as_per",
        distanced=True,
    )


def _strip_end(doc: Doc, start: int, end: int) -> int:
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return end


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _subject(verb: Token) -> Token | None:
    """The speaker of a cue verb, climbing through "adding that", "went on to say", conj."""
    current = verb
    if (
        verb.dep_ in ("conj", "advcl")
        and verb.head.dep_ == "ccomp"
        and verb.head.head.lemma_.lower() in lx.CLAIM_VERBS
    ):
        # "X claimed that A and reiterated that B", "X said that A, adding that B": X speaks
        current = verb.head.head
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
        # "People's Dispatch, The US Central Command claimed": the subject next to the verb
        subject = max(subjects, key=lambda c: c.i if c.i < current.i else -c.i, default=None)
        if subject is not None:
            if subject.dep_ == "nsubjpass":
                agent = next((c for c in current.children if c.dep_ == "agent"), None)
                if agent is not None:
                    return next((c for c in agent.children if c.dep_ == "pobj"), subject)
            if subject.lower_ in ("who", "that", "which") and current.dep_ == "relcl":
                return current.head
            return subject
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
    return any(c.lower_ in ("allegedly", "supposedly", "purportedly") for c in verb.children)


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
            return ClaimCue(
                cue.cue, (cue.content[0], comma), cue.claimant, cue.kind, cue.distanced, cue.via
            )
    return cue


def dedupe(cues: list[ClaimCue]) -> list[ClaimCue]:
    """One claim per content ("repeated its statement that ..." is found by verb and noun)."""
    seen: dict[tuple[int, int], ClaimCue] = {}
    for cue in cues:
        kept = seen.get(cue.content)
        if kept is None or (kept.claimant is None and cue.claimant is not None):
            seen[cue.content] = cue
    return sorted(seen.values(), key=lambda c: (c.content[0], c.cue[0]))


def drop_nested(cues: list[ClaimCue]) -> list[ClaimCue]:
    """When a claim's content is itself another attributed claim, keep the inner one and
    record the outer claimant as its relay ("X explained that ..., the report said")."""
    kept = []
    trailing = [c for c in cues if c.kind == "trailing"]
    cues = [_cut_at_trailing(c, trailing) for c in cues]
    for outer in cues:
        inner = next(
            (
                c
                for c in cues
                if c is not outer
                and outer.content[0] <= c.cue[0] < outer.content[1]
                and c.content[0] >= outer.content[0]
                and c.content[1] <= outer.content[1] + 1
                and c.kind not in ("according", "trailing")
            ),
            None,
        )
        if inner is not None and outer.kind in ("verb", "passive", "trailing"):
            continue
        kept.append(outer)
    result = []
    kept = [c for c in kept if c in cues]
    for cue in kept:
        outer = next(
            (c for c in cues if c not in kept and c.content[0] <= cue.cue[0] < c.content[1]), None
        )
        if outer is not None and cue.via is None and outer.claimant is not None:
            cue = ClaimCue(
                cue.cue, cue.content, cue.claimant, cue.kind, cue.distanced, outer.claimant
            )
        result.append(cue)
    return result
