"""Batch ingest: read inputs, map the pipeline over batches (``process_many``), store per article.

The runner is the only place that combines the pure per-article work with the store:
it skips inputs already stored unchanged, links exact and near-duplicate articles
instead of storing them twice, and commits each article on its own, so a crash loses
at most the articles in flight and a re-run completes the rest.
"""
from __future__ import annotations

import os
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path

from dyad import workerpool
from dyad.clean.dedup import Deduplicator
from dyad.clean.repeated import RepeatedLines
from dyad.ingest import iter_documents, raw_hash
from dyad.limits import LimitError, Limits
from dyad.pipeline import process_many
from dyad.records import ArticleResult, IngestProblem, RawDocument
from dyad.text import printable
from dyad.store import open_store

#: MinHash Jaccard estimate above which two articles count as the same text
NEAR_DUPLICATE_THRESHOLD = 0.85

#: documents per pool task, parsed as one batch in the worker (small enough to spread a
#: short run over all workers) ...
POOL_BATCH_DOCS = 8
#: ... and their raw text or HTML in characters, unless one alone is longer (what the
#: tasks in flight hold in this process; the worker bounds its parse batches itself)
POOL_BATCH_CHARS = 1_000_000


@dataclass
class Summary:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    skipped: Counter = field(default_factory=Counter)
    failed: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    words: int = 0
    interrupted: bool = False

    @property
    def processed(self) -> int:
        return self.inserted + self.updated + self.duplicates

    @property
    def n_failed(self) -> int:
        return sum(self.failed.values())

    def as_dict(self) -> dict:
        return {
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "skipped": dict(self.skipped),
            "failed": dict(self.failed),
            "seconds": round(self.seconds, 3),
            "words": self.words,
            "interrupted": self.interrupted,
        }


def _reason_key(reason: str) -> str:
    """Group reasons for the summary: the part before any detail after a colon."""
    return reason.split(":", 1)[0].strip()[:80]


#: a short text the worker processes once before its memory is capped, so that what every
#: document needs (the model, lazily imported libraries, the extractors' tables) is loaded and
#: counted in the worker's starting size, not against a document's limit
WARM_UP = ("Officials of Norland and Kestria met in the capital on Monday and agreed to expand trade, "
           "a spokesman for the Norland foreign ministry said.")


def _init_worker(limits: Limits, parent: int) -> None:  # pragma: no cover - runs in child processes
    """A pool worker: dies with the runner, grows by at most ``limits.max_memory_mb``."""
    workerpool.die_with_parent(parent)
    list(process_many([RawDocument(source="warm-up", kind="text", text=WARM_UP)]))
    workerpool.cap_memory(limits.max_memory_mb)


def _reason(exc: BaseException, limits: Limits | None = None) -> str:
    """A one-line reason for a document that failed."""
    if isinstance(exc, MemoryError):
        cap = f"{limits.max_memory_mb:,} MB" if limits is not None and limits.max_memory_mb else "the memory available"
        return f"memory limit: the document needed more than {cap} (--max-memory)"
    if isinstance(exc, LimitError):
        return str(exc)
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


def _outcome(result: ArticleResult | Exception, limits: Limits | None = None) -> ArticleResult | str:
    return _reason(result, limits) if isinstance(result, Exception) else result


def _process_batch(items: list[tuple[RawDocument, frozenset[str]]], limits: Limits) -> list[ArticleResult | str]:
    """Process one batch (in a pool worker): a result or a one-line reason per document."""
    known = iter([k for _, k in items])
    results = process_many(
        [raw for raw, _ in items], known_boilerplate=lambda raw: next(known), max_docs=len(items),
        max_text_chars=limits.max_chars,
    )
    return [_outcome(r, limits) for r in results]


