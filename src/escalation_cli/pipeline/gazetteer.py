"""``escalation_gazetteer``: tags bases, provinces, places and actors from ``patterns/``.

Runs after the statistical NER and wins over it: the bare model tags "Al-Tanf" as PERSON
and "Ryder" as ORG, the gazetteer knows better. Each span gets the entry id as ``kb_id_``;
``span._.canonical`` gives the canonical name.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from escalation_cli.extensions import register_extensions
from escalation_cli.gazetteer import LABELS, PLACE, Gazetteer, load_gazetteer

# doc.user_data key for spans the gazetteer found before the model ran (see relevance.py)
GAZETTEER_SPANS = ("escalation", "gazetteer_spans")
# When one stretch of text names entries of several labels, the first label here wins.
LABEL_PRIORITY = {label: rank for rank, label in enumerate((*LABELS, PLACE))}


@Language.factory(
    "escalation_gazetteer",
    default_config={"patterns_dirs": [], "shipped": True},
    assigns=["doc.ents", "doc._.entity_names"],
    requires=["token.lower"],
)
def make_gazetteer_component(
    nlp: Language, name: str, patterns_dirs: Sequence[str], shipped: bool
) -> GazetteerComponent:
    return GazetteerComponent(nlp, load_gazetteer(patterns_dirs, shipped=shipped))


class GazetteerComponent:
    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        register_extensions()
        self.gazetteer = gazetteer
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        tokenize = lambda text: [t.text for t in nlp.make_doc(text)]  # noqa: E731
        keyed: dict[tuple[str, str], list[Doc]] = {}
        exact: dict[str, list[Doc]] = {}
        for pattern in gazetteer.ruler_patterns(tokenize):
            key = f"{pattern['label']}/{pattern['id']}"
            words = [next(iter(p.values())) for p in pattern["pattern"]]
            doc = Doc(nlp.vocab, words=words)
            if "ORTH" in pattern["pattern"][0]:
                exact.setdefault(key, []).append(doc)
            else:
                keyed.setdefault(("LOWER", key), []).append(doc)
        for key, docs in exact.items():
            self.exact.add(key, docs)
        for (_, key), docs in keyed.items():
            self.folded.add(key, docs)
        self.names = {
            f"{alias.label}/{alias.id}": self._name(alias.label, alias.id)
            for alias in gazetteer.aliases()
        }

    def _name(self, label: str, entry_id: str) -> str:
        return self.gazetteer.name_of(label, entry_id) or entry_id

    def __call__(self, doc: Doc) -> Doc:
        known = doc.user_data.pop(GAZETTEER_SPANS, None)
        if known is not None:  # matched already, before the model ran (relevance gate)
            chosen = [Span(doc, s, e, label=label, kb_id=kb) for s, e, label, kb in known]
        else:
            chosen = self.choose_spans(self.find_candidates(doc))
        self.set_entities(doc, chosen)
        return doc

    def find_candidates(self, doc: Doc) -> list[Span]:
        """Every span of the doc that spells a gazetteer entry."""
        spans = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                key = doc.vocab.strings[match_id]
                label, entry_id = key.split("/", 1)
                spans.append(Span(doc, start, end, label=label, kb_id=entry_id))
        return spans

    @staticmethod
    def choose_spans(spans: list[Span]) -> list[Span]:
        """Longest spans win; of two entries spelled by the same span, the higher label."""
        spans = sorted(spans, key=lambda s: (s.start, -len(s), LABEL_PRIORITY[s.label_], s.kb_id_))
        unique: list[Span] = []
        for span in spans:
            if unique and (unique[-1].start, unique[-1].end) == (span.start, span.end):
                continue
            unique.append(span)
        return filter_spans(unique)

    def set_entities(self, doc: Doc, chosen: list[Span]) -> None:
        """Gazetteer spans replace the model's entities they overlap; the rest stay."""
        taken = set()
        for span in chosen:
            taken.update(range(span.start, span.end))
        kept = [ent for ent in doc.ents if not any(i in taken for i in range(ent.start, ent.end))]
        doc.ents = sorted([*kept, *chosen], key=lambda s: s.start)
        doc._.entity_names = {
            f"{s.label_}/{s.kb_id_}": self.names[f"{s.label_}/{s.kb_id_}"] for s in chosen
        }
