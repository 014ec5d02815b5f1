"""Helpers for building hand-made ArticleResults in the store tests."""
from __future__ import annotations

from dyad.records import Sentence


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences cut at '. ' (the test texts are written so that this is right)."""
    out, start = [], 0
    while start < len(text):
        cut = text.find(". ", start)
        end = len(text) if cut < 0 else cut + 1
        out.append(Sentence(index=len(out), start=start, end=end, text=text[start:end]))
        start = end + 1 if cut >= 0 else end
    return tuple(out)


def nth(text: str, needle: str, n: int) -> int:
    """Offset of the n-th (0-based) occurrence of ``needle``."""
    at = -1
    for _ in range(n + 1):
        at = text.index(needle, at + 1)
    return at
