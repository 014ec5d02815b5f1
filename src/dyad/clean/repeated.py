"""Lines repeated across an outlet's pages: menus, footers, share bars.

The batch runner shows every document to one ``RepeatedLines`` before it is cleaned; what it
returns is passed to ``dyad.clean.clean`` as known boilerplate.

What the learner has seen is part of the corpus, not of one run: given a ``memory`` (the
store's ``see_lines``), each input is counted once, in the order it was first seen, and is
shown only the lines of inputs seen before it. Ingesting a corpus in one run, in two halves,
or again after a crash then gives every document the same known lines, so the same cleaned
text and the same rows. Without a memory (tests, the benchmark) the counts live in this object.
"""
from __future__ import annotations

import hashlib
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from dyad.records import RawDocument
from dyad.text import normalise

#: ``memory(source, group, line_hashes) -> {line_hash: inputs seen before holding it}``
Memory = Callable[[str, str, set[str]], dict[str, int]]


def _hash(line: str) -> str:
    return hashlib.blake2b(line.encode("utf-8"), digest_size=8).hexdigest()


class RepeatedLines:
    """Short lines that recur across documents of one outlet: menus, footers, share bars.

    Documents are grouped by their outlet, else by the folder they came from. A line of at
    most ``max_words`` words seen in ``min_docs`` earlier documents of the same group is
    passed to the cleaner as known boilerplate. At most ``max_lines`` short lines of one
    document are counted.
    """

    def __init__(self, min_docs: int = 3, max_words: int = 12, max_lines: int = 2_000,
                 memory: Memory | None = None):
        self.min_docs, self.max_words, self.max_lines = min_docs, max_words, max_lines
        self.memory = memory if memory is not None else _InMemory()

    def observe(self, raw: RawDocument) -> frozenset[str]:
        if not raw.text:
            return frozenset()
        group = raw.outlet or str(Path(raw.source.split("#", 1)[0]).parent)
        lines: dict[str, str] = {}
        for line in raw.text.splitlines():
            if 0 < len(line.split()) <= self.max_words:
                key = normalise(line).casefold()
                lines.setdefault(_hash(key), key)
                if len(lines) >= self.max_lines:
                    break
        counts = self.memory(raw.source, group, set(lines))
        return frozenset(key for h, key in lines.items() if counts.get(h, 0) >= self.min_docs)


class _InMemory:
    """The same bookkeeping as the store's ``see_lines``, for one process."""

    def __init__(self) -> None:
        self.order: dict[str, int] = {}
        self.lines: dict[tuple[str, str], list[int]] = {}
        self.held: dict[int, tuple[str, set[str]]] = {}

    def __call__(self, source: str, group: str, lines: set[str]) -> dict[str, int]:
        seq = self.order.setdefault(source, len(self.order) + 1)
        old_group, old = self.held.get(seq, (group, set()))
        for h in old:
            self.lines[(old_group, h)].remove(seq)
        self.held[seq] = (group, set(lines))
        counts: Counter = Counter()
        for h in lines:
            seqs = self.lines.setdefault((group, h), [])  # sorted
            counts[h] = bisect_left(seqs, seq)
            insort(seqs, seq)
        return dict(counts)
