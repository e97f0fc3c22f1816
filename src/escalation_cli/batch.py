"""Batch: read -> nlp -> extract -> write for a list of paths. The CLI only calls this.

With an output directory the run is incremental, atomic and locked:

- every input file is hashed; a file whose hash the state (:mod:`escalation_cli.state`)
  already holds is not read again, its records are reused;
- each processed file's records are committed to the state as soon as the file is done, so a
  killed run loses at most the file in progress;
- the outputs are then rebuilt from the state, in input order, into a new generation
  directory that replaces the previous one in a single rename (:class:`GenerationWriter`);
- an exclusive lock keeps two runs apart.

The events (:mod:`escalation_cli.events`) are made from all the incidents at the end and go
into the same generation. With ``out_dir=None`` every record goes to a stream as it is made
(``--out -``), and the events of the stream's incidents follow the last record.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO

from spacy.language import Language
from spacy.tokens import Doc

from escalation_cli import __version__
from escalation_cli.events import Reference, group_events, reference_from_gazetteer
from escalation_cli.extract import doc_to_records
from escalation_cli.locking import OutputLock
from escalation_cli.nlp import gazetteer_of
from escalation_cli.readers import (
    DEFAULT_MAX_BYTES,
    STDIN,
    Document,
    ReadError,
    iter_sources,
    parse_bytes,
    read_raw,
)
from escalation_cli.relevance import RelevanceGate
from escalation_cli.state import State, StoredRecord
from escalation_cli.writers import OUTPUT_TYPES, SINGULAR, GenerationWriter, dumps


@dataclass
class RunOptions:
    force: bool = False
    prune: bool = False
    wait: float = 0.0
    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = 16  # docs per model batch
    workers: int = 1
    lock: bool = True  # False when the caller already holds the output lock
    out_of_scope: bool = False  # also write incidents outside the theatre (in_scope: false)


@dataclass
class BatchSummary:
    sources: int = 0  # input files seen
    processed: int = 0  # articles run through the pipeline in this run
    unchanged: int = 0  # files skipped because their content had not changed
    failed: int = 0  # errors (files, lines or articles)
    duplicates: int = 0
    pruned: int = 0
    records: dict[str, int] = field(default_factory=lambda: {k: 0 for k in OUTPUT_TYPES})
    seconds: float = 0.0
    errors: list[ReadError] = field(default_factory=list)
    warnings: list[ReadError] = field(default_factory=list)
    interrupted: str | None = None  # "SIGINT" / "SIGTERM"


@dataclass
class Events:
    """What the batch tells the outside world as it goes (the CLI prints or logs it)."""

    error: Callable[[ReadError], None] = lambda e: None
    warning: Callable[[ReadError], None] = lambda w: None
    progress: Callable[[str], None] = lambda source: None  # a source file is done


# ---- interruption ----------------------------------------------------------------------------


class _Interrupt:
    """SIGINT/SIGTERM set a flag; the batch stops between articles and keeps what finished."""

    def __init__(self) -> None:
        self.signal: str | None = None
        self._previous: dict[int, object] = {}

    def __enter__(self) -> _Interrupt:
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                self._previous[sig] = signal.signal(sig, self._handle)
            except ValueError:  # not the main thread (tests calling in-process)
                pass
        return self

    def _handle(self, signum, frame) -> None:
        self.signal = signal.Signals(signum).name

    def __exit__(self, *exc) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


# ---- fingerprint -----------------------------------------------------------------------------


def pipeline_fingerprint(nlp: Language) -> str:
    """Changes when the tool, the model or the patterns change: cached records are then stale."""
    digest = hashlib.sha256()
    digest.update(
        f"{__version__}|{nlp.meta.get('name')}|{nlp.meta.get('version')}|"
        f"{','.join(nlp.pipe_names)}".encode()
    )
    for path in sorted(str(p) for p in gazetteer_of(nlp).sources):
        digest.update(path.encode())
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]


# ---- documents in, records out ---------------------------------------------------------------


@dataclass
class _Item:
    """One document (or a file that gave none) on its way through the pipeline."""

    source: str  # the input file (or "-")
    sha256: str | None
    document: Document | None
    last: bool  # the last item of its file
    errors: list[str] = field(default_factory=list)  # the file's errors, on its last item


def _records_of(doc, document: Document, gazetteer, relevant: bool = True) -> list[StoredRecord]:
    records = doc_to_records(doc, document, gazetteer, relevant=relevant)
    aid = records.article.article_id
    out = [StoredRecord("articles", aid, dumps(records.article))]
    for kind in ("incidents", "quotes", "claims"):
        out.extend(StoredRecord(kind, aid, dumps(r)) for r in getattr(records, kind))
    return out


def _items(
    sources: list[str | ReadError],
    state: State | None,
    options: RunOptions,
    summary: BatchSummary,
    events: Events,
) -> Iterator[tuple[str, _Item]]:
    """(text, item) for every document of every input that needs processing."""
    for source in sources:
        if isinstance(source, ReadError):
            _fail(summary, events, source)
            continue
        summary.sources += 1
        raw = read_raw(source, options.max_bytes)
        if isinstance(raw, ReadError):
            _fail(summary, events, raw)
            events.progress(source)
            continue
        sha = hashlib.sha256(raw.data).hexdigest()
        key = STDIN if source == STDIN else source
        known = state.known(key) if state is not None else None
        if known is not None and known[0] == sha:
            summary.unchanged += 1
            for message in known[1]:
                _fail(summary, events, _as_error(message))
            events.progress(source)
            continue
        parsed = list(parse_bytes(raw.data, raw.name, raw.kind))
        documents = [p for p in parsed if isinstance(p, Document)]
        errors = [str(p) for p in parsed if isinstance(p, ReadError)]
        for p in parsed:
            if isinstance(p, ReadError):
                _fail(summary, events, p)
            else:
                for warning in p.warnings:
                    w = ReadError(p.source, warning)
                    summary.warnings.append(w)
                    events.warning(w)
        if not documents:
            yield "", _Item(key, sha, None, True, errors)
            continue
        for n, document in enumerate(documents):
            last = n == len(documents) - 1
            yield document.text, _Item(key, sha, document, last, errors if last else [])


def _as_error(message: str) -> ReadError:
    source, _, reason = message.partition(": ")
    return ReadError(source, reason)


def _fail(summary: BatchSummary, events: Events, error: ReadError) -> None:
    summary.failed += 1
    summary.errors.append(error)
    events.error(error)


def _process(
    nlp: Language,
    sources: list[str | ReadError],
    state: State | None,
    options: RunOptions,
    summary: BatchSummary,
    events: Events,
    interrupt: _Interrupt,
    emit: Callable[[str, list[StoredRecord]], None],
) -> None:
    """Run the pipeline over what changed; ``emit(source, records)`` once per finished file."""
    pending: list[StoredRecord] = []
    items = _items(sources, state, options, summary, events)
    results = _results_parallel if options.workers > 1 else _results_serial
    for item, records, error in results(nlp, items, options, interrupt):
        if item.document is not None:
            if error is None:
                pending.extend(records)
                summary.processed += 1
            else:
                item.errors.append(str(error))
                _fail(summary, events, error)
        if item.last:
            emit(item.source, pending)
            if state is not None and item.sha256 is not None:
                state.save(item.source, item.sha256, pending, item.errors)
            pending = []
            events.progress(item.source)
        if interrupt.signal:
            break


Result = tuple["_Item", list[StoredRecord], ReadError | None]


def _extract(doc, item: _Item, gazetteer, relevant: bool) -> Result:
    try:
        return item, _records_of(doc, item.document, gazetteer, relevant), None
    except Exception as exc:  # a bug must cost one article, not the batch
        reason = f"extraction failed: {type(exc).__name__}: {exc}"
        return item, [], ReadError(item.document.source, reason)


# Docs are made and dropped inside spaCy memory zones of this many articles, so that the
# strings and lexemes of a long feed do not pile up in the vocabulary.
ZONE_ARTICLES = 256


def _release_memory() -> None:
    """Give the freed heap back to the system after a chunk (glibc keeps it otherwise, and the
    peak RSS of a long run would creep up with fragmentation)."""
    global _LIBC
    if _LIBC is None:
        try:
            import ctypes

            _LIBC = ctypes.CDLL("libc.so.6")
        except OSError:
            _LIBC = False
    if _LIBC:
        _LIBC.malloc_trim(0)


_LIBC = None


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while True:
        chunk = list(islice(items, size))
        if not chunk:
            return
        yield chunk


def _results_serial(nlp, items, options, interrupt) -> Iterator[Result]:
    """In order: relevant articles through the whole pipeline, the rest through the gate only."""
    gate = RelevanceGate(nlp)
    gazetteer = gazetteer_of(nlp)
    for chunk in _chunks(items, ZONE_ARTICLES):
        if interrupt.signal:
            return
        with nlp.memory_zone():
            results = list(_chunk_results(nlp, gate, gazetteer, chunk, options.batch_size))
        _release_memory()
        yield from results


def _chunk_results(nlp, gate, gazetteer, chunk, batch_size) -> Iterator[Result]:
    order: deque[Result | _Item] = deque()  # finished results and relevant items in flight

    def relevant_docs() -> Iterator[tuple[Doc, _Item]]:
        for text, item in chunk:
            if item.document is None:
                order.append((item, [], None))
                continue
            relevant, cheap = gate.check(text)
            if relevant:
                order.append(item)
                yield gate.prepare(cheap), item  # tokenized once, gazetteer matched once
            else:
                order.append(_extract(cheap, item, gazetteer, relevant=False))

    for doc, item in nlp.pipe(relevant_docs(), as_tuples=True, batch_size=batch_size):
        while order and isinstance(order[0], tuple):
            yield order.popleft()
        order.popleft()  # this item
        yield _extract(doc, item, gazetteer, relevant=True)
    while order:
        head = order.popleft()
        if isinstance(head, tuple):
            yield head


# Worker processes get the parent's pipeline by fork (copy-on-write), not by loading it again.
_WORKER: tuple | None = None


def _work(chunk: list[tuple[str, _Item]]) -> list[Result]:
    nlp, gate, gazetteer, batch_size = _WORKER
    with nlp.memory_zone():
        results = list(_chunk_results(nlp, gate, gazetteer, chunk, batch_size))
    _release_memory()
    return results


def _results_parallel(nlp, items, options, interrupt) -> Iterator[Result]:
    """The serial work, chunk by chunk, in worker processes (the gate too); results come back
    in input order, with a few chunks in flight so memory stays flat."""
    global _WORKER
    import multiprocessing

    _WORKER = (nlp, RelevanceGate(nlp), gazetteer_of(nlp), options.batch_size)
    in_flight: deque = deque()
    limit = 2 * options.workers
    try:
        with multiprocessing.get_context("fork").Pool(options.workers) as pool:
            for chunk in _chunks(items, 2 * options.batch_size):
                if interrupt.signal:
                    break
                in_flight.append(pool.apply_async(_work, (chunk,)))
                while len(in_flight) > limit:
                    yield from in_flight.popleft().get()
            while in_flight:
                yield from in_flight.popleft().get()
    finally:
        _WORKER = None


# ---- the two ways to run ---------------------------------------------------------------------


def run_extract(
    paths: list[str],
    nlp: Language,
    out_dir: str | Path | None,
    options: RunOptions | None = None,
    events: Events | None = None,
    stream: IO[str] | None = None,
) -> BatchSummary:
    options = options or RunOptions()
    events = events or Events()
    started = time.perf_counter()
    summary = BatchSummary()
    sources = list(iter_sources(paths))
    with _Interrupt() as interrupt:
        if out_dir is None:
            _run_stream(nlp, sources, options, summary, events, interrupt, stream)
        else:
            _run_directory(nlp, sources, Path(out_dir), options, summary, events, interrupt)
        summary.interrupted = interrupt.signal
    summary.seconds = time.perf_counter() - started
    return summary


def _run_stream(nlp, sources, options, summary, events, interrupt, stream) -> None:
    """Every record as it is made; the events, made from all of them, come last."""
    seen: dict[str, str] = {}
    out = stream
    inputs = _EventInputs()

    def write(kind: str, row: dict) -> None:
        line = json.dumps(
            {"type": SINGULAR[kind], **row}, ensure_ascii=False, separators=(",", ":")
        )
        out.write(line + "\n")
        summary.records[kind] += 1

    def emit(source: str, records: list[StoredRecord]) -> None:
        for record in _unique(records, source, seen, summary, events, options):
            row = json.loads(record.line)
            write(record.kind, row)
            inputs.add(record.kind, row)
        out.flush()

    _process(nlp, sources, None, options, summary, events, interrupt, emit)
    for event in inputs.events(reference_from_gazetteer(gazetteer_of(nlp))):
        write("events", event.model_dump(mode="json"))
    out.flush()


class _EventInputs:
    """What events are made from, gathered while the outputs are written: the incidents, and
    the articles without their text."""

    def __init__(self) -> None:
        self.incidents: list[dict] = []
        self.articles: dict[str, dict] = {}

    def add(self, kind: str, row: dict) -> None:
        if kind == "incidents":
            self.incidents.append(row)
        elif kind == "articles":
            self.articles[row.get("article_id")] = {k: v for k, v in row.items() if k != "text"}

    def add_line(self, kind: str, line: str) -> None:
        if kind in ("incidents", "articles"):
            self.add(kind, json.loads(line))

    def events(self, reference: Reference) -> list:
        return group_events(self.incidents, self.articles, reference)


def _in_output(record: StoredRecord, options: RunOptions) -> bool:
    """Out-of-scope incidents are extracted and kept in the state, but written only when asked
    for: switching the option needs no rerun of the model."""
    if record.kind != "incidents" or options.out_of_scope:
        return True
    return json.loads(record.line).get("in_scope", True)


def _unique(
    records: list[StoredRecord],
    source: str,
    seen: dict[str, str],
    summary: BatchSummary,
    events: Events,
    options: RunOptions,
) -> Iterator[StoredRecord]:
    """The same article text in two files is one article: the first file keeps it."""
    skipped: set[str] = set()
    for record in records:
        if not _in_output(record, options):
            continue
        if record.kind == "articles":
            first = seen.setdefault(record.article_id, source)
            if first != source:
                skipped.add(record.article_id)
                summary.duplicates += 1
                w = ReadError(source, f"same text as {first}, skipped")
                summary.warnings.append(w)
                events.warning(w)
                continue
        if record.article_id in skipped:
            continue
        yield record


def _run_directory(nlp, sources, out_dir: Path, options, summary, events, interrupt) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with OutputLock(out_dir) as lock:
        if options.lock:
            lock.acquire(options.wait)
        state = State(out_dir)
        try:
            fingerprint = pipeline_fingerprint(nlp)
            if options.force or state.fingerprint() != fingerprint:
                state.reset(fingerprint)
            _process(
                nlp,
                sources,
                state,
                options,
                summary,
                events,
                interrupt,
                lambda source, records: None,
            )
            if options.prune and not interrupt.signal:
                gone = [s for s in state.sources() if s != STDIN and not os.path.lexists(s)]
                summary.pruned = state.forget(gone)
            listed = [s for s in sources if isinstance(s, str)]
            reference = reference_from_gazetteer(gazetteer_of(nlp))
            _assemble(state, listed, out_dir, summary, events, options, reference)
        finally:
            state.close()


def _assemble(
    state: State,
    listed: list[str],
    out_dir: Path,
    summary: BatchSummary,
    events: Events,
    options: RunOptions,
    reference: Reference,
) -> None:
    """Rebuild the outputs from the state: this run's inputs in order, then files kept from
    earlier runs (removed from disk but not pruned, or given on another command line); then
    the events of all their incidents, into the same generation."""
    known = set(state.sources())
    order = [s for s in dict.fromkeys(listed) if s in known]
    order += sorted(known - set(order))
    writer = GenerationWriter(out_dir)
    seen: dict[str, str] = {}
    inputs = _EventInputs()
    try:
        for source in order:
            records = list(state.records(source))
            for record in _unique(records, source, seen, summary, events, options):
                writer.write_line(record.kind, record.line)
                inputs.add_line(record.kind, record.line)
        for event in inputs.events(reference):
            writer.write("events", event)
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    summary.records = dict(writer.counts)
