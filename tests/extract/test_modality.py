"""Modality from the parse: one tricky sentence per row (fictional people)."""
from __future__ import annotations

import pytest

from dyad.extract.events.modality import modality
from dyad.nlp import analyze

ROWS = [
    ("Lena Ortiz visited Oslo.", "visited", "asserted"),
    ("Lena Ortiz will visit Oslo.", "visit", "planned"),
    ("Lena Ortiz is expected to visit Oslo.", "visit", "planned"),
    ("Lena Ortiz plans to visit Oslo.", "visit", "planned"),
    ("Lena Ortiz should visit Oslo.", "visit", "hypothetical"),
    ("Aid groups urged Lena Ortiz to visit Oslo.", "visit", "hypothetical"),
    ("Officials think about supplying Oslo with grain.", "supplying", "hypothetical"),
    ("If Lena Ortiz visits Oslo, talks may resume.", "visits", "hypothetical"),
    ("Lena Ortiz did not visit Oslo.", "visit", "denied"),
    ("Lena Ortiz denied that she visited Oslo.", "visited", "denied"),
    ("Did Lena Ortiz visit Oslo?", "visit", "hypothetical"),
    ("Lena Ortiz said she visited Oslo.", "visited", "asserted"),
    ("Oslo awaits the upcoming visit of Lena Ortiz.", "visit", "planned"),
    ("Reports said Lena Ortiz met Oslo officials. This was denied by her office.", "met", "denied"),
    ("How can Oslo trust Bern, which attacked it?", "attacked", "asserted"),
]


@pytest.mark.parametrize("text,word,expected", ROWS)
def test_modality_rows(text, word, expected):
    a = analyze(text)
    kids: dict[int, list[int]] = {}
    for t in a.tokens:
        if t.head != t.i:
            kids.setdefault(t.head, []).append(t.i)
    i = next(t.i for t in a.tokens if t.text == word)
    got = modality(i, a.tokens, lambda k: kids.get(k, []), lambda s: a.sentences[s].text)
    assert got == expected
