"""Executors: where the pipeline runs on shards of articles.

The batch driver (:mod:`escalation_cli.batch`) reads the inputs and owns the state, the lock,
the generation switch and the order of the outputs. It hands shards of documents, in input
order, to one executor, which gives back, shard by shard and in the same order, one
:data:`Outcome` per document: the record lines it produced, or why its extraction failed.

- :class:`SerialExecutor`: this process.
- :class:`ProcessExecutor` (``--workers N``): N forked processes sharing the loaded pipeline
  copy-on-write.
- :class:`DaskExecutor` (``--engine dask``): the workers of a Dask cluster (a ``LocalCluster``
  of N processes, or a scheduler's workers on other hosts). Each worker process builds the
  pipeline once from a :class:`PipelineSpec` (never the driver's object) and keeps it.

What a shard gives back is plain strings (JSON lines), never spaCy objects, and depends only on
the shard: a shard run twice (its worker died and Dask ran it again) gives the same lines.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import CancelledError
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc

from escalation_cli import __version__
from escalation_cli.extract import doc_to_records
from escalation_cli.nlp import gazetteer_of
from escalation_cli.readers import Document
from escalation_cli.relevance import RelevanceGate
from escalation_cli.writers import dumps

# One document's outcome: its records as (kind, article_id, JSON line), or the failure reason.
Record = tuple[str, str, str]
Outcome = tuple[list[Record], str | None]


class EngineError(RuntimeError):
    """The engine cannot be used (not installed, unreachable, workers unlike the driver).
    The message is one line; nothing has been written."""


class EngineLost(EngineError):
    """The engine failed during the run (workers died again and again, scheduler gone).
    Files finished before are kept in the state; the outputs are not rebuilt."""


# ---- the pipeline, as workers build and run it -----------------------------------------------


def pipeline_fingerprint(nlp: Language) -> str:
    """Changes when the tool, the model or the patterns change: cached records are then stale.

    The patterns count by file name and content in load order, not by where they are installed,
    so workers on other hosts (another virtualenv) with the same files have the same print."""
    digest = hashlib.sha256()
    digest.update(
        f"{__version__}|{nlp.meta.get('name')}|{nlp.meta.get('version')}|"
        f"{','.join(nlp.pipe_names)}".encode()
    )
    for path in gazetteer_of(nlp).sources:
        digest.update(f"|{Path(path).name}|".encode())
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class PipelineSpec:
    """What a worker needs to build the driver's pipeline: the model name (resolved by the
    driver, so its ``--model`` and ``ESCALATION_MODEL`` count) and the extra pattern
    directories (absolute paths)."""

    model: str | None = None
    patterns: tuple[str, ...] = ()

    @classmethod
    def resolve(cls, model: str | None, patterns: Sequence[str | Path] = ()) -> PipelineSpec:
        from escalation_cli.nlp import resolve_model_name

        return cls(resolve_model_name(model), tuple(str(Path(p).resolve()) for p in patterns))

    def build(self) -> Language:
        from escalation_cli.nlp import build_nlp

        return build_nlp(self.model, list(self.patterns))


class LoadedPipeline:
    """A built pipeline and what running it needs; one per process."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.gate = RelevanceGate(nlp)
        self.gazetteer = gazetteer_of(nlp)
        self._fingerprint: str | None = None

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = pipeline_fingerprint(self.nlp)
        return self._fingerprint

    def run(self, documents: list[Document], batch_size: int) -> list[Outcome]:
        """One outcome per document, in order. The docs are made and dropped in one spaCy
        memory zone, so the strings of a long feed do not pile up in the vocabulary."""
        with self.nlp.memory_zone():
            outcomes = list(self._outcomes(documents, batch_size))
        _release_memory()
        return outcomes

    def _outcomes(self, documents: list[Document], batch_size: int) -> Iterator[Outcome]:
        """Relevant articles through the whole pipeline, the rest through the gate only."""
        order: deque[Outcome | Document] = deque()  # finished outcomes and documents in flight

        def relevant_docs() -> Iterator[tuple[Doc, Document]]:
            for document in documents:
                relevant, cheap = self.gate.check(document.text)
                if relevant:
                    order.append(document)
                    yield self.gate.prepare(cheap), document  # tokenized, matched once
                else:
                    order.append(self._extract(cheap, document, relevant=False))

        for doc, document in self.nlp.pipe(relevant_docs(), as_tuples=True, batch_size=batch_size):
            while order and isinstance(order[0], tuple):
                yield order.popleft()
            order.popleft()  # this document
            yield self._extract(doc, document, relevant=True)
        yield from order  # only outcomes are left

    def _extract(self, doc: Doc, document: Document, relevant: bool) -> Outcome:
        try:
            records = doc_to_records(doc, document, self.gazetteer, relevant=relevant)
        except Exception as exc:  # a bug must cost one article, not the batch
            return [], f"extraction failed: {type(exc).__name__}: {exc}"
        aid = records.article.article_id
        lines = [("articles", aid, dumps(records.article))]
        for kind in ("incidents", "quotes", "claims"):
            lines.extend((kind, aid, dumps(r)) for r in getattr(records, kind))
        return lines, None


