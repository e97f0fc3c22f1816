"""Extract: spaCy ``Doc`` plus reader metadata in, pydantic records out. Pure functions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from escalation_cli import dates
from escalation_cli.extractors.attribution import attribution_records
from escalation_cli.extractors.docinfo import seed_text
from escalation_cli.extractors.incidents import incident_records
from escalation_cli.extractors.incidents.location import capital_places
from escalation_cli.gazetteer import LABELS, PLACE, Gazetteer
from escalation_cli.models import Article, EntityCount
from escalation_cli.readers import Document

ENTITY_LABELS = (*LABELS, PLACE)


@dataclass
class ArticleRecords:
    """Everything extracted from one article, ready to write."""

    article: Article
    incidents: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    claims: list = field(default_factory=list)


def entity_counts(doc: Doc, gazetteer: Gazetteer) -> list[EntityCount]:
    counts: Counter[tuple[str, str]] = Counter(
        (_entity_label(ent.label_, ent.kb_id_, gazetteer), ent.kb_id_)
        for ent in doc.ents
        if ent.label_ in ENTITY_LABELS and ent.kb_id_
    )
    if doc.has_annotation("DEP"):
        # "south of Baghdad" names the province as well as the government's city
        counts.update(("PROVINCE", province) for _, province in capital_places(doc, gazetteer))
    order = {label: i for i, label in enumerate(ENTITY_LABELS)}
    return [
        EntityCount(
            label=label,
            id=entry_id,
            name=gazetteer.name_of(label, entry_id)
            or gazetteer.name_of("PROVINCE", entry_id)  # a region listed as a place
            or entry_id,
            count=n,
        )
        for (label, entry_id), n in sorted(
            counts.items(), key=lambda kv: (order[kv[0][0]], -kv[1], kv[0][1])
        )
    ]


def _entity_label(label: str, entry_id: str, gazetteer: Gazetteer) -> str:
    """A region made of provinces (the Kurdistan Region) is listed as a place, not a province."""
    if label == "PROVINCE":
        entry = gazetteer.provinces.get(entry_id)
        if entry is not None and entry.kind == "region":
            return PLACE
    return label


def publication_date(document: Document) -> tuple[str | None, str | None, str | None]:
    """``(published, precision, source)``: the header's date, else one inferred from the text."""
    if document.published:
        return document.published, document.published_precision, "header"
    inferred = dates.infer_published(document.text)
    if inferred:
        return inferred[0], inferred[1], "inferred"
    return None, None, None


def doc_to_records(
    doc: Doc, document: Document, gazetteer: Gazetteer, relevant: bool = True
) -> ArticleRecords:
    """All records of one article. A pipeline without some component yields none of its kind.
    Incidents outside the theatre are there too, marked ``in_scope: false``: the writer leaves
    them out unless asked to keep them."""
    published, precision, source = publication_date(document)
    article_id = document.article_id
    seed_text(doc, document.text)
    incidents = []
    if doc.has_extension("incident_cues") and doc._.incident_cues is not None:
        incidents = incident_records(doc, article_id, gazetteer, published)
    quotes, claims = [], []
    if doc.has_extension("claim_cues") and doc._.claim_cues is not None:
        quotes, claims = attribution_records(doc, article_id, gazetteer, document.title)
    article = Article(
        article_id=article_id,
        source=document.source,
        title=document.title,
        published=published,
        published_precision=precision,
        published_source=source,
        outlet=document.outlet,
        author=document.author,
        url=document.url,
        dateline=document.dateline,
        words=len(document.text.split()),
        entities=entity_counts(doc, gazetteer),
        incidents=sum(1 for i in incidents if i.in_scope),
        quotes=len(quotes),
        claims=len(claims),
        relevant=relevant,
        text=document.text,
    )
    return ArticleRecords(article=article, incidents=incidents, quotes=quotes, claims=claims)
