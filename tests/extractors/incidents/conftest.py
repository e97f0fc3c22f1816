"""Incidents on short texts written for these tests: one module of the extractor per file."""

from __future__ import annotations

import pytest

from escalation_cli.extract import doc_to_records
from escalation_cli.readers import Document


@pytest.fixture(scope="session")
def incidents_of(nlp):
    """Incident records of a text, as ``extract`` writes them (in scope only, unless asked)."""
    from escalation_cli.nlp import gazetteer_of

    gazetteer = gazetteer_of(nlp)

    def run(text: str, published: str | None = "2023-03-26", out_of_scope: bool = False):
        document = Document(
            source="t.txt",
            text=text,
            published=published,
            published_precision="day" if published else None,
        )
        found = doc_to_records(nlp(text), document, gazetteer).incidents
        return [i for i in found if i.in_scope or out_of_scope]

    return run


@pytest.fixture(scope="session")
def parse(nlp):
    """A parsed Doc with the text the extractors expect (``seed_text``)."""
    from escalation_cli.extractors.docinfo import seed_text

    def run(text: str):
        doc = nlp(text)
        seed_text(doc, text)
        return doc

    return run


def _one(incidents):
    assert len(incidents) == 1, [(i.weapon, i.date, i.base, i.evidence[0].text) for i in incidents]
    return incidents[0]


@pytest.fixture(scope="session")
def one():
    """The only incident of a list (failing with what was found when there are more)."""
    return _one
