"""Quotes and claims of a short text through the whole pipeline, for the extractor tests."""

from __future__ import annotations

import pytest

from escalation_cli.extract import doc_to_records
from escalation_cli.readers import Document


@pytest.fixture(scope="module")
def records_of(nlp):
    from escalation_cli.nlp import gazetteer_of

    gazetteer = gazetteer_of(nlp)

    def run(text: str, title: str | None = None):
        document = Document(
            source="t.txt",
            text=text,
            title=title,
            published="2024-02-05",
            published_precision="day",
        )
        records = doc_to_records(nlp(text), document, gazetteer)
        return records.quotes, records.claims

    return run
