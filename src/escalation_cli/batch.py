"""Batch: read -> nlp -> extract -> write for a list of paths. The CLI only calls this."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language

from escalation_cli.extract import doc_to_records
from escalation_cli.nlp import gazetteer_of
from escalation_cli.readers import Document, ReadError, iter_documents
from escalation_cli.writers import RecordSink


@dataclass
class BatchSummary:
    processed: int = 0
    failed: int = 0
    duplicates: int = 0
    records: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    errors: list[ReadError] = field(default_factory=list)


def run_extract(
    paths: Iterable[str],
    nlp: Language,
    sink: RecordSink,
    *,
    on_error: Callable[[ReadError], None] = lambda e: None,
    on_article: Callable[[Document], None] = lambda d: None,
    batch_size: int = 16,
) -> BatchSummary:
    """Run the whole pipeline; errors are reported through ``on_error`` and never stop it."""
    started = time.perf_counter()
    summary = BatchSummary()
    gazetteer = gazetteer_of(nlp)
    seen: dict[str, str] = {}

    def documents() -> Iterator[tuple[str, Document]]:
        for item in iter_documents(paths):
            if isinstance(item, ReadError):
                summary.failed += 1
                summary.errors.append(item)
                on_error(item)
                continue
            first = seen.setdefault(item.article_id, item.source)
            if first != item.source:
                summary.duplicates += 1
                on_error(ReadError(item.source, f"same text as {first}, skipped"))
                continue
            yield item.text, item

    for doc, document in nlp.pipe(documents(), as_tuples=True, batch_size=batch_size):
        try:
            records = doc_to_records(doc, document, gazetteer)
        except Exception as exc:  # a bug must cost one article, not the batch
            summary.failed += 1
            error = ReadError(document.source, f"extraction failed: {type(exc).__name__}: {exc}")
            summary.errors.append(error)
            on_error(error)
            continue
        sink.write("articles", records.article)
        for kind in ("incidents", "quotes", "claims"):
            for record in getattr(records, kind):
                sink.write(kind, record)
        summary.processed += 1
        on_article(document)
    summary.records = dict(sink.counts)
    summary.seconds = time.perf_counter() - started
    return summary
