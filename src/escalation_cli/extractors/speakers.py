"""Who speaks: from the head token of a subject to a canonical speaker.

Shared by quotes and claims. Resolves pronouns ("he added"), definite descriptions ("the US
official went on to say", "the top Iranian advisor said"), surnames ("Ryder said" after
"Brigadier General Patrick Ryder"), "the statement"/"it" (the organisation that issued it),
and names from the gazetteer to their canonical form with title and organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from escalation_cli import lexicon as lx
from escalation_cli.extractors.docinfo import doc_ents, ents_in
from escalation_cli.gazetteer import Gazetteer

_PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
_PRONOUNS_ANY = frozenset({"they", "it", "we", "i"})
_DOCUMENT_NOUNS = frozenset({"statement", "communique", "communiqué", "release", "post"})
_TRIM = re.compile(r"^(?:the|a|an|this|that)\s+", re.I)


@dataclass(frozen=True)
class Speaker:
    name: str | None
    mention: str | None
    title: str | None = None
    actor: str | None = None
    person: bool = False


_ROLE_WORDS = frozenset(
    {
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "president",
        "general",
        "colonel",
        "commander",
        "secretary",
        "ambassador",
        "envoy",
        "chief",
        "director",
        "senator",
        "major",
        "brigadier",
        "lieutenant",
        "captain",
        "admiral",
        "deputy",
        "prime",
        "foreign",
        "defense",
        "defence",
        "press",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sgt",
        "spc",
        "gen",
        "col",
        "adm",
        "lt",
    }
)


def _strip_role_words(name: str) -> str:
    """ "Spokeswoman Maria Lopez" -> "Maria Lopez" (the title goes to speaker_title)."""
    words = name.split()
    while len(words) > 2 and words[0].lower().strip(".") in _ROLE_WORDS:
        words = words[1:]
    return " ".join(words)


class SpeakerResolver:
    """Resolves speakers in reading order; remembers who spoke last."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.last: Speaker | None = None
        self.last_person: Speaker | None = None
        self.last_organisation: Speaker | None = None
        self._actor_ents = {}
        for ent in doc_ents(doc):
            for i in range(ent.start, ent.end):
                self._actor_ents[i] = ent
        self._persons = self._index_persons()

    # ---- public ------------------------------------------------------------------------------

    def resolve(self, token: Token | None, remember: bool = True) -> Speaker | None:
        if token is None:
            return None
        speaker = self._resolve(token)
        if speaker is not None and remember:
            self.remember(speaker)
        return speaker

    def remember(self, speaker: Speaker) -> None:
        self.last = speaker
        if speaker.person:
            self.last_person = speaker
        else:
            self.last_organisation = speaker

    # ---- resolution --------------------------------------------------------------------------

    def _resolve(self, token: Token) -> Speaker | None:
        lower = token.lower_
        if lower in _PRONOUNS_PERSON:
            return self.last_person or self.last
        if lower in _PRONOUNS_ANY:
            if lower == "it":
                return self.last_organisation or self.last
            return self.last
        phrase = self._phrase(token)
        mention = phrase.text.strip(" ,")
        # the gazetteer: an official first, then any other actor in the phrase
        actors = self._actors_in(phrase)
        if not actors and token.lemma_.lower() in _DOCUMENT_NOUNS | {
            "report",
            "article",
            "video",
            "study",
            "footage",
        }:
            # "a report released by the Lebanese daily Al-Akhbar"
            actors = self._actors_in(self.doc[token.left_edge.i : token.right_edge.i + 1])
        official = next(
            (a for a in actors if self.gazetteer.actors[a.kb_id_].type == "official"), None
        )
        if official is not None:
            return self._official(official, mention)
        head_is_person_noun = (
            token.lower_ in lx.PERSON_NOUNS or token.lemma_.lower() in lx.PERSON_NOUNS
        )
        if not actors and any(c.lower_ == "the" for c in token.children if c.dep_ == "det"):
            earlier = self._named_earlier(token.lower_)
            if earlier is not None:
                return earlier  # "the observatory said" after "the Syrian Observatory ..."
        if token.lemma_.lower() in _DOCUMENT_NOUNS and not actors:
            # "The statement claimed ...": the organisation that issued it
            return self.last_organisation or self.last
        if head_is_person_noun:
            definite = any(
                c.lower_ in ("the", "this", "that") for c in token.children if c.dep_ == "det"
            )
            actor = self._canonical(actors[0]) if actors else None
            if definite and self.last_person is not None and self._compatible(actor):
                return self.last_person  # "The US official went on to say", "the top advisor"
            person = self._person_named(phrase)
            if person is not None:
                return person
            return Speaker(name=_TRIM.sub("", mention), mention=mention, actor=actor, person=True)
        if actors:
            ent = actors[0]
            name = self._canonical(ent)
            return Speaker(name=name, mention=mention, actor=self._organisation_of(ent))
        person = self._person_named(phrase)
        if person is not None:
            return person
        if token.pos_ == "PROPN" and token.lower_ in self._persons:
            # a surname the model did not tag: "Lopez added" after "Maria Lopez"
            full, first = self._persons[token.lower_]
            return Speaker(
                name=_strip_role_words(full),
                mention=mention,
                title=self._person_title(first),
                person=True,
            )
        if token.ent_type_ in ("ORG", "NORP", "GPE"):
            return Speaker(name=_TRIM.sub("", mention), mention=mention)
        if token.pos_ in ("NOUN", "PROPN") or (
            token.pos_ in ("NUM", "PRON") and any(c.lower_ == "of" for c in token.children)
        ):
            return Speaker(name=_TRIM.sub("", mention), mention=mention)  # "One of the officials"
        return None

    def _named_earlier(self, noun: str) -> Speaker | None:
        for speaker in (self.last_organisation, self.last):
            if speaker is not None and speaker.name and noun in speaker.name.lower().split():
                return speaker
        return None

    def _compatible(self, actor: str | None) -> bool:
        if actor is None or self.last_person is None or self.last_person.actor is None:
            return True
        a = self.gazetteer.resolve(actor, ("ACTOR",))
        b = self.gazetteer.resolve(self.last_person.actor, ("ACTOR",))
        if a is None or b is None:
            return True
        return self.gazetteer.actors[a.id].alignment == self.gazetteer.actors[b.id].alignment

    def _phrase(self, token: Token) -> Span:
        """The subject's noun phrase without relative clauses and trailing appositions'
        clauses: "The Press Secretary of the Pentagon, Brigadier General Patrick Ryder"."""
        doc = self.doc
        keep = {token.i}
        for child in token.children:
            if child.dep_ in ("relcl", "acl", "advcl", "punct", "cc") and child.i > token.i:
                continue
            keep.update(t.i for t in child.subtree)
        start, end = min(keep), max(keep) + 1
        while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if end - start > 14:
            start = max(start, token.i - 6)
            end = min(end, token.i + 8)
        return doc[start:end]

    def _actors_in(self, phrase: Span) -> list[Span]:
        seen, out = set(), []
        for ent in ents_in(self.doc, phrase.start, phrase.end):
            if ent.label_ == "ACTOR" and ent.kb_id_ in self.gazetteer.actors:
                if ent.start not in seen:
                    seen.add(ent.start)
                    out.append(ent)

        # the head's own entity first ("Ryder" in "Ryder, who ..."), then in reading order;
        # an outlet named in passing ("People's Dispatch, The US Central Command") comes last
        def media(ent: Span) -> bool:
            return self.gazetteer.actors[ent.kb_id_].type == "media"

        return sorted(
            out, key=lambda e: (media(e) and len(out) > 1, e.root.i != phrase.root.i, e.start)
        )

    def _canonical(self, ent: Span) -> str:
        return self.gazetteer.actors[ent.kb_id_].name

    def _organisation_of(self, ent: Span) -> str | None:
        actor = self.gazetteer.actors[ent.kb_id_]
        seen = set()
        while actor.type in ("official",) and actor.affiliation and actor.id not in seen:
            seen.add(actor.id)
            actor = self.gazetteer.actors[actor.affiliation]
        if actor.type == "official":
            return None
        if actor.type in ("state",) or actor.type != "official":
            return actor.name
        return None

    def _official(self, ent: Span, mention: str) -> Speaker:
        actor = self.gazetteer.actors[ent.kb_id_]
        return Speaker(
            name=actor.name,
            mention=mention,
            title=self._title(ent.kb_id_),
            actor=self._organisation_of(ent),
            person=True,
        )

    def _title(self, actor_id: str) -> str | None:
        """Title words around the first mention: "Press Secretary of the Pentagon, Brigadier
        General" for "The Press Secretary of the Pentagon, Brigadier General Patrick Ryder"."""
        doc = self.doc
        first = next(
            (e for e in doc_ents(doc) if e.label_ == "ACTOR" and e.kb_id_ == actor_id), None
        )
        if first is None:
            return None
        parts = []
        root = first.root
        if root.dep_ == "appos":
            head = root.head
            head_words = [
                t
                for t in head.subtree
                if t.i < root.left_edge.i and not (t.dep_ == "det" or t.is_punct)
            ]
            if head_words:
                parts.append(doc[head_words[0].i : head_words[-1].i + 1].text.strip(" ,"))
        before = [
            t
            for t in doc[root.left_edge.i : first.start]
            if t.dep_ != "det" and not t.is_punct and t.ent_type_ != "ACTOR" or t.dep_ == "compound"
        ]
        before = [t for t in before if t.i < first.start and t.dep_ != "det"]
        if before:
            text = doc[before[0].i : first.start].text.strip(" ,")
            text = _TRIM.sub("", text)
            if text:
                parts.append(text)
        title = ", ".join(p for p in parts if p)
        return title or None

    def _index_persons(self) -> dict[str, tuple[str, Span]]:
        persons: dict[str, tuple[str, Span]] = {}
        for ent in doc_ents(self.doc):
            if ent.label_ != "PERSON":
                continue
            words = [t for t in ent if t.is_alpha]
            if len(words) >= 2:
                persons.setdefault(words[-1].lower_, (ent.text, ent))
        return persons

    def _person_named(self, phrase: Span) -> Speaker | None:
        for ent in ents_in(self.doc, phrase.start, phrase.end):
            if ent.label_ != "PERSON":
                continue
            words = [t for t in ent if t.is_alpha]
            if not words:
                continue
            full, first = self._persons.get(words[-1].lower_, (ent.text, ent))
            if len(full.split()) < len(ent.text.split()):
                full = ent.text
            full = _strip_role_words(full)
            return Speaker(
                name=full,
                mention=phrase.text.strip(" ,"),
                title=self._person_title(first),
                person=True,
            )
        return None

    def _person_title(self, ent: Span) -> str | None:
        doc = self.doc
        words = [t for t in doc[ent.root.left_edge.i : ent.start] if t.dep_ != "det"]
        text = " ".join(t.text for t in words).strip(" ,")
        return text or None
