"""Who speaks: from the head token of a subject to a canonical speaker.

Shared by quotes and claims. Resolves pronouns ("he added"), definite descriptions ("the US
official went on to say", "the top Iranian advisor said"), surnames ("Ryder said" after
"Brigadier General Patrick Ryder"), "the statement"/"it" (the organisation that issued it),
and names from the gazetteer to their canonical form with title and organisation. A person
named at the head of the phrase wins over the organisation it speaks for ("Pentagon spokesman
Jonathan Hoffman"); a title given alone is the person it is given to elsewhere in the text
("KRG's Interior Minister" and "Rebar Ahmad, KRG's Interior Minister"); "the group", "the
agency", "the mission" are the nearest organisation of that kind; an organisation keeps its
own name ("the UK Ministry of Defence"); a source described but not named ("a US defense
official", "security sources") is an anonymous speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

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
    anonymous: bool = False  # described, not named: "a US defense official"


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
        "undersecretary",
        "assistant",
        "gov",
        "governor",
        "maj",
        "brig",
    }
)
_STOP_WORDS = frozenset({"the", "a", "an", "of", "for", "to", "and", "in", "'s", "\u2019s"})


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
        self._runs: list[_NameRun] | None = None
        self._organisations: list[_Organisation] | None = None

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
                return self._it(token)
            return self.last
        phrase = self._phrase(token)
        mention = phrase.text.strip(" ,\"\u201c\u201d\u2018\u2019'")
        if token.lemma_.lower() in _DOCUMENT_NOUNS:
            issuer = self._issuer(token)  # "A statement issued by X", "a statement by X"
            if issuer is not None:
                return issuer
        # a person named at the head of the phrase, then the gazetteer: an official first,
        # then any other actor in the phrase
        actors = self._actors_in(phrase, token)
        person = self._head_person(token, phrase)
        if person is not None:
            return person
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
            (
                a
                for a in actors
                if self.gazetteer.actors[a.kb_id_].type == "official"
                and not _inside_prep_of(a, token)
            ),
            None,
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
            # "The statement claimed ...", "said the statement": whoever spoke last, else the
            # organisation the article names next
            return self.last or self._next_claimant_organisation(token)
        named = self._named_in(phrase)
        if named is not None:
            return named  # "the group of militias called the Islamic Resistance in Iraq"
        organisation = self._described_organisation(token, phrase)
        if organisation is not None:
            return organisation
        if head_is_person_noun:
            titled = self._titled_person(token, phrase)
            if titled is not None:
                return titled
            definite = any(
                c.lower_ in ("the", "this", "that") for c in token.children if c.dep_ == "det"
            )
            actor = self._canonical(actors[0]) if actors else None
            if definite and self.last_person is not None and self._compatible(actor):
                return self.last_person  # "The US official went on to say", "the top advisor"
            person = self._person_named(phrase)
            if person is not None:
                return person
            return Speaker(
                name=_TRIM.sub("", mention),
                mention=mention,
                actor=actor,
                person=True,
                anonymous=True,
            )
        if actors:
            ent = actors[0]
            name = self._canonical(ent)
            if _names_own_organisation(token, ent) or (
                _described_by(token, ent) and token.lemma_.lower() not in _DOCUMENT_NOUNS
            ):
                # "the UK Ministry of Defence": not the United Kingdom; "Iran-backed militant
                # groups": not Iran
                return Speaker(name=_TRIM.sub("", mention), mention=mention, actor=name)
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
            return Speaker(  # "One of the officials"
                name=_TRIM.sub("", mention),
                mention=mention,
                anonymous=token.pos_ != "PROPN"
                and any(t.lemma_.lower() in lx.PERSON_NOUNS for t in phrase),
            )
        return None

    # ---- pronouns, documents, heads ----------------------------------------------------------

    def _it(self, token: Token) -> Speaker | None:
        """ "Iran launched missiles, in an operation it dubbed ...": the organisation that is
        the subject earlier in the same sentence, else the last one that spoke."""
        sent = token.sent
        for ent in reversed(ents_in(self.doc, sent.start, token.i)):
            if ent.label_ != "ACTOR" or ent.kb_id_ not in self.gazetteer.actors:
                continue
            actor = self.gazetteer.actors[ent.kb_id_]
            if actor.type in ("official", "media") or ent.root.dep_ not in ("nsubj",):
                continue
            return Speaker(name=actor.name, mention=ent.text, actor=self._organisation_of(ent))
        return self.last_organisation or self.last

    def _issuer(self, noun: Token) -> Speaker | None:
        """ "A statement issued by the Assistant ..., Jonathan Hoffman, said": the person named
        beside the statement, or its author after "by"."""
        for child in noun.children:
            if child.dep_ == "appos":
                named = self._resolve(child)
                if named is not None and named.person and not named.anonymous:
                    return named
        agents = [g for c in noun.children if c.dep_ == "acl" for g in c.children]
        for prep in list(noun.children) + agents:
            if prep.lower_ == "by" and prep.dep_ in ("prep", "agent"):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None and (pobj.ent_type_ or pobj.pos_ == "PROPN"):
                    return self._resolve(pobj)
        return None

    def _head_person(self, token: Token, phrase: Span) -> Speaker | None:
        """A person named at the head of the phrase: "Pentagon spokesman Jonathan Hoffman",
        "Wayne Marotto, Spokesman for the US-led Coalition", "The undersecretary ..., Colin
        Kahl" (not one named inside a prepositional phrase: "spokesperson for X")."""
        mention = phrase.text.strip(" ,")
        for ent in ents_in(self.doc, phrase.start, phrase.end):
            official = (
                ent.label_ == "ACTOR"
                and ent.kb_id_ in self.gazetteer.actors
                and self.gazetteer.actors[ent.kb_id_].type == "official"
            )
            if not (official or ent.label_ == "PERSON") or not _at_head(ent, token):
                continue
            if official:
                return self._official(ent, mention)
            return self._person_speaker(ent, mention)
        return None

    # ---- titles given alone ------------------------------------------------------------------

    def _titled_person(self, token: Token, phrase: Span) -> Speaker | None:
        """ "KRG's Interior Minister said" where the text also has "Rebar Ahmad KRG's Interior
        Minister": the person whose title shares the head noun and another word."""
        words = _content_words(phrase)
        head = token.lemma_.lower()
        best: tuple[tuple[int, int], _NameRun] | None = None
        for run in self._name_runs():
            if head not in run.title or run.start <= token.i < run.end:
                continue
            overlap = len(words & run.title)
            if overlap < 2:
                continue
            key = (overlap, -abs(run.start - token.i))
            if best is None or key > best[0]:
                best = (key, run)
        if best is None:
            return None
        run = best[1]
        mention = phrase.text.strip(" ,")
        if run.official is not None:
            return self._official(run.official, mention)
        name = _strip_role_words(self.doc[run.start : run.end].text)
        return Speaker(name=name, mention=mention, title=run.title_text, person=True)

    def _name_runs(self) -> list[_NameRun]:
        if self._runs is None:
            self._runs = _find_name_runs(self.doc, self.gazetteer)
        return self._runs

    # ---- organisations described ---------------------------------------------------------------

    def _named_in(self, phrase: Span) -> Speaker | None:
        """The actor a phrase gives as its own name: "a group called X", "known as X",
        "dubbed X"."""
        for ent in self._actors_in(phrase):
            naming = ent.root.head
            if naming.lower_ == "as" and naming.head.i != naming.i:
                naming = naming.head  # "known as X"
            if naming.i < ent.start and naming.lemma_.lower() in _NAMING_WORDS:
                return Speaker(
                    name=self._canonical(ent),
                    mention=phrase.text.strip(" ,"),
                    actor=self._organisation_of(ent),
                )
        return None

    def _described_organisation(self, token: Token, phrase: Span) -> Speaker | None:
        """ "the group said", "the Agency clarified", "the mission said": the nearest
        organisation of that kind the article names (before, else just after)."""
        kinds = lx.ORGANISATION_NOUNS.get(token.lemma_.lower())
        if kinds is None or not any(
            c.lower_ in ("the", "this", "that") for c in token.children if c.dep_ == "det"
        ):
            return None
        for ent in ents_in(self.doc, phrase.start, phrase.end):
            if ent.label_ in ("ACTOR", "BASE") and (
                ent.start <= token.i < ent.end
                or ent.root.head.i == token.i
                and ent.root.dep_ in ("compound", "poss", "nmod", "appos")
            ):
                return None  # "the Islamic Resistance group": a name, not a description
        found = self._organisation_near(token, kinds, back=True)
        if found is None:
            found = self._organisation_near(token, kinds, back=False)
        if found is None:
            return None
        return replace(found, mention=phrase.text.strip(" ,"))

    def _organisation_near(
        self, token: Token, kinds: tuple[str, ...], back: bool
    ) -> Speaker | None:
        """The organisation of one of ``kinds`` named nearest before ``token`` (``back``) or
        after it, within a few sentences."""
        if self._organisations is None:
            self._organisations = self._index_organisations()
        candidates = [o for o in self._organisations if _of_kind(o, kinds)]
        if back:
            before = [o for o in candidates if o[0] < token.left_edge.i]
            if before:
                _, name, actor, _ = before[-1]
                return Speaker(name=name, mention=name, actor=actor)
            return None
        after = [o for o in candidates if o[0] > token.i and o[0] - token.i <= 120]
        if after:
            _, name, actor, _ = after[0]
            return Speaker(name=name, mention=name, actor=actor)
        return None

    def _next_claimant_organisation(self, token: Token) -> Speaker | None:
        """ "Two fighters were injured, the statement added" before anyone is named: the
        organisation that makes the next claim ("CENTCOM on Friday announced that ...")."""
        sent_end = token.sent.end
        for cue in self.doc._.claim_cues or []:
            if cue.claimant is None or cue.cue[0] < sent_end:
                continue
            claimant = self.doc[cue.claimant]
            ent = self._actor_ents.get(claimant.i)
            if ent is None or ent.kb_id_ not in self.gazetteer.actors:
                continue
            actor = self.gazetteer.actors[ent.kb_id_]
            if actor.type in _ANY_ORGANISATION:
                return Speaker(name=actor.name, mention=ent.text, actor=self._organisation_of(ent))
        return None

    def _index_organisations(self) -> list[_Organisation]:
        """Every organisation the text names, in order: gazetteer actors (by type), embassies
        and consulates (by name), and capitalised names headed by an organisation word ("The
        Counter-Terrorism Service in the Kurdistan Region")."""
        found: list[_Organisation] = []
        covered: set[int] = set()
        for ent in doc_ents(self.doc):
            if ent.label_ != "ORG":
                covered.update(range(ent.start, ent.end))
            if ent.label_ == "ACTOR" and ent.kb_id_ in self.gazetteer.actors:
                actor = self.gazetteer.actors[ent.kb_id_]
                found.append((ent.start, actor.name, self._organisation_of(ent), (actor.type,)))
            elif ent.label_ == "BASE" and ent.kb_id_:
                name = self.gazetteer.name_of("BASE", ent.kb_id_) or ent.text
                if any(w in name.lower() for w in ("embassy", "consulate")):
                    found.append((ent.start, name, None, ("embassy",)))
        for token in self.doc:
            if (
                token.pos_ == "PROPN"
                and token.is_title
                and token.lemma_.lower() in lx.ORGANISATION_HEADS
                and token.i not in covered
            ):
                start = token.left_edge.i
                end = min(token.right_edge.i + 1, token.i + 7)
                words = self.doc[start:end]
                name = _TRIM.sub("", words.text.strip(" ,"))
                found.append((start, name, None, ("government_body", "named")))
        found.sort(key=lambda o: o[0])
        return found

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
            if child.dep_ == "prep" and token.lemma_.lower() in ("report", "claim", "allegation"):
                continue  # "unconfirmed reports of more fatalities": the reports speak
            keep.update(t.i for t in child.subtree)
        start, end = min(keep), max(keep) + 1
        while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if end - start > 14:
            start = max(start, token.i - 6)
            end = min(end, token.i + 8)
        return doc[start:end]

    def _actors_in(self, phrase: Span, token: Token | None = None) -> list[Span]:
        seen, out = set(), []
        # (an entity the parse splits, "Harakat al-Nujaba" with "Nujaba" as the head, may start
        # before the phrase of its head word)
        start = phrase.start if token is None else min(phrase.start, max(0, token.i - 8))
        for ent in ents_in(self.doc, start, phrase.end):
            if ent.start < phrase.start and not ent.start <= token.i < ent.end:
                continue
            if ent.label_ == "ACTOR" and ent.kb_id_ in self.gazetteer.actors:
                if ent.start not in seen:
                    seen.add(ent.start)
                    out.append(ent)

        # the head's own entity first ("Ryder" in "Ryder, who ..."), then in reading order;
        # an outlet named in passing ("People's Dispatch, The US Central Command") comes last
        def media(ent: Span) -> bool:
            return self.gazetteer.actors[ent.kb_id_].type == "media"

        def owns(ent: Span) -> bool:
            return token is not None and ent.start <= token.i < ent.end

        return sorted(
            out,
            key=lambda e: (
                not owns(e),
                media(e) and len(out) > 1,
                e.root.i != phrase.root.i,
                e.start,
            ),
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
            speaker = self._person_speaker(ent, phrase.text.strip(" ,"))
            if speaker is not None:
                return speaker
        return None

    def _person_speaker(self, ent: Span, mention: str) -> Speaker | None:
        words = [t for t in ent if t.is_alpha]
        if not words:
            return None
        full, first = self._persons.get(words[-1].lower_, (ent.text, ent))
        if len(full.split()) < len(ent.text.split()):
            full = ent.text
        full = _strip_role_words(full)
        return Speaker(name=full, mention=mention, title=self._person_title(first), person=True)

    def _person_title(self, ent: Span) -> str | None:
        doc = self.doc
        words = [t for t in doc[ent.root.left_edge.i : ent.start] if t.dep_ != "det"]
        text = " ".join(t.text for t in words).strip(" ,")
        return text or None


# ---- helpers -------------------------------------------------------------------------------

# an organisation named in the text: token index, name, organisation it belongs to, and kinds
# (gazetteer types, "embassy", "named")
_Organisation = tuple[int, str, str | None, tuple[str, ...]]


_NAMING_WORDS = frozenset({"call", "name", "know", "dub", "style"})


def _of_kind(organisation: _Organisation, kinds: tuple[str, ...]) -> bool:
    name = organisation[1].lower()
    return any(
        k in organisation[3] or k.startswith("name:") and k[5:] in name.split() for k in kinds
    )


_ANY_ORGANISATION = ("armed_force", "government_body", "militia", "armed_group", "named")


def _at_head(ent: Span, token: Token) -> bool:
    """The entity is the head of the phrase, or stands beside it: "Pentagon spokesman
    [Jonathan Hoffman]", "[Wayne Marotto], Spokesman for ...", "The undersecretary ...,
    [Colin Kahl]"."""
    if ent.start <= token.i < ent.end:
        return True
    root = ent.root
    if root.head.i == token.i and root.dep_ in ("appos", "compound"):
        return True
    return token.dep_ in ("appos", "compound") and ent.start <= token.head.i < ent.end


def _inside_prep_of(ent: Span, token: Token) -> bool:
    """ "spokesperson for Prime Minister X": X is whom the head speaks for, not the speaker."""
    current = ent.root
    for _ in range(8):
        if current.i == token.i or current.head.i == current.i:
            return False
        if current.dep_ == "pobj" and current.head.dep_ == "prep":
            return True
        current = current.head
    return False


def _names_own_organisation(token: Token, ent: Span) -> bool:
    """ "the UK Ministry of Defence", "Iraq's Security Media Cell": an organisation word heads
    the phrase and the gazetteer only knows the state in front of it."""
    return (
        not ent.start <= token.i < ent.end
        and token.pos_ == "PROPN"
        and token.lemma_.lower() in lx.ORGANISATION_HEADS
        and ent.end <= token.i
    )


def _described_by(token: Token, ent: Span) -> bool:
    """ "Iran-backed militant groups in Iraq": a common noun heads the phrase and the actor
    only qualifies it."""
    if token.pos_ != "NOUN" or ent.start <= token.i < ent.end or token.i < ent.start:
        return False
    current = ent.root
    for _ in range(4):
        if current.i == token.i:
            return True
        if current.dep_ not in ("npadvmod", "amod", "compound", "nmod", "advmod"):
            return False
        current = current.head
    return False


def _content_words(span: Span) -> set[str]:
    return {
        t.lower_.strip(".")
        for t in span
        if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.lower_ not in _STOP_WORDS
    } | {
        t.lemma_.lower()
        for t in span
        if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.lower_ not in _STOP_WORDS
    }


@dataclass(frozen=True)
class _NameRun:
    """A person's name in the text and the title words given with it."""

    start: int
    end: int
    title: frozenset[str]
    title_text: str | None
    official: Span | None = None


def _find_name_runs(doc: Doc, gazetteer: Gazetteer) -> list[_NameRun]:
    """Names of persons (two or more capitalised words that are no title and no other
    entity, or a PERSON or official entity) with the words of the title around them."""
    runs: list[_NameRun] = []
    i = 0
    n = len(doc)
    while i < n:
        if not _name_word(doc[i], gazetteer):
            i += 1
            continue
        j = i
        while j < n and _name_word(doc[j], gazetteer):
            j += 1
        official = next(
            (
                e
                for e in ents_in(doc, i, j)
                if e.label_ == "ACTOR"
                and e.kb_id_ in gazetteer.actors
                and gazetteer.actors[e.kb_id_].type == "official"
            ),
            None,
        )
        if j - i >= 2 or official is not None or doc[i].ent_type_ == "PERSON":
            title = _title_tokens(doc, i, j)
            words = _content_words(doc[title[0] : title[-1] + 1]) if title else set()
            name_words = {t.lower_ for t in doc[i:j]}
            text = " ".join(doc[k].text for k in title if k < i or k >= j).strip(" ,") or None
            runs.append(_NameRun(i, j, frozenset(words - name_words), text, official))
        i = j
    return [r for r in runs if not _modifies_a_name(doc[r.end - 1], runs)]


def _modifies_a_name(token: Token, runs: list[_NameRun]) -> bool:
    """ "Air Force" in "Air Force Maj. Gen. Pat Ryder": part of a title before a name."""
    current = token
    for _ in range(6):
        if current.dep_ != "compound" or current.head.i <= current.i:
            return False
        current = current.head
        if any(r.start <= current.i < r.end for r in runs):
            return True
    return False


def _name_word(token: Token, gazetteer: Gazetteer) -> bool:
    if not (token.pos_ == "PROPN" and token.is_alpha and token.is_title):
        return False
    if token.lower_.strip(".") in _ROLE_WORDS or token.lower_ in lx.PERSON_NOUNS:
        return False
    if token.ent_type_ in ("", "PERSON"):
        return True
    return token.ent_type_ == "ACTOR" and (
        token.ent_kb_id_ in gazetteer.actors
        and gazetteer.actors[token.ent_kb_id_].type == "official"
    )


def _title_tokens(doc: Doc, start: int, end: int) -> list[int]:
    """Token indices of the phrase a name sits in, the name included: its appositions, the
    title words before it, and the title it is compounded with ("Rebar Ahmad KRG's Interior
    Minister")."""
    last = doc[end - 1]
    root = last
    while root.dep_ in ("compound", "poss", "nmod") and root.head.i > root.i:
        if root.head.i - last.i > 5:
            break
        root = root.head
    keep: set[int] = set()
    if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN"):
        keep.update(t.i for t in root.head.subtree if not (root.left_edge.i <= t.i <= root.i))
    keep.update(t.i for t in root.subtree)
    for child in root.children:
        if child.dep_ in ("relcl", "acl", "advcl", "ccomp", "conj"):
            keep.difference_update(t.i for t in child.subtree)
    sent = last.sent
    return sorted(k for k in keep if sent.start <= k < sent.end and abs(k - start) <= 14)
