"""Sentence starts the parser must respect: paragraph breaks and datelines."""
from __future__ import annotations

import pytest

from dyad.nlp import analyze

CASES = [
    # (text, the sentences expected)
    ("Ministers meet in Baku\n\nThe two ministers met on Monday.",
     ["Ministers meet in Baku", "The two ministers met on Monday."]),
    ("ASTANA – Kazakhstan's foreign minister arrived on Friday.",
     ["ASTANA –", "Kazakhstan's foreign minister arrived on Friday."]),
    ("Valdmere (VP) - The council voted on Tuesday.",
     ["Valdmere (VP) -", "The council voted on Tuesday."]),
    ("OSLO, March 3 (Wire) - Talks began.", ["OSLO, March 3 (Wire) -", "Talks began."]),
    # a dash inside an ordinary sentence is no dateline
    ("Grain and gas – two old trades – dominate the talks.",
     ["Grain and gas – two old trades – dominate the talks."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentence_starts(text, expected):
    analysis = analyze(text)
    assert [s.text for s in analysis.sentences] == expected
    for s in analysis.sentences:
        assert text[s.start:s.end] == s.text