def _libc():
    """glibc, where this process has it (None elsewhere: macOS, musl)."""
    global _LIBC
    if _LIBC is None:
        try:
            import ctypes

            _LIBC = ctypes.CDLL("libc.so.6")
            _LIBC.malloc_trim, _LIBC.mallopt  # noqa: B018 (both are there, or neither is used)
        except (OSError, AttributeError):
            _LIBC = False
    return _LIBC or None


_LIBC = None


def _release_memory() -> None:
    """Give the freed heap back to the system after a shard (glibc keeps it otherwise, and the
    peak RSS of a long run would creep up with fragmentation)."""
    libc = _libc()
    if libc:
        libc.malloc_trim(0)


# glibc's mallopt parameters, and the largest mmap threshold its dynamic rule reaches (64-bit).
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_THRESHOLD_MAX = 32 << 20


def _restore_malloc_thresholds() -> None:
    """Undo, in a Dask worker process, what its nanny's ``MALLOC_TRIM_THRESHOLD_`` does to
    glibc: any fixed trim threshold also freezes the mmap threshold at 128 KiB, so every array
    the model allocates for a batch is a fresh ``mmap`` whose pages fault in again (a sixth of
    the time of a run on relevant text in ``make bench``). The thresholds are set where glibc's
    own dynamic rule takes them; memory still goes back to the system after every shard
    (:func:`_release_memory`), which is what the nanny's setting is for."""
    import os

    libc = _libc()
    if libc and "MALLOC_TRIM_THRESHOLD_" in os.environ:
        libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD_MAX)
        libc.mallopt(_M_TRIM_THRESHOLD, 2 * _MMAP_THRESHOLD_MAX)


# ---- the interface ---------------------------------------------------------------------------


class Executor(Protocol):
    """Runs shards of documents; a context manager around its resources (processes, cluster)."""

    shard_articles: int  # at most this many documents in a shard
    shard_chars: int  # and at most about this much text

    def map(self, shards: Iterable[list[Document]]) -> Iterator[list[Outcome]]:
        """The outcomes of each shard, in the order of the shards. Pulls shards only as fast as
        it works through them, so memory stays flat however long the input."""
        ...

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc) -> None: ...


class SerialExecutor:
    """Every shard in this process: a shard is one memory zone."""

    shard_articles = 256
    shard_chars = 1 << 60

    def __init__(self, nlp: Language, batch_size: int) -> None:
        self.pipeline = LoadedPipeline(nlp)
        self.batch_size = batch_size

    def map(self, shards: Iterable[list[Document]]) -> Iterator[list[Outcome]]:
        for documents in shards:
            yield self.pipeline.run(documents, self.batch_size)

    def __enter__(self) -> SerialExecutor:
        return self

    def __exit__(self, *exc) -> None:
        pass


# Forked workers get the parent's pipeline copy-on-write, not by loading it again.
_FORKED: tuple[LoadedPipeline, int] | None = None


def _run_forked(documents: list[Document]) -> list[Outcome]:
    pipeline, batch_size = _FORKED
    return pipeline.run(documents, batch_size)


