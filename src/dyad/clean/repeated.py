"""Lines repeated across an outlet's pages: menus, footers, share bars.

The batch runner shows every document to one ``RepeatedLines`` before it is cleaned; what it
returns is passed to ``dyad.clean.clean`` as known boilerplate.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from dyad.records import RawDocument
from dyad.text import normalise


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
