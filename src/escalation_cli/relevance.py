"""Relevance: which articles are worth the statistical model at all.

A general news feed is mostly not about the conflict. Before the model runs, each text is
tokenized and matched against the gazetteer (cheap: a tokenizer and two phrase matchers); an
article is relevant when it names a base, a province or a place of the region, or names an
actor of the conflict together with the vocabulary of attacks and statements about them.
Everything else gets its article record (with the gazetteer entities found) and no incidents,
quotes or claims, without paying for the model.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from escalation_cli.gazetteer import Gazetteer
from escalation_cli.pipeline.gazetteer import GAZETTEER_SPANS
from escalation_cli.pipeline.incidents import LOCATION_LABELS

REGION = frozenset(
    {
        "Syria",
        "Iraq",
        "Iran",
        "Jordan",
        "Yemen",
        "Lebanon",
        "Israel",
        "Palestine",
        "Qatar",
        "Kuwait",
        "Bahrain",
        "Saudi Arabia",
        "United Arab Emirates",
    }
)
CONFLICT_ALIGNMENTS = frozenset({"iran_aligned", "syrian_government", "isis", "sdf"})
_ATTACK_WORDS = re.compile(
    r"\b(attack\w*|strike[sd]?|struck|airstrikes?|air ?raids?|drones?|rockets?|missiles?|"
    r"mortars?|shell(?:ed|ing)|bomb\w*|target(?:ed|ing)|militia\w*|troops|intercept\w*|"
    r"retaliat\w*|escalat\w*|killed|wounded|casualt\w*|base|bases|forces)\b",
    re.IGNORECASE,
)


class RelevanceGate:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.component = nlp.get_pipe("escalation_gazetteer")
        self.gazetteer: Gazetteer = self.component.gazetteer
        self._conflict_actor = {
            actor.id: self._is_conflict_actor(actor.id) for actor in self.gazetteer.actors.values()
        }

    def _is_conflict_actor(self, actor_id: str) -> bool:
        actor = self.gazetteer.actors[actor_id]
        if actor.type == "media":
            return False
        return (
            actor.alignment in CONFLICT_ALIGNMENTS
            or actor.country in REGION
            or actor.type in ("militia", "armed_group")
        )

    def prepare(self, doc: Doc) -> Doc:
        """Hand a checked Doc to the full pipeline: the gazetteer spans are kept aside for its
        gazetteer component, the entities cleared for the statistical NER."""
        doc.user_data[GAZETTEER_SPANS] = [(e.start, e.end, e.label_, e.kb_id_) for e in doc.ents]
        doc.set_ents([], default="missing")
        return doc

    def check(self, text: str) -> tuple[bool, Doc]:
        """(relevant, a tokenized Doc with the gazetteer's entities set)."""
        doc = self.nlp.make_doc(text)
        self.component(doc)
        if any(ent.label_ in LOCATION_LABELS for ent in doc.ents):
            return True, doc
        named = any(
            ent.label_ == "ACTOR" and self._conflict_actor.get(ent.kb_id_) for ent in doc.ents
        )
        return bool(named and len(_ATTACK_WORDS.findall(text)) >= 2), doc