def _batches(
    docs: Iterable[tuple[RawDocument, str]], repeated: RepeatedLines
) -> Iterator[list[tuple[RawDocument, str, frozenset[str]]]]:
    """Group inputs for the pool, by count and by raw size; boilerplate observed in order."""
    batch: list[tuple[RawDocument, str, frozenset[str]]] = []
    chars = 0
    for raw, h in docs:
        size = len(raw.text or "") + len(raw.html or "")
        if batch and (len(batch) >= POOL_BATCH_DOCS or chars + size > POOL_BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append((raw, h, repeated.observe(raw)))
        chars += size
    if batch:
        yield batch


@dataclass
class _Task:
    """Documents sent to the pool together, and whether they are a retry."""
    docs: list[tuple[RawDocument, str, frozenset[str]]]
    future: Future
    retry: bool = False


def _results(
    docs: Iterable[tuple[RawDocument, str]], workers: int, limits: Limits, repeated: RepeatedLines,
    dask: str | None = None,
) -> Iterator[tuple[RawDocument, str, ArticleResult | str]]:
    """Yield (raw, raw_hash, result or reason) in input order.

    Texts are parsed in batches (``process_many``). With no time or memory limit and one
    worker, in this process; else on a pool of worker processes that each die with this one,
    a few batches in flight per worker. A batch that runs out of time (``max_seconds``, so
    that a batch done in time had no document over it) or whose worker dies (killed, out of
    memory) is sent again one document at a time; a document alone that runs out of time fails with "time limit", one
    whose worker dies twice with "worker died". With ``dask`` (an address, or "local[:N]"),
    on the workers of a Dask cluster (``dyad.cluster``).
    """
    if dask is not None:
        from dyad import cluster

        yield from cluster.results(_batches(docs, repeated), dask, limits, _process_batch)
        return
    if workers <= 1 and not limits.max_seconds and not limits.max_memory_mb:
        read: deque[tuple[RawDocument, str]] = deque()

        def raws() -> Iterator[RawDocument]:
            for raw, h in docs:
                read.append((raw, h))
                yield raw

        for result in process_many(raws(), known_boilerplate=repeated.observe, max_text_chars=limits.max_chars):
            raw, h = read.popleft()
            yield raw, h, _outcome(result, limits)
        return
    pool = workerpool.start(max(1, workers), _init_worker, (limits, os.getpid()))

    def submit(batch: list[tuple[RawDocument, str, frozenset[str]]], retry: bool = False) -> _Task:
        # the whole batch within one document's time: then none of its documents took longer
        timeout = limits.max_seconds or None
        return _Task(batch, pool.schedule(_process_batch, ([(r, k) for r, _, k in batch], limits), timeout=timeout), retry)

    def drain(window: deque[_Task]) -> Iterator[tuple[RawDocument, str, ArticleResult | str]]:
        """The results of the oldest task, sending its documents again where it failed."""
        while True:
            task = window[0]
            try:
                outcomes = task.future.result()
            except (TimeoutError, workerpool.WorkerDied) as exc:
                window.popleft()
                timed_out = isinstance(exc, TimeoutError)
                if len(task.docs) > 1 or not (timed_out or task.retry):
                    window.extendleft(reversed([submit([doc], retry=True) for doc in task.docs]))
                    continue
                reason = (f"time limit: over {limits.max_seconds:g} s (--max-seconds)" if timed_out
                          else f"worker died: {workerpool.describe(exc)}, twice")
                raw, h, _ = task.docs[0]
                yield raw, h, reason
                return
            window.popleft()
            yield from ((r, h, res) for (r, h, _), res in zip(task.docs, outcomes))
            return

    window: deque[_Task] = deque()
    try:
        for batch in _batches(docs, repeated):
            window.append(submit(batch))
            while len(window) >= max(1, workers) * 2:
                yield from drain(window)
        while window:
            yield from drain(window)
    finally:
        workerpool.stop(pool)


def ingest(
    paths: Iterable[str | Path],
    *,
    db: str | None = None,
    workers: int = 1,
    outlet: str | None = None,
    max_bytes: int | None = None,
    limits: Limits | None = None,
    on_problem: Callable[[str], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    link_duplicates: bool = True,
    dask: str | None = None,
) -> Summary:
    """Ingest files and folders into the store at ``db``; returns the run's summary.

    ``limits`` (default ``Limits.from_env()``; ``max_bytes`` overrides its field) bounds
    what one document may cost: a document past one fails with its reason and the run goes
    on. The store is opened, and checked writable, before any input is read.
    With ``link_duplicates=False`` every input is stored as its own article, even when
    its text repeats one already stored (the benchmark uses this to measure full storage).
    ``on_progress`` is called once per input processed (stored, linked or failed) with the
    number of words it stored; the CLI draws its progress bar from it. On Ctrl-C the run
    stops its workers and returns what it did, with ``interrupted`` set. ``dask``: run the
    pipeline on a Dask cluster instead ("tcp://host:8786", or "local" / "local:N" for a
    ``LocalCluster`` of N workers on this machine); results are stored here, as in a local run.
    """
    limits = limits or Limits.from_env()
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    summary = Summary()
    report = on_problem or (lambda line: print(line, file=sys.stderr))
    started = time.perf_counter()
    with open_store(db, write=True) as store:
        # nothing of the corpus is loaded: each input's stored hash, and each article's exact and
        # near duplicates, are looked up in the store's indexes as it comes
        dedup = Deduplicator(store, threshold=NEAR_DUPLICATE_THRESHOLD) if link_duplicates else None
        advance = on_progress or (lambda words: None)

        def todo() -> Iterator[tuple[RawDocument, str]]:
            for item in iter_documents(paths, max_bytes=limits.max_bytes, outlet=outlet, max_chars=limits.max_chars):
                if isinstance(item, IngestProblem):
                    bucket = summary.skipped if item.status == "skipped" else summary.failed
                    bucket[_reason_key(item.reason)] += 1
                    summary.problems.append(item.line())
                    report(item.line())
                    continue
                h = raw_hash(item)
                if store.raw_hash_of(item.source) == h:
                    summary.unchanged += 1
                    continue
                yield item, h

        repeated = RepeatedLines(memory=store.see_lines)
        results = _results(todo(), max(1, workers), limits, repeated, dask)
        try:
            for raw, h, result in results:
                if isinstance(result, str):
                    summary.failed[_reason_key(result)] += 1
                    line = f"{printable(raw.source)}: failed: {printable(result)}"
                    summary.problems.append(line)
                    report(line)
                    advance(0)
                    continue
                words = len(result.article.text.split())
                summary.words += words
                original = dedup.original_of(result) if dedup is not None else None
                if original is not None:
                    store.record_duplicate(raw.source, original[0], original[1], h)
                    summary.duplicates += 1
                else:
                    status = store.save(result, raw_hash=h)
                    if status == "inserted":
                        summary.inserted += 1
                    elif status == "updated":
                        summary.updated += 1
                    else:
                        summary.unchanged += 1
                advance(words)
        except KeyboardInterrupt:
            summary.interrupted = True
        finally:
            results.close()
    summary.seconds = time.perf_counter() - started
    return summary
