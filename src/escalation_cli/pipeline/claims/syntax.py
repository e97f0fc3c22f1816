"""Reading the parse for claims: where a content starts and stops, who the subject of a cue
verb is, whether it is passive or negated, which words are the cue."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc, Token

from escalation_cli import lexicon as lx

_DASHES = ("\u2014", "\u2013", "-", "--")


def skip_dateline(doc: Doc, start: int, end: int) -> int:
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


def content_span(head: Token, exclude: set[int] = frozenset()) -> tuple[int, int] | None:
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
    start = skip_fronted_adjunct(doc, head, start, end)
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


def opens_with_quote(doc: Doc, span: tuple[int, int], quoted: set[int]) -> bool:
    """ "X said that “...”": the words are a quotation, not a claim in the author's words."""
    first = doc[span[0]]
    return first.i in quoted or first.text in ("\u201c", '"', "\u2018", "'")


def that_clause(verb: Token) -> Token | None:
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
            and not claim_verb_between(token.head, verb)
        ):
            return token.head
    return None


def skip_fronted_adjunct(doc: Doc, head: Token, start: int, end: int) -> int:
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


def claim_verb_between(token: Token, verb: Token) -> bool:
    """Another reporting verb between a clause and the cue ("claimed responsibility and said
    that ..." belongs to "said")."""
    current = token.head
    while current.i != verb.i and current.head.i != current.i:
        if current.pos_ == "VERB" and current.lemma_.lower() in lx.CLAIM_VERBS:
            return True
        current = current.head
    return False


def quotation_only(doc: Doc, span: tuple[int, int], quoted: set[int]) -> bool:
    """ "X said that “...”": the words are a direct quotation (a quote record), not a claim in
    the author's words. A claim that only quotes a phrase of it stays a claim."""
    if not opens_with_quote(doc, span, quoted):
        return False
    # the quotation that opens the content: does it run over most of it?
    i = span[0] + (1 if doc[span[0]].i not in quoted else 0)
    while i < span[1] and (i in quoted or doc[i].is_space):
        i += 1
    return i - span[0] >= 0.6 * (span[1] - span[0])


def frames_quotation(head: Token, quoted: set[int]) -> bool:
    """ "Commander of X said, “...”": the content is itself a reporting verb introducing a
    quotation, the frame of a quote rather than an assertion."""
    if head.lemma_.lower() not in lx.QUOTE_VERBS or not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in head.children
    ):
        return False
    doc = head.doc
    after = [t for t in doc[head.i + 1 : min(len(doc), head.i + 4)] if not t.is_space]
    return any(t.i in quoted for t in after)


def is_negated(verb: Token) -> bool:
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


def semicolon_between(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.i, b.i))
    return any(t.text == ";" for t in a.doc[lo:hi])


def noun_before(verb: Token) -> Token | None:
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


def prep_object(prep: Token) -> Token | None:
    """The noun a preposition introduces; through a gerund ("on strangling sanctions")."""
    target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if target is not None and target.tag_ == "VBG" and prep.lower_ == "on":
        target = next((c for c in target.children if c.dep_ == "dobj"), target)
    return target


def clause_span(verb: Token, subject: Token) -> tuple[int, int] | None:
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
    return until_semicolon(verb.doc, strip_span(verb.doc, subject.left_edge.i, end))


def strip_span(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    end = strip_end(doc, start, end)
    return (start, end) if end > start else None


def until_semicolon(doc: Doc, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A content stops where its clause does: never across a semicolon."""
    if span is None:
        return None
    for token in doc[span[0] : span[1]]:
        if token.text == ";":
            return strip_span(doc, span[0], token.i)
    return span


def closes_sentence(token: Token) -> bool:
    """The phrase of ``token`` runs to the end of its sentence."""
    sent = token.sent
    return all(t.is_punct or t.is_space for t in token.doc[token.right_edge.i + 1 : sent.end])


def strip_end(doc: Doc, start: int, end: int) -> int:
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return end


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def speaker_of(verb: Token, quoted: Collection[int] = ()) -> Token | None:
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
            if subject.dep_ == "nsubjpass" and not (
                current is not verb and current.lemma_.lower() == "quote"
            ):
                # (but "X was quoted by state media as saying ...": X speaks, the media relay)
                agent = next((c for c in current.children if c.dep_ == "agent"), None)
                if agent is not None:
                    return next((c for c in agent.children if c.dep_ == "pobj"), subject)
            if subject.lower_ in ("who", "that", "which") and current.dep_ == "relcl":
                return current.head
            return past_dateline(subject)
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


def past_dateline(subject: Token) -> Token:
    """ "ERBIL (Kurdistan24) \u2013 Major General X, ..., said": the parse took the dateline
    for the subject; the speaker is the name after the dash."""
    dash = next((c for c in subject.children if c.text in _DASH_TEXTS and c.i > subject.i), None)
    if dash is None:
        return subject
    after = next(
        (c for c in subject.children if c.dep_ in ("conj", "appos") and c.i > dash.i), None
    )
    return after if after is not None else subject


def cue_words(verb: Token) -> tuple[int, int]:
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
    if is_passive(verb):
        aux = [
            c.i
            for c in verb.children
            if c.dep_ in ("auxpass", "nsubjpass")
            and c.lower_ in ("it", "was", "is", "were", "been", "be")
        ]
        if aux:
            start = min(start, *aux)
    return start, end


def is_distancing(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in ("claim", "allege", "purport"):
        # "claimed responsibility" is the stock phrase, not doubt
        return not any(c.lower_ == "responsibility" for c in verb.children)
    # "X allegedly said": the adverb next to the verb, not one of a later clause
    return any(
        c.lower_ in ("allegedly", "supposedly", "purportedly") and c.i <= verb.i + 1
        for c in verb.children
    )


def relay_of(head: Token, skip: Token | None = None) -> int | None:
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
