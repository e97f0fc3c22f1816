"""Every custom ``._`` attribute the pipeline uses, declared in one table.

Components set these; extractors read them. ``register_extensions()`` is idempotent.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

# (object, name, kwargs)
EXTENSIONS: list[tuple[type, str, dict]] = [
    # {"BASE/al_tanf": "al-Tanf", ...}: canonical names of the gazetteer entities in this doc
    (Doc, "entity_names", {"default": None}),
    # IncidentCue objects set by escalation_incidents (see pipeline/incidents.py)
    (Doc, "incident_cues", {"default": None}),
    # ClaimCue objects set by escalation_claims (see pipeline/claims/)
    (Doc, "claim_cues", {"default": None}),
    # canonical name of a gazetteer entity span (None for model-only entities)
    (Span, "canonical", {"getter": lambda span: _canonical(span)}),
]


def _canonical(span: Span) -> str | None:
    names = span.doc._.entity_names
    if not names or not span.kb_id_:
        return None
    return names.get(f"{span.label_}/{span.kb_id_}")


def register_extensions() -> None:
    for obj, name, kwargs in EXTENSIONS:
        if not obj.has_extension(name):
            obj.set_extension(name, **kwargs)
