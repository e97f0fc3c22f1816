"""Quotes and claims: spans set by ``escalation_quotes`` and ``escalation_claims`` in,
:class:`Quote` and :class:`Claim` records out.

Both are read in one pass in text order, so that "he added" and "the US official went on to
say" resolve to whoever spoke last (:class:`SpeakerResolver`).
"""

from __future__ import annotations

import hashlib
import re

from spacy.tokens import Doc, Span, Token

from escalation_cli import lexicon as lx
from escalation_cli.extractors.docinfo import doc_text
from escalation_cli.extractors.speakers import Speaker, SpeakerResolver
from escalation_cli.gazetteer import Gazetteer
from escalation_cli.models import Claim, Quote
from escalation_cli.pipeline.claims import ClaimCue
from escalation_cli.pipeline.claims.syntax import cue_words, is_passive, speaker_of
from escalation_cli.pipeline.quotes import QUOTES_KEY, quoted_tokens

_PARAGRAPH_MARK = re.compile(r"\n\s*\n\s*[\u201c\u201e\u00ab\"]")


def attribution_records(
    doc: Doc, article_id: str, gazetteer: Gazetteer, title: str | None = None
) -> tuple[list[Quote], list[Claim]]:
    """Quotes and claims in reading order. Claims in the headline are left out: a headline
    restates the story in the outlet's words, and its claims are told again in the body."""
    resolver = SpeakerResolver(doc, gazetteer)
    headline_end = len(title) if _is_headline(title) and doc_text(doc).startswith(title) else 0
    quote_spans = list(doc.spans[QUOTES_KEY]) if QUOTES_KEY in doc.spans else []
    quoted = quoted_tokens(doc)
    claim_cues = [c for c in doc._.claim_cues or [] if doc[c.content[0]].idx >= headline_end]
    items: list[tuple[int, str, object]] = [(s.start, "quote", s) for s in quote_spans]
    items += [
        (min(c.cue[0], c.claimant if c.claimant is not None else c.cue[0]), "claim", c)
        for c in claim_cues
    ]
    items.sort(key=lambda item: (item[0], item[1]))
    quotes: list[Quote] = []
    claims: list[Claim] = []
    previous: tuple[Span, Speaker | None] | None = None
    for _, kind, item in items:
        if kind == "quote":
            record, speaker = _quote(doc, item, quoted, resolver, previous, article_id)
            if record is not None:
                quotes.append(record)
                previous = (item, speaker)
        else:
            claims.append(_claim(doc, item, resolver, article_id))
    return quotes, claims


def _is_headline(title: str | None) -> bool:
    """A headline has no full stop and is short. A first line that is a sentence of the body
    (or a photo caption) is taken for the title when an article comes without a headline."""
    if not title:
        return False
    text = title.strip()
    return not text.endswith(".") and len(text.split()) <= 30


# ---- quotes ----------------------------------------------------------------------------------


def _quote(
    doc: Doc,
    span: Span,
    quoted: set[int],
    resolver: SpeakerResolver,
    previous: tuple[Span, Speaker | None] | None,
    article_id: str,
):
    text = _quote_text(doc, span)
    partial = _is_partial(doc, span)
    verb, source = find_quote_cue(doc, span, quoted, governing_only=partial)
    if verb is not None and not partial:
        verb, source = _named_cue(doc, span, quoted, resolver, verb, source)
    speaker = None
    cue = None
    if verb is not None:
        cue = doc[slice(*cue_words(verb))].text if verb.lower_ != "according" else "according to"
        speaker = resolver.resolve(source)
    elif previous is not None and not partial and _continues(doc, previous[0], span):
        speaker = previous[1]
    if speaker is None and partial:
        return None, None  # a scare quote or a term in quotation marks, not somebody's words
    ident = hashlib.sha256(f"{article_id}:q:{span.start_char}".encode()).hexdigest()[:16]
    record = Quote(
        quote_id=ident,
        article_id=article_id,
        text=text,
        start=span.start_char,
        end=span.end_char,
        speaker=speaker.name if speaker else None,
        speaker_mention=speaker.mention if speaker and verb is not None else None,
        speaker_title=speaker.title if speaker else None,
        speaker_actor=speaker.actor if speaker else None,
        cue=cue,
        partial=partial,
        speaker_anonymous=bool(speaker and speaker.anonymous),
    )
    return record, speaker


