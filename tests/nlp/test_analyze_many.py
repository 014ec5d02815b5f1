"""``analyze_many`` gives each text the Analysis ``analyze`` gives it, batched or not."""
from __future__ import annotations

import pytest

from dyad import nlp
from dyad.nlp import analyze, analyze_many
from tests.shared import shared

TEXTS = [
    "Ministers meet in Baku\n\nThe two ministers met on Monday.",
    "",
    "ASTANA – Kazakhstan's foreign minister arrived on Friday. He met President Tokayev.",
    "   \n\n  ",
    "Valdmere (VP) - The council voted on Tuesday.",
]


@pytest.mark.parametrize("batch_size", [1, 2, 8])
def test_same_as_analyze(batch_size):
    assert list(analyze_many(TEXTS, batch_size=batch_size)) == [analyze(t) for t in TEXTS]


def test_long_texts_are_chunked_as_analyze_chunks_them(monkeypatch):
    seeds = sorted(shared("corpus/seeds").glob("*.txt"))[:3]
    texts = [p.read_text(encoding="utf-8") for p in seeds] + ["A short one.\n\nTwo paragraphs."]
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 1_500)
    assert len(nlp._chunks(texts[0])) > 2
    expected = [analyze(t) for t in texts]
    assert list(analyze_many(texts, batch_size=3)) == expected
    assert list(analyze_many(iter(texts), batch_size=16)) == expected


def test_reads_lazily():
    seen: list[int] = []

    def texts():
        for i, t in enumerate(TEXTS * 4):
            seen.append(i)
            yield t

    first = next(analyze_many(texts(), batch_size=2))
    assert first == analyze(TEXTS[0])
    assert len(seen) < len(TEXTS * 4)
