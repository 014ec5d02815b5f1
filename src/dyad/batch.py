"""Batch ingest: read inputs, map the pipeline over batches (``process_many``), store per article.

The runner is the only place that combines the pure per-article work with the store:
it skips inputs already stored unchanged, links exact and near-duplicate articles
instead of storing them twice, and commits each article on its own, so a crash loses
at most the articles in flight and a re-run completes the rest.
"""
from __future__ import annotations

import sys
import time
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from dyad.clean.dedup import Deduplicator
from dyad.clean.repeated import RepeatedLines
from dyad.ingest import iter_documents, raw_hash
from dyad.pipeline import process_many
from dyad.records import ArticleResult, IngestProblem, RawDocument
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
        }


def _reason_key(reason: str) -> str:
    """Group reasons for the summary: the part before any detail after a colon."""
    return reason.split(":", 1)[0].strip()[:80]


def _init_worker() -> None:  # pragma: no cover - runs in child processes
    from dyad import nlp

    nlp.load()


def _reason(exc: BaseException) -> str:
    """A one-line reason for a document that failed."""
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


def _outcome(result: ArticleResult | Exception) -> ArticleResult | str:
    return _reason(result) if isinstance(result, Exception) else result


def _process_batch(items: list[tuple[RawDocument, frozenset[str]]]) -> list[ArticleResult | str]:
    """Process one batch (in a pool worker): a result or a one-line reason per document."""
    known = iter([k for _, k in items])
    results = process_many(
        [raw for raw, _ in items], known_boilerplate=lambda raw: next(known), max_docs=len(items)
    )
    return [_outcome(r) for r in results]


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


def _results(
    docs: Iterable[tuple[RawDocument, str]], workers: int
) -> Iterator[tuple[RawDocument, str, ArticleResult | str]]:
    """Yield (raw, raw_hash, result or reason) in input order.

    Texts are parsed in batches (``process_many``): in this process with one worker,
    else one batch per pool task, a few tasks in flight per worker.
    """
    repeated = RepeatedLines()
    if workers <= 1:
        read: deque[tuple[RawDocument, str]] = deque()

        def raws() -> Iterator[RawDocument]:
            for raw, h in docs:
                read.append((raw, h))
                yield raw

        for result in process_many(raws(), known_boilerplate=repeated.observe):
            raw, h = read.popleft()
            yield raw, h, _outcome(result)
        return
    window: deque[tuple[list[tuple[RawDocument, str, frozenset[str]]], Future]] = deque()
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
        for batch in _batches(docs, repeated):
            window.append((batch, pool.submit(_process_batch, [(r, k) for r, _, k in batch])))
            if len(window) >= workers * 2:
                done, fut = window.popleft()
                yield from ((r, h, res) for (r, h, _), res in zip(done, fut.result()))
        while window:
            done, fut = window.popleft()
            yield from ((r, h, res) for (r, h, _), res in zip(done, fut.result()))


def ingest(
    paths: Iterable[str | Path],
    *,
    db: str | None = None,
    workers: int = 1,
    outlet: str | None = None,
    max_bytes: int = 20_000_000,
    on_problem: Callable[[str], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    link_duplicates: bool = True,
) -> Summary:
    """Ingest files and folders into the store at ``db``; returns the run's summary.

    With ``link_duplicates=False`` every input is stored as its own article, even when
    its text repeats one already stored (the benchmark uses this to measure full storage).
    ``on_progress`` is called once per input processed (stored, linked or failed) with the
    number of words it stored; the CLI draws its progress bar from it.
    """
    summary = Summary()
    report = on_problem or (lambda line: print(line, file=sys.stderr))
    started = time.perf_counter()
    with open_store(db) as store:
        known = store.source_hashes()
        # the near-duplicate index (MinHash LSH over every stored article) is only
        # consulted to link duplicates: without linking, it is not built
        dedup = Deduplicator(
            {row["id"]: row["source"] for row in store.list_articles()},
            store.minhashes(),
            store.find_by_content_hash,
            threshold=NEAR_DUPLICATE_THRESHOLD,
        ) if link_duplicates else None
        advance = on_progress or (lambda words: None)

        def todo() -> Iterator[tuple[RawDocument, str]]:
            for item in iter_documents(paths, max_bytes=max_bytes, outlet=outlet):
                if isinstance(item, IngestProblem):
                    bucket = summary.skipped if item.status == "skipped" else summary.failed
                    bucket[_reason_key(item.reason)] += 1
                    summary.problems.append(item.line())
                    report(item.line())
                    continue
                h = raw_hash(item)
                if known.get(item.source) == h:
                    summary.unchanged += 1
                    continue
                yield item, h

        for raw, h, result in _results(todo(), max(1, workers)):
            if isinstance(result, str):
                summary.failed[_reason_key(result)] += 1
                line = f"{raw.source}: failed: {result}"
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
                if dedup is not None:
                    dedup.add(result)
            advance(words)
    summary.seconds = time.perf_counter() - started
    return summary