def _named_cue(
    doc: Doc,
    span: Span,
    quoted: set[int],
    resolver: SpeakerResolver,
    verb: Token,
    source: Token | None,
) -> tuple[Token, Token | None]:
    """ "Commander of X said, “...,” Brennan said.": of two cues, the one that names the
    speaker."""
    after = cue_after(doc, span, quoted)
    if after is None or after[0].i == verb.i or after[1] is None or source is None:
        return verb, source
    first = resolver.resolve(source, remember=False)
    second = resolver.resolve(after[1], remember=False)
    if (
        first is not None
        and first.anonymous
        and second is not None
        and second.person
        and not second.anonymous
    ):
        return after
    return verb, source


def _quote_text(doc: Doc, span: Span) -> str:
    text = _PARAGRAPH_MARK.sub("\n\n", span.text)
    return text.rstrip(",").strip()


def _is_partial(doc: Doc, span: Span) -> bool:
    """A fragment inside the author's sentence, not a sentence of the speaker's own."""
    if span.text[:1].islower():
        return True
    sent = doc[span.start].sent
    before = doc_text(doc)[sent.start_char : max(sent.start_char, span.start_char - 1)].strip()
    return bool(before) and not before.endswith((":", ","))


def find_quote_cue(
    doc: Doc, span: Span, quoted: set[int], governing_only: bool = False
) -> tuple[Token | None, Token | None]:
    """The reporting verb that introduces a quotation and the head of its speaker.

    A fragment inside the author's sentence takes only the verb that governs it in the parse;
    a free-standing quotation may also take a cue just after or before it."""
    # 1. the verb that governs the quotation in the parse: "X said: “...”", "“...,” X said",
    #    "X claimed that the casualties fell “after ...”"
    head = span.root
    for _ in range(8):
        according = next(
            (
                c
                for c in head.children
                if c.lower_ == "according" and c.i not in quoted and c.i + 1 < len(doc)
            ),
            None,
        )
        if according is not None:
            # "According to a report by Al-Akhbar, “there is ...”"
            return according, next(
                (c for c in according.nbor(1).children if c.dep_ == "pobj"), None
            )
        if head.head.i == head.i:
            break
        head = head.head
        if head.i in quoted:
            continue
        if (head.lower_ == "according" and head.i + 1 < len(doc)) or (
            head.lower_ == "to" and head.i and head.nbor(-1).lower_ == "according"
        ):
            to = head if head.lower_ == "to" else head.nbor(1)
            return (head if head.lower_ == "according" else head.nbor(-1)), next(
                (c for c in to.children if c.dep_ == "pobj"), None
            )
        if head.pos_ == "VERB" and head.lemma_.lower() in lx.QUOTE_VERBS:
            if is_passive(head) and not any(c.dep_ == "agent" for c in head.children):
                continue  # "“no injuries” were reported": part of what the speaker says
            return head, _participle_source(head, quoted) or speaker_of(head, quoted)
        if head.pos_ == "NOUN" and head.lemma_.lower() in lx.CLAIM_NOUNS:
            # "an accusation of “weapons of mass destruction proliferation”": the accuser's
            # words
            return head, _noun_source(head, quoted)
    if governing_only:
        # a fragment may still hang on a cue earlier in its clause the parse did not link:
        # "the coalition told Newsweek at the time would be “a concern.”"
        sent = doc[span.start].sent
        for token in reversed(doc[sent.start : span.start]):
            if token.i in quoted:
                break
            if (
                token.pos_ == "VERB"
                and token.lemma_.lower() in lx.QUOTE_VERBS
                and _reaches(doc, token.right_edge.i, span.start)
            ):
                return token, speaker_of(token, quoted)
        return None, None
    # 2. a cue right after the quotation in its sentence: "“...,” he added."
    after = cue_after(doc, span, quoted)
    if after is not None:
        return after
    # 3. a cue before it in its sentence: "Biden replied, “...”"
    sent = doc[span.start].sent
    for token in reversed(doc[sent.start : span.start]):
        if token.i in quoted:
            break
        if token.pos_ == "VERB" and token.lemma_.lower() in lx.QUOTE_VERBS:
            return token, speaker_of(token, quoted)
        if token.lower_ == "according" and token.i + 1 < len(doc) and token.nbor(1).lower_ == "to":
            return token, next((c for c in token.nbor(1).children if c.dep_ == "pobj"), None)
    return None, None


