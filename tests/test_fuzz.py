"""Random bytes to the readers and random text to the whole pipeline: nothing may crash."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from escalation_cli.extract import doc_to_records
from escalation_cli.readers import Document, ReadError, parse_bytes

WORDS = [
    "\u201c",
    "\u201d",
    "\u2018",
    "\u2019",
    '"',
    "'",
    ",",
    ".",
    ":",
    "\n\n",
    "said",
    "told",
    "according",
    "to",
    "claimed",
    "that",
    "he",
    "added",
    "Ryder",
    "Biden",
    "the",
    "a",
    "drone",
    "rocket",
    "attack",
    "strike",
    "struck",
    "targeted",
    "killed",
    "wounded",
    "three",
    "at",
    "least",
    "more",
    "than",
    "a",
    "dozen",
    "on",
    "Sunday",
    "23",
    "March",
    "2023",
    "al-Tanf",
    "Harir",
    "Deir",
    "Ezzor",
    "Hasakah's",
    "base",
    "in",
    "Syria",
    "after",
    "hours",
    "a",
    "day",
    "later",
    "that",
    "night",
    "US",
    "Iran-backed",
    "groups",
    "is",
    "said",
    "it",
    "was",
    "reported",
    "accused",
    "of",
    "held",
    "responsible",
    "for",
    "intercepted",
    "\u2014",
    "(",
    ")",
    "[",
    "]",
    "Tower",
    "22",
    "\u00e9",
    "\u0627\u0644",
]


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=2000), kind=st.sampled_from(["text", "html", "json", "jsonl"]))
def test_readers_never_crash_on_random_bytes(data, kind):
    for item in parse_bytes(data, "fuzz", kind):
        assert isinstance(item, Document | ReadError)
        if isinstance(item, ReadError):
            assert "\n" not in str(item)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=400), kind=st.sampled_from(["text", "html", "json", "jsonl"]))
def test_readers_never_crash_on_random_text(text, kind):
    for item in parse_bytes(text.encode("utf-8", "surrogatepass"), "fuzz", kind):
        assert isinstance(item, Document | ReadError)


@pytest.fixture(scope="module")
def run_pipeline(nlp):
    from escalation_cli.nlp import gazetteer_of

    gazetteer = gazetteer_of(nlp)

    def run(text: str):
        document = Document(
            source="fuzz", text=text, published="2023-03-26", published_precision="day"
        )
        return doc_to_records(nlp(text), document, gazetteer)

    return run


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_pipeline_never_crashes_on_random_text(run_pipeline, text):
    records = run_pipeline(text)
    for quote in records.quotes:
        assert text[quote.start : quote.end].strip()
    for claim in records.claims:
        assert text[claim.start : claim.end] == claim.content


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.lists(st.sampled_from(WORDS), max_size=80))
def test_pipeline_never_crashes_on_news_like_word_salad(run_pipeline, words):
    text = " ".join(words)
    records = run_pipeline(text)
    for incident in records.incidents:
        for evidence in incident.evidence:
            assert text[evidence.start : evidence.end] == evidence.text