class ProcessExecutor:
    """``--workers N``: N forked processes, small shards, a few shards in flight per worker."""

    shard_chars = 1 << 60

    def __init__(self, nlp: Language, batch_size: int, workers: int) -> None:
        self.pipeline = LoadedPipeline(nlp)
        self.batch_size = batch_size
        self.workers = workers
        self.shard_articles = 2 * batch_size
        self._pool = None

    def __enter__(self) -> ProcessExecutor:
        global _FORKED
        import multiprocessing

        _FORKED = (self.pipeline, self.batch_size)
        self._pool = multiprocessing.get_context("fork").Pool(self.workers)
        return self

    def __exit__(self, *exc) -> None:
        global _FORKED
        self._pool.terminate()
        self._pool.join()
        self._pool = None
        _FORKED = None

    def map(self, shards: Iterable[list[Document]]) -> Iterator[list[Outcome]]:
        in_flight: deque = deque()
        for documents in shards:
            in_flight.append(self._pool.apply_async(_run_forked, (documents,)))
            while len(in_flight) > 2 * self.workers:
                yield in_flight.popleft().get()
        while in_flight:
            yield in_flight.popleft().get()


# ---- Dask ------------------------------------------------------------------------------------

# The pipeline of this worker process, built from the first shard's spec and kept for the next
# ones (and the next runs on a long-lived cluster). The lock keeps the threads of a worker
# started with more than one thread out of one pipeline (spaCy's memory zones are per process).
_WORKER_PIPELINE: dict[PipelineSpec, LoadedPipeline] = {}
_WORKER_LOCK = threading.Lock()


def run_shard(spec: PipelineSpec, payload: bytes, batch_size: int) -> tuple[str, str, float, bytes]:
    """The Dask task: (this worker's pipeline fingerprint, its address, the seconds the shard
    took, the pickled outcomes).

    Pure: its result depends only on its arguments, so Dask may run it again on another worker
    when the first one died. The shard travels pickled once by the driver (``payload``), so the
    scheduler only passes bytes along."""
    from distributed import get_worker

    with _WORKER_LOCK:
        pipeline = _worker_pipeline(spec)
        started = time.perf_counter()
        outcomes = pipeline.run(pickle.loads(payload), batch_size)
        seconds = time.perf_counter() - started
    return (
        pipeline.fingerprint,
        get_worker().address,
        seconds,
        pickle.dumps(outcomes, protocol=pickle.HIGHEST_PROTOCOL),
    )


def _worker_pipeline(spec: PipelineSpec) -> LoadedPipeline:
    pipeline = _WORKER_PIPELINE.get(spec)
    if pipeline is None:
        _WORKER_PIPELINE.clear()
        _restore_malloc_thresholds()
        pipeline = _WORKER_PIPELINE[spec] = LoadedPipeline(spec.build())
    return pipeline


def load_on_worker(spec: PipelineSpec) -> str:
    """Build the pipeline in this worker process now rather than at its first shard (for
    ``client.run``); its fingerprint."""
    with _WORKER_LOCK:
        return _worker_pipeline(spec).fingerprint


CONNECT_TIMEOUT = 10  # seconds to reach a scheduler before giving up
ALLOWED_FAILURES = 3  # a shard whose worker died is run again this many times (LocalCluster)


# Shards on a cluster are sized to about this many seconds of a worker's time, from the shards
# done so far: long enough that the cost of a task (scheduling, transfer, a memory zone) does
# not count, short enough that the workers finish together and a dead worker costs little.
# Articles the relevance gate turns away are ~15 times cheaper than relevant ones, so a shard
# of a general feed holds a few hundred articles and one of relevant text a dozen or two.
SHARD_SECONDS = 1.0
SHARD_CHARS = (64_000, 1_000_000)  # the first shards, and the largest


