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

``reported`` holds reported speech ("said that", "according to", trailing attributions),
``forms`` the other forms, ``nesting`` what is kept when one claim lies inside another, and
``syntax`` the reading of the parse they share.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from escalation_cli import lexicon as lx
from escalation_cli.extensions import register_extensions
from escalation_cli.pipeline.candidates import by_sentence, tokens_with
from escalation_cli.pipeline.claims.cue import ClaimCue
from escalation_cli.pipeline.claims.forms import (
    belief_claim,
    hearsay_clause,
    hearsay_noun,
    naming_claim,
    responsibility_claim,
)
from escalation_cli.pipeline.claims.nesting import dedupe, drop_nested
from escalation_cli.pipeline.claims.reported import (
    according_claim,
    as_per_claim,
    noun_claim,
    trailing_claim,
    verb_claim,
)
from escalation_cli.pipeline.claims.syntax import is_passive
from escalation_cli.pipeline.quotes import quoted_tokens

__all__ = ["CLAIMS_KEY", "ClaimComponent", "ClaimCue", "dedupe", "drop_nested", "find_claims"]

CLAIMS_KEY = "claims"


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


CUE_LEMMAS = lx.CLAIM_VERBS | lx.CLAIM_NOUNS | lx.PASSIVE_BELIEF_VERBS | lx.RESPONSIBILITY_NOUNS
# "said" is sometimes left unlemmatised ("the group he belonged to said")
CUE_WORDS = (
    frozenset({"according", "per", "said", "says"}) | lx.HEARSAY_ADVERBS | lx.HEARSAY_ADJECTIVES
)


def find_claims(
    sent: Span, quoted: set[int], candidates: list[int] | None = None
) -> list[ClaimCue]:
    """Claims of one sentence (looking only at the candidate token indices, when given)."""
    found: list[ClaimCue] = []
    trailing = trailing_claim(sent, quoted)
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
            cue = hearsay_noun(token, quoted)
        elif token.lower_ in lx.HEARSAY_ADVERBS:
            cue = hearsay_clause(token, quoted)
        elif token.pos_ in ("VERB", "AUX") and lemma in lx.CLAIM_VERBS:
            cue = verb_claim(token, quoted)
        elif (
            lemma in lx.RESPONSIBILITY_NOUNS
            and token.dep_ == "dobj"
            and token.head.pos_ == "VERB"
            and token.head.lemma_.lower() in lx.RESPONSIBILITY_VERBS - lx.CLAIM_VERBS
        ):
            cue = responsibility_claim(token.head, quoted)  # "took responsibility for ..."
        elif token.pos_ == "VERB" and lemma in lx.PASSIVE_BELIEF_VERBS and is_passive(token):
            cue = belief_claim(token, quoted)
        elif (
            token.pos_ == "NOUN"
            and lemma in lx.NAMING_VERBS
            and any(c.dep_ == "dobj" for c in token.children)
        ):
            cue = naming_claim(token, quoted)  # "Damascus brands X as Y" parsed as a noun
        elif token.pos_ == "NOUN" and lemma in lx.CLAIM_NOUNS:
            cue = noun_claim(token, quoted)
        elif (
            token.lower_ == "according"
            and token.i + 1 < len(token.doc)
            and token.nbor(1).lower_ == "to"
        ):
            cue = according_claim(token, quoted)
        elif token.lower_ == "per" and token.i > sent.start and token.nbor(-1).lower_ == "as":
            cue = as_per_claim(token, quoted)
        else:
            cue = None
        if cue is not None:
            found.append(cue)
    return found
