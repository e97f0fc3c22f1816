"""Batch: read -> nlp -> extract -> write for a list of paths. The CLI only calls this.

With an output directory the run is incremental, atomic and locked:

- every input file is hashed; a file whose hash the state (:mod:`escalation_cli.state`)
  already holds is not read again, its records are reused;
- each processed file's records are committed to the state as soon as the file is done, so a
  killed run loses at most the file in progress;
- the outputs are then rebuilt from the state, in input order, into a new generation
  directory that replaces the previous one in a single rename (:class:`GenerationWriter`);
- an exclusive lock keeps two runs apart.

The pipeline itself runs in an executor (:mod:`escalation_cli.executors`): this process, forked
processes (``workers``) or a Dask cluster (``engine="dask"``). The driver here does everything
else, the same for all three: it sends shards of documents in input order and takes their
records back in the same order.

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
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from spacy.language import Language

from escalation_cli.events import Reference, group_events, reference_from_gazetteer
from escalation_cli.executors import (
    DaskExecutor,
    EngineError,
    Executor,
    PipelineSpec,
    ProcessExecutor,
    SerialExecutor,
    pipeline_fingerprint,
)
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
from escalation_cli.state import State, StoredRecord
from escalation_cli.writers import OUTPUT_TYPES, SINGULAR, GenerationWriter


@dataclass
class RunOptions:
    force: bool = False
    prune: bool = False
    wait: float = 0.0
    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = 16  # docs per model batch
    workers: int = 1  # local processes, or the size of a LocalCluster with engine "dask"
    engine: str = "local"  # "local" (this process or --workers forks) or "dask"
    scheduler: str | None = None  # a Dask scheduler address; None starts a LocalCluster
    pipeline: PipelineSpec | None = None  # how Dask workers build the pipeline
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


# ---- documents in, records out ---------------------------------------------------------------


@dataclass
class _Item:
    """One document (or a file that gave none) on its way through the pipeline."""

    source: str  # the input file (or "-")
    sha256: str | None
    document: Document | None
    last: bool  # the last item of its file
    errors: list[str] = field(default_factory=list)  # the file's errors, on its last item


def _items(
    sources: list[str | ReadError],
    state: State | None,
    options: RunOptions,
    summary: BatchSummary,
    events: Events,
) -> Iterator[_Item]:
    """An item for every document of every input that needs processing."""
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
            yield _Item(key, sha, None, True, errors)
            continue
        for n, document in enumerate(documents):
            last = n == len(documents) - 1
            yield _Item(key, sha, document, last, errors if last else [])


def _as_error(message: str) -> ReadError:
    source, _, reason = message.partition(": ")
    return ReadError(source, reason)


def _fail(summary: BatchSummary, events: Events, error: ReadError) -> None:
    summary.failed += 1
    summary.errors.append(error)
    events.error(error)


def _shards(items: Iterator[_Item], executor: Executor) -> Iterator[list[_Item]]:
    """Consecutive items, each shard at most ``executor.shard_articles`` documents and about
    ``executor.shard_chars`` of text (read again for every shard: a cluster adapts them)."""
    shard: list[_Item] = []
    n = size = 0
    for item in items:
        shard.append(item)
        if item.document is not None:
            n += 1
            size += len(item.document.text)
        if n >= executor.shard_articles or size >= executor.shard_chars:
            yield shard
            shard, n, size = [], 0, 0
    if shard:
        yield shard


def _results(
    executor: Executor, items: Iterator[_Item], interrupt: _Interrupt
) -> Iterator[tuple[_Item, list[StoredRecord], str | None]]:
    """(item, records, failure) in input order: the items go to the executor in shards, no new
    shard once a stop was asked for."""
    in_flight: deque[list[_Item]] = deque()

    def documents() -> Iterator[list[Document]]:
        for shard in _shards(items, executor):
            if interrupt.signal:
                return
            in_flight.append(shard)
            yield [item.document for item in shard if item.document is not None]

    with closing(executor.map(documents())) as outcomes:
        for shard_outcomes in outcomes:
            done = iter(shard_outcomes)
            for item in in_flight.popleft():
                if item.document is None:
                    yield item, [], None
                    continue
                lines, failure = next(done)
                yield item, [StoredRecord(*line) for line in lines], failure


def _process(
    executor: Executor,
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
    with closing(_results(executor, items, interrupt)) as results:
        for item, records, failure in results:
            if item.document is not None:
                if failure is None:
                    pending.extend(records)
                    summary.processed += 1
                else:
                    error = ReadError(item.document.source, failure)
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


def open_executor(
    nlp: Language, options: RunOptions, fingerprint: str, interrupt: _Interrupt
) -> Executor:
    """The executor the options ask for (not yet entered); ``fingerprint`` is the driver's
    pipeline's, which every Dask worker's must match. On a cluster, a stop drops the shards
    still running (their files are redone next time) rather than wait for them."""
    if options.engine == "dask":
        spec = options.pipeline or PipelineSpec.resolve(None)
        return DaskExecutor(
            spec,
            fingerprint,
            options.batch_size,
            workers=options.workers,
            scheduler=options.scheduler,
            stop=lambda: interrupt.signal is not None,
        )
    if options.engine != "local":
        raise EngineError(f"unknown engine {options.engine!r} (local or dask)")
    if options.workers > 1:
        return ProcessExecutor(nlp, options.batch_size, options.workers)
    return SerialExecutor(nlp, options.batch_size)


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

    with open_executor(nlp, options, pipeline_fingerprint(nlp), interrupt) as executor:
        _process(executor, sources, None, options, summary, events, interrupt, emit)
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
    fingerprint = pipeline_fingerprint(nlp)
    with OutputLock(out_dir) as lock:
        if options.lock:
            lock.acquire(options.wait)
        # the engine first: one that cannot start leaves the state and the outputs untouched
        with open_executor(nlp, options, fingerprint, interrupt) as executor:
            state = State(out_dir)
            try:
                if options.force or state.fingerprint() != fingerprint:
                    state.reset(fingerprint)
                _process(
                    executor,
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
