"""Per-Doc caches for the extractors: ``doc.text`` and ``doc.ents`` are rebuilt by spaCy on
every access, and the extractors ask for them hundreds of times per article."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

_TEXT = ("escalation", "text")
_ENTS = ("escalation", "ents")
_STARTS = ("escalation", "ent_starts")
_DATES = ("escalation", "dates")


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def seed_text(doc: Doc, text: str) -> None:
    """The caller knows the text the Doc was made from: no need to rebuild it."""
    doc.user_data[_TEXT] = text


def doc_ents(doc: Doc) -> list[Span]:
    ents = doc.user_data.get(_ENTS)
    if ents is None:
        ents = doc.user_data[_ENTS] = list(doc.ents)
        doc.user_data[_STARTS] = [e.start for e in ents]
    return ents


def ents_in(doc: Doc, start: int, end: int) -> list[Span]:
    """Entities that start inside tokens [start, end)."""
    ents = doc_ents(doc)
    starts = doc.user_data[_STARTS]
    out = []
    for ent in ents[bisect_left(starts, start) :]:
        if ent.start >= end:
            break
        out.append(ent)
    return out


def date_expressions(doc: Doc) -> list:
    """Every date phrase of the whole text, found once (character offsets into the text)."""
    from escalation_cli.dates import find_date_expressions

    found = doc.user_data.get(_DATES)
    if found is None:
        found = doc.user_data[_DATES] = find_date_expressions(doc_text(doc))
    return found