class DaskExecutor:
    """``--engine dask``: shards go to the workers of a Dask cluster, a few in flight per
    worker thread; results are taken back in shard order."""

    shard_articles = 256

    def __init__(
        self,
        spec: PipelineSpec,
        fingerprint: str,
        batch_size: int,
        workers: int = 1,
        scheduler: str | None = None,
        stop: Callable[[], bool] = lambda: False,
    ) -> None:
        self.spec = spec
        self.fingerprint = fingerprint
        self.batch_size = batch_size
        self.workers = workers
        self.scheduler = scheduler
        self.stop = stop  # true once the run was asked to stop: in-flight shards are dropped
        self.client = None
        self.cluster = None
        self._threads, self._asked = 0, float("-inf")
        self._rate: float | None = None  # characters a worker gets through per second

    @property
    def shard_chars(self) -> int:
        if self._rate is None:
            return SHARD_CHARS[0]
        return int(min(max(self._rate * SHARD_SECONDS, SHARD_CHARS[0]), SHARD_CHARS[1]))

    def __enter__(self) -> DaskExecutor:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:
            raise EngineError(
                "--engine dask needs Dask: pip install 'escalation-cli[dask]'"
            ) from None
        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
            except (OSError, ValueError) as exc:
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise EngineError(
                    f"cannot reach the Dask scheduler at {self.scheduler}: {reason}"
                ) from None
            try:
                self.client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
            except (TimeoutError, OSError):
                self.client.close()
                raise EngineError(
                    f"the Dask scheduler at {self.scheduler} has no workers "
                    f"(waited {CONNECT_TIMEOUT}s): start some with dask worker {self.scheduler}"
                ) from None
        else:
            settings = {
                "distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
                # each shard ends with malloc_trim already; glibc's default threshold is faster
                "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
            }
            with dask.config.set(settings):
                self.cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                    preload=[__name__],  # dask_setup below
                )
            self.client = Client(self.cluster, set_as_default=False)
        return self

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None

    def _limit(self) -> int:
        """Shards in flight: two per worker thread, so a worker always has the next one (the
        cluster's size is asked again every few seconds: workers come and go)."""
        now = time.monotonic()
        if now - self._asked >= 5:
            self._threads = sum(self.client.nthreads().values())
            self._asked = now
        return 2 * max(1, self._threads)

    def map(self, shards: Iterable[list[Document]]) -> Iterator[list[Outcome]]:
        import uuid

        run = uuid.uuid4().hex[:12]
        in_flight: deque = deque()
        try:
            for n, documents in enumerate(shards):
                payload = pickle.dumps(documents, protocol=pickle.HIGHEST_PROTOCOL)
                future = self.client.submit(
                    run_shard,
                    self.spec,
                    payload,
                    self.batch_size,
                    key=f"escalation-shard-{run}-{n}",
                )
                in_flight.append((future, sum(len(d.text) for d in documents)))
                while len(in_flight) >= self._limit():
                    yield self._result(in_flight.popleft())
            while in_flight:
                yield self._result(in_flight.popleft())
        except _Stopped:
            return
        finally:
            if in_flight and self.client is not None:
                self.client.cancel([future for future, _ in in_flight])

    def _result(self, shard: tuple) -> list[Outcome]:
        future, chars = shard
        from distributed import KilledWorker

        from escalation_cli.gazetteer import GazetteerError
        from escalation_cli.nlp import ModelError

        where = self.scheduler or "the local Dask cluster"
        try:
            while True:
                try:
                    fingerprint, worker, seconds, outcomes = future.result(timeout=0.5)
                    break
                except TimeoutError:
                    if self.stop():
                        future.cancel()
                        raise _Stopped from None
        except KilledWorker:
            raise EngineLost(
                f"{where}: the workers running one shard died {ALLOWED_FAILURES + 1} times; "
                "finished files are kept, run again to carry on"
            ) from None
        except (ModelError, GazetteerError) as exc:
            raise EngineError(f"a Dask worker cannot build the pipeline: {exc}") from None
        except (OSError, CancelledError) as exc:
            raise EngineLost(f"{where}: lost the Dask cluster: {exc}") from None
        finally:
            future.release()
        if fingerprint != self.fingerprint:
            raise EngineError(
                f"Dask worker {worker} builds another pipeline than this driver (fingerprint "
                f"{fingerprint}, here {self.fingerprint}): install the same escalation-cli, "
                "model and patterns on every worker"
            )
        if seconds > 0 and chars:
            rate = chars / seconds
            self._rate = rate if self._rate is None else 0.7 * self._rate + 0.3 * rate
        return pickle.loads(outcomes)


class _Stopped(Exception):
    """The run was asked to stop while shards were still running."""


def dask_setup(worker) -> None:
    """Preload of the workers of the LocalCluster a run starts: Ctrl-C in a terminal reaches
    the whole process group, and it is for the driver to stop the run (its workers would die
    of it and leave their shards unfinished)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
