"""Batch ingest: read inputs, map ``process()`` over a process pool, store per article.

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
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from dyad.clean.dedup import NearDuplicateIndex
from dyad.evaluate.common import normalise
from dyad.ingest import iter_documents, raw_hash
from dyad.pipeline import process
from dyad.records import ArticleResult, IngestProblem, RawDocument
from dyad.store import Store, open_store

#: MinHash Jaccard estimate above which two articles count as the same text
NEAR_DUPLICATE_THRESHOLD = 0.85


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


def _safe_process(raw: RawDocument, known: frozenset[str] = frozenset()) -> ArticleResult | str:
    """Run ``process``; return a one-line reason instead of raising."""
    try:
        return process(raw, known_boilerplate=known)
    except Exception as exc:  # noqa: BLE001 - any failure of one article is reported, not fatal
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


class RepeatedLines:
    """Short lines that recur across documents of one outlet: menus, footers, share bars.

    Documents are grouped by their outlet, else by the folder they came from. A line of at
    most ``max_words`` words seen in ``min_docs`` earlier documents of the same group is
    passed to the cleaner as known boilerplate.
    """

    def __init__(self, min_docs: int = 3, max_words: int = 12, max_lines: int = 200_000):
        self.min_docs, self.max_words, self.max_lines = min_docs, max_words, max_lines
        self.counts: dict[str, Counter] = {}

    def observe(self, raw: RawDocument) -> frozenset[str]:
        if not raw.text:
            return frozenset()
        group = raw.outlet or str(Path(raw.source.split("#", 1)[0]).parent)
        counts = self.counts.setdefault(group, Counter())
        lines = {
            normalise(line).casefold()
            for line in raw.text.splitlines()
            if 0 < len(line.split()) <= self.max_words
        }
        known = frozenset(line for line in lines if counts[line] >= self.min_docs)
        if len(counts) < self.max_lines:
            counts.update(lines)
        return known


def _results(
    docs: Iterable[tuple[RawDocument, str]], workers: int
) -> Iterator[tuple[RawDocument, str, ArticleResult | str]]:
    """Yield (raw, raw_hash, result or reason) in input order."""
    repeated = RepeatedLines()
    if workers <= 1:
        for raw, h in docs:
            yield raw, h, _safe_process(raw, repeated.observe(raw))
        return
    window: deque[tuple[RawDocument, str, Future]] = deque()
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
        for raw, h in docs:
            window.append((raw, h, pool.submit(_safe_process, raw, repeated.observe(raw))))
            if len(window) >= workers * 4:
                r, rh, fut = window.popleft()
                yield r, rh, fut.result()
        while window:
            r, rh, fut = window.popleft()
            yield r, rh, fut.result()


class _Deduplicator:
    """Exact and near-duplicate lookup against what is stored and what this run added."""

    def __init__(self, store: Store, threshold: float):
        self.store = store
        self.index = NearDuplicateIndex(threshold=threshold)
        self.source_of: dict[str, str] = {}
        for row in store.list_articles():
            self.source_of[row["id"]] = row["source"]
        for article_id, signature in store.minhashes():
            if signature:
                self.index.add(article_id, signature)

    def original_of(self, result: ArticleResult) -> tuple[str, float] | None:
        art = result.article
        # the same text (or URL) already stored from another input is a duplicate,
        # even when it maps to the same article id
        same = self.store.find_by_content_hash(art.content_hash)
        if same and self.source_of.get(same, art.source) != art.source:
            return same, 1.0
        if self.source_of.get(art.id, art.source) != art.source:
            return art.id, 1.0
        if not art.minhash:
            return None
        for key, sim in self.index.query(art.minhash):
            if self.source_of.get(key, art.source) != art.source:
                return key, sim
        return None

    def add(self, result: ArticleResult) -> None:
        art = result.article
        if art.id not in self.source_of and art.minhash:
            self.index.add(art.id, art.minhash)
        self.source_of[art.id] = art.source


def ingest(
    paths: Iterable[str | Path],
    *,
    db: str | None = None,
    workers: int = 1,
    outlet: str | None = None,
    max_bytes: int = 20_000_000,
    on_problem: Callable[[str], None] | None = None,
    progress: bool = False,
    link_duplicates: bool = True,
) -> Summary:
    """Ingest files and folders into the store at ``db``; returns the run's summary.

    With ``link_duplicates=False`` every input is stored as its own article, even when
    its text repeats one already stored (the benchmark uses this to measure full storage).
    """
    summary = Summary()
    report = on_problem or (lambda line: print(line, file=sys.stderr))
    started = time.perf_counter()
    with open_store(db) as store:
        known = store.source_hashes()
        dedup = _Deduplicator(store, NEAR_DUPLICATE_THRESHOLD)

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

        bar = _Progress(enabled=progress)
        with bar:
            for raw, h, result in _results(todo(), max(1, workers)):
                if isinstance(result, str):
                    summary.failed[_reason_key(result)] += 1
                    line = f"{raw.source}: failed: {result}"
                    summary.problems.append(line)
                    report(line)
                    bar.advance(0)
                    continue
                summary.words += len(result.article.text.split())
                original = dedup.original_of(result) if link_duplicates else None
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
                    dedup.add(result)
                bar.advance(len(result.article.text.split()))
    summary.seconds = time.perf_counter() - started
    return summary


class _Progress:
    """A Rich progress bar showing articles/s; silent when disabled."""

    def __init__(self, enabled: bool):
        self.enabled = enabled and os.environ.get("DYAD_NO_PROGRESS") is None
        self._progress = None
        self._task = None

    def __enter__(self) -> "_Progress":
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("ingesting"),
                BarColumn(),
                TextColumn("{task.completed} articles"),
                TextColumn("{task.fields[rate]} articles/s"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task("ingest", total=None, rate="-")
            self._t0 = time.perf_counter()
        return self

    def advance(self, words: int) -> None:
        if self._progress is not None:
            self._progress.advance(self._task)
            done = self._progress.tasks[0].completed
            rate = done / max(time.perf_counter() - self._t0, 1e-9)
            self._progress.update(self._task, rate=f"{rate:.1f}")

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)