def cue_after(doc: Doc, span: Span, quoted: set[int]) -> tuple[Token, Token | None] | None:
    """A reporting verb right after a quotation in its sentence: "“...,” he added."."""
    sent = doc[span.end - 1].sent
    for token in doc[span.end : min(sent.end, span.end + 14)]:
        if token.i in quoted:
            break
        if token.pos_ == "VERB" and token.lemma_.lower() in lx.QUOTE_VERBS:
            return token, speaker_of(token, quoted)
    return None


def _participle_source(verb: Token, quoted: set[int]) -> Token | None:
    """ "..., according to a US military official speaking anonymously, reporting “no
    casualties”": the participle reports for the source named by "according to"."""
    if verb.tag_ != "VBG":
        return None
    for token in verb.doc[verb.sent.start : verb.i]:
        if (
            token.lower_ == "according"
            and token.i not in quoted
            and token.i + 1 < verb.i
            and token.nbor(1).lower_ == "to"
        ):
            return next((c for c in token.nbor(1).children if c.dep_ == "pobj"), None)
    return None


def _noun_source(noun: Token, quoted: set[int]) -> Token | None:
    """Whose accusation, claim or statement: its possessor, else the subject of its clause."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    head = noun.head
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX"):
            return speaker_of(head, quoted)
        if head.head.i == head.i:
            break
        head = head.head
    return None


def _reaches(doc: Doc, edge: int, start: int) -> bool:
    """The cue's clause runs up to the quotation, bar a few auxiliary words ("would be")."""
    between = doc[edge + 1 : start]
    return len(between) <= 4 and all(
        t.pos_ in ("AUX", "PART", "PUNCT", "SCONJ", "ADV") or t.lemma_ == "be" for t in between
    )


def _continues(doc: Doc, previous: Span, span: Span) -> bool:
    """A quotation with no cue of its own continues the previous speaker's words when it
    follows in the same or the next paragraph (news style)."""
    between = doc_text(doc)[previous.end_char : span.start_char]
    if between.count("\n\n") > 1:
        return False
    words = re.findall(r"[A-Za-z]+", between)
    if len(words) <= 12:
        return True
    # "“...,” said X, according to a report in mid-January. “...”": what lies between is the
    # attribution of the previous quotation, in its sentence, and this one starts the next
    sentence = doc[previous.end - 1].sent
    return (
        len(words) <= 40
        and span.start > 0
        and all(t.sent == sentence for t in doc[previous.end : span.start - 1] if not t.is_space)
        and doc[span.start].sent != sentence
    )


# ---- claims ----------------------------------------------------------------------------------


def _claim(doc: Doc, cue: ClaimCue, resolver: SpeakerResolver, article_id: str) -> Claim:
    speaker = resolver.resolve(doc[cue.claimant]) if cue.claimant is not None else None
    via = None
    if cue.via is not None:
        relay = resolver.resolve(doc[cue.via], remember=False)
        via = relay.name if relay else doc[cue.via].text
    accused = None
    if cue.accused is not None:
        named = resolver.resolve(doc[cue.accused], remember=False)
        accused = named.name if named and named.name else doc[cue.accused].text
    content = doc[cue.content[0] : cue.content[1]]
    cue_text = doc[cue.cue[0] : cue.cue[1]].text
    ident = hashlib.sha256(f"{article_id}:c:{content.start_char}:{cue.cue[0]}".encode())
    return Claim(
        claim_id=ident.hexdigest()[:16],
        article_id=article_id,
        claimant=speaker.name if speaker else None,
        claimant_mention=(
            doc[cue.claimant].text
            if speaker is None and cue.claimant is not None
            else speaker.mention
            if speaker
            else None
        ),
        cue=cue_text,
        content=content.text,
        start=content.start_char,
        end=content.end_char,
        distanced=cue.distanced,
        via=via,
        responsibility_claim=cue.responsibility,
        accused=accused,
    )
